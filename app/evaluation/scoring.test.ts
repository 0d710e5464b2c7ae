import { describe, expect, it } from "vitest";
import { finalScore, isSpread, priceScore, rankBids, roundForDisplay, scoredCostPerFteCents, weightedTotal, type CriterionRule } from "./scoring";

// Dresden's criteria: konzept 25, vernetzung 20, tandem 15, schutz 15, qualitaet 15, preis 10.
const criteria: CriterionRule[] = [
  { id: "konzept", weightPercent: 25, kind: "quality", sortOrder: 0 },
  { id: "vernetzung", weightPercent: 20, kind: "quality", sortOrder: 1 },
  { id: "tandem", weightPercent: 15, kind: "quality", sortOrder: 2 },
  { id: "schutz", weightPercent: 15, kind: "quality", sortOrder: 3 },
  { id: "qualitaet", weightPercent: 15, kind: "quality", sortOrder: 4 },
  { id: "preis", weightPercent: 10, kind: "price", sortOrder: 5 },
];
const scores = (...values: number[]) => new Map(criteria.map((c, i) => [c.id, values[i]]));

describe("price formula", () => {
  it("gives the cheapest bid full points and the others in proportion, to two decimals", () => {
    expect(priceScore(5_000_000, 5_000_000, 5)).toBe(5);
    // 5 × 50,000 / 60,000 = 4.1666… → 4.17
    expect(priceScore(6_000_000, 5_000_000, 5)).toBe(4.17);
    // 5 × 50,000 / 75,000 = 3.333… → 3.33
    expect(priceScore(7_500_000, 5_000_000, 5)).toBe(3.33);
  });
  it("refuses a cost of zero", () => {
    expect(() => priceScore(0, 5_000_000, 5)).toThrow();
  });
});

describe("the cost the price criterion compares", () => {
  const plan = { personnelCostPerFteCents: 6_000_000, materialCostCents: 400_000, overheadCents: 600_000 };
  it("counts only material and overhead per FTE under the non-personnel rule: 10,000 € over 2 FTE is 5,000 €", () => {
    expect(scoredCostPerFteCents("nonPersonnelPerFte", plan, 200)).toBe(500_000);
  });
  it("gives lower pay no advantage: two bids that differ only in personnel cost score the same", () => {
    const cheaperStaff = { ...plan, personnelCostPerFteCents: 4_500_000 };
    const a = scoredCostPerFteCents("nonPersonnelPerFte", plan, 150)!;
    const b = scoredCostPerFteCents("nonPersonnelPerFte", cheaperStaff, 150)!;
    expect(priceScore(a, Math.min(a, b), 5)).toBe(priceScore(b, Math.min(a, b), 5));
  });
  it("has nothing to compare for a bid without FTE", () => {
    expect(scoredCostPerFteCents("nonPersonnelPerFte", plan, 0)).toBeNull();
  });
  it("keeps personnel cost per FTE for a call made before the cost rule, as its formula was published", () => {
    expect(scoredCostPerFteCents(null, plan, 200)).toBe(6_000_000);
  });
});

describe("spread and final scores", () => {
  it("flags evaluators who differ by the threshold or more", () => {
    expect(isSpread([2, 4], 2)).toBe(true);
    expect(isSpread([2, 3, 5], 3)).toBe(true);
    expect(isSpread([3, 4], 2)).toBe(false);
    expect(isSpread([5], 2)).toBe(false);
  });
  it("takes the consensus where recorded, else the unrounded mean", () => {
    expect(finalScore([1, 4], 3)).toBe(3);
    expect(finalScore([3, 4], null)).toBe(3.5);
    expect(finalScore([3, 4, 4], null)).toBeCloseTo(11 / 3, 12);
    expect(finalScore([], null)).toBeNull();
  });
});

describe("weighted total", () => {
  it("sums weight × score over the criteria, worked by hand", () => {
    // 0.25×4 + 0.20×3 + 0.15×5 + 0.15×2 + 0.15×3 + 0.10×4.17 = 1 + 0.6 + 0.75 + 0.3 + 0.45 + 0.417 = 3.517
    expect(weightedTotal(scores(4, 3, 5, 2, 3, 4.17), criteria)).toBeCloseTo(3.517, 12);
    expect(roundForDisplay(3.517)).toBe(3.52);
  });
  it("is not computed while a criterion is unscored", () => {
    expect(weightedTotal(new Map([["konzept", 4]]), criteria)).toBeNull();
  });
});

describe("ranking", () => {
  it("ranks by total, highest first", () => {
    const ranked = rankBids(
      [
        { bidId: "a", total: 3.2, scores: scores(3, 3, 3, 3, 3, 5) },
        { bidId: "b", total: 4.1, scores: scores(4, 4, 4, 4, 4, 5) },
        { bidId: "c", total: 2.5, scores: scores(2, 2, 2, 2, 2, 5) },
      ],
      criteria,
    );
    expect(ranked.map((r) => [r.bidId, r.rank])).toEqual([["b", 1], ["a", 2], ["c", 3]]);
  });

  it("breaks a tie by the most heavily weighted criterion, then the next", () => {
    // Both total 3.5: x has konzept 4, y has konzept 3 → x first, decided by konzept.
    const x = { bidId: "x", total: 3.5, scores: scores(4, 3, 3, 4, 3, 3.5) };
    const y = { bidId: "y", total: 3.5, scores: scores(3, 4, 4, 3, 3, 4) };
    expect(rankBids([y, x], criteria).map((r) => [r.bidId, r.rank, r.tieBrokenBy])).toEqual([
      ["x", 1, null],
      ["y", 2, "konzept"],
    ]);
    // Equal in konzept: the next weight (vernetzung, 20 %) decides.
    const p = { bidId: "p", total: 3, scores: scores(3, 4, 2, 3, 3, 2.5) };
    const q = { bidId: "q", total: 3, scores: scores(3, 3, 3, 3, 3, 3) };
    expect(rankBids([q, p], criteria).map((r) => [r.bidId, r.tieBrokenBy])).toEqual([["p", null], ["q", "vernetzung"]]);
  });

  it("ranks on unrounded totals: 3.504 is ahead of 3.496 though both show as 3.50", () => {
    const ranked = rankBids(
      [
        { bidId: "low", total: 3.496, scores: scores(5, 5, 5, 5, 5, 5) },
        { bidId: "high", total: 3.504, scores: scores(0, 0, 0, 0, 0, 0) },
      ],
      criteria,
    );
    expect(ranked.map((r) => r.bidId)).toEqual(["high", "low"]);
    expect(ranked.map((r) => roundForDisplay(r.total))).toEqual([3.5, 3.5]);
  });

  it("gives bids equal in every respect the same rank", () => {
    const s = scores(3, 3, 3, 3, 3, 3);
    const ranked = rankBids(
      [
        { bidId: "a", total: 3, scores: s },
        { bidId: "b", total: 3, scores: s },
        { bidId: "c", total: 2, scores: scores(2, 2, 2, 2, 2, 2) },
      ],
      criteria,
    );
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 3]);
  });
});
