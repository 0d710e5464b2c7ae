import { describe, expect, it } from "vitest";
import { planDifference, staffingPlan, type PlanInput } from "./plan";
import type { StaffingRule } from "./required-fte";

// The Dresden rules: RK 1 FTE per region; FSA and FB 80 per FTE on the asylum figure,
// 50 % each (tandem); IB 80 per FTE on the right-to-stay figure.
const rules: StaffingRule[] = [
  { roleCode: "rk", basis: "fixedPerRegion", clientsPerFte: null, targetGroup: null, sharePercent: null, fixedFte: 1 },
  { roleCode: "fsa", basis: "clientsPerFte", clientsPerFte: 80, targetGroup: "asylum", sharePercent: 50, fixedFte: null },
  { roleCode: "fb", basis: "clientsPerFte", clientsPerFte: 80, targetGroup: "asylum", sharePercent: 50, fixedFte: null },
  { roleCode: "ib", basis: "clientsPerFte", clientsPerFte: 80, targetGroup: "rightToStay", sharePercent: 100, fixedFte: null },
];
const roles = [
  { code: "rk", name: "Regionalkoordination", tandemWith: null },
  { code: "fsa", name: "Flüchtlingssozialarbeit", tandemWith: "fb" },
  { code: "fb", name: "Flüchtlingsbegleitung", tandemWith: "fsa" },
  { code: "ib", name: "Integrationsberatung", tandemWith: null },
];
const regions = [
  { code: "nord", name: "Region Nord" },
  { code: "ost", name: "Region Ost" },
];
// Lots 1–4 Nord, 5–8 Ost, each region in role order; required as requiredFteByLot gives it:
// Nord (asylum 1240, right to stay 312): 100, 1240×50÷80 = 775, 775, 312×100÷80 = 390.
// Ost (asylum 800, right to stay 160): 100, 500, 500, 200.
const lotsFor = (required: number[]) =>
  required.map((requiredHundredths, i) => ({
    lotId: `L${i + 1}`,
    number: i + 1,
    regionCode: i < 4 ? "nord" : "ost",
    roleCode: roles[i % 4].code,
    requiredHundredths,
  }));
const contracts = [
  { lotId: "L1", organisationId: "A", awardedHundredths: 100 },
  { lotId: "L2", organisationId: "A", awardedHundredths: 500 },
  { lotId: "L2", organisationId: "B", awardedHundredths: 275 },
  { lotId: "L3", organisationId: "C", awardedHundredths: 600 }, // 1.75 short
  // L4: no carrier
  { lotId: "L5", organisationId: "D", awardedHundredths: 100 },
  { lotId: "L6", organisationId: "D", awardedHundredths: 500 },
  { lotId: "L7", organisationId: "E", awardedHundredths: 500 },
  { lotId: "L8", organisationId: "B", awardedHundredths: 200 },
];
const base: PlanInput = {
  clientsPerFte: 80,
  staffingRules: rules,
  regions,
  roles,
  lots: lotsFor([100, 775, 775, 390, 100, 500, 500, 200]),
  contracts,
  figuresByRegion: { nord: { asylum: 1240, rightToStay: 312 }, ost: { asylum: 800, rightToStay: 160 } },
};

describe("Stellenplan", () => {
  const plan = staffingPlan(base);
  const nord = plan.regions[0];
  const ost = plan.regions[1];

  it("sets required against contracted FTE per region and role", () => {
    expect(nord.roles.map((r) => [r.roleCode, r.requiredHundredths, r.contractedHundredths, r.coveragePercent])).toEqual([
      ["rk", 100, 100, 100],
      ["fsa", 775, 775, 100],
      ["fb", 775, 600, 77.4], // 600 ÷ 775 = 77.42 %
      ["ib", 390, 0, 0],
    ]);
    // Nord: 100 + 775 + 775 + 390 = 2040 required; 100 + 775 + 600 + 0 = 1475 contracted → 72.30 %.
    expect([nord.requiredHundredths, nord.contractedHundredths, nord.coveragePercent]).toEqual([2040, 1475, 72.3]);
    expect([ost.requiredHundredths, ost.contractedHundredths, ost.coveragePercent]).toEqual([1300, 1300, 100]);
    expect(plan.lots[1]).toMatchObject({ lotId: "L2", gapHundredths: 0, carriers: [{ organisationId: "A", hundredths: 500 }, { organisationId: "B", hundredths: 275 }] });
  });

  it("measures the key reached: the tandem together on asylum, IB on right to stay", () => {
    // Per role: FSA 1240 × 50 % ÷ 7.75 = 80.0; FB 620 ÷ 6.00 = 103.3; IB none contracted.
    expect(nord.roles.map((r) => r.clientsPerFteReached)).toEqual([null, 80, 103.3, null]);
    // Tandem: 1240 ÷ (7.75 + 6.00) = 90.18 → over 88 (80 + 10 %): understaffed.
    expect(nord.keys).toEqual([
      { targetGroup: "asylum", roleCodes: ["fsa", "fb"], clients: 1240, keyClientsPerFte: 80, contractedHundredths: 1375, clientsPerFteReached: 90.2, status: "tooManyClientsPerFte" },
      { targetGroup: "rightToStay", roleCodes: ["ib"], clients: 312, keyClientsPerFte: 80, contractedHundredths: 0, clientsPerFteReached: null, status: "noStaff" },
    ]);
    // Ost: 800 ÷ 10.00 = 80; 160 ÷ 2.00 = 80.
    expect(ost.keys.map((k) => [k.clientsPerFteReached, k.status])).toEqual([[80, "ok"], [80, "ok"]]);
  });

  it("checks the tandem ratio", () => {
    // Nord 7.75 : 6.00 → FSA share 775 ÷ 1375 = 56.36 %, more than 5 points from 50 %; 6 ÷ 7.75 = 0.77.
    expect(nord.tandems).toEqual([
      { roleCodes: ["fsa", "fb"], contractedHundredths: [775, 600], targetSharePercent: 50, actualSharePercent: 56.4, ratio: "1 : 0,77", status: "unbalanced" },
    ]);
    expect(ost.tandems[0]).toMatchObject({ actualSharePercent: 50, ratio: "1 : 1,00", status: "ok" });
  });

  it("warns of vacancies, shortfalls, the key and the tandem", () => {
    expect(plan.warnings).toEqual([
      { kind: "uncovered", regionCode: "nord", lotId: "L3", message: "Los 3 (Region Nord, Flüchtlingsbegleitung): 1,75 VZÄ von 7,75 VZÄ ungedeckt" },
      { kind: "vacancy", regionCode: "nord", lotId: "L4", message: "Los 4 (Region Nord, Integrationsberatung): kein Träger, 3,90 VZÄ unbesetzt" },
      { kind: "tooManyClientsPerFte", regionCode: "nord", lotId: null, message: "Region Nord, Geflüchtete: 90,2 je VZÄ statt 80 (Toleranz ± 10 %) – zu wenig Personal" },
      {
        kind: "tandemUnbalanced",
        regionCode: "nord",
        lotId: null,
        message: "Region Nord: Tandem Flüchtlingssozialarbeit : Flüchtlingsbegleitung 7,75 : 6,00 VZÄ, Anteil Flüchtlingssozialarbeit 56,4 % statt 50,0 % (Toleranz ± 5 Prozentpunkte)",
      },
    ]);
  });

  it("adds up the city and the carriers", () => {
    // Required 2040 + 1300 = 3340; contracted 1475 + 1300 = 2775 → 83.08 %.
    expect([plan.city.requiredHundredths, plan.city.contractedHundredths, plan.city.coveragePercent]).toEqual([3340, 2775, 83.1]);
    expect(plan.city.figures).toEqual({ asylum: 2040, rightToStay: 472 });
    // FB 600 + 500 = 1100 of 1275 = 86.27 %; IB 200 of 590 = 33.90 %.
    expect(plan.city.roles.map((r) => [r.roleCode, r.requiredHundredths, r.contractedHundredths, r.coveragePercent])).toEqual([
      ["rk", 200, 200, 100],
      ["fsa", 1275, 1275, 100],
      ["fb", 1275, 1100, 86.3],
      ["ib", 590, 200, 33.9],
    ]);
    // City-wide: 2040 ÷ 23.75 = 85.89 (within 88); 472 ÷ 2.00 = 236.
    expect(plan.city.keys.map((k) => [k.targetGroup, k.clientsPerFteReached, k.status])).toEqual([
      ["asylum", 85.9, "ok"],
      ["rightToStay", 236, "tooManyClientsPerFte"],
    ]);
    expect(plan.carriers).toEqual([
      { organisationId: "A", contractedHundredths: 600, lotIds: ["L1", "L2"] },
      { organisationId: "B", contractedHundredths: 475, lotIds: ["L2", "L8"] },
      { organisationId: "C", contractedHundredths: 600, lotIds: ["L3"] },
      { organisationId: "D", contractedHundredths: 600, lotIds: ["L5", "L6"] },
      { organisationId: "E", contractedHundredths: 500, lotIds: ["L7"] },
    ]);
  });
});

describe("tolerances", () => {
  // One region Ost with FSA 5.00 and FB as given, IB 2.00 for 160 (always 80).
  const ostPlan = (asylum: number, fsa: number, fb: number, tolerances?: PlanInput["tolerances"]) =>
    staffingPlan({
      ...base,
      regions: [regions[1]],
      lots: lotsFor([100, 500, 500, 200, 100, 500, 500, 200]).slice(4),
      contracts: [
        { lotId: "L5", organisationId: "D", awardedHundredths: 100 },
        { lotId: "L6", organisationId: "D", awardedHundredths: fsa },
        { lotId: "L7", organisationId: "E", awardedHundredths: fb },
        { lotId: "L8", organisationId: "B", awardedHundredths: 200 },
      ],
      figuresByRegion: { ost: { asylum, rightToStay: 160 } },
      tolerances,
    }).regions[0];

  it("accepts a key up to 10 % off, and no more", () => {
    // 880 ÷ 10.00 = 88.0 → ok; 881 → 88.1 → too many; 720 → 72.0 ok; 719 → 71.9 too few.
    expect(ostPlan(880, 500, 500).keys[0].status).toBe("ok");
    expect(ostPlan(881, 500, 500).keys[0].status).toBe("tooManyClientsPerFte");
    expect(ostPlan(720, 500, 500).keys[0].status).toBe("ok");
    expect(ostPlan(719, 500, 500).keys[0].status).toBe("tooFewClientsPerFte");
    // With a 5 % tolerance, 88 is already too many.
    expect(ostPlan(880, 500, 500, { keyPercent: 5 }).keys[0].status).toBe("tooManyClientsPerFte");
  });

  it("accepts a tandem up to 5 points off 50 %, and no more", () => {
    // 5.50 : 4.50 → 55.0 % ok; 5.51 : 4.49 → 55.1 % unbalanced; 4.50 : 5.50 → 45.0 % ok.
    expect(ostPlan(800, 550, 450).tandems[0].status).toBe("ok");
    expect(ostPlan(800, 551, 449).tandems[0].status).toBe("unbalanced");
    expect(ostPlan(800, 450, 550).tandems[0].status).toBe("ok");
    expect(ostPlan(800, 0, 0).tandems[0]).toMatchObject({ status: "noStaff", actualSharePercent: null, ratio: null });
  });

  it("refuses a contract for a lot not in the plan and a missing figure", () => {
    expect(() => staffingPlan({ ...base, contracts: [{ lotId: "L99", organisationId: "A", awardedHundredths: 1 }] })).toThrow(
      expect.objectContaining({ refusal: { key: "staffing.refusal.contractUnknownLot", params: { lot: "L99" } } }),
    );
    expect(() => staffingPlan({ ...base, figuresByRegion: { nord: { asylum: 1240 }, ost: base.figuresByRegion.ost } })).toThrow(
      expect.objectContaining({ refusal: { key: "staffing.refusal.noRegionFigure", params: { region: "nord", group: { message: "staffing.refusal.group.rightToStay" } } } }),
    );
  });
});

describe("plan difference", () => {
  it("lists the lots needing more or fewer FTE after the figures change", () => {
    const previous = staffingPlan(base);
    // Ost now: asylum 600 → FSA = FB = 600 × 50 ÷ 80 = 375; right to stay 200 → IB 250.
    const next = staffingPlan({
      ...base,
      lots: lotsFor([100, 775, 775, 390, 100, 375, 375, 250]),
      figuresByRegion: { ...base.figuresByRegion, ost: { asylum: 600, rightToStay: 200 } },
    });
    const diff = planDifference(previous, next);
    expect(diff.changes.map((c) => [c.lotId, c.direction, c.deltaRequiredHundredths, c.gapAfterHundredths])).toEqual([
      ["L6", "fewer", -125, -125],
      ["L7", "fewer", -125, -125],
      ["L8", "more", 50, 50],
    ]);
    expect(diff.changes.map((c) => c.message)).toEqual([
      "Los 6 (Region Ost, Flüchtlingssozialarbeit): Bedarf 5,00 → 3,75 VZÄ (-1,25 VZÄ); vertraglich 5,00 VZÄ, 1,25 VZÄ über Bedarf",
      "Los 7 (Region Ost, Flüchtlingsbegleitung): Bedarf 5,00 → 3,75 VZÄ (-1,25 VZÄ); vertraglich 5,00 VZÄ, 1,25 VZÄ über Bedarf",
      "Los 8 (Region Ost, Integrationsberatung): Bedarf 2,00 → 2,50 VZÄ (+0,50 VZÄ); vertraglich 2,00 VZÄ, 0,50 VZÄ fehlen",
    ]);
    // +0.50 and 2 × −1.25 = −2.50: net −2.00.
    expect([diff.moreHundredths, diff.fewerHundredths, diff.netHundredths]).toEqual([50, 250, -200]);
    // The new figures: 600 ÷ 10.00 = 60 per FTE (below 72) and 200 ÷ 2.00 = 100 (above 88).
    expect(next.warnings.filter((w) => w.regionCode === "ost").map((w) => w.message)).toEqual([
      "Los 8 (Region Ost, Integrationsberatung): 0,50 VZÄ von 2,50 VZÄ ungedeckt",
      "Region Ost, Geflüchtete: 60,0 je VZÄ statt 80 (Toleranz ± 10 %) – mehr Personal, als der Schlüssel vorsieht",
      "Region Ost, Menschen mit Bleiberecht: 100,0 je VZÄ statt 80 (Toleranz ± 10 %) – zu wenig Personal",
    ]);
  });

  it("reports new contracts, removed and added lots", () => {
    const previous = staffingPlan(base);
    // A new contract fills Nord IB (L4); lot L5 is dropped; required unchanged elsewhere.
    const next = staffingPlan({
      ...base,
      lots: lotsFor([100, 775, 775, 390, 100, 500, 500, 200]).filter((l) => l.lotId !== "L5"),
      contracts: [...contracts.filter((c) => c.lotId !== "L5"), { lotId: "L4", organisationId: "F", awardedHundredths: 390 }],
    });
    const diff = planDifference(previous, next);
    expect(diff.changes.map((c) => [c.lotId, c.direction, c.deltaRequiredHundredths, c.deltaContractedHundredths])).toEqual([
      ["L4", "unchanged", 0, 390],
      ["L5", "removed", -100, -100],
    ]);
    expect(diff.changes[0].message).toBe("Los 4 (Region Nord, Integrationsberatung): Bedarf unverändert 3,90 VZÄ; vertraglich 3,90 VZÄ, gedeckt");
    expect(diff.changes[1].message).toBe("Los 5 (Region Ost, Regionalkoordination): nicht mehr im Stellenplan (bisher Bedarf 1,00 VZÄ)");
    const back = planDifference(next, previous).changes.find((c) => c.lotId === "L5");
    expect([back?.direction, back?.message]).toEqual(["added", "Los 5 (Region Ost, Regionalkoordination): neu, Bedarf 1,00 VZÄ; vertraglich 1,00 VZÄ, gedeckt"]);
  });
});
