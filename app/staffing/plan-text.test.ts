import { describe, expect, it } from "vitest";
import { carriersText, fteText, oneDecimal } from "./plan-text";

describe("plan texts", () => {
  it("writes FTE from hundredths with two decimals in German and English", () => {
    expect(fteText(775, "de")).toBe("7,75");
    expect(fteText(123456, "de")).toBe("1.234,56");
    expect(fteText(775, "en")).toBe("7.75");
  });

  it("shows missing keys as a dash", () => {
    expect([oneDecimal(80, "de"), oneDecimal(null, "de")]).toEqual(["80,0", "–"]);
  });

  it("names carriers with their FTE, falling back to the id when a name is missing", () => {
    const lot = { carriers: [{ organisationId: "a", hundredths: 500 }, { organisationId: "b", hundredths: 275 }] };
    expect(carriersText(lot, { a: "Alpha e. V." }, "de")).toBe("Alpha e. V. 5,00; b 2,75");
    expect(carriersText({ carriers: [] }, {}, "de")).toBe("–");
  });
});
