import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { carriersText, figuresText, fteText, oneDecimal, percentText, signedFteText } from "./plan-text";

describe("plan texts", () => {
  it("writes FTE from hundredths with two decimals in German and English", () => {
    expect(fteText(775, "de")).toBe("7,75");
    expect(fteText(123456, "de")).toBe("1.234,56");
    expect(fteText(775, "en")).toBe("7.75");
  });

  it("signs differences with plus and a real minus, zero without a sign", () => {
    expect([signedFteText(100, "de"), signedFteText(-50, "de"), signedFteText(0, "de")]).toEqual(["+1,00", "−0,50", "0,00"]);
  });

  it("shows missing percentages and keys as a dash", () => {
    expect([percentText(88.6, "de"), percentText(null, "de"), oneDecimal(80, "de"), oneDecimal(null, "de")]).toEqual(["88,6 %", "–", "80,0", "–"]);
  });

  it("names carriers with their FTE, falling back to the id when a name is missing", () => {
    const lot = { carriers: [{ organisationId: "a", hundredths: 500 }, { organisationId: "b", hundredths: 275 }] };
    expect(carriersText(lot, { a: "Alpha e. V." }, "de")).toBe("Alpha e. V. 5,00; b 2,75");
    expect(carriersText({ carriers: [] }, {}, "de")).toBe("–");
  });

  it("lists the figures per target group in a fixed order with German grouping", () => {
    expect(figuresText({ vulnerable: 95, asylum: 1240 }, translator("de"), "de")).toBe("Asylverfahren 1.240, besonders schutzbedürftig 95");
    expect(figuresText({}, translator("de"), "de")).toBe("–");
  });
});
