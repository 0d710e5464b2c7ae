import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate, createStaffUser } from "../../app/identity/users.server";
import { first, rowsOf, writeTx, type Db } from "../../app/infra/db.server";
import { DomainError } from "../../app/infra/errors";
import { auditEntries, users } from "../../app/infra/schema";
import { tempDatabase, type TempDb } from "../support/temp-db";

// argon2id is deliberately slow, so one database and one account serve the whole file;
// each test reads only the audit entries it caused (by sequence number).
const NOW = new Date("2017-01-20T08:00:00Z");
const PASSWORD = "korrekt-Pferd-Batterie-17";

let t: TempDb;
let db: Db;
let anna: Awaited<ReturnType<typeof createStaffUser>>;

beforeAll(async () => {
  t = await tempDatabase();
  db = t.db;
  anna = await createStaffUser({
    email: "anna.vergabe@example.org",
    name: "Anna Vergabe",
    role: "officer",
    password: PASSWORD,
    now: NOW,
    db,
  });
});
afterAll(() => t.cleanup());

async function lastSeq(): Promise<number> {
  return (await db.select({ seq: auditEntries.seq }).from(auditEntries)).reduce((m, r) => Math.max(m, r.seq), 0);
}

async function auditSince(seq: number) {
  return (await db.select().from(auditEntries).orderBy(asc(auditEntries.seq))).filter((r) => r.seq > seq);
}

describe("createStaffUser", () => {
  it("returns the new user without the password", () => {
    expect(anna).toEqual({ id: expect.any(String), email: "anna.vergabe@example.org", name: "Anna Vergabe", role: "officer" });
  });

  it("stores an argon2id hash, never the password", async () => {
    const row = (await first(db.select().from(users).where(eq(users.id, anna.id))))!;
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(row.passwordHash).not.toContain(PASSWORD);
    const everything = JSON.stringify(await rowsOf(db, sql`SELECT * FROM users`));
    expect(everything).not.toContain(PASSWORD);
    expect(row.emailConfirmedAt).toEqual(NOW);
    expect(row.disabledAt).toBeNull();
  });

  it("writes a user.created audit entry without the password", async () => {
    const entry = (await first(db.select().from(auditEntries).where(eq(auditEntries.objectId, anna.id)).orderBy(asc(auditEntries.seq))))!;
    expect(entry).toMatchObject({ action: "user.created", objectType: "user", actorUserId: null });
    expect(JSON.parse(entry.details)).toEqual({ role: "officer" });
    expect(entry.details).not.toContain(PASSWORD);
  });

  it("refuses a second account with the same email (DomainError CONFLICT) and adds no row", async () => {
    const before = (await db.select().from(users)).length;
    const seq = await lastSeq();
    const attempt = createStaffUser({
      email: "anna.vergabe@example.org",
      name: "Anna Zwei",
      role: "evaluator",
      password: "ein-anderes-Passwort-99",
      now: NOW,
      db,
    });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({
      code: "CONFLICT",
      key: "staff.emailTaken",
      params: { email: "anna.vergabe@example.org" },
    });
    expect(await db.select().from(users)).toHaveLength(before);
    expect(await auditSince(seq)).toEqual([]);
  });
});

describe("authenticate", () => {
  it("accepts the right password with the email in other case and surrounding spaces, and audits auth.sign-in", async () => {
    const seq = await lastSeq();
    const user = await authenticate({ email: "  Anna.Vergabe@EXAMPLE.org ", password: PASSWORD, now: NOW, db });
    expect(user).toEqual(anna);
    const entries = await auditSince(seq);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "auth.sign-in",
      actorUserId: anna.id,
      objectType: "user",
      objectId: anna.id,
      at: NOW,
    });
  });

  it("refuses a wrong password and audits auth.sign-in-failed for that user, without the attempt", async () => {
    const seq = await lastSeq();
    const wrong = "korrekt-Pferd-Batterie-18";
    expect(await authenticate({ email: "anna.vergabe@example.org", password: wrong, now: NOW, db })).toBeNull();
    const entries = await auditSince(seq);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "auth.sign-in-failed", actorUserId: null, objectId: anna.id });
    expect(entries[0].details).not.toContain(wrong);
  });

  it("refuses the password in other case (passwords are case-sensitive)", async () => {
    expect(await authenticate({ email: "anna.vergabe@example.org", password: PASSWORD.toUpperCase(), now: NOW, db })).toBeNull();
  });

  it("refuses an unknown email and audits auth.sign-in-failed with object „unknown“", async () => {
    const seq = await lastSeq();
    expect(await authenticate({ email: "niemand@example.org", password: PASSWORD, now: NOW, db })).toBeNull();
    const entries = await auditSince(seq);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "auth.sign-in-failed", actorUserId: null, objectType: "user", objectId: "unknown" });
    expect(entries[0].details).not.toContain("niemand");
  });

  it("refuses a disabled account even with the right password", async () => {
    const bernd = await createStaffUser({
      email: "bernd@example.org",
      name: "Bernd",
      role: "evaluator",
      password: PASSWORD,
      now: NOW,
      db,
    });
    await writeTx(async (tx) => {
      await tx.update(users).set({ disabledAt: NOW }).where(eq(users.id, bernd.id));
    }, db);
    const seq = await lastSeq();
    expect(await authenticate({ email: "bernd@example.org", password: PASSWORD, now: NOW, db })).toBeNull();
    expect((await auditSince(seq)).map((e) => [e.action, e.objectId])).toEqual([["auth.sign-in-failed", bernd.id]]);
  });

  it("keeps the audit trail chained across users and sign-ins", async () => {
    await authenticate({ email: "anna.vergabe@example.org", password: PASSWORD, now: NOW, db });
    const rows = await db.select().from(auditEntries).orderBy(asc(auditEntries.seq));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
  });
});
