// Verbindliche Einreichung: freezes the working copy into a numbered, hashed, sealed
// version, by the server clock read inside the writing transaction. Receipts and mails
// come after the commit, never before. The frozen content is stored encrypted with the
// call's key (sealed storage, VgV § 54); its hash is that of the plaintext.
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { appendAudit, canonicalJson } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { ensureCallKey, sealContext, sealValue } from "../infra/sealing.server";
import { applications, calls, organisations, submissions, users } from "../infra/schema";
import { publicPhase, type CallView } from "../procurement/call-view";
import { sectionsOfRole } from "../procurement/standards";
import { openSubmissionContentOf } from "./sealed-content.server";
import { loadApplication, type CarrierActor } from "./applications.server";
import { costTotals, missingItems, termMonths } from "./rules";
import { tandemLots } from "../procurement/tandem";
import type { Receipt, SubmissionSnapshot } from "./snapshot";
import { now as serverNow } from "../infra/clock.server";

export function contentHashOf(snapshot: SubmissionSnapshot): string {
  return createHash("sha256").update(canonicalJson(snapshot)).digest("hex");
}

/** Eingangsnummer: year of receipt and ten random characters; says nothing about counts. */
export function newReceiptNumber(at: Date): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(10);
  const code = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return `EB-${at.getUTCFullYear()}-${code.slice(0, 5)}-${code.slice(5)}`;
}

function buildSnapshot(view: Awaited<ReturnType<typeof loadApplication>>, organisation: typeof organisations.$inferSelect): SubmissionSnapshot {
  const { call, draft } = view;
  const months = termMonths(call.dates.serviceStart, call.dates.contractEnd);
  const lotById = new Map(call.lots.map((l) => [l.id, l]));
  // Present only on paired lots, so that a snapshot without pairs reads as before.
  const pairWith = new Map(
    tandemLots(call)
      .filter((t) => view.tandemRegions.includes(t.regionCode))
      .flatMap((t) => [
        [t.lotIds[0], t.lotIds[1]],
        [t.lotIds[1], t.lotIds[0]],
      ]),
  );
  return {
    format: "submission-v1",
    call: { id: call.id, slug: call.slug, title: call.title, submissionDeadline: call.dates.submissionDeadline.toISOString() },
    organisation: {
      id: organisation.id,
      name: organisation.name,
      legalForm: organisation.legalForm,
      street: organisation.street,
      postalCode: organisation.postalCode,
      city: organisation.city,
      registerCourt: organisation.registerCourt,
      registerNumber: organisation.registerNumber,
      nonProfit: organisation.nonProfit,
    },
    lots: draft.lots
      .map((bid) => {
        const lot = lotById.get(bid.lotId)!;
        return {
          lotId: lot.id,
          number: lot.number,
          regionName: lot.regionName,
          roleName: lot.roleName,
          concept: sectionsOfRole(call.conceptSections, lot.roleCode).map((s) => ({ code: s.code, title: s.title, text: bid.concept[s.code] ?? "" })),
          conceptFile: bid.conceptFile,
          posts: bid.posts,
          costPlan: bid.costPlan!,
          totals: costTotals(bid.costPlan!, bid.posts, months),
          ...(pairWith.has(lot.id) ? { tandemPairWith: pairWith.get(lot.id)! } : {}),
        };
      })
      .sort((a, b) => a.number - b.number),
    // The upload times belong to the working copy, not to what was submitted.
    documents: draft.documents.map(({ kind, file }) => ({ kind, file })),
    declarations: draft.declarations,
  };
}

export type SubmissionResult = {
  submissionId: string;
  receiptNumber: string;
  version: number;
  submittedAt: Date;
  contentHash: string;
  auditHead: string;
};

/**
 * Submits the working copy as a new version. Refused after the deadline (to the second,
 * by `clock()` read inside the transaction), while anything is missing, or before the
 * member's email address is confirmed.
 */
export async function submitApplication(opts: {
  actor: CarrierActor;
  applicationId: string;
  clock?: () => Date;
  db?: Db;
}): Promise<SubmissionResult> {
  const clock = opts.clock ?? (() => serverNow());
  const database = opts.db ?? defaultDb();
  return writeTx(async (tx) => {
    // Read once the transaction holds the write lock: a submission queued behind others is
    // judged by the time it is written, to the second.
    const now = clock();
    const view = await loadApplication({ actor: opts.actor, applicationId: opts.applicationId, now, db: tx as unknown as Db });
    if (publicPhase(view.call, now) !== "open") {
      throw new DomainError("DEADLINE_PASSED", "submit.deadlinePassed", { deadline: new Date(view.call.dates.submissionDeadline) });
    }
    const member = await first(tx.select({ confirmed: users.emailConfirmedAt }).from(users).where(eq(users.id, opts.actor.userId)));
    if (!member?.confirmed) throw new DomainError("FORBIDDEN", "submit.confirmEmailFirst");
    if (missingItems(view.call, view.draft).length > 0) throw new DomainError("INVALID", "submit.incomplete");
    const organisation = (await first(tx.select().from(organisations).where(eq(organisations.id, opts.actor.organisationId))))!;
    const snapshot = buildSnapshot(view, organisation);
    const contentHash = contentHashOf(snapshot);
    const version = (view.latestSubmission?.version ?? 0) + 1;
    const receiptNumber = newReceiptNumber(now);
    const auditHead = await appendAudit(tx, {
      at: now,
      actorUserId: opts.actor.userId,
      action: "application.submitted",
      objectType: "application",
      objectId: view.id,
      details: { version, receiptNumber, contentHash },
    });
    const callKey = await ensureCallKey(tx, view.call.id);
    const [row] = await tx
      .insert(submissions)
      .values({
        applicationId: view.id,
        version,
        receiptNumber,
        submittedAt: now,
        submittedByUserId: opts.actor.userId,
        contentHash,
        // Sealed: encrypted with the call's key; read only through access.server.ts.
        sealedContent: sealValue(callKey, Buffer.from(JSON.stringify(snapshot), "utf8"), sealContext.submissionContent(view.call.id)),
        auditHeadAtSubmission: auditHead,
      })
      .returning({ id: submissions.id });
    // The working copy now equals the submitted version.
    await tx.update(applications).set({ status: "submitted", updatedAt: now }).where(eq(applications.id, view.id));
    return { submissionId: row.id, receiptNumber, version, submittedAt: now, contentHash, auditHead };
  }, database);
}

/** Withdraws the counting version before the deadline (Rücknahme). */
export async function withdrawApplication(opts: { actor: CarrierActor; applicationId: string; clock?: () => Date; db?: Db }) {
  const clock = opts.clock ?? (() => serverNow());
  return writeTx(async (tx) => {
    const now = clock();
    const app = await first(
      tx
        .select({ id: applications.id, status: applications.status, callStatus: calls.status, deadline: calls.submissionDeadline })
        .from(applications)
        .innerJoin(calls, eq(calls.id, applications.callId))
        .where(and(eq(applications.id, opts.applicationId), eq(applications.organisationId, opts.actor.organisationId))),
    );
    if (!app) throw new DomainError("NOT_FOUND", "notFound.application");
    if (publicPhase({ status: app.callStatus, dates: { submissionDeadline: app.deadline } as CallView["dates"] }, now) !== "open") {
      throw new DomainError("DEADLINE_PASSED", "withdraw.deadlinePassed");
    }
    const latest = await first(
      tx
        .select({ id: submissions.id, receiptNumber: submissions.receiptNumber })
        .from(submissions)
        .where(and(eq(submissions.applicationId, app.id), isNull(submissions.withdrawnAt)))
        .orderBy(desc(submissions.version))
        .limit(1),
    );
    if (!latest || app.status !== "submitted") throw new DomainError("CONFLICT", "withdraw.nothingSubmitted");
    await tx.update(submissions).set({ withdrawnAt: now }).where(eq(submissions.id, latest.id));
    await tx.update(applications).set({ status: "withdrawn", updatedAt: now }).where(eq(applications.id, app.id));
    await appendAudit(tx, {
      at: now,
      actorUserId: opts.actor.userId,
      action: "application.withdrawn",
      objectType: "application",
      objectId: app.id,
      details: { receiptNumber: latest.receiptNumber },
    });
    return { receiptNumber: latest.receiptNumber, withdrawnAt: now };
  }, opts.db ?? defaultDb());
}

/** What a receipt states of its submission besides the content (join `users` on the submitter). */
export const RECEIPT_COLUMNS = {
  receiptNumber: submissions.receiptNumber,
  version: submissions.version,
  submittedAt: submissions.submittedAt,
  contentHash: submissions.contentHash,
  auditHead: submissions.auditHeadAtSubmission,
  withdrawnAt: submissions.withdrawnAt,
  submittedByName: users.name,
};

/** The receipt of one of the organisation's own submissions; anyone else gets NOT_FOUND. */
export async function loadReceipt(opts: { actor: CarrierActor; submissionId: string; db?: Db }): Promise<Receipt & { applicationId: string }> {
  const database = opts.db ?? defaultDb();
  const row = await first(
    database
      .select({
        ...RECEIPT_COLUMNS,
        applicationId: submissions.applicationId,
        sealedContent: submissions.sealedContent,
        callId: applications.callId,
      })
      .from(submissions)
      .innerJoin(applications, eq(applications.id, submissions.applicationId))
      .leftJoin(users, eq(users.id, submissions.submittedByUserId))
      .where(and(eq(submissions.id, opts.submissionId), eq(applications.organisationId, opts.actor.organisationId))),
  );
  if (!row) throw new DomainError("NOT_FOUND", "notFound.receipt");
  const { sealedContent, callId, submittedByName, ...rest } = row;
  return {
    ...rest,
    submittedByName: submittedByName ?? "",
    // The carrier's own submission: its organisation may always read it.
    snapshot: await openSubmissionContentOf(database, sealedContent, callId),
  };
}
