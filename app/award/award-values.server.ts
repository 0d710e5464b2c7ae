// Auftragswert fixed at the award (decision 0033): the value of every awarded decision is
// computed once from the opened bid, in the award's transaction, and stored with the
// decision; the public result and ocds.json read it from there and never touch sealed
// content. Awards made before the column existed get theirs from the upgrade step
// (`npm run portal -- contracts:conclude`).
import { and, eq, gt, isNull } from "drizzle-orm";
import { db as defaultDb, writeTx, type Db, type Tx } from "../infra/db.server";
import { awardDecisions, lots } from "../infra/schema";
import { openedSubmissionContents } from "../submission/sealed-content.server";
import { awardValue } from "./result";

/** Stores the value of the call's awarded decisions (FTE > 0) that have none yet; how many. */
export async function fixAwardValues(tx: Tx, callId: string): Promise<number> {
  const pending = await tx
    .select({ id: awardDecisions.id, lotId: awardDecisions.lotId, submissionId: awardDecisions.submissionId, fte: awardDecisions.fteAwardedHundredths })
    .from(awardDecisions)
    .innerJoin(lots, eq(lots.id, awardDecisions.lotId))
    .where(and(eq(lots.callId, callId), eq(awardDecisions.status, "awarded"), gt(awardDecisions.fteAwardedHundredths, 0), isNull(awardDecisions.valueCents)));
  if (pending.length === 0) return 0;
  const contents = await openedSubmissionContents(tx, callId, [...new Set(pending.map((d) => d.submissionId))]);
  for (const d of pending) {
    const bid = contents.get(d.submissionId)?.lots.find((l) => l.lotId === d.lotId);
    if (!bid) throw new Error(`award decision ${d.id} names a bid without lot ${d.lotId}`);
    await tx.update(awardDecisions).set({ valueCents: awardValue(bid, d.fte).termCents }).where(eq(awardDecisions.id, d.id));
  }
  return pending.length;
}

/** The upgrade step: values for every call with awarded decisions that lack one. */
export async function fixMissingAwardValues(opts: { db?: Db } = {}): Promise<number> {
  const database = opts.db ?? defaultDb();
  const callIds = (
    await database
      .selectDistinct({ callId: lots.callId })
      .from(awardDecisions)
      .innerJoin(lots, eq(lots.id, awardDecisions.lotId))
      .where(and(eq(awardDecisions.status, "awarded"), gt(awardDecisions.fteAwardedHundredths, 0), isNull(awardDecisions.valueCents)))
  ).map((r) => r.callId);
  if (!callIds.length) return 0;
  return writeTx(async (tx) => {
    let n = 0;
    for (const callId of callIds) n += await fixAwardValues(tx, callId);
    return n;
  }, database);
}
