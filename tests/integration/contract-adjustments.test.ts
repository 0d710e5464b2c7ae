// Nachsteuerung (decision 0026) against a real SQLite file and a real SMTP server on
// loopback: new client figures move a lot beyond the tolerance, officer A proposes, officer
// A may not approve, officer B approves and the change letters go out; one carrier accepts,
// one declines; the contract, the Stellenplan and the open data follow the accepted change.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { acceptAmendment, adjustmentView, approveAdjustment, declineAmendment, liveProposal, proposeAdjustment } from "../../app/contracts/adjustments.server";
import { acceptedAmendmentsOfCall } from "../../app/contracts/amendments-read.server";
import { contractOfCall, contractsOfCall, openDataContracts } from "../../app/contracts/contracts.server";
import { saveStaffReportDraft, staffReportForOfficer, submitStaffReport } from "../../app/contracts/staff-reports.server";
import { first, writeTx, type Db } from "../../app/infra/db.server";
import { auditEntries, calls, contractAmendments, contracts, notices } from "../../app/infra/schema";
import type { FileStorage } from "../../app/infra/storage.server";
import { buildReleasePackage } from "../../app/procurement/ocds";
import { loadCallResult, loadCallOutcome } from "../../app/award/result.server";
import { ocdsOutcome } from "../../app/award/result";
import { recordClientFigures } from "../../app/staffing/client-figures.server";
import { loadStaffingPlan } from "../../app/staffing/plans.server";
import { copyOfAwardScenario, type AwardScenario } from "../support/award";
import { validateReleasePackage } from "../support/ocds-schema";
import { refusalCodeAsync } from "../support/refusals";
import { useSmtpServer } from "../support/smtp-env";
import type { TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const SENT = new Date("2026-12-15T09:00:00Z");
const EARLIEST = new Date("2026-12-25T23:00:00Z");
// The contracts run from 9 March 2027; new figures in April.
const FIGURES_AT = new Date("2027-04-03T08:00:00Z");
const PROPOSED_AT = new Date("2027-04-05T08:00:00Z");
const APPROVED_AT = new Date("2027-04-06T08:00:00Z");
const ANSWERED_AT = new Date("2027-04-20T08:00:00Z");

const mail = useSmtpServer();

let t: TempDb;
let db: Db;
let storage: FileStorage;
let s: AwardScenario;
beforeEach(async () => {
  mail.server.messages.length = 0;
  ({ t, storage, s } = await copyOfAwardScenario(NOW));
  db = t.db;
  await s.scoreAll();
  await s.enterFigures();
  await s.preInform(SENT);
  await s.award(EARLIEST);
});
afterEach(() => t.cleanup());

/**
 * Nord's refugees rise from 1,240 to 1,600: Flüchtlingssozialarbeit Nord (lot 2) needs 10,00
 * FTE instead of 7,75. 170 with a right to stay: Integrationsberatung Nord (lot 4) needs 2,13
 * against Gamma's 2,00, within the tolerance.
 */
const newFigures = (count = 1600, now = FIGURES_AT) =>
  recordClientFigures({
    callId: s.call.id,
    asOf: "2027-03-31",
    figures: [
      { regionCode: "nord", targetGroup: "asylum", count },
      { regionCode: "nord", targetGroup: "rightToStay", count: 170 },
    ],
    userId: s.officerA,
    source: "form",
    now,
    db,
  });

const contractOf = async (organisation: string) => (await contractsOfCall(s.call.id, db)).find((c) => c.organisationName === organisation && c.lotNumber === 2)!;
const amendmentOf = async (contractId: string) => (await first(db.select().from(contractAmendments).where(eq(contractAmendments.contractId, contractId))))!;

it("proposes within the bounds in ranking order, refuses the proposer's approval, sends the letters, and the contract, plan and open data follow the accepted change", async () => {
  await newFigures();
  const live = await liveProposal(s.call.id, PROPOSED_AT, db);
  const lot2 = live.lots.find((l) => l.number === 2)!;
  expect([lot2.requiredHundredths, lot2.contractedHundredths, lot2.beyondTolerance]).toEqual([1000, 775, true]);
  // Alpha (rank 1) grows by its whole 20 % of 5,00, Beta (rank 2) by 20 % of 2,75; 0,70 stay uncovered.
  expect(lot2.changes.map((c) => [c.number.slice(-5), c.beforeHundredths, c.afterHundredths])).toEqual([
    ["V02-1", 500, 600],
    ["V02-2", 275, 330],
  ]);
  expect(lot2.uncoveredHundredths).toBe(70);

  const { adjustmentId } = await proposeAdjustment({ officerUserId: s.officerA, callId: s.call.id, now: PROPOSED_AT, db });
  expect(await refusalCodeAsync(() => approveAdjustment({ officerUserId: s.officerA, callId: s.call.id, adjustmentId, now: APPROVED_AT, db, storage }))).toBe("FORBIDDEN: adjustment.refusal.approveOwn");

  const approved = await approveAdjustment({ officerUserId: s.officerB, callId: s.call.id, adjustmentId, now: APPROVED_AT, db, storage, baseUrl: "https://portal.example" });
  // Approved 6 April: the first of a month at least 30 days later is 1 June.
  expect(approved).toMatchObject({ amendments: 2, effectiveFrom: "2027-06-01" });
  expect(await refusalCodeAsync(() => approveAdjustment({ officerUserId: s.officerB, callId: s.call.id, adjustmentId, now: APPROVED_AT, db, storage }))).toBe("CONFLICT: adjustment.refusal.notProposed");

  // One change letter per contract: a notice with its PDF, and a mail to the carrier's member.
  expect(await db.select().from(notices).where(eq(notices.kind, "contractAmendment"))).toHaveLength(2);
  const alphaMail = mail.server.messages.find((m) => m.to.includes(s.bidders["Alpha e. V."].email))!;
  expect(alphaMail.subject).toContain("Änderung des Vertrags");
  expect(alphaMail.text).toContain("6,00 statt bisher 5,00 VZÄ");
  expect(alphaMail.attachments.map((a) => a.filename)).toEqual([`vertragsaenderung-${s.call.slug}.pdf`]);
  expect(mail.server.messages.some((m) => m.to.includes(s.bidders["Beta e. V."].email))).toBe(true);
  expect(mail.server.messages.some((m) => m.to.includes(s.bidders["Gamma e. V."].email))).toBe(false);

  const alpha = await contractOf("Alpha e. V.");
  const beta = await contractOf("Beta e. V.");
  const alphaAmendment = await amendmentOf(alpha.id);
  const betaAmendment = await amendmentOf(beta.id);
  // Gamma has no contract in lot 2: Alpha's amendment is not found for it.
  expect(await refusalCodeAsync(() => acceptAmendment({ actor: s.bidders["Gamma e. V."].actor, amendmentId: alphaAmendment.id, confirmed: true, now: ANSWERED_AT, db }))).toBe("NOT_FOUND: notFound.amendment");
  expect(await refusalCodeAsync(() => acceptAmendment({ actor: s.bidders["Alpha e. V."].actor, amendmentId: alphaAmendment.id, confirmed: false, now: ANSWERED_AT, db }))).toBe("INVALID: adjustment.refusal.confirm");

  await acceptAmendment({ actor: s.bidders["Alpha e. V."].actor, amendmentId: alphaAmendment.id, confirmed: true, now: ANSWERED_AT, db });
  await declineAmendment({ actor: s.bidders["Beta e. V."].actor, amendmentId: betaAmendment.id, confirmed: true, now: ANSWERED_AT, db });
  expect(await refusalCodeAsync(() => declineAmendment({ actor: s.bidders["Alpha e. V."].actor, amendmentId: alphaAmendment.id, confirmed: true, now: ANSWERED_AT, db }))).toBe("CONFLICT: adjustment.refusal.alreadyAnswered");

  // What was concluded stays on the contract; the amendment says what changed and who answered.
  expect((await first(db.select({ fte: contracts.fteHundredths }).from(contracts).where(eq(contracts.id, alpha.id))))!.fte).toBe(500);
  expect(await amendmentOf(alpha.id)).toMatchObject({ status: "accepted", fromDay: "2027-06-01", fteBeforeHundredths: 500, fteAfterHundredths: 600, decidedByName: expect.any(String) });
  expect((await amendmentOf(beta.id)).status).toBe("declined");
  expect(await acceptedAmendmentsOfCall(s.call.id, db)).toEqual([{ contractId: alpha.id, from: "2027-06-01", fteHundredths: 600 }]);
  expect((await contractsOfCall(s.call.id, db)).find((c) => c.id === alpha.id)!.agreedHundredths).toBe(600);

  // Staff reports measure the unfilled FTE against the FTE in effect on a period's last day:
  // 5,00 in the term's first period, 6,00 in the one that holds 15 June 2027.
  const detail = await contractOfCall({ callId: s.call.id, contractId: alpha.id, db });
  const unfilledIn = async (period: { from: string; to: string }) => {
    const actor = s.bidders["Alpha e. V."].actor;
    const now = new Date(`${period.to}T10:00:00Z`);
    const post = { postKey: null, personName: "", payGroup: "S 12", weeklyHoursHundredths: 3900, fteHundredths: 100, hasDegree: false, start: period.from, end: null };
    await saveStaffReportDraft({ actor, contractId: alpha.id, periodFrom: period.from, posts: [post], vacancyNote: "", now, db });
    await submitStaffReport({ actor, contractId: alpha.id, periodFrom: period.from, now, db });
    return (await staffReportForOfficer({ callId: s.call.id, contractId: alpha.id, periodFrom: period.from, now, db })).current!.unfilledHundredths;
  };
  expect(detail.reportPeriods[0].to < "2027-06-01").toBe(true);
  expect(await unfilledIn(detail.reportPeriods[0])).toBe(400);
  expect(await unfilledIn(detail.reportPeriods.find((p) => p.from <= "2027-06-15" && "2027-06-15" <= p.to)!)).toBe(500);

  // The Stellenplan was recomputed: lot 2 has 6,00 + 2,75 contracted; Beta's decline leaves 1,25 open.
  const plan = await loadStaffingPlan(s.call.id, { db });
  expect(plan.current!.trigger).toBe("amendment");
  const line = plan.current!.plan.lots.find((l) => l.number === 2)!;
  expect([line.requiredHundredths, line.contractedHundredths, line.gapHundredths]).toEqual([1000, 875, 125]);

  // The officers' page lists the decline.
  const view = await adjustmentView(s.call.id, ANSWERED_AT, db);
  expect(view.declined.map((a) => a.contractNumber)).toEqual([beta.number]);
  expect(view.approved[0].amendments.map((a) => a.status).sort()).toEqual(["accepted", "declined"]);

  // Open data: the amendment on Alpha's contract, its value counting 6,00 FTE from June, valid OCDS.
  const outcome = await loadCallOutcome(s.call.id, { db });
  const result = await loadCallResult(s.call.slug, { db });
  const pkg = buildReleasePackage(s.call, { publicUrl: "https://portal.example", publishedAt: ANSWERED_AT, outcome: { ...ocdsOutcome(outcome, result), contracts: await openDataContracts(s.call.id, db) }, now: ANSWERED_AT });
  expect(validateReleasePackage(pkg).errors).toEqual([]);
  const ocdsContracts = pkg.releases[0].contracts!;
  const amended = ocdsContracts.find((c) => c.id === alpha.number)!;
  expect(amended.amendments).toEqual([expect.objectContaining({ id: `${alpha.number}-aenderung-1`, description: expect.stringContaining("Ab 01.06.2027: 6,00 statt 5,00 VZÄ") })]);
  expect(ocdsContracts.find((c) => c.id === beta.number)).not.toHaveProperty("amendments");
  expect(amended.value.amount).toBeGreaterThan(alpha.valuePerYearCents * 2 / 100);

  const actions = (await db.select({ action: auditEntries.action }).from(auditEntries)).map((a) => a.action);
  expect(actions).toEqual(expect.arrayContaining(["adjustment.proposed", "adjustment.approved", "contract.amendment-accepted", "contract.amendment-declined"]));
});

it("refuses a proposal when no lot moves beyond the tolerance, and an approval after newer figures", async () => {
  // 1,300 refugees: 8,13 FTE against 7,75 contracted, within 10 %; lot 4 within too.
  await newFigures(1300);
  expect(await refusalCodeAsync(() => proposeAdjustment({ officerUserId: s.officerA, callId: s.call.id, now: PROPOSED_AT, db }))).toBe("CONFLICT: adjustment.refusal.nothingToAdjust");
  await newFigures(1600, new Date("2027-04-04T08:00:00Z"));
  const { adjustmentId } = await proposeAdjustment({ officerUserId: s.officerA, callId: s.call.id, now: PROPOSED_AT, db });
  await recordClientFigures({ callId: s.call.id, asOf: "2027-04-05", figures: [{ regionCode: "nord", targetGroup: "asylum", count: 1700 }], userId: s.officerA, source: "form", now: new Date("2027-04-05T12:00:00Z"), db });
  expect(await refusalCodeAsync(() => approveAdjustment({ officerUserId: s.officerB, callId: s.call.id, adjustmentId, now: APPROVED_AT, db, storage }))).toBe("CONFLICT: adjustment.refusal.figuresChanged");
  expect(mail.server.messages).toHaveLength(0);
});

it("measures the move against the call's own trigger (Anlass), not a fixed 10 %", async () => {
  await newFigures();
  const withTrigger = async (percent: number) => {
    const terms = (await first(db.select({ terms: calls.contractTerms }).from(calls).where(eq(calls.id, s.call.id))))!.terms;
    await writeTx(async (tx) => {
      await tx.update(calls).set({ contractTerms: { ...terms, adjustmentTolerancePercent: percent } }).where(eq(calls.id, s.call.id));
    }, db);
    return await liveProposal(s.call.id, PROPOSED_AT, db);
  };
  const beyond = async (percent: number) => (await withTrigger(percent)).lots.filter((l) => l.beyondTolerance).map((l) => l.lotId);
  // Lot 2 moves by 29 % (10,00 against 7,75), lot 4 by 6,5 % (2,13 against 2,00).
  expect(await beyond(10)).toEqual([s.fsaNord]);
  expect(await beyond(5)).toEqual(expect.arrayContaining([s.fsaNord, s.ibNord]));
  expect((await withTrigger(5)).tolerancePercent).toBe(5);
  expect(await beyond(30)).toEqual([]);
  expect(await refusalCodeAsync(() => proposeAdjustment({ officerUserId: s.officerA, callId: s.call.id, now: PROPOSED_AT, db }))).toBe("CONFLICT: adjustment.refusal.nothingToAdjust");
});

it("refuses an answer after the day before the change takes effect, by the server clock", async () => {
  await newFigures();
  const { adjustmentId } = await proposeAdjustment({ officerUserId: s.officerA, callId: s.call.id, now: PROPOSED_AT, db });
  await approveAdjustment({ officerUserId: s.officerB, callId: s.call.id, adjustmentId, now: APPROVED_AT, db, storage, sendMails: false });
  const alpha = await amendmentOf((await contractOf("Alpha e. V.")).id);
  // 31 May 2027 ends at 22:00 UTC (CEST).
  expect(await refusalCodeAsync(() => acceptAmendment({ actor: s.bidders["Alpha e. V."].actor, amendmentId: alpha.id, confirmed: true, now: new Date("2027-05-31T22:00:00Z"), db }))).toBe("DEADLINE_PASSED: adjustment.refusal.answerTooLate");
  const stateOf = async (now: Date) => (await adjustmentView(s.call.id, now, db)).approved[0].amendments.map((a) => [a.organisationName, a.state]);
  expect(await stateOf(new Date("2027-05-31T21:59:59Z"))).toEqual([["Alpha e. V.", "pending"], ["Beta e. V.", "pending"]]);
  await acceptAmendment({ actor: s.bidders["Alpha e. V."].actor, amendmentId: alpha.id, confirmed: true, now: new Date("2027-05-31T21:59:59Z"), db });
  expect((await amendmentOf((await contractOf("Alpha e. V.")).id)).status).toBe("accepted");
  // Beta never answered: from the next second its letter has lapsed, and its gap is listed with the declined ones.
  const after = new Date("2027-05-31T22:00:00Z");
  expect(await stateOf(after)).toEqual([["Alpha e. V.", "accepted"], ["Beta e. V.", "lapsed"]]);
  expect((await adjustmentView(s.call.id, after, db)).declined.map((a) => [a.organisationName, a.state])).toEqual([["Beta e. V.", "lapsed"]]);
});

it("holds a lot back from a new proposal while its letters await answers, and takes it up again once their time has passed", async () => {
  await newFigures();
  const { adjustmentId } = await proposeAdjustment({ officerUserId: s.officerA, callId: s.call.id, now: PROPOSED_AT, db });
  await approveAdjustment({ officerUserId: s.officerB, callId: s.call.id, adjustmentId, now: APPROVED_AT, db, storage, sendMails: false });
  // Still more refugees a few days later: lot 2 moves again, but Alpha's and Beta's letters are open.
  await newFigures(1800, new Date("2027-04-10T08:00:00Z"));
  const waiting = await liveProposal(s.call.id, new Date("2027-04-10T09:00:00Z"), db);
  expect(waiting.awaiting.map((l) => l.lotId)).toEqual([s.fsaNord]);
  expect(waiting.lots.map((l) => l.lotId)).not.toContain(s.fsaNord);
  // 31 May 2027 ended at 22:00 UTC: the letters lapsed, and lot 2 is proposed on its contracts as they stand.
  const lapsed = await liveProposal(s.call.id, new Date("2027-05-31T22:00:00Z"), db);
  expect(lapsed.awaiting).toEqual([]);
  expect(lapsed.lots.find((l) => l.lotId === s.fsaNord)?.beyondTolerance).toBe(true);
});

it("has nothing to adjust on a call without contracts, and says so instead of failing", async () => {
  const view = await adjustmentView(s.call.id, PROPOSED_AT, db);
  expect(view.problem).toBeNull();
  const fresh = copyOfAwardScenario(NOW);
  return fresh.then(async ({ t: other, s: scenario }) => {
    try {
      expect((await adjustmentView(scenario.call.id, PROPOSED_AT, other.db)).problem).toEqual({ key: "adjustment.refusal.noContracts" });
    } finally {
      other.cleanup();
    }
  });
});
