// Sealed until opening (VgV § 55): the one place that decides who may read a carrier's
// file or submitted content. Every loader and download goes through these functions.
// A carrier reads only its own organisation's; the city reads nothing of a bid before the
// four-eyes opening of its call is complete. Anything else answers NOT_FOUND, so that
// not even the existence of another carrier's object is revealed.
import { and, eq, isNotNull } from "drizzle-orm";
import { db as defaultDb, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { applications, openings, storedFiles, submissions, type UserRole } from "../infra/schema";
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

export function fileForActor(opts: { actor: Actor; fileId: string; db?: Db }): ReadableFile {
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
  if (opts.actor.role === "carrier") {
    if (organisationId && organisationId === opts.actor.organisationId) return readable;
    throw new DomainError("NOT_FOUND", "Datei nicht gefunden");
  }
  if (CITY_ROLES.includes(opts.actor.role) && applicationId && isOpened(database, applicationId)) return readable;
  throw new DomainError("NOT_FOUND", "Datei nicht gefunden");
}

/** The content of a submitted version: its own carrier, or the city after the opening. */
export function readSubmittedContent(opts: { actor: Actor; submissionId: string; db?: Db }): SubmissionSnapshot {
  const database = opts.db ?? defaultDb();
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
      (CITY_ROLES.includes(opts.actor.role) && isOpened(database, row.applicationId)));
  if (!row || !allowed) throw new DomainError("NOT_FOUND", "Einreichung nicht gefunden");
  return JSON.parse(row.sealedContent.toString("utf8")) as SubmissionSnapshot;
}
