// Sealed until opening (VgV § 55): the one place that decides who may read a carrier's
// file or submitted content. Every loader and download goes through these functions.
// A carrier reads only its own organisation's; the city reads nothing of a bid before the
// four-eyes opening of its call is complete, and an evaluator only the concept files of the
// lot bids they may score. Anything else answers NOT_FOUND, so that
// not even the existence of another carrier's object is revealed.
//
// Sealed storage (VgV § 54): submitted content and bid files are encrypted with the call's
// key (app/infra/sealing.server.ts). This module unwraps that key for the carrier's own
// reads, and for the city only once the four-eyes opening of the call is complete. The
// unsealing for the city's work after the opening (openedSubmissionContents: ranking, award,
// staffing) and for the opening itself (unsealForOpening) is in sealed-content.server.ts,
// which refuses before the opening and imports nothing of this gate.
//
// Mails that name a bidder or part of a bid (receipts, letters to the organisations that
// applied) carry their call (app/infra/mail.server.ts); the officers' outbox reads them
// through outboxForCity, which shows such a mail of an unopened call by its time only.
import type { Readable } from "node:stream";
import { and, eq, isNull } from "drizzle-orm";
import { recordAccess, type AccessAction } from "../infra/audit.server";
import { db as defaultDb, first, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { applications, callDocuments, calls, notices, staffReportPosts, staffReports, storedFiles, submissions, type UserRole } from "../infra/schema";
import { listOutbox, readOutboxMessage, type OutboxEntry } from "../infra/mail.server";
import { callKeyOf } from "../infra/sealing.server";
import type { FileStorage } from "../infra/storage.server";
import { openStoredFile } from "../infra/stored-files.server";
import { evaluatorMayReadFile } from "../evaluation/bids.server";
import { isCallOpened, isOpened, openSubmissionContentOf } from "./sealed-content.server";
import type { SubmissionSnapshot } from "./snapshot";

export type Actor = { userId: string; role: UserRole; organisationId: string | null };

const CITY_ROLES: UserRole[] = ["officer", "evaluator"];

export type ReadableFile = {
  id: string;
  backend: "local" | "uploadthing";
  storageKey: string;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** The call whose key seals the file (null: stored plain). */
  sealedCallId: string | null;
};

/**
 * The statuses of the calls that list a city file (organisationId null) among their
 * documents: a document of a published call is public, a draft's only for officers.
 */
async function callDocumentStatuses(database: Pick<Db, "select">, fileId: string) {
  const rows = await database
    .select({ status: calls.status })
    .from(callDocuments)
    .innerJoin(calls, eq(calls.id, callDocuments.callId))
    .where(eq(callDocuments.storedFileId, fileId));
  return rows.map((r) => r.status);
}

/**
 * `actor` null: an anonymous visitor, who may read only the documents of published calls.
 * Every read and every refused read of a carrier's file is written to the audit trail.
 */
export async function fileForActor(opts: { actor: Actor | null; fileId: string; db?: Db }): Promise<ReadableFile> {
  const database = opts.db ?? defaultDb();
  try {
    const file = await decideFileForActor({ ...opts, db: database });
    if (await isCarrierFile(database, file.id)) await auditAccess(database, opts.actor, "file.read", "file", file.id);
    return file;
  } catch (error) {
    // Refusals of a signed-in user are always recorded; an anonymous probe only when it
    // aimed at a carrier's file (unknown ids from the internet would only fill the trail).
    if (error instanceof DomainError && (opts.actor || (await isCarrierFile(database, opts.fileId)))) {
      await auditAccess(database, opts.actor, "file.read-refused", "file", opts.fileId);
    }
    throw error;
  }
}

/** A file of a carrier (bid or eligibility document), as opposed to the city's own. */
async function isCarrierFile(database: Pick<Db, "select">, fileId: string): Promise<boolean> {
  const row = await first(
    database
      .select({ organisationId: storedFiles.organisationId, applicationId: storedFiles.applicationId })
      .from(storedFiles)
      .where(eq(storedFiles.id, fileId)),
  );
  return Boolean(row && (row.organisationId || row.applicationId));
}

/** Who read (or was refused) a file or sealed content; no content, no file name. */
async function auditAccess(database: Db, actor: Actor | null, action: AccessAction, objectType: string, objectId: string) {
  await recordAccess(database, { actor, action, objectType, objectId });
}

async function decideFileForActor(opts: { actor: Actor | null; fileId: string; db: Db }): Promise<ReadableFile> {
  const database = opts.db ?? defaultDb();
  const file = await first(
    database
      .select({
      id: storedFiles.id,
      backend: storedFiles.backend,
      storageKey: storedFiles.storageKey,
      originalName: storedFiles.originalName,
      mediaType: storedFiles.mediaType,
      sizeBytes: storedFiles.sizeBytes,
      sha256: storedFiles.sha256,
      sealedCallId: storedFiles.sealedCallId,
      organisationId: storedFiles.organisationId,
      applicationId: storedFiles.applicationId,
    })
      .from(storedFiles)
      // A file retention deleted (decision 0036) has no bytes: not found, like one never stored.
      .where(and(eq(storedFiles.id, opts.fileId), isNull(storedFiles.deletedAt))),
  );
  if (!file) throw new DomainError("NOT_FOUND", "notFound.file");
  const { organisationId, applicationId, ...readable } = file;
  if (organisationId === null && !applicationId) {
    const statuses = await callDocumentStatuses(database, file.id);
    if (statuses.some((s) => s !== "draft")) return readable;
    if (statuses.length > 0 && opts.actor?.role === "officer") return readable;
  }
  if (!opts.actor) throw new DomainError("NOT_FOUND", "notFound.file");
  if (opts.actor.role === "carrier") {
    if (organisationId && organisationId === opts.actor.organisationId) return readable;
    throw new DomainError("NOT_FOUND", "notFound.file");
  }
  // An evaluator reads only the concept files of the lot bids they may score.
  if (opts.actor.role === "evaluator") {
    if (applicationId && (await evaluatorMayReadFile(database, opts.actor.userId, file.id))) return readable;
    throw new DomainError("NOT_FOUND", "notFound.file");
  }
  if (CITY_ROLES.includes(opts.actor.role) && applicationId && (await isOpened(database, applicationId))) return readable;
  // The letters the city sent (notices, decisions on complaints) are the city's own
  // writing: officers read them, also where the recipient has no application of its own.
  if (opts.actor.role === "officer" && (await isLetterOfTheCity(database, file.id))) return readable;
  // The proof of a degree in a submitted staff report: the officers check the report (decision 0024).
  if (opts.actor.role === "officer" && (await isSubmittedStaffReportProof(database, file.id))) return readable;
  throw new DomainError("NOT_FOUND", "notFound.file");
}

async function isSubmittedStaffReportProof(database: Pick<Db, "select">, fileId: string): Promise<boolean> {
  return Boolean(
    await first(
      database
        .select({ id: staffReports.id })
        .from(staffReportPosts)
        .innerJoin(staffReports, eq(staffReports.id, staffReportPosts.reportId))
        .where(and(eq(staffReportPosts.proofFileId, fileId), eq(staffReports.status, "submitted"))),
    ),
  );
}

async function isLetterOfTheCity(database: Pick<Db, "select">, fileId: string): Promise<boolean> {
  return Boolean(await first(database.select({ id: notices.id }).from(notices).where(eq(notices.storedFileId, fileId))));
}

/**
 * A file the actor may read (fileForActor) as a plaintext stream: a sealed file is decrypted
 * with its call's key, which the city gets only after the opening of that call.
 */
export async function openFileForActor(opts: {
  actor: Actor | null;
  fileId: string;
  db?: Db;
  storage?: FileStorage;
}): Promise<{ file: ReadableFile; stream: Readable }> {
  const database = opts.db ?? defaultDb();
  const file = await fileForActor({ actor: opts.actor, fileId: opts.fileId, db: database });
  let key: Buffer | null = null;
  if (file.sealedCallId) {
    // fileForActor let a carrier through only for its own files; anyone else needs the opening.
    const own = opts.actor?.role === "carrier";
    if (!own && !(await isCallOpened(database, file.sealedCallId))) throw new DomainError("NOT_FOUND", "notFound.file");
    key = await callKeyOf(database, file.sealedCallId);
  }
  return { file, stream: await openStoredFile(file, key, opts.storage) };
}

/**
 * The whole content of a submitted version: its own carrier, or an officer after the
 * opening. Evaluators read only the lot bids they may score (assessment.server.ts).
 */
export async function readSubmittedContent(opts: { actor: Actor; submissionId: string; db?: Db }): Promise<SubmissionSnapshot> {
  const database = opts.db ?? defaultDb();
  try {
    const snapshot = await decideSubmittedContent({ ...opts, db: database });
    await auditAccess(database, opts.actor, "submission.content-read", "submission", opts.submissionId);
    return snapshot;
  } catch (error) {
    if (error instanceof DomainError) {
      await auditAccess(database, opts.actor, "submission.content-read-refused", "submission", opts.submissionId);
    }
    throw error;
  }
}

async function decideSubmittedContent(opts: { actor: Actor; submissionId: string; db: Db }): Promise<SubmissionSnapshot> {
  const database = opts.db;
  const row = await first(
    database
      .select({
        applicationId: submissions.applicationId,
        callId: applications.callId,
        organisationId: applications.organisationId,
        sealedContent: submissions.sealedContent,
      })
      .from(submissions)
      .innerJoin(applications, eq(applications.id, submissions.applicationId))
      .where(eq(submissions.id, opts.submissionId)),
  );
  const allowed =
    row &&
    ((opts.actor.role === "carrier" && row.organisationId === opts.actor.organisationId) ||
      (opts.actor.role === "officer" && (await isOpened(database, row.applicationId))));
  if (!row || !allowed) throw new DomainError("NOT_FOUND", "notFound.submission");
  return openSubmissionContentOf(database, row.sealedContent, row.callId);
}

/** An outbox message as officers see it: in full, or sealed with nothing but its time. */
export type CityOutboxEntry = ({ sealed: false } & OutboxEntry) | { sealed: true; id: string; createdAt: Date };

function forCity(entry: OutboxEntry, opened: (callId: string) => boolean): CityOutboxEntry {
  const callId = entry.sealedUntilOpeningOf;
  if (callId === null || opened(callId)) return { sealed: false, ...entry };
  return { sealed: true, id: entry.id, createdAt: entry.createdAt };
}

/**
 * The mail outbox for officers, newest first: a mail that names a bidder or part of a bid
 * of a call whose four-eyes opening is not complete shows only its time (VgV § 55), decided
 * now, so that it reads in full once the call is opened.
 */
export async function outboxForCity(database: Pick<Db, "select"> = defaultDb()): Promise<CityOutboxEntry[]> {
  const entries = listOutbox();
  // Each call asked once, one after another.
  const known = new Map<string, boolean>();
  for (const entry of entries) {
    const callId = entry.sealedUntilOpeningOf;
    if (callId !== null && !known.has(callId)) known.set(callId, await isCallOpened(database, callId));
  }
  return entries.map((entry) => forCity(entry, (callId) => known.get(callId)!));
}

/** One outbox message for officers (see outboxForCity), or null for an unknown id. */
export async function outboxMessageForCity(id: string, database: Pick<Db, "select"> = defaultDb()): Promise<CityOutboxEntry | null> {
  const entry = readOutboxMessage(id);
  if (!entry) return entry;
  const callId = entry.sealedUntilOpeningOf;
  const opened = callId !== null && (await isCallOpened(database, callId));
  return forCity(entry, () => opened);
}
