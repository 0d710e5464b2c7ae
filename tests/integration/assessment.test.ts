// Evaluation against a real SQLite file: assignment, conflicts, scoring with reasons,
// spread and consensus, price by formula, ranking, exclusions. Figures worked by hand.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  assignEvaluator,
  certifyNoConflict,
  decideConflict,
  declarationsOfCall,
  declareConflict,
  evaluationProgress,
  evaluatorOverview,
  loadBidForScoring,
  lotResults,
  lotResultsDetailed,
  recordConsensus,
  saveScores,
} from "../../app/evaluation/assessment.server";
import { excludeBid } from "../../app/evaluation/formal-check.server";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../../app/infra/db.server";
import type { CallView } from "../../app/procurement/call-view";
import { evaluationScenario, NOW, QUALITY, type EvaluationScenario } from "../support/evaluation";
import type { TempDb } from "../support/temp-db";
import { refusalCodeAsync as asyncCode } from "../support/refusals";

let t: TempDb;
let db: Db;
let call: CallView;
let officerA: string;
let officerB: string;
let eval1: string;
let eval2: string;
let scenario: EvaluationScenario;

const lotId = (n: number) => scenario.lotId(n);
const crit = (code: string) => scenario.crit(code);
const entries = (points: Record<string, number>, justification = "Begründung") =>
  QUALITY.map((code) => ({ criterionId: crit(code), points: points[code] ?? null, justification }));
const all = (p: number) => Object.fromEntries(QUALITY.map((c) => [c, p]));


// Three carriers bid on lot 2 at 50,000 €, 60,000 € and 40,000 € per FTE; Gamma also on lot 3.
beforeEach(async () => {
  scenario = await evaluationScenario();
  ({ t, db, call, officerA, officerB, eval1, eval2 } = scenario);
});
afterEach(() => t.cleanup());

const org = (name: string) => scenario.org(name);
const sub = (name: string) => scenario.sub(name);

describe("conflicts of interest", () => {
  it("shows no bid before every carrier is declared, and none of a carrier declared in conflict", async () => {
    let overview = await evaluatorOverview({ evaluatorId: eval1, callId: call.id, db });
    expect(overview.carriers.map((c) => c.organisationName)).toEqual(["Alpha e. V.", "Beta e. V.", "Gamma e. V."]);
    expect(overview.bids).toEqual([]);
    expect(await asyncCode(() => loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Alpha e. V."), lotId: lotId(2), db }))).toMatch(/^NOT_FOUND/);
    await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Alpha e. V."), types: [], note: "", now: NOW, db });
    await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Beta e. V."), types: [], note: "", now: NOW, db });
    expect(await asyncCode(() => declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Gamma e. V."), types: ["other"], note: " ", now: NOW, db }))).toBe(
      "INVALID: eval.declare.otherNoteMissing",
    );
    await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Gamma e. V."), types: ["employment"], note: "Früher dort beschäftigt", now: NOW, db });
    overview = await evaluatorOverview({ evaluatorId: eval1, callId: call.id, db });
    expect(overview.bids.map((b) => b.organisationName)).toEqual(["Alpha e. V.", "Beta e. V."]);
    expect(await asyncCode(() => loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Gamma e. V."), lotId: lotId(2), db }))).toMatch(/^NOT_FOUND/);
  });

  it("refuses a declaration naming a kind twice, and stores the kinds in the catalogue's order", async () => {
    expect(await asyncCode(() => declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Alpha e. V."), types: ["financial", "financial"], note: "", now: NOW, db }))).toBe(
      "INVALID: eval.declare.typesInvalid",
    );
    await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Alpha e. V."), types: ["other", "personal"], note: "Schwager im Vorstand", now: NOW, db });
    const [declared] = await declarationsOfCall(call.id, db);
    expect([declared.hasConflict, declared.types, declared.note, declared.decision]).toEqual([true, ["personal", "other"], "Schwager im Vorstand", null]);
  });

  it("keeps a declared conflict's bids closed until an officer allows it with a reason, and audits the decision", async () => {
    for (const name of ["Alpha e. V.", "Beta e. V."]) await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org(name), types: [], note: "", now: NOW, db });
    await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Gamma e. V."), types: ["financial"], note: "Darlehen an den Verein", now: NOW, db });
    const overview = await evaluatorOverview({ evaluatorId: eval1, callId: call.id, db });
    expect(overview.closedCarriers).toEqual([{ organisationId: org("Gamma e. V."), organisationName: "Gamma e. V.", state: "pending" }]);
    const declarationId = (await declarationsOfCall(call.id, db)).find((d) => d.hasConflict)!.id;
    expect(await asyncCode(() => decideConflict({ officerUserId: eval2, declarationId, outcome: "allow", reason: "x", now: NOW, db }))).toMatch(/^FORBIDDEN/);
    expect(await asyncCode(() => decideConflict({ officerUserId: officerA, declarationId, outcome: "allow", reason: " ", now: NOW, db }))).toBe("INVALID: eval.conflictDecision.reasonMissing");
    await decideConflict({ officerUserId: officerA, declarationId, outcome: "allow", reason: "Darlehen 2009 getilgt", now: NOW, db });
    expect(await asyncCode(() => decideConflict({ officerUserId: officerB, declarationId, outcome: "exclude", reason: "", now: NOW, db }))).toBe("CONFLICT: eval.conflictDecision.alreadyDecided");
    expect((await loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Gamma e. V."), lotId: lotId(2), db })).bid.organisationName).toBe("Gamma e. V.");
    expect((await declarationsOfCall(call.id, db)).find((d) => d.hasConflict)!.decision).toMatchObject({ outcome: "allow", reason: "Darlehen 2009 getilgt", decidedBy: expect.any(String) });
    const audited = await rowsOf<{ action: string; details: string }>(db, sql`SELECT action, details FROM audit_entries WHERE action = 'evaluation.conflict-decided'`);
    expect(audited.map((a) => JSON.parse(a.details))).toEqual([{ evaluatorId: eval1, organisationId: org("Gamma e. V."), outcome: "allow", reason: "Darlehen 2009 getilgt" }]);
  });

  it("keeps an evaluator excluded for a conflict out of the carrier's bids, and a new declaration needs a new decision", async () => {
    for (const name of ["Alpha e. V.", "Beta e. V."]) await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org(name), types: [], note: "", now: NOW, db });
    await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Gamma e. V."), types: ["employment"], note: "", now: NOW, db });
    const first = (await declarationsOfCall(call.id, db)).find((d) => d.hasConflict)!.id;
    await decideConflict({ officerUserId: officerA, declarationId: first, outcome: "exclude", reason: "", now: NOW, db });
    expect(await asyncCode(() => loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Gamma e. V."), lotId: lotId(2), db }))).toMatch(/^NOT_FOUND/);
    expect((await evaluatorOverview({ evaluatorId: eval1, callId: call.id, db })).closedCarriers.map((c) => c.state)).toEqual(["excluded"]);
    await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Gamma e. V."), types: ["personal"], note: "", now: new Date(NOW.getTime() + 1000), db });
    expect(await asyncCode(() => decideConflict({ officerUserId: officerA, declarationId: first, outcome: "allow", reason: "Neu", now: NOW, db }))).toBe("CONFLICT: eval.conflictDecision.superseded");
    expect((await evaluatorOverview({ evaluatorId: eval1, callId: call.id, db })).closedCarriers.map((c) => c.state)).toEqual(["pending"]);
  });

  it("answers NOT_FOUND for a bid of a lot not assigned to the evaluator", async () => {
    for (const name of ["Alpha e. V.", "Beta e. V.", "Gamma e. V."]) {
      await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org(name), types: [], note: "", now: NOW, db });
    }
    expect(await asyncCode(() => loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Gamma e. V."), lotId: lotId(3), db }))).toMatch(/^NOT_FOUND/);
    expect((await loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Gamma e. V."), lotId: lotId(2), db })).bid.organisationName).toBe("Gamma e. V.");
  });
});

describe("scoring, consensus and ranking", () => {
  beforeEach(async () => {
    for (const name of ["Alpha e. V.", "Beta e. V.", "Gamma e. V."]) {
      await declareConflict({ evaluatorId: eval2, callId: call.id, organisationId: org(name), types: [], note: "", now: NOW, db });
      await declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org(name), types: name === "Gamma e. V." ? ["employment"] : [], note: name === "Gamma e. V." ? "Vorstand" : "", now: NOW, db });
    }
  });

  it("saves a draft without reasons but finalises only with a justification for every criterion, then locks", async () => {
    const bid = { evaluatorId: eval1, submissionId: sub("Alpha e. V."), lotId: lotId(2), now: NOW, db };
    expect((await saveScores({ ...bid, entries: entries({ konzept: 1 }, ""), finalise: false })).problems).toEqual([]);
    const refused = (await saveScores({ ...bid, entries: entries({ ...all(4), konzept: 1 }, ""), finalise: true })).problems;
    expect(refused.filter((p) => p.key === "eval.error.justificationMissing" && p.field === "justification")).toHaveLength(5);
    expect((await saveScores({ ...bid, entries: entries({ ...all(4), konzept: 7 }), finalise: true })).problems).toEqual([
      { criterionId: crit("konzept"), key: "eval.error.pointsOutOfScale", field: "points" },
    ]);
    expect((await saveScores({ ...bid, entries: entries({ ...all(4), konzept: 1 }), finalise: true })).problems).toEqual([]);
    expect(await asyncCode(() => saveScores({ ...bid, entries: entries(all(5)), finalise: false }))).toBe("CONFLICT: eval.error.alreadyFinal");
  });

  it("hides colleagues' scores until one's own are final", async () => {
    await saveScores({ evaluatorId: eval2, submissionId: sub("Alpha e. V."), lotId: lotId(2), entries: entries(all(4)), finalise: true, now: NOW, db });
    const before = await loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Alpha e. V."), lotId: lotId(2), db });
    expect(before.others).toEqual([]);
    await saveScores({ evaluatorId: eval1, submissionId: sub("Alpha e. V."), lotId: lotId(2), entries: entries(all(3)), finalise: true, now: NOW, db });
    const after = await loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Alpha e. V."), lotId: lotId(2), db });
    expect(after.others.map((s) => s.points)).toEqual([4, 4, 4, 4, 4]);
  });

  it("flags a spread of three points, waits for the consensus, then ranks by the weighted total", async () => {
    const score = (e: string, name: string, points: Record<string, number>) =>
      saveScores({ evaluatorId: e, submissionId: sub(name), lotId: lotId(2), entries: entries(points), finalise: true, now: NOW, db });
    await score(eval1, "Alpha e. V.", { ...all(4), konzept: 1 });
    await score(eval2, "Alpha e. V.", all(4));
    await score(eval1, "Beta e. V.", all(3));
    await score(eval2, "Beta e. V.", all(3));
    await score(eval2, "Gamma e. V.", all(2)); // eval1 declared a conflict with Gamma
    for (const e of [eval1, eval2]) await certifyNoConflict({ evaluatorId: e, callId: call.id, now: NOW, db });

    let lot = (await lotResults({ callId: call.id, db })).lots.find((l) => l.number === 2)!;
    const alpha = lot.bids.find((b) => b.organisationName === "Alpha e. V.")!;
    expect(alpha.criteria.find((c) => c.criterionId === crit("konzept"))!.spread).toBe(true);
    expect(alpha.openFlags).toBe(1);
    expect(alpha.total).toBeNull();

    await recordConsensus({ officerUserId: officerA, submissionId: sub("Alpha e. V."), lotId: lotId(2), criterionId: crit("konzept"), points: 3, reason: "Gemeinsam abgewogen", now: NOW, db });
    lot = (await lotResults({ callId: call.id, db })).lots.find((l) => l.number === 2)!;
    // Price: lowest 40,000 € → Alpha 5 × 40/50 = 4.00, Beta 5 × 40/60 = 3.33, Gamma 5.
    // Alpha: .25×3 + (.20+.15+.15+.15)×4 + .10×4.00 = .75 + 2.6 + .4 = 3.75
    // Beta: .90×3 + .10×3.33 = 2.7 + .333 = 3.033
    // Gamma: .90×2 + .10×5 = 2.3 (only the second evaluator counts)
    expect(lot.bids.map((b) => [b.organisationName, b.rank, b.priceScore])).toEqual([
      ["Alpha e. V.", 1, 4],
      ["Beta e. V.", 2, 3.33],
      ["Gamma e. V.", 3, 5],
    ]);
    expect(lot.bids[0].total).toBeCloseTo(3.75, 10);
    expect(lot.bids[1].total).toBeCloseTo(3.033, 10);
    expect(lot.bids[2].total).toBeCloseTo(2.3, 10);
    expect(lot.bids[2].criteria[0].evaluatorCount).toBe(1);
    const detailed = (await lotResultsDetailed({ callId: call.id, db })).lots.find((l) => l.number === 2)!;
    expect(detailed.bids[2].criteria[0].evaluatorScores.map((s) => s.evaluatorId)).toEqual([eval2]);
  });

  it("counts an evaluator's final scores only after they certify that no conflict arose, and only those finalised before", async () => {
    const score = (e: string, name: string, p: number, at = NOW) =>
      saveScores({ evaluatorId: e, submissionId: sub(name), lotId: lotId(2), entries: entries(all(p)), finalise: true, now: at, db });
    const counted = async (name: string) =>
      (await lotResults({ callId: call.id, db })).lots.find((l) => l.number === 2)!.bids.find((b) => b.organisationName === name)!.criteria[0].evaluatorCount;
    await score(eval2, "Alpha e. V.", 4);
    expect(await asyncCode(() => certifyNoConflict({ evaluatorId: eval2, callId: call.id, now: NOW, db }))).toBe("CONFLICT: eval.certify.bidsOpen");
    await score(eval2, "Beta e. V.", 3);
    await score(eval2, "Gamma e. V.", 2);
    expect(await counted("Alpha e. V.")).toBe(0);
    await certifyNoConflict({ evaluatorId: eval2, callId: call.id, now: NOW, db });
    expect(await counted("Alpha e. V.")).toBe(1);
    // eval1 finalises Alpha, Beta (Gamma is closed by the conflict) and certifies; the overview says so.
    await score(eval1, "Alpha e. V.", 4);
    await score(eval1, "Beta e. V.", 3);
    expect((await evaluatorOverview({ evaluatorId: eval1, callId: call.id, db })).certification).toEqual({ certifiedAt: null, current: false, problem: null });
    await certifyNoConflict({ evaluatorId: eval1, callId: call.id, now: NOW, db });
    expect((await evaluatorOverview({ evaluatorId: eval1, callId: call.id, db })).certification.current).toBe(true);
    expect(await counted("Alpha e. V.")).toBe(2);
    expect(await counted("Gamma e. V.")).toBe(1);
    // The officers allow eval1 on Gamma: the later final scores count after a new certification only.
    const declarationId = (await declarationsOfCall(call.id, db)).find((d) => d.hasConflict)!.id;
    await decideConflict({ officerUserId: officerA, declarationId, outcome: "allow", reason: "Vorstandsamt 2012 beendet", now: NOW, db });
    const later = new Date(NOW.getTime() + 60_000);
    await score(eval1, "Gamma e. V.", 2, later);
    expect(await counted("Gamma e. V.")).toBe(1);
    expect((await evaluatorOverview({ evaluatorId: eval1, callId: call.id, db })).certification.current).toBe(false);
    await certifyNoConflict({ evaluatorId: eval1, callId: call.id, now: later, db });
    expect(await counted("Gamma e. V.")).toBe(2);
    expect((await lotResultsDetailed({ callId: call.id, db })).lots.find((l) => l.number === 2)!.bids.find((b) => b.organisationName === "Gamma e. V.")!.criteria[0].evaluatorScores).toHaveLength(2);
  });

  it("never shows a bid excluded in the formal check, and prices the lot without it", async () => {
    await excludeBid({ officerUserId: officerA, submissionId: sub("Gamma e. V."), lotId: lotId(2), reason: "Registerauszug fehlt", now: NOW, db });
    expect((await evaluatorOverview({ evaluatorId: eval2, callId: call.id, db })).bids.map((b) => b.organisationName)).toEqual(["Alpha e. V.", "Beta e. V."]);
    expect(await asyncCode(() => loadBidForScoring({ evaluatorId: eval2, submissionId: sub("Gamma e. V."), lotId: lotId(2), db }))).toMatch(/^NOT_FOUND/);
    const lot = (await lotResults({ callId: call.id, db })).lots.find((l) => l.number === 2)!;
    // Lowest is now Alpha's 50,000 €: Alpha 5, Beta 5 × 50/60 = 4.17.
    expect(lot.bids.map((b) => [b.organisationName, b.priceScore])).toEqual([
      ["Alpha e. V.", 5],
      ["Beta e. V.", 4.17],
    ]);
  });

  it("reports progress per lot and evaluator, with conflicts shown as such", async () => {
    await saveScores({ evaluatorId: eval1, submissionId: sub("Alpha e. V."), lotId: lotId(2), entries: entries(all(3)), finalise: true, now: NOW, db });
    await saveScores({ evaluatorId: eval2, submissionId: sub("Alpha e. V."), lotId: lotId(2), entries: entries({ konzept: 3 }), finalise: false, now: NOW, db });
    const lot2 = (await evaluationProgress(call.id, db)).find((l) => l.number === 2)!;
    const states = Object.fromEntries(lot2.bids.map((b) => [b.organisationName, b.byEvaluator.map((e) => e.state)]));
    // Final but not yet certified: eval1 still has Beta open, so cannot certify yet.
    expect(states).toEqual({ "Alpha e. V.": ["uncertified", "draft"], "Beta e. V.": ["open", "open"], "Gamma e. V.": ["conflict", "open"] });
    expect((await evaluationProgress(call.id, db)).find((l) => l.number === 3)!.belowMinimum).toBe(true);
  });
});
