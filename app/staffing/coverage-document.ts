// The plan over time (./coverage.ts) as document blocks (app/documents) and as CSV rows: per
// region a line chart of required, contracted and filled FTE by month with its numbers as a
// table (the table is what a screen reader and print use), then the vacancies and the posts
// held without the required degree. Pure; the texts come from the catalogue.
import { message, val, value, type Block, type Column, type DocumentModel, type Inline, type RawCell, type Table, type Text } from "../documents/blocks";
import type { Locale, MessageKey, Translate } from "../i18n";
import type { ContractPlace, Coverage, KeyCoverage, KeyMonth, MonthFigures, RegionCoverage } from "./coverage";
import { fteText } from "./plan-text";
import { formatDate } from "../i18n/format";

const fte = (hundredths: number | null): Inline => (hundredths === null ? "–" : val("fteFixed", hundredths));
const groupName = (k: Pick<KeyCoverage, "targetGroup">, t: Translate) => t(`staffing.groupShort.${k.targetGroup}` as MessageKey);

/** Refugees per filled FTE in a month; beyond the tolerance flagged in words, not by colour. */
function keyText(m: KeyMonth, t: Translate): Text | null {
  switch (m.status) {
    case null:
      return null;
    case "ok":
      return [val("decimal1", m.clientsPerFteReached!)];
    case "noStaff":
      return [{ text: t("coverage.key.noStaff"), style: "flag" }];
    default:
      return message(t, m.status === "tooManyClientsPerFte" ? "coverage.key.tooMany" : "coverage.key.tooFew", { reached: val("decimal1", m.clientsPerFteReached!, "flag") });
  }
}

/** The last month whose filled FTE is known (the month measured on `asOf`), or null. */
function lastKnown(months: MonthFigures[]): MonthFigures | null {
  return [...months].reverse().find((m) => !m.future) ?? null;
}

/** A region's months as a table: the chart's three series, then (for officers) vacant and unqualified FTE. */
function regionTable(region: RegionCoverage, coverage: Coverage, t: Translate, id: string, aggregatesOnly: boolean): Table {
  return {
    kind: "table",
    id,
    caption: t("coverage.chart.title", { region: region.regionName }),
    small: true,
    columns: [
      { label: t("coverage.col.month"), format: "month", rowHeader: true },
      { label: t("coverage.col.required"), format: "fteFixed" },
      { label: t("coverage.col.contracted"), format: "fteFixed" },
      { label: t("coverage.col.filled"), format: "fteFixed" },
      ...(aggregatesOnly
        ? []
        : [
            { label: t("coverage.col.vacant", { days: coverage.vacancyToleranceDays }), format: "fteFixed" as const },
            { label: t("coverage.col.unqualified"), format: "fteFixed" as const },
          ]),
    ],
    rows: region.months.map((m) => [m.month, m.requiredHundredths, m.contractedHundredths, m.filledHundredths, ...(aggregatesOnly ? [] : [m.vacantHundredths, m.unqualifiedHundredths])]),
  };
}

/** Refugees per filled FTE month by month, a column per key group (the tandem together). */
function keyTable(region: RegionCoverage, coverage: Coverage, t: Translate, id: string): Table {
  return {
    kind: "table",
    id,
    caption: t("coverage.keys.caption", { region: region.regionName, tolerance: coverage.keyTolerancePercent }),
    captionInPrint: true,
    small: true,
    columns: [
      { label: t("coverage.col.month"), format: "month", rowHeader: true, width: 0.2 },
      ...region.keys.map((k) => ({ label: t("coverage.col.clientsPerFilled", { group: groupName(k, t), key: k.keyClientsPerFte }), align: "end" as const })),
    ],
    rows: coverage.months.map((month, i) => [month, ...region.keys.map((k) => keyText(k.months[i], t))]),
  };
}

function regionChart(region: RegionCoverage, coverage: Coverage, t: Translate, id: string, aggregatesOnly: boolean): Block {
  const first = coverage.months[0];
  const last = coverage.months[coverage.months.length - 1];
  const known = lastKnown(region.months);
  const span = { first: val("month", first), last: val("month", last) };
  const description: Text = known
    ? message(t, "coverage.chart.desc", {
        ...span,
        month: val("month", known.month),
        required: fte(known.requiredHundredths),
        contracted: fte(known.contractedHundredths),
        filled: fte(known.filledHundredths),
      })
    : message(t, "coverage.chart.descEmpty", span);
  return {
    kind: "lineChart",
    id,
    title: t("coverage.chart.title", { region: region.regionName }),
    description,
    note: t("coverage.chart.note"),
    format: "fteFixed",
    points: coverage.months.map((m) => value("month", m)),
    series: [
      { label: t("coverage.legend.required"), values: region.months.map((m) => m.requiredHundredths) },
      { label: t("coverage.legend.contracted"), values: region.months.map((m) => m.contractedHundredths) },
      { label: t("coverage.legend.filled"), values: region.months.map((m) => m.filledHundredths) },
    ],
    table: regionTable(region, coverage, t, `${id}-tabelle`, aggregatesOnly),
  };
}

export type CoverageNames = {
  /** Carrier names by organisation id; a missing name shows the id. */
  carriers: Record<string, string>;
  /** Contract numbers by contract id, each with the page of its staff reports where there is one; a missing one shows the id. */
  contracts: Record<string, { number: string; href?: string }>;
};

/** The names of a call's contracts and carriers for the lists; `href`: where each contract's staff reports are (the page). */
export function coverageNames(contracts: { id: string; number: string; organisationId: string; organisationName: string }[], href?: (contractId: string) => string): CoverageNames {
  return {
    carriers: Object.fromEntries(contracts.map((c) => [c.organisationId, c.organisationName])),
    contracts: Object.fromEntries(contracts.map((c) => [c.id, href ? { number: c.number, href: href(c.id) } : { number: c.number }])),
  };
}

/**
 * Vacancies or mismatches on `asOf` as a table: lot, region, role and carrier of each, then
 * its own columns; a sentence when there are none.
 */
function placeTable<P extends ContractPlace>(
  coverage: Coverage,
  names: CoverageNames,
  t: Translate,
  items: P[],
  table: { id: string; caption: string; none: Text; columns: Column[]; cells: (item: P) => RawCell[] },
): Block {
  if (items.length === 0) return { kind: "paragraph", text: table.none };
  return {
    kind: "table",
    id: table.id,
    caption: table.caption,
    small: true,
    columns: [
      { label: t("coverage.col.lot"), format: "integer", align: "start", rowHeader: true, width: 0.06 },
      { label: t("staffing.col.region"), width: 0.1 },
      { label: t("coverage.col.role"), width: 0.26 },
      { label: t("coverage.col.contract"), width: 0.2 },
      { label: t("coverage.col.carrier") },
      ...table.columns,
    ],
    // No person's name: a post is its lot, contract, carrier, start and extent.
    rows: items.map((p) => [
      p.lotNumber,
      regionName(coverage, p.regionCode),
      roleName(coverage, p.regionCode, p.roleCode),
      contractCell(names, p.contractId),
      names.carriers[p.organisationId] ?? p.organisationId,
      ...table.cells(p),
    ]),
  };
}

function vacancies(coverage: Coverage, names: CoverageNames, t: Translate, locale: Locale, id: string): Block {
  const days = coverage.vacancyToleranceDays;
  return placeTable(coverage, names, t, coverage.vacancies, {
    id,
    caption: t("coverage.vacancies.caption", { days, asOf: formatDate(new Date(coverage.asOf), locale) }),
    none: message(t, "coverage.vacancies.none", { days, asOf: val("date", coverage.asOf) }),
    columns: [
      { label: t("coverage.col.since"), format: "date" },
      { label: t("coverage.col.days"), format: "integer" },
      { label: t("coverage.col.fte"), format: "fteFixed" },
    ],
    cells: (v) => [v.since, v.days, v.hundredths],
  });
}

function mismatches(coverage: Coverage, names: CoverageNames, t: Translate, locale: Locale, id: string): Block {
  return placeTable(coverage, names, t, coverage.mismatches, {
    id,
    caption: t("coverage.mismatches.caption", { asOf: formatDate(new Date(coverage.asOf), locale) }),
    none: message(t, "coverage.mismatches.none", { asOf: val("date", coverage.asOf) }),
    columns: [
      { label: t("coverage.col.since"), format: "date" },
      { label: t("coverage.col.fte"), format: "fteFixed" },
    ],
    cells: (m) => [m.since, m.fteHundredths],
  });
}

/** The contract's number, linked to its staff reports on the page. */
function contractCell(names: CoverageNames, contractId: string): Text {
  const contract = names.contracts[contractId];
  if (!contract) return contractId;
  return contract.href ? [{ text: contract.number, href: contract.href }] : contract.number;
}

const regionName = (c: Coverage, code: string) => c.regions.find((r) => r.regionCode === code)?.regionName ?? code;
const roleName = (c: Coverage, region: string, role: string) => c.regions.find((r) => r.regionCode === region)?.roles.find((r) => r.roleCode === role)?.roleName ?? role;

/**
 * The regions' aggregates: the introduction with the day counted on, and a section per region
 * with its chart, its table and the key. `aggregatesOnly` (the public, issue 14 point 6): the
 * table without the vacant and unqualified FTE, which with one carrier per role would point at
 * that carrier's posts; the public coverage (coverage.server.ts, publicCoverage) has them empty.
 */
export function coverageRegionBlocks(coverage: Coverage, t: Translate, idPrefix: string, opts: { aggregatesOnly?: boolean } = {}): Block[] {
  const aggregatesOnly = opts.aggregatesOnly ?? false;
  return [
    { kind: "paragraph", text: message(t, "coverage.asOf", { asOf: val("date", coverage.asOf) }), strong: true },
    { kind: "paragraph", text: message(t, "coverage.intro", { asOf: val("date", coverage.asOf) }) },
    ...coverage.regions.map(
      (region): Block => ({
        kind: "section",
        id: `${idPrefix}-${region.regionCode}`,
        title: region.regionName,
        blocks: [
          regionChart(region, coverage, t, `${idPrefix}-${region.regionCode}-diagramm`, aggregatesOnly),
          ...(region.keys.length ? [keyTable(region, coverage, t, `${idPrefix}-${region.regionCode}-schluessel`)] : []),
        ],
      }),
    ),
  ];
}

/** The officers' lists on `asOf`: the vacancies and the posts without the required degree, by lot, contract and carrier. */
export function coverageListBlocks(coverage: Coverage, names: CoverageNames, t: Translate, locale: Locale, idPrefix: string): Block[] {
  return [
    { kind: "section", id: `${idPrefix}-unbesetzt`, title: t("coverage.vacancies.title"), blocks: [vacancies(coverage, names, t, locale, `${idPrefix}-unbesetzt-tabelle`)] },
    { kind: "section", id: `${idPrefix}-abschluss`, title: t("coverage.mismatches.title"), blocks: [mismatches(coverage, names, t, locale, `${idPrefix}-abschluss-tabelle`)] },
  ];
}

/** The officers' plan over time: the regions, then the vacancies and the mismatches by lot and carrier. */
export function coverageBlocks(coverage: Coverage, names: CoverageNames, t: Translate, locale: Locale, idPrefix: string): Block[] {
  return [...coverageRegionBlocks(coverage, t, idPrefix), ...coverageListBlocks(coverage, names, t, locale, idPrefix)];
}

/** The officers' plan over time as a document of its own (stellenplan-verlauf.pdf): the call's letterhead, then coverageBlocks. */
export function coverageDocument(
  call: { title: string; authority: string; department: string; isDemo: boolean },
  coverage: Coverage,
  names: CoverageNames,
  t: Translate,
  locale: Locale,
): DocumentModel {
  return {
    title: `${t("coverage.title")} – ${call.title}`,
    subject: t("coverage.pdf.subject"),
    runningHeader: t("staffing.pdf.runningHeader", { call: call.title }),
    numberSections: true,
    blocks: [
      { kind: "letterhead", authority: call.authority, department: call.department },
      { kind: "title", text: `${t("coverage.title")}: ${call.title}` },
      ...(call.isDemo ? [{ kind: "note" as const, tone: "warning" as const, title: t("staffing.pdf.demo"), body: [] }] : []),
      ...coverageBlocks(coverage, names, t, locale, "verlauf"),
    ],
  };
}

const CSV_COLUMNS = ["section", "region", "role", "month", "day", "required", "contracted", "filled", "vacant", "unqualified"] as const;

/**
 * The plan over time as CSV rows (header first): per region its sums month by month, then
 * each of its roles. FTE with two decimals in the reader's locale; unknown values empty.
 */
export function coverageCsvRows(coverage: Coverage, t: Translate, locale: Locale): string[][] {
  const number = (h: number | null) => (h === null ? "" : fteText(h, locale));
  const row = (section: string, region: string, role: string, m: MonthFigures) => [
    section,
    region,
    role,
    m.month,
    m.day,
    number(m.requiredHundredths),
    number(m.contractedHundredths),
    number(m.filledHundredths),
    number(m.vacantHundredths),
    number(m.unqualifiedHundredths),
  ];
  const rows: string[][] = [CSV_COLUMNS.map((c) => t(`coverage.csv.col.${c}`))];
  for (const region of coverage.regions) {
    for (const m of region.months) rows.push(row(t("coverage.csv.region"), region.regionName, "", m));
    for (const role of region.roles) for (const m of role.months) rows.push(row(t("coverage.csv.role"), region.regionName, role.roleName, m));
  }
  return rows;
}
