// The one database module: drizzle over better-sqlite3, file under DATA_DIR.
// Durability rules (docs/architecture.md, Storage and durability): WAL with synchronous=FULL (better-sqlite3's WAL default
// NORMAL can lose a committed receipt on power loss), foreign keys, a busy timeout. The
// pragmas are read back and the process refuses to start when they differ.
//
// Every query is awaited (decision 0040): the use cases are written once for an asynchronous
// driver, so that PostgreSQL can serve them too. On SQLite a database is two connections to one
// file: a reader for everything outside a transaction (query_only, so a write outside writeTx
// fails at once instead of waiting on the writer's lock), and a writer that runs one writing
// transaction at a time, in the order asked (an in-process queue, then BEGIN IMMEDIATE across
// processes). Inside a transaction every query on the database, whether through `tx` or the
// database handle itself, runs on the transaction's connection, as the single connection did
// before, so a use case reads its own writes.
import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import Database from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { env } from "./env.server";
import { ensurePrivateFile } from "./private-files.server";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A writing transaction's handle: the same API as the database. */
export type Tx = Db;
/** What a query that only reads needs: the database or a transaction. */
export type Reader = Pick<Db, "select">;
export { schema };

const REQUIRED_PRAGMAS = {
  journal_mode: "wal",
  synchronous: 2, // FULL
  foreign_keys: 1,
} as const;

/** The writer of one database: its connection and the queue of its transactions. */
type Writer = { db: Db; queue: Promise<unknown>; file: string; reader: Database.Database };

/** The transaction the current asynchronous flow is inside, if any. */
const current = new AsyncLocalStorage<{ writer: Writer; savepoints: number }>();
const writers = new WeakMap<object, Writer>();

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

/**
 * Opens (and migrates) a database file. Exported for tests and the CLI. The handle it returns
 * reads on the reader connection, and inside a transaction of this database on the writer's.
 */
export function openDatabase(file: string): Db {
  // Created 0600 before SQLite opens it: its -wal and -shm files take the database file's mode.
  if (file !== ":memory:") ensurePrivateFile(file);
  const writerClient = connect(file, { queryOnly: false });
  const writerDb = drizzle(writerClient, { schema }) as Db;
  migrate(writerDb, { migrationsFolder: migrationsFolder() });
  let readerClient: Database.Database;
  try {
    readerClient = connect(file, { queryOnly: true });
  } catch (error) {
    writerClient.close();
    throw error;
  }
  const readerDb = drizzle(readerClient, { schema }) as Db;
  const writer: Writer = { db: writerDb, queue: Promise.resolve(), file, reader: readerClient };
  const handle = new Proxy(readerDb, {
    get(target, property) {
      const inside = current.getStore();
      const chosen = inside?.writer === writer && writer.db.$client.inTransaction ? writer.db : target;
      const value = Reflect.get(chosen, property, chosen);
      return typeof value === "function" ? value.bind(chosen) : value;
    },
  });
  writers.set(handle, writer);
  writers.set(writerDb, writer);
  return handle;
}

/** Reads the pragmas back from the connection; throws naming the first that differs. */
export function assertDurablePragmas(sqlite: Database.Database): void {
  for (const [name, wanted] of Object.entries(REQUIRED_PRAGMAS)) {
    const got = sqlite.pragma(name, { simple: true });
    if (got !== wanted) throw new Error(`SQLite pragma ${name} is ${String(got)}, expected ${wanted}: refusing to start`);
  }
}

function migrationsFolder(): string {
  // npm scripts, the server and tests all run from the project root.
  return path.resolve(process.env.MIGRATIONS_DIR ?? "drizzle");
}

export function databaseFile(): string {
  return path.join(env().dataDir, "portal.sqlite");
}

let instance: Db | undefined;

/** The process-wide database, opened and migrated on first use. */
export function db(): Db {
  instance ??= openDatabase(databaseFile());
  return instance;
}

/** Closes both connections of a database opened by openDatabase. */
export function closeDatabase(database: Db): void {
  const writer = writerOf(database);
  if (writer.reader.open) writer.reader.close();
  if (writer.db.$client.open) writer.db.$client.close();
}

export function closeDb() {
  if (instance) closeDatabase(instance);
  instance = undefined;
}

function writerOf(database: Db): Writer {
  const writer = writers.get(database);
  if (!writer) throw new Error("not a database opened by openDatabase");
  return writer;
}

/**
 * A writing transaction (BEGIN IMMEDIATE). Transactions of one database run one after another in
 * the order they were asked for. Await only queries inside: the write lock is held until the
 * callback returns, so mail, files and network come before or after, never inside.
 * Called inside a transaction of the same database, it runs as a savepoint of that transaction,
 * as better-sqlite3's nested transactions did.
 */
export async function writeTx<T>(fn: (tx: Tx) => Promise<T> | T, database: Db = db()): Promise<T> {
  const writer = writerOf(database);
  const client = writer.db.$client;
  const inside = current.getStore();
  if (inside?.writer === writer && client.inTransaction) {
    const name = `sp${++inside.savepoints}`;
    client.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(writer.db);
      client.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (client.inTransaction) client.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    }
  }
  const run = async (): Promise<T> => {
    if (!client.open) throw new Error("The database connection is not open");
    client.exec("BEGIN IMMEDIATE");
    try {
      const result = await current.run({ writer, savepoints: 0 }, () => fn(writer.db));
      client.exec("COMMIT");
      return result;
    } catch (error) {
      if (client.inTransaction) client.exec("ROLLBACK");
      throw error;
    }
  };
  const turn = writer.queue.then(run, run);
  // The queue goes on whether this transaction committed or not.
  writer.queue = turn.catch(() => undefined);
  return turn;
}

/** True while the current asynchronous flow is inside a writing transaction of `database`. */
export function inTransaction(database: Db): boolean {
  const writer = writers.get(database);
  return !!writer && current.getStore()?.writer === writer && writer.db.$client.inTransaction;
}

/** The first row of a query, or undefined: what better-sqlite3's `.get()` gave, on any driver. */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  return (await query)[0];
}

/** Rows of a raw SQL query (dialect-neutral call; the SQL itself must suit every dialect). */
export async function rowsOf<T>(database: Pick<Db, "all">, query: SQL): Promise<T[]> {
  return database.all<T>(query);
}

/** Runs a raw SQL statement that returns no rows. */
export async function runSql(database: Pick<Db, "run">, query: SQL): Promise<void> {
  database.run(query);
}

/** The database file's name (for caches keyed per database). */
export function databaseName(database: Db): string {
  return writerOf(database).file;
}
