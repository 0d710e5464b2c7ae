// Formale Prüfung after the opening: the officer records each checklist item per submission
// and per lot (a new row per change, so the history stays), excludes a submission or a lot
// bid with a reason that the later notices reuse, and may ask a carrier to supply a missing
// document by a date (Nachforderung), which the carrier answers with an upload through its
// dashboard. Only the counting versions of an opened call can be checked; every step is in
// the audit trail, written in the same transaction.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { now as serverNow } from "../infra/clock.server";
import { db as defaultDb, first, writeTx, type Db, type Tx, type Reader } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import type { MailRecipient } from "../infra/mail.server";
import { recordStoredFile } from "../infra/stored-files.server";
import { memberRecipients } from "../identity/carriers.server";
import {
  applications,
  calls,
  documentRequests,
  exclusionGroundFindings,
  exclusions,
  formalChecks,
  storedFiles,
  submissions,
  users,
  type CallStatus,
} from "../infra/schema";
import type { CallView } from "../procurement/call-view";
import { loadCallView } from "../procurement/calls.server";
import { readSubmittedContent } from "../submission/access.server";
import type { CarrierActor, StoredUpload } from "../submission/applications.server";
import type { FileRef } from "../submission/rules";
import type { SubmissionSnapshot } from "../submission/snapshot";
import { isExclusionGround, type ExclusionGround } from "../submission/declarations";
import {
  changedEntries,
  checkProgress,
  deriveChecklist,
  documentRequestsAllowed,
  isCheckItem,
  mergeRecorded,
  noteMissing,
  type CheckItem,
  type CheckProgress,
  type RecordedCheck,
} from "./formal-check";
import { countingEntry, type OpeningRecord, type OpeningRecordEntry } from "./opening-record";
import { loadOpeningRecord, requireOfficer } from "./opening.server";

/** Statuses in which the formal check may still change. */
const CHECKABLE: CallStatus[] = ["opened", "formal_check", "evaluation"];

export const MAX_NOTE_CHARS = 2000;
export const MAX_REASON_CHARS = 4000;

type Target = {
  submissionId: string;
  applicationId: string;
  callId: string;
  callSlug: string;
  callStatus: CallStatus;
  callDefinition: Record<string, unknown> | null;
  record: OpeningRecord;
  entry: OpeningRecordEntry;
};

/**
 * A counting version of an opened call. Before the opening nothing of a bid exists for the
 * city (NOT_FOUND); a superseded or withdrawn version is not checked (CONFLICT).
 */
export async function checkableSubmission(database: Reader, submissionId: string): Promise<Target> {
  const row = await first(
    database
      .select({
        applicationId: submissions.applicationId,
        callId: applications.callId,
        callSlug: calls.slug,
        callStatus: calls.status,
        callDefinition: calls.definition,
      })
      .from(submissions)
      .innerJoin(applications, eq(applications.id, submissions.applicationId))
      .innerJoin(calls, eq(calls.id, applications.callId))
      .where(eq(submissions.id, submissionId)),
  );
  const loaded = row ? await loadOpeningRecord(row.callId, database) : null;
  if (!row || !loaded) throw new DomainError("NOT_FOUND", "check.notOpened");
  const entry = countingEntry(loaded.record, submissionId);
  if (!entry) throw new DomainError("CONFLICT", "check.notCounting");
  return { submissionId, ...row, record: loaded.record, entry };
}

export function assertCheckable(target: Target) {
  if (!CHECKABLE.includes(target.callStatus)) throw new DomainError("CONFLICT", "check.closed");
}

function assertLot(target: Target, lotId: string | null) {
  if (lotId !== null && !target.entry.lots.some((l) => l.lotId === lotId)) throw new DomainError("INVALID", "check.unknownLot");
}

/** The first step of the formal check moves an opened call to "formal_check". */
export async function beginFormalCheck(tx: Tx, target: Target, officerUserId: string, now: Date) {
  if (target.callStatus !== "opened") return;
  await tx.update(calls).set({ status: "formal_check", updatedAt: now }).where(and(eq(calls.id, target.callId), eq(calls.status, "opened")));
  await appendAudit(tx, {
    at: now,
    actorUserId: officerUserId,
    action: "call.formal-check-started",
    objectType: "call",
    objectId: target.callId,
  });
}

async function recordedChecks(database: Reader, submissionId: string): Promise<RecordedCheck[]> {
  return database
    .select({
      lotId: formalChecks.lotId,
      item: formalChecks.item,
      passed: formalChecks.passed,
      note: formalChecks.note,
      checkedByName: users.name,
      checkedAt: formalChecks.checkedAt,
      seq: sql<number>`"formal_checks"."rowid"`,
    })
    .from(formalChecks)
    .innerJoin(users, eq(users.id, formalChecks.checkedByUserId))
    .where(eq(formalChecks.submissionId, submissionId));
}

// ---------------------------------------------------------------------------------------
// Recording results

export type CheckEntryInput = { item: string; passed: boolean; note: string };

/**
 * Records the results of items of one submission (lotId null) or one lot bid. Only entries
 * that change an item (a first result, another result or another note) add a row; a failed
 * item needs a note. Returns how many rows were added.
 */
export async function recordFormalCheck(opts: {
  officerUserId: string;
  submissionId: string;
  lotId: string | null;
  items: CheckEntryInput[];
  now: Date;
  db?: Db;
}): Promise<{ recorded: number }> {
  return writeTx(async (tx) => {
    const officer = await requireOfficer(tx, opts.officerUserId);
    const target = await checkableSubmission(tx, opts.submissionId);
    assertCheckable(target);
    assertLot(target, opts.lotId);
    const entries = opts.items.map((e) => ({ ...e, note: e.note.trim() }));
    for (const e of entries) {
      if (!isCheckItem(e.item, opts.lotId)) throw new DomainError("INVALID", "check.itemUnknown");
      if (noteMissing(e)) throw new DomainError("INVALID", "check.noteRequired");
      if ([...e.note].length > MAX_NOTE_CHARS) throw new DomainError("INVALID", "check.noteTooLong");
    }
    const changed = changedEntries(opts.lotId, entries, await recordedChecks(tx, target.submissionId));
    if (changed.length) await beginFormalCheck(tx, target, officer.id, opts.now);
    for (const e of changed) {
      await tx
        .insert(formalChecks)
        .values({
          submissionId: target.submissionId,
          lotId: opts.lotId,
          item: e.item,
          passed: e.passed,
          note: e.note,
          checkedByUserId: officer.id,
          checkedAt: opts.now,
        });
      await appendAudit(tx, {
        at: opts.now,
        actorUserId: officer.id,
        action: "formal-check.recorded",
        objectType: "submission",
        objectId: target.submissionId,
        details: { lotId: opts.lotId, item: e.item, passed: e.passed, note: e.note },
      });
    }
    return { recorded: changed.length };
  }, opts.db ?? defaultDb());
}

// ---------------------------------------------------------------------------------------
// Exclusions

/** Excludes a whole submission (lotId null) or one lot bid, with the reason notices reuse. */
export async function excludeBid(opts: {
  officerUserId: string;
  submissionId: string;
  lotId: string | null;
  reason: string;
  /** The exclusion ground of §§ 123, 124 GWB it rests on, if any (decision 0019). */
  ground?: ExclusionGround | null;
  now: Date;
  db?: Db;
}): Promise<{ exclusionId: string }> {
  return writeTx(async (tx) => {
    const officer = await requireOfficer(tx, opts.officerUserId);
    const target = await checkableSubmission(tx, opts.submissionId);
    assertCheckable(target);
    assertLot(target, opts.lotId);
    const reason = opts.reason.trim();
    if (!reason) throw new DomainError("INVALID", "check.reasonMissing");
    if ([...reason].length > MAX_REASON_CHARS) throw new DomainError("INVALID", "check.reasonTooLong");
    if (opts.ground && !isExclusionGround(opts.ground)) throw new DomainError("INVALID", "groundCheck.error.unknownGround");
    const existing = await first(
      tx
        .select({ id: exclusions.id })
        .from(exclusions)
        .where(
          and(
            eq(exclusions.submissionId, target.submissionId),
            opts.lotId === null ? isNull(exclusions.lotId) : eq(exclusions.lotId, opts.lotId),
          ),
        ),
    );
    if (existing) throw new DomainError("CONFLICT", "check.alreadyExcluded");
    await beginFormalCheck(tx, target, officer.id, opts.now);
    const [row] = await tx
      .insert(exclusions)
      .values({
        submissionId: target.submissionId,
        lotId: opts.lotId,
        reason,
        ground: opts.ground ?? null,
        decidedByUserId: officer.id,
        decidedAt: opts.now,
      })
      .returning({ id: exclusions.id });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: "formal-check.excluded",
      objectType: "submission",
      objectId: target.submissionId,
      details: { exclusionId: row.id, lotId: opts.lotId, ...(opts.ground ? { ground: opts.ground } : {}), reason },
    });
    return { exclusionId: row.id };
  }, opts.db ?? defaultDb());
}

/** Lifts an exclusion (a mistake corrected); the audit trail keeps the old reason. */
export async function revokeExclusion(opts: {
  officerUserId: string;
  exclusionId: string;
  reason: string;
  now: Date;
  db?: Db;
}): Promise<{ submissionId: string; lotId: string | null }> {
  return writeTx(async (tx) => {
    const officer = await requireOfficer(tx, opts.officerUserId);
    const row = await first(tx.select().from(exclusions).where(eq(exclusions.id, opts.exclusionId)));
    if (!row) throw new DomainError("NOT_FOUND", "check.exclusionNotFound");
    const target = await checkableSubmission(tx, row.submissionId);
    assertCheckable(target);
    const reason = opts.reason.trim();
    if (!reason) throw new DomainError("INVALID", "check.reasonMissing");
    if ([...reason].length > MAX_REASON_CHARS) throw new DomainError("INVALID", "check.reasonTooLong");
    await tx.delete(exclusions).where(eq(exclusions.id, row.id));
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: "formal-check.exclusion-revoked",
      objectType: "submission",
      objectId: row.submissionId,
      details: {
        exclusionId: row.id,
        lotId: row.lotId,
        previousReason: row.reason,
        decidedAt: row.decidedAt.toISOString(),
        reason,
      },
    });
    return { submissionId: row.submissionId, lotId: row.lotId };
  }, opts.db ?? defaultDb());
}

export type CallExclusion = {
  exclusionId: string;
  submissionId: string;
  organisationId: string;
  organisationName: string;
  receiptNumber: string;
  /** null: the whole submission is excluded. */
  lotId: string | null;
  lotNumber: number | null;
  reason: string;
  /** The exclusion ground it rests on (§§ 123, 124 GWB), or null. */
  ground: string | null;
  decidedAt: Date;
};

/** Every exclusion of a call with its reason, for the later notices (Absage). */
export async function listExclusionsForCall(callId: string, database: Reader = defaultDb()): Promise<CallExclusion[]> {
  const loaded = await loadOpeningRecord(callId, database);
  if (!loaded) return [];
  const entries = new Map(loaded.record.counting.map((e) => [e.submissionId, e]));
  if (entries.size === 0) return [];
  const rows = await database
    .select()
    .from(exclusions)
    .where(inArray(exclusions.submissionId, [...entries.keys()]))
    .orderBy(asc(exclusions.decidedAt));
  return rows.map((x) => {
    const e = entries.get(x.submissionId)!;
    return {
      exclusionId: x.id,
      submissionId: x.submissionId,
      organisationId: e.organisationId,
      organisationName: e.organisationName,
      receiptNumber: e.receiptNumber,
      lotId: x.lotId,
      lotNumber: x.lotId ? (e.lots.find((l) => l.lotId === x.lotId)?.number ?? null) : null,
      reason: x.reason,
      ground: x.ground,
      decidedAt: x.decidedAt,
    };
  });
}

// ---------------------------------------------------------------------------------------
// Nachforderung

/** The city asks the carrier of a counting version to supply a document by `dueAt`. */
export async function requestDocument(opts: {
  officerUserId: string;
  submissionId: string;
  description: string;
  dueAt: Date;
  now: Date;
  db?: Db;
}): Promise<{ requestId: string; recipients: MailRecipient[]; receiptNumber: string; callId: string; callTitle: string }> {
  return writeTx(async (tx) => {
    const officer = await requireOfficer(tx, opts.officerUserId);
    const target = await checkableSubmission(tx, opts.submissionId);
    assertCheckable(target);
    if (!documentRequestsAllowed(target.callDefinition)) throw new DomainError("CONFLICT", "check.requestsNotAllowed");
    const description = opts.description.trim();
    if (!description) throw new DomainError("INVALID", "check.descriptionMissing");
    if ([...description].length > MAX_REASON_CHARS) throw new DomainError("INVALID", "check.descriptionTooLong");
    if (opts.dueAt.getTime() <= opts.now.getTime()) throw new DomainError("INVALID", "check.dueDatePast");
    await beginFormalCheck(tx, target, officer.id, opts.now);
    const [row] = await tx
      .insert(documentRequests)
      .values({
        submissionId: target.submissionId,
        description,
        dueAt: opts.dueAt,
        requestedByUserId: officer.id,
        requestedAt: opts.now,
      })
      .returning({ id: documentRequests.id });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: "document-request.created",
      objectType: "document_request",
      objectId: row.id,
      details: { submissionId: target.submissionId, dueAt: opts.dueAt.toISOString(), description },
    });
    // Every member of the carrier is told; the request also shows on their dashboard.
    const recipients = await memberRecipients(tx, target.entry.organisationId);
    const callTitle = (await first(tx.select({ title: calls.title }).from(calls).where(eq(calls.id, target.callId))))!.title;
    return { requestId: row.id, recipients, receiptNumber: target.entry.receiptNumber, callId: target.callId, callTitle };
  }, opts.db ?? defaultDb());
}

export type DocumentRequestView = {
  id: string;
  submissionId: string;
  /** The application it asks about (the answer is sealed with its call's key). */
  applicationId: string;
  receiptNumber: string;
  callSlug: string;
  callTitle: string;
  description: string;
  requestedAt: Date;
  dueAt: Date;
  answeredAt: Date | null;
  answeredFile: FileRef | null;
  /** "open": can still be answered; "answered"; "overdue": due date passed unanswered. */
  state: "open" | "answered" | "overdue";
};

function requestState(r: { answeredAt: Date | null; dueAt: Date }, now: Date): DocumentRequestView["state"] {
  if (r.answeredAt) return "answered";
  return now.getTime() < r.dueAt.getTime() ? "open" : "overdue";
}

async function requestRows(database: Reader, where: ReturnType<typeof and>, now: Date): Promise<DocumentRequestView[]> {
  const rows = await database
    .select({
      id: documentRequests.id,
      submissionId: documentRequests.submissionId,
      applicationId: submissions.applicationId,
      receiptNumber: submissions.receiptNumber,
      callSlug: calls.slug,
      callTitle: calls.title,
      description: documentRequests.description,
      requestedAt: documentRequests.requestedAt,
      dueAt: documentRequests.dueAt,
      answeredAt: documentRequests.answeredAt,
      fileId: storedFiles.id,
      fileName: storedFiles.originalName,
      fileMediaType: storedFiles.mediaType,
      fileSize: storedFiles.sizeBytes,
      fileSha256: storedFiles.sha256,
    })
    .from(documentRequests)
    .innerJoin(submissions, eq(submissions.id, documentRequests.submissionId))
    .innerJoin(applications, eq(applications.id, submissions.applicationId))
    .innerJoin(calls, eq(calls.id, applications.callId))
    .leftJoin(storedFiles, eq(storedFiles.id, documentRequests.answeredFileId))
    .where(where)
    .orderBy(desc(documentRequests.requestedAt));
  return rows.map(({ fileId, fileName, fileMediaType, fileSize, fileSha256, ...r }) => ({
    ...r,
    answeredFile: fileId
      ? { id: fileId, name: fileName!, mediaType: fileMediaType!, sizeBytes: fileSize!, sha256: fileSha256! }
      : null,
    state: requestState(r, now),
  }));
}

/**
 * The organisation's requests for documents, newest first, for its dashboard
 * (link each to /traeger/nachforderungen/<id>). `now` defaults to the server clock.
 */
export async function listDocumentRequestsForOrganisation(
  organisationId: string,
  opts: { now?: Date; db?: Db } = {},
): Promise<DocumentRequestView[]> {
  return requestRows(opts.db ?? defaultDb(), and(eq(applications.organisationId, organisationId)), opts.now ?? serverNow());
}

/** One request of the organisation; another organisation's request is NOT_FOUND. */
export async function loadDocumentRequestForOrganisation(opts: {
  organisationId: string;
  requestId: string;
  now: Date;
  db?: Db;
}): Promise<DocumentRequestView> {
  const [row] = await requestRows(
    opts.db ?? defaultDb(),
    and(eq(documentRequests.id, opts.requestId), eq(applications.organisationId, opts.organisationId)),
    opts.now,
  );
  if (!row) throw new DomainError("NOT_FOUND", "notFound.documentRequest");
  return row;
}

/**
 * The carrier answers a request with an uploaded file, before its due date and once. The file
 * belongs to the organisation and to the application, so that the city may read it (the
 * opening of the call is complete).
 */
export async function answerDocumentRequest(opts: {
  actor: CarrierActor;
  requestId: string;
  upload: StoredUpload;
  originalName: string;
  now: Date;
  db?: Db;
}): Promise<{ fileId: string }> {
  return writeTx(async (tx) => {
    const request = await first(
      tx
        .select({
          id: documentRequests.id,
          submissionId: documentRequests.submissionId,
          applicationId: submissions.applicationId,
          dueAt: documentRequests.dueAt,
          answeredAt: documentRequests.answeredAt,
        })
        .from(documentRequests)
        .innerJoin(submissions, eq(submissions.id, documentRequests.submissionId))
        .innerJoin(applications, eq(applications.id, submissions.applicationId))
        .where(and(eq(documentRequests.id, opts.requestId), eq(applications.organisationId, opts.actor.organisationId))),
    );
    if (!request) throw new DomainError("NOT_FOUND", "notFound.documentRequest");
    if (request.answeredAt) throw new DomainError("CONFLICT", "check.request.alreadyAnswered");
    if (opts.now.getTime() >= request.dueAt.getTime()) throw new DomainError("DEADLINE_PASSED", "check.request.duePassed");
    const fileId = await recordStoredFile(tx, opts.upload, {
      originalName: opts.originalName,
      uploadedByUserId: opts.actor.userId,
      organisationId: opts.actor.organisationId,
      applicationId: request.applicationId,
    });
    await tx
      .update(documentRequests)
      .set({ answeredFileId: fileId, answeredByUserId: opts.actor.userId, answeredAt: opts.now })
      .where(and(eq(documentRequests.id, request.id), isNull(documentRequests.answeredAt)));
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      action: "document-request.answered",
      objectType: "document_request",
      objectId: request.id,
      details: { submissionId: request.submissionId, fileId, sha256: opts.upload.sha256 },
    });
    return { fileId };
  }, opts.db ?? defaultDb());
}

// ---------------------------------------------------------------------------------------
// Read models for the officer's pages

export type CheckOverviewRow = {
  submissionId: string;
  organisationName: string;
  receiptNumber: string;
  version: number;
  submittedAt: string;
  lots: { lotId: string; number: number }[];
  fileMismatch: boolean;
  progress: CheckProgress;
  excludedWhole: boolean;
  excludedLots: number[];
  openRequests: number;
};

export type CheckOverview = {
  call: { id: string; slug: string; title: string; status: CallStatus };
  opened: boolean;
  rows: CheckOverviewRow[];
};

/** The counting versions of an opened call with the state of their check; officers only. */
export async function loadCheckOverview(opts: { officerUserId: string; callSlug: string; now: Date; db?: Db }): Promise<CheckOverview> {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const call = await first(
    database
      .select({ id: calls.id, slug: calls.slug, title: calls.title, status: calls.status })
      .from(calls)
      .where(eq(calls.slug, opts.callSlug)),
  );
  if (!call || call.status === "draft") throw new DomainError("NOT_FOUND", "notFound.call");
  const loaded = await loadOpeningRecord(call.id, database);
  if (!loaded) return { call, opened: false, rows: [] };
  const ids = loaded.record.counting.map((e) => e.submissionId);
  const checks = ids.length
    ? await database
        .select({
          submissionId: formalChecks.submissionId,
          lotId: formalChecks.lotId,
          item: formalChecks.item,
          passed: formalChecks.passed,
          checkedAt: formalChecks.checkedAt,
          seq: sql<number>`"formal_checks"."rowid"`,
        })
        .from(formalChecks)
        .where(inArray(formalChecks.submissionId, ids))
    : [];
  // The findings per exclusion ground count as items of the check (decision 0019).
  const findings = ids.length
    ? await database
        .select({
          submissionId: exclusionGroundFindings.submissionId,
          ground: exclusionGroundFindings.ground,
          finding: exclusionGroundFindings.finding,
          checkedAt: exclusionGroundFindings.checkedAt,
          seq: sql<number>`"exclusion_ground_findings"."rowid"`,
        })
        .from(exclusionGroundFindings)
        .where(inArray(exclusionGroundFindings.submissionId, ids))
    : [];
  const excl = ids.length ? await database.select().from(exclusions).where(inArray(exclusions.submissionId, ids)) : [];
  const requests = ids.length
    ? await database
        .select({ submissionId: documentRequests.submissionId, dueAt: documentRequests.dueAt, answeredAt: documentRequests.answeredAt })
        .from(documentRequests)
        .where(inArray(documentRequests.submissionId, ids))
    : [];
  return {
    call,
    opened: true,
    rows: loaded.record.counting.map((e) => ({
      submissionId: e.submissionId,
      organisationName: e.organisationName,
      receiptNumber: e.receiptNumber,
      version: e.version,
      submittedAt: e.submittedAt,
      lots: e.lots.map((l) => ({ lotId: l.lotId, number: l.number })),
      fileMismatch: e.files.some((f) => !f.matches) || !e.sealedContentIntact,
      progress: checkProgress(
        e.lots.map((l) => l.lotId),
        checks.filter((c) => c.submissionId === e.submissionId),
        findings.filter((f) => f.submissionId === e.submissionId),
      ),
      excludedWhole: excl.some((x) => x.submissionId === e.submissionId && x.lotId === null),
      excludedLots: excl
        .filter((x) => x.submissionId === e.submissionId && x.lotId !== null)
        .map((x) => e.lots.find((l) => l.lotId === x.lotId)?.number ?? 0)
        .sort((a, b) => a - b),
      openRequests: requests.filter((r) => r.submissionId === e.submissionId && requestState(r, opts.now) === "open").length,
    })),
  };
}

export type FormalCheckView = {
  call: { id: string; slug: string; title: string; status: CallStatus; checkable: boolean; requestsAllowed: boolean };
  entry: OpeningRecordEntry;
  snapshot: SubmissionSnapshot;
  checklist: ReturnType<typeof mergeRecorded>;
  history: (RecordedCheck & { lotNumber: number | null })[];
  exclusions: { id: string; lotId: string | null; lotNumber: number | null; reason: string; decidedAt: Date; decidedByName: string }[];
  requests: DocumentRequestView[];
};

/** The suggested checklist of a counting version with the latest recorded result of each item. */
function checklistOf(call: CallView, entry: OpeningRecordEntry, snapshot: SubmissionSnapshot, rows: RecordedCheck[]) {
  return mergeRecorded(
    deriveChecklist({
      call: { ...call, submissionDeadline: call.dates.submissionDeadline },
      snapshot,
      submittedAt: new Date(entry.submittedAt),
      fileChecks: entry.files,
    }),
    rows,
  );
}

/**
 * The checklist of every counting version of an opened call, in the order of the opening
 * record (the Vergabevermerk's section on the formal check). The opening record (with its
 * hash check) and the call are read once, not once per version as loadFormalCheck would;
 * every version's content is still read through the audited readSubmittedContent.
 */
export async function formalChecklistsOfCall(opts: { officerUserId: string; callId: string; callSlug: string; db?: Db }) {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const loaded = await loadOpeningRecord(opts.callId, database);
  if (!loaded) throw new DomainError("NOT_FOUND", "check.notOpened");
  const call = await loadCallView(opts.callSlug, { db: database });
  if (!call || call.id !== opts.callId) throw new DomainError("NOT_FOUND", "notFound.call");
  // One version after the other: each read is audited, in the order of the record.
  const out: { entry: OpeningRecordEntry; checklist: ReturnType<typeof checklistOf> }[] = [];
  for (const entry of loaded.record.counting) {
    const snapshot = await readSubmittedContent({
      actor: { userId: opts.officerUserId, role: "officer", organisationId: null },
      submissionId: entry.submissionId,
      db: database,
    });
    out.push({ entry, checklist: checklistOf(call, entry, snapshot, await recordedChecks(database, entry.submissionId)) });
  }
  return out;
}

/**
 * Everything the officer's check page shows for one counting version: the sealed content
 * (read through the access rules, so only after the opening), the checklist with its
 * suggestions and recorded results, the history, exclusions and requests.
 */
export async function loadFormalCheck(opts: {
  officerUserId: string;
  callSlug: string;
  submissionId: string;
  now: Date;
  db?: Db;
}): Promise<FormalCheckView> {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const target = await checkableSubmission(database, opts.submissionId);
  if (target.callSlug !== opts.callSlug) throw new DomainError("NOT_FOUND", "notFound.submission");
  const snapshot = await readSubmittedContent({
    actor: { userId: opts.officerUserId, role: "officer", organisationId: null },
    submissionId: opts.submissionId,
    db: database,
  });
  const call = await loadCallView(opts.callSlug, { db: database });
  if (!call) throw new DomainError("NOT_FOUND", "notFound.call");
  const rows = await recordedChecks(database, opts.submissionId);
  const checklist = checklistOf(call, target.entry, snapshot, rows);
  const lotNumber = (lotId: string | null) => (lotId ? (target.entry.lots.find((l) => l.lotId === lotId)?.number ?? null) : null);
  const exclusionRows = await database
    .select({
      id: exclusions.id,
      lotId: exclusions.lotId,
      reason: exclusions.reason,
      decidedAt: exclusions.decidedAt,
      decidedByName: users.name,
    })
    .from(exclusions)
    .innerJoin(users, eq(users.id, exclusions.decidedByUserId))
    .where(eq(exclusions.submissionId, opts.submissionId))
    .orderBy(asc(exclusions.decidedAt));
  const requests = await requestRows(database, and(eq(documentRequests.submissionId, opts.submissionId)), opts.now);
  return {
    call: {
      id: call.id,
      slug: call.slug,
      title: call.title,
      status: call.status,
      checkable: CHECKABLE.includes(call.status),
      requestsAllowed: documentRequestsAllowed(target.callDefinition),
    },
    entry: target.entry,
    snapshot,
    checklist,
    history: [...rows]
      .sort((a, b) => b.checkedAt.getTime() - a.checkedAt.getTime() || b.seq - a.seq)
      .map((r) => ({ ...r, lotNumber: lotNumber(r.lotId) })),
    exclusions: exclusionRows.map((x) => ({ ...x, lotNumber: lotNumber(x.lotId) })),
    requests,
  };
}

export type { CheckItem };
