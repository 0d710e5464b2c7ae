// Decision 0041: the portal refuses to run on a PostgreSQL database that is not fit for it, and
// says why: a migration missing, an application role that may rewrite the audit trail (the
// owner), a collation that sorts text otherwise than SQLite. (The clock check compares with the
// host's real clock, which a test cannot move; its arithmetic is clockSkewMs.)
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { clockSkewMs, closeDatabaseAndWait, migratePostgres, openPostgres, postgresProblems, type Db } from "../../app/infra/db.server";
import { createDatabase } from "../support/postgres";
import { testDialect } from "../support/temp-db";

const opened: Db[] = [];
const open = (url: string) => {
  const database = openPostgres(url, { max: 1 });
  opened.push(database);
  return database;
};
afterAll(async () => {
  for (const database of opened) await closeDatabaseAndWait(database);
});

describe.skipIf(testDialect() !== "postgres")("the start on PostgreSQL", () => {
  const superuser = async () => (await import("vitest")).inject("postgresUrl");

  it("runs on a migrated database as the application role, with the clocks agreeing", async () => {
    const made = await createDatabase(await superuser(), "start_ok");
    await migratePostgres(made.ownerUrl);
    const database = open(made.appUrl);
    expect(await postgresProblems(database)).toEqual([]);
    expect(Math.abs(await clockSkewMs(database))).toBeLessThan(1000);
  });

  it("refuses a database without the migrations, naming the command that applies them", async () => {
    const made = await createDatabase(await superuser(), "start_unmigrated");
    expect(await postgresProblems(open(made.appUrl))).toEqual([expect.stringMatching(/^\d+ migration\(s\) are not applied: run `npm run portal -- setup` with DATABASE_OWNER_URL/)]);
  });

  it("refuses to run as the tables' owner, who could delete the audit trail", async () => {
    const made = await createDatabase(await superuser(), "start_owner");
    await migratePostgres(made.ownerUrl);
    expect(await postgresProblems(open(made.ownerUrl))).toEqual([expect.stringMatching(/role may delete or alter the audit trail/)]);
  });

  it("refuses a collation that sorts text otherwise than SQLite", async () => {
    const name = `start_collation_${Math.random().toString(36).slice(2, 8)}`;
    const superuserUrl = await superuser();
    const client = new pg.Client({ connectionString: superuserUrl });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name} OWNER portal_owner TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    } finally {
      await client.end();
    }
    const url = (role: string) => {
      const u = new URL(superuserUrl);
      u.username = role;
      u.pathname = `/${name}`;
      return u.toString();
    };
    await migratePostgres(url("portal_owner"));
    expect(await postgresProblems(open(url("portal_web")))).toEqual([expect.stringMatching(/collation is C\.UTF-8: create it with LC_COLLATE 'C'/)]);
  });
});
