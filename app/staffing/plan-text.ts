// How the staffing plan's numbers read in the CSV and the plan's history; the plan's
// document (./plan-document.ts) types its values for app/documents/format.ts. Pure.
import type { Locale } from "../i18n";
import { formatNumber } from "../i18n/format";
import type { TargetGroup } from "../infra/schema";
import type { LotLine } from "./plan";

/** The target groups in display order; schema.ts's list, repeated here because schema.ts
 *  (node:crypto for ids) must not reach the browser bundle. */
export const TARGET_GROUPS = ["asylum", "rightToStay", "vulnerable"] as const satisfies readonly TargetGroup[];

/** Hundredths of FTE: 775 → "7,75" (de) / "7.75" (en). */
export function fteText(hundredths: number, locale: Locale): string {
  return formatNumber(hundredths / 100, locale, 2);
}

export function oneDecimal(value: number | null, locale: Locale): string {
  return value === null ? "–" : formatNumber(value, locale, 1);
}

/** "Alpha e. V. 5,00; Beta e. V. 2,75" or "–". */
export function carriersText(lot: Pick<LotLine, "carriers">, names: Record<string, string>, locale: Locale): string {
  return lot.carriers.length === 0 ? "–" : lot.carriers.map((c) => `${names[c.organisationId] ?? c.organisationId} ${fteText(c.hundredths, locale)}`).join("; ");
}
