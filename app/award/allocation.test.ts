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

describe("tandem of a region", () => {
  // Region Nord: Flüchtlingssozialarbeit (lot "fsa") and Flüchtlingsbegleitung ("fb"), 1 : 1,
  // the first role's share allowed 45–55 %.
  const tandem = { regionCode: "nord", lotIds: ["fsa", "fb"] as [string, string], shares: [50, 50] as [number, number], tolerancePercentPoints: 5 };
  const pairOf = (organisationId: string) => ({ organisationId, lotIds: ["fsa", "fb"] as [string, string] });

  it("prefers a pair offer to better-ranked single bids in both lots", () => {
    // Need 4.00 each. A (rank 1) bids only fsa, B (rank 1) only fb; P is rank 2 in both, as a pair.
    const lots = [lot("fsa", 400, offer("A", 1, 400, "fsa"), offer("P", 2, 400, "fsa")), lot("fb", 400, offer("B", 1, 400, "fb"), offer("P", 2, 400, "fb"))];
    const r = allocateFte({ lots, allowSplit: true, maxLotsPerCarrier: null, tandems: [tandem], pairOffers: [pairOf("P")] });
    expect(r.lots.map(awarded)).toEqual([[["A", 0], ["P", 400]], [["B", 0], ["P", 400]]]);
    expect(r.lots[0].awards[1].reason).toBe("Rang 2, Tandemangebot: 4,00 VZÄ zugeschlagen");
    expect(r.lots[0].awards[0].reason).toBe("Rang 1: nicht berücksichtigt, Bedarf gedeckt");
    expect(r.tandems).toEqual([
      { regionCode: "nord", lotIds: ["fsa", "fb"], awardedHundredths: [400, 400], sharePercent: 50, regionCutHundredths: [0, 0], split: false, unpaired: [], cooperation: [] },
    ]);
  });

  it("reports a split and who must cooperate when no pair is offered", () => {
    // The same bids without the pair offer: A takes fsa, B takes fb.
    const lots = [lot("fsa", 400, offer("A", 1, 400, "fsa"), offer("P", 2, 400, "fsa")), lot("fb", 400, offer("B", 1, 400, "fb"), offer("P", 2, 400, "fb"))];
    const r = allocateFte({ lots, allowSplit: true, maxLotsPerCarrier: null, tandems: [tandem], pairOffers: [] });
    expect(r.lots.map(awarded)).toEqual([[["A", 400], ["P", 0]], [["B", 400], ["P", 0]]]);
    expect(r.tandems[0]).toMatchObject({
      split: true,
      unpaired: [
        { organisationId: "A", lotId: "fsa" },
        { organisationId: "B", lotId: "fb" },
      ],
      cooperation: ["A", "B"],
    });
  });

  it("orders pairs by the sum of their ranks", () => {
    // P: ranks 1 + 3 = 4; Q: ranks 2 + 1 = 3 → Q covers both lots.
    const lots = [lot("fsa", 400, offer("P", 1, 400, "fsa"), offer("Q", 2, 400, "fsa")), lot("fb", 400, offer("Q", 1, 400, "fb"), offer("P", 3, 400, "fb"))];
    const r = allocateFte({ lots, allowSplit: true, maxLotsPerCarrier: null, tandems: [tandem], pairOffers: [pairOf("P"), pairOf("Q")] });
    expect(r.lots.map(awarded)).toEqual([[["P", 0], ["Q", 400]], [["Q", 400], ["P", 0]]]);
    expect(r.tandems[0].split).toBe(false);
  });

  it("cuts a carrier's larger side to 55 % and gives the rest to the next bid", () => {
    // Need 6.00 each. P (pair, rank 1) offers 6.00 fsa and 4.00 fb; D adds 2.00 to fb.
    // P at 6.00 : 4.00 = 60 % → fsa at most 4.00 × 55 ÷ 45 = 4.888… → 4.88 (54.95 %; 4.89 would be 55.01 %);
    // C (rank 2) gets the 1.12 left. Region: 6.00 : 6.00, in balance.
    const lots = [
      lot("fsa", 600, offer("P", 1, 600, "fsa"), offer("C", 2, 600, "fsa")),
      lot("fb", 600, offer("P", 1, 400, "fb"), offer("D", 2, 600, "fb")),
    ];
    const r = allocateFte({ lots, allowSplit: true, maxLotsPerCarrier: null, tandems: [tandem], pairOffers: [pairOf("P")] });
    expect(r.lots.map(awarded)).toEqual([[["P", 488], ["C", 112]], [["P", 400], ["D", 200]]]);
    expect(r.lots[0].awards[0]).toMatchObject({ tandemCut: true, reason: "Rang 1, Tandemangebot: 4,88 VZÄ zugeschlagen (Tandemverhältnis des Trägers; angeboten 6,00 VZÄ)" });
    // C holds only fsa, D only fb: a split; P is on both sides and cooperates too.
    expect(r.tandems[0]).toMatchObject({ awardedHundredths: [600, 600], sharePercent: 50, split: true, cooperation: ["P", "C", "D"] });
  });

  it("keeps the region's share within the tolerance when one lot stays short, and no further", () => {
    // Need 6.00 each; fb has only 4.00 offered → fsa at most 4.88; 1.12 left uncovered on purpose.
    const short = [lot("fsa", 600, offer("P", 1, 600, "fsa"), offer("C", 2, 600, "fsa")), lot("fb", 600, offer("P", 1, 400, "fb"))];
    const r = allocateFte({ lots: short, allowSplit: true, maxLotsPerCarrier: null, tandems: [tandem], pairOffers: [pairOf("P")] });
    expect(r.lots.map(awarded)).toEqual([[["P", 488], ["C", 0]], [["P", 400]]]);
    expect(r.lots[0].note).toBe("Bedarf 6,00 VZÄ, zugeschlagen 4,88 VZÄ, ungedeckt 1,12 VZÄ (davon 1,12 VZÄ nicht vergeben, um das Tandemverhältnis der Region zu halten)");
    expect(r.tandems[0]).toMatchObject({ awardedHundredths: [488, 400], sharePercent: 55, regionCutHundredths: [112, 0], split: false });
    // 4.50 in fb allows exactly 5.50 in fsa (55,0 %): nothing more is cut.
    const edge = [lot("fsa", 600, offer("A", 1, 600, "fsa")), lot("fb", 600, offer("B", 1, 450, "fb"))];
    const e = allocateFte({ lots: edge, allowSplit: true, maxLotsPerCarrier: null, tandems: [tandem] });
    expect(e.lots.map(awarded)).toEqual([[["A", 550]], [["B", 450]]]);
    expect(e.tandems[0]).toMatchObject({ regionCutHundredths: [50, 0], split: true, cooperation: ["A", "B"] });
  });

  it("does not hold one side back when nobody bid for the other", () => {
    const r = allocateFte({ lots: [lot("fsa", 400, offer("A", 1, 400, "fsa")), lot("fb", 400)], allowSplit: true, maxLotsPerCarrier: null, tandems: [tandem] });
    expect(r.lots.map(awarded)).toEqual([[["A", 400]], []]);
    expect(r.tandems[0]).toMatchObject({ awardedHundredths: [400, 0], split: false, unpaired: [], cooperation: [] });
  });

  it("counts a pair only while both of its bids are in play", () => {
    // Cap 1: P is rank 1 in lot x (needs more) and drops fsa; its pair no longer counts in fb.
    const r = allocateFte({
      lots: [
        lot("x", 900, offer("P", 1, 900, "x")),
        lot("fsa", 400, offer("P", 1, 400, "fsa"), offer("A", 2, 400, "fsa")),
        lot("fb", 400, offer("B", 1, 400, "fb"), offer("P", 2, 400, "fb")),
      ],
      allowSplit: true,
      maxLotsPerCarrier: 1,
      tandems: [tandem],
      pairOffers: [pairOf("P")],
    });
    expect(r.lots.map(awarded)).toEqual([[["P", 900]], [["P", 0], ["A", 400]], [["B", 400], ["P", 0]]]);
    expect(r.lots[2].awards.map((a) => a.pair)).toEqual([false, false]);
  });
});
