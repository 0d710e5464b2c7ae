// Wertung: the arithmetic of scoring, published with the call so that every carrier can
// recompute its result. Pure functions; rounding rules stated once here:
// - a price score is rounded to two decimals (as the Dresden formula publishes it);
// - the final score of a criterion is the consensus score where one was recorded, else the
//   mean of the evaluators' scores, unrounded;
// - the weighted total is Σ weight% × final score / 100, unrounded; it is shown rounded to
//   two decimals, and ranking uses the unrounded value.

export type CriterionRule = { id: string; weightPercent: number; kind: "quality" | "price"; sortOrder: number };

/**
 * The cost per FTE and year a price criterion compares. Under the cost rule
 * "nonPersonnelPerFte" only material (travel included) and overhead per FTE count, so that
 * paying staff less wins nothing; a call made before the rule (null) compares personnel cost
 * per FTE, as its price formula was published. Null where the bid offers no FTE.
 */
export function scoredCostPerFteCents(
  rule: "nonPersonnelPerFte" | "qualityOnly" | null,
  plan: { personnelCostPerFteCents: number; materialCostCents: number; overheadCents: number },
  fteHundredths: number,
): number | null {
  if (rule === null) return plan.personnelCostPerFteCents;
  if (fteHundredths <= 0) return null;
  return Math.round(((plan.materialCostCents + plan.overheadCents) * 100) / fteHundredths);
}

/** Price score: max × (lowest cost per FTE in the lot ÷ this bid's), two decimals. */
export function priceScore(costPerFteCents: number, lowestCostPerFteCents: number, maxPoints: number): number {
  if (costPerFteCents <= 0 || lowestCostPerFteCents <= 0) throw new Error("costs per FTE must be positive");
  return Math.round(((maxPoints * lowestCostPerFteCents) / costPerFteCents) * 100) / 100;
}

/** Evaluators' points on one criterion differ by at least the threshold (Streuung). */
export function isSpread(points: number[], threshold: number): boolean {
  if (points.length < 2) return false;
  return Math.max(...points) - Math.min(...points) >= threshold;
}

/** isSpread over aggregates (count, min, max) of the points, as SQLite returns them. */
export function isSpreadRange(min: number, max: number, count: number, threshold: number): boolean {
  return count >= 2 && max - min >= threshold;
}

/** The final score of one criterion: the consensus where recorded, else the mean. */
export function finalScore(points: number[], consensus: number | null): number | null {
  if (consensus !== null) return consensus;
  if (points.length === 0) return null;
  return points.reduce((a, b) => a + b, 0) / points.length;
}

/** Σ weight% × score / 100 over all criteria; null while any criterion has no score. */
export function weightedTotal(scores: Map<string, number | null>, criteria: CriterionRule[]): number | null {
  let total = 0;
  for (const c of criteria) {
    const s = scores.get(c.id);
    if (s === null || s === undefined) return null;
    total += (c.weightPercent * s) / 100;
  }
  return total;
}

export function roundForDisplay(value: number): number {
  return Math.round(value * 100) / 100;
}

export type RankableBid = { bidId: string; total: number; scores: Map<string, number> };
export type RankedBid = RankableBid & { rank: number; tieBrokenBy: string | null };

const EPSILON = 1e-9;

/**
 * Ranking of one lot (Rangfolge): by unrounded weighted total, highest first. A tie is broken
 * by the higher final score in the most heavily weighted criterion, then the next (equal
 * weights in the order the call lists them). Bids still equal share a rank.
 */
export function rankBids(bids: RankableBid[], criteria: CriterionRule[]): RankedBid[] {
  const order = [...criteria].sort((a, b) => b.weightPercent - a.weightPercent || a.sortOrder - b.sortOrder);
  const decidingCriterion = (a: RankableBid, b: RankableBid): string | null => {
    for (const c of order) {
      const diff = (b.scores.get(c.id) ?? 0) - (a.scores.get(c.id) ?? 0);
      if (Math.abs(diff) > EPSILON) return c.id;
    }
    return null;
  };
  const compare = (a: RankableBid, b: RankableBid) => {
    const diff = b.total - a.total;
    if (Math.abs(diff) > EPSILON) return diff;
    const c = decidingCriterion(a, b);
    return c ? (b.scores.get(c) ?? 0) - (a.scores.get(c) ?? 0) : 0;
  };
  const sorted = [...bids].sort(compare);
  const ranked: RankedBid[] = [];
  sorted.forEach((bid, i) => {
    const prev = sorted[i - 1];
    const sameAsPrev = prev !== undefined && compare(prev, bid) === 0;
    const tiedTotal = prev !== undefined && Math.abs(prev.total - bid.total) <= EPSILON;
    ranked.push({
      ...bid,
      rank: sameAsPrev ? ranked[i - 1].rank : i + 1,
      tieBrokenBy: tiedTotal && !sameAsPrev ? decidingCriterion(prev, bid) : null,
    });
  });
  return ranked;
}
