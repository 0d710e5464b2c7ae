// Bieterfragen: published anonymised. The public read selects no asker column at all.
import { and, asc, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { db as defaultDb, first, type Db } from "../infra/db.server";
import { questions } from "../infra/schema";
import { appendAudit } from "../infra/audit.server";
import { writeTx } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { bidderRecipients } from "../identity/carriers.server";
import { calls } from "../infra/schema";
import { publishAmendmentIn } from "./amendments.server";
import { isQuestionWindowOpen, type CallView } from "./call-view";
import { extensionRequiredForAnswer, followingOpening, proposedDeadline } from "./extension";
import { recordExtensionDecision } from "./extension.server";

export type PublishedQuestion = { id: string; question: string; answer: string; publishedAt: Date };

export async function listPublishedQuestions(callId: string, database: Db = defaultDb()): Promise<PublishedQuestion[]> {
  const rows = await database
    .select({
      id: questions.id,
      body: questions.body,
      publicQuestion: questions.publicQuestion,
      answer: questions.answer,
      publishedAt: questions.publishedAt,
    })
    .from(questions)
    .where(and(eq(questions.callId, callId), isNotNull(questions.publishedAt), isNotNull(questions.answer)))
    .orderBy(asc(questions.publishedAt));
  return rows.map((q) => ({
    id: q.id,
    // The officer's rephrased wording replaces the original where given.
    question: q.publicQuestion ?? q.body,
    answer: q.answer!,
    publishedAt: q.publishedAt!,
  }));
}

// ---------------------------------------------------------------- asking and answering



export const MAX_QUESTION_CHARS = 4000;

/** A carrier asks a question on a call until the question deadline (server clock). */
export async function askQuestion(opts: {
  actor: { userId: string; organisationId: string };
  callSlug: string;
  body: string;
  now: Date;
  db?: Db;
}): Promise<{ questionId: string }> {
  return writeTx(async (tx) => {
    const call = await first(
      tx
        .select({ id: calls.id, status: calls.status, questionDeadline: calls.questionDeadline, submissionDeadline: calls.submissionDeadline })
        .from(calls)
        .where(eq(calls.slug, opts.callSlug)),
    );
    if (!call || call.status === "draft") throw new DomainError("NOT_FOUND", "notFound.call");
    const dates = { questionDeadline: call.questionDeadline, submissionDeadline: call.submissionDeadline } as CallView["dates"];
    if (!isQuestionWindowOpen({ status: call.status, dates }, opts.now)) {
      throw new DomainError("DEADLINE_PASSED", "questions.closedRefused", { date: call.questionDeadline });
    }
    const [row] = await tx
      .insert(questions)
      .values({
        callId: call.id,
        askedByUserId: opts.actor.userId,
        organisationId: opts.actor.organisationId,
        body: opts.body,
        askedAt: opts.now,
      })
      .returning({ id: questions.id });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      action: "question.asked",
      objectType: "question",
      objectId: row.id,
      details: { callId: call.id },
    });
    return { questionId: row.id };
  }, opts.db ?? defaultDb());
}

/** The organisation's own questions on a call, answered or not. */
export async function listOwnQuestions(opts: { organisationId: string; callId: string; db?: Db }) {
  return await (opts.db ?? defaultDb())
    .select({ id: questions.id, body: questions.body, askedAt: questions.askedAt, publishedAt: questions.publishedAt })
    .from(questions)
    .where(and(eq(questions.callId, opts.callId), eq(questions.organisationId, opts.organisationId)))
    .orderBy(desc(questions.askedAt));
}

/**
 * Officers' queue: unanswered questions of all calls, oldest first. The asker stays hidden.
 * `extension` is set where an answer published `now` would need a decision on the deadline.
 */
export async function listOpenQuestions(now: Date, database: Db = defaultDb()) {
  const rows = await database
    .select({
      id: questions.id,
      body: questions.body,
      askedAt: questions.askedAt,
      callTitle: calls.title,
      callSlug: calls.slug,
      questionDeadline: calls.questionDeadline,
      submissionDeadline: calls.submissionDeadline,
    })
    .from(questions)
    .innerJoin(calls, eq(calls.id, questions.callId))
    .where(isNull(questions.publishedAt))
    .orderBy(asc(questions.askedAt));
  return rows.map(({ questionDeadline, submissionDeadline, ...q }) => ({
    ...q,
    extension: extensionRequiredForAnswer({ askedAt: q.askedAt, questionDeadline, submissionDeadline, publishedAt: now })
      ? { deadline: submissionDeadline, proposed: proposedDeadline({ trigger: "answer", submissionDeadline, publishedAt: now }) }
      : null,
  }));
}

/**
 * The officer's decision on the deadline with a late answer: extend for everyone (the
 * published amendment's German text, built by the route from the catalogue) or why not.
 */
export type AnswerExtension =
  | { extend: true; submissionDeadline: Date; text: { title: string; body: string; reason: string } }
  | { extend: false; reason: string };

/**
 * Answers and publishes a question, optionally rephrased to remove anything identifying.
 * Returns the addresses of every member of every organisation that started an application
 * on the call: the answer is information to all bidders.
 */
export async function answerQuestion(opts: {
  officerUserId: string;
  questionId: string;
  answer: string;
  publicQuestion: string;
  /** Required when the answer comes fewer than six days before the deadline (§ 20 Abs. 3 VgV). */
  extension?: AnswerExtension;
  now: Date;
  db?: Db;
}) {
  return writeTx(async (tx) => {
    const q = await first(
      tx
        .select({
          id: questions.id,
          callId: questions.callId,
          askedAt: questions.askedAt,
          publishedAt: questions.publishedAt,
          callTitle: calls.title,
          callSlug: calls.slug,
          questionDeadline: calls.questionDeadline,
          submissionDeadline: calls.submissionDeadline,
          openingAt: calls.openingAt,
        })
        .from(questions)
        .innerJoin(calls, eq(calls.id, questions.callId))
        .where(eq(questions.id, opts.questionId)),
    );
    if (!q) throw new DomainError("NOT_FOUND", "notFound.question");
    if (q.publishedAt) throw new DomainError("CONFLICT", "answer.alreadyPublished");
    const late = extensionRequiredForAnswer({ ...q, publishedAt: opts.now });
    const proposed = proposedDeadline({ trigger: "answer", submissionDeadline: q.submissionDeadline, publishedAt: opts.now });
    const extension = opts.extension;
    if (late && !extension) throw new DomainError("CONFLICT", "extension.answerNeedsDecision", { date: proposed }, "extension");
    if (extension?.extend && !(extension.submissionDeadline > q.submissionDeadline)) {
      throw new DomainError("INVALID", "extension.notLater", { date: q.submissionDeadline }, "newDeadline");
    }
    if (late && extension && !extension.extend && !extension.reason.trim()) throw new DomainError("INVALID", "extension.reasonMissing", {}, "extensionReason");
    await tx
      .update(questions)
      .set({ answer: opts.answer, publicQuestion: opts.publicQuestion, answeredByUserId: opts.officerUserId, publishedAt: opts.now })
      .where(eq(questions.id, q.id));
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.officerUserId,
      action: "question.answered",
      objectType: "question",
      objectId: q.id,
      details: { callId: q.callId },
    });
    const context = { trigger: "answer" as const, questionId: q.id, proposed };
    // The extension is an amendment like any other: published, audited, sent to every bidder.
    const extended = extension?.extend
      ? await publishAmendmentIn(tx, {
          officerUserId: opts.officerUserId,
          slug: q.callSlug,
          ...extension.text,
          dates: {
            submissionDeadline: extension.submissionDeadline,
            opening: followingOpening({ opening: q.openingAt, submissionDeadline: q.submissionDeadline, newDeadline: extension.submissionDeadline }),
          },
          now: opts.now,
          extensionFor: late ? context : undefined,
        })
      : null;
    if (late && extension && !extension.extend) {
      await recordExtensionDecision(tx, {
        callId: q.callId,
        context,
        previousDeadline: q.submissionDeadline,
        decision: { extend: false, reason: extension.reason.trim() },
        extensionAmendmentNumber: null,
        officerUserId: opts.officerUserId,
        now: opts.now,
      });
    }
    return {
      callId: q.callId,
      callTitle: q.callTitle,
      callSlug: q.callSlug,
      submissionDeadline: extended?.submissionDeadline ?? q.submissionDeadline,
      extension: extended ? { number: extended.number, changes: extended.changes } : null,
      ...(await bidderRecipients(tx, q.callId)),
    };
  }, opts.db ?? defaultDb());
}
