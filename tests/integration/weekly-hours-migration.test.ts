// Migration 0015 against a real SQLite file that was at 0014: posts saved before weekly hours
// were asked get the hours of their FTE at 39 h, stored pay scales the full-time hours.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openDatabase } from "../../app/infra/db.server";
import { tempDir } from "../support/temp-db";

const MIGRATIONS = path.resolve(__dirname, "../../drizzle");
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** A copy of the migrations that ends with 0014, the last one before weekly hours. */
function migrationsUntil0014(): string {
  const target = path.join(dir, "drizzle");
  fs.mkdirSync(path.join(target, "meta"), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 14);
  fs.writeFileSync(path.join(target, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries as { tag: string }[]) fs.copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(target, `${e.tag}.sql`));
  return target;
}

/** A row with every required column filled: its own values, and a stand-in for the rest. */
function insert(sqlite: Database.Database, table: string, values: Record<string, unknown>) {
  const columns = sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: unknown }[];
  const row: Record<string, unknown> = {};
  for (const c of columns) if (c.notnull && c.dflt_value === null) row[c.name] = c.type === "integer" ? 0 : "x";
  Object.assign(row, values);
  const names = Object.keys(row);
  sqlite.prepare(`INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`).run(...names.map((n) => row[n] as string | number | null));
}

it("backfills the weekly hours of posts saved before 0015 from their FTE at 39 h, and gives stored pay scales 39 full-time hours", () => {
  const file = path.join(dir, "portal.sqlite");
  const before = new Database(file);
  migrate(drizzle(before), { migrationsFolder: migrationsUntil0014() });
  // Only the rows under test: their parents do not matter to the migration.
  before.pragma("foreign_keys = OFF");
  const scale = { name: "TVöD SuE", groups: ["S 8a", "S 12"], tariffOrEquivalentRequired: true, illustrative: true };
  insert(before, "calls", { id: "with-scale", slug: "a", pay_scale: JSON.stringify(scale) });
  insert(before, "calls", { id: "without-scale", slug: "b", pay_scale: null });
  insert(before, "offered_posts", { id: "full", fte_hundredths: 100, languages: "[]" });
  insert(before, "offered_posts", { id: "half", fte_hundredths: 50, languages: "[]" });
  insert(before, "offered_posts", { id: "quarter", fte_hundredths: 25, languages: "[]" });
  before.close();

  const db = openDatabase(file); // applies 0015
  const hours = db.$client.prepare("SELECT id, weekly_hours_hundredths AS h FROM offered_posts ORDER BY fte_hundredths DESC").all();
  expect(hours).toEqual([
    { id: "full", h: 3900 },
    { id: "half", h: 1950 },
    { id: "quarter", h: 975 },
  ]);
  const scales = db.$client.prepare("SELECT id, pay_scale AS s FROM calls ORDER BY id").all() as { id: string; s: string | null }[];
  expect(scales.map((r) => [r.id, r.s === null ? null : JSON.parse(r.s)])).toEqual([
    ["with-scale", { ...scale, fullTimeWeeklyHours: 39 }],
    ["without-scale", null],
  ]);
  db.$client.close();
});
