import { describe, expect, it } from "vitest";
import { base, contract as coverageContract } from "../../tests/support/coverage";
import { coverageOverTime } from "../staffing/coverage";
import { coveragePosts, postProblems, reminderDue, reportStates, unfilledHundredths, type StaffPost } from "./staff-reports";

// June 2017 (CEST, UTC+2), due 15 days after: the end of 15 July 2017 is 21:59:59 UTC.
const JUNE = { from: "2017-06-01", to: "2017-06-30", due: "2017-07-15" };
const JULY = { from: "2017-07-01", to: "2017-07-31", due: "2017-08-15" };
const at = (iso: string) => new Date(iso);

describe("report states by the server clock", () => {
  it("is late from the second after the due day ends, due up to its last second", () => {
    expect(reportStates([JUNE], [], at("2017-07-15T21:59:59.999Z"))[0].state).toBe("due");
    expect(reportStates([JUNE], [], at("2017-07-15T22:00:00.000Z"))[0].state).toBe("late");
  });

  it("is not yet reportable before the period's first Berlin day", () => {
    expect(reportStates([JULY], [], at("2017-06-30T21:59:59Z"))[0].state).toBe("future");
    expect(reportStates([JULY], [], at("2017-06-30T22:00:00Z"))[0].state).toBe("due");
  });

  it("counts a submitted version, flags one submitted after the due day, and ignores a draft", () => {
    const draft = { periodFrom: JUNE.from, version: 1, status: "draft" as const, submittedAt: null };
    expect(reportStates([JUNE], [draft], at("2017-08-01T00:00:00Z"))[0]).toMatchObject({ state: "late", hasDraft: true, submittedVersion: null });
    const late = { periodFrom: JUNE.from, version: 1, status: "submitted" as const, submittedAt: at("2017-07-16T08:00:00Z") };
    const correction = { periodFrom: JUNE.from, version: 2, status: "submitted" as const, submittedAt: at("2017-07-20T08:00:00Z") };
    expect(reportStates([JUNE], [correction, late], at("2017-08-01T00:00:00Z"))[0]).toMatchObject({
      state: "submitted",
      submittedVersion: 2,
      firstSubmittedAt: late.submittedAt,
      submittedLate: true,
    });
  });

  it("reminds from the start of the Berlin day seven days before the due day until it ends, and not once submitted", () => {
    const state = (now: Date) => reportStates([JUNE], [], now)[0];
    // 8 July 2017 00:00 in Berlin is 7 July 22:00 UTC.
    expect(reminderDue(state(at("2017-07-07T21:59:59Z")), at("2017-07-07T21:59:59Z"))).toBe(false);
    expect(reminderDue(state(at("2017-07-07T22:00:00Z")), at("2017-07-07T22:00:00Z"))).toBe(true);
    expect(reminderDue(state(at("2017-07-15T22:00:00Z")), at("2017-07-15T22:00:00Z"))).toBe(false);
    const submitted = reportStates([JUNE], [{ periodFrom: JUNE.from, version: 1, status: "submitted", submittedAt: at("2017-07-09T08:00:00Z") }], at("2017-07-10T08:00:00Z"))[0];
    expect(reminderDue(submitted, at("2017-07-10T08:00:00Z"))).toBe(false);
  });
});

const post = (p: Partial<StaffPost>): StaffPost => ({
  postKey: "a",
  personName: "",
  payGroup: "S 12",
  weeklyHoursHundredths: 3900,
  fteHundredths: 100,
  hasDegree: false,
  proofFileId: null,
  start: "2017-06-01",
  end: null,
  ...p,
});
const ctx = { termStart: "2017-06-01", termEnd: "2019-12-31", period: JULY, fullTimeHundredths: 3900, forSubmission: false };

describe("the rules of a reported post", () => {
  it("refuses a start before the term, an end before the start, hours above full time", () => {
    expect(postProblems([post({ start: "2017-05-31" }), post({ start: "2017-07-10", end: "2017-07-09" }), post({ weeklyHoursHundredths: 3901 })], ctx)).toEqual([
      { index: 0, field: "start", key: "staffReport.post.startBeforeTerm" },
      { index: 1, field: "end", key: "staffReport.post.endBeforeStart" },
      { index: 2, field: "hours", key: "staffReport.post.hoursAboveFullTime" },
    ]);
  });

  it("refuses a post that starts after the period or ended before it, or ends after the term", () => {
    expect(postProblems([post({ start: "2017-08-01" }), post({ end: "2017-06-30" }), post({ end: "2020-01-01" })], ctx).map((p) => p.key)).toEqual([
      "staffReport.post.startAfterPeriod",
      "staffReport.post.endBeforePeriod",
      "staffReport.post.endAfterTerm",
    ]);
    expect(postProblems([post({ start: "2017-07-31", end: "2017-07-31" }), post({ end: "2017-07-01" })], ctx)).toEqual([]);
  });

  it("asks for the proof of a claimed degree on submission only", () => {
    const claimed = [post({ hasDegree: true }), post({ hasDegree: true, proofFileId: "f" })];
    expect(postProblems(claimed, ctx)).toEqual([]);
    expect(postProblems(claimed, { ...ctx, forSubmission: true })).toEqual([{ index: 0, field: "proof", key: "staffReport.post.proofMissing" }]);
  });
});

it("computes the FTE not filled on a day from the posts standing then, never below zero", () => {
  const posts = [post({ fteHundredths: 100 }), post({ fteHundredths: 50, start: "2017-07-15" }), post({ fteHundredths: 77, end: "2017-07-30" })];
  expect(unfilledHundredths(275, posts, "2017-07-31")).toBe(125);
  expect(unfilledHundredths(275, posts, "2017-07-14")).toBe(98);
  expect(unfilledHundredths(100, posts, "2017-07-31")).toBe(0);
});

describe("the posts as the plan over time reads them", () => {
  const contract = { contractId: "c1", roleCode: "fluechtlingssozialarbeit" };

  it("takes each period's latest version and each post's latest statement, and ends a post a later report drops", () => {
    const posts = coveragePosts(contract, [
      { periodFrom: JUNE.from, version: 1, posts: [post({ postKey: "a", personName: "Anna", fteHundredths: 100 }), post({ postKey: "b", start: "2017-06-15", fteHundredths: 50 })] },
      // The June correction gives post a its degree.
      { periodFrom: JUNE.from, version: 2, posts: [post({ postKey: "a", personName: "Anna", hasDegree: true, proofFileId: "f" }), post({ postKey: "b", start: "2017-06-15", fteHundredths: 50 })] },
      // July lists only a: b ended with June at the latest.
      { periodFrom: JULY.from, version: 1, posts: [post({ postKey: "a", hasDegree: true, proofFileId: "f", end: "2017-12-31" })] },
    ]);
    expect(posts).toEqual([
      { postId: "a", contractId: "c1", roleCode: "fluechtlingssozialarbeit", hasDegree: true, start: "2017-06-01", end: "2017-12-31", fteHundredths: 100 },
      { postId: "b", contractId: "c1", roleCode: "fluechtlingssozialarbeit", hasDegree: false, start: "2017-06-15", end: "2017-06-30", fteHundredths: 50 },
    ]);
    // No person's name reaches the plan.
    expect(JSON.stringify(posts)).not.toContain("Anna");
  });

  it("feeds coverageOverTime directly: filled FTE and the mismatch of the post without a degree", () => {
    // Lot L2 is Flüchtlingssozialarbeit Nord (tests/support/coverage.ts), which requires the degree.
    const posts = coveragePosts({ contractId: "A1", roleCode: "fsa" }, [
      { periodFrom: JUNE.from, version: 1, posts: [post({ postKey: "a", hasDegree: true, proofFileId: "f" }), post({ postKey: "b", fteHundredths: 50, weeklyHoursHundredths: 1950 })] },
    ]);
    const result = coverageOverTime({ ...base, firstMonth: "2017-06", lastMonth: "2017-06", asOf: "2017-06-30", contracts: [coverageContract("A1", "L2", 200)], posts });
    const june = result.regions.find((r) => r.regionCode === "nord")!.roles.find((r) => r.roleCode === "fsa")!.months[0];
    expect(june).toMatchObject({ contractedHundredths: 200, filledHundredths: 150, unqualifiedHundredths: 50 });
  });
});
