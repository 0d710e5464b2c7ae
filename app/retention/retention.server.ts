// Aufbewahrung und Löschung (decision 0036): `npm run portal -- retention [--dry-run]`.
// Per call whose retention date has come: the files and personal data of bids that were not
// awarded go, the names of people in the call's records (askers, staff reports, Textform
// declarations) are cleared; what the public result, ocds.json and the Vergabevermerk show
// stays. Disabled accounts are anonymised once every call from their time is done. Audit
// entries that named what went keep their hash and lose their details.
//
// One transaction per call (and one for the accounts): a crash leaves every call either done
// or untouched. Bytes are removed only after the rows committed; a file whose row says
// deleted but whose bytes remain (a crash in between) is removed by the next run.
import { and, asc, eq, inArray, isNotNull, isNull, lte, max, ne, or, sql } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, dialectOf, first, jsonStrings, positionIn, rowsOf, writeTx, type Db, type Reader, type Tx } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import {
  applicationDeclarations,
  applications,
  auditEntries,
  awardDecisions,
  calls,
  contractAmendments,
  contracts,
  cooperationDeclarations,
  costPlans,
  documentJobs,
  memberships,
  lotBids,
  lots,
  offeredPosts,
  organisations,
  passkeyChallenges,
  passkeys,
  questions,
  retentionDeletions,
  roleGrants,
  retentionRuns,
  sessions,
  staffReportPosts,
  staffReports,
  storedFiles,
  submissions,
  users,
  userTokens,
  type RetentionDeletionKind,
} from "../infra/schema";
import { callKeyOf, isSealedValue, sealContext, sealValue } from "../infra/sealing.server";
import { storageOf } from "../infra/stored-files.server";
import type { FileStorage } from "../infra/storage.server";
import { openedSnapshots } from "../submission/opened-snapshots.server";
import { openSubmissionContent } from "../submission/sealed-content.server";
import { TIMELINE_ACTIONS } from "../evaluation/report.server";
import { isCallOpened } from "../procurement/call-admin.server";
import { computedRetentionDate, isDue, STATUTORY_YEARS, redactedSnapshot, retentionDate, statutoryMinimum, type RetentionDate, type RetentionFacts } from "./retention";

/** A bid (application) that was not awarded, and what retention removes of it. */
export type BidToDelete = {
  applicationId: string;
  organisationName: string;
  status: "draft" | "submitted" | "withdrawn";
  submissionIds: string[];
  files: { id: string; sizeBytes: number }[];
  bytes: number;
};

export type CallRetentionPlan = {
  callId: string;
  slug: string;
  title: string;
  retention: RetentionDate | null;
  due: boolean;
  bids: BidToDelete[];
  /** Questions whose asker (and unpublished wording) goes. */
  questionIds: string[];
  /** Staff reports whose people's names go. */
  staffReportIds: string[];
  /** The degree proofs attached to the call's staff reports (their files go). */
  proofFiles: { id: string; sizeBytes: number }[];
  /** Stored case-file ZIPs of the call: decrypted copies of every bid (the Vergabevermerk PDFs stay: they are the record). */
  caseFiles: { jobId: string; fileId: string; sizeBytes: number }[];
  /** Contract amendments and cooperation declarations whose declarant's name goes. */
  amendmentIds: string[];
  cooperationIds: string[];
};

export type AccountToAnonymise = { userId: string; role: string };

export type RetentionPlan = { calls: CallRetentionPlan[]; accounts: AccountToAnonymise[] };

// ---------------------------------------------------------------------------------------
// The retention date

async function factsOf(database: Reader, callId: string): Promise<RetentionFacts & { found: boolean }> {
  const call = await first(database.select({ cancelledAt: calls.cancelledAt, override: calls.retentionUntil }).from(calls).where(eq(calls.id, callId)));
  if (!call) return { found: false, awardedAt: null, contractEnd: null, endedWithoutAwardAt: null, override: null };
  const awarded = await first(
    database
      .select({ at: max(awardDecisions.decidedAt) })
      .from(awardDecisions)
      .innerJoin(lots, eq(lots.id, awardDecisions.lotId))
      .where(and(eq(lots.callId, callId), eq(awardDecisions.status, "awarded"))),
  );
  const contractEnd = await first(database.select({ at: max(contracts.endsAt) }).from(contracts).where(eq(contracts.callId, callId)));
  // Every lot cancelled one by one ends the call without an award as a whole cancellation does.
  const lotRows = await database.select({ cancelledAt: lots.cancelledAt }).from(lots).where(eq(lots.callId, callId));
  const allLotsCancelled = lotRows.length > 0 && lotRows.every((l) => l.cancelledAt);
  const lastLotCancelled = allLotsCancelled ? new Date(Math.max(...lotRows.map((l) => l.cancelledAt!.getTime()))) : null;
  return {
    found: true,
    awardedAt: awarded?.at ? new Date(awarded.at) : null,
    contractEnd: contractEnd?.at ? new Date(contractEnd.at) : null,
    endedWithoutAwardAt: call.cancelledAt ?? lastLotCancelled,
    override: call.override,
  };
}

/** The call's retention date in force, or null while the call is not decided. */
export async function retentionDateOf(database: Reader, callId: string, years: number): Promise<RetentionDate | null> {
  return retentionDate(await factsOf(database, callId), years);
}

// ---------------------------------------------------------------------------------------
// What goes

async function bidsNotAwarded(database: Reader, callId: string): Promise<BidToDelete[]> {
  const awardedApps = new Set(
    (
      await database
        .select({ applicationId: submissions.applicationId })
        .from(awardDecisions)
        .innerJoin(submissions, eq(submissions.id, awardDecisions.submissionId))
        .innerJoin(lots, eq(lots.id, awardDecisions.lotId))
        .where(and(eq(lots.callId, callId), eq(awardDecisions.status, "awarded")))
    ).map((r) => r.applicationId),
  );
  const apps = (
    await database
      .select({ id: applications.id, status: applications.status, organisationName: organisations.name })
      .from(applications)
      .innerJoin(organisations, eq(organisations.id, applications.organisationId))
      .where(eq(applications.callId, callId))
      .orderBy(asc(organisations.name))
  ).filter((a) => !awardedApps.has(a.id));
  if (apps.length === 0) return [];
  const ids = apps.map((a) => a.id);
  const subs = await database
    .select({ id: submissions.id, applicationId: submissions.applicationId })
    .from(submissions)
    .where(and(inArray(submissions.applicationId, ids), isNull(submissions.contentDeletedAt)))
    .orderBy(asc(submissions.version));
  const files = await database
    .select({ id: storedFiles.id, applicationId: storedFiles.applicationId, sizeBytes: storedFiles.sizeBytes })
    .from(storedFiles)
    .where(and(inArray(storedFiles.applicationId, ids), isNull(storedFiles.deletedAt)))
    .orderBy(asc(storedFiles.createdAt), asc(storedFiles.id));
  const bids = apps.map((a) => {
    const own = files.filter((f) => f.applicationId === a.id).map((f) => ({ id: f.id, sizeBytes: f.sizeBytes }));
    return {
      applicationId: a.id,
      organisationName: a.organisationName,
      status: a.status,
      submissionIds: subs.filter((s) => s.applicationId === a.id).map((s) => s.id),
      files: own,
      bytes: own.reduce((n, f) => n + f.sizeBytes, 0),
    };
  });
  const kept: BidToDelete[] = [];
  for (const b of bids) {
    if (b.submissionIds.length > 0 || b.files.length > 0 || (await hasDraftContent(database, b.applicationId))) kept.push(b);
  }
  return kept;
}

async function hasDraftContent(database: Reader, applicationId: string): Promise<boolean> {
  const draft = await first(
    database
      .select({ id: lotBids.id })
      .from(lotBids)
      .where(and(eq(lotBids.applicationId, applicationId), or(ne(sql`${lotBids.concept}`, "{}"), isNotNull(lotBids.conceptFileId)))),
  );
  const declared = await first(database.select({ kind: applicationDeclarations.kind }).from(applicationDeclarations).where(eq(applicationDeclarations.applicationId, applicationId)));
  return Boolean(draft || declared);
}

/** What retention removes of one call, whether or not its date has come. */
export async function planCallRetention(opts: { callId: string; now: Date; years: number; db?: Db | Tx }): Promise<CallRetentionPlan | null> {
  const database = opts.db ?? defaultDb();
  const call = await first(database.select({ id: calls.id, slug: calls.slug, title: calls.title, doneAt: calls.retentionDoneAt }).from(calls).where(eq(calls.id, opts.callId)));
  if (!call) return null;
  const retention = await retentionDateOf(database, call.id, opts.years);
  // A call is done in one transaction: after it, nothing of it is left to go.
  if (call.doneAt) return { callId: call.id, slug: call.slug, title: call.title, retention, due: false, bids: [], questionIds: [], staffReportIds: [], proofFiles: [], caseFiles: [], amendmentIds: [], cooperationIds: [] };
  const questionIds = (
    await database
      .select({ id: questions.id })
      .from(questions)
      .where(and(eq(questions.callId, call.id), or(isNotNull(questions.askedByUserId), and(isNull(questions.publicQuestion), isNull(questions.publishedAt), ne(questions.body, "")))))
  ).map((q) => q.id);
  const callContracts = (await database.select({ id: contracts.id }).from(contracts).where(eq(contracts.callId, call.id))).map((c) => c.id);
  const staffReportIds = callContracts.length
    ? (
        await database
          .selectDistinct({ id: staffReports.id })
          .from(staffReports)
          .leftJoin(staffReportPosts, eq(staffReportPosts.reportId, staffReports.id))
          .where(and(inArray(staffReports.contractId, callContracts), or(isNotNull(staffReports.submittedByName), ne(staffReportPosts.personName, ""))))
          .orderBy(asc(staffReports.id))
      ).map((r) => r.id)
    : [];
  const amendmentIds = callContracts.length
    ? (
        await database
          .select({ id: contractAmendments.id })
          .from(contractAmendments)
          .where(and(inArray(contractAmendments.contractId, callContracts), isNotNull(contractAmendments.decidedByName)))
      ).map((a) => a.id)
    : [];
  const cooperationIds = (
    await database
      .select({ id: cooperationDeclarations.id })
      .from(cooperationDeclarations)
      .where(and(eq(cooperationDeclarations.callId, call.id), or(isNotNull(cooperationDeclarations.declarantName), isNotNull(cooperationDeclarations.declarantFunction))))
  ).map((c) => c.id);
  const proofFiles = callContracts.length
    ? await database
        .selectDistinct({ id: storedFiles.id, sizeBytes: storedFiles.sizeBytes })
        .from(staffReportPosts)
        .innerJoin(staffReports, eq(staffReports.id, staffReportPosts.reportId))
        .innerJoin(storedFiles, eq(storedFiles.id, staffReportPosts.proofFileId))
        .where(and(inArray(staffReports.contractId, callContracts), isNull(storedFiles.deletedAt)))
        .orderBy(asc(storedFiles.id))
    : [];
  const caseFiles = await database
    .select({ jobId: documentJobs.id, fileId: storedFiles.id, sizeBytes: storedFiles.sizeBytes })
    .from(documentJobs)
    .innerJoin(storedFiles, eq(storedFiles.id, documentJobs.storedFileId))
    .where(and(eq(documentJobs.callId, call.id), eq(documentJobs.kind, "case-file"), isNull(storedFiles.deletedAt)))
    .orderBy(asc(documentJobs.id));
  return {
    callId: call.id,
    slug: call.slug,
    title: call.title,
    retention,
    due: isDue(retention, opts.now),
    bids: await bidsNotAwarded(database, call.id),
    questionIds,
    staffReportIds,
    proofFiles,
    caseFiles,
    amendmentIds,
    cooperationIds,
  };
}

/**
 * The calls a person's account appears in: for a carrier's member those its organisation
 * applied to, asked in or complained about; for staff those they opened, checked, scored,
 * decided or answered in.
 */
async function callsOfPerson(database: Pick<Db, "all">, u: string): Promise<string[]> {
  const rows = await rowsOf<{ call_id: string }>(database, sql`
    SELECT a.call_id FROM applications a JOIN memberships m ON m.organisation_id = a.organisation_id WHERE m.user_id = ${u}
    UNION SELECT call_id FROM questions WHERE asked_by_user_id = ${u} OR answered_by_user_id = ${u}
    UNION SELECT call_id FROM complaints WHERE recorded_by_user_id = ${u} OR resolved_by_user_id = ${u}
    UNION SELECT call_id FROM openings WHERE started_by_user_id = ${u} OR confirmed_by_user_id = ${u}
    UNION SELECT l.call_id FROM evaluator_assignments e JOIN lots l ON l.id = e.lot_id WHERE e.evaluator_id = ${u}
    UNION SELECT call_id FROM conflict_declarations WHERE evaluator_id = ${u}
    UNION SELECT a.call_id FROM formal_checks f JOIN submissions s ON s.id = f.submission_id JOIN applications a ON a.id = s.application_id WHERE f.checked_by_user_id = ${u}
    UNION SELECT call_id FROM award_procedures WHERE proposed_by_user_id = ${u} OR approved_by_user_id = ${u} OR awarded_by_user_id = ${u}
    UNION SELECT call_id FROM amendments WHERE published_by_user_id = ${u}
    UNION SELECT call_id FROM contract_adjustments WHERE proposed_by_user_id = ${u} OR approved_by_user_id = ${u}
    UNION SELECT c.call_id FROM staff_reports r JOIN contracts c ON c.id = r.contract_id WHERE r.submitted_by_user_id = ${u}`);
  return rows.map((r) => r.call_id);
}

/** Days after being disabled before an account is anonymised, unless RETENTION_ACCOUNT_DAYS says otherwise. */
export const ACCOUNT_DAYS_DEFAULT = 90;

/**
 * Disabled accounts (leavers, carriers' members taken off) not yet anonymised, disabled at
 * least `accountDays` days before `now` (account administration may re-enable them until
 * then), whose every call they appear in is done: the records of their time no longer need
 * their name. Enabled accounts stay: their owners still use them.
 */
async function accountsToAnonymise(database: Pick<Db, "select" | "all">, doneCallIds: Set<string>, now: Date, accountDays: number): Promise<AccountToAnonymise[]> {
  const disabledBefore = new Date(now.getTime() - accountDays * 24 * 3600_000);
  const disabled = await database
    .select({ userId: users.id, role: users.role })
    .from(users)
    .where(and(isNotNull(users.disabledAt), lte(users.disabledAt, disabledBefore), isNull(users.anonymisedAt)))
    .orderBy(asc(users.createdAt), asc(users.id));
  const accounts: AccountToAnonymise[] = [];
  for (const u of disabled) {
    if ((await callsOfPerson(database, u.userId)).every((callId) => doneCallIds.has(callId))) accounts.push(u);
  }
  return accounts;
}

async function doneCalls(database: Reader): Promise<Set<string>> {
  return new Set((await database.select({ id: calls.id }).from(calls).where(isNotNull(calls.retentionDoneAt))).map((c) => c.id));
}

/** What a run at `now` removes: every call whose date has come and that is not done, and the accounts. */
export async function planRetention(opts: { now: Date; years: number; accountDays?: number; db?: Db }): Promise<RetentionPlan> {
  const database = opts.db ?? defaultDb();
  const candidates = await database
    .select({ id: calls.id })
    .from(calls)
    .where(and(isNull(calls.retentionDoneAt), isNotNull(calls.publishedAt)))
    .orderBy(asc(calls.slug));
  const due: CallRetentionPlan[] = [];
  for (const c of candidates) {
    const plan = (await planCallRetention({ callId: c.id, now: opts.now, years: opts.years, db: database }))!;
    if (plan.due) due.push(plan);
  }
  const done = await doneCalls(database);
  for (const p of due) done.add(p.callId);
  return { calls: due, accounts: await accountsToAnonymise(database, done, opts.now, opts.accountDays ?? ACCOUNT_DAYS_DEFAULT) };
}

// ---------------------------------------------------------------------------------------
// Doing it

export type RetentionRunResult = {
  runId: string;
  calls: { slug: string; files: number; bytes: number; submissions: number }[];
  accounts: number;
  auditEntriesRedacted: number;
  filesRemoved: number;
};

const REDACTED_DETAILS = '{"redacted":true}';
// Never redacted: the witnesses' details are the keys that receipts and opening records are
// checked by (audit:verify) and hold no personal data; the Vergabevermerk builds its timeline
// from the details of TIMELINE_ACTIONS (award.approved and award.awarded name who proposed
// and approved). The details are hashed into the chain, so a name inside them cannot be
// cleared alone: those entries keep it, as the record of the procedure needs it (decision 0036).
const KEPT_ACTIONS = ["application.submitted", "call.opened", "retention.audit-redacted", ...TIMELINE_ACTIONS];
// Shorter strings would match unrelated entries.
const MIN_NEEDLE_CHARS = 4;
// Columns by which a row belongs to a call or to a row that does (the object ids of audit entries).
const PARENT_COLUMNS = ["call_id", "application_id", "submission_id", "contract_id", "lot_id", "report_id"];

/**
 * The ids of the calls and of every row that belongs to them, directly or through a parent
 * (applications, their submissions, lots, contracts, their staff reports, ...): what an audit
 * entry about the call's procedure names as its object.
 */
export async function objectsOfCalls(database: Pick<Db, "all">, callIds: Iterable<string>): Promise<Set<string>> {
  const ids = new Set(callIds);
  if (ids.size === 0) return ids;
  const links = await parentLinks(database);
  for (let size = 0; size !== ids.size; ) {
    size = ids.size;
    const known = JSON.stringify([...ids]);
    for (const l of links) {
      for (const r of await rowsOf<{ id: string }>(database, sql`SELECT id FROM ${sql.identifier(l.tbl)} WHERE ${sql.identifier(l.col)} IN ${jsonStrings(database, known)}`)) ids.add(r.id);
    }
  }
  return ids;
}

/**
 * The tables with an id and a column of PARENT_COLUMNS, read from the schema catalogue: SQLite's
 * sqlite_master and pragma_table_info, PostgreSQL's information_schema.
 */
async function parentLinks(database: Pick<Db, "all">): Promise<{ tbl: string; col: string }[]> {
  const parents = JSON.stringify(PARENT_COLUMNS);
  if (dialectOf(database) === "postgres") {
    return rowsOf<{ tbl: string; col: string }>(database, sql`
      SELECT c.table_name AS tbl, c.column_name AS col FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = current_schema() AND c.column_name IN ${jsonStrings(database, parents)}
        AND c.table_name NOT IN ('audit_entries', 'retention_deletions', '__drizzle_migrations')
        AND EXISTS (SELECT 1 FROM information_schema.columns q WHERE q.table_schema = c.table_schema AND q.table_name = c.table_name AND q.column_name = 'id')
      ORDER BY 1, 2`);
  }
  return rowsOf<{ tbl: string; col: string }>(database, sql`
    SELECT m.name AS tbl, p.name AS col FROM sqlite_master m, pragma_table_info(m.name) p
    WHERE m.type = 'table' AND p.name IN ${jsonStrings(database, parents)}
      AND m.name NOT IN ('audit_entries', 'retention_deletions', '__drizzle_migrations')
      AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) q WHERE q.name = 'id')
    ORDER BY 1, 2`);
}

/** What a retention entry records of each entry it redacted; audit:verify compares every field with the row. */
export type RedactedEntryRecord = { seq: number; hash: string; at: string; actorUserId: string | null; action: string; objectType: string; objectId: string };

/**
 * Replaces the details of entries about `scope` (object ids) that contain one of `needles`
 * (names of people, e-mail addresses; no entry records a carrier's file name) by a marker,
 * and appends an entry naming each redacted entry with its hash and fields, by which
 * audit:verify accepts it (decision 0036). KEPT_ACTIONS stay. Returns how many were redacted.
 */
async function redactAudit(tx: Tx, needles: Iterable<string>, scope: Set<string>, run: { id: string; at: Date }, objectType: string, objectId: string): Promise<number> {
  const found = new Map<number, RedactedEntryRecord>();
  const inScope = JSON.stringify([...scope]);
  for (const needle of new Set([...needles].map((n) => n.trim()).filter((n) => n.length >= MIN_NEEDLE_CHARS))) {
    // As the string stands inside the canonical JSON of the details.
    const escaped = JSON.stringify(needle).slice(1, -1);
    const rows = await tx
      .select({ seq: auditEntries.seq, hash: auditEntries.hash, at: auditEntries.at, actorUserId: auditEntries.actorUserId, action: auditEntries.action, objectType: auditEntries.objectType, objectId: auditEntries.objectId })
      .from(auditEntries)
      .where(
        and(
          isNull(auditEntries.redactedAt),
          sql`${auditEntries.action} NOT IN ${KEPT_ACTIONS}`,
          sql`${auditEntries.objectId} IN ${jsonStrings(tx, inScope)}`,
          sql`${positionIn(tx, auditEntries.details, escaped)} > 0`,
        ),
      );
    for (const r of rows) found.set(r.seq, { ...r, at: r.at.toISOString() });
  }
  if (found.size === 0) return 0;
  const entries = [...found.values()].sort((a, b) => a.seq - b.seq);
  await tx
    .update(auditEntries)
    .set({ details: REDACTED_DETAILS, redactedAt: run.at })
    .where(inArray(auditEntries.seq, entries.map((e) => e.seq)));
  for (const e of entries) await record(tx, run, null, "audit-details", "audit_entry", String(e.seq), 0);
  await appendAudit(tx, { at: run.at, actorUserId: null, action: "retention.audit-redacted", objectType, objectId, details: { runId: run.id, entries } });
  return entries.length;
}

async function record(tx: Tx, run: { id: string; at: Date }, callId: string | null, kind: RetentionDeletionKind, objectType: string, objectId: string, bytes: number) {
  await tx.insert(retentionDeletions).values({ runId: run.id, callId, kind, objectType, objectId, bytes, at: run.at });
}

/** Applies one call's plan inside `tx`; returns the personal strings it removed (for the audit). */
async function applyCallPlan(tx: Tx, plan: CallRetentionPlan, run: { id: string; at: Date }): Promise<Set<string>> {
  const needles = new Set<string>();
  // The call's key, read once when a sealed submission first needs it (as the lazy read did before).
  let callKey: Buffer | null | undefined;
  const key = () => callKey ?? null;
  for (const bid of plan.bids) {
    if (bid.files.length) {
      const ids = bid.files.map((f) => f.id);
      await tx.update(storedFiles).set({ deletedAt: run.at, originalName: "" }).where(inArray(storedFiles.id, ids));
      for (const f of bid.files) await record(tx, run, plan.callId, "file", "stored_file", f.id, f.sizeBytes);
    }
    for (const submissionId of bid.submissionIds) {
      const row = (await first(tx.select({ sealedContent: submissions.sealedContent }).from(submissions).where(eq(submissions.id, submissionId))))!;
      if (callKey === undefined && isSealedValue(row.sealedContent)) callKey = await callKeyOf(tx, plan.callId);
      const snapshot = openSubmissionContent(row.sealedContent, plan.callId, key);
      // The declaring person's name (Textform signature); the standard texts and roles name no one.
      for (const d of [snapshot.declarations?.pay, snapshot.declarations?.exclusion]) if (d) needles.add(d.signature.name);
      const json = Buffer.from(JSON.stringify(redactedSnapshot(snapshot, run.at)), "utf8");
      // Sealed as before (legacy plain versions stay plain); content_hash keeps the hash of what was submitted.
      const stored = isSealedValue(row.sealedContent) ? sealValue(key()!, json, sealContext.submissionContent(plan.callId)) : json;
      await tx.update(submissions).set({ sealedContent: stored, contentDeletedAt: run.at }).where(eq(submissions.id, submissionId));
      await record(tx, run, plan.callId, "bid-content", "submission", submissionId, 0);
    }
    // The working copy (sealed draft) and the declarations in Textform.
    const bidIds = (await tx.select({ id: lotBids.id }).from(lotBids).where(eq(lotBids.applicationId, bid.applicationId))).map((b) => b.id);
    if (bidIds.length) {
      await tx.delete(offeredPosts).where(inArray(offeredPosts.lotBidId, bidIds));
      await tx.delete(costPlans).where(inArray(costPlans.lotBidId, bidIds));
      await tx.update(lotBids).set({ concept: {}, conceptFileId: null }).where(inArray(lotBids.id, bidIds));
    }
    await tx.delete(applicationDeclarations).where(eq(applicationDeclarations.applicationId, bid.applicationId));
    await record(tx, run, plan.callId, "draft", "application", bid.applicationId, 0);
  }
  if (plan.questionIds.length) {
    // The published wording and the answer are the public record; the asker and an unpublished wording go.
    await tx.update(questions).set({ askedByUserId: null }).where(inArray(questions.id, plan.questionIds));
    await tx
      .update(questions)
      .set({ body: "" })
      .where(and(inArray(questions.id, plan.questionIds), or(isNotNull(questions.publicQuestion), isNull(questions.publishedAt))));
    for (const id of plan.questionIds) await record(tx, run, plan.callId, "question-asker", "question", id, 0);
  }
  if (plan.staffReportIds.length) {
    const names = (await tx.select({ person: staffReportPosts.personName }).from(staffReportPosts).where(inArray(staffReportPosts.reportId, plan.staffReportIds))).map((r) => r.person);
    const signers = await tx.select({ name: staffReports.submittedByName }).from(staffReports).where(inArray(staffReports.id, plan.staffReportIds));
    for (const n of [...names, ...signers.map((s) => s.name ?? "")]) needles.add(n);
    await tx.update(staffReportPosts).set({ personName: "" }).where(inArray(staffReportPosts.reportId, plan.staffReportIds));
    await tx.update(staffReports).set({ submittedByName: null }).where(inArray(staffReports.id, plan.staffReportIds));
    for (const id of plan.staffReportIds) await record(tx, run, plan.callId, "staff-report-names", "staff_report", id, 0);
  }
  if (plan.proofFiles.length) {
    // A degree proof names its holder; the post keeps the reference to the (deleted) row.
    await tx.update(storedFiles).set({ deletedAt: run.at, originalName: "" }).where(inArray(storedFiles.id, plan.proofFiles.map((f) => f.id)));
    for (const f of plan.proofFiles) await record(tx, run, plan.callId, "staff-report-proof", "stored_file", f.id, f.sizeBytes);
  }
  if (plan.caseFiles.length) {
    // A stored case file holds decrypted copies of every bid. The job is superseded, so the
    // case-file page offers to make it again (from what is left).
    await tx.update(storedFiles).set({ deletedAt: run.at, originalName: "" }).where(inArray(storedFiles.id, plan.caseFiles.map((f) => f.fileId)));
    await tx.update(documentJobs).set({ status: "superseded", storedFileId: null }).where(inArray(documentJobs.id, plan.caseFiles.map((f) => f.jobId)));
    for (const f of plan.caseFiles) await record(tx, run, plan.callId, "case-file", "stored_file", f.fileId, f.sizeBytes);
  }
  if (plan.amendmentIds.length) {
    for (const a of await tx.select({ name: contractAmendments.decidedByName }).from(contractAmendments).where(inArray(contractAmendments.id, plan.amendmentIds))) needles.add(a.name ?? "");
    await tx.update(contractAmendments).set({ decidedByName: null }).where(inArray(contractAmendments.id, plan.amendmentIds));
    for (const id of plan.amendmentIds) await record(tx, run, plan.callId, "textform-names", "contract_amendment", id, 0);
  }
  if (plan.cooperationIds.length) {
    for (const c of await tx.select({ name: cooperationDeclarations.declarantName }).from(cooperationDeclarations).where(inArray(cooperationDeclarations.id, plan.cooperationIds))) {
      // The function ("Geschäftsführerin") names no one by itself: only the name is searched for.
      needles.add(c.name ?? "");
    }
    await tx.update(cooperationDeclarations).set({ declarantName: null, declarantFunction: null }).where(inArray(cooperationDeclarations.id, plan.cooperationIds));
    for (const id of plan.cooperationIds) await record(tx, run, plan.callId, "textform-names", "cooperation_declaration", id, 0);
  }
  return needles;
}

async function anonymiseAccount(tx: Tx, account: AccountToAnonymise, run: { id: string; at: Date }): Promise<string[]> {
  const user = (await first(tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, account.userId))))!;
  await tx
    .update(users)
    .set({
      name: "",
      // Unique and undeliverable (RFC 2606): the column is unique and required.
      email: `anonymisiert-${account.userId}@invalid`,
      // No password hash matches "!": the account cannot sign in.
      passwordHash: "!",
      totpSecretSealed: null,
      totpEnabledAt: null,
      totpLastStep: null,
      locale: null,
      anonymisedAt: run.at,
    })
    .where(eq(users.id, account.userId));
  await tx.delete(sessions).where(eq(sessions.userId, account.userId));
  // Passkeys name their device and are the person's (decision 0034).
  await tx.delete(passkeys).where(eq(passkeys.userId, account.userId));
  await tx.delete(passkeyChallenges).where(eq(passkeyChallenges.userId, account.userId));
  // A grant of a role to the person (decision 0035) names them too; the grant itself stays.
  await tx.update(roleGrants).set({ name: "", email: `anonymisiert-${account.userId}@invalid` }).where(eq(roleGrants.userId, account.userId));
  await tx.delete(userTokens).where(or(eq(userTokens.userId, account.userId), eq(userTokens.email, user.email)));
  // The contact of the member's organisations, where it is this person (filled from them at registration).
  const orgIds = (await tx.select({ id: memberships.organisationId }).from(memberships).where(eq(memberships.userId, account.userId))).map((m) => m.id);
  if (orgIds.length) {
    const named = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(inArray(organisations.id, orgIds), or(sql`lower(${organisations.contactEmail}) = lower(${user.email})`, user.name.trim() ? eq(organisations.contactName, user.name) : sql`1 = 0`)));
    if (named.length) {
      await tx.update(organisations).set({ contactName: "", contactEmail: "", contactPhone: null }).where(inArray(organisations.id, named.map((o) => o.id)));
      for (const o of named) await record(tx, run, null, "contact", "organisation", o.id, 0);
    }
  }
  await record(tx, run, null, "account", "user", account.userId, 0);
  await appendAudit(tx, { at: run.at, actorUserId: null, action: "retention.account-anonymised", objectType: "user", objectId: account.userId, details: { runId: run.id, role: account.role } });
  return [user.name, user.email];
}

/** Removes the bytes of every file whose row says deleted; a file already gone counts as removed. */
async function removeDeletedBytes(database: Db, storage?: FileStorage): Promise<number> {
  const rows = await database.select({ backend: storedFiles.backend, storageKey: storedFiles.storageKey }).from(storedFiles).where(isNotNull(storedFiles.deletedAt));
  let removed = 0;
  for (const r of rows) {
    try {
      await storageOf(r.backend, storage).remove(r.storageKey);
      removed++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return removed;
}

/**
 * The run: every due call in its own transaction (plan read and applied there), then the
 * accounts, then the bytes of deleted files. Running it again changes nothing.
 */
export async function runRetention(opts: { now: Date; years: number; accountDays?: number; db?: Db; storage?: FileStorage }): Promise<RetentionRunResult> {
  const database = opts.db ?? defaultDb();
  const runId = await writeTx(async (tx) => (await tx.insert(retentionRuns).values({ startedAt: opts.now }).returning({ id: retentionRuns.id }))[0]!.id, database);
  const run = { id: runId, at: opts.now };
  const result: RetentionRunResult = { runId, calls: [], accounts: 0, auditEntriesRedacted: 0, filesRemoved: 0 };
  for (const { callId } of (await planRetention({ now: opts.now, years: opts.years, accountDays: opts.accountDays, db: database })).calls) {
    await writeTx(async (tx) => {
      // Planned again inside the transaction: what it removes is what the database holds now.
      const plan = (await planCallRetention({ callId, now: opts.now, years: opts.years, db: tx }))!;
      if (!plan.due) return;
      const needles = await applyCallPlan(tx, plan, run);
      const files = plan.bids.reduce((n, b) => n + b.files.length, 0);
      const bytes = plan.bids.reduce((n, b) => n + b.bytes, 0);
      const caseFiles = plan.caseFiles.length;
      const submissionCount = plan.bids.reduce((n, b) => n + b.submissionIds.length, 0);
      await tx.update(calls).set({ retentionDoneAt: opts.now }).where(eq(calls.id, callId));
      await appendAudit(tx, {
        at: opts.now,
        actorUserId: null,
        action: "retention.call-done",
        objectType: "call",
        objectId: callId,
        details: {
          runId,
          retentionDate: plan.retention!.date.toISOString(),
          bids: plan.bids.map((b) => b.applicationId),
          files,
          bytes,
          submissions: submissionCount,
          questions: plan.questionIds.length,
          staffReports: plan.staffReportIds.length,
          proofFiles: plan.proofFiles.length,
          caseFiles,
          textformNames: plan.amendmentIds.length + plan.cooperationIds.length,
        },
      });
      result.auditEntriesRedacted += await redactAudit(tx, needles, await objectsOfCalls(tx, [callId]), run, "call", callId);
      result.calls.push({ slug: plan.slug, files, bytes, submissions: submissionCount });
    }, database);
    // Snapshots this process decrypted before are no longer what the database holds.
    openedSnapshots.clear();
  }
  await writeTx(async (tx) => {
    const accounts = await accountsToAnonymise(tx, await doneCalls(tx), opts.now, opts.accountDays ?? ACCOUNT_DAYS_DEFAULT);
    for (const a of accounts) {
      // Only entries of the (done) calls of the person's time and about the account itself:
      // the rest of the trail is no retention's business.
      const scope = await objectsOfCalls(tx, await callsOfPerson(tx, a.userId));
      scope.add(a.userId);
      for (const g of await tx.select({ id: roleGrants.id }).from(roleGrants).where(eq(roleGrants.userId, a.userId))) scope.add(g.id);
      const needles = await anonymiseAccount(tx, a, run);
      result.auditEntriesRedacted += await redactAudit(tx, needles, scope, run, "user", a.userId);
    }
    result.accounts = accounts.length;
  }, database);
  result.filesRemoved = await removeDeletedBytes(database, opts.storage);
  await writeTx(async (tx) => {
    const summary = { calls: result.calls.length, files: result.calls.reduce((n, c) => n + c.files, 0), bytes: result.calls.reduce((n, c) => n + c.bytes, 0), people: result.accounts, auditEntries: result.auditEntriesRedacted };
    await tx.update(retentionRuns).set({ finishedAt: opts.now, summary }).where(eq(retentionRuns.id, runId));
  }, database);
  return result;
}

// ---------------------------------------------------------------------------------------
// The officer's later date

/**
 * Sets a later retention date for a call (e.g. a pending court case), or clears it (null),
 * audited with the reason. Refuses a date before the legal minimum and a call already done.
 */
export async function setRetentionOverride(opts: { officerUserId: string; callId: string; until: Date | null; reason: string; now: Date; db?: Db }) {
  const database = opts.db ?? defaultDb();
  const reason = opts.reason.trim();
  if (!reason) throw new DomainError("CONFLICT", "retention.refusal.reasonMissing");
  await writeTx(async (tx) => {
    const officer = await first(tx.select({ id: users.id }).from(users).where(and(eq(users.id, opts.officerUserId), eq(users.role, "officer"), isNull(users.disabledAt))));
    if (!officer) throw new DomainError("FORBIDDEN", "retention.refusal.notOfficer");
    const call = await first(tx.select({ id: calls.id, done: calls.retentionDoneAt, previous: calls.retentionUntil }).from(calls).where(eq(calls.id, opts.callId)));
    if (!call) throw new DomainError("NOT_FOUND", "notFound.call");
    if (call.done) throw new DomainError("CONFLICT", "retention.refusal.alreadyDone");
    if (opts.until) {
      const facts = await factsOf(tx, call.id);
      // Before the award or cancellation a date would only ever shorten the time the bids are needed.
      if (!computedRetentionDate(facts, STATUTORY_YEARS)) throw new DomainError("CONFLICT", "retention.refusal.undecided");
      const minimum = statutoryMinimum(facts);
      if (minimum && opts.until.getTime() < minimum.getTime()) throw new DomainError("CONFLICT", "retention.refusal.beforeMinimum");
      if (opts.until.getTime() <= opts.now.getTime()) throw new DomainError("CONFLICT", "retention.refusal.notFuture");
    }
    await tx.update(calls).set({ retentionUntil: opts.until, updatedAt: opts.now }).where(eq(calls.id, call.id));
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.officerUserId,
      action: "retention.date-set",
      objectType: "call",
      objectId: call.id,
      details: { until: opts.until?.toISOString() ?? null, previous: call.previous?.toISOString() ?? null, reason },
    });
  }, database);
}

/** For the officer's call page: the date, whether it is the computed one, what goes then, and whether it went. */
export async function callRetentionView(opts: { callId: string; now: Date; years: number; db?: Db }) {
  const database = opts.db ?? defaultDb();
  const plan = await planCallRetention(opts);
  if (!plan) return null;
  const done = (await first(database.select({ at: calls.retentionDoneAt }).from(calls).where(eq(calls.id, opts.callId))))?.at ?? null;
  const deleted = await database
    .select({ kind: retentionDeletions.kind, count: sql<number>`count(*)`, bytes: sql<number>`sum(${retentionDeletions.bytes})` })
    .from(retentionDeletions)
    .where(eq(retentionDeletions.callId, opts.callId))
    .groupBy(retentionDeletions.kind);
  // Before the opening nothing of a bid, not even how many there are, reaches the city.
  const opened = await isCallOpened(opts.callId, database);
  return {
    retention: plan.retention,
    minimum: statutoryMinimum(await factsOf(database, opts.callId)),
    doneAt: done,
    due: plan.due,
    bids: opened ? plan.bids.length : null,
    files: opened ? plan.bids.reduce((n, b) => n + b.files.length, 0) : null,
    bytes: opened ? plan.bids.reduce((n, b) => n + b.bytes, 0) : null,
    questions: plan.questionIds.length,
    staffReports: plan.staffReportIds.length,
    textformNames: plan.amendmentIds.length + plan.cooperationIds.length,
    deleted: Object.fromEntries(deleted.map((d) => [d.kind, { count: d.count, bytes: d.bytes ?? 0 }])) as Partial<Record<RetentionDeletionKind, { count: number; bytes: number }>>,
  };
}
