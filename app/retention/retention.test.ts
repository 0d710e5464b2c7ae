import { describe, expect, it } from "vitest";
import { addYears, computedRetentionDate, isDue, retentionDate, statutoryMinimum, type RetentionFacts } from "./retention";

const d = (iso: string) => new Date(iso);
const facts = (f: Partial<RetentionFacts>): RetentionFacts => ({ awardedAt: null, contractEnd: null, endedWithoutAwardAt: null, override: null, ...f });

describe("retention date (VgV § 8 (4))", () => {
  it("keeps three years after the contract end when the contract ends after the award", () => {
    // Award 25.12.2026, contracts end 31.12.2028: 31.12.2031 is later than 25.12.2029.
    const f = facts({ awardedAt: d("2026-12-25T23:00:00Z"), contractEnd: d("2028-12-31T22:59:59Z") });
    expect(computedRetentionDate(f, 3)).toEqual(d("2031-12-31T22:59:59Z"));
    expect(statutoryMinimum(f)).toEqual(d("2029-12-25T23:00:00Z"));
  });

  it("keeps three years after the award when the contracts ended before it would", () => {
    const f = facts({ awardedAt: d("2026-12-25T23:00:00Z"), contractEnd: d("2026-06-30T21:59:59Z") });
    expect(computedRetentionDate(f, 3)).toEqual(d("2029-12-25T23:00:00Z"));
    expect(computedRetentionDate(f, 5)).toEqual(d("2031-12-25T23:00:00Z"));
  });

  it("counts a cancelled call from its decision day and an undecided call not at all", () => {
    expect(computedRetentionDate(facts({ endedWithoutAwardAt: d("2027-03-01T09:00:00Z") }), 3)).toEqual(d("2030-03-01T09:00:00Z"));
    expect(retentionDate(facts({}), 3)).toBeNull();
    expect(isDue(null, d("2099-01-01T00:00:00Z"))).toBe(false);
  });

  it("gives an undecided call no retention date even when an officer set one", () => {
    expect(retentionDate(facts({ override: d("2027-01-01T00:00:00Z") }), 3)).toBeNull();
  });

  it("takes an officer's later date and ignores an earlier one", () => {
    const f = facts({ awardedAt: d("2026-12-25T23:00:00Z") });
    expect(retentionDate({ ...f, override: d("2032-01-01T00:00:00Z") }, 3)).toEqual({ date: d("2032-01-01T00:00:00Z"), source: "override" });
    expect(retentionDate({ ...f, override: d("2028-01-01T00:00:00Z") }, 3)).toEqual({ date: d("2029-12-25T23:00:00Z"), source: "computed" });
  });

  it("is due from the retention instant on, not one millisecond before", () => {
    const date = { date: d("2029-12-25T23:00:00Z"), source: "computed" as const };
    expect(isDue(date, d("2029-12-25T22:59:59.999Z"))).toBe(false);
    expect(isDue(date, d("2029-12-25T23:00:00Z"))).toBe(true);
  });

  it("moves 29 February to 1 March in a year without it", () => {
    expect(addYears(d("2028-02-29T12:00:00Z"), 3)).toEqual(d("2031-03-01T12:00:00Z"));
  });
});
