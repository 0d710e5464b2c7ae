// Dates are stored in UTC and shown in Europe/Berlin (DESIGN §9), with the zone named.
import type { Locale } from "./index";

const TIME_ZONE = "Europe/Berlin";
const tag = (locale: Locale) => (locale === "de" ? "de-DE" : "en-GB");

export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: date.getUTCSeconds() ? "2-digit" : undefined,
    timeZoneName: "short",
  }).format(date);
}

export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(date);
}

export function formatNumber(value: number, locale: Locale, fractionDigits = 0): string {
  return new Intl.NumberFormat(tag(locale), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** ISO 8601 in UTC, for <time dateTime> attributes. */
export function isoInstant(date: Date): string {
  return date.toISOString();
}
