// Two instances on one PostgreSQL database and one shared DATA_DIR (issue 17, point 3): a
// deadline rush split across both, one of them killed with SIGKILL in the middle, the deadline
// passing while the other still takes requests. Then: every receipt a client received belongs to
// a stored submission whose files read back with their SHA-256 (from the other instance); no
// submission was accepted after the deadline by either; the audit chain is one and unbroken
// (`audit:verify` through the CLI on the database); a carrier's session made on one instance is
// valid on the other, and ending it on one ends it on both.
//
// Own processes, as tests/e2e/crash-safety.test.ts (read it first): a throwaway cluster
// (tests/support/postgres.ts), the demo loaded by the CLI as the owner role migrates, carriers
// prepared with the domain functions (tests/support/load-carriers.ts), and two `node server.mjs`
// connected as portal_web, the application role. Both servers follow one test clock file, so
// the deadline passes for both at once: it stands half an hour before the demo call's deadline
// from the carriers' preparation on, and jumps past it during the rush. Sessions and sealing use the secret and master key the
// first process generated under the shared DATA_DIR.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SLUG } from "../../app/demo/demo.server";
import { closeDatabaseAndWait, openPostgres } from "../../app/infra/db.server";
import { findOrphans } from "../../app/infra/orphans.server";
import { PASSWORD } from "../support/load-carriers";
import {
  deadlineRush,
  documentFileIds,
  hasReceipt,
  largePdf,
  portalCli,
  prepareCarriers,
  privateRoot,
  readReceipt,
  setupDemo,
  shownStatus,
  startPortal,
  storedFileSha256,
  submit,
  type PortalProcess,
  type PreparedCarrier,
  type RushOutcome,
} from "../support/portal-http";
import { startPostgres, type PostgresCluster } from "../support/postgres";

/** Carriers in the rush, half to each instance. */
const RUSH = 40;
/** B is killed when this many receipts have been issued, at least KILL_AFTER_B_RECEIPTS of them by B... */
const KILL_AFTER_RECEIPTS = 8;
const KILL_AFTER_B_RECEIPTS = 2;
/** ...and the deadline passes (for both) at this many, once B is dead. */
const DEADLINE_AFTER_RECEIPTS = 16;

let cluster: PostgresCluster | undefined;
let baseDir: string;
let dataDir: string;
let clockFile: string;
let root: string;
let databaseEnv: Record<string, string>;
let carriers: PreparedCarrier[];
/** The demo call's deadline (epoch ms), and the clock's offset until it passes. */
let submissionDeadline: number;
let offsetBefore: number;
const started: PortalProcess[] = [];
const timings: Record<string, number> = {};
const t0 = performance.now();
const mark = (name: string) => (timings[name] = Math.round(performance.now() - t0));

async function start(): Promise<PortalProcess> {
  const portal = await startPortal({ root, dataDir, env: databaseEnv, clockFile });
  started.push(portal);
  return portal;
}

async function query<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster!.url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Moves both instances' clock (one file) to `offsetMs`: written whole, then renamed into place. */
function setClock(offsetMs: number) {
  const temp = `${clockFile}.tmp`;
  fs.writeFileSync(temp, String(offsetMs));
  fs.renameSync(temp, clockFile);
}

/** The stored-file rows whose file is missing from the shared DATA_DIR, read from the database itself. */
async function rowsWithoutFiles(): Promise<string[]> {
  const database = openPostgres(cluster!.appUrl, { max: 1 });
  try {
    // Temp files of uploads in flight are kept (none are left after the rush; a day is plenty).
    return (await findOrphans(database, path.join(dataDir, "files"), { keepTempFilesNewerThanMs: 24 * 3600_000 })).rowsWithoutFiles;
  } finally {
    await closeDatabaseAndWait(database);
  }
}

/** Signs a carrier in through the form (no second factor for carriers); the session cookie. */
async function signIn(baseURL: string, carrier: PreparedCarrier): Promise<string> {
  const response = await fetch(`${baseURL}/anmelden`, {
    method: "POST",
    body: new URLSearchParams({ email: carrier.email, password: PASSWORD, weiter: "" }),
    headers: { Origin: new URL(baseURL).origin },
    redirect: "manual",
  });
  await response.arrayBuffer();
  expect(response.status, `sign-in answered ${response.status}`).toBeGreaterThanOrEqual(300);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("portal-session="));
  expect(cookie, "a session cookie").toBeDefined();
  return cookie!.split(";")[0];
}

async function carrierHome(baseURL: string, cookie: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${baseURL}/traeger`, { headers: { Cookie: cookie }, redirect: "manual" });
  return { status: response.status, html: await response.text() };
}

beforeAll(async () => {
  cluster = await startPostgres();
  mark("cluster");
  baseDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-two-"));
  dataDir = path.join(baseDir, "data"); // the DATA_DIR both instances share: files, outbox, keys
  fs.mkdirSync(dataDir);
  clockFile = path.join(baseDir, "clock-offset");
  setClock(0);
  // The application connects as portal_web; the owner migrates (setup, and each server's start).
  databaseEnv = { DATABASE_URL: cluster.appUrl, DATABASE_OWNER_URL: cluster.ownerUrl };
  setupDemo(dataDir, databaseEnv);
  mark("demo");
  // The clock of everything from here (carriers' sessions, both servers) stands half an hour
  // before the demo call's deadline, which passes during the rush: a jump of the 14 days the
  // demo call is open would outlast every session.
  const [call] = await query<{ at: string }>("SELECT submission_deadline AS at FROM calls WHERE slug = $1", [DEMO_SLUG]);
  submissionDeadline = Number(call.at);
  offsetBefore = submissionDeadline - Date.now() - 30 * 60_000;
  setClock(offsetBefore);
  carriers = prepareCarriers(dataDir, RUSH, { env: databaseEnv, clockFile });
  mark("carriers");
  root = privateRoot(baseDir);
}, 240_000);

afterAll(async () => {
  for (const portal of started) await portal.stop(2_000);
  cluster?.stop();
  if (baseDir) fs.rmSync(baseDir, { recursive: true, force: true });
});

describe("two instances on one PostgreSQL database", () => {
  it("keeps every receipt, accepts nothing after the deadline, keeps one audit chain and shares sessions, with one instance killed in the rush", async () => {
    // Both start at once: they migrate one after the other (the later finds nothing to do).
    const [a, b] = await Promise.all([start(), start()]);
    mark("servers");
    expect(a.output()).toContain("[database] PostgreSQL ready");
    expect(Date.now() + offsetBefore).toBeLessThan(submissionDeadline);

    // Even carriers go to A, odd ones to B.
    const onA = carriers.filter((c) => c.index % 2 === 0);
    const onB = carriers.filter((c) => c.index % 2 === 1);
    const pdf = await largePdf(1024 * 1024);
    const file = (c: PreparedCarrier) => ({ name: `Erklaerungen-${c.index + 1}.pdf`, bytes: pdf.unique(`carrier ${c.index}`) });
    const receipts = { a: 0, b: 0 };
    let killed = false;
    let deadlinePassedAt = 0; // the wall clock just after the clock file moved past the deadline
    const onReceipt = (o: RushOutcome) => {
      receipts[onA.includes(o.carrier) ? "a" : "b"]++;
      const total = receipts.a + receipts.b;
      if (!killed && total >= KILL_AFTER_RECEIPTS && receipts.b >= KILL_AFTER_B_RECEIPTS) {
        killed = true;
        b.child.kill("SIGKILL");
      }
      if (killed && !deadlinePassedAt && total >= DEADLINE_AFTER_RECEIPTS) {
        setClock(submissionDeadline - Date.now() + 60_000);
        deadlinePassedAt = Date.now();
      }
    };
    const rushStartedAt = Date.now();
    const rushStarted = performance.now();
    // One rush of one carrier each, started alternately on A and B, all at once.
    const outcomes = (await Promise.all(carriers.map((c) => deadlineRush(c.index % 2 === 0 ? a.url : b.url, [c], file, { onReceipt })))).flat();
    const fromA = outcomes.filter((o) => onA.includes(o.carrier));
    const fromB = outcomes.filter((o) => onB.includes(o.carrier));
    const rushMs = Math.round(performance.now() - rushStarted);
    mark("rush");
    expect(await b.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(deadlinePassedAt, "the deadline passed during the rush").toBeGreaterThan(0);

    const issuedA = fromA.filter(hasReceipt);
    const issuedB = fromB.filter(hasReceipt);
    // Requests to B cut off by the kill: no HTTP answer to the upload or the submit.
    const cutOff = fromB.filter((o) => !hasReceipt(o) && o.error !== null && (o.upload === null || o.submit === null) && !/answered/.test(o.error));
    // Requests A answered without a receipt: refused, the deadline having passed.
    const refusedA = fromA.filter((o) => !hasReceipt(o));
    const counts = { receiptsA: issuedA.length, receiptsB: issuedB.length, refusedA: refusedA.length, cutOffB: cutOff.length, rushMs };
    console.log(`two-instances: ${JSON.stringify(counts)}`);
    expect(issuedA.length, "A issued receipts").toBeGreaterThan(0);
    expect(issuedB.length, "B issued receipts before the kill").toBeGreaterThan(0);
    expect(cutOff.length, "the kill fell into B's requests").toBeGreaterThan(0);
    expect(refusedA.length, "A refused requests after the deadline").toBeGreaterThan(0);
    for (const o of refusedA) expect(o.error, o.carrier.email).toMatch(/answered [2-4]\d\d/);

    // B again, on the same database and DATA_DIR, while A runs on. A row whose file is missing
    // would be a lost file; files without a row (uploads cut off) are only reported.
    const b2 = await start();
    expect(await rowsWithoutFiles()).toEqual([]);
    mark("restart");

    // Every issued receipt, read from the other instance, lists the carrier's files, and each
    // reads back with that SHA-256.
    const other = (o: RushOutcome) => (onA.includes(o.carrier) ? b2.url : a.url);
    for (const o of [...issuedA, ...issuedB]) {
      const expected = [...o.carrier.documents.map((d) => d.sha256), o.uploadedSha256].sort();
      const receipt = await readReceipt(other(o), o.carrier, o.submit!.submissionId!);
      expect(receipt.status, o.carrier.email).toBe(200);
      expect([...receipt.fileHashes].sort()).toEqual(expected);
      const read: string[] = [];
      for (const fileId of await documentFileIds(other(o), o.carrier)) {
        const stored = await storedFileSha256(other(o), o.carrier, fileId);
        expect(stored.status).toBe(200);
        read.push(stored.sha256!);
      }
      expect(read.sort()).toEqual(expected);
      const shown = await shownStatus(other(o), o.carrier);
      expect(shown.submitted).toBe(true);
      expect(shown.receiptNumber).toBe(receipt.receiptNumber);
    }

    // In the database: every issued receipt is a stored submission; every submission of the rush
    // was taken before the deadline, and by the clock as it stood before the deadline passed (an
    // instance that missed the moved clock would have stamped a time later than the move); each
    // is complete; nothing is marked submitted without its submission.
    const ids = carriers.map((c) => c.applicationId);
    const stored = await query<{ id: string; application_id: string; receipt_number: string; submitted_at: string }>(
      "SELECT s.id, s.application_id, s.receipt_number, s.submitted_at FROM submissions s WHERE s.application_id = ANY($1)",
      [ids],
    );
    const storedIds = new Set(stored.map((s) => s.id));
    for (const o of [...issuedA, ...issuedB]) expect(storedIds.has(o.submit!.submissionId!), o.carrier.email).toBe(true);
    for (const s of stored) {
      expect(Number(s.submitted_at)).toBeLessThan(submissionDeadline);
      expect(Number(s.submitted_at)).toBeGreaterThanOrEqual(rushStartedAt + offsetBefore);
      expect(Number(s.submitted_at)).toBeLessThanOrEqual(deadlinePassedAt + offsetBefore);
    }
    // Submissions whose redirect the kill cut off are complete too.
    const issuedIds = new Set([...issuedA, ...issuedB].map((o) => o.submit!.submissionId!));
    for (const s of stored.filter((s) => !issuedIds.has(s.id))) {
      const o = [...fromA, ...fromB].find((x) => x.carrier.applicationId === s.application_id)!;
      const receipt = await readReceipt(a.url, o.carrier, s.id);
      expect([...receipt.fileHashes].sort()).toEqual([...o.carrier.documents.map((d) => d.sha256), o.uploadedSha256].sort());
    }
    const halfStored = await query(
      `SELECT a.id FROM applications a WHERE a.status = 'submitted'
         AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.application_id = a.id AND s.withdrawn_at IS NULL)`,
    );
    expect(halfStored).toEqual([]);

    // After the deadline neither instance accepts a submission (B: the restarted one).
    const late = [...refusedA, ...fromB.filter((o) => !hasReceipt(o))].filter((o) => !stored.some((s) => s.application_id === o.carrier.applicationId));
    expect(late.length).toBeGreaterThan(1);
    for (const [url, o] of [
      [a.url, late[0]],
      [b2.url, late[1]],
    ] as const) {
      const refused = await submit(url, o.carrier);
      expect(refused.submissionId, `${url} after the deadline`).toBeNull();
    }
    expect((await query("SELECT id FROM submissions WHERE application_id = ANY($1)", [ids])).length).toBe(stored.length);

    // One unbroken audit chain, its witnesses (every receipt) and the stored files.
    const verified = portalCli(dataDir, ["audit:verify"], databaseEnv);
    expect(verified).toContain("OK: the audit trail, its witnesses and the stored files are intact.");
    const witnesses = Number(verified.match(/Witnesses: (\d+) receipt/)?.[1]);
    expect(witnesses).toBeGreaterThanOrEqual(stored.length);
    mark("checks");

    // A session made on A is valid on B; ended on B, it is ended on A.
    const carrier = carriers[0];
    const cookie = await signIn(a.url, carrier);
    const onB2 = await carrierHome(b2.url, cookie);
    expect(onB2.status).toBe(200);
    expect(onB2.html).toContain(carrier.organisationName);
    const signedOut = await fetch(`${b2.url}/abmelden`, { method: "POST", headers: { Cookie: cookie, Origin: new URL(b2.url).origin }, redirect: "manual" });
    await signedOut.arrayBuffer();
    expect(signedOut.status).toBeGreaterThanOrEqual(300);
    const afterSignOut = await carrierHome(a.url, cookie);
    expect(afterSignOut.status).toBeGreaterThanOrEqual(300);
    expect(afterSignOut.status).toBeLessThan(400);
    mark("sessions");
    console.log(`two-instances timings (ms from the file's start): ${JSON.stringify(timings)}`);
  }, 240_000);
});
