// The roles of the city's staff and the form that creates an account (decision 0035), free
// of server code: the administrator pages render them too.
import { z } from "zod";
import type { MessageKey } from "../i18n";

export const STAFF_ROLES = ["officer", "evaluator", "administrator"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** Roles whose grant needs a second administrator. */
const GUARDED_ROLES: readonly StaffRole[] = ["officer", "administrator"];
export const isGuardedRole = (role: StaffRole): role is "officer" | "administrator" => GUARDED_ROLES.includes(role);

export type AccountState = "active" | "disabled" | "invited";

export const NewStaffAccount = z.object({
  email: z.string().trim().toLowerCase().min(1, "accounts.emailMissing" satisfies MessageKey).email("accounts.emailInvalid" satisfies MessageKey).max(254),
  name: z.string().trim().min(1, "accounts.nameMissing" satisfies MessageKey).max(200),
  role: z.enum(STAFF_ROLES, { errorMap: () => ({ message: "accounts.roleMissing" satisfies MessageKey }) }),
});
export type NewStaffAccount = z.infer<typeof NewStaffAccount>;

