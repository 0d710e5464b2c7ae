// One letter's input and one lot's outcome, worked out by hand, for the tests of the award
// letters' model (app/award/letters.test.ts) and its PDF (app/award/letters-pdf.test.ts), and a
// check that a letter's parts come in their order.
import { expect } from "vitest";
import type { LetterInput, LotOutcome } from "../../app/award/letters";

export const LETTER_INPUT: LetterInput = {
  call: {
    title: "Aufruf X",
    isDemo: false,
    fileNumber: "50.21-IB/2017-001",
    serviceStart: new Date("2017-05-31T22:00:00Z"),
    contractEnd: new Date("2019-12-31T22:59:59Z"),
  },
  office: {
    authority: "Landeshauptstadt Dresden",
    department: "Sozialamt",
    unit: "Vergabestelle Soziale Betreuung",
    street: "Junghansstraße 2",
    postalCode: "01277",
    city: "Dresden",
    email: "vergabe@example.org",
    phone: "0351 000000",
  },
  addressee: { name: "Gamma e. V.", street: "Königsbrücker Straße 12", postalCode: "01099", city: "Dresden" },
  // 00:30 on 1 April in Berlin, still 31 March in UTC: the letter is dated by the Berlin day.
  sentAt: new Date("2017-03-31T22:30:00Z"),
};

export const LOST: LotOutcome = {
  lotLabel: "Los 2: Flüchtlingssozialarbeit, Region Nord",
  status: "unsuccessful",
  offeredHundredths: 200,
  awardedHundredths: 0,
  reason: "Rang 3: nicht berücksichtigt, Bedarf gedeckt",
  changeReason: null,
  winners: [
    { organisationName: "Alpha e. V.", awardedHundredths: 500 },
    { organisationName: "Beta e. V.", awardedHundredths: 275 },
  ],
  comparison: {
    winnerName: "Alpha e. V.",
    rows: [{ criterion: "Konzept", weightPercent: 25, own: 3, winner: 5 }],
    ownTotal: 3.5,
    winnerTotal: 4.75,
    ownRank: 3,
    winnerRank: 1,
  },
};

/** Asserts that `text` holds every one of `parts`, in this order. */
export function expectInOrder(text: string, parts: string[]): void {
  const positions = parts.map((p) => text.indexOf(p));
  expect(positions.every((p) => p >= 0), `missing: ${parts.filter((_, i) => positions[i] < 0).join(" / ")}\nin: ${text}`).toBe(true);
  expect([...positions].sort((a, b) => a - b), `out of order in: ${text}`).toEqual(positions);
}
