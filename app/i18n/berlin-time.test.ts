import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  berlinDay,
  berlinOffsetMinutes,
  berlinYearMonth,
  calendarDay,
  endOfBerlinDay,
  isoWithBerlinOffset,
  isSameBerlinDay,
  parseBerlinLocal,
  startOfBerlinDay,
  startOfBerlinDayAfter,
  toBerlinLocalInput,
} from "./berlin-time";

// The clocks change on the last Sunday of March (02:00 CET → 03:00 CEST, at 01:00Z) and of
// October (03:00 CEST → 02:00 CET, at 01:00Z): 26 March and 29 October 2017, 29 March and
// 25 October 2026.
const at = (iso: string) => new Date(iso);

describe("the offset of Berlin time", () => {
  it("is one hour in winter and two in summer, changing at 01:00 UTC", () => {
    expect(berlinOffsetMinutes(at("2026-01-15T12:00:00Z"))).toBe(60);
    expect(berlinOffsetMinutes(at("2026-07-15T12:00:00Z"))).toBe(120);
    expect(berlinOffsetMinutes(at("2026-03-29T00:59:59.999Z"))).toBe(60);
    expect(berlinOffsetMinutes(at("2026-03-29T01:00:00Z"))).toBe(120);
    expect(berlinOffsetMinutes(at("2026-10-25T00:59:59.999Z"))).toBe(120);
    expect(berlinOffsetMinutes(at("2026-10-25T01:00:00Z"))).toBe(60);
  });
});

describe("Berlin wall-clock times", () => {
  it("reads winter and summer times with their offsets", () => {
    expect(parseBerlinLocal("2017-02-28T12:00")?.toISOString()).toBe("2017-02-28T11:00:00.000Z");
    expect(parseBerlinLocal("2017-06-01T00:00")?.toISOString()).toBe("2017-05-31T22:00:00.000Z");
  });
  it("handles the days the clocks change", () => {
    // 26 March 2017: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist.
    expect(parseBerlinLocal("2017-03-26T01:59")?.toISOString()).toBe("2017-03-26T00:59:00.000Z");
    expect(parseBerlinLocal("2017-03-26T02:30")).toBeNull();
    expect(parseBerlinLocal("2017-03-26T03:00")?.toISOString()).toBe("2017-03-26T01:00:00.000Z");
    // 29 October 2017: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice, the first counts.
    expect(parseBerlinLocal("2017-10-29T02:30")?.toISOString()).toBe("2017-10-29T00:30:00.000Z");
    expect(parseBerlinLocal("2017-10-29T03:00")?.toISOString()).toBe("2017-10-29T02:00:00.000Z");
  });
  it("shows both passes of the repeated hour as the same wall-clock time", () => {
    expect(toBerlinLocalInput(at("2026-10-25T00:30:00Z"))).toBe("2026-10-25T02:30");
    expect(toBerlinLocalInput(at("2026-10-25T01:30:00Z"))).toBe("2026-10-25T02:30");
  });
  it("refuses malformed values and days that do not exist, and writes instants back as the input shows them", () => {
    expect(parseBerlinLocal("28.02.2017 12:00")).toBeNull();
    expect(parseBerlinLocal("2017-02-29T12:00")).toBeNull();
    expect(parseBerlinLocal("2017-02-28T24:00")).toBeNull();
    expect(toBerlinLocalInput(new Date("2017-02-28T11:00:00Z"))).toBe("2017-02-28T12:00");
    expect(toBerlinLocalInput(new Date("2017-05-31T22:00:00Z"))).toBe("2017-06-01T00:00");
    expect(toBerlinLocalInput(new Date("2017-05-31T22:00:07Z"), true)).toBe("2017-06-01T00:00:07");
  });
});

describe("Berlin calendar days", () => {
  it("names the German calendar day of an instant, whatever the UTC date", () => {
    expect(berlinDay(at("2026-12-01T23:30:00Z"))).toBe("2026-12-02");
    expect(berlinDay(at("2026-12-01T22:59:59Z"))).toBe("2026-12-01");
    expect(berlinDay(at("2026-06-01T21:59:59Z"))).toBe("2026-06-01");
    expect(berlinDay(at("2026-06-01T22:00:00Z"))).toBe("2026-06-02");
  });

  it("tells whether two instants share a Berlin day", () => {
    expect(isSameBerlinDay(at("2026-12-01T23:30:00Z"), at("2026-12-02T10:00:00Z"))).toBe(true);
    expect(isSameBerlinDay(at("2026-12-01T22:59:59Z"), at("2026-12-01T23:00:00Z"))).toBe(false);
    // 25 October 2026 has 25 hours: its first and last second are 24 h 59 min 59 s apart.
    expect(isSameBerlinDay(at("2026-10-24T22:00:00Z"), at("2026-10-25T22:59:59Z"))).toBe(true);
  });

  it("adds calendar days across months, years, leap days and the changes of the clocks", () => {
    expect(addCalendarDays("2017-03-20", 11)).toBe("2017-03-31");
    expect(addCalendarDays("2017-12-25", 11)).toBe("2018-01-05");
    expect(addCalendarDays("2016-02-28", 1)).toBe("2016-02-29");
    expect(addCalendarDays("2017-02-28", 1)).toBe("2017-03-01");
    expect(addCalendarDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addCalendarDays("2026-10-26", -2)).toBe("2026-10-24");
  });

  it("starts a day at midnight in the offset of that day, so the days the clocks change last 23 and 25 hours", () => {
    expect(startOfBerlinDay("2026-03-29")?.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfBerlinDay("2026-03-30")?.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfBerlinDay("2026-10-25")?.toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(startOfBerlinDay("2026-10-26")?.toISOString()).toBe("2026-10-25T23:00:00.000Z");
    const hours = (day: string) => (startOfBerlinDay(addCalendarDays(day, 1))!.getTime() - startOfBerlinDay(day)!.getTime()) / 3600_000;
    expect([hours("2026-03-29"), hours("2026-06-01"), hours("2026-10-25")]).toEqual([23, 24, 25]);
  });

  it("ends a day at its last second in German time, winter and summer", () => {
    expect(endOfBerlinDay("2026-12-01")!.toISOString()).toBe("2026-12-01T22:59:59.000Z");
    expect(endOfBerlinDay("2026-07-01")!.toISOString()).toBe("2026-07-01T21:59:59.000Z");
    // The days the clocks change: the evening is already in the new time.
    expect(endOfBerlinDay("2026-03-29")!.toISOString()).toBe("2026-03-29T21:59:59.000Z");
    expect(endOfBerlinDay("2026-10-25")!.toISOString()).toBe("2026-10-25T22:59:59.000Z");
  });

  it("knows no day that is not in the calendar or not written YYYY-MM-DD", () => {
    for (const day of ["2026-02-29", "2026-02-30", "2026-13-01", "01.12.2026", "2026-12-1", "", " 2026-12-01"]) {
      expect([startOfBerlinDay(day), endOfBerlinDay(day)]).toEqual([null, null]);
    }
    expect(calendarDay(2016, 2, 29)).toBe("2016-02-29");
    expect([calendarDay(2017, 2, 29), calendarDay(2017, 4, 31), calendarDay(2017, 0, 1), calendarDay(2017, 1, 0)]).toEqual([null, null, null, null]);
  });

  it("starts the day n days after an instant's Berlin day at its midnight", () => {
    // 23:30 CET on 20 March 2017 is 20 March in Berlin: 11 days on is 31 March, 00:00 CEST.
    expect(startOfBerlinDayAfter(at("2017-03-20T22:30:00Z"), 11).toISOString()).toBe("2017-03-30T22:00:00.000Z");
    // 00:30 CEST on 2 June is 1 June in UTC, 2 June in Berlin.
    expect(startOfBerlinDayAfter(at("2017-06-01T22:30:00Z"), 1).toISOString()).toBe("2017-06-02T22:00:00.000Z");
  });
});

describe("Berlin months", () => {
  it("puts an instant in the month its Berlin day belongs to", () => {
    expect(berlinYearMonth(at("2017-05-31T21:59:59Z"))).toEqual({ year: 2017, month: 5 });
    expect(berlinYearMonth(at("2017-05-31T22:00:00Z"))).toEqual({ year: 2017, month: 6 });
    expect(berlinYearMonth(at("2016-12-31T23:30:00Z"))).toEqual({ year: 2017, month: 1 });
  });
});

describe("RFC 3339 with the Berlin offset", () => {
  it("formats instants in Europe/Berlin, summer and winter time", () => {
    expect(isoWithBerlinOffset(at("2017-03-26T00:59:59Z"))).toBe("2017-03-26T01:59:59+01:00");
    expect(isoWithBerlinOffset(at("2017-03-26T01:00:00Z"))).toBe("2017-03-26T03:00:00+02:00");
    expect(isoWithBerlinOffset(at("2017-10-29T00:30:00.250Z"))).toBe("2017-10-29T02:30:00.250+02:00");
    expect(isoWithBerlinOffset(at("2017-10-29T01:30:00Z"))).toBe("2017-10-29T02:30:00+01:00");
  });
  it("reads back as the same instant and refuses an invalid date", () => {
    for (const iso of ["2017-02-28T11:00:00Z", "2017-10-29T00:30:00Z", "2017-10-29T01:30:00Z", "1999-12-31T23:00:00.001Z"]) {
      expect(new Date(isoWithBerlinOffset(at(iso))).toISOString()).toBe(new Date(iso).toISOString());
    }
    expect(() => isoWithBerlinOffset(new Date(Number.NaN))).toThrow(RangeError);
  });
});
