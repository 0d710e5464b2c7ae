import { describe, expect, it } from "vitest";
import type { Block } from "../documents/blocks";
import { translator } from "../i18n";
import {
  awardDocument,
  cancellationDocument,
  complaintDecisionDocument,
  noticeMail,
  noticeText,
  preInformationDocument,
  rejectionDocument,
  type LetterInput,
  type LotOutcome,
  type NoticeDocument,
} from "./letters";
import { LETTER_INPUT, LOST, expectInOrder } from "../../tests/support/letters";

const t = translator("de");
const WON: LotOutcome = { ...LOST, lotLabel: "Los 1: Regionalkoordination, Region Nord", status: "awarded", offeredHundredths: 100, awardedHundredths: 100, winners: [], comparison: null };
const EARLIEST = new Date("2017-04-11T22:00:00Z");

const LETTERS: [string, (input: LetterInput) => NoticeDocument][] = [
  ["Vorabinformation", (input) => preInformationDocument({ ...input, lots: [LOST], earliestAwardAt: EARLIEST }, t)],
  ["Zuschlag", (input) => awardDocument({ ...input, lots: [WON, LOST] }, t)],
  ["Absage", (input) => rejectionDocument({ ...input, lots: [LOST] }, t)],
  ["Aufhebung des Aufrufs", (input) => cancellationDocument({ ...input, lotLabel: null, reason: "Die Haushaltsmittel wurden nicht bewilligt." }, t)],
  ["Aufhebung eines Loses", (input) => cancellationDocument({ ...input, lotLabel: LOST.lotLabel, reason: "Der Bedarf entfällt." }, t)],
  [
    "Entscheidung über eine Rüge",
    (input) => complaintDecisionDocument({ ...input, receivedAt: EARLIEST, lotLabels: [LOST.lotLabel], decision: "rejected", reasons: "Die Bewertung ist nachvollziehbar begründet." }, t),
  ],
];

describe("the decision on a complaint", () => {
  const decide = (decision: "upheld" | "partly" | "rejected", lotLabels = [LOST.lotLabel]) =>
    noticeText(complaintDecisionDocument({ ...LETTER_INPUT, receivedAt: EARLIEST, lotLabels, decision, reasons: "Die Gründe der Vergabestelle." }, t));

  it("names the complaint's date and lots, the decision and its reasons, and the review limit unless the complaint is wholly upheld", () => {
    const rejected = decide("rejected");
    expectInOrder(rejected, ["Sie haben am 12. April 2017", LOST.lotLabel, "Ihr wird nicht abgeholfen.", "Gründe", "Die Gründe der Vergabestelle.", "binnen 15 Kalendertagen"]);
    expect(decide("partly")).toContain("Ihr wird teilweise abgeholfen.");
    expect(decide("partly")).toContain("binnen 15 Kalendertagen");
    expect(decide("upheld")).toContain("Ihr wird abgeholfen.");
    expect(decide("upheld")).not.toContain("Kalendertagen");
  });

  it("says that a complaint naming no lot concerns every lot", () => {
    expect(decide("rejected", [])).toContain("Sie betrifft: alle Lose.");
  });
});

const kinds = (doc: NoticeDocument) => doc.blocks.map((b) => b.kind);
const only = <K extends Block["kind"]>(doc: NoticeDocument, kind: K) =>
  doc.blocks.filter((b): b is Extract<Block, { kind: K }> => b.kind === kind);

describe("every letter of the award procedure, as an authority writes it (DIN 5008)", () => {
  it.each(LETTERS)("%s: head, reference line, subject, salutation, body, closing and note, in this order", (_name, make) => {
    const doc = make(LETTER_INPUT);
    const order = kinds(doc);
    expect(order.slice(0, 6)).toEqual(["letterhead", "senderLine", "address", "reference", "subject", "salutation"]);
    expect(order.slice(-2)).toEqual(["closing", "paragraph"]);
    const body = order.slice(6, -2);
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((k) => k === "paragraph" || k === "heading" || k === "table")).toBe(true);
    expect(order.filter((k) => k === "salutation" || k === "closing" || k === "address" || k === "reference")).toHaveLength(4);
  });

  it.each(LETTERS)("%s: greets the organisation and starts the body with a capital letter after the salutation", (_name, make) => {
    const doc = make(LETTER_INPUT);
    expect(only(doc, "salutation")[0].text).toBe("Sehr geehrte Damen und Herren,");
    const first = doc.blocks[kinds(doc).indexOf("salutation") + 1];
    expect(first.kind).toBe("paragraph");
    // "Sie"/"Ihre": capitals in any position, so the first word after the comma is right too.
    expect((first as { text: string }).text).toMatch(/^(Sie|Ihre) /);
    for (const p of only(doc, "paragraph")) expect(p.text).toMatch(/^\p{Lu}/u);
  });

  it.each(LETTERS)("%s: names file number and the Berlin date of sending in the reference line, and the office's contact", (_name, make) => {
    const [reference] = only(make(LETTER_INPUT), "reference");
    expect(reference.rows).toEqual([
      ["Aktenzeichen", "50.21-IB/2017-001"],
      ["Kontakt", "Vergabestelle Soziale Betreuung"],
      ["Telefon", "0351 000000"],
      ["E-Mail", "vergabe@example.org"],
      ["Datum", "1. April 2017"],
    ]);
  });

  it.each(LETTERS)("%s: addresses the organisation at its postal address, under the office's sender line", (_name, make) => {
    const doc = make(LETTER_INPUT);
    expect(only(doc, "senderLine")[0].parts).toEqual(["Landeshauptstadt Dresden", "Sozialamt", "Junghansstraße 2", "01277 Dresden"]);
    expect(only(doc, "address")[0].lines).toEqual(["Gamma e. V.", "Königsbrücker Straße 12", "01099 Dresden"]);
    expect(only(doc, "letterhead")[0]).toEqual({ kind: "letterhead", authority: "Landeshauptstadt Dresden", department: "Sozialamt" });
  });

  it.each(LETTERS)("%s: closes with greetings from the responsible office and says it is valid without signature", (_name, make) => {
    const doc = make(LETTER_INPUT);
    expect(only(doc, "closing")[0]).toEqual({
      kind: "closing",
      greeting: "Mit freundlichen Grüßen",
      office: ["Landeshauptstadt Dresden", "Sozialamt", "Vergabestelle Soziale Betreuung", "Junghansstraße 2", "01277 Dresden"],
    });
    expect(doc.blocks.at(-1)).toEqual({ kind: "paragraph", size: "small", text: "Dieses Schreiben wurde elektronisch erstellt und ist ohne Unterschrift gültig." });
  });

  it("leaves out the file number where the call has none, and the telephone where the contact has none", () => {
    const doc = LETTERS[0][1]({ ...LETTER_INPUT, call: { ...LETTER_INPUT.call, fileNumber: null }, office: { ...LETTER_INPUT.office, phone: undefined } });
    expect(only(doc, "reference")[0].rows.map(([label]) => label)).toEqual(["Kontakt", "E-Mail", "Datum"]);
  });

  it("puts the demo notice between subject and salutation", () => {
    const doc = LETTERS[1][1]({ ...LETTER_INPUT, call: { ...LETTER_INPUT.call, isDemo: true } });
    expect(kinds(doc).slice(4, 7)).toEqual(["subject", "note", "salutation"]);
    expect(only(doc, "note")[0].body[0]).toContain("keine rechtliche Wirkung");
  });
});

describe("the content of the letters", () => {
  it("tells an unsuccessful bidder the winners, the reason, the scores against the winner's and the earliest award date", () => {
    const doc = preInformationDocument({ ...LETTER_INPUT, sentAt: new Date("2017-03-20T13:00:00Z"), lots: [LOST], earliestAwardAt: new Date("2017-03-30T22:00:00Z") }, t);
    const text = noticeText(doc);
    expect(doc.subject).toBe("Vorabinformation nach § 134 GWB – Aufruf X");
    expect(text).toContain("Sie haben sich am Aufruf „Aufruf X“ beteiligt. Nach § 134 GWB teilen wir Ihnen das Ergebnis mit: Ihre Interessenbekundung soll keinen Zuschlag erhalten.");
    expect(text).toContain("Ihr Angebot (2,00 VZÄ) soll keinen Zuschlag erhalten.");
    expect(text).toContain("Begründung: Rang 3: nicht berücksichtigt, Bedarf gedeckt");
    expect(text).toContain("Für den Zuschlag in diesem Los vorgesehen: Alpha e. V. (5,00 VZÄ); Beta e. V. (2,75 VZÄ).");
    expect(text).toContain("Konzept | Gewicht: 25 % | Ihr Angebot: 3,00 | Alpha e. V.: 5,00");
    expect(text).toContain("Gesamt (gewichtet) | Gewicht: 100 % | Ihr Angebot: 3,50 | Alpha e. V.: 4,75");
    expect(text).toContain("Rang | Ihr Angebot: 3 | Alpha e. V.: 1");
    // 20 March 2017 + 10 days: award from 31 March 00:00 CEST.
    expect(text).toContain("Der Zuschlag wird frühestens am 31. März 2017 um 00:00 MESZ erteilt");
  });

  it("names the exclusion reason in a rejection and shows no score comparison there", () => {
    const excluded: LotOutcome = { ...LOST, status: "excluded", reason: "Der Handelsregisterauszug fehlt.", winners: [], comparison: null };
    const text = noticeText(rejectionDocument({ ...LETTER_INPUT, lots: [excluded] }, t));
    expect(text).toContain("Grund des Ausschlusses: Der Handelsregisterauszug fehlt.");
    expect(text).not.toContain("Gewicht");
  });

  it("keeps as accessible text the address, the reference line and every part after it, in the letter's order", () => {
    const text = noticeText(LETTERS[2][1](LETTER_INPUT));
    const parts = [
      "Gamma e. V.\nKönigsbrücker Straße 12\n01099 Dresden",
      "Aktenzeichen: 50.21-IB/2017-001",
      "Datum: 1. April 2017",
      "Absage – Aufruf X",
      "Sehr geehrte Damen und Herren,",
      "Ihre Interessenbekundung zum Aufruf „Aufruf X“ hat keinen Zuschlag erhalten",
      "Wir danken Ihnen",
      "Mit freundlichen Grüßen",
      "Landeshauptstadt Dresden\nSozialamt\nVergabestelle Soziale Betreuung",
      "ohne Unterschrift gültig",
    ];
    expectInOrder(text, parts);
  });
});

describe("the mail of a letter", () => {
  const doc = LETTERS[0][1](LETTER_INPUT);
  const mail = noticeMail(doc, t, { baseUrl: "https://portal.example", cityName: "Landeshauptstadt Dresden", portalUrl: "https://portal.example/traeger" });

  it("carries reference line, subject, salutation, body, closing and office in text order, without the address field", () => {
    expect(mail.subject).toBe("Vorabinformation nach § 134 GWB – Aufruf X");
    const parts = [
      "Aktenzeichen: 50.21-IB/2017-001",
      "Datum: 1. April 2017",
      "Vorabinformation nach § 134 GWB – Aufruf X",
      "Sehr geehrte Damen und Herren,",
      "Sie haben sich am Aufruf „Aufruf X“ beteiligt.",
      "frühestens am 12. April 2017 um 00:00 MESZ",
      "Das Schreiben liegt dieser E-Mail als PDF bei.",
      "https://portal.example/traeger",
      "Mit freundlichen Grüßen",
      "Landeshauptstadt Dresden\nSozialamt\nVergabestelle Soziale Betreuung\nJunghansstraße 2\n01277 Dresden",
      "Dieses Schreiben wurde elektronisch erstellt und ist ohne Unterschrift gültig.",
      "automatisch versandt",
    ];
    expectInOrder(mail.text, parts);
    expect(mail.text).not.toContain("Königsbrücker Straße 12");
    expect(mail.text).not.toContain("Guten Tag");
    expect(mail.text.startsWith("Aktenzeichen: ")).toBe(true);
  });

  it("sets the subject in bold and the reference line as a table in the HTML", () => {
    expect(mail.html).toContain("<p><strong>Vorabinformation nach § 134 GWB – Aufruf X</strong></p>");
    expect(mail.html).toContain('<tr><th scope="row">Aktenzeichen</th><td>50.21-IB/2017-001</td></tr>');
    expect(mail.html).toContain("<p>Sehr geehrte Damen und Herren,</p>");
    expect(mail.html).toContain('<a href="https://portal.example/traeger">');
    expect(mail.html.indexOf("Sehr geehrte Damen und Herren,")).toBeLessThan(mail.html.indexOf("Mit freundlichen Grüßen"));
  });
});

describe("a notice in the reader's language (decision 0020)", () => {
  const en = translator("en");
  const german = preInformationDocument({ ...LETTER_INPUT, lots: [LOST], earliestAwardAt: EARLIEST }, t);
  const english = preInformationDocument({ ...LETTER_INPUT, locale: "en", lots: [LOST], earliestAwardAt: EARLIEST }, en);

  it("a notice to a carrier who chose English carries the German text and a marked English translation", () => {
    const mail = noticeMail(german, t, { baseUrl: "https://portal.example", portalUrl: "https://portal.example/traeger" }, english);
    expect(mail.languages).toEqual(["de", "en"]);
    expect(mail.subject).toBe(german.subject);
    expectInOrder(mail.text, [
      "Sehr geehrte Damen und Herren,",
      "Das Schreiben liegt dieser E-Mail als PDF bei.",
      "English translation (for information; the German text is binding)",
      "This is a translation of the letter, for information. Only the German letter is binding.",
      "Dear Sir or Madam,",
      "This translation is attached as a second PDF.",
    ]);
    // The translation's HTML is marked as English for screen readers.
    expect(mail.html).toMatch(/<section lang="en">\n<h2>English translation \(for information; the German text is binding\)<\/h2>/);
    // The translation itself, in print too, says what it is before anything else.
    expect(english.title.startsWith("Translation: ")).toBe(true);
    expect(kinds(english).indexOf("note")).toBe(kinds(english).indexOf("subject") + 1);
  });

  it("a carrier who chose German gets German only", () => {
    const mail = noticeMail(german, t, { baseUrl: "https://portal.example" });
    expect(mail.languages).toEqual(["de"]);
    expect(mail.text).not.toMatch(/English|translation|Übersetzung/);
    expect(kinds(german)).not.toContain("note");
  });
});
