// Client figures and the staffing plan against a real SQLite file: batches and their
// history, the plan from awarded contracts, new figures that change the plan with the
// difference kept, CSV errors with line and column, the CSV and PDF exports, and the same
// facts on the plan's page and in its PDF. The awards
// come from the real award procedure (tests/support/award.ts): lot 2 split between Alpha
// (5.00 FTE) and Beta (2.75), Gamma 2.00 FTE in lot 4; the award stores the first plan.
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../app/i18n";
import { expectRefusalAsync } from "../support/refusals";
import type { Db } from "../../app/infra/db.server";
import { auditEntries, clientFigures, staffingPlans } from "../../app/infra/schema";
import { localStorage } from "../../app/infra/storage.server";
import { clientFiguresHistory, latestClientFigures, recordClientFigures } from "../../app/staffing/client-figures.server";
import { parseClientFiguresCsv } from "../../app/staffing/client-figures-csv.server";
import StaffingPlanPage from "../../app/routes/verwaltung.aufrufe.$slug.stellenplan";
import { staffingPlanDocument } from "../../app/staffing/plan-document";
import { renderStaffingPlanPdf, staffingPlanCsv } from "../../app/staffing/plan-export.server";
import { loadStaffingPlan, publicStaffingView } from "../../app/staffing/plans.server";
import { coverageOfCall } from "../../app/staffing/coverage.server";
import { buildAwardScenario, type AwardScenario } from "../support/award";
import { expectSameFacts } from "../support/documents";
import { tempDatabase, type TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
let t: TempDb;
let db: Db;
let s: AwardScenario;
/** The earliest award date, on which the award is made. */
let awardedAt: Date;
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const afterAward = (minutes: number) => new Date(awardedAt.getTime() + minutes * 60_000);
const lotId = (n: number) => s.call.lots.find((l) => l.number === n)!.id;

const FIRST_BATCH = [
  ["nord", 1240, 410, 95],
  ["ost", 980, 300, 60],
  ["sued", 700, 250, 40],
  ["west", 1500, 500, 120],
] as const;

beforeAll(async () => {
  t = await tempDatabase();
  db = t.db;
  s = await buildAwardScenario({ db, storage: localStorage(`${t.dir}/files`), now: NOW });
}, 60_000);
afterAll(() => t?.cleanup());


describe("client figures and the staffing plan", () => {
  it("cannot compute a plan before the figures of a region are entered and says which", async () => {
    const view = await loadStaffingPlan(s.call.id, { db });
    expect(view.current).toBeNull();
    expect(view.problem).toEqual({
      key: "staffing.refusal.notComputable",
      params: { problem: { message: "staffing.refusal.noRegionFigures", params: { lot: 2, region: "nord" } } },
    });
  });

  it("refuses unknown regions, negative or broken counts and dates in the future, storing nothing", async () => {
    const base = { callId: s.call.id, asOf: "2026-10-31", userId: s.officerA, source: "form" as const, now: later(1), db };
    await expectRefusalAsync(recordClientFigures({ ...base, figures: [{ regionCode: "mitte", targetGroup: "asylum", count: 10 }] }), "INVALID", "staffing.refusal.unknownRegion", { region: "mitte" });
    await expectRefusalAsync(recordClientFigures({ ...base, figures: [{ regionCode: "nord", targetGroup: "asylum", count: -1 }] }), "INVALID", "staffing.refusal.countInvalid");
    await expectRefusalAsync(recordClientFigures({ ...base, figures: [{ regionCode: "nord", targetGroup: "asylum", count: 1.5 }] }), "INVALID", "staffing.refusal.countInvalid");
    // A wrong date belongs to the form's "stand" field.
    const future = await expectRefusalAsync(recordClientFigures({ ...base, asOf: "2026-11-26", figures: [{ regionCode: "nord", targetGroup: "asylum", count: 1 }] }), "INVALID", "staffing.refusal.asOfFuture", { day: "2026-11-26" });
    expect(future.field).toBe("stand");
    const invalid = await expectRefusalAsync(recordClientFigures({ ...base, asOf: "2026-02-30", figures: [{ regionCode: "nord", targetGroup: "asylum", count: 1 }] }), "INVALID", "staffing.refusal.asOfInvalid", { day: "2026-02-30" });
    expect(invalid.field).toBe("stand");
    expect(await db.select().from(clientFigures)).toHaveLength(0);
  });

  it("records a batch, audited, and computes the plan live with the arithmetic while nothing is awarded", async () => {
    const result = await recordClientFigures({
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
      db,
    });
    expect(result).toMatchObject({ rows: 12, plan: null });
    const audit = await db.select().from(auditEntries).where(eq(auditEntries.action, "staffing.client-figures-recorded"));
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ batchId: result.batchId, rows: 12, source: "form", asOf: ["2026-10-31"] });

    const view = await loadStaffingPlan(s.call.id, { db });
    expect(view.current).toMatchObject({ id: null, trigger: "live" });
    expect(view.history).toEqual([]);
    const lot2 = view.current!.plan.lots.find((l) => l.number === 2)!;
    expect(view.current!.trails[lot2.lotId]).toBe("1.240 Geflüchtete ÷ 80 = 15,5 VZÄ; Tandem 1 : 1 → 7,75 VZÄ Flüchtlingssozialarbeit");
    expect(lot2).toMatchObject({ requiredHundredths: 775, contractedHundredths: 0 });
    // Nothing was stored: a plan is kept only from the first award on, or on request.
    expect(await db.select().from(staffingPlans)).toHaveLength(0);
  });

  it("before any award, compares the live plan with the figures before the latest entry", async () => {
    // A correction for the same day: the one entered last counts.
    const result = await recordClientFigures({
      callId: s.call.id,
      asOf: "2026-10-31",
      figures: [{ regionCode: "ost", targetGroup: "asylum", count: 1060 }],
      userId: s.officerA,
      source: "form",
      now: later(3),
      db,
    });
    expect(result.plan).toBeNull();
    const view = await loadStaffingPlan(s.call.id, { db });
    expect(view.current?.id).toBeNull();
    expect(view.previous).toMatchObject({ id: null, trigger: "live", computedAt: later(2).toISOString() });
    // Ost: 980 × 50 ÷ 80 = 612,5 → 6,13 VZÄ; 1.060 × 50 ÷ 80 = 662,5 → 6,63 VZÄ per tandem role.
    expect(view.difference!.changes.map((c) => [c.number, c.requiredBefore, c.requiredAfter, c.deltaRequiredHundredths])).toEqual([
      [6, 613, 663, 50],
      [7, 613, 663, 50],
    ]);
    expect(await db.select().from(staffingPlans)).toHaveLength(0);
  });

  it("stores the plan at the award, from the awarded contracts only, with carrier names, coverage and vacancies", async () => {
    await s.scoreAll();
    const earliest = await s.preInform(new Date(s.after.getTime() + 3600_000));
    // Proposed and approved, not yet awarded: nothing is contracted, nothing stored.
    const before = await loadStaffingPlan(s.call.id, { db });
    expect(before.current!.plan.city.contractedHundredths).toBe(0);
    expect(await db.select().from(staffingPlans)).toHaveLength(0);

    await s.award(earliest);
    awardedAt = earliest;
    const view = await loadStaffingPlan(s.call.id, { db });
    const stored = view.current!;
    expect(stored).toMatchObject({ trigger: "award", computedAt: earliest.toISOString(), id: expect.any(String) });
    const lot = (n: number) => stored.plan.lots.find((l) => l.number === n)!;
    expect(lot(2)).toMatchObject({ requiredHundredths: 775, contractedHundredths: 775, gapHundredths: 0, coveragePercent: 100 });
    // Gamma, ranked third in lot 2 and rejected there, does not count in lot 2.
    expect(lot(2).carriers.map((c) => [stored.carrierNames[c.organisationId], c.hundredths])).toEqual([
      ["Alpha e. V.", 500],
      ["Beta e. V.", 275],
    ]);
    // Lot 4: 410 people with a right to stay ÷ 80 = 5.125 → 5,13 FTE; Gamma's 2,00 leave 3,13 open.
    expect(lot(4)).toMatchObject({ requiredHundredths: 513, contractedHundredths: 200, gapHundredths: 313, carriers: [{ organisationId: s.org("Gamma e. V."), hundredths: 200 }] });
    const warning = (n: number) => stored.plan.warnings.find((w) => w.lotId === lotId(n))?.message;
    expect(warning(3)).toBe("Los 3 (Region Nord, Flüchtlingsbegleitung): kein Träger, 7,75 VZÄ unbesetzt");
    expect(warning(4)).toBe("Los 4 (Region Nord, Integrationsberatung): 3,13 VZÄ von 5,13 VZÄ ungedeckt");
    // Nord: 1,240 refugees on 7,75 contracted FTE = 160 per FTE, twice the key; the tandem has no companions.
    const nord = stored.plan.regions.find((r) => r.regionCode === "nord")!;
    expect(nord.keys.find((k) => k.targetGroup === "asylum")).toMatchObject({ clientsPerFteReached: 160, status: "tooManyClientsPerFte" });
    expect(stored.plan.warnings.filter((w) => w.regionCode === "nord").map((w) => w.kind)).toContain("tandemUnbalanced");
    expect(stored.plan.carriers.map((c) => [stored.carrierNames[c.organisationId], c.contractedHundredths]).sort()).toEqual([
      ["Alpha e. V.", 500],
      ["Beta e. V.", 275],
      ["Gamma e. V.", 200],
    ]);
    const rows = await db.select().from(staffingPlans).where(eq(staffingPlans.callId, s.call.id));
    expect(rows).toHaveLength(1);
    // Computed by the awarding officer (four eyes: not officer A, who proposed).
    expect(rows[0]).toMatchObject({ trigger: "award", computedByUserId: s.officerB, figuresAsOf: new Date("2026-10-30T23:00:00Z") });
    expect(await db.select().from(auditEntries).where(and(eq(auditEntries.action, "staffing.plan-computed"), eq(auditEntries.objectId, s.call.id)))).toHaveLength(1);
  });

  it("recomputes and stores the plan when new figures come from a CSV file, and shows which lots need more", async () => {
    const parsed = parseClientFiguresCsv("\uFEFFregion;zielgruppe;anzahl;stand\r\nRegion Nord;asyl;1.400;20.11.2026\r\n", { regions: s.call.regions });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = await recordClientFigures({
      callId: s.call.id,
      asOf: parsed.figures[0].asOf,
      figures: parsed.figures.map(({ regionCode, targetGroup, count, asOf }) => ({ regionCode, targetGroup, count, asOf })),
      userId: s.officerB,
      source: "csv",
      now: afterAward(60),
      db,
    });
    expect(result.plan).toMatchObject({ id: expect.any(String) });

    // The older figures of the other groups and regions still count; nothing was overwritten.
    const latest = await latestClientFigures(s.call.id, db);
    expect(latest.figuresByRegion.nord).toEqual({ asylum: 1400, rightToStay: 410, vulnerable: 95 });
    expect(latest.figuresByRegion.west).toEqual({ asylum: 1500, rightToStay: 500, vulnerable: 120 });
    expect(latest.asOf).toBe("2026-11-19T23:00:00.000Z");
    expect(latest.figuresByRegion.ost).toEqual({ asylum: 1060, rightToStay: 300, vulnerable: 60 });
    expect(await db.select().from(clientFigures)).toHaveLength(14);
    const history = await clientFiguresHistory(s.call.id, db);
    expect(history.map((b) => [b.source, b.figures.length, b.enteredBy])).toEqual([
      ["csv", 1, "Bernd Vergabe (Demo, fiktiv)"],
      ["form", 1, "Anna Vergabe (Demo, fiktiv)"],
      ["form", 12, "Anna Vergabe (Demo, fiktiv)"],
    ]);

    const view = await loadStaffingPlan(s.call.id, { db });
    expect(view.current).toMatchObject({ id: result.plan && "id" in result.plan ? result.plan.id : "", trigger: "clientFigures", computedBy: "Bernd Vergabe (Demo, fiktiv)" });
    expect(view.previous?.trigger).toBe("award");
    expect(view.history.map((h) => h.trigger)).toEqual(["clientFigures", "award"]);
    const changes = view.difference!.changes;
    expect(changes.map((c) => [c.number, c.direction, c.deltaRequiredHundredths, c.gapAfterHundredths])).toEqual([
      [2, "more", 100, 100],
      [3, "more", 100, 875],
    ]);
    expect(changes[0].message).toBe("Los 2 (Region Nord, Flüchtlingssozialarbeit): Bedarf 7,75 → 8,75 VZÄ (+1,00 VZÄ); vertraglich 7,75 VZÄ, 1,00 VZÄ fehlen");
    expect(view.difference).toMatchObject({ moreHundredths: 200, fewerHundredths: 0, netHundredths: 200 });
    expect(view.current!.trails[lotId(2)]).toBe("1.400 Geflüchtete ÷ 80 = 17,5 VZÄ; Tandem 1 : 1 → 8,75 VZÄ Flüchtlingssozialarbeit");
    // Still under the key: 1.400 ÷ 7,75 contracted VZÄ = 180,6 per VZÄ, more than 88.
    expect(view.current!.plan.warnings.some((w) => w.kind === "tooManyClientsPerFte" && w.regionCode === "nord")).toBe(true);
  });

  it("names line and column of bad CSV rows against the call's regions", async () => {
    const result = parseClientFiguresCsv("region,zielgruppe,anzahl,stand\nnord,asyl,1400,20.11.2026\nmitte,asyl,10,20.11.2026\nost,asyl,zehn,20.11.2026\n", { regions: s.call.regions });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.line, e.column, e.params?.problem])).toEqual([
      [3, "region", { message: "staffing.csv.regionUnknown", params: { region: "mitte", known: "nord, ost, sued, west" } }],
      [4, "anzahl", { message: "staffing.csv.countInvalid", params: { count: "zehn" } }],
    ]);
  });

  it("exports the plan as CSV for German Excel and as a PDF with the arithmetic and the difference", async () => {
    const view = await loadStaffingPlan(s.call.id, { db });
    const csv = staffingPlanCsv(view.current!, translator("de"), "de");
    expect(csv.startsWith("\uFEFFBereich;Los;Region;Rolle;Bedarf VZÄ;Vertrag VZÄ;Lücke VZÄ;Deckung %;Klienten je VZÄ;Träger;Rechenweg\r\n")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toContain(
      'Los;2;Region Nord;Flüchtlingssozialarbeit;8,75;7,75;1,00;88,6;;"Alpha e. V. 5,00; Beta e. V. 2,75";"1.400 Geflüchtete ÷ 80 = 17,5 VZÄ; Tandem 1 : 1 → 8,75 VZÄ Flüchtlingssozialarbeit"',
    );
    expect(lines.some((l) => l.startsWith("Gesamtstadt;;alle;Flüchtlingssozialarbeit;"))).toBe(true);

    const pdf = await renderStaffingPlanPdf(view, { locale: "de", generatedAt: afterAward(61), cityName: "Landeshauptstadt Dresden", publicUrl: "https://portal.example/verwaltung/aufrufe/x/stellenplan" });
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Stellenplan");
    // The lot with required, contracted, gap and coverage, its carriers, and the trail on a
    // line of its own below (Noto Sans has no "→": the PDF prints "->").
    expect(flat).toContain(
      "Los 2: Region Nord, Flüchtlingssozialarbeit 8,75 7,75 1,00 88,6 % Alpha e. V. 5,00; Beta e. V. 2,75 Rechenweg 1.400 Geflüchtete ÷ 80 = 17,5 VZÄ; Tandem 1 : 1 -> 8,75 VZÄ Flüchtlingssozialarbeit",
    );
    expect(flat).toContain("Mehrbedarf 2,00 VZÄ, Minderbedarf 0,00 VZÄ, zusammen +2,00 VZÄ");
    expect(flat).toContain("Los 2: Region Nord, Flüchtlingssozialarbeit mehr 7,75 8,75 +1,00 7,75 +1,00");
    expect(flat).toContain("Los 3 (Region Nord, Flüchtlingsbegleitung): kein Träger, 8,75 VZÄ unbesetzt");
    expect(flat).toContain("Los 4 (Region Nord, Integrationsberatung): 3,13 VZÄ von 5,13 VZÄ ungedeckt");
  });

  it("gives the officers' plan page and its PDF the same facts: arithmetic, coverage, carriers, warnings, the difference", async () => {
    const view = await loadStaffingPlan(s.call.id, { db });
    for (const locale of ["de", "en"] as const) {
      const doc = staffingPlanDocument(view, translator(locale), locale);
      // The page's loader adds the missing cooperation declarations (none in this scenario) and the plan over time.
      const overTime = await coverageOfCall({ callId: s.call.id, now: NOW, db });
      const { facts, pageText } = await expectSameFacts(doc, createElement(StaffingPlanPage), locale, { ...view, cooperationMissing: [], overTime });
      // The page's own parts around the document: the exports and the history of the plan.
      expect(pageText).toContain(translator(locale)("staffing.plan.csv"));
      expect(pageText).toContain(translator(locale)("staffing.plan.historyCaption"));
      if (locale === "de") {
        for (const fact of [
          "1.400 Geflüchtete ÷ 80 = 17,5 VZÄ; Tandem 1 : 1 → 8,75 VZÄ Flüchtlingssozialarbeit",
          "Alpha e. V.",
          "Gamma e. V.",
          "88,6 %",
          "Los 4 (Region Nord, Integrationsberatung): 3,13 VZÄ von 5,13 VZÄ ungedeckt",
          "+2,00",
        ]) {
          expect(facts.some((f) => f.includes(fact)), fact).toBe(true);
        }
      }
    }
  });

  it("gives public pages the plan without who computed it and without the history", async () => {
    const pub = publicStaffingView(await loadStaffingPlan(s.call.id, { db }));
    expect(pub.current?.computedBy).toBeNull();
    expect(pub.history).toEqual([]);
    expect(pub.previous).toBeNull();
    expect(pub.current?.plan.city.contractedHundredths).toBe(975);
  });
});
