// FIXTURE standing in for the award procedure (Zuschlag), which app/award builds: it writes
// award_procedures and award_decisions through drizzle the way that procedure leaves them,
// over the opened demo call of tests/support/evaluation.ts, so that the public result can be
// tested on its own. It is not the procedure: no allocation, standstill, letters or audit.
import { eq } from "drizzle-orm";
import { awardDecisions, awardProcedures, calls, type CallStatus } from "../../app/infra/schema";
import type { EvaluationScenario } from "./evaluation";

export const AWARDED_AT = new Date("2026-12-20T13:30:00Z");

/**
 * Fixture standing in for the award procedure: lot 2 split between Alpha (2 FTE, all it
 * offered) and Gamma (1 of its 2 FTE), Beta rejected; lot 3 to Gamma (2 FTE).
 */
export function awardProcedureFixture(s: EvaluationScenario, opts: { status: "preInformed" | "awarded"; callStatus: CallStatus }) {
  const db = s.db;
  const decided = opts.status === "awarded";
  db.insert(awardProcedures)
    .values({
      callId: s.call.id,
      status: opts.status,
      allocation: { fixture: true },
      proposedByUserId: s.officerA,
      proposedAt: new Date("2026-12-05T09:00:00Z"),
      approvedByUserId: s.officerB,
      approvedAt: new Date("2026-12-06T09:00:00Z"),
      preInformedAt: new Date("2026-12-07T09:00:00Z"),
      earliestAwardAt: new Date("2026-12-17T09:00:00Z"),
      awardedByUserId: decided ? s.officerA : null,
      awardedAt: decided ? AWARDED_AT : null,
    })
    .onConflictDoUpdate({
      target: awardProcedures.callId,
      set: { status: opts.status, awardedByUserId: decided ? s.officerA : null, awardedAt: decided ? AWARDED_AT : null },
    })
    .run();
  db.delete(awardDecisions).run();
  const row = (name: string, lot: number, rank: number, fte: number, won: boolean) => ({
    lotId: s.lotId(lot),
    submissionId: s.sub(name),
    rank,
    fteAwardedHundredths: fte,
    proposedFteHundredths: fte,
    reason: "Fixture",
    status: decided ? (won ? ("awarded" as const) : ("rejected" as const)) : ("approved" as const),
    decidedByUserId: s.officerA,
    decidedAt: decided ? AWARDED_AT : new Date("2026-12-06T09:00:00Z"),
  });
  db.insert(awardDecisions)
    .values([
      row("Gamma e. V.", 2, 1, 100, true),
      row("Alpha e. V.", 2, 2, 200, true),
      row("Beta e. V.", 2, 3, 0, false),
      row("Gamma e. V.", 3, 1, 200, true),
    ])
    .run();
  db.update(calls).set({ status: opts.callStatus }).where(eq(calls.id, s.call.id)).run();
}

