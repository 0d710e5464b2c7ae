// The public call as an A4 PDF (served at /aufrufe/:slug/aufruf.pdf). Set with pdf-lib in
// Noto Sans, the second typeface of the KERN design system the site uses (@kern-ux/native
// ships it as WOFF; its Fira Sans comes only as WOFF2, which fontkit cannot subset), embedded
// as a subset so that every Unicode name prints as written and the file stays small. A small
// layout helper below (cursor, paragraphs, headings, lists, tables, tinted boxes) breaks lines
// by measured width and pages when one fills; footers ("Seite X von Y") are drawn once all
// pages exist.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { inflateSync } from "node:zlib";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import { translator, type Locale, type Translate } from "../i18n";
import { formatDateTime, formatNumber } from "../i18n/format";
import type { CallView } from "./call-view";

export type CallPdfOptions = {
  locale: Locale;
  /** Printed in the footer of every page and stored as the creation date. */
  generatedAt: Date;
  cityName: string;
  /** Address of the call in the portal, printed in the footer. */
  publicUrl: string;
};

export async function renderCallPdf(call: CallView, opts: CallPdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  const t = translator(opts.locale);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const bytes = await loadFontBytes();
  const fonts: Fonts = {
    regular: await doc.embedFont(bytes.regular, { subset: true }),
    bold: await doc.embedFont(bytes.bold, { subset: true }),
  };

  doc.setTitle(call.title, { showInWindowTitleBar: true });
  doc.setAuthor(call.authority);
  doc.setSubject(t("pdf.meta.subject"));
  doc.setCreator(t("pdf.meta.creator"));
  doc.setLanguage(opts.locale);
  doc.setCreationDate(opts.generatedAt);
  doc.setModificationDate(opts.generatedAt);

  const layout = new Layout(doc, fonts);
  writeCall(layout, call, t, opts);
  layout.finishPages({
    runningHeader: `${call.authority} · ${call.department}`,
    footerLeft: t("pdf.footer.generated", { date: formatDateTime(opts.generatedAt, opts.locale) }),
    footerUrl: opts.publicUrl,
    pageLabel: (page, pages) => t("pdf.footer.page", { page, pages }),
  });
  // Copied into a Uint8Array over a plain ArrayBuffer, which `new Response(bytes)` accepts.
  return new Uint8Array(await doc.save());
}

// ---------------------------------------------------------------------------------------
// Content, in the order of the published call.

function writeCall(l: Layout, call: CallView, t: Translate, opts: CallPdfOptions): void {
  const { locale } = opts;
  const num = (n: number, digits = 0) => formatNumber(n, locale, digits);
  const roleName = new Map(call.roles.map((r) => [r.code, r.name]));

  l.letterhead(call.authority, call.department, opts.cityName);
  l.title(call.title);

  if (call.isDemo) l.notice("warning", t("pdf.demo.title"), [t("pdf.demo.body")]);
  if (call.status === "cancelled") l.notice("warning", t("pdf.cancelled.title"), [t("pdf.cancelled.body")]);

  l.paragraph(call.texts.summary, { style: TYPE.lead });

  l.section(t("pdf.section.dates"));
  const d = call.dates;
  const dateRows: [string, Date | null, boolean][] = [
    [t("pdf.date.published"), d.published, false],
    [t("pdf.date.questionDeadline"), d.questionDeadline, false],
    [t("pdf.date.submissionDeadline"), d.submissionDeadline, true],
    [t("pdf.date.opening"), d.opening, false],
    [t("pdf.date.bindingPeriodEnd"), d.bindingPeriodEnd, false],
    [t("pdf.date.serviceStart"), d.serviceStart, false],
    [t("pdf.date.contractEnd"), d.contractEnd, false],
  ];
  l.table(
    [{ width: 0.42 }, { width: 0.58 }],
    dateRows.map(([label, date, important]) => [
      [{ text: label, color: COLORS.muted }],
      [{ text: date ? formatDateTime(date, locale) : t("pdf.date.notPublished"), bold: important }],
    ]),
  );

  l.section(t("pdf.section.description"));
  l.paragraphs(call.texts.description);

  l.section(t("pdf.section.standards"));
  l.paragraphs(call.texts.standards);

  l.section(t("pdf.section.regions"));
  l.table(
    [{ width: 0.3 }, { width: 0.7 }],
    call.regions.map((r) => [[{ text: r.name, bold: true }], r.description]),
  );

  l.section(t("pdf.section.roles"));
  for (const role of call.roles) {
    l.subheading(role.name);
    l.paragraph(role.summary);
    l.paragraph([{ text: t("pdf.role.tasks"), bold: true }], { after: 2 });
    l.list(role.tasks);
    l.paragraph(labelled(t("pdf.role.qualifications"), role.qualifications));
    if (role.requiresPedagogicalDegree) l.paragraph(t("pdf.role.pedagogicalDegree"));
    l.paragraph(labelled(t("pdf.role.pay"), role.payGuideline));
    if (role.tandemWith) {
      l.paragraph(labelled(t("pdf.role.tandem"), roleName.get(role.tandemWith) ?? role.tandemWith));
    }
  }

  l.section(t("pdf.section.staffing"));
  l.paragraph([{ text: t("pdf.staffing.key", { count: num(call.clientsPerFte) }), bold: true }]);
  if (call.staffingRules.length > 0) {
    l.table(
      [
        { header: t("pdf.lots.col.role"), width: 0.3 },
        { header: t("pdf.staffing.col.rule"), width: 0.7 },
      ],
      call.staffingRules.map((rule) => [
        [{ text: roleName.get(rule.roleCode) ?? rule.roleCode, bold: true }],
        [...staffingBasis(rule, call.clientsPerFte, t, num), BR, { text: rule.explanation }],
      ]),
    );
  }

  l.section(t("pdf.section.vulnerable"));
  l.paragraphs(call.texts.vulnerableGroups);

  l.section(t("pdf.section.adequatePay"));
  l.paragraphs(call.texts.adequatePay);

  l.section(t("pdf.section.lots"));
  l.paragraph(t("pdf.lots.intro", { count: num(call.lots.length) }));
  if (call.maxLotsPerCarrier !== null) {
    l.paragraph(t("pdf.lots.maxPerCarrier", { count: num(call.maxLotsPerCarrier) }));
  }
  l.table(
    [
      { header: t("pdf.lots.col.number"), width: 0.16 },
      { header: t("pdf.lots.col.region"), width: 0.32 },
      { header: t("pdf.lots.col.role"), width: 0.52 },
    ],
    call.lots.map((lot) => [
      [{ text: t("pdf.lots.number", { number: lot.number }), bold: true }],
      lot.regionName,
      lot.cancelled
        ? [{ text: `${lot.roleName} ` }, { text: `(${t("pdf.lots.cancelled")})`, color: COLORS.warning }]
        : lot.roleName,
    ]),
  );

  l.section(t("pdf.section.criteria"));
  l.paragraph(t("pdf.criteria.intro"));
  const weight = (w: number) => t("pdf.criteria.weight", { weight: num(w) });
  l.table(
    [
      { header: t("pdf.criteria.col.name"), width: 0.8 },
      { header: t("pdf.criteria.col.weight"), width: 0.2, align: "right" },
    ],
    [
      ...call.criteria.map((c) => [c.name, weight(c.weightPercent)]),
      [
        [{ text: t("pdf.criteria.total"), bold: true }],
        [{ text: weight(call.criteria.reduce((sum, c) => sum + c.weightPercent, 0)), bold: true }],
      ],
    ],
  );
  const common = commonScale(call.criteria);
  const scaleTable = (scale: { points: number; meaning: string }[]) =>
    l.table(
      [
        { header: t("pdf.scale.col.points"), width: 0.14, align: "right" },
        { header: t("pdf.scale.col.meaning"), width: 0.86 },
      ],
      scale.map((s) => [[{ text: num(s.points), bold: true }], s.meaning]),
    );
  for (const c of call.criteria) {
    l.subheading(t("pdf.criteria.heading", { name: c.name, weight: num(c.weightPercent) }));
    l.paragraph(c.description);
    if (c.priceFormula) l.paragraph(labelled(t("pdf.criteria.priceFormula"), c.priceFormula));
    if (!common || !sameScale(c.scale, common)) {
      l.paragraph(t("pdf.criteria.scaleOwn"));
      scaleTable(c.scale);
    }
  }
  if (common) {
    l.subheading(t("pdf.criteria.scaleTitle"));
    const hasPrice = call.criteria.some((c) => c.kind === "price");
    l.paragraph(
      t(hasPrice ? "pdf.criteria.scaleCommonPrice" : "pdf.criteria.scaleCommon", {
        min: num(call.scale.min),
        max: num(call.scale.max),
      }),
    );
    scaleTable(common);
  }

  l.section(t("pdf.section.concept"));
  l.paragraph(t("pdf.concept.intro"));
  l.list(
    call.conceptSections.map((s) => [
      { text: s.title, bold: true },
      { text: ` · ${t("pdf.concept.maxChars", { count: num(s.maxChars) })}`, color: COLORS.muted },
      BR,
      { text: s.guidance },
    ]),
    { numbered: true },
  );

  if (call.documents.length > 0) {
    l.section(t("pdf.section.documents"));
    l.list(
      call.documents.map((doc) => [
        { text: doc.title, bold: true },
        BR,
        { text: doc.description },
        ...(doc.url ? [BR, { text: doc.url, color: COLORS.accent }] : []),
      ]),
    );
  }

  l.section(t("pdf.section.howToApply"));
  l.list(call.texts.howToApply, { numbered: true });

  l.section(t("pdf.section.questions"));
  l.paragraphs(call.texts.questionRules);

  if (call.amendments.length > 0) {
    l.section(t("pdf.section.amendments"));
    for (const a of [...call.amendments].sort((x, y) => x.number - y.number)) {
      l.subheading(
        t("pdf.amendment.heading", { number: a.number, date: formatDateTime(a.publishedAt, locale), title: a.title }),
      );
      l.paragraphs(a.body.split(/\n\s*\n/));
      l.paragraph(labelled(t("pdf.amendment.reason"), a.reason));
    }
  }

  l.section(t("pdf.section.contact"));
  const c = call.texts.contact;
  l.paragraph([
    { text: c.name, bold: true },
    BR,
    { text: c.department },
    BR,
    { text: c.street },
    BR,
    { text: `${c.postalCode} ${c.city}` },
    BR,
    ...labelled(t("pdf.contact.email"), c.email),
    ...(c.phone ? [BR, ...labelled(t("pdf.contact.phone"), c.phone)] : []),
    ...(c.url ? [BR, ...labelled(t("pdf.contact.web"), c.url)] : []),
  ]);

  const illustrative = call.texts.illustrative;
  l.notice(
    "info",
    t("pdf.section.illustrative"),
    [call.texts.illustrativeNotice],
    illustrative.length > 0 ? { label: t("pdf.illustrative.list"), items: illustrative } : undefined,
  );
}

/** How a rule sizes the staff of a lot: per region, or by clients per post (with its share). */
function staffingBasis(
  rule: CallView["staffingRules"][number],
  clientsPerFte: number,
  t: Translate,
  num: (n: number, digits?: number) => string,
): Run[] {
  if (rule.basis === "fixedPerRegion") {
    const fte = rule.fixedFte ?? 0;
    return [{ text: t("pdf.staffing.fixed", { fte: num(fte, Number.isInteger(fte) ? 0 : 2) }), bold: true }];
  }
  const count = num(rule.clientsPerFte ?? clientsPerFte);
  const runs: Run[] = [{ text: t("pdf.staffing.perFte", { count }), bold: true }];
  if (rule.sharePercent !== null && rule.sharePercent < 100) {
    runs.push({ text: `, ${t("pdf.staffing.share", { share: num(rule.sharePercent) })}` });
  }
  if (rule.targetGroup) {
    runs.push(BR, ...labelled(t("pdf.staffing.targetGroup"), t(`pdf.targetGroup.${rule.targetGroup}`)));
  }
  return runs;
}

/** "Label: text", the label bold. */
function labelled(label: string, text: string): Run[] {
  return [{ text: `${label}: `, bold: true }, { text }];
}

type Scale = CallView["criteria"][number]["scale"];

function sameScale(a: Scale, b: Scale): boolean {
  return a.length === b.length && a.every((p, i) => p.points === b[i].points && p.meaning === b[i].meaning);
}

/** The scale shared by all quality criteria, printed once; null if they differ. */
function commonScale(criteria: CallView["criteria"]): Scale | null {
  const quality = criteria.filter((c) => c.kind === "quality");
  if (quality.length === 0) return null;
  return quality.every((c) => sameScale(c.scale, quality[0].scale)) ? quality[0].scale : null;
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

type Fonts = { regular: PDFFont; bold: PDFFont };
/** A stretch of text in one font and colour; `BR` breaks the line. */
type Run = { text: string; bold?: boolean; color?: RGB };
type Content = string | Run[];
type Style = { size: number; leading: number };
type Piece = { text: string; font: PDFFont; color: RGB };
type Line = { pieces: Piece[]; width: number };
type Column = { header?: string; width: number; align?: "left" | "right" };

const BR: Run = { text: "\n" };

const PAGE = { width: 595.28, height: 841.89 }; // A4
const MARGIN = { top: 70, bottom: 74, left: 62, right: 62 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const TOP = PAGE.height - MARGIN.top;

const TYPE = {
  body: { size: 10, leading: 14.5 },
  lead: { size: 11.5, leading: 16.5 },
  title: { size: 19, leading: 24 },
  section: { size: 13.5, leading: 18 },
  subheading: { size: 11, leading: 15 },
  table: { size: 9.5, leading: 13 },
  tableHeader: { size: 8.5, leading: 12 },
  small: { size: 8, leading: 10 },
} satisfies Record<string, Style>;

const COLORS = {
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
const GHOST_PAGE = { drawText() {}, drawRectangle() {} };
const GHOST_TOP = 1e7;
const CELL_PADDING = { x: 6, y: 4 };

class Layout {
  private readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = TOP;
  private sectionNumber = 0;
  /** While a box is open: its colours; every strip the cursor passes is painted. */
  private box: (typeof BOXES)[keyof typeof BOXES] | null = null;
  /** While measuring a block's height: nothing is drawn and no page is added. */
  private ghost = false;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  // -- cursor --------------------------------------------------------------------------

  private newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = TOP;
  }

  private get canvas(): Pick<PDFPage, "drawText" | "drawRectangle"> {
    return this.ghost ? GHOST_PAGE : this.page;
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
  private keepTogether(write: () => void): void {
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
    return MARGIN.left + (this.box ? BOX_PADDING + 3 : 0);
  }

  private get width(): number {
    return CONTENT_WIDTH - (this.box ? 2 * BOX_PADDING + 3 : 0);
  }

  private paintBox(height: number): void {
    if (!this.box) return;
    const y = this.y - height;
    this.canvas.drawRectangle({ x: MARGIN.left, y, width: CONTENT_WIDTH, height, color: this.box.fill });
    this.canvas.drawRectangle({ x: MARGIN.left, y, width: 3, height, color: this.box.bar });
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

  /** Draws one line with its top at the cursor's `y` (which it does not move). */
  private drawLine(line: Line, x: number, y: number, style: Style): void {
    const baseline = y - (style.leading + 0.69 * style.size) / 2; // caps centred in the line
    for (const piece of line.pieces) {
      if (!piece.text) continue;
      this.canvas.drawText(piece.text, { x, y: baseline, size: style.size, font: piece.font, color: piece.color });
      x += this.measure(piece.text, piece.font, style.size);
    }
  }

  /** Flows lines down the page; neither the first nor the last line is left alone. */
  private flow(lines: Line[], style: Style, indent = 0, marker?: Piece): void {
    lines.forEach((line, i) => {
      const keep = i === 0 || i === lines.length - 2 ? Math.min(2, lines.length - i) : 1;
      this.ensure(style.leading * keep);
      this.paintBox(style.leading);
      if (i === 0 && marker) {
        const markerWidth = marker.font.widthOfTextAtSize(marker.text, style.size);
        this.drawLine({ pieces: [marker], width: markerWidth }, this.left + indent - 6 - markerWidth, this.y, style);
      }
      this.drawLine(line, this.left + indent, this.y, style);
      this.y -= style.leading;
    });
  }

  paragraph(content: Content, opts: { style?: Style; after?: number; bold?: boolean; color?: RGB } = {}): void {
    const style = opts.style ?? TYPE.body;
    this.flow(this.wrap(content, this.width, style.size, opts), style);
    this.space(opts.after ?? 6);
  }

  paragraphs(texts: string[]): void {
    for (const text of texts) this.paragraph(text);
  }

  /** Bullets, or 1., 2., … with `numbered`. */
  list(items: Content[], opts: { numbered?: boolean } = {}): void {
    const indent = 16;
    items.forEach((item, i) => {
      const marker: Piece = {
        text: opts.numbered ? `${i + 1}.` : "•",
        font: this.font(opts.numbered),
        color: opts.numbered ? COLORS.ink : COLORS.accent,
      };
      this.flow(this.wrap(item, this.width - indent, TYPE.body.size), TYPE.body, indent, marker);
      this.space(3);
    });
    this.space(4);
  }

  // -- headings ------------------------------------------------------------------------

  /** Authority and department on the left, the city's name on the right, a rule below. */
  letterhead(authority: string, department: string, cityName: string): void {
    const city = { size: 16, font: this.font(true) };
    const cityWidth = city.font.widthOfTextAtSize(cityName, city.size);
    this.canvas.drawText(cityName, {
      ...city,
      x: MARGIN.left + CONTENT_WIDTH - cityWidth,
      y: this.y - 15,
      color: COLORS.accent,
    });
    const room = CONTENT_WIDTH - cityWidth - 24;
    const styles = { authority: { size: 12.5, leading: 16 }, department: { size: 10.5, leading: 14 } };
    this.flow(this.wrap(authority, room, styles.authority.size, { bold: true }), styles.authority);
    this.flow(this.wrap(department, room, styles.department.size, { color: COLORS.muted }), styles.department);
    this.y -= 10;
    const rule = { x: MARGIN.left, y: this.y - 1.5, width: CONTENT_WIDTH, height: 1.5 };
    this.canvas.drawRectangle({ ...rule, color: COLORS.accent });
    this.y -= 26;
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
    this.flow(linesAt(wide), style);
    this.space(12);
  }

  /** A numbered section heading, kept together with the first lines after it. */
  section(text: string): void {
    this.sectionNumber += 1;
    const lines = this.wrap(`${this.sectionNumber}  ${text}`, this.width, TYPE.section.size, {
      bold: true,
      color: COLORS.accent,
    });
    this.space(14);
    this.ensure(lines.length * TYPE.section.leading + 8 + 3 * TYPE.body.leading);
    this.flow(lines, TYPE.section);
    this.canvas.drawRectangle({ x: MARGIN.left, y: this.y - 2, width: CONTENT_WIDTH, height: 0.6, color: COLORS.rule });
    this.y -= 8;
  }

  subheading(text: string): void {
    const lines = this.wrap(text, this.width, TYPE.subheading.size, { bold: true });
    this.space(6);
    this.ensure(lines.length * TYPE.subheading.leading + 3 * TYPE.body.leading);
    this.flow(lines, TYPE.subheading);
    this.space(3);
  }

  /** A tinted box with a coloured bar: the demo notice, the illustrative notice. */
  notice(
    kind: keyof typeof BOXES,
    heading: string,
    body: string[],
    list?: { label: string; items: string[] },
  ): void {
    this.space(8);
    this.keepTogether(() => {
      this.ensure(3 * TYPE.body.leading + 2 * BOX_PADDING);
      this.box = BOXES[kind];
      this.paintBox(BOX_PADDING);
      this.y -= BOX_PADDING;
      this.paragraph(heading, { bold: true, style: TYPE.subheading, after: 4 });
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
   *  (if the columns have headers) is repeated on every page the table runs onto. */
  table(columns: Column[], rows: Content[][]): void {
    const widths = columns.map((c) => c.width * this.width);
    const hasHeader = columns.some((c) => c.header);
    const header = () => {
      const cells = columns.map((c, i) =>
        this.wrap(c.header ?? "", widths[i] - 2 * CELL_PADDING.x, TYPE.tableHeader.size, {
          bold: true,
          color: COLORS.muted,
        }),
      );
      this.row(cells, widths, columns, TYPE.tableHeader, COLORS.headerFill);
    };
    const wrapCell = (cell: Content, i: number) => this.wrap(cell, widths[i] - 2 * CELL_PADDING.x, TYPE.table.size);
    const body = rows.map((row) => row.map(wrapCell));
    const height = (cells: Line[][], style: Style) =>
      Math.max(...cells.map((c) => c.length)) * style.leading + 2 * CELL_PADDING.y;
    this.space(2);
    if (hasHeader) {
      this.ensure(TYPE.tableHeader.leading + 2 * CELL_PADDING.y + (body.length ? height(body[0], TYPE.table) : 0));
      header();
    }
    for (const cells of body) {
      if (this.y - height(cells, TYPE.table) < MARGIN.bottom && !this.atTop) {
        this.newPage();
        if (hasHeader) header();
      }
      this.row(cells, widths, columns, TYPE.table);
    }
    this.space(10);
  }

  private row(cells: Line[][], widths: number[], columns: Column[], style: Style, fill?: RGB): void {
    const height = Math.max(...cells.map((c) => c.length)) * style.leading + 2 * CELL_PADDING.y;
    if (fill) this.canvas.drawRectangle({ x: this.left, y: this.y - height, width: this.width, height, color: fill });
    let x = this.left;
    cells.forEach((lines, i) => {
      lines.forEach((line, j) => {
        const inner = widths[i] - 2 * CELL_PADDING.x;
        const offset = columns[i].align === "right" ? inner - line.width : 0;
        this.drawLine(line, x + CELL_PADDING.x + offset, this.y - CELL_PADDING.y - j * style.leading, style);
      });
      x += widths[i];
    });
    this.y -= height;
    this.canvas.drawRectangle({ x: this.left, y: this.y, width: this.width, height: 0.5, color: COLORS.rule });
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
    const right = MARGIN.left + CONTENT_WIDTH;
    this.pages.forEach((page, i) => {
      const small = (text: string, x: number, y: number) =>
        page.drawText(text, { x, y, size, font: regular, color: COLORS.muted });
      if (i > 0) {
        small(fit(opts.runningHeader, regular, size, CONTENT_WIDTH), MARGIN.left, PAGE.height - 40);
        const rule = { x: MARGIN.left, y: PAGE.height - 46, width: CONTENT_WIDTH, height: 0.5 };
        page.drawRectangle({ ...rule, color: COLORS.rule });
      }
      const footerTop = MARGIN.bottom - 24;
      page.drawRectangle({ x: MARGIN.left, y: footerTop, width: CONTENT_WIDTH, height: 0.5, color: COLORS.rule });
      const label = opts.pageLabel(i + 1, this.pages.length);
      const labelWidth = regular.widthOfTextAtSize(label, size);
      small(label, right - labelWidth, footerTop - 12);
      const room = CONTENT_WIDTH - labelWidth - 24;
      small(fit(opts.footerLeft, regular, size, room), MARGIN.left, footerTop - 12);
      small(fit(opts.footerUrl, regular, size, room), MARGIN.left, footerTop - 12 - TYPE.small.leading);
    });
  }
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

/** Shortens `text` with an ellipsis until it fits `width`. */
function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let chars = [...text];
  while (chars.length && font.widthOfTextAtSize(`${chars.join("")}…`, size) > width) chars = chars.slice(0, -1);
  return `${chars.join("")}…`;
}
