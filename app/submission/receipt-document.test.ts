// The receipt's document: the same facts on the page and in the PDF, the page's tables and
// checksums, the helpers that list files, and the receipt's messages.
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { expectSameFacts, renderPage, textOfMarkup } from "../../tests/support/documents";
import { ORGANISATION, file, receiptFixture } from "../../tests/support/receipt";
import { DocumentView } from "../components/document-view";
import { translator, type Locale } from "../i18n";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { receiptMessages } from "../i18n/messages/receipt";
import { allElements, expectTaggedPdfA, readTaggedPages } from "../../tests/support/tagged-pdf";
import { receiptDocument, receiptFileRows } from "./receipt-document";
import { renderReceiptPdf } from "./receipt-pdf.server";
import { snapshotFiles, type Receipt } from "./snapshot";

describe("the receipt's document", () => {
  it("gives the page and the PDF the same facts: number, times, carrier, lots, amounts, every file with its checksum", async () => {
    const receipt = receiptFixture({ withdrawnAt: new Date("2017-03-01T08:15:30Z") });
    const { facts } = await expectSameFacts(receiptDocument(receipt, translator("de")));
    for (const fact of ["EB-2017-K7M2Q-9XH4T", "28. Februar 2017 um 11:59:59 MEZ", "1. März 2017 um 09:15:30 MEZ", ORGANISATION, "153.083,33 €", "233.933,33 €", receipt.contentHash, receipt.auditHead]) {
      expect(facts).toContain(fact);
    }
    for (const f of snapshotFiles(receipt.snapshot)) expect(facts).toContain(f.sha256);
  });

  it("states each lot's FTE with the weekly hours they come from, and the FTE alone for posts saved before hours were asked", async () => {
    // Lot 3: 39 h + 19,5 h = 58,5 h (1,5 FTE); lot 11: 29,25 h (0,75 FTE).
    const receipt = receiptFixture();
    const { pdfText } = await expectSameFacts(receiptDocument(receipt, translator("de")));
    expect(pdfText).toContain("Wochenstunden (= VZÄ)");
    expect(pdfText).toContain("Los 3 Altstadt Soziale Betreuung 58,5 (= 1,5)");
    expect(pdfText).toContain("Los 11 Prohlis Migrationssozialarbeit 29,25 (= 0,75)");
    expect(pdfText).toContain("Summe 87,75 (= 2,25)");
    const older = structuredClone(receipt);
    delete older.snapshot.lots[1].posts[0].weeklyHoursHundredths;
    const { pdfText: olderText } = await expectSameFacts(receiptDocument(older, translator("de")));
    expect(olderText).toContain("Los 11 Prohlis Migrationssozialarbeit – (= 0,75)");
    expect(olderText).toContain("Summe – (= 2,25)");
  });

  it("lists the declarations in Textform with name, role and time to the second, and their text", async () => {
    const { facts } = await expectSameFacts(receiptDocument(receiptFixture(), translator("de")));
    expect(facts).toContain("Erklärung zu Ausschlussgründen");
    expect(facts.join(" ")).toContain("Erika Beispiel (Geschäftsführerin)");
    expect(facts).toContain("27. Februar 2017 um 10:31:02 MEZ");
    expect(facts).toContain("Für unsere Organisation liegt keiner der Ausschlussgründe der §§ 123, 124 GWB vor.");
  });

  it("prints a tagged PDF/A-2b: the title as H1, each part a section with its heading, facts and lots as tables with header cells, the checksums in their rows", async () => {
    const receipt = receiptFixture();
    const doc = receiptDocument(receipt, translator("de"));
    const bytes = await renderReceiptPdf(receipt, { locale: "de", generatedAt: receipt.submittedAt, cityName: "Landeshauptstadt Dresden", publicUrl: "https://portal.example/x" });
    await expectTaggedPdfA(bytes, { title: doc.title, language: "de" });
    const pages = await readTaggedPages(bytes);
    for (const page of pages) expect(page.unmarked).toEqual([]);
    const all = allElements(pages);
    expect(all.filter((e) => e.role === "H1").map((e) => e.text)).toEqual(["Eingangsbestätigung"]);
    // Each section of the model is a Sect headed by its H2 (a Sect that runs onto the next
    // page shows there without its heading).
    const titles = doc.blocks.flatMap((b) => (b.kind === "section" && b.only !== "page" ? [b.title] : []));
    const sections = all.filter((e) => e.role === "Sect" && e.children[0].role === "H2");
    expect(sections.map((s) => s.children[0].text)).toEqual(titles);
    expect(sections[0].children[0].text).toBe("Angaben zum Eingang");
    // The facts: each label heads its row.
    const facts = sections[0].children.find((e) => e.role === "Table")!;
    expect(facts.children[0].children.map((c) => [c.role, c.text])).toEqual([
      ["TH", "Eingangsnummer"],
      ["TD", "EB-2017-K7M2Q-9XH4T"],
    ]);
    // The lots: a header row, a row per lot headed by the lot, the sum.
    const lots = all.find((e) => e.role === "Table" && e.children[0].children[0].text === "Los")!;
    expect(lots.children[0].children.every((c) => c.role === "TH")).toBe(true);
    expect(lots.children.slice(1).map((row) => row.children[0].text)).toEqual(["Los 3", "Los 11", "Summe"]);
    // A file's checksum, printed on a line below its row, is a cell of that row.
    const files = all.find((e) => e.role === "Table" && e.children[0].children[0].text === "Datei")!;
    const [file] = snapshotFiles(receipt.snapshot);
    const row = files.children.find((r) => r.children[0].text === file.name)!;
    expect(row.children.at(-1)).toEqual({ role: "TD", text: `SHA-256 ${file.sha256}`, children: [] });
    expect(all.some((e) => e.role === "P" && e.text.startsWith("Jede Datei ist mit ihrer Prüfsumme"))).toBe(true);
  });

  it("gives both the same facts in English", async () => {
    await expectSameFacts(receiptDocument(receiptFixture(), translator("en")), undefined, "en");
  });
});

describe("the receipt as a page", () => {
  const render = (receipt: Receipt, locale: Locale = "de") =>
    renderPage(createElement(DocumentView, { doc: receiptDocument(receipt, translator(locale)) }), locale);

  it("shows the same content as the PDF, with tables that have captions and scoped headers", async () => {
    const receipt = receiptFixture();
    const html = await render(receipt);
    const text = textOfMarkup(html);
    expect(html).toContain("<h1");
    expect(text).toContain("EB-2017-K7M2Q-9XH4T");
    expect(text).toContain("28. Februar 2017 um 11:59:59 MEZ");
    expect(text).toContain(ORGANISATION);
    expect(text).toContain("Fassung 2");
    expect(html.match(/<caption/g)).toHaveLength(2);
    expect(html).toContain('<th scope="col"');
    expect(html).toContain('<th scope="row"');
    expect(html).toContain('dateTime="2017-02-28T10:59:59.000Z"');
    for (const f of snapshotFiles(receipt.snapshot)) {
      expect(text).toContain(f.name);
      expect(text).toContain(f.sha256);
    }
    expect(text).toContain(receipt.contentHash);
    expect(text).toContain(receipt.auditHead);
    expect(html.match(/<code/g)).toHaveLength(5);
    expect(html).toContain("<wbr/>"); // long hashes may wrap on small screens
    expect(text).toContain("83.500,00 €");
    expect(text).toContain("Diese Bestätigung bestätigt nur den Eingang.");
    expect(text).not.toContain("Zurückgezogen");
  });

  it("shows a withdrawal", async () => {
    const text = textOfMarkup(await render(receiptFixture({ withdrawnAt: new Date("2017-03-01T08:15:30Z") })));
    expect(text).toContain("Zurückgezogen am 1. März 2017 um 09:15:30 MEZ");
  });
});

describe("the receipt's helpers and messages", () => {
  it("formats a time to the second in Europe/Berlin", () => {
    expect(formatDateTimeSeconds(new Date("2017-02-28T10:59:59Z"), "de")).toBe("28. Februar 2017 um 11:59:59 MEZ");
    expect(formatDateTimeSeconds(new Date("2017-02-28T11:00:00Z"), "de")).toBe("28. Februar 2017 um 12:00:00 MEZ");
  });

  it("lists the files in the order of snapshotFiles", () => {
    const s = receiptFixture().snapshot;
    expect(receiptFileRows(s, translator("de")).map((r) => r.file)).toEqual(snapshotFiles(s));
  });

  it("lists the documents in the order of the form with their full names, whatever the order of upload", () => {
    const s = receiptFixture().snapshot;
    const uploaded = {
      ...s,
      lots: s.lots.map((l) => ({ ...l, conceptFile: null })),
      documents: [
        { kind: "declarations" as const, file: file("d", "erklaerungen.pdf", 10) },
        { kind: "references" as const, file: file("r", "referenzen.pdf", 10) },
        { kind: "registerExtract" as const, file: file("e", "register.pdf", 10) },
        { kind: "nonProfitCertificate" as const, file: file("n", "freistellung.pdf", 10) },
      ],
    };
    expect(receiptFileRows(uploaded, translator("de")).map((r) => [r.kind, r.file.name])).toEqual([
      ["Registerauszug", "register.pdf"],
      ["Nachweis der Gemeinnützigkeit", "freistellung.pdf"],
      ["Referenzen", "referenzen.pdf"],
      ["Weitere unterschriebene Erklärungen", "erklaerungen.pdf"],
    ]);
    expect(snapshotFiles(uploaded).map((f) => f.name)).toEqual(["register.pdf", "freistellung.pdf", "referenzen.pdf", "erklaerungen.pdf"]);
  });

  it("has the same keys and placeholders in German and English", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(receiptMessages.en).sort()).toEqual(Object.keys(receiptMessages.de).sort());
    for (const [key, de] of Object.entries(receiptMessages.de)) {
      expect(key).toMatch(/^receipt\./);
      expect(placeholders(receiptMessages.en[key as keyof typeof receiptMessages.en]), key).toEqual(placeholders(de));
      expect(translator("de")(key as never)).toBe(de);
    }
  });
});

