// Dates are stored in UTC and shown in Europe/Berlin (./berlin-time.ts), with the zone named.
import { BERLIN_TIME_ZONE as TIME_ZONE, startOfBerlinDay } from "./berlin-time";
import type { Locale, MessageKey, Translate } from "./index";
const tag = (locale: Locale) => (locale === "de" ? "de-DE" : "en-GB");

// Formatters are built once per locale and option set: constructing an Intl formatter costs
// far more than formatting with it, and the call page formats dozens of dates per request.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export function formatDateTime(date: Date, locale: Locale): string {
  const seconds = date.getUTCSeconds() !== 0;
  return cached(`dt|${locale}|${seconds}`, () =>
    new Intl.DateTimeFormat(tag(locale), {
      timeZone: TIME_ZONE,
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: seconds ? "2-digit" : undefined,
      timeZoneName: "short",
    }),
  ).format(date);
}

export function formatDate(date: Date, locale: Locale): string {
  return cached(`d|${locale}`, () => new Intl.DateTimeFormat(tag(locale), { timeZone: TIME_ZONE, day: "numeric", month: "long", year: "numeric" })).format(date);
}

/** A Berlin calendar day ("2017-06-01") as a date: "1. Juni 2017". */
export function formatDay(day: string, locale: Locale): string {
  return formatDate(startOfBerlinDay(day)!, locale);
}

/** The time of day in Berlin: "14:35". */
export function formatTimeOfDay(date: Date, locale: Locale): string {
  return cached(`t|${locale}`, () => new Intl.DateTimeFormat(tag(locale), { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })).format(date);
}

export function formatNumber(value: number, locale: Locale, fractionDigits = 0): string {
  return cached(`n|${locale}|${fractionDigits}`, () =>
    new Intl.NumberFormat(tag(locale), { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }),
  ).format(value);
}

/** A calendar month "2017-06": "Juni 2017" / "June 2017"; short, for a chart's axis: "Juni 17" / "Jun 17". */
export function formatMonth(month: string, locale: Locale, style: "long" | "short" = "long"): string {
  const [year, m] = month.split("-").map(Number);
  return cached(`month|${locale}|${style}`, () =>
    new Intl.DateTimeFormat(tag(locale), { timeZone: "UTC", month: style, year: style === "long" ? "numeric" : "2-digit" }),
  ).format(new Date(Date.UTC(year, m - 1, 1)));
}

/** Cents as euros: "52.000,00 €" in German, "€52,000.00" in English. */
export function formatEuroCents(cents: number, locale: Locale): string {
  return cached(`eur|${locale}`, () => new Intl.NumberFormat(tag(locale), { style: "currency", currency: "EUR" })).format(cents / 100);
}

/** Hundredths of a full-time post with as few decimals as they need: "1,5", "2", "0,75". */
export function formatFteHundredths(hundredths: number, locale: Locale): string {
  return cached(`fte|${locale}`, () => new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 2 })).format(hundredths / 100);
}

/** "512 Bytes", "12,3 kB (12.345 Bytes)", "1,2 MB (1.234.567 Bytes)"; kB = 1000 bytes. */
export function formatFileSize(bytes: number, locale: Locale, t: Translate): string {
  const count = formatNumber(bytes, locale);
  if (bytes < 1000) return t("receipt.size.bytes", { count });
  if (bytes < 1_000_000) return t("receipt.size.kB", { size: formatNumber(bytes / 1000, locale, 1), count });
  return t("receipt.size.MB", { size: formatNumber(bytes / 1_000_000, locale, 1), count });
}

/** 20971520 → "20 MB", 1536 → "1,5 KB" / "1.5 KB", 1000 → "1.000 Byte" / "1,000 bytes" (binary units). */
export function formatBytes(bytes: number, locale: Locale): string {
  const n = (v: number) => cached(`b|${locale}`, () => new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 1 })).format(v);
  if (bytes >= MiB) return `${n(bytes / MiB)} MB`;
  if (bytes >= KiB) return `${n(bytes / KiB)} KB`;
  return locale === "de" ? `${n(bytes)} Byte` : `${n(bytes)} bytes`;
}
const KiB = 1024;
const MiB = 1024 * KiB;

/** ["PDF", "ODT", "PNG"] → "PDF-, ODT- oder PNG-Datei" / "PDF, ODT or PNG file". */
export function formatFileTypes(labels: string[], locale: Locale): string {
  if (locale === "en") return `${labels.length > 1 ? `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}` : (labels[0] ?? "permitted")} file`;
  if (labels.length <= 1) return `${labels[0] ?? "erlaubte"}-Datei`;
  return `${labels.slice(0, -1).join("-, ")}- oder ${labels[labels.length - 1]}-Datei`;
}

/** ISO 8601 in UTC, for <time dateTime> attributes. */
export function isoInstant(date: Date): string {
  return date.toISOString();
}

const plurals: Partial<Record<Locale, Intl.PluralRules>> = {};

/** "1 Tag" / "2 Tage": the catalogue holds `<base>.one` and `<base>.other` with `{n}`. */
export function countOf(t: Translate, locale: Locale, base: "unit.day" | "unit.hour" | "unit.minute", n: number): string {
  const form = (plurals[locale] ??= new Intl.PluralRules(tag(locale))).select(n) === "one" ? "one" : "other";
  return t(`${base}.${form}` as MessageKey, { n: formatNumber(n, locale) });
}

/** Days, hours and minutes as words: "1 Tag, 3 Stunden und 1 Minute". */
export function formatDuration(t: Translate, locale: Locale, d: { days: number; hours: number; minutes: number }): string {
  const parts = [countOf(t, locale, "unit.day", d.days), countOf(t, locale, "unit.hour", d.hours)];
  return `${parts.join(", ")} ${t("call.countdown.and")} ${countOf(t, locale, "unit.minute", d.minutes)}`;
}
