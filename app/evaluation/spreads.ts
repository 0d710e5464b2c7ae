// Streuungen: where the evaluators' points on one criterion of one bid lie at least the
// call's threshold apart (isSpread in scoring.ts), the officers record a consensus score
// with a reason (recordConsensus). Pure: which spreads the desk lists, which points a
// consensus may take.

type SpreadCriterion = { criterionId: string; spread: boolean; consensus: unknown };
type SpreadLot = { bids: { criteria: SpreadCriterion[] }[] };

/** One spread of one bid (by its index in the lot) on one criterion; open until a consensus is recorded. */
export type SpreadFlag<L> = { lot: L; bidIndex: number; criterionId: string; open: boolean };

/** Every spread of the lots, lot by lot, bid by bid, in the criteria's order. */
export function spreadFlags<L extends SpreadLot>(lots: L[]): SpreadFlag<L>[] {
  return lots.flatMap((lot) =>
    lot.bids.flatMap((bid, bidIndex) => bid.criteria.filter((c) => c.spread).map((c) => ({ lot, bidIndex, criterionId: c.criterionId, open: !c.consensus }))),
  );
}

export type ScalePoint = { points: number; meaning: string };

/**
 * The points a consensus may take: the criterion's published scale, or, where it has none,
 * every whole point of the call's range (recordConsensus accepts exactly these).
 */
export function consensusScale(scale: ScalePoint[], scaleMin: number, scaleMax: number): ScalePoint[] {
  if (scale.length) return scale;
  return Array.from({ length: Math.max(0, scaleMax - scaleMin + 1) }, (_, i) => ({ points: scaleMin + i, meaning: "" }));
}
