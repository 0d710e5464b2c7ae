// The staffing plan as CSV (German Excel: UTF-8 with BOM, ";") and as an A4 PDF. Both
// render the latest plan of loadStaffingPlan; the PDF prints the plan's document, which the
// page /verwaltung/aufrufe/:slug/stellenplan shows. The plan over time (./coverage.ts) has
// its CSV here too; its blocks (./coverage-document.ts) print through the same renderer.
import { csvField } from "../evaluation/report.server";
import { renderDocumentPdf, type DocumentPdfOptions } from "../documents/pdf.server";
import { translator, type Locale, type MessageKey, type Translate } from "../i18n";
import type { Coverage } from "./coverage";
import { coverageCsvRows, coverageDocument, type CoverageNames } from "./coverage-document";
import type { RoleLine } from "./plan";
import { staffingPlanDocument } from "./plan-document";
import { carriersText, fteText, oneDecimal } from "./plan-text";
import type { PlanSnapshot, StaffingPlanView } from "./plans.server";

const CSV_COLUMNS = ["section", "lot", "region", "role", "required", "contracted", "gap", "coverage", "clientsPerFte", "carriers", "trail"] as const;

/** File name of an export: stellenplan-<slug>.<ext>, the plan over time stellenplan-verlauf-<slug>.<ext>. */
export function staffingFileName(slug: string, ext: "csv" | "pdf", which: "plan" | "overTime" = "plan"): string {
  return `${which === "plan" ? "stellenplan" : "stellenplan-verlauf"}-${slug}.${ext}`;
}

/** One row per lot (with carriers and the arithmetic), then per region and role, then the city per role. */
export function staffingPlanCsv(snapshot: PlanSnapshot, t: Translate, locale: Locale): string {
  const { plan } = snapshot;
  const rows: string[][] = [CSV_COLUMNS.map((c) => t(`staffing.csv.col.${c}` as MessageKey))];
  const coverage = (p: number | null) => (p === null ? "" : oneDecimal(p, locale));
  for (const l of plan.lots) {
    rows.push([
      t("staffing.csv.lot"),
      String(l.number),
      l.regionName,
      l.roleName,
      fteText(l.requiredHundredths, locale),
      fteText(l.contractedHundredths, locale),
      fteText(l.gapHundredths, locale),
      coverage(l.coveragePercent),
      "",
      l.carriers.length ? carriersText(l, snapshot.carrierNames, locale) : "",
      snapshot.trails[l.lotId] ?? "",
    ]);
  }
  const roleRow = (section: string, region: string, r: RoleLine) => [
    section,
    "",
    region,
    r.roleName,
    fteText(r.requiredHundredths, locale),
    fteText(r.contractedHundredths, locale),
    fteText(r.requiredHundredths - r.contractedHundredths, locale),
    coverage(r.coveragePercent),
    r.clientsPerFteReached === null ? "" : oneDecimal(r.clientsPerFteReached, locale),
    "",
    "",
  ];
  for (const region of plan.regions) for (const r of region.roles) rows.push(roleRow(t("staffing.csv.region"), region.regionName, r));
  for (const r of plan.city.roles) rows.push(roleRow(t("staffing.csv.city"), t("staffing.csv.all"), r));
  return csvText(rows);
}

/** Rows as German Excel reads them: UTF-8 with BOM, ";" between fields, CRLF after each row. */
function csvText(rows: string[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(";")).join("\r\n")}\r\n`;
}

/** The plan over time (./coverage.ts) as CSV: per region and month, then per role and month. */
export function coverageCsv(coverage: Coverage, t: Translate, locale: Locale): string {
  return csvText(coverageCsvRows(coverage, t, locale));
}

export type StaffingPdfOptions = DocumentPdfOptions;

/** The plan's document (./plan-document.ts) in print. */
export function renderStaffingPlanPdf(view: StaffingPlanView, opts: StaffingPdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  return renderDocumentPdf(staffingPlanDocument(view, translator(opts.locale), opts.locale), opts);
}

/** The officers' plan over time (./coverage-document.ts, coverageDocument) in print. */
export function renderCoveragePdf(call: Parameters<typeof coverageDocument>[0], coverage: Coverage, names: CoverageNames, opts: StaffingPdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  return renderDocumentPdf(coverageDocument(call, coverage, names, translator(opts.locale), opts.locale), opts);
}
