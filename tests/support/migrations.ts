// Migration tests against a real SQLite file: a copy of the migrations up to one index, and
// rows written with only the columns under test filled in.
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";

const MIGRATIONS = path.resolve(__dirname, "../../drizzle");

/** A copy of the migrations in `dir`/drizzle that ends with migration `last` (its idx). */
export function migrationsUntil(dir: string, last: number): string {
  const target = path.join(dir, "drizzle");
  fs.mkdirSync(path.join(target, "meta"), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= last);
  fs.writeFileSync(path.join(target, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries as { tag: string }[]) fs.copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(target, `${e.tag}.sql`));
  return target;
}

/** A row with every required column filled: its own values, and a stand-in for the rest. */
export function insertRow(sqlite: Database.Database, table: string, values: Record<string, unknown>) {
  const columns = sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: unknown }[];
  const row: Record<string, unknown> = {};
  for (const c of columns) if (c.notnull && c.dflt_value === null) row[c.name] = c.type === "integer" ? 0 : "x";
  Object.assign(row, values);
  const names = Object.keys(row);
  sqlite.prepare(`INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`).run(...names.map((n) => row[n] as string | number | null));
}
