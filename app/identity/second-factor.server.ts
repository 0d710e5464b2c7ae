// The second factor of an account, whatever its kind: TOTP (totp.server.ts) or passkeys
// (WebAuthn through @simplewebauthn/server). Officers and evaluators must have one and prove
// it at every sign-in; carrier members may turn one on (decision 0034).
//
// A session that did not prove the factor is worth nothing once the account has one
// (sessions.server.ts reads `hasSecondFactor` for that); a staff session without a factor on
// the account reaches only the enrolment page.
import type { AuthenticationResponseJSON, AuthenticatorTransportFuture, RegistrationResponseJSON } from "@simplewebauthn/server";
import { and, eq, gt, isNotNull, sql } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db, type Tx } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { mailErrorForLog, sendMail } from "../infra/mail.server";
import { passkeyChallenges, passkeys, sessions, users, type UserRole } from "../infra/schema";
import { secondFactorChangedLetter, type FactorChange } from "../mail/letters";
import { revokeSessionsOf } from "./session-revocation.server";

// The WebAuthn library (with its ASN.1 and CBOR parsers) takes ~30 MiB of the server's memory
// once loaded: loaded at the first passkey step, not at start, so a server whose staff use TOTP,
// and every server through a deadline rush, never carry it.
let webAuthn: Promise<typeof import("@simplewebauthn/server")> | null = null;
const loadWebAuthn = () => (webAuthn ??= import("@simplewebauthn/server"));

const CHALLENGE_MS = 5 * 60_000;
export const PASSKEY_NAME_MAX = 60;

/** Officers and evaluators always; a carrier member only once they turned a factor on. */
export function secondFactorRequired(role: UserRole, hasFactor: boolean): boolean {
  return role !== "carrier" || hasFactor;
}

/** The relying party of WebAuthn: the portal's public address (its host name is the RP ID). */
export type RelyingParty = { id: string; name: string; origin: string };

export function relyingPartyOf(baseUrl: string, name: string): RelyingParty {
  const url = new URL(baseUrl);
  return { id: url.hostname, name, origin: url.origin };
}

/**
 * SQL: the account has TOTP switched on or at least one passkey. The names are written out
 * with their tables: in a query of one table drizzle leaves columns unqualified, and an
 * unqualified "id" inside the subquery would be the passkey's own.
 */
export function hasSecondFactorSql() {
  return sql<number>`("users"."totp_enabled_at" is not null or exists (select 1 from "passkeys" where "passkeys"."user_id" = "users"."id"))`;
}

export async function hasSecondFactor(userId: string, database: Db | Tx = defaultDb()): Promise<boolean> {
  const row = await first(database.select({ has: hasSecondFactorSql() }).from(users).where(eq(users.id, userId)));
  return Boolean(row?.has);
}

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };
export type SecondFactors = { totp: boolean; passkeys: PasskeySummary[] };

export async function secondFactorsOf(userId: string, database: Db = defaultDb()): Promise<SecondFactors> {
  const totp = await first(database.select({ at: users.totpEnabledAt }).from(users).where(eq(users.id, userId)));
  const keys = await database
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(passkeys.createdAt);
  return { totp: Boolean(totp?.at), passkeys: keys };
}

async function accountOf(tx: Db | Tx, userId: string) {
  const row = await first(
    tx
      .select({ email: users.email, name: users.name, role: users.role, locale: users.locale, totpEnabledAt: users.totpEnabledAt })
      .from(users)
      .where(eq(users.id, userId)),
  );
  if (!row) throw new DomainError("NOT_FOUND", "notFound.account");
  return row;
}

async function passkeyCount(tx: Db | Tx, userId: string): Promise<number> {
  return (await first(tx.select({ n: sql<number>`count(*)` }).from(passkeys).where(eq(passkeys.userId, userId))))?.n ?? 0;
}

/** Staff keep at least one factor: removing the last one would leave them without a way in. */
async function refuseRemovingLastFactor(tx: Tx, userId: string, remaining: number): Promise<void> {
  if (remaining === 0 && (await accountOf(tx, userId)).role !== "carrier") throw new DomainError("CONFLICT", "security.factor.lastOne");
}

// ---------------------------------------------------------------------------------------
// Mails to the owner when a factor is added or removed (ASVS 2.5.5, 2.2.3), after the
// commit; a failed mail is logged and does not undo the change.

export async function notifyFactorChange(userId: string, change: FactorChange, now: Date, database: Db = defaultDb()): Promise<boolean> {
  const account = await accountOf(database, userId);
  try {
    await sendMail({ to: account.email, ...secondFactorChangedLetter({ name: account.name, change, at: now, reader: account.locale ?? "de" }) });
    return true;
  } catch (error) {
    console.warn(`[mail] second factor change could not be sent: ${mailErrorForLog(error)}`);
    return false;
  }
}

// ---------------------------------------------------------------------------------------
// Passkeys.

async function storeChallenge(tx: Tx, userId: string, purpose: "register" | "sign-in", challenge: string, now: Date): Promise<void> {
  // One open challenge per account and purpose: an older one is replaced.
  await tx.delete(passkeyChallenges).where(and(eq(passkeyChallenges.userId, userId), eq(passkeyChallenges.purpose, purpose)));
  await tx.insert(passkeyChallenges).values({ userId, purpose, challenge, expiresAt: new Date(now.getTime() + CHALLENGE_MS) });
}

/** Takes the account's open challenge of `purpose` (single use), or null when none is valid. */
async function takeChallenge(tx: Tx, userId: string, purpose: "register" | "sign-in", now: Date): Promise<string | null> {
  const [row] = await tx
    .delete(passkeyChallenges)
    .where(and(eq(passkeyChallenges.userId, userId), eq(passkeyChallenges.purpose, purpose), gt(passkeyChallenges.expiresAt, now)))
    .returning({ challenge: passkeyChallenges.challenge });
  return row?.challenge ?? null;
}

async function credentialsOf(database: Db | Tx, userId: string) {
  return database
    .select({ id: passkeys.id, credentialId: passkeys.credentialId, publicKey: passkeys.publicKey, counter: passkeys.counter, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, userId));
}

/** How the browser is told of a stored passkey (to exclude it at registration, allow it at sign-in). */
const descriptorOf = (c: { credentialId: string; transports: string[] }) => ({ id: c.credentialId, transports: c.transports as AuthenticatorTransportFuture[] });

export async function passkeyRegistrationOptions(opts: { userId: string; rp: RelyingParty; now: Date; db?: Db }) {
  const database = opts.db ?? defaultDb();
  const account = await accountOf(database, opts.userId);
  const excludeCredentials = (await credentialsOf(database, opts.userId)).map(descriptorOf);
  const options = await (await loadWebAuthn()).generateRegistrationOptions({
    rpName: opts.rp.name,
    rpID: opts.rp.id,
    userName: account.email,
    userDisplayName: account.name,
    userID: new TextEncoder().encode(opts.userId),
    attestationType: "none",
    excludeCredentials,
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await writeTx((tx) => storeChallenge(tx, opts.userId, "register", options.challenge, opts.now), database);
  return options;
}

/**
 * Verifies the browser's answer to the registration challenge and stores the passkey. The
 * session that registered it counts as proven (it just showed the factor), as with TOTP.
 */
export async function registerPasskey(opts: {
  userId: string;
  sessionId: string;
  name: string;
  response: RegistrationResponseJSON;
  rp: RelyingParty;
  now: Date;
  db?: Db;
}): Promise<{ id: string }> {
  const database = opts.db ?? defaultDb();
  const name = opts.name.trim().slice(0, PASSKEY_NAME_MAX) || "Passkey";
  const challenge = await writeTx((tx) => takeChallenge(tx, opts.userId, "register", opts.now), database);
  if (!challenge) throw new DomainError("CONFLICT", "security.passkey.expired");
  const verification = await (await loadWebAuthn()).verifyRegistrationResponse({
    response: opts.response,
    expectedChallenge: challenge,
    expectedOrigin: opts.rp.origin,
    expectedRPID: opts.rp.id,
    requireUserVerification: false,
  }).catch(() => ({ verified: false as const, registrationInfo: undefined }));
  if (!verification.verified) {
    await writeTx((tx) => audit(tx, opts.userId, opts.now, "auth.passkey-failed", { step: "register" }), database);
    throw new DomainError("CONFLICT", "security.passkey.failed");
  }
  const credential = verification.registrationInfo.credential;
  const created = await writeTx(async (tx) => {
    const [row] = await tx
      .insert(passkeys)
      .values({
        userId: opts.userId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? [],
        name,
        createdAt: opts.now,
      })
      .returning({ id: passkeys.id });
    await tx.update(sessions).set({ secondFactorAt: opts.now }).where(eq(sessions.id, opts.sessionId));
    await audit(tx, opts.userId, opts.now, "auth.passkey-added", { passkeyId: row.id });
    return row;
  }, database);
  await notifyFactorChange(opts.userId, "passkey-added", opts.now, database);
  return created;
}

/** Options for the second step of signing in with a passkey, limited to the account's own. */
export async function passkeySignInOptions(opts: { userId: string; rp: RelyingParty; now: Date; db?: Db }) {
  const database = opts.db ?? defaultDb();
  const credentials = await credentialsOf(database, opts.userId);
  if (credentials.length === 0) throw new DomainError("CONFLICT", "security.passkey.none");
  const options = await (await loadWebAuthn()).generateAuthenticationOptions({
    rpID: opts.rp.id,
    allowCredentials: credentials.map(descriptorOf),
    userVerification: "preferred",
  });
  await writeTx((tx) => storeChallenge(tx, opts.userId, "sign-in", options.challenge, opts.now), database);
  return options;
}

/**
 * Checks a passkey's answer for the account waiting to sign in. A counter that does not grow
 * (where the authenticator keeps one) is refused: it points to a cloned authenticator.
 * Audits success and failure; returns whether the factor is proven.
 */
export async function verifyPasskeySignIn(opts: {
  userId: string;
  response: AuthenticationResponseJSON;
  rp: RelyingParty;
  now: Date;
  db?: Db;
}): Promise<boolean> {
  const database = opts.db ?? defaultDb();
  const challenge = await writeTx((tx) => takeChallenge(tx, opts.userId, "sign-in", opts.now), database);
  const stored = (await credentialsOf(database, opts.userId)).find((c) => c.credentialId === opts.response.id);
  let newCounter: number | null = null;
  if (challenge && stored) {
    const result = await (await loadWebAuthn()).verifyAuthenticationResponse({
      response: opts.response,
      expectedChallenge: challenge,
      expectedOrigin: opts.rp.origin,
      expectedRPID: opts.rp.id,
      credential: { ...descriptorOf(stored), publicKey: new Uint8Array(stored.publicKey), counter: stored.counter },
      requireUserVerification: false,
    }).catch(() => null);
    if (result?.verified) newCounter = result.authenticationInfo.newCounter;
  }
  return writeTx(async (tx) => {
    if (newCounter === null || !stored) {
      await audit(tx, opts.userId, opts.now, "auth.second-factor-failed", { method: "passkey", reason: challenge ? "wrong" : "expired" });
      return false;
    }
    await tx.update(passkeys).set({ counter: newCounter, lastUsedAt: opts.now }).where(eq(passkeys.id, stored.id));
    await audit(tx, opts.userId, opts.now, "auth.second-factor", { method: "passkey", passkeyId: stored.id });
    return true;
  }, database);
}

export async function removePasskey(opts: { userId: string; passkeyId: string; now: Date; db?: Db }): Promise<void> {
  const database = opts.db ?? defaultDb();
  await writeTx(async (tx) => {
    const [removed] = await tx
      .delete(passkeys)
      .where(and(eq(passkeys.id, opts.passkeyId), eq(passkeys.userId, opts.userId)))
      .returning({ id: passkeys.id });
    if (!removed) throw new DomainError("NOT_FOUND", "notFound.passkey");
    const totp = Boolean((await accountOf(tx, opts.userId)).totpEnabledAt);
    await refuseRemovingLastFactor(tx, opts.userId, (await passkeyCount(tx, opts.userId)) + (totp ? 1 : 0));
    await audit(tx, opts.userId, opts.now, "auth.passkey-removed", { passkeyId: removed.id });
  }, database);
  await notifyFactorChange(opts.userId, "passkey-removed", opts.now, database);
}

/** Switches TOTP off (carriers, or staff who keep a passkey). */
export async function removeTotp(opts: { userId: string; now: Date; db?: Db }): Promise<void> {
  const database = opts.db ?? defaultDb();
  await writeTx(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null })
      .where(and(eq(users.id, opts.userId), isNotNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (!row) throw new DomainError("CONFLICT", "security.totp.notEnabled");
    await refuseRemovingLastFactor(tx, opts.userId, await passkeyCount(tx, opts.userId));
    await audit(tx, opts.userId, opts.now, "auth.totp-removed", {});
  }, database);
  await notifyFactorChange(opts.userId, "totp-removed", opts.now, database);
}

/**
 * Removes every second factor of the account (TOTP and passkeys) and ends all its sessions:
 * at the next sign-in the user enrols again (staff) or signs in with the password alone
 * (carriers). For a lost factor, after the administrator checked who asks (ASVS 2.5.7).
 * `actorUserId`: who did it (the administrator; null for the CLI).
 */
export async function resetSecondFactor(opts: { userId: string; now: Date; db?: Db; actorUserId?: string | null }): Promise<{ passkeys: number; totp: boolean }> {
  const database = opts.db ?? defaultDb();
  const removed = await writeTx(async (tx) => {
    const result = await removeSecondFactors(tx, opts.userId, opts.now);
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actorUserId ?? null,
      action: "auth.second-factor-reset",
      objectType: "user",
      objectId: opts.userId,
      details: result,
    });
    return result;
  }, database);
  await notifyFactorChange(opts.userId, "reset", opts.now, database);
  return removed;
}

/**
 * The reset inside a caller's transaction (account administration audits it as its own act):
 * every factor goes and every session ends, or nothing does. The caller tells the owner
 * afterwards with `notifyFactorChange(userId, "reset", …)`.
 */
export async function removeSecondFactors(tx: Tx, userId: string, now: Date): Promise<{ passkeys: number; totp: boolean }> {
  const account = await accountOf(tx, userId);
  await tx.update(users).set({ totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId));
  const keys = await tx.delete(passkeys).where(eq(passkeys.userId, userId)).returning({ id: passkeys.id });
  await tx.delete(passkeyChallenges).where(eq(passkeyChallenges.userId, userId));
  await revokeSessionsOf(tx, userId, now);
  return { passkeys: keys.length, totp: Boolean(account.totpEnabledAt) };
}

async function audit(tx: Tx, userId: string, at: Date, action: string, details: Record<string, unknown>): Promise<void> {
  await appendAudit(tx, { at, actorUserId: userId, action, objectType: "user", objectId: userId, details });
}
