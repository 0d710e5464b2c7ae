// The case file (Vergabeakte, decision 0037): one ZIP of a call's records, readable without the
// portal. Exported with the CLI from the decided demo call and unpacked here: every file's hash
// and size against manifest.json, the audit head against audit:verify's, the bids' files as the
// carriers submitted them; a stored file that is gone is listed as deleted; before the opening
// the archive holds nothing of a bid; officers get it through HTTP as a background job.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportCaseFile, type CaseFileManifest } from "../../app/documents/case-file.server";
import { caseFileStateKey } from "../../app/documents/case-file-job.server";
import { first, rowsOf } from "../../app/infra/db.server";
import { auditEntries, calls, users } from "../../app/infra/schema";
import { askQuestion } from "../../app/procurement/questions.server";
import type { SubmissionSnapshot } from "../../app/submission/snapshot";
import { eq, inArray, sql } from "drizzle-orm";
import { tempDemoDatabase } from "../support/demo-db";
import { submitStoredBid } from "../support/stored-bids";
import { signInByRequests } from "../e2e/support/second-factor";
import { tempDatabase, tempDir, type TempDb } from "../support/temp-db";
import { privateRoot, startPortal, type PortalProcess } from "../support/portal-http";

const ROOT = path.resolve(".");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const OFFICER = "vergabe.a@demo.example";

/** The CLI on `dataDir`, or on a test database's environment (`TempDb.env`: DATA_DIR, and DATABASE_URL on PostgreSQL). */
function portal(where: string | Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...(typeof where === "string" ? { DATA_DIR: where } : where) };
    delete env.SMTP_URL;
    execFile(TSX, ["scripts/portal.ts", ...args], { cwd: ROOT, env, timeout: 180_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The archive's files by path, and its manifest. */
function unpack(zip: Uint8Array): { files: Record<string, Uint8Array>; manifest: CaseFileManifest } {
  const files = unzipSync(zip);
  return { files, manifest: JSON.parse(new TextDecoder().decode(files["manifest.json"])) as CaseFileManifest };
}

/**
 * Every file but the manifest is in it with its size and SHA-256, and nothing else is in the
 * archive; every name is plain ASCII, which any unzip tool reads alike.
 */
function expectManifestHolds(files: Record<string, Uint8Array>, manifest: CaseFileManifest) {
  expect(Object.keys(files).sort()).toEqual([...manifest.files.map((f) => f.path), "manifest.json"].sort());
  expect(Object.keys(files).filter((p) => /[^\x20-\x7e]/.test(p))).toEqual([]);
  for (const f of manifest.files) {
    expect({ path: f.path, sizeBytes: files[f.path].length, sha256: sha256(files[f.path]) }).toEqual(f);
  }
}

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

describe("the case file exported on the command line", () => {
  let dataDir: string;
  let cli: TempDb;
  const portalCli = (...args: string[]) => portal(cli.env, ...args);
  beforeAll(async () => {
    // The CLI runs on a database of the run's dialect: its environment says which.
    cli = await tempDatabase();
    cleanups.push(cli.cleanup);
    dataDir = cli.dir;
    const setup = await portalCli("setup", "--demo");
    expect(setup.code, setup.stderr).toBe(0);
  }, 180_000);

  it("holds the decided call's records with every file's hash and size in the manifest, the bids' files as submitted, and the head audit:verify prints", async () => {
    const target = path.join(dataDir, "akte.zip");
    const run = await portalCli("export", "dresden-2017", target, "--officer", OFFICER);
    expect(run.code, run.stderr).toBe(0);
    expect((fs.statSync(target).mode & 0o777).toString(8)).toBe("600");
    const { files, manifest } = unpack(new Uint8Array(fs.readFileSync(target)));
    expectManifestHolds(files, manifest);
    expect(manifest).toMatchObject({ format: "vergabeakte-v1", sealed: false, deleted: [], call: { slug: "dresden-2017", status: "awarded" }, portal: { version: "0.1.0" } });
    expect(manifest.exportedBy).toBe("Anna Vergabe (Demo, fiktiv)");

    const paths = Object.keys(files);
    for (const expected of [
      "README.txt",
      "aufruf/aufruf.pdf",
      "aufruf/aufrufdefinition.json",
      "aufruf/aenderungen.json",
      "fragen/fragen.json",
      "oeffnung/oeffnungsprotokoll.pdf",
      "oeffnung/oeffnungsprotokoll.json",
      "bewertung/vergabevermerk.pdf",
      "bewertung/vergabevermerk.json",
      "bewertung/bewertungen.csv",
      "vertraege/vertraege.csv",
      "vertraege/aenderungen.json",
      "protokoll/verfahrensprotokoll.csv",
    ]) {
      expect(paths).toContain(expected);
    }
    expect(paths.filter((p) => /^schreiben\/\d+-award-.*\.pdf$/.test(p)).length).toBeGreaterThan(0);
    expect(new TextDecoder().decode(files["README.txt"])).toContain("Aufbau des Archivs");

    // Every opened version with its receipt and its files, decrypted and as the carrier submitted them.
    const receipts = (
      await rowsOf<{ n: string }>(cli.db, sql`SELECT s.receipt_number AS n FROM submissions s JOIN applications a ON a.id = s.application_id JOIN calls c ON c.id = a.call_id WHERE c.slug = 'dresden-2017'`)
    ).map((r) => r.n);
    expect(receipts.length).toBeGreaterThan(0);
    let bidFiles = 0;
    for (const receipt of receipts) {
      const snapshot = JSON.parse(new TextDecoder().decode(files[`angebote/${receipt}/inhalt.json`])) as SubmissionSnapshot;
      expect(files[`angebote/${receipt}/eingangsbestaetigung.pdf`]).toBeDefined();
      const inArchive = paths.filter((p) => p.startsWith(`angebote/${receipt}/dateien/`)).map((p) => sha256(files[p])).sort();
      const submitted = [...snapshot.lots.flatMap((l) => (l.conceptFile ? [l.conceptFile] : [])), ...snapshot.documents.map((d) => d.file)].map((f) => f.sha256).sort();
      expect(inArchive).toEqual(submitted);
      bidFiles += inArchive.length;
    }
    expect(bidFiles).toBeGreaterThan(0);

    // The export is the last entry of the trail it carries, and the chain's head.
    const verify = await portalCli("audit:verify");
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`head ${manifest.auditChain.head}`);
    const trail = new TextDecoder().decode(files["protokoll/verfahrensprotokoll.csv"]).trim().split("\r\n");
    expect(trail.at(-1)).toContain("call.case-file-exported");
    expect(trail.at(-1)!.endsWith(manifest.auditChain.head)).toBe(true);

    // A bid's file whose bytes are gone (retention): listed as deleted with its recorded hash; the export succeeds.
    const [gone] = await rowsOf<{ key: string; sha256: string; size: number }>(
      cli.db,
      sql`SELECT storage_key AS key, sha256, size_bytes AS size FROM stored_files WHERE application_id IS NOT NULL AND id NOT IN (SELECT stored_file_id FROM notices WHERE stored_file_id IS NOT NULL) ORDER BY id LIMIT 1`,
    );
    fs.rmSync(path.join(dataDir, "files", gone.key.slice(0, 2), gone.key));
    const again = await portalCli("export", "dresden-2017", path.join(dataDir, "akte-2.zip"), "--officer", OFFICER);
    expect(again.code, again.stderr).toBe(0);
    const second = unpack(new Uint8Array(fs.readFileSync(path.join(dataDir, "akte-2.zip"))));
    expectManifestHolds(second.files, second.manifest);
    expect(second.manifest.deleted).toEqual([expect.objectContaining({ sha256: gone.sha256, sizeBytes: gone.size })]);
    expect(second.manifest.deleted[0].path).toMatch(/^angebote\/[^/]+\/dateien\//);
    expect(second.manifest.files.length).toBe(manifest.files.length - 1);

    // After retention (decision 0036): the files of bids without award are listed as deleted
    // with the day they went, their contents as re-sealed without texts, and the rest still holds.
    const retention = await portalCli("retention", "--now", "2099-01-01T00:00:00Z");
    expect(retention.code, retention.stderr).toBe(0);
    const third = await portalCli("export", "dresden-2017", path.join(dataDir, "akte-3.zip"), "--officer", OFFICER);
    expect(third.code, third.stderr).toBe(0);
    const after = unpack(new Uint8Array(fs.readFileSync(path.join(dataDir, "akte-3.zip"))));
    expectManifestHolds(after.files, after.manifest);
    const deletedByRetention = after.manifest.deleted.filter((d) => d.deletedAt !== null);
    expect(deletedByRetention.some((d) => /^angebote\/[^/]+\/dateien\//.test(d.path))).toBe(true);
    const contentsGone = deletedByRetention.filter((d) => /^angebote\/[^/]+\/inhalt-original\.json$/.test(d.path));
    expect(contentsGone.length).toBeGreaterThan(0);
    for (const d of contentsGone) expect(Object.keys(after.files)).toContain(d.path.replace("inhalt-original.json", "inhalt.json")); // what is left of it is kept
    expect(after.manifest.deleted.map((d) => d.path).filter((p) => after.manifest.files.some((f) => f.path === p))).toEqual([]);
    expect(after.files["bewertung/vergabevermerk.pdf"]).toBeDefined();
  }, 360_000);

  it("refuses an export without the officer who makes it, and for a call that does not exist", async () => {
    const without = await portalCli("export", "dresden-2017", path.join(dataDir, "x.zip"));
    expect(without.code).toBe(2);
    expect(without.stderr).toContain("--officer");
    const unknown = await portalCli("export", "gibt-es-nicht", path.join(dataDir, "y.zip"), "--officer", OFFICER);
    expect(unknown.code).toBe(2);
    expect(fs.existsSync(path.join(dataDir, "y.zip"))).toBe(false);
  }, 120_000);
});

describe("the case file before the opening", () => {
  it("contains nothing of a bid, not even who submitted, says that the call is sealed, and changes no document's state", async () => {
    const now = new Date("2026-12-06T10:00:00Z");
    const t = await tempDemoDatabase(now);
    cleanups.push(t.cleanup);
    const bid = await submitStoredBid({ db: t.db, dataDir: t.dir, name: "Geheimhaltung", now });
    // A question in the asker's own words, naming itself: not what the archive keeps of it.
    await askQuestion({ actor: { userId: bid.actor.userId, organisationId: bid.actor.organisationId }, callSlug: "dresden-2017-demo", body: "Wir vom Geheimhaltung e. V. fragen: gilt Los 2 auch nachts?", now, db: t.db });
    const officer = (await first(t.db.select({ id: users.id }).from(users).where(eq(users.email, OFFICER))))!;
    const options = { locale: "de" as const, cityName: "Landeshauptstadt Dresden", baseUrl: "https://portal.example" };
    const callId = (await first(t.db.select({ id: calls.id }).from(calls).where(eq(calls.slug, "dresden-2017-demo"))))!.id;
    const keyBefore = await caseFileStateKey(t.db, callId, options);
    const file = await exportCaseFile({ officerUserId: officer.id, callSlug: "dresden-2017-demo", ...options, now, db: t.db });
    const chunks: Uint8Array[] = [];
    for await (const chunk of file.bytes) chunks.push(chunk);
    // An export is a read: the archive (and the Vergabevermerk) of this state need not be made again.
    expect(await caseFileStateKey(t.db, callId, options)).toBe(keyBefore);
    const { files, manifest } = unpack(new Uint8Array(Buffer.concat(chunks)));
    expectManifestHolds(files, manifest);
    expect(manifest.sealed).toBe(true);
    expect(Object.keys(files).filter((p) => /^(angebote|oeffnung|bewertung|schreiben|vertraege)\//.test(p))).toEqual([]);
    const everything = Object.values(files).map((bytes) => Buffer.from(bytes).toString("latin1") + new TextDecoder().decode(bytes)).join("\n");
    for (const secret of ["Geheimhaltung", bid.receiptNumber, bid.applicationId, bid.submissionId, bid.actor.organisationId, "Text von Geheimhaltung"]) {
      expect(everything, secret).not.toContain(secret);
    }
    expect(new TextDecoder().decode(files["README.txt"])).toContain("vor der Öffnung mit vier Augen");
    // The submission is in the trail as an action and a time, without who or what, and without
    // the entry's hash: it covers the hidden details, which an officer could otherwise guess
    // organisation by organisation and test against it.
    const trail = new TextDecoder().decode(files["protokoll/verfahrensprotokoll.csv"]).trim().split("\r\n");
    const aboutBid = trail.filter((line) => /application\.(started|submitted)/.test(line));
    expect(aboutBid.length).toBeGreaterThan(0);
    const bidHashes = (await t.db.select({ hash: auditEntries.hash }).from(auditEntries).where(inArray(auditEntries.objectId, [bid.applicationId, bid.submissionId]))).map((r) => r.hash);
    expect(bidHashes.length).toBeGreaterThan(0);
    for (const hash of bidHashes) expect(everything).not.toContain(hash);
  }, 120_000);
});

describe("the case file for officers through HTTP", () => {
  let server: PortalProcess;
  beforeAll(async () => {
    // The server runs on a database of the run's dialect: its environment says which.
    const t = await tempDatabase();
    cleanups.push(t.cleanup);
    const { dir, cleanup } = tempDir("portal-case-file-http-");
    cleanups.push(cleanup);
    const setup = await portal(t.env, "setup", "--demo");
    expect(setup.code, setup.stderr).toBe(0);
    server = await startPortal({ root: privateRoot(dir), dataDir: t.dir, env: t.env });
    cleanups.unshift(() => void server.stop());
  }, 180_000);
  afterAll(() => server?.stop());

  it("starts a job, shows how far it is on a page that works without JavaScript, then serves the stored ZIP", async () => {
    // Staff prove a second factor at every sign-in (decision 0034): the officer enrols TOTP at the first.
    const cookie = await signInByRequests(server.url, { email: OFFICER, password: "demo-vergabe-a-2017" });
    const get = (p: string) => fetch(`${server.url}${p}`, { headers: { Cookie: cookie }, redirect: "manual" });

    const page = await get("/verwaltung/aufrufe/dresden-2017/vergabeakte");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Vergabeakte erstellen");

    const first = await get("/verwaltung/aufrufe/dresden-2017/vergabeakte.zip");
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/verwaltung/aufrufe/dresden-2017/vergabeakte");

    // The job runs in the server; the page says "wird erstellt" with a reload link until it is done.
    let text = "";
    for (let attempt = 0; attempt < 10_000; attempt++) {
      text = await (await get("/verwaltung/aufrufe/dresden-2017/vergabeakte")).text();
      if (!text.includes("wird erstellt")) break;
      expect(text).toContain("Seite neu laden");
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(text, server.output()).toContain("Die Vergabeakte ist fertig");

    const zip = await get("/verwaltung/aufrufe/dresden-2017/vergabeakte.zip");
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(zip.headers.get("content-disposition")).toBe('attachment; filename="vergabeakte-dresden-2017.zip"');
    const { files, manifest } = unpack(new Uint8Array(await zip.arrayBuffer()));
    expectManifestHolds(files, manifest);
    expect(manifest.exportedBy).toBe("Anna Vergabe (Demo, fiktiv)");

    const anonymous = await fetch(`${server.url}/verwaltung/aufrufe/dresden-2017/vergabeakte.zip`, { redirect: "manual" });
    expect(anonymous.status).not.toBe(200);
  }, 300_000);
});
