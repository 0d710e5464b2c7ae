// Server-side sessions: the cookie carries a random token, the database its SHA-256,
// so a session can be revoked and a database dump holds no usable token.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, isNull } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db, type Tx } from "../infra/db.server";
import { env } from "../infra/env.server";
import { readOrCreateSecretFile } from "../infra/private-files.server";
import { sessions, users, type UserRole } from "../infra/schema";
import { isLocale } from "../i18n";
import { localeCookie } from "../i18n/locale.server";
import type { SessionUser } from "./users.server";
import { carrierContext } from "./carriers.server";
import { now as serverNow } from "../infra/clock.server";
import { hasSecondFactorSql, secondFactorRequired } from "./second-factor.server";

const SESSION_HOURS = 12;

function sha256(value: string) {
  return createHash("sha256").update(value).digest("hex");
}

/**
 * SESSION_SECRET, or a secret generated once and kept under DATA_DIR. Instances that share a
 * DATA_DIR (PostgreSQL, docs/scaling.md) share the file, so a cookie signed by one is accepted
 * by the others; instances with a DATA_DIR each must set the same SESSION_SECRET.
 */
export function sessionSecret(): string {
  const configured = env().SESSION_SECRET;
  if (configured) return configured;
  const file = path.join(env().dataDir, "session-secret");
  const read = () => {
    const secret = fs.readFileSync(file, "utf8").trim();
    if (!secret) throw new Error(`${file} is empty: remove it (a new secret is generated) or set SESSION_SECRET`);
    return secret;
  };
  return readOrCreateSecretFile(file, () => randomBytes(32).toString("hex"), read);
}

export function isSecureDeployment(): boolean {
  return env().PUBLIC_URL?.startsWith("https://") ?? false;
}

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  // `__Host-` binds the cookie to this host and path; browsers accept it only with Secure.
  cookie ??= createCookie(isSecureDeployment() ? "__Host-portal-session" : "portal-session", {
    httpOnly: true,
    sameSite: "lax",
    secure: isSecureDeployment(),
    path: "/",
    secrets: [sessionSecret()],
  });
  return cookie;
}

/**
 * Timeouts (ASVS 3.3.2): every session ends 12 hours after sign-in, however busy.
 * Idle: officers and evaluators 30 minutes (ASVS level 2), since their sessions reach
 * sealed bids after the opening, scores and the award; carrier members 2 hours, since
 * they write long texts (concept, cost plan) in one form without any request in between
 * and their session reaches only their own organisation's data.
 */
export const ABSOLUTE_TIMEOUT_MS = SESSION_HOURS * 3600_000;
export function idleTimeoutMs(role: UserRole): number {
  return role === "carrier" ? 2 * 3600_000 : 30 * 60_000;
}
/** last_seen_at is written at most once a minute, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * A new session with a fresh token (rotation: a token known before sign-in is never
 * trusted after it). The session the browser held so far, if any, is revoked.
 */
// Between password and code (second factor): a signed cookie naming the account, valid
// for 5 minutes by the server clock; no session exists until the code is right.
const PENDING_SIGN_IN_MS = 5 * 60_000;
let pendingCookie: ReturnType<typeof createCookie> | undefined;
function pendingSignInCookie() {
  pendingCookie ??= createCookie(isSecureDeployment() ? "__Host-portal-sign-in" : "portal-sign-in", {
    httpOnly: true,
    sameSite: "lax",
    secure: isSecureDeployment(),
    path: "/",
    secrets: [sessionSecret()],
  });
  return pendingCookie;
}

export function startPendingSignIn(userId: string, now: Date): Promise<string> {
  return pendingSignInCookie().serialize({ userId, at: now.getTime() }, { maxAge: PENDING_SIGN_IN_MS / 1000 });
}

/** The account whose password was right within the last 5 minutes, waiting for its code. */
export async function pendingSignIn(request: Request, now: Date): Promise<string | null> {
  const value: unknown = await pendingSignInCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const { userId, at } = value as { userId?: unknown; at?: unknown };
  if (typeof userId !== "string" || typeof at !== "number") return null;
  const age = now.getTime() - at;
  return age >= 0 && age < PENDING_SIGN_IN_MS ? userId : null;
}

export function clearPendingSignIn(): Promise<string> {
  return pendingSignInCookie().serialize("", { maxAge: 0 });
}

export async function startSession(
  user: SessionUser,
  now: Date,
  database: Db = defaultDb(),
  opts: { replacing?: Request; secondFactorAt?: Date | null } = {},
) {
  const token = randomBytes(32).toString("base64url");
  const previous = opts.replacing ? await sessionToken(opts.replacing) : null;
  // A language chosen before signing in is the user's choice too: kept for their mails (decision 0020).
  const chosen = opts.replacing ? await localeCookie.parse(opts.replacing.headers.get("Cookie")) : null;
  await writeTx(async (tx) => {
    if (isLocale(chosen)) await tx.update(users).set({ locale: chosen }).where(eq(users.id, user.id));
    if (previous) {
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.tokenHash, sha256(previous)), isNull(sessions.revokedAt)));
    }
    await tx
      .insert(sessions)
      .values({
        tokenHash: sha256(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
        secondFactorAt: opts.secondFactorAt ?? null,
      });
  }, database);
  return sessionCookie().serialize(token, { maxAge: SESSION_HOURS * 3600 });
}

async function sessionToken(request: Request): Promise<string | null> {
  const token = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof token === "string" && token ? token : null;
}

/**
 * `needsEnrolment`: a staff account without any second factor yet; its session reaches only
 * the enrolment page (/konto/zwei-faktor) and sign-out (decision 0034).
 */
export type CurrentSession = { id: string; user: SessionUser; secondFactorAt: Date | null; needsEnrolment: boolean };

export const ENROLMENT_PATH = "/konto/zwei-faktor";

/**
 * The session of the request, if it is neither revoked, nor past its absolute timeout,
 * nor idle for longer than its role allows (all against the server clock `now`).
 */
export async function currentSession(request: Request, now = serverNow(), database: Db = defaultDb()): Promise<CurrentSession | null> {
  const token = await sessionToken(request);
  if (!token) return null;
  const row = await first(
    database
      .select({
      sessionId: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      secondFactorAt: sessions.secondFactorAt,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      hasFactor: hasSecondFactorSql(),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now))),
  );
  if (!row || row.disabledAt) return null;
  // Once the account has a factor, a session that did not prove it counts for nothing (one
  // started before the factor was set up elsewhere): sign in again, with the factor.
  if (row.hasFactor && !row.secondFactorAt) return null;
  const t = now.getTime();
  if (t - row.createdAt.getTime() >= ABSOLUTE_TIMEOUT_MS) return null;
  if (t - row.lastSeenAt.getTime() >= idleTimeoutMs(row.role)) return null;
  if (t - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    // Plain update, no audit entry: activity is not a state change of the procedure. At most
    // once a minute per session, so most requests only read (on the reader connection).
    await writeTx(async (tx) => {
      await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
    }, database);
  }
  return {
    id: row.sessionId,
    user: { id: row.id, email: row.email, name: row.name, role: row.role },
    secondFactorAt: row.secondFactorAt,
    needsEnrolment: !row.hasFactor && secondFactorRequired(row.role, false),
  };
}

export async function currentUser(request: Request, now = serverNow(), database: Db = defaultDb()) {
  return (await currentSession(request, now, database))?.user ?? null;
}

/** Records that the session proved the second factor (TOTP) at `now`. */
export async function markSecondFactor(sessionId: string, now: Date, tx: Tx): Promise<void> {
  await tx.update(sessions).set({ secondFactorAt: now }).where(eq(sessions.id, sessionId));
}

export async function endSession(request: Request, now: Date, database: Db = defaultDb()) {
  const token = await sessionToken(request);
  if (token) {
    await writeTx(async (tx) => {
      const [row] = await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt)))
        .returning({ userId: sessions.userId });
      if (row) {
        await appendAudit(tx, {
          at: now,
          actorUserId: row.userId,
          action: "auth.sign-out",
          objectType: "user",
          objectId: row.userId,
        });
      }
    }, database);
  }
  return sessionCookie().serialize("", { maxAge: 0 });
}

/**
 * The signed-in user with one of `roles`, or a redirect to sign-in (403 for a wrong role).
 * A staff session still without a second factor is sent to enrolment instead: no staff
 * page is reachable before it.
 */
export async function requireUser(request: Request, opts: { roles?: UserRole[] } = {}) {
  return (await requireSession(request, opts)).user;
}

/**
 * Like requireUser, with the session (for pages that ask whether it proved the second factor).
 * `enrolment: true` only for the enrolment page itself.
 */
export async function requireSession(request: Request, opts: { roles?: UserRole[]; enrolment?: boolean } = {}): Promise<CurrentSession> {
  const session = await currentSession(request);
  const url = new URL(request.url);
  const here = encodeURIComponent(url.pathname + url.search);
  if (!session) throw redirect(`/anmelden?weiter=${here}`);
  if (session.needsEnrolment && !opts.enrolment) throw redirect(`${ENROLMENT_PATH}?weiter=${here}`);
  if (opts.roles && !opts.roles.includes(session.user.role)) throw new Response("Forbidden", { status: 403 });
  return session;
}

/** A signed-in carrier member with their organisation; others are sent to sign in or refused. */
export async function requireCarrier(request: Request) {
  const user = await requireUser(request, { roles: ["carrier"] });
  const carrier = await carrierContext(user.id);
  if (!carrier) throw new Response("Forbidden", { status: 403 });
  return { user, carrier, actor: { userId: user.id, organisationId: carrier.organisationId } };
}

/** Who is acting, for the access rules of sealed content (app/submission/access.server.ts). */
export async function requireActor(request: Request) {
  const user = await requireUser(request);
  const carrier = user.role === "carrier" ? await carrierContext(user.id) : null;
  return { user, actor: { userId: user.id, role: user.role, organisationId: carrier?.organisationId ?? null } };
}

export function homePathFor(role: UserRole): string {
  if (role === "administrator") return "/verwaltung/konten"; // reads no call (decision 0035)
  return role === "carrier" ? "/traeger" : "/verwaltung";
}
