// The version the page cache keys a call's public pages by (decision 0030) rises in the
// transaction of every kind of write those pages show, whichever use case makes it: the
// triggers of drizzle/0022_public_versions_triggers.sql against a real SQLite file, driven
// by the real award procedure (tests/support/award.ts).
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { cancelCall } from "../../app/award/cancellation.server";
import { answerAmendment, approveAdjustment, proposeAdjustment } from "../../app/contracts/adjustments.server";
import { contractsOfOrganisation } from "../../app/contracts/contracts.server";
import { saveStaffReportDraft, staffReportForCarrier, submitStaffReport } from "../../app/contracts/staff-reports.server";
import { demoDefinition, dresdenDefinition } from "../../app/demo/demo.server";
import { berlinDay } from "../../app/i18n/berlin-time";
import { first, type Db } from "../../app/infra/db.server";
import { publicVersionOfCall, publicVersionOfSite } from "../../app/infra/public-versions.server";
import { contractAmendments } from "../../app/infra/schema";
import { publishAmendment } from "../../app/procurement/amendments.server";
import { importCall, publishCall } from "../../app/procurement/calls.server";
import { answerQuestion, askQuestion } from "../../app/procurement/questions.server";
import { recordClientFigures } from "../../app/staffing/client-figures.server";
import { startApplication } from "../../app/submission/applications.server";
import { AWARDED_AT, copyOfAwardScenario, copyOfAwardedScenario, type AwardScenario } from "../support/award";
import { registerTestCarrier } from "../support/factories";
import type { TempDb } from "../support/temp-db";

const NOW = AWARDED_AT.built;

let t: TempDb | undefined;
afterEach(() => t?.cleanup());

async function scenario(awarded = false): Promise<{ db: Db; s: AwardScenario }> {
  const copy = awarded ? await copyOfAwardedScenario() : await copyOfAwardScenario(NOW);
  t = copy.t;
  return { db: copy.t.db, s: copy.s };
}

const versionOf = async (db: Db, s: { call: { slug: string } }) => (await publicVersionOfCall(db, s.call.slug))!.version;

/** Runs `write` and returns the call's version before and after it. */
async function across(db: Db, s: { call: { slug: string } }, write: () => unknown): Promise<[number, number]> {
  const before = await versionOf(db, s);
  await write();
  return [before, await versionOf(db, s)];
}

const OPEN_SLUG = "zweiter-aufruf";

/** A second call, published at NOW with the demo's dates: open for questions and applications. */
async function openCall(db: Db): Promise<{ call: { slug: string } }> {
  await importCall({ definition: { ...demoDefinition(dresdenDefinition(), NOW), slug: OPEN_SLUG }, actorUserId: null, now: NOW, db });
  await publishCall({ slug: OPEN_SLUG, actorUserId: null, now: NOW, db });
  return { call: { slug: OPEN_SLUG } };
}

describe("a call's public version", () => {
  it("rises with a published amendment", async () => {
    const { db, s } = await scenario();
    const open = await openCall(db);
    const [before, after] = await across(db, open, () =>
      publishAmendment({ officerUserId: s.officerA, slug: OPEN_SLUG, title: "Berichtigung", body: "Ein Tippfehler.", reason: "Berichtigung", dates: {}, now: NOW, db }),
    );
    expect(after).toBeGreaterThan(before);
  });

  it("rises when an answer to a question is published", async () => {
    const { db, s } = await scenario();
    const open = await openCall(db);
    const { actor } = await registerTestCarrier({ db, now: NOW, name: "Frageverein e. V." });
    const asked = await versionOf(db, open);
    const { questionId } = await askQuestion({ actor, callSlug: OPEN_SLUG, body: "Gilt die Frist auch für Nachträge?", now: NOW, db });
    // The question row is written, so the version rises already; what matters is that the answer raises it again.
    const [before, after] = await across(db, open, () =>
      answerQuestion({ officerUserId: s.officerA, questionId, answer: "Ja.", publicQuestion: "Gilt die Frist auch für Nachträge?", now: NOW, db }),
    );
    expect(before).toBeGreaterThanOrEqual(asked);
    expect(after).toBeGreaterThan(before);
  });

  it("rises with a cancellation", async () => {
    const { db, s } = await scenario();
    const [before, after] = await across(db, s, () =>
      cancelCall({ officerUserId: s.officerA, callId: s.call.id, reason: "Der Bedarf entfällt.", now: s.after, db, sendMails: false }),
    );
    expect(after).toBeGreaterThan(before);
  });

  it("rises with the award", async () => {
    const { db, s } = await scenario();
    await s.scoreAll();
    await s.enterFigures();
    await s.preInform(AWARDED_AT.preInformed);
    const [before, after] = await across(db, s, () => s.award(AWARDED_AT.awarded));
    expect(after).toBeGreaterThan(before);
  });

  it("rises with new client figures and with each step of a contract change (approval, the carrier's acceptance)", async () => {
    const { db, s } = await scenario(true);
    const [beforeFigures, afterFigures] = await across(db, s, () =>
      recordClientFigures({
        callId: s.call.id,
        asOf: "2027-03-31",
        figures: [
          { regionCode: "nord", targetGroup: "asylum", count: 1600 },
          { regionCode: "nord", targetGroup: "rightToStay", count: 170 },
        ],
        userId: s.officerA,
        source: "form",
        now: new Date("2027-04-03T08:00:00Z"),
        db,
      }),
    );
    expect(afterFigures).toBeGreaterThan(beforeFigures);
    const { adjustmentId } = await proposeAdjustment({ officerUserId: s.officerA, callId: s.call.id, now: new Date("2027-04-05T08:00:00Z"), db });
    await approveAdjustment({ officerUserId: s.officerB, callId: s.call.id, adjustmentId, now: new Date("2027-04-06T08:00:00Z"), db, sendMails: false });
    const alpha = s.bidders["Alpha e. V."].actor;
    const [contract] = await contractsOfOrganisation(alpha.organisationId, db);
    const amendment = (await first(db.select().from(contractAmendments).where(eq(contractAmendments.contractId, contract.id))))!;
    const [before, after] = await across(db, s, () =>
      answerAmendment({ actor: alpha, amendmentId: amendment.id, answer: "accept", confirmed: true, now: new Date("2027-04-20T08:00:00Z"), db }),
    );
    expect(after).toBeGreaterThan(before);
  });

  it("rises when a carrier submits a staff report", async () => {
    const { db, s } = await scenario(true);
    const beta = s.bidders["Beta e. V."].actor;
    const [contract] = await contractsOfOrganisation(beta.organisationId, db);
    const { period } = await staffReportForCarrier({ organisationId: beta.organisationId, contractId: contract.id, periodFrom: berlinDay(contract.startsAt), now: AWARDED_AT.awarded, db });
    const during = new Date(`${period.to}T08:00:00Z`);
    const post = { postKey: null, personName: "", payGroup: "S 12", weeklyHoursHundredths: 3900, fteHundredths: 100, hasDegree: false, start: berlinDay(contract.startsAt), end: null };
    await saveStaffReportDraft({ actor: beta, contractId: contract.id, periodFrom: period.from, posts: [post], vacancyNote: "", now: during, db });
    const [before, after] = await across(db, s, () => submitStaffReport({ actor: beta, contractId: contract.id, periodFrom: period.from, now: during, db }));
    expect(after).toBeGreaterThan(before);
  });

  it("stays when a carrier starts an application (nothing public changes)", async () => {
    const { db } = await scenario();
    const open = await openCall(db);
    const { actor } = await registerTestCarrier({ db, now: NOW, name: "Anfangsverein e. V." });
    const [before, after] = await across(db, open, () => startApplication({ actor, callSlug: OPEN_SLUG, now: NOW, db }));
    expect(after).toBe(before);
  });
});

describe("the start page's version", () => {
  it("rises when a call is published, and counts a deadline from its second", async () => {
    const { db } = await scenario();
    await importCall({ definition: { ...demoDefinition(dresdenDefinition(), NOW), slug: OPEN_SLUG }, actorUserId: null, now: NOW, db });
    const before = await publicVersionOfSite(db, NOW);
    await publishCall({ slug: OPEN_SLUG, actorUserId: null, now: NOW, db });
    const after = await publicVersionOfSite(db, NOW);
    expect(after.version).toBeGreaterThan(before.version);
    const deadline = (await publicVersionOfCall(db, OPEN_SLUG))!.submissionDeadline;
    expect((await publicVersionOfSite(db, new Date(deadline))).passed).toBeGreaterThan((await publicVersionOfSite(db, new Date(deadline - 1000))).passed);
  });
});
