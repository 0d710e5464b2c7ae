// The carrier's contract page: facts, posts, terms and report dates, the same in print; the
// note where the contract covers fewer FTE than the bid offered.
import { describe, expect, it } from "vitest";
import { expectSameFacts } from "../../tests/support/documents";
import { translator } from "../i18n";
import { contractDocument, type ContractDocumentInput } from "./contract-document";
import { reportPeriods } from "./terms";

const START = new Date("2017-06-01T00:00:00+02:00");
const END = new Date("2019-12-31T23:59:59+01:00");
const TERMS = { reporting: { interval: "quarterly" as const, dueDays: 30 }, vacancyToleranceDays: 60, adjustmentTolerancePercent: 10, adjustmentBoundsPercent: 20 };
const CONTRACT: ContractDocumentInput = {
  number: "50.21-IB/2017-001-V02-2",
  callTitle: "Soziale Betreuung von Geflüchteten in Dresden",
  lotNumber: 2,
  regionName: "Region Nord",
  roleName: "Flüchtlingssozialarbeit",
  organisationName: "Beta e. V.",
  fteHundredths: 250,
  valuePerYearCents: 12_625_000,
  startsAt: START,
  endsAt: END,
  concludedAt: "2017-03-28T08:00:00.000Z",
  posts: [
    { payGroup: "S 12", weeklyHoursHundredths: 3900, fteHundredths: 100, hasPedagogicalDegree: true },
    { payGroup: "S 11b", weeklyHoursHundredths: null, fteHundredths: 300, hasPedagogicalDegree: false },
  ],
  costBasis: { offeredHundredths: 400, personnelCostPerFteCents: 5_000_000, materialCostCents: 100_000, overheadCents: 100_000 },
  terms: TERMS,
  reportPeriods: reportPeriods(START, END, TERMS.reporting),
};

describe("the contract's document", () => {
  it("gives the page and the print the same facts: number, lot, FTE, value with its arithmetic, posts, terms and every report's due day", async () => {
    const { facts, pageText } = await expectSameFacts(contractDocument(CONTRACT, translator("de")));
    for (const fact of ["Vertrag 50.21-IB/2017-001-V02-2", "Los 2: Flüchtlingssozialarbeit, Region Nord", "126.250,00 €", "S 11b", "nicht erfasst", "vierteljährlich, fällig 30 Tage nach dem Ende des Quartals", "30. Juli 2017", "30. Januar 2020"]) {
      expect(facts).toContain(fact);
    }
    expect(pageText).toContain("Meldezeiträume: 11");
    expect(pageText).toContain("Vereinbart sind 2,5 der 4 angebotenen VZÄ");
    expect(pageText).toContain("Personalkosten je VZÄ von 50.000,00 € für 2,5 VZÄ, dazu die Sach- und Verwaltungskosten von 2.000,00 €");
  });

  it("says nothing of a partial award when the contract covers everything offered, and reads in English", async () => {
    const full = { ...CONTRACT, fteHundredths: 400 };
    const { pageText } = await expectSameFacts(contractDocument(full, translator("en")), undefined, "en");
    expect(pageText).not.toContain("of the 4 FTE offered are contracted");
    expect(pageText).toContain("quarterly, due 30 days after the end of the quarter");
  });
});
