// Password rules after NIST SP 800-63B and BSI: length counts, composition rules do not.
// At least 12 characters, at most 256, not one of the ~49,000 most common passwords,
// and not the user's own email address or name.
import { createRequire } from "node:module";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  // Required at the first check, not imported: unpacking the dictionaries costs every process
  // that imports this module (the server, the CLI, tests) a quarter of a second at start.
  if (!common) {
    const { dictionary } = createRequire(import.meta.url)("@zxcvbn-ts/language-common") as typeof import("@zxcvbn-ts/language-common");
    common = new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  }
  return common;
}

export type PasswordProblem = "password.tooShort" | "password.tooLong" | "password.common" | "password.personal";

export function passwordProblem(password: string, personal: { email?: string; name?: string } = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return "password.tooShort";
  if (length > MAX_PASSWORD_LENGTH) return "password.tooLong";
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "password.common";
  const localPart = personal.email?.split("@")[0]?.toLowerCase();
  if (
    (personal.email && lower === personal.email.toLowerCase()) ||
    (localPart && localPart.length >= 4 && lower.includes(localPart)) ||
    (personal.name && lower === personal.name.toLowerCase())
  ) {
    return "password.personal";
  }
  return null;
}
