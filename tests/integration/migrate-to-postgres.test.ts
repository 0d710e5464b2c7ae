// `migrate-to-postgres` (issue 17, point 4): the demo on SQLite, decided as `setup --demo`
// leaves it (scores, awards, contracts, staff reports, stored files), copied into a database of a
// throwaway PostgreSQL cluster. Both sides then give the same row counts, the same audit head,
// the same score aggregates and the same public pages' data; a non-empty target is refused, and
// a copy that differs is rolled back, leaving the target empty.
//
// The source must be SQLite, which is what the "unit" project runs on; the "pg" project runs every
// database on its cluster, so this file starts a cluster of its own (startPostgres, about two
// seconds) and is skipped there (it would only repeat the same copy). The demo is loaded with
// decideHistoric, not through tests/support/demo-db.ts: that demo has no scores, and the score
// aggregates the triggers recompute are one of the things to compare.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCallResult } from "../../app/award/result.server";
import { loadDemo } from "../../app/demo/demo.server";
import { lotResults } from "../../app/evaluation/assessment.server";
import { createStaffUser } from "../../app/identity/users.server";
import { verifyAuditTrail } from "../../app/infra/audit-verify.server";
import { closeDatabaseAndWait, first, openPostgres, rowsOf, type Db } from "../../app/infra/db.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { migrateToPostgres, MigrationRefused, tablesInForeignKeyOrder } from "../../app/infra/migrate-to-postgres.server";
import { calls } from "../../app/infra/schema";
import { resetMasterKeyForTests } from "../../app/infra/sealing.server";
import { localStorage } from "../../app/infra/storage.server";
import { loadCallView } from "../../app/procurement/calls.server";
import { startPostgres, type PostgresCluster, type PostgresDatabase } from "../support/postgres";
import { tempDatabase, tempDir, testDialect, type TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const ROOT = path.resolve(".");
const TABLES = tablesInForeignKeyOrder().map((t) => t.name);

let cluster: PostgresCluster;
let t: TempDb;
let target: PostgresDatabase;
let copy: Db;
const saved = { DATA_DIR: process.env.DATA_DIR, PORTAL_MASTER_KEY: process.env.PORTAL_MASTER_KEY };
const cleanups: (() => void)[] = [];

const counts = async (database: Db): Promise<Record<string, number>> =>
  Object.fromEntries(await Promise.all(TABLES.map(async (name) => [name, (await rowsOf<{ n: number }>(database, sql.raw(`SELECT count(*) AS n FROM "${name}"`)))[0].n])));

describe.skipIf(testDialect() === "postgres")("migrate-to-postgres", { timeout: 180_000 }, () => {
  let report: Awaited<ReturnType<typeof migrateToPostgres>>;

  beforeAll(async () => {
    cluster = await startPostgres();
    t = await tempDatabase();
    // The CLI below runs with this DATA_DIR and key: the sealed files must open there too.
    process.env.DATA_DIR = t.dir;
    process.env.PORTAL_MASTER_KEY = randomBytes(32).toString("base64");
    resetEnvForTests();
    resetMasterKeyForTests();
    await loadDemo({ now: NOW, db: t.db, decideHistoric: true, storage: localStorage(`${t.dir}/files`) });
    target = await cluster.createDatabase("migrate");
    report = await migrateToPostgres({ from: t.file, ownerUrl: target.ownerUrl, dataDir: t.dir });
    copy = openPostgres(target.appUrl, { max: 2 });
  }, 180_000);

  afterAll(async () => {
    if (copy) await closeDatabaseAndWait(copy);
    t?.cleanup();
    cleanups.forEach((c) => c());
    cluster?.stop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
    resetMasterKeyForTests();
  });

  it("copies every table with its row count, as the application role reads it afterwards", async () => {
    expect(report.differences).toEqual([]);
    expect(report.ok).toBe(true);
    const sqlite = await counts(t.db);
    expect(await counts(copy)).toEqual(sqlite);
    expect(report.tables.map((r) => r.table).sort()).toEqual([...TABLES].sort());
    // The demo is decided: the comparison covers scores and their aggregates, not empty tables.
    expect(sqlite.scores).toBeGreaterThan(100);
    expect(sqlite.score_aggregates).toBeGreaterThan(10);
    expect(sqlite.audit_entries).toBeGreaterThan(100);
    expect(report.rows).toBe(Object.entries(sqlite).reduce((n, [name, k]) => n + (name === "score_aggregates" ? 0 : k), 0));
  });

  it("gives the same audit head on both sides, the trail byte for byte, and SQLite's rowids", async () => {
    const [before, after] = [await verifyAuditTrail({ db: t.db, dataDir: t.dir }), await verifyAuditTrail({ db: copy, dataDir: t.dir })];
    expect(before.ok).toBe(true);
    expect(after).toEqual(before);
    expect(report.source.audit.head).toBe(before.head);
    const trail = "SELECT seq, at, actor_user_id, action, object_type, object_id, details, prev_hash, hash, redacted_at FROM audit_entries ORDER BY seq";
    expect(await rowsOf(copy, sql.raw(trail))).toEqual(await rowsOf(t.db, sql.raw(trail)));
    for (const table of ["conflict_declarations", "conflict_certifications", "exclusion_ground_findings", "formal_checks", "staffing_plans"]) {
      const q = sql.raw(`SELECT id, rowid AS "rowid" FROM ${table} ORDER BY id`);
      expect(await rowsOf(copy, q), table).toEqual(await rowsOf(t.db, q));
    }
    // public_versions as SQLite had them, not as the triggers raised them during the copy.
    const versions = sql`SELECT scope, version FROM public_versions ORDER BY scope`;
    expect(await rowsOf(copy, versions)).toEqual(await rowsOf(t.db, versions));
  });

  it("recomputes the score aggregates through the triggers to the same cells as SQLite's", async () => {
    const cells = async (database: Db) =>
      (await rowsOf<{ submission_id: string; lot_id: string; criteria: string }>(database, sql`SELECT submission_id, lot_id, criteria FROM score_aggregates ORDER BY submission_id, lot_id`)).map(
        (r) => ({ ...r, criteria: (JSON.parse(r.criteria) as unknown[][]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))) }),
      );
    expect(await cells(copy)).toEqual(await cells(t.db));
  });

  it("shows the same call, results and lot ranking on both", async () => {
    for (const slug of ["dresden-2017", "dresden-2017-demo"]) {
      expect(await loadCallView(slug, { db: copy }), slug).toEqual(await loadCallView(slug, { db: t.db }));
      expect(await loadCallResult(slug, { db: copy }), slug).toEqual(await loadCallResult(slug, { db: t.db }));
    }
    const { id } = (await first(t.db.select({ id: calls.id }).from(calls).where(eq(calls.slug, "dresden-2017"))))!;
    const ranking = await lotResults({ callId: id, db: t.db });
    expect(ranking.lots.length).toBeGreaterThan(0);
    expect(await lotResults({ callId: id, db: copy })).toEqual(ranking);
  });

  it("sets the identities past the copied rows: the next audit entry follows the copied head", async () => {
    const head = report.target.audit.head;
    await createStaffUser({ email: "nach.dem.umzug@example.org", name: "Nach dem Umzug", role: "officer", password: "ein-langes-Passwort-2026", now: NOW, db: copy });
    const last = (await rowsOf<{ seq: number; prev_hash: string }>(copy, sql`SELECT seq, prev_hash FROM audit_entries ORDER BY seq DESC LIMIT 1`))[0];
    expect(last).toEqual({ seq: report.target.audit.entries + 1, prev_hash: head });
    expect((await verifyAuditTrail({ db: copy, dataDir: t.dir })).ok).toBe(true);
  });

  it("refuses a target that holds rows, naming the table, and changes nothing", async () => {
    const before = await counts(copy);
    await expect(migrateToPostgres({ from: t.file, ownerUrl: target.ownerUrl, dataDir: t.dir })).rejects.toThrow(MigrationRefused);
    await expect(migrateToPostgres({ from: t.file, ownerUrl: target.ownerUrl, dataDir: t.dir })).rejects.toThrow(/not empty: table \w+ holds \d+ row/);
    expect(await counts(copy)).toEqual(before);
  });

  it("rolls back a copy that differs from its source: the target stays empty", async () => {
    // A SQLite file whose stored aggregate disagrees with its scores (as if edited by hand).
    const { dir, cleanup } = tempDir("portal-migrate-bad-");
    cleanups.push(cleanup);
    const bad = path.join(dir, "portal.sqlite");
    fs.writeFileSync(bad, t.db.$client.serialize(), { mode: 0o600 });
    const raw = new Database(bad);
    raw.prepare("UPDATE score_aggregates SET criteria = '[]' WHERE (submission_id, lot_id) = (SELECT submission_id, lot_id FROM score_aggregates ORDER BY 1, 2 LIMIT 1)").run();
    raw.close();
    const empty = await cluster.createDatabase("migrate_bad");
    const outcome = await migrateToPostgres({ from: bad, ownerUrl: empty.ownerUrl, dataDir: t.dir });
    expect(outcome.ok).toBe(false);
    expect(outcome.differences).toEqual([expect.stringMatching(/^score_aggregates of bid /)]);
    const check = openPostgres(empty.appUrl, { max: 1 });
    try {
      expect(Object.values(await counts(check)).every((n) => n === 0)).toBe(true);
    } finally {
      await closeDatabaseAndWait(check);
    }
  });

  it("runs as `npm run portal -- migrate-to-postgres`, prints the summary and refuses backup on PostgreSQL", async () => {
    const fresh = await cluster.createDatabase("migrate_cli");
    const run = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          "npm",
          ["run", "-s", "portal", "--", ...args],
          { cwd: ROOT, env: { ...process.env, DATA_DIR: t.dir, DATABASE_URL: fresh.appUrl, DATABASE_OWNER_URL: fresh.ownerUrl }, timeout: 150_000 },
          (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) }),
        );
      });
    const moved = await run("migrate-to-postgres");
    expect(moved.stderr).not.toMatch(/Difference/);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain(`Tables: ${TABLES.length}; rows copied: ${report.rows}`);
    expect(moved.stdout).toContain(`Audit trail, SQLite:     ${report.source.audit.entries} entries, head ${report.source.audit.head}`);
    expect(moved.stdout).toContain(`Audit trail, PostgreSQL: ${report.source.audit.entries} entries, head ${report.source.audit.head}`);
    expect(moved.stdout).toMatch(/uses DATA_DIR as it is/);

    const again = await run("migrate-to-postgres");
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty: table \w+ holds \d+ row\(s\).*nothing was copied/);

    const backup = await run("backup", path.join(t.dir, "never"));
    expect(backup.code).toBe(2);
    expect(backup.stderr).toMatch(/pg_dump and pg_restore.*docs\/operations\.md/);
    expect(fs.existsSync(path.join(t.dir, "never"))).toBe(false);
  });
});
