// Nothing is lost when the process dies (docs/architecture.md, Nothing is lost; VgV §§ 10–11):
// 50 carriers upload their declarations and submit at the same moment over plain HTTP, the
// server is killed with SIGKILL in the middle, restarted on the same DATA_DIR, and then every
// receipt a client received must belong to a stored submission whose files read back with the
// SHA-256 on the receipt, and nothing half stored may be shown as submitted. A second case
// checks that SIGTERM lets requests in flight finish and the process exits 0.
//
// Own server processes (server.mjs from a private copy of the build, own DATA_DIR with a
// copy of the demo); carriers are prepared with the domain functions and keep one session each
// (tests/support/load-carriers.ts); the requests are those of tests/support/portal-http.ts,
// shared with `npm run bench`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deadlineRush,
  documentFileIds,
  hasReceipt,
  heldSubmit,
  heldUpload,
  largePdf,
  prepareCarriers,
  privateRoot,
  readReceipt,
  sha256Hex,
  shownStatus,
  startPortal,
  storedFileSha256,
  uploadDeclarations,
  type PortalProcess,
  type PreparedCarrier,
  type RushOutcome,
} from "../support/portal-http";
import { copyDemoDataDir } from "./support/own-server";

const RUSH = 50;
const KILL_AFTER_RECEIPTS = 15;

let baseDir: string;
let dataDir: string;
let root: string;
let carriers: PreparedCarrier[];
const started: PortalProcess[] = [];

async function start(): Promise<PortalProcess> {
  const portal = await startPortal({ root, dataDir });
  started.push(portal);
  return portal;
}

/** Files without a row are reported at start; rows without a file would be lost data. */
function orphanReport(output: string) {
  const match = output.match(/\[storage\] (\d+) stored file\(s\) without a database row: .*; (\d+) row\(s\) whose file is missing/);
  return { filesWithoutRows: Number(match?.[1] ?? 0), rowsWithoutFiles: Number(match?.[2] ?? 0) };
}

beforeAll(() => {
  baseDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-crash-"));
  dataDir = path.join(baseDir, "data");
  fs.mkdirSync(dataDir);
  copyDemoDataDir(dataDir);
  carriers = prepareCarriers(dataDir, RUSH + 2);
  root = privateRoot(baseDir);
}, 120_000);

afterAll(async () => {
  for (const portal of started) await portal.stop(2_000);
  if (baseDir) fs.rmSync(baseDir, { recursive: true, force: true });
});

describe("crash safety", () => {
  it("keeps every issued receipt and shows nothing half stored as submitted after a SIGKILL in the deadline rush", async () => {
    const rushing = carriers.slice(0, RUSH);
    const first = await start();
    const pdf = await largePdf(1024 * 1024);
    let receipts = 0;
    let inFlightAtKill = -1;
    const outcomes: RushOutcome[] = await deadlineRush(first.url, rushing, (c) => ({ name: `Erklaerungen-${c.index + 1}.pdf`, bytes: pdf.unique(`carrier ${c.index}`) }), {
      loadReceiptPage: true,
      onReceipt: () => {
        if (++receipts === KILL_AFTER_RECEIPTS) {
          inFlightAtKill = RUSH - receipts;
          first.child.kill("SIGKILL");
        }
      },
    });
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    const issued = outcomes.filter(hasReceipt);
    // The kill really fell into the rush: receipts were issued and requests were cut off.
    expect(issued.length).toBeGreaterThanOrEqual(KILL_AFTER_RECEIPTS);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.error !== null).length).toBeGreaterThan(0);

    const second = await start();
    // Uploads cut off mid-stream may leave files without a row (reported, never shown);
    // a row whose file is missing would be a lost file.
    const orphans = orphanReport(second.output());
    expect(orphans.rowsWithoutFiles).toBe(0);
    console.log(`crash-safety: ${issued.length} receipts issued before the kill, ${orphans.filesWithoutRows} orphan file(s) reported at restart`);

    // Every issued receipt belongs to a stored submission whose files match their SHA-256.
    for (const o of issued) {
      const expected = [...o.carrier.documents.map((d) => d.sha256), o.uploadedSha256].sort();
      const receipt = await readReceipt(second.url, o.carrier, o.submit!.submissionId!);
      expect(receipt.status, o.carrier.email).toBe(200);
      if (o.receiptNumber) expect(receipt.receiptNumber).toBe(o.receiptNumber);
      expect([...receipt.fileHashes].sort()).toEqual(expected);
      const shown = await shownStatus(second.url, o.carrier);
      expect(shown.submitted, o.carrier.email).toBe(true);
      expect(shown.receiptNumber).toBe(receipt.receiptNumber);
    }

    // Whatever is shown as submitted is complete: its receipt lists exactly the carrier's
    // files, and each of them reads back with that SHA-256. The rest shows as a draft.
    let submittedShown = 0;
    for (const o of outcomes) {
      const shown = await shownStatus(second.url, o.carrier);
      expect(shown.status).toBe(200);
      if (!shown.submitted) {
        expect(shown.receiptIds, o.carrier.email).toEqual([]);
        continue;
      }
      submittedShown++;
      expect(shown.receiptIds).toHaveLength(1);
      const receipt = await readReceipt(second.url, o.carrier, shown.receiptIds[0]);
      expect(receipt.receiptNumber).toBe(shown.receiptNumber);
      expect([...receipt.fileHashes].sort()).toEqual([...o.carrier.documents.map((d) => d.sha256), o.uploadedSha256].sort());
      const read: string[] = [];
      for (const fileId of await documentFileIds(second.url, o.carrier)) {
        const file = await storedFileSha256(second.url, o.carrier, fileId);
        expect(file.status).toBe(200);
        read.push(file.sha256!);
      }
      for (const hash of receipt.fileHashes) expect(read).toContain(hash);
    }
    expect(submittedShown).toBeGreaterThanOrEqual(issued.length);

    // The same in the database: no application is marked submitted without its submission.
    const sqlite = new Database(path.join(dataDir, "portal.sqlite"), { readonly: true });
    try {
      const halfStored = sqlite
        .prepare(
          `SELECT a.id FROM applications a WHERE a.status = 'submitted'
             AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.application_id = a.id AND s.withdrawn_at IS NULL)`,
        )
        .all();
      expect(halfStored).toEqual([]);
      const submitted = sqlite
        .prepare(`SELECT count(*) AS n FROM applications WHERE status = 'submitted' AND id IN (${rushing.map(() => "?").join(",")})`)
        .get(...rushing.map((c) => c.applicationId)) as { n: number };
      expect(submitted.n).toBe(submittedShown);
    } finally {
      sqlite.close();
    }
    await second.stop();
  }, 240_000);

  it("finishes an upload and a submission in flight on SIGTERM, then exits 0", async () => {
    const [uploader, submitter] = carriers.slice(RUSH, RUSH + 2);
    const portal = await start();
    const pdf = await largePdf(512 * 1024);
    // The submitter's declarations are in place; its submit is held half sent.
    const declarations = pdf.unique("submitter");
    const placed = await uploadDeclarations(portal.url, submitter, { name: "Erklaerungen.pdf", bytes: declarations });
    expect(placed.stored, `the upload before the SIGTERM answered ${placed.status} ${placed.location}\n${portal.output().slice(-2000)}`).toBe(true);
    const slowSubmit = heldSubmit(portal.url, submitter);
    // The uploader's file is held half way: once its temp file exists the server is
    // streaming it to storage, i.e. the request is in flight inside the app.
    const file = pdf.unique("uploader");
    const slowUpload = heldUpload(portal.url, uploader, { name: "Erklaerungen.pdf", bytes: file }, 256 * 1024);
    await waitFor(() => partFiles(path.join(dataDir, "files")).length > 0, "the upload to reach storage");

    portal.child.kill("SIGTERM");
    slowUpload.finish();
    slowSubmit.finish();
    const [uploaded, submitted] = await Promise.all([slowUpload.response, slowSubmit.response]);
    expect(uploaded.status).toBe(303);
    expect(uploaded.location).toContain("hochgeladen=1");
    expect(submitted.status).toBe(302);
    expect(submitted.location).toMatch(/^\/traeger\/eingaenge\/[^/?]+\?neu=1$/);
    expect(await portal.exited).toEqual({ code: 0, signal: null });
    expect(portal.output()).toContain("SIGTERM received");

    // Both are stored: the receipt lists the submitter's files, the upload reads back.
    const after = await start();
    const submissionId = submitted.location!.match(/eingaenge\/([^/?]+)/)![1];
    const receipt = await readReceipt(after.url, submitter, submissionId);
    expect(receipt.status).toBe(200);
    expect([...receipt.fileHashes].sort()).toEqual([...submitter.documents.map((d) => d.sha256), sha256Hex(declarations)].sort());
    const hashes: string[] = [];
    for (const fileId of await documentFileIds(after.url, uploader)) hashes.push((await storedFileSha256(after.url, uploader, fileId)).sha256!);
    expect(hashes).toContain(sha256Hex(file));
    await after.stop();
  }, 120_000);
});

function partFiles(filesDir: string): string[] {
  if (!fs.existsSync(filesDir)) return [];
  return fs.readdirSync(filesDir).flatMap((sub) => {
    const dir = path.join(filesDir, sub);
    return fs.statSync(dir).isDirectory() ? fs.readdirSync(dir).filter((n) => n.endsWith(".part")) : [];
  });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
