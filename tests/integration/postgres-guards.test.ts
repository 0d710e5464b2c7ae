// The guards of drizzle-pg/0001_guards.sql on a throwaway PostgreSQL cluster (decision 0042):
// the migrations applied by drizzle's node-postgres migrator as the owner, then every write
// made as portal_web, the application's login in portal_app. The cluster is the run's (inject
// "postgresUrl", from tests/support/postgres-global-setup.ts) where one is provided, else this
// file's own. The score aggregates are compared with SQLite's, from the same rows.
import Database from "better-sqlite3";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase, startPostgres, type PostgresCluster, type PostgresDatabase } from "../support/postgres";
import { tempDir } from "../support/temp-db";

const ROOT = path.resolve(__dirname, "../..");

let cluster: PostgresCluster | undefined;
let database: PostgresDatabase;
let owner: pg.Client;
let web: pg.Client;

beforeAll(async () => {
  const provided = inject("postgresUrl");
  if (!provided) cluster = await startPostgres();
  database = await createDatabase(provided ?? cluster!.url, "postgres_guards");
  owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  await migrate(drizzle(owner), { migrationsFolder: path.join(ROOT, "drizzle-pg") });
  web = new pg.Client({ connectionString: database.appUrl });
  await web.connect();
});

afterAll(async () => {
  await web?.end();
  await owner?.end();
  cluster?.stop();
});

type Row = Record<string, unknown>;
type Column = { name: string; type: string; required: boolean; references?: { table: string; column: string } };

const columnsOf = new Map<string, Column[]>();
let serial = 0;

async function columns(table: string): Promise<Column[]> {
  const known = columnsOf.get(table);
  if (known) return known;
  const { rows } = await owner.query<{ name: string; type: string; required: boolean; ref_table: string | null; ref_column: string | null }>(
    `SELECT c.column_name AS name, c.data_type AS type,
            (c.is_nullable = 'NO' AND c.column_default IS NULL AND c.is_identity = 'NO') AS required,
            ref.ref_table, ref.ref_column
     FROM information_schema.columns c
     LEFT JOIN LATERAL (
       SELECT cf.relname AS ref_table, af.attname AS ref_column
       FROM pg_constraint k
       JOIN pg_class ct ON ct.oid = k.conrelid
       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
       JOIN pg_class cf ON cf.oid = k.confrelid
       JOIN pg_attribute af ON af.attrelid = k.confrelid AND af.attnum = k.confkey[1]
       WHERE k.contype = 'f' AND ct.relname = c.table_name AND a.attname = c.column_name LIMIT 1) ref ON true
     WHERE c.table_schema = 'public' AND c.table_name = $1`,
    [table],
  );
  const result = rows.map((r) => ({ name: r.name, type: r.type, required: r.required, references: r.ref_table ? { table: r.ref_table, column: r.ref_column! } : undefined }));
  columnsOf.set(table, result);
  return result;
}

/**
 * Inserts a row as portal_web: its own values, a stand-in for every other required column, and,
 * for a required reference not given, a parent row made the same way. Returns the row.
 */
async function insert(table: string, values: Row = {}, client: pg.Client = web): Promise<Row> {
  const row: Row = {};
  for (const c of await columns(table)) {
    if (c.name in values || !c.required) continue;
    if (c.references) row[c.name] = (await insert(c.references.table, {}, client))[c.references.column];
    else if (c.type === "bigint") row[c.name] = 0;
    else if (c.type === "double precision") row[c.name] = 0;
    else if (c.type === "bytea") row[c.name] = Buffer.from("x");
    else row[c.name] = `${c.name}-${++serial}`;
  }
  Object.assign(row, values);
  const names = Object.keys(row);
  const { rows } = await client.query(`INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING *`, names.map((n) => row[n]));
  return rows[0];
}

const refused = async (client: pg.Client, text: string, params: unknown[] = []) => {
  try {
    await client.query(text, params);
  } catch (error) {
    return (error as Error).message;
  }
  return "not refused";
};

async function auditEntry(): Promise<Row> {
  const n = ++serial;
  return insert("audit_entries", { at: 1000 + n, action: "test.step", object_type: "call", object_id: `call-${n}`, details: `{"step":${n}}`, prev_hash: `prev-${n}`, hash: `hash-${n}` });
}

describe("the audit trail on PostgreSQL", () => {
  it("refuses the application's UPDATE, DELETE and TRUNCATE by its grants, and the owner's by the trigger", async () => {
    const entry = await auditEntry();
    expect(await refused(web, "UPDATE audit_entries SET action = 'forged' WHERE seq = $1", [entry.seq])).toMatch(/permission denied for table audit_entries/);
    expect(await refused(web, "DELETE FROM audit_entries WHERE seq = $1", [entry.seq])).toMatch(/permission denied for table audit_entries/);
    expect(await refused(web, "TRUNCATE audit_entries")).toMatch(/permission denied for table audit_entries/);
    expect(await refused(owner, "UPDATE audit_entries SET action = 'forged' WHERE seq = $1", [entry.seq])).toMatch(/audit_entries is append-only/);
    expect(await refused(owner, "DELETE FROM audit_entries WHERE seq = $1", [entry.seq])).toMatch(/audit_entries is append-only/);
    expect(await refused(owner, "TRUNCATE audit_entries")).toMatch(/audit_entries is append-only/);
    const { rows } = await web.query("SELECT action FROM audit_entries WHERE seq = $1", [entry.seq]);
    expect(rows).toEqual([{ action: "test.step" }]);
  });

  it("refuses a redaction that changes the hash or any other field, or writes other details", async () => {
    const entry = await auditEntry();
    const redact = `UPDATE audit_entries SET details = '{"redacted":true}', redacted_at = 5000`;
    // The hash, and every column but the two redaction writes, are not the application's to update.
    expect(await refused(web, `${redact}, hash = 'other' WHERE seq = $1`, [entry.seq])).toMatch(/permission denied for table audit_entries/);
    // The owner may update any column: the trigger holds every field but the two.
    expect(await refused(owner, `${redact}, hash = 'other' WHERE seq = $1`, [entry.seq])).toMatch(/audit_entries is append-only/);
    expect(await refused(owner, `${redact}, object_id = 'another-object' WHERE seq = $1`, [entry.seq])).toMatch(/audit_entries is append-only/);
    expect(await refused(owner, `${redact}, actor_user_id = 'someone' WHERE seq = $1`, [entry.seq])).toMatch(/audit_entries is append-only/);
    // The columns it may update, but not to anything but the redaction.
    expect(await refused(web, `UPDATE audit_entries SET details = '{"step":"forged"}', redacted_at = 5000 WHERE seq = $1`, [entry.seq])).toMatch(/audit_entries is append-only/);
    expect(await refused(web, `UPDATE audit_entries SET details = '{"redacted":true}' WHERE seq = $1`, [entry.seq])).toMatch(/audit_entries is append-only/);
    const { rows } = await web.query("SELECT details, redacted_at, hash FROM audit_entries WHERE seq = $1", [entry.seq]);
    expect(rows).toEqual([{ details: entry.details, redacted_at: null, hash: entry.hash }]);
  });

  it("lets retention's redaction through once, hash unchanged", async () => {
    const entry = await auditEntry();
    const next = await auditEntry();
    await web.query(`UPDATE audit_entries SET details = '{"redacted":true}', redacted_at = 5000 WHERE seq = $1`, [entry.seq]);
    const { rows } = await web.query("SELECT details, redacted_at, hash, prev_hash FROM audit_entries WHERE seq = $1", [entry.seq]);
    expect(rows).toEqual([{ details: '{"redacted":true}', redacted_at: "5000", hash: entry.hash, prev_hash: entry.prev_hash }]);
    // Once: a redacted entry cannot be redacted again (nor un-redacted).
    expect(await refused(web, `UPDATE audit_entries SET details = '{"redacted":true}', redacted_at = 6000 WHERE seq = $1`, [entry.seq])).toMatch(/append-only/);
    expect(await refused(web, `UPDATE audit_entries SET redacted_at = NULL WHERE seq = $1`, [entry.seq])).toMatch(/append-only/);
    // The next entry is untouched, and still refuses anything but its own redaction.
    expect(await refused(owner, "UPDATE audit_entries SET action = 'award.other' WHERE seq = $1", [next.seq])).toMatch(/append-only/);
  });

  it("takes new entries from the identity sequence as the application", async () => {
    const a = await insert("audit_entries", { at: 1, action: "a", object_type: "b", object_id: "c", details: "{}", prev_hash: "p", hash: `h-${++serial}` });
    const b = await insert("audit_entries", { at: 2, action: "a", object_type: "b", object_id: "c", details: "{}", prev_hash: "p", hash: `h-${++serial}` });
    expect(Number(b.seq)).toBeGreaterThan(Number(a.seq));
  });
});

describe("the application's grants on PostgreSQL", () => {
  it("may write the tables but not alter or drop them, and gets the same on tables the owner creates later", async () => {
    expect(await refused(web, "ALTER TABLE calls ADD COLUMN forged text")).toMatch(/must be owner of table calls/);
    expect(await refused(web, "DROP TABLE score_aggregates_queue")).toMatch(/must be owner of table score_aggregates_queue/);
    expect(await refused(web, "CREATE TABLE forged (id text)")).toMatch(/permission denied for schema public/);
    // A later migration's table (ALTER DEFAULT PRIVILEGES of 0001_guards.sql).
    await owner.query("CREATE TABLE later_table (id bigint PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, note text)");
    try {
      await web.query("INSERT INTO later_table (note) VALUES ('a')");
      await web.query("UPDATE later_table SET note = 'b'");
      expect((await web.query("DELETE FROM later_table")).rowCount).toBe(1);
    } finally {
      await owner.query("DROP TABLE later_table");
    }
  });
});

describe("the opening record on PostgreSQL", () => {
  it("can change until the confirmation, and neither change nor go after it", async () => {
    const opening = await insert("openings", { started_at: 1000 });
    await web.query("UPDATE openings SET record = $2 WHERE id = $1", [opening.id, '{"draft":true}']);
    await web.query("UPDATE openings SET confirmed_at = 2000, record = $2 WHERE id = $1", [opening.id, '{"format":"final"}']);
    expect(await refused(web, "UPDATE openings SET record = $2 WHERE id = $1", [opening.id, '{"format":"gefälscht"}'])).toMatch(/a confirmed opening record cannot be changed/);
    expect(await refused(web, "UPDATE openings SET record_file_id = NULL WHERE id = $1", [opening.id])).toMatch(/cannot be changed/);
    expect(await refused(web, "DELETE FROM openings WHERE id = $1", [opening.id])).toMatch(/a confirmed opening record cannot be deleted/);
    expect(await refused(owner, "TRUNCATE openings")).toMatch(/a confirmed opening record cannot be deleted/);
    const { rows } = await web.query("SELECT record, confirmed_at FROM openings WHERE id = $1", [opening.id]);
    expect(rows).toEqual([{ record: '{"format":"final"}', confirmed_at: "2000" }]);
  });

  it("can still be deleted before the confirmation", async () => {
    const opening = await insert("openings", { started_at: 1000 });
    await web.query("DELETE FROM openings WHERE id = $1", [opening.id]);
    expect((await web.query("SELECT 1 FROM openings WHERE id = $1", [opening.id])).rowCount).toBe(0);
  });
});

describe("submitted content on PostgreSQL", () => {
  it("cannot change, except by retention's deletion, once, with the hash kept", async () => {
    const sub = await insert("submissions", { content_hash: "hash-of-content", sealed_content: Buffer.from("sealed") });
    expect(await refused(web, "UPDATE submissions SET sealed_content = '\\x00'::bytea WHERE id = $1", [sub.id])).toMatch(/submitted content cannot be changed/);
    expect(await refused(web, "UPDATE submissions SET content_hash = 'x' WHERE id = $1", [sub.id])).toMatch(/submitted content cannot be changed/);
    expect(await refused(web, "UPDATE submissions SET content_deleted_at = 9, content_hash = 'x' WHERE id = $1", [sub.id])).toMatch(/submitted content cannot be changed/);
    // Writing the same value is refused too, as in SQLite (UPDATE OF names the columns set).
    expect(await refused(web, "UPDATE submissions SET content_hash = content_hash WHERE id = $1", [sub.id])).toMatch(/submitted content cannot be changed/);
    // Other columns are not guarded.
    await web.query("UPDATE submissions SET withdrawn_at = 7 WHERE id = $1", [sub.id]);
    // Retention replaces the content once and marks it.
    await web.query("UPDATE submissions SET sealed_content = '\\x7b7d'::bytea, content_deleted_at = 9 WHERE id = $1", [sub.id]);
    expect(await refused(web, "UPDATE submissions SET sealed_content = '\\x00'::bytea WHERE id = $1", [sub.id])).toMatch(/submitted content cannot be changed/);
    expect(await refused(web, "UPDATE submissions SET content_deleted_at = 10 WHERE id = $1", [sub.id])).toMatch(/submitted content cannot be changed/);
    const { rows } = await web.query("SELECT content_hash, sealed_content, content_deleted_at FROM submissions WHERE id = $1", [sub.id]);
    expect(rows).toEqual([{ content_hash: "hash-of-content", sealed_content: Buffer.from("{}"), content_deleted_at: "9" }]);
  });
});

describe("public versions on PostgreSQL", () => {
  const version = async (scope: string) => Number((await web.query("SELECT version FROM public_versions WHERE scope = $1", [scope])).rows[0]?.version ?? 0);
  const highest = async () => Number((await web.query("SELECT coalesce(max(version), 0) AS v FROM public_versions")).rows[0].v);

  it("raises a call's version, to the highest of all, with a region inserted, and its original's with a follow-up's", async () => {
    const call = await insert("calls");
    const other = await insert("calls");
    const before = await version(`call:${call.id}`);
    await insert("regions", { call_id: call.id });
    const after = await version(`call:${call.id}`);
    expect(after).toBeGreaterThan(before);
    expect(after).toBe(await highest());
    const followUp = await insert("calls", { follow_up_of_call_id: other.id });
    const [followBefore, otherBefore] = [await version(`call:${followUp.id}`), await version(`call:${other.id}`)];
    await insert("regions", { call_id: followUp.id });
    expect(await version(`call:${followUp.id}`)).toBeGreaterThan(followBefore);
    expect(await version(`call:${other.id}`)).toBeGreaterThan(otherBefore);
    expect(await version(`call:${call.id}`)).toBe(after);
  });

  it("raises through a parent: a scale point by its criterion, client figures by their region", async () => {
    const call = await insert("calls");
    const criterion = await insert("criteria", { call_id: call.id });
    const region = await insert("regions", { call_id: call.id });
    let before = await version(`call:${call.id}`);
    await insert("scale_points", { criterion_id: criterion.id, points: 3 });
    expect(await version(`call:${call.id}`)).toBeGreaterThan(before);
    before = await version(`call:${call.id}`);
    await insert("client_figures", { region_id: region.id });
    expect(await version(`call:${call.id}`)).toBeGreaterThan(before);
    before = await version(`call:${call.id}`);
    await web.query("DELETE FROM scale_points WHERE criterion_id = $1", [criterion.id]);
    expect(await version(`call:${call.id}`)).toBeGreaterThan(before);
  });

  it("raises 'site' with an organisation's name, and not with its other columns", async () => {
    const organisation = await insert("organisations");
    const before = await version("site");
    await web.query("UPDATE organisations SET contact_phone = '0351' WHERE id = $1", [organisation.id]);
    expect(await version("site")).toBe(before);
    await web.query("UPDATE organisations SET name = 'Umbenannt e. V.' WHERE id = $1", [organisation.id]);
    expect(await version("site")).toBeGreaterThan(before);
    expect(await version("site")).toBe(await highest());
  });

  it("stays when nothing public is written (an application started)", async () => {
    const call = await insert("calls");
    const before = await version(`call:${call.id}`);
    await insert("applications", { call_id: call.id });
    expect(await version(`call:${call.id}`)).toBe(before);
  });
});

describe("score aggregates on PostgreSQL", () => {
  type Write = (table: string, values: Row) => Promise<unknown>;
  type Read = () => Promise<Map<string, unknown>>;

  /** The same rows, written to either database; the aggregates read after each step. */
  async function play(write: Write, remove: (table: string, id: string) => Promise<unknown>, read: Read): Promise<unknown[]> {
    const seen: unknown[] = [];
    const step = async () => seen.push(Object.fromEntries([...(await read()).entries()].sort()));
    await write("users", { id: "e1" });
    await write("users", { id: "e2" });
    await write("organisations", { id: "alpha" });
    await write("organisations", { id: "beta" });
    await write("calls", { id: "call" });
    await write("lots", { id: "lot", call_id: "call" });
    await write("criteria", { id: "c1", call_id: "call" });
    await write("criteria", { id: "c2", call_id: "call" });
    await write("applications", { id: "app-alpha", call_id: "call", organisation_id: "alpha" });
    await write("applications", { id: "app-beta", call_id: "call", organisation_id: "beta" });
    await write("submissions", { id: "sub-alpha", application_id: "app-alpha" });
    await write("submissions", { id: "sub-beta", application_id: "app-beta" });
    const score = (id: string, sub: string, evaluator: string, criterion: string, points: number, finalisedAt: number | null) =>
      write("scores", { id, submission_id: sub, lot_id: "lot", evaluator_id: evaluator, criterion_id: criterion, points, finalised_at: finalisedAt, updated_at: 1 });
    await score("s1", "sub-alpha", "e1", "c1", 4, 100);
    await score("s2", "sub-alpha", "e1", "c2", 2, 100);
    await score("s3", "sub-alpha", "e2", "c1", 3, 300);
    await score("s4", "sub-beta", "e2", "c1", 1, null); // a draft never counts
    await step(); // nothing certified yet: nothing counts
    await write("conflict_certifications", { id: "cert-e1", call_id: "call", evaluator_id: "e1", certified_at: 200 });
    await write("conflict_certifications", { id: "cert-e2", call_id: "call", evaluator_id: "e2", certified_at: 200 });
    await step(); // e2's score was finalised after the certification
    await write("conflict_certifications", { id: "cert-e2-later", call_id: "call", evaluator_id: "e2", certified_at: 400 });
    await step();
    await write("conflict_declarations", { id: "d1", call_id: "call", evaluator_id: "e1", organisation_id: "alpha", has_conflict: 1, types: "[]", note: "", declared_at: 500 });
    await step(); // e1 kept out of Alpha's bids
    await write("conflict_decisions", { id: "x1", declaration_id: "d1", outcome: "allow", reason: "", decided_by_user_id: "e2", decided_at: 600 });
    await step(); // allowed: counts again
    await remove("conflict_decisions", "x1");
    await write("conflict_declarations", { id: "d2", call_id: "call", evaluator_id: "e1", organisation_id: "alpha", has_conflict: 0, types: "[]", note: "", declared_at: 700 });
    await step(); // the latest declaration has no conflict
    await remove("scores", "s3");
    await remove("conflict_certifications", "cert-e1");
    await step();
    return seen;
  }

  it("are kept by the triggers as SQLite's are, row for row", async () => {
    // PostgreSQL, as the application: a database of its own, so the rows' ids are free.
    const own = await createDatabase(inject("postgresUrl") ?? cluster!.url, "score_aggregates");
    const ownOwner = new pg.Client({ connectionString: own.ownerUrl });
    await ownOwner.connect();
    await migrate(drizzle(ownOwner), { migrationsFolder: path.join(ROOT, "drizzle-pg") });
    const app = new pg.Client({ connectionString: own.appUrl });
    await app.connect();
    const readPg: Read = async () => new Map((await app.query("SELECT submission_id || '/' || lot_id AS bid, criteria FROM score_aggregates")).rows.map((r) => [r.bid, JSON.parse(r.criteria)]));
    let pgSeen: unknown[];
    try {
      pgSeen = await play(
        (table, values) => insert(table, values, app),
        (table, id) => app.query(`DELETE FROM ${table} WHERE id = $1`, [id]),
        readPg,
      );
      expect((await app.query("SELECT count(*)::int AS n FROM score_aggregates_queue")).rows[0].n).toBe(0);
    } finally {
      await app.end();
      await ownOwner.end();
    }

    // SQLite, migrated by drizzle/, foreign keys off: only the columns the view reads matter.
    const { dir, cleanup } = tempDir();
    const sqlite = new Database(path.join(dir, "portal.sqlite"));
    try {
      migrateSqlite(drizzleSqlite(sqlite), { migrationsFolder: path.join(ROOT, "drizzle") });
      sqlite.pragma("foreign_keys = OFF");
      const write: Write = async (table, values) => {
        const info = sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: unknown }[];
        const row: Row = {};
        for (const c of info) if (c.notnull && c.dflt_value === null) row[c.name] = c.type === "integer" ? 0 : c.type === "blob" ? Buffer.from("x") : `${c.name}-${++serial}`;
        Object.assign(row, values);
        const names = Object.keys(row);
        sqlite.prepare(`INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`).run(...names.map((n) => row[n] as never));
      };
      const sqliteSeen = await play(
        write,
        async (table, id) => sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id),
        async () => new Map((sqlite.prepare("SELECT submission_id || '/' || lot_id AS bid, criteria FROM score_aggregates").all() as { bid: string; criteria: string }[]).map((r) => [r.bid, JSON.parse(r.criteria)])),
      );
      const byCriterion = (seen: unknown[]) =>
        seen.map((bids) => Object.fromEntries(Object.entries(bids as Record<string, [string, ...number[]][]>).map(([bid, cells]) => [bid, [...cells].sort((a, b) => a[0].localeCompare(b[0]))])));
      expect(byCriterion(pgSeen)).toEqual(byCriterion(sqliteSeen));
      // And what they are, so that both agreeing on nothing would not pass.
      expect(byCriterion(pgSeen)).toEqual([
        {},
        { "sub-alpha/lot": [["c1", 1, 4, 4, 4], ["c2", 1, 2, 2, 2]] },
        { "sub-alpha/lot": [["c1", 2, 3, 4, 7], ["c2", 1, 2, 2, 2]] },
        { "sub-alpha/lot": [["c1", 1, 3, 3, 3]] },
        { "sub-alpha/lot": [["c1", 2, 3, 4, 7], ["c2", 1, 2, 2, 2]] },
        { "sub-alpha/lot": [["c1", 2, 3, 4, 7], ["c2", 1, 2, 2, 2]] },
        {},
      ]);
    } finally {
      sqlite.close();
      cleanup();
    }
  });
});
