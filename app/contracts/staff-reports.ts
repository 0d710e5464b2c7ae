// Staff reports (Stellenbesetzungsmeldungen, decision 0024) without a database: which report
// of a contract is due, submitted or late by the server clock; when a reminder is due; the
// rules a reported post must keep; the FTE not filled; and the posts as the plan over time
// reads them (app/staffing/coverage.ts, ReportedPost). Pure: `now` is passed in.
import { addCalendarDays, startOfBerlinDay } from "../i18n/berlin-time";
import type { ReportedPost } from "../staffing/coverage";
import { dueInstant, type ReportPeriod } from "./terms";

/** Days before a report's due day on which its reminder goes out (from the start of that Berlin day). */
export const REMINDER_DAYS_BEFORE = 7;

/**
 * future: the period has not begun (nothing to report yet); due: it has begun and its due
 * day has not ended; late: its due day has ended and no version is submitted; submitted: a
 * version is submitted (`submittedLate` says whether the first came after the due day).
 */
export type ReportState = "future" | "due" | "late" | "submitted";

/** What the states need of a stored report version. */
export type ReportVersionFacts = { periodFrom: string; version: number; status: "draft" | "submitted"; submittedAt: Date | null };

export type PeriodState = {
  period: ReportPeriod;
  state: ReportState;
  /** The latest submitted version, or null. */
  submittedVersion: number | null;
  /** When the first version was submitted. */
  firstSubmittedAt: Date | null;
  submittedLate: boolean;
  /** A draft (the first report or a correction) is open. */
  hasDraft: boolean;
};

/** The state of each report period of a contract at `now`. */
export function reportStates(periods: ReportPeriod[], versions: ReportVersionFacts[], now: Date): PeriodState[] {
  return periods.map((period) => {
    const own = versions.filter((v) => v.periodFrom === period.from);
    const submitted = own.filter((v) => v.status === "submitted" && v.submittedAt).sort((a, b) => a.version - b.version);
    const first = submitted[0]?.submittedAt ?? null;
    // Late from the second after the due day's last second (23:59:59 Berlin time).
    const lateFrom = dueInstant(period).getTime() + 1000;
    const state: ReportState = submitted.length
      ? "submitted"
      : now.getTime() >= lateFrom
        ? "late"
        : now.getTime() < startOfBerlinDay(period.from)!.getTime()
          ? "future"
          : "due";
    return {
      period,
      state,
      submittedVersion: submitted.at(-1)?.version ?? null,
      firstSubmittedAt: first,
      submittedLate: first !== null && first.getTime() >= lateFrom,
      hasDraft: own.some((v) => v.status === "draft"),
    };
  });
}

/** The instant from which a period's reminder may go out: the start of the Berlin day `daysBefore` days before its due day. */
export function reminderFrom(period: ReportPeriod, daysBefore = REMINDER_DAYS_BEFORE): Date {
  return startOfBerlinDay(addCalendarDays(period.due, -daysBefore))!;
}

/**
 * Whether a reminder is due at `now`: from `reminderFrom` to the end of the due day, while no
 * version is submitted. Once the due day has passed, the report is late and flagged instead.
 */
export function reminderDue(state: PeriodState, now: Date, daysBefore = REMINDER_DAYS_BEFORE): boolean {
  return state.state === "due" && now.getTime() >= reminderFrom(state.period, daysBefore).getTime();
}

/** A post as reported (days are Berlin calendar days; `end` null: open-ended). */
export type StaffPost = {
  postKey: string;
  personName: string;
  payGroup: string;
  weeklyHoursHundredths: number;
  fteHundredths: number;
  hasDegree: boolean;
  proofFileId: string | null;
  start: string;
  end: string | null;
};

/** A rule a reported post breaks: the form field (stelle-<row>-<field>) and a catalogue key. */
export type PostProblem = {
  index: number;
  field: "start" | "end" | "hours" | "proof";
  key: "staffReport.post.startBeforeTerm" | "staffReport.post.startAfterPeriod" | "staffReport.post.endBeforeStart" | "staffReport.post.endBeforePeriod" | "staffReport.post.endAfterTerm" | "staffReport.post.hoursAboveFullTime" | "staffReport.post.proofMissing";
};

/**
 * The rules of a post reported for a period: it starts within the contract's term and no
 * later than the period's last day, it does not end before it starts, nor before the period
 * (a post ended earlier is no longer reported), nor after the term; it is at most one
 * full-time post. `forSubmission` adds: a degree claimed has its proof document.
 */
export function postProblems(
  posts: Pick<StaffPost, "start" | "end" | "weeklyHoursHundredths" | "hasDegree" | "proofFileId">[],
  ctx: { termStart: string; termEnd: string; period: Pick<ReportPeriod, "from" | "to">; fullTimeHundredths: number; forSubmission: boolean },
): PostProblem[] {
  const problems: PostProblem[] = [];
  posts.forEach((p, index) => {
    const add = (field: PostProblem["field"], key: PostProblem["key"]) => problems.push({ index, field, key });
    if (p.start < ctx.termStart) add("start", "staffReport.post.startBeforeTerm");
    else if (p.start > ctx.period.to) add("start", "staffReport.post.startAfterPeriod");
    if (p.end !== null) {
      if (p.end < p.start) add("end", "staffReport.post.endBeforeStart");
      else if (p.end < ctx.period.from) add("end", "staffReport.post.endBeforePeriod");
      else if (p.end > ctx.termEnd) add("end", "staffReport.post.endAfterTerm");
    }
    if (p.weeklyHoursHundredths > ctx.fullTimeHundredths) add("hours", "staffReport.post.hoursAboveFullTime");
    if (ctx.forSubmission && p.hasDegree && !p.proofFileId) add("proof", "staffReport.post.proofMissing");
  });
  return problems;
}

/** Whether a post stands on `day` (its first and last day included). */
export function postInForce(post: Pick<StaffPost, "start" | "end">, day: string): boolean {
  return post.start <= day && (post.end === null || post.end >= day);
}

/** The FTE of the posts standing on `day` (the period's last day). */
export function filledHundredths(posts: Pick<StaffPost, "start" | "end" | "fteHundredths">[], day: string): number {
  return posts.filter((p) => postInForce(p, day)).reduce((sum, p) => sum + p.fteHundredths, 0);
}

/** The contracted FTE not filled by the posts standing on `day` (the period's last day); never below zero. */
export function unfilledHundredths(contractedHundredths: number, posts: Pick<StaffPost, "start" | "end" | "fteHundredths">[], day: string): number {
  return Math.max(0, contractedHundredths - filledHundredths(posts, day));
}

/** A submitted version with its posts, as `coveragePosts` reads it (no names: it needs none). */
export type SubmittedReport = { periodFrom: string; version: number; posts: CoveragePostFacts[] };
export type CoveragePostFacts = Pick<StaffPost, "postKey" | "hasDegree" | "start" | "end" | "fteHundredths">;

/**
 * The posts of one contract as the plan over time counts them (coverageOverTime's `posts`):
 * per period its latest submitted version; per post (its `postKey`) the statement of the
 * latest period that lists it. A post that a later submitted period no longer lists ended,
 * at the latest, on the day before that period's first day. No person's name leaves here.
 */
export function coveragePosts(contract: { contractId: string; roleCode: string }, reports: SubmittedReport[]): ReportedPost[] {
  const latestPerPeriod = new Map<string, SubmittedReport>();
  for (const r of reports) {
    const known = latestPerPeriod.get(r.periodFrom);
    if (!known || known.version < r.version) latestPerPeriod.set(r.periodFrom, r);
  }
  const periods = [...latestPerPeriod.values()].sort((a, b) => a.periodFrom.localeCompare(b.periodFrom));
  const last = new Map<string, { post: CoveragePostFacts; periodIndex: number }>();
  periods.forEach((r, periodIndex) => {
    for (const post of r.posts) last.set(post.postKey, { post, periodIndex });
  });
  return [...last.values()].map(({ post, periodIndex }) => {
    const next = periods[periodIndex + 1];
    const droppedFrom = next ? addCalendarDays(next.periodFrom, -1) : null;
    const end = droppedFrom !== null && (post.end === null || post.end > droppedFrom) ? droppedFrom : post.end;
    return {
      postId: post.postKey,
      contractId: contract.contractId,
      roleCode: contract.roleCode,
      hasDegree: post.hasDegree,
      start: post.start,
      end,
      fteHundredths: post.fteHundredths,
    };
  });
}
