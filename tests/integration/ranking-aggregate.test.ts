// lotResults ranks from aggregates SQLite computes (count, min, max, sum of the final scores
// per bid and criterion); lotResultsDetailed from every score row in JS. On a randomised
// evaluation (drafts, missing scores, conflicts declared and withdrawn, consensus, spreads,
// ties) both must give the same results, down to the last bit of every total.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lotResults, lotResultsDetailed } from "../../app/evaluation/assessment.server";
import { first, writeTx, type Db } from "../../app/infra/db.server";
import { calls, conflictCertifications, conflictDecisions, conflictDeclarations, consensusScores, scores } from "../../app/infra/schema";
import { createCarriers, createStaff, openedCall, type BenchCall, type Staff } from "../../scripts/bench/evaluation-data";
import { tempDatabase, type TempDb } from "../support/temp-db";

const NOW = new Date("2026-11-25T10:00:00Z");
const LOTS_PER_CARRIER = 3;
let t: TempDb;
let db: Db;
let staff: Staff;
let bench: BenchCall;

// A small deterministic PRNG (mulberry32): the data are random but every run is the same.
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  t = await tempDatabase();
  db = t.db;
  staff = await createStaff(db, NOW, 4);
  const actors = await createCarriers(db, NOW, 14);
  bench = await openedCall({ db, now: NOW, dir: t.dir, slug: "zufall", staff, actors, lotsPerCarrier: LOTS_PER_CARRIER });
}, 120_000);
afterAll(() => t.cleanup());

async function randomEvaluation(seed: number) {
  const random = prng(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  // Seeded in one transaction: writes go through writeTx; the draws keep their order.
  await writeTx(async (tx) => {
    await tx.delete(scores);
    await tx.delete(consensusScores);
    await tx.delete(conflictCertifications);
    await tx.delete(conflictDecisions);
    await tx.delete(conflictDeclarations);
    const call = (await first(tx.select().from(calls).where(eq(calls.id, bench.call.id))))!;
    const quality = bench.call.criteria.filter((c) => c.kind === "quality");
    const at = new Date(bench.call.dates.submissionDeadline.getTime() + 5000);
    const cells: { submissionId: string; lotId: string; criterionId: string }[] = [];
    for (const [i, submissionId] of bench.submissionIds.entries()) {
      for (let k = 0; k < LOTS_PER_CARRIER; k++) {
        const lot = bench.call.lots[(i * LOTS_PER_CARRIER + k) % bench.call.lots.length];
        for (const c of quality) {
          cells.push({ submissionId, lotId: lot.id, criterionId: c.id });
          for (const evaluatorId of staff.evaluators) {
            if (random() < 0.08) continue; // not scored
            // Few distinct points: many equal totals, so that ties and their breaking occur.
            const points = random() < 0.97 ? pick([call.scaleMax - 1, call.scaleMax - 2]) : call.scaleMin + Math.floor(random() * (call.scaleMax - call.scaleMin + 1));
            const draft = random() < 0.1;
            await tx.insert(scores).values({ submissionId, lotId: lot.id, evaluatorId, criterionId: c.id, points, justification: `Zufall ${points}`, updatedAt: at, finalisedAt: draft ? null : at });
          }
        }
      }
    }
    for (const cell of cells) {
      if (random() < 0.15) {
        await tx.insert(consensusScores).values({ ...cell, points: call.scaleMin + Math.floor(random() * (call.scaleMax - call.scaleMin + 1)), reason: "Zufall", recordedByUserId: staff.officerA, recordedAt: at });
      }
    }
    // Conflicts: some declared, some of them withdrawn later (the latest declaration counts).
    for (const actor of bench.actors) {
      for (const evaluatorId of staff.evaluators) {
        const r = random();
        if (r > 0.2) continue;
        const declare = async (hasConflict: boolean, ms: number) =>
          (
            await tx
              .insert(conflictDeclarations)
              .values({ callId: bench.call.id, evaluatorId, organisationId: actor.organisationId, hasConflict, types: hasConflict ? ["employment"] : [], note: hasConflict ? "Vorstand" : "", declaredAt: new Date(at.getTime() + ms) })
              .returning({ id: conflictDeclarations.id })
          )[0];
        const conflict = await declare(true, 0);
        if (r < 0.05) await declare(false, 1000);
        // Some conflicts the officers allowed: those scores count again.
        else if (r < 0.1) await tx.insert(conflictDecisions).values({ declarationId: conflict.id, outcome: "allow", reason: "Zufall", decidedByUserId: staff.officerA, decidedAt: at });
      }
    }
    // Certifications: most evaluators certified after their scores, some before (theirs do not count), some never.
    for (const evaluatorId of staff.evaluators) {
      const r = random();
      if (r < 0.1) continue;
      await tx.insert(conflictCertifications).values({ callId: bench.call.id, evaluatorId, certifiedAt: new Date(at.getTime() + (r < 0.2 ? -1 : 0)) });
    }
  }, db);
}

const withoutDetail = (results: Awaited<ReturnType<typeof lotResultsDetailed>>) => ({
  criteria: results.criteria,
  lots: results.lots.map((l) => ({ ...l, bids: l.bids.map((b) => ({ ...b, criteria: b.criteria.map(({ evaluatorScores: _, ...c }) => c) })) })),
});

describe("ranking from aggregates", () => {
  // Seed 1 drew no spread with a consensus once lots were scored by their role's criteria only.
  for (const seed of [2, 3, 4]) {
    it(`ranks exactly as the computation from every score does (random evaluation ${seed})`, async () => {
      await randomEvaluation(seed);
      const aggregated = await lotResults({ callId: bench.call.id, db });
      const detailed = await lotResultsDetailed({ callId: bench.call.id, db });
      expect(aggregated).toEqual(withoutDetail(detailed));
      // The evaluator counts are those of the detail, and the data exercised what matters.
      const pairs = aggregated.lots.flatMap((l, li) => l.bids.flatMap((b, bi) => b.criteria.map((c, ci) => [c, detailed.lots[li].bids[bi].criteria[ci]] as const)));
      for (const [a, d] of pairs) expect(a.evaluatorCount).toBe(d.evaluatorScores.length);
      const bids = aggregated.lots.flatMap((l) => l.bids);
      expect(bids.some((b) => b.openFlags > 0)).toBe(true); // spreads without consensus
      expect(bids.some((b) => b.criteria.some((c) => c.spread && c.consensus))).toBe(true);
      expect(bids.some((b) => b.tieBrokenBy !== null || bids.some((o) => o !== b && o.rank === b.rank && o.total === b.total))).toBe(true);
      expect(bids.filter((b) => b.rank !== null).length).toBeGreaterThan(5);
      const scoreRows = await db.select().from(scores);
      const counted = pairs.reduce((n, [a]) => n + a.evaluatorCount, 0);
      expect(counted).toBeLessThan(scoreRows.length); // drafts, conflicts and uncertified scores left out
    });
  }
});
