// Öffnung (VgV § 55) with four eyes: after the submission deadline one officer starts the
// opening, a different officer confirms it in their own session within
// OPENING_WINDOW_MINUTES; otherwise the start expires and must be made again. Only the
// confirmation opens the call: until then app/submission/access.server.ts shows the city
// nothing of any bid.
//
// Confirming recomputes the SHA-256 of every stored file of the counting versions by
// streaming it from storage, builds the opening record (./opening-record.ts), renders its
// PDF once and stores it: all of that before the writing transaction, which awaits only queries.
// The transaction then checks that nothing it relies on changed in the meantime and writes
// the record, the PDF's file row, the call's new status and the "call.opened" audit entry
// together. A database trigger keeps a confirmed opening from being changed afterwards.
//
// The confirmation is the moment of unsealing (VgV § 54/55): only here, after the checks of
// the second officer and the window, is the call's key unwrapped to decrypt the sealed
// contents and files, and the SHA-256 is recomputed from the decrypted bytes.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { appendAudit, canonicalJson } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db, type Tx, type Reader } from "../infra/db.server";
import { env } from "../infra/env.server";
import { DomainError } from "../infra/errors";
import { applications, calls, openings, organisations, storedFiles, submissions, users, type CallStatus } from "../infra/schema";
import { SealBroken } from "../infra/sealing.server";
import { fileStorage, type FileStorage } from "../infra/storage.server";
import { openStoredFile, removeUnlessRecorded, storageOf } from "../infra/stored-files.server";
import { openSubmissionContent, unsealForOpening } from "../submission/sealed-content.server";
import { contentHashOf } from "../submission/submit.server";
import type { SubmissionSnapshot } from "../submission/snapshot";
import { renderOpeningRecordPdf } from "./opening-record-pdf.server";
import {
  buildOpeningRecord,
  filesToVerify,
  isWithinWindow,
  openingExpiresAt,
  OPENING_WINDOW_MINUTES,
  type FileHash,
  type OpeningRecord,
  type SubmissionRow,
} from "./opening-record";

export { OPENING_WINDOW_MINUTES };

/** Statuses from which a call can be opened (its deadline passed, nothing decided yet). */
const OPENABLE: CallStatus[] = ["published", "questions_closed", "submission_closed"];

/** The acting officer: an enabled user with the officer role; anyone else is refused. */
export async function requireOfficer(database: Reader, userId: string): Promise<{ id: string; name: string }> {
  const row = await first(
    database
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.role, "officer"), isNull(users.disabledAt))),
  );
  if (!row) throw new DomainError("FORBIDDEN", "opening.officersOnly");
  return row;
}

async function callRow(database: Reader, callId: string) {
  const call = await first(
    database
      .select({
        id: calls.id,
        slug: calls.slug,
        title: calls.title,
        status: calls.status,
        submissionDeadline: calls.submissionDeadline,
      })
      .from(calls)
      .where(eq(calls.id, callId)),
  );
  if (!call || call.status === "draft") throw new DomainError("NOT_FOUND", "notFound.call");
  return call;
}

async function openingRow(database: Reader, callId: string) {
  return (await first(database.select().from(openings).where(eq(openings.callId, callId)))) ?? null;
}

/** Removes an unconfirmed start whose window has passed, with its audit entry. */
async function expireStart(tx: Tx, opening: typeof openings.$inferSelect, actorUserId: string, now: Date) {
  await tx.delete(openings).where(and(eq(openings.id, opening.id), isNull(openings.confirmedAt)));
  await appendAudit(tx, {
    at: now,
    actorUserId,
    action: "opening.expired",
    objectType: "call",
    objectId: opening.callId,
    details: {
      openingId: opening.id,
      startedByUserId: opening.startedByUserId,
      startedAt: opening.startedAt.toISOString(),
      expiredAt: openingExpiresAt(opening.startedAt).toISOString(),
    },
  });
}

// ---------------------------------------------------------------------------------------
// Start, cancel

export type StartedOpening = { openingId: string; startedAt: Date; expiresAt: Date };

/**
 * The first officer starts the opening. Refused before the submission deadline (by the
 * server clock the route passes as `now`), for a call that cannot be opened, and while
 * another start is pending or the opening is complete. An expired start is replaced.
 */
export async function startOpening(opts: { officerUserId: string; callId: string; now: Date; db?: Db }): Promise<StartedOpening> {
  return writeTx(async (tx) => {
    const officer = await requireOfficer(tx, opts.officerUserId);
    const call = await callRow(tx, opts.callId);
    const existing = await openingRow(tx, call.id);
    if (existing?.confirmedAt) throw new DomainError("CONFLICT", "opening.alreadyComplete");
    if (!OPENABLE.includes(call.status)) throw new DomainError("CONFLICT", "opening.notOpenable");
    if (opts.now.getTime() < call.submissionDeadline.getTime()) {
      throw new DomainError("CONFLICT", "opening.beforeDeadline");
    }
    if (existing) {
      if (isWithinWindow(existing.startedAt, opts.now)) throw new DomainError("CONFLICT", "opening.alreadyStarted");
      await expireStart(tx, existing, officer.id, opts.now);
    }
    const [row] = await tx
      .insert(openings)
      .values({ callId: call.id, startedByUserId: officer.id, startedAt: opts.now })
      .returning({ id: openings.id });
    const expiresAt = openingExpiresAt(opts.now);
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: "opening.started",
      objectType: "call",
      objectId: call.id,
      details: { openingId: row.id, expiresAt: expiresAt.toISOString() },
    });
    return { openingId: row.id, startedAt: opts.now, expiresAt };
  }, opts.db ?? defaultDb());
}

/**
 * Removes an unconfirmed start: the officer who started it may withdraw it at any time, any
 * officer may clear one whose window has passed. Returns what was done ("none" when there
 * was no pending start). A confirmed opening is never touched.
 */
export async function cancelStaleOpening(opts: {
  officerUserId: string;
  callId: string;
  now: Date;
  db?: Db;
}): Promise<{ cancelled: "expired" | "withdrawn" | "none" }> {
  return writeTx(async (tx) => {
    const officer = await requireOfficer(tx, opts.officerUserId);
    const call = await callRow(tx, opts.callId);
    const existing = await openingRow(tx, call.id);
    if (!existing) return { cancelled: "none" as const };
    if (existing.confirmedAt) throw new DomainError("CONFLICT", "opening.alreadyComplete");
    if (!isWithinWindow(existing.startedAt, opts.now)) {
      await expireStart(tx, existing, officer.id, opts.now);
      return { cancelled: "expired" as const };
    }
    if (existing.startedByUserId !== officer.id) throw new DomainError("FORBIDDEN", "opening.cancelOwnOnly");
    await tx.delete(openings).where(and(eq(openings.id, existing.id), isNull(openings.confirmedAt)));
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: "opening.cancelled",
      objectType: "call",
      objectId: call.id,
      details: { openingId: existing.id, startedAt: existing.startedAt.toISOString() },
    });
    return { cancelled: "withdrawn" as const };
  }, opts.db ?? defaultDb());
}

// ---------------------------------------------------------------------------------------
// Confirm

/** Every submitted version of the call, its sealed content decrypted and its hash recomputed. */
async function submissionRows(database: Reader, callId: string, key: Buffer | null): Promise<SubmissionRow[]> {
  const rows = await database
    .select({
      id: submissions.id,
      applicationId: submissions.applicationId,
      organisationId: applications.organisationId,
      organisationName: organisations.name,
      version: submissions.version,
      receiptNumber: submissions.receiptNumber,
      submittedAt: submissions.submittedAt,
      withdrawnAt: submissions.withdrawnAt,
      contentHash: submissions.contentHash,
      sealedContent: submissions.sealedContent,
    })
    .from(submissions)
    .innerJoin(applications, eq(applications.id, submissions.applicationId))
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.callId, callId))
    .orderBy(asc(submissions.submittedAt));
  return rows.map(({ sealedContent, ...row }) => {
    let snapshot: SubmissionSnapshot | null = null;
    try {
      snapshot = openSubmissionContent(sealedContent, callId, () => key);
    } catch {
      // Altered ciphertext (SealBroken) or JSON: recorded as a content mismatch.
      snapshot = null;
    }
    return { ...row, snapshot, sealedContentIntact: snapshot !== null && contentHashOf(snapshot) === row.contentHash };
  });
}

type StoredFileRow = {
  id: string;
  backend: "local" | "uploadthing";
  storageKey: string;
  sha256: string;
  sealedCallId: string | null;
};

async function storedFileRows(database: Reader, ids: string[]): Promise<StoredFileRow[]> {
  if (ids.length === 0) return [];
  return database
    .select({
      id: storedFiles.id,
      backend: storedFiles.backend,
      storageKey: storedFiles.storageKey,
      sha256: storedFiles.sha256,
      sealedCallId: storedFiles.sealedCallId,
    })
    .from(storedFiles)
    .where(inArray(storedFiles.id, ids))
    .orderBy(asc(storedFiles.id));
}

/**
 * What the record relies on, as one string: the pending start, the call's status, every
 * version with its withdrawal and hash, and the file rows. Read before hashing and again in
 * the transaction; any difference refuses the confirmation.
 */
async function fingerprint(database: Reader, callId: string, fileIds: string[]): Promise<string> {
  const opening = await openingRow(database, callId);
  const call = await first(database.select({ status: calls.status }).from(calls).where(eq(calls.id, callId)));
  const versions = (
    await database
      .select({
        id: submissions.id,
        version: submissions.version,
        withdrawnAt: submissions.withdrawnAt,
        contentHash: submissions.contentHash,
      })
      .from(submissions)
      .innerJoin(applications, eq(applications.id, submissions.applicationId))
      .where(eq(applications.callId, callId))
      .orderBy(asc(submissions.id))
  ).map((v) => ({ ...v, withdrawnAt: v.withdrawnAt?.getTime() ?? null }));
  const files = await storedFileRows(database, [...fileIds].sort());
  return canonicalJson({
    opening: opening && {
      id: opening.id,
      startedBy: opening.startedByUserId,
      startedAt: opening.startedAt.getTime(),
      confirmedAt: opening.confirmedAt?.getTime() ?? null,
    },
    status: call?.status ?? null,
    versions,
    files,
  });
}

/** Whether a read failed because the file is not there (as opposed to a passing fault). */
function isMissing(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException;
  return (
    e?.code === "ENOENT" ||
    e?.code === "EISDIR" ||
    /HTTP 404|HTTP 410|Ungültiger Speicherschlüssel/.test(String(e?.message ?? ""))
  );
}

/**
 * The SHA-256 and size of a stored file's plaintext, computed while streaming it (never read
 * whole); a sealed file is decrypted with `key` on the way. A sealed file whose bytes were
 * altered (its GCM tag fails) is reported with a checksum marked "seal-broken:", which
 * never matches: the record shows it as changed.
 */
export async function hashStoredFile(
  storage: FileStorage,
  storageKey: string,
  sealed?: { callId: string; key: Buffer | null },
): Promise<FileHash> {
  let stream: Readable;
  try {
    stream = await openStoredFile({ backend: storage.backend, storageKey, sealedCallId: sealed?.callId ?? null }, sealed?.key ?? null, storage);
  } catch (error) {
    if (isMissing(error)) return { status: "missing" };
    throw error;
  }
  const hash = createHash("sha256");
  let sizeBytes = 0;
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      sizeBytes += bytes.length;
    }
  } catch (error) {
    if (error instanceof SealBroken) return { status: "ok", sha256: `seal-broken:${hash.digest("hex")}`, sizeBytes };
    throw error;
  }
  return { status: "ok", sha256: hash.digest("hex"), sizeBytes };
}

/** The storage a file was stored in: the configured one, or local disk for older files. */
function storageFor(backend: "local" | "uploadthing", preferred?: FileStorage): FileStorage {
  try {
    return storageOf(backend, preferred);
  } catch {
    throw new DomainError("CONFLICT", "opening.storageUnavailable");
  }
}

async function recomputeHashes(rows: StoredFileRow[], key: Buffer | null, preferred?: FileStorage): Promise<Map<string, FileHash>> {
  const out = new Map<string, FileHash>();
  for (const row of rows) {
    try {
      const sealed = row.sealedCallId ? { callId: row.sealedCallId, key } : undefined;
      out.set(row.id, await hashStoredFile(storageFor(row.backend, preferred), row.storageKey, sealed));
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // A passing fault (network, disk) must not be recorded as a changed file for ever:
      // the confirmation is refused and can be repeated.
      console.warn(`[opening] file ${row.id} could not be read: ${(error as Error).message}`);
      throw new DomainError("CONFLICT", "opening.fileUnreadable");
    }
  }
  return out;
}

export type ConfirmedOpening = {
  openingId: string;
  record: OpeningRecord;
  recordHash: string;
  recordFileId: string;
  recordFileSha256: string;
  auditHeadAtOpening: string;
};

/** The SHA-256 of the record's canonical JSON, as printed on the PDF and audited. */
export function openingRecordHash(record: OpeningRecord): string {
  return createHash("sha256").update(canonicalJson(record)).digest("hex");
}

export function openingRecordFileName(slug: string): string {
  return `oeffnungsprotokoll-${slug}.pdf`;
}

/**
 * The second officer confirms: a different officer than the one who started, before the
 * start expires (an expired start is removed and the opening must be started again).
 * Builds and stores the record and its PDF, sets the call to "opened" and stores the audit
 * chain's head after the "call.opened" entry.
 */
export async function confirmOpening(opts: {
  officerUserId: string;
  callId: string;
  now: Date;
  db?: Db;
  /** Where files are read and the PDF is stored; default fileStorage(). */
  storage?: FileStorage;
  /** The portal's public base URL, printed in the PDF's footer. */
  baseUrl?: string;
}): Promise<ConfirmedOpening> {
  const database = opts.db ?? defaultDb();
  const { now } = opts;

  // 1. Who confirms what (read only).
  const officer = await requireOfficer(database, opts.officerUserId);
  const call = await callRow(database, opts.callId);
  const opening = await openingRow(database, call.id);
  if (opening?.confirmedAt) throw new DomainError("CONFLICT", "opening.alreadyComplete");
  if (!opening) throw new DomainError("CONFLICT", "opening.notStarted");
  if (opening.startedByUserId === officer.id) throw new DomainError("FORBIDDEN", "opening.sameOfficer");
  if (!OPENABLE.includes(call.status)) throw new DomainError("CONFLICT", "opening.notOpenable");
  if (now.getTime() < call.submissionDeadline.getTime()) throw new DomainError("CONFLICT", "opening.beforeDeadline");
  if (!isWithinWindow(opening.startedAt, now)) {
    await writeTx(async (tx) => {
      const current = await openingRow(tx, call.id);
      if (current && current.id === opening.id && !current.confirmedAt) await expireStart(tx, current, officer.id, now);
    }, database);
    throw new DomainError("DEADLINE_PASSED", "opening.expired");
  }
  const starter = await first(database.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, opening.startedByUserId)));

  // 2. Unsealing: the versions decrypted, the files decrypted and their checksums
  // recomputed (async, outside any transaction).
  const key = await unsealForOpening(database, call.id);
  const rows = await submissionRows(database, call.id, key);
  const fileIds = filesToVerify(rows).map((f) => f.id);
  const before = await fingerprint(database, call.id, fileIds);
  const fileRows = await storedFileRows(database, fileIds);
  const fileHashes = await recomputeHashes(fileRows, key, opts.storage);

  // 3. The record and its PDF, stored once.
  const record = buildOpeningRecord({
    call: { id: call.id, slug: call.slug, title: call.title, submissionDeadline: call.submissionDeadline },
    startedBy: { userId: opening.startedByUserId, name: starter?.name ?? "" },
    startedAt: opening.startedAt,
    confirmedBy: { userId: officer.id, name: officer.name },
    confirmedAt: now,
    submissions: rows,
    fileHashes,
  });
  const recordHash = openingRecordHash(record);
  const baseUrl = (opts.baseUrl ?? env().PUBLIC_URL ?? "").replace(/\/$/, "");
  const pdf = await renderOpeningRecordPdf(record, {
    locale: "de",
    generatedAt: now,
    cityName: env().CITY_NAME,
    publicUrl: `${baseUrl}/verwaltung/aufrufe/${call.slug}/oeffnung`,
    recordHash,
  });
  const storage = opts.storage ?? fileStorage();
  const fileName = openingRecordFileName(call.slug);
  const saved = await storage.save(Readable.from([Buffer.from(pdf)]), {
    fileName,
    maxBytes: 100 * 1024 * 1024,
    allowed: [{ mime: "application/pdf", label: "PDF" }],
    madeByPortal: true,
  });

  // 4. One transaction: nothing changed, then record, file, status and audit together.
  try {
    // Awaited here, so that a refused transaction removes the stored PDF below.
    return await writeTx(async (tx) => {
      const current = await openingRow(tx, call.id);
      if (current?.confirmedAt) throw new DomainError("CONFLICT", "opening.alreadyComplete");
      if ((await fingerprint(tx, call.id, fileIds)) !== before) throw new DomainError("CONFLICT", "opening.changedMeanwhile");
      const [{ id: recordFileId }] = await tx
        .insert(storedFiles)
        .values({
          backend: saved.backend,
          storageKey: saved.storageKey,
          originalName: fileName,
          mediaType: saved.mediaType,
          sizeBytes: saved.sizeBytes,
          sha256: saved.sha256,
          uploadedByUserId: officer.id,
          organisationId: null,
          applicationId: null,
        })
        .returning({ id: storedFiles.id });
      await tx.update(calls).set({ status: "opened", updatedAt: now }).where(eq(calls.id, call.id));
      const auditHeadAtOpening = await appendAudit(tx, {
        at: now,
        actorUserId: officer.id,
        action: "call.opened",
        objectType: "call",
        objectId: call.id,
        details: {
          openingId: opening.id,
          startedByUserId: opening.startedByUserId,
          confirmedByUserId: officer.id,
          recordHash,
          recordFileId,
          recordFileSha256: saved.sha256,
          counting: record.summary.counting,
          withdrawn: record.summary.withdrawn,
          superseded: record.summary.superseded,
          files: record.summary.files,
          fileMismatches: record.summary.fileMismatches,
          contentMismatches: record.summary.contentMismatches,
        },
      });
      // One UPDATE: after it the trigger refuses every further change of this row.
      await tx
        .update(openings)
        .set({ confirmedByUserId: officer.id, confirmedAt: now, record, auditHeadAtOpening, recordFileId })
        .where(and(eq(openings.id, opening.id), isNull(openings.confirmedAt)));
      return {
        openingId: opening.id,
        record,
        recordHash,
        recordFileId,
        recordFileSha256: saved.sha256,
        auditHeadAtOpening,
      };
    }, database);
  } catch (error) {
    await removeUnlessRecorded(database, storage, saved.storageKey);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// Read

export type LoadedOpeningRecord = {
  openingId: string;
  record: OpeningRecord;
  recordHash: string;
  auditHeadAtOpening: string;
  recordFile: { id: string; sha256: string; sizeBytes: number; name: string } | null;
};

/**
 * The counting versions of a completed opening (Öffnungsprotokoll, "counting"), or null
 * while the call is not opened: what the evaluation ranks, without hashing the record
 * (loadOpeningRecord does, for the pages that show it).
 */
export async function countingOfOpening(callId: string, database: Reader = defaultDb()): Promise<OpeningRecord["counting"] | null> {
  const row = await first(
    database.select({ record: openings.record, confirmedAt: openings.confirmedAt }).from(openings).where(eq(openings.callId, callId)),
  );
  if (!row?.confirmedAt || !row.record) return null;
  return (row.record as OpeningRecord).counting;
}

/** The record of a completed opening, or null while the call is not opened. */
export async function loadOpeningRecord(callId: string, database: Reader = defaultDb()): Promise<LoadedOpeningRecord | null> {
  const row = await first(
    database
      .select({
        id: openings.id,
        record: openings.record,
        confirmedAt: openings.confirmedAt,
        auditHeadAtOpening: openings.auditHeadAtOpening,
        fileId: storedFiles.id,
        fileSha256: storedFiles.sha256,
        fileSize: storedFiles.sizeBytes,
        fileName: storedFiles.originalName,
      })
      .from(openings)
      .leftJoin(storedFiles, eq(storedFiles.id, openings.recordFileId))
      .where(eq(openings.callId, callId)),
  );
  if (!row?.confirmedAt || !row.record) return null;
  const record = row.record as OpeningRecord;
  return {
    openingId: row.id,
    record,
    recordHash: openingRecordHash(record),
    auditHeadAtOpening: row.auditHeadAtOpening ?? "",
    recordFile: row.fileId
      ? { id: row.fileId, sha256: row.fileSha256!, sizeBytes: row.fileSize!, name: row.fileName! }
      : null,
  };
}

export type OpeningPhase =
  | "beforeDeadline"
  | "ready"
  | "pending"
  | "expired"
  | "complete"
  | "notOpenable";

export type OpeningState = {
  call: { id: string; slug: string; title: string; status: CallStatus; submissionDeadline: Date };
  phase: OpeningPhase;
  windowMinutes: number;
  pending: {
    startedBy: { id: string; name: string };
    startedAt: Date;
    expiresAt: Date;
    /** The viewer started it: someone else must confirm. */
    startedByViewer: boolean;
  } | null;
  completed: LoadedOpeningRecord & {
    startedBy: string;
    confirmedBy: string;
    startedAt: Date;
    confirmedAt: Date;
  } | null;
};

/** Where the opening of a call stands, for the officer's page. NOT_FOUND for unknown calls. */
export async function loadOpeningState(opts: { callSlug: string; viewerUserId: string; now: Date; db?: Db }): Promise<OpeningState> {
  const database = opts.db ?? defaultDb();
  const call = await first(
    database
      .select({ id: calls.id, slug: calls.slug, title: calls.title, status: calls.status, submissionDeadline: calls.submissionDeadline })
      .from(calls)
      .where(eq(calls.slug, opts.callSlug)),
  );
  if (!call || call.status === "draft") throw new DomainError("NOT_FOUND", "notFound.call");
  const opening = await openingRow(database, call.id);
  const base = { call, windowMinutes: OPENING_WINDOW_MINUTES, pending: null, completed: null };
  if (opening?.confirmedAt) {
    const loaded = (await loadOpeningRecord(call.id, database))!;
    return {
      ...base,
      phase: "complete",
      completed: {
        ...loaded,
        startedBy: loaded.record.startedBy.name,
        confirmedBy: loaded.record.confirmedBy.name,
        startedAt: opening.startedAt,
        confirmedAt: opening.confirmedAt,
      },
    };
  }
  if (!OPENABLE.includes(call.status)) return { ...base, phase: "notOpenable" };
  if (opts.now.getTime() < call.submissionDeadline.getTime()) return { ...base, phase: "beforeDeadline" };
  if (!opening) return { ...base, phase: "ready" };
  const starter = await first(database.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, opening.startedByUserId)));
  return {
    ...base,
    phase: isWithinWindow(opening.startedAt, opts.now) ? "pending" : "expired",
    pending: {
      startedBy: starter ?? { id: opening.startedByUserId, name: "" },
      startedAt: opening.startedAt,
      expiresAt: openingExpiresAt(opening.startedAt),
      startedByViewer: opening.startedByUserId === opts.viewerUserId,
    },
  };
}

/** The id of a call by its slug, for routes addressed by slug (drafts are not found). */
export async function callIdBySlug(slug: string, database: Reader = defaultDb()): Promise<string> {
  const call = await first(database.select({ id: calls.id, status: calls.status }).from(calls).where(eq(calls.slug, slug)));
  if (!call || call.status === "draft") throw new DomainError("NOT_FOUND", "notFound.call");
  return call.id;
}

/** The stored record PDF of a completed opening, streamed from storage; officers only. */
export async function readOpeningRecordPdf(opts: {
  officerUserId: string;
  callSlug: string;
  db?: Db;
  storage?: FileStorage;
}): Promise<{ stream: Readable; fileName: string; sizeBytes: number; sha256: string }> {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const row = await first(
    database
      .select({
        backend: storedFiles.backend,
        storageKey: storedFiles.storageKey,
        name: storedFiles.originalName,
        sizeBytes: storedFiles.sizeBytes,
        sha256: storedFiles.sha256,
      })
      .from(openings)
      .innerJoin(calls, eq(calls.id, openings.callId))
      .innerJoin(storedFiles, eq(storedFiles.id, openings.recordFileId))
      .where(eq(calls.slug, opts.callSlug)),
  );
  if (!row) throw new DomainError("NOT_FOUND", "notFound.openingRecord");
  const stream = await storageFor(row.backend, opts.storage).read(row.storageKey);
  return { stream, fileName: row.name, sizeBytes: row.sizeBytes, sha256: row.sha256 };
}
