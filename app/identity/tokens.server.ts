// One-time tokens for links in mails: only their SHA-256 is stored, they expire, and
// using one marks it used in the same transaction as the change it allows.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { first, type Tx } from "../infra/db.server";
import { userTokens } from "../infra/schema";

export type TokenPurpose = (typeof userTokens.$inferInsert)["purpose"];

export const TOKEN_HOURS: Record<TokenPurpose, number> = {
  "confirm-email": 72,
  "reset-password": 2,
  invite: 7 * 24,
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function issueToken(
  tx: Tx,
  opts: { purpose: TokenPurpose; email: string; userId?: string | null; organisationId?: string | null; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(opts.now.getTime() + TOKEN_HOURS[opts.purpose] * 3600_000);
  await tx.insert(userTokens).values({
      tokenHash: hashToken(token),
      purpose: opts.purpose,
      email: opts.email,
      userId: opts.userId ?? null,
      organisationId: opts.organisationId ?? null,
      expiresAt,
    });
  return { token, expiresAt };
}

/** The token's row while it is unused and unexpired, for this purpose only. */
function isValidToken(opts: { token: string; purpose: TokenPurpose; now: Date }) {
  return and(
    eq(userTokens.tokenHash, hashToken(opts.token)),
    eq(userTokens.purpose, opts.purpose),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, opts.now),
  );
}

/** Marks a valid token used and returns its row, or null if unknown, used or expired. */
export async function consumeToken(tx: Tx, opts: { token: string; purpose: TokenPurpose; now: Date }) {
  const row = await first(tx.select().from(userTokens).where(isValidToken(opts)));
  if (!row) return null;
  await tx.update(userTokens).set({ usedAt: opts.now }).where(eq(userTokens.id, row.id));
  return row;
}

/** Looks at a token without using it (to show a form before the user acts). */
export async function peekToken(tx: Pick<Tx, "select">, opts: { token: string; purpose: TokenPurpose; now: Date }) {
  return (
    (await first(
      tx
        .select({ email: userTokens.email, organisationId: userTokens.organisationId, userId: userTokens.userId })
        .from(userTokens)
        .where(isValidToken(opts)),
    )) ?? null
  );
}
