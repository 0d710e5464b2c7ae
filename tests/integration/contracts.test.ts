// Contracts (Verträge) from the award against a real SQLite file (decision 0022): one per
// carrier and awarded lot, concluded in the award's transaction, none for a lot a complaint
// holds back until its own award, never twice; a carrier reads only its own.
//
// Hand-worked figures (tests/support/award.ts: every bid 50,000 € personnel cost per FTE,
// 1,000 € material cost, 1,000 € overhead):
//   Integrationsberatung Nord (lot 4): Gamma 2.00 of 2.00 offered → 100,000 + 2,000 = 102,000 €.
//   Flüchtlingssozialarbeit Nord (lot 2): Alpha 5.00 of 5.00 → 250,000 + 2,000 = 252,000 €;
//   Beta 2.75 of 4.00 → 137,500 + 2,000 × 275/400 = 1,375 → 138,875 €.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { decideComplaint, fileComplaint } from "../../app/award/complaints.server";
import { approveAwardProposal, proposeAward } from "../../app/award/proposal.server";
import { sendPreInformation } from "../../app/award/award-decision.server";
import { concludeContracts, contractOfOrganisation, contractsOfCall, contractsOfOrganisation } from "../../app/contracts/contracts.server";
import { reportPeriods } from "../../app/contracts/terms";
import { writeTx, type Db } from "../../app/infra/db.server";
import { auditEntries, contracts } from "../../app/infra/schema";
import { localStorage, type FileStorage } from "../../app/infra/storage.server";
import { buildAwardScenario, type AwardScenario } from "../support/award";
import { refusalCodeAsync } from "../support/refusals";
import { tempDatabase, type TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const SENT = new Date("2026-12-15T09:00:00Z");
const EARLIEST = new Date("2026-12-25T23:00:00Z");

let t: TempDb;
let db: Db;
let storage: FileStorage;
let s: AwardScenario;
beforeEach(async () => {
  t = await tempDatabase();
  db = t.db;
  storage = localStorage(`${t.dir}/files`);
  s = await buildAwardScenario({ db, storage, now: NOW });
  await s.scoreAll();
  await s.enterFigures();
  await proposeAward({ officerUserId: s.officerA, callId: s.call.id, now: SENT, db });
  await approveAwardProposal({ officerUserId: s.officerB, callId: s.call.id, now: SENT, db });
  await sendPreInformation({ officerUserId: s.officerA, callId: s.call.id, now: SENT, db, storage, sendMails: false, baseUrl: "https://portal.example" });
});
afterEach(() => t.cleanup());

const award = (now: Date) => s.award(now);
const rows = async () => (await contractsOfCall(s.call.id, db)).map((c) => [c.number, c.organisationName, c.lotNumber, c.fteHundredths, c.valuePerYearCents]);
const concludedEntries = async () => (await db.select().from(auditEntries).where(eq(auditEntries.action, "contracts.concluded"))).map((e) => JSON.parse(e.details));

it("concludes a contract only for the lot a complaint does not hold back, the others with their own award, and none twice", async () => {
  const { complaintId } = await fileComplaint({ actor: s.bidders["Gamma e. V."].actor, callId: s.call.id, lotIds: [s.fsaNord], reasons: "Gamma rügt die Bewertung des Konzepts.", now: new Date("2026-12-18T08:00:00Z"), db });
  await award(EARLIEST);
  expect(await rows()).toEqual([["50.21-IB/2017-001-DEMO-V04-1", "Gamma e. V.", 4, 200, 10_200_000]]);

  await decideComplaint({ officerUserId: s.officerB, complaintId, decision: "rejected", reasons: "Die Bewertung ist je Kriterium nachvollziehbar begründet.", now: new Date(EARLIEST.getTime() + 3600_000), db, storage, sendMails: false });
  await award(new Date(EARLIEST.getTime() + 7200_000));
  expect(await rows()).toEqual([
    ["50.21-IB/2017-001-DEMO-V02-1", "Alpha e. V.", 2, 500, 25_200_000],
    ["50.21-IB/2017-001-DEMO-V02-2", "Beta e. V.", 2, 275, 13_887_500],
    ["50.21-IB/2017-001-DEMO-V04-1", "Gamma e. V.", 4, 200, 10_200_000],
  ]);
  // One audit entry per round, each naming only its own contracts.
  expect((await concludedEntries()).map((d) => d.contracts.map((c: { number: string }) => c.number))).toEqual([
    ["50.21-IB/2017-001-DEMO-V04-1"],
    ["50.21-IB/2017-001-DEMO-V02-1", "50.21-IB/2017-001-DEMO-V02-2"],
  ]);

  // Concluding again finds nothing left to conclude and writes nothing.
  expect(await writeTx((tx) => concludeContracts(tx, { callId: s.call.id, officerUserId: s.officerB, now: EARLIEST }), db)).toEqual([]);
  expect(await db.select().from(contracts)).toHaveLength(3);
  expect(await concludedEntries()).toHaveLength(2);
});

it("gives the contract the awarded bid's posts, the call's term and terms, and report periods derived from them", async () => {
  await award(EARLIEST);
  const beta = s.bidders["Beta e. V."].actor.organisationId;
  const [summary] = await contractsOfOrganisation(beta, db);
  const contract = await contractOfOrganisation({ organisationId: beta, contractId: summary.id, db });
  expect(contract).toMatchObject({
    number: "50.21-IB/2017-001-DEMO-V02-2",
    callSlug: "dresden-2017-demo",
    lotNumber: 2,
    roleName: "Flüchtlingssozialarbeit",
    regionName: "Region Nord",
    fteHundredths: 275,
    valuePerYearCents: 13_887_500,
    startsAt: s.call.dates.serviceStart,
    endsAt: s.call.dates.contractEnd,
    posts: [{ payGroup: "S 12", weeklyHoursHundredths: 400 * 39, fteHundredths: 400, hasPedagogicalDegree: true }],
    costBasis: { offeredHundredths: 400, personnelCostPerFteCents: 5_000_000, materialCostCents: 100_000, overheadCents: 100_000 },
    terms: { reporting: { interval: "monthly", dueDays: 15 }, vacancyToleranceDays: 60, adjustmentTolerancePercent: 10, adjustmentBoundsPercent: 20 },
    reportingInterval: "monthly",
    concludedAt: EARLIEST,
  });
  expect(contract.reportPeriods).toEqual(reportPeriods(s.call.dates.serviceStart, s.call.dates.contractEnd, { interval: "monthly", dueDays: 15 }));
  expect(contract.reportPeriods.length).toBeGreaterThanOrEqual(24);
  // Gamma got nothing in Flüchtlingssozialarbeit Nord: its only contract is Integrationsberatung.
  expect((await contractsOfOrganisation(s.bidders["Gamma e. V."].actor.organisationId, db)).map((c) => c.lotNumber)).toEqual([4]);
  expect(await contractsOfOrganisation(s.bidders["Delta e. V."].actor.organisationId, db)).toEqual([]);
});

it("answers another carrier's contract as not found", async () => {
  await award(EARLIEST);
  const alpha = s.bidders["Alpha e. V."].actor.organisationId;
  const beta = s.bidders["Beta e. V."].actor.organisationId;
  const [alphaContract] = await contractsOfOrganisation(alpha, db);
  expect((await contractOfOrganisation({ organisationId: alpha, contractId: alphaContract.id, db })).organisationName).toBe("Alpha e. V.");
  expect(await refusalCodeAsync(() => contractOfOrganisation({ organisationId: beta, contractId: alphaContract.id, db }))).toBe("NOT_FOUND: notFound.contract");
  expect(await refusalCodeAsync(() => contractOfOrganisation({ organisationId: alpha, contractId: "gibt-es-nicht", db }))).toBe("NOT_FOUND: notFound.contract");
});
