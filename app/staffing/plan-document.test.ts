// The staffing plan's document as data: what it says when there is no plan, the figures
// and the signed difference as typed values, the trail printed below its lot, and the
// public summary's part of it. The same facts on page and PDF: tests/integration/staffing.test.ts.
import { describe, expect, it } from "vitest";
import { blockText } from "../documents/text";
import type { Block } from "../documents/blocks";
import { NORD_SNAPSHOT } from "../../tests/support/staffing";
import { translator } from "../i18n";
import { staffingPlanDocument, staffingSummaryBlocks } from "./plan-document";
import type { PlanSnapshot, StaffingPlanView } from "./plans.server";

const t = translator("de");
const reader = { locale: "de" as const, t };

const current: PlanSnapshot = { ...NORD_SNAPSHOT, trails: { L1: "1.240 Geflüchtete ÷ 80 → 15,50 VZÄ" }, figuresAsOf: null, computedBy: "Anna Vergabe" };

const view: StaffingPlanView = {
  call: { id: "c", slug: "s", title: "Soziale Betreuung 2017", authority: "Landeshauptstadt Dresden", department: "Sozialamt", isDemo: false },
  current,
  previous: { ...current, id: "p0", computedAt: "2026-11-20T10:00:00.000Z" },
  difference: {
    moreHundredths: 0,
    fewerHundredths: 50,
    netHundredths: -50,
    changes: [
      { lotId: "L2", number: 2, regionCode: "nord", roleCode: "fb", direction: "fewer", message: "", requiredBefore: 825, requiredAfter: 775, deltaRequiredHundredths: -50, contractedBefore: 0, contractedAfter: 0, deltaContractedHundredths: 0, gapAfterHundredths: 775 },
    ],
  },
  problem: null,
  history: [],
};

const text = (blocks: Block[]) => blocks.flatMap((b) => blockText(b, reader)).join("\n");
const section = (blocks: Block[], id: string) => blocks.find((b): b is Extract<Block, { kind: "section" }> => b.kind === "section" && b.id === id)!;

describe("the staffing plan's document", () => {
  it("prints only its head and the reason when no plan can be computed", () => {
    const doc = staffingPlanDocument({ ...view, current: null, previous: null, difference: null, problem: { key: "staffing.refusal.notComputable", params: { problem: "Fallzahlen für Region Nord fehlen." } } }, t, "de");
    expect(doc.blocks.map((b) => [b.kind, b.only])).toEqual([
      ["letterhead", undefined],
      ["title", "print"],
      ["paragraph", "print"],
    ]);
    expect(text(doc.blocks)).toContain("Fallzahlen für Region Nord fehlen.");
  });

  it("states who computed it, the figures in a fixed order, and a decrease with a real minus", () => {
    const doc = staffingPlanDocument(view, t, "de");
    const all = text(doc.blocks);
    expect(all).toContain("Berechnet von Anna Vergabe");
    expect(text(section(doc.blocks, "region-nord").blocks)).toContain("Fallzahlen: Asylverfahren 1.240, besonders schutzbedürftig 95");
    const difference = text(section(doc.blocks, "veraenderung").blocks);
    expect(difference).toContain("zusammen −0,50 VZÄ");
    expect(difference).toContain("Los 2: Region Nord, Flüchtlingsbegleitung | Veränderung: weniger | Bedarf vorher: 8,25 | Bedarf jetzt: 7,75 | Differenz: −0,50");
  });

  it("sets each lot's trail below its row in print and names the lot's carriers with their FTE", () => {
    const lots = section(staffingPlanDocument(view, t, "de").blocks, "lose").blocks[0];
    if (lots.kind !== "table") throw new Error("the lots are a table");
    expect(lots.columns.filter((c) => c.printBelow).map((c) => c.label)).toEqual(["Rechenweg"]);
    expect(text([lots])).toContain("Los 1: Region Nord, Flüchtlingssozialarbeit | Rechenweg: 1.240 Geflüchtete ÷ 80 → 15,50 VZÄ");
    expect(text([lots])).toContain("Träger (VZÄ): Alpha e. V. 5,00; Beta gGmbH 2,75");
  });

  it("gives the public summary the city's totals, roles, regions, carriers and chart, with ids under the given prefix", () => {
    const blocks = staffingSummaryBlocks(current, t, "ergebnis");
    expect(blocks.map((b) => b.kind)).toEqual(["paragraph", "paragraph", "paragraph", "table", "heading", "table", "heading", "table", "chart"]);
    expect(blocks.flatMap((b) => (b.kind === "table" || b.kind === "chart" ? [b.id] : []))).toEqual(["ergebnis-rollen", "ergebnis-regionen", "ergebnis-traeger", "ergebnis-diagramm"]);
    expect(text(blocks)).toContain("Fallzahlen mit Stand –");
    expect(text(blocks)).not.toContain("Anna Vergabe");
  });
});
