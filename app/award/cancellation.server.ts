// Aufhebung: an officer cancels the whole call or one lot, with a written reason, until the
// award; every carrier that applied (and did not withdraw) gets a notice, PDF and mail. A
// cancelled lot leaves the award proposal; an approved proposal must then be approved again.
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { translator, type Locale } from "../i18n";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, writeTx, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { applications, awardDecisions, awardProcedures, calls, lots, organisations } from "../infra/schema";
import { loadCallView } from "../procurement/calls.server";
import { requireOfficer } from "../evaluation/opening.server";
import { cancellationDocument } from "./letters";
import { deliverNotices, insertNotices, letterInput, type SendOptions, type SentNotices } from "./notices.server";
import { assertNotDecided, callRow, checkReason, lotIdsOf, lotLabel, procedureRow, readAllocation, type Reader } from "./records.server";

/** Every organisation that applied to the call and did not withdraw. */
async function applicants(database: Reader, callId: string) {
  return database
    .select({ applicationId: applications.id, organisationId: organisations.id, organisationName: organisations.name })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(and(eq(applications.callId, callId), ne(applications.status, "withdrawn")))
    .orderBy(asc(organisations.name));
}

async function cancel(opts: { officerUserId: string; callId: string; lotId: string | null; reason: string; now: Date; db?: Db } & SendOptions): Promise<SentNotices> {
  const database = opts.db ?? defaultDb();
  const reason = checkReason(opts.reason, "award.refusal.what.cancellation");
  await requireOfficer(database, opts.officerUserId);
  const call = await callRow(database, opts.callId);
  assertNotDecided(call);
  let label: string | null = null;
  if (opts.lotId) {
    const lot = (await loadCallView(call.slug, { includeDrafts: true, db: database }))!.lots.find((l) => l.id === opts.lotId);
    if (!lot) throw new DomainError("NOT_FOUND", "notFound.lot");
    if (lot.cancelled) throw new DomainError("CONFLICT", "award.refusal.lotCancelled");
    label = lotLabel(lot);
  }
  const docs = [];
  for (const a of await applicants(database, call.id)) {
    const input = await letterInput(database, call, a.organisationId, opts.now);
    docs.push({
      organisationId: a.organisationId,
      applicationId: a.applicationId,
      write: (locale: Locale) => cancellationDocument({ ...input, lotLabel: label, reason, locale }, translator(locale)),
    });
  }
  return deliverNotices(database, call, docs, opts, {
    record: (outgoing) =>
      writeTx(async (tx) => {
        const current = await callRow(tx, call.id);
        assertNotDecided(current);
        if (opts.lotId) {
          const done = await tx
            .update(lots)
            .set({ cancelledAt: opts.now, cancellationReason: reason })
            .where(and(eq(lots.id, opts.lotId), eq(lots.callId, call.id), isNull(lots.cancelledAt)))
            .returning({ id: lots.id });
          // The rows it returns, not the driver's count: better-sqlite3 says `changes`, node-postgres `rowCount`.
          if (done.length !== 1) throw new DomainError("CONFLICT", "award.refusal.lotCancelled");
          // The lot leaves the proposal; an approved proposal must be approved again.
          await tx.delete(awardDecisions).where(eq(awardDecisions.lotId, opts.lotId));
          const procedure = await procedureRow(tx, call.id);
          if (procedure) {
            const allocation = readAllocation(procedure);
            await tx
              .update(awardProcedures)
              .set({
                allocation: { ...allocation, lots: allocation.lots.filter((l) => l.lotId !== opts.lotId) },
                ...(procedure.status === "approved" ? { status: "proposed" as const, approvedAt: null, approvedByUserId: null } : {}),
              })
              .where(eq(awardProcedures.id, procedure.id));
            if (procedure.status === "approved") {
              await tx.update(awardDecisions).set({ status: "proposed" }).where(and(inArray(awardDecisions.lotId, await lotIdsOf(tx, call.id)), eq(awardDecisions.status, "approved")));
            }
          }
        } else {
          await tx.update(calls).set({ status: "cancelled", cancelledAt: opts.now, cancellationReason: reason, updatedAt: opts.now }).where(eq(calls.id, call.id));
        }
        const written = await insertNotices(tx, outgoing, call.id, opts.officerUserId, opts.now, null);
        await appendAudit(tx, {
          at: opts.now,
          actorUserId: opts.officerUserId,
          action: opts.lotId ? "call.lot-cancelled" : "call.cancelled",
          objectType: "call",
          objectId: call.id,
          details: { lotId: opts.lotId, reason, notices: written.map((w) => ({ noticeId: w.noticeId, organisationId: w.organisationId, fileSha256: w.sha256 })) },
        });
      }, database),
  });
}

/** Aufhebung des Aufrufs: status "cancelled", notices to every carrier that applied. */
export function cancelCall(opts: { officerUserId: string; callId: string; reason: string; now: Date; db?: Db } & SendOptions): Promise<SentNotices> {
  return cancel({ ...opts, lotId: null });
}

/** Aufhebung eines Loses: the lot leaves the procedure; notices to every carrier that applied. */
export function cancelLot(opts: { officerUserId: string; callId: string; lotId: string; reason: string; now: Date; db?: Db } & SendOptions): Promise<SentNotices> {
  return cancel(opts);
}
