// The contracts of a call as CSV (German Excel: UTF-8 with BOM, ";"), one row per contract.
import { csvField } from "../evaluation/report.server";
import type { Locale, MessageKey, Translate } from "../i18n";
import { berlinDay } from "../i18n/berlin-time";
import { formatNumber } from "../i18n/format";
import type { ContractSummary } from "./contracts.server";

// "fte" is the FTE concluded; "agreedFte" with "agreedFrom" what accepted amendments changed it to (decision 0026).
const COLUMNS = ["number", "lot", "region", "role", "carrier", "fte", "valuePerYear", "start", "end", "reporting", "agreedFte", "agreedFrom"] as const;

export function contractsCsv(contracts: ContractSummary[], t: Translate, locale: Locale): string {
  const rows: string[][] = [COLUMNS.map((c) => t(`contracts.csv.col.${c}` as MessageKey))];
  for (const c of contracts) {
    rows.push([
      c.number,
      String(c.lotNumber),
      c.regionName,
      c.roleName,
      c.organisationName,
      formatNumber(c.fteHundredths / 100, locale, 2),
      formatNumber(c.valuePerYearCents / 100, locale, 2),
      berlinDay(c.startsAt),
      berlinDay(c.endsAt),
      t(`contracts.interval.${c.reportingInterval}`),
      formatNumber(c.agreedHundredths / 100, locale, 2),
      c.agreedFrom ?? "",
    ]);
  }
  return `\uFEFF${rows.map((r) => r.map(csvField).join(";")).join("\r\n")}\r\n`;
}
