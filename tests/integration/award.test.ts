// The award procedure against a real SQLite file and a real SMTP server on loopback:
// proposal (a split lot, an uncovered lot), a change with its reason, the Vorabinformation
// with its earliest award date, the standstill by an injected clock, a complaint that blocks
// the award, the letters and who may read them, the cancellation notices, and every award
// step in the Vergabevermerk's timeline.
//
// Hand-worked figures. Region Nord: 1,240 refugees, 312 with a right to stay.
//   Flüchtlingssozialarbeit Nord: 1240 × 50 % ÷ 80 = 7.75 FTE. Ranking Alpha (5.00 offered),
//   Beta (4.00), Gamma (2.00); Delta (3.00) excluded → Alpha 5.00, Beta 2.75, Gamma 0.
//   Integrationsberatung Nord: 312 ÷ 80 = 3.90 FTE; Gamma alone offers 2.00 → 1.90 uncovered.
// Standstill: sent Tue 15 Dec 2026 10:00 CET (09:00Z) → days 16–25 Dec → award from
//   Sat 26 Dec 2026 00:00 CET = 25 Dec 23:00Z.
import { and, eq } from "drizzle-orm";
import { extractText } from "unpdf";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { awardContracts, sendPreInformation } from "../../app/award/award-decision.server";
import { cancelCall, cancelLot } from "../../app/award/cancellation.server";
import { decideComplaint, fileComplaint, recordComplaint } from "../../app/award/complaints.server";
import { awardOverview, noticesForOrganisation } from "../../app/award/overview.server";
import { approveAwardProposal, changeAwardProposal, proposeAward } from "../../app/award/proposal.server";
import { timelineDetails, timelineLabel } from "../../app/evaluation/report-document";
import { renderEvaluationReportPdf } from "../../app/evaluation/report-pdf.server";
import { buildEvaluationReport } from "../../app/evaluation/report.server";
import { translator } from "../../app/i18n";
import { first as firstRow, writeTx, type Db } from "../../app/infra/db.server";
import { refusedByAsync, refusalCodeAsync as codeAsync } from "../support/refusals";
import { createStaffUser, setPreferredLocale } from "../../app/identity/users.server";
import { auditEntries, awardDecisions, awardProcedures, calls, clientFigures, lots, notices, staffingPlans, storedFiles, users } from "../../app/infra/schema";
import type { FileStorage } from "../../app/infra/storage.server";
import type { CallView } from "../../app/procurement/call-view";
import { fileForActor } from "../../app/submission/access.server";
import { copyOfAwardScenario, type AwardBidder, type AwardScenario } from "../support/award";
import { expectInOrder } from "../support/letters";
import { useSmtpServer } from "../support/smtp-env";
import type { TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const SENT = new Date("2026-12-15T09:00:00Z");
const EARLIEST = new Date("2026-12-25T23:00:00Z");
// The demo's officers (app/demo/demo.server.ts): A and B.
const ANNA = "Anna Vergabe (Demo, fiktiv)";
const BERND = "Bernd Vergabe (Demo, fiktiv)";

const smtp = useSmtpServer();

let t: TempDb;
let db: Db;
let storage: FileStorage;
let call: CallView;
let officerA: string;
let officerB: string;
let evaluators: string[];
let after: Date;
let bidders: Record<string, AwardBidder>;
let fsaNord: string;
let ibNord: string;
let s: AwardScenario;
const lotOf = (region: string, role: string) => s.lotOf(region, role);
const org = (name: string) => s.org(name);
const sub = (name: string) => s.sub(name);
const score = (name: string, lotId: string, points: number) => s.score(name, lotId, points);
const scoreAll = () => s.scoreAll();
const enterFigures = () => s.enterFigures();



beforeEach(async () => {
  smtp.server.messages.length = 0;
  ({ t, storage, s } = await copyOfAwardScenario(NOW));
  db = t.db;
  ({ call, officerA, officerB, evaluators, after, bidders, fsaNord, ibNord } = s);
});
afterEach(() => t.cleanup());

async function preInformed() {
  await scoreAll();
  await enterFigures();
  await proposeAward({ officerUserId: officerA, callId: call.id, now: SENT, db });
  await approveAwardProposal({ officerUserId: officerB, callId: call.id, now: SENT, db });
  return sendPreInformation({ officerUserId: officerA, callId: call.id, now: SENT, db, storage, baseUrl: "https://portal.example" });
}

describe("the Zuschlagsvorschlag", () => {
  it("refuses while the evaluation is incomplete and while client figures are missing", async () => {
    await enterFigures();
    await score("Alpha e. V.", fsaNord, 5);
    const incomplete = await refusedByAsync(() => proposeAward({ officerUserId: officerA, callId: call.id, now: SENT, db }));
    expect([incomplete.code, incomplete.key]).toEqual(["CONFLICT", "award.refusal.blocked"]);
    expect(incomplete.params?.reasons).toEqual({
      // Alpha's final scores do not count yet either: its evaluators certify only after their last bid.
      sentences: expect.arrayContaining([{ message: "award.blocker.evaluationOpen", params: { lot: expect.any(Number), bidders: "Alpha e. V., Beta e. V., Gamma e. V." } }]),
    });
    await score("Beta e. V.", fsaNord, 4);
    await score("Gamma e. V.", fsaNord, 3);
    await score("Gamma e. V.", ibNord, 4);
    await writeTx(async (tx) => {
      await tx.delete(clientFigures);
    }, db);
    const noFigures = await refusedByAsync(() => proposeAward({ officerUserId: officerA, callId: call.id, now: SENT, db }));
    expect([noFigures.code, noFigures.key, noFigures.params]).toEqual(["CONFLICT", "award.refusal.blocked", { reasons: { sentences: [{ message: "award.blocker.noFigures" }] } }]);
  });

  it("splits a lot between two carriers, leaves a lot partly uncovered and stores the arithmetic", async () => {
    await scoreAll();
    await enterFigures();
    const { allocation } = await proposeAward({ officerUserId: officerA, callId: call.id, now: SENT, db });
    expect(allocation.figuresAsOf).toBe("2026-11-30T23:00:00.000Z");
    const fsa = allocation.lots.find((l) => l.lotId === fsaNord)!;
    expect(fsa.requiredHundredths).toBe(775);
    expect(fsa.trail).toBe("1.240 Geflüchtete ÷ 80 = 15,5 VZÄ; Tandem 1 : 1 → 7,75 VZÄ Flüchtlingssozialarbeit");
    // Delta is excluded: not in the ranking.
    expect(fsa.bids.map((b) => [b.organisationName, b.rank, b.proposedHundredths])).toEqual([
      ["Alpha e. V.", 1, 500],
      ["Beta e. V.", 2, 275],
      ["Gamma e. V.", 3, 0],
    ]);
    const ib = allocation.lots.find((l) => l.lotId === ibNord)!;
    expect(ib.requiredHundredths).toBe(390);
    expect(ib.note).toBe("Bedarf 3,90 VZÄ, zugeschlagen 2,00 VZÄ, ungedeckt 1,90 VZÄ");
    expect(allocation.excluded.map((x) => [x.organisationName, x.reason])).toEqual([["Delta e. V.", "Der Handelsregisterauszug fehlt."]]);

    const rows = await db.select().from(awardDecisions);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.status === "proposed" && r.proposedFteHundredths === r.fteAwardedHundredths)).toBe(true);
    expect((await firstRow(db.select({ status: calls.status }).from(calls).where(eq(calls.id, call.id))))!.status).toBe("award_proposed");

    const overview = await awardOverview({ officerUserId: officerA, callId: call.id, now: SENT, db });
    const ibView = overview.lots.find((l) => l.lotId === ibNord)!;
    expect([ibView.awardedHundredths, ibView.uncoveredHundredths]).toEqual([200, 190]);
    // A lot nobody bid for is uncovered as a whole: 1 FTE Regionalkoordination Nord.
    const rk = overview.lots.find((l) => l.lotId === lotOf("nord", "regionalkoordination"))!;
    expect([rk.requiredHundredths, rk.uncoveredHundredths, rk.bids.length]).toEqual([100, 100, 0]);

    // Still "proposed": may be recomputed, replacing the rows.
    expect((await proposeAward({ officerUserId: officerB, callId: call.id, now: SENT, db })).recomputed).toBe(true);
    expect(await db.select().from(awardDecisions)).toHaveLength(4);
  });

  it("changes one bid's FTE only with a written reason, and audits it", async () => {
    await scoreAll();
    await enterFigures();
    await proposeAward({ officerUserId: officerA, callId: call.id, now: SENT, db });
    const change = (fteHundredths: number, reason: string) => () =>
      changeAwardProposal({ officerUserId: officerA, callId: call.id, lotId: fsaNord, submissionId: sub("Beta e. V."), fteHundredths, reason, now: SENT, db });
    expect(await refusedByAsync(change(200, ""))).toMatchObject({ code: "INVALID", key: "award.refusal.reasonTooShort", params: { what: { message: "award.refusal.what.change" }, min: 10 } });
    expect(await codeAsync(change(200, "zu kurz"))).toMatch(/^INVALID/);
    expect(await refusedByAsync(change(450, "Mehr als angeboten geht nicht."))).toMatchObject({ code: "INVALID", key: "award.refusal.fteAboveOffer", params: { fte: { decimal: 4, digits: 2 } } });
    await change(200, "Beta kann erst später voll besetzen; Rest bleibt offen.")();
    const row = (await firstRow(db.select().from(awardDecisions).where(and(eq(awardDecisions.lotId, fsaNord), eq(awardDecisions.submissionId, sub("Beta e. V."))))))!;
    expect([row.fteAwardedHundredths, row.proposedFteHundredths, row.changeReason]).toEqual([200, 275, "Beta kann erst später voll besetzen; Rest bleibt offen."]);
    const audit = await db.select().from(auditEntries).where(eq(auditEntries.action, "award.proposal-changed"));
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ from: 275, to: 200, proposed: 275 });
    const lot = (await awardOverview({ officerUserId: officerA, callId: call.id, now: SENT, db })).lots.find((l) => l.lotId === fsaNord)!;
    expect(lot.uncoveredHundredths).toBe(75);
  });
});

describe("Vorabinformation and standstill", () => {
  it("mails every bidder its notice with the earliest award date 10 days later", async () => {
    const result = await preInformed();
    expect(result.earliestAwardAt.toISOString()).toBe(EARLIEST.toISOString());
    expect(result.notices).toBe(4);
    const mailOf = (name: string) => smtp.server.waitFor((m) => m.to.includes(bidders[name].email));
    const gamma = await mailOf("Gamma e. V.");
    expect(gamma.subject).toBe("Vorabinformation nach § 134 GWB – " + call.title);
    // As an authority writes: reference line with the call's file number and the day of
    // sending (Berlin), subject, salutation, body, closing with the responsible office.
    expectInOrder(gamma.text, [
      "Aktenzeichen: 50.21-IB/2017-001-DEMO",
      "Kontakt: Vergabestelle Soziale Betreuung",
      "Datum: 15. Dezember 2026",
      `Vorabinformation nach § 134 GWB – ${call.title}`,
      "Sehr geehrte Damen und Herren,\n\nSie haben sich am Aufruf",
      "frühestens am 26. Dezember 2026 um 00:00 MEZ",
      "Mit freundlichen Grüßen",
      "Landeshauptstadt Dresden\nSozialamt\nVergabestelle Soziale Betreuung\nJunghansstraße 2\n01277 Dresden",
      "Dieses Schreiben wurde elektronisch erstellt und ist ohne Unterschrift gültig.",
    ]);
    expect(gamma.html).toContain(`<p><strong>Vorabinformation nach § 134 GWB – ${call.title}</strong></p>`);
    expect(gamma.text).toContain("frühestens am 26. Dezember 2026 um 00:00 MEZ");
    expect(gamma.text).toContain("Für den Zuschlag in diesem Los vorgesehen: Alpha e. V. (5,00 VZÄ); Beta e. V. (2,75 VZÄ).");
    expect(gamma.text).toContain("Ihre Wertung im Vergleich mit Alpha e. V.");
    expect(gamma.text).toContain("Rang 3: nicht berücksichtigt, Bedarf gedeckt");
    expect(gamma.attachments.map((a) => [a.filename, a.contentType])).toEqual([["vorabinformation-dresden-2017-demo.pdf", "application/pdf"]]);
    expect(gamma.attachments[0].content.subarray(0, 5).toString()).toBe("%PDF-");
    // The PDF has the address field the mail leaves out: the carrier's registered address.
    const { text: pdfText } = await extractText(new Uint8Array(gamma.attachments[0].content), { mergePages: true });
    expectInOrder(pdfText.replace(/\s+/g, " "), [
      "Landeshauptstadt Dresden, Sozialamt, Junghansstraße 2, 01277 Dresden",
      "Gamma e. V. Weg 1 01067 Dresden",
      "Aktenzeichen 50.21-IB/2017-001-DEMO",
      "Datum 15. Dezember 2026",
      "Sehr geehrte Damen und Herren,",
      "Mit freundlichen Grüßen",
    ]);
    expect((await mailOf("Beta e. V.")).text).toContain("teilweise für den Zuschlag vorgesehen: 2,75 von 4,00 angebotenen VZÄ");
    expect((await mailOf("Alpha e. V.")).text).toContain("in allen Losen, für die Sie sich beworben haben, für den Zuschlag vorgesehen");
    expect((await mailOf("Delta e. V.")).text).toContain("Grund des Ausschlusses: Der Handelsregisterauszug fehlt.");
    // One mail per recipient, nobody sees another's address.
    expect(smtp.server.messages.every((m) => m.to.length === 1)).toBe(true);
    const rows = await db.select().from(notices);
    expect(rows.map((r) => [r.kind, r.earliestAwardAt?.toISOString()])).toEqual(Array(4).fill(["preInformation", EARLIEST.toISOString()]));
  });

  it("mails a member who chose English the German notice followed by the marked English translation and its PDF, and the others German only", async () => {
    const gammaUser = (await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, bidders["Gamma e. V."].email))))!;
    await setPreferredLocale(gammaUser.id, "en", db);
    await preInformed();
    const mailOf = (name: string) => smtp.server.waitFor((m) => m.to.includes(bidders[name].email));
    const gamma = await mailOf("Gamma e. V.");
    expect(gamma.subject).toBe("Vorabinformation nach § 134 GWB – " + call.title);
    expectInOrder(gamma.text, [
      "Sehr geehrte Damen und Herren,\n\nSie haben sich am Aufruf",
      "Dieses Schreiben wurde elektronisch erstellt und ist ohne Unterschrift gültig.",
      "English translation (for information; the German text is binding)",
      "This is a translation of the letter, for information. Only the German letter is binding.",
      "Dear Sir or Madam,",
      "This translation is attached as a second PDF.",
    ]);
    expect(gamma.html).toContain('<section lang="en">');
    expect(gamma.attachments.map((a) => a.filename)).toEqual(["vorabinformation-dresden-2017-demo.pdf", "vorabinformation-dresden-2017-demo-translation-en.pdf"]);
    const { text: german } = await extractText(new Uint8Array(gamma.attachments[0].content), { mergePages: true });
    const { text: english } = await extractText(new Uint8Array(gamma.attachments[1].content), { mergePages: true });
    expect(german).toContain("Sehr geehrte Damen und Herren,");
    expect(german).not.toContain("Translation");
    expectInOrder(english.replace(/\s+/g, " "), ["Translation", "Only the German letter is binding.", "Dear Sir or Madam,"]);
    // Everyone else chose nothing: German alone, as before.
    const alpha = await mailOf("Alpha e. V.");
    expect(alpha.text).not.toContain("English");
    expect(alpha.attachments).toHaveLength(1);
    // The letter kept is the binding German one; the translation is not stored with it.
    const gammaNotice = (await firstRow(db.select().from(notices).where(eq(notices.organisationId, org("Gamma e. V.")))))!;
    expect(gammaNotice.body).toContain("Sehr geehrte Damen und Herren,");
    expect(gammaNotice.body).not.toContain("English");
    expect((await db.select().from(storedFiles)).filter((f) => f.originalName.includes("translation"))).toEqual([]);
  });

  it("refuses the award on day 9 and in the last second of day 10, and allows it from the first second after", async () => {
    await preInformed();
    const award = (now: Date) => codeAsync(() => awardContracts({ officerUserId: officerB, callId: call.id, now, db, storage }));
    const standstill = await refusedByAsync(() => awardContracts({ officerUserId: officerB, callId: call.id, now: new Date("2026-12-24T11:00:00Z"), db, storage }));
    expect(standstill).toMatchObject({ code: "CONFLICT", key: "award.refusal.standstill", params: { date: EARLIEST } });
    expect(await award(new Date("2026-12-25T22:59:59Z"))).toBe("CONFLICT: award.refusal.standstill");
    const overview = await awardOverview({ officerUserId: officerA, callId: call.id, now: new Date("2026-12-24T11:00:00Z"), db });
    expect(overview.procedure!.remaining).toEqual({ days: 1, hours: 12, earliestAwardAt: EARLIEST });
    expect(overview.procedure!.awardAllowedNow).toBe(false);
    expect(await award(EARLIEST)).toBe("no error");
    expect((await firstRow(db.select({ status: calls.status }).from(calls).where(eq(calls.id, call.id))))!.status).toBe("awarded");
    const decisions = await db.select().from(awardDecisions);
    expect(decisions.filter((d) => d.status === "awarded").map((d) => d.fteAwardedHundredths).sort()).toEqual([200, 275, 500]);
    expect(decisions.filter((d) => d.status === "rejected")).toHaveLength(1);
    // The awards seed the staffing plan's history.
    const plans = await db.select().from(staffingPlans);
    expect(plans.map((p) => [p.trigger, p.computedAt.toISOString()])).toEqual([["award", EARLIEST.toISOString()]]);
  });

  it("awards the lots an open complaint does not name, lets the named lot wait, and awards it after the decision", async () => {
    await preInformed();
    smtp.server.messages.length = 0;
    const gamma = bidders["Gamma e. V."];
    const filedAt = new Date("2026-12-18T08:00:00Z");
    await fileComplaint({ actor: gamma.actor, callId: call.id, lotIds: [fsaNord], reasons: "Gamma rügt die Bewertung des Konzepts in der Flüchtlingssozialarbeit Nord.", now: filedAt, db, baseUrl: "https://portal.example" });
    const receipt = await smtp.server.waitFor((m) => m.to.includes(gamma.email) && m.subject.startsWith("Eingangsbestätigung: Rüge"));
    expect(receipt.text).toContain("Gamma rügt die Bewertung des Konzepts");
    expect(receipt.text).toMatch(/Los \d+: Flüchtlingssozialarbeit, Region Nord/);

    const overview = await awardOverview({ officerUserId: officerA, callId: call.id, now: EARLIEST, db });
    expect(overview.waiting.map((w) => [w.lotId, w.complaints.map((c) => c.organisationName)])).toEqual([[fsaNord, ["Gamma e. V."]]]);
    expect(overview.procedure!.awardAllowedNow).toBe(true);

    smtp.server.messages.length = 0;
    const first = await awardContracts({ officerUserId: officerB, callId: call.id, now: EARLIEST, db, storage });
    expect([first.waiting, first.notices]).toEqual([1, 1]); // Gamma's award of Integrationsberatung Nord only
    const byLot = async (lotId: string) => (await db.select().from(awardDecisions).where(eq(awardDecisions.lotId, lotId))).map((d) => d.status);
    expect(await byLot(ibNord)).toEqual(["awarded"]);
    expect((await byLot(fsaNord)).every((st) => st === "approved")).toBe(true);
    expect((await firstRow(db.select({ status: calls.status }).from(calls).where(eq(calls.id, call.id))))!.status).not.toBe("awarded");
    expect(await db.select().from(staffingPlans)).toHaveLength(0);
    const gammaAward = await smtp.server.waitFor((m) => m.to.includes(gamma.email) && m.subject.startsWith("Zuschlag"));
    expect(gammaAward.text).toMatch(/Los \d+: Integrationsberatung, Region Nord/);
    expect(gammaAward.text).not.toMatch(/Flüchtlingssozialarbeit, Region Nord/);

    // Every lot still undecided waits now: a second round is refused until the decision.
    const waiting = await refusedByAsync(() => awardContracts({ officerUserId: officerB, callId: call.id, now: EARLIEST, db, storage }));
    expect([waiting.code, waiting.key]).toEqual(["CONFLICT", "complaint.refusal.allLotsWait"]);

    const [complaint] = (await awardOverview({ officerUserId: officerA, callId: call.id, now: EARLIEST, db })).complaints;
    expect(await codeAsync(() => decideComplaint({ officerUserId: officerB, complaintId: complaint.id, decision: "rejected", reasons: "kurz", now: EARLIEST, db, storage }))).toMatch(/^INVALID/);
    smtp.server.messages.length = 0;
    const decided = await decideComplaint({
      officerUserId: officerB,
      complaintId: complaint.id,
      decision: "rejected",
      reasons: "Die Bewertung ist je Kriterium nachvollziehbar begründet.",
      now: new Date(EARLIEST.getTime() + 3600_000),
      db,
      storage,
    });
    expect(decided.letters).toBe(1);
    const letter = await smtp.server.waitFor((m) => m.to.includes(gamma.email) && m.subject.startsWith("Entscheidung über Ihre Rüge"));
    expectInOrder(letter.text, ["Sehr geehrte Damen und Herren,\n\nSie haben am", "Ihr wird nicht abgeholfen.", "Die Bewertung ist je Kriterium nachvollziehbar begründet.", "15 Kalendertagen", "Mit freundlichen Grüßen"]);
    expect((await noticesForOrganisation(gamma.actor.organisationId, db)).map((n) => n.kind)).toContain("complaintDecision");
    // The officers open the decision letter's PDF as they open every letter the city sent;
    // another carrier and the evaluators do not.
    const decisionFile = (await firstRow(db.select({ fileId: notices.storedFileId }).from(notices).where(and(eq(notices.kind, "complaintDecision"), eq(notices.organisationId, gamma.actor.organisationId)))))!.fileId!;
    expect((await fileForActor({ actor: { userId: officerA, role: "officer", organisationId: null }, fileId: decisionFile, db })).mediaType).toBe("application/pdf");
    const asCarrier = (b: AwardBidder) => ({ userId: b.actor.userId, role: "carrier" as const, organisationId: b.actor.organisationId });
    expect((await fileForActor({ actor: asCarrier(gamma), fileId: decisionFile, db })).id).toBe(decisionFile);
    expect(await codeAsync(async () => fileForActor({ actor: asCarrier(bidders["Alpha e. V."]), fileId: decisionFile, db }))).toBe("NOT_FOUND: notFound.file");
    expect(await codeAsync(async () => fileForActor({ actor: { userId: evaluators[0], role: "evaluator", organisationId: null }, fileId: decisionFile, db }))).toBe("NOT_FOUND: notFound.file");
    expect(await codeAsync(() => decideComplaint({ officerUserId: officerB, complaintId: complaint.id, decision: "upheld", reasons: "Noch einmal entschieden, anders.", now: EARLIEST, db, storage }))).toBe("CONFLICT: complaint.refusal.decidedAlready");

    const second = await awardContracts({ officerUserId: officerB, callId: call.id, now: new Date(EARLIEST.getTime() + 7200_000), db, storage });
    expect([second.waiting, second.notices]).toEqual([0, 4]); // Alpha, Beta: award; Gamma, Delta: rejection in that lot
    expect((await firstRow(db.select({ status: calls.status }).from(calls).where(eq(calls.id, call.id))))!.status).toBe("awarded");
    expect((await db.select().from(awardDecisions)).filter((d) => d.status === "awarded").map((d) => d.fteAwardedHundredths).sort()).toEqual([200, 275, 500]);
    expect(await db.select().from(staffingPlans)).toHaveLength(1);
  });

  it("refuses the award while a complaint naming no lot holds back every lot", async () => {
    await preInformed();
    await recordComplaint({ officerUserId: officerA, callId: call.id, organisationId: null, lotIds: [], receivedAt: new Date("2026-12-18T08:00:00Z"), summary: "Schriftliche Rüge ohne Angabe eines Loses.", now: new Date("2026-12-18T09:00:00Z"), db });
    const refused = await refusedByAsync(() => awardContracts({ officerUserId: officerB, callId: call.id, now: EARLIEST, db, storage }));
    expect([refused.code, refused.key]).toEqual(["CONFLICT", "complaint.refusal.allLotsWait"]);
  });

  it("takes a complaint one second before the end of the standstill and refuses it at its end, online and from paper, also after a partial award", async () => {
    await preInformed();
    const gamma = bidders["Gamma e. V."].actor;
    const reasons = "Gamma rügt die Bewertung des Konzepts.";
    await fileComplaint({ actor: gamma, callId: call.id, lotIds: [fsaNord], reasons, now: new Date(EARLIEST.getTime() - 1000), db });
    const late = await refusedByAsync(() => fileComplaint({ actor: gamma, callId: call.id, lotIds: [ibNord], reasons, now: EARLIEST, db }));
    expect([late.code, late.key, late.params]).toEqual(["CONFLICT", "complaint.refusal.standstillOver", { date: EARLIEST }]);
    await awardContracts({ officerUserId: officerB, callId: call.id, now: EARLIEST, db, storage });
    const paper = await refusedByAsync(() => recordComplaint({ officerUserId: officerA, callId: call.id, organisationId: null, lotIds: [ibNord], receivedAt: EARLIEST, summary: reasons, now: EARLIEST, db }));
    expect([paper.code, paper.key]).toEqual(["CONFLICT", "complaint.refusal.standstillOver"]);
    expect(await codeAsync(() => fileComplaint({ actor: gamma, callId: call.id, lotIds: [], reasons, now: SENT, db }))).toBe("INVALID: complaint.refusal.noLot");
  });

  it("records a complaint filed before the opening of the bids with nothing of the bid in the audit trail or the receipt", async () => {
    // Filed before any award step (the scenario's bids are already in); what the complaint
    // carries is the carrier's own text: the audit entry names the complaint, the carrier and
    // the lots, never a bid, and the receipt quotes the complaint only.
    smtp.server.messages.length = 0;
    const gamma = bidders["Gamma e. V."];
    const { complaintId } = await fileComplaint({ actor: gamma.actor, callId: call.id, lotIds: [ibNord], reasons: "Die Bewertungsmatrix ist nicht bekannt gemacht.", now: after, db });
    const entry = (await firstRow(db.select().from(auditEntries).where(eq(auditEntries.action, "award.complaint-filed"))))!;
    expect(JSON.parse(String(entry.details))).toEqual({ complaintId, organisationId: gamma.actor.organisationId, lotIds: [ibNord] });
    const receipt = await smtp.server.waitFor((m) => m.to.includes(gamma.email));
    expect(receipt.text).not.toContain(gamma.submissionId);
    expect(receipt.text).not.toMatch(/VZÄ|Eingangsnummer/);
  });
});

describe("four eyes on the award (§ 58 Abs. 5 VgV)", () => {
  const approvals = async () => (await db.select().from(auditEntries).where(eq(auditEntries.action, "award.approved")));

  it("refuses the approval by the officer who proposed, and lets a second officer approve", async () => {
    await scoreAll();
    await enterFigures();
    await proposeAward({ officerUserId: officerA, callId: call.id, now: SENT, db });
    expect((await awardOverview({ officerUserId: officerA, callId: call.id, now: SENT, db })).procedure).toMatchObject({ proposedBy: ANNA, changedBy: [], viewerIsAuthor: true });
    expect(await refusedByAsync(() => approveAwardProposal({ officerUserId: officerA, callId: call.id, now: SENT, db }))).toMatchObject({ code: "FORBIDDEN", key: "award.refusal.approveOwnProposal" });
    expect((await firstRow(db.select({ status: awardProcedures.status }).from(awardProcedures)))!.status).toBe("proposed");
    expect(await approvals()).toHaveLength(0);
    expect((await awardOverview({ officerUserId: officerB, callId: call.id, now: SENT, db })).procedure!.viewerIsAuthor).toBe(false);
    await approveAwardProposal({ officerUserId: officerB, callId: call.id, now: SENT, db });
    expect((await awardOverview({ officerUserId: officerB, callId: call.id, now: SENT, db })).procedure).toMatchObject({ status: "approved", proposedBy: ANNA, approvedBy: BERND });
  });

  it("refuses the approval by an officer who changed the proposal, and by the one who computed it, until a third officer approves", async () => {
    await scoreAll();
    await enterFigures();
    await proposeAward({ officerUserId: officerA, callId: call.id, now: SENT, db });
    await changeAwardProposal({ officerUserId: officerB, callId: call.id, lotId: fsaNord, submissionId: sub("Beta e. V."), fteHundredths: 250, reason: "Beta besetzt zum Start nur 2,50 VZÄ.", now: SENT, db });
    expect((await awardOverview({ officerUserId: officerB, callId: call.id, now: SENT, db })).procedure).toMatchObject({ proposedBy: ANNA, changedBy: [BERND], viewerIsAuthor: true });
    for (const officer of [officerA, officerB]) {
      expect(await codeAsync(() => approveAwardProposal({ officerUserId: officer, callId: call.id, now: SENT, db }))).toBe("FORBIDDEN: award.refusal.approveOwnProposal");
    }
    const third = await createStaffUser({ email: "vergabe.c@demo.example", name: "Clara Vergabe", role: "officer", password: "ein langes passwort 3", now: NOW, db });
    await approveAwardProposal({ officerUserId: third.id, callId: call.id, now: SENT, db });
    expect(JSON.parse((await approvals())[0].details)).toMatchObject({
      proposedBy: { userId: officerA, name: ANNA },
      authors: [{ userId: officerA, name: ANNA }, { userId: officerB, name: BERND }],
      approvedBy: { userId: third.id, name: "Clara Vergabe" },
    });
  });

  it("refuses the award by the officer who proposed, even during the standstill, and lets the approving officer award", async () => {
    await preInformed(); // proposed by A, approved by B
    for (const now of [new Date("2026-12-24T11:00:00Z"), EARLIEST]) {
      expect(await refusedByAsync(() => awardContracts({ officerUserId: officerA, callId: call.id, now, db, storage }))).toMatchObject({ code: "FORBIDDEN", key: "award.refusal.awardOwnProposal" });
    }
    expect((await firstRow(db.select({ status: calls.status }).from(calls).where(eq(calls.id, call.id))))!.status).toBe("award_proposed");
    await awardContracts({ officerUserId: officerB, callId: call.id, now: EARLIEST, db, storage });
    expect((await firstRow(db.select({ status: calls.status }).from(calls).where(eq(calls.id, call.id))))!.status).toBe("awarded");
  });

  it("names both officers of the approval and of the award in the audit trail and the Vergabevermerk, in both languages and in the PDF", async () => {
    await preInformed();
    await awardContracts({ officerUserId: officerB, callId: call.id, now: EARLIEST, db, storage });
    const awarded = JSON.parse((await firstRow(db.select().from(auditEntries).where(eq(auditEntries.action, "award.awarded"))))!.details);
    expect(awarded).toMatchObject({
      proposedBy: { userId: officerA, name: ANNA },
      authors: [{ userId: officerA, name: ANNA }],
      approvedBy: { userId: officerB, name: BERND },
      awardedBy: { userId: officerB, name: BERND },
    });
    expect(JSON.parse((await approvals())[0].details)).toMatchObject({ proposedBy: { userId: officerA }, approvedBy: { userId: officerB } });

    const report = await buildEvaluationReport({ officerUserId: officerA, callSlug: call.slug, now: EARLIEST, db });
    expect(report.award).toEqual({
      proposedBy: ANNA,
      proposedAt: SENT.toISOString(),
      changedBy: [],
      approvedBy: BERND,
      approvedAt: SENT.toISOString(),
      awardedBy: BERND,
      awardedAt: EARLIEST.toISOString(),
    });
    const approval = report.timeline.find((e) => e.action === "award.approved")!;
    expect([approval.actor, timelineDetails(approval, translator("de"), "de").join("; ")]).toEqual([BERND, `berechnet von ${ANNA}`]);
    const award = report.timeline.find((e) => e.action === "award.awarded")!;
    expect(timelineDetails(award, translator("en"), "en").join("; ")).toBe(`Awards: 3; Notices: 4; computed by ${ANNA}; approved by ${BERND}`);

    const bytes = await renderEvaluationReportPdf(report, { locale: "de", generatedAt: EARLIEST, cityName: "Landeshauptstadt Dresden", publicUrl: "https://portal.example/verwaltung/aufrufe/x/vergabevermerk" });
    const flat = (await extractText(bytes, { mergePages: true })).text.replace(/\s+/g, " ");
    expectInOrder(flat, [
      "Zuschlag mit vier Augen (§ 58 Abs. 5 VgV)",
      `Den Zuschlagsvorschlag berechnete ${ANNA} am 15. Dezember 2026 um 10:00:00 MEZ.`,
      `Freigegeben hat ihn ${BERND} am 15. Dezember 2026 um 10:00:00 MEZ.`,
      `Den Zuschlag erteilte ${BERND} am 26. Dezember 2026 um 00:00:00 MEZ.`,
    ]);
  });
});

describe("letters", () => {
  it("sends award and rejection letters, stored so that only the addressee's organisation reads them", async () => {
    await preInformed();
    smtp.server.messages.length = 0;
    const result = await awardContracts({ officerUserId: officerB, callId: call.id, now: EARLIEST, db, storage });
    expect(result.notices).toBe(4);
    const alpha = await smtp.server.waitFor((m) => m.to.includes(bidders["Alpha e. V."].email));
    expect(alpha.subject).toBe(`Zuschlag – ${call.title}`);
    expect(alpha.text).toMatch(/Los \d+: Flüchtlingssozialarbeit, Region Nord.*5,00/);
    const delta = await smtp.server.waitFor((m) => m.to.includes(bidders["Delta e. V."].email));
    expect(delta.subject).toBe(`Absage – ${call.title}`);
    // Sent at 00:00 on 26 December in Berlin (25 December in UTC): dated by the Berlin day.
    expectInOrder(delta.text, ["Datum: 26. Dezember 2026", `Absage – ${call.title}`, "Sehr geehrte Damen und Herren,\n\nIhre Interessenbekundung zum Aufruf", "Mit freundlichen Grüßen"]);

    const alphaNotices = await noticesForOrganisation(org("Alpha e. V."), db);
    expect(alphaNotices.map((n) => n.kind)).toEqual(["award", "preInformation"]);
    const fileId = alphaNotices[0].fileId!;
    const file = (await firstRow(db.select().from(storedFiles).where(eq(storedFiles.id, fileId))))!;
    expect([file.organisationId, file.mediaType]).toEqual([org("Alpha e. V."), "application/pdf"]);
    const carrier = (name: string) => ({ userId: bidders[name].actor.userId, role: "carrier" as const, organisationId: org(name) });
    expect((await fileForActor({ actor: carrier("Alpha e. V."), fileId, db })).id).toBe(fileId);
    expect(await codeAsync(async () => fileForActor({ actor: carrier("Beta e. V."), fileId, db }))).toBe("NOT_FOUND: notFound.file");
    expect(await codeAsync(async () => fileForActor({ actor: null, fileId, db }))).toBe("NOT_FOUND: notFound.file");
    expect(await codeAsync(async () => fileForActor({ actor: { userId: evaluators[0], role: "evaluator", organisationId: null }, fileId, db }))).toBe("NOT_FOUND: notFound.file");
    // The city's officers read the letters they sent.
    expect((await fileForActor({ actor: { userId: officerA, role: "officer", organisationId: null }, fileId, db })).id).toBe(fileId);
    const stored = await storage.read(file.storageKey);
    const chunks: Buffer[] = [];
    for await (const c of stored) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await noticesForOrganisation(org("Beta e. V."), db)).every((n) => n.fileId !== fileId)).toBe(true);
  });
});

describe("Aufhebung", () => {
  it("cancels a lot with a reason: notices to every applicant, and the lot leaves the proposal", async () => {
    expect(await codeAsync(() => cancelLot({ officerUserId: officerA, callId: call.id, lotId: ibNord, reason: "kurz", now: after, db, storage }))).toMatch(/^INVALID/);
    const result = await cancelLot({ officerUserId: officerA, callId: call.id, lotId: ibNord, reason: "Der Bedarf entfällt nach der Neuordnung der Beratung.", now: after, db, storage });
    expect(result.notices).toBe(4);
    const mail = await smtp.server.waitFor((m) => m.to.includes(bidders["Alpha e. V."].email));
    expect(mail.subject).toBe(`Aufhebung eines Loses – ${call.title}`);
    expect(mail.text).toContain("Grund der Aufhebung: Der Bedarf entfällt nach der Neuordnung der Beratung.");
    expect((await firstRow(db.select({ reason: lots.cancellationReason }).from(lots).where(eq(lots.id, ibNord))))!.reason).toBe("Der Bedarf entfällt nach der Neuordnung der Beratung.");
    await scoreAll();
    await enterFigures();
    const { allocation } = await proposeAward({ officerUserId: officerA, callId: call.id, now: SENT, db });
    expect(allocation.lots.some((l) => l.lotId === ibNord)).toBe(false);
  });

  it("cancels the call: status, reason and a notice with PDF to every applicant", async () => {
    await cancelCall({ officerUserId: officerA, callId: call.id, reason: "Die Haushaltsmittel wurden nicht bewilligt.", now: after, db, storage });
    const row = (await firstRow(db.select().from(calls).where(eq(calls.id, call.id))))!;
    expect([row.status, row.cancellationReason, row.cancelledAt?.toISOString()]).toEqual(["cancelled", "Die Haushaltsmittel wurden nicht bewilligt.", after.toISOString()]);
    const sent = await db.select().from(notices).where(eq(notices.kind, "cancellation"));
    expect(sent).toHaveLength(4);
    expect(sent.every((n) => n.storedFileId !== null && n.body.includes("Die Haushaltsmittel wurden nicht bewilligt."))).toBe(true);
    for (const name of Object.keys(bidders)) {
      expect((await smtp.server.waitFor((m) => m.to.includes(bidders[name].email))).subject).toBe(`Aufhebung des Aufrufs – ${call.title}`);
    }
    await scoreAll();
    await enterFigures();
    expect(await codeAsync(() => proposeAward({ officerUserId: officerA, callId: call.id, now: SENT, db }))).toBe("CONFLICT: award.refusal.callCancelled");
  });
});

describe("the Vergabevermerk", () => {
  it("lists every award step in its timeline with the bid, the FTE, the reasons and the notices, in both languages and in the PDF", async () => {
    const at = (iso: string) => new Date(iso);
    await cancelLot({ officerUserId: officerA, callId: call.id, lotId: lotOf("west", "fluechtlingsbegleitung"), reason: "Der Bedarf wird im Modellprojekt gedeckt.", now: after, db, storage });
    await scoreAll();
    await enterFigures();
    await proposeAward({ officerUserId: officerA, callId: call.id, now: at("2026-12-14T09:00:00Z"), db });
    await proposeAward({ officerUserId: officerB, callId: call.id, now: at("2026-12-14T10:00:00Z"), db });
    await changeAwardProposal({ officerUserId: officerB, callId: call.id, lotId: fsaNord, submissionId: sub("Beta e. V."), fteHundredths: 250, reason: "Beta besetzt zum Start nur 2,50 VZÄ.", now: at("2026-12-14T11:00:00Z"), db });
    // Four eyes: officer B computed and changed the proposal, officer A approves and awards.
    await approveAwardProposal({ officerUserId: officerA, callId: call.id, now: SENT, db });
    await sendPreInformation({ officerUserId: officerA, callId: call.id, now: SENT, db, storage, baseUrl: "https://portal.example" });
    const { complaintId } = await recordComplaint({ officerUserId: officerA, callId: call.id, organisationId: org("Gamma e. V."), lotIds: [fsaNord], receivedAt: at("2026-12-18T08:00:00Z"), summary: "Gamma rügt die Bewertung des Konzepts.", now: at("2026-12-18T09:00:00Z"), db });
    await decideComplaint({ officerUserId: officerB, complaintId, decision: "rejected", reasons: "Geprüft: Die Bewertung ist nachvollziehbar begründet.", now: at("2026-12-21T09:00:00Z"), db, storage });
    await awardContracts({ officerUserId: officerA, callId: call.id, now: EARLIEST, db, storage });

    const report = await buildEvaluationReport({ officerUserId: officerB, callSlug: call.slug, now: EARLIEST, db });
    const de = translator("de");
    const steps = report.timeline.filter((e) => e.action.startsWith("award.") || e.action.startsWith("call.") && e.action.endsWith("cancelled"));
    const rendered = steps.map((e) => [timelineLabel(e, de), timelineDetails(e, de, "de").join("; ")]);
    expect(rendered).toEqual([
      ["Los aufgehoben", "Los 15; Begründung: Der Bedarf wird im Modellprojekt gedeckt.; Mitteilungen: 4"],
      ["Zuschlagsvorschlag berechnet", ""],
      ["Zuschlagsvorschlag neu berechnet", ""],
      ["Zuschlagsvorschlag mit Begründung geändert", `Träger: Beta e. V.; Eingangsnummer ${report.formalCheck.find((f) => f.organisationName === "Beta e. V.")!.receiptNumber}; Los ${report.lots.find((l) => l.lotId === fsaNord)!.number}; VZÄ von 2,75 auf 2,50; Begründung: Beta besetzt zum Start nur 2,50 VZÄ.`],
      ["Zuschlagsvorschlag freigegeben", `berechnet von ${BERND}`],
      ["Vorabinformation versandt (§ 134 GWB)", "Zuschlag frühestens am 26. Dezember 2026 um 00:00 MEZ; Mitteilungen: 4"],
      ["Rüge erfasst", `Träger: Gamma e. V.; Lose ${report.lots.find((l) => l.lotId === fsaNord)!.number}`],
      ["Über Rüge entschieden", `Lose ${report.lots.find((l) => l.lotId === fsaNord)!.number}; Entscheidung: nicht abgeholfen; Mitteilungen: 1`],
      ["Zuschlag erteilt", `Zuschläge: 3; Mitteilungen: 4; berechnet von ${BERND}; freigegeben von ${ANNA}`],
    ]);
    const en = translator("en");
    expect(steps.map((e) => timelineLabel(e, en))).toEqual([
      "Lot cancelled",
      "Award proposal computed",
      "Award proposal recomputed",
      "Award proposal changed with a reason",
      "Award proposal approved",
      "Pre-information sent (§ 134 GWB)",
      "Complaint recorded",
      "Complaint decided",
      "Contracts awarded",
    ]);
    expect(timelineDetails(steps[5], en, "en").join("; ")).toBe("award not before 26 December 2026 at 00:00 CET; Notices: 4");

    const bytes = await renderEvaluationReportPdf(report, { locale: "de", generatedAt: EARLIEST, cityName: "Landeshauptstadt Dresden", publicUrl: "https://portal.example/verwaltung/aufrufe/x/vergabevermerk" });
    const { text } = await extractText(bytes, { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    for (const [label, details] of rendered) expect(flat, label).toContain(`${label} ${details}`.trim());
  });

  it("lists the cancellation of the call with its reason", async () => {
    await cancelCall({ officerUserId: officerA, callId: call.id, reason: "Die Haushaltsmittel wurden nicht bewilligt.", now: after, db, storage });
    const report = await buildEvaluationReport({ officerUserId: officerA, callSlug: call.slug, now: after, db });
    const step = report.timeline.find((e) => e.action === "call.cancelled")!;
    expect([timelineLabel(step, translator("de")), timelineDetails(step, translator("de"), "de").join("; ")]).toEqual([
      "Aufruf aufgehoben",
      "Begründung: Die Haushaltsmittel wurden nicht bewilligt.; Mitteilungen: 4",
    ]);
  });
});
