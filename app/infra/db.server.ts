// The one database module: drizzle over better-sqlite3, file under DATA_DIR.
// Durability rules (docs/architecture.md, Storage and durability): WAL with synchronous=FULL (better-sqlite3's WAL default
// NORMAL can lose a committed receipt on power loss), foreign keys, a busy timeout. The
// pragmas are read back and the process refuses to start when they differ.
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { env } from "./env.server";
import { ensurePrivateFile } from "./private-files.server";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** What a query that only reads needs: the database or a transaction. */
export type Reader = Pick<Db, "select">;
export { schema };

const REQUIRED_PRAGMAS = {
  journal_mode: "wal",
  synchronous: 2, // FULL
  foreign_keys: 1,
} as const;

/** Opens (and migrates) a database file. Exported for tests and the CLI. */
export function openDatabase(file: string): Db {
  // Created 0600 before SQLite opens it: its -wal and -shm files take the database file's mode.
  if (file !== ":memory:") ensurePrivateFile(file);
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
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
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

export function closeDb() {
  instance?.$client.close();
  instance = undefined;
}

/** A writing transaction: BEGIN IMMEDIATE, synchronous callback (no await inside). */
export function writeTx<T>(fn: (tx: Tx) => T, database: Db = db()): T {
  return database.transaction(fn, { behavior: "immediate" });
}
