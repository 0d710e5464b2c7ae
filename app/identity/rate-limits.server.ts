// Rate limits with back-off for sign-in, registration, password reset and questions
// (ASVS 2.2.1: anti-automation). Counters live in the portal's SQLite file (table
// rate_limits, migration 0005), so a restart does not reset them. Each action is limited
// per account (email, or the signed-in user) and per client address; sign-in counts only
// failures and a success clears the account's counters, so colleagues behind one address
// who type their passwords right are never blocked. A limit that is hit blocks for
// 15 minutes; every further block of the same key within a day doubles (up to 24 h).
import { createHash } from "node:crypto";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { db as defaultDb, first, writeTx, type Db, type Reader, type Tx } from "../infra/db.server";
import { env } from "../infra/env.server";
import { rateLimits } from "../infra/schema";

type Rule = { points: number; windowSeconds: number };

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const FIRST_BLOCK_SECONDS = 15 * MINUTE;
const MAX_BLOCK_SECONDS = 24 * HOUR;
const STRIKE_MEMORY_SECONDS = 24 * HOUR;

/** How many attempts each key may make within its window before it is blocked. */
export const RULES = {
  // sign-in: failures only
  "sign-in:account+address": { points: 5, windowSeconds: 15 * MINUTE },
  "sign-in:account": { points: 20, windowSeconds: HOUR }, // guessing from many addresses
  // Per address the limits are generous: one address may be a whole organisation's NAT
  // (or the test suite on 127.0.0.1); the per-account limits do the close work.
  "sign-in:address": { points: 100, windowSeconds: HOUR }, // one address trying many accounts
  // registration, password reset, questions: every well-formed request
  "register:account": { points: 5, windowSeconds: HOUR },
  "register:address": { points: 100, windowSeconds: HOUR },
  "reset:account": { points: 5, windowSeconds: HOUR },
  "reset:address": { points: 100, windowSeconds: HOUR },
  "question:account": { points: 20, windowSeconds: HOUR },
  "question:address": { points: 100, windowSeconds: HOUR },
} as const satisfies Record<string, Rule>;
export type RuleName = keyof typeof RULES;
export type LimitKey = { rule: RuleName; key: string };

/** Blocked: how long until the next attempt is allowed. */
export type Blocked = { retryAfterSeconds: number };

// The counters are rate-limiter-flexible's SQLite store layout (key `<rule>:<key>`, points,
// `expire` in epoch milliseconds), kept by the few statements below through drizzle: every
// change runs inside writeTx on the writer connection, so it is ordered with the other
// transactions and never waits on a lock outside the queue, and the same statements serve
// any dialect. A counter whose `expire` has passed counts as absent.
type Counter = { points: number; expire: number | null };

const strikeRule: Rule = { points: 1_000_000, windowSeconds: STRIKE_MEMORY_SECONDS };

function storeKey(name: string, key: string): string {
  return `${name}:${key}`;
}

function live(now: number) {
  return or(isNull(rateLimits.expire), gt(rateLimits.expire, now));
}

/** The live counter of a key, or undefined. */
async function readCounter(database: Reader, name: string, key: string, now: number): Promise<Counter | undefined> {
  return first(
    database
      .select({ points: rateLimits.points, expire: rateLimits.expire })
      .from(rateLimits)
      .where(and(eq(rateLimits.key, storeKey(name, key)), live(now))),
  );
}

/** Adds one point to a live counter, or starts a new one for the rule's window; returns it. */
async function addPoint(tx: Tx, name: string, key: string, rule: Rule, now: number): Promise<Counter> {
  const stillLive = sql`(${rateLimits.expire} IS NULL OR ${rateLimits.expire} > ${now})`;
  const [row] = await tx
    .insert(rateLimits)
    .values({ key: storeKey(name, key), points: 1, expire: now + rule.windowSeconds * 1000 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        points: sql`CASE WHEN ${stillLive} THEN ${rateLimits.points} + 1 ELSE 1 END`,
        expire: sql`CASE WHEN ${stillLive} THEN ${rateLimits.expire} ELSE ${now + rule.windowSeconds * 1000} END`,
      },
    })
    .returning({ points: rateLimits.points, expire: rateLimits.expire });
  return row;
}

/** Blocks a key for `seconds`: its counter is set over the limit until then. */
async function blockKey(tx: Tx, name: string, key: string, rule: Rule, seconds: number, now: number): Promise<void> {
  const values = { points: rule.points + 1, expire: now + seconds * 1000 };
  await tx
    .insert(rateLimits)
    .values({ key: storeKey(name, key), ...values })
    .onConflictDoUpdate({ target: rateLimits.key, set: values });
}

function msBeforeNext(counter: Counter, now: number): number {
  return counter.expire === null ? -1 : Math.max(counter.expire - now, 0);
}

/** Email addresses are kept as a hash: the table needs only to tell them apart. */
function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}

export function signInKeys(email: string, address: string): LimitKey[] {
  const account = accountKey(email);
  return [
    { rule: "sign-in:account+address", key: `${account}@${address}` },
    { rule: "sign-in:account", key: account },
    { rule: "sign-in:address", key: address },
  ];
}

export function registrationKeys(email: string, address: string): LimitKey[] {
  return [
    { rule: "register:account", key: accountKey(email) },
    { rule: "register:address", key: address },
  ];
}

export function passwordResetKeys(email: string, address: string): LimitKey[] {
  return [
    { rule: "reset:account", key: accountKey(email) },
    { rule: "reset:address", key: address },
  ];
}

export function questionKeys(userId: string, address: string): LimitKey[] {
  return [
    { rule: "question:account", key: userId },
    { rule: "question:address", key: address },
  ];
}

/** The longest block among `keys`, or null when every key may try again. */
export async function checkBlocked(keys: LimitKey[], database: Db = defaultDb()): Promise<Blocked | null> {
  let longest = 0;
  for (const { rule, key } of keys) {
    const now = Date.now();
    const counter = await readCounter(database, rule, key, now);
    if (counter && counter.points > RULES[rule].points) longest = Math.max(longest, msBeforeNext(counter, now));
  }
  return longest > 0 ? { retryAfterSeconds: Math.ceil(longest / 1000) } : null;
}

/**
 * Counts one attempt against every key. A key that goes over its limit is blocked, for
 * 15 minutes the first time and twice as long at each further block within a day.
 */
export async function recordAttempt(keys: LimitKey[], database: Db = defaultDb()): Promise<Blocked | null> {
  const longest = await writeTx(async (tx) => {
    let ms = 0;
    for (const { rule, key } of keys) {
      const now = Date.now();
      const counter = await addPoint(tx, rule, key, RULES[rule], now);
      if (counter.points <= RULES[rule].points) continue;
      const strikes = await addPoint(tx, `strike:${rule}`, key, strikeRule, now);
      const seconds = blockSeconds(strikes.points);
      await blockKey(tx, rule, key, RULES[rule], seconds, now);
      ms = Math.max(ms, seconds * 1000);
    }
    return ms;
  }, database);
  return longest > 0 ? { retryAfterSeconds: Math.ceil(longest / 1000) } : null;
}

/** Forgets the attempts of `keys` (after a successful sign-in); earlier strikes still count. */
export async function clearAttempts(keys: LimitKey[], database: Db = defaultDb()): Promise<void> {
  await writeTx(async (tx) => {
    for (const { rule, key } of keys) await tx.delete(rateLimits).where(eq(rateLimits.key, storeKey(rule, key)));
  }, database);
}

/** Back-off: 15 min for the first block, doubled for each further one, at most 24 h. */
export function blockSeconds(strike: number): number {
  return Math.min(FIRST_BLOCK_SECONDS * 2 ** Math.max(strike - 1, 0), MAX_BLOCK_SECONDS);
}

/**
 * When a block ends by the server clock: `now` plus the wait, rounded up to the whole
 * minute, so that someone who tries again at the minute shown is let in.
 */
export function blockedUntil(blocked: Blocked, now: Date): Date {
  return new Date(Math.ceil((now.getTime() + blocked.retryAfterSeconds * 1000) / 60_000) * 60_000);
}

/** Whole minutes for the message, rounded up ("in 15 Minuten"). */
export function retryAfterMinutes(blocked: Blocked): number {
  return Math.max(1, Math.ceil(blocked.retryAfterSeconds / 60));
}

/**
 * The client's address: the socket's peer (server.mjs passes it as `clientAddress` in the
 * load context). Behind TRUST_PROXY=n reverse proxies, the n-th address from the right of
 * X-Forwarded-For: each trusted proxy appends the address it received the request from,
 * and anything further left was written by the client and can be forged.
 */
export function clientAddress(request: Request, socketAddress: string | undefined): string {
  const hops = env().TRUST_PROXY;
  if (hops > 0) {
    const forwarded = (request.headers.get("X-Forwarded-For") ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean);
    const chosen = forwarded[forwarded.length - hops];
    if (chosen) return normaliseAddress(chosen);
  }
  return socketAddress ? normaliseAddress(socketAddress) : "unknown";
}

/** IPv4-mapped IPv6 as IPv4; IPv6 by its /64 prefix, the block one household or host holds. */
export function normaliseAddress(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1];
  if (!a.includes(":")) return a;
  const [head, tail = ""] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = a.includes("::") && tail ? tail.split(":") : [];
  const groups = a.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
