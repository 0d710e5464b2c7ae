// Sealed until opening (VgV § 55): the one place that decides who may read a carrier's
// file or submitted content. Every loader and download goes through these functions.
// A carrier reads only its own organisation's; the city reads nothing of a bid before the
// four-eyes opening of its call is complete, and an evaluator only the concept files of the
// lot bids they may score. Anything else answers NOT_FOUND, so that
// not even the existence of another carrier's object is revealed.
import { and, eq, isNotNull } from "drizzle-orm";
import { recordAccess } from "../infra/audit.server";
import { db as defaultDb, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { applications, callDocuments, calls, openings, storedFiles, submissions, type UserRole } from "../infra/schema";
import { evaluatorMayReadFile } from "../evaluation/assessment.server";
import type { SubmissionSnapshot } from "./snapshot";

export type Actor = { userId: string; role: UserRole; organisationId: string | null };

const CITY_ROLES: UserRole[] = ["officer", "evaluator"];

/** Whether the four-eyes opening of the call an application belongs to is complete. */
export function isOpened(database: Pick<Db, "select">, applicationId: string): boolean {
  return Boolean(
    database
      .select({ id: openings.id })
      .from(openings)
      .innerJoin(applications, eq(applications.callId, openings.callId))
      .where(and(eq(applications.id, applicationId), isNotNull(openings.confirmedAt)))
      .get(),
  );
}

export type ReadableFile = {
  id: string;
  backend: "local" | "uploadthing";
  storageKey: string;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
};

/**
 * The statuses of the calls that list a city file (organisationId null) among their
 * documents: a document of a published call is public, a draft's only for officers.
 */
function callDocumentStatuses(database: Pick<Db, "select">, fileId: string) {
  return database
    .select({ status: calls.status })
    .from(callDocuments)
    .innerJoin(calls, eq(calls.id, callDocuments.callId))
    .where(eq(callDocuments.storedFileId, fileId))
    .all()
    .map((r) => r.status);
}

/**
 * `actor` null: an anonymous visitor, who may read only the documents of published calls.
 * Every read and every refused read of a carrier's file is written to the audit trail.
 */
export function fileForActor(opts: { actor: Actor | null; fileId: string; db?: Db }): ReadableFile {
  const database = opts.db ?? defaultDb();
  try {
    const file = decideFileForActor({ ...opts, db: database });
    if (isCarrierFile(database, file.id)) auditAccess(database, opts.actor, "file.read", "file", file.id);
    return file;
  } catch (error) {
    // Refusals of a signed-in user are always recorded; an anonymous probe only when it
    // aimed at a carrier's file (unknown ids from the internet would only fill the trail).
    if (error instanceof DomainError && (opts.actor || isCarrierFile(database, opts.fileId))) {
      auditAccess(database, opts.actor, "file.read-refused", "file", opts.fileId);
    }
    throw error;
  }
}

/** A file of a carrier (bid or eligibility document), as opposed to the city's own. */
function isCarrierFile(database: Pick<Db, "select">, fileId: string): boolean {
  const row = database
    .select({ organisationId: storedFiles.organisationId, applicationId: storedFiles.applicationId })
    .from(storedFiles)
    .where(eq(storedFiles.id, fileId))
    .get();
  return Boolean(row && (row.organisationId || row.applicationId));
}

/** Who read (or was refused) a file or sealed content; no content, no file name. */
function auditAccess(database: Db, actor: Actor | null, action: string, objectType: string, objectId: string) {
  recordAccess(database, { actor, action, objectType, objectId });
}

function decideFileForActor(opts: { actor: Actor | null; fileId: string; db: Db }): ReadableFile {
  const database = opts.db ?? defaultDb();
  const file = database
    .select({
      id: storedFiles.id,
      backend: storedFiles.backend,
      storageKey: storedFiles.storageKey,
      originalName: storedFiles.originalName,
      mediaType: storedFiles.mediaType,
      sizeBytes: storedFiles.sizeBytes,
      sha256: storedFiles.sha256,
      organisationId: storedFiles.organisationId,
      applicationId: storedFiles.applicationId,
    })
    .from(storedFiles)
    .where(eq(storedFiles.id, opts.fileId))
    .get();
  if (!file) throw new DomainError("NOT_FOUND", "Datei nicht gefunden");
  const { organisationId, applicationId, ...readable } = file;
  if (organisationId === null && !applicationId) {
    const statuses = callDocumentStatuses(database, file.id);
    if (statuses.some((s) => s !== "draft")) return readable;
    if (statuses.length > 0 && opts.actor?.role === "officer") return readable;
  }
  if (!opts.actor) throw new DomainError("NOT_FOUND", "Datei nicht gefunden");
  if (opts.actor.role === "carrier") {
    if (organisationId && organisationId === opts.actor.organisationId) return readable;
    throw new DomainError("NOT_FOUND", "Datei nicht gefunden");
  }
  // An evaluator reads only the concept files of the lot bids they may score.
  if (opts.actor.role === "evaluator") {
    if (applicationId && evaluatorMayReadFile(database, opts.actor.userId, file.id)) return readable;
    throw new DomainError("NOT_FOUND", "Datei nicht gefunden");
  }
  if (CITY_ROLES.includes(opts.actor.role) && applicationId && isOpened(database, applicationId)) return readable;
  throw new DomainError("NOT_FOUND", "Datei nicht gefunden");
}

/**
 * The whole content of a submitted version: its own carrier, or an officer after the
 * opening. Evaluators read only the lot bids they may score (assessment.server.ts).
 */
export function readSubmittedContent(opts: { actor: Actor; submissionId: string; db?: Db }): SubmissionSnapshot {
  const database = opts.db ?? defaultDb();
  try {
    const snapshot = decideSubmittedContent({ ...opts, db: database });
    auditAccess(database, opts.actor, "submission.content-read", "submission", opts.submissionId);
    return snapshot;
  } catch (error) {
    if (error instanceof DomainError) {
      auditAccess(database, opts.actor, "submission.content-read-refused", "submission", opts.submissionId);
    }
    throw error;
  }
}

function decideSubmittedContent(opts: { actor: Actor; submissionId: string; db: Db }): SubmissionSnapshot {
  const database = opts.db;
  const row = database
    .select({
      applicationId: submissions.applicationId,
      organisationId: applications.organisationId,
      sealedContent: submissions.sealedContent,
    })
    .from(submissions)
    .innerJoin(applications, eq(applications.id, submissions.applicationId))
    .where(eq(submissions.id, opts.submissionId))
    .get();
  const allowed =
    row &&
    ((opts.actor.role === "carrier" && row.organisationId === opts.actor.organisationId) ||
      (opts.actor.role === "officer" && isOpened(database, row.applicationId)));
  if (!row || !allowed) throw new DomainError("NOT_FOUND", "Einreichung nicht gefunden");
  return JSON.parse(row.sealedContent.toString("utf8")) as SubmissionSnapshot;
}
