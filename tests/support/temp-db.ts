// A fresh, migrated database for integration tests, on the dialect the run asks for
// (PORTAL_TEST_DB=postgres in vitest's "pg" project, SQLite otherwise; decision 0041):
// - SQLite: a file in its own temporary directory;
// - PostgreSQL: a database of its own on the run's throwaway cluster (tests/support/postgres.ts),
//   copied from a template migrated once per worker, and opened as portal_web, the application
//   role, so every test also runs under the grants production has.
// Either way the test gets a temporary directory for files (`dir`).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDatabase, closeDatabaseAndWait, migratePostgres, openDatabase, openPostgres, type Db } from "../../app/infra/db.server";
import { createDatabase, type PostgresDatabase } from "./postgres";

export type TestDialect = "sqlite" | "postgres";

export type TempDb = {
  db: Db;
  dir: string;
  dialect: TestDialect;
  /** SQLite only: the database file. */
  file: string;
  /** PostgreSQL only: the database's URLs. */
  postgres?: PostgresDatabase;
  /** Environment a child process (the CLI, a server) needs to use this database. */
  env: Record<string, string>;
  /** A second, independent handle on the same database (another process or instance). */
  reopen: () => Db;
  cleanup: () => void;
};

/** What a database can be copied from: its bytes (SQLite) or a template database (PostgreSQL). */
export type DbImage = { dialect: "sqlite"; bytes: Buffer } | { dialect: "postgres"; template: string };

export function testDialect(): TestDialect {
  return process.env.PORTAL_TEST_DB === "postgres" ? "postgres" : "sqlite";
}

export function tempDir(prefix = "portal-test-"): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function tempDatabase(): Promise<TempDb> {
  return tempDatabaseFrom(null);
}

/** Like tempDatabase, starting as a copy of `image` (imageOf). */
export async function tempDatabaseFrom(image: DbImage | null): Promise<TempDb> {
  if (testDialect() === "postgres") return tempPostgres(image?.dialect === "postgres" ? image.template : await migratedTemplate());
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, "portal.sqlite");
  if (image?.dialect === "sqlite") fs.writeFileSync(file, image.bytes, { mode: 0o600 });
  const db = openDatabase(file);
  return {
    db,
    dir,
    dialect: "sqlite",
    file,
    env: { DATA_DIR: dir },
    reopen: () => openDatabase(file),
    cleanup: () => {
      closeDatabase(db);
      cleanup();
    },
  };
}

/**
 * An image of `t` to copy from. On PostgreSQL `t` is closed, since a template database must have
 * no connections; on SQLite it stays open.
 */
export async function imageOf(t: TempDb): Promise<DbImage> {
  if (t.dialect === "sqlite") return { dialect: "sqlite", bytes: t.db.$client.serialize() };
  await closeDatabaseAndWait(t.db);
  return { dialect: "postgres", template: t.postgres!.name };
}

// ------------------------------------------------------------------ PostgreSQL

let template: Promise<string> | undefined;

/** A database migrated once per worker, copied for each test (a copy takes tens of milliseconds, migrating seconds). */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const made = await createDatabase(await superuserUrl(), "template");
    await migratePostgres(made.ownerUrl);
    return made.name;
  })();
  return template;
}

/**
 * The run's cluster: from the pg project's global setup, or PORTAL_TEST_POSTGRES_URL for a
 * process outside vitest (a seed script). vitest is imported only here: seed scripts that run
 * under tsx import this module too, and vitest refuses to load outside a test run.
 */
async function superuserUrl(): Promise<string> {
  const fromEnv = process.env.PORTAL_TEST_POSTGRES_URL;
  if (fromEnv) return fromEnv;
  const { inject } = await import("vitest");
  return inject("postgresUrl");
}

async function tempPostgres(from: string): Promise<TempDb> {
  const { dir, cleanup } = tempDir();
  const made = await createDatabase(await superuserUrl(), "test", { template: from });
  const db = openPostgres(made.appUrl, { max: 4 });
  return {
    db,
    dir,
    dialect: "postgres",
    file: "",
    postgres: made,
    env: { DATA_DIR: dir, DATABASE_URL: made.appUrl, DATABASE_OWNER_URL: made.ownerUrl },
    reopen: () => openPostgres(made.appUrl, { max: 4 }),
    cleanup: () => {
      closeDatabase(db);
      cleanup();
    },
  };
}
