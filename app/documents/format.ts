// How the document model's typed values read in a locale: one place for every renderer, so
// that page, PDF and text state each figure the same way.
import type { Locale, Translate } from "../i18n";
import { formatDate, formatDateTime, formatEuroCents, formatFileSize, formatFteHundredths, formatMonth, formatNumber } from "../i18n/format";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import type { Inline, Text, Value } from "./blocks";

export type Reader = { locale: Locale; t: Translate };

const asDate = (raw: Value["value"]) => (raw instanceof Date ? raw : new Date(raw));
const asNumber = (raw: Value["value"]) => (typeof raw === "number" ? raw : Number(raw));

export function formatValue({ format, value: raw }: Value, { locale, t }: Reader): string {
  switch (format) {
    case "integer":
      return formatNumber(asNumber(raw), locale);
    case "decimal1":
      return formatNumber(asNumber(raw), locale, 1);
    case "decimal2":
      return formatNumber(asNumber(raw), locale, 2);
    case "fte":
      return formatFteHundredths(asNumber(raw), locale);
    case "fteFixed":
      return formatNumber(asNumber(raw) / 100, locale, 2);
    case "fteSigned": {
      const n = asNumber(raw);
      const text = formatNumber(Math.abs(n) / 100, locale, 2);
      return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
    }
    case "money":
      return formatEuroCents(asNumber(raw), locale);
    case "percent":
      return `${formatNumber(asNumber(raw), locale)} %`;
    case "percent1":
      return `${formatNumber(asNumber(raw), locale, 1)} %`;
    case "fileSize":
      return formatFileSize(asNumber(raw), locale, t);
    case "date":
      return formatDate(asDate(raw), locale);
    case "month":
      return formatMonth(String(raw), locale);
    case "datetime":
      return formatDateTime(asDate(raw), locale);
    case "datetimeSeconds":
      return formatDateTimeSeconds(asDate(raw), locale);
    case "hash":
      return String(raw);
  }
}

/** The instant of a date value in ISO 8601, for <time dateTime>. */
export function isoOf({ format, value: raw }: Value): string | null {
  if (format === "month") return String(raw); // "2017-06", a valid month string
  if (format !== "date" && format !== "datetime" && format !== "datetimeSeconds") return null;
  return asDate(raw).toISOString();
}

export function inlineText(inline: Inline, reader: Reader, br = "\n"): string {
  if (typeof inline === "string") return inline;
  if ("br" in inline) return br;
  if ("value" in inline) return formatValue(inline.value, reader);
  return inline.text;
}

/** A line of text as plain text; line breaks as `br`. */
export function plainText(text: Text | Value, reader: Reader, br = "\n"): string {
  if (typeof text === "string") return text;
  if (!Array.isArray(text)) return formatValue(text, reader);
  return text.map((inline) => inlineText(inline, reader, br)).join("");
}
