// Fallzahlen als CSV: one row per region and target group, e.g. exported from a spreadsheet.
// Pure: no database. Header (German, any column order, case-insensitive):
//
//   region;zielgruppe;anzahl;stand
//   nord;asyl;1240;31.03.2017
//
// - separator ";" (German Excel) or ",", taken from the header line; a UTF-8 BOM is dropped;
//   fields may be quoted ("…", doubled quotes inside);
// - region: the region's code or name (checked against `regions` when given);
// - zielgruppe: asyl | bleiberecht | schutzbeduerftig (or the English codes, or the labels);
// - anzahl: a whole number ≥ 0, "1240" or with German grouping "1.240";
// - stand: the date the figures describe, "31.03.2017" or "2017-03-31".
// Every problem is reported with its line (1 = header) and column name, as a refusal
// (catalogue key and parameters) that the page shows in the reader's language.
import { refusal, type MessageRef, type Refusal, type RefusalParams } from "../infra/errors";
import type { MessageKey } from "../i18n";
import type { TargetGroup } from "../infra/schema";

export const CSV_COLUMNS = ["region", "zielgruppe", "anzahl", "stand"] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The file a form offers as a template. */
export const CSV_TEMPLATE = "region;zielgruppe;anzahl;stand\r\nnord;asyl;1240;31.03.2017\r\nnord;bleiberecht;410;31.03.2017\r\nnord;schutzbeduerftig;95;31.03.2017\r\n";

export type CsvFigure = { line: number; regionCode: string; targetGroup: TargetGroup; count: number; asOf: string };
/** A refused row: where, and the refusal ("Zeile 4, Spalte „anzahl“: …"). */
export type CsvError = Refusal & { line: number; column: CsvColumn | null };
export type CsvResult = { ok: true; figures: CsvFigure[] } | { ok: false; errors: CsvError[]; figures: CsvFigure[] };

/** Largest CSV file accepted (bytes). */
export const MAX_CSV_BYTES = 1024 * 1024;

/** At most this many data rows: a city has a handful of regions × three groups. */
export const MAX_CSV_ROWS = 5_000;

const fold = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/[\s_-]+/g, " ");

const TARGET_GROUP_WORDS: Record<string, TargetGroup> = {
  asyl: "asylum",
  asylum: "asylum",
  gefluechtete: "asylum",
  "gefluechtete im asylverfahren": "asylum",
  bleiberecht: "rightToStay",
  righttostay: "rightToStay",
  "right to stay": "rightToStay",
  "menschen mit bleiberecht": "rightToStay",
  schutzbeduerftig: "vulnerable",
  schutzbeduerftige: "vulnerable",
  vulnerable: "vulnerable",
  "besonders schutzbeduerftig": "vulnerable",
  "besonders schutzbeduerftige": "vulnerable",
  "besonders schutzbeduerftige gefluechtete": "vulnerable",
};

/** Splits one line into fields; null when a quote is left open. */
function splitLine(line: string, separator: string): string[] | null {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (c === separator) fields.push(field), (field = "");
    else field += c;
  }
  if (quoted) return null;
  fields.push(field);
  return fields.map((f) => f.trim());
}

/** "31.03.2017" or "2017-03-31" → "2017-03-31"; null if malformed or not a calendar day. */
export function parseGermanOrIsoDate(value: string): string | null {
  const v = value.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** "1240" or "1.240" → 1240; null for anything that is not a whole number ≥ 0. */
export function parseCount(value: string): number | null {
  const v = value.trim();
  const digits = /^\d+$/.test(v) ? v : /^\d{1,3}(\.\d{3})+$/.test(v) ? v.replace(/\./g, "") : null;
  if (digits === null) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

export function parseClientFiguresCsv(text: string, opts: { regions?: { code: string; name: string }[] } = {}): CsvResult {
  const errors: CsvError[] = [];
  const figures: CsvFigure[] = [];
  const fail = (line: number, column: CsvColumn | null, key: MessageKey, params?: RefusalParams) => {
    const problem: MessageRef = params ? { message: key, params } : { message: key };
    const at = column ? refusal("staffing.csv.atColumn", { line, column, problem }) : refusal("staffing.csv.atLine", { line, problem });
    errors.push({ ...at, line, column });
  };
  const columns = CSV_COLUMNS.join(";");

  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0 || lines[0].trim() === "") {
    fail(1, null, "staffing.csv.empty", { columns });
    return { ok: false, errors, figures };
  }
  const separator = lines[0].includes(";") ? ";" : ",";
  const header = splitLine(lines[0], separator)?.map(fold) ?? [];
  const index = {} as Record<CsvColumn, number>;
  for (const column of CSV_COLUMNS) {
    const i = header.indexOf(column);
    if (i === -1) fail(1, column, "staffing.csv.columnMissing", { columns });
    index[column] = i;
  }
  if (errors.length) return { ok: false, errors, figures };
  if (lines.length - 1 > MAX_CSV_ROWS) {
    fail(MAX_CSV_ROWS + 2, null, "staffing.csv.tooManyRows", { max: MAX_CSV_ROWS });
    return { ok: false, errors, figures };
  }

  const regionByKey = new Map<string, string>();
  for (const r of opts.regions ?? []) {
    regionByKey.set(fold(r.code), r.code);
    regionByKey.set(fold(r.name), r.code);
  }
  const seen = new Map<string, number>();

  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i].trim() === "") continue; // blank lines between blocks are harmless
    const fields = splitLine(lines[i], separator);
    if (!fields) {
      fail(line, null, "staffing.csv.openQuote");
      continue;
    }
    if (fields.length !== header.length) {
      fail(line, null, "staffing.csv.fieldCount", { found: fields.length, expected: header.length, separator });
      continue;
    }
    const value = (c: CsvColumn) => fields[index[c]];
    const errorsBefore = errors.length;

    const rawRegion = value("region");
    let regionCode: string | undefined;
    if (rawRegion === "") fail(line, "region", "staffing.csv.regionMissing");
    else if (opts.regions) {
      regionCode = regionByKey.get(fold(rawRegion));
      if (!regionCode) fail(line, "region", "staffing.csv.regionUnknown", { region: rawRegion, known: opts.regions.map((r) => r.code).join(", ") });
    } else regionCode = rawRegion;

    const rawGroup = value("zielgruppe");
    const targetGroup = TARGET_GROUP_WORDS[fold(rawGroup)] as TargetGroup | undefined;
    if (!targetGroup) fail(line, "zielgruppe", "staffing.csv.groupUnknown", { group: rawGroup });

    const rawCount = value("anzahl");
    const count = parseCount(rawCount);
    if (rawCount === "") fail(line, "anzahl", "staffing.csv.countMissing");
    else if (count === null) fail(line, "anzahl", "staffing.csv.countInvalid", { count: rawCount });

    const rawDate = value("stand");
    const asOf = parseGermanOrIsoDate(rawDate);
    if (rawDate === "") fail(line, "stand", "staffing.csv.dateMissing");
    else if (asOf === null) fail(line, "stand", "staffing.csv.dateInvalid", { date: rawDate });

    if (errors.length > errorsBefore) continue;
    const key = `${regionCode}|${targetGroup}|${asOf}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail(line, "zielgruppe", "staffing.csv.duplicate", { region: rawRegion, group: rawGroup, date: rawDate, earlier });
      continue;
    }
    seen.set(key, line);
    figures.push({ line, regionCode: regionCode!, targetGroup: targetGroup!, count: count!, asOf: asOf! });
  }
  if (errors.length === 0 && figures.length === 0) fail(2, null, "staffing.csv.noRows");
  return errors.length ? { ok: false, errors, figures } : { ok: true, figures };
}
