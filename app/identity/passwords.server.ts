// argon2id with OWASP's recommended parameters (Password Storage Cheat Sheet: 19 MiB,
// 2 iterations, 1 lane; the minimum of RFC 9106's memory-constrained range). A hash made
// with other parameters (older, weaker, or another argon2 variant) is replaced at the next
// successful sign-in, when the password is at hand (see authenticate in users.server.ts).
import { hash, verify } from "@node-rs/argon2";

export const PASSWORD_HASH_PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const OPTIONS = { algorithm: 2 /* Argon2id */, ...PASSWORD_HASH_PARAMETERS } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * True when a stored PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) was not made
 * with today's algorithm, version and parameters. Rehashing to exactly the current
 * parameters also lets an operator lower the memory cost deliberately.
 */
export function needsRehash(passwordHash: string): boolean {
  const match = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!match) return true;
  const [, variant, version, m, t, p] = match;
  return (
    variant !== "argon2id" ||
    Number(version) !== 19 ||
    Number(m) !== PASSWORD_HASH_PARAMETERS.memoryCost ||
    Number(t) !== PASSWORD_HASH_PARAMETERS.timeCost ||
    Number(p) !== PASSWORD_HASH_PARAMETERS.parallelism
  );
}

// Verified against when the email is unknown, so that both paths take the same time.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-only-for-timing");
  return dummyHash;
}
