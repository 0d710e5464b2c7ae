// Renders refusals (DomainError, or a Refusal returned as data) in the reader's language:
// the one place where their parameters are formatted for a locale.
import type { DomainError, Refusal, RefusalValue } from "../infra/errors";
import { formatBytes, formatDateTime, formatFileTypes, formatNumber } from "./format";
import type { Locale, Params, Translate } from "./index";

function formatValue(value: RefusalValue, t: Translate, locale: Locale): string | number {
  if (value instanceof Date) return formatDateTime(value, locale);
  if (typeof value !== "object") return value;
  if ("decimal" in value) return formatNumber(value.decimal, locale, value.digits);
  if ("bytes" in value) return formatBytes(value.bytes, locale);
  if ("fileTypes" in value) return formatFileTypes(value.fileTypes, locale);
  if ("sentences" in value) return value.sentences.map((s) => refusalMessage({ key: s.message, params: s.params }, t, locale)).join(" ");
  return refusalMessage({ key: value.message, params: value.params }, t, locale);
}

/** The refusal's text in the reader's language, its parameters filled in. */
export function refusalMessage(refusal: Refusal, t: Translate, locale: Locale): string {
  if (!refusal.params) return t(refusal.key);
  const params: Params = {};
  for (const [name, value] of Object.entries(refusal.params)) params[name] = formatValue(value, t, locale);
  return t(refusal.key, params);
}

/** A refused form's errors: the text under the refusal's field, else under `fallbackField`. */
export function refusalErrors(error: DomainError | Refusal, t: Translate, locale: Locale, fallbackField = "_form"): Record<string, string> {
  return { [error.field ?? fallbackField]: refusalMessage(error, t, locale) };
}
