// A fingerprint of everything a test database holds, for tests that show a step changes
// nothing (or something) in it:
// - SQLite: the hash of the file's bytes (serialize);
// - PostgreSQL: the hash of every table's rows and every sequence's position, read as the owner
//   (who sees every table, drizzle's migration journal included). Rows are hashed in an order of
//   their own, so the fingerprint changes with the content, not with where a row is stored.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { closeDatabaseAndWait, openPostgres, rowsOf } from "../../app/infra/db.server";
import type { TempDb } from "./temp-db";

export async function databaseHash(t: TempDb): Promise<string> {
  const hash = createHash("sha256");
  if (t.dialect === "sqlite") return hash.update(t.db.$client.serialize()).digest("hex");
  const owner = openPostgres(t.postgres!.ownerUrl, { max: 1 });
  try {
    const tables = await rowsOf<{ schema: string; name: string }>(
      owner,
      sql`SELECT schemaname AS schema, tablename AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    for (const table of tables) {
      const [row] = await rowsOf<{ n: number; rows: string }>(
        owner,
        sql`SELECT count(*) AS n, coalesce(string_agg(md5(t::text), ',' ORDER BY md5(t::text)), '') AS rows FROM ${sql.identifier(table.schema)}.${sql.identifier(table.name)} t`,
      );
      hash.update(`${table.schema}.${table.name}:${row.n}:${row.rows}\n`);
    }
    const sequences = await rowsOf<{ schema: string; name: string; last: number | null }>(
      owner,
      sql`SELECT schemaname AS schema, sequencename AS name, last_value AS last FROM pg_sequences ORDER BY 1, 2`,
    );
    for (const s of sequences) hash.update(`${s.schema}.${s.name}=${s.last ?? "-"}\n`);
    return hash.digest("hex");
  } finally {
    await closeDatabaseAndWait(owner);
  }
}
