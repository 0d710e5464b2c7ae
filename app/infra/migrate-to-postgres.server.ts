// `npm run portal -- migrate-to-postgres` (issue 17, point 4): copies a SQLite database (the file
// under DATA_DIR, or another) into an empty PostgreSQL database, in one transaction as the owner,
// and proves the copy before it commits: every table's row count, the score aggregates the
// triggers recompute against SQLite's, and the audit chain verified on both sides to one head.
//
// What the copy keeps, and how (drizzle-pg/0001_guards.sql, decision 0042):
// - every row of every table of schema.ts with its columns unchanged (both databases hold the
//   same representation: integer milliseconds, 0/1 flags, JSON as text, bytes);
// - the audit trail byte for byte, its seq included;
// - SQLite's rowid, in the tables that have a rowid column on PostgreSQL, so insertion order
//   (which the use cases and counting_scores read) survives;
// - identity sequences set past the copied maxima;
// - public_versions as SQLite had them: the triggers raise versions while rows go in, and the
//   table is then replaced by SQLite's rows;
// - score_aggregates recomputed by the triggers as scores, certifications, declarations and
//   decisions go in; compared with SQLite's (the same JSON, not the same bytes: json_agg's spacing).
// Rows go in by table in foreign-key order, parents first, in batches of parameterised inserts.
// The files under DATA_DIR (stored files, outbox, keys) are not touched: DATA_DIR moves as it is.
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import type Database from "better-sqlite3";
import pg from "pg";
import { closeDatabase, migratePostgres, openDatabase, WRITE_LOCK_KEY, type Db } from "./db.server";
import { formatAuditReport, verifyAuditTrail, type AuditVerifyReport } from "./audit-verify.server";
import * as schema from "./schema";

/** Tables the copy leaves out: bookkeeping of either database, and a queue that is always empty. */
const NOT_COPIED = new Set(["__drizzle_migrations", "sqlite_sequence", "sqlite_stat1", "sqlite_stat4", "score_aggregates_queue"]);
/** Computed by triggers on PostgreSQL from the copied rows, then compared with SQLite's. */
const RECOMPUTED = "score_aggregates";
/** Raised by triggers while rows go in, then replaced by SQLite's rows. */
const REPLACED = "public_versions";
/** Bind parameters per INSERT (PostgreSQL allows 65535). */
const MAX_PARAMS = 30_000;
const MAX_BATCH_ROWS = 1_000;

export class MigrationRefused extends Error {}

export type TableCopy = { table: string; source: number; target: number };
export type MigrationReport = {
  ok: boolean;
  tables: TableCopy[];
  rows: number;
  batches: number;
  ms: number;
  source: { file: string; audit: AuditVerifyReport };
  target: { audit: AuditVerifyReport };
  /** Every difference found; empty when ok. */
  differences: string[];
};

/** Tables of schema.ts in foreign-key order, parents first; a reference to itself does not count. */
export function tablesInForeignKeyOrder(): { name: string; selfReferences: { column: string; target: string }[] }[] {
  const configs = (Object.values(schema) as unknown[]).filter((v) => is(v, SQLiteTable)).map((t) => getTableConfig(t as SQLiteTable));
  const byName = new Map(configs.map((c) => [c.name, c]));
  const ordered: { name: string; selfReferences: { column: string; target: string }[] }[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new Error(`the foreign keys of ${name} form a cycle`);
    state.set(name, "visiting");
    const config = byName.get(name)!;
    const selfReferences: { column: string; target: string }[] = [];
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const parent = getTableConfig(ref.foreignTable).name;
      if (parent === name) selfReferences.push({ column: ref.columns[0].name, target: ref.foreignColumns[0].name });
      else visit(parent);
    }
    state.set(name, "done");
    ordered.push({ name, selfReferences });
  };
  for (const c of [...configs].sort((a, b) => a.name.localeCompare(b.name))) visit(c.name);
  return ordered;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A row's parents (of a reference to its own table) before it; otherwise the order given. */
function parentsFirst(rows: Record<string, unknown>[], refs: { column: string; target: string }[]): Record<string, unknown>[] {
  if (refs.length === 0) return rows;
  const out: Record<string, unknown>[] = [];
  const placed = new Set<Record<string, unknown>>();
  const byKey = refs.map((r) => new Map(rows.map((row) => [row[r.target], row])));
  const place = (row: Record<string, unknown>, depth: number) => {
    if (placed.has(row)) return;
    if (depth > rows.length) throw new Error("rows referring to each other in a cycle");
    refs.forEach((r, i) => {
      const parent = row[r.column] == null ? undefined : byKey[i].get(row[r.column]);
      if (parent && parent !== row) place(parent, depth + 1);
    });
    placed.add(row);
    out.push(row);
  };
  for (const row of rows) place(row, 0);
  return out;
}

/** Cells of a score_aggregates row as comparable JSON: [[criterion, count, min, max, sum], …] by criterion. */
function cellsOf(criteria: string): string {
  const cells = JSON.parse(criteria) as [string, number, number, number, number][];
  return JSON.stringify([...cells].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/**
 * Copies the SQLite database `from` into the PostgreSQL database at `ownerUrl` (migrated first),
 * which must hold no rows. Nothing is committed unless every comparison holds; on a difference
 * the report says which and the target stays empty.
 */
export async function migrateToPostgres(opts: {
  from: string;
  ownerUrl: string;
  dataDir: string;
  log?: (line: string) => void;
}): Promise<MigrationReport> {
  const log = opts.log ?? (() => undefined);
  const started = performance.now();
  // Opening migrates the file to this version's schema (what `setup` would do), so its columns are the target's.
  const source = openDatabase(opts.from);
  const reader = source.$client as Database.Database;
  await migratePostgres(opts.ownerUrl);
  const client = new pg.Client({ connectionString: opts.ownerUrl, application_name: "portal-migrate-to-postgres" });
  await client.connect();
  const differences: string[] = [];
  const tables: TableCopy[] = [];
  let rows = 0;
  let batches = 0;
  // One snapshot of the file for the copy and its verification, even if a server still writes.
  reader.exec("BEGIN");
  try {
    await client.query("BEGIN ISOLATION LEVEL READ COMMITTED");
    // Writers of a running instance queue behind the copy, as they queue behind each other.
    await client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);

    const sourceTables = new Set(
      (reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name).filter((n) => !NOT_COPIED.has(n)),
    );
    const targetTables = new Set(
      (await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).rows
        .map((r) => r.name)
        .filter((n) => !NOT_COPIED.has(n)),
    );
    const order = tablesInForeignKeyOrder();
    for (const { name } of order) {
      if (!sourceTables.has(name)) throw new MigrationRefused(`the SQLite database has no table ${name}`);
      if (!targetTables.has(name)) throw new MigrationRefused(`the PostgreSQL database has no table ${name}`);
    }
    const known = new Set(order.map((t) => t.name));
    for (const name of [...sourceTables, ...targetTables]) {
      if (!known.has(name)) throw new MigrationRefused(`table ${name} is not in the portal's schema: refusing to leave it behind`);
    }
    const queued = reader.prepare("SELECT count(*) AS n FROM score_aggregates_queue").get() as { n: number };
    if (queued.n !== 0) throw new MigrationRefused(`score_aggregates_queue of the SQLite database holds ${queued.n} row(s); it is always empty`);

    // The target must be empty: a copy over existing rows would mix two histories.
    for (const { name } of order) {
      const found = await client.query(`SELECT 1 FROM ${q(name)} LIMIT 1`);
      if (found.rowCount) {
        const n = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q(name)}`)).rows[0].n;
        throw new MigrationRefused(`the PostgreSQL database is not empty: table ${name} holds ${n} row(s). migrate-to-postgres copies only into an empty database`);
      }
    }

    // Columns of each table on both sides; PostgreSQL's `rowid` columns take SQLite's rowid.
    const targetColumns = new Map<string, { name: string; type: string }[]>();
    for (const r of (
      await client.query<{ table_name: string; column_name: string; data_type: string }>(
        "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
      )
    ).rows) {
      const list = targetColumns.get(r.table_name) ?? [];
      list.push({ name: r.column_name, type: r.data_type });
      targetColumns.set(r.table_name, list);
    }

    // Parents first; public_versions last, once every trigger that raises it has fired.
    const copyOrder = [...order.filter((t) => t.name !== RECOMPUTED && t.name !== REPLACED), ...order.filter((t) => t.name === REPLACED)];
    for (const { name, selfReferences } of copyOrder) {
      if (name === REPLACED) {
        // What the triggers raised while the rows went in gives way to SQLite's versions.
        await client.query(`DELETE FROM ${q(REPLACED)}`);
      }
      const sourceCols = (reader.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map((c) => c.name);
      const targetCols = targetColumns.get(name) ?? [];
      const withRowid = targetCols.some((c) => c.name === "rowid") && !sourceCols.includes("rowid");
      const expected = [...sourceCols, ...(withRowid ? ["rowid"] : [])].sort();
      const actual = targetCols.map((c) => c.name).sort();
      if (expected.join(",") !== actual.join(",")) {
        throw new MigrationRefused(`the columns of ${name} differ: SQLite ${sourceCols.join(", ")}; PostgreSQL ${actual.join(", ")}`);
      }
      const columns = withRowid ? [...sourceCols, "rowid"] : sourceCols;
      const perBatch = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / columns.length)));
      const insertInto = `INSERT INTO ${q(name)} (${columns.map(q).join(", ")}) OVERRIDING SYSTEM VALUE VALUES `;
      const flush = async (batch: Record<string, unknown>[]) => {
        if (batch.length === 0) return;
        const params: unknown[] = [];
        const tuples = batch.map((row) => `(${columns.map((c) => `$${params.push(row[c])}`).join(", ")})`);
        await client.query(insertInto + tuples.join(", "), params);
        batches++;
      };
      // SQLite's rowid: insertion order, kept in PostgreSQL's rowid column where there is one.
      const asTarget = (r: Record<string, unknown>) => {
        const { __rowid, ...rest } = r;
        return withRowid ? { ...rest, rowid: __rowid } : rest;
      };
      // A WITHOUT ROWID table (none but score_aggregates today, which is recomputed) has no rowid to page by.
      const withoutRowid = !!reader.prepare("SELECT 1 FROM pragma_table_list WHERE name = ? AND wr = 1").get(name);
      if (withoutRowid && withRowid) throw new MigrationRefused(`${name} is a WITHOUT ROWID table in SQLite but has a rowid column in PostgreSQL`);
      const selectList = `${sourceCols.map(q).join(", ")}, ${withoutRowid ? "NULL" : "rowid"} AS "__rowid"`;
      let copied = 0;
      if (selfReferences.length || withoutRowid) {
        // A table referring to itself (a follow-up call and its call): parents first, in memory;
        // so, in memory, a table without rowid.
        const all = parentsFirst((reader.prepare(`SELECT ${selectList} FROM ${q(name)}${withoutRowid ? "" : " ORDER BY rowid"}`).all() as Record<string, unknown>[]).map(asTarget), selfReferences);
        for (let i = 0; i < all.length; i += perBatch) await flush(all.slice(i, i + perBatch));
        copied = all.length;
      } else {
        // A page at a time by rowid (better-sqlite3's iterator cannot stay open across awaits).
        const paged = reader.prepare(`SELECT ${selectList} FROM ${q(name)} WHERE rowid > ? ORDER BY rowid LIMIT ${perBatch}`);
        let after: number = Number.MIN_SAFE_INTEGER;
        for (;;) {
          const page = paged.all(after) as Record<string, unknown>[];
          if (page.length === 0) break;
          after = page[page.length - 1].__rowid as number;
          await flush(page.map(asTarget));
          copied += page.length;
          if (page.length < perBatch) break;
        }
      }
      rows += copied;
      log(`  ${name}: ${copied}`);
    }

    // Identity sequences (audit_entries.seq, the rowid columns) past the copied maxima, so the
    // next row the application writes comes after every copied one.
    const identities = (
      await client.query<{ table_name: string; column_name: string }>(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')",
      )
    ).rows;
    for (const { table_name, column_name } of identities) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${q(column_name)}) FROM ${q(table_name)}), 0) + 1, false)`,
        [`public.${q(table_name)}`, column_name],
      );
    }

    // Compare: row counts of every table.
    for (const { name } of order) {
      const s = (reader.prepare(`SELECT count(*) AS n FROM ${q(name)}`).get() as { n: number }).n;
      const t = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q(name)}`)).rows[0].n;
      tables.push({ table: name, source: s, target: t });
      if (s !== t) differences.push(`${name}: ${s} row(s) in SQLite, ${t} in PostgreSQL`);
    }
    // The score aggregates the triggers computed, against SQLite's.
    const sqliteAggregates = new Map(
      (reader.prepare(`SELECT submission_id, lot_id, criteria FROM score_aggregates`).all() as { submission_id: string; lot_id: string; criteria: string }[]).map((r) => [
        `${r.submission_id}/${r.lot_id}`,
        cellsOf(r.criteria),
      ]),
    );
    const pgAggregates = new Map(
      (await client.query<{ submission_id: string; lot_id: string; criteria: string }>(`SELECT submission_id, lot_id, criteria FROM score_aggregates`)).rows.map((r) => [
        `${r.submission_id}/${r.lot_id}`,
        cellsOf(r.criteria),
      ]),
    );
    for (const key of new Set([...sqliteAggregates.keys(), ...pgAggregates.keys()])) {
      if (sqliteAggregates.get(key) !== pgAggregates.get(key)) {
        differences.push(`score_aggregates of bid ${key}: SQLite ${sqliteAggregates.get(key) ?? "none"}, PostgreSQL ${pgAggregates.get(key) ?? "none"}`);
      }
    }
    // The audit trail verified on both sides (the chain, the heads on receipts and opening
    // records, the stored files under DATA_DIR): the same head, each without a fault.
    const sourceAudit = await verifyAuditTrail({ db: source, dataDir: opts.dataDir });
    const targetAudit = await verifyAuditTrail({ db: drizzlePg(client) as unknown as Db, dataDir: opts.dataDir });
    // A fault the SQLite database already had (a missing file) is the copy's too, and no
    // difference; the CLI prints it. Any other difference of the two reports is one.
    if (sourceAudit.head !== targetAudit.head || sourceAudit.entries !== targetAudit.entries) {
      differences.push(`audit chain: SQLite ${sourceAudit.entries} entries, head ${sourceAudit.head}; PostgreSQL ${targetAudit.entries} entries, head ${targetAudit.head}`);
    } else if (formatAuditReport(sourceAudit) !== formatAuditReport(targetAudit)) {
      differences.push(`audit:verify reports differ:\n--- SQLite\n${formatAuditReport(sourceAudit)}\n--- PostgreSQL\n${formatAuditReport(targetAudit)}`);
    }

    if (differences.length) await client.query("ROLLBACK");
    else await client.query("COMMIT");
    return {
      ok: differences.length === 0,
      tables,
      rows,
      batches,
      ms: Math.round(performance.now() - started),
      source: { file: opts.from, audit: sourceAudit },
      target: { audit: targetAudit },
      differences,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    if (reader.inTransaction) reader.exec("COMMIT");
    await client.end();
    closeDatabase(source);
  }
}
