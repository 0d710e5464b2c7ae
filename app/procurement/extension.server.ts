// Fristverlängerung (§ 20 Abs. 3 VgV): recording the officer's decision on the deadline.
// Rules in extension.ts; what a carrier's application has not yet seen in changes-since.server.ts.
import { asc, eq } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, type Db, type Tx } from "../infra/db.server";
import { extensionDecisions } from "../infra/schema";
import type { ExtensionDecision } from "./extension";

/** What required the decision, and the date the portal proposed. */
export type ExtensionContext =
  | { trigger: "answer"; questionId: string; proposed: Date }
  | { trigger: "amendment"; amendmentNumber: number; proposed: Date };

/** Stores the decision and audits it; a refusal to extend names its reason in the Vergabevermerk. */
export async function recordExtensionDecision(
  tx: Tx,
  opts: {
    callId: string;
    context: ExtensionContext;
    previousDeadline: Date;
    decision: ExtensionDecision;
    extensionAmendmentNumber: number | null;
    officerUserId: string;
    now: Date;
  },
) {
  const { context, decision } = opts;
  await tx
    .insert(extensionDecisions)
    .values({
      callId: opts.callId,
      trigger: context.trigger,
      questionId: context.trigger === "answer" ? context.questionId : null,
      amendmentNumber: context.trigger === "amendment" ? context.amendmentNumber : null,
      previousDeadline: opts.previousDeadline,
      proposedDeadline: context.proposed,
      newDeadline: decision.extend ? decision.submissionDeadline : null,
      extensionAmendmentNumber: opts.extensionAmendmentNumber,
      reason: decision.extend ? null : decision.reason,
      decidedAt: opts.now,
      decidedByUserId: opts.officerUserId,
    });
  await appendAudit(tx, {
    at: opts.now,
    actorUserId: opts.officerUserId,
    action: decision.extend ? "call.deadline-extended" : "call.extension-declined",
    objectType: "call",
    objectId: opts.callId,
    details: {
      trigger: context.trigger,
      ...(context.trigger === "answer" ? { questionId: context.questionId } : { amendmentNumber: context.amendmentNumber }),
      previousDeadline: opts.previousDeadline.toISOString(),
      proposedDeadline: context.proposed.toISOString(),
      ...(decision.extend ? { newDeadline: decision.submissionDeadline.toISOString(), number: opts.extensionAmendmentNumber } : { reason: decision.reason }),
    },
  });
}

/** The decisions on the deadline of a call, oldest first (officers' pages and the Vergabevermerk). */
export async function listExtensionDecisions(callId: string, database: Pick<Db, "select"> = defaultDb()) {
  return await database
    .select({
      trigger: extensionDecisions.trigger,
      amendmentNumber: extensionDecisions.amendmentNumber,
      previousDeadline: extensionDecisions.previousDeadline,
      proposedDeadline: extensionDecisions.proposedDeadline,
      newDeadline: extensionDecisions.newDeadline,
      reason: extensionDecisions.reason,
      decidedAt: extensionDecisions.decidedAt,
    })
    .from(extensionDecisions)
    .where(eq(extensionDecisions.callId, callId))
    .orderBy(asc(extensionDecisions.decidedAt));
}
