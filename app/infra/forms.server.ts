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

// Control characters (but tab and line breaks) and the bidi embeddings, overrides and
// isolates: nobody types them, and in a stored text they hide or reorder what a reader
// sees (a "Bericht‮fdp.exe" reads as "Berichtexe.pdf").
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** `value` without control characters and bidi controls; \r\n, \n and \t stay. */
export function cleanText(value: string): string {
  return value.replace(INVISIBLE, "");
}

/**
 * Text fields of a form as a plain object (the typed values go back to the form on error),
 * cleaned of control characters and bidi controls (cleanText) before any rule sees them.
 */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") out[key] = cleanText(value);
  return out;
}
