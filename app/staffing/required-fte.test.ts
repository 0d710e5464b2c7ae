import { describe, expect, it } from "vitest";
import dresdenJson from "../calls/dresden-2017.json";
import { parseCallDefinition } from "../procurement/call-definition";
import { callViewFromDefinition } from "../procurement/call-view-from-definition";
import type { Refusal } from "../infra/errors";
import { divideHalfUp, formatFte, requiredFte, requiredFteByLot, StaffingRuleError, type StaffingRule } from "./required-fte";

/** The refusal of a rule that cannot be applied (a StaffingRuleError, still a RangeError). */
function ruleRefusal(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (error) {
    if (error instanceof StaffingRuleError && error instanceof RangeError) return error.refusal;
    throw error;
  }
  throw new Error("expected a StaffingRuleError");
}

// The Dresden rules as the call states them (80 per FTE; tandem 50 % each).
const fsa: StaffingRule = { roleCode: "fluechtlingssozialarbeit", basis: "clientsPerFte", clientsPerFte: 80, targetGroup: "asylum", sharePercent: 50, fixedFte: null };
const ib: StaffingRule = { roleCode: "integrationsberatung", basis: "clientsPerFte", clientsPerFte: 80, targetGroup: "rightToStay", sharePercent: 100, fixedFte: null };
const rk: StaffingRule = { roleCode: "regionalkoordination", basis: "fixedPerRegion", clientsPerFte: null, targetGroup: null, sharePercent: null, fixedFte: 1 };
const tandem = { roleName: "Flüchtlingssozialarbeit", tandem: true };

describe("required FTE of one lot", () => {
  it("works the tandem share out exactly: 1,240 refugees", () => {
    // 1240 ÷ 80 = 15.5 FTE for the tandem; half of it = 7.75 → 775 hundredths, no rounding.
    const r = requiredFte(fsa, { asylum: 1240 }, tandem);
    expect(r.hundredths).toBe(775);
    expect(r.trail).toBe("1.240 Geflüchtete ÷ 80 = 15,5 VZÄ; Tandem 1 : 1 → 7,75 VZÄ Flüchtlingssozialarbeit");
    expect(r.clients).toBe(1240);
  });

  it("rounds once, at the end, to hundredths half up", () => {
    // 1001 × 50 ÷ 80 = 625.625 hundredths → 626 (6.26 FTE).
    const a = requiredFte(fsa, { asylum: 1001 }, tandem);
    expect(a.hundredths).toBe(626);
    expect(a.trail).toBe("1.001 Geflüchtete ÷ 80 = 12,5125 VZÄ; Tandem 1 : 1 → 6,25625 VZÄ, gerundet 6,26 VZÄ Flüchtlingssozialarbeit");
    // Exactly half a hundredth rounds up: 4 × 50 ÷ 80 = 2.5 → 3; 12 × 50 ÷ 80 = 7.5 → 8.
    expect(requiredFte(fsa, { asylum: 4 }).hundredths).toBe(3);
    expect(requiredFte(fsa, { asylum: 12 }).hundredths).toBe(8);
    // Rounding twice would differ: 1002 ÷ 80 = 12.525 → 12.53, half → 6.265 → 6.27.
    // Once: 1002 × 50 ÷ 80 = 626.25 → 626 (6.26).
    expect(requiredFte(fsa, { asylum: 1002 }).hundredths).toBe(626);
  });

  it("takes the whole key for integration advice against right-to-stay figures", () => {
    // 312 ÷ 80 = 3.9 → 390.
    const r = requiredFte(ib, { asylum: 5000, rightToStay: 312 }, { roleName: "Integrationsberatung" });
    expect(r.hundredths).toBe(390);
    expect(r.trail).toBe("312 Menschen mit Bleiberecht ÷ 80 = 3,90 VZÄ Integrationsberatung");
    // 1001 ÷ 80 = 12.5125 → 1251.25 hundredths → 1251.
    expect(requiredFte(ib, { rightToStay: 1001 }, { roleName: "Integrationsberatung" }).trail).toBe(
      "1.001 Menschen mit Bleiberecht ÷ 80 = 12,5125 VZÄ, gerundet 12,51 VZÄ Integrationsberatung",
    );
  });

  it("marks a quotient that does not terminate with ≈", () => {
    // 100 ÷ 75 = 1.3333… → 133.33 hundredths → 133.
    const r = requiredFte({ ...ib, clientsPerFte: 75 }, { rightToStay: 100 }, { roleName: "IB" });
    expect(r.hundredths).toBe(133);
    expect(r.trail).toBe("100 Menschen mit Bleiberecht ÷ 75 ≈ 1,3333 VZÄ, gerundet 1,33 VZÄ IB");
  });

  it("shows another share as a tandem ratio or as a percentage", () => {
    // 100 ÷ 80 = 1.25; 60 % → 0.75 → 75 hundredths; 60 : 40 = 3 : 2.
    const rule = { ...fsa, sharePercent: 60 };
    expect(requiredFte(rule, { asylum: 100 }, { roleName: "X", tandem: true }).trail).toBe("100 Geflüchtete ÷ 80 = 1,25 VZÄ; Tandem 3 : 2 → 0,75 VZÄ X");
    expect(requiredFte(rule, { asylum: 100 }, { roleName: "X" }).trail).toBe("100 Geflüchtete ÷ 80 = 1,25 VZÄ; Anteil 60 % → 0,75 VZÄ X");
  });

  it("gives the fixed FTE of a fixed-per-region role, whatever the figures", () => {
    const r = requiredFte(rk, {}, { roleName: "Regionalkoordination" });
    expect(r.hundredths).toBe(100);
    expect(r.trail).toBe("Festwert je Region: 1,00 VZÄ Regionalkoordination");
    expect(requiredFte({ ...rk, fixedFte: 0.5 }, {}).hundredths).toBe(50);
  });

  it("uses the call's key where the rule has none, and needs 0 FTE for 0 clients", () => {
    // 160 ÷ 80 = 2 → 200.
    expect(requiredFte({ ...ib, clientsPerFte: null }, { rightToStay: 160 }, { defaultClientsPerFte: 80 }).hundredths).toBe(200);
    expect(requiredFte(fsa, { asylum: 0 }).hundredths).toBe(0);
  });

  it("refuses missing or invalid figures rather than needing 0 FTE", () => {
    expect(ruleRefusal(() => requiredFte(fsa, { rightToStay: 10 }))).toEqual({ key: "staffing.refusal.noFigure", params: { group: { message: "staffing.refusal.group.asylum" } } });
    expect(ruleRefusal(() => requiredFte(fsa, { asylum: -1 })).key).toBe("staffing.refusal.invalidFigure");
    expect(ruleRefusal(() => requiredFte(fsa, { asylum: 1.5 })).key).toBe("staffing.refusal.invalidFigure");
    expect(ruleRefusal(() => requiredFte({ ...fsa, clientsPerFte: 0 }, { asylum: 1 })).key).toBe("staffing.refusal.invalidKey");
  });

  it("has helpers that round half up and format in German", () => {
    expect(divideHalfUp(5, 2)).toBe(3);
    expect(divideHalfUp(4, 3)).toBe(1);
    expect(formatFte(775)).toBe("7,75");
    expect(formatFte(123456)).toBe("1.234,56");
  });
});

describe("required FTE of every lot of the Dresden call", () => {
  const parsed = parseCallDefinition(structuredClone(dresdenJson));
  if (!parsed.ok) throw new Error("Dresden definition does not parse");
  const call = callViewFromDefinition(parsed.definition);

  it("gives 16 lots in number order from the figures per region", () => {
    const figures = {
      nord: { asylum: 1240, rightToStay: 312 },
      ost: { asylum: 800, rightToStay: 160 },
      sued: { asylum: 1001, rightToStay: 1001 },
      west: { asylum: 0, rightToStay: 80 },
    };
    const lots = requiredFteByLot(call, figures);
    expect(lots).toHaveLength(16);
    // Per region: RK fixed 1; FSA = FB = asylum × 50 ÷ 80; IB = rightToStay × 100 ÷ 80.
    // Nord 100, 775, 775, 390; Ost 100, 500, 500, 200; Süd 100, 626, 626, 1251; West 100, 0, 0, 100.
    expect(lots.map((l) => l.requiredHundredths)).toEqual([100, 775, 775, 390, 100, 500, 500, 200, 100, 626, 626, 1251, 100, 0, 0, 100]);
    expect(lots[0]).toMatchObject({ lotId: "nord-regionalkoordination", number: 1, regionCode: "nord", roleCode: "regionalkoordination" });
    expect(lots[2].trail).toBe("1.240 Geflüchtete ÷ 80 = 15,5 VZÄ; Tandem 1 : 1 → 7,75 VZÄ Flüchtlingsbegleitung");
  });

  it("leaves cancelled lots out and names the lot whose figure is missing", () => {
    const withCancelled = { ...call, lots: call.lots.map((l) => (l.number === 4 ? { ...l, cancelled: true } : l)) };
    const figures = { nord: { asylum: 80, rightToStay: 80 }, ost: { asylum: 80, rightToStay: 80 }, sued: { asylum: 80, rightToStay: 80 }, west: { asylum: 80, rightToStay: 80 } };
    expect(requiredFteByLot(withCancelled, figures).map((l) => l.number)).not.toContain(4);
    expect(ruleRefusal(() => requiredFteByLot(call, { ...figures, ost: { asylum: 80 } }))).toEqual({
      key: "staffing.refusal.inLot",
      params: { lot: 8, region: "ost", problem: { message: "staffing.refusal.noFigure", params: { group: { message: "staffing.refusal.group.rightToStay" } } } },
    });
    expect(ruleRefusal(() => requiredFteByLot(call, { nord: figures.nord }))).toEqual({ key: "staffing.refusal.noRegionFigures", params: { lot: 6, region: "ost" } });
  });

  it("needs a lot's stated volume (a follow-up call's) whatever the figures, and needs no figures for it", () => {
    const withVolume = {
      ...call,
      lots: call.lots.filter((l) => l.regionCode === "west").map((l) => ({ ...l, volumeHundredths: 125 })),
    };
    const lots = requiredFteByLot(withVolume, {});
    expect(lots.map((l) => l.requiredHundredths)).toEqual([125, 125, 125, 125]);
    expect(lots[1].trail).toBe("Losvolumen laut Aufruf: 1,25 VZÄ Flüchtlingssozialarbeit");
  });
});
