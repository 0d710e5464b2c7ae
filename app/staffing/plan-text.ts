// How the staffing plan's numbers read on pages, in the chart, the PDF and the CSV: one
// place, so that all of them show the same figure the same way. Pure.
import type { Locale, MessageKey, Translate } from "../i18n";
import { formatNumber } from "../i18n/format";
import type { TargetGroup } from "../infra/schema";
import type { LotLine } from "./plan";
import type { ClientFigures } from "./required-fte";

/** The target groups in display order; schema.ts's list, repeated here because schema.ts
 *  (node:crypto for ids) must not reach the browser bundle. */
export const TARGET_GROUPS = ["asylum", "rightToStay", "vulnerable"] as const satisfies readonly TargetGroup[];

/** Hundredths of FTE: 775 → "7,75" (de) / "7.75" (en). */
export function fteText(hundredths: number, locale: Locale): string {
  return formatNumber(hundredths / 100, locale, 2);
}

/** Signed FTE difference: +1,00 / −0,50 / 0,00. */
export function signedFteText(hundredths: number, locale: Locale): string {
  const text = fteText(Math.abs(hundredths), locale);
  return hundredths > 0 ? `+${text}` : hundredths < 0 ? `−${text}` : text;
}

export function percentText(value: number | null, locale: Locale): string {
  return value === null ? "–" : `${formatNumber(value, locale, 1)} %`;
}

export function oneDecimal(value: number | null, locale: Locale): string {
  return value === null ? "–" : formatNumber(value, locale, 1);
}

/** "Alpha e. V. 5,00; Beta e. V. 2,75" or "–". */
export function carriersText(lot: Pick<LotLine, "carriers">, names: Record<string, string>, locale: Locale): string {
  return lot.carriers.length === 0 ? "–" : lot.carriers.map((c) => `${names[c.organisationId] ?? c.organisationId} ${fteText(c.hundredths, locale)}`).join("; ");
}

/** "Asylverfahren 1.240, Bleiberecht 410, besonders schutzbedürftig 95". */
export function figuresText(figures: ClientFigures, t: Translate, locale: Locale): string {
  const parts = TARGET_GROUPS.filter((g) => figures[g] !== undefined).map((g) => `${t(`staffing.groupShort.${g}` as MessageKey)} ${formatNumber(figures[g]!, locale)}`);
  return parts.length ? parts.join(", ") : "–";
}
