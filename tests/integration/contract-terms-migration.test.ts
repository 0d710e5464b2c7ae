// Migration 0016 against a real SQLite file that was at 0015: calls made before the contract
// terms get the definitions' defaults, in their column and in their stored definition, and the
// stored definition still loads (decision 0022).
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openDatabase } from "../../app/infra/db.server";
import { DEFAULT_CONTRACT_TERMS, parseCallDefinition } from "../../app/procurement/call-definition";
import { dresdenDefinition } from "../../app/demo/demo.server";
import { insertRow, migrationsUntil } from "../support/migrations";
import { tempDir } from "../support/temp-db";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

it("gives calls stored before 0016 the default contract terms, in the column and in their stored definition, which still parses", () => {
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
  const rows = db.$client.prepare("SELECT id, contract_terms AS terms, definition FROM calls ORDER BY id").all() as { id: string; terms: string; definition: string | null }[];
  expect(rows.map((r) => [r.id, JSON.parse(r.terms)])).toEqual([
    ["with-definition", DEFAULT_CONTRACT_TERMS],
    ["without-definition", DEFAULT_CONTRACT_TERMS],
  ]);
  const stored = JSON.parse(rows[0].definition!);
  expect(stored.contract).toEqual(DEFAULT_CONTRACT_TERMS);
  expect(rows[1].definition).toBeNull();
  const parsed = parseCallDefinition(stored);
  expect(parsed.ok && parsed.definition.contract).toEqual(DEFAULT_CONTRACT_TERMS);
  db.$client.close();
});

it("reads a definition written before the contract terms with the defaults, and Dresden's own terms from its file", () => {
  const { contract: _dropped, ...older } = dresdenDefinition();
  const parsed = parseCallDefinition(JSON.parse(JSON.stringify(older)));
  expect(parsed.ok && parsed.definition.contract).toEqual({ reporting: { interval: "quarterly", dueDays: 30 }, vacancyToleranceDays: 60, adjustmentBoundsPercent: 20 });
  expect(dresdenDefinition().contract).toEqual({ reporting: { interval: "monthly", dueDays: 15 }, vacancyToleranceDays: 60, adjustmentBoundsPercent: 20 });
  const wrong = parseCallDefinition({ ...older, contract: { reporting: { interval: "weekly", dueDays: -1 }, vacancyToleranceDays: 60, adjustmentBoundsPercent: 120 } });
  expect(wrong.ok ? [] : wrong.errors.map((e) => [e.path, e.key])).toEqual([
    ["contract.reporting.interval", "definition.contract.interval"],
    ["contract.reporting.dueDays", "definition.contract.dueDays"],
    ["contract.adjustmentBoundsPercent", "definition.contract.boundsPercent"],
  ]);
});
