// Benchmark data for the ranking (P3) and the PDFs (P4): a SQLite file filled through the
// domain functions (calls, carriers, applications, submissions, the four-eyes opening,
// evaluator assignments) and, for the bulk of the evaluation, the scores inserted with
// drizzle directly (as finalised scores; saveScores per bid would only add transactions).
import { randomBytes } from "node:crypto";
import path from "node:path";
import { demoDefinition, dresdenDefinition } from "../../app/demo/demo.server";
import { assignEvaluator } from "../../app/evaluation/assessment.server";
import { confirmOpening, startOpening } from "../../app/evaluation/opening.server";
import { confirmEmail, registerCarrier } from "../../app/identity/carriers.server";
import { createStaffUser } from "../../app/identity/users.server";
import { writeTx, type Db } from "../../app/infra/db.server";
import { conflictCertifications, conflictDeclarations, scores } from "../../app/infra/schema";
import { localStorage } from "../../app/infra/storage.server";
import type { CallDefinition } from "../../app/procurement/call-definition";
import { importCall, loadCallView, publishCall } from "../../app/procurement/calls.server";
import type { CallView } from "../../app/procurement/call-view";
import { attachFile, saveDeclaration, saveLotBid, selectLots, startApplication, type CarrierActor } from "../../app/submission/applications.server";
import { submitApplication } from "../../app/submission/submit.server";

/** Dresden's call with eight criteria (seven quality, one price), open at `now`. */
export function benchDefinition(slug: string, now: Date): CallDefinition {
  const base = demoDefinition(dresdenDefinition(), now);
  const weights: Record<string, number> = { konzept: 20, vernetzung: 15, tandem: 15, schutzbeduerftige: 15, qualitaet: 15, wirtschaftlichkeit: 10 };
  return {
    ...base,
    slug,
    title: `Benchmark: ${base.title} (${slug})`,
    maxLotsPerCarrier: null,
    criteria: [
      ...base.criteria.map((c) => ({ ...c, weight: weights[c.code] ?? c.weight })),
      { code: "sprachen", name: "Sprachen und Erreichbarkeit", description: "Sprachen des Personals, Sprechzeiten, aufsuchende Arbeit.", weight: 5, kind: "quality", sections: ["ansatz"] },
      { code: "start", name: "Start zum Leistungsbeginn", description: "Wie das Personal zum Leistungsbeginn bereitsteht.", weight: 5, kind: "quality", sections: ["start"] },
    ],
  };
}

export type BenchCall = { call: CallView; submissionIds: string[]; actors: CarrierActor[] };

function fakeUpload(name: string) {
  // Rows only: the opening records these files as missing, which the ranking does not read.
  return {
    upload: { backend: "local" as const, storageKey: randomBytes(16).toString("base64url").slice(0, 22), sizeBytes: 1000, sha256: "0".repeat(64), mediaType: "application/pdf" },
    originalName: name,
  };
}

export type Staff = { officerA: string; officerB: string; evaluators: string[] };

export async function createStaff(db: Db, now: Date, evaluatorCount: number): Promise<Staff> {
  const make = (email: string, name: string, role: "officer" | "evaluator") =>
    createStaffUser({ email, name, role, password: "ein langes passwort für den benchmark", now, db }).then((u) => u.id);
  const officerA = await make("bench.a@bench.example", "Anna Bench", "officer");
  const officerB = await make("bench.b@bench.example", "Bernd Bench", "officer");
  const evaluators: string[] = [];
  for (let i = 0; i < evaluatorCount; i++) evaluators.push(await make(`bewertung${i + 1}@bench.example`, `Bewerterin ${i + 1}`, "evaluator"));
  return { officerA, officerB, evaluators };
}

export async function createCarriers(db: Db, now: Date, count: number): Promise<CarrierActor[]> {
  const actors: CarrierActor[] = [];
  for (let i = 0; i < count; i++) {
    const r = await registerCarrier({
      input: {
        organisationName: `Bench-Träger ${String(i + 1).padStart(3, "0")} e. V.`,
        legalForm: "e. V.",
        street: "Weg 1",
        postalCode: "01067",
        city: "Dresden",
        registerCourt: null,
        registerNumber: null,
        nonProfit: "nein",
        contactPhone: null,
        name: `Person ${i + 1}`,
        email: `bench-${i + 1}@traeger.example`,
        password: "ein langes sicheres passwort",
      },
      now,
      db,
    });
    await confirmEmail({ token: r.confirmToken, now, db });
    actors.push({ userId: r.user.id, organisationId: r.organisation.id });
  }
  return actors;
}

/**
 * An opened call on which every carrier has submitted a bid for `lotsPerCarrier` lots (in
 * turn, so that each lot gets the same number), with `staff.evaluators` assigned to every
 * lot and, where `scored`, every quality criterion of every bid scored and finalised by
 * each of them (points 3 or 4: no spread that would need a consensus).
 */
export async function openedCall(opts: { db: Db; now: Date; dir: string; slug: string; staff: Staff; actors: CarrierActor[]; lotsPerCarrier: number }): Promise<BenchCall> {
  const { db, now, staff } = opts;
  await importCall({ definition: benchDefinition(opts.slug, now), actorUserId: null, now, db });
  await publishCall({ slug: opts.slug, actorUserId: null, now, publishedAt: now, db });
  const call = (await loadCallView(opts.slug, { db }))!;
  const submissionIds: string[] = [];
  for (const [i, actor] of opts.actors.entries()) {
    const { applicationId } = await startApplication({ actor, callSlug: opts.slug, now, db });
    const lots = Array.from({ length: opts.lotsPerCarrier }, (_, k) => call.lots[(i * opts.lotsPerCarrier + k) % call.lots.length]);
    await selectLots({ actor, applicationId, lotIds: lots.map((l) => l.id), now, db });
    for (const lot of lots) {
      await saveLotBid({
        actor,
        applicationId,
        lotId: lot.id,
        input: {
          concept: Object.fromEntries(call.conceptSections.map((s) => [s.code, `Träger ${i + 1}, Los ${lot.number}: ${s.title}.`])),
          // Paid at the role's floor (the call's minimum pay group), or the usual group without one.
          posts: [{ fteHundredths: 100 + (i % 5) * 25, weeklyHoursHundredths: (100 + (i % 5) * 25) * 39, qualification: "Soziale Arbeit B. A.", hasPedagogicalDegree: true, payGroup: payFloorOf(call, lot.roleCode), languages: ["Deutsch"] }],
          costPlan: { personnelCostPerFteCents: 4_800_000 + ((i * 7919) % 1_500_000), materialCostCents: 500_000, overheadCents: 400_000 },
        },
        now,
        db,
      });
    }
    for (const kind of ["registerExtract", "references", "declarations"] as const) {
      await attachFile({ actor, applicationId, target: { kind }, ...fakeUpload(`${kind}.pdf`), maxApplicationBytes: 1e9, now, db });
    }
    // The declarations in Textform: pays the call's groups; no exclusion ground.
    const who = { name: "Erika Beispiel", role: "Geschäftsführerin" };
    await saveDeclaration({ actor, applicationId, input: { kind: "pay", ...who, confirmed: true }, now, db });
    await saveDeclaration({ actor, applicationId, input: { kind: "exclusion", ...who, choice: "none", applies: {} }, now, db });
    submissionIds.push((await submitApplication({ actor, applicationId, clock: () => now, db })).submissionId);
  }
  const after = new Date(call.dates.submissionDeadline.getTime() + 1000);
  await startOpening({ officerUserId: staff.officerA, callId: call.id, now: after, db });
  await confirmOpening({ officerUserId: staff.officerB, callId: call.id, now: after, db, storage: localStorage(path.join(opts.dir, "files")) });
  for (const lot of call.lots) {
    for (const evaluatorId of staff.evaluators) await assignEvaluator({ officerUserId: staff.officerA, lotId: lot.id, evaluatorId, assign: true, now: after, db });
  }
  return { call, submissionIds, actors: opts.actors };
}

/** Every evaluator's final scores for every quality criterion of every bid of the call. */
export async function scoreEverything(db: Db, bench: BenchCall, staff: Staff, lotsPerCarrier: number, at: Date): Promise<number> {
  const quality = bench.call.criteria.filter((c) => c.kind === "quality");
  const rows: (typeof scores.$inferInsert)[] = [];
  for (const [i, submissionId] of bench.submissionIds.entries()) {
    for (let k = 0; k < lotsPerCarrier; k++) {
      const lot = bench.call.lots[(i * lotsPerCarrier + k) % bench.call.lots.length];
      for (const [e, evaluatorId] of staff.evaluators.entries()) {
        for (const [q, c] of quality.entries()) {
          const points = 3 + ((i + k + e + q) % 2);
          rows.push({ submissionId, lotId: lot.id, evaluatorId, criterionId: c.id, points, justification: `Begründung ${points} Punkte.`, updatedAt: at, finalisedAt: at });
        }
      }
    }
  }
  await writeTx(async (tx) => {
    for (let start = 0; start < rows.length; start += 500) await tx.insert(scores).values(rows.slice(start, start + 500));
  }, db);
  return rows.length;
}

/**
 * Every evaluator declares "no conflict" for every carrier before seeing the bids, except
 * one conflict (the first evaluator and the first carrier) that keeps them out of its bids.
 */
export async function declareConflicts(db: Db, bench: BenchCall, staff: Staff, at: Date): Promise<void> {
  await writeTx(async (tx) => {
    for (const [e, evaluatorId] of staff.evaluators.entries()) {
      for (const [i, actor] of bench.actors.entries()) {
        const conflict = e === 0 && i === 0;
        await tx
          .insert(conflictDeclarations)
          .values({ callId: bench.call.id, evaluatorId, organisationId: actor.organisationId, hasConflict: conflict, types: conflict ? ["employment"] : [], note: "", declaredAt: at });
      }
    }
  }, db);
}

/** Every evaluator certifies after scoring that no conflict arose: only then do their scores count. */
export async function certifyAll(db: Db, bench: BenchCall, staff: Staff, at: Date): Promise<void> {
  await writeTx(async (tx) => {
    for (const evaluatorId of staff.evaluators) await tx.insert(conflictCertifications).values({ callId: bench.call.id, evaluatorId, certifiedAt: at });
  }, db);
}

/** The minimum pay group of a role (decision 0015); "S 12" where the call names none. */
export function payFloorOf(call: Pick<CallView, "roles">, roleCode: string): string {
  return call.roles.find((r) => r.code === roleCode)?.minPayGroup ?? "S 12";
}
