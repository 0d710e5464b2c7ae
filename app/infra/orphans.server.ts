// Nothing is lost (docs/architecture.md, Nothing is lost): at start, report files on disk without a row (an upload
// whose transaction never committed) and rows whose file is missing (damage to the
// store). Stale temp files of interrupted uploads are removed; nothing else is touched. On a
// DATA_DIR several instances share, a file without a row may also be an upload another instance
// is committing right now: the report is a warning, never a reason to delete.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "./db.server";
import { storedFiles } from "./schema";

export type OrphanReport = { filesWithoutRows: string[]; rowsWithoutFiles: string[]; removedTempFiles: number };

/**
 * A temp file another instance may still be writing: on a DATA_DIR that several instances share
 * (PostgreSQL, docs/scaling.md), one starting must not remove an upload another is receiving.
 * Node ends a request after 5 minutes (http's requestTimeout), so a temp file untouched for
 * longer than this belongs to no upload in progress.
 */
export const SHARED_TEMP_FILE_GRACE_MS = 15 * 60_000;

/**
 * `keepTempFilesNewerThanMs`: temp files modified within that many milliseconds are left alone
 * (another instance on the same DATA_DIR may be writing them); 0, the default, removes every
 * temp file, as a single process on its own DATA_DIR may.
 */
export async function findOrphans(database: Db, filesDir: string, opts: { keepTempFilesNewerThanMs?: number } = {}): Promise<OrphanReport> {
  const report: OrphanReport = { filesWithoutRows: [], rowsWithoutFiles: [], removedTempFiles: 0 };
  const onDisk = new Set<string>();
  const keepAfter = Date.now() - (opts.keepTempFilesNewerThanMs ?? 0);
  if (fs.existsSync(filesDir)) {
    for (const sub of fs.readdirSync(filesDir)) {
      const dir = path.join(filesDir, sub);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const name of fs.readdirSync(dir)) {
        if (name.startsWith(".") && name.endsWith(".part")) {
          const file = path.join(dir, name);
          if (opts.keepTempFilesNewerThanMs) {
            const modified = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
            if (modified === undefined || modified > keepAfter) continue;
          }
          fs.rmSync(file, { force: true });
          report.removedTempFiles++;
        } else onDisk.add(name);
      }
    }
  }
  const all = await database.select({ key: storedFiles.storageKey, deletedAt: storedFiles.deletedAt }).from(storedFiles).where(eq(storedFiles.backend, "local"));
  // A row retention deleted (decision 0036) is meant to have no file; bytes still there (a
  // crash before their removal) show as a file without a row until the next retention run.
  const rows = all.filter((r) => !r.deletedAt).map((r) => r.key);
  const known = new Set(rows);
  report.rowsWithoutFiles = rows.filter((key) => !onDisk.has(key));
  report.filesWithoutRows = [...onDisk].filter((key) => !known.has(key));
  return report;
}
