// Decision 0033: the ranking reads per-bid aggregates that triggers keep in the database,
// and the opened snapshots from a bounded cache in this process. Here every kind of write that
// changes the ranking goes through a second handle on the same database (another instance of
// the portal, issue 17), and the ranking read through the first must equal the computation
// from every score row with the snapshots decrypted afresh. Before the opening the cache holds
// nothing of the call.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  certifyNoConflict,
  decideConflict,
  declarationsOfCall,
  declareConflict,
  evaluatorOverview,
  lotResults,
  lotResultsDetailed,
  recordConsensus,
  saveScores,
} from "../../app/evaluation/assessment.server";
import { admittedBids } from "../../app/evaluation/bids.server";
import { excludeBid, revokeExclusion } from "../../app/evaluation/formal-check.server";
import { confirmOpening, startOpening } from "../../app/evaluation/opening.server";
import { sql } from "drizzle-orm";
import { closeDatabase, runSql, writeTx, type Db } from "../../app/infra/db.server";
import { localStorage } from "../../app/infra/storage.server";
import { openedSnapshots } from "../../app/submission/opened-snapshots.server";
import { openedSubmissionContents } from "../../app/submission/sealed-content.server";
import { withdrawApplication } from "../../app/submission/submit.server";
import { evaluationScenario, NOW, QUALITY, type EvaluationScenario } from "../support/evaluation";
import { refusalCodeAsync as asyncCode } from "../support/refusals";

let scenario: EvaluationScenario;
let db: Db;
let other: Db;

afterEach(() => {
  if (other) closeDatabase(other);
  scenario.t.cleanup();
});

/** The ranking as computed from every score row, with every snapshot decrypted again. */
async function uncached(callId: string) {
  openedSnapshots.clear();
  const detailed = await lotResultsDetailed({ callId, db });
  return {
    criteria: detailed.criteria,
    lots: detailed.lots.map((l) => ({ ...l, bids: l.bids.map((b) => ({ ...b, criteria: b.criteria.map(({ evaluatorScores: _, ...c }) => c) })) })),
  };
}

describe("the ranking after every kind of write by another instance", () => {
  beforeEach(async () => {
    scenario = await evaluationScenario();
    db = scenario.db;
    other = scenario.t.reopen();
  });

  it("equals the computation from every score after declarations, scores, certifications, consensus, decisions and exclusions", async () => {
    const { call, eval1, eval2, officerA, lotId, crit, org, sub } = scenario;
    const lot2 = async () => (await lotResults({ callId: call.id, db })).lots.find((l) => l.number === 2)!;
    const totals: (number | null)[][] = [];
    const check = async () => {
      // Warm: the first connection has read (and cached) before the write; now it reads again.
      const ranked = await lotResults({ callId: call.id, db });
      expect(ranked).toEqual(await uncached(call.id));
      totals.push(ranked.lots.find((l) => l.number === 2)!.bids.map((b) => b.total));
    };
    const entries = (p: number, konzept = p) => QUALITY.map((c) => ({ criterionId: crit(c), points: c === "konzept" ? konzept : p, justification: "Begründung" }));
    const score = (e: string, name: string, p: number, finalise = true, konzept = p, at = NOW) =>
      saveScores({ evaluatorId: e, submissionId: sub(name), lotId: lotId(2), entries: entries(p, konzept), finalise, now: at, db: other });
    await lotResults({ callId: call.id, db });

    for (const e of [eval1, eval2]) {
      for (const name of ["Alpha e. V.", "Beta e. V."]) await declareConflict({ evaluatorId: e, callId: call.id, organisationId: org(name), types: [], note: "", now: NOW, db: other });
    }
    await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Gamma e. V."), types: ["financial"], note: "Darlehen", now: NOW, db: other });
    await declareConflict({ evaluatorId: eval2, callId: call.id, organisationId: org("Gamma e. V."), types: [], note: "", now: NOW, db: other });
    await check();
    await score(eval1, "Alpha e. V.", 4, false); // a draft counts for nothing
    await check();
    await score(eval1, "Alpha e. V.", 4, true, 1);
    await score(eval2, "Alpha e. V.", 4);
    await score(eval1, "Beta e. V.", 3);
    await score(eval2, "Beta e. V.", 3);
    await score(eval2, "Gamma e. V.", 2);
    await check();
    expect((await lot2()).bids.every((b) => b.criteria.every((c) => c.evaluatorCount === 0))).toBe(true); // not certified yet
    await certifyNoConflict({ evaluatorId: eval2, callId: call.id, now: NOW, db: other });
    await check();
    await certifyNoConflict({ evaluatorId: eval1, callId: call.id, now: NOW, db: other });
    await check();
    expect((await lot2()).bids.find((b) => b.organisationName === "Alpha e. V.")!.openFlags).toBe(1); // 1 against 4
    await recordConsensus({ officerUserId: officerA, submissionId: sub("Alpha e. V."), lotId: lotId(2), criterionId: crit("konzept"), points: 3, reason: "Abgewogen", now: NOW, db: other });
    await check();
    const declarationId = (await declarationsOfCall(call.id, db)).find((d) => d.hasConflict)!.id;
    await decideConflict({ officerUserId: officerA, declarationId, outcome: "allow", reason: "Darlehen getilgt", now: NOW, db: other });
    const later = new Date(NOW.getTime() + 60_000);
    await score(eval1, "Gamma e. V.", 5, true, 5, later);
    await check();
    await certifyNoConflict({ evaluatorId: eval1, callId: call.id, now: later, db: other });
    await check();
    const lotExclusion = await excludeBid({ officerUserId: officerA, submissionId: sub("Beta e. V."), lotId: lotId(2), reason: "Registerauszug fehlt", now: later, db: other });
    await check();
    await revokeExclusion({ officerUserId: officerA, exclusionId: lotExclusion.exclusionId, reason: "Nachgereicht", now: later, db: other });
    await check();
    await excludeBid({ officerUserId: officerA, submissionId: sub("Gamma e. V."), lotId: null, reason: "Ausschlussgrund", now: later, db: other });
    await check();
    // The writes changed the ranking as they should: certified scores arrived, the consensus
    // completed Alpha, the allowed conflict raised Gamma, the exclusions took bids out.
    expect(totals[0]).toEqual([null, null, null]);
    expect(totals.at(-1)).toHaveLength(2);
    expect(new Set(totals.map((t) => JSON.stringify(t))).size).toBeGreaterThan(5);
  });

  it("refuses a withdrawal after the opening and any change of submitted content in the database", async () => {
    const { call, bidders, sub } = scenario;
    const before = await lotResults({ callId: call.id, db });
    expect(await asyncCode(() => withdrawApplication({ actor: bidders["Beta e. V."].actor, applicationId: bidders["Beta e. V."].applicationId, clock: () => NOW, db: other }))).toMatch(/^CONFLICT|^DEADLINE/);
    await expect(writeTx(async (tx) => runSql(tx, sql`UPDATE submissions SET sealed_content = ${Buffer.from([0])} WHERE id = ${sub("Beta e. V.")}`), other)).rejects.toThrow(
      /submitted content cannot be changed/,
    );
    await expect(writeTx(async (tx) => runSql(tx, sql`UPDATE submissions SET content_hash = 'x' WHERE id = ${sub("Beta e. V.")}`), other)).rejects.toThrow(
      /submitted content cannot be changed/,
    );
    expect(await lotResults({ callId: call.id, db })).toEqual(before);
    expect(await lotResults({ callId: call.id, db })).toEqual(await uncached(call.id));
  });
});

describe("the cache of opened snapshots", () => {
  it("holds nothing of a call before its four-eyes opening is confirmed, and its bids once it is", async () => {
    openedSnapshots.clear();
    scenario = await evaluationScenario({ opened: false });
    db = scenario.db;
    const { call, officerA, officerB, sub, after, t } = scenario;
    const ids = [sub("Alpha e. V."), sub("Beta e. V.")];
    const holdsCall = () => openedSnapshots.size.callIds.has(call.id);
    expect(await asyncCode(async () => openedSubmissionContents(db, call.id, ids))).toMatch(/^NOT_FOUND/);
    expect(await admittedBids(db, call.id)).toEqual([]);
    expect((await lotResults({ callId: call.id, db })).lots.every((l) => l.bids.length === 0)).toBe(true);
    expect((await evaluatorOverview({ evaluatorId: scenario.eval1, callId: call.id, db })).bids).toEqual([]);
    expect(holdsCall()).toBe(false);
    // Started by one officer, not yet confirmed by the second: still nothing.
    await startOpening({ officerUserId: officerA, callId: call.id, now: after, db });
    expect(await asyncCode(async () => openedSubmissionContents(db, call.id, ids))).toMatch(/^NOT_FOUND/);
    expect(holdsCall()).toBe(false);
    expect(openedSnapshots.size.entries).toBe(0);

    await confirmOpening({ officerUserId: officerB, callId: call.id, now: after, db, storage: localStorage(`${t.dir}/files`) });
    expect((await admittedBids(db, call.id)).map((b) => b.organisationName)).toEqual(["Alpha e. V.", "Beta e. V.", "Gamma e. V.", "Gamma e. V."]);
    expect(holdsCall()).toBe(true);
    expect(openedSnapshots.size.entries).toBe(3);
    // What the cache hands out cannot be changed by a reader for the next.
    const snapshot = (await openedSubmissionContents(db, call.id, ids)).get(ids[0])!;
    expect(() => {
      (snapshot.lots[0] as { lotId: string }).lotId = "anderes Los";
    }).toThrow(TypeError);
  });
});
