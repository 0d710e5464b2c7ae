// What an evaluator may download through /dateien/<id> (app/submission/access.server.ts):
// exactly the concept files of the lot bids they may score (assigned lot, declared without
// conflict, admitted), nothing else of any carrier.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { declareConflict } from "../../app/evaluation/assessment.server";
import { evaluatorMayReadFile } from "../../app/evaluation/bids.server";
import { excludeBid } from "../../app/evaluation/formal-check.server";
import { DomainError } from "../../app/infra/errors";
import { fileForActor, type Actor } from "../../app/submission/access.server";
import { evaluationScenario, NOW, type EvaluationScenario } from "../support/evaluation";

let s: EvaluationScenario;

beforeEach(async () => {
  s = await evaluationScenario({ conceptFor: ["Alpha e. V.", "Beta e. V.", "Gamma e. V."] });
});
afterEach(() => s.t.cleanup());

const evaluator = (userId: string): Actor => ({ userId, role: "evaluator", organisationId: null });

async function canRead(actor: Actor, fileId: string): Promise<boolean> {
  try {
    return (await fileForActor({ actor, fileId, db: s.db })).id === fileId;
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") return false;
    throw error;
  }
}

const declare = (evaluatorId: string, name: string, hasConflict: boolean) =>
  declareConflict({ evaluatorId, callId: s.call.id, organisationId: s.org(name), types: hasConflict ? ["employment"] : [], note: hasConflict ? "Vorstand im Trägerverein" : "", now: NOW, db: s.db });

const concept = (name: string, lot: number) => s.bidders[name].conceptFiles[lot];

describe("an evaluator's access to the files of bids", () => {
  it("reads nothing before declaring about the carrier", async () => {
    expect(await canRead(evaluator(s.eval1), concept("Alpha e. V.", 2))).toBe(false);
    expect(await evaluatorMayReadFile(s.db, s.eval1, concept("Alpha e. V.", 2))).toBe(false);
  });

  it("reads the concept file of a bid they may score, and no organisation document", async () => {
    for (const name of ["Alpha e. V.", "Beta e. V."]) await declare(s.eval1, name, false);
    await declare(s.eval1, "Gamma e. V.", true);
    const actor = evaluator(s.eval1);
    expect(await canRead(actor, concept("Alpha e. V.", 2))).toBe(true);
    expect(await canRead(actor, concept("Beta e. V.", 2))).toBe(true);
    // Declared in conflict with Gamma: none of its files.
    expect(await canRead(actor, concept("Gamma e. V.", 2))).toBe(false);
    // The organisation's documents belong to the formal check, not to scoring.
    for (const fileId of s.bidders["Alpha e. V."].documentFiles) expect(await canRead(actor, fileId)).toBe(false);
  });

  it("reads no concept file of a lot not assigned to them", async () => {
    await declare(s.eval2, "Alpha e. V.", false);
    await declare(s.eval2, "Beta e. V.", false);
    await declare(s.eval2, "Gamma e. V.", false);
    expect(await canRead(evaluator(s.eval2), concept("Gamma e. V.", 2))).toBe(true);
    expect(await canRead(evaluator(s.eval2), concept("Gamma e. V.", 3))).toBe(false);
  });

  it("gives an evaluator without any lot nothing, while officers read every file after the opening", async () => {
    const files = Object.values(s.bidders).flatMap((b) => [...Object.values(b.conceptFiles), ...b.documentFiles]);
    for (const fileId of files) {
      expect(await canRead(evaluator(s.eval3), fileId)).toBe(false);
      expect(await canRead({ userId: s.officerA, role: "officer", organisationId: null }, fileId)).toBe(true);
    }
  });

  it("loses access with a later declaration of conflict and with an exclusion", async () => {
    for (const name of ["Alpha e. V.", "Beta e. V.", "Gamma e. V."]) await declare(s.eval2, name, false);
    const actor = evaluator(s.eval2);
    expect(await canRead(actor, concept("Alpha e. V.", 2))).toBe(true);
    await declare(s.eval2, "Alpha e. V.", true);
    expect(await canRead(actor, concept("Alpha e. V.", 2))).toBe(false);
    expect(await canRead(actor, concept("Beta e. V.", 2))).toBe(true);
    await excludeBid({ officerUserId: s.officerA, submissionId: s.sub("Beta e. V."), lotId: s.lotId(2), reason: "Kostenplan unvollständig", now: NOW, db: s.db });
    expect(await canRead(actor, concept("Beta e. V.", 2))).toBe(false);
  });
});
