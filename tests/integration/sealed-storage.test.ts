// Sealed storage (VgV § 54) against a real SQLite file and a real files directory:
// a copy of the database and of the files taken before the opening holds no bid text and no
// file content; neither a wrong master key nor the database alone opens them; after the
// four-eyes opening everything reads back through the access module and matches its SHA-256.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { asc, eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadDemo } from "../../app/demo/demo.server";
import { confirmOpening, startOpening } from "../../app/evaluation/opening.server";
import { closeDatabase, first, openDatabase, type Db } from "../../app/infra/db.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { DomainError } from "../../app/infra/errors";
import { callKeys, storedFiles, users } from "../../app/infra/schema";
import { checkMasterKey, resetMasterKeyForTests, SealBroken } from "../../app/infra/sealing.server";
import { localStorage, resetFileStorageForTests, type FileStorage } from "../../app/infra/storage.server";
import { readStoredFilePlain } from "../../app/infra/stored-files.server";
import { loadCallView } from "../../app/procurement/calls.server";
import type { CallView } from "../../app/procurement/call-view";
import { openFileForActor, readSubmittedContent, type Actor } from "../../app/submission/access.server";
import { openedSubmissionContents } from "../../app/submission/sealed-content.server";
import { attachFile, loadApplication, sealForApplication, type CarrierActor } from "../../app/submission/applications.server";
import { loadReceipt, submitApplication } from "../../app/submission/submit.server";
import { fillApplication, lotBidInput, nonProfitCarrier, type AttachTarget } from "../support/factories";
import { makeDocx, makeOdt, makePdf, sha256 } from "../support/sample-files";
import { tempDatabase, tempDir, type TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const MINUTE = 60_000;
const MASTER = randomBytes(32).toString("base64");

let t: TempDb;
let db: Db;
let call: CallView;
let storage: FileStorage;
let filesDir: string;
let officerA: { id: string };
let officerB: { id: string };
const savedEnv = { DATA_DIR: process.env.DATA_DIR, PORTAL_MASTER_KEY: process.env.PORTAL_MASTER_KEY, UPLOADTHING_TOKEN: process.env.UPLOADTHING_TOKEN };
const cleanups: (() => void)[] = [];

function setEnv(vars: { DATA_DIR?: string; PORTAL_MASTER_KEY?: string }) {
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
  resetFileStorageForTests();
  resetMasterKeyForTests();
}

beforeEach(async () => {
  t = await tempDatabase();
  db = t.db;
  delete process.env.UPLOADTHING_TOKEN;
  setEnv({ DATA_DIR: t.dir, PORTAL_MASTER_KEY: MASTER });
  filesDir = path.join(t.dir, "files");
  storage = localStorage(filesDir);
  await loadDemo({ now: NOW, db });
  call = (await loadCallView("dresden-2017-demo", { db }))!;
  [officerA, officerB] = (await db.select().from(users).orderBy(asc(users.email))).filter((u) => u.role === "officer");
});

afterEach(() => {
  t.cleanup();
  for (const cleanup of cleanups.splice(0)) cleanup();
  if (savedEnv.UPLOADTHING_TOKEN !== undefined) process.env.UPLOADTHING_TOKEN = savedEnv.UPLOADTHING_TOKEN;
  setEnv({ DATA_DIR: savedEnv.DATA_DIR, PORTAL_MASTER_KEY: savedEnv.PORTAL_MASTER_KEY });
});

const carrier = (name: string) => nonProfitCarrier({ db, now: NOW, name });

type Bid = {
  actor: CarrierActor;
  applicationId: string;
  submissionId: string;
  /** Strings of this bid that must not appear in any copy before the opening. */
  secrets: string[];
  /** Plaintext of every file, by stored file id. */
  files: Map<string, Buffer>;
};

/** A complete, submitted application for lot 2 whose texts and files carry `token`. */
async function submittedBid(name: string): Promise<Bid> {
  const actor = await carrier(name);
  const token = `${name}-${randomBytes(6).toString("hex")}`;
  const lot = call.lots.find((l) => l.number === 2)!;
  const secrets = [`Betreuungskonzept Leuchtturm ${token}`, `Sozialpädagogin mit Zusatz ${token}`, `Entgelt ${token}`, `Sprache-${token}`];
  const input = lotBidInput(call, {
    concept: (title) => `${secrets[0]} zu ${title}`,
    fteHundredths: 150,
    post: { qualification: secrets[1], payGroup: "S 12", languages: ["Deutsch", secrets[3], secrets[2]] },
    personnelCostPerFteCents: 5_212_347,
    materialCostCents: 400_000,
    overheadCents: 300_000,
  });
  // The files follow: each is sealed with the call's key, which the application names.
  const { applicationId } = await fillApplication({ db, call, actor, now: NOW, bids: [{ lotId: lot.id, input }], files: [] });
  const files = new Map<string, Buffer>();
  const upload = async (bytes: Uint8Array, target: AttachTarget) => {
    const plain = Buffer.from(bytes);
    // The upload route's path: the call's key first, then the bytes stream in encrypted.
    const seal = await sealForApplication({ actor, applicationId, db });
    const saved = await storage.save(Readable.from([plain]), { fileName: "datei", maxBytes: 10_000_000, seal });
    const { fileId } = await attachFile({ actor, applicationId, target, upload: saved, originalName: "datei", maxApplicationBytes: 1e8, now: NOW, db });
    files.set(fileId, plain);
  };
  const fileTexts = [`Konzeptdatei ${token}`, `Registerauszug ${token}`, `Gemeinnuetzigkeit ${token}`, `Referenzen ${token}`];
  await upload(makeDocx(fileTexts[0]), { lotId: lot.id });
  await upload(makeOdt(fileTexts[1]), { kind: "registerExtract" });
  await upload(makeDocx(fileTexts[2]), { kind: "nonProfitCertificate" });
  await upload(makeOdt(fileTexts[3]), { kind: "references" });
  await upload(await makePdf(`Erklaerung ${token}`), { kind: "declarations" });
  // The searches below can fail: the stored texts are in the plaintext files.
  for (const [i, text] of fileTexts.entries()) expect([...files.values()][i].includes(Buffer.from(text))).toBe(true);
  const { submissionId } = await submitApplication({ actor, applicationId, clock: () => NOW, db });
  return { actor, applicationId, submissionId, secrets: [...secrets, "5212347", ...fileTexts], files };
}

/** Every regular file below `dir`, read whole. */
function bytesBelow(dir: string): Buffer[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name)));
}

/** What an attacker takes away before the opening: a consistent database copy (online backup
 * API, WAL included), the raw database and WAL files as they lie on disk, and the files. */
async function copyBeforeOpening(): Promise<{ dir: string; database: string; blobs: Buffer[] }> {
  const copy = tempDir("portal-copy-");
  cleanups.push(copy.cleanup);
  const database = path.join(copy.dir, "portal.sqlite");
  await db.$client.backup(database);
  const raw = path.join(copy.dir, "raw");
  fs.mkdirSync(raw);
  for (const suffix of ["", "-wal"]) {
    if (fs.existsSync(t.file + suffix)) fs.copyFileSync(t.file + suffix, path.join(raw, `portal.sqlite${suffix}`));
  }
  fs.cpSync(filesDir, path.join(copy.dir, "files"), { recursive: true });
  return { dir: copy.dir, database, blobs: [fs.readFileSync(database), ...bytesBelow(raw), ...bytesBelow(path.join(copy.dir, "files"))] };
}

function occurs(blobs: Buffer[], needle: string | Buffer): boolean {
  const bytes = typeof needle === "string" ? Buffer.from(needle, "utf8") : needle;
  return blobs.some((b) => b.includes(bytes));
}

const city = (u: { id: string }): Actor => ({ userId: u.id, role: "officer", organisationId: null });
const own = (b: Bid): Actor => ({ ...b.actor, role: "carrier" });

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function domainCode(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return "no error";
}

async function openCall(when = new Date(call.dates.submissionDeadline.getTime() + 60 * MINUTE)) {
  await startOpening({ officerUserId: officerA.id, callId: call.id, now: when, db });
  return confirmOpening({ officerUserId: officerB.id, callId: call.id, now: new Date(when.getTime() + 5 * MINUTE), db, storage });
}

describe("sealed storage", () => {
  it("keeps bid text and file content out of a copy of the database and the files until the opening", async () => {
    const bids = [await submittedBid("Anna"), await submittedBid("Berta")];
    const copy = await copyBeforeOpening();

    // The search works: metadata that is not sealed (the organisation's name) is found.
    expect(occurs(copy.blobs, "Anna e. V.")).toBe(true);
    for (const bid of bids) {
      for (const secret of bid.secrets) expect(occurs(copy.blobs, secret), secret).toBe(false);
      for (const plain of bid.files.values()) {
        // Any 64 bytes from the middle of a file would betray it.
        const middle = Math.floor(plain.length / 2);
        expect(occurs(copy.blobs, plain.subarray(middle - 32, middle + 32))).toBe(false);
      }
    }
    // Every bid file is marked as sealed with the call's key; the key is stored only wrapped.
    const ids = bids.flatMap((b) => [...b.files.keys()]);
    const rows = await db.select({ encrypted: storedFiles.encrypted, sealedCallId: storedFiles.sealedCallId }).from(storedFiles).where(inArray(storedFiles.id, ids));
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.encrypted && r.sealedCallId === call.id)).toBe(true);
    expect((await db.select().from(callKeys)).map((k) => k.callId)).toEqual([call.id]);

    // The city reads nothing before the opening; each carrier reads its own.
    for (const bid of bids) {
      expect(await domainCode(async () => await readSubmittedContent({ actor: city(officerA), submissionId: bid.submissionId, db }))).toBe("NOT_FOUND");
      const [fileId, plain] = [...bid.files][0];
      await expect(openFileForActor({ actor: city(officerA), fileId, db, storage })).rejects.toMatchObject({ code: "NOT_FOUND" });
      const mine = await openFileForActor({ actor: own(bid), fileId, db, storage });
      expect((await readAll(mine.stream)).equals(plain)).toBe(true);
      expect((await loadApplication({ actor: bid.actor, applicationId: bid.applicationId, now: NOW, db })).draft.lots[0].posts[0].qualification).toBe(bid.secrets[1]);
      expect((await loadReceipt({ actor: bid.actor, submissionId: bid.submissionId, db })).snapshot.lots[0].costPlan.personnelCostPerFteCents).toBe(5_212_347);
    }
    expect(await domainCode(async () => await openedSubmissionContents(db, call.id, [bids[0].submissionId]))).toBe("NOT_FOUND");

    // After the opening everything reads back through the access module and matches.
    const done = await openCall();
    expect(done.record.summary).toMatchObject({ counting: 2, files: 10, fileMismatches: 0, contentMismatches: 0 });
    for (const bid of bids) {
      const content = await readSubmittedContent({ actor: city(officerA), submissionId: bid.submissionId, db });
      expect(content.lots[0].concept[0].text).toContain(bid.secrets[0]);
      expect(content.lots[0].posts[0].qualification).toBe(bid.secrets[1]);
      for (const [fileId, plain] of bid.files) {
        const { file, stream } = await openFileForActor({ actor: city(officerB), fileId, db, storage });
        const bytes = await readAll(stream);
        expect(sha256(bytes)).toBe(file.sha256);
        expect(bytes.equals(plain)).toBe(true);
        expect((await readStoredFilePlain(fileId, { db, storage })).equals(plain)).toBe(true);
      }
    }
    expect((await openedSubmissionContents(db, call.id, bids.map((b) => b.submissionId))).size).toBe(2);
  });

  it("opens nothing of a copy with a wrong master key or with the database alone, and all of it with the right key", async () => {
    const bid = await submittedBid("Carla");
    const copy = await copyBeforeOpening();
    const copyDb = openDatabase(copy.database);
    cleanups.unshift(() => closeDatabase(copyDb));
    const copyStorage = localStorage(path.join(copy.dir, "files"));
    const [fileId, plain] = [...bid.files][0];
    const attempt = async () => {
      await expect(readStoredFilePlain(fileId, { db: copyDb, storage: copyStorage })).rejects.toThrow(SealBroken);
      await expect(readSubmittedContent({ actor: own(bid), submissionId: bid.submissionId, db: copyDb })).rejects.toThrow(SealBroken);
      await expect(loadApplication({ actor: bid.actor, applicationId: bid.applicationId, now: NOW, db: copyDb })).rejects.toThrow(SealBroken);
    };

    // A wrong master key (the server names it at start).
    setEnv({ DATA_DIR: copy.dir, PORTAL_MASTER_KEY: randomBytes(32).toString("base64") });
    expect((await checkMasterKey(copyDb)).foreignKeys).toBe(1);
    await attempt();

    // The database (and the files) alone: no key is configured, so a new one is generated.
    expect(fs.existsSync(path.join(copy.dir, "keys"))).toBe(false);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    setEnv({ DATA_DIR: copy.dir, PORTAL_MASTER_KEY: undefined });
    await attempt();
    warn.mockRestore();

    // The copy is complete: with the master key it opens (a backup restored by the operator).
    setEnv({ DATA_DIR: copy.dir, PORTAL_MASTER_KEY: MASTER });
    expect((await checkMasterKey(copyDb)).foreignKeys).toBe(0);
    expect((await readStoredFilePlain(fileId, { db: copyDb, storage: copyStorage })).equals(plain)).toBe(true);
    expect((await readSubmittedContent({ actor: own(bid), submissionId: bid.submissionId, db: copyDb })).lots[0].posts[0].languages).toContain(bid.secrets[2]);
  });

  it("records a sealed file whose stored bytes were altered as changed at the opening", async () => {
    const bid = await submittedBid("Dora");
    const [alteredId] = [...bid.files.keys()];
    const row = (await first(db.select({ storageKey: storedFiles.storageKey }).from(storedFiles).where(eq(storedFiles.id, alteredId))))!;
    const onDisk = path.join(filesDir, row.storageKey.slice(0, 2), row.storageKey);
    const bytes = fs.readFileSync(onDisk);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    fs.writeFileSync(onDisk, bytes);

    const done = await openCall();
    const checks = done.record.counting[0].files;
    expect(checks).toHaveLength(5);
    expect(checks.filter((f) => !f.matches).map((f) => [f.fileId, f.problem])).toEqual([[alteredId, "changed"]]);
    expect(done.record.summary.contentMismatches).toBe(0);
    // The download of the altered file breaks off instead of delivering unverified bytes whole.
    const { stream } = await openFileForActor({ actor: city(officerA), fileId: alteredId, db, storage });
    await expect(readAll(stream)).rejects.toThrow(SealBroken);
  });
});
