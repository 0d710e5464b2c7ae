import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { refusalMessage } from "../i18n/refusal";
import { adjustLot, adjustmentProposal, amendmentEffectiveDay, amendmentState, beyondTolerance, boundHundredths, fteOnDay, proposesChanges, type AdjustableContract } from "./adjustment";

const RULES = { tolerancePercent: 10, boundsPercent: 20 };
const t = translator("de");
const text = (trail: ReturnType<typeof adjustLot>["trail"]) => trail.map((r) => refusalMessage(r, t, "de"));

function contract(number: string, rank: number, concluded: number, current = concluded): AdjustableContract {
  return { contractId: `c-${number}`, number, organisationId: `org-${number}`, rank, concludedHundredths: concluded, currentHundredths: current };
}

describe("the tolerance", () => {
  it("adjusts a lot only when the requirement differs by more than 10 % of the contracted FTE", () => {
    expect(beyondTolerance(1100, 1000, 10)).toBe(false);
    expect(beyondTolerance(1101, 1000, 10)).toBe(true);
    expect(beyondTolerance(900, 1000, 10)).toBe(false);
    expect(beyondTolerance(899, 1000, 10)).toBe(true);
  });

  it("proposes nothing for a lot within the tolerance, and says why in its arithmetic", () => {
    const lot = adjustLot({ lotId: "l1", number: 1, requiredHundredths: 1050, contracts: [contract("V01-1", 1, 1000)] }, RULES);
    expect(lot.beyondTolerance).toBe(false);
    expect(lot.changes).toEqual([]);
    expect(text(lot.trail)).toEqual(["Bedarf 10,50 VZÄ, vereinbart 10,00 VZÄ: Abweichung + 0,50 VZÄ", "Toleranz ± 10 % der vereinbarten VZÄ = 1,00 VZÄ: eingehalten, keine Anpassung"]);
    expect(proposesChanges([lot])).toBe(false);
  });
});

describe("more FTE required", () => {
  it("gives the additional FTE to the best-ranked contract first, up to its bound, then to the next", () => {
    // Required 15,00 against 6,00 + 4,00: rank 1 may grow by 20 % of 6,00 = 1,20, rank 2 by 0,80.
    const lot = adjustLot({ lotId: "l1", number: 3, requiredHundredths: 1500, contracts: [contract("V03-2", 2, 400), contract("V03-1", 1, 600)] }, RULES);
    expect(lot.changes.map((c) => [c.number, c.beforeHundredths, c.afterHundredths, c.changeHundredths])).toEqual([
      ["V03-1", 600, 720, 120],
      ["V03-2", 400, 480, 80],
    ]);
    expect(lot.contractedAfterHundredths).toBe(1200);
    expect(lot.uncoveredHundredths).toBe(300);
    expect(lot.surplusHundredths).toBe(0);
    expect(text(lot.trail)).toEqual([
      "Bedarf 15,00 VZÄ, vereinbart 10,00 VZÄ: Abweichung + 5,00 VZÄ",
      "Toleranz ± 10 % der vereinbarten VZÄ = 1,00 VZÄ: überschritten, die Verträge werden angepasst",
      "Vertrag V03-1 (Rang 1): Spielraum + 20 % von 6,00 = 1,20 VZÄ, vereinbart 6,00, noch möglich + 1,20; + 1,20 → 7,20 VZÄ",
      "Vertrag V03-2 (Rang 2): Spielraum + 20 % von 4,00 = 0,80 VZÄ, vereinbart 4,00, noch möglich + 0,80; + 0,80 → 4,80 VZÄ",
      "Bedarf 15,00 − vereinbart danach 12,00 = 3,00 VZÄ bleiben ungedeckt",
    ]);
  });

  it("leaves the worse-ranked contract unchanged when the best-ranked covers the difference", () => {
    const lot = adjustLot({ lotId: "l1", number: 1, requiredHundredths: 1120, contracts: [contract("V01-1", 1, 600), contract("V01-2", 2, 400)] }, RULES);
    expect(lot.changes.map((c) => c.afterHundredths)).toEqual([720, 400]);
    expect(lot.uncoveredHundredths).toBe(0);
    expect(text(lot.trail).at(-1)).toBe("vereinbart danach 11,20 VZÄ: der Bedarf ist gedeckt");
  });

  it("measures the bound on the FTE concluded, not on an earlier amendment's: the corridor is reserved once", () => {
    // Concluded 5,00, already raised to 5,60: only 0,40 of the 1,00 bound remain.
    const lot = adjustLot({ lotId: "l1", number: 1, requiredHundredths: 800, contracts: [contract("V01-1", 1, 500, 560)] }, RULES);
    expect(lot.changes[0]).toMatchObject({ beforeHundredths: 560, afterHundredths: 600, minHundredths: 400, maxHundredths: 600 });
    expect(lot.uncoveredHundredths).toBe(200);
  });

  it("rounds a bound down to hundredths, never beyond what the call reserved", () => {
    expect(boundHundredths(333, 20)).toBe(66);
    expect(boundHundredths(1000, 20)).toBe(200);
  });
});

describe("fewer FTE required", () => {
  it("takes the FTE from the worst-ranked contract first, and keeps the best-ranked's share", () => {
    const lot = adjustLot({ lotId: "l1", number: 2, requiredHundredths: 850, contracts: [contract("V02-1", 1, 600), contract("V02-2", 2, 400)] }, RULES);
    expect(lot.changes.map((c) => [c.number, c.afterHundredths, c.changeHundredths])).toEqual([
      ["V02-1", 530, -70],
      ["V02-2", 320, -80],
    ]);
    expect(text(lot.trail).slice(2)).toEqual([
      "Vertrag V02-2 (Rang 2): Spielraum − 20 % von 4,00 = 0,80 VZÄ, vereinbart 4,00, noch möglich − 0,80; − 0,80 → 3,20 VZÄ",
      "Vertrag V02-1 (Rang 1): Spielraum − 20 % von 6,00 = 1,20 VZÄ, vereinbart 6,00, noch möglich − 1,20; − 0,70 → 5,30 VZÄ",
      "vereinbart danach 8,50 VZÄ: der Bedarf ist gedeckt",
    ]);
  });

  it("states the surplus the bounds leave", () => {
    const lot = adjustLot({ lotId: "l1", number: 2, requiredHundredths: 600, contracts: [contract("V02-1", 1, 600), contract("V02-2", 2, 400)] }, RULES);
    expect(lot.changes.map((c) => c.afterHundredths)).toEqual([480, 320]);
    expect(lot.surplusHundredths).toBe(200);
    expect(lot.uncoveredHundredths).toBe(0);
    expect(text(lot.trail).at(-1)).toBe("vereinbart danach 8,00 − Bedarf 6,00 = 2,00 VZÄ mehr als erforderlich");
  });
});

describe("the proposal for a call", () => {
  it("lists the lots with contracts in lot order and leaves out lots without any", () => {
    const lots = adjustmentProposal(
      [
        { lotId: "b", number: 2, requiredHundredths: 700, contracts: [contract("V02-1", 1, 500)] },
        { lotId: "a", number: 1, requiredHundredths: 500, contracts: [contract("V01-1", 1, 500)] },
        { lotId: "c", number: 3, requiredHundredths: 900, contracts: [] },
      ],
      RULES,
    );
    expect(lots.map((l) => [l.number, l.beyondTolerance])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(proposesChanges(lots)).toBe(true);
  });
});

describe("when an amendment takes effect", () => {
  it("on the first day of a month that begins at least 30 days after the approval, Berlin days", () => {
    expect(amendmentEffectiveDay(new Date("2017-10-20T10:00:00+02:00"))).toBe("2017-12-01");
    expect(amendmentEffectiveDay(new Date("2017-10-02T10:00:00+02:00"))).toBe("2017-11-01");
    expect(amendmentEffectiveDay(new Date("2017-11-15T10:00:00+01:00"))).toBe("2018-01-01");
    // 23:30 UTC on 1 October is already 2 October in Berlin.
    expect(amendmentEffectiveDay(new Date("2017-10-01T23:30:00Z"))).toBe("2017-11-01");
    expect(amendmentEffectiveDay(new Date("2017-09-30T21:30:00Z"))).toBe("2017-11-01");
  });

  it("counts a contract's FTE by the accepted amendments in effect on the day", () => {
    const accepted = [
      { from: "2017-12-01", fteHundredths: 720 },
      { from: "2018-06-01", fteHundredths: 650 },
    ];
    expect(fteOnDay(600, accepted, "2017-11-30")).toBe(600);
    expect(fteOnDay(600, accepted, "2017-12-01")).toBe(720);
    expect(fteOnDay(600, accepted, "2018-07-01")).toBe(650);
    expect(fteOnDay(600, [], "2018-07-01")).toBe(600);
  });
});

describe("a change letter's state by the server clock", () => {
  it("stays open through the day before the change takes effect and lapses the second after; answers stay as given", () => {
    // From 1 June 2027: the last answer day is 31 May, which ends at 22:00 UTC (CEST).
    expect(amendmentState("pending", "2027-06-01", new Date("2027-05-31T21:59:59Z"))).toBe("pending");
    expect(amendmentState("pending", "2027-06-01", new Date("2027-05-31T22:00:00Z"))).toBe("lapsed");
    expect(amendmentState("declined", "2027-06-01", new Date("2027-07-01T00:00:00Z"))).toBe("declined");
    expect(amendmentState("accepted", "2027-06-01", new Date("2027-07-01T00:00:00Z"))).toBe("accepted");
  });
});
