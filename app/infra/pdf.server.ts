// A4 PDFs set with pdf-lib in Noto Sans, the second typeface of the KERN design system the
// site uses (@kern-ux/native ships it as WOFF; its Fira Sans comes only as WOFF2, which
// fontkit cannot subset), embedded as a subset so that every Unicode name prints as written
// and the file stays small. A small layout helper (cursor, paragraphs, headings, lists,
// tables, tinted boxes) breaks lines by measured width and pages when one fills; footers
// ("Seite X von Y", generation time, address) are drawn once all pages exist.
//
// Every PDF made here is tagged and PDF/A-2b (decision 0038): the layout marks each text it
// draws as content of a structure element (heading, paragraph, list, table cell) in reading
// order, and rules, tints, running headers and footers as artifacts (./pdf-tags.server.ts);
// finishPdf adds the XMP metadata, the sRGB output intent and a file identifier
// (./pdf-a.server.ts). Each PDF still has an accessible HTML twin.
//
//   const pdf = await createPdf({ title, author, subject, creator, language, createdAt });
//   pdf.layout.title("…"); pdf.layout.paragraph("…");
//   return finishPdf(pdf, { t, locale, generatedAt, runningHeader, publicUrl });
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { inflateSync } from "node:zlib";
import type { PDFDocument, PDFFont, PDFPage, RGB } from "pdf-lib";
import type { Locale, Translate } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { makePdfA } from "./pdf-a.server";
import { StructureTree, type PdfLibModule, type Scope, type StructElem, type StructType } from "./pdf-tags.server";

// ---------------------------------------------------------------------------------------
// Document: fonts, metadata, footer, bytes.

export type PdfMetadata = {
  /** Shown in the viewer's title bar. */
  title: string;
  author: string;
  subject: string;
  creator: string;
  language: Locale;
  /** Stored as creation and modification date. */
  createdAt: Date;
};

export type Pdf = { doc: PDFDocument; layout: Layout; tags: StructureTree; meta: PdfMetadata; lib: PdfLibModule };

/** A new document with both fonts embedded, its metadata set and a first page. */
export async function createPdf(meta: PdfMetadata, layoutOptions: LayoutOptions = {}): Promise<Pdf> {
  // pdf-lib and fontkit take about a second of CPU to load: the server, the CLI and every
  // test process that imports this module load them at their first PDF, not at start.
  const lib = await import("pdf-lib");
  const doc = await lib.PDFDocument.create();
  const fonts = await embedFonts(doc);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setCreator(meta.creator);
  doc.setLanguage(meta.language);
  doc.setCreationDate(meta.createdAt);
  doc.setModificationDate(meta.createdAt);
  const tags = new StructureTree(lib, doc);
  return { doc, layout: new Layout(doc, fonts, tags, layoutOptions), tags, meta, lib };
}

export type PdfFooter = {
  t: Translate;
  locale: Locale;
  /** Printed in the footer of every page ("Erstellt am …"). */
  generatedAt: Date;
  /** Printed above the text of every page but the first. */
  runningHeader: string;
  /** The address of the document's subject in the portal, printed in the footer. */
  publicUrl: string;
};

/** pdf-lib packs 50 objects into each compressed object stream by default; the structure tree
 *  adds an object per table cell, and 1,000 a stream deflate the 200-bid Vergabevermerk a
 *  quarter smaller and faster than 50 (each stream starts its own deflater). */
const OBJECTS_PER_STREAM = 1000;

/** Draws running headers and footers on all pages and returns the file's bytes. */
export async function finishPdf({ doc, layout, tags, meta, lib }: Pdf, footer: PdfFooter): Promise<Uint8Array<ArrayBuffer>> {
  const { t } = footer;
  layout.finishPages({
    runningHeader: footer.runningHeader,
    footerLeft: t("pdf.footer.generated", { date: formatDateTime(footer.generatedAt, footer.locale) }),
    footerUrl: footer.publicUrl,
    pageLabel: (page, pages) => t("pdf.footer.page", { page, pages }),
  });
  tags.write();
  await makePdfA(lib, doc, meta);
  // Copied into a Uint8Array over a plain ArrayBuffer, which `new Response(bytes)` accepts.
  // doc.save() with the object streams' size of our own: it has no option for it.
  await doc.flush();
  return new Uint8Array(await lib.PDFStreamWriter.forContext(doc.context, 50, true, OBJECTS_PER_STREAM).serializeToBuffer());
}

/** Registers fontkit and embeds Noto Sans regular and bold as subsets. */
export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(await reusingShapes());
  const bytes = await loadFontBytes();
  return {
    regular: await doc.embedFont(bytes.regular, { subset: true }),
    bold: await doc.embedFont(bytes.bold, { subset: true }),
  };
}

/**
 * fontkit whose fonts shape each word once per process. pdf-lib shapes every text it
 * measures and again every text it draws, with all of the font's OpenType features, and
 * reads only the glyphs of the result (their ids and advance widths: no kerning); shaping
 * was ~60 % of a PDF's time. Glyph substitutions in these fonts (ligatures, composed
 * accents) never reach across a space, so a line's glyphs are its words' glyphs with the
 * space's glyph between them: a word is shaped once per font and process (kept by glyph id,
 * with the characters each stands for) and every line made of known words is put together
 * from them. Each document takes the glyphs from its own font: a glyph object shared by
 * documents wrote wrong characters into the second one's text layer.
 */
type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];
type FontkitFont = ReturnType<Fontkit["create"]>;
type GlyphRun = ReturnType<FontkitFont["layout"]>;
type Glyph = GlyphRun["glyphs"][number];
type Shape = { ids: number[]; codePoints: number[][] };

const SHAPES_LIMIT = 50_000;
/** The GPOS features fontkit applies by default: they move glyphs, which pdf-lib ignores,
 *  and never change which glyphs a text becomes; positioning was half of the shaping time. */
const WITHOUT_POSITIONING = { kern: false, mark: false, mkmk: false, curs: false } as unknown as string[];
const shapes = new Map<string, Shape>();
let fontkitReusingShapes: Promise<Fontkit> | null = null;

function reusingShapes(): Promise<Fontkit> {
  fontkitReusingShapes ??= import("@pdf-lib/fontkit").then(({ default: fontkit }) => ({
    create: (bytes: Uint8Array, postscriptName?: string) => withKnownShapes(fontkit.create(bytes, postscriptName)),
  }));
  return fontkitReusingShapes;
}

function withKnownShapes(font: FontkitFont): FontkitFont {
  const layout = font.layout.bind(font);
  const runs = new Map<string, GlyphRun>();
  const words = new Map<string, Glyph[]>();
  const wordGlyphs = (word: string): Glyph[] => {
    let glyphs = words.get(word);
    if (glyphs) return glyphs;
    const key = `${font.postscriptName}\u0000${word}`;
    let shape = shapes.get(key);
    if (!shape) {
      const shaped = layout(word, WITHOUT_POSITIONING).glyphs;
      shape = { ids: shaped.map((g) => g.id), codePoints: shaped.map((g) => g.codePoints) };
      if (shapes.size >= SHAPES_LIMIT) shapes.clear();
      shapes.set(key, shape);
    }
    const known = shape;
    glyphs = known.ids.map((id, i) => font.getGlyph(id, known.codePoints[i]));
    words.set(word, glyphs);
    return glyphs;
  };
  font.layout = (text, features) => {
    if (features !== undefined) return layout(text, features);
    let run = runs.get(text);
    if (run) return run;
    const glyphs: Glyph[] = [];
    text.split(" ").forEach((word, i) => {
      if (i > 0) glyphs.push(...wordGlyphs(" "));
      if (word) glyphs.push(...wordGlyphs(word));
    });
    // pdf-lib reads only the glyphs of a run.
    run = { glyphs } as unknown as GlyphRun;
    runs.set(text, run);
    return run;
  };
  return font;
}

/** "Label: text", the label bold. */
export function labelled(label: string, text: string): Run[] {
  return [{ text: `${label}: `, bold: true }, { text }];
}

// ---------------------------------------------------------------------------------------
// Fonts: Noto Sans (SIL Open Font License) from KERN's package, read once per process.

const FONT_PACKAGE = "@kern-ux/native";
const FONT_FILES = {
  regular: "dist/fonts/noto-sans/NotoSans-Regular.woff",
  bold: "dist/fonts/noto-sans/NotoSans-Bold.woff",
} as const;

type FontBytes = { regular: Uint8Array; bold: Uint8Array };
let fontBytes: Promise<FontBytes> | null = null;

function loadFontBytes(): Promise<FontBytes> {
  fontBytes ??= Promise.all([readFontFile(FONT_FILES.regular), readFontFile(FONT_FILES.bold)]).then(
    ([regular, bold]) => ({ regular, bold }),
    (error: unknown) => {
      fontBytes = null; // let the next request try again
      throw error;
    },
  );
  return fontBytes;
}

/** From the project root (server and tests run there), else by Node's module resolution. */
async function readFontFile(file: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path.join(process.cwd(), "node_modules", FONT_PACKAGE, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    bytes = await readFile(createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/${file}`));
  }
  return woffToSfnt(bytes);
}

/**
 * Unpacks a WOFF 1.0 file into the plain TrueType/OpenType font it wraps. fontkit reads WOFF
 * too, but inflates a table (in JavaScript) every time it touches it, which made one PDF take
 * seconds; inflated once here with zlib, it takes a fraction of that.
 */
function woffToSfnt(woff: Uint8Array): Uint8Array {
  const src = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (src.toString("latin1", 0, 4) !== "wOFF") return woff;
  const numTables = src.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + 20 * i;
    const offset = src.readUInt32BE(at + 4);
    const compLength = src.readUInt32BE(at + 8);
    const origLength = src.readUInt32BE(at + 12);
    const stored = src.subarray(offset, offset + compLength);
    return {
      tag: src.readUInt32BE(at),
      checksum: src.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(stored) : stored,
    };
  }); // WOFF keeps the directory sorted by tag, as the sfnt needs it

  const pad4 = (n: number) => (n + 3) & ~3;
  const headerLength = 12 + 16 * numTables;
  const out = Buffer.alloc(tables.reduce((sum, t) => sum + pad4(t.data.length), headerLength));
  const power = 2 ** Math.floor(Math.log2(numTables));
  out.writeUInt32BE(src.readUInt32BE(4), 0); // flavor: 0x00010000 (TrueType) or 'OTTO'
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(power * 16, 6);
  out.writeUInt16BE(Math.log2(power), 8);
  out.writeUInt16BE(numTables * 16 - power * 16, 10);
  let offset = headerLength;
  tables.forEach((table, i) => {
    const at = 12 + 16 * i;
    out.writeUInt32BE(table.tag, at);
    out.writeUInt32BE(table.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(table.data.length, at + 12);
    out.set(table.data, offset);
    offset += pad4(table.data.length);
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

// ---------------------------------------------------------------------------------------
// Layout: a cursor running down A4 pages; all sizes in PostScript points.

export type Fonts = { regular: PDFFont; bold: PDFFont };
/** A stretch of text in one font and colour; `BR` breaks the line. */
export type Run = { text: string; bold?: boolean; color?: RGB };
export type Content = string | Run[];
export type Style = { size: number; leading: number };
type Piece = { text: string; font: PDFFont; color: RGB };
type Line = { pieces: Piece[]; width: number };
/** A table column: `width` is a share of the text width; `style` sets the size of its cells
 *  (default `TYPE.table`); `rowHeader`: its cells name their rows (tagged TH, scope Row). */
export type Column = { header?: string; width: number; align?: "left" | "right"; style?: Style; rowHeader?: boolean };
/** A table row: its cells, or its cells and a line below them across the whole width. */
export type TableRow = Content[] | { cells: Content[]; below: Content; belowStyle?: Style };
export type LayoutOptions = {
  /** Number the section headings 1, 2, 3 … (default true). */
  numberSections?: boolean;
  /** Left and right margins in points (default MARGIN's); letters use DIN 5008's 25 and 20 mm. */
  margins?: { left: number; right: number };
};

export const BR: Run = { text: "\n" };

export const PAGE = { width: 595.28, height: 841.89 }; // A4
export const MARGIN = { top: 70, bottom: 74, left: 62, right: 62 };
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const TOP = PAGE.height - MARGIN.top;
/** Points per millimetre, for measures given in mm (DIN 5008). */
export const MM = 72 / 25.4;

export const TYPE = {
  body: { size: 10, leading: 14.5 },
  lead: { size: 11.5, leading: 16.5 },
  title: { size: 19, leading: 24 },
  section: { size: 13.5, leading: 18 },
  subheading: { size: 11, leading: 15 },
  table: { size: 9.5, leading: 13 },
  tableHeader: { size: 8.5, leading: 12 },
  small: { size: 8, leading: 10 },
  /** A SHA-256 in hex: Noto Sans' widest hex digit is 0.615 em, so 64 of them take at most
   *  39.4 em, 295.2 pt at this size. They stay on one line (and so extract unbroken) in a
   *  column of at least 0.66 of the text width (299 pt inside), or in a line `below` a row. */
  hash: { size: 7.5, leading: 12 },
} satisfies Record<string, Style>;

/** pdf-lib's rgb(), which needs pdf-lib loaded: an RGB colour is this plain object. */
const rgb = (red: number, green: number, blue: number) => ({ type: "RGB", red, green, blue }) as RGB;

export const COLORS = {
  ink: rgb(0.11, 0.12, 0.16),
  muted: rgb(0.37, 0.39, 0.45),
  accent: rgb(0.05, 0.27, 0.47),
  rule: rgb(0.8, 0.82, 0.86),
  headerFill: rgb(0.93, 0.94, 0.96),
  infoFill: rgb(0.93, 0.95, 0.98),
  warningFill: rgb(1, 0.95, 0.86),
  warning: rgb(0.66, 0.36, 0.0),
};

const BOXES = {
  info: { fill: COLORS.infoFill, bar: COLORS.accent },
  warning: { fill: COLORS.warningFill, bar: COLORS.warning },
};

const BOX_PADDING = 12;
const GHOST_TOP = 1e7;
const CELL_PADDING = { x: 6, y: 4 };

export class Layout {
  private readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = TOP;
  private sectionNumber = 0;
  /** While a box is open: its colours; every strip the cursor passes is painted. */
  private box: (typeof BOXES)[keyof typeof BOXES] | null = null;
  /** While measuring a block's height: nothing is drawn, tagged or added. */
  private ghost = false;
  /** While drawing an artifact: text is drawn without marking it as content. */
  private inArtifact = false;

  /** The left margin and the width of the text between the margins. */
  private readonly marginLeft: number;
  private readonly contentWidth: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
    /** The structure tree that every text drawn is marked for (./pdf-tags.server.ts). */
    private readonly tags: StructureTree,
    private readonly options: LayoutOptions = {},
  ) {
    const margins = options.margins ?? MARGIN;
    this.marginLeft = margins.left;
    this.contentWidth = PAGE.width - margins.left - margins.right;
    this.newPage();
  }

  // -- cursor --------------------------------------------------------------------------

  private newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = TOP;
  }

  // -- structure -----------------------------------------------------------------------

  /** Draws on the page as content of the current structure element (or of `elem`). */
  private content(draw: (page: PDFPage) => void, elem?: StructElem): void {
    if (this.ghost) return;
    if (this.inArtifact) return draw(this.page);
    this.tags.mark(this.page, () => draw(this.page), elem);
  }

  /** Draws on the page what is not content: a rule, a tint, a fold mark, a repeated table header. */
  private decoration(draw: (page: PDFPage) => void): void {
    if (this.ghost) return;
    this.tags.artifact(this.page, () => {
      this.inArtifact = true;
      try {
        draw(this.page);
      } finally {
        this.inArtifact = false;
      }
    });
  }

  /** Writes inside a new structure element of `type`, a child of the current one. */
  tag<T>(type: StructType, write: () => T, scope?: Scope): T {
    if (this.ghost) return write();
    this.tags.begin(type, scope);
    try {
      return write();
    } finally {
      this.tags.end();
    }
  }

  /** Opens a structure element that `endTag` closes (a section set block by block). */
  beginTag(type: StructType): void {
    if (!this.ghost) this.tags.begin(type);
  }

  endTag(): void {
    if (!this.ghost) this.tags.end();
  }

  /** An empty child of the current element, filled later through `content(…, elem)`. */
  private childTag(type: StructType): StructElem | undefined {
    return this.ghost ? undefined : this.tags.child(type);
  }

  /** The height `write` takes, measured by running it without drawing. */
  private heightOf(write: () => void): number {
    const saved = { y: this.y, ghost: this.ghost, sectionNumber: this.sectionNumber };
    this.ghost = true;
    this.y = GHOST_TOP;
    write();
    const height = GHOST_TOP - this.y;
    Object.assign(this, saved);
    return height;
  }

  /** Writes a block on the next page if it would break here but fits on a page of its own. */
  keepTogether(write: () => void): void {
    const height = this.heightOf(write);
    if (height > this.y - MARGIN.bottom && height <= TOP - MARGIN.bottom) this.newPage();
    write();
  }

  private get atTop(): boolean {
    return this.y === TOP;
  }

  /** Starts a new page unless `height` still fits above the bottom margin. */
  private ensure(height: number): void {
    if (this.y - height < MARGIN.bottom && !this.atTop) this.newPage();
  }

  /** Vertical space; none at the top of a page. */
  private space(height: number): void {
    if (this.atTop) return;
    if (this.y - height < MARGIN.bottom) return this.newPage();
    this.paintBox(height);
    this.y -= height;
  }

  private get left(): number {
    return this.marginLeft + (this.box ? BOX_PADDING + 3 : 0);
  }

  private get width(): number {
    return this.contentWidth - (this.box ? 2 * BOX_PADDING + 3 : 0);
  }

  private paintBox(height: number): void {
    if (!this.box) return;
    const { fill, bar } = this.box;
    const y = this.y - height;
    this.decoration((page) => {
      page.drawRectangle({ x: this.marginLeft, y, width: this.contentWidth, height, color: fill });
      page.drawRectangle({ x: this.marginLeft, y, width: 3, height, color: bar });
    });
  }

  // -- text ----------------------------------------------------------------------------

  private readonly widths = new Map<string, number>();

  /** Text width, remembered: measuring shapes the text with fontkit, which is slow. */
  private measure(text: string, font: PDFFont, size: number): number {
    const key = `${font === this.fonts.bold ? "b" : "r"}${size}|${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = font.widthOfTextAtSize(text, size);
      this.widths.set(key, width);
    }
    return width;
  }

  private font(bold?: boolean): PDFFont {
    return bold ? this.fonts.bold : this.fonts.regular;
  }

  /** Breaks runs into lines no wider than `maxWidth`, at spaces (or inside over-long words). */
  private wrap(content: Content, maxWidth: number, size: number, base: { bold?: boolean; color?: RGB } = {}): Line[] {
    const runs: Run[] = typeof content === "string" ? [{ text: content }] : content;
    const lines: Line[] = [];
    let line: Line = { pieces: [], width: 0 };
    let newWord = true;
    const measure = (p: Piece) => this.measure(p.text, p.font, size);
    const breakLine = () => {
      lines.push(line);
      line = { pieces: [], width: 0 };
    };
    const place = (word: Piece[]) => {
      const wordWidth = word.reduce((w, p) => w + measure(p), 0);
      const space = line.pieces.length ? this.measure(" ", word[0].font, size) : 0;
      if (line.pieces.length && line.width + space + wordWidth > maxWidth) breakLine();
      if (line.pieces.length) {
        line.pieces[line.pieces.length - 1].text += " ";
        line.width += space;
      } else if (wordWidth > maxWidth) return placeLong(word);
      for (const piece of word) appendPiece(line, piece);
      line.width += wordWidth;
    };
    // A word wider than the line (a long address, say) is cut between characters.
    const placeLong = (word: Piece[]) => {
      for (const piece of word) {
        for (const char of piece.text) {
          const next = { ...piece, text: char };
          const width = measure(next);
          if (line.width + width > maxWidth && line.pieces.length) breakLine();
          appendPiece(line, next);
          line.width += width;
        }
      }
    };

    let word: Piece[] = [];
    const flushWord = () => {
      if (word.length) place(word);
      word = [];
    };
    for (const run of runs) {
      if (run === BR) {
        flushWord();
        breakLine();
        newWord = true;
        continue;
      }
      const font = this.font(run.bold ?? base.bold);
      const color = run.color ?? base.color ?? COLORS.ink;
      clean(run.text)
        .split(" ")
        .forEach((part, i) => {
          if (i > 0) newWord = true;
          if (!part) return;
          if (newWord) flushWord();
          word.push({ text: part, font, color });
          newWord = false;
        });
    }
    flushWord();
    if (line.pieces.length || lines.length === 0) lines.push(line);
    return lines;
  }

  /** Draws one line with its top at the cursor's `y` (which it does not move), as content of
   *  the current structure element or of `elem`. */
  private drawLine(line: Line, x: number, y: number, style: Style, elem?: StructElem): void {
    if (this.ghost) return;
    const baseline = y - (style.leading + 0.69 * style.size) / 2; // caps centred in the line
    this.content((page) => {
      for (const piece of line.pieces) {
        if (!piece.text) continue;
        page.drawText(piece.text, { x, y: baseline, size: style.size, font: piece.font, color: piece.color });
        x += this.measure(piece.text, piece.font, style.size);
      }
    }, elem);
  }

  /** Flows lines down the page; neither the first nor the last line is left alone. With a
   *  marker, the lines are a list item's: the marker its Lbl, the lines its LBody. */
  private flow(lines: Line[], style: Style, indent = 0, marker?: Piece): void {
    const label = marker ? this.childTag("Lbl") : undefined;
    const write = () =>
      lines.forEach((line, i) => {
        const keep = i === 0 || i === lines.length - 2 ? Math.min(2, lines.length - i) : 1;
        this.ensure(style.leading * keep);
        this.paintBox(style.leading);
        if (i === 0 && marker) {
          const markerWidth = marker.font.widthOfTextAtSize(marker.text, style.size);
          this.drawLine({ pieces: [marker], width: markerWidth }, this.left + indent - 6 - markerWidth, this.y, style, label);
        }
        this.drawLine(line, this.left + indent, this.y, style);
        this.y -= style.leading;
      });
    if (marker) this.tag("LBody", write);
    else write();
  }

  /** A paragraph, or with `tag` another block of text (a heading below the subheadings' level). */
  paragraph(content: Content, opts: { style?: Style; before?: number; after?: number; bold?: boolean; color?: RGB; tag?: StructType } = {}): void {
    const style = opts.style ?? TYPE.body;
    if (opts.before) this.space(opts.before);
    this.tag(opts.tag ?? "P", () => this.flow(this.wrap(content, this.width, style.size, opts), style));
    this.space(opts.after ?? 6);
  }

  paragraphs(texts: string[]): void {
    for (const text of texts) this.paragraph(text);
  }

  /** Bullets, or 1., 2., … with `numbered`. */
  list(items: Content[], opts: { numbered?: boolean } = {}): void {
    const indent = 16;
    this.tag("L", () =>
      items.forEach((item, i) => {
        const marker: Piece = {
          text: opts.numbered ? `${i + 1}.` : "•",
          font: this.font(opts.numbered),
          color: opts.numbered ? COLORS.ink : COLORS.accent,
        };
        this.tag("LI", () => this.flow(this.wrap(item, this.width - indent, TYPE.body.size), TYPE.body, indent, marker));
        this.space(3);
      }),
    );
    this.space(4);
  }

  // -- headings ------------------------------------------------------------------------

  /** Authority and department on the left, the city's name on the right, a rule below. */
  letterhead(authority: string, department: string, cityName: string): void {
    const city = { size: 16, font: this.font(true) };
    const cityWidth = city.font.widthOfTextAtSize(cityName, city.size);
    const cityY = this.y - 15;
    const room = this.contentWidth - cityWidth - 24;
    const styles = { authority: { size: 12.5, leading: 16 }, department: { size: 10.5, leading: 14 } };
    this.tag("P", () => this.flow(this.wrap(authority, room, styles.authority.size, { bold: true }), styles.authority));
    this.tag("P", () => this.flow(this.wrap(department, room, styles.department.size, { color: COLORS.muted }), styles.department));
    // The city's name at the right reads after the office at the left.
    this.tag("P", () =>
      this.content((page) =>
        page.drawText(cityName, { ...city, x: this.marginLeft + this.contentWidth - cityWidth, y: cityY, color: COLORS.accent }),
      ),
    );
    this.y -= 10;
    const rule = { x: this.marginLeft, y: this.y - 1.5, width: this.contentWidth, height: 1.5 };
    this.decoration((page) => page.drawRectangle({ ...rule, color: COLORS.accent }));
    this.y -= 26;
  }

  /**
   * The head of a letter after DIN 5008 form B, on the first page below the letterhead: the
   * address field (20 mm from the left, 45 mm from the top, 85 × 45 mm, the window of a DL
   * envelope) with the sender line in small print in its upper zone and the address in its
   * lower 27.3 mm, text 5 mm in; the information block at the right (125 mm from the left,
   * from 50 mm, 75 mm wide), each label above its value; fold marks at 105 and 210 mm and the
   * hole mark at 148.5 mm on the left edge. The cursor then stands two lines below the lower
   * of address field and information block, where the subject begins.
   */
  letterWindow(opts: { senderLine: string[]; address: string[]; info: [label: string, value: string][] }): void {
    const top = (mm: number) => PAGE.height - mm * MM;
    const field = { x: 20 * MM, top: top(45), width: 85 * MM, zoneBottom: top(45 + 17.7), bottom: top(90) };
    const inner = { x: field.x + 5 * MM, width: field.width - 10 * MM };
    const sender = { size: 6.5, leading: 8.5 };
    // Its parts (name, department, street, place) are joined by commas and broken only
    // between them; it may run to the field's right edge, so most offices need one line.
    const senderLine = opts.senderLine.map((part) => part.replace(/ /g, "\u00a0")).join(", ");
    const senderLines = this.wrap(senderLine, field.x + field.width - inner.x, sender.size, { color: COLORS.muted });
    this.tag("P", () =>
      senderLines.forEach((line, i) => this.drawLine(line, inner.x, field.zoneBottom + (senderLines.length - i) * sender.leading + 2, sender)),
    );
    const address = { size: 10, leading: 12.5 };
    let y = field.zoneBottom - 3;
    this.tag("P", () => {
      for (const text of opts.address) {
        for (const line of this.wrap(text, inner.width, address.size)) {
          this.drawLine(line, inner.x, y, address);
          y -= address.leading;
        }
      }
    });
    const info = { x: 125 * MM, width: 75 * MM, label: { size: 7, leading: 9 }, value: { size: 9, leading: 11.5 } };
    y = top(50);
    // The information block reads as label and value, one pair after the other.
    for (const [label, value] of opts.info) {
      this.tag("P", () => {
        for (const line of this.wrap(label, info.width, info.label.size, { color: COLORS.muted })) {
          this.drawLine(line, info.x, y, info.label);
          y -= info.label.leading;
        }
      });
      this.tag("P", () => {
        for (const line of this.wrap(value, info.width, info.value.size)) {
          this.drawLine(line, info.x, y, info.value);
          y -= info.value.leading;
        }
      });
      y -= 3;
    }
    this.decoration((page) => {
      for (const [mm, length] of [[105, 5], [148.5, 8], [210, 5]] as const) {
        page.drawRectangle({ x: 3 * MM, y: top(mm), width: length * MM, height: 0.4, color: COLORS.muted });
      }
    });
    this.y = Math.min(field.bottom, y) - 2 * TYPE.body.leading;
  }

  /** The call's title, its lines balanced so that none is left with a lone word. */
  title(text: string): void {
    const style = TYPE.title;
    const linesAt = (width: number) => this.wrap(text, width, style.size, { bold: true });
    const count = linesAt(this.width).length;
    let [narrow, wide] = [this.width / 2, this.width];
    while (wide - narrow > 2) {
      const mid = (narrow + wide) / 2;
      if (linesAt(mid).length > count) narrow = mid;
      else wide = mid;
    }
    this.tag("H1", () => this.flow(linesAt(wide), style));
    this.space(12);
  }

  /** A numbered section heading, kept together with the first lines after it; `tag` its level. */
  section(text: string, tag: StructType = "H2"): void {
    this.sectionNumber += 1;
    const label = this.options.numberSections === false ? text : `${this.sectionNumber}  ${text}`;
    const lines = this.wrap(label, this.width, TYPE.section.size, {
      bold: true,
      color: COLORS.accent,
    });
    this.space(14);
    this.ensure(lines.length * TYPE.section.leading + 8 + 3 * TYPE.body.leading);
    this.tag(tag, () => this.flow(lines, TYPE.section));
    const rule = { x: this.marginLeft, y: this.y - 2, width: this.contentWidth, height: 0.6 };
    this.decoration((page) => page.drawRectangle({ ...rule, color: COLORS.rule }));
    this.y -= 8;
  }

  subheading(text: string, tag: StructType = "H3"): void {
    const lines = this.wrap(text, this.width, TYPE.subheading.size, { bold: true });
    this.space(6);
    this.ensure(lines.length * TYPE.subheading.leading + 3 * TYPE.body.leading);
    this.tag(tag, () => this.flow(lines, TYPE.subheading));
    this.space(3);
  }

  /** A tinted box with a coloured bar: the demo notice, a withdrawal, a mismatch. */
  notice(
    kind: keyof typeof BOXES,
    heading: Content | null,
    body: Content[],
    list?: { label: string; items: Content[] },
  ): void {
    this.space(8);
    this.keepTogether(() => {
      this.ensure(3 * TYPE.body.leading + 2 * BOX_PADDING);
      this.box = BOXES[kind];
      this.paintBox(BOX_PADDING);
      this.y -= BOX_PADDING;
      if (heading) this.paragraph(heading, { bold: true, style: TYPE.subheading, after: 4 });
      for (const text of body) this.paragraph(text);
      if (list) {
        this.paragraph([{ text: list.label, bold: true }], { after: 2 });
        this.list(list.items);
      }
      this.paintBox(BOX_PADDING - 6); // the paragraph's own spacing makes up the rest
      this.y -= BOX_PADDING - 6;
      this.box = null;
    });
    this.space(10);
  }

  // -- tables --------------------------------------------------------------------------

  /** Rows of wrapped cells; column widths are shares of the text width. The header row
   *  (if the columns have headers) is repeated on every page the table runs onto. A row may
   *  carry a line `below` its cells that spans the whole width (a checksum under a file).
   *  Tagged as Table, TR, TH (the header row's cells, scope Column; a row header's, scope Row)
   *  and TD; a line below is the row's last TD; a repeated header row is an artifact. */
  table(columns: Column[], rows: TableRow[]): void {
    this.tag("Table", () => this.tableRows(columns, rows));
    this.space(10);
  }

  private tableRows(columns: Column[], rows: TableRow[]): void {
    const widths = columns.map((c) => c.width * this.width);
    const hasHeader = columns.some((c) => c.header);
    const styleOf = (i: number) => columns[i].style ?? TYPE.table;
    let headerRows = 0;
    const header = () => {
      const cells = columns.map((c, i) =>
        this.wrap(c.header ?? "", widths[i] - 2 * CELL_PADDING.x, TYPE.tableHeader.size, {
          bold: true,
          color: COLORS.muted,
        }),
      );
      const repeated = headerRows++ > 0;
      this.row({ cells }, widths, columns, () => TYPE.tableHeader, repeated ? "repeatedHeader" : "header");
    };
    const wrapCell = (cell: Content, i: number) => this.wrap(cell, widths[i] - 2 * CELL_PADDING.x, styleOf(i).size);
    const body: WrappedRow[] = rows.map((row) => {
      if (Array.isArray(row)) return { cells: row.map(wrapCell) };
      const style = row.belowStyle ?? TYPE.table;
      const lines = this.wrap(row.below, this.width - 2 * CELL_PADDING.x, style.size);
      return { cells: row.cells.map(wrapCell), below: { lines, style } };
    });
    this.space(2);
    if (hasHeader) {
      this.ensure(TYPE.tableHeader.leading + 2 * CELL_PADDING.y + (body.length ? rowHeight(body[0], styleOf) : 0));
      header();
    }
    for (const row of body) {
      if (this.y - rowHeight(row, styleOf) < MARGIN.bottom && !this.atTop) {
        this.newPage();
        if (hasHeader) header();
      }
      this.row(row, widths, columns, styleOf, "body");
    }
  }

  private row(row: WrappedRow, widths: number[], columns: Column[], styleOf: (i: number) => Style, kind: "header" | "repeatedHeader" | "body"): void {
    const height = rowHeight(row, styleOf);
    const top = this.y;
    if (kind !== "body") {
      const fill = { x: this.left, y: top - height, width: this.width, height };
      this.decoration((page) => page.drawRectangle({ ...fill, color: COLORS.headerFill }));
    }
    const cells = () => {
      let x = this.left;
      row.cells.forEach((lines, i) => {
        const style = styleOf(i);
        const left = x;
        const cell = () =>
          lines.forEach((line, j) => {
            const inner = widths[i] - 2 * CELL_PADDING.x;
            const offset = columns[i].align === "right" ? inner - line.width : 0;
            this.drawLine(line, left + CELL_PADDING.x + offset, top - CELL_PADDING.y - j * style.leading, style);
          });
        if (kind === "repeatedHeader") cell();
        else if (kind === "header") this.tag("TH", cell, "Column");
        else if (columns[i].rowHeader) this.tag("TH", cell, "Row");
        else this.tag("TD", cell);
        x += widths[i];
      });
      if (row.below) {
        const { lines, style } = row.below;
        const belowTop = top - CELL_PADDING.y - cellsHeight(row.cells, styleOf);
        this.tag("TD", () => lines.forEach((line, j) => this.drawLine(line, this.left + CELL_PADDING.x, belowTop - j * style.leading, style)));
      }
    };
    // A header row repeated on the next page is an artifact: the table has one.
    if (kind === "repeatedHeader") this.decoration(cells);
    else this.tag("TR", cells);
    this.y -= height;
    const rule = { x: this.left, y: this.y, width: this.width, height: 0.5 };
    this.decoration((page) => page.drawRectangle({ ...rule, color: COLORS.rule }));
  }

  // -- running header and footer ---------------------------------------------------------

  finishPages(opts: {
    runningHeader: string;
    footerLeft: string;
    footerUrl: string;
    pageLabel: (page: number, pages: number) => string;
  }): void {
    const { regular } = this.fonts;
    const size = TYPE.small.size;
    const right = this.marginLeft + this.contentWidth;
    this.tags.close();
    // Running header and footer are pagination artifacts: a screen reader skips them.
    this.pages.forEach((page, i) => {
      const small = (text: string, x: number, y: number) =>
        page.drawText(text, { x, y, size, font: regular, color: COLORS.muted });
      if (i > 0) {
        this.tags.artifact(
          page,
          () => {
            small(fit(opts.runningHeader, regular, size, this.contentWidth), this.marginLeft, PAGE.height - 40);
            const rule = { x: this.marginLeft, y: PAGE.height - 46, width: this.contentWidth, height: 0.5 };
            page.drawRectangle({ ...rule, color: COLORS.rule });
          },
          "Header",
        );
      }
      this.tags.artifact(
        page,
        () => {
          const footerTop = MARGIN.bottom - 24;
          page.drawRectangle({ x: this.marginLeft, y: footerTop, width: this.contentWidth, height: 0.5, color: COLORS.rule });
          const label = opts.pageLabel(i + 1, this.pages.length);
          const labelWidth = regular.widthOfTextAtSize(label, size);
          small(label, right - labelWidth, footerTop - 12);
          const room = this.contentWidth - labelWidth - 24;
          small(fit(opts.footerLeft, regular, size, room), this.marginLeft, footerTop - 12);
          small(fit(opts.footerUrl, regular, size, room), this.marginLeft, footerTop - 12 - TYPE.small.leading);
        },
        "Footer",
      );
    });
  }
}

type WrappedRow = { cells: Line[][]; below?: { lines: Line[]; style: Style } };

/** The height of the text in a row's cells: its tallest cell. */
function cellsHeight(cells: Line[][], styleOf: (i: number) => Style): number {
  return Math.max(...cells.map((c, i) => c.length * styleOf(i).leading));
}

/** The height of a table row: its tallest cell, the line below the cells and the padding. */
function rowHeight(row: WrappedRow, styleOf: (i: number) => Style): number {
  const height = cellsHeight(row.cells, styleOf) + 2 * CELL_PADDING.y;
  return row.below ? height + row.below.lines.length * row.below.style.leading : height;
}

function appendPiece(line: Line, piece: Piece): void {
  const last = line.pieces[line.pieces.length - 1];
  if (last && last.font === piece.font && last.color === piece.color) last.text += piece.text;
  else line.pieces.push({ ...piece });
}

/** One line of text: tabs, line breaks and runs of spaces become one space. */
function clean(text: string): string {
  return text.replace(/[ \t\r\n\f\v]+/g, " ");
}

/**
 * Shortens `text` with an ellipsis until it fits `width`: the longest prefix that fits,
 * found by bisection (width grows with the prefix), and remembered per font, size and
 * width. Dropping one character at a time, with fontkit shaping the text at every step,
 * on every page's running header took most of a minute for a 200-bid Vergabevermerk.
 */
const fitted = new WeakMap<PDFFont, Map<string, string>>();
function fit(text: string, font: PDFFont, size: number, width: number): string {
  let known = fitted.get(font);
  if (!known) fitted.set(font, (known = new Map()));
  const key = `${size}|${width}|${text}`;
  let result = known.get(key);
  if (result === undefined) {
    result = text;
    if (font.widthOfTextAtSize(text, size) > width) {
      const chars = [...text];
      const fits = (n: number) => font.widthOfTextAtSize(`${chars.slice(0, n).join("")}…`, size) <= width;
      let [lo, hi] = [0, chars.length - 1]; // lo fits (or is 0), hi + 1 does not
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (fits(mid)) lo = mid;
        else hi = mid - 1;
      }
      result = `${chars.slice(0, lo).join("")}…`;
    }
    known.set(key, result);
  }
  return result;
}
