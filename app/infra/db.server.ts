// The one database module: drizzle over better-sqlite3 (a file under DATA_DIR, the default) or
// over node-postgres (DATABASE_URL=postgres://…, decision 0041).
// SQLite durability rules (docs/architecture.md, Storage and durability): WAL with
// synchronous=FULL (better-sqlite3's WAL default NORMAL can lose a committed receipt on power
// loss), foreign keys, a busy timeout. The pragmas are read back and the process refuses to
// start when they differ.
//
// Every query is awaited (decision 0040): the use cases are written once, for both drivers.
// They build their queries from schema.ts's tables; drizzle renders them in the dialect of the
// database they run on, and both databases hold the same representation (schema-pg.ts).
//
// Writing transactions run one at a time per database, as SQLite's single writer always did:
// - SQLite: a database is two connections to one file. A reader serves everything outside a
//   transaction (query_only, so a write outside writeTx fails at once instead of waiting on the
//   writer's lock); a writer runs one transaction at a time, in the order asked (an in-process
//   queue, then BEGIN IMMEDIATE across processes).
// - PostgreSQL: every writing transaction first takes one transaction-scoped advisory lock, so
//   writers on every instance queue for it as SQLite's writers queue for the file. It runs at
//   READ COMMITTED, so each statement after the lock sees everything committed before it (a
//   snapshot taken before the wait would not). The audit chain's head and the deadline check are
//   therefore read by one writer at a time.
// Inside a transaction every query on the database handle, whether through `tx` or the handle
// itself, runs in the transaction, so a use case reads its own writes.
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { env } from "./env.server";
import { ensurePrivateFile } from "./private-files.server";
import * as schema from "./schema";

/**
 * The database as the use cases see it. Its type is drizzle's SQLite database; on PostgreSQL the
 * same object is a node-postgres database. Use only what both have: builders awaited, `first`,
 * `rowsOf` and `runSql`; never `.get()`, `.all()`, `.run()` or `$client` (decision 0040).
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A writing transaction's handle: the same API as the database. */
export type Tx = Db;
/** What a query that only reads needs: the database or a transaction. */
export type Reader = Pick<Db, "select">;
export type Dialect = "sqlite" | "postgres";
export { schema };

const REQUIRED_PRAGMAS = {
  journal_mode: "wal",
  synchronous: 2, // FULL
  foreign_keys: 1,
} as const;

type SqliteBackend = { dialect: "sqlite"; name: string; writer: Db; reader: Database.Database; queue: Promise<unknown> };
type PostgresBackend = { dialect: "postgres"; name: string; base: NodePgDatabase; pool: pg.Pool; queue: Promise<unknown> };
type Backend = SqliteBackend | PostgresBackend;

/** The transaction the current asynchronous flow is inside, if any. */
type Inside = { backend: Backend; tx: Db; open: boolean; savepoints: number };
const current = new AsyncLocalStorage<Inside>();
const backends = new WeakMap<object, Backend>();

/** The open transaction of `backend` the current flow is inside, if any. */
function openTransactionOf(backend: Backend | undefined): Inside | undefined {
  const inside = current.getStore();
  return backend && inside?.backend === backend && inside.open ? inside : undefined;
}

/** The key of the advisory lock every writing transaction on PostgreSQL holds ("IB2017"). */
export const WRITE_LOCK_KEY = 0x4942_3230_3137;
/** Serialisation failures and deadlocks: PostgreSQL asks the client to run the transaction again. */
const RETRY_CODES = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 5;

function connect(file: string, opts: { queryOnly: boolean }): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  try {
    assertDurablePragmas(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  if (opts.queryOnly) sqlite.pragma("query_only = ON");
  return sqlite;
}

const WRITES = new Set<PropertyKey>(["insert", "update", "delete"]);

/** The handle the use cases hold: the base database, or inside a transaction of it, the transaction. */
function handleOf(backend: Backend, base: object): Db {
  const handle = new Proxy(base, {
    get(target, property) {
      const inside = openTransactionOf(backend);
      // SQLite's reader refuses writes itself (query_only); PostgreSQL would autocommit them
      // past the write lock, so the handle refuses them the same way.
      if (!inside && backend.dialect === "postgres" && WRITES.has(property)) {
        throw new Error("attempt to write a readonly database: writes go through writeTx");
      }
      const chosen: object = inside ? inside.tx : target;
      const value = Reflect.get(chosen, property, chosen);
      return typeof value === "function" ? value.bind(chosen) : value;
    },
  }) as Db;
  backends.set(handle, backend);
  return handle;
}

/**
 * Opens (and migrates) a SQLite database file. Exported for tests and the CLI. The handle it
 * returns reads on the reader connection, and inside a transaction of this database on the writer's.
 */
export function openDatabase(file: string): Db {
  // Created 0600 before SQLite opens it: its -wal and -shm files take the database file's mode.
  if (file !== ":memory:") ensurePrivateFile(file);
  const writerClient = connect(file, { queryOnly: false });
  const writer = drizzle(writerClient, { schema }) as Db;
  migrate(writer, { migrationsFolder: migrationsFolder("sqlite") });
  let readerClient: Database.Database;
  try {
    readerClient = connect(file, { queryOnly: true });
  } catch (error) {
    writerClient.close();
    throw error;
  }
  const backend: SqliteBackend = { dialect: "sqlite", name: file, writer, reader: readerClient, queue: Promise.resolve() };
  backends.set(writer, backend);
  return handleOf(backend, drizzle(readerClient, { schema }));
}

let parsersSet = false;
/** bigint and numeric arrive as numbers, as SQLite's integers do; beyond 2^53 they are refused, never rounded. */
function setTypeParsers() {
  if (parsersSet) return;
  parsersSet = true;
  const exact = (text: string) => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) && Number.isInteger(n)) throw new Error(`integer ${text} is beyond 2^53`);
    return n;
  };
  pg.types.setTypeParser(pg.types.builtins.INT8, exact);
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, exact);
}

/**
 * Opens a PostgreSQL database (a pool; nothing connects until the first query). Migrations are
 * applied by `migratePostgres` with the owner's connection (prepareDatabase, migrate-to-postgres).
 */
export function openPostgres(url: string, opts: { max?: number } = {}): Db {
  setTypeParsers();
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: "portal",
    // A host that vanishes without closing its connections would hold the write lock until
    // PostgreSQL noticed (hours, by TCP's defaults): keepalive finds the dead peer, and a
    // transaction idle for 30 s is ended by the server (ours only wait for their own queries).
    // A writer waits at most 30 s for the lock (SQLite's busy_timeout is 5 s), a statement 60 s.
    keepAlive: true,
    options: "-c idle_in_transaction_session_timeout=30000 -c lock_timeout=30000 -c statement_timeout=60000",
    // An unreachable database fails a request (and /healthz) instead of hanging it.
    connectionTimeoutMillis: 10_000,
  });
  // An idle client that loses its connection must not take the process down.
  pool.on("error", (error) => console.error("PostgreSQL pool:", error.message));
  const base = drizzlePg(pool);
  const backend: PostgresBackend = { dialect: "postgres", name: withoutPassword(url), base, pool, queue: Promise.resolve() };
  backends.set(base, backend);
  return handleOf(backend, base);
}

/** The key of the session lock under which one instance at a time migrates. */
const MIGRATION_LOCK_KEY = WRITE_LOCK_KEY + 1;

/**
 * Applies the PostgreSQL migrations (drizzle-pg/) as `ownerUrl`'s role; SQLite migrates on open.
 * Under a session advisory lock, so instances starting together migrate one after another (the
 * later ones find nothing left to do).
 */
export async function migratePostgres(ownerUrl: string): Promise<void> {
  setTypeParsers();
  const client = new pg.Client({ connectionString: ownerUrl, application_name: "portal-migrate" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg(client), { migrationsFolder: migrationsFolder("postgres") });
  } finally {
    await client.end(); // ends the session, and with it the lock
  }
}

/** Reads the pragmas back from the connection; throws naming the first that differs. */
export function assertDurablePragmas(sqlite: Database.Database): void {
  for (const [name, wanted] of Object.entries(REQUIRED_PRAGMAS)) {
    const got = sqlite.pragma(name, { simple: true });
    if (got !== wanted) throw new Error(`SQLite pragma ${name} is ${String(got)}, expected ${wanted}: refusing to start`);
  }
}

function migrationsFolder(dialect: Dialect): string {
  // npm scripts, the server and tests all run from the project root.
  if (dialect === "postgres") return path.resolve(process.env.MIGRATIONS_PG_DIR ?? "drizzle-pg");
  return path.resolve(process.env.MIGRATIONS_DIR ?? "drizzle");
}

export function databaseFile(): string {
  return path.join(env().dataDir, "portal.sqlite");
}

/** The PostgreSQL URL the portal runs on, or undefined for SQLite under DATA_DIR. */
export function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL?.trim();
  return url ? url : undefined;
}

/**
 * Who applies the PostgreSQL migrations: DATABASE_OWNER_URL, the role that owns the tables, so
 * that DATABASE_URL's role can be the application role without UPDATE or DELETE on the audit
 * trail (decision 0042). Unset on instances, which then only check (prepareDatabase).
 */
export function databaseOwnerUrl(): string | undefined {
  const url = process.env.DATABASE_OWNER_URL?.trim();
  return url ? url : undefined;
}

/** A database URL as logs and output may show it: the password masked. */
export function withoutPassword(url: string): string {
  return url.replace(/:[^:@/]*@/, ":***@");
}

/** Beyond this, an instance's clock and the database's disagree too much for deadlines to the second. */
export const MAX_CLOCK_SKEW_MS = 1000;

/** Why a PostgreSQL database is not fit to run the portal on; thrown by prepareDatabase. */
export class DatabaseRefused extends Error {
  override name = "DatabaseRefused";
}

/**
 * How far this host's clock is ahead of the database server's (negative: behind), in ms, the
 * round trip halved. Each instance judges deadlines by its own clock inside the locked
 * transaction, so instances must agree with one clock: the database's. SQLite: 0.
 */
export async function clockSkewMs(database: Db): Promise<number> {
  if (dialectOf(database) !== "postgres") return 0;
  const sent = Date.now();
  const [row] = await rowsOf<{ now: number }>(database, sql`SELECT floor(extract(epoch from clock_timestamp()) * 1000)::bigint AS now`);
  const received = Date.now();
  return Math.round((sent + received) / 2 - Number(row.now));
}

/**
 * What the portal asks of a PostgreSQL database before it runs on it (decision 0041): every
 * migration applied; the application role unable to delete or rewrite the audit trail
 * (decision 0042); text sorted by bytes, as SQLite sorts it (collation C); the clocks agreeing.
 */
export async function postgresProblems(database: Db): Promise<string[]> {
  const problems: string[] = [];
  const [migrations] = await rowsOf<{ table: string | null }>(database, sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS "table"`);
  const applied = migrations.table ? Number((await rowsOf<{ n: number }>(database, sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`))[0].n) : 0;
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder("postgres"), "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  if (applied < journal.entries.length) {
    problems.push(`${journal.entries.length - applied} migration(s) are not applied: run \`npm run portal -- setup\` with DATABASE_OWNER_URL set to the tables' owner`);
    return problems; // the other checks read tables the migrations make
  }
  const [role] = await rowsOf<{ mayDelete: boolean; owns: boolean }>(
    database,
    sql`SELECT has_table_privilege(current_user, 'audit_entries', 'DELETE') AS "mayDelete",
               pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'audit_entries'), 'USAGE') AS "owns"`,
  );
  if (role.mayDelete || role.owns) {
    problems.push("DATABASE_URL's role may delete or alter the audit trail: connect as a role IN ROLE portal_app, not as the tables' owner (docs/scaling.md)");
  }
  const [collation] = await rowsOf<{ collate: string }>(database, sql`SELECT datcollate AS "collate" FROM pg_database WHERE datname = current_database()`);
  if (!["C", "POSIX"].includes(collation.collate)) {
    problems.push(`the database's collation is ${collation.collate}: create it with LC_COLLATE 'C' (docs/scaling.md), so that text sorts as on SQLite`);
  }
  const skew = await clockSkewMs(database);
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
    problems.push(`this host's clock is ${skew} ms off the database server's: synchronise it (NTP); deadlines are judged to the second`);
  }
  return problems;
}

/**
 * Makes the process-wide database ready before the server or the CLI uses it. SQLite opens and
 * migrates its file. PostgreSQL applies its migrations when DATABASE_OWNER_URL is set (as that
 * role; instances starting together queue on a lock), then refuses to run unless postgresProblems
 * finds nothing. Instances need not hold the owner's password: a deploy runs `setup` with it
 * once, and the instances only check.
 */
export async function prepareDatabase(): Promise<{ dialect: Dialect; name: string }> {
  const url = databaseUrl();
  const ownerUrl = databaseOwnerUrl();
  if (url && ownerUrl) await migratePostgres(ownerUrl);
  const database = db();
  if (url) {
    const problems = await postgresProblems(database);
    if (problems.length) throw new DatabaseRefused(`refusing to run on this PostgreSQL database:\n  - ${problems.join("\n  - ")}`);
  } else {
    await rowsOf(database, sql`SELECT 1 AS ok`);
  }
  return { dialect: url ? "postgres" : "sqlite", name: databaseName(database) };
}

let instance: Db | undefined;

/** The process-wide database, opened (and on SQLite migrated) on first use. */
export function db(): Db {
  if (!instance) {
    const url = databaseUrl();
    instance = url ? openPostgres(url, { max: Number(process.env.DATABASE_POOL_MAX ?? 10) }) : openDatabase(databaseFile());
  }
  return instance;
}

/** Closes a database opened by openDatabase or openPostgres (a pool ends in the background). */
export function closeDatabase(database: Db): void {
  const backend = backendOf(database);
  if (backend.dialect === "sqlite") {
    if (backend.reader.open) backend.reader.close();
    if (backend.writer.$client.open) backend.writer.$client.close();
  } else {
    backend.pool.end().catch(() => undefined);
  }
}

/** Closes a database and waits until a PostgreSQL pool has ended. */
export async function closeDatabaseAndWait(database: Db): Promise<void> {
  const backend = backendOf(database);
  if (backend.dialect === "postgres") await backend.pool.end();
  else closeDatabase(database);
}

export function closeDb() {
  if (instance) closeDatabase(instance);
  instance = undefined;
}

function backendOf(database: object): Backend {
  const backend = backends.get(database) ?? (current.getStore()?.tx === database ? current.getStore()!.backend : undefined);
  if (!backend) throw new Error("not a database opened by openDatabase or openPostgres");
  return backend;
}

/** Which database a handle (or a transaction) runs on: for the few statements that differ. */
export function dialectOf(database: object): Dialect {
  return isPostgres(database) ? "postgres" : "sqlite";
}

/** The strings of a JSON array as a subquery, for `x IN …`: SQLite's json_each, PostgreSQL's json_array_elements_text. */
export function jsonStrings(database: object, json: string): SQL {
  return dialectOf(database) === "postgres" ? sql`(SELECT json_array_elements_text(${json}::json))` : sql`(SELECT value FROM json_each(${json}))`;
}

/** Where `needle` first occurs in `text` (1-based; 0 when it does not): SQLite's instr, PostgreSQL's strpos. */
export function positionIn(database: object, text: SQLWrapper, needle: string): SQL {
  return dialectOf(database) === "postgres" ? sql`strpos(${text}, ${needle})` : sql`instr(${text}, ${needle})`;
}

/**
 * A writing transaction. Transactions of one database run one after another (module comment).
 * Await only queries inside: the write lock is held until the callback returns, so mail, files
 * and network come before or after, never inside. On PostgreSQL a transaction PostgreSQL asks to
 * repeat runs again, so the callback must have no effect outside the database.
 * Called inside a transaction of the same database, it runs as a savepoint of that transaction.
 */
export async function writeTx<T>(fn: (tx: Tx) => Promise<T> | T, database: Db = db()): Promise<T> {
  const backend = backendOf(database);
  const inside = openTransactionOf(backend);
  if (inside) return savepoint(inside, fn);
  return backend.dialect === "sqlite" ? sqliteTx(backend, fn) : postgresTx(backend, fn);
}

async function savepoint<T>(inside: Inside, fn: (tx: Tx) => Promise<T> | T): Promise<T> {
  const name = `sp${++inside.savepoints}`;
  const exec = (statement: string) => (inside.backend.dialect === "sqlite" ? inside.tx.$client.exec(statement) : (inside.tx as unknown as NodePgDatabase).execute(sql.raw(statement)));
  await exec(`SAVEPOINT ${name}`);
  try {
    const result = await fn(inside.tx);
    await exec(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    if (inside.open) await exec(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
    throw driverError(error);
  }
}

/**
 * Runs the process's writing transactions of one database one after another, in the order asked.
 * On PostgreSQL this also keeps the waiting in the process: one connection of the pool waits for
 * the lock, not one per writer, so readers always find a free connection.
 */
function inTurn<T>(backend: Backend, run: () => Promise<T>): Promise<T> {
  const turn = backend.queue.then(run, run);
  // The queue goes on whether this transaction committed or not.
  backend.queue = turn.catch(() => undefined);
  return turn;
}

function sqliteTx<T>(backend: SqliteBackend, fn: (tx: Tx) => Promise<T> | T): Promise<T> {
  const client = backend.writer.$client;
  return inTurn(backend, async () => {
    if (!client.open) throw new Error("The database connection is not open");
    client.exec("BEGIN IMMEDIATE");
    const inside: Inside = { backend, tx: backend.writer, open: true, savepoints: 0 };
    try {
      const result = await current.run(inside, () => fn(backend.writer));
      client.exec("COMMIT");
      return result;
    } catch (error) {
      if (client.inTransaction) client.exec("ROLLBACK");
      throw driverError(error);
    } finally {
      inside.open = false;
    }
  });
}

function postgresTx<T>(backend: PostgresBackend, fn: (tx: Tx) => Promise<T> | T): Promise<T> {
  return inTurn(backend, () => postgresAttempts(backend, fn));
}

async function postgresAttempts<T>(backend: PostgresBackend, fn: (tx: Tx) => Promise<T> | T): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await backend.base.transaction(
        async (tx) => {
          await tx.execute(sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
          const inside: Inside = { backend, tx: tx as unknown as Db, open: true, savepoints: 0 };
          try {
            return await current.run(inside, () => fn(tx as unknown as Db));
          } finally {
            inside.open = false;
          }
        },
        { isolationLevel: "read committed" },
      );
    } catch (error) {
      const cause = driverError(error);
      const code = (cause as { code?: string }).code;
      if (attempt >= MAX_ATTEMPTS || !code || !RETRY_CODES.has(code)) throw cause;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt * Math.random()));
    }
  }
}

/** True while the current asynchronous flow is inside a writing transaction of `database`. */
export function inTransaction(database: Db): boolean {
  return openTransactionOf(backends.get(database)) !== undefined;
}

/** The first row of a query, or undefined: what better-sqlite3's `.get()` gave, on any driver. */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  return (await query)[0];
}

function isPostgres(database: object): boolean {
  return typeof (database as { execute?: unknown }).execute === "function";
}

/**
 * Rows of a raw SQL query. The SQL must suit both dialects; quote camelCase aliases
 * (`AS "callId"`), which PostgreSQL would otherwise fold to lower case.
 */
export async function rowsOf<T>(database: object, query: SQL): Promise<T[]> {
  try {
    if (isPostgres(database)) return (await (database as NodePgDatabase).execute(query)).rows as T[];
    return (database as Db).all<T>(query);
  } catch (error) {
    throw driverError(error);
  }
}

/** Runs a raw SQL statement that returns no rows. */
export async function runSql(database: object, query: SQL): Promise<void> {
  try {
    if (isPostgres(database)) await (database as NodePgDatabase).execute(query);
    else (database as Db).run(query);
  } catch (error) {
    throw driverError(error);
  }
}

/**
 * The database's own error (a trigger's message, a constraint's), not drizzle's "Failed query"
 * around it: what writeTx, rowsOf and runSql throw, so callers match one message on both drivers.
 */
export function driverError(error: unknown): unknown {
  // drizzle's wrappers (DrizzleError on SQLite, DrizzleQueryError on PostgreSQL) by their message:
  // a test runner may load drizzle twice, and instanceof would miss.
  const wrapped = error instanceof Error && /^Failed (to run the )?query/.test(error.message);
  return wrapped && error.cause instanceof Error ? error.cause : error;
}

/** The database's name: its file, or its URL without the password (for caches keyed per database). */
export function databaseName(database: Db): string {
  return backendOf(database).name;
}
