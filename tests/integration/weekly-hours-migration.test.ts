// Migration 0015 against a real SQLite file that was at 0014: posts saved before weekly hours
// were asked get the hours of their FTE at 39 h, stored pay scales the full-time hours.
import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, beforeEach, expect, it } from "vitest";
import { closeDatabase, openDatabase, rowsOf } from "../../app/infra/db.server";
import { insertRow, migrationsUntil } from "../support/migrations";
import { tempDir } from "../support/temp-db";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

it("backfills the weekly hours of posts saved before 0015 from their FTE at 39 h, and gives stored pay scales 39 full-time hours", async () => {
  const file = path.join(dir, "portal.sqlite");
  const before = new Database(file);
  migrate(drizzle(before), { migrationsFolder: migrationsUntil(dir, 14) });
  // Only the rows under test: their parents do not matter to the migration.
  before.pragma("foreign_keys = OFF");
  const scale = { name: "TVöD SuE", groups: ["S 8a", "S 12"], tariffOrEquivalentRequired: true, illustrative: true };
  insertRow(before, "calls", { id: "with-scale", slug: "a", pay_scale: JSON.stringify(scale) });
  insertRow(before, "calls", { id: "without-scale", slug: "b", pay_scale: null });
  insertRow(before, "offered_posts", { id: "full", fte_hundredths: 100, languages: "[]" });
  insertRow(before, "offered_posts", { id: "half", fte_hundredths: 50, languages: "[]" });
  insertRow(before, "offered_posts", { id: "quarter", fte_hundredths: 25, languages: "[]" });
  before.close();

  const db = openDatabase(file); // applies 0015 (and what follows)
  const hours = await rowsOf(db, sql`SELECT id, weekly_hours_hundredths AS h FROM offered_posts ORDER BY fte_hundredths DESC`);
  expect(hours).toEqual([
    { id: "full", h: 3900 },
    { id: "half", h: 1950 },
    { id: "quarter", h: 975 },
  ]);
  const scales = await rowsOf<{ id: string; s: string | null }>(db, sql`SELECT id, pay_scale AS s FROM calls ORDER BY id`);
  expect(scales.map((r) => [r.id, r.s === null ? null : JSON.parse(r.s)])).toEqual([
    ["with-scale", { ...scale, fullTimeWeeklyHours: 39 }],
    ["without-scale", null],
  ]);
  closeDatabase(db);
});
