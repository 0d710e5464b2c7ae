// Das Vergabeergebnis (public result of a call): what the public may know once the award
// (Zuschlag) is made — per lot the carriers, the FTE awarded to each, the value of each
// contract and the date; cancelled lots with their reason. Never scores, ranks or bid text.
// Pure: the types and the rules; app/award/result.server.ts reads the database.
import type { OcdsOutcome } from "../procurement/ocds";
import { costTotals, type CostTotals } from "../submission/rules";

export type ResultAward = {
  organisationId: string;
  carrierName: string;
  address: { street: string; postalCode: string; city: string };
  fteHundredths: number;
  /** Value of the contract for its term (Auftragswert), see `awardValue`; null if unknown. */
  valueCents: number | null;
};

export type ResultLotState = "awarded" | "notAwarded" | "cancelled";

export type ResultLot = {
  lotId: string;
  number: number;
  regionName: string;
  roleName: string;
  state: ResultLotState;
  cancelledAt: Date | null;
  cancellationReason: string | null;
  /** Best-ranked first; empty unless the lot is awarded. */
  awards: ResultAward[];
  fteHundredths: number;
  valueCents: number | null;
};

export type ResultTotals = {
  lots: number;
  lotsAwarded: number;
  lotsNotAwarded: number;
  lotsCancelled: number;
  carriers: number;
  fteHundredths: number;
  valueCents: number | null;
};

export type ResultCall = {
  id: string;
  slug: string;
  title: string;
  authority: string;
  isDemo: boolean;
  currency: string;
  serviceStart: Date;
  contractEnd: Date;
};

export type CallResult =
  | { state: "awarded"; call: ResultCall; awardedAt: Date; lots: ResultLot[]; totals: ResultTotals }
  | { state: "cancelled"; call: ResultCall; cancelledAt: Date | null; cancellationReason: string; lots: ResultLot[] };

/** A bid's cost plan as submitted (the sealed snapshot's lot), enough to price an award. */
export type PricedBid = {
  costPlan: { personnelCostPerFteCents: number; materialCostCents: number; overheadCents: number };
  totals: Pick<CostTotals, "fteHundredths" | "termMonths">;
};

/**
 * Auftragswert of an award: the bid's cost per year as the evaluation computes it
 * (`costTotals`: personnel cost per FTE × FTE + material cost + overhead) for the FTE
 * awarded, over the term the bid was priced for. Where a bid gets fewer FTE than it
 * offered (a split lot's remainder), its material cost and overhead count in the same
 * share as its FTE: they were offered for the posts the bid named, and the public value
 * should not charge a partial contract with the lump sums of the whole offer. A full award
 * equals the bid's own term total to the cent.
 */
export function awardValue(bid: PricedBid, awardedHundredths: number): { perYearCents: number; termCents: number } {
  const offered = bid.totals.fteHundredths;
  const months = bid.totals.termMonths;
  if (awardedHundredths <= 0 || offered <= 0) return { perYearCents: 0, termCents: 0 };
  const personnel = costTotals(bid.costPlan, [{ fteHundredths: awardedHundredths }], months).personnelPerYearCents;
  const lumpSums = bid.costPlan.materialCostCents + bid.costPlan.overheadCents;
  const perYearCents = personnel + Math.round((lumpSums * awardedHundredths) / offered);
  return { perYearCents, termCents: Math.round((perYearCents * months) / 12) };
}

/** The state of a lot in the result: cancelled wins, then whether anyone got FTE there. */
export function lotState(lot: { cancelledAt: Date | null }, awards: Pick<ResultAward, "fteHundredths">[]): ResultLotState {
  if (lot.cancelledAt) return "cancelled";
  return awards.some((a) => a.fteHundredths > 0) ? "awarded" : "notAwarded";
}

/** Sums of the result; a value total only when every awarded contract has a value. */
export function resultTotals(lots: ResultLot[]): ResultTotals {
  const awards = lots.flatMap((l) => l.awards);
  const values = awards.map((a) => a.valueCents);
  return {
    lots: lots.length,
    lotsAwarded: lots.filter((l) => l.state === "awarded").length,
    lotsNotAwarded: lots.filter((l) => l.state === "notAwarded").length,
    lotsCancelled: lots.filter((l) => l.state === "cancelled").length,
    carriers: new Set(awards.map((a) => a.organisationId)).size,
    fteHundredths: awards.reduce((sum, a) => sum + a.fteHundredths, 0),
    valueCents: values.some((v) => v === null) ? null : values.reduce<number>((sum, v) => sum + (v ?? 0), 0),
  };
}

/** Sum of a lot's award values, or null when one is unknown. */
export function lotValue(awards: Pick<ResultAward, "valueCents">[]): number | null {
  if (awards.some((a) => a.valueCents === null)) return null;
  return awards.reduce((sum, a) => sum + (a.valueCents ?? 0), 0);
}

/** What the public call page says about the outcome: award made, call or lots cancelled. */
export type CallOutcome = {
  /** Set once the award is public; the page links the result. */
  awardedAt: Date | null;
  cancellation: { at: Date | null; reason: string } | null;
  cancelledLots: { lotId: string; number: number; regionName: string; roleName: string; at: Date; reason: string }[];
};

/** The outcome as the OCDS release states it (app/procurement/ocds.ts). */
export function ocdsOutcome(outcome: CallOutcome, result: CallResult | null): OcdsOutcome {
  return {
    cancellation: outcome.cancellation,
    cancelledLots: outcome.cancelledLots.map((l) => ({ number: l.number, at: l.at, reason: l.reason })),
    award:
      result?.state === "awarded"
        ? {
            awardedAt: result.awardedAt,
            lots: result.lots.map((l) => ({
              number: l.number,
              awards: l.awards.map((a) => ({
                supplier: { organisationId: a.organisationId, name: a.carrierName, ...a.address },
                fteHundredths: a.fteHundredths,
                valueCents: a.valueCents,
              })),
            })),
          }
        : null,
  };
}

/** The latest public event of the outcome, for the package date; null if none. */
export function lastOutcomeChange(outcome: CallOutcome): Date | null {
  const times = [outcome.awardedAt, outcome.cancellation?.at ?? null, ...outcome.cancelledLots.map((l) => l.at)]
    .filter((d): d is Date => d !== null)
    .map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}
