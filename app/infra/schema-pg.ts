// The PostgreSQL tables, derived from the one schema in schema.ts (decision 0041). The use cases
// build their queries from schema.ts's tables on either driver; drizzle renders them in the
// dialect of the database they run on. So both databases hold the same representation:
// instants as integer milliseconds (bigint), flags as 0/1 (bigint), JSON as text, bytes as bytea.
// This module exists for drizzle-kit (drizzle.pg.config.ts) to generate the PostgreSQL
// migrations in drizzle-pg/, and for the check that every table is here (tests/integration/
// postgres-schema.test.ts). Nothing else imports it.
import { is, sql, SQL, type Column } from "drizzle-orm";
import {
  bigint,
  customType,
  doublePrecision,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  type AnyPgColumn,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
} from "drizzle-orm/pg-core";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as sqlite from "./schema";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** SQLite SQL defaults, as PostgreSQL writes them. A default not listed here stops the derivation. */
const SQL_DEFAULTS: Record<string, string> = {
  "(unixepoch('subsec') * 1000)": "((floor(extract(epoch from clock_timestamp()) * 1000))::bigint)",
};

function sqlText(value: SQL): string {
  return value.queryChunks
    .map((chunk) => {
      const v = (chunk as { value?: unknown }).value;
      if (Array.isArray(v)) return v.join("");
      throw new Error("a default with parameters cannot be derived");
    })
    .join("");
}

function pgDefault(column: Column): unknown {
  const value = column.default;
  if (is(value, SQL)) {
    const text = sqlText(value);
    if (text.startsWith("'")) return sql.raw(text); // a string literal reads the same
    const translated = SQL_DEFAULTS[text];
    if (!translated) throw new Error(`no PostgreSQL form for the default ${text} of ${column.name}`);
    return sql.raw(translated);
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

function pgColumn(column: Column): PgColumnBuilderBase {
  let builder;
  switch (column.columnType) {
    case "SQLiteInteger":
    case "SQLiteTimestamp":
    case "SQLiteBoolean":
      builder = bigint(column.name, { mode: "number" });
      break;
    case "SQLiteText":
    case "SQLiteTextJson":
      builder = text(column.name);
      break;
    case "SQLiteReal":
      builder = doublePrecision(column.name);
      break;
    case "SQLiteBlobBuffer":
      builder = bytea(column.name);
      break;
    default:
      throw new Error(`no PostgreSQL type for ${column.columnType} (${column.name})`);
  }
  let b = builder as unknown as {
    primaryKey(): typeof b;
    notNull(): typeof b;
    default(v: unknown): typeof b;
    unique(name?: string): typeof b;
    generatedByDefaultAsIdentity(): typeof b;
  };
  if (column.primary) b = b.primaryKey();
  if ((column as { autoIncrement?: boolean }).autoIncrement) b = b.generatedByDefaultAsIdentity();
  if (column.notNull && !column.primary) b = b.notNull();
  if (column.hasDefault && column.default !== undefined) b = b.default(pgDefault(column));
  if (column.isUnique) b = b.unique(column.uniqueName);
  return b as unknown as PgColumnBuilderBase;
}

type AnyPgTable = PgTableWithColumns<any>;
const derived = new Map<SQLiteTable, AnyPgTable>();

/** The PostgreSQL table of a SQLite table of schema.ts. */
function derive(table: SQLiteTable): AnyPgTable {
  const found = derived.get(table);
  if (found) return found;
  const config = getTableConfig(table);
  const columnsByName = new Map(config.columns.map((c) => [c.name, c]));
  const keyOf = new Map(Object.entries(table).filter(([, c]) => config.columns.includes(c as never)).map(([key, c]) => [(c as Column).name, key]));
  const columns = Object.fromEntries(config.columns.map((c) => [keyOf.get(c.name)!, pgColumn(c)]));
  const pg: AnyPgTable = pgTable(config.name, columns, (t) => {
    const own = (c: Column) => t[keyOf.get(c.name)!] as AnyPgColumn;
    const other = (c: Column) => {
      const target = derive(c.table as SQLiteTable);
      const targetKey = Object.entries(c.table).find(([, v]) => v === c)![0];
      return target[targetKey] as AnyPgColumn;
    };
    return [
      ...config.primaryKeys.map((pk) => primaryKey({ name: pk.getName(), columns: pk.columns.map(own) as [AnyPgColumn, ...AnyPgColumn[]] })),
      ...config.indexes.map((i) => {
        if (i.config.where) throw new Error(`partial index ${i.config.name} cannot be derived`);
        const cols = i.config.columns.map((c) => own(columnsByName.get((c as Column).name)!)) as [AnyPgColumn, ...AnyPgColumn[]];
        return (i.config.unique ? uniqueIndex(i.config.name) : index(i.config.name)).on(...cols);
      }),
      ...config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        let built = foreignKey({
          name: fk.getName(),
          columns: ref.columns.map(own) as [AnyPgColumn, ...AnyPgColumn[]],
          foreignColumns: ref.foreignColumns.map(other) as [AnyPgColumn, ...AnyPgColumn[]],
        });
        if (fk.onDelete) built = built.onDelete(fk.onDelete);
        if (fk.onUpdate) built = built.onUpdate(fk.onUpdate);
        return built;
      }),
    ];
  });
  derived.set(table, pg);
  return pg;
}

/** Every table of schema.ts, by its export name, as PostgreSQL tables. */
export const pgTables: Record<string, AnyPgTable> = Object.fromEntries(
  Object.entries(sqlite)
    .filter(([, v]) => is(v, SQLiteTable))
    .map(([name, table]) => [name, derive(table as SQLiteTable)]),
);
