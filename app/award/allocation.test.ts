import { describe, expect, it } from "vitest";
import { allocateFte, contractsOf, type AllocationLot, type RankedOffer } from "./allocation";

// offer("A", 1, 400): carrier A, rank 1, offers 4.00 FTE; the bid id names carrier and lot.
const offer = (organisationId: string, rank: number, offeredHundredths: number, lot = "1"): RankedOffer => ({
  bidId: `${organisationId}-${lot}`,
  organisationId,
  rank,
  offeredHundredths,
});
const lot = (lotId: string, requiredHundredths: number, ...ranking: RankedOffer[]): AllocationLot => ({ lotId, requiredHundredths, ranking });
const awarded = (l: { awards: { organisationId: string; awardedHundredths: number }[] }) => l.awards.map((a) => [a.organisationId, a.awardedHundredths]);

describe("allocation with split allowed", () => {
  it("gives a lot to one bid that covers it", () => {
    // Need 4.00; A (rank 1) offers 4.00 → all of it; B (rank 2) is not needed.
    const r = allocateFte({ lots: [lot("1", 400, offer("A", 1, 400), offer("B", 2, 300))], allowSplit: true, maxLotsPerCarrier: null });
    const [l] = r.lots;
    expect(awarded(l)).toEqual([["A", 400], ["B", 0]]);
    expect(l.awards.map((a) => a.reason)).toEqual(["Rang 1: 4,00 VZÄ zugeschlagen", "Rang 2: nicht berücksichtigt, Bedarf gedeckt"]);
    expect(l.uncoveredHundredths).toBe(0);
    expect(l.note).toBe("Bedarf 4,00 VZÄ gedeckt");
    expect(r.rounds).toBe(1);
  });

  it("splits a lot between two carriers, the second getting only the remainder", () => {
    // Need 7.75: A offers 5.00 → 5.00; B offers 4.00 → 7.75 − 5.00 = 2.75; C not needed.
    const r = allocateFte({ lots: [lot("1", 775, offer("A", 1, 500), offer("B", 2, 400), offer("C", 3, 200))], allowSplit: true, maxLotsPerCarrier: null });
    const [l] = r.lots;
    expect(awarded(l)).toEqual([["A", 500], ["B", 275], ["C", 0]]);
    expect(l.awards.map((a) => a.status)).toEqual(["awarded", "partial", "notNeeded"]);
    expect(l.awards[1].reason).toBe("Rang 2: 2,75 VZÄ zugeschlagen (Restbedarf; angeboten 4,00 VZÄ)");
    expect(l.awards[2].reason).toBe("Rang 3: nicht berücksichtigt, Bedarf gedeckt");
    expect(contractsOf(r)).toEqual([
      { lotId: "1", bidId: "A-1", organisationId: "A", awardedHundredths: 500 },
      { lotId: "1", bidId: "B-1", organisationId: "B", awardedHundredths: 275 },
    ]);
  });

  it("leaves a lot partly uncovered when all offers together fall short", () => {
    // Need 7.75; 3.00 + 2.00 = 5.00 offered → 2.75 uncovered.
    const [l] = allocateFte({ lots: [lot("1", 775, offer("A", 1, 300), offer("B", 2, 200))], allowSplit: true, maxLotsPerCarrier: null }).lots;
    expect(awarded(l)).toEqual([["A", 300], ["B", 200]]);
    expect(l.uncoveredHundredths).toBe(275);
    expect(l.note).toBe("Bedarf 7,75 VZÄ, zugeschlagen 5,00 VZÄ, ungedeckt 2,75 VZÄ");
  });

  it("sorts by rank itself and passes over bids offering nothing", () => {
    // Input out of order; B (rank 1) offers 0 → A (rank 2) gets 3.00 of its 5.00.
    const [l] = allocateFte({ lots: [lot("1", 300, offer("A", 2, 500), offer("B", 1, 0))], allowSplit: true, maxLotsPerCarrier: null }).lots;
    expect(l.awards.map((a) => [a.organisationId, a.awardedHundredths, a.reason])).toEqual([
      ["B", 0, "Rang 1: nicht berücksichtigt, keine VZÄ angeboten"],
      ["A", 300, "Rang 2: 3,00 VZÄ zugeschlagen (Restbedarf; angeboten 5,00 VZÄ)"],
    ]);
  });
});

describe("allocation without split", () => {
  it("gives the lot to the best-ranked bid alone, at most what it offered", () => {
    // Need 7.75; A offers 5.00 → A 5.00, B not added although it could cover the rest.
    const [short] = allocateFte({ lots: [lot("1", 775, offer("A", 1, 500), offer("B", 2, 400))], allowSplit: false, maxLotsPerCarrier: null }).lots;
    expect(awarded(short)).toEqual([["A", 500], ["B", 0]]);
    expect(short.uncoveredHundredths).toBe(275);
    expect(short.awards[1].reason).toBe("Rang 2: nicht berücksichtigt, Los wird nicht geteilt");
    // A offers 9.00 → min(9.00, 7.75) = 7.75.
    const [full] = allocateFte({ lots: [lot("1", 775, offer("A", 1, 900), offer("B", 2, 400))], allowSplit: false, maxLotsPerCarrier: null }).lots;
    expect(awarded(full)).toEqual([["A", 775], ["B", 0]]);
    expect(full.awards[0].reason).toBe("Rang 1: 7,75 VZÄ zugeschlagen (Bedarf des Loses; angeboten 9,00 VZÄ)");
  });
});

describe("cap on lots per carrier", () => {
  it("moves a carrier's second-best lot to the next bidder (cap 1)", () => {
    // Lot 1 (4.00): A rank 1 → A 4.00.  Lot 2 (6.00): C rank 1 3.00, A rank 2 → 3.00, D rank 3.
    // Round 1: A wins lots 1 (rank 1) and 2 (rank 2) → keeps lot 1, drops lot 2.
    // Round 2: lot 2: C 3.00, A dropped, D gets the remaining 3.00 of its 4.00. Stable.
    const r = allocateFte({
      lots: [
        lot("1", 400, offer("A", 1, 400, "1"), offer("B", 2, 400, "1")),
        lot("2", 600, offer("C", 1, 300, "2"), offer("A", 2, 400, "2"), offer("D", 3, 400, "2")),
      ],
      allowSplit: true,
      maxLotsPerCarrier: 1,
    });
    expect(awarded(r.lots[0])).toEqual([["A", 400], ["B", 0]]);
    expect(awarded(r.lots[1])).toEqual([["C", 300], ["A", 0], ["D", 300]]);
    expect(r.lots[1].awards[1].reason).toBe("Rang 2: nicht berücksichtigt, Obergrenze von 1 Los erreicht");
    expect(r.rounds).toBe(2);
    expect(r.carriers.find((c) => c.organisationId === "A")).toEqual({ organisationId: "A", lotIds: ["1"], droppedLotIds: ["2"] });
  });

  it("iterates when the carrier moving up goes over the cap itself", () => {
    // Cap 1. Lot 1: A1. Lot 2: A1, B2, D3 (3.00). Lot 3: B1, C2. All need 4.00.
    // Round 1: A wins 1 and 2 (both rank 1, equal need) → keeps lot 1 (earlier), drops 2.
    // Round 2: lot 2 → B 4.00; B now has 2 (rank 2) and 3 (rank 1) → keeps 3, drops 2.
    // Round 3: lot 2 → D 3.00, 1.00 uncovered. Stable.
    const r = allocateFte({
      lots: [
        lot("1", 400, offer("A", 1, 400, "1")),
        lot("2", 400, offer("A", 1, 400, "2"), offer("B", 2, 400, "2"), offer("D", 3, 300, "2")),
        lot("3", 400, offer("B", 1, 400, "3"), offer("C", 2, 400, "3")),
      ],
      allowSplit: true,
      maxLotsPerCarrier: 1,
    });
    expect(r.lots.map(awarded)).toEqual([[["A", 400]], [["A", 0], ["B", 0], ["D", 300]], [["B", 400], ["C", 0]]]);
    expect(r.lots[1].uncoveredHundredths).toBe(100);
    expect(r.rounds).toBe(3);
  });

  it("keeps, among lots of equal rank, the one with the larger need", () => {
    // Cap 1; A rank 1 in lot 1 (3.00) and lot 2 (5.00) → keeps lot 2 although lot 1 comes first.
    const r = allocateFte({
      lots: [lot("1", 300, offer("A", 1, 500, "1"), offer("B", 2, 300, "1")), lot("2", 500, offer("A", 1, 500, "2"))],
      allowSplit: true,
      maxLotsPerCarrier: 1,
    });
    expect(r.lots.map(awarded)).toEqual([[["A", 0], ["B", 300]], [["A", 500]]]);
  });

  it("refuses a cap below 1", () => {
    expect(() => allocateFte({ lots: [], allowSplit: true, maxLotsPerCarrier: 0 })).toThrow();
  });
});

describe("ties in rank", () => {
  it("shares the remainder equally among tied bids when split is allowed", () => {
    // Need 5.00; A and B both rank 1, 4.00 each: 8.00 > 5.00 → 2.50 each.
    const [even] = allocateFte({ lots: [lot("1", 500, offer("A", 1, 400), offer("B", 1, 400))], allowSplit: true, maxLotsPerCarrier: null }).lots;
    expect(awarded(even)).toEqual([["A", 250], ["B", 250]]);
    expect(even.awards[0].reason).toBe("Rang 1: 2,50 VZÄ zugeschlagen (Restbedarf zu gleichen Teilen; angeboten 4,00 VZÄ)");
    // Need 5.01: 250 each, the odd hundredth to the first in input order → A 2.51, B 2.50.
    const [odd] = allocateFte({ lots: [lot("1", 501, offer("A", 1, 400), offer("B", 1, 400))], allowSplit: true, maxLotsPerCarrier: null }).lots;
    expect(awarded(odd)).toEqual([["A", 251], ["B", 250]]);
    // Need 7.00; A offers 2.00, B 6.00: half = 3.50, A takes only 2.00, B 3.50 + the 1.50 left = 5.00.
    const [capped] = allocateFte({ lots: [lot("1", 700, offer("A", 1, 200), offer("B", 1, 600))], allowSplit: true, maxLotsPerCarrier: null }).lots;
    expect(awarded(capped)).toEqual([["A", 200], ["B", 500]]);
  });

  it("gives tied bids their full offers when both are needed, then goes on down the ranking", () => {
    // Need 10.00; A, B rank 1 with 3.00 each → 6.00; C rank 3 gets the 4.00 left.
    const [l] = allocateFte({ lots: [lot("1", 1000, offer("A", 1, 300), offer("B", 1, 300), offer("C", 3, 900))], allowSplit: true, maxLotsPerCarrier: null }).lots;
    expect(awarded(l)).toEqual([["A", 300], ["B", 300], ["C", 400]]);
  });

  it("without split, follows the order of the ranking as given and says so", () => {
    // B listed before A, both rank 1 → B wins; the reason records how the tie was decided.
    const [l] = allocateFte({ lots: [lot("1", 400, offer("B", 1, 500), offer("A", 1, 500), offer("C", 3, 500))], allowSplit: false, maxLotsPerCarrier: null }).lots;
    expect(awarded(l)).toEqual([["B", 400], ["A", 0], ["C", 0]]);
    expect(l.awards.map((a) => a.reason)).toEqual([
      "Rang 1: 4,00 VZÄ zugeschlagen (Bedarf des Loses; angeboten 5,00 VZÄ) – Gleichstand auf Rang 1, entschieden nach der Reihenfolge der Rangliste",
      "Rang 1: nicht berücksichtigt, Los wird nicht geteilt – Gleichstand auf Rang 1, entschieden nach der Reihenfolge der Rangliste",
      "Rang 3: nicht berücksichtigt, Los wird nicht geteilt",
    ]);
    expect(l.awards.map((a) => a.tie)).toEqual([true, true, false]);
  });
});
