// Ungedeckter Bedarf: per lot, the FTE the latest client figures require and no contract
// covers on a day, the volume of a follow-up call (Folgeaufruf, issue 14 point 5,
// decision 0027). Pure: the caller passes the requirements (requiredFteByLot) and the FTE
// contracted per lot on the day (amended figures where a contract was amended), so that the
// Nachsteuerung's remainder and the follow-up call count the same way.
import type { CallView } from "../procurement/call-view";

/** A lot named by region and role; a cancelled one (aufgehobenes Los) is uncovered whole. */
export type UncoveredLotInput = { lotId: string } & Pick<CallView["lots"][number], "number" | "regionCode" | "regionName" | "roleCode" | "roleName" | "cancelled">;

export type UncoveredLot = UncoveredLotInput & {
  requiredHundredths: number;
  contractedHundredths: number;
  /** required − contracted, never below zero. */
  uncoveredHundredths: number;
};

export type UncoveredResult = {
  /** Every lot with a requirement, in lot-number order, with its arithmetic. */
  lots: UncoveredLot[];
  /** The lots with uncovered FTE above zero: what a follow-up call would hold. */
  uncovered: UncoveredLot[];
  totalUncoveredHundredths: number;
};

/**
 * Uncovered FTE per lot: required by the latest figures minus contracted on the day, above
 * zero. A lot without any contract (none awarded, or cancelled) counts whole. Lots missing
 * from `requiredByLot` have no known requirement and are left out; the caller refuses first
 * when figures are missing.
 */
export function uncoveredFteByLot(input: {
  lots: UncoveredLotInput[];
  requiredByLot: ReadonlyMap<string, number>;
  contractedByLot: ReadonlyMap<string, number>;
}): UncoveredResult {
  const lots = [...input.lots]
    .filter((lot) => input.requiredByLot.has(lot.lotId))
    .sort((a, b) => a.number - b.number)
    .map((lot): UncoveredLot => {
      const requiredHundredths = input.requiredByLot.get(lot.lotId)!;
      // A cancelled lot's contracts (none, or ended with the cancellation) cover nothing.
      const contractedHundredths = lot.cancelled ? 0 : (input.contractedByLot.get(lot.lotId) ?? 0);
      return { ...lot, requiredHundredths, contractedHundredths, uncoveredHundredths: Math.max(0, requiredHundredths - contractedHundredths) };
    });
  const uncovered = lots.filter((l) => l.uncoveredHundredths > 0);
  return { lots, uncovered, totalUncoveredHundredths: uncovered.reduce((sum, l) => sum + l.uncoveredHundredths, 0) };
}

export type ContractOnDay = {
  lotId: string;
  fteHundredths: number;
  /** The term's first and last Berlin calendar day ("YYYY-MM-DD"), both included. */
  from: string;
  to: string;
};

/** FTE contracted per lot on a Berlin calendar day: the contracts whose term holds the day. */
export function contractedFteOnDay(contracts: ContractOnDay[], day: string): Map<string, number> {
  const byLot = new Map<string, number>();
  for (const c of contracts) {
    if (c.from > day || c.to < day) continue;
    byLot.set(c.lotId, (byLot.get(c.lotId) ?? 0) + c.fteHundredths);
  }
  return byLot;
}
