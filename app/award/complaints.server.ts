// Rügen (§ 160 GWB): a carrier files one online, or an officer records one received on
// paper, from the publication of the call to the end of the standstill (complaint-rules.ts),
// naming the lots it concerns; until an officer decides it (upheld, partly upheld, rejected,
// with reasons, sent to the carrier as a letter), the award of those lots waits
// (award-decision.server.ts). A complaint is the complainant's own text: nothing of any bid
// is read here, and whether the complaining organisation applied is neither checked nor
// recorded, so that a complaint before the opening tells the city nothing of who applied.
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { translator, type Locale } from "../i18n";
import { carrierContext, memberRecipients } from "../identity/carriers.server";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db, type Tx } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { sendToEachReader } from "../infra/mail.server";
import { awardDecisions, complaintLots, complaints, lots, organisations, type ComplaintDecision } from "../infra/schema";
import { lotsWithNames } from "../procurement/lots.server";
import { complaintReceiptLetter } from "../mail/letters";
import { requireOfficer } from "../evaluation/opening.server";
import { complaintWindowRefusal, lotsHeldBack } from "./complaint-rules";
import { complaintDecisionDocument } from "./letters";
import { deliverNotices, insertNotices, letterInput, type SendOptions } from "./notices.server";
import { callRow, checkReason, lotLabel, procedureRow, type CallRow, type Reader } from "./records.server";

async function assertWindowOpen(database: Reader, call: CallRow, now: Date) {
  const procedure = await procedureRow(database, call.id);
  const refusal = complaintWindowRefusal({ callStatus: call.status, procedure: procedure && { status: procedure.status, earliestAwardAt: procedure.earliestAwardAt } }, now);
  if (!refusal) return;
  if (refusal.key === "complaint.refusal.standstillOver") throw new DomainError("CONFLICT", refusal.key, { date: refusal.date });
  throw new DomainError("CONFLICT", refusal.key);
}

/** The call's lots whose award is decided (awarded or rejected). */
async function decidedLotIds(database: Reader, callId: string): Promise<Set<string>> {
  return new Set(
    (
      await database
        .select({ lotId: awardDecisions.lotId })
        .from(awardDecisions)
        .innerJoin(lots, eq(lots.id, awardDecisions.lotId))
        .where(and(eq(lots.callId, callId), inArray(awardDecisions.status, ["awarded", "rejected"])))
    ).map((d) => d.lotId),
  );
}

/** The lots of the call a complaint names, each one of the call, not cancelled and not yet decided. */
async function checkLots(database: Reader, call: CallRow, lotIds: string[]) {
  const ofCall = new Map((await lotsWithNames(database, call.id)).map((l) => [l.lotId, l]));
  const decided = await decidedLotIds(database, call.id);
  for (const lotId of lotIds) {
    const lot = ofCall.get(lotId);
    if (!lot) throw new DomainError("NOT_FOUND", "notFound.lot");
    if (lot.cancelledAt) throw new DomainError("CONFLICT", "complaint.refusal.lotCancelled", { lot: lotLabel(lot) });
    if (decided.has(lotId)) throw new DomainError("CONFLICT", "complaint.refusal.lotDecided", { lot: lotLabel(lot) });
  }
  return [...new Set(lotIds)].map((id) => ofCall.get(id)!);
}

async function insertComplaint(
  tx: Tx,
  values: { callId: string; organisationId: string | null; source: "online" | "paper"; receivedAt: Date; summary: string; userId: string; now: Date },
  lotIds: string[],
): Promise<string> {
  const [{ id: complaintId }] = await tx
    .insert(complaints)
    .values({ callId: values.callId, organisationId: values.organisationId, source: values.source, receivedAt: values.receivedAt, summary: values.summary, recordedByUserId: values.userId, recordedAt: values.now })
    .returning({ id: complaints.id });
  for (const lotId of lotIds) await tx.insert(complaintLots).values({ complaintId, lotId });
  return complaintId;
}

/**
 * A carrier files a Rüge online: the lots it concerns (at least one) and its reasons. It is
 * received at `now`; the members of the organisation get a receipt by mail.
 */
export async function fileComplaint(opts: {
  actor: { userId: string; organisationId: string };
  callId: string;
  lotIds: string[];
  reasons: string;
  now: Date;
  db?: Db;
  /** The portal's public base URL, for the receipt's link. */
  baseUrl?: string;
}): Promise<{ complaintId: string; mailsSent: number }> {
  const database = opts.db ?? defaultDb();
  const reasons = checkReason(opts.reasons, "complaint.what.reasons");
  if (opts.lotIds.length === 0) throw new DomainError("INVALID", "complaint.refusal.noLot", undefined, "lose");
  const { complaintId, callTitle, callSlug, organisationName, lotLabels } = await writeTx(async (tx) => {
    const carrier = await carrierContext(opts.actor.userId, tx);
    if (!carrier || carrier.organisationId !== opts.actor.organisationId) throw new DomainError("FORBIDDEN", "opening.officersOnly");
    if (!carrier.emailConfirmed) throw new DomainError("FORBIDDEN", "complaint.refusal.unconfirmed");
    const call = await callRow(tx, opts.callId);
    await assertWindowOpen(tx, call, opts.now);
    const named = await checkLots(tx, call, opts.lotIds);
    const id = await insertComplaint(
      tx,
      { callId: call.id, organisationId: carrier.organisationId, source: "online", receivedAt: opts.now, summary: reasons, userId: opts.actor.userId, now: opts.now },
      named.map((l) => l.lotId),
    );
    // The reasons stay out of the audit trail: it records who filed what when, not the text.
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      action: "award.complaint-filed",
      objectType: "call",
      objectId: call.id,
      details: { complaintId: id, organisationId: carrier.organisationId, lotIds: named.map((l) => l.lotId) },
    });
    return { complaintId: id, callTitle: call.title, callSlug: call.slug, organisationName: carrier.organisationName, lotLabels: named.map(lotLabel) };
  }, database);
  const base = (opts.baseUrl ?? "").replace(/\/$/, "");
  // The receipt names the complaining organisation and its own text, nothing of a bid: not sealed.
  const mailsSent = await sendToEachReader(
    await memberRecipients(database, opts.actor.organisationId),
    (reader) => complaintReceiptLetter({ callTitle, organisationName, receivedAt: opts.now, lots: lotLabels, reasons, pageUrl: base ? `${base}/traeger/aufrufe/${callSlug}/ruege` : undefined, baseUrl: opts.baseUrl, reader }),
    "complaint receipt",
  );
  return { complaintId, mailsSent };
}

/** An officer records a complaint received on paper; no lot named: it concerns every lot. */
export async function recordComplaint(opts: {
  officerUserId: string;
  callId: string;
  organisationId: string | null;
  lotIds: string[];
  receivedAt: Date;
  summary: string;
  now: Date;
  db?: Db;
}): Promise<{ complaintId: string }> {
  const summary = checkReason(opts.summary, "award.refusal.what.complaint");
  return writeTx(async (tx) => {
    const officer = await requireOfficer(tx, opts.officerUserId);
    const call = await callRow(tx, opts.callId);
    await assertWindowOpen(tx, call, opts.now);
    if (opts.receivedAt.getTime() > opts.now.getTime()) throw new DomainError("INVALID", "award.refusal.complaintInFuture");
    if (opts.organisationId && !(await first(tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, opts.organisationId))))) {
      throw new DomainError("NOT_FOUND", "notFound.carrier");
    }
    const named = (await checkLots(tx, call, opts.lotIds)).map((l) => l.lotId);
    const complaintId = await insertComplaint(tx, { callId: call.id, organisationId: opts.organisationId, source: "paper", receivedAt: opts.receivedAt, summary, userId: officer.id, now: opts.now }, named);
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: "award.complaint-recorded",
      objectType: "call",
      objectId: call.id,
      details: { complaintId, organisationId: opts.organisationId, lotIds: named, receivedAt: opts.receivedAt.toISOString() },
    });
    return { complaintId };
  }, opts.db ?? defaultDb());
}

/**
 * An officer decides a complaint (upheld, partly upheld, rejected) with reasons; the carrier
 * that raised it gets the decision as a letter (PDF and mail). The lots it held back are
 * free for the award from then on.
 */
export async function decideComplaint(
  opts: { officerUserId: string; complaintId: string; decision: ComplaintDecision; reasons: string; now: Date; db?: Db } & SendOptions,
): Promise<{ letters: number; mailsSent: number }> {
  const database = opts.db ?? defaultDb();
  const reasons = checkReason(opts.reasons, "complaint.what.decision");
  const officer = await requireOfficer(database, opts.officerUserId);
  const complaint = await first(database.select().from(complaints).where(eq(complaints.id, opts.complaintId)));
  if (!complaint) throw new DomainError("NOT_FOUND", "notFound.complaint");
  if (complaint.resolvedAt) throw new DomainError("CONFLICT", "complaint.refusal.decidedAlready");
  const call = await callRow(database, complaint.callId);
  const named = (await lotsOfComplaints(database, [complaint])).get(complaint.id) ?? [];
  const lotLabels = (await lotsWithNames(database, call.id)).filter((l) => named.includes(l.lotId)).map(lotLabel);
  const input = complaint.organisationId ? await letterInput(database, call, complaint.organisationId, opts.now) : null;
  const docs = complaint.organisationId
    ? [
        {
          organisationId: complaint.organisationId,
          applicationId: null,
          write: (locale: Locale) =>
            complaintDecisionDocument({ ...input!, receivedAt: complaint.receivedAt, lotLabels, decision: opts.decision, reasons, locale }, translator(locale)),
        },
      ]
    : [];
  const sent = await deliverNotices(database, call, docs, opts, {
    record: (outgoing) =>
      writeTx(async (tx) => {
        const done = await tx
          .update(complaints)
          .set({ resolvedAt: opts.now, decision: opts.decision, resolution: reasons, resolvedByUserId: officer.id })
          .where(and(eq(complaints.id, complaint.id), isNull(complaints.resolvedAt)))
          .returning({ id: complaints.id });
        if (done.length !== 1) throw new DomainError("CONFLICT", "complaint.refusal.decidedAlready");
        const written = await insertNotices(tx, outgoing, call.id, officer.id, opts.now, null);
        await appendAudit(tx, {
          at: opts.now,
          actorUserId: officer.id,
          action: "award.complaint-decided",
          objectType: "call",
          objectId: call.id,
          details: { complaintId: complaint.id, decision: opts.decision, lotIds: named, notices: written.map((w) => ({ noticeId: w.noticeId, organisationId: w.organisationId, fileSha256: w.sha256 })) },
        });
      }, database),
  });
  return { letters: sent.notices, mailsSent: sent.mailsSent };
}

type ComplaintRow = { id: string; lotId: string | null };

/** The lots each complaint names: complaint_lots, or the one lot of a complaint recorded before them. */
async function lotsOfComplaints(database: Reader, rows: ComplaintRow[]): Promise<Map<string, string[]>> {
  const ids = rows.map((r) => r.id);
  const named = ids.length ? await database.select().from(complaintLots).where(inArray(complaintLots.complaintId, ids)) : [];
  return new Map(rows.map((r) => [r.id, [...named.filter((n) => n.complaintId === r.id).map((n) => n.lotId), ...(r.lotId ? [r.lotId] : [])]]));
}

/** The complaints of a call, oldest first, with the lots each names. */
export async function complaintsOfCall(database: Reader, callId: string, organisationId?: string) {
  const rows = await database
    .select({
      id: complaints.id,
      lotId: complaints.lotId,
      source: complaints.source,
      organisationId: complaints.organisationId,
      organisationName: organisations.name,
      receivedAt: complaints.receivedAt,
      summary: complaints.summary,
      resolvedAt: complaints.resolvedAt,
      decision: complaints.decision,
      resolution: complaints.resolution,
    })
    .from(complaints)
    .leftJoin(organisations, eq(organisations.id, complaints.organisationId))
    .where(organisationId ? and(eq(complaints.callId, callId), eq(complaints.organisationId, organisationId)) : eq(complaints.callId, callId))
    .orderBy(asc(complaints.receivedAt), asc(complaints.recordedAt));
  const lotsOf = await lotsOfComplaints(database, rows);
  return rows.map(({ lotId: _legacy, ...c }) => ({ ...c, lotIds: lotsOf.get(c.id) ?? [] }));
}

/**
 * The lots of the call whose award waits, each with the open complaints that hold it back:
 * the lots not cancelled and not yet decided that an open complaint names (or every such lot
 * for a complaint naming none).
 */
export async function heldBackLots(database: Reader, callId: string): Promise<Map<string, string[]>> {
  const open = (await complaintsOfCall(database, callId)).filter((c) => c.resolvedAt === null);
  if (!open.length) return new Map();
  const decided = await decidedLotIds(database, callId);
  const undecided = (await lotsWithNames(database, callId))
    .filter((l) => !l.cancelledAt && !decided.has(l.lotId))
    .map((l) => l.lotId);
  return lotsHeldBack(open.map((c) => ({ id: c.id, lotIds: c.lotIds, open: true })), undecided);
}

/**
 * What a carrier's complaint page shows: the call, the lots a complaint may still name, why
 * none can be filed (null while one can), and the organisation's own complaints on the call.
 */
export async function complaintPageForCarrier(opts: { organisationId: string; callId: string; now: Date; db?: Db }) {
  const database = opts.db ?? defaultDb();
  const call = await callRow(database, opts.callId);
  const procedure = await procedureRow(database, call.id);
  const closed = complaintWindowRefusal({ callStatus: call.status, procedure: procedure && { status: procedure.status, earliestAwardAt: procedure.earliestAwardAt } }, opts.now);
  const decided = await decidedLotIds(database, call.id);
  const all = await lotsWithNames(database, call.id);
  const own = await complaintsOfCall(database, call.id, opts.organisationId);
  const labels = new Map(all.map((l) => [l.lotId, lotLabel(l)]));
  return {
    call: { id: call.id, slug: call.slug, title: call.title, isDemo: call.isDemo },
    closed,
    lots: all.filter((l) => !l.cancelledAt && !decided.has(l.lotId)).map((l) => ({ id: l.lotId, label: lotLabel(l) })),
    own: own.map((c) => ({
      id: c.id,
      receivedAt: c.receivedAt,
      lots: c.lotIds.map((id) => labels.get(id) ?? ""),
      summary: c.summary,
      resolvedAt: c.resolvedAt,
      decision: c.decision,
    })),
  };
}
