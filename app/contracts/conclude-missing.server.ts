// Upgrade step (decision 0022, Consequences; decision 0027): calls awarded before contracts
// existed have none. `concludeMissingContracts` concludes them as the award would have, each
// award round dated by its decisions' `decidedAt` and by the officer who decided it; run by the
// operator once after the upgrade (`npm run portal -- contracts:conclude`), harmless to repeat.
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { db as defaultDb, writeTx, type Db } from "../infra/db.server";
import { awardDecisions, calls, contracts, lots } from "../infra/schema";
import { concludeContracts } from "./contracts.server";

export type ConcludedRound = { callId: string; slug: string; decidedAt: Date; contractIds: string[] };

/** Concludes the contracts every awarded decision (FTE > 0) still lacks, round by round, oldest first. */
export async function concludeMissingContracts(opts: { db?: Db } = {}): Promise<ConcludedRound[]> {
  const database = opts.db ?? defaultDb();
  // One award round = one call's decisions decided at the same instant (by one officer).
  const rounds = await database
    .selectDistinct({ callId: calls.id, slug: calls.slug, decidedAt: awardDecisions.decidedAt, decidedBy: awardDecisions.decidedByUserId })
    .from(awardDecisions)
    .innerJoin(lots, eq(lots.id, awardDecisions.lotId))
    .innerJoin(calls, eq(calls.id, lots.callId))
    .leftJoin(contracts, eq(contracts.awardDecisionId, awardDecisions.id))
    .where(and(eq(awardDecisions.status, "awarded"), gt(awardDecisions.fteAwardedHundredths, 0), isNull(contracts.id)))
    .orderBy(asc(awardDecisions.decidedAt), asc(calls.slug));
  // Round by round, oldest first: each in a transaction of its own.
  const concluded: ConcludedRound[] = [];
  for (const r of rounds) {
    const contractIds = await writeTx((tx) => concludeContracts(tx, { callId: r.callId, officerUserId: r.decidedBy, now: r.decidedAt, decidedAt: r.decidedAt }), database);
    concluded.push({ callId: r.callId, slug: r.slug, decidedAt: r.decidedAt, contractIds });
  }
  return concluded;
}
