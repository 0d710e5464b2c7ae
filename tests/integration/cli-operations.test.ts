// The operators' commands audit:verify, backup and restore as real processes against a
// temporary DATA_DIR (see cli.test.ts for the other commands).
import { execFile } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/temp-db";

const ROOT = path.resolve(".");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

type Run = { code: number; stdout: string; stderr: string };

function portal(dataDir: string, ...args: string[]): Promise<Run> {
  return portalWith({}, dataDir, ...args);
}

/** `extra` overrides the environment of the child (NODE_ENV: the retention test clock is test-only). */
function portalWith(extra: Record<string, string>, dataDir: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ...extra };
    delete env.SMTP_URL;
    execFile(TSX, ["scripts/portal.ts", ...args], { cwd: ROOT, env, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const dirs: (() => void)[] = [];
function dataDir(): string {
  const { dir, cleanup } = tempDir("portal-cli-ops-");
  dirs.push(cleanup);
  return dir;
}
afterAll(() => dirs.forEach((cleanup) => cleanup()));

describe("audit:verify, backup and restore on the command line", () => {
  it("verifies the demo, backs it up and restores it; a row edited in the SQLite file fails audit:verify with exit 1 naming it", async () => {
    const live = dataDir();
    expect((await portal(live, "setup", "--demo")).code).toBe(0);

    const intact = await portal(live, "audit:verify");
    expect(intact).toMatchObject({ code: 0, stderr: "" });
    expect(intact.stdout).toContain("OK: the audit trail, its witnesses and the stored files are intact.");

    const target = path.join(dataDir(), "sicherung");
    const saved = await portal(live, "backup", target);
    expect(saved).toMatchObject({ code: 0, stderr: "" });
    expect(saved.stdout).toContain(`Backup written to ${target}`);

    const fresh = path.join(dataDir(), "neu");
    const restored = await portal(fresh, "restore", target);
    expect(restored).toMatchObject({ code: 0, stderr: "" });
    expect((await portal(fresh, "audit:verify")).code).toBe(0);
    const again = await portal(fresh, "restore", target);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not empty: restore into a fresh DATA_DIR, or pass --force/);

    // An attacker with the file: drop the trigger, then rewrite entry 2.
    const raw = new Database(path.join(live, "portal.sqlite"));
    raw.exec("DROP TRIGGER audit_entries_no_update");
    raw.prepare("UPDATE audit_entries SET action = 'call.forged' WHERE seq = 2").run();
    raw.close();
    const broken = await portal(live, "audit:verify");
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("BROKEN at entry seq 2");
    expect(broken.stdout).toContain("FAILED");
  }, 300_000);
});

describe("retention on the command line", () => {
  it("lists in a dry run what the decided demo call lets go, deletes exactly that, passes audit:verify after, and does nothing the second time", async () => {
    const live = dataDir();
    expect((await portal(live, "setup", "--demo")).code).toBe(0);
    // Long after every retention date of the historic call (awarded 2017).
    const later = "2099-01-01T00:00:00Z";
    const counts = () => {
      const db = new Database(path.join(live, "portal.sqlite"), { readonly: true });
      try {
        return db
          .prepare(
            `SELECT (SELECT count(*) FROM audit_entries) AS entries, (SELECT count(*) FROM stored_files WHERE deleted_at IS NOT NULL) AS deletedFiles,
                    (SELECT count(*) FROM staff_report_posts WHERE person_name <> '') AS namedPosts, (SELECT count(*) FROM retention_deletions) AS deletions,
                    (SELECT count(*) FROM staff_report_posts p JOIN stored_files f ON f.id = p.proof_file_id WHERE f.deleted_at IS NULL) AS keptProofs`,
          )
          .get() as { entries: number; deletedFiles: number; namedPosts: number; deletions: number; keptProofs: number };
      } finally {
        db.close();
      }
    };
    const before = counts();
    expect(before.namedPosts).toBeGreaterThan(0);
    expect(before.keptProofs).toBeGreaterThan(0);

    const testClock = { NODE_ENV: "test" };
    const dry = await portalWith(testClock, live, "retention", "--dry-run", "--now", later);
    expect(dry).toMatchObject({ code: 0, stderr: "" });
    expect(dry.stdout).toContain("nothing is changed");
    expect(dry.stdout).toMatch(/Call dresden-2017 \(kept until \d{4}-/);
    expect(counts()).toEqual(before);

    const run = await portalWith(testClock, live, "retention", "--now", later);
    // Its only line on stderr: the demo's generated master key (sealing), which re-sealing the redacted bids loads.
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.stdout).toMatch(/dresden-2017: \d+ file\(s\)/);
    const after = counts();
    expect(after.namedPosts).toBe(0);
    // The degree proofs name their holders: they go with the names.
    expect(after.keptProofs).toBe(0);
    expect(after.deletions).toBeGreaterThan(0);
    // Every file the dry run listed for the historic call (bids, degree proofs, case files) is one the run deleted.
    const listed =
      [...dry.stdout.matchAll(/^  bid not awarded: .*?, (\d+) file\(s\)/gm)].reduce((n, m) => n + Number(m[1]), 0) +
      [...dry.stdout.matchAll(/^  (\d+) degree proof\(s\) of staff reports, (\d+) stored case file\(s\)/gm)].reduce((n, m) => n + Number(m[1]) + Number(m[2]), 0);
    expect(after.deletedFiles).toBe(listed);

    const verified = await portal(live, "audit:verify");
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain("OK: the audit trail, its witnesses and the stored files are intact.");

    const again = await portalWith(testClock, live, "retention", "--now", later);
    expect(again.stdout).toContain("no call has reached its retention date");
    expect(counts()).toMatchObject({ deletedFiles: after.deletedFiles, deletions: after.deletions });
  }, 240_000);

  it("refuses a retention run at a given time outside the test clock, changing nothing", async () => {
    const live = dataDir();
    expect((await portal(live, "setup", "--demo")).code).toBe(0);
    const refused = await portalWith({ NODE_ENV: "production" }, live, "retention", "--now", "2099-01-01T00:00:00Z");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--now is only accepted with NODE_ENV=test");
    const db = new Database(path.join(live, "portal.sqlite"), { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM retention_runs").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  }, 240_000);
});
