// Nothing is lost (docs/architecture.md, Nothing is lost): at start, report files on disk without a row (an upload
// whose transaction never committed) and rows whose file is missing (damage to the
// store). Stale temp files of interrupted uploads are removed; nothing else is touched.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "./db.server";
import { storedFiles } from "./schema";

export type OrphanReport = { filesWithoutRows: string[]; rowsWithoutFiles: string[]; removedTempFiles: number };

export async function findOrphans(database: Db, filesDir: string): Promise<OrphanReport> {
  const report: OrphanReport = { filesWithoutRows: [], rowsWithoutFiles: [], removedTempFiles: 0 };
  const onDisk = new Set<string>();
  if (fs.existsSync(filesDir)) {
    for (const sub of fs.readdirSync(filesDir)) {
      const dir = path.join(filesDir, sub);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const name of fs.readdirSync(dir)) {
        if (name.startsWith(".") && name.endsWith(".part")) {
          fs.rmSync(path.join(dir, name), { force: true });
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
