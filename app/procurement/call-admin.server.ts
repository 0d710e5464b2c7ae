// What the officer's page of one call needs: counts, the state of the opening, and the
// call's audit trail. Counts say how many bids arrived, never what they contain.
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { db as defaultDb, type Db } from "../infra/db.server";
import { applications, auditEntries, calls, openings, questions, submissions, users } from "../infra/schema";

export function callAdminFacts(callId: string, database: Db = defaultDb()) {
  const apps = database
    .select({ id: applications.id, status: applications.status })
    .from(applications)
    .where(eq(applications.callId, callId))
    .all();
  const opening = database
    .select({
      startedAt: openings.startedAt,
      startedBy: openings.startedByUserId,
      confirmedAt: openings.confirmedAt,
    })
    .from(openings)
    .where(eq(openings.callId, callId))
    .get();
  const openQuestions = database
    .select({ id: questions.id })
    .from(questions)
    .where(and(eq(questions.callId, callId), isNull(questions.publishedAt)))
    .all().length;
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
export function callAuditTrail(callId: string, database: Db = defaultDb(), opts: { sealed?: boolean } = {}): AuditRow[] {
  const appIds = database.select({ id: applications.id }).from(applications).where(eq(applications.callId, callId)).all().map((a) => a.id);
  const questionIds = database.select({ id: questions.id }).from(questions).where(eq(questions.callId, callId)).all().map((q) => q.id);
  const submissionIds = appIds.length
    ? database.select({ id: submissions.id }).from(submissions).where(inArray(submissions.applicationId, appIds)).all().map((s) => s.id)
    : [];
  const conditions = [and(eq(auditEntries.objectType, "call"), eq(auditEntries.objectId, callId))];
  if (appIds.length) conditions.push(and(eq(auditEntries.objectType, "application"), inArray(auditEntries.objectId, appIds)));
  if (questionIds.length) conditions.push(and(eq(auditEntries.objectType, "question"), inArray(auditEntries.objectId, questionIds)));
  if (submissionIds.length) conditions.push(and(eq(auditEntries.objectType, "submission"), inArray(auditEntries.objectId, submissionIds)));
  return database
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
    .orderBy(asc(auditEntries.seq))
    .all()
    .map(({ actorRole, ...row }) => {
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
export function isCallOpened(callId: string, database: Db = defaultDb()): boolean {
  return Boolean(database.select({ confirmedAt: openings.confirmedAt }).from(openings).where(eq(openings.callId, callId)).get()?.confirmedAt);
}

export function callIdBySlug(slug: string, database: Db = defaultDb()): string | null {
  return database.select({ id: calls.id }).from(calls).where(eq(calls.slug, slug)).get()?.id ?? null;
}
