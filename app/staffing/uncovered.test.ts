// Uncovered FTE per lot, worked by hand: Nord FSA needs 8,00 and holds contracts of 5,00 and
// 2,50 (0,50 uncovered); Nord IB needs 4,00 and was awarded nothing; Süd FSA needs 6,00 and
// holds 7,00 (more than required: nothing uncovered, never a negative figure); Süd IB was
// cancelled (aufgehoben) and needs 3,00.
import { describe, expect, it } from "vitest";
import { contractedFteOnDay, uncoveredFteByLot, type UncoveredLotInput } from "./uncovered";

const lot = (n: number, regionCode: string, roleCode: string, cancelled = false): UncoveredLotInput => ({
  lotId: `lot-${n}`,
  number: n,
  regionCode,
  regionName: regionCode === "nord" ? "Nord" : "Süd",
  roleCode,
  roleName: roleCode === "fsa" ? "Flüchtlingssozialarbeit" : "Integrationsbegleitung",
  cancelled,
});
const lots = [lot(4, "sued", "ib", true), lot(1, "nord", "fsa"), lot(2, "nord", "ib"), lot(3, "sued", "fsa")];
const required = new Map([["lot-1", 800], ["lot-2", 400], ["lot-3", 600], ["lot-4", 300]]);

describe("uncovered FTE per lot", () => {
  it("is the requirement less the contracted FTE, above zero, in lot order and named by region and role", () => {
    const result = uncoveredFteByLot({ lots, requiredByLot: required, contractedByLot: new Map([["lot-1", 750], ["lot-3", 700]]) });
    expect(result.lots.map((l) => [l.number, l.requiredHundredths, l.contractedHundredths, l.uncoveredHundredths])).toEqual([
      [1, 800, 750, 50],
      [2, 400, 0, 400],
      [3, 600, 700, 0],
      [4, 300, 0, 300],
    ]);
    expect(result.uncovered.map((l) => `${l.regionName} ${l.roleName} ${l.uncoveredHundredths}`)).toEqual([
      "Nord Flüchtlingssozialarbeit 50",
      "Nord Integrationsbegleitung 400",
      "Süd Integrationsbegleitung 300",
    ]);
    expect(result.totalUncoveredHundredths).toBe(750);
  });

  it("counts a cancelled lot whole even where contracted FTE are passed for it", () => {
    const result = uncoveredFteByLot({ lots, requiredByLot: required, contractedByLot: new Map([["lot-4", 300]]) });
    expect(result.lots.find((l) => l.number === 4)).toMatchObject({ contractedHundredths: 0, uncoveredHundredths: 300 });
  });

  it("finds nothing uncovered when every lot is contracted to its requirement", () => {
    const result = uncoveredFteByLot({ lots: lots.slice(1), requiredByLot: required, contractedByLot: new Map([["lot-1", 800], ["lot-2", 400], ["lot-3", 600]]) });
    expect(result.uncovered).toEqual([]);
    expect(result.totalUncoveredHundredths).toBe(0);
  });

  it("leaves out a lot whose requirement is not known", () => {
    const result = uncoveredFteByLot({ lots, requiredByLot: new Map([["lot-1", 800]]), contractedByLot: new Map() });
    expect(result.lots.map((l) => l.number)).toEqual([1]);
  });
});

describe("FTE contracted on a day", () => {
  const contracts = [
    { lotId: "lot-1", fteHundredths: 500, from: "2017-06-01", to: "2019-12-31" },
    { lotId: "lot-1", fteHundredths: 250, from: "2017-06-01", to: "2017-10-31" },
    { lotId: "lot-3", fteHundredths: 700, from: "2018-01-01", to: "2019-12-31" },
  ];

  it("sums the contracts whose term holds the day, its first and last day included", () => {
    expect([...contractedFteOnDay(contracts, "2017-06-01")]).toEqual([["lot-1", 750]]);
    expect([...contractedFteOnDay(contracts, "2017-10-31")]).toEqual([["lot-1", 750]]);
    expect([...contractedFteOnDay(contracts, "2017-11-01")]).toEqual([["lot-1", 500]]);
    expect([...contractedFteOnDay(contracts, "2018-01-01")]).toEqual([["lot-1", 500], ["lot-3", 700]]);
  });

  it("counts nothing before a term begins or after it ends", () => {
    expect(contractedFteOnDay(contracts, "2017-05-31").size).toBe(0);
    expect(contractedFteOnDay(contracts, "2020-01-01").size).toBe(0);
  });
});
