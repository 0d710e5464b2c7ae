// Client figures and the staffing plan against a real SQLite file: batches and their
// history, the plan from awarded contracts, new figures that change the plan with the
// difference kept, CSV errors with line and column, and the CSV and PDF exports.
import { and, eq } from "drizzle-orm";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../app/i18n";
import { DomainError } from "../../app/infra/errors";
import { auditEntries, awardDecisions, clientFigures, staffingPlans } from "../../app/infra/schema";
import { clientFiguresHistory, latestClientFigures, recordClientFigures } from "../../app/staffing/client-figures.server";
import { parseClientFiguresCsv } from "../../app/staffing/client-figures-csv";
import { renderStaffingPlanPdf, staffingPlanCsv } from "../../app/staffing/plan-export.server";
import { computeStaffingPlan, loadStaffingPlan, publicStaffingView } from "../../app/staffing/plans.server";
import { evaluationScenario, NOW, type EvaluationScenario } from "../support/evaluation";

let s: EvaluationScenario;
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const FIRST_BATCH = [
  ["nord", 1240, 410, 95],
  ["ost", 980, 300, 60],
  ["sued", 700, 250, 40],
  ["west", 1500, 500, 120],
] as const;

beforeAll(async () => {
  s = await evaluationScenario();
}, 60_000);
afterAll(() => s?.t.cleanup());

function expectDomainError(fn: () => unknown, code: string, message: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect((error as DomainError).message).toMatch(message);
    return;
  }
  throw new Error("expected a DomainError");
}

/**
 * FIXTURE, not the award procedure: award decisions written straight into the table, as
 * the award procedure (another module) will leave them. Lot 2 is split between Alpha
 * (5,00 VZÄ) and Beta (2,75 VZÄ), Gamma wins lot 3 (7,75 VZÄ) and is rejected in lot 2;
 * a proposal that was never awarded must not count.
 */
function insertAwardFixture() {
  const row = (lot: number, carrier: string, rank: number, fte: number, status: "awarded" | "rejected" | "proposed") => ({
    lotId: s.lotId(lot),
    submissionId: s.sub(carrier),
    rank,
    fteAwardedHundredths: fte,
    proposedFteHundredths: fte,
    reason: "Testfixture",
    status,
    decidedByUserId: s.officerA,
    decidedAt: later(30),
  });
  s.db.insert(awardDecisions)
    .values([
      row(2, "Alpha e. V.", 1, 500, "awarded"),
      row(2, "Beta e. V.", 2, 275, "awarded"),
      row(2, "Gamma e. V.", 3, 0, "rejected"),
      row(3, "Gamma e. V.", 1, 775, "awarded"),
      row(6, "Alpha e. V.", 1, 300, "proposed"),
    ])
    .run();
}

describe("client figures and the staffing plan", () => {
  it("cannot compute a plan before the figures of a region are entered and says which", () => {
    const view = loadStaffingPlan(s.call.id, { db: s.db });
    expect(view.current).toBeNull();
    expect(view.problem).toBe("Stellenplan nicht berechenbar: Los 2: keine Fallzahlen für Region nord");
  });

  it("refuses unknown regions, negative or broken counts and dates in the future, storing nothing", () => {
    const base = { callId: s.call.id, asOf: "2026-10-31", userId: s.officerA, source: "form" as const, now: later(1), db: s.db };
    expectDomainError(() => recordClientFigures({ ...base, figures: [{ regionCode: "mitte", targetGroup: "asylum", count: 10 }] }), "INVALID", /unbekannte Region „mitte“/);
    expectDomainError(() => recordClientFigures({ ...base, figures: [{ regionCode: "nord", targetGroup: "asylum", count: -1 }] }), "INVALID", /ganze Zahl ab 0/);
    expectDomainError(() => recordClientFigures({ ...base, figures: [{ regionCode: "nord", targetGroup: "asylum", count: 1.5 }] }), "INVALID", /ganze Zahl ab 0/);
    expectDomainError(() => recordClientFigures({ ...base, asOf: "2026-11-26", figures: [{ regionCode: "nord", targetGroup: "asylum", count: 1 }] }), "INVALID", /in der Zukunft/);
    expectDomainError(() => recordClientFigures({ ...base, asOf: "2026-02-30", figures: [{ regionCode: "nord", targetGroup: "asylum", count: 1 }] }), "INVALID", /kein gültiges Datum/);
    expect(s.db.select().from(clientFigures).all()).toHaveLength(0);
  });

  it("records a batch, audited, and computes the plan live with the arithmetic while nothing is awarded", () => {
    const result = recordClientFigures({
      callId: s.call.id,
      asOf: "2026-10-31",
      figures: FIRST_BATCH.flatMap(([regionCode, asylum, rightToStay, vulnerable]) => [
        { regionCode, targetGroup: "asylum" as const, count: asylum },
        { regionCode, targetGroup: "rightToStay" as const, count: rightToStay },
        { regionCode, targetGroup: "vulnerable" as const, count: vulnerable },
      ]),
      userId: s.officerA,
      source: "form",
      now: later(2),
      db: s.db,
    });
    expect(result).toMatchObject({ rows: 12, plan: null });
    const audit = s.db.select().from(auditEntries).where(eq(auditEntries.action, "staffing.client-figures-recorded")).all();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ batchId: result.batchId, rows: 12, source: "form", asOf: ["2026-10-31"] });

    const view = loadStaffingPlan(s.call.id, { db: s.db });
    expect(view.current).toMatchObject({ id: null, trigger: "live" });
    expect(view.history).toEqual([]);
    const lot2 = view.current!.plan.lots.find((l) => l.number === 2)!;
    expect(view.current!.trails[lot2.lotId]).toBe("1.240 Geflüchtete ÷ 80 = 15,5 VZÄ; Tandem 1 : 1 → 7,75 VZÄ Flüchtlingssozialarbeit");
    expect(lot2).toMatchObject({ requiredHundredths: 775, contractedHundredths: 0 });
    // Nothing was stored: a plan is kept only from the first award on, or on request.
    expect(s.db.select().from(staffingPlans).all()).toHaveLength(0);
  });

  it("before any award, compares the live plan with the figures before the latest entry", () => {
    // A correction for the same day: the one entered last counts.
    const result = recordClientFigures({
      callId: s.call.id,
      asOf: "2026-10-31",
      figures: [{ regionCode: "ost", targetGroup: "asylum", count: 1060 }],
      userId: s.officerA,
      source: "form",
      now: later(3),
      db: s.db,
    });
    expect(result.plan).toBeNull();
    const view = loadStaffingPlan(s.call.id, { db: s.db });
    expect(view.current?.id).toBeNull();
    expect(view.previous).toMatchObject({ id: null, trigger: "live", computedAt: later(2).toISOString() });
    // Ost: 980 × 50 ÷ 80 = 612,5 → 6,13 VZÄ; 1.060 × 50 ÷ 80 = 662,5 → 6,63 VZÄ per tandem role.
    expect(view.difference!.changes.map((c) => [c.number, c.requiredBefore, c.requiredAfter, c.deltaRequiredHundredths])).toEqual([
      [6, 613, 663, 50],
      [7, 613, 663, 50],
    ]);
    expect(s.db.select().from(staffingPlans).all()).toHaveLength(0);
  });

  it("builds and stores the plan from the awarded contracts only, with carrier names, coverage and vacancies", () => {
    insertAwardFixture();
    const stored = computeStaffingPlan({ callId: s.call.id, trigger: "award", userId: s.officerA, now: later(31), db: s.db });
    const lot = (n: number) => stored.plan.lots.find((l) => l.number === n)!;
    expect(lot(2)).toMatchObject({ requiredHundredths: 775, contractedHundredths: 775, gapHundredths: 0, coveragePercent: 100 });
    expect(lot(2).carriers.map((c) => [stored.carrierNames[c.organisationId], c.hundredths])).toEqual([
      ["Alpha e. V.", 500],
      ["Beta e. V.", 275],
    ]);
    expect(lot(3)).toMatchObject({ contractedHundredths: 775, carriers: [{ organisationId: s.org("Gamma e. V."), hundredths: 775 }] });
    // The proposed (never awarded) 3,00 VZÄ in lot 6 do not count.
    expect(lot(6).contractedHundredths).toBe(0);
    expect(stored.plan.warnings.find((w) => w.lotId === s.lotId(4))?.message).toBe("Los 4 (Region Nord, Integrationsberatung): kein Träger, 5,13 VZÄ unbesetzt");
    const nord = stored.plan.regions.find((r) => r.regionCode === "nord")!;
    expect(nord.keys.find((k) => k.targetGroup === "asylum")).toMatchObject({ clientsPerFteReached: 80, status: "ok" });
    expect(nord.tandems[0]).toMatchObject({ ratio: "1 : 1,00", status: "ok" });
    expect(stored.plan.carriers.map((c) => [stored.carrierNames[c.organisationId], c.contractedHundredths]).sort()).toEqual([
      ["Alpha e. V.", 500],
      ["Beta e. V.", 275],
      ["Gamma e. V.", 775],
    ]);
    const rows = s.db.select().from(staffingPlans).where(eq(staffingPlans.callId, s.call.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ trigger: "award", computedByUserId: s.officerA, figuresAsOf: new Date("2026-10-30T23:00:00Z") });
    expect(s.db.select().from(auditEntries).where(and(eq(auditEntries.action, "staffing.plan-computed"), eq(auditEntries.objectId, s.call.id))).all()).toHaveLength(1);
  });

  it("recomputes and stores the plan when new figures come from a CSV file, and shows which lots need more", () => {
    const parsed = parseClientFiguresCsv("\uFEFFregion;zielgruppe;anzahl;stand\r\nRegion Nord;asyl;1.400;20.11.2026\r\n", { regions: s.call.regions });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = recordClientFigures({
      callId: s.call.id,
      asOf: parsed.figures[0].asOf,
      figures: parsed.figures.map(({ regionCode, targetGroup, count, asOf }) => ({ regionCode, targetGroup, count, asOf })),
      userId: s.officerB,
      source: "csv",
      now: later(60),
      db: s.db,
    });
    expect(result.plan).toMatchObject({ id: expect.any(String) });

    // The older figures of the other groups and regions still count; nothing was overwritten.
    const latest = latestClientFigures(s.call.id, s.db);
    expect(latest.figuresByRegion.nord).toEqual({ asylum: 1400, rightToStay: 410, vulnerable: 95 });
    expect(latest.figuresByRegion.west).toEqual({ asylum: 1500, rightToStay: 500, vulnerable: 120 });
    expect(latest.asOf).toBe("2026-11-19T23:00:00.000Z");
    expect(latest.figuresByRegion.ost).toEqual({ asylum: 1060, rightToStay: 300, vulnerable: 60 });
    expect(s.db.select().from(clientFigures).all()).toHaveLength(14);
    const history = clientFiguresHistory(s.call.id, s.db);
    expect(history.map((b) => [b.source, b.figures.length, b.enteredBy])).toEqual([
      ["csv", 1, "Bernd Vergabe (Demo, fiktiv)"],
      ["form", 1, "Anna Vergabe (Demo, fiktiv)"],
      ["form", 12, "Anna Vergabe (Demo, fiktiv)"],
    ]);

    const view = loadStaffingPlan(s.call.id, { db: s.db });
    expect(view.current).toMatchObject({ id: result.plan && "id" in result.plan ? result.plan.id : "", trigger: "clientFigures", computedBy: "Bernd Vergabe (Demo, fiktiv)" });
    expect(view.previous?.trigger).toBe("award");
    expect(view.history.map((h) => h.trigger)).toEqual(["clientFigures", "award"]);
    const changes = view.difference!.changes;
    expect(changes.map((c) => [c.number, c.direction, c.deltaRequiredHundredths, c.gapAfterHundredths])).toEqual([
      [2, "more", 100, 100],
      [3, "more", 100, 100],
    ]);
    expect(changes[0].message).toBe("Los 2 (Region Nord, Flüchtlingssozialarbeit): Bedarf 7,75 → 8,75 VZÄ (+1,00 VZÄ); vertraglich 7,75 VZÄ, 1,00 VZÄ fehlen");
    expect(view.difference).toMatchObject({ moreHundredths: 200, fewerHundredths: 0, netHundredths: 200 });
    expect(view.current!.trails[s.lotId(2)]).toBe("1.400 Geflüchtete ÷ 80 = 17,5 VZÄ; Tandem 1 : 1 → 8,75 VZÄ Flüchtlingssozialarbeit");
    // Under the key now: 1.400 ÷ 15,5 contracted VZÄ = 90,3 per VZÄ, more than 88.
    expect(view.current!.plan.warnings.some((w) => w.kind === "tooManyClientsPerFte" && w.regionCode === "nord")).toBe(true);
  });

  it("names line and column of bad CSV rows against the call's regions", () => {
    const result = parseClientFiguresCsv("region,zielgruppe,anzahl,stand\nnord,asyl,1400,20.11.2026\nmitte,asyl,10,20.11.2026\nost,asyl,zehn,20.11.2026\n", { regions: s.call.regions });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.message)).toEqual([
      "Zeile 3, Spalte „region“: Unbekannte Region „mitte“ (bekannt: nord, ost, sued, west).",
      "Zeile 4, Spalte „anzahl“: „zehn“ ist keine ganze Zahl ab 0.",
    ]);
  });

  it("exports the plan as CSV for German Excel and as a PDF with the arithmetic and the difference", async () => {
    const view = loadStaffingPlan(s.call.id, { db: s.db });
    const csv = staffingPlanCsv(view.current!, translator("de"), "de");
    expect(csv.startsWith("\uFEFFBereich;Los;Region;Rolle;Bedarf VZÄ;Vertrag VZÄ;Lücke VZÄ;Deckung %;Klienten je VZÄ;Träger;Rechenweg\r\n")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toContain(
      'Los;2;Region Nord;Flüchtlingssozialarbeit;8,75;7,75;1,00;88,6;;"Alpha e. V. 5,00; Beta e. V. 2,75";"1.400 Geflüchtete ÷ 80 = 17,5 VZÄ; Tandem 1 : 1 → 8,75 VZÄ Flüchtlingssozialarbeit"',
    );
    expect(lines.some((l) => l.startsWith("Gesamtstadt;;alle;Flüchtlingssozialarbeit;"))).toBe(true);

    const pdf = await renderStaffingPlanPdf(view, { locale: "de", generatedAt: later(61), cityName: "Landeshauptstadt Dresden", publicUrl: "https://portal.example/verwaltung/aufrufe/x/stellenplan" });
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Stellenplan");
    // Noto Sans has no "→": the PDF prints "->".
    expect(flat).toContain("1.400 Geflüchtete ÷ 80 = 17,5 VZÄ; Tandem 1 : 1 -> 8,75 VZÄ Flüchtlingssozialarbeit");
    expect(flat).toContain("Alpha e. V. 5,00; Beta e. V. 2,75");
    expect(flat).toContain("Bedarf 7,75 -> 8,75 VZÄ (+1,00 VZÄ)");
    expect(flat).toContain("Mehrbedarf 2,00 VZÄ, Minderbedarf 0,00 VZÄ, zusammen +2,00 VZÄ");
    expect(flat).toContain("kein Träger, 5,13 VZÄ unbesetzt");
  });

  it("gives public pages the plan without who computed it and without the history", () => {
    const pub = publicStaffingView(loadStaffingPlan(s.call.id, { db: s.db }));
    expect(pub.current?.computedBy).toBeNull();
    expect(pub.history).toEqual([]);
    expect(pub.previous).toBeNull();
    expect(pub.current?.plan.city.contractedHundredths).toBe(1550);
  });
});
