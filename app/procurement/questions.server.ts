// Bieterfragen: published anonymised. The public read selects no asker column at all.
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { db as defaultDb, type Db } from "../infra/db.server";
import { questions } from "../infra/schema";

export type PublishedQuestion = { id: string; question: string; answer: string; publishedAt: Date };

export function listPublishedQuestions(callId: string, database: Db = defaultDb()): PublishedQuestion[] {
  return database
    .select({
      id: questions.id,
      body: questions.body,
      publicQuestion: questions.publicQuestion,
      answer: questions.answer,
      publishedAt: questions.publishedAt,
    })
    .from(questions)
    .where(and(eq(questions.callId, callId), isNotNull(questions.publishedAt), isNotNull(questions.answer)))
    .orderBy(asc(questions.publishedAt))
    .all()
    .map((q) => ({
      id: q.id,
      // The officer's rephrased wording replaces the original where given.
      question: q.publicQuestion ?? q.body,
      answer: q.answer!,
      publishedAt: q.publishedAt!,
    }));
}
