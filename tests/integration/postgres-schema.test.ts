// Decision 0041: the PostgreSQL tables are derived from schema.ts, and drizzle-pg/ must hold
// every change of them. A column added to schema.ts without `npm run db:generate` would exist on
// SQLite only; this fails until the PostgreSQL migration is generated too.
import { is } from "drizzle-orm";
import { getTableConfig as pgTableConfig } from "drizzle-orm/pg-core";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { pgTables } from "../../app/infra/schema-pg";
import * as schema from "../../app/infra/schema";
import { pendingStatements } from "../../scripts/db-generate-pg";

describe("the PostgreSQL schema", () => {
  it("derives every table of schema.ts with the same columns, keys and indexes", () => {
    const sqliteTables = Object.entries(schema).filter(([, v]) => is(v, SQLiteTable)) as [string, SQLiteTable][];
    expect(Object.keys(pgTables).sort()).toEqual(sqliteTables.map(([name]) => name).sort());
    for (const [name, table] of sqliteTables) {
      const s = getTableConfig(table);
      const p = pgTableConfig(pgTables[name]);
      expect(p.name).toBe(s.name);
      expect(p.columns.map((c) => [c.name, c.notNull, c.primary])).toEqual(s.columns.map((c) => [c.name, c.notNull, c.primary]));
      expect(p.indexes.map((i) => i.config.name).sort()).toEqual(s.indexes.map((i) => i.config.name).sort());
      expect(p.foreignKeys.length).toBe(s.foreignKeys.length);
    }
  });

  it("has nothing left to generate: drizzle-pg/ holds every change of the derived tables", async () => {
    expect((await pendingStatements()).statements).toEqual([]);
  });
});
