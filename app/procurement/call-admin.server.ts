// What the officer's page of one call needs: counts, the state of the opening, and the
// call's audit trail. Counts say how many bids arrived, never what they contain.
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { db as defaultDb, first, type Db } from "../infra/db.server";
import { applications, auditEntries, calls, openings, questions, submissions, users } from "../infra/schema";

export async function callAdminFacts(callId: string, database: Db = defaultDb()) {
  const apps = await database
    .select({ id: applications.id, status: applications.status })
    .from(applications)
    .where(eq(applications.callId, callId));
  const opening = await first(
    database
      .select({
        startedAt: openings.startedAt,
        startedBy: openings.startedByUserId,
        confirmedAt: openings.confirmedAt,
      })
      .from(openings)
      .where(eq(openings.callId, callId)),
  );
  const openQuestions = (
    await database
      .select({ id: questions.id })
      .from(questions)
      .where(and(eq(questions.callId, callId), isNull(questions.publishedAt)))
  ).length;
  return {
    applicationsStarted: apps.length,
    applicationsSubmitted: apps.filter((a) => a.status === "submitted").length,
    openQuestions,
    opening: opening ?? null,
  };
}

export type AuditRow = {
  seq: number;
  at: Date;
  actor: string | null;
  /** The actor is a carrier's member whose name the page does not show (see `sealed`). */
  actorHidden: boolean;
  action: string;
  objectType: string;
  details: string;
  hash: string;
};

const HIDDEN = "(verborgen)";

/**
 * Every audit entry about the call, its applications and its questions, oldest first.
 * `sealed` (before the opening): entries about applications and submissions keep their
 * action and time but hide who acted and the details, which would name the bidder, its
 * receipt numbers, lots and file hashes, and the entry's hash, which covers them. Askers of
 * questions are never named.
 */
export async function callAuditTrail(callId: string, database: Db = defaultDb(), opts: { sealed?: boolean } = {}): Promise<AuditRow[]> {
  const appIds = (await database.select({ id: applications.id }).from(applications).where(eq(applications.callId, callId))).map((a) => a.id);
  const questionIds = (await database.select({ id: questions.id }).from(questions).where(eq(questions.callId, callId))).map((q) => q.id);
  const submissionIds = appIds.length
    ? (await database.select({ id: submissions.id }).from(submissions).where(inArray(submissions.applicationId, appIds))).map((s) => s.id)
    : [];
  const conditions = [and(eq(auditEntries.objectType, "call"), eq(auditEntries.objectId, callId))];
  if (appIds.length) conditions.push(and(eq(auditEntries.objectType, "application"), inArray(auditEntries.objectId, appIds)));
  if (questionIds.length) conditions.push(and(eq(auditEntries.objectType, "question"), inArray(auditEntries.objectId, questionIds)));
  if (submissionIds.length) conditions.push(and(eq(auditEntries.objectType, "submission"), inArray(auditEntries.objectId, submissionIds)));
  const rows = await database
    .select({
      seq: auditEntries.seq,
      at: auditEntries.at,
      actor: users.name,
      actorRole: users.role,
      action: auditEntries.action,
      objectType: auditEntries.objectType,
      details: auditEntries.details,
      hash: auditEntries.hash,
    })
    .from(auditEntries)
    .leftJoin(users, eq(users.id, auditEntries.actorUserId))
    .where(or(...conditions))
    .orderBy(asc(auditEntries.seq));
  return rows.map(({ actorRole, ...row }) => {
    const aboutBid = row.objectType === "application" || row.objectType === "submission";
    const hideActor = actorRole === "carrier" && (row.objectType === "question" || Boolean(opts.sealed && aboutBid));
    const hideDetails = Boolean(opts.sealed && aboutBid);
    return {
      ...row,
      actor: hideActor ? null : row.actor,
      actorHidden: hideActor,
      details: hideDetails ? HIDDEN : row.details,
      // The entry's hash covers what is hidden: with guessable details (an organisation's id)
      // and the hash before it, trying each candidate would tell who applied. The chain's
      // head (audit:verify) still proves the whole trail.
      hash: hideActor || hideDetails ? HIDDEN : row.hash,
    };
  });
}

/** Whether the four-eyes opening of the call is complete. */
export async function isCallOpened(callId: string, database: Db = defaultDb()): Promise<boolean> {
  return Boolean((await first(database.select({ confirmedAt: openings.confirmedAt }).from(openings).where(eq(openings.callId, callId))))?.confirmedAt);
}

export async function callIdBySlug(slug: string, database: Db = defaultDb()): Promise<string | null> {
  return (await first(database.select({ id: calls.id }).from(calls).where(eq(calls.slug, slug))))?.id ?? null;
}
