// `npm run portal -- audit:verify` (docs/architecture.md, Audit trail): walks the hash chain of the audit trail,
// checks that the heads printed on receipts and opening records are entries of the chain at
// the place they claim, and re-hashes every stored file against its recorded SHA-256.
// The triggers stop a rewrite through the application; this catches one made by someone
// with access to the SQLite file (who can drop the triggers first).
import { createHash } from "node:crypto";
import path from "node:path";
import type { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { AUDIT_GENESIS, auditHash } from "./audit.server";
import { rowsOf, type Db } from "./db.server";
import { callKeyOf } from "./sealing.server";
import { openStoredFile } from "./stored-files.server";
import { localStorage } from "./storage.server";

export type ChainBreak = { seq: number; reason: string };
export type WitnessProblem = { kind: "receipt" | "opening"; id: string; label: string; head: string; reason: string };
export type FileProblem = { fileId: string; storageKey: string; reason: string };

export type AuditVerifyReport = {
  ok: boolean;
  entries: number;
  /** The hash of the last entry (the genesis on an empty trail). */
  head: string;
  /** The first entry whose link or hash does not hold; everything after it is unproven. */
  firstBroken: ChainBreak | null;
  receiptsChecked: number;
  openingsChecked: number;
  witnessProblems: WitnessProblem[];
  filesChecked: number;
  fileProblems: FileProblem[];
};

export type StoredFileRow = {
  id: string;
  backend: "local" | "uploadthing";
  storageKey: string;
  sha256: string;
  encrypted: boolean;
  sealedCallId: string | null;
};

/**
 * The plaintext bytes of a stored file, whose SHA-256 is the one recorded at upload.
 * The one place that knows how a file is kept: sealed storage (encryption at rest) plugs
 * its decrypting read in here.
 */
export async function readStoredPlaintext(file: StoredFileRow, dataDir: string, database: Db): Promise<Readable> {
  const preferred = file.backend === "local" ? localStorage(path.join(dataDir, "files")) : undefined;
  // Sealed files are decrypted with their call's key, unwrapped by the master key of this
  // installation; a file whose bytes were altered fails the GCM tag (SealBroken).
  const key = file.sealedCallId ? await callKeyOf(database, file.sealedCallId) : null;
  return openStoredFile({ backend: file.backend, storageKey: file.storageKey, sealedCallId: file.sealedCallId }, key, preferred);
}

type RawEntry = {
  seq: number;
  at: number;
  actor_user_id: string | null;
  action: string;
  object_type: string;
  object_id: string;
  details: string;
  prev_hash: string;
  hash: string;
  redacted_at: number | null;
};

/** What the witness check needs of an entry (kept small: the trail may be long). */
type Witnessed = { seq: number; action: string; objectId: string; key: unknown };

/**
 * The redactions retention made (decision 0036): each `retention.audit-redacted` entry names
 * the entries whose details it replaced, with their hashes. Those entries are themselves in
 * the chain, so a redaction nobody recorded, or one of another hash, does not pass.
 */
/** What a retention entry recorded of an entry it redacted (decision 0036). */
type RecordedRedaction = { hash: string; at: unknown; actorUserId: unknown; action: unknown; objectType: unknown; objectId: unknown; bySeq: number };

async function recordedRedactions(database: Db): Promise<Map<number, RecordedRedaction>> {
  const rows = await rowsOf<{ seq: number; details: string }>(
    database,
    sql`SELECT seq, details FROM audit_entries WHERE action = 'retention.audit-redacted' ORDER BY seq`,
  );
  const redactions = new Map<number, RecordedRedaction>();
  for (const r of rows) {
    const entries = detailsOf(r.details).entries;
    if (!Array.isArray(entries)) continue;
    for (const e of entries as Record<string, unknown>[]) {
      if (typeof e.seq === "number" && typeof e.hash === "string") {
        redactions.set(e.seq, { hash: e.hash, at: e.at, actorUserId: e.actorUserId, action: e.action, objectType: e.objectType, objectId: e.objectId, bySeq: r.seq });
      }
    }
  }
  return redactions;
}

/** The chain alone: the first entry whose prev_hash or own hash does not hold. */
export async function verifyChain(database: Db): Promise<{ entries: number; head: string; firstBroken: ChainBreak | null; byHash: Map<string, Witnessed> }> {
  const redactions = await recordedRedactions(database);
  let expectedPrev = AUDIT_GENESIS;
  let entries = 0;
  let firstBroken: ChainBreak | null = null;
  const byHash = new Map<string, Witnessed>();
  for await (const row of auditEntriesInOrder(database)) {
    entries++;
    // Receipts print the head of their submission entry, opening records that of the opening.
    const key =
      row.action === "application.submitted" ? detailsOf(row.details).receiptNumber : row.action === "call.opened" ? detailsOf(row.details).openingId : undefined;
    byHash.set(row.hash, { seq: row.seq, action: row.action, objectId: row.object_id, key });
    if (firstBroken) continue;
    if (row.prev_hash !== expectedPrev) {
      firstBroken = {
        seq: row.seq,
        reason: `prev_hash ${short(row.prev_hash)} is not the hash of the entry before (${short(expectedPrev)}): an entry was removed, inserted or changed`,
      };
    } else if (row.redacted_at !== null) {
      // Its details are gone, so its hash cannot be recomputed: it stands if a later entry of
      // the chain recorded this redaction with this very hash.
      const recorded = redactions.get(row.seq);
      if (!recorded || recorded.bySeq <= row.seq) {
        firstBroken = { seq: row.seq, reason: "its details were redacted, but no later retention entry records the redaction: the entry was changed" };
      } else if (recorded.hash !== row.hash) {
        firstBroken = { seq: row.seq, reason: `its details were redacted, but entry ${recorded.bySeq} recorded the hash ${short(recorded.hash)}, not ${short(row.hash)}` };
      } else {
        // The hash alone does not cover the fields once the details are gone: a changed time,
        // actor, action or object would pass. The retention entry recorded them too.
        const changed = redactedFieldChanged(recorded, row);
        if (changed) firstBroken = { seq: row.seq, reason: `its details were redacted, but its ${changed} is not what entry ${recorded.bySeq} recorded: the entry was changed` };
      }
    } else {
      const recomputed = auditHash(row.prev_hash, {
        at: new Date(row.at),
        actorUserId: row.actor_user_id,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        details: row.details,
      });
      if (recomputed !== row.hash) {
        firstBroken = { seq: row.seq, reason: `its fields hash to ${short(recomputed)}, not to the stored ${short(row.hash)}: the entry was changed` };
      }
    }
    expectedPrev = row.hash;
  }
  return { entries, head: expectedPrev, firstBroken, byHash: byHash };
}

/** Rows per query of the chain walk: the trail may be long, and only one page is held at a time. */
const PAGE_ROWS = 1000;

/**
 * Every entry of the trail by seq, read a page at a time after the last seq seen (raw rows:
 * none is mapped by the ORM). An entry appended while the walk runs comes in a later page.
 */
async function* auditEntriesInOrder(database: Db): AsyncGenerator<RawEntry> {
  let after: number | null = null;
  for (;;) {
    // The first page has no lower bound: a row someone wrote with a seq below 1 is walked too.
    const page: RawEntry[] = await rowsOf<RawEntry>(
      database,
      sql`SELECT seq, at, actor_user_id, action, object_type, object_id, details, prev_hash, hash, redacted_at
          FROM audit_entries ${after === null ? sql`` : sql`WHERE seq > ${after}`} ORDER BY seq LIMIT ${PAGE_ROWS}`,
    );
    yield* page;
    if (page.length < PAGE_ROWS) return;
    after = page[page.length - 1].seq;
  }
}

function redactedFieldChanged(recorded: RecordedRedaction, row: RawEntry): string | null {
  if (recorded.at !== new Date(row.at).toISOString()) return "time";
  if (recorded.actorUserId !== row.actor_user_id) return "actor";
  if (recorded.action !== row.action) return "action";
  if (recorded.objectType !== row.object_type) return "object type";
  if (recorded.objectId !== row.object_id) return "object";
  return null;
}

function short(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 16)}…` : hash;
}

function detailsOf(details: string): Record<string, unknown> {
  try {
    return JSON.parse(details) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Receipts and opening records: each printed head must be the entry that recorded that event. */
async function verifyWitnesses(database: Db, byHash: Map<string, Witnessed>) {
  const problems: WitnessProblem[] = [];
  const receipts = await rowsOf<{ id: string; application_id: string; receipt_number: string; head: string }>(
    database,
    sql`SELECT id, application_id, receipt_number, audit_head_at_submission AS head FROM submissions ORDER BY submitted_at`,
  );
  for (const r of receipts) {
    const entry = byHash.get(r.head);
    const base = { kind: "receipt" as const, id: r.id, label: `receipt ${r.receipt_number}`, head: r.head };
    if (!entry) problems.push({ ...base, reason: "the head printed on the receipt is not in the audit trail" });
    else if (entry.action !== "application.submitted" || entry.objectId !== r.application_id || entry.key !== r.receipt_number) {
      problems.push({ ...base, reason: `the head is entry ${entry.seq} (${entry.action}), not the submission of this receipt` });
    }
  }
  const openingRows = await rowsOf<{ id: string; call_id: string; head: string | null }>(
    database,
    sql`SELECT id, call_id, audit_head_at_opening AS head FROM openings WHERE confirmed_at IS NOT NULL`,
  );
  for (const o of openingRows) {
    const base = { kind: "opening" as const, id: o.id, label: `opening record ${o.id}`, head: o.head ?? "" };
    const entry = o.head ? byHash.get(o.head) : undefined;
    if (!entry) problems.push({ ...base, reason: "the head printed on the opening record is not in the audit trail" });
    else if (entry.action !== "call.opened" || entry.objectId !== o.call_id || entry.key !== o.id) {
      problems.push({ ...base, reason: `the head is entry ${entry.seq} (${entry.action}), not the opening of this call` });
    }
  }
  return { problems, receipts: receipts.length, openings: openingRows.length };
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function verifyFiles(database: Db, dataDir: string, read: typeof readStoredPlaintext) {
  // Files deleted by retention (decision 0036) have no bytes left to check; their rows stay as the record.
  const rows = await rowsOf<{ id: string; backend: "local" | "uploadthing"; storage_key: string; sha256: string; encrypted: number | boolean; sealed_call_id: string | null }>(
    database,
    sql`SELECT id, backend, storage_key, sha256, encrypted, sealed_call_id FROM stored_files WHERE deleted_at IS NULL ORDER BY created_at, id`,
  );
  const problems: FileProblem[] = [];
  for (const r of rows) {
    const file: StoredFileRow = { id: r.id, backend: r.backend, storageKey: r.storage_key, sha256: r.sha256, encrypted: Boolean(r.encrypted), sealedCallId: r.sealed_call_id };
    try {
      const actual = await sha256Of(await read(file, dataDir, database));
      if (actual !== r.sha256) problems.push({ fileId: r.id, storageKey: r.storage_key, reason: `content hashes to ${short(actual)}, recorded ${short(r.sha256)}` });
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      problems.push({ fileId: r.id, storageKey: r.storage_key, reason: e.code === "ENOENT" ? "the file is missing" : e.message });
    }
  }
  return { problems, checked: rows.length };
}

export async function verifyAuditTrail(opts: { db: Db; dataDir: string; readFile?: typeof readStoredPlaintext }): Promise<AuditVerifyReport> {
  const chain = await verifyChain(opts.db);
  const witnesses = await verifyWitnesses(opts.db, chain.byHash);
  const files = await verifyFiles(opts.db, opts.dataDir, opts.readFile ?? readStoredPlaintext);
  return {
    ok: !chain.firstBroken && witnesses.problems.length === 0 && files.problems.length === 0,
    entries: chain.entries,
    head: chain.head,
    firstBroken: chain.firstBroken,
    receiptsChecked: witnesses.receipts,
    openingsChecked: witnesses.openings,
    witnessProblems: witnesses.problems,
    filesChecked: files.checked,
    fileProblems: files.problems,
  };
}

/** The report as the CLI prints it: one line per finding, the verdict last. */
export function formatAuditReport(r: AuditVerifyReport): string {
  const lines = [
    `Audit trail: ${r.entries} entries, head ${r.head}`,
    r.firstBroken ? `BROKEN at entry seq ${r.firstBroken.seq}: ${r.firstBroken.reason}` : "Chain: every entry links to the one before and hashes to its stored hash.",
    `Witnesses: ${r.receiptsChecked} receipt(s), ${r.openingsChecked} opening record(s) checked.`,
    ...r.witnessProblems.map((p) => `  ${p.label}: head ${short(p.head)}: ${p.reason}`),
    `Files: ${r.filesChecked} checked, ${r.fileProblems.length} problem(s).`,
    ...r.fileProblems.map((p) => `  file ${p.fileId} (${p.storageKey}): ${p.reason}`),
    r.ok ? "OK: the audit trail, its witnesses and the stored files are intact." : "FAILED: see above.",
  ];
  return lines.join("\n");
}
