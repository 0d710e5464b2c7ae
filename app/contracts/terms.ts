// The rules of a contract (Vertrag) that need no database: the report periods and their due
// dates from the term and the reporting interval, and the contract number (decision 0022).
// Its value per year is the award's (app/award/result.ts `awardValue`). Pure.
import { addCalendarDays, berlinDay, calendarDay, endOfBerlinDay } from "../i18n/berlin-time";
import type { CallContractTerms } from "../infra/schema";

/** One report period of a contract: Berlin calendar days, both inclusive, and the day the staff report is due. */
export type ReportPeriod = { from: string; to: string; due: string };

/**
 * The report periods (Meldezeiträume) of a term: the calendar months or quarters it touches,
 * cut to the term (a term from 15 June has a first period from 15 June), each due `dueDays`
 * calendar days after its last day. Days are Berlin days: a term ending at 23:59:59 on
 * 31 December ends on that day.
 */
export function reportPeriods(start: Date, end: Date, reporting: CallContractTerms["reporting"]): ReportPeriod[] {
  const first = berlinDay(start);
  const last = berlinDay(end);
  if (last < first) return [];
  const months = reporting.interval === "monthly" ? 1 : 3;
  const periods: ReportPeriod[] = [];
  let [year, month] = first.split("-").map(Number);
  // The calendar period the first day lies in: its month, or the quarter's first month.
  month = month - ((month - 1) % months);
  for (;;) {
    const periodStart = calendarDay(year, month, 1)!;
    const nextYear = month + months > 12 ? year + 1 : year;
    const nextMonth = ((month + months - 1) % 12) + 1;
    const periodEnd = addCalendarDays(calendarDay(nextYear, nextMonth, 1)!, -1);
    if (periodStart > last) break;
    const from = periodStart < first ? first : periodStart;
    const to = periodEnd > last ? last : periodEnd;
    periods.push({ from, to, due: addCalendarDays(to, reporting.dueDays) });
    [year, month] = [nextYear, nextMonth];
  }
  return periods;
}

/** The last second of a period's due day, Berlin time: a report is late from the second after it. */
export function dueInstant(period: Pick<ReportPeriod, "due">): Date {
  return endOfBerlinDay(period.due)!;
}

/** The cost plan a contract's value was computed from (Kostenplan), and the FTE the bid offered in the lot. */
export type CostBasis = {
  offeredHundredths: number;
  personnelCostPerFteCents: number;
  materialCostCents: number;
  overheadCents: number;
};

/**
 * The contract number: the procedure's file number (or the call's slug), the lot's number
 * and the carrier's place among the lot's contracts, e.g. "50.21-IB/2017-001-V03-1".
 */
export function contractNumber(procedure: string, lotNumber: number, ordinal: number): string {
  return `${procedure}-V${String(lotNumber).padStart(2, "0")}-${ordinal}`;
}
