// The document model's two renderings side by side, for the test of each document that its
// page and its PDF carry the same facts: the page rendered on the server as the app does
// (inside a root route whose loader chose the locale), the PDF read back with unpdf, and
// every piece of text and every value of the model that both media show.
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { extractText } from "unpdf";
import { expect } from "vitest";
import { DocumentView } from "../../app/components/document-view";
import { blocksFor, cellText, isCovered, isSpan, type Block, type DocumentModel, type Text, type Value } from "../../app/documents/blocks";
import { inlineText, plainText, type Reader } from "../../app/documents/format";
import { printable, renderDocumentPdf } from "../../app/documents/pdf.server";
import { translator, type Locale } from "../../app/i18n";

/**
 * Server-rendered markup of `element` inside a root route whose loader chose `locale`; with
 * `loaderData`, `element` is a route's page below the root and its loader returns that data
 * as JSON, as Remix sends it.
 */
export async function renderPage(element: ReactElement, locale: Locale = "de", loaderData?: unknown): Promise<string> {
  const root = { id: "root", path: "/", loader: () => ({ locale }) };
  const json = loaderData === undefined ? undefined : JSON.parse(JSON.stringify(loaderData));
  const handler = createStaticHandler([
    json === undefined ? { ...root, element } : { ...root, children: [{ id: "page", index: true, loader: () => json, element }] },
  ]);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected response");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}

/** The text a reader sees in markup: tags as spaces, entities decoded, white space folded. */
export function textOfMarkup(markup: string): string {
  return markup
    .replace(/<wbr\/?>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** The text of all pages of a PDF, white space folded. */
export async function textOfPdf(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
  return text.replace(/\s+/g, " ");
}

const fold = (text: string) => text.replace(/\s+/g, " ").trim();
const PUBLIC_URL = "https://portal.example/x";

/**
 * The text of a PDF without what every page repeats (the running header, "Seite X von Y"
 * with the date, the address in the footer), so that a sentence broken by a page break
 * reads on as one.
 */
async function textOfPdfBody(bytes: Uint8Array, doc: DocumentModel, locale: Locale): Promise<string> {
  const t = translator(locale);
  const { text, totalPages } = await extractText(new Uint8Array(bytes), { mergePages: false });
  const body = text.map((page, i) => {
    const pageLabel = t("pdf.footer.page", { page: i + 1, pages: totalPages });
    return page
      .split("\n")
      .filter((line) => line !== doc.runningHeader && line !== PUBLIC_URL && !line.startsWith(pageLabel))
      .join("\n");
  });
  return body.join(" ").replace(/\s+/g, " ");
}

/**
 * Every fact the model gives both media: each piece of text (names, sentences, labels) and
 * each value as the locale writes it (numbers, amounts, dates, checksums). Left out: what
 * only one medium shows, the letterhead (a page inside the portal's frame has none) and the
 * captions of tables (print names a table by its section's heading).
 */
export function documentFacts(doc: DocumentModel, reader: Reader): string[] {
  const facts: string[] = [];
  const text = (t: Text | Value) => {
    if (typeof t === "string" || !Array.isArray(t)) facts.push(plainText(t, reader, " "));
    else for (const inline of t) facts.push(inlineText(inline, reader, " "));
  };
  const walk = (blocks: Block[]) => {
    for (const b of blocksFor(blocksFor(blocks, "page"), "print")) {
      switch (b.kind) {
        case "letterhead":
        case "senderLine":
          break;
        case "title":
        case "lead":
        case "heading":
        case "paragraph":
        case "subject":
        case "salutation":
          text(b.text);
          break;
        case "section":
          text(b.title);
          walk(b.blocks);
          break;
        case "list":
          b.items.forEach(text);
          break;
        case "facts":
          for (const item of b.items.filter((i) => !i.only)) {
            facts.push(item.label);
            if ("address" in item) facts.push(...item.address);
            else if ("list" in item) item.list.forEach(text);
            else text(item.value);
          }
          break;
        case "chart":
        case "lineChart":
          facts.push(b.title);
          walk([b.table]);
          break;
        case "table":
          if (b.captionInPrint) facts.push(b.caption);
          b.columns.forEach((c) => facts.push(c.label));
          for (const row of b.rows) {
            row.forEach((cell, i) => {
              if (isCovered(cell)) return;
              text(cellText(isSpan(cell) ? cell.cell : cell, b.columns[i]));
            });
          }
          if (b.totals) {
            const offset = b.columns.length - b.totals.cells.length;
            facts.push(b.totals.label);
            b.totals.cells.forEach((cell, i) => !isCovered(cell) && text(cellText(isSpan(cell) ? cell.cell : cell, b.columns[offset + i])));
          }
          break;
        case "note":
          if (b.title) text(b.title);
          b.body.forEach(text);
          break;
        case "address":
          b.lines.forEach(text);
          break;
        case "reference":
          for (const [label, value] of b.rows) facts.push(label, value);
          break;
        case "closing":
          facts.push(b.greeting, ...b.office);
          break;
      }
    }
  };
  walk(doc.blocks);
  return [...new Set(facts.map(fold).filter((f) => /[\p{L}\p{N}]/u.test(f)))];
}

/**
 * Renders `doc` as a page (through `page`, the element the app renders, a route's page with
 * its `loaderData`) and as a PDF and checks that every fact of the model is in both. Returns
 * both texts for further checks.
 */
export async function expectSameFacts(doc: DocumentModel, page: ReactElement = createElement(DocumentView, { doc }), locale: Locale = "de", loaderData?: unknown) {
  const markup = await renderPage(page, locale, loaderData);
  const pageText = textOfMarkup(markup);
  const pdf = await renderDocumentPdf(doc, { locale, generatedAt: new Date("2017-03-01T09:00:00Z"), cityName: "Landeshauptstadt Dresden", publicUrl: PUBLIC_URL });
  const pdfText = await textOfPdfBody(pdf, doc, locale);
  const facts = documentFacts(doc, { locale, t: translator(locale) });
  expect(facts.length).toBeGreaterThan(0);
  expect(facts.filter((f) => !pageText.includes(f)), "facts missing on the page").toEqual([]);
  expect(facts.filter((f) => !pdfText.includes(printable(f))), "facts missing in the PDF").toEqual([]);
  return { markup, pageText, pdfText, facts };
}
