// The officers' form for Fallzahlen as plain data: a date ("stand") and one count field per
// region and target group, read into figures for recordClientFigures. Pure: no database, no
// HTTP; the page uses the field names too. A blank field is no figure; recordClientFigures
// then checks the date against the calendar and today.
import type { MessageKey } from "../i18n";
import type { TargetGroup } from "../infra/schema";
import type { FigureInput } from "./client-figures.server";
import { TARGET_GROUPS } from "./plan-text";

export const figureField = (regionCode: string, group: TargetGroup) => `anzahl-${regionCode}-${group}`;

/** "1240" or "1.240" → 1240; null for anything that is not a whole number ≥ 0. */
export function parseCount(value: string): number | null {
  const v = value.trim();
  const digits = /^\d+$/.test(v) ? v : /^\d{1,3}(\.\d{3})+$/.test(v) ? v.replace(/\./g, "") : null;
  if (digits === null) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

/** A field to correct; a count names its region and target group, since the summary lists them all. */
export type FigureFormProblem = { field: string; key: MessageKey; region?: { name: string; group: TargetGroup } };

export function readFiguresForm(
  values: Record<string, string>,
  regions: { code: string; name: string }[],
): { asOf: string; figures: FigureInput[]; problems: FigureFormProblem[] } {
  const problems: FigureFormProblem[] = [];
  const asOf = (values.stand ?? "").trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) problems.push({ field: "stand", key: "staffing.error.asOf" });
  const figures: FigureInput[] = [];
  let unreadable = false;
  for (const region of regions) {
    for (const group of TARGET_GROUPS) {
      const field = figureField(region.code, group);
      const raw = (values[field] ?? "").trim();
      if (raw === "") continue;
      const count = parseCount(raw);
      if (count === null) {
        unreadable = true;
        problems.push({ field, key: "staffing.error.count", region: { name: region.name, group } });
      } else figures.push({ regionCode: region.code, targetGroup: group, count });
    }
  }
  // An empty form says so; a form whose only counts are unreadable says which they are.
  if (figures.length === 0 && !unreadable) problems.push({ field: "_form", key: "staffing.error.none" });
  return { asOf, figures, problems };
}
