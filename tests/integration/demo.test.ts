// The demo as `npm start` loads it: the historic call dresden-2017 is decided by the real
// procedure over seven illustrative carriers (app/demo/historic-procedure.server.ts), and the
// demo copy stays open. A real SQLite file and local file storage.
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditTrail } from "../../app/infra/audit-verify.server";
import { DEMO_CARRIERS } from "../../app/demo/historic-procedure.server";
import { DEMO_ACCOUNTS, loadDemo } from "../../app/demo/demo.server";
import { buildEvaluationReport } from "../../app/evaluation/report.server";
import { first } from "../../app/infra/db.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import { resetMasterKeyForTests } from "../../app/infra/sealing.server";
import { awardDecisions, awardProcedures, calls, lots, notices, staffingPlans, users } from "../../app/infra/schema";
import { localStorage } from "../../app/infra/storage.server";
import { loadStaffingPlan, type StoredPlan } from "../../app/staffing/plans.server";
import { planDifference } from "../../app/staffing/plan";
import { adjustmentView } from "../../app/contracts/adjustments.server";
import { loadCallOutcome, loadCallResult } from "../../app/award/result.server";
import { ocdsOutcome } from "../../app/award/result";
import { contractsOfCall, openDataContracts } from "../../app/contracts/contracts.server";
import { staffReportsOfCall } from "../../app/contracts/staff-reports.server";
import { coverageOfCall } from "../../app/staffing/coverage.server";
import { loadCallView } from "../../app/procurement/calls.server";
import { loadDraft } from "../../app/procurement/authoring.server";
import { followUpsOf } from "../../app/procurement/call-family.server";
import { uncoveredOfCall } from "../../app/procurement/follow-up.server";
import { buildReleasePackage } from "../../app/procurement/ocds";
import { validateReleasePackage } from "../support/ocds-schema";
import { missingCooperations } from "../../app/award/cooperation.server";
import { procedureRow, readAllocation } from "../../app/award/records.server";
import { tempDatabase, type TempDb } from "../support/temp-db";

let t: TempDb;
const saved = { DATA_DIR: process.env.DATA_DIR, PORTAL_MASTER_KEY: process.env.PORTAL_MASTER_KEY };

beforeAll(async () => {
  t = await tempDatabase();
  process.env.DATA_DIR = t.dir;
  process.env.PORTAL_MASTER_KEY = randomBytes(32).toString("base64");
  resetEnvForTests();
  resetMasterKeyForTests();
  await loadDemo({ now: new Date("2026-11-25T10:00:00Z"), db: t.db, decideHistoric: true, storage: localStorage(`${t.dir}/files`) });
}, 120_000);

afterAll(() => {
  t?.cleanup();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
  resetMasterKeyForTests();
});

const callId = async (slug: string) => (await first(t.db.select({ id: calls.id }).from(calls).where(eq(calls.slug, slug))))!.id;

describe("the demo's historic call", () => {
  it("is decided, with awards dated on the earliest day the standstill allowed", async () => {
    const call = (await first(t.db.select().from(calls).where(eq(calls.slug, "dresden-2017"))))!;
    expect(call.status).toBe("awarded");
    const procedure = (await first(t.db.select().from(awardProcedures).where(eq(awardProcedures.callId, call.id))))!;
    expect(procedure.status).toBe("awarded");
    // Pre-information on Friday 17 March 2017; the 10 days run 18–27 March; award from 28 March.
    expect(procedure.earliestAwardAt!.toISOString()).toBe("2017-03-27T22:00:00.000Z");
    expect(procedure.awardedAt!.getTime()).toBeGreaterThanOrEqual(procedure.earliestAwardAt!.getTime());
  });

  it("keeps every region's tandem within the call's 50 ± 5 %, and asks both carriers of the one split tandem to declare cooperation", async () => {
    const tandems = readAllocation((await procedureRow(t.db, await callId("dresden-2017")))!).tandems!;
    expect(tandems.map((x) => [x.regionName, x.sharePercent, x.split])).toEqual([
      ["Region Nord", 50, false],
      ["Region Ost", 50, false],
      ["Region Süd", 55, true],
      ["Region West", 50, false],
    ]);
    const missing = (await missingCooperations(await callId("dresden-2017"), t.db)).map((m) => [m.regionName, m.organisationName, m.partners]);
    expect(missing.sort()).toEqual([
      ["Region Süd", "Ankommen in Dresden e. V. (fiktiv)", ["Sozialwerk Heidepark gGmbH (fiktiv)"]],
      ["Region Süd", "Sozialwerk Heidepark gGmbH (fiktiv)", ["Ankommen in Dresden e. V. (fiktiv)"]],
    ]);
  });

  it("has at least six illustrative carriers with mixed success: won, split, lost and excluded", async () => {
    const result = await loadCallResult("dresden-2017", { db: t.db });
    expect(result?.state).toBe("awarded");
    if (result?.state !== "awarded") return;
    const winners = new Set(result.lots.flatMap((l) => l.awards.map((a) => a.carrierName)));
    expect(DEMO_CARRIERS.length).toBeGreaterThanOrEqual(6);
    for (const c of DEMO_CARRIERS) expect(c.name).toContain("(fiktiv)");
    // Everyone but the excluded carrier wins something; two lose a lot to a better bid.
    expect(winners.size).toBe(DEMO_CARRIERS.length - 1);
    expect(winners.has("Neue Wege Beratung UG (fiktiv)")).toBe(false);
    const split = result.lots.filter((l) => l.awards.length === 2).map((l) => l.number);
    expect(split).toEqual([8, 10, 16]);
    const rejected = await t.db
      .select({ lot: lots.number })
      .from(awardDecisions)
      .innerJoin(lots, eq(lots.id, awardDecisions.lotId))
      .where(and(eq(awardDecisions.status, "rejected"), eq(lots.callId, await callId("dresden-2017"))));
    expect(new Set(rejected.map((r) => r.lot))).toEqual(new Set([2, 3]));
  });

  it("names both officers of each four-eyes step in its Vergabevermerk: opening, approval and award", async () => {
    const officerA = (await first(t.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS[0].email))))!.id;
    const report = await buildEvaluationReport({ officerUserId: officerA, callSlug: "dresden-2017", now: new Date("2026-11-25T10:00:00Z"), db: t.db });
    const [anna, bernd] = [DEMO_ACCOUNTS[0].name, DEMO_ACCOUNTS[1].name];
    expect([report.opening?.record.startedBy.name, report.opening?.record.confirmedBy.name]).toEqual([anna, bernd]);
    expect(report.award).toMatchObject({ proposedBy: anna, changedBy: [], approvedBy: bernd, awardedBy: bernd });
    const award = report.timeline.find((e) => e.action === "award.awarded")!;
    expect([award.actor, award.subject.proposedBy, award.subject.approvedBy]).toEqual([bernd, anna, bernd]);
  });

  it("scores price under its cost rule: in lot 2 the carrier paying more per FTE but spending less on the rest gets the full price points", async () => {
    const officerA = (await first(t.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS[0].email))))!.id;
    const report = await buildEvaluationReport({ officerUserId: officerA, callSlug: "dresden-2017", now: new Date("2026-11-25T10:00:00Z"), db: t.db });
    const lot2 = report.lots.find((l) => l.number === 2)!;
    const elbtal = lot2.bids.find((b) => b.organisationName.startsWith("Wohlfahrtsverband Elbtal"))!;
    const heidepark = lot2.bids.find((b) => b.organisationName.startsWith("Sozialwerk Heidepark"))!;
    // Personnel cost per FTE: Elbtal 58,500 €, Heidepark 57,000 €; the rest per FTE: 9,000 € and 10,000 €.
    expect([elbtal.costPerFteCents, heidepark.costPerFteCents]).toEqual([900_000, 1_000_000]);
    expect([elbtal.priceScore, heidepark.priceScore]).toEqual([5, 4.5]);
  });

  it("sent every bidder a pre-information and an award or rejection letter as a stored PDF", async () => {
    const rows = await t.db.select().from(notices).where(eq(notices.callId, await callId("dresden-2017")));
    const kinds = (kind: string) => rows.filter((n) => n.kind === kind);
    expect(kinds("preInformation")).toHaveLength(DEMO_CARRIERS.length);
    expect(kinds("award").length + kinds("rejection").length).toBe(DEMO_CARRIERS.length);
    expect(kinds("rejection")).toHaveLength(1);
    for (const n of rows) expect(n.storedFileId).toBeTruthy();
  });

  it("concludes a contract for every award through the award itself, and its open data validates with them", async () => {
    const id = await callId("dresden-2017");
    const result = await loadCallResult("dresden-2017", { db: t.db });
    if (result?.state !== "awarded") throw new Error("not awarded");
    const awards = result.lots.flatMap((l) => l.awards.map((a) => [l.number, a.carrierName, a.fteHundredths]));
    const contracts = await contractsOfCall(id, t.db);
    expect(contracts.map((c) => [c.lotNumber, c.organisationName, c.fteHundredths])).toEqual(awards);
    // Dresden's term and duty: 1 June 2017 to 31 December 2019, monthly reports due on the 15th.
    expect(contracts[0].number).toBe("50.21-IB/2017-001-V01-1");
    expect([contracts[0].startsAt.toISOString(), contracts[0].endsAt.toISOString(), contracts[0].reportingInterval]).toEqual(["2017-05-31T22:00:00.000Z", "2019-12-31T22:59:59.000Z", "monthly"]);
    for (const c of contracts) expect(c.organisationName).toContain("(fiktiv)");
    const call = (await loadCallView("dresden-2017", { db: t.db }))!;
    const pkg = buildReleasePackage(call, {
      publicUrl: "https://portal.example",
      publishedAt: new Date("2017-03-28T10:00:00Z"),
      outcome: { ...ocdsOutcome(await loadCallOutcome(id, { db: t.db }), result), contracts: await openDataContracts(id, t.db) },
      now: new Date("2026-11-25T10:00:00Z"),
    });
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    const published = pkg.releases[0].contracts!;
    expect(published).toHaveLength(contracts.length);
    expect(new Set(published.map((c) => c.status))).toEqual(new Set(["terminated"]));
    expect(published.every((c) => pkg.releases[0].awards!.some((a) => a.id === c.awardID))).toBe(true);
  });

  it("seeds the staffing plans of the four regions and recomputes them with the later figures", async () => {
    const id = await callId("dresden-2017");
    const history = await t.db.select().from(staffingPlans).where(eq(staffingPlans.callId, id));
    // The accepted contract change of the Nachsteuerung recomputed it once more.
    expect(history.map((h) => h.trigger).sort()).toEqual(["amendment", "award", "clientFigures"]);
    const view = await loadStaffingPlan(id, { db: t.db });
    expect(view.current?.plan.regions.map((r) => r.regionCode)).toEqual(["nord", "ost", "sued", "west"]);
    // Lot 12 (Süd, Integrationsberatung) had 3 of 6 FTE offered: a gap remains.
    expect(view.current?.plan.warnings.some((w) => w.message.startsWith("Los 12 "))).toBe(true);
    // 1.240 → 1.100 refugees in Nord: lots 2 and 3 need 0,87 FTE less each.
    const plan = (trigger: string) => (history.find((h) => h.trigger === trigger)!.plan as StoredPlan).plan;
    const nord2 = planDifference(plan("award"), plan("clientFigures")).changes.find((c) => c.number === 2);
    expect(nord2?.deltaRequiredHundredths).toBe(-87);
  });

  it("files illustrative staff reports for June and July 2017: most posts filled, one vacancy beyond 60 days, one Flüchtlingssozialarbeit post without the degree", async () => {
    const id = await callId("dresden-2017");
    const states = (await staffReportsOfCall(id, new Date("2017-09-20T10:00:00Z"), t.db)).flatMap((c) => c.periods.map((p) => `${p.period.from} ${p.state}`));
    expect(new Set(states.filter((s) => s.startsWith("2017-06") || s.startsWith("2017-07")))).toEqual(new Set(["2017-06-01 submitted", "2017-07-01 submitted"]));
    // August was due on 15 September and is not reported: late, as it would be.
    expect(new Set(states.filter((s) => s.startsWith("2017-08")))).toEqual(new Set(["2017-08-01 late"]));
    const { coverage } = await coverageOfCall({ callId: id, now: new Date("2017-09-20T10:00:00Z"), db: t.db });
    const july = coverage!.regions.map((r) => r.months[1]);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    // Most of the contracted FTE stand filled by July.
    expect(sum(july.map((m) => m.filledHundredths!))).toBeGreaterThan(0.9 * sum(july.map((m) => m.contractedHundredths)));
    expect(coverage!.vacancies.map((v) => [v.lotNumber, v.since, v.days, v.hundredths])).toEqual([[4, "2017-06-01", 112, 100]]);
    expect(coverage!.mismatches.map((m) => [m.lotNumber, m.since, m.fteHundredths])).toEqual([[2, "2017-07-01", 100]]);
  });

  it("creates, after the October 2017 figures and the Nachsteuerung, the follow-up call for what stays uncovered, as a draft of the uncovered lots", async () => {
    const original = await callId("dresden-2017");
    const [followUp] = await followUpsOf(original, t.db);
    expect(followUp).toMatchObject({ slug: "dresden-2017-folgeaufruf", status: "draft" });
    const draft = (await loadDraft(followUp.slug, t.db))!;
    const uncovered = (await uncoveredOfCall({ slug: "dresden-2017", now: new Date("2017-10-23T08:00:00Z"), db: t.db })).result.uncovered;
    expect(draft.definition.lots).toEqual(uncovered.map((l) => ({ region: l.regionCode, role: l.roleCode, fte: l.uncoveredHundredths / 100 })));
    // Lot 12 (Süd, Integrationsberatung) was awarded 3 of 6 FTE: its gap is offered again.
    expect(draft.definition.lots).toContainEqual(expect.objectContaining({ region: "sued", role: "integrationsberatung" }));
  });

  it("adjusts the contracts to the October figures with four eyes: one carrier accepts its change letter, one declines, and the plan and open data follow", async () => {
    const id = await callId("dresden-2017");
    const view = await adjustmentView(id, new Date("2026-11-25T10:00:00Z"), t.db);
    const [approved] = view.approved;
    expect(approved.proposedBy).not.toBe(approved.approvedBy);
    expect(approved.effectiveFrom).toBe("2017-12-01");
    expect(approved.amendments.map((a) => a.status).filter((s) => s !== "pending").sort()).toEqual(["accepted", "declined"]);
    expect(await t.db.select().from(notices).where(eq(notices.kind, "contractAmendment"))).toHaveLength(approved.amendments.length);
    const accepted = approved.amendments.find((a) => a.status === "accepted")!;
    // Nord's 690 with a right to stay need 8,63 FTE in lot 4 against 7,00: the one contract there grows by its 20 %, 1,40.
    expect([accepted.contractNumber, accepted.fteBeforeHundredths, accepted.fteAfterHundredths]).toEqual(["50.21-IB/2017-001-V04-1", 700, 840]);
    const lots = (await loadStaffingPlan(id, { db: t.db })).current!.plan.lots;
    expect(lots.find((l) => l.number === 4)?.contractedHundredths).toBe(840);
    // Lot 10's first contract declined 6,00 → 7,20: its gap stays.
    expect(view.declined.filter((a) => a.state === "declined").map((a) => [a.contractNumber, a.fteAfterHundredths])).toEqual([["50.21-IB/2017-001-V10-1", 720]]);
    // The other letters went unanswered: their time to answer ended in November 2017, they lapsed and their gaps stay listed.
    expect(view.declined.filter((a) => a.state === "lapsed")).toHaveLength(approved.amendments.length - 2);
    expect(lots.find((l) => l.number === 10)?.gapHundredths).toBe(1031 - 895);
    const published = (await openDataContracts(id, t.db)).find((c) => c.number === accepted.contractNumber)!;
    expect(published.amendments).toHaveLength(1);
  });

  it("leaves a verifiable audit trail and files that match their hashes", async () => {
    const report = await verifyAuditTrail({ db: t.db, dataDir: t.dir });
    expect(report.firstBroken).toBeNull();
    expect(report.ok).toBe(true);
  });

  it("changes nothing when loaded again", async () => {
    const again = await loadDemo({ now: new Date("2026-11-26T10:00:00Z"), db: t.db, decideHistoric: true, storage: localStorage(`${t.dir}/files`) });
    expect(again).toEqual({ createdCalls: [], createdAccounts: [], decided: [] });
  });

  it("keeps the demo copy open, without applications", async () => {
    const demo = (await first(t.db.select().from(calls).where(eq(calls.slug, "dresden-2017-demo"))))!;
    expect(demo.status).toBe("published");
    expect(demo.submissionDeadline.getTime()).toBeGreaterThan(new Date("2026-11-25T10:00:00Z").getTime());
  });
});
