// The operators' CLI (scripts/portal.ts) as a real process against a temporary DATA_DIR.
// Spawns cost about half a second each, so the file keeps them few and runs the
// independent chains concurrently, each in its own directory.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase } from "../../app/infra/db.server";
import { listAllCalls } from "../../app/procurement/calls.server";
import { users } from "../../app/infra/schema";
import { DRESDEN_FILE, dresdenJson } from "../support/dresden";
import { tempDir } from "../support/temp-db";

const ROOT = path.resolve(".");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

type Run = { code: number; stdout: string; stderr: string };

function portal(dataDir: string, ...args: string[]): Promise<Run> {
  return portalWith({}, dataDir, ...args);
}

function portalWith(extraEnv: Record<string, string>, dataDir: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ["scripts/portal.ts", ...args],
      { cwd: ROOT, env: { ...process.env, ...extraEnv, DATA_DIR: dataDir }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

const dirs: (() => void)[] = [];
function dataDir(): string {
  const { dir, cleanup } = tempDir("portal-cli-");
  dirs.push(cleanup);
  return dir;
}
afterAll(() => dirs.forEach((cleanup) => cleanup()));

async function withDb<T>(dir: string, fn: (db: ReturnType<typeof openDatabase>) => Promise<T> | T): Promise<T> {
  const db = openDatabase(path.join(dir, "portal.sqlite"));
  try {
    return await fn(db);
  } finally {
    closeDatabase(db);
  }
}

/** An ISO instant as the definition schema accepts it (no milliseconds). */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

// Each test spawns the CLI (tsx); on a loaded two-core machine a start can take many seconds.
describe.concurrent("scripts/portal.ts", { timeout: 240_000 }, () => {
  it("refuses a broken definition with exit code 2, the path „criteria“ and the sum, and imports nothing", async () => {
    const dir = dataDir();
    const broken = dresdenJson();
    // Steuerung scores Regionalkoordination only: 25 + 20 + 20 + 15 + 15 + 10 = 105 for that role.
    broken.criteria.find((c: { code: string }) => c.code === "steuerung")!.weight = 20;
    const file = path.join(dir, "broken.json");
    fs.writeFileSync(file, JSON.stringify(broken));

    const run = await portal(dir, "call:import", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("(1 Fehler)");
    expect(run.stderr).toContain("criteria: Die Gewichte der Kriterien der Rolle „Regionalkoordination“ müssen zusammen 100 % ergeben, sie ergeben 105 %");
    expect(run.stdout).not.toContain("created");
    expect(await withDb(dir, (db) => listAllCalls(db))).toEqual([]);
  });

  it("validates, imports and publishes a call; refuses to publish one whose question deadline has passed", async () => {
    const dir = dataDir();

    const validate = await portal(dir, "call:validate", "app/calls/dresden-2017.json");
    expect(validate).toMatchObject({ code: 0, stderr: "" });
    expect(validate.stdout).toContain("valid (dresden-2017, 4 regions, 4 roles)");

    const imported = await portal(dir, "call:import", path.relative(ROOT, DRESDEN_FILE));
    expect(imported).toMatchObject({ code: 0, stderr: "" });
    expect(imported.stdout).toContain("Call dresden-2017: created (draft)");

    // The historic call's question deadline (15 Feb 2017) lies in the past: publishing it
    // today is refused by publishCall, cleanly, with exit code 2.
    const late = await portal(dir, "call:publish", "dresden-2017");
    expect(late.code).toBe(2);
    expect(late.stderr).toContain("Die Veröffentlichung muss vor der Frist für Fragen liegen");

    // The same call with its dates a year ahead replaces the draft and can be published.
    const future = dresdenJson();
    const shift = Date.now() + 365 * 86_400_000 - Date.parse(future.dates.published);
    future.dates = Object.fromEntries(
      Object.entries(future.dates as Record<string, string>).map(([k, v]) => [k, iso(Date.parse(v) + shift)]),
    );
    const file = path.join(dir, "dresden-future.json");
    fs.writeFileSync(file, JSON.stringify(future));
    const updated = await portal(dir, "call:import", file);
    expect(updated).toMatchObject({ code: 0, stderr: "" });
    expect(updated.stdout).toContain("Call dresden-2017: updated (draft)");

    const published = await portal(dir, "call:publish", "dresden-2017");
    expect(published).toMatchObject({ code: 0, stderr: "" });
    expect(published.stdout).toContain("Call dresden-2017: published");

    const calls = await withDb(dir, (db) => listAllCalls(db));
    expect(calls.map((c) => [c.slug, c.status])).toEqual([["dresden-2017", "published"]]);
  });

  it("creates a staff user once; the second time fails with a clear message", async () => {
    const dir = dataDir();
    const args = ["user:create", "--email", "x@example.org", "--name", "X", "--role", "officer", "--password", "lang-genug-12345"];

    const first = await portal(dir, ...args);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toContain("User x@example.org (officer) created.");
    expect(first.stdout).not.toContain("Password (shown once)");

    const second = await portal(dir, ...args);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain("Es gibt schon ein Konto für x@example.org.");

    const rows = await withDb(dir, async (db) => db.select().from(users));
    expect(rows.map((u) => [u.email, u.role])).toEqual([["x@example.org", "officer"]]);
    expect(rows[0].passwordHash.startsWith("$argon2id$")).toBe(true);
  });

  it("refuses to run with PORTAL_TEST_CLOCK_FILE set outside a test start, and touches nothing", async () => {
    const dir = dataDir();
    const run = await portalWith({ NODE_ENV: "production", PORTAL_TEST_CLOCK_FILE: path.join(dir, "clock") }, dir, "setup");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("PORTAL_TEST_CLOCK_FILE is set, but this is not a test start (NODE_ENV=production)");
    expect(fs.existsSync(path.join(dir, "portal.sqlite"))).toBe(false);
  });

  it("refuses to load the demo on an https deployment", async () => {
    const run = await portalWith({ PUBLIC_URL: "https://portal.dresden.example" }, dataDir(), "setup", "--demo");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("refuses to load the demo on an https deployment");
    expect(run.stdout).not.toContain("Demo loaded");
  });

  it("refuses a too-short password naming --password", async () => {
    const dir = dataDir();
    const run = await portal(dir, "user:create", "--email", "y@example.org", "--name", "Y", "--role", "evaluator", "--password", "kurz-11char");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--password: Das Passwort braucht mindestens 12 Zeichen");
    expect(run.stdout).not.toContain("created");
  });

  it("refuses one of the most common passwords for a staff account, as for carriers", async () => {
    const run = await portal(dataDir(), "user:create", "--email", "z@example.org", "--name", "Z", "--role", "officer", "--password", "qwerty123456");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--password: Das Passwort gehört zu den häufigsten Passwörtern");
    expect(run.stdout).not.toContain("created");
  });

  it("exits with code 2 on an unknown command and shows the usage", async () => {
    const run = await portal(dataDir(), "call:frobnicate");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Error: unknown command "call:frobnicate"');
    expect(run.stderr).toContain("Usage: npm run portal -- <command> [options]");
  });
});
