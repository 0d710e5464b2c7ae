// Form parsing for actions: zod schemas whose messages are catalogue keys, translated here
// so that errors appear in the user's language next to the field and in the summary.
import type { z } from "zod";
import type { MessageKey, Translate } from "../i18n";

export type FormErrors = Record<string, string>;

export function translateIssues(issues: z.ZodIssue[], t: Translate): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join(".") || "_form";
    errors[field] ??= t(issue.message as MessageKey);
  }
  return errors;
}

export function validateForm<S extends z.ZodTypeAny>(
  schema: S,
  values: unknown,
  t: Translate,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FormErrors } {
  const parsed = schema.safeParse(values);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: translateIssues(parsed.error.issues, t) };
}

/** Text fields of a form as a plain object (the typed values go back to the form on error). */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") out[key] = value;
  return out;
}
