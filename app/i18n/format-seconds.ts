// A point in time to the second, for receipts: formatDateTime (./format.ts) leaves out
// seconds when they are zero, a receipt always states them. Europe/Berlin, zone named.
import { BERLIN_TIME_ZONE } from "./berlin-time";
import type { Locale } from "./index";

const tag = (locale: Locale) => (locale === "de" ? "de-DE" : "en-GB");

/** "28. Februar 2017 um 11:59:59 MEZ", "28 February 2017 at 11:59:00 CET". */
export function formatDateTimeSeconds(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), {
    timeZone: BERLIN_TIME_ZONE,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
  }).format(date);
}
