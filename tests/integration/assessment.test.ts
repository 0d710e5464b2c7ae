// Evaluation against a real SQLite file: assignment, conflicts, scoring with reasons,
// spread and consensus, price by formula, ranking, exclusions. Figures worked by hand.
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDemo } from "../../app/demo/demo.server";
import {
  assignEvaluator,
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
import { confirmOpening, startOpening } from "../../app/evaluation/opening.server";
import { confirmEmail, registerCarrier } from "../../app/identity/carriers.server";
import { createStaffUser } from "../../app/identity/users.server";
import type { Db } from "../../app/infra/db.server";
import { DomainError } from "../../app/infra/errors";
import { users } from "../../app/infra/schema";
import { localStorage } from "../../app/infra/storage.server";
import { loadCallView } from "../../app/procurement/calls.server";
import type { CallView } from "../../app/procurement/call-view";
import { attachFile, saveLotBid, selectLots, startApplication, type CarrierActor } from "../../app/submission/applications.server";
import { submitApplication } from "../../app/submission/submit.server";
import { tempDatabase, type TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
let t: TempDb;
let db: Db;
let call: CallView;
let officerA: string;
let officerB: string;
let eval1: string;
let eval2: string;
const bidders: Record<string, { actor: CarrierActor; submissionId: string }> = {};

async function carrier(name: string): Promise<CarrierActor> {
  const r = await registerCarrier({
    input: {
      organisationName: name,
      legalForm: "e. V.",
      street: "Weg 1",
      postalCode: "01067",
      city: "Dresden",
      registerCourt: null,
      registerNumber: null,
      nonProfit: "nein",
      contactPhone: null,
      name: `${name} Person`,
      email: `${randomBytes(4).toString("hex")}@example.org`,
      password: "ein langes sicheres passwort",
    },
    now: NOW,
    db,
  });
  confirmEmail({ token: r.confirmToken, now: NOW, db });
  return { userId: r.user.id, organisationId: r.organisation.id };
}

function fakeUpload(name: string) {
  return {
    upload: { backend: "local" as const, storageKey: randomBytes(16).toString("base64url").slice(0, 22), sizeBytes: 10, sha256: "0".repeat(64), mediaType: "application/pdf" },
    originalName: name,
  };
}

async function submitFor(name: string, lotNumbers: number[], costPerFteCents: number) {
  const actor = await carrier(name);
  const { applicationId } = startApplication({ actor, callSlug: "dresden-2017-demo", now: NOW, db });
  const lotIds = lotNumbers.map((n) => call.lots.find((l) => l.number === n)!.id);
  selectLots({ actor, applicationId, lotIds, now: NOW, db });
  for (const lotId of lotIds) {
    saveLotBid({
      actor,
      applicationId,
      lotId,
      input: {
        concept: Object.fromEntries(call.conceptSections.map((s) => [s.code, `${name}: ${s.title}`])),
        posts: [{ fteHundredths: 200, qualification: "Sozialarbeit B. A.", hasPedagogicalDegree: true, payGroup: "S 12", payAdequacyDeclared: true, languages: ["Deutsch"] }],
        costPlan: { personnelCostPerFteCents: costPerFteCents, materialCostCents: 100_000, overheadCents: 100_000 },
      },
      now: NOW,
      db,
    });
  }
  for (const kind of ["registerExtract", "references", "declarations"] as const) {
    attachFile({ actor, applicationId, target: { kind }, ...fakeUpload(`${kind}.pdf`), maxApplicationBytes: 1e9, now: NOW, db });
  }
  const { submissionId } = submitApplication({ actor, applicationId, clock: () => NOW, db });
  bidders[name] = { actor, submissionId };
}

const lotId = (n: number) => call.lots.find((l) => l.number === n)!.id;
const crit = (code: string) => call.criteria.find((c) => c.code === code)!.id;
const QUALITY = ["konzept", "vernetzung", "tandem", "schutzbeduerftige", "qualitaet"];
const entries = (points: Record<string, number>, justification = "Begründung") =>
  QUALITY.map((code) => ({ criterionId: crit(code), points: points[code] ?? null, justification }));
const all = (p: number) => Object.fromEntries(QUALITY.map((c) => [c, p]));

function code(fn: () => unknown): string {
  try {
    fn();
    return "no error";
  } catch (e) {
    if (e instanceof DomainError) return `${e.code}: ${e.key}`;
    throw e;
  }
}

beforeEach(async () => {
  t = tempDatabase();
  db = t.db;
  await loadDemo({ now: NOW, db });
  call = loadCallView("dresden-2017-demo", { db })!;
  const staff = db.select().from(users).all();
  [officerA, officerB] = staff.filter((u) => u.role === "officer").map((u) => u.id);
  eval1 = staff.find((u) => u.role === "evaluator")!.id;
  eval2 = (await createStaffUser({ email: "zweite@demo.example", name: "Zweite Bewerterin", role: "evaluator", password: "ein langes passwort 2", now: NOW, db })).id;
  // Three carriers bid on lot 2 at 50,000 €, 60,000 € and 40,000 € per FTE; Gamma also on lot 3.
  await submitFor("Alpha e. V.", [2], 5_000_000);
  await submitFor("Beta e. V.", [2], 6_000_000);
  await submitFor("Gamma e. V.", [2, 3], 4_000_000);
  const after = new Date(call.dates.submissionDeadline.getTime() + 1000);
  startOpening({ officerUserId: officerA, callId: call.id, now: after, db });
  await confirmOpening({ officerUserId: officerB, callId: call.id, now: after, db, storage: localStorage(`${t.dir}/files`) });
  for (const e of [eval1, eval2]) assignEvaluator({ officerUserId: officerA, lotId: lotId(2), evaluatorId: e, assign: true, now: after, db });
});
afterEach(() => t.cleanup());

const org = (name: string) => bidders[name].actor.organisationId;
const sub = (name: string) => bidders[name].submissionId;

describe("conflicts of interest", () => {
  it("shows no bid before every carrier is declared, and none of a carrier declared in conflict", () => {
    let overview = evaluatorOverview({ evaluatorId: eval1, callId: call.id, db });
    expect(overview.carriers.map((c) => c.organisationName)).toEqual(["Alpha e. V.", "Beta e. V.", "Gamma e. V."]);
    expect(overview.bids).toEqual([]);
    expect(code(() => loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Alpha e. V."), lotId: lotId(2), db }))).toMatch(/^NOT_FOUND/);
    declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Alpha e. V."), hasConflict: false, note: "", now: NOW, db });
    declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Beta e. V."), hasConflict: false, note: "", now: NOW, db });
    expect(code(() => declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Gamma e. V."), hasConflict: true, note: " ", now: NOW, db }))).toBe(
      "INVALID: eval.error.conflictNoteMissing",
    );
    declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org("Gamma e. V."), hasConflict: true, note: "Früher dort beschäftigt", now: NOW, db });
    overview = evaluatorOverview({ evaluatorId: eval1, callId: call.id, db });
    expect(overview.bids.map((b) => b.organisationName)).toEqual(["Alpha e. V.", "Beta e. V."]);
    expect(code(() => loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Gamma e. V."), lotId: lotId(2), db }))).toMatch(/^NOT_FOUND/);
  });

  it("answers NOT_FOUND for a bid of a lot not assigned to the evaluator", () => {
    for (const name of ["Alpha e. V.", "Beta e. V.", "Gamma e. V."]) {
      declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org(name), hasConflict: false, note: "", now: NOW, db });
    }
    expect(code(() => loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Gamma e. V."), lotId: lotId(3), db }))).toMatch(/^NOT_FOUND/);
    expect(loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Gamma e. V."), lotId: lotId(2), db }).bid.organisationName).toBe("Gamma e. V.");
  });
});

describe("scoring, consensus and ranking", () => {
  beforeEach(() => {
    for (const name of ["Alpha e. V.", "Beta e. V.", "Gamma e. V."]) {
      declareConflict({ evaluatorId: eval2, callId: call.id, organisationId: org(name), hasConflict: false, note: "", now: NOW, db });
      declareConflict({ evaluatorId: eval1, callId: call.id, organisationId: org(name), hasConflict: name === "Gamma e. V.", note: name === "Gamma e. V." ? "Vorstand" : "", now: NOW, db });
    }
  });

  it("saves a draft without reasons but finalises only with a justification for every criterion, then locks", () => {
    const bid = { evaluatorId: eval1, submissionId: sub("Alpha e. V."), lotId: lotId(2), now: NOW, db };
    expect(saveScores({ ...bid, entries: entries({ konzept: 1 }, ""), finalise: false }).problems).toEqual([]);
    const refused = saveScores({ ...bid, entries: entries({ ...all(4), konzept: 1 }, ""), finalise: true }).problems;
    expect(refused.filter((p) => p.key === "eval.error.justificationMissing" && p.field === "justification")).toHaveLength(5);
    expect(saveScores({ ...bid, entries: entries({ ...all(4), konzept: 7 }), finalise: true }).problems).toEqual([
      { criterionId: crit("konzept"), key: "eval.error.pointsOutOfScale", field: "points" },
    ]);
    expect(saveScores({ ...bid, entries: entries({ ...all(4), konzept: 1 }), finalise: true }).problems).toEqual([]);
    expect(code(() => saveScores({ ...bid, entries: entries(all(5)), finalise: false }))).toBe("CONFLICT: eval.error.alreadyFinal");
  });

  it("hides colleagues' scores until one's own are final", () => {
    saveScores({ evaluatorId: eval2, submissionId: sub("Alpha e. V."), lotId: lotId(2), entries: entries(all(4)), finalise: true, now: NOW, db });
    const before = loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Alpha e. V."), lotId: lotId(2), db });
    expect(before.others).toEqual([]);
    saveScores({ evaluatorId: eval1, submissionId: sub("Alpha e. V."), lotId: lotId(2), entries: entries(all(3)), finalise: true, now: NOW, db });
    const after = loadBidForScoring({ evaluatorId: eval1, submissionId: sub("Alpha e. V."), lotId: lotId(2), db });
    expect(after.others.map((s) => s.points)).toEqual([4, 4, 4, 4, 4]);
  });

  it("flags a spread of three points, waits for the consensus, then ranks by the weighted total", () => {
    const score = (e: string, name: string, points: Record<string, number>) =>
      saveScores({ evaluatorId: e, submissionId: sub(name), lotId: lotId(2), entries: entries(points), finalise: true, now: NOW, db });
    score(eval1, "Alpha e. V.", { ...all(4), konzept: 1 });
    score(eval2, "Alpha e. V.", all(4));
    score(eval1, "Beta e. V.", all(3));
    score(eval2, "Beta e. V.", all(3));
    score(eval2, "Gamma e. V.", all(2)); // eval1 declared a conflict with Gamma

    let lot = lotResults({ callId: call.id, db }).lots.find((l) => l.number === 2)!;
    const alpha = lot.bids.find((b) => b.organisationName === "Alpha e. V.")!;
    expect(alpha.criteria.find((c) => c.criterionId === crit("konzept"))!.spread).toBe(true);
    expect(alpha.openFlags).toBe(1);
    expect(alpha.total).toBeNull();

    recordConsensus({ officerUserId: officerA, submissionId: sub("Alpha e. V."), lotId: lotId(2), criterionId: crit("konzept"), points: 3, reason: "Gemeinsam abgewogen", now: NOW, db });
    lot = lotResults({ callId: call.id, db }).lots.find((l) => l.number === 2)!;
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
    const detailed = lotResultsDetailed({ callId: call.id, db }).lots.find((l) => l.number === 2)!;
    expect(detailed.bids[2].criteria[0].evaluatorScores.map((s) => s.evaluatorId)).toEqual([eval2]);
  });

  it("never shows a bid excluded in the formal check, and prices the lot without it", () => {
    excludeBid({ officerUserId: officerA, submissionId: sub("Gamma e. V."), lotId: lotId(2), reason: "Registerauszug fehlt", now: NOW, db });
    expect(evaluatorOverview({ evaluatorId: eval2, callId: call.id, db }).bids.map((b) => b.organisationName)).toEqual(["Alpha e. V.", "Beta e. V."]);
    expect(code(() => loadBidForScoring({ evaluatorId: eval2, submissionId: sub("Gamma e. V."), lotId: lotId(2), db }))).toMatch(/^NOT_FOUND/);
    const lot = lotResults({ callId: call.id, db }).lots.find((l) => l.number === 2)!;
    // Lowest is now Alpha's 50,000 €: Alpha 5, Beta 5 × 50/60 = 4.17.
    expect(lot.bids.map((b) => [b.organisationName, b.priceScore])).toEqual([
      ["Alpha e. V.", 5],
      ["Beta e. V.", 4.17],
    ]);
  });

  it("reports progress per lot and evaluator, with conflicts shown as such", () => {
    saveScores({ evaluatorId: eval1, submissionId: sub("Alpha e. V."), lotId: lotId(2), entries: entries(all(3)), finalise: true, now: NOW, db });
    saveScores({ evaluatorId: eval2, submissionId: sub("Alpha e. V."), lotId: lotId(2), entries: entries({ konzept: 3 }), finalise: false, now: NOW, db });
    const lot2 = evaluationProgress(call.id, db).find((l) => l.number === 2)!;
    const states = Object.fromEntries(lot2.bids.map((b) => [b.organisationName, b.byEvaluator.map((e) => e.state)]));
    expect(states).toEqual({ "Alpha e. V.": ["final", "draft"], "Beta e. V.": ["open", "open"], "Gamma e. V.": ["conflict", "open"] });
    expect(evaluationProgress(call.id, db).find((l) => l.number === 3)!.belowMinimum).toBe(true);
  });
});
