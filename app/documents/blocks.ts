// The document model: every document the portal shows both as a page and as a PDF (receipt,
// opening record, Vergabevermerk, letters, call, staffing plan) is built once, as data, by a
// pure function of the document's own data and the translator: a list of blocks. The
// renderers only read the blocks: app/components/document-view.tsx as KERN markup,
// ./pdf.server.ts as an A4 PDF, ./text.ts as plain text (the letters' accessible twin and
// their mail). Values stay typed (a date, an amount in cents, a SHA-256) and are formatted
// by the renderer in the reader's locale (./format.ts), so that a page can say <time> and a
// PDF can keep a checksum on one line. docs/decisions/0010-document-model.md.
import type { MessageKey, Translate } from "../i18n";

// ---------------------------------------------------------------------------------------
// Values and text.

/**
 * How a value reads. fte: hundredths of a full-time post with as few decimals as it needs
 * ("1,5"); fteFixed: with two ("1,50"); fteSigned: a difference with two and its sign
 * ("+1,00", "−0,50"); money: cents as euros; percent: whole per cent
 * ("25 %"); percent1: one decimal ("50,0 %"); month: a calendar month "2017-06" ("Juni 2017");
 * datetime: to the minute (seconds only when not zero); datetimeSeconds: always to the second
 * (receipts); hash: a SHA-256 in hex.
 */
export type Format =
  | "integer"
  | "decimal1"
  | "decimal2"
  | "fte"
  | "fteFixed"
  | "fteSigned"
  | "money"
  | "percent"
  | "percent1"
  | "fileSize"
  | "date"
  | "month"
  | "datetime"
  | "datetimeSeconds"
  | "hash";

/** Dates as Date or ISO string: records stored as JSON keep ISO strings. */
export type Value = { format: Format; value: number | string | Date };

/**
 * How a stretch of text stands out. strong: bold. secondary: a remark to a value (small
 * print on the page, grey in print). flag: a finding that must not be overlooked (bold on
 * the page, bold in the warning colour in print); badge: the same as a KERN danger badge.
 */
export type Emphasis = "strong" | "secondary" | "flag" | "badge";

export type Inline =
  | string
  /** A link on the page (`download`: a file to save); print shows the text. */
  | { text: string; style?: Emphasis; href?: string; download?: boolean }
  | { value: Value; style?: Emphasis }
  | { br: true };

/** A line of text: plain, or a sequence of pieces with values, emphasis and line breaks. */
export type Text = string | Inline[];

export const BR: Inline = { br: true };

export function value(format: Format, raw: number | string | Date): Value {
  return { format, value: raw };
}

/** A typed value inside a line of text. */
export function val(format: Format, raw: number | string | Date, style?: Emphasis): Inline {
  return style ? { value: value(format, raw), style } : { value: value(format, raw) };
}

export function strong(text: string): Inline {
  return { text, style: "strong" };
}

export function secondary(text: string): Inline {
  return { text, style: "secondary" };
}

export function flag(text: string): Inline {
  return { text, style: "flag" };
}

/** Lines of text, one below the other. */
export function lines(texts: string[]): Inline[] {
  return texts.flatMap((text, i): Inline[] => (i ? [BR, text] : [text]));
}

/**
 * A message of the catalogue whose placeholders may be typed values or pieces of text:
 * `message(t, "receipt.note.final", { deadline: val("datetime", d) })`. The translator fills
 * markers that are then swapped back for the pieces, so that the words around a value keep
 * the catalogue's order in every language.
 */
export function message(t: Translate, key: MessageKey, params: Record<string, string | number | Inline | Inline[]>): Inline[] {
  const pieces: Inline[][] = [];
  const plain: Record<string, string | number> = {};
  for (const [name, param] of Object.entries(params)) {
    if (typeof param === "object") {
      plain[name] = `\u0000${pieces.length}\u0000`;
      pieces.push(Array.isArray(param) ? param : [param]);
    } else plain[name] = param;
  }
  return t(key, plain)
    .split("\u0000")
    .flatMap((part, i): Inline[] => (i % 2 ? pieces[Number(part)] : part ? [part] : []));
}

// ---------------------------------------------------------------------------------------
// Blocks.

/** A table column: `format` types its raw cells; numbers and dates align at the end. */
export type Column = {
  label: string;
  format?: Format;
  align?: "start" | "end";
  /** The cell that names its row (th scope="row"); the first column unless one says so. */
  rowHeader?: boolean;
  /** Share of the text width in print; the rest is split evenly among the others. */
  width?: number;
  /** Long text (an arithmetic trail): print sets it on a line below its row, across the
   *  table's width, as it does with checksums. */
  printBelow?: boolean;
};

/** A raw cell is typed by its column's format; null reads "–". */
export type RawCell = Text | number | Date | Value | null;
/** A cell that spans several rows; the rows below hold `COVERED` in its column. */
export type SpanCell = { cell: RawCell; rowSpan: number };
export const COVERED = { covered: true } as const;
export type Cell = RawCell | SpanCell | typeof COVERED;

export type Table = {
  kind: "table";
  /** The caption's id on the page, where something links to the table. */
  id?: string;
  /** Names the table for screen readers; print shows the section's heading instead, or the
   *  caption as a heading of its own with `captionInPrint`. */
  caption: string;
  captionInPrint?: boolean;
  columns: Column[];
  rows: Cell[][];
  /** A closing row: its label spans the columns before its cells, which fill the last ones. */
  totals?: { label: string; cells: Cell[]; strong?: boolean };
  striped?: boolean;
  small?: boolean;
};

/** One line of a key–value list: a value, a postal address (its lines), or a list. */
export type Fact = ({ label: string; value: Text | Value } | { label: string; address: string[] } | { label: string; list: Text[] }) & {
  only?: Medium;
};

export type Tone = "info" | "success" | "warning" | "danger";

export type ChartSeries = { label: string; values: (number | null)[] };

export type ChartGroup = { label: string; bars: { label: string; values: [number, number] }[] };

type Content =
  /** The issuing office above the title: a letterhead in print, the preline on a page. */
  | { kind: "letterhead"; authority: string; department: string }
  | { kind: "title"; text: string }
  | { kind: "lead"; text: Text }
  /**
   * A titled part; nested sections are one heading level lower. `id` makes it a link target
   * of the page. A card frames it on the page: "plain" around all it holds, "headed" with
   * the heading (and a badge) in its header. `minor`: its heading is set a size smaller.
   */
  | { kind: "section"; title: Text; blocks: Block[]; id?: string; card?: "plain" | "headed"; badge?: { text: string; tone: Tone }; minor?: boolean }
  /** A heading of a part that is not wrapped as a section; `minor`: set a size smaller. */
  | { kind: "heading"; text: Text; minor?: boolean }
  | { kind: "paragraph"; text: Text; size?: "small" | "large"; strong?: boolean }
  /** plain: items one below the other; bullet: with bullets; number: 1., 2., … */
  | { kind: "list"; items: Text[]; style?: "plain" | "bullet" | "number" }
  /** A key–value list; `compact` keeps it close to the text above (a scale under its heading). */
  | { kind: "facts"; items: Fact[]; compact?: boolean }
  | Table
  /**
   * Pairs of bars in groups (what is needed as an outline, what is contracted filled), as
   * an SVG on the page with `description` as its text alternative; the same numbers as the
   * table, which print shows instead of the drawing.
   */
  | { kind: "chart"; id: string; title: string; description: Text; note: string; legend: [string, string]; format: Format; groups: ChartGroup[]; table: Table }
  /**
   * Lines over time, one per series (each with its own dash pattern and marker), as an SVG
   * on the page with `description` as its text alternative; `points` name the x axis (typed,
   * e.g. months); a null value is not known and breaks its line. Print shows the table, which
   * holds the same numbers.
   */
  | { kind: "lineChart"; id: string; title: string; description: Text; note: string; format: Format; points: Value[]; series: ChartSeries[]; table: Table }
  /** A notice in a tinted box: a withdrawal, a mismatch, the demo. */
  | { kind: "note"; tone: Tone; title?: Text; body: Text[] }
  // A letter after DIN 5008 (docs/decisions/0008-letters.md): its head, which print sets in
  // form B's fixed places, then subject, salutation, body and the closing.
  | { kind: "senderLine"; parts: string[] }
  /** A postal address (a letter's addressee in its window field, a contact). */
  | { kind: "address"; lines: Text[] }
  | { kind: "reference"; rows: [label: string, value: string][] }
  | { kind: "subject"; text: string }
  | { kind: "salutation"; text: string }
  /** The greeting and, below it, the responsible office (instead of a signature). */
  | { kind: "closing"; greeting: string; office: string[] };

/** The page and the PDF show the same blocks; a block that only one medium can show says so. */
export type Medium = "page" | "print";
export type Block = Content & { only?: Medium };

export type DocumentModel = {
  /** The PDF's title in its metadata and the viewer's title bar. */
  title: string;
  /** The PDF's subject in its metadata. */
  subject: string;
  /** The PDF's author; the portal's operator (CITY_NAME) when not given. */
  author?: string;
  /** Printed above the text of every page but the first. */
  runningHeader: string;
  /** Number the sections 1, 2, 3 … in print. */
  numberSections: boolean;
  /** A letter: print sets its head after DIN 5008 form B. */
  letter?: boolean;
  blocks: Block[];
};

/** A document's head (letterhead, title, lead, notes) and its parts, for a page that puts something of its own between them. */
export function headAndParts(blocks: Block[]): { head: Block[]; parts: Block[] } {
  const first = blocks.findIndex((b) => b.kind === "section");
  return first < 0 ? { head: blocks, parts: [] } : { head: blocks.slice(0, first), parts: blocks.slice(first) };
}

/** The blocks a medium shows. */
export function blocksFor(blocks: Block[], medium: Medium): Block[] {
  return blocks.filter((b) => !b.only || b.only === medium);
}

export function isSpan(cell: Cell): cell is SpanCell {
  return typeof cell === "object" && cell !== null && !(cell instanceof Date) && !Array.isArray(cell) && "rowSpan" in cell;
}

export function isCovered(cell: Cell): cell is typeof COVERED {
  return typeof cell === "object" && cell !== null && !(cell instanceof Date) && !Array.isArray(cell) && "covered" in cell;
}

export function isValue(x: unknown): x is Value {
  return typeof x === "object" && x !== null && !(x instanceof Date) && !Array.isArray(x) && "format" in x;
}

const NUMERIC: Format[] = ["integer", "decimal1", "decimal2", "fte", "fteFixed", "fteSigned", "money", "percent", "percent1", "fileSize"];

/** Numbers align at the end of their column, everything else at the start. */
export function alignOf(column: Column): "start" | "end" {
  return column.align ?? (column.format && NUMERIC.includes(column.format) ? "end" : "start");
}

/** The index of the column whose cells name their rows. */
export function rowHeaderIndex(columns: Column[]): number {
  return Math.max(0, columns.findIndex((c) => c.rowHeader));
}

/**
 * A raw cell as text: a number or a date (or an ISO string in a date column) becomes a
 * value of its column's format; null becomes "–".
 */
export function cellText(cell: RawCell, column: Column): Text | Value {
  if (cell === null) return "–";
  if (isValue(cell)) return cell;
  if (typeof cell === "number" || cell instanceof Date) return value(column.format ?? "integer", cell);
  if (typeof cell === "string" && column.format && column.format !== "hash" && !NUMERIC.includes(column.format) && cell) {
    return value(column.format, cell); // an ISO date in a date column
  }
  if (typeof cell === "string" && column.format === "hash" && cell) return value("hash", cell);
  return cell;
}
