// Two e2e files run at a time (vitest.config.ts), but only one of those that use what the
// global setup shares: its server and DATA_DIR (start page lists, rate limits by address),
// its mail directory and its clock. Such a file holds the shared server's lock from its
// first hook to its last; files that start their own servers (own-server-files.ts) do not
// wait for it. Loaded as a setup file of the e2e project: its hooks wrap each file's.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { usesOwnServers } from "./own-server-files";

// Waiting is no failure: the file that holds the lock has timeouts of its own.
const WAIT_LIMIT_MS = 30 * 60_000;
let held = false;

beforeAll(async (suite) => {
  if ("filepath" in suite && usesOwnServers(suite.filepath)) return;
  await acquire(inject("sharedServerLock"));
  held = true;
}, WAIT_LIMIT_MS);

afterAll(() => {
  if (held) fs.rmSync(inject("sharedServerLock"), { recursive: true, force: true });
  held = false;
});

/**
 * Renames a directory holding this process's pid to `lock`, which is atomic and fails while
 * another holds it; takes the lock over when its holder died.
 */
async function acquire(lock: string): Promise<void> {
  const mine = `${lock}.${process.pid}`;
  fs.mkdirSync(mine, { recursive: true });
  fs.writeFileSync(path.join(mine, "pid"), String(process.pid));
  for (;;) {
    try {
      fs.renameSync(mine, lock);
      return;
    } catch (error) {
      if (!["EEXIST", "ENOTEMPTY"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
    }
    if (holderDied(lock)) fs.rmSync(lock, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function holderDied(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lock, "pid"), "utf8"));
  } catch {
    return false; // released just now: the next rename takes it
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
