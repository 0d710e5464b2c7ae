// The opening record (Öffnungsprotokoll, VgV § 55) built from plain rows and the checksums
// recomputed at the opening. Pure: no database, no files, no clock. The use case in
// ./opening.server.ts reads the rows and hashes the stored files; its document
// (./opening-record-document.ts), as PDF and as page, prints what this module returns. Times are ISO strings: the record is stored as JSON.
import type { DocumentKind, FileRef } from "../submission/rules";
import { snapshotFileEntries, type SnapshotFileEntry, type SubmissionSnapshot } from "../submission/snapshot";

/** How long the start of an opening waits for the second officer (Vier-Augen-Prinzip). */
export const OPENING_WINDOW_MINUTES = 60;
export const OPENING_WINDOW_MS = OPENING_WINDOW_MINUTES * 60_000;

/** The instant an unconfirmed start expires. */
export function openingExpiresAt(startedAt: Date): Date {
  return new Date(startedAt.getTime() + OPENING_WINDOW_MS);
}

/** Whether a start made at `startedAt` may still be confirmed at `now` (before it expires). */
export function isWithinWindow(startedAt: Date, now: Date): boolean {
  return now.getTime() < openingExpiresAt(startedAt).getTime();
}

/** One submitted version as the database holds it, its sealed content parsed. */
export type SubmissionRow = {
  id: string;
  applicationId: string;
  organisationId: string;
  /** The organisation's current name: used only where the sealed content cannot be read. */
  organisationName: string;
  version: number;
  receiptNumber: string;
  submittedAt: Date;
  withdrawnAt: Date | null;
  contentHash: string;
  /** Null if the sealed content could not be parsed. */
  snapshot: SubmissionSnapshot | null;
  /** The SHA-256 of the sealed content, recomputed, equals `contentHash`. */
  sealedContentIntact: boolean;
};

/** The checksum of a stored file recomputed by streaming it, or that it is not there. */
export type FileHash = { status: "ok"; sha256: string; sizeBytes: number } | { status: "missing" };

export type OpeningFileCheck = {
  fileId: string;
  name: string;
  /** "concept" (the concept of lot `lotNumber`) or the kind of organisation document. */
  kind: "concept" | DocumentKind;
  lotNumber: number | null;
  sizeBytes: number;
  expectedSha256: string;
  actualSha256: string | null;
  actualSizeBytes: number | null;
  matches: boolean;
  problem: "missing" | "changed" | null;
};

export type OpeningRecordLot = { lotId: string; number: number; regionName: string; roleName: string };

export type OpeningEntryStatus = "counting" | "superseded" | "withdrawn";

export type OpeningRecordEntry = {
  submissionId: string;
  applicationId: string;
  organisationId: string;
  organisationName: string;
  status: OpeningEntryStatus;
  receiptNumber: string;
  version: number;
  submittedAt: string;
  withdrawnAt: string | null;
  contentHash: string;
  sealedContentIntact: boolean;
  /** Received at or after the deadline (cannot happen: the portal refuses late submissions). */
  late: boolean;
  lots: OpeningRecordLot[];
  /** Every file of a counting version with its recomputed checksum; empty for the others. */
  files: OpeningFileCheck[];
};

export type OpeningRecordPerson = { userId: string; name: string };

export type OpeningRecord = {
  format: "opening-record-v1";
  call: { id: string; slug: string; title: string; submissionDeadline: string };
  startedBy: OpeningRecordPerson;
  startedAt: string;
  confirmedBy: OpeningRecordPerson;
  confirmedAt: string;
  /** The version that counts of each application: its latest, unless that was withdrawn. */
  counting: OpeningRecordEntry[];
  /** Earlier versions replaced by a later one. */
  superseded: OpeningRecordEntry[];
  /** Versions the carrier withdrew before the deadline. */
  withdrawn: OpeningRecordEntry[];
  summary: {
    counting: number;
    superseded: number;
    withdrawn: number;
    late: number;
    files: number;
    /** Files whose recomputed SHA-256 differs from the submitted one, or that are missing. */
    fileMismatches: number;
    /** Versions whose sealed content no longer matches its content hash. */
    contentMismatches: number;
  };
};

/**
 * Sorts every version into counting, superseded and withdrawn. Per application the latest
 * version counts unless it was withdrawn (then nothing of that application counts; the
 * carrier withdrew its application). Versions are ordered by time of receipt.
 */
export function classifySubmissions(rows: SubmissionRow[]): Record<OpeningEntryStatus, SubmissionRow[]> {
  const latestVersion = new Map<string, number>();
  for (const r of rows) latestVersion.set(r.applicationId, Math.max(latestVersion.get(r.applicationId) ?? 0, r.version));
  const out: Record<OpeningEntryStatus, SubmissionRow[]> = { counting: [], superseded: [], withdrawn: [] };
  for (const r of [...rows].sort(byReceipt)) {
    if (r.withdrawnAt) out.withdrawn.push(r);
    else if (r.version === latestVersion.get(r.applicationId)) out.counting.push(r);
    else out.superseded.push(r);
  }
  return out;
}

function byReceipt(a: SubmissionRow, b: SubmissionRow): number {
  return a.submittedAt.getTime() - b.submittedAt.getTime() || a.receiptNumber.localeCompare(b.receiptNumber);
}

/** The files whose checksums the opening recomputes: those of the counting versions. */
export function filesToVerify(rows: SubmissionRow[]): FileRef[] {
  const seen = new Map<string, FileRef>();
  for (const r of classifySubmissions(rows).counting) {
    if (!r.snapshot) continue;
    for (const { file } of snapshotFileEntries(r.snapshot)) if (!seen.has(file.id)) seen.set(file.id, file);
  }
  return [...seen.values()];
}

/** Compares a file's submitted checksum with the one recomputed; a missing file is a mismatch. */
export function checkFile(
  entry: SnapshotFileEntry,
  actual: FileHash | undefined,
): OpeningFileCheck {
  const { file } = entry;
  const base = {
    fileId: file.id,
    name: file.name,
    kind: entry.kind,
    lotNumber: entry.lotNumber,
    sizeBytes: file.sizeBytes,
    expectedSha256: file.sha256,
  };
  if (!actual || actual.status === "missing") {
    return { ...base, actualSha256: null, actualSizeBytes: null, matches: false, problem: "missing" };
  }
  const matches = actual.sha256 === file.sha256;
  return {
    ...base,
    actualSha256: actual.sha256,
    actualSizeBytes: actual.sizeBytes,
    matches,
    problem: matches ? null : "changed",
  };
}

export type OpeningRecordInput = {
  call: { id: string; slug: string; title: string; submissionDeadline: Date };
  startedBy: OpeningRecordPerson;
  startedAt: Date;
  confirmedBy: OpeningRecordPerson;
  confirmedAt: Date;
  submissions: SubmissionRow[];
  /** Recomputed checksums by stored file id; a file without an entry counts as missing. */
  fileHashes: ReadonlyMap<string, FileHash>;
};

export function buildOpeningRecord(input: OpeningRecordInput): OpeningRecord {
  const deadline = input.call.submissionDeadline.getTime();
  const classified = classifySubmissions(input.submissions);
  const entry = (r: SubmissionRow, status: OpeningEntryStatus): OpeningRecordEntry => ({
    submissionId: r.id,
    applicationId: r.applicationId,
    organisationId: r.organisationId,
    organisationName: r.snapshot?.organisation.name ?? r.organisationName,
    status,
    receiptNumber: r.receiptNumber,
    version: r.version,
    submittedAt: r.submittedAt.toISOString(),
    withdrawnAt: r.withdrawnAt ? r.withdrawnAt.toISOString() : null,
    contentHash: r.contentHash,
    sealedContentIntact: r.sealedContentIntact,
    late: r.submittedAt.getTime() >= deadline,
    lots: (r.snapshot?.lots ?? []).map((l) => ({ lotId: l.lotId, number: l.number, regionName: l.regionName, roleName: l.roleName })),
    files:
      status === "counting" && r.snapshot
        ? snapshotFileEntries(r.snapshot).map((f) => checkFile(f, input.fileHashes.get(f.file.id)))
        : [],
  });
  const counting = classified.counting.map((r) => entry(r, "counting"));
  const superseded = classified.superseded.map((r) => entry(r, "superseded"));
  const withdrawn = classified.withdrawn.map((r) => entry(r, "withdrawn"));
  const all = [...counting, ...superseded, ...withdrawn];
  const files = counting.flatMap((e) => e.files);
  return {
    format: "opening-record-v1",
    call: {
      id: input.call.id,
      slug: input.call.slug,
      title: input.call.title,
      submissionDeadline: input.call.submissionDeadline.toISOString(),
    },
    startedBy: input.startedBy,
    startedAt: input.startedAt.toISOString(),
    confirmedBy: input.confirmedBy,
    confirmedAt: input.confirmedAt.toISOString(),
    counting,
    superseded,
    withdrawn,
    summary: {
      counting: counting.length,
      superseded: superseded.length,
      withdrawn: withdrawn.length,
      late: all.filter((e) => e.late).length,
      files: files.length,
      fileMismatches: files.filter((f) => !f.matches).length,
      contentMismatches: all.filter((e) => !e.sealedContentIntact).length,
    },
  };
}

/** Every version received at or after the deadline, in order of receipt. */
export function lateEntries(record: OpeningRecord): OpeningRecordEntry[] {
  return [...record.counting, ...record.superseded, ...record.withdrawn]
    .filter((e) => e.late)
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
}

/** Whether anything in the record must be flagged: a file or a sealed content that differs. */
export function hasMismatches(record: OpeningRecord): boolean {
  return record.summary.fileMismatches > 0 || record.summary.contentMismatches > 0;
}

/** The counting entry of a submission, if that submission counts. */
export function countingEntry(record: OpeningRecord, submissionId: string): OpeningRecordEntry | undefined {
  return record.counting.find((e) => e.submissionId === submissionId);
}
