// Server-side sessions: the cookie carries a random token, the database its SHA-256,
// so a session can be revoked and a database dump holds no usable token.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, isNull } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, writeTx, type Db } from "../infra/db.server";
import { env } from "../infra/env.server";
import { sessions, users, type UserRole } from "../infra/schema";
import type { SessionUser } from "./users.server";
import { carrierContext } from "./carriers.server";
import { now as serverNow } from "../infra/clock.server";

const SESSION_HOURS = 12;

function sha256(value: string) {
  return createHash("sha256").update(value).digest("hex");
}

/** SESSION_SECRET, or a secret generated once and kept under DATA_DIR. */
function sessionSecret(): string {
  const configured = env().SESSION_SECRET;
  if (configured) return configured;
  const file = path.join(env().dataDir, "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(env().dataDir, { recursive: true });
    const secret = randomBytes(32).toString("hex");
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
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

export async function startSession(user: SessionUser, now: Date, database: Db = defaultDb()) {
  const token = randomBytes(32).toString("base64url");
  writeTx((tx) => {
    tx.insert(sessions)
      .values({
        tokenHash: sha256(token),
        userId: user.id,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
      })
      .run();
  }, database);
  return sessionCookie().serialize(token, { maxAge: SESSION_HOURS * 3600 });
}

export async function currentUser(request: Request, now = serverNow(), database: Db = defaultDb()) {
  const token = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof token !== "string") return null;
  const row = database
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .get();
  if (!row || row.disabledAt) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role } satisfies SessionUser;
}

export async function endSession(request: Request, now: Date, database: Db = defaultDb()) {
  const token = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof token === "string") {
    writeTx((tx) => {
      const row = tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt)))
        .returning({ userId: sessions.userId })
        .get();
      if (row) {
        appendAudit(tx, {
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

/** The signed-in user with one of `roles`, or a redirect to sign-in (403 for a wrong role). */
export async function requireUser(request: Request, opts: { roles?: UserRole[] } = {}) {
  const user = await currentUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (opts.roles && !opts.roles.includes(user.role)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

/** A signed-in carrier member with their organisation; others are sent to sign in or refused. */
export async function requireCarrier(request: Request) {
  const user = await requireUser(request, { roles: ["carrier"] });
  const carrier = carrierContext(user.id);
  if (!carrier) throw new Response("Forbidden", { status: 403 });
  return { user, carrier, actor: { userId: user.id, organisationId: carrier.organisationId } };
}

/** Who is acting, for the access rules of sealed content (app/submission/access.server.ts). */
export async function requireActor(request: Request) {
  const user = await requireUser(request);
  const carrier = user.role === "carrier" ? carrierContext(user.id) : null;
  return { user, actor: { userId: user.id, role: user.role, organisationId: carrier?.organisationId ?? null } };
}

export function homePathFor(role: UserRole): string {
  return role === "carrier" ? "/traeger" : "/verwaltung";
}
