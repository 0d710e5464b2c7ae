// Ending every open session of an account inside a caller's transaction: sign-out everywhere,
// a password change (all but the session that made it), a factor reset, a disabled or re-roled
// account. A leaf module, so that the session, carrier, account and factor modules can share it.
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Tx } from "../infra/db.server";
import { sessions } from "../infra/schema";

export async function revokeSessionsOf(tx: Tx, userId: string, now: Date, opts: { except?: string } = {}): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), opts.except ? ne(sessions.id, opts.except) : undefined));
}
