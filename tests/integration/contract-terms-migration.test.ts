// Migration 0016 against a real SQLite file that was at 0015: calls made before the contract
// terms get the definitions' defaults, in their column and in their stored definition, and the
// stored definition still loads (decision 0022). Migration 0020 against a file at 0019: calls
// and contracts made before the Nachsteuerung's trigger was a term get 10 % (decision 0026).
import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, beforeEach, expect, it } from "vitest";
import { closeDatabase, first, openDatabase, rowsOf } from "../../app/infra/db.server";
import { DEFAULT_CONTRACT_TERMS, parseCallDefinition } from "../../app/procurement/call-definition";
import { dresdenDefinition } from "../../app/demo/demo.server";
import { insertRow, migrationsUntil } from "../support/migrations";
import { tempDir } from "../support/temp-db";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

it("gives calls stored before 0016 the default contract terms, in the column and in their stored definition, which still parses", async () => {
  const file = path.join(dir, "portal.sqlite");
  const before = new Database(file);
  migrate(drizzle(before), { migrationsFolder: migrationsUntil(dir, 15) });
  before.pragma("foreign_keys = OFF");
  // A definition as stored before the contract terms existed.
  const { contract: _dropped, ...older } = dresdenDefinition();
  insertRow(before, "calls", { id: "with-definition", slug: "a", definition: JSON.stringify(older) });
  insertRow(before, "calls", { id: "without-definition", slug: "b", definition: null });
  before.close();

  const db = openDatabase(file); // applies 0016
  const rows = await rowsOf<{ id: string; terms: string; definition: string | null }>(db, sql`SELECT id, contract_terms AS terms, definition FROM calls ORDER BY id`);
  expect(rows.map((r) => [r.id, JSON.parse(r.terms)])).toEqual([
    ["with-definition", DEFAULT_CONTRACT_TERMS],
    ["without-definition", DEFAULT_CONTRACT_TERMS],
  ]);
  const stored = JSON.parse(rows[0].definition!);
  expect(stored.contract).toEqual(DEFAULT_CONTRACT_TERMS);
  expect(rows[1].definition).toBeNull();
  const parsed = parseCallDefinition(stored);
  expect(parsed.ok && parsed.definition.contract).toEqual(DEFAULT_CONTRACT_TERMS);
  closeDatabase(db);
});

it("gives calls, their definitions and contracts stored before 0020 the trigger of 10 %, and keeps the rest of their terms", async () => {
  const file = path.join(dir, "portal.sqlite");
  const before = new Database(file);
  migrate(drizzle(before), { migrationsFolder: migrationsUntil(dir, 19) });
  before.pragma("foreign_keys = OFF");
  const older = { reporting: { interval: "monthly", dueDays: 15 }, vacancyToleranceDays: 45, adjustmentBoundsPercent: 25 };
  const { contract: _dropped, ...definition } = dresdenDefinition();
  insertRow(before, "calls", { id: "older", slug: "a", contract_terms: JSON.stringify(older), definition: JSON.stringify({ ...definition, contract: older }) });
  insertRow(before, "calls", { id: "no-definition", slug: "b", contract_terms: JSON.stringify(older), definition: null });
  insertRow(before, "contracts", { id: "contract", call_id: "older", number: "V01-1", terms: JSON.stringify(older) });
  before.close();

  const db = openDatabase(file); // applies 0020
  const calls = await rowsOf<{ id: string; terms: string; definition: string | null }>(db, sql`SELECT id, contract_terms AS terms, definition FROM calls ORDER BY id`);
  const expected = { ...older, adjustmentTolerancePercent: 10 };
  expect(calls.map((c) => [c.id, JSON.parse(c.terms)])).toEqual([
    ["no-definition", expected],
    ["older", expected],
  ]);
  expect(calls[0].definition).toBeNull();
  const parsed = parseCallDefinition(JSON.parse(calls[1].definition!));
  expect(parsed.ok && parsed.definition.contract).toEqual(expected);
  const contract = (await first(rowsOf<{ terms: string }>(db, sql`SELECT terms FROM contracts`)))!;
  expect(JSON.parse(contract.terms)).toEqual(expected);
  closeDatabase(db);
});

it("reads a definition written before the contract terms with the defaults, and Dresden's own terms from its file", () => {
  const { contract: _dropped, ...older } = dresdenDefinition();
  const parsed = parseCallDefinition(JSON.parse(JSON.stringify(older)));
  expect(parsed.ok && parsed.definition.contract).toEqual({ reporting: { interval: "quarterly", dueDays: 30 }, vacancyToleranceDays: 60, adjustmentTolerancePercent: 10, adjustmentBoundsPercent: 20 });
  expect(dresdenDefinition().contract).toEqual({ reporting: { interval: "monthly", dueDays: 15 }, vacancyToleranceDays: 60, adjustmentTolerancePercent: 10, adjustmentBoundsPercent: 20 });
  // A definition written with the terms but before their trigger reads with 10 %.
  const { adjustmentTolerancePercent: _trigger, ...withoutTrigger } = dresdenDefinition().contract;
  const earlier = parseCallDefinition({ ...older, contract: withoutTrigger });
  expect(earlier.ok && earlier.definition.contract.adjustmentTolerancePercent).toBe(10);
  const wrong = parseCallDefinition({ ...older, contract: { reporting: { interval: "weekly", dueDays: -1 }, vacancyToleranceDays: 60, adjustmentBoundsPercent: 120 } });
  expect(wrong.ok ? [] : wrong.errors.map((e) => [e.path, e.key])).toEqual([
    ["contract.reporting.interval", "definition.contract.interval"],
    ["contract.reporting.dueDays", "definition.contract.dueDays"],
    ["contract.adjustmentBoundsPercent", "definition.contract.boundsPercent"],
  ]);
});
