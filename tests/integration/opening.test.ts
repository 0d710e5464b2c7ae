// The four-eyes opening and the formal check against a real SQLite file and real stored
// files (a temporary DATA_DIR): the deadline, two officers, the window, sealing before and
// access after, re-hashing (a file altered on disk is flagged), the immutable record and its
// PDF, the checklist, exclusions, requests for documents, and the audit trail of each step.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { asc, eq } from "drizzle-orm";
import { extractText } from "unpdf";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDemo } from "../../app/demo/demo.server";
import {
  answerDocumentRequest,
  excludeBid,
  listDocumentRequestsForOrganisation,
  listExclusionsForCall,
  loadCheckOverview,
  loadDocumentRequestForOrganisation,
  loadFormalCheck,
  recordFormalCheck,
  requestDocument,
  revokeExclusion,
} from "../../app/evaluation/formal-check.server";
import {
  cancelStaleOpening,
  confirmOpening,
  loadOpeningRecord,
  loadOpeningState,
  readOpeningRecordPdf,
  startOpening,
} from "../../app/evaluation/opening.server";
import { auditHash } from "../../app/infra/audit.server";
import { first, writeTx, type Db } from "../../app/infra/db.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { auditEntries, calls, documentRequests, formalChecks, memberships, openings, storedFiles, users } from "../../app/infra/schema";
import { fileStorage, localStorage, resetFileStorageForTests, type FileStorage, type SavedFile } from "../../app/infra/storage.server";
import { loadCallView } from "../../app/procurement/calls.server";
import type { CallView } from "../../app/procurement/call-view";
import { fileForActor, readSubmittedContent, type Actor } from "../../app/submission/access.server";
import { loadApplication, saveLotBid, type CarrierActor } from "../../app/submission/applications.server";
import { submitApplication, withdrawApplication } from "../../app/submission/submit.server";
import { makePdf, sha256 } from "../support/sample-files";
import { completeLotBid, fillApplication, NON_PROFIT_DOCUMENTS, nonProfitCarrier, type AttachTarget } from "../support/factories";
import { tempDatabase, type TempDb } from "../support/temp-db";
import { refusalCodeAsync as asyncCode } from "../support/refusals";

const NOW = new Date("2026-11-25T10:00:00Z");
const MINUTE = 60_000;

let t: TempDb;
let db: Db;
let call: CallView;
let storage: FileStorage;
let filesDir: string;
let deadline: number;
let after: Date; // an hour after the deadline
let officerA: { id: string; name: string };
let officerB: { id: string; name: string };
let evaluator: { id: string };
const savedEnv = { DATA_DIR: process.env.DATA_DIR, UPLOADTHING_TOKEN: process.env.UPLOADTHING_TOKEN };

beforeEach(async () => {
  t = await tempDatabase();
  db = t.db;
  // fileStorage() (used where no storage is passed, e.g. by the routes) is the same directory.
  process.env.DATA_DIR = t.dir;
  delete process.env.UPLOADTHING_TOKEN;
  resetEnvForTests();
  resetFileStorageForTests();
  filesDir = path.join(t.dir, "files");
  storage = localStorage(filesDir);
  await loadDemo({ now: NOW, db });
  call = (await loadCallView("dresden-2017-demo", { db }))!;
  deadline = call.dates.submissionDeadline.getTime();
  after = new Date(deadline + 60 * MINUTE);
  const staff = await db.select().from(users).orderBy(asc(users.email));
  [officerA, officerB] = staff.filter((u) => u.role === "officer");
  evaluator = staff.find((u) => u.role === "evaluator")!;
});

afterEach(() => {
  t.cleanup();
  // An unset variable stays unset: assigning undefined would set the string "undefined".
  if (savedEnv.DATA_DIR === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedEnv.DATA_DIR;
  if (savedEnv.UPLOADTHING_TOKEN !== undefined) process.env.UPLOADTHING_TOKEN = savedEnv.UPLOADTHING_TOKEN;
  resetEnvForTests();
  resetFileStorageForTests();
});



const carrier = (name: string) => nonProfitCarrier({ db, now: NOW, name });

/** A real PDF stored in the temporary DATA_DIR: its SHA-256 is the real one. */
async function store(text: string): Promise<SavedFile> {
  return storage.save(Readable.from([Buffer.from(await makePdf(text))]), { fileName: `${text}.pdf`, maxBytes: 10_000_000 });
}

const lotOf = (number: number) => call.lots.find((l) => l.number === number)!;
const diskPath = (key: string) => path.join(filesDir, key.slice(0, 2), key);

/** A complete application for lot 2 with a concept and the four organisation documents. */
async function completeApplication(actor: CarrierActor, label: string) {
  const lot = lotOf(2);
  const keys: Record<string, string> = {};
  const files = [];
  for (const [key, target] of [["concept", { lotId: lot.id }], ...NON_PROFIT_DOCUMENTS.map((kind) => [kind, { kind }])] as [string, AttachTarget][]) {
    const upload = await store(`${label} ${key === "concept" ? "Konzept" : key}`);
    keys[key] = upload.storageKey;
    files.push({ target, upload, originalName: `${label}-${key === "concept" ? "konzept" : key}.pdf` });
  }
  const { applicationId } = await fillApplication({
    db,
    call,
    actor,
    now: NOW,
    bids: [{ lotId: lot.id, input: completeLotBid(call, (title) => `Text zu ${title}`) }],
    files,
    maxApplicationBytes: 1e8,
  });
  return { applicationId, keys };
}

type Scenario = Awaited<ReturnType<typeof scenario>>;

/**
 * Anna submits twice (version 2 counts, version 1 is superseded), Berta submits and
 * withdraws, Carla submits and later her register extract is altered on disk and her
 * references are deleted.
 */
async function scenario() {
  const anna = await carrier("Anna");
  const berta = await carrier("Berta");
  const carla = await carrier("Carla");
  const a = await completeApplication(anna, "anna");
  const annaV1 = await submitApplication({ actor: anna, applicationId: a.applicationId, clock: () => NOW, db });
  const later = new Date(NOW.getTime() + MINUTE);
  const draft = (await loadApplication({ actor: anna, applicationId: a.applicationId, now: later, db })).draft.lots[0];
  await saveLotBid({
    actor: anna,
    applicationId: a.applicationId,
    lotId: lotOf(2).id,
    input: { concept: { ...draft.concept, ansatz: "Überarbeiteter Ansatz" }, posts: draft.posts, costPlan: draft.costPlan },
    now: later,
    db,
  });
  const annaV2 = await submitApplication({ actor: anna, applicationId: a.applicationId, clock: () => new Date(later.getTime() + 1000), db });
  const b = await completeApplication(berta, "berta");
  const bertaV1 = await submitApplication({ actor: berta, applicationId: b.applicationId, clock: () => NOW, db });
  await withdrawApplication({ actor: berta, applicationId: b.applicationId, clock: () => new Date(NOW.getTime() + 2 * MINUTE), db });
  const c = await completeApplication(carla, "carla");
  const carlaV1 = await submitApplication({ actor: carla, applicationId: c.applicationId, clock: () => new Date(NOW.getTime() + 3 * MINUTE), db });
  return { anna, berta, carla, a, b, c, annaV1, annaV2, bertaV1, carlaV1 };
}

function tamper(s: Scenario) {
  fs.writeFileSync(diskPath(s.c.keys.registerExtract), "überschrieben");
  fs.rmSync(diskPath(s.c.keys.references));
}

const cityActor = (u: { id: string }, role: "officer" | "evaluator" = "officer"): Actor => ({ userId: u.id, role, organisationId: null });

async function openCall(s?: Scenario) {
  if (s) tamper(s);
  await startOpening({ officerUserId: officerA.id, callId: call.id, now: after, db });
  return confirmOpening({ officerUserId: officerB.id, callId: call.id, now: new Date(after.getTime() + 5 * MINUTE), db, storage, baseUrl: "https://portal.test" });
}

async function audit(action: string) {
  return db.select().from(auditEntries).where(eq(auditEntries.action, action));
}

describe("starting the opening", () => {
  it("is refused before the deadline by the server clock and allowed from the deadline on", async () => {
    expect(await asyncCode(() => startOpening({ officerUserId: officerA.id, callId: call.id, now: new Date(deadline - 1000), db }))).toBe(
      "CONFLICT: opening.beforeDeadline",
    );
    expect((await loadOpeningState({ callSlug: call.slug, viewerUserId: officerA.id, now: new Date(deadline - 1000), db })).phase).toBe("beforeDeadline");
    const started = await startOpening({ officerUserId: officerA.id, callId: call.id, now: new Date(deadline), db });
    expect(started.expiresAt.getTime()).toBe(deadline + 60 * MINUTE);
    expect(await audit("opening.started")).toHaveLength(1);
    expect((await audit("opening.started"))[0].actorUserId).toBe(officerA.id);
  });

  it("is for officers only, once at a time", async () => {
    expect(await asyncCode(() => startOpening({ officerUserId: evaluator.id, callId: call.id, now: after, db }))).toBe("FORBIDDEN: opening.officersOnly");
    await startOpening({ officerUserId: officerA.id, callId: call.id, now: after, db });
    expect(await asyncCode(() => startOpening({ officerUserId: officerB.id, callId: call.id, now: after, db }))).toBe("CONFLICT: opening.alreadyStarted");
  });
});

describe("confirming the opening", () => {
  it("refuses the officer who started it and anyone but an officer", async () => {
    await startOpening({ officerUserId: officerA.id, callId: call.id, now: after, db });
    expect(await asyncCode(() => confirmOpening({ officerUserId: officerA.id, callId: call.id, now: after, db, storage }))).toBe(
      "FORBIDDEN: opening.sameOfficer",
    );
    expect(await asyncCode(() => confirmOpening({ officerUserId: evaluator.id, callId: call.id, now: after, db, storage }))).toBe(
      "FORBIDDEN: opening.officersOnly",
    );
    expect((await first(db.select().from(openings)))!.confirmedAt).toBeNull();
  });

  it("lets a start expire after 60 minutes; it must be started again", async () => {
    await startOpening({ officerUserId: officerA.id, callId: call.id, now: after, db });
    const tooLate = new Date(after.getTime() + 60 * MINUTE);
    expect((await loadOpeningState({ callSlug: call.slug, viewerUserId: officerB.id, now: tooLate, db })).phase).toBe("expired");
    expect(await asyncCode(() => confirmOpening({ officerUserId: officerB.id, callId: call.id, now: tooLate, db, storage }))).toBe(
      "DEADLINE_PASSED: opening.expired",
    );
    expect(await db.select().from(openings)).toEqual([]);
    expect(await audit("opening.expired")).toHaveLength(1);
    expect(await asyncCode(() => confirmOpening({ officerUserId: officerB.id, callId: call.id, now: tooLate, db, storage }))).toBe(
      "CONFLICT: opening.notStarted",
    );
    // Started again, now by the other officer: the first may confirm.
    await startOpening({ officerUserId: officerB.id, callId: call.id, now: tooLate, db });
    const done = await confirmOpening({ officerUserId: officerA.id, callId: call.id, now: new Date(tooLate.getTime() + MINUTE), db, storage });
    expect(done.record.startedBy.userId).toBe(officerB.id);
    expect(done.record.confirmedBy.userId).toBe(officerA.id);
  });

  it("lets the starter withdraw a pending start, and anyone clear an expired one", async () => {
    await startOpening({ officerUserId: officerA.id, callId: call.id, now: after, db });
    expect(await asyncCode(() => cancelStaleOpening({ officerUserId: officerB.id, callId: call.id, now: after, db }))).toBe("FORBIDDEN: opening.cancelOwnOnly");
    expect(await cancelStaleOpening({ officerUserId: officerA.id, callId: call.id, now: after, db })).toEqual({ cancelled: "withdrawn" });
    expect(await audit("opening.cancelled")).toHaveLength(1);
    await startOpening({ officerUserId: officerA.id, callId: call.id, now: after, db });
    const later = new Date(after.getTime() + 2 * 60 * MINUTE);
    expect(await cancelStaleOpening({ officerUserId: officerB.id, callId: call.id, now: later, db })).toEqual({ cancelled: "expired" });
    expect(await cancelStaleOpening({ officerUserId: officerB.id, callId: call.id, now: later, db })).toEqual({ cancelled: "none" });
  });

  it("keeps every bid sealed from the city until a second officer confirms, then opens it", async () => {
    const s = await scenario();
    const fileId = (await loadApplication({ actor: s.carla, applicationId: s.c.applicationId, now: NOW, db })).draft.documents[0].file.id;
    const readers = [cityActor(officerA), cityActor(officerB), cityActor(evaluator, "evaluator")];
    const sealed = async () => {
      for (const actor of readers) {
        expect(await asyncCode(async () => readSubmittedContent({ actor, submissionId: s.carlaV1.submissionId, db }))).toMatch(/^NOT_FOUND/);
        expect(await asyncCode(async () => fileForActor({ actor, fileId, db }))).toMatch(/^NOT_FOUND/);
      }
    };
    await sealed();
    await startOpening({ officerUserId: officerA.id, callId: call.id, now: after, db });
    await sealed();
    expect(await loadOpeningRecord(call.id, db)).toBeNull();
    const done = await confirmOpening({ officerUserId: officerB.id, callId: call.id, now: new Date(after.getTime() + 59 * MINUTE), db, storage });
    // Officers read everything now; what an evaluator reads is decided by the assessment's
    // own rule (assigned lots, declared conflicts) in access.server.ts.
    for (const actor of readers.slice(0, 2)) {
      expect((await readSubmittedContent({ actor, submissionId: s.carlaV1.submissionId, db })).organisation.name).toBe("Carla e. V.");
      expect((await fileForActor({ actor, fileId, db })).id).toBe(fileId);
    }
    // An evaluator never reads a whole submission, only the lot bids they may score.
    expect(await asyncCode(async () => readSubmittedContent({ actor: readers[2], submissionId: s.carlaV1.submissionId, db }))).toMatch(/^NOT_FOUND/);
    expect((await first(db.select({ status: calls.status }).from(calls).where(eq(calls.id, call.id))))!.status).toBe("opened");
    // The stored head is the hash of the "call.opened" entry, the last one written.
    const opened = await audit("call.opened");
    expect(opened).toHaveLength(1);
    expect(opened[0].hash).toBe(done.auditHeadAtOpening);
    expect(opened[0].actorUserId).toBe(officerB.id);
    expect(JSON.parse(opened[0].details)).toMatchObject({ recordHash: done.recordHash, recordFileSha256: done.recordFileSha256 });
    const row = (await first(db.select().from(openings)))!;
    expect(row.auditHeadAtOpening).toBe(done.auditHeadAtOpening);
    expect(row.confirmedByUserId).toBe(officerB.id);
    expect((await loadOpeningState({ callSlug: call.slug, viewerUserId: officerA.id, now: after, db })).phase).toBe("complete");
  });
});

describe("the opening record", () => {
  it("lists counting, superseded and withdrawn versions and flags files altered or missing on disk", async () => {
    const s = await scenario();
    const { record } = await openCall(s);
    expect(record.counting.map((e) => [e.organisationName, e.receiptNumber, e.version])).toEqual([
      ["Anna e. V.", s.annaV2.receiptNumber, 2],
      ["Carla e. V.", s.carlaV1.receiptNumber, 1],
    ]);
    expect(record.superseded.map((e) => e.receiptNumber)).toEqual([s.annaV1.receiptNumber]);
    expect(record.withdrawn.map((e) => [e.organisationName, e.receiptNumber, e.status])).toEqual([
      ["Berta e. V.", s.bertaV1.receiptNumber, "withdrawn"],
    ]);
    expect(record.withdrawn[0].withdrawnAt).toBe(new Date(NOW.getTime() + 2 * MINUTE).toISOString());
    const anna = record.counting[0];
    expect(anna.submittedAt).toBe(s.annaV2.submittedAt.toISOString());
    expect(anna.contentHash).toBe(s.annaV2.contentHash);
    expect(anna.sealedContentIntact).toBe(true);
    expect(anna.lots.map((l) => l.number)).toEqual([2]);
    expect(anna.files).toHaveLength(5);
    expect(anna.files.every((f) => f.matches && f.actualSha256 === f.expectedSha256)).toBe(true);
    const carla = record.counting[1];
    const register = carla.files.find((f) => f.kind === "registerExtract")!;
    expect(register).toMatchObject({ matches: false, problem: "changed", actualSha256: sha256(Buffer.from("überschrieben")) });
    expect(carla.files.find((f) => f.kind === "references")).toMatchObject({ matches: false, problem: "missing", actualSha256: null });
    expect(carla.files.filter((f) => f.matches)).toHaveLength(3);
    expect(record.summary).toEqual({ counting: 2, superseded: 1, withdrawn: 1, late: 0, files: 10, fileMismatches: 2, contentMismatches: 0 });
    expect((await loadOpeningRecord(call.id, db))!.record).toEqual(record);
  });

  it("is stored once as a PDF with its SHA-256 that reads back with receipt numbers, hashes and the mismatches", async () => {
    const s = await scenario();
    const done = await openCall(s);
    const file = (await first(db.select().from(storedFiles).where(eq(storedFiles.id, done.recordFileId))))!;
    expect(file).toMatchObject({ organisationId: null, applicationId: null, mediaType: "application/pdf", uploadedByUserId: officerB.id });
    expect((await first(db.select().from(openings)))!.recordFileId).toBe(file.id);
    const bytes = fs.readFileSync(diskPath(file.storageKey));
    expect(sha256(bytes)).toBe(file.sha256);
    expect(file.sha256).toBe(done.recordFileSha256);
    // Officers download exactly these bytes; nobody gets the record through /dateien.
    const download = await readOpeningRecordPdf({ officerUserId: officerA.id, callSlug: call.slug, db, storage });
    const chunks: Buffer[] = [];
    for await (const chunk of download.stream) chunks.push(chunk as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(file.sha256);
    expect(await asyncCode(async () => fileForActor({ actor: cityActor(officerA), fileId: file.id, db }))).toMatch(/^NOT_FOUND/);
    await expect(readOpeningRecordPdf({ officerUserId: evaluator.id, callSlug: call.slug, db, storage })).rejects.toThrow("opening.officersOnly");

    const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Öffnungsprotokoll");
    for (const n of [s.annaV2, s.carlaV1, s.annaV1, s.bertaV1]) expect(flat).toContain(n.receiptNumber);
    expect(flat).toContain(s.annaV2.contentHash);
    expect(flat).toContain(s.carlaV1.contentHash);
    const carla = done.record.counting[1];
    const register = carla.files.find((f) => f.kind === "registerExtract")!;
    expect(flat).toContain(register.expectedSha256);
    expect(flat).toContain(register.actualSha256!);
    expect(flat).toContain("ABWEICHUNG: Datei verändert oder fehlt");
    expect(flat).toContain("ABWEICHUNG FESTGESTELLT (2)");
    expect(flat).toContain("Keine verspäteten Eingänge möglich: das Portal nimmt nach Fristablauf nichts an.");
    expect(flat).toContain("Berta e. V.");
    expect(flat).toContain(done.recordHash);
    expect(flat).toContain(officerA.name);
    expect(flat).toContain(officerB.name);
  });

  it("cannot be changed or deleted after the confirmation, nor opened twice", async () => {
    await scenario();
    const done = await openCall();
    await expect(writeTx(async (tx) => { await tx.update(openings).set({ record: { format: "gefälscht" } }); }, db)).rejects.toThrow(/cannot be changed/);
    await expect(writeTx(async (tx) => { await tx.update(openings).set({ recordFileId: null }); }, db)).rejects.toThrow(/cannot be changed/);
    await expect(writeTx(async (tx) => { await tx.delete(openings); }, db)).rejects.toThrow(/cannot be deleted/);
    expect((await loadOpeningRecord(call.id, db))!.recordHash).toBe(done.recordHash);
    expect(await asyncCode(() => startOpening({ officerUserId: officerA.id, callId: call.id, now: after, db }))).toBe("CONFLICT: opening.alreadyComplete");
    expect(await asyncCode(() => confirmOpening({ officerUserId: officerA.id, callId: call.id, now: after, db, storage }))).toBe(
      "CONFLICT: opening.alreadyComplete",
    );
    expect(await asyncCode(() => cancelStaleOpening({ officerUserId: officerA.id, callId: call.id, now: after, db }))).toBe("CONFLICT: opening.alreadyComplete");
  });

  it("stores the PDF through the configured storage (DATA_DIR) when none is passed", async () => {
    await scenario();
    await startOpening({ officerUserId: officerA.id, callId: call.id, now: after, db });
    const done = await confirmOpening({ officerUserId: officerB.id, callId: call.id, now: after, db });
    const file = (await first(db.select().from(storedFiles).where(eq(storedFiles.id, done.recordFileId))))!;
    expect(fileStorage().backend).toBe("local");
    expect(fs.existsSync(diskPath(file.storageKey))).toBe(true);
  });
});

describe("the formal check", () => {
  it("is not possible before the opening: the submission does not exist for the city", async () => {
    const s = await scenario();
    const entry = { item: "onTime", passed: true, note: "" };
    expect(await asyncCode(() => recordFormalCheck({ officerUserId: officerA.id, submissionId: s.carlaV1.submissionId, lotId: null, items: [entry], now: after, db }))).toBe(
      "NOT_FOUND: check.notOpened",
    );
    expect((await loadCheckOverview({ officerUserId: officerA.id, callSlug: call.slug, now: after, db })).opened).toBe(false);
  });

  it("derives the checklist, records results with history, and excludes a lot bid with its reason", async () => {
    const s = await scenario();
    await openCall(s);
    const at = new Date(after.getTime() + 2 * 60 * MINUTE);
    const lotId = lotOf(2).id;
    const view = await loadFormalCheck({ officerUserId: officerA.id, callSlug: call.slug, submissionId: s.carlaV1.submissionId, now: at, db });
    expect(view.snapshot.organisation.name).toBe("Carla e. V.");
    expect(view.checklist.submission.map((i) => `${i.item}:${i.suggested}`)).toEqual([
      "onTime:pass",
      "complete:fail", // files that differed at the opening
      "documents:fail",
      "lotCap:pass",
    ]);
    expect(view.checklist.lots[0].items.map((i) => `${i.item}:${i.suggested}`)).toEqual([
      "complete:pass",
      "qualification:pass",
      "degreeProof:fail", // lot 2's role asks for the degree; Carla handed in no proof
      "payDeclaration:pass",
    ]);

    const submissionId = s.annaV2.submissionId;
    expect(
      await recordFormalCheck({
        officerUserId: officerA.id,
        submissionId,
        lotId: null,
        items: [
          { item: "onTime", passed: true, note: "" },
          { item: "documents", passed: false, note: "Registerauszug älter als drei Monate" },
        ],
        now: at,
        db,
      }),
    ).toEqual({ recorded: 2 });
    expect((await first(db.select({ status: calls.status }).from(calls).where(eq(calls.id, call.id))))!.status).toBe("formal_check");
    // The same results again change nothing; a new note adds a row, the old one stays.
    const again = new Date(at.getTime() + MINUTE);
    expect(await recordFormalCheck({ officerUserId: officerB.id, submissionId, lotId: null, items: [{ item: "onTime", passed: true, note: "" }], now: again, db })).toEqual({
      recorded: 0,
    });
    await recordFormalCheck({
      officerUserId: officerB.id,
      submissionId,
      lotId: null,
      items: [{ item: "documents", passed: true, note: "Aktueller Auszug liegt vor" }],
      now: again,
      db,
    });
    await recordFormalCheck({
      officerUserId: officerB.id,
      submissionId,
      lotId,
      items: [{ item: "qualification", passed: false, note: "Abschluss nicht nachgewiesen" }],
      now: again,
      db,
    });
    expect(await db.select().from(formalChecks).where(eq(formalChecks.submissionId, submissionId))).toHaveLength(4);
    const checked = await loadFormalCheck({ officerUserId: officerA.id, callSlug: call.slug, submissionId, now: again, db });
    expect(checked.checklist.submission.find((i) => i.item === "documents")!.recorded).toMatchObject({
      passed: true,
      note: "Aktueller Auszug liegt vor",
      checkedByName: officerB.name,
    });
    expect(checked.history).toHaveLength(4);
    expect(checked.checklist.lots[0].items.find((i) => i.item === "qualification")!.recorded!.passed).toBe(false);

    const { exclusionId } = await excludeBid({
      officerUserId: officerA.id,
      submissionId,
      lotId,
      reason: "Los 2: Der pädagogische Abschluss der angebotenen Stelle ist nicht nachgewiesen.",
      now: again,
      db,
    });
    expect(await asyncCode(() => excludeBid({ officerUserId: officerA.id, submissionId, lotId, reason: "noch einmal", now: again, db }))).toBe(
      "CONFLICT: check.alreadyExcluded",
    );
    expect(await listExclusionsForCall(call.id, db)).toEqual([
      expect.objectContaining({
        exclusionId,
        submissionId,
        organisationId: s.anna.organisationId,
        organisationName: "Anna e. V.",
        receiptNumber: s.annaV2.receiptNumber,
        lotId,
        lotNumber: 2,
        reason: "Los 2: Der pädagogische Abschluss der angebotenen Stelle ist nicht nachgewiesen.",
      }),
    ]);
    const overview = await loadCheckOverview({ officerUserId: officerA.id, callSlug: call.slug, now: again, db });
    expect(overview.rows.find((r) => r.submissionId === submissionId)).toMatchObject({
      // 4 items of the bid, 4 of its lot bid, and the 11 exclusion grounds, none found yet.
      progress: { total: 19, recorded: 3, failed: 1, grounds: { total: 11, recorded: 0 } },
      excludedLots: [2],
      excludedWhole: false,
      fileMismatch: false,
    });
    expect(overview.rows.find((r) => r.submissionId === s.carlaV1.submissionId)!.fileMismatch).toBe(true);

    await revokeExclusion({ officerUserId: officerB.id, exclusionId, reason: "Nachweis lag doch vor", now: again, db });
    expect(await listExclusionsForCall(call.id, db)).toEqual([]);
    await excludeBid({ officerUserId: officerA.id, submissionId, lotId: null, reason: "Ganze Interessenbekundung: Eignung nicht nachgewiesen.", now: again, db });
    expect((await listExclusionsForCall(call.id, db))[0]).toMatchObject({ lotId: null, lotNumber: null });
  });

  it("refuses what is not a result: a failure without a note, unknown items or lots, versions that do not count", async () => {
    const s = await scenario();
    await openCall();
    const base = { officerUserId: officerA.id, submissionId: s.annaV2.submissionId, now: after, db };
    expect(await asyncCode(() => recordFormalCheck({ ...base, lotId: null, items: [{ item: "onTime", passed: false, note: " " }] }))).toBe("INVALID: check.noteRequired");
    expect(await asyncCode(() => recordFormalCheck({ ...base, lotId: null, items: [{ item: "qualification", passed: true, note: "" }] }))).toBe(
      "INVALID: check.itemUnknown",
    );
    expect(await asyncCode(() => recordFormalCheck({ ...base, lotId: lotOf(3).id, items: [{ item: "complete", passed: true, note: "" }] }))).toBe(
      "INVALID: check.unknownLot",
    );
    expect(await asyncCode(() => excludeBid({ ...base, lotId: null, reason: "  " }))).toBe("INVALID: check.reasonMissing");
    for (const submissionId of [s.annaV1.submissionId, s.bertaV1.submissionId]) {
      expect(await asyncCode(() => recordFormalCheck({ ...base, submissionId, lotId: null, items: [{ item: "onTime", passed: true, note: "" }] }))).toBe(
        "CONFLICT: check.notCounting",
      );
    }
    expect(await asyncCode(() => recordFormalCheck({ ...base, officerUserId: evaluator.id, lotId: null, items: [] }))).toBe("FORBIDDEN: opening.officersOnly");
  });
});

describe("Nachforderung", () => {
  it("is answered by the carrier's upload before its due date and refused after it", async () => {
    const s = await scenario();
    await openCall(s);
    const at = new Date(after.getTime() + 2 * 60 * MINUTE);
    const dueAt = new Date(at.getTime() + 3 * 24 * 60 * MINUTE);
    expect(
      await asyncCode(() => requestDocument({ officerUserId: officerA.id, submissionId: s.carlaV1.submissionId, description: "Registerauszug", dueAt: at, now: at, db })),
    ).toBe("INVALID: check.dueDatePast");
    const { requestId, recipients, receiptNumber } = await requestDocument({
      officerUserId: officerA.id,
      submissionId: s.carlaV1.submissionId,
      description: "Bitte reichen Sie einen aktuellen Registerauszug nach.",
      dueAt,
      now: at,
      db,
    });
    // The carrier's members are the ones to tell, and only they.
    const carlaMembers = (
      await db
        .select({ email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.organisationId, s.carla.organisationId))
    ).map((r) => r.email);
    expect(recipients.map((r) => r.email)).toEqual(carlaMembers);
    expect(recipients.length).toBeGreaterThan(0);
    expect(receiptNumber).toBe(s.carlaV1.receiptNumber);
    const listed = await listDocumentRequestsForOrganisation(s.carla.organisationId, { now: at, db });
    expect(listed).toEqual([
      expect.objectContaining({ id: requestId, receiptNumber: s.carlaV1.receiptNumber, callSlug: call.slug, dueAt, state: "open", answeredFile: null }),
    ]);
    expect(await listDocumentRequestsForOrganisation(s.anna.organisationId, { now: at, db })).toEqual([]);
    expect(await asyncCode(() => loadDocumentRequestForOrganisation({ organisationId: s.anna.organisationId, requestId, now: at, db }))).toMatch(/^NOT_FOUND/);

    const upload = await store("carla Registerauszug neu");
    expect(await asyncCode(() => answerDocumentRequest({ actor: s.anna, requestId, upload, originalName: "x.pdf", now: at, db }))).toMatch(/^NOT_FOUND/);
    const answeredAt = new Date(dueAt.getTime() - 1000);
    const { fileId } = await answerDocumentRequest({ actor: s.carla, requestId, upload, originalName: "registerauszug-neu.pdf", now: answeredAt, db });
    const file = (await first(db.select().from(storedFiles).where(eq(storedFiles.id, fileId))))!;
    expect(file).toMatchObject({ organisationId: s.carla.organisationId, applicationId: s.c.applicationId, sha256: upload.sha256 });
    // The city reads the answer through the one access rule, as the carrier does.
    expect((await fileForActor({ actor: cityActor(officerA), fileId, db })).id).toBe(fileId);
    expect((await fileForActor({ actor: { ...s.carla, role: "carrier" }, fileId, db })).id).toBe(fileId);
    expect(await asyncCode(async () => fileForActor({ actor: { ...s.anna, role: "carrier" }, fileId, db }))).toMatch(/^NOT_FOUND/);
    expect(await loadDocumentRequestForOrganisation({ organisationId: s.carla.organisationId, requestId, now: answeredAt, db })).toMatchObject({
      state: "answered",
      answeredAt,
      answeredFile: { id: fileId, name: "registerauszug-neu.pdf" },
    });
    expect(await asyncCode(() => answerDocumentRequest({ actor: s.carla, requestId, upload, originalName: "nochmal.pdf", now: answeredAt, db }))).toBe(
      "CONFLICT: check.request.alreadyAnswered",
    );
    const officerView = await loadFormalCheck({ officerUserId: officerB.id, callSlug: call.slug, submissionId: s.carlaV1.submissionId, now: answeredAt, db });
    expect(officerView.requests[0]).toMatchObject({ state: "answered", answeredFile: { id: fileId } });

    // A second request, answered one second after its due date: refused.
    const second = await requestDocument({ officerUserId: officerA.id, submissionId: s.carlaV1.submissionId, description: "Referenzen", dueAt, now: at, db });
    expect(
      await asyncCode(() => answerDocumentRequest({ actor: s.carla, requestId: second.requestId, upload, originalName: "spät.pdf", now: new Date(dueAt.getTime() + 1000), db })),
    ).toBe("DEADLINE_PASSED: check.request.duePassed");
    expect(await asyncCode(() => answerDocumentRequest({ actor: s.carla, requestId: second.requestId, upload, originalName: "genau.pdf", now: dueAt, db }))).toBe(
      "DEADLINE_PASSED: check.request.duePassed",
    );
    expect((await first(db.select().from(documentRequests).where(eq(documentRequests.id, second.requestId))))!.answeredAt).toBeNull();
    expect((await listDocumentRequestsForOrganisation(s.carla.organisationId, { now: new Date(dueAt.getTime() + 1000), db })).map((r) => r.state).sort()).toEqual([
      "answered",
      "overdue",
    ]);
  });
});

describe("the audit trail", () => {
  it("has an entry for every step, by the person who took it, in an unbroken chain", async () => {
    const s = await scenario();
    await startOpening({ officerUserId: officerA.id, callId: call.id, now: after, db });
    await cancelStaleOpening({ officerUserId: officerA.id, callId: call.id, now: after, db });
    await startOpening({ officerUserId: officerA.id, callId: call.id, now: after, db });
    await expect(confirmOpening({ officerUserId: officerB.id, callId: call.id, now: new Date(after.getTime() + 61 * MINUTE), db, storage })).rejects.toThrow(
      "opening.expired",
    );
    await startOpening({ officerUserId: officerB.id, callId: call.id, now: new Date(after.getTime() + 62 * MINUTE), db });
    await confirmOpening({ officerUserId: officerA.id, callId: call.id, now: new Date(after.getTime() + 63 * MINUTE), db, storage });
    const at = new Date(after.getTime() + 2 * 60 * MINUTE);
    const submissionId = s.annaV2.submissionId;
    await recordFormalCheck({ officerUserId: officerA.id, submissionId, lotId: null, items: [{ item: "onTime", passed: true, note: "" }], now: at, db });
    const { exclusionId } = await excludeBid({ officerUserId: officerB.id, submissionId, lotId: lotOf(2).id, reason: "Grund", now: at, db });
    await revokeExclusion({ officerUserId: officerA.id, exclusionId, reason: "Irrtum", now: at, db });
    const { requestId } = await requestDocument({ officerUserId: officerA.id, submissionId, description: "Nachweis", dueAt: new Date(at.getTime() + 60 * MINUTE), now: at, db });
    await answerDocumentRequest({ actor: s.anna, requestId, upload: await store("anna Nachweis"), originalName: "nachweis.pdf", now: at, db });

    const steps: [string, string][] = [
      ["opening.started", officerA.id],
      ["opening.cancelled", officerA.id],
      ["opening.expired", officerB.id],
      ["call.opened", officerA.id],
      ["call.formal-check-started", officerA.id],
      ["formal-check.recorded", officerA.id],
      ["formal-check.excluded", officerB.id],
      ["formal-check.exclusion-revoked", officerA.id],
      ["document-request.created", officerA.id],
      ["document-request.answered", s.anna.userId],
    ];
    for (const [action, actor] of steps) {
      const entries = await audit(action);
      expect(entries.length, action).toBeGreaterThan(0);
      expect(entries.map((e) => e.actorUserId), action).toContain(actor);
    }
    expect(await audit("opening.started")).toHaveLength(3);
    expect(JSON.parse((await audit("formal-check.excluded"))[0].details)).toMatchObject({ reason: "Grund", lotId: lotOf(2).id });

    const chain = await db.select().from(auditEntries).orderBy(asc(auditEntries.seq));
    for (let i = 1; i < chain.length; i++) {
      expect(chain[i].prevHash).toBe(chain[i - 1].hash);
      expect(auditHash(chain[i].prevHash, chain[i])).toBe(chain[i].hash);
    }
  });
});
