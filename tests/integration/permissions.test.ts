// Everything under DATA_DIR (and a backup of it) is readable by the portal's user only,
// whatever the umask the portal is started with (G16): the CLI runs under `umask 000`, the
// loosest there is, and every file must come out 0600 and every directory 0700.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sessionSecret } from "../../app/identity/sessions.server";
import { closeDatabase, openDatabase } from "../../app/infra/db.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { resetMailTransportForTests, sendMail } from "../../app/infra/mail.server";
import { tightenDataDir } from "../../app/infra/private-files.server";
import { tempDir } from "../support/temp-db";

const ROOT = path.resolve(".");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

const dirs: (() => void)[] = [];
function scratch(): string {
  const { dir, cleanup } = tempDir("portal-permissions-");
  dirs.push(cleanup);
  return dir;
}
afterAll(() => dirs.forEach((cleanup) => cleanup()));

/** `npm run portal -- <args>` under `umask 000`, in production as operators run it. */
function portalUnderUmask000(dataDir: string, ...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "production" };
  for (const name of ["PUBLIC_URL", "SMTP_URL", "PORTAL_MASTER_KEY", "PORTAL_TEST_CLOCK_FILE"]) delete env[name];
  return new Promise((resolve, reject) =>
    execFile("/bin/sh", ["-c", 'umask 000 && exec "$0" "$@"', TSX, "scripts/portal.ts", ...args], { cwd: ROOT, env, timeout: 240_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${args.join(" ")}: ${error.message}\n${stdout}\n${stderr}`)) : resolve(String(stdout)),
    ),
  );
}

/** Every path below `root` (itself included) with its permission bits, "0644"-style. */
function modesBelow(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (p: string) => {
    const stat = fs.lstatSync(p);
    out[path.relative(root, p) || "."] = (stat.mode & 0o777).toString(8).padStart(4, "0");
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(root);
  return out;
}

/** The paths whose mode is not 0600 (files) or 0700 (directories). */
function notPrivate(root: string): string[] {
  return Object.entries(modesBelow(root))
    .filter(([rel, mode]) => mode !== (fs.statSync(path.join(root, rel)).isDirectory() ? "0700" : "0600"))
    .map(([rel, mode]) => `${rel} ${mode}`);
}

describe("permissions under DATA_DIR", { timeout: 300_000 }, () => {
  it("creates the database, the master key, stored files, a backup and its restore for the portal's user only, under umask 000", async () => {
    const base = scratch();
    const dataDir = path.join(base, "data");
    await portalUnderUmask000(dataDir, "setup", "--demo");
    // The demo stores files and generates the master key: both are there.
    const modes = modesBelow(dataDir);
    for (const made of ["portal.sqlite", "keys/master.key", "files"]) expect(modes[made], made).toBeDefined();
    expect(Object.keys(modes).filter((p) => p.startsWith("files/")).length).toBeGreaterThan(10);
    expect(notPrivate(dataDir)).toEqual([]);

    const backupDir = path.join(base, "backup");
    await portalUnderUmask000(dataDir, "backup", backupDir);
    expect(fs.existsSync(path.join(backupDir, "manifest.json"))).toBe(true);
    expect(notPrivate(backupDir)).toEqual([]);

    const restored = path.join(base, "restored");
    await portalUnderUmask000(restored, "restore", backupDir);
    expect(fs.existsSync(path.join(restored, "portal.sqlite"))).toBe(true);
    expect(notPrivate(restored)).toEqual([]);
  });

  it("writes outbox mails and the generated session secret 0600 into directories it creates 0700, under umask 000", async () => {
    const dataDir = path.join(scratch(), "data");
    const saved = { DATA_DIR: process.env.DATA_DIR, SMTP_URL: process.env.SMTP_URL, SESSION_SECRET: process.env.SESSION_SECRET };
    const previous = process.umask(0o000);
    try {
      process.env.DATA_DIR = dataDir;
      delete process.env.SMTP_URL;
      delete process.env.SESSION_SECRET;
      resetEnvForTests();
      resetMailTransportForTests();
      expect(sessionSecret()).toMatch(/^[0-9a-f]{64}$/);
      const sent = await sendMail({ to: "traeger@example.org", subject: "Eingangsbestätigung", text: "Guten Tag", html: "<p>Guten Tag</p>" });
      expect(sent.delivery).toBe("outbox");
      expect(Object.keys(modesBelow(dataDir)).filter((p) => p.startsWith("outbox/"))).toHaveLength(2); // .eml and .json
      expect(notPrivate(dataDir)).toEqual([]);
    } finally {
      process.umask(previous);
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      resetEnvForTests();
      resetMailTransportForTests();
    }
  });

  it("gives the database's -wal and -shm files the database file's 0600 under umask 000", () => {
    const dir = scratch();
    const previous = process.umask(0o000);
    try {
      const db = openDatabase(path.join(dir, "sub", "portal.sqlite"));
      try {
        // Open, migrated and written: the WAL and the shared-memory file exist now.
        expect(fs.existsSync(path.join(dir, "sub", "portal.sqlite-wal"))).toBe(true);
        expect(fs.existsSync(path.join(dir, "sub", "portal.sqlite-shm"))).toBe(true);
        expect(notPrivate(path.join(dir, "sub"))).toEqual([]);
      } finally {
        closeDatabase(db);
      }
    } finally {
      process.umask(previous);
    }
  });

  it("narrows at start what an older version left readable to others, keeps read-only files read-only and leaves symbolic links alone", () => {
    const dir = scratch();
    const dataDir = path.join(dir, "data");
    const outside = path.join(dir, "outside.txt");
    fs.mkdirSync(path.join(dataDir, "files", "ab"), { recursive: true, mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, "portal.sqlite"), "", { mode: 0o644 });
    fs.writeFileSync(path.join(dataDir, "portal.sqlite-wal"), "", { mode: 0o666 });
    fs.writeFileSync(path.join(dataDir, "files", "ab", "abcdef"), "x", { mode: 0o644 });
    fs.writeFileSync(path.join(dataDir, "session-secret"), "s", { mode: 0o600 });
    fs.writeFileSync(path.join(dataDir, "read-only"), "r", { mode: 0o444 });
    fs.writeFileSync(outside, "o", { mode: 0o644 });
    fs.chmodSync(outside, 0o644);
    fs.symlinkSync(outside, path.join(dataDir, "link"));

    const changed = tightenDataDir(dataDir);
    expect(changed.sort()).toEqual([".", "files", "files/ab", "files/ab/abcdef", "portal.sqlite", "portal.sqlite-wal", "read-only"]);
    expect(modesBelow(dataDir)).toMatchObject({
      ".": "0700",
      files: "0700",
      "files/ab": "0700",
      "files/ab/abcdef": "0600",
      "portal.sqlite": "0600",
      "portal.sqlite-wal": "0600",
      "session-secret": "0600",
      "read-only": "0400",
    });
    expect((fs.statSync(outside).mode & 0o777).toString(8)).toBe("644");
    // A second start finds nothing to change.
    expect(tightenDataDir(dataDir)).toEqual([]);
  });
});
