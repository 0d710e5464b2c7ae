// Fallzahlen als CSV: one row per region and target group, e.g. exported from a spreadsheet.
// Pure: no database. Header (German, any column order, case-insensitive):
//
//   region;zielgruppe;anzahl;stand
//   nord;asyl;1240;31.03.2017
//
// - separator ";" (German Excel) or ",", taken from the header line; a UTF-8 BOM is dropped;
//   fields may be quoted ("…", doubled quotes inside). The reading itself is csv-parse's
//   (records, quotes, BOM); a quoting error ends it at its line, with what came before checked;
// - region: the region's code or name (checked against `regions` when given);
// - zielgruppe: asyl | bleiberecht | schutzbeduerftig (or the English codes, or the labels);
// - anzahl: a whole number ≥ 0, "1240" or with German grouping "1.240";
// - stand: the date the figures describe, "31.03.2017" or "2017-03-31".
// Every problem is reported with its line (1 = header) and column name, as a refusal
// (catalogue key and parameters) that the page shows in the reader's language.
// Server-only: csv-parse is a Node library (the page gets the template from its loader).
import { CsvError as CsvSyntaxError, parse } from "csv-parse/sync";
import { calendarDay } from "../i18n/berlin-time";
import { refusal, type MessageRef, type Refusal, type RefusalParams } from "../infra/errors";
import type { MessageKey } from "../i18n";
import type { TargetGroup } from "../infra/schema";
// Counts read as the form reads them.
import { parseCount } from "./figures-form";

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

/**
 * The bytes of an uploaded file as text: UTF-8, else Windows-1252, which Excel's „CSV
 * (Trennzeichen-getrennt)“ writes. Null for control bytes other than tab, line feed and
 * carriage return: then it is not a text file. (Node 20 decodes the bytes 0x80–0x9F of
 * Windows-1252 as Latin-1 does; umlauts and ß, all a figures file needs, are the same in both.)
 */
export function decodeCsvBytes(bytes: Uint8Array): string | null {
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

type Row = { line: number; fields: string[] };

const SYNTAX_ERRORS: Partial<Record<string, MessageKey>> = {
  CSV_QUOTE_NOT_CLOSED: "staffing.csv.openQuote",
  CSV_INVALID_CLOSING_QUOTE: "staffing.csv.textAfterQuote",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "staffing.csv.textAfterQuote",
};

/**
 * The records of the text, each with the line it starts on (a blank line is a record of one
 * empty field). A quoting error ends the reading: the rows before it and the error's line.
 */
function readRows(text: string, separator: string): { rows: Row[]; syntaxError: { line: number; key: MessageKey } | null } {
  const rows: Row[] = [];
  let lastLine = 0;
  try {
    // One kind of line break, so that csv-parse counts lines as the officer's editor does.
    parse(text.replace(/\r\n?/g, "\n"), {
      bom: true,
      delimiter: separator,
      record_delimiter: "\n",
      trim: true,
      relax_quotes: true, // a quote inside an unquoted field is a character
      relax_column_count: true, // a row with too few or too many fields is named below
      on_record: (fields: string[], { lines }) => {
        rows.push({ line: lastLine + 1, fields });
        lastLine = lines;
        return null; // kept in `rows`, which survive an error further down
      },
    });
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { rows, syntaxError: { line: lastLine + 1, key: SYNTAX_ERRORS[error.code] ?? "staffing.csv.unreadable" } };
  }
  return { rows, syntaxError: null };
}

const isBlank = (row: Row) => row.fields.length === 1 && row.fields[0] === "";

/** "31.03.2017" or "2017-03-31" → "2017-03-31"; null if malformed or not a calendar day. */
export function parseGermanOrIsoDate(value: string): string | null {
  const v = value.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  return calendarDay(y, m, d);
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

  // The separator is the header's: a comma in a semicolon file stays part of its field ("1,5").
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/, 1)[0];
  const separator = firstLine.includes(";") ? ";" : ",";
  const { rows, syntaxError } = readRows(text, separator);
  while (rows.length && isBlank(rows[rows.length - 1])) rows.pop();
  if (syntaxError && rows.length === 0) {
    fail(syntaxError.line, null, syntaxError.key);
    return { ok: false, errors, figures };
  }
  if (rows.length === 0 || isBlank(rows[0])) {
    fail(1, null, "staffing.csv.empty", { columns });
    return { ok: false, errors, figures };
  }
  const header = rows[0].fields.map(fold);
  const index = {} as Record<CsvColumn, number>;
  for (const column of CSV_COLUMNS) {
    const i = header.indexOf(column);
    if (i === -1) fail(1, column, "staffing.csv.columnMissing", { columns });
    index[column] = i;
  }
  if (errors.length) return { ok: false, errors, figures };
  if (rows.length - 1 > MAX_CSV_ROWS) {
    fail(MAX_CSV_ROWS + 2, null, "staffing.csv.tooManyRows", { max: MAX_CSV_ROWS });
    return { ok: false, errors, figures };
  }

  const regionByKey = new Map<string, string>();
  for (const r of opts.regions ?? []) {
    regionByKey.set(fold(r.code), r.code);
    regionByKey.set(fold(r.name), r.code);
  }
  const seen = new Map<string, number>();

  for (const row of rows.slice(1)) {
    const { line, fields } = row;
    if (isBlank(row)) continue; // blank lines between blocks are harmless
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
  if (syntaxError) fail(syntaxError.line, null, syntaxError.key);
  if (errors.length === 0 && figures.length === 0) fail(2, null, "staffing.csv.noRows");
  return errors.length ? { ok: false, errors, figures } : { ok: true, figures };
}
