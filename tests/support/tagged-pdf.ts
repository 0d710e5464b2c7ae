// A PDF read back as an archive and a screen reader would read it, for the tests of tagged
// PDF/A (decision 0038): the structure tree of each page through pdfjs (unpdf bundles it),
// each element with the text of its own marked content; which text is an artifact and which
// is neither; the XMP metadata as pdfjs parses it; and what pdfjs does not expose (the
// catalog's /MarkInfo, /Lang, /ViewerPreferences and /OutputIntents, the /Scope of header
// cells, the trailer's /ID) through pdf-lib's low-level objects.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, decodePDFRawStream } from "pdf-lib";
import { getDocumentProxy } from "unpdf";
import { expect } from "vitest";

/** A structure element: its role, the text of its own content and its children in reading order. */
export type Element = { role: string; text: string; children: Element[] };

export type PageReading = {
  /** The page's Document element (pdfjs gives each page the part of the tree it holds). */
  document: Element;
  /** Text marked as artifact (running header, footer, page number). */
  artifacts: string[];
  /** Text neither in an element's content nor an artifact: there should be none. */
  unmarked: string[];
};

type TextItem = { str: string; hasEOL?: boolean };
type MarkItem = { type: "beginMarkedContent" | "beginMarkedContentProps" | "endMarkedContent"; id?: string; tag?: string };
type PdfjsNode = { role: string; children: (PdfjsNode | { type: string; id: string })[] };

const fold = (text: string) => text.replace(/\s+/g, " ").trim();

/** Every page's structure and marked text, in page order. */
export async function readTaggedPages(bytes: Uint8Array): Promise<PageReading[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages: PageReading[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const texts = new Map<string, string>();
    const artifacts: string[] = [];
    const unmarked: string[] = [];
    const open: MarkItem[] = [];
    for (const item of content.items as (TextItem | MarkItem)[]) {
      if ("type" in item) {
        if (item.type === "endMarkedContent") open.pop();
        else open.push(item);
        continue;
      }
      const str = item.str + (item.hasEOL ? " " : "");
      if (!item.str.trim()) continue;
      const id = [...open].reverse().find((m) => m.id)?.id;
      if (id) texts.set(id, (texts.get(id) ?? "") + str);
      else if (open.some((m) => m.tag === "Artifact")) artifacts.push(fold(str));
      else unmarked.push(fold(str));
    }
    const toElement = (node: PdfjsNode): Element => {
      const children: Element[] = [];
      let text = "";
      for (const kid of node.children) {
        if ("role" in kid) children.push(toElement(kid));
        else text += `${texts.get(kid.id) ?? ""} `;
      }
      return { role: node.role, text: fold(text), children };
    };
    const tree = (await page.getStructTree()) as unknown as PdfjsNode | null;
    const root = tree && toElement(tree);
    const document = root?.children.find((c) => c.role === "Document");
    if (!document) throw new Error(`page ${n} has no structure tree`);
    pages.push({ document, artifacts, unmarked });
  }
  await pdf.destroy();
  return pages;
}

/** The element and all its descendants, in reading order. */
export function elements(element: Element): Element[] {
  return [element, ...element.children.flatMap(elements)];
}

/** An element's text with that of all its descendants. */
export function textOf(element: Element): string {
  return fold([element.text, ...element.children.map(textOf)].join(" "));
}

/** Every element of every page, in reading order. */
export function allElements(pages: PageReading[]): Element[] {
  return pages.flatMap((p) => elements(p.document));
}

export type ArchiveFacts = {
  header: string;
  xmp: { part: string; conformance: string; title: string; language: string; producer: string; createDate: string };
  info: { Title: string; Producer: string; CreationDate: string; ModDate: string };
  marked: boolean;
  lang: string;
  displayDocTitle: boolean;
  outputIntent: { subtype: string; condition: string; profileColorSpace: string; profileComponents: number };
  fileId: number;
  /** BaseFont of every font without an embedded font file (a standard 14 font, say). */
  unembeddedFonts: string[];
  /** /Scope of every TH element in the structure tree. */
  headerScopes: string[];
};

/** What makes the file PDF/A-2b and tagged, read from the file. */
export async function readArchiveFacts(bytes: Uint8Array): Promise<ArchiveFacts> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { info, metadata } = (await pdf.getMetadata()) as unknown as {
    info: Record<string, string>;
    metadata: { get(name: string): unknown } | null;
  };
  await pdf.destroy();
  if (!metadata) throw new Error("no XMP metadata");
  const xmp = (name: string) => String(metadata.get(name) ?? "");

  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const catalog = doc.catalog;
  const text = (x: unknown) => (x instanceof PDFString || x instanceof PDFHexString ? x.decodeText() : x instanceof PDFName ? x.decodeText() : String(x));
  const intents = catalog.lookup(PDFName.of("OutputIntents"), PDFArray);
  const intent = intents.lookup(0, PDFDict);
  const profile = intent.lookup(PDFName.of("DestOutputProfile"));
  if (!(profile instanceof PDFRawStream)) throw new Error("the output intent has no profile stream");
  const icc = decodePDFRawStream(profile).decode();
  const headerScopes: string[] = [];
  const walk = (node: PDFDict) => {
    if (node.get(PDFName.of("S")) === PDFName.of("TH")) {
      const attributes = node.lookupMaybe(PDFName.of("A"), PDFDict);
      headerScopes.push(attributes ? text(attributes.get(PDFName.of("Scope"))) : "none");
    }
    const kids = node.lookup(PDFName.of("K"));
    const list = kids instanceof PDFArray ? kids.asArray() : [node.get(PDFName.of("K"))];
    for (const kid of list) {
      if (!(kid instanceof PDFRef)) continue;
      const elem = doc.context.lookup(kid);
      if (elem instanceof PDFDict) walk(elem);
    }
  };
  walk(catalog.lookup(PDFName.of("StructTreeRoot"), PDFDict));
  const id = doc.context.trailerInfo.ID;
  const unembeddedFonts: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Type")) !== PDFName.of("Font")) continue;
    const subtype = object.get(PDFName.of("Subtype"));
    if (subtype === PDFName.of("Type0")) continue; // its descendant CIDFont is a font object of its own
    const descriptor = object.lookupMaybe(PDFName.of("FontDescriptor"), PDFDict);
    const embedded = ["FontFile", "FontFile2", "FontFile3"].some((key) => descriptor?.has(PDFName.of(key)));
    if (!embedded) unembeddedFonts.push(text(object.get(PDFName.of("BaseFont"))));
  }

  return {
    header: new TextDecoder("latin1").decode(bytes.subarray(0, 8)),
    xmp: {
      part: xmp("pdfaid:part"),
      conformance: xmp("pdfaid:conformance"),
      title: xmp("dc:title"),
      language: xmp("dc:language"),
      producer: xmp("pdf:producer"),
      createDate: xmp("xmp:createdate"),
    },
    info: { Title: info.Title, Producer: info.Producer, CreationDate: info.CreationDate, ModDate: info.ModDate },
    marked: catalog.lookup(PDFName.of("MarkInfo"), PDFDict).get(PDFName.of("Marked"))?.toString() === "true",
    lang: text(catalog.lookup(PDFName.of("Lang"))),
    displayDocTitle: catalog.lookup(PDFName.of("ViewerPreferences"), PDFDict).get(PDFName.of("DisplayDocTitle"))?.toString() === "true",
    outputIntent: {
      subtype: text(intent.get(PDFName.of("S"))),
      condition: text(intent.lookup(PDFName.of("OutputConditionIdentifier"))),
      profileColorSpace: new TextDecoder("latin1").decode(icc.subarray(16, 20)),
      profileComponents: profile.dict.lookup(PDFName.of("N"), PDFNumber).asNumber(),
    },
    fileId: id instanceof PDFArray ? id.size() : 0,
    unembeddedFonts,
    headerScopes,
  };
}

/** The checks every PDF of the portal passes: PDF/A-2b identification, output intent, tagging. */
export async function expectTaggedPdfA(bytes: Uint8Array, expected: { title: string; language: string }): Promise<ArchiveFacts> {
  const facts = await readArchiveFacts(bytes);
  expect(facts.header).toBe("%PDF-1.7");
  expect(facts.xmp).toMatchObject({ part: "2", conformance: "B", title: expected.title, language: expected.language });
  expect(facts.info.Title).toBe(expected.title);
  expect(facts.xmp.producer).toBe(facts.info.Producer);
  // D:YYYYMMDDHHmmSSZ in the information dictionary, the same instant in the XMP.
  const isoOf = (pdfDate: string) => pdfDate.replace(/^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z");
  expect(facts.xmp.createDate).toBe(isoOf(facts.info.CreationDate));
  expect(facts.info.ModDate).toBe(facts.info.CreationDate);
  expect(facts.marked).toBe(true);
  expect(facts.lang).toBe(expected.language);
  expect(facts.displayDocTitle).toBe(true);
  expect(facts.outputIntent).toEqual({ subtype: "GTS_PDFA1", condition: "sRGB IEC61966-2.1", profileColorSpace: "RGB ", profileComponents: 3 });
  expect(facts.fileId).toBe(2);
  expect(facts.unembeddedFonts).toEqual([]);
  for (const scope of facts.headerScopes) expect(["Column", "Row"]).toContain(scope);
  return facts;
}
