import { describe, expect, it } from "vitest";
import { berlinDay } from "../i18n/berlin-time";
import { earliestAwardDate, isAwardAllowed, standstillRemaining } from "./standstill";

const at = (iso: string) => new Date(iso);
const earliest = (iso: string, channel?: "electronic" | "post") => earliestAwardDate(at(iso), channel).toISOString();

describe("earliest award date after the Vorabinformation (§ 134 GWB)", () => {
  it("counts 10 days from the day after sending, across the change to summer time", () => {
    // Sent Mon 20 March 2017 14:00 CET (13:00Z). Days 1–10: 21–30 March (clocks go forward on
    // the 26th). Award from Fri 31 March 00:00 CEST = 30 March 22:00Z.
    expect(earliest("2017-03-20T13:00:00Z")).toBe("2017-03-30T22:00:00.000Z");
  });

  it("counts across the change back to winter time", () => {
    // Sent Fri 20 October 2017 10:00 CEST (08:00Z). Days 1–10: 21–30 October (clocks go back
    // on the 29th). Award from Tue 31 October 00:00 CET = 30 October 23:00Z.
    expect(earliest("2017-10-20T08:00:00Z")).toBe("2017-10-30T23:00:00.000Z");
  });

  it("uses the offset of the award day when that day is the day the clocks change", () => {
    // Sent 15 March → days 16–25 → award from 26 March 00:00, still CET = 25 March 23:00Z.
    expect(earliest("2017-03-15T09:00:00Z")).toBe("2017-03-25T23:00:00.000Z");
    // Sent 18 October → days 19–28 → award from 29 October 00:00, still CEST = 28 October 22:00Z.
    expect(earliest("2017-10-18T09:00:00Z")).toBe("2017-10-28T22:00:00.000Z");
  });

  it("takes the Berlin date as the sending day, not the UTC date", () => {
    // 23:30 CET on 20 March = 22:30Z, same date: award as above, 31 March 00:00 CEST.
    expect(berlinDay(at("2017-03-20T22:30:00Z"))).toBe("2017-03-20");
    expect(earliest("2017-03-20T22:30:00Z")).toBe("2017-03-30T22:00:00.000Z");
    // 23:30 CEST on 1 June = 21:30Z: days 2–11 June → award 12 June 00:00 CEST = 11 June 22:00Z.
    expect(earliest("2017-06-01T21:30:00Z")).toBe("2017-06-11T22:00:00.000Z");
    // 00:30 CEST on 2 June is 22:30Z on 1 June in UTC, but the sending day is 2 June:
    // days 3–12 June → award 13 June 00:00 CEST = 12 June 22:00Z (a UTC count would say the 12th).
    expect(berlinDay(at("2017-06-01T22:30:00Z"))).toBe("2017-06-02");
    expect(earliest("2017-06-01T22:30:00Z")).toBe("2017-06-12T22:00:00.000Z");
  });

  it("crosses the turn of the year and takes 15 days for a notice by post", () => {
    // Sent 25 December 2017 → days 26 Dec–4 Jan → award 5 January 2018 00:00 CET = 4 Jan 23:00Z.
    expect(earliest("2017-12-25T10:00:00Z")).toBe("2018-01-04T23:00:00.000Z");
    // By post, 20 March: days 21 March–4 April → award 5 April 00:00 CEST = 4 April 22:00Z.
    expect(earliest("2017-03-20T13:00:00Z", "post")).toBe("2017-04-04T22:00:00.000Z");
  });

  it("refuses an invalid date", () => {
    expect(() => earliestAwardDate(new Date("nonsense"))).toThrow();
  });
});

describe("whether the award is allowed, and how long to wait", () => {
  const sent = at("2017-03-20T13:00:00Z"); // award allowed from 2017-03-30T22:00:00Z

  it("bars the award until the first instant of the 11th day", () => {
    expect(isAwardAllowed(sent, at("2017-03-30T21:59:59.999Z"))).toBe(false);
    expect(isAwardAllowed(sent, at("2017-03-30T22:00:00Z"))).toBe(true);
    expect(isAwardAllowed(sent, at("2017-04-15T10:00:00Z"))).toBe(true);
  });

  it("counts the time left in elapsed days and hours, rounded up to the hour", () => {
    // At sending, 13:00Z → 30 March 22:00Z = 10 days 9 hours of elapsed time (on the wall clock
    // 14:00 → 00:00 ten days later is 10 h, less the hour lost on 26 March).
    expect(standstillRemaining(sent, sent)).toEqual({ days: 10, hours: 9, earliestAwardAt: at("2017-03-30T22:00:00Z") });
    // 30 minutes before: shows 1 hour, not 0.
    expect(standstillRemaining(sent, at("2017-03-30T21:30:00Z"))).toMatchObject({ days: 0, hours: 1 });
    // 26 hours before: 1 day 2 hours.
    expect(standstillRemaining(sent, at("2017-03-29T20:00:00Z"))).toMatchObject({ days: 1, hours: 2 });
    expect(standstillRemaining(sent, at("2017-03-30T22:00:00Z"))).toBeNull();
  });
});
