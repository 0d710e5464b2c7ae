// /healthz (docs/architecture.md, Entry points and operations; docs/operations.md): is the database answering, can DATA_DIR take a write?
// The answer names the checks and their outcome only: no paths, versions or error texts
// (those go to the server log), so it may be public for a load balancer or monitor.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "./db.server";

export type CheckOutcome = "ok" | "fail";
export type Health = { status: CheckOutcome; checks: { database: CheckOutcome; disk: CheckOutcome } };

async function databaseCheck(database: () => Db): Promise<CheckOutcome> {
  try {
    // A real query through the app's own connection, not just "the handle exists".
    const [row] = await rowsOf<{ n: number | string }>(database(), sql`SELECT count(*) AS n FROM audit_entries`);
    // A count comes back as a number (SQLite) or as a bigint's digits (PostgreSQL).
    return row !== undefined && Number.isFinite(Number(row.n)) ? "ok" : "fail";
  } catch (error) {
    console.warn(`[healthz] database check failed: ${(error as Error).message}`);
    return "fail";
  }
}

function diskCheck(dataDir: string): CheckOutcome {
  // Written, fsynced and removed, as an upload or a commit would need it.
  const probe = path.join(dataDir, `.healthz-${randomBytes(6).toString("hex")}`);
  try {
    const fd = fs.openSync(probe, "wx", 0o600);
    try {
      fs.writeSync(fd, "ok");
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.rmSync(probe);
    return "ok";
  } catch (error) {
    console.warn(`[healthz] disk check failed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    try {
      fs.rmSync(probe, { force: true });
    } catch {
      // nothing was created
    }
    return "fail";
  }
}

export async function checkHealth(opts: { db: () => Db; dataDir: string }): Promise<Health> {
  const checks = { database: await databaseCheck(opts.db), disk: diskCheck(opts.dataDir) };
  return { status: checks.database === "ok" && checks.disk === "ok" ? "ok" : "fail", checks };
}
