// Passwort ändern: a signed-in person changes their password with the current one. Every
// other session of theirs ends (a session opened with the old password elsewhere stays no
// longer); the one in use stays. The owner gets a mail (sent by the caller after the commit).
import { eq } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { users } from "../infra/schema";
import { hashPassword, verifyPassword } from "./passwords.server";
import { revokeSessionsOf } from "./session-revocation.server";

export async function changePassword(opts: {
  userId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  now: Date;
  db?: Db;
}): Promise<{ email: string; name: string; locale: "de" | "en" | null }> {
  const database = opts.db ?? defaultDb();
  const row = await first(
    database
      .select({ email: users.email, name: users.name, locale: users.locale, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, opts.userId)),
  );
  if (!row) throw new DomainError("NOT_FOUND", "notFound.account");
  const ok = await verifyPassword(row.passwordHash, opts.currentPassword);
  const passwordHash = ok ? await hashPassword(opts.newPassword) : null;
  await writeTx(async (tx) => {
    if (passwordHash) {
      await tx.update(users).set({ passwordHash }).where(eq(users.id, opts.userId));
      await revokeSessionsOf(tx, opts.userId, opts.now, { except: opts.sessionId });
    }
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.userId,
      action: passwordHash ? "user.password-changed" : "user.password-change-failed",
      objectType: "user",
      objectId: opts.userId,
    });
  }, database);
  if (!passwordHash) throw new DomainError("INVALID", "password.currentWrong", {}, "currentPassword");
  return { email: row.email, name: row.name, locale: row.locale };
}
