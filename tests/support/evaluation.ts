// An opened demo call with bids, for the evaluation's integration tests: three carriers bid
// on lot 2 (Gamma also on lot 3), the opening is confirmed by two officers, and two
// evaluators are assigned to lot 2. Built with the domain functions against a real SQLite
// file, as tests/integration/assessment.test.ts does.
import { randomBytes } from "node:crypto";
import { loadDemo } from "../../app/demo/demo.server";
import { assignEvaluator } from "../../app/evaluation/assessment.server";
import { confirmOpening, startOpening } from "../../app/evaluation/opening.server";
import { confirmEmail, registerCarrier } from "../../app/identity/carriers.server";
import { createStaffUser } from "../../app/identity/users.server";
import type { Db } from "../../app/infra/db.server";
import { users } from "../../app/infra/schema";
import { localStorage } from "../../app/infra/storage.server";
import type { CallView } from "../../app/procurement/call-view";
import { loadCallView } from "../../app/procurement/calls.server";
import { attachFile, saveLotBid, selectLots, startApplication, type CarrierActor } from "../../app/submission/applications.server";
import { submitApplication } from "../../app/submission/submit.server";
import { tempDatabase, type TempDb } from "./temp-db";

export const NOW = new Date("2026-11-25T10:00:00Z");
export const QUALITY = ["konzept", "vernetzung", "tandem", "schutzbeduerftige", "qualitaet"];

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

function fakeUpload(name: string) {
  return {
    upload: { backend: "local" as const, storageKey: randomBytes(16).toString("base64url").slice(0, 22), sizeBytes: 10, sha256: "0".repeat(64), mediaType: "application/pdf" },
    originalName: name,
  };
}

/** The scenario; `conceptFor` names the carriers that attach a concept file to each lot. */
export async function evaluationScenario(opts: { conceptFor?: string[] } = {}): Promise<EvaluationScenario> {
  const t = tempDatabase();
  const db = t.db;
  await loadDemo({ now: NOW, db });
  const call = loadCallView("dresden-2017-demo", { db })!;
  const staff = db.select().from(users).all();
  const [officerA, officerB] = staff.filter((u) => u.role === "officer").map((u) => u.id);
  const eval1 = staff.find((u) => u.role === "evaluator")!.id;
  const eval2 = (await createStaffUser({ email: "zweite@demo.example", name: "Zweite Bewerterin", role: "evaluator", password: "ein langes passwort 2", now: NOW, db })).id;
  const eval3 = (await createStaffUser({ email: "dritte@demo.example", name: "Dritte Bewerterin", role: "evaluator", password: "ein langes passwort 3", now: NOW, db })).id;
  const lotId = (n: number) => call.lots.find((l) => l.number === n)!.id;
  const bidders: Record<string, Bidder> = {};

  async function submitFor(name: string, lotNumbers: number[], costPerFteCents: number) {
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
    const actor = { userId: r.user.id, organisationId: r.organisation.id };
    const { applicationId } = startApplication({ actor, callSlug: "dresden-2017-demo", now: NOW, db });
    const lotIds = lotNumbers.map(lotId);
    selectLots({ actor, applicationId, lotIds, now: NOW, db });
    const conceptFiles: Record<number, string> = {};
    for (const [i, id] of lotIds.entries()) {
      saveLotBid({
        actor,
        applicationId,
        lotId: id,
        input: {
          concept: Object.fromEntries(call.conceptSections.map((s) => [s.code, `${name}: ${s.title}`])),
          posts: [{ fteHundredths: 200, qualification: "Sozialarbeit B. A.", hasPedagogicalDegree: true, payGroup: "S 12", payAdequacyDeclared: true, languages: ["Deutsch"] }],
          costPlan: { personnelCostPerFteCents: costPerFteCents, materialCostCents: 100_000, overheadCents: 100_000 },
        },
        now: NOW,
        db,
      });
      if (opts.conceptFor?.includes(name)) {
        conceptFiles[lotNumbers[i]] = attachFile({ actor, applicationId, target: { lotId: id }, ...fakeUpload(`Konzept ${name} Los ${lotNumbers[i]}.pdf`), maxApplicationBytes: 1e9, now: NOW, db }).fileId;
      }
    }
    const documentFiles: string[] = [];
    for (const kind of ["registerExtract", "references", "declarations"] as const) {
      documentFiles.push(attachFile({ actor, applicationId, target: { kind }, ...fakeUpload(`${kind}.pdf`), maxApplicationBytes: 1e9, now: NOW, db }).fileId);
    }
    const { submissionId } = submitApplication({ actor, applicationId, clock: () => NOW, db });
    bidders[name] = { actor, submissionId, applicationId, conceptFiles, documentFiles };
  }

  // 50,000 €, 60,000 € and 40,000 € per FTE on lot 2; Gamma also on lot 3.
  await submitFor("Alpha e. V.", [2], 5_000_000);
  await submitFor("Beta e. V.", [2], 6_000_000);
  await submitFor("Gamma e. V.", [2, 3], 4_000_000);
  const after = new Date(call.dates.submissionDeadline.getTime() + 1000);
  startOpening({ officerUserId: officerA, callId: call.id, now: after, db });
  await confirmOpening({ officerUserId: officerB, callId: call.id, now: after, db, storage: localStorage(`${t.dir}/files`) });
  for (const e of [eval1, eval2]) assignEvaluator({ officerUserId: officerA, lotId: lotId(2), evaluatorId: e, assign: true, now: after, db });
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
