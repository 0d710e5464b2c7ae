// The staff report form's flat fields (stelle-<i>-<field>, vakanz-notiz) to and from the posts
// of a report. Pure, tested without HTTP; errors are catalogue keys with their parameters.
import type { MessageKey } from "../i18n";
import { parseGermanOrIsoDate } from "../staffing/client-figures-csv.server";
import { formatFte, parseWeeklyHours } from "../submission/rules";
import type { StaffPost } from "./staff-reports";

export const REPORT_POST_FIELDS = ["name", "hours", "payGroup", "degree", "start", "end"] as const;
const MAX_POSTS = 100;
const MAX_NAME = 200;
const MAX_NOTE = 2000;

/** A post as typed: what the carrier entered, before the contract's rules (`postProblems`). */
export type PostInput = Omit<StaffPost, "proofFileId" | "postKey"> & { postKey: string | null };

export type ReportFormResult =
  | { ok: true; posts: PostInput[]; vacancyNote: string; rowOf: number[] }
  | { ok: false; errors: Record<string, { key: MessageKey; params?: Record<string, string | number> }> };

/** The form's values of stored posts and note. */
export function staffReportFormValues(posts: Omit<StaffPost, "proofFileId">[], vacancyNote: string): Record<string, string> {
  const values: Record<string, string> = { "vakanz-notiz": vacancyNote };
  posts.forEach((p, i) => {
    values[`stelle-${i}-key`] = p.postKey;
    values[`stelle-${i}-name`] = p.personName;
    values[`stelle-${i}-hours`] = formatFte(p.weeklyHoursHundredths);
    values[`stelle-${i}-payGroup`] = p.payGroup;
    values[`stelle-${i}-degree`] = p.hasDegree ? "ja" : "";
    values[`stelle-${i}-start`] = p.start;
    values[`stelle-${i}-end`] = p.end ?? "";
  });
  return values;
}

/**
 * Parses the report form. An entirely empty row is no post; a row marked remove is dropped.
 * Each post needs its weekly hours (the FTE derived as in decision 0021), pay group and
 * start day; an empty end is an open end. Days are typed as 31.05.2017 or 2017-05-31.
 */
export function parseStaffReportForm(values: Record<string, string>, fullTimeHundredths: number): ReportFormResult {
  const errors: Extract<ReportFormResult, { ok: false }>["errors"] = {};
  const rows = [...new Set(Object.keys(values).flatMap((k) => /^stelle-(\d+)-/.exec(k)?.[1] ?? []).map(Number))].sort((a, b) => a - b);
  const posts: PostInput[] = [];
  const rowOf: number[] = [];
  for (const i of rows.slice(0, MAX_POSTS)) {
    const get = (f: string) => (values[`stelle-${i}-${f}`] ?? "").trim();
    if (get("remove") === "ja") continue;
    if (!["name", "hours", "payGroup", "start", "end"].some((f) => get(f) !== "") && !get("degree")) continue;
    const field = (f: string) => `stelle-${i}-${f}`;
    const hours = parseWeeklyHours(get("hours"), fullTimeHundredths);
    if ("problem" in hours) errors[field("hours")] = { key: hours.problem, params: { max: formatFte(fullTimeHundredths) } };
    if (!get("payGroup")) errors[field("payGroup")] = { key: "staffReport.post.payGroupMissing" };
    const start = parseGermanOrIsoDate(get("start"));
    if (!get("start")) errors[field("start")] = { key: "staffReport.post.startMissing" };
    else if (!start) errors[field("start")] = { key: "staffReport.post.dayInvalid" };
    const end = get("end") ? parseGermanOrIsoDate(get("end")) : null;
    if (get("end") && !end) errors[field("end")] = { key: "staffReport.post.dayInvalid" };
    if ([...get("name")].length > MAX_NAME) errors[field("name")] = { key: "staffReport.post.nameTooLong", params: { max: MAX_NAME } };
    posts.push({
      postKey: /^[A-Za-z0-9_-]{1,40}$/.test(get("key")) ? get("key") : null,
      personName: get("name"),
      payGroup: get("payGroup").slice(0, 100),
      weeklyHoursHundredths: "problem" in hours ? 0 : hours.weeklyHoursHundredths,
      fteHundredths: "problem" in hours ? 0 : hours.fteHundredths,
      hasDegree: get("degree") === "ja",
      start: start ?? "",
      end,
    });
    rowOf.push(i);
  }
  const vacancyNote = (values["vakanz-notiz"] ?? "").replace(/\r\n/g, "\n").trim();
  if ([...vacancyNote].length > MAX_NOTE) errors["vakanz-notiz"] = { key: "staffReport.noteTooLong", params: { max: MAX_NOTE } };
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, posts, vacancyNote, rowOf };
}
