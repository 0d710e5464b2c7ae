// The award letters' PDF read back: every part of the letter in order, and the head where
// DIN 5008 form B puts it (positions from the text items, in mm from the page's top left).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { extractText, extractTextItems, getMeta, type StructuredTextItem } from "unpdf";
import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { documentFacts, textOfMarkup, textOfPdf } from "../../tests/support/documents";
import { LETTER_INPUT, LOST, expectInOrder } from "../../tests/support/letters";
import { expectTaggedPdfA, readTaggedPages } from "../../tests/support/tagged-pdf";
import { printable } from "../documents/pdf.server";
import { awardDocument, cancellationDocument, noticeText, preInformationDocument, rejectionDocument } from "./letters";
import { noticeFileName, renderNoticePdf } from "./letters-pdf.server";

const t = translator("de");
const MM = 72 / 25.4;
const PAGE_HEIGHT = 841.89;
const OPTIONS = { cityName: "Landeshauptstadt Dresden", publicUrl: "https://portal.example/aufrufe/x" };
const cancellation = cancellationDocument({ ...LETTER_INPUT, lotLabel: LOST.lotLabel, reason: "Der Bedarf wird im Modellprojekt gedeckt." }, t);

/** The text with every kind of space as one space (the sender line's parts keep theirs unbroken). */
const plain = (text: string) => text.replace(/\s+/g, " ");

/** A text item's place: left edge and baseline, in mm from the page's left and top edges. */
function place(item: StructuredTextItem) {
  return { left: item.x / MM, top: (PAGE_HEIGHT - item.y) / MM };
}

function item(items: StructuredTextItem[], text: string): StructuredTextItem {
  const found = items.find((i) => plain(i.str) === text);
  if (!found) throw new Error(`no text item "${text}" among: ${items.map((i) => i.str).filter(Boolean).join(" / ")}`);
  return found;
}

describe("the PDF of a letter", () => {
  it("is a tagged PDF/A-2b whose head reads letterhead, sender line, address and information block before the subject, its H1", async () => {
    const pdf = await renderNoticePdf(cancellation, OPTIONS);
    await expectTaggedPdfA(pdf, { title: cancellation.title, language: "de" });
    const pages = await readTaggedPages(pdf);
    for (const page of pages) expect(page.unmarked).toEqual([]);
    const texts = pages[0].document.children.map((e) => [e.role, plain(e.text)]);
    const subject = texts.findIndex(([role]) => role === "H1");
    expect(texts[subject]).toEqual(["H1", "Aufhebung eines Loses – Aufruf X"]);
    expect(texts.slice(0, subject).every(([role]) => role === "P")).toBe(true);
    const head = texts.slice(0, subject).map(([, text]) => text);
    expect(head.indexOf("Landeshauptstadt Dresden, Sozialamt, Junghansstraße 2, 01277 Dresden")).toBeLessThan(head.indexOf("Gamma e. V. Königsbrücker Straße 12 01099 Dresden"));
    expect(head.indexOf("Gamma e. V. Königsbrücker Straße 12 01099 Dresden")).toBeLessThan(head.indexOf("Aktenzeichen"));
    expect(head[head.indexOf("Aktenzeichen") + 1]).toBe("50.21-IB/2017-001");
    expect(texts[subject + 1]).toEqual(["P", "Sehr geehrte Damen und Herren,"]);
  });

  it("reads back letterhead, sender line, address, reference line, subject, salutation, body, closing with the office and the note, in this order", async () => {
    const pdf = await renderNoticePdf(cancellation, OPTIONS);
    const text = plain((await extractText(pdf.slice(), { mergePages: true })).text);
    const parts = [
      "Landeshauptstadt Dresden Sozialamt",
      "Landeshauptstadt Dresden, Sozialamt, Junghansstraße 2, 01277 Dresden",
      "Gamma e. V. Königsbrücker Straße 12 01099 Dresden",
      "Aktenzeichen 50.21-IB/2017-001",
      "Kontakt Vergabestelle Soziale Betreuung Telefon 0351 000000 E-Mail vergabe@example.org",
      "Datum 1. April 2017",
      "Aufhebung eines Loses – Aufruf X",
      "Sehr geehrte Damen und Herren,",
      "Sie haben sich am Aufruf „Aufruf X“ beteiligt. In diesem Aufruf ist Los 2: Flüchtlingssozialarbeit, Region Nord aufgehoben.",
      "Grund der Aufhebung: Der Bedarf wird im Modellprojekt gedeckt.",
      "Mit freundlichen Grüßen Landeshauptstadt Dresden Sozialamt Vergabestelle Soziale Betreuung Junghansstraße 2 01277 Dresden",
      "Dieses Schreiben wurde elektronisch erstellt und ist ohne Unterschrift gültig.",
    ];
    expectInOrder(text, parts);
    const meta = await getMeta(pdf.slice());
    expect(meta.info.Title).toBe("Aufhebung – Aufruf X");
    expect(noticeFileName(cancellation.kind, "dresden-2017")).toBe("aufhebung-dresden-2017.pdf");
  });

  it("sets the head as DIN 5008 form B does: sender line and address in the window field, the information block at the right, the subject below", async () => {
    const { items } = await extractTextItems((await renderNoticePdf(cancellation, OPTIONS)).slice());
    const first = items[0];
    // Address field: 20 mm from the left, 45 to 90 mm from the top; its text 5 mm in.
    const sender = place(item(first, "Landeshauptstadt Dresden, Sozialamt, Junghansstraße 2, 01277 Dresden"));
    expect(sender.left).toBeCloseTo(25, 1);
    expect(sender.top).toBeGreaterThan(45);
    expect(sender.top).toBeLessThan(62.7);
    const address = ["Gamma e. V.", "Königsbrücker Straße 12", "01099 Dresden"].map((line) => place(item(first, line)));
    for (const line of address) {
      expect(line.left).toBeCloseTo(25, 1);
      expect(line.top).toBeGreaterThan(62.7);
      expect(line.top).toBeLessThan(90);
    }
    // Information block: 125 mm from the left, from 50 mm down, above the fold at 105 mm.
    for (const label of ["Aktenzeichen", "50.21-IB/2017-001", "Datum", "1. April 2017"]) {
      const at = place(item(first, label));
      expect(at.left).toBeCloseTo(125, 1);
      expect(at.top).toBeGreaterThan(50);
      expect(at.top).toBeLessThan(98.4);
    }
    // The text begins below the address field at the left margin of 25 mm.
    const subject = place(item(first, "Aufhebung eines Loses – Aufruf X"));
    expect(subject.left).toBeCloseTo(25, 1);
    expect(subject.top).toBeGreaterThan(90);
    expect(place(item(first, "Sehr geehrte Damen und Herren,")).top).toBeGreaterThan(subject.top);
  });

  it("carries every fact of each kind of letter that its page shows (the stored text): names, amounts, scores, dates, reasons", async () => {
    const won = { ...LOST, lotLabel: "Los 1: Regionalkoordination, Region Nord", status: "awarded" as const, awardedHundredths: 150, winners: [], comparison: null };
    const letters = [
      { doc: preInformationDocument({ ...LETTER_INPUT, call: { ...LETTER_INPUT.call, isDemo: true }, lots: [LOST, won], earliestAwardAt: new Date("2017-04-11T22:00:00Z") }, t), shows: ["3,50", "4,75", "25 %", "Alpha e. V."] },
      { doc: awardDocument({ ...LETTER_INPUT, lots: [won, LOST] }, t), shows: ["1,50", won.lotLabel] },
      { doc: rejectionDocument({ ...LETTER_INPUT, lots: [LOST] }, t), shows: [LOST.lotLabel, "Rang 3: nicht berücksichtigt, Bedarf gedeckt"] },
      { doc: cancellation, shows: ["Der Bedarf wird im Modellprojekt gedeckt.", "1. April 2017"] },
    ];
    for (const { doc, shows } of letters) {
      const facts = documentFacts(doc, { locale: "de", t });
      // The carrier's and the officers' pages show a letter as its stored text (traeger._index, zuschlag).
      const page = textOfMarkup(renderToStaticMarkup(createElement("pre", { className: "kern-body notice-text" }, noticeText(doc))));
      const printed = await textOfPdf(await renderNoticePdf(doc, OPTIONS));
      for (const fact of shows) expect(facts.some((f) => f.includes(fact)), `${doc.kind}: ${fact}`).toBe(true);
      expect(facts.filter((f) => !printed.includes(printable(f))), `${doc.kind}: missing in the PDF`).toEqual([]);
      expect(facts.filter((f) => !page.includes(f)), `${doc.kind}: missing on the page`).toEqual([]);
    }
  });

  it("keeps the greeting with the office when the letter runs onto a second page", async () => {
    // With one lost lot the body ends a few lines above the bottom of the first page.
    const doc = preInformationDocument({ ...LETTER_INPUT, lots: [LOST], earliestAwardAt: new Date("2017-04-11T22:00:00Z") }, t);
    const { items, totalPages } = await extractTextItems((await renderNoticePdf(doc, OPTIONS)).slice());
    expect(totalPages).toBeGreaterThan(1);
    const pageOf = (text: string) => items.findIndex((page) => page.some((i) => plain(i.str) === text));
    const greeting = pageOf("Mit freundlichen Grüßen");
    expect(greeting).toBeGreaterThanOrEqual(0);
    // The office's last line (on page 1 "01277 Dresden" is only part of the sender line).
    expect(items[greeting].map((i) => plain(i.str))).toContain("01277 Dresden");
  });
});
