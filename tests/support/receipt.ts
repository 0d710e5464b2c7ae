// A submitted version's receipt worked out by hand, with a Unicode carrier name, two lots and
// three files, for the tests of the receipt's document, page and PDF.
import { createHash } from "node:crypto";
import type { FileRef, PostDraft } from "../../app/submission/rules";
import type { Receipt } from "../../app/submission/snapshot";

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
export const ORGANISATION = "Łódź-Hilfe gGmbH – Ünal & Søren";

export function file(id: string, name: string, sizeBytes: number): FileRef {
  return { id, name, mediaType: "application/pdf", sizeBytes, sha256: sha256(`${id}:${name}`) };
}

function post(fteHundredths: number): PostDraft {
  return {
    fteHundredths,
    weeklyHoursHundredths: fteHundredths * 39, // 39 h a full-time post
    qualification: "Sozialarbeiterin (B. A.)",
    hasPedagogicalDegree: true,
    payGroup: "TVöD S 12",
    languages: ["de", "ar"],
  };
}

export function receiptFixture(overrides: Partial<Receipt> = {}): Receipt {
  return {
    receiptNumber: "EB-2017-K7M2Q-9XH4T",
    version: 2,
    submittedAt: new Date("2017-02-28T10:59:59Z"),
    submittedByName: "Zoë Brückner",
    contentHash: sha256("the whole submission"),
    auditHead: sha256("the audit chain"),
    withdrawnAt: null,
    snapshot: {
      format: "submission-v1",
      call: {
        id: "call-1",
        slug: "dresden-2017",
        title: "Soziale Betreuung von Geflüchteten in Dresden 2017",
        submissionDeadline: "2017-03-10T11:00:00.000Z",
      },
      organisation: {
        id: "org-1",
        name: ORGANISATION,
        legalForm: "gGmbH",
        street: "Königsbrücker Straße 12",
        postalCode: "01099",
        city: "Dresden",
        registerCourt: "Amtsgericht Dresden",
        registerNumber: "HRB 12345",
        nonProfit: true,
      },
      lots: [
        {
          lotId: "lot-3",
          number: 3,
          regionName: "Altstadt",
          roleName: "Soziale Betreuung",
          concept: [{ code: "approach", title: "Ansatz", text: "…" }],
          conceptFile: file("f1", "Konzept-Los-3_Altstadt.pdf", 48_213),
          posts: [post(100), post(50)],
          costPlan: { personnelCostPerFteCents: 5_200_000, materialCostCents: 300_000, overheadCents: 250_000 },
          totals: {
            fteHundredths: 150,
            personnelPerYearCents: 7_800_000,
            perYearCents: 8_350_000,
            termMonths: 22,
            termCents: 15_308_333,
          },
        },
        {
          lotId: "lot-11",
          number: 11,
          regionName: "Prohlis",
          roleName: "Migrationssozialarbeit",
          concept: [{ code: "approach", title: "Ansatz", text: "…" }],
          conceptFile: null,
          posts: [post(75)],
          costPlan: { personnelCostPerFteCents: 5_600_000, materialCostCents: 120_000, overheadCents: 90_000 },
          totals: {
            fteHundredths: 75,
            personnelPerYearCents: 4_200_000,
            perYearCents: 4_410_000,
            termMonths: 22,
            termCents: 8_085_000,
          },
        },
      ],
      documents: [
        { kind: "registerExtract", file: file("f2", "Handelsregisterauszug HRB 12345.pdf", 812) },
        { kind: "declarations", file: file("f3", "Eigenerklärungen_unterschrieben.pdf", 1_532_904) },
      ],
      declarations: {
        pay: { kind: "pay", text: "Wir vergüten mindestens nach den Entgeltgruppen des Aufrufs.", signature: { name: "Erika Beispiel", role: "Geschäftsführerin", declaredAt: "2017-02-27T09:30:15.000Z" } },
        exclusion: {
          kind: "exclusion",
          grounds: [],
          text: "Für unsere Organisation liegt keiner der Ausschlussgründe der §§ 123, 124 GWB vor.",
          signature: { name: "Erika Beispiel", role: "Geschäftsführerin", declaredAt: "2017-02-27T09:31:02.000Z" },
        },
      },
    },
    ...overrides,
  };
}

