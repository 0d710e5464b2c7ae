import { describe, expect, it } from "vitest";
import { figureField, parseCount, readFiguresForm } from "./figures-form";

const regions = [
  { code: "nord", name: "Nord" },
  { code: "sued", name: "Süd" },
];

describe("reading the Fallzahlen form", () => {
  it("reads the filled fields as figures and leaves blank ones out", () => {
    const { asOf, figures, problems } = readFiguresForm({ stand: " 2017-03-31 ", [figureField("nord", "asylum")]: "1.240", [figureField("sued", "vulnerable")]: "0", [figureField("sued", "asylum")]: "  " }, regions);
    expect(asOf).toBe("2017-03-31");
    expect(figures).toEqual([
      { regionCode: "nord", targetGroup: "asylum", count: 1240 },
      { regionCode: "sued", targetGroup: "vulnerable", count: 0 },
    ]);
    expect(problems).toEqual([]);
  });

  it("refuses a date not written as YYYY-MM-DD", () => {
    const { problems } = readFiguresForm({ stand: "31.03.2017", [figureField("nord", "asylum")]: "5" }, regions);
    expect(problems).toEqual([{ field: "stand", key: "staffing.error.asOf" }]);
  });

  it("names region and target group of a count that is not a whole number from 0", () => {
    const { figures, problems } = readFiguresForm({ stand: "2017-03-31", [figureField("sued", "rightToStay")]: "-1", [figureField("nord", "asylum")]: "12,5" }, regions);
    expect(figures).toEqual([]);
    expect(problems).toEqual([
      { field: "anzahl-nord-asylum", key: "staffing.error.count", region: { name: "Nord", group: "asylum" } },
      { field: "anzahl-sued-rightToStay", key: "staffing.error.count", region: { name: "Süd", group: "rightToStay" } },
    ]);
  });

  it("asks for at least one figure when every field is blank, besides a wrong date", () => {
    expect(readFiguresForm({ stand: "2017-03-31" }, regions).problems).toEqual([{ field: "_form", key: "staffing.error.none" }]);
    expect(readFiguresForm({ stand: "" }, regions).problems.map((p) => p.field)).toEqual(["stand", "_form"]);
  });

  it("ignores fields of regions the call does not have", () => {
    expect(readFiguresForm({ stand: "2017-03-31", [figureField("west", "asylum")]: "7" }, regions).figures).toEqual([]);
  });
});

describe("reading a count", () => {
  it("reads whole numbers with or without German grouping only", () => {
    expect([parseCount("0"), parseCount("1240"), parseCount("1.240"), parseCount("12.345.678")]).toEqual([0, 1240, 1240, 12345678]);
    expect([parseCount("1,5"), parseCount("12.34"), parseCount("-1"), parseCount(""), parseCount("1e3")]).toEqual([null, null, null, null, null]);
  });
});
