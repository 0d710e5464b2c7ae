import { generateTOTP } from "@epic-web/totp";
import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { needsRehash } from "../../app/identity/passwords.server";
import { blockSeconds, checkBlocked, clearAttempts, clientAddress, normaliseAddress, passwordResetKeys, questionKeys, recordAttempt, registrationKeys, signInKeys } from "../../app/identity/rate-limits.server";
import { currentSession, currentUser, startSession } from "../../app/identity/sessions.server";
import { beginTotpSetup, checkTotpCode, isTotpEnabled, totpStatus } from "../../app/identity/totp.server";
import { authenticate, createStaffUser } from "../../app/identity/users.server";
import { closeDatabase, first, writeTx, type Db } from "../../app/infra/db.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { auditEntries, sessions, users } from "../../app/infra/schema";
import { tempDatabase, type TempDb } from "../support/temp-db";

const NOW = new Date("2017-01-20T08:00:00Z");
const PASSWORD = "korrekt-Pferd-Batterie-17";
const MINUTE = 60_000;

let t: TempDb;
let db: Db;
let officer: Awaited<ReturnType<typeof createStaffUser>>;

beforeAll(async () => {
  t = await tempDatabase();
  db = t.db;
  process.env.DATA_DIR = t.dir; // the session secret is generated under DATA_DIR
  resetEnvForTests();
  officer = await createStaffUser({ email: "anna@example.org", name: "Anna", role: "officer", password: PASSWORD, now: NOW, db });
});
afterAll(() => {
  t.cleanup();
  delete process.env.DATA_DIR;
  resetEnvForTests();
});
afterEach(() => {
  vi.useRealTimers();
});

function cookieHeader(setCookie: string): Request {
  return new Request("http://portal.test/", { headers: { Cookie: setCookie.split(";")[0] } });
}

describe("password hashes", () => {
  it("keeps a hash made with today's parameters and flags weaker or other-variant ones", async () => {
    const current = (await first(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, officer.id))))!.h;
    expect(current).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(current)).toBe(false);
    expect(needsRehash(current.replace("m=19456", "m=4096"))).toBe(true);
    expect(needsRehash(current.replace("argon2id", "argon2i"))).toBe(true);
    expect(needsRehash("$2b$10$bcrypt-hash")).toBe(true);
  });

  it("rehashes an outdated hash at the next successful sign-in, with an audit entry", async () => {
    const weak = await hash(PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 3, parallelism: 1 });
    await writeTx(async (tx) => {
      await tx.update(users).set({ passwordHash: weak }).where(eq(users.id, officer.id));
    }, db);
    expect(await authenticate({ email: "anna@example.org", password: "falsch-falsch-falsch", now: NOW, db })).toBeNull();
    expect((await first(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, officer.id))))!.h).toBe(weak);
    expect(await authenticate({ email: "anna@example.org", password: PASSWORD, now: NOW, db })).not.toBeNull();
    const after = (await first(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, officer.id))))!.h;
    expect(after).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await authenticate({ email: "anna@example.org", password: PASSWORD, now: NOW, db })).not.toBeNull();
    const actions = (await db.select({ action: auditEntries.action }).from(auditEntries)).map((r) => r.action);
    expect(actions.filter((a) => a === "auth.password-rehashed")).toHaveLength(1);
  });
});

describe("rate limits", () => {
  it("blocks the sixth failed sign-in of an account from one address for 15 minutes", async () => {
    const keys = signInKeys("Bernd@Example.org", "203.0.113.7");
    for (let i = 0; i < 5; i++) {
      expect(await checkBlocked(keys, db)).toBeNull();
      expect(await recordAttempt(keys, db)).toBeNull();
    }
    const blocked = await recordAttempt(keys, db);
    expect(blocked?.retryAfterSeconds).toBe(15 * 60);
    expect((await checkBlocked(keys, db))?.retryAfterSeconds).toBeGreaterThan(14 * 60);
    // Another address is not blocked for the same account yet (its own counter)
    expect(await checkBlocked(signInKeys("bernd@example.org", "198.51.100.1").slice(0, 1), db)).toBeNull();
  });

  it("still blocks after a restart: a new limiter on the same database", async () => {
    const keys = signInKeys("bernd@example.org", "203.0.113.7");
    const reopened = t.reopen();
    try {
      expect((await checkBlocked(keys, reopened))?.retryAfterSeconds).toBeGreaterThan(14 * 60);
    } finally {
      closeDatabase(reopened);
    }
  });

  it("doubles the block for the next run of failures within a day", async () => {
    const keys = signInKeys("carla@example.org", "203.0.113.9");
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    for (let i = 0; i < 5; i++) await recordAttempt(keys, db);
    expect((await recordAttempt(keys, db))?.retryAfterSeconds).toBe(15 * 60);
    vi.setSystemTime(start + 16 * MINUTE); // the first block is over
    expect(await checkBlocked(keys, db)).toBeNull();
    for (let i = 0; i < 5; i++) await recordAttempt(keys, db);
    expect((await recordAttempt(keys, db))?.retryAfterSeconds).toBe(30 * 60);
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const keys = signInKeys("dora@example.org", "203.0.113.10");
    for (let i = 0; i < 4; i++) await recordAttempt(keys, db);
    await clearAttempts(keys.filter((k) => k.rule !== "sign-in:address"), db);
    for (let i = 0; i < 5; i++) expect(await recordAttempt(keys, db)).toBeNull();
  });

  it("allows five registrations and five password resets per email an hour, twenty questions per member", async () => {
    for (const [keys, allowed] of [
      [registrationKeys("neu@example.org", "203.0.113.20"), 5],
      [passwordResetKeys("neu@example.org", "203.0.113.20"), 5],
      [questionKeys("user-1", "203.0.113.20"), 20],
    ] as const) {
      for (let i = 0; i < allowed; i++) expect(await recordAttempt([...keys], db)).toBeNull();
      expect((await recordAttempt([...keys], db))?.retryAfterSeconds).toBe(15 * 60);
      // Another email from the same address is not affected.
      expect(await checkBlocked([keys[0]].map((k) => ({ ...k, key: "other" })), db)).toBeNull();
    }
  });

  it("grows the block from 15 minutes by doubling, to at most a day", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(blockSeconds)).toEqual([900, 1800, 3600, 7200, 14400, 28800, 57600, 86400]);
  });

  it("takes the client address from the socket and trusts X-Forwarded-For only as far as TRUST_PROXY says", () => {
    const request = new Request("http://portal.test/anmelden", { headers: { "X-Forwarded-For": "6.6.6.6, 198.51.100.23" } });
    try {
      expect(clientAddress(request, "::ffff:10.0.0.2")).toBe("10.0.0.2");
      process.env.TRUST_PROXY = "1";
      resetEnvForTests();
      expect(clientAddress(request, "10.0.0.2")).toBe("198.51.100.23"); // what our proxy saw, not the forged left entry
      process.env.TRUST_PROXY = "2";
      resetEnvForTests();
      expect(clientAddress(request, "10.0.0.2")).toBe("6.6.6.6");
    } finally {
      delete process.env.TRUST_PROXY;
      resetEnvForTests();
    }
  });

  it("keys IPv6 clients by their /64 and IPv4-mapped addresses as IPv4", () => {
    expect(normaliseAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normaliseAddress("2001:db8:0:1:aaaa::1")).toBe("2001:db8:0:1::/64");
    expect(normaliseAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
  });
});

describe("sessions", () => {
  const staff = () => ({ id: officer.id, email: officer.email, name: officer.name, role: "officer" as const });

  it("revokes the browser's previous session when a new one starts (rotation)", async () => {
    const first = await startSession(staff(), NOW, db);
    const second = await startSession(staff(), NOW, db, { replacing: cookieHeader(first) });
    expect(first.split(";")[0]).not.toBe(second.split(";")[0]);
    expect(await currentUser(cookieHeader(first), NOW, db)).toBeNull();
    expect((await currentUser(cookieHeader(second), NOW, db))?.id).toBe(officer.id);
  });

  it("ends an officer's session after 30 idle minutes, but not while it is used", async () => {
    const cookie = await startSession(staff(), NOW, db);
    const at = (m: number) => new Date(NOW.getTime() + m * MINUTE);
    expect(await currentUser(cookieHeader(cookie), at(29), db)).not.toBeNull();
    expect(await currentUser(cookieHeader(cookie), at(58), db)).not.toBeNull(); // 29 min after the last use
    expect(await currentUser(cookieHeader(cookie), at(88), db)).toBeNull();
  });

  it("gives a carrier member two idle hours", async () => {
    const carrier = await createStaffUser({ email: "traeger@example.org", name: "T", role: "evaluator", password: PASSWORD, now: NOW, db });
    await writeTx(async (tx) => {
      await tx.update(users).set({ role: "carrier" }).where(eq(users.id, carrier.id));
    }, db);
    const cookie = await startSession({ ...carrier, role: "carrier" }, NOW, db);
    expect(await currentUser(cookieHeader(cookie), new Date(NOW.getTime() + 119 * MINUTE), db)).not.toBeNull();
    const fresh = await startSession({ ...carrier, role: "carrier" }, NOW, db);
    expect(await currentUser(cookieHeader(fresh), new Date(NOW.getTime() + 121 * MINUTE), db)).toBeNull();
  });

  it("ends every session 12 hours after sign-in however busy it was", async () => {
    const cookie = await startSession(staff(), NOW, db);
    for (let m = 20; m < 12 * 60; m += 20) {
      expect(await currentUser(cookieHeader(cookie), new Date(NOW.getTime() + m * MINUTE), db), `minute ${m}`).not.toBeNull();
    }
    expect(await currentUser(cookieHeader(cookie), new Date(NOW.getTime() + 12 * 60 * MINUTE), db)).toBeNull();
  });
});

describe("second factor (TOTP)", () => {
  it("stores the secret sealed, enables it with a code, refuses the same code twice", async () => {
    const evaluator = await createStaffUser({ email: "eva@example.org", name: "Eva", role: "evaluator", password: PASSWORD, now: NOW, db });
    await beginTotpSetup({ userId: evaluator.id, now: NOW, db });
    const status = await totpStatus(evaluator.id, "Portal", db);
    const secret = status.pendingSecret!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(status.otpauthUri).toContain(`secret=${secret}`);
    const stored = (await first(db.select({ s: users.totpSecretSealed }).from(users).where(eq(users.id, evaluator.id))))!.s!;
    expect(stored).not.toContain(secret);
    expect(await isTotpEnabled(evaluator.id, db)).toBe(false);

    expect(await checkTotpCode({ userId: evaluator.id, code: "000000", purpose: "setup", now: NOW, db })).toBe("wrong");
    const { otp } = await generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" });
    const cookie = await startSession({ ...evaluator }, NOW, db);
    const session = (await currentSession(cookieHeader(cookie), NOW, db))!;
    expect(session.secondFactorAt).toBeNull();
    const marked: string[] = [];
    expect(
      await checkTotpCode({
        userId: evaluator.id,
        code: otp,
        purpose: "setup",
        now: NOW,
        db,
        onSuccess: async (tx) => {
          await tx.update(sessions).set({ secondFactorAt: NOW }).where(eq(sessions.id, session.id));
          marked.push(session.id);
        },
      }),
    ).toBe("ok");
    expect(marked).toEqual([session.id]);
    expect(await isTotpEnabled(evaluator.id, db)).toBe(true);
    expect((await currentSession(cookieHeader(cookie), NOW, db))!.secondFactorAt).toEqual(NOW);
    // Replay: the code of a used time step is refused at sign-in.
    expect(await checkTotpCode({ userId: evaluator.id, code: otp, purpose: "sign-in", now: NOW, db })).toBe("replayed");
    // The next step's code works once.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 30_000 });
    const next = (await generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" })).otp;
    vi.useRealTimers();
    expect(await checkTotpCode({ userId: evaluator.id, code: next, purpose: "sign-in", now: NOW, db })).toBe("ok");
    expect(await checkTotpCode({ userId: evaluator.id, code: next, purpose: "sign-in", now: NOW, db })).toBe("replayed");
    const actions = (await db.select({ action: auditEntries.action }).from(auditEntries)).map((r) => r.action);
    expect(actions).toContain("auth.totp-enabled");
    expect(actions).toContain("auth.second-factor");
    expect(actions).toContain("auth.second-factor-failed");
  });
});
