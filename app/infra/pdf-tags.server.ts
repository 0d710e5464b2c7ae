// The structure tree of a tagged PDF (ISO 32000-1 § 14.7–14.8), which pdf-lib cannot write:
// the layout (./pdf.server.ts) opens an element for each heading, paragraph, list and table
// cell as it sets them, and draws their text through `mark`, which wraps it in marked content
// (`/P <</MCID n>> BDC … EMC`) tied to the element; rules, tints and the running header and
// footer are drawn through `artifact`. `write` then builds the StructTreeRoot, one StructElem
// per element (kids in the order they were set, which is the reading order as printed), the
// ParentTree from each page's MCIDs back to their elements, and /StructParents on each page.
// A sequence of marked content stays open while the same element goes on drawing on the same
// page (a paragraph's lines), so that a page holds one sequence per element, not one per line.
// docs/decisions/0038-pdf-a-and-tagged-pdfs.md.
import type * as PdfLib from "pdf-lib";
import type { PDFDocument, PDFPage, PDFRef } from "pdf-lib";

export type PdfLibModule = typeof PdfLib;

/** The standard structure types (ISO 32000-1 § 14.8.4) the portal's documents use. */
export type StructType =
  | "Document"
  | "Sect"
  | "H1"
  | "H2"
  | "H3"
  | "H4"
  | "H5"
  | "H6"
  | "P"
  | "L"
  | "LI"
  | "Lbl"
  | "LBody"
  | "Table"
  | "TR"
  | "TH"
  | "TD";

/** A header cell heads its column or its row (the attribute /Scope of the Table owner). */
export type Scope = "Column" | "Row";

export type StructElem = { type: StructType; scope?: Scope; kids: (StructElem | MarkedContent)[] };
type MarkedContent = { page: PDFPage; mcid: number };

/** A heading's structure type for its level, 1 to 6. */
export function headingType(level: number): StructType {
  return `H${Math.min(6, Math.max(1, level))}` as StructType;
}

export class StructureTree {
  private readonly root: StructElem = { type: "Document", kids: [] };
  private readonly parents: StructElem[] = [];
  private current: StructElem = this.root;
  /** The marked-content sequence being written, if any. */
  private open: { page: PDFPage; elem: StructElem } | null = null;
  /** Per page, in MCID order, the element each sequence belongs to. */
  private readonly pages = new Map<PDFPage, StructElem[]>();
  private readonly operators: {
    bdc: (tag: string, mcid: number) => PdfLib.PDFOperator;
    bmc: (properties?: string) => PdfLib.PDFOperator;
    emc: PdfLib.PDFOperator;
  };

  constructor(
    private readonly lib: PdfLibModule,
    private readonly doc: PDFDocument,
  ) {
    const { PDFOperator, PDFOperatorNames: Op, PDFName } = lib;
    const artifact = PDFName.of("Artifact");
    this.operators = {
      bdc: (tag, mcid) => PDFOperator.of(Op.BeginMarkedContentSequence, [PDFName.of(tag), `<</MCID ${mcid}>>`]),
      bmc: (properties) =>
        properties
          ? PDFOperator.of(Op.BeginMarkedContentSequence, [artifact, properties])
          : PDFOperator.of(Op.BeginMarkedContent, [artifact]),
      emc: PDFOperator.of(Op.EndMarkedContent),
    };
  }

  /** A new element, the last child of the current one, and the current one until `end`. */
  begin(type: StructType, scope?: Scope): StructElem {
    const elem = this.child(type, scope);
    this.parents.push(this.current);
    this.current = elem;
    return elem;
  }

  end(): void {
    const parent = this.parents.pop();
    if (!parent) throw new Error("pdf tags: end() without begin()");
    this.current = parent;
  }

  /** A new element, the last child of the current one, that does not become current. */
  child(type: StructType, scope?: Scope): StructElem {
    const elem: StructElem = scope ? { type, scope, kids: [] } : { type, kids: [] };
    this.current.kids.push(elem);
    return elem;
  }

  /** Draws content of `elem` (by default the current element) on `page`. */
  mark(page: PDFPage, draw: () => void, elem: StructElem = this.current): void {
    if (this.open && (this.open.page !== page || this.open.elem !== elem)) this.close();
    if (!this.open) {
      let mcids = this.pages.get(page);
      if (!mcids) this.pages.set(page, (mcids = []));
      const mcid = mcids.length;
      mcids.push(elem);
      elem.kids.push({ page, mcid });
      page.pushOperators(this.operators.bdc(elem.type, mcid));
      this.open = { page, elem };
    }
    draw();
  }

  /** Draws what is not content (a rule, a tint, a page number): `pagination` names a running header or footer. */
  artifact(page: PDFPage, draw: () => void, pagination?: "Header" | "Footer"): void {
    this.close();
    page.pushOperators(this.operators.bmc(pagination && `<</Type /Pagination /Subtype /${pagination}>>`));
    draw();
    page.pushOperators(this.operators.emc);
  }

  /** Ends the open marked-content sequence. */
  close(): void {
    if (!this.open) return;
    this.open.page.pushOperators(this.operators.emc);
    this.open = null;
  }

  /** Writes the structure tree, the parent tree and the catalog's /MarkInfo. */
  write(): void {
    this.close();
    if (this.parents.length) throw new Error("pdf tags: an element was not ended");
    const { PDFArray, PDFDict, PDFName, PDFNumber } = this.lib;
    const context = this.doc.context;
    const refs = new Map<StructElem, PDFRef>();
    const assign = (elem: StructElem) => {
      refs.set(elem, context.nextRef());
      for (const kid of elem.kids) if ("kids" in kid) assign(kid);
    };
    assign(this.root);

    // Names made once: PDFName.of decodes its text on every call, and a table has thousands of cells.
    const name = memo((text: string) => PDFName.of(text));
    const [Type, StructElem, S, P, K, Pg, A, MCR, MCID, O, Table, Scope] = ["Type", "StructElem", "S", "P", "K", "Pg", "A", "MCR", "MCID", "O", "Table", "Scope"].map(name);
    const rootRef = context.nextRef();
    const write = (elem: StructElem, parent: PDFRef) => {
      // /Pg names the page of the element's first content; content on other pages says its page.
      const first = elem.kids.find((k): k is MarkedContent => !("kids" in k));
      const kids = PDFArray.withContext(context);
      for (const kid of elem.kids) {
        if ("kids" in kid) kids.push(refs.get(kid)!);
        else if (kid.page === first?.page) kids.push(PDFNumber.of(kid.mcid));
        else kids.push(PDFDict.fromMapWithContext(new Map<PdfLib.PDFName, PdfLib.PDFObject>([[Type, MCR], [Pg, kid.page.ref], [MCID, PDFNumber.of(kid.mcid)]]), context));
      }
      const entries = new Map<PdfLib.PDFName, PdfLib.PDFObject>([[Type, StructElem], [S, name(elem.type)], [P, parent], [K, kids]]);
      if (first) entries.set(Pg, first.page.ref);
      if (elem.scope) entries.set(A, PDFDict.fromMapWithContext(new Map([[O, Table], [Scope, name(elem.scope)]]), context));
      const ref = refs.get(elem)!;
      context.assign(ref, PDFDict.fromMapWithContext(entries, context));
      for (const kid of elem.kids) if ("kids" in kid) write(kid, ref);
    };
    write(this.root, rootRef);

    const nums: (PdfLib.PDFNumber | PdfLib.PDFArray)[] = [];
    let key = 0;
    for (const page of this.doc.getPages()) {
      const mcids = this.pages.get(page);
      if (!mcids) continue;
      page.node.set(PDFName.of("StructParents"), PDFNumber.of(key));
      nums.push(PDFNumber.of(key), context.obj(mcids.map((elem) => refs.get(elem)!)));
      key += 1;
    }
    context.assign(
      rootRef,
      context.obj({
        Type: "StructTreeRoot",
        K: refs.get(this.root)!,
        ParentTree: context.obj({ Nums: nums }),
        ParentTreeNextKey: key,
      }),
    );
    const catalog = this.doc.catalog;
    catalog.set(PDFName.of("StructTreeRoot"), rootRef);
    catalog.set(PDFName.of("MarkInfo"), context.obj({ Marked: true }));
  }
}

function memo<T>(make: (key: string) => T): (key: string) => T {
  const made = new Map<string, T>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(key)));
    return value;
  };
}
