// TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app reads
// it): one of the second factors of second-factor.server.ts (staff must have one, carriers may). The secret is
// stored sealed (AES-256-GCM, the user's id as associated data) with a key derived by
// HKDF from the master key of sealed storage (PORTAL_MASTER_KEY, never in the database), so
// a copy of the database yields no usable secret; a used time step is remembered (users.totp_last_step) so
// that a code works only once (ASVS 2.8.4).
//
// The code is checked against the wall clock, not the portal's test-adjustable clock:
// @epic-web/totp reads Date itself, and so does the officer's authenticator app.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getTOTPAuthUri, verifyTOTP } from "@epic-web/totp";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db, type Tx } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { users } from "../infra/schema";
import { masterKey } from "../infra/sealing.server";

const PERIOD = 30;
const DIGITS = 6;
const ALGORITHM = "SHA-1";
const CHAR_SET = "0123456789";
const SECRET_BYTES = 20; // 160 bits, RFC 4226's recommendation
const SEALED_VERSION = "v2"; // v2: key from the master key (v1 used the session secret; never deployed)

let cachedKey: { masterId: string; key: Buffer } | undefined;
function sealingKey(): Buffer {
  const master = masterKey();
  if (cachedKey?.masterId !== master.id) {
    const key = Buffer.from(hkdfSync("sha256", master.key, "portal-totp-salt", "portal/totp-secret/v2", 32));
    cachedKey = { masterId: master.id, key };
  }
  return cachedKey.key;
}

export function sealSecret(secret: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(), iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${SEALED_VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

export function unsealSecret(sealed: string, userId: string): string {
  const [version, payload] = sealed.split(":");
  if (version !== SEALED_VERSION || !payload) throw new Error("unknown sealed TOTP secret format");
  const raw = Buffer.from(payload, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** RFC 4648 base32 without padding, as otpauth URIs carry it. */
export function base32(bytes: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

export type TotpStatus = { enabled: boolean; pendingSecret: string | null; otpauthUri: string | null };

async function totpRow(database: Db | Tx, userId: string) {
  return first(
    database
      .select({
        email: users.email,
        role: users.role,
        sealed: users.totpSecretSealed,
        enabledAt: users.totpEnabledAt,
        lastStep: users.totpLastStep,
      })
      .from(users)
      .where(eq(users.id, userId)),
  );
}

export async function isTotpEnabled(userId: string, database: Db = defaultDb()): Promise<boolean> {
  return Boolean((await totpRow(database, userId))?.enabledAt);
}

/** What the setup page shows: enabled, or the secret waiting for its first code. */
export async function totpStatus(userId: string, issuer: string, database: Db = defaultDb()): Promise<TotpStatus> {
  const row = await totpRow(database, userId);
  if (!row) throw new DomainError("NOT_FOUND", "notFound.account");
  if (row.enabledAt) return { enabled: true, pendingSecret: null, otpauthUri: null };
  if (!row.sealed) return { enabled: false, pendingSecret: null, otpauthUri: null };
  const secret = unsealSecret(row.sealed, userId);
  const otpauthUri = getTOTPAuthUri({ secret, period: PERIOD, digits: DIGITS, algorithm: ALGORITHM, accountName: row.email, issuer });
  return { enabled: false, pendingSecret: secret, otpauthUri };
}

/** Einrichtung beginnen: a new secret, stored sealed, not yet in force. */
export async function beginTotpSetup(opts: { userId: string; now: Date; db?: Db }): Promise<void> {
  const secret = base32(randomBytes(SECRET_BYTES));
  await writeTx(async (tx) => {
    const row = await totpRow(tx, opts.userId);
    if (!row) throw new DomainError("NOT_FOUND", "notFound.account");
    if (row.enabledAt) throw new DomainError("CONFLICT", "security.totp.alreadyEnabled");
    await tx
      .update(users)
      .set({ totpSecretSealed: sealSecret(secret, opts.userId), totpLastStep: null })
      .where(eq(users.id, opts.userId));
    await appendAudit(tx, { at: opts.now, actorUserId: opts.userId, action: "auth.totp-setup-started", objectType: "user", objectId: opts.userId });
  }, opts.db ?? defaultDb());
}

/** The time step a code belongs to, or null when it matches none within ±1 step. */
async function matchingStep(secret: string, code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const current = Math.floor(Date.now() / 1000 / PERIOD);
  const result = await verifyTOTP({ otp: code, secret, period: PERIOD, digits: DIGITS, algorithm: ALGORITHM, charSet: CHAR_SET, window: 1 });
  return result ? current + result.delta : null;
}

export type CodeCheck = "ok" | "wrong" | "replayed";

/**
 * Checks a code and, when it is right and its time step unused, uses the step up and
 * calls `onSuccess` in the same transaction (enable the factor, mark the session).
 * `purpose` "setup" checks the pending secret, "sign-in" the enabled one.
 */
export async function checkTotpCode(opts: {
  userId: string;
  code: string;
  purpose: "setup" | "sign-in";
  now: Date;
  db?: Db;
  onSuccess?: (tx: Tx) => void | Promise<void>;
}): Promise<CodeCheck> {
  const database = opts.db ?? defaultDb();
  const row = await totpRow(database, opts.userId);
  const ready = opts.purpose === "setup" ? row?.sealed && !row.enabledAt : row?.sealed && row.enabledAt;
  const step = ready ? await matchingStep(unsealSecret(row!.sealed!, opts.userId), opts.code.replace(/\s/g, "")) : null;
  return writeTx(async (tx) => {
    let outcome: CodeCheck = "wrong";
    if (step !== null) {
      // Conditional update: two requests with the same code cannot both pass.
      const [used] = await tx
        .update(users)
        .set({ totpLastStep: step, ...(opts.purpose === "setup" ? { totpEnabledAt: opts.now } : {}) })
        .where(and(eq(users.id, opts.userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
        .returning({ id: users.id });
      outcome = used ? "ok" : "replayed";
    }
    if (outcome === "ok") await opts.onSuccess?.(tx);
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.userId,
      action:
        outcome === "ok"
          ? opts.purpose === "setup"
            ? "auth.totp-enabled"
            : "auth.second-factor"
          : "auth.second-factor-failed",
      objectType: "user",
      objectId: opts.userId,
      details: outcome === "ok" ? {} : { reason: outcome },
    });
    return outcome;
  }, database);
}

