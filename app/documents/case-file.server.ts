// The case file (Vergabeakte, issue 16 point 4, decision 0037): everything the portal keeps of
// one call as one ZIP that an auditor, a court or the archive reads without the portal: PDFs
// from the document builders that make them for the pages, CSV from the existing writers,
// JSON of the stored records, the bids' own files, the call's audit trail, and a manifest
// with every file's SHA-256 and size and the head of the audit chain.
//
// Nothing of a bid before the four-eyes opening: the bids, the opening record, the
// evaluation, letters and contracts are left out, the audit trail hides who acted on an
// application and what the entry says (as the officers' page does), and the manifest and
// README say that the call was sealed. After the opening the bids are read through the
// access gate (app/submission/access.server.ts) as the exporting officer, so every file read
// is in the audit trail, and the export itself is an entry of it.
//
// Stored files may be gone (retention deletes non-awarded bids' files, decision 0036): such
// a file is listed in the manifest as deleted, with its recorded hash and size, and the
// export goes on.
import fs from "node:fs";
import fsp from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { asc, count, eq, sql } from "drizzle-orm";
import { version as portalVersion } from "../../package.json";
import { renderEvaluationReportPdf } from "../evaluation/report-pdf.server";
import { buildEvaluationReport, csvField, evaluationCsv } from "../evaluation/report.server";
import { loadOpeningRecord, requireOfficer } from "../evaluation/opening.server";
import { contractsCsv } from "../contracts/contracts-csv.server";
import { contractsOfCall } from "../contracts/contracts.server";
import { amendmentsOfContracts } from "../contracts/amendments-read.server";
import { translator, type Locale, type MessageKey } from "../i18n";
import { appendAudit, type EXPORT_ACTIONS } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db } from "../infra/db.server";
import { env } from "../infra/env.server";
import { configuredBaseUrl } from "../infra/http.server";
import { DomainError } from "../infra/errors";
import { randomId } from "../infra/ids";
import { amendments, applications, auditEntries, calls, notices, organisations, storedFiles, submissions, users } from "../infra/schema";
import type { FileStorage } from "../infra/storage.server";
import { renderCallPdf } from "../procurement/call-pdf.server";
import { callFiles, withUploadedDocuments } from "../procurement/authoring.server";
import { callAuditTrail, isCallOpened } from "../procurement/call-admin.server";
import { loadCallView } from "../procurement/calls.server";
import { listPublishedQuestions } from "../procurement/questions.server";
import { openFileForActor } from "../submission/access.server";
import { renderReceiptPdf } from "../submission/receipt-pdf.server";
import { RECEIPT_COLUMNS } from "../submission/submit.server";
import { openedSubmissionContents } from "../submission/sealed-content.server";
import { snapshotFileEntries } from "../submission/snapshot";
import { JobSuperseded, openDocumentFile } from "./jobs.server";
import { zipStream, type WrittenEntry, type ZipEntry } from "./zip.server";

/** The audit action of an export (one of EXPORT_ACTIONS: a read, which changes no document's state). */
export const CASE_FILE_EXPORTED: (typeof EXPORT_ACTIONS)[number] = "call.case-file-exported";

export type CaseFileProgress = (stage: "data" | "layout" | "files", done: number, total: number) => Promise<void>;

export type CaseFileOptions = {
  officerUserId: string;
  callSlug: string;
  /** The language of the PDFs, CSV headers and README (German for the record). */
  locale: Locale;
  /** The operator (CITY_NAME), named in the PDFs. */
  cityName: string;
  /** The portal's public base URL, printed in the PDFs' footers. */
  baseUrl: string;
  /** The time of the export and of every PDF made for it. */
  now: Date;
  /** The time the export is recorded in the audit trail (after everything was read); `now` by default. */
  clock?: () => Date;
  db?: Db;
  storage?: FileStorage;
  progress?: CaseFileProgress;
  /**
   * Asked before the trail and the manifest are written: false when what the archive shows
   * changed while it was made (the background job then keeps nothing, decision 0031).
   */
  stillCurrent?: () => Promise<boolean>;
};

export type DeletedEntry = { path: string; sha256: string; sizeBytes: number; deletedAt: string | null };

export type CaseFileManifest = {
  format: "vergabeakte-v1";
  call: { id: string; slug: string; title: string; fileNumber: string | null; status: string };
  exportedAt: string;
  exportedBy: string;
  portal: { name: string; version: string };
  /** True before the four-eyes opening: nothing of a bid is in the archive. */
  sealed: boolean;
  /** The head of the whole audit chain after the export was recorded (`audit:verify` prints it). */
  auditChain: { head: string; entries: number; exportEntry: number };
  files: WrittenEntry[];
  /** Files the records name whose bytes are gone (retention); their recorded hash and size. */
  deleted: DeletedEntry[];
};

export type CaseFile = {
  /** The ZIP's bytes, made as they are pulled. */
  bytes: AsyncGenerator<Uint8Array>;
  /** Resolves with the manifest once the last byte was pulled. */
  manifest: Promise<CaseFileManifest>;
};

export function caseFileName(slug: string): string {
  return `vergabeakte-${slug}.zip`;
}

const GERMAN_LETTERS: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue", ß: "ss" };

/**
 * A file name for inside the archive: no folders, no control characters, never empty, and
 * in plain ASCII: archive tools (Info-ZIP's unzip among them) and older
 * systems read UTF-8 names in a ZIP differently or not at all, and an archive should open
 * anywhere. German letters are spelled out, other accents dropped; the original names stay
 * in the records (inhalt.json, the letters' texts).
 */
function safeName(name: string): string {
  const ascii = name
    .replace(/[äöüÄÖÜß]/g, (c) => GERMAN_LETTERS[c])
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_");
  const cleaned = ascii.replace(/[/\\:*?"<>|]/g, "_").replace(/^\.+/, "_").trim();
  return cleaned.slice(0, 120) || "datei";
}

const two = (n: number) => String(n).padStart(2, "0");

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
const text = (value: string) => new TextEncoder().encode(value);

/** The stored bytes are gone (lost, or a crash between retention's commit and its removal). */
function bytesMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === "ENOENT";
}

/** When retention deleted a stored file (decision 0036); null while it is kept. */
async function deletedAtOf(database: Db, fileId: string): Promise<string | null> {
  const row = await first(database.select({ at: storedFiles.deletedAt }).from(storedFiles).where(eq(storedFiles.id, fileId)));
  return row?.at ? row.at.toISOString() : null;
}

/**
 * The case file of a call as a ZIP. Officers only; a draft is not found. Checks who asks and
 * what is asked for at once (throws DomainError); reads and writes the rest as the bytes are
 * pulled, and records the export in the audit trail just before the trail and the manifest.
 */
export async function exportCaseFile(opts: CaseFileOptions): Promise<CaseFile> {
  const database = opts.db ?? defaultDb();
  const officer = await requireOfficer(database, opts.officerUserId);
  const view = await loadCallView(opts.callSlug, { db: database });
  if (!view) throw new DomainError("NOT_FOUND", "notFound.call");
  const call = await withUploadedDocuments(view, opts.baseUrl, database);
  const sealed = !(await isCallOpened(call.id, database));
  const t = translator(opts.locale);
  const pdf = (path: string) => ({ locale: opts.locale, generatedAt: opts.now, cityName: opts.cityName, publicUrl: `${opts.baseUrl}${path}` });
  const actor = { userId: officer.id, role: "officer" as const, organisationId: null };
  const progress: CaseFileProgress = opts.progress ?? (async () => {});
  const written: WrittenEntry[] = [];
  const deleted: DeletedEntry[] = [];
  let resolveManifest!: (m: CaseFileManifest) => void;
  let rejectManifest!: (e: unknown) => void;
  const manifest = new Promise<CaseFileManifest>((resolve, reject) => {
    resolveManifest = resolve;
    rejectManifest = reject;
  });
  manifest.catch(() => {}); // a caller that only pulls the bytes sees the failure there

  /** A stored file of the city or a carrier, or its record as deleted. */
  async function* storedFile(path: string, file: { id: string; sha256: string; sizeBytes: number }, open: () => Promise<AsyncIterable<Uint8Array>>): AsyncGenerator<ZipEntry> {
    // Deleted by retention (decision 0036): listed with its day, not opened. Any other failure
    // to read (a refused access, a broken seal) fails the export rather than pass for deleted.
    const deletedAt = await deletedAtOf(database, file.id);
    if (deletedAt) {
      deleted.push({ path, sha256: file.sha256, sizeBytes: file.sizeBytes, deletedAt });
      return;
    }
    let source: AsyncIterable<Uint8Array>;
    try {
      source = await open();
    } catch (error) {
      if (!bytesMissing(error)) throw error;
      deleted.push({ path, sha256: file.sha256, sizeBytes: file.sizeBytes, deletedAt: null }); // lost, not deleted by a rule
      return;
    }
    yield { path, source };
  }
  const cityFile = (id: string) => async () => (await openDocumentFile(database, id, opts.storage)).stream;

  async function* entries(): AsyncGenerator<ZipEntry> {
    await progress("data", 0, 1);
    yield { path: "README.txt", source: text(readme(t, sealed)), compress: true };

    // Der Aufruf: as published, its definition, its documents, amendments, questions.
    await progress("layout", 0, 1);
    yield { path: "aufruf/aufruf.pdf", source: await renderCallPdf(call, pdf(`/aufrufe/${call.slug}`)) };
    const definition = await first(database.select({ definition: calls.definition }).from(calls).where(eq(calls.id, call.id)));
    yield { path: "aufruf/aufrufdefinition.json", source: json(definition?.definition ?? null), compress: true };
    for (const [i, f] of (await callFiles(call.id, database)).entries()) {
      yield* storedFile(`aufruf/unterlagen/${two(i + 1)}-${safeName(f.file.name)}`, f.file, cityFile(f.file.id));
    }
    const amendmentRows = await database
      .select({ number: amendments.number, title: amendments.title, body: amendments.body, reason: amendments.reason, changes: amendments.changes, material: amendments.material, publishedAt: amendments.publishedAt, publishedBy: users.name })
      .from(amendments)
      .leftJoin(users, eq(users.id, amendments.publishedByUserId))
      .where(eq(amendments.callId, call.id))
      .orderBy(asc(amendments.number));
    yield { path: "aufruf/aenderungen.json", source: json(amendmentRows), compress: true };
    // As published: the asker's own wording may name them, and askers are never named (decision 0037).
    const questionRows = (await listPublishedQuestions(call.id, database)).map(({ question, answer, publishedAt }) => ({ question, answer, publishedAt }));
    yield { path: "fragen/fragen.json", source: json(questionRows), compress: true };

    if (!sealed) yield* openedRecords();

    // The export itself is an entry of the trail it exports, and its hash the manifest's head.
    if (opts.stillCurrent && !(await opts.stillCurrent())) throw new JobSuperseded();
    const recorded = await writeTx(async (tx) => {
      const head = await appendAudit(tx, {
        at: opts.clock ? opts.clock() : opts.now,
        actorUserId: officer.id,
        action: CASE_FILE_EXPORTED,
        objectType: "call",
        objectId: call.id,
        details: { sealed, files: written.length + 2, deleted: deleted.length },
      });
      const total = (await first(tx.select({ n: count() }).from(auditEntries)))?.n ?? 0;
      const seq = (await first(tx.select({ seq: auditEntries.seq }).from(auditEntries).where(eq(auditEntries.hash, head))))?.seq ?? 0;
      return { head, total, seq };
    }, database);
    const trail = (await callAuditTrail(call.id, database, { sealed })).filter((e) => e.seq <= recorded.seq);
    yield { path: "protokoll/verfahrensprotokoll.csv", source: text(auditCsv(trail, t)), compress: true };

    const m: CaseFileManifest = {
      format: "vergabeakte-v1",
      call: { id: call.id, slug: call.slug, title: call.title, fileNumber: call.texts.fileNumber ?? null, status: call.status },
      exportedAt: opts.now.toISOString(),
      exportedBy: officer.name,
      portal: { name: "interessenbekundung-portal", version: portalVersion },
      sealed,
      auditChain: { head: recorded.head, entries: recorded.total, exportEntry: recorded.seq },
      files: [...written],
      deleted,
    };
    yield { path: "manifest.json", source: json(m), compress: true };
    resolveManifest(m);
  }

  /** What exists only after the opening: the opening record, the bids, the evaluation, letters, contracts. */
  async function* openedRecords(): AsyncGenerator<ZipEntry> {
    const loaded = await loadOpeningRecord(call.id, database);
    if (loaded) {
      if (loaded.recordFile) {
        const f = loaded.recordFile;
        yield* storedFile("oeffnung/oeffnungsprotokoll.pdf", f, cityFile(f.id));
      }
      yield { path: "oeffnung/oeffnungsprotokoll.json", source: json({ record: loaded.record, recordHash: loaded.recordHash, auditHeadAtOpening: loaded.auditHeadAtOpening }), compress: true };
    }

    // Every submitted version (counting, superseded, withdrawn), by receipt number.
    const versions = await database
      .select({
        id: submissions.id,
        ...RECEIPT_COLUMNS,
        contentBytes: sql<number>`length(${submissions.sealedContent})`,
        // Retention re-seals the content of bids not awarded without their texts and file
        // names (decision 0036): what is left is exported, the original listed as deleted.
        contentDeletedAt: submissions.contentDeletedAt,
      })
      .from(submissions)
      .innerJoin(applications, eq(applications.id, submissions.applicationId))
      .leftJoin(users, eq(users.id, submissions.submittedByUserId))
      .where(eq(applications.callId, call.id))
      .orderBy(asc(submissions.receiptNumber));
    const contents = await openedSubmissionContents(database, call.id, versions.filter((v) => v.contentBytes > 0).map((v) => v.id));
    for (const [i, v] of versions.entries()) {
      await progress("files", i, versions.length);
      const folder = `angebote/${safeName(v.receiptNumber)}`;
      const snapshot = contents.get(v.id);
      if (!snapshot) {
        // Its content was deleted (retention): what the records say of it stays in the opening record.
        deleted.push({ path: `${folder}/inhalt-original.json`, sha256: v.contentHash, sizeBytes: 0, deletedAt: null });
        continue;
      }
      // The original content as submitted (its content hash, as on the receipt) went; inhalt.json is what is left.
      if (v.contentDeletedAt) deleted.push({ path: `${folder}/inhalt-original.json`, sha256: v.contentHash, sizeBytes: 0, deletedAt: v.contentDeletedAt.toISOString() });
      yield { path: `${folder}/inhalt.json`, source: json(snapshot), compress: true };
      const { submittedByName, id: _id, contentBytes: _bytes, contentDeletedAt: _deleted, ...rest } = v;
      yield { path: `${folder}/eingangsbestaetigung.pdf`, source: await renderReceiptPdf({ ...rest, submittedByName: submittedByName ?? "", snapshot }, pdf(`/aufrufe/${call.slug}`)) };
      for (const [j, entry] of snapshotFileEntries(snapshot).entries()) {
        const f = entry.file;
        yield* storedFile(`${folder}/dateien/${two(j + 1)}-${safeName(f.name)}`, f, async () => (await openFileForActor({ actor, fileId: f.id, db: database, storage: opts.storage })).stream);
      }
    }
    await progress("files", versions.length, versions.length);

    // Formal check, conflicts, scores, consensus and ranking: the Vergabevermerk as PDF, its data, and the scores as CSV.
    await progress("layout", 0, 1);
    const report = await buildEvaluationReport({ officerUserId: officer.id, callSlug: call.slug, now: opts.now, db: database });
    yield { path: "bewertung/vergabevermerk.pdf", source: await renderEvaluationReportPdf(report, pdf(`/verwaltung/aufrufe/${call.slug}/vergabevermerk`), (done, total) => progress("layout", done, total)) };
    yield { path: "bewertung/vergabevermerk.json", source: json(report), compress: true };
    yield { path: "bewertung/bewertungen.csv", source: text(evaluationCsv(report, t)), compress: true };

    // Notices and letters as sent: the stored PDF and its text.
    const sent = await database
      .select({ id: notices.id, kind: notices.kind, sentAt: notices.sentAt, body: notices.body, storedFileId: notices.storedFileId, organisationName: organisations.name })
      .from(notices)
      .leftJoin(organisations, eq(organisations.id, notices.organisationId))
      .where(eq(notices.callId, call.id))
      .orderBy(asc(notices.sentAt), asc(notices.id));
    for (const [i, n] of sent.entries()) {
      const base = `schreiben/${two(i + 1)}-${n.kind}-${safeName(n.organisationName ?? "")}`;
      if (n.storedFileId) {
        const row = await first(database.select({ sha256: storedFiles.sha256, sizeBytes: storedFiles.sizeBytes }).from(storedFiles).where(eq(storedFiles.id, n.storedFileId)));
        yield* storedFile(`${base}.pdf`, { id: n.storedFileId, sha256: row?.sha256 ?? "", sizeBytes: row?.sizeBytes ?? 0 }, cityFile(n.storedFileId));
      }
      yield { path: `${base}.txt`, source: text(n.body), compress: true };
    }

    // Contracts and their changes (Nachsteuerung).
    const contractList = await contractsOfCall(call.id, database);
    yield { path: "vertraege/vertraege.csv", source: text(contractsCsv(contractList, t, opts.locale)), compress: true };
    yield { path: "vertraege/aenderungen.json", source: json(await amendmentsOfContracts(contractList.map((c) => c.id), database)), compress: true };
  }

  async function* bytes(): AsyncGenerator<Uint8Array> {
    try {
      yield* zipStream(entries(), written, opts.now);
    } catch (error) {
      rejectManifest(error);
      throw error;
    }
  }
  return { bytes: bytes(), manifest };
}

const AUDIT_COLUMNS = ["seq", "at", "actor", "action", "objectType", "details", "hash"] as const;

/** The call's audit trail as CSV for German Excel (UTF-8 with BOM, ";"), times in UTC (ISO 8601). */
function auditCsv(trail: Awaited<ReturnType<typeof callAuditTrail>>, t: ReturnType<typeof translator>): string {
  const rows = [AUDIT_COLUMNS.map((c) => t(`caseFile.csv.${c}` as MessageKey))];
  for (const e of trail) {
    rows.push([String(e.seq), e.at.toISOString(), e.actorHidden ? t("officer.auditCarrier") : (e.actor ?? t("officer.auditSystem")), e.action, e.objectType, e.details, e.hash]);
  }
  return `\uFEFF${rows.map((r) => r.map(csvField).join(";")).join("\r\n")}\r\n`;
}

/** The README of the archive, from the catalogue. */
function readme(t: ReturnType<typeof translator>, sealed: boolean): string {
  const keys: MessageKey[] = [
    "caseFile.readme.title",
    "caseFile.readme.intro",
    "caseFile.readme.layout",
    "caseFile.readme.call",
    "caseFile.readme.questions",
    "caseFile.readme.opening",
    "caseFile.readme.bids",
    "caseFile.readme.evaluation",
    "caseFile.readme.letters",
    "caseFile.readme.contracts",
    "caseFile.readme.trail",
    "caseFile.readme.manifest",
    "caseFile.readme.check",
    sealed ? "caseFile.readme.sealed" : "caseFile.readme.deleted",
  ];
  return `${keys.map((k) => t(k)).join("\r\n\r\n")}\r\n`;
}

/**
 * The command line's export (`npm run portal -- export <slug> <file.zip> --officer E`): the
 * case file written to `target` (readable by the operator only: it holds decrypted bids),
 * through a temporary file beside it, so that a failed export leaves no partial archive.
 */
export async function exportCaseFileTo(opts: {
  officerEmail: string;
  callSlug: string;
  target: string;
  now: Date;
  clock?: () => Date;
  db?: Db;
  storage?: FileStorage;
}): Promise<CaseFileManifest> {
  const database = opts.db ?? defaultDb();
  const officer = await first(database.select({ id: users.id }).from(users).where(eq(users.email, opts.officerEmail.trim().toLowerCase())));
  if (!officer) throw new DomainError("FORBIDDEN", "opening.officersOnly");
  const file = await exportCaseFile({
    officerUserId: officer.id,
    callSlug: opts.callSlug,
    locale: "de",
    cityName: env().CITY_NAME,
    baseUrl: configuredBaseUrl(),
    now: opts.now,
    clock: opts.clock,
    db: database,
    storage: opts.storage,
  });
  const partial = `${opts.target}.${randomId()}.part`;
  try {
    await pipeline(Readable.from(file.bytes), fs.createWriteStream(partial, { flags: "wx", mode: 0o600 }));
    await fsp.rename(partial, opts.target);
  } catch (error) {
    await fsp.rm(partial, { force: true });
    throw error;
  }
  return file.manifest;
}
