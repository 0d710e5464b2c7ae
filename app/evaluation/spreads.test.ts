import { describe, expect, it } from "vitest";
import { consensusScale, spreadFlags } from "./spreads";

const criterion = (criterionId: string, spread: boolean, consensus: { points: number } | null = null) => ({ criterionId, spread, consensus });

describe("spreads awaiting a consensus", () => {
  it("lists every spread lot by lot and bid by bid, open until a consensus is recorded", () => {
    const nord = { lotId: "nord", bids: [{ criteria: [criterion("konzept", true), criterion("schutz", false)] }, { criteria: [criterion("konzept", false), criterion("schutz", true, { points: 3 })] }] };
    const sued = { lotId: "sued", bids: [{ criteria: [criterion("tandem", true)] }] };
    expect(spreadFlags([nord, sued]).map((f) => [f.lot.lotId, f.bidIndex, f.criterionId, f.open])).toEqual([
      ["nord", 0, "konzept", true],
      ["nord", 1, "schutz", false],
      ["sued", 0, "tandem", true],
    ]);
  });

  it("finds none where no criterion is spread or a lot has no bids", () => {
    expect(spreadFlags([{ bids: [] }, { bids: [{ criteria: [criterion("konzept", false)] }] }])).toEqual([]);
  });
});

describe("the points a consensus may take", () => {
  it("is the criterion's published scale where it has one", () => {
    const scale = [
      { points: 0, meaning: "nicht erfüllt" },
      { points: 5, meaning: "voll erfüllt" },
    ];
    expect(consensusScale(scale, 0, 5)).toBe(scale);
  });

  it("is every whole point from the call's minimum to its maximum otherwise", () => {
    expect(consensusScale([], 1, 4).map((p) => p.points)).toEqual([1, 2, 3, 4]);
    expect(consensusScale([], 3, 3).map((p) => p.points)).toEqual([3]);
  });
});
