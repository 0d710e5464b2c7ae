import { readFileSync } from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from "pdf-lib";
import { extractText, getMeta } from "unpdf";
import { describe, expect, it } from "vitest";
import { allElements, expectTaggedPdfA, readTaggedPages, textOf as textOfElement } from "../../tests/support/tagged-pdf";
import { formatDate, formatDateTime } from "../i18n/format";
import { parseCallDefinition } from "./call-definition";
import { renderCallPdf } from "./call-pdf.server";
import type { CallView } from "./call-view";
import { callViewFromDefinition } from "./call-view-from-definition";

function dresden(): CallView {
  const json = JSON.parse(readFileSync(path.resolve("app/calls/dresden-2017.json"), "utf8"));
  const result = parseCallDefinition(json);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return callViewFromDefinition(result.definition);
}

const generatedAt = new Date("2017-01-27T09:30:00Z");
const options = {
  locale: "de" as const,
  generatedAt,
  cityName: "Dresden",
  publicUrl: "https://portal.example.org/aufrufe/dresden-2017",
};

/** The text of all pages, with every run of white space as one space. */
async function textOf(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
  return text.replace(/\s+/g, " ");
}

describe("renderCallPdf", () => {
  it("prints Dresden's call with regions, roles, 16 lots, the staffing key and weighted criteria", async () => {
    const call = dresden();
    const text = await textOf(await renderCallPdf(call, options));

    expect(text).toContain(call.title);
    for (const role of call.roles) expect(text).toContain(role.name);
    for (const region of call.regions) expect(text).toContain(region.name);
    expect(call.lots).toHaveLength(16);
    for (let n = 1; n <= 16; n++) expect(text).toContain(`Los ${n} `);
    expect(text).not.toContain("Los 17");
    expect(text).toContain("80 Geflüchtete je Vollzeitstelle");
    expect(text).toContain("16 Lose nach Region und Leistung");
    for (const c of call.criteria) {
      const roles = c.roleCodes === null ? "alle Leistungen" : c.roleCodes.map((code) => call.roles.find((r) => r.code === code)!.name).join(", ");
      expect(text).toContain(`${c.name} ${roles} ${c.weightPercent} %`); // the weights table, with the services
      expect(text).toContain(`${c.name} (${c.weightPercent} %)`); // the heading of its description
    }
    expect(text).toContain("Seite 1 von");
    expect(text).toContain(`Erstellt am ${formatDateTime(generatedAt, "de")}`);
    expect(text).toContain(options.publicUrl);
  });

  it("prints the minimum pay group of each role, a full-time post's weekly hours, that the list is illustrative, and the cost rule with why", async () => {
    const call = dresden();
    const text = await textOf(await renderCallPdf(call, options));
    expect(text).toContain("Mindestentgeltgruppen je Leistung (TVöD SuE)");
    for (const role of call.roles) expect(text).toContain(`${role.name} ${role.minPayGroup}`); // the floors table
    expect(text).toContain("Mindestentgeltgruppe: S 12 (TVöD SuE)");
    expect(text).toContain("Verlangt ist eine Vergütung nach Tarif (TVöD SuE) oder eine gleichwertige Vergütung");
    expect(text).toContain("Eine Vollzeitstelle hat 39 Wochenstunden.");
    expect(text).toContain("die Wochenstunden einer Vollzeitstelle sind für dieses Portal gewählt und illustrativ");
    expect(text).toContain("Kostenregel");
    expect(text).toContain("Die Personalkosten werden nicht gewertet.");
    for (const reason of call.costRule!.reason) expect(text).toContain(reason);
  });

  it("prints every point of each criterion's scale with its meaning, the price formula and the rules for questions", async () => {
    const call = dresden();
    const text = await textOf(await renderCallPdf(call, options));
    for (const c of call.criteria) for (const point of c.scale) expect(text).toContain(`${point.points} Punkte ${point.meaning}`);
    for (const rule of call.texts.questionRules) expect(text).toContain(rule);
    expect(text).toContain(call.criteria.find((c) => c.priceFormula)!.priceFormula!);
  });

  it("numbers the pages as 'Seite X von Y' with the right total on every page", async () => {
    const { text, totalPages } = await extractText(await renderCallPdf(dresden(), options), { mergePages: false });
    expect(totalPages).toBeGreaterThan(1);
    text.forEach((page, i) => expect(page).toContain(`Seite ${i + 1} von ${totalPages}`));
  });

  it("gives back a Unicode contact name exactly as written", async () => {
    const call = dresden();
    const name = "Łódź-Hilfe gGmbH – Ünal & Søren";
    call.texts.contact = { ...call.texts.contact, name };
    call.regions[1] = { ...call.regions[1], description: `Betreut von ${name}.` };
    const text = await textOf(await renderCallPdf(call, options));
    expect(text).toContain(name);
    expect(text).toContain(`Betreut von ${name}.`);
  });

  it("embeds subsetted fonts, so the file starts with %PDF- and stays small", async () => {
    const bytes = await renderCallPdf(dresden(), options);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    expect(bytes.byteLength).toBeLessThan(400_000);
  });

  // Text extraction only reads the ToUnicode map; a broken subset can extract fine and still
  // print blank glyphs (as fontkit's subset of Google's hinted Fira Sans TTF did).
  it("embeds font subsets whose glyph outlines all decode", async () => {
    const pdf = await PDFDocument.load(await renderCallPdf(dresden(), options));
    const fonts = pdf.context
      .enumerateIndirectObjects()
      .map(([, object]) => (object instanceof PDFDict ? object.get(PDFName.of("FontFile2")) : undefined))
      .map((ref) => ref && pdf.context.lookup(ref))
      .filter((stream) => stream instanceof PDFRawStream)
      .map((stream) => fontkit.create(decodePDFRawStream(stream).decode()));
    expect(fonts).toHaveLength(2);
    for (const font of fonts) {
      expect(font.numGlyphs).toBeGreaterThan(60);
      for (let id = 0; id < font.numGlyphs; id++) expect(() => font.getGlyph(id).path).not.toThrow();
    }
  });

  it("marks a demo call visibly", async () => {
    const call = { ...dresden(), isDemo: true };
    const text = await textOf(await renderCallPdf(call, options));
    expect(text).toContain("Demonstration – kein echtes Verfahren");
    const plain = await textOf(await renderCallPdf(dresden(), options));
    expect(plain).not.toContain("Demonstration");
  });

  it("is a tagged PDF/A-2b: title, language, an sRGB output intent, and headings, paragraphs, lists and tables in the order printed", async () => {
    const call = dresden();
    const bytes = await renderCallPdf(call, options);
    await expectTaggedPdfA(bytes, { title: call.title, language: "de" });
    const pages = await readTaggedPages(bytes);
    for (const page of pages) expect(page.unmarked).toEqual([]);
    // Running header, page number, date and address are artifacts, not text to read.
    expect(pages[0].artifacts.join(" ")).toContain(`Seite 1 von ${pages.length}`);
    expect(pages[1].artifacts.join(" ")).toContain(options.publicUrl);

    // The first page reads as printed: the office, the city, the title, the lead, the first section.
    const first = pages[0].document.children;
    expect(first.slice(0, 5).map((e) => [e.role, e.text])).toEqual([
      ["P", call.authority],
      ["P", call.department],
      ["P", "Dresden"],
      ["H1", call.title],
      ["P", expect.stringContaining("ruft freie Träger auf")],
    ]);
    const all = allElements(pages);
    const roles = new Set(all.map((e) => e.role));
    for (const role of ["Sect", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD"]) expect(roles).toContain(role);
    expect(all.filter((e) => e.role === "H2").map((e) => e.text)).toContain("1 Termine und Fristen");

    // The lots' table: a header row of TH, then a row per lot headed by the lot.
    const lots = all.find((e) => e.role === "Table" && textOfElement(e.children[0]) === "Los Region Leistung")!;
    expect(lots.children[0].children.map((c) => c.role)).toEqual(["TH", "TH", "TH"]);
    expect(lots.children[1].children.map((c) => [c.role, c.text])).toEqual([
      ["TH", "Los 1"],
      ["TD", "Region Nord"],
      ["TD", "Regionalkoordination"],
    ]);
    // A list item: its bullet as label, its text as body.
    const item = all.find((e) => e.role === "LI")!;
    expect(item.children.map((c) => c.role)).toEqual(["Lbl", "LBody"]);
    expect(item.children[0].text).toBe("•");
  });

  it("sets title, author, language and creation date as document metadata", async () => {
    const call = dresden();
    const { info } = await getMeta(await renderCallPdf(call, options), { parseDates: true });
    expect(info.Title).toBe(call.title);
    expect(info.Author).toBe(call.authority);
    expect(info.Language).toBe("de");
    expect((info.CreationDate as Date).getTime()).toBe(generatedAt.getTime());
  });

  it("prints its labels in English for the English locale", async () => {
    const text = await textOf(await renderCallPdf(dresden(), { ...options, locale: "en" }));
    expect(text).toContain("Page 1 of");
    expect(text).toContain("Lot 16");
    expect(text).toContain(`Generated on ${formatDateTime(generatedAt, "en")}`);
    expect(text).not.toContain("Seite 1 von");
  });

  it("reads back each document's own characters, also after the process printed others in the same font", async () => {
    // The shaping of a text is reused across documents (app/infra/pdf.server.ts); a glyph
    // object shared by two documents once turned the English closing quote into a "Z".
    await renderCallPdf(dresden(), options);
    const english = await textOf(await renderCallPdf(dresden(), { ...options, locale: "en" }));
    expect(english).toContain("Scored under the criterion “Fachliches Konzept und Methoden” (25 %).");
    const german = await textOf(await renderCallPdf(dresden(), options));
    expect(german).toContain("Bewertet im Kriterium „Fachliches Konzept und Methoden“ (25 %).");
  });

  it("prints amendments with their number and date", async () => {
    const call = dresden();
    call.amendments = [
      {
        number: 1,
        title: "Frist für Fragen verlängert",
        body: "Die Frist für Fragen endet eine Woche später.",
        reason: "Viele Rückfragen",
        publishedAt: new Date("2017-02-10T10:00:00+01:00"),
      },
    ];
    const text = await textOf(await renderCallPdf(call, options));
    expect(text).toContain(`Änderung 1 vom ${formatDate(call.amendments[0].publishedAt, "de")}: Frist für Fragen verlängert`);
    expect(text).toContain("Grund: Viele Rückfragen");
  });
});
