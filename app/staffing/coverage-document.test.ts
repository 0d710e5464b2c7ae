// The plan over time as document blocks: the table under each region's chart holds the
// chart's numbers, keys beyond tolerance are said in words, vacancies and mismatches name
// lot, carrier, day and FTE (never a person), the CSV rows; the same facts on page and PDF.
import { describe, expect, it } from "vitest";
import { base, contract, post } from "../../tests/support/coverage";
import { expectSameFacts } from "../../tests/support/documents";
import type { Block, DocumentModel } from "../documents/blocks";
import { blockText } from "../documents/text";
import { translator } from "../i18n";
import { coverageOverTime } from "./coverage";
import { coverageBlocks, coverageCsvRows, coverageRegionBlocks } from "./coverage-document";

const t = translator("de");
const reader = { locale: "de" as const, t };

// Nord, June to December 2017, asked on 20 November: FSA contracted 8,00 (Alpha), six posts
// from July, one of them without the degree; FB contracted 8,00 (Beta), eight posts from June.
const coverage = coverageOverTime({
  ...base,
  firstMonth: "2017-06",
  lastMonth: "2017-12",
  contracts: [contract("A1", "L2", 800), contract("B1", "L3", 800)],
  posts: [
    ...Array.from({ length: 5 }, (_, i) => post(`fsa${i}`, "A1", "fsa", 100, "2017-07-01")),
    post("fsa5", "A1", "fsa", 100, "2017-07-01", null, false),
    ...Array.from({ length: 8 }, (_, i) => post(`fb${i}`, "B1", "fb", 100, "2017-06-01")),
  ],
});
const names = { carriers: { alpha: "Alpha e. V." }, contracts: { A1: { number: "IB-2017-V02-1", href: "/verwaltung/aufrufe/x/vertraege#A1" } } };
const blocks = coverageBlocks(coverage, names, t, "de", "verlauf");

type Section = Extract<Block, { kind: "section" }>;
type LineChart = Extract<Block, { kind: "lineChart" }>;
const section = (id: string) => blocks.find((b): b is Section => b.kind === "section" && b.id === id)!;
const chartOf = (regionCode: string) => section(`verlauf-${regionCode}`).blocks[0] as LineChart;

describe("the plan over time as a document", () => {
  it("puts the chart's three series into its table, month by month", () => {
    for (const region of coverage.regions) {
      const chart = chartOf(region.regionCode);
      expect(chart.series.map((s) => s.label)).toEqual(["Bedarf", "vertraglich gebunden", "besetzt"]);
      expect(chart.points.map((p) => p.value)).toEqual(coverage.months);
      const columns = chart.table.rows.map((row) => [row[1], row[2], row[3]]);
      expect(columns).toEqual(chart.series[0].values.map((_, i) => chart.series.map((s) => s.values[i])));
      expect(chart.table.rows.map((row) => row[0])).toEqual(coverage.months);
    }
    // Nord in July: required 1,00 + 8,00 + 8,00 + 4,00; contracted 16,00; filled 14,00; FSA's
    // 2,00 vacant since 1 June (61 days on 31 July); one post without the degree. December not known yet.
    expect(chartOf("nord").table.rows[1].slice(0, 6)).toEqual(["2017-07", 2100, 1600, 1400, 200, 100]);
    expect(chartOf("nord").series[2].values[6]).toBeNull();
  });

  it("describes the chart by its last known month and names its table by the same title", () => {
    const chart = chartOf("nord");
    expect(chart.title).toBe("Region Nord: Bedarf, Vertrag und Besetzung je Monat (VZÄ)");
    expect(chart.table.caption).toBe(chart.title);
    expect(blockText({ kind: "paragraph", text: chart.description }, reader)[0]).toBe(
      "Liniendiagramm von Juni 2017 bis Dezember 2017. Im November 2017: Bedarf 17,00, vertraglich gebunden 16,00, besetzt 14,00 VZÄ. Die Zahlen aller Monate stehen in der Tabelle unter dem Diagramm.",
    );
  });

  it("says refugees per filled FTE beyond the key in words, not by colour alone", () => {
    const table = section("verlauf-nord").blocks[1] as Extract<Block, { kind: "table" }>;
    expect(table.caption).toBe("Region Nord: Klienten je besetzter VZÄ gegen den Schlüssel (Toleranz ± 10 %)");
    expect(table.columns.map((c) => c.label)).toEqual(["Monat", "Asylverfahren (Schlüssel 80)", "Bleiberecht (Schlüssel 80)"]);
    const cell = (month: number) => blockText({ kind: "paragraph", text: table.rows[month][1] as never }, reader)[0];
    // June: 1280 ÷ 8,00 (FB only) = 160,0; July: 1280 ÷ 14,00 = 91,4; November: 960 ÷ 14,00 = 68,6.
    expect([cell(0), cell(1), cell(5)]).toEqual(["160,0 (über dem Schlüssel: zu wenig Personal)", "91,4 (über dem Schlüssel: zu wenig Personal)", "68,6 (unter dem Schlüssel)"]);
    expect(blockText({ kind: "paragraph", text: table.rows[0][2] as never }, reader)[0]).toBe("niemand besetzt");
    expect(table.rows[6].slice(1)).toEqual([null, null]);
  });

  it("lists the vacancy and the post without the degree by lot, carrier, day and FTE", () => {
    const table = section("verlauf-unbesetzt").blocks[0] as Extract<Block, { kind: "table" }>;
    expect(table.caption).toBe("Vertraglich gebundene VZÄ, länger als 60 Tage unbesetzt (Stand 20. November 2017)");
    const vacancies = blockText(section("verlauf-unbesetzt"), reader).join("\n");
    // FSA: 8,00 contracted from 1 June, 6,00 filled from 1 July: 2,00 vacant since 1 June.
    expect(vacancies).toContain("2 | Region: Region Nord | Rolle: Flüchtlingssozialarbeit | Vertrag: IB-2017-V02-1 | Träger: Alpha e. V. | Seit: 1. Juni 2017 | Tage: 173 | VZÄ: 2,00");
    const mismatches = blockText(section("verlauf-abschluss"), reader).join("\n");
    expect(mismatches).toContain("2 | Region: Region Nord | Rolle: Flüchtlingssozialarbeit | Vertrag: IB-2017-V02-1 | Träger: Alpha e. V. | Seit: 1. Juli 2017 | VZÄ: 1,00");
    expect(mismatches).not.toContain("fsa5");
    // The contract links to its staff reports on the page.
    expect(JSON.stringify(section("verlauf-abschluss"))).toContain('"href":"/verwaltung/aufrufe/x/vertraege#A1"');
  });

  it("gives the public the regions' aggregates only: no carrier, no vacancy or post list", () => {
    const text = coverageRegionBlocks(coverage, t, "verlauf").flatMap((b) => blockText(b, reader)).join("\n");
    expect(text).toContain("Region Nord");
    expect(text).not.toContain("Alpha e. V.");
    expect(text).not.toContain("Unbesetzte Stellen");
    expect(text).not.toContain("Stellen ohne erforderlichen Abschluss");
    // Aggregates only: the region's table without vacant and unqualified FTE.
    const publicChart = (coverageRegionBlocks(coverage, t, "v", { aggregatesOnly: true })[2] as Section).blocks[0] as LineChart;
    expect(publicChart.table.columns.map((c) => c.label)).toEqual(["Monat", "Bedarf (VZÄ)", "Vertrag (VZÄ)", "Besetzt (VZÄ)"]);
    expect(publicChart.table.rows[1]).toEqual(["2017-07", 2100, 1600, 1400]);
    expect(text).toContain("Stand: 20. November 2017");
  });

  it("says so when nothing is vacant and every post has its degree", () => {
    const none = coverageBlocks(coverageOverTime({ ...base, asOf: "2017-06-10" }), names, t, "de", "v");
    const text = none.flatMap((b) => blockText(b, reader)).join("\n");
    expect(text).toContain("Keine vertraglich gebundenen VZÄ sind länger als 60 Tage unbesetzt (Stand 10. Juni 2017).");
    expect(text).toContain("Alle besetzten Stellen haben den Abschluss, den ihre Rolle verlangt (Stand 10. Juni 2017).");
  });

  it("writes CSV rows per region, then per role, with unknown values empty", () => {
    const rows = coverageCsvRows(coverage, t, "de");
    expect(rows[0]).toEqual(["Bereich", "Region", "Rolle", "Monat", "Stichtag", "Bedarf VZÄ", "Vertrag VZÄ", "Besetzt VZÄ", "Unbesetzt über Toleranz VZÄ", "Ohne erforderlichen Abschluss VZÄ"]);
    expect(rows[2]).toEqual(["Region", "Region Nord", "", "2017-07", "2017-07-31", "21,00", "16,00", "14,00", "2,00", "1,00"]);
    expect(rows[7]).toEqual(["Region", "Region Nord", "", "2017-12", "2017-12-31", "17,00", "16,00", "", "", ""]);
    expect(rows.find((r) => r[2] === "Flüchtlingssozialarbeit" && r[3] === "2017-08")).toEqual(["Rolle", "Region Nord", "Flüchtlingssozialarbeit", "2017-08", "2017-08-31", "8,00", "8,00", "6,00", "2,00", "1,00"]);
    // Two regions × (sum + four roles) × seven months, and the header.
    expect(rows).toHaveLength(1 + 2 * 5 * 7);
    expect(coverageCsvRows(coverage, translator("en"), "en")[2].slice(5, 8)).toEqual(["21.00", "16.00", "14.00"]);
  });

  it("shows the same facts on the page and in the PDF, in German and English", async () => {
    for (const locale of ["de", "en"] as const) {
      const tr = translator(locale);
      const doc: DocumentModel = {
        title: tr("coverage.title"),
        subject: tr("coverage.title"),
        runningHeader: "Landeshauptstadt Dresden",
        numberSections: true,
        blocks: [{ kind: "title", text: tr("coverage.title") }, ...coverageBlocks(coverage, names, tr, locale, "verlauf")],
      };
      const { markup } = await expectSameFacts(doc, undefined, locale);
      expect(markup).toContain('<svg role="img" aria-labelledby="verlauf-nord-diagramm-titel verlauf-nord-diagramm-beschreibung"');
      expect(markup).not.toMatch(/style=/);
    }
  });
});
