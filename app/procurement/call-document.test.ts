// The call's document: the public page and the PDF carry the same facts; what only a page
// can offer (links to the PDF itself, the questions, the open data) stays on the page, what
// the page leaves to other pages (the rules for questions) is printed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { expectSameFacts } from "../../tests/support/documents";
import { CallDocument } from "../components/call-document";
import { translator } from "../i18n";
import { parseCallDefinition } from "./call-definition";
import { callDocument } from "./call-document";
import type { CallView } from "./call-view";
import { callViewFromDefinition } from "./call-view-from-definition";

function dresden(): CallView {
  const result = parseCallDefinition(JSON.parse(readFileSync(path.resolve("app/calls/dresden-2017.json"), "utf8")));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return callViewFromDefinition(result.definition);
}

describe("the call's document", () => {
  it("gives the public page and the PDF the same facts: dates, regions, roles, lots, criteria with their scales, amendments, contact", async () => {
    const call = dresden();
    call.lots[1] = { ...call.lots[1], cancelled: true };
    call.amendments = [{ number: 1, title: "Frist verlängert", body: "Die Frist läuft eine Woche länger.", reason: "Nachfragen", publishedAt: new Date("2017-02-01T10:00:00Z") }];
    const doc = callDocument(call, translator("de"));
    const page = createElement(CallDocument, { call, phase: "closed", remaining: null });
    const { facts, pageText, pdfText } = await expectSameFacts(doc, page);
    for (const fact of ["28. Februar 2017 um 12:00 MEZ", "Region Nord", "Los 16", "Los aufgehoben", "1. Februar 2017", call.texts.contact.email, call.criteria[0].scale[0].meaning]) {
      expect(facts).toContain(fact);
    }
    expect(pageText).toContain("Offene Daten");
    expect(pdfText).not.toContain("Offene Daten");
    expect(pdfText).toContain(call.texts.questionRules[0]);
  });

  it("states the contract terms on the page and in the PDF: term, reporting duty, vacancy tolerance, the adjustments' trigger and bounds", async () => {
    const call = dresden();
    const { facts, pageText, pdfText } = await expectSameFacts(callDocument(call, translator("de")), createElement(CallDocument, { call, phase: "open", remaining: null }));
    expect(pageText).toContain("Laufzeit 1. Juni 2017 bis 31. Dezember 2019");
    for (const fact of [
      "1. Juni 2017",
      "31. Dezember 2019",
      "monatlich, fällig 15 Tage nach dem Ende des Monats",
      "Eine vereinbarte Stelle, die länger als 60 Tage unbesetzt bleibt, gilt als unbesetzt (Vakanz).",
      "wenn neue Fallzahlen den Bedarf eines Loses um mehr als 10 % der vereinbarten VZÄ verschieben",
      "bis zu ± 20 % der vereinbarten VZÄ je Vertrag",
    ]) {
      expect(facts).toContain(fact);
    }
    for (const text of [pageText, pdfText]) expect(text).toContain("Vertragsbedingungen");
    const quarterly = { ...call, contractTerms: { ...call.contractTerms, reporting: { interval: "quarterly" as const, dueDays: 30 } } };
    expect((await expectSameFacts(callDocument(quarterly, translator("en")), createElement(CallDocument, { call: quarterly, phase: "open", remaining: null }), "en")).facts).toContain(
      "quarterly, due 30 days after the end of the quarter",
    );
  });

  it("gives both the same facts in English", async () => {
    const call = dresden();
    await expectSameFacts(callDocument(call, translator("en")), createElement(CallDocument, { call, phase: "open", remaining: { days: 1, hours: 2, minutes: 3, seconds: 4 } }), "en");
  });
});
