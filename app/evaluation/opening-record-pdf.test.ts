import { createHash } from "node:crypto";
import { createElement } from "react";
import { extractText, getMeta } from "unpdf";
import { describe, expect, it } from "vitest";
import { expectSameFacts, renderPage, textOfMarkup } from "../../tests/support/documents";
import { DocumentView } from "../components/document-view";
import { translator, type Locale } from "../i18n";
import type { FileRef } from "../submission/rules";
import type { SubmissionSnapshot } from "../submission/snapshot";
import { openingRecordOf } from "../../tests/support/opening-records";
import type { FileHash, OpeningRecord, SubmissionRow } from "./opening-record";
import { openingRecordDocument } from "./opening-record-document";
import { renderOpeningRecordPdf } from "./opening-record-pdf.server";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const DEADLINE = new Date("2017-02-28T11:00:00Z");

function file(id: string, name: string): FileRef {
  return { id, name, mediaType: "application/pdf", sizeBytes: 48_213, sha256: sha256(id) };
}

function snapshot(name: string, files: FileRef[]): SubmissionSnapshot {
  return {
    format: "submission-v1",
    call: { id: "c", slug: "dresden-2017", title: "Soziale Betreuung von Geflüchteten in Dresden 2017", submissionDeadline: DEADLINE.toISOString() },
    organisation: {
      id: `org-${name}`,
      name,
      legalForm: "e. V.",
      street: "Königsbrücker Straße 12",
      postalCode: "01099",
      city: "Dresden",
      registerCourt: null,
      registerNumber: null,
      nonProfit: true,
    },
    lots: [
      {
        lotId: "lot-2",
        number: 2,
        regionName: "Region Nord",
        roleName: "Flüchtlingssozialarbeit",
        concept: [],
        conceptFile: files[0] ?? null,
        posts: [],
        costPlan: { personnelCostPerFteCents: 0, materialCostCents: 0, overheadCents: 0 },
        totals: { fteHundredths: 0, personnelPerYearCents: 0, perYearCents: 0, termMonths: 12, termCents: 0 },
      },
    ],
    documents: files.slice(1).map((f) => ({ kind: "registerExtract" as const, file: f })),
  };
}

const ok = file("ok-file", "Konzept-Los-2.pdf");
const changed = file("changed-file", "Registerauszug.pdf");
const withdrawnFile = file("w", "x.pdf");

function fixture(): OpeningRecord {
  const rows: SubmissionRow[] = [
    {
      id: "s1",
      applicationId: "a1",
      organisationId: "org-1",
      organisationName: "Łódź-Hilfe gGmbH",
      version: 1,
      receiptNumber: "EB-2017-K7M2Q-9XH4T",
      submittedAt: new Date("2017-02-27T10:59:59Z"),
      withdrawnAt: null,
      contentHash: sha256("content-1"),
      snapshot: snapshot("Łódź-Hilfe gGmbH – Ünal & Søren", [ok, changed]),
      sealedContentIntact: true,
    },
    {
      id: "s2",
      applicationId: "a2",
      organisationId: "org-2",
      organisationName: "Zurück e. V.",
      version: 1,
      receiptNumber: "EB-2017-ABCDE-FGHJK",
      submittedAt: new Date("2017-02-20T09:00:00Z"),
      withdrawnAt: new Date("2017-02-21T09:00:00Z"),
      contentHash: sha256("content-2"),
      snapshot: snapshot("Zurück e. V.", [withdrawnFile]),
      sealedContentIntact: true,
    },
  ];
  const hashes = new Map<string, FileHash>([
    [ok.id, { status: "ok", sha256: ok.sha256, sizeBytes: ok.sizeBytes }],
    [changed.id, { status: "ok", sha256: sha256("tampered"), sizeBytes: 12 }],
  ]);
  return openingRecordOf({
    call: { id: "c", slug: "dresden-2017", title: "Soziale Betreuung von Geflüchteten in Dresden 2017", submissionDeadline: DEADLINE },
    officers: ["Anna Vergabe", "Bernd Vergabe"],
    startedAt: new Date("2017-02-28T13:00:00Z"),
    confirmedAt: new Date("2017-02-28T13:12:00Z"),
    submissions: rows,
    fileHashes: hashes,
  });
}

const RECORD_HASH = sha256("record");
const AUDIT_HEAD = sha256("audit");

async function pdfText(record: OpeningRecord, locale: Locale = "de") {
  const bytes = await renderOpeningRecordPdf(record, {
    locale,
    generatedAt: new Date("2017-02-28T13:12:00Z"),
    cityName: "Landeshauptstadt Dresden",
    publicUrl: "https://portal.test/verwaltung/aufrufe/dresden-2017/oeffnung",
    recordHash: RECORD_HASH,
  });
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
  return { bytes, text: text.replace(/\s+/g, " ") };
}

const PAGE = { auditHeadAtOpening: AUDIT_HEAD, pdf: { href: "/verwaltung/aufrufe/dresden-2017/oeffnungsprotokoll.pdf", sha256: sha256("pdf") } };

async function html(record: OpeningRecord, locale: Locale = "de") {
  const doc = openingRecordDocument(record, RECORD_HASH, translator(locale), PAGE);
  const markup = await renderPage(createElement(DocumentView, { doc, embedded: true }), locale);
  return { markup, text: textOfMarkup(markup) };
}

describe("the opening record as PDF and as HTML", () => {
  const record = fixture();
  const expected = [
    "Öffnungsprotokoll",
    "EB-2017-K7M2Q-9XH4T",
    "EB-2017-ABCDE-FGHJK",
    "Łódź-Hilfe gGmbH – Ünal & Søren",
    "Zurück e. V.",
    "Los 2: Flüchtlingssozialarbeit – Region Nord",
    sha256("content-1"),
    ok.sha256,
    changed.sha256,
    sha256("tampered"),
    "ABWEICHUNG: Datei verändert oder fehlt",
    "ABWEICHUNG FESTGESTELLT (1)",
    "Die Datei wurde verändert: Ihre Prüfsumme weicht ab.",
    "Keine verspäteten Eingänge möglich: das Portal nimmt nach Fristablauf nichts an.",
    "Zurückgezogene Interessenbekundungen",
    "Anna Vergabe",
    "Bernd Vergabe",
    RECORD_HASH,
  ];

  it("prints every submission, hash and mismatch in the PDF, with German metadata", async () => {
    const { bytes, text } = await pdfText(record);
    for (const s of expected) expect(text, s).toContain(s);
    expect(text).toContain("Seite 1 von");
    const meta = await getMeta(new Uint8Array(bytes));
    expect(meta.info.Title).toBe("Öffnungsprotokoll – Soziale Betreuung von Geflüchteten in Dresden 2017");
    expect(meta.info.Author).toBe("Landeshauptstadt Dresden");
  });

  it("shows the same in its HTML twin, plus the audit head and the PDF's checksum, with labelled tables", async () => {
    const { markup, text } = await html(record);
    for (const s of expected) expect(text, s).toContain(s);
    expect(text).toContain(AUDIT_HEAD);
    expect(text).toContain(sha256("pdf"));
    expect(markup).toContain('role="alert"'); // the mismatch is announced
    expect(markup).toContain('href="/dateien/changed-file"');
    const tables = markup.match(/<table/g)!.length;
    expect(markup.match(/<caption/g)!.length).toBe(tables);
    expect(markup).not.toMatch(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/);
  });

  it("gives the page and the PDF the same facts, and the page what only exists after the PDF", async () => {
    const doc = openingRecordDocument(record, RECORD_HASH, translator("de"), PAGE);
    const { facts, pdfText: printed, pageText } = await expectSameFacts(doc, createElement(DocumentView, { doc, embedded: true }));
    for (const s of [RECORD_HASH, sha256("content-1"), changed.sha256, sha256("tampered"), "27. Februar 2017 um 11:59:59 MEZ"]) expect(facts).toContain(s);
    expect(pageText).toContain(AUDIT_HEAD);
    expect(printed).not.toContain(AUDIT_HEAD);
    expect(printed).not.toContain(sha256("pdf"));
  });

  it("says that everything matches when it does, in English too", async () => {
    const clean: OpeningRecord = {
      ...record,
      counting: record.counting.map((e) => ({
        ...e,
        files: e.files.map((f) => ({ ...f, actualSha256: f.expectedSha256, matches: true, problem: null })),
      })),
      summary: { ...record.summary, fileMismatches: 0 },
    };
    const { text } = await pdfText(clean, "en");
    expect(text).toContain("Every file matches the checksum confirmed when it was submitted.");
    expect(text).not.toContain("MISMATCH");
    expect(text).toContain("No late submissions possible: the portal accepts nothing after the deadline.");
    const view = await html(clean, "en");
    expect(view.text).not.toContain("MISMATCH");
    expect(view.markup).not.toContain('role="alert"');
  });
});
