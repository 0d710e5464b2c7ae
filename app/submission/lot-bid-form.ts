// The lot form's flat fields (konzept-<code>, stelle-<i>-<field>, kosten-*) to and from a
// LotBidInput. Pure, so that it is tested without HTTP; errors are catalogue keys.
import type { LotBidInput } from "./applications.server";
import { formatEuroInput, formatFte, parseEuro, parseWeeklyHours, type LotBidDraft, type PostDraft } from "./rules";

export const POST_FIELDS = ["hours", "qualification", "degree", "payGroup", "languages"] as const;
const MAX_POSTS = 50;

/** The form's values of a saved bid; a post saved before weekly hours were asked shows its FTE in hours. */
export function lotBidFormValues(bid: LotBidDraft, fullTimeHundredths: number): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [code, text] of Object.entries(bid.concept)) values[`konzept-${code}`] = text;
  bid.posts.forEach((p, i) => {
    values[`stelle-${i}-hours`] = formatFte(p.weeklyHoursHundredths ?? Math.round((p.fteHundredths * fullTimeHundredths) / 100));
    values[`stelle-${i}-qualification`] = p.qualification;
    values[`stelle-${i}-degree`] = p.hasPedagogicalDegree ? "ja" : "";
    values[`stelle-${i}-payGroup`] = p.payGroup;
    values[`stelle-${i}-languages`] = p.languages.join(", ");
  });
  if (bid.costPlan) {
    values["kosten-personal"] = formatEuroInput(bid.costPlan.personnelCostPerFteCents);
    values["kosten-sach"] = formatEuroInput(bid.costPlan.materialCostCents);
    values["kosten-gemein"] = formatEuroInput(bid.costPlan.overheadCents);
  }
  return values;
}

/**
 * The pay group select: an empty choice first, then the call's groups lowest first. A value
 * that is not on the list (typed before the call had one) stays selectable, so it is not lost.
 */
export function payGroupOptions(groups: string[], current: string | undefined, choose: string) {
  const options = [{ value: "", label: choose }, ...groups.map((g) => ({ value: g, label: g }))];
  if (current && !groups.includes(current)) options.push({ value: current, label: current });
  return options;
}

export type LotBidFormResult =
  | { ok: true; input: LotBidInput; rowOf: number[] }
  | { ok: false; errors: Record<string, string>; params: Record<string, Record<string, string | number>> };

/**
 * Parses the lot form. An entirely empty post row is no post; a row marked remove is dropped.
 * A post's FTE is derived from its weekly hours and the call's full-time hours (in hundredths).
 */
export function parseLotBidForm(
  values: Record<string, string>,
  sections: { code: string; maxChars: number }[],
  fullTimeHundredths: number,
): LotBidFormResult {
  const errors: Record<string, string> = {};
  const params: Record<string, Record<string, string | number>> = {};
  const concept: Record<string, string> = {};
  for (const s of sections) {
    const text = (values[`konzept-${s.code}`] ?? "").replace(/\r\n/g, "\n").trim();
    if ([...text].length > s.maxChars) {
      errors[`konzept-${s.code}`] = "lot.conceptTooLong";
      params[`konzept-${s.code}`] = { max: s.maxChars, count: [...text].length };
    }
    concept[s.code] = text;
  }
  const rowIndexes = [
    ...new Set(
      Object.keys(values)
        .map((k) => /^stelle-(\d+)-/.exec(k)?.[1])
        .filter((x): x is string => x !== undefined)
        .map(Number),
    ),
  ].sort((a, b) => a - b);
  const posts: PostDraft[] = [];
  const rowOf: number[] = [];
  for (const i of rowIndexes.slice(0, MAX_POSTS)) {
    const get = (f: string) => (values[`stelle-${i}-${f}`] ?? "").trim();
    if (get("remove") === "ja") continue;
    const typed = ["hours", "qualification", "payGroup", "languages"].some((f) => get(f) !== "") || get("degree");
    if (!typed) continue;
    const hours = parseWeeklyHours(get("hours"), fullTimeHundredths);
    if ("problem" in hours) {
      errors[`stelle-${i}-hours`] = hours.problem;
      params[`stelle-${i}-hours`] = { max: formatFte(fullTimeHundredths) };
    }
    if (get("qualification").length > 500) errors[`stelle-${i}-qualification`] = "lot.tooLong";
    posts.push({
      fteHundredths: "problem" in hours ? 0 : hours.fteHundredths,
      weeklyHoursHundredths: "problem" in hours ? 0 : hours.weeklyHoursHundredths,
      qualification: get("qualification").slice(0, 500),
      hasPedagogicalDegree: get("degree") === "ja",
      payGroup: get("payGroup").slice(0, 100),
      languages: get("languages")
        .split(/[,;]/)
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(0, 30),
    });
    rowOf.push(i);
  }
  const money = ["kosten-personal", "kosten-sach", "kosten-gemein"] as const;
  const typedMoney = money.filter((f) => (values[f] ?? "").trim() !== "");
  let costPlan: LotBidInput["costPlan"] = null;
  if (typedMoney.length) {
    const cents = money.map((f) => {
      const raw = (values[f] ?? "").trim();
      const parsed = raw ? parseEuro(raw) : null;
      if (parsed === null) errors[f] = raw ? "lot.euroInvalid" : "lot.euroMissing";
      return parsed ?? 0;
    });
    costPlan = { personnelCostPerFteCents: cents[0], materialCostCents: cents[1], overheadCents: cents[2] };
  }
  if (Object.keys(errors).length) return { ok: false, errors, params };
  return { ok: true, input: { concept, posts, costPlan }, rowOf };
}
