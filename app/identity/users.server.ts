// Accounts of the city's staff (officers, evaluators) and, later, carrier members.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db } from "../infra/db.server";
import type { Locale, MessageKey } from "../i18n";
import { DomainError } from "../infra/errors";
import { users, type UserRole } from "../infra/schema";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "./passwords.server";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "./password-policy";

export type SessionUser = { id: string; email: string; name: string; role: UserRole };

// Messages are catalogue keys (the CLI prints them in German); `{max}` is the maximum.
export const NewStaffUser = z.object({
  email: z.string().trim().toLowerCase().email("staff.emailInvalid" satisfies MessageKey),
  name: z.string().trim().min(1, "staff.nameMissing" satisfies MessageKey),
  role: z.enum(["officer", "evaluator", "administrator"], { message: "staff.roleInvalid" satisfies MessageKey }),
  // The same policy as carriers' passwords (password-policy.ts).
  password: z
    .string()
    .min(12, "staff.passwordTooShort" satisfies MessageKey)
    .max(MAX_PASSWORD_LENGTH, "staff.passwordTooLong" satisfies MessageKey)
    .refine((p) => passwordProblem(p) !== "password.common", "staff.passwordCommon" satisfies MessageKey),
});
export type NewStaffUser = z.infer<typeof NewStaffUser>;

/** Creates an officer, evaluator or administrator (CLI). The email counts as confirmed: an operator made it. */
export async function createStaffUser(input: NewStaffUser & { now: Date; db?: Db }): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase(); // sign-in compares lower-case
  const passwordHash = await hashPassword(input.password); // outside the transaction: it is slow
  const database = input.db ?? defaultDb();
  return writeTx(async (tx) => {
    const taken = await first(tx.select({ id: users.id }).from(users).where(eq(users.email, email)));
    if (taken) throw new DomainError("CONFLICT", "staff.emailTaken", { email });
    const [row] = await tx
      .insert(users)
      .values({
        email,
        name: input.name,
        role: input.role,
        passwordHash,
        emailConfirmedAt: input.now,
      })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    await appendAudit(tx, {
      at: input.now,
      actorUserId: null,
      action: "user.created",
      objectType: "user",
      objectId: row.id,
      details: { role: row.role },
    });
    return row;
  }, database);
}

/** Checks email and password; records the attempt in the audit trail either way. */
export async function authenticate(opts: {
  email: string;
  password: string;
  now: Date;
  db?: Db;
}): Promise<SessionUser | null> {
  const database = opts.db ?? defaultDb();
  const email = opts.email.trim().toLowerCase();
  const row = await first(
    database
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        passwordHash: users.passwordHash,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .where(eq(users.email, email)),
  );
  const ok = row
    ? await verifyPassword(row.passwordHash, opts.password)
    : (await verifyPassword(await dummyPasswordHash(), opts.password), false);
  const success = Boolean(row && ok && !row.disabledAt);
  // A hash with outdated parameters is replaced now, while the password is at hand.
  const rehashed = success && needsRehash(row!.passwordHash) ? await hashPassword(opts.password) : null;
  await writeTx(async (tx) => {
    if (rehashed) {
      await tx.update(users).set({ passwordHash: rehashed }).where(eq(users.id, row!.id));
      await appendAudit(tx, {
        at: opts.now,
        actorUserId: row!.id,
        action: "auth.password-rehashed",
        objectType: "user",
        objectId: row!.id,
        details: {},
      });
    }
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: success ? row!.id : null,
      action: success ? "auth.sign-in" : "auth.sign-in-failed",
      objectType: "user",
      objectId: row?.id ?? "unknown",
      details: {},
    });
  }, database);
  return success ? { id: row!.id, email: row!.email, name: row!.name, role: row!.role } : null;
}

/** The account a pending sign-in names (second step), if it may still sign in. */
export async function sessionUserById(userId: string, database: Db = defaultDb()): Promise<SessionUser | null> {
  const row = await first(
    database
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, userId)),
  );
  return row && !row.disabledAt ? { id: row.id, email: row.email, name: row.name, role: row.role } : null;
}

/**
 * Keeps the language a signed-in user chose: the portal's mails and letters to them carry an
 * English translation after the binding German text when it is English (decision 0020).
 */
export async function setPreferredLocale(userId: string, locale: Locale, database: Db = defaultDb()): Promise<void> {
  await writeTx(async (tx) => {
    await tx.update(users).set({ locale }).where(eq(users.id, userId));
  }, database);
}
