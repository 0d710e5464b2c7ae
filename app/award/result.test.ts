import { describe, expect, it } from "vitest";
import { costTotals } from "../submission/rules";
import { awardValue, lastOutcomeChange, lotState, lotValue, ocdsOutcome, resultTotals, type CallResult, type ResultLot } from "./result";

// 50,000 € per FTE, 1,000 € material cost, 1,000 € overhead; 2 FTE offered.
const bid = (termMonths: number) => ({
  costPlan: { personnelCostPerFteCents: 5_000_000, materialCostCents: 100_000, overheadCents: 100_000 },
  totals: { fteHundredths: 200, termMonths },
});

describe("awardValue (Auftragswert)", () => {
  it("equals the bid's own term total when the bid gets all it offered", () => {
    // 2 × 50,000 € + 2,000 € = 102,000 € a year; 19 months: 102,000 × 19 / 12 = 161,500 €.
    expect(awardValue(bid(19), 200)).toEqual({ perYearCents: 10_200_000, termCents: 16_150_000 });
    const b = bid(19);
    expect(awardValue(b, 200).termCents).toBe(costTotals(b.costPlan, [{ fteHundredths: 200 }], 19).termCents);
  });

  it("counts material cost and overhead in the share of the FTE awarded", () => {
    // 1.25 of 2 FTE: 62,500 € personnel + 2,000 € × 1.25 / 2 = 1,250 € → 63,750 € a year;
    // 7 months: 63,750 × 7 / 12 = 37,187.50 €.
    expect(awardValue(bid(7), 125)).toEqual({ perYearCents: 6_375_000, termCents: 3_718_750 });
  });

  it("rounds the shared lump sums to the cent, half up", () => {
    const odd = {
      costPlan: { personnelCostPerFteCents: 4_000_033, materialCostCents: 100_001, overheadCents: 0 },
      totals: { fteHundredths: 300, termMonths: 12 },
    };
    // 1 of 3 FTE: 40,000.33 € + 1,000.01 € / 3 = 333.3367 → 333.34 €.
    expect(awardValue(odd, 100)).toEqual({ perYearCents: 4_033_367, termCents: 4_033_367 });
  });

  it("is nothing for no FTE", () => {
    expect(awardValue(bid(12), 0)).toEqual({ perYearCents: 0, termCents: 0 });
  });
});

const lot = (n: number, over: Partial<ResultLot> = {}): ResultLot => ({
  lotId: `lot-${n}`,
  number: n,
  regionName: "Region Nord",
  roleName: "Flüchtlingssozialarbeit",
  state: "notAwarded",
  cancelledAt: null,
  cancellationReason: null,
  awards: [],
  fteHundredths: 0,
  valueCents: 0,
  ...over,
});
const award = (organisationId: string, fteHundredths: number, valueCents: number | null) => ({
  organisationId,
  carrierName: organisationId,
  address: { street: "Weg 1", postalCode: "01067", city: "Dresden" },
  fteHundredths,
  valueCents,
});

describe("lot state and totals", () => {
  it("calls a lot cancelled before anything else, awarded only with FTE", () => {
    expect(lotState({ cancelledAt: new Date(0) }, [{ fteHundredths: 100 }])).toBe("cancelled");
    expect(lotState({ cancelledAt: null }, [{ fteHundredths: 0 }])).toBe("notAwarded");
    expect(lotState({ cancelledAt: null }, [{ fteHundredths: 1 }])).toBe("awarded");
  });

  it("sums lots, carriers, FTE and value; no value total when one value is unknown", () => {
    const lots = [
      lot(1, { state: "awarded", awards: [award("a", 200, 1_000), award("b", 125, 500)] }),
      lot(2, { state: "awarded", awards: [award("a", 150, 700)] }),
      lot(3),
      lot(4, { state: "cancelled", cancelledAt: new Date(0), cancellationReason: "x" }),
    ];
    expect(resultTotals(lots)).toEqual({
      lots: 4,
      lotsAwarded: 2,
      lotsNotAwarded: 1,
      lotsCancelled: 1,
      carriers: 2,
      fteHundredths: 475,
      valueCents: 2_200,
    });
    lots[1].awards[0].valueCents = null;
    expect(resultTotals(lots).valueCents).toBeNull();
    expect(lotValue(lots[0].awards)).toBe(1_500);
    expect(lotValue(lots[1].awards)).toBeNull();
  });
});

describe("the outcome for OCDS", () => {
  const awardedAt = new Date("2017-04-20T08:00:00Z");
  const lotCancelledAt = new Date("2017-04-03T10:00:00Z");
  const outcome = {
    awardedAt,
    cancellation: null,
    cancelledLots: [{ lotId: "lot-4", number: 4, regionName: "Region Nord", roleName: "x", at: lotCancelledAt, reason: "Kein Angebot" }],
  };
  const result: CallResult = {
    state: "awarded",
    call: { id: "c", slug: "s", title: "T", authority: "A", isDemo: false, currency: "EUR", serviceStart: new Date(0), contractEnd: new Date(0) },
    awardedAt,
    lots: [lot(1, { state: "awarded", awards: [award("a", 200, 1_000)] })],
    totals: resultTotals([]),
  };

  it("carries the suppliers with their address, FTE and value, and the lot cancellations", () => {
    expect(ocdsOutcome(outcome, result)).toEqual({
      cancellation: null,
      cancelledLots: [{ number: 4, at: lotCancelledAt, reason: "Kein Angebot" }],
      award: {
        awardedAt,
        lots: [
          {
            number: 1,
            awards: [
              {
                supplier: { organisationId: "a", name: "a", street: "Weg 1", postalCode: "01067", city: "Dresden" },
                fteHundredths: 200,
                valueCents: 1_000,
              },
            ],
          },
        ],
      },
    });
  });

  it("has no award while the result is not public", () => {
    expect(ocdsOutcome({ ...outcome, awardedAt: null }, null).award).toBeNull();
  });

  it("dates the package by the latest public event", () => {
    expect(lastOutcomeChange(outcome)).toEqual(awardedAt);
    expect(lastOutcomeChange({ ...outcome, awardedAt: null })).toEqual(lotCancelledAt);
    expect(lastOutcomeChange({ awardedAt: null, cancellation: null, cancelledLots: [] })).toBeNull();
  });
});
