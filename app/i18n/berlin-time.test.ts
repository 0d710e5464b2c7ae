import { describe, expect, it } from "vitest";
import { parseBerlinLocal, toBerlinLocalInput } from "./berlin-time";

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
  });
  it("refuses malformed values and writes instants back as the input shows them", () => {
    expect(parseBerlinLocal("28.02.2017 12:00")).toBeNull();
    expect(toBerlinLocalInput(new Date("2017-02-28T11:00:00Z"))).toBe("2017-02-28T12:00");
    expect(toBerlinLocalInput(new Date("2017-05-31T22:00:00Z"))).toBe("2017-06-01T00:00");
  });
});
