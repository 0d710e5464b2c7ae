import { createHash } from "node:crypto";
import { asc, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AUDIT_GENESIS, appendAudit, auditHash, auditHead, canonicalJson } from "../../app/infra/audit.server";
import { first, runSql, writeTx } from "../../app/infra/db.server";
import { auditEntries } from "../../app/infra/schema";
import { tempDatabase, testDialect, type TempDb } from "../support/temp-db";

// SQLite's trigger refuses; on PostgreSQL the application role lacks the grant, which refuses
// first (its trigger, for the owner, is tested in postgres-guards.test.ts).
const APPEND_ONLY = testDialect() === "postgres" ? /permission denied for table audit_entries/ : /audit_entries is append-only/;

const AT = new Date("2017-01-26T09:00:00Z"); // 1485421200000 ms

const base = {
  at: AT,
  actorUserId: "user-1",
  action: "call.published",
  objectType: "call",
  objectId: "call-1",
  details: '{"slug":"dresden-2017"}',
};

describe("auditHash", () => {
  it("is the SHA-256 of the length-prefixed fields under the version tag (worked out by hand)", () => {
    // "Los-ü" is 6 bytes in UTF-8, so its prefix is 6, not 5.
    const entry = { ...base, objectId: "Los-ü" };
    const expected = createHash("sha256")
      .update(
        "8:audit-v1" +
          `64:${"0".repeat(64)}` +
          "13:1485421200000" +
          "6:user-1" +
          "14:call.published" +
          "4:call" +
          "6:Los-ü" +
          '23:{"slug":"dresden-2017"}',
      )
      .digest("hex");
    expect(auditHash(AUDIT_GENESIS, entry)).toBe(expected);
  });

  it("is 64 hex digits and the genesis is 64 zeros", () => {
    expect(AUDIT_GENESIS).toBe("0".repeat(64));
    expect(auditHash(AUDIT_GENESIS, base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when any single field changes", () => {
    const original = auditHash(AUDIT_GENESIS, base);
    const variants = [
      auditHash("1".repeat(64), base),
      auditHash(AUDIT_GENESIS, { ...base, at: new Date(AT.getTime() + 1) }),
      auditHash(AUDIT_GENESIS, { ...base, actorUserId: "user-2" }),
      auditHash(AUDIT_GENESIS, { ...base, actorUserId: null }),
      auditHash(AUDIT_GENESIS, { ...base, action: "call.imported" }),
      auditHash(AUDIT_GENESIS, { ...base, objectType: "user" }),
      auditHash(AUDIT_GENESIS, { ...base, objectId: "call-2" }),
      auditHash(AUDIT_GENESIS, { ...base, details: '{"slug":"dresden-2018"}' }),
    ];
    for (const v of variants) expect(v).not.toBe(original);
    expect(new Set(variants).size).toBe(variants.length);
  });

  it("is the same for the same fields (deterministic)", () => {
    expect(auditHash(AUDIT_GENESIS, { ...base })).toBe(auditHash(AUDIT_GENESIS, base));
  });

  it("prevents ambiguity by length-prefixing: „ab“ + „c“ differs from „a“ + „bc“", () => {
    const abc = auditHash(AUDIT_GENESIS, { ...base, action: "ab", objectType: "c" });
    const aBc = auditHash(AUDIT_GENESIS, { ...base, action: "a", objectType: "bc" });
    expect(abc).not.toBe(aBc);
    // The same shift across objectId and details.
    expect(auditHash(AUDIT_GENESIS, { ...base, objectId: "x{", details: "}" })).not.toBe(
      auditHash(AUDIT_GENESIS, { ...base, objectId: "x", details: "{}" }),
    );
  });
});

describe("canonicalJson", () => {
  it("sorts object keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, 2], c: { z: true, y: null } } })).toBe(
      '{"a":{"c":{"y":null,"z":true},"d":[3,1,2]},"b":1}',
    );
  });

  it("gives the same text for the same content written in another key order", () => {
    expect(canonicalJson({ slug: "x", hash: "y" })).toBe(canonicalJson({ hash: "y", slug: "x" }));
  });

  it("sorts the keys of objects inside arrays", () => {
    expect(canonicalJson([{ b: 2, a: 1 }, "s"])).toBe('[{"a":1,"b":2},"s"]');
  });

  it("writes dates as ISO strings", () => {
    expect(canonicalJson({ at: AT })).toBe('{"at":"2017-01-26T09:00:00.000Z"}');
  });
});

describe("the audit trail in a real SQLite file", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDatabase();
  });
  afterEach(() => t.cleanup());

  /** The messages of the error a promise rejects with and of its causes (drizzle wraps the database's error of a raw statement). */
  async function refusalOf(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      const messages: string[] = [];
      for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
      return messages.join("\n");
    }
    throw new Error("the statement was not refused");
  }

  async function append(n: number) {
    for (let i = 0; i < n; i++) {
      await writeTx(
        (tx) =>
          appendAudit(tx, {
            at: new Date(AT.getTime() + i * 1000),
            actorUserId: i % 2 ? null : `user-${i}`,
            action: "test.step",
            objectType: "test",
            objectId: `object-${i}`,
            details: { step: i, zeta: "last", alpha: "first" },
          }),
        t.db,
      );
    }
  }

  it("starts with the genesis head on an empty trail", async () => {
    expect(await auditHead(t.db)).toBe(AUDIT_GENESIS);
  });

  it("chains entries: the first prevHash is 64 zeros, each next prevHash is the previous hash", async () => {
    await append(3);
    const rows = await t.db.select().from(auditEntries).orderBy(asc(auditEntries.seq));
    expect(rows).toHaveLength(3);
    expect(rows[0].prevHash).toBe(AUDIT_GENESIS);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(rows[2].prevHash).toBe(rows[1].hash);
    expect(await auditHead(t.db)).toBe(rows[2].hash);
  });

  it("stores canonical details and a hash that can be recomputed from the stored row", async () => {
    await append(2);
    const rows = await t.db.select().from(auditEntries).orderBy(asc(auditEntries.seq));
    expect(rows[0].details).toBe('{"alpha":"first","step":0,"zeta":"last"}');
    expect(rows[1].actorUserId).toBeNull();
    for (const row of rows) expect(auditHash(row.prevHash, row)).toBe(row.hash);
  });

  it("returns the new head from appendAudit", async () => {
    const head = await writeTx(
      (tx) => appendAudit(tx, { at: AT, actorUserId: null, action: "a", objectType: "b", objectId: "c" }),
      t.db,
    );
    expect(head).toBe(auditHash(AUDIT_GENESIS, { at: AT, actorUserId: null, action: "a", objectType: "b", objectId: "c", details: "{}" }));
    expect(await auditHead(t.db)).toBe(head);
  });

  it("refuses UPDATE on audit_entries (trigger, and on PostgreSQL the grants)", async () => {
    await append(1);
    expect(await refusalOf(writeTx((tx) => runSql(tx, sql`UPDATE audit_entries SET action = 'forged'`), t.db))).toMatch(APPEND_ONLY);
    expect((await first(t.db.select().from(auditEntries)))?.action).toBe("test.step");
  });

  it("refuses DELETE on audit_entries (trigger, and on PostgreSQL the grants)", async () => {
    await append(2);
    expect(await refusalOf(writeTx((tx) => runSql(tx, sql`DELETE FROM audit_entries WHERE seq = 1`), t.db))).toMatch(APPEND_ONLY);
    await expect(writeTx(async (tx) => { await tx.delete(auditEntries); }, t.db)).rejects.toThrow(APPEND_ONLY);
    expect(await t.db.select().from(auditEntries)).toHaveLength(2);
  });

  it("rolls back the audit entry together with a failing transaction", async () => {
    await expect(
      writeTx(async (tx) => {
        await appendAudit(tx, { at: AT, actorUserId: null, action: "a", objectType: "b", objectId: "c" });
        throw new Error("later step failed");
      }, t.db),
    ).rejects.toThrow("later step failed");
    expect(await t.db.select().from(auditEntries)).toHaveLength(0);
  });
});
