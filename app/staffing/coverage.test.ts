// The plan over time, worked out by hand on the fixture of tests/support/coverage.ts (Nord: asylum
// 1280 → FSA and FB 8,00 each, 960 from 16 October → 6,00; right to stay 320 → IB 4,00).
import { describe, expect, it } from "vitest";
import { base, contract, figures, post } from "../../tests/support/coverage";
import { coverageOverTime, monthsBetween, type CoverageInput } from "./coverage";
import { StaffingRuleError } from "./required-fte";

const run = (more: Partial<CoverageInput>) => coverageOverTime({ ...base, ...more });
const roleOf = (c: ReturnType<typeof run>, region: string, role: string) => c.regions.find((r) => r.regionCode === region)!.roles.find((r) => r.roleCode === role)!;
const series = (c: ReturnType<typeof run>, region: string, role: string, field: "requiredHundredths" | "contractedHundredths" | "filledHundredths" | "vacantHundredths" | "unqualifiedHundredths") =>
  roleOf(c, region, role).months.map((m) => m[field]);

describe("months of the plan over time", () => {
  it("lists the months from first to last across a year's end", () => {
    expect(monthsBetween("2017-11", "2018-02")).toEqual(["2017-11", "2017-12", "2018-01", "2018-02"]);
    expect(monthsBetween("2017-06", "2017-06")).toEqual(["2017-06"]);
  });

  it("refuses a period that ends before it begins or is not a month", () => {
    expect(monthsBetween("2017-06", "2017-05")).toBeNull();
    expect(monthsBetween("2017-13", "2018-01")).toBeNull();
    expect(() => run({ firstMonth: "2017-06", lastMonth: "2017-05" })).toThrow(StaffingRuleError);
  });

  it("measures each month on its last day, the month of the day asked on that day, and leaves the filled FTE of later months unknown", () => {
    const c = run({});
    const months = roleOf(c, "nord", "rk").months;
    expect(months.map((m) => m.day)).toEqual(["2017-04-30", "2017-05-31", "2017-06-30", "2017-07-31", "2017-08-31", "2017-09-30", "2017-10-31", "2017-11-20", "2017-12-31"]);
    expect(months.map((m) => m.future)).toEqual([false, false, false, false, false, false, false, false, true]);
    expect(months[8]).toMatchObject({ filledHundredths: null, vacantHundredths: null, unqualifiedHundredths: null });
    expect(months[7]).toMatchObject({ filledHundredths: 0, vacantHundredths: 0, unqualifiedHundredths: 0 });
  });
});

describe("required FTE over time", () => {
  it("is not known before the first figure of the role's target group; a fixed role needs its FTE from the start", () => {
    const c = run({});
    expect(series(c, "nord", "fsa", "requiredHundredths").slice(0, 2)).toEqual([null, 800]);
    expect(series(c, "nord", "rk", "requiredHundredths")[0]).toBe(100);
    // The region's sum is unknown while a role's is.
    expect(c.regions[0].months[0].requiredHundredths).toBeNull();
    expect(c.regions[0].months[1].requiredHundredths).toBe(100 + 800 + 800 + 400);
  });

  it("uses new figures from the month they are dated in, mid-month included, and keeps them in later months", () => {
    const c = run({});
    // 16 October: 960 → 6,00; September still 1280 → 8,00; Ost unchanged.
    expect(series(c, "nord", "fsa", "requiredHundredths").slice(5)).toEqual([800, 600, 600, 600]);
    expect(series(c, "nord", "ib", "requiredHundredths").slice(5)).toEqual([400, 400, 400, 400]);
    expect(series(c, "ost", "fb", "requiredHundredths").slice(5)).toEqual([400, 400, 400, 400]);
  });

  it("counts a figure dated the month's last day in that month, and one dated the day after from the next", () => {
    const c = run({
      figures: [...figures, { regionCode: "ost", targetGroup: "asylum", count: 800, asOf: "2017-07-31" }, { regionCode: "ost", targetGroup: "asylum", count: 960, asOf: "2017-09-01" }],
    });
    expect(series(c, "ost", "fsa", "requiredHundredths").slice(2, 6)).toEqual([400, 500, 500, 600]);
  });

  it("takes a correction of the same as-of date, entered later, instead of the figure it corrects", () => {
    const c = run({ figures: [...figures, { regionCode: "ost", targetGroup: "rightToStay", count: 160, asOf: "2017-05-15" }] });
    expect(series(c, "ost", "ib", "requiredHundredths")[1]).toBe(200);
  });
});

describe("contracted FTE over time", () => {
  it("counts a contract from its first day through its last", () => {
    const c = run({ contracts: [contract("A1", "L2", 500, { start: "2017-06-01", end: "2017-10-31" })] });
    expect(series(c, "nord", "fsa", "contractedHundredths")).toEqual([0, 0, 500, 500, 500, 500, 500, 0, 0]);
  });

  it("changes with an amendment from the day it takes effect; one after the day asked shows only in later months", () => {
    const c = run({
      contracts: [contract("A1", "L2", 500, { amendments: [{ from: "2017-09-15", fteHundredths: 400 }, { from: "2017-11-25", fteHundredths: 450 }] })],
    });
    // 15 September → 4,00 at the end of September; 25 November is after the 20th, on which November is measured.
    expect(series(c, "nord", "fsa", "contractedHundredths")).toEqual([0, 0, 500, 500, 500, 400, 400, 400, 450]);
  });

  it("adds the contracts of several carriers in a lot", () => {
    const c = run({ contracts: [contract("A1", "L2", 500), contract("B1", "L2", 275)] });
    expect(series(c, "nord", "fsa", "contractedHundredths")[2]).toBe(775);
  });

  it("refuses an amendment outside the contract's term and a contract in an unknown lot", () => {
    expect(() => run({ contracts: [contract("A1", "L2", 500, { amendments: [{ from: "2020-01-01", fteHundredths: 400 }] })] })).toThrow(
      expect.objectContaining({ refusal: { key: "coverage.refusal.amendment", params: { contract: "A1", day: "2020-01-01" } } }),
    );
    expect(() => run({ contracts: [contract("A1", "L99", 500)] })).toThrow(expect.objectContaining({ refusal: { key: "staffing.refusal.contractUnknownLot", params: { lot: "L99" } } }));
    expect(() => run({ contracts: [contract("A1", "L2", 500, { end: "2017-05-31" })] })).toThrow(expect.objectContaining({ refusal: { key: "coverage.refusal.contractTerm", params: { contract: "A1" } } }));
  });
});

describe("filled FTE over time", () => {
  const contracts = [contract("A1", "L2", 500), contract("B1", "L3", 500)];

  it("counts a post starting mid-month in full in that month", () => {
    const c = run({ contracts, posts: [post("p1", "A1", "fsa", 100, "2017-06-15")] });
    expect(series(c, "nord", "fsa", "filledHundredths")).toEqual([0, 0, 100, 100, 100, 100, 100, 100, null]);
  });

  it("no longer counts a post in the month it ends before the last day, and counts one ending on the last day", () => {
    const c = run({ contracts, posts: [post("p1", "A1", "fsa", 100, "2017-06-01", "2017-08-10"), post("p2", "A1", "fsa", 50, "2017-06-01", "2017-09-30")] });
    expect(series(c, "nord", "fsa", "filledHundredths").slice(2, 7)).toEqual([150, 150, 50, 50, 0]);
  });

  it("counts a post only within its contract's term", () => {
    const c = run({ contracts: [contract("A1", "L2", 500, { end: "2017-09-30" })], posts: [post("p1", "A1", "fsa", 100, "2017-05-01")] });
    expect(series(c, "nord", "fsa", "filledHundredths").slice(0, 8)).toEqual([0, 0, 100, 100, 100, 100, 0, 0]);
  });

  it("refuses a post in another role than its contract's lot, of more than one full-time post, or under an unknown contract", () => {
    expect(() => run({ contracts, posts: [post("p1", "A1", "fb", 100, "2017-06-01")] })).toThrow(
      expect.objectContaining({ refusal: { key: "coverage.refusal.postRole", params: { post: "p1", role: "fb" } } }),
    );
    expect(() => run({ contracts, posts: [post("p1", "A1", "fsa", 101, "2017-06-01")] })).toThrow(expect.objectContaining({ refusal: { key: "coverage.refusal.postFte", params: { post: "p1" } } }));
    expect(() => run({ contracts, posts: [post("p1", "X", "fsa", 100, "2017-06-01")] })).toThrow(
      expect.objectContaining({ refusal: { key: "coverage.refusal.postUnknownContract", params: { post: "p1" } } }),
    );
    expect(() => run({ contracts, posts: [post("p1", "A1", "fsa", 100, "2017-06-01", "2017-05-31")] })).toThrow(
      expect.objectContaining({ refusal: { key: "coverage.refusal.postDates", params: { post: "p1" } } }),
    );
  });
});

describe("vacancies", () => {
  // Contracted from 1 June; nothing filled. 1 June – 30 July are 60 days, both counted.
  const contracts = [contract("A1", "L2", 200)];

  it("does not flag contracted FTE vacant for exactly the tolerance", () => {
    const c = run({ contracts, asOf: "2017-07-30" });
    expect(c.vacancies).toEqual([]);
  });

  it("flags contracted FTE vacant one day longer than the tolerance, since its first day, with how much", () => {
    const c = run({ contracts, asOf: "2017-07-31" });
    expect(c.vacancies).toEqual([
      { contractId: "A1", lotId: "L2", lotNumber: 2, organisationId: "alpha", regionCode: "nord", roleCode: "fsa", since: "2017-06-01", days: 61, hundredths: 200 },
    ]);
  });

  it("does not flag a post filled on the day after the tolerance", () => {
    const c = run({ contracts, asOf: "2017-07-31", posts: [post("p1", "A1", "fsa", 100, "2017-07-31"), post("p2", "A1", "fsa", 100, "2017-07-31")] });
    expect(c.vacancies).toEqual([]);
  });

  it("flags only the part that has stood vacant throughout, since when that part has", () => {
    // 2,00 vacant from 1 June; 1,00 filled from 15 July: 1,00 stays vacant since 1 June.
    const c = run({ contracts, asOf: "2017-09-01", posts: [post("p1", "A1", "fsa", 100, "2017-07-15")] });
    expect(c.vacancies).toEqual([expect.objectContaining({ since: "2017-06-01", days: 93, hundredths: 100 })]);
  });

  it("starts a vacancy anew when a post ends, and counts it from the day after", () => {
    const posts = [post("p1", "A1", "fsa", 100, "2017-06-01"), post("p2", "A1", "fsa", 100, "2017-06-01", "2017-08-31")];
    expect(run({ contracts, asOf: "2017-10-30", posts }).vacancies).toEqual([]);
    expect(run({ contracts, asOf: "2017-10-31", posts }).vacancies).toEqual([expect.objectContaining({ since: "2017-09-01", days: 61, hundredths: 100 })]);
  });

  it("does not let one carrier's extra posts cover another carrier's contract", () => {
    const c = run({ contracts: [contract("A1", "L2", 200), contract("B1", "L2", 100)], asOf: "2017-09-01", posts: [post("p1", "B1", "fsa", 100, "2017-06-01"), post("p2", "B1", "fsa", 100, "2017-06-01")] });
    expect(c.vacancies.map((v) => [v.contractId, v.hundredths])).toEqual([["A1", 200]]);
  });

  it("counts an amendment that lowers the FTE: only what is still contracted can be vacant", () => {
    const c = run({ contracts: [contract("A1", "L2", 200, { amendments: [{ from: "2017-07-01", fteHundredths: 100 }] })], asOf: "2017-09-01" });
    expect(c.vacancies).toEqual([expect.objectContaining({ since: "2017-06-01", hundredths: 100 })]);
  });

  it("shows per month the FTE vacant beyond the tolerance on the day the month is measured", () => {
    const c = run({ contracts, posts: [post("p1", "A1", "fsa", 100, "2017-09-10")] });
    // June and July (30 and 61 days: July 31 is day 61), then 2,00 until 10 September, 1,00 after.
    expect(series(c, "nord", "fsa", "vacantHundredths")).toEqual([0, 0, 0, 200, 200, 100, 100, 100, null]);
  });

  it("refuses a negative tolerance", () => {
    expect(() => run({ vacancyToleranceDays: -1 })).toThrow(expect.objectContaining({ refusal: { key: "coverage.refusal.tolerance", params: { days: -1 } } }));
  });
});

describe("qualification mismatches", () => {
  const contracts = [contract("A1", "L2", 500), contract("B1", "L3", 500)];

  it("lists a post held without the degree its role requires, and counts it as filled", () => {
    const c = run({ contracts, posts: [post("p1", "A1", "fsa", 100, "2017-07-01", null, false), post("p2", "A1", "fsa", 100, "2017-06-01")] });
    expect(c.mismatches).toEqual([{ postId: "p1", contractId: "A1", lotId: "L2", lotNumber: 2, organisationId: "alpha", regionCode: "nord", roleCode: "fsa", fteHundredths: 100, since: "2017-07-01" }]);
    expect(series(c, "nord", "fsa", "filledHundredths")[3]).toBe(200);
    expect(series(c, "nord", "fsa", "unqualifiedHundredths").slice(2, 4)).toEqual([0, 100]);
  });

  it("does not list a post without a degree in a role that does not require one", () => {
    const c = run({ contracts, posts: [post("p1", "B1", "fb", 100, "2017-06-01", null, false)] });
    expect(c.mismatches).toEqual([]);
    expect(series(c, "nord", "fb", "unqualifiedHundredths")[3]).toBe(0);
  });

  it("does not list a post that has ended before the day asked", () => {
    const c = run({ contracts, posts: [post("p1", "A1", "fsa", 100, "2017-06-01", "2017-08-31", false)] });
    expect(c.mismatches).toEqual([]);
    expect(series(c, "nord", "fsa", "unqualifiedHundredths").slice(3, 6)).toEqual([100, 100, 0]);
  });
});

describe("refugees per filled FTE", () => {
  it("measures the tandem together against the key, with the plan's rounding and tolerance", () => {
    // Nord asylum 1280 → 1280 × (50 + 50) ÷ filled FTE. July: 8,00 + 8,00 = 80,0 (ok);
    // August: 6,00 + 6,00 → 106,7 (above 88: too few staff); from 16 October 960 ÷ 12,00 = 80,0.
    const contracts = [contract("A1", "L2", 800), contract("B1", "L3", 800)];
    const posts = [
      ...Array.from({ length: 6 }, (_, i) => post(`fsa${i}`, "A1", "fsa", 100, "2017-07-01")),
      ...Array.from({ length: 6 }, (_, i) => post(`fb${i}`, "B1", "fb", 100, "2017-07-01")),
      post("fsa6", "A1", "fsa", 100, "2017-07-01", "2017-07-31"),
      post("fsa7", "A1", "fsa", 100, "2017-07-01", "2017-07-31"),
      post("fb6", "B1", "fb", 100, "2017-07-01", "2017-07-31"),
      post("fb7", "B1", "fb", 100, "2017-07-01", "2017-07-31"),
    ];
    const c = run({ contracts, posts });
    const key = c.regions[0].keys.find((k) => k.targetGroup === "asylum")!;
    expect(key.roleCodes).toEqual(["fsa", "fb"]);
    expect(key.months.slice(2, 8).map((m) => [m.clients, m.filledHundredths, m.clientsPerFteReached, m.status])).toEqual([
      [1280, 0, null, "noStaff"],
      [1280, 1600, 80, "ok"],
      [1280, 1200, 106.7, "tooManyClientsPerFte"],
      [1280, 1200, 106.7, "tooManyClientsPerFte"],
      [960, 1200, 80, "ok"],
      [960, 1200, 80, "ok"],
    ]);
    // Before any figure, and in a future month: not known.
    expect(key.months[0]).toMatchObject({ clients: null, status: null });
    expect(key.months[8]).toMatchObject({ clients: 960, filledHundredths: null, status: null });
  });

  it("passes a key tolerance", () => {
    const c = run({ contracts: [contract("A1", "L4", 500)], posts: Array.from({ length: 5 }, (_, i) => post(`ib${i}`, "A1", "ib", 100, "2017-06-01")), keyTolerancePercent: 20 });
    // 320 ÷ 5,00 = 64,0: below 72 (10 %), within 64 (20 %).
    const key = c.regions[0].keys.find((k) => k.targetGroup === "rightToStay")!;
    expect(key.months[2]).toMatchObject({ clientsPerFteReached: 64, status: "ok" });
  });
});

describe("a region's sums", () => {
  it("adds its roles month by month", () => {
    const c = run({ contracts: [contract("A1", "L1", 100), contract("A2", "L2", 500)], posts: [post("p1", "A1", "rk", 100, "2017-06-01"), post("p2", "A2", "fsa", 100, "2017-06-20")] });
    const june = c.regions[0].months[2];
    expect(june).toMatchObject({ month: "2017-06", requiredHundredths: 2100, contractedHundredths: 600, filledHundredths: 200 });
    expect(c.regions[1].months[2]).toMatchObject({ requiredHundredths: 100 + 400 + 400 + 100, contractedHundredths: 0, filledHundredths: 0 });
  });
});
