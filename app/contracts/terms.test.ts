import { describe, expect, it } from "vitest";
import { contractNumber, dueInstant, reportPeriods } from "./terms";

// Dresden's term: 1 June 2017 00:00 CEST to 31 December 2019 23:59:59 CET.
const START = new Date("2017-06-01T00:00:00+02:00");
const END = new Date("2019-12-31T23:59:59+01:00");

describe("reportPeriods", () => {
  it("gives Dresden's term 31 monthly periods, each due 15 days after its month", () => {
    const periods = reportPeriods(START, END, { interval: "monthly", dueDays: 15 });
    expect(periods).toHaveLength(31);
    expect(periods.slice(0, 3)).toEqual([
      { from: "2017-06-01", to: "2017-06-30", due: "2017-07-15" },
      { from: "2017-07-01", to: "2017-07-31", due: "2017-08-15" },
      { from: "2017-08-01", to: "2017-08-31", due: "2017-09-15" },
    ]);
    // February 2018 ends on the 28th.
    expect(periods.find((p) => p.from === "2018-02-01")).toEqual({ from: "2018-02-01", to: "2018-02-28", due: "2018-03-15" });
    expect(periods.at(-1)).toEqual({ from: "2019-12-01", to: "2019-12-31", due: "2020-01-15" });
  });

  it("cuts the first and last quarter to the term: June 2017 alone, then whole quarters", () => {
    const periods = reportPeriods(START, END, { interval: "quarterly", dueDays: 30 });
    expect(periods).toHaveLength(11);
    expect(periods[0]).toEqual({ from: "2017-06-01", to: "2017-06-30", due: "2017-07-30" });
    expect(periods[1]).toEqual({ from: "2017-07-01", to: "2017-09-30", due: "2017-10-30" });
    expect(periods.at(-1)).toEqual({ from: "2019-10-01", to: "2019-12-31", due: "2020-01-30" });
  });

  it("starts the first period on the day the term starts and ends the last on the term's last Berlin day", () => {
    // 15 March 2024 00:00 CET to 10 May 2024 23:59:59 CEST (22:00 UTC on the 10th is already 11 May in Berlin).
    const periods = reportPeriods(new Date("2024-03-14T23:00:00Z"), new Date("2024-05-10T21:59:59Z"), { interval: "monthly", dueDays: 0 });
    expect(periods).toEqual([
      { from: "2024-03-15", to: "2024-03-31", due: "2024-03-31" },
      { from: "2024-04-01", to: "2024-04-30", due: "2024-04-30" },
      { from: "2024-05-01", to: "2024-05-10", due: "2024-05-10" },
    ]);
    // A quarter across the turn of a year, due 31 days later.
    expect(reportPeriods(new Date("2024-11-05T12:00:00Z"), new Date("2025-02-01T12:00:00Z"), { interval: "quarterly", dueDays: 31 })).toEqual([
      { from: "2024-11-05", to: "2024-12-31", due: "2025-01-31" },
      { from: "2025-01-01", to: "2025-02-01", due: "2025-03-04" },
    ]);
  });

  it("has no period for a term that ends before it starts", () => {
    expect(reportPeriods(END, START, { interval: "monthly", dueDays: 15 })).toEqual([]);
  });

  it("makes a report late from the second after its due day ends in Berlin", () => {
    expect(dueInstant({ due: "2017-07-15" }).toISOString()).toBe("2017-07-15T21:59:59.000Z");
    expect(dueInstant({ due: "2018-01-15" }).toISOString()).toBe("2018-01-15T22:59:59.000Z");
  });
});

describe("contractNumber", () => {
  it("joins the procedure, the lot with two digits and the ordinal", () => {
    expect(contractNumber("50.21-IB/2017-001", 3, 1)).toBe("50.21-IB/2017-001-V03-1");
    expect(contractNumber("dresden-2017", 16, 2)).toBe("dresden-2017-V16-2");
  });
});
