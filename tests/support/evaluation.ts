// An opened demo call with bids, for the evaluation's integration tests: three carriers bid
// on lot 2 (Gamma also on lot 3), the opening is confirmed by two officers, and two
// evaluators are assigned to lot 2. Built with the domain functions against a real SQLite
// file, as tests/integration/assessment.test.ts does.
import { loadDemo } from "../../app/demo/demo.server";
import { assignEvaluator } from "../../app/evaluation/assessment.server";
import { createStaffUser } from "../../app/identity/users.server";
import type { Db } from "../../app/infra/db.server";
import { localStorage } from "../../app/infra/storage.server";
import type { CallView } from "../../app/procurement/call-view";
import { loadCallView } from "../../app/procurement/calls.server";
import type { CarrierActor } from "../../app/submission/applications.server";
import { demoStaff, lotBidInput, openCall, ORGANISATION_DOCUMENTS, placeholderUpload, registerTestCarrier, submitTestApplication } from "./factories";
import { tempDatabase, type TempDb } from "./temp-db";

export { QUALITY } from "./factories";

export const NOW = new Date("2026-11-25T10:00:00Z");

export type Bidder = { actor: CarrierActor; submissionId: string; applicationId: string; conceptFiles: Record<number, string>; documentFiles: string[] };

export type EvaluationScenario = {
  t: TempDb;
  db: Db;
  call: CallView;
  officerA: string;
  officerB: string;
  eval1: string;
  eval2: string;
  /** An evaluator assigned to no lot. */
  eval3: string;
  bidders: Record<string, Bidder>;
  after: Date;
  lotId: (n: number) => string;
  crit: (code: string) => string;
  org: (name: string) => string;
  sub: (name: string) => string;
};

/**
 * The scenario; `conceptFor` names the carriers that attach a concept file to each lot;
 * `opened: false` stops after the submissions (no opening, no evaluators assigned).
 */
export async function evaluationScenario(opts: { conceptFor?: string[]; opened?: boolean } = {}): Promise<EvaluationScenario> {
  const t = await tempDatabase();
  const db = t.db;
  await loadDemo({ now: NOW, db });
  const call = (await loadCallView("dresden-2017-demo", { db }))!;
  const { officerA, officerB, evaluator: eval1 } = await demoStaff(db);
  const eval2 = (await createStaffUser({ email: "zweite@demo.example", name: "Zweite Bewerterin", role: "evaluator", password: "ein langes passwort 2", now: NOW, db })).id;
  const eval3 = (await createStaffUser({ email: "dritte@demo.example", name: "Dritte Bewerterin", role: "evaluator", password: "ein langes passwort 3", now: NOW, db })).id;
  const lotId = (n: number) => call.lots.find((l) => l.number === n)!.id;
  const bidders: Record<string, Bidder> = {};

  async function submitFor(name: string, lotNumbers: number[], personnelCostPerFteCents: number) {
    const { actor } = await registerTestCarrier({ db, now: NOW, name });
    const lotIds = lotNumbers.map(lotId);
    const withConcept = opts.conceptFor?.includes(name) ?? false;
    const conceptFiles = withConcept ? lotNumbers.map((n, i) => ({ target: { lotId: lotIds[i] }, upload: placeholderUpload(), originalName: `Konzept ${name} Los ${n}.pdf` })) : [];
    const { applicationId, fileIds, submissionId } = await submitTestApplication({
      db,
      call,
      actor,
      now: NOW,
      // The price compares the costs besides pay (decision 0015): they follow the same ratio as the pay here.
      bids: lotIds.map((id) => ({
        lotId: id,
        input: lotBidInput(call, { concept: (title) => `${name}: ${title}`, personnelCostPerFteCents, materialCostCents: personnelCostPerFteCents / 10, overheadCents: personnelCostPerFteCents / 10 }),
      })),
      files: [...conceptFiles, ...ORGANISATION_DOCUMENTS.map((kind) => ({ target: { kind }, upload: placeholderUpload(), originalName: `${kind}.pdf` }))],
    });
    bidders[name] = {
      actor,
      submissionId,
      applicationId,
      conceptFiles: Object.fromEntries(conceptFiles.map((_, i) => [lotNumbers[i], fileIds[i]])),
      documentFiles: fileIds.slice(conceptFiles.length),
    };
  }

  // 50,000 €, 60,000 € and 40,000 € per FTE on lot 2; Gamma also on lot 3.
  await submitFor("Alpha e. V.", [2], 5_000_000);
  await submitFor("Beta e. V.", [2], 6_000_000);
  await submitFor("Gamma e. V.", [2, 3], 4_000_000);
  const after = new Date(call.dates.submissionDeadline.getTime() + 1000);
  if (opts.opened ?? true) {
    await openCall({ db, storage: localStorage(`${t.dir}/files`), callId: call.id, officerA, officerB, at: after });
    for (const e of [eval1, eval2]) await assignEvaluator({ officerUserId: officerA, lotId: lotId(2), evaluatorId: e, assign: true, now: after, db });
  }
  return {
    t,
    db,
    call,
    officerA,
    officerB,
    eval1,
    eval2,
    eval3,
    bidders,
    after,
    lotId,
    crit: (code: string) => call.criteria.find((c) => c.code === code)!.id,
    org: (name: string) => bidders[name].actor.organisationId,
    sub: (name: string) => bidders[name].submissionId,
  };
}
