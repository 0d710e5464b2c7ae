// The print renderer of the document model (./blocks.ts): blocks as an A4 PDF, set with the
// layout of app/infra/pdf.server.ts (Noto Sans subsets, "Seite X von Y", running headers),
// which measures every text. The page twin is app/components/document-view.tsx.
//
// What print does differently from the page, once for every document: a table's caption
// is not printed (the section's heading names it) unless the table asks for it; a column
// of SHA-256 checksums, or of long text that asks for it, goes on a line below its row
// across the whole width, and a
// key–value list of checksums gets a wide column in small type, so that each checksum stays
// on one line and can be compared character by character; the cell that names a row is
// bold; a letter's head is set after DIN 5008 form B.
import { translator, type Locale } from "../i18n";
import { BR, COLORS, MM, TYPE, createPdf, finishPdf, type Column as PdfColumn, type Content, type Layout, type Run, type TableRow } from "../infra/pdf.server";
import { headingType } from "../infra/pdf-tags.server";
import {
  alignOf,
  blocksFor,
  cellText,
  isCovered,
  isSpan,
  isValue,
  lines,
  rowHeaderIndex,
  type Block,
  type Cell,
  type Column,
  type DocumentModel,
  type Emphasis,
  type Fact,
  type Inline,
  type Table,
  type Text,
  type Value,
} from "./blocks";
import { formatValue, plainText, type Reader } from "./format";

export type DocumentPdfOptions = {
  locale: Locale;
  /** Printed in the footer of every page and stored as the creation date. */
  generatedAt: Date;
  /** The portal's operator (CITY_NAME): named in the letterhead, the default author. */
  cityName: string;
  /** The document's address in the portal, printed in the footer. */
  publicUrl: string;
};

/**
 * Called after each block is set (a paragraph, a table, a list; a section's heading goes with
 * its first block) with the blocks done and in all. A document made in the background
 * reports its progress here and, by awaiting, lets the process answer requests between
 * blocks.
 */
export type PdfProgress = (done: number, total: number) => void | Promise<void>;

export async function renderDocumentPdf(doc: DocumentModel, opts: DocumentPdfOptions, progress?: PdfProgress): Promise<Uint8Array<ArrayBuffer>> {
  const t = translator(opts.locale);
  const pdf = await createPdf(
    {
      title: doc.title,
      author: doc.author ?? opts.cityName,
      subject: doc.subject,
      creator: t("pdf.meta.creator"),
      language: opts.locale,
      createdAt: opts.generatedAt,
    },
    // DIN 5008: 25 mm on the left, 20 mm on the right.
    { numberSections: doc.numberSections, margins: doc.letter ? { left: 25 * MM, right: 20 * MM } : undefined },
  );
  const printer = new Printer(pdf.layout, { locale: opts.locale, t }, opts.cityName);
  const blocks = blocksFor(doc.blocks, "print");
  if (doc.letter) printer.letterHead(blocks);
  if (progress) {
    const total = countSteps(blocks);
    let done = 0;
    for (const _ of printer.steps(blocks, 1)) await progress(++done, total);
  } else printer.blocks(blocks, 1);
  return finishPdf(pdf, { t, locale: opts.locale, generatedAt: opts.generatedAt, runningHeader: doc.runningHeader, publicUrl: opts.publicUrl });
}

/** How many times Printer.steps pauses for these blocks: once per block that is not a section. */
function countSteps(blocks: Block[]): number {
  return blocks.reduce((n, b) => n + (b.kind === "section" ? countSteps(blocksFor(b.blocks, "print")) : 1), 0);
}

/** Noto Sans has no arrow glyph: "→" prints as "->". */
export function printable(text: string): string {
  return text.replace(/→/g, "->");
}

class Printer {
  constructor(
    private readonly l: Layout,
    private readonly reader: Reader,
    private readonly cityName: string,
    private letter = false,
  ) {}

  // -- text ------------------------------------------------------------------------------

  private run(text: string, style?: Emphasis): Run {
    const printed = printable(text);
    switch (style) {
      case "strong":
        return { text: printed, bold: true };
      case "secondary":
        return { text: printed, color: COLORS.muted };
      case "flag":
      case "badge":
        return { text: printed, bold: true, color: COLORS.warning };
      default:
        return { text: printed };
    }
  }

  private runs(text: Text | Value, bold = false): Run[] {
    const pieces: Inline[] = typeof text === "string" ? [text] : isValue(text) ? [{ value: text }] : text;
    return pieces.map((inline): Run => {
      if (typeof inline === "string") return this.run(inline, bold ? "strong" : undefined);
      if ("br" in inline) return BR;
      const content = "value" in inline ? formatValue(inline.value, this.reader) : inline.text;
      return this.run(content, inline.style ?? (bold ? "strong" : undefined));
    });
  }

  private plain(text: Text): string {
    return printable(plainText(text, this.reader, " "));
  }

  // -- blocks ----------------------------------------------------------------------------

  /** `level`: the heading level of the part the blocks belong to (the title's is 1). */
  blocks(blocks: Block[], level: number): void {
    for (const _ of this.steps(blocks, level));
  }

  /** Sets the blocks one by one, pausing after each that is not a section (see countSteps). */
  *steps(blocks: Block[], level: number): Generator<void, void, undefined> {
    for (const block of blocks) {
      if (block.kind === "section") {
        this.l.beginTag("Sect");
        this.heading(block.title, level + 1);
        if (block.badge) this.l.paragraph(this.runs(block.badge.text, true));
        yield* this.steps(blocksFor(block.blocks, "print"), level + 1);
        this.l.endTag();
      } else {
        this.block(block, level);
        yield;
      }
    }
  }

  /** A heading at `level`: 2 a (numbered) section, 3 a subheading, below a bold line;
   *  tagged H2, H3, H4 … H6 (the title is H1). */
  private heading(text: Text, level: number): void {
    const tag = headingType(level);
    if (level <= 2) this.l.section(this.plain(text), tag);
    else if (level === 3) this.l.subheading(this.plain(text), tag);
    else this.l.paragraph(this.runs(text, true), { after: 2, tag });
  }

  private block(block: Block, level: number): void {
    const l = this.l;
    switch (block.kind) {
      case "letterhead":
        if (!this.letter) l.letterhead(block.authority, block.department, this.cityName);
        return;
      case "title":
        return l.title(this.plain(block.text));
      case "lead":
        return l.paragraph(this.runs(block.text), { style: TYPE.lead });
      case "section":
        return this.blocks([block], level);
      case "heading":
        // A heading without a section of its own stands within the text: at most a subheading.
        return this.heading(block.text, Math.max(3, level + 1));
      case "paragraph":
        if (block.size === "small") return l.paragraph(this.runs(block.text), { style: TYPE.small, color: COLORS.muted });
        return l.paragraph(this.runs(block.text, block.strong), { style: block.size === "large" ? TYPE.lead : undefined });
      case "list":
        return l.list(block.items.map((item) => this.runs(item)), { numbered: block.style === "number" });
      case "facts":
        return this.facts(block.items.filter((item) => item.only !== "page"));
      case "table":
        return this.table(block, level);
      case "chart":
      case "lineChart":
        // Print gives the chart's numbers, under its title.
        return this.table({ ...block.table, caption: block.title, captionInPrint: true }, level);
      case "note":
        return l.notice(
          block.tone === "warning" || block.tone === "danger" ? "warning" : "info",
          block.title ? this.runs(block.title) : null,
          block.body.map((b) => this.runs(b)),
        );
      case "address":
        // A letter's addressee stands in the window field (letterHead); a contact in the text.
        if (!this.letter) l.paragraph(block.lines.flatMap((line, i) => [...(i ? [BR] : []), ...this.runs(line)]));
        return;
      case "senderLine":
      case "reference":
        return; // the head of a letter: letterHead()
      case "subject":
        // A letter has no title: its subject heads it.
        return l.paragraph(printable(block.text), { bold: true, style: TYPE.subheading, after: 2 * TYPE.body.leading, tag: "H1" });
      case "salutation":
        return l.paragraph(printable(block.text), { after: TYPE.body.leading });
      case "closing":
        // Greeting and office on one page.
        return l.keepTogether(() => {
          l.paragraph(printable(block.greeting), { before: TYPE.body.leading, after: TYPE.body.leading });
          l.paragraph(this.runs(lines(block.office)), { after: 2 * TYPE.body.leading });
        });
    }
  }

  /** The head of a letter in DIN 5008 form B's places: letterhead, window, information block. */
  letterHead(blocks: Block[]): void {
    const find = <K extends Block["kind"]>(kind: K) => {
      const block = blocks.find((b): b is Extract<Block, { kind: K }> => b.kind === kind);
      if (!block) throw new Error(`A letter needs its ${kind}`);
      return block;
    };
    const letterhead = find("letterhead");
    this.l.letterhead(letterhead.authority, letterhead.department, this.cityName);
    this.l.letterWindow({
      senderLine: find("senderLine").parts.map(printable),
      address: find("address").lines.map((line) => this.plain(line)),
      info: find("reference").rows.map(([label, value]) => [printable(label), printable(value)]),
    });
    this.letter = true;
  }

  /** Label and value in two columns; checksums in runs of their own, in a wide column in small type. */
  private facts(items: Fact[]): void {
    const isHash = (item: Fact) => "value" in item && isValue(item.value) && item.value.format === "hash";
    let start = 0;
    while (start < items.length) {
      const hash = isHash(items[start]);
      let end = start;
      while (end < items.length && isHash(items[end]) === hash) end++;
      const rows = items.slice(start, end).map((item): Content[] => [
        [{ text: printable(item.label), color: COLORS.muted }],
        "address" in item ? this.runs(lines(item.address)) : "list" in item ? item.list.flatMap((line, i) => [...(i ? [BR] : []), ...this.runs(line)]) : this.runs(item.value),
      ]);
      // 0.66 of the text width leaves room for any SHA-256 on one line (see TYPE.hash).
      const label = { width: hash ? 0.34 : 0.3, rowHeader: true };
      this.l.table(hash ? [label, { width: 0.66, style: TYPE.hash }] : [label, { width: 0.7 }], rows);
      start = end;
    }
  }

  private table(table: Table, level: number): void {
    if (table.captionInPrint) this.l.subheading(this.plain(table.caption), headingType(level + 1));
    const header = rowHeaderIndex(table.columns);
    const isBelow = (c: Column) => c.format === "hash" || c.printBelow === true;
    const below = table.columns.flatMap((c, i) => (isBelow(c) ? [i] : []));
    const inRow = table.columns.flatMap((c, i) => (isBelow(c) ? [] : [i]));
    const belowStyle = below.some((i) => table.columns[i].format === "hash") ? TYPE.hash : TYPE.table;
    const given = inRow.reduce((sum, i) => sum + (table.columns[i].width ?? 0), 0);
    const open = inRow.filter((i) => table.columns[i].width === undefined).length;
    const columns: PdfColumn[] = inRow.map((i) => {
      const c = table.columns[i];
      return {
        header: printable(c.label),
        width: c.width ?? (1 - given) / open,
        align: alignOf(c) === "end" ? "right" : "left",
        rowHeader: i === header,
      };
    });
    const content = (cell: Cell, i: number, bold = false): Content => {
      if (isCovered(cell)) return "";
      const raw = isSpan(cell) ? cell.cell : cell;
      return this.runs(cellText(raw, table.columns[i]), bold || i === header);
    };
    const rows: TableRow[] = table.rows.map((row) => {
      const cells = inRow.map((i) => content(row[i], i));
      if (below.length === 0) return cells;
      const lines = below.flatMap((i, n): Run[] => [
        ...(n ? [BR] : []),
        { text: `${printable(table.columns[i].label)} `, color: COLORS.muted },
        ...(content(row[i], i) as Run[]),
      ]);
      return { cells, below: lines, belowStyle };
    });
    if (table.totals) {
      const { label, cells, strong } = table.totals;
      const offset = table.columns.length - cells.length;
      const all: Cell[] = [label, ...Array<Cell>(offset - 1).fill(""), ...cells];
      rows.push(inRow.map((i) => (i === 0 ? this.runs(label, true) : content(all[i], i, strong))));
    }
    this.l.table(columns, rows);
  }
}
