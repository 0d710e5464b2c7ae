// Änderungsbekanntmachung: after publication a call is not edited in place. A change is a
// dated, numbered amendment with a reason, visible to all, and where it moves a deadline
// it moves it for everyone. Submissions that arrived before stay valid.
import { desc, eq } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db, type Tx } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { amendments, calls } from "../infra/schema";
import { extensionRequiredForAmendment, proposedDeadline } from "./extension";
import { bidderRecipients } from "../identity/carriers.server";
import { recordExtensionDecision, type ExtensionContext } from "./extension.server";
import { effectiveStatus } from "./lifecycle";

export type DateChanges = { questionDeadline?: Date; submissionDeadline?: Date; opening?: Date };

export type AmendmentOptions = {
  officerUserId: string;
  slug: string;
  title: string;
  body: string;
  reason: string;
  dates: DateChanges;
  /** A material change of the call (§ 20 Abs. 3 Nr. 2 VgV): extend the deadline or say why not. */
  material?: boolean;
  /** Why a material amendment does not extend the submission deadline. */
  noExtensionReason?: string;
  now: Date;
  db?: Db;
};

export async function publishAmendment(opts: AmendmentOptions) {
  return writeTx((tx) => publishAmendmentIn(tx, opts), opts.db ?? defaultDb());
}

/**
 * Publishes an amendment inside a caller's transaction (an answer that extends the deadline
 * publishes its extension with it). `extensionFor` names the late answer an extension serves.
 */
export async function publishAmendmentIn(tx: Tx, opts: AmendmentOptions & { extensionFor?: ExtensionContext }) {
  const call = await first(tx.select().from(calls).where(eq(calls.slug, opts.slug)));
  if (!call) throw new DomainError("NOT_FOUND", "notFound.call");
  const status = effectiveStatus(
    {
      status: call.status,
      dates: { submissionDeadline: call.submissionDeadline, questionDeadline: call.questionDeadline } as never,
    },
    opts.now,
  );
  if (!["published", "questions_closed", "submission_closed"].includes(status)) {
    throw new DomainError("CONFLICT", "amend.notPublished");
  }
  // A passed deadline stays passed: moving it would reopen a closed submission window.
  if (status === "submission_closed" && opts.dates.submissionDeadline) throw new DomainError("CONFLICT", "amend.deadlineAlreadyPassed");
  const next = {
    questionDeadline: opts.dates.questionDeadline ?? call.questionDeadline,
    submissionDeadline: opts.dates.submissionDeadline ?? call.submissionDeadline,
    openingAt: opts.dates.opening ?? call.openingAt,
  };
  const moved = Object.entries({
    questionDeadline: [call.questionDeadline, next.questionDeadline],
    submissionDeadline: [call.submissionDeadline, next.submissionDeadline],
    opening: [call.openingAt, next.openingAt],
  }).filter(([, [from, to]]) => from.getTime() !== to.getTime());
  for (const [field, [, to]] of moved) {
    if (to.getTime() <= opts.now.getTime()) throw new DomainError("INVALID", "amend.dateInPast", { date: opts.now }, field);
  }
  if (!(next.questionDeadline < next.submissionDeadline)) throw new DomainError("INVALID", "amend.questionAfterSubmission");
  if (next.openingAt < next.submissionDeadline) throw new DomainError("INVALID", "amend.openingBeforeSubmission");
  if (!(next.openingAt < call.bindingPeriodEnd) || !(next.openingAt < call.serviceStart)) {
    throw new DomainError("INVALID", "amend.openingTooLate");
  }
  const material = opts.material ?? false;
  const extended = next.submissionDeadline.getTime() > call.submissionDeadline.getTime();
  const needsDecision = extensionRequiredForAmendment({ material, submissionDeadline: call.submissionDeadline, publishedAt: opts.now });
  const proposed = proposedDeadline({ trigger: "amendment", submissionDeadline: call.submissionDeadline, publishedAt: opts.now });
  const noExtensionReason = opts.noExtensionReason?.trim();
  if (needsDecision && !extended && !noExtensionReason) {
    throw new DomainError("INVALID", "extension.amendmentNeedsDecision", { date: proposed }, "submissionDeadline");
  }
  const last = await first(
    tx.select({ number: amendments.number }).from(amendments).where(eq(amendments.callId, call.id)).orderBy(desc(amendments.number)).limit(1),
  );
  const number = (last?.number ?? 0) + 1;
  const changes = Object.fromEntries(moved.map(([field, [from, to]]) => [field, { from: from.toISOString(), to: to.toISOString() }]));
  await tx
    .insert(amendments)
    .values({
      callId: call.id,
      number,
      title: opts.title,
      body: opts.body,
      reason: opts.reason,
      changes,
      publishedAt: opts.now,
      publishedByUserId: opts.officerUserId,
      material,
    });
  if (moved.length) await tx.update(calls).set({ ...next, updatedAt: opts.now }).where(eq(calls.id, call.id));
  await appendAudit(tx, {
    at: opts.now,
    actorUserId: opts.officerUserId,
    action: "call.amended",
    objectType: "call",
    objectId: call.id,
    details: { number, changes, ...(material ? { material } : {}) },
  });
  // The decision on the deadline, where one was due: this amendment's own, or the late answer's it serves.
  const context: ExtensionContext | undefined = opts.extensionFor ?? (needsDecision ? { trigger: "amendment", amendmentNumber: number, proposed } : undefined);
  if (context) {
    await recordExtensionDecision(tx, {
      callId: call.id,
      context,
      previousDeadline: call.submissionDeadline,
      decision: extended ? { extend: true, submissionDeadline: next.submissionDeadline } : { extend: false, reason: noExtensionReason! },
      extensionAmendmentNumber: extended ? number : null,
      officerUserId: opts.officerUserId,
      now: opts.now,
    });
  }
  const recipients = await bidderRecipients(tx, call.id);
  return { number, changes, callTitle: call.title, submissionDeadline: next.submissionDeadline, ...recipients };
}
