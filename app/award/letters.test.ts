import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { noticeMail, noticeText, preInformationDocument, rejectionDocument, type LotOutcome } from "./letters";

const t = translator("de");
const call = {
  title: "Aufruf X",
  authority: "Landeshauptstadt Dresden",
  department: "Sozialamt",
  isDemo: false,
  serviceStart: new Date("2017-05-31T22:00:00Z"),
  contractEnd: new Date("2019-12-31T22:59:59Z"),
};
const lost: LotOutcome = {
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

describe("the letters of the award procedure", () => {
  it("tells an unsuccessful bidder the winners, the reason, the scores against the winner's and the earliest award date", () => {
    const doc = preInformationDocument(
      { call, organisationName: "Gamma e. V.", sentAt: new Date("2017-03-20T13:00:00Z"), lots: [lost], earliestAwardAt: new Date("2017-03-30T22:00:00Z") },
      t,
    );
    const text = noticeText(doc);
    expect(doc.subject).toBe("Vorabinformation nach § 134 GWB – Aufruf X");
    expect(text).toContain("Ihre Interessenbekundung soll keinen Zuschlag erhalten.");
    expect(text).toContain("Ihr Angebot (2,00 VZÄ) soll keinen Zuschlag erhalten.");
    expect(text).toContain("Begründung: Rang 3: nicht berücksichtigt, Bedarf gedeckt");
    expect(text).toContain("Für den Zuschlag in diesem Los vorgesehen: Alpha e. V. (5,00 VZÄ); Beta e. V. (2,75 VZÄ).");
    expect(text).toContain("Konzept | Gewicht: 25 % | Ihr Angebot: 3,00 | Alpha e. V.: 5,00");
    expect(text).toContain("Gesamt (gewichtet) | Gewicht: 100 % | Ihr Angebot: 3,50 | Alpha e. V.: 4,75");
    expect(text).toContain("Rang | Ihr Angebot: 3 | Alpha e. V.: 1");
    // 20 March 2017 + 10 days: award from 31 March 00:00 CEST.
    expect(text).toContain("Der Zuschlag wird frühestens am 31. März 2017 um 00:00 MESZ erteilt");
    const mail = noticeMail(doc, t, { baseUrl: "https://portal.example", cityName: "Landeshauptstadt Dresden", portalUrl: "https://portal.example/traeger" });
    expect(mail.text).toContain("frühestens am 31. März 2017 um 00:00 MESZ");
    expect(mail.html).toContain('<a href="https://portal.example/traeger">');
  });

  it("names the exclusion reason in a rejection and shows no score comparison there", () => {
    const excluded: LotOutcome = { ...lost, status: "excluded", reason: "Der Handelsregisterauszug fehlt.", winners: [], comparison: null };
    const text = noticeText(rejectionDocument({ call, organisationName: "Delta e. V.", sentAt: new Date("2017-04-01T08:00:00Z"), lots: [excluded] }, t));
    expect(text).toContain("Grund des Ausschlusses: Der Handelsregisterauszug fehlt.");
    expect(text).not.toContain("Gewicht");
  });
});
