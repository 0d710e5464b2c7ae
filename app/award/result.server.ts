// Reads the public result of a call (Vergabeergebnis) and the outcome the call page states.
// Nothing of an award is public before the award itself: `loadCallResult` answers null
// (the route's 404) until the award procedure is "awarded" and the call decided. A
// cancellation (Aufhebung) is public at once, for the call as for a single lot.
// The value of each award was fixed at the award and stored with its decision
// (award-values.server.ts): nothing here reads a bid's sealed content (decision 0033).
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { db as defaultDb, first, type Db, type Reader } from "../infra/db.server";
import {
  applications,
  awardDecisions,
  awardProcedures,
  calls,
  lots,
  organisations,
  submissions,
  type CallStatus,
} from "../infra/schema";
import { lotsWithNames } from "../procurement/lots.server";
import {
  lotState,
  lotValue,
  resultTotals,
  type CallOutcome,
  type CallResult,
  type ResultAward,
  type ResultCall,
  type ResultLot,
} from "./result";

/** Call statuses in which the award is made (the public list calls them "decided"). */
const DECIDED: CallStatus[] = ["awarded", "staffing_active", "archived"];

function publicCall(database: Reader, slug: string) {
  return first(
    database
      .select({
        id: calls.id,
        slug: calls.slug,
        title: calls.title,
        authority: calls.authority,
        isDemo: calls.isDemo,
        currency: calls.currency,
        status: calls.status,
        serviceStart: calls.serviceStart,
        contractEnd: calls.contractEnd,
        cancelledAt: calls.cancelledAt,
        cancellationReason: calls.cancellationReason,
      })
      .from(calls)
      .where(and(eq(calls.slug, slug), ne(calls.status, "draft"))),
  );
}

/** When the award was made, or null while it is not (yet) public. */
async function awardedAt(database: Reader, call: { id: string; status: CallStatus }): Promise<Date | null> {
  if (!DECIDED.includes(call.status)) return null;
  const procedure = await first(
    database.select({ status: awardProcedures.status, awardedAt: awardProcedures.awardedAt }).from(awardProcedures).where(eq(awardProcedures.callId, call.id)),
  );
  return procedure?.status === "awarded" && procedure.awardedAt ? procedure.awardedAt : null;
}

/**
 * The public result of a call: per lot the carriers with the FTE and value awarded, the
 * award date, cancelled lots with reason, and totals; for a cancelled call, the
 * cancellation. null while nothing is public (no such call, a draft, not yet awarded).
 */
export async function loadCallResult(slug: string, opts: { db?: Db } = {}): Promise<CallResult | null> {
  const database = opts.db ?? defaultDb();
  const c = await publicCall(database, slug);
  if (!c) return null;
  const call: ResultCall = {
    id: c.id,
    slug: c.slug,
    title: c.title,
    authority: c.authority,
    isDemo: c.isDemo,
    currency: c.currency,
    serviceStart: c.serviceStart,
    contractEnd: c.contractEnd,
  };
  const lotRows = await lotsWithNames(database, c.id);
  const plainLot = (l: (typeof lotRows)[number]): ResultLot => ({
    ...l,
    state: l.cancelledAt ? "cancelled" : "notAwarded",
    awards: [],
    fteHundredths: 0,
    valueCents: 0,
  });

  if (c.status === "cancelled") {
    return {
      state: "cancelled",
      call,
      cancelledAt: c.cancelledAt,
      cancellationReason: c.cancellationReason ?? "",
      lots: lotRows.map(plainLot),
    };
  }
  const at = await awardedAt(database, c);
  if (!at) return null;

  const decisions = (
    await database
      .select({
        lotId: awardDecisions.lotId,
        submissionId: awardDecisions.submissionId,
        rank: awardDecisions.rank,
        fteHundredths: awardDecisions.fteAwardedHundredths,
        valueCents: awardDecisions.valueCents,
        organisationId: organisations.id,
        carrierName: organisations.name,
        street: organisations.street,
        postalCode: organisations.postalCode,
        city: organisations.city,
      })
      .from(awardDecisions)
      .innerJoin(submissions, eq(submissions.id, awardDecisions.submissionId))
      .innerJoin(applications, eq(applications.id, submissions.applicationId))
      .innerJoin(organisations, eq(organisations.id, applications.organisationId))
      .where(
        and(
          inArray(
            awardDecisions.lotId,
            lotRows.map((l) => l.lotId),
          ),
          eq(awardDecisions.status, "awarded"),
          eq(applications.callId, c.id),
        ),
      )
      .orderBy(asc(awardDecisions.rank), asc(organisations.name))
  ).filter((d) => d.fteHundredths > 0);

  const result: ResultLot[] = lotRows.map((l) => {
    if (l.cancelledAt) return plainLot(l);
    const awards: ResultAward[] = decisions
      .filter((d) => d.lotId === l.lotId)
      .map((d) => ({
        organisationId: d.organisationId,
        carrierName: d.carrierName,
        address: { street: d.street, postalCode: d.postalCode, city: d.city },
        fteHundredths: d.fteHundredths,
        valueCents: d.valueCents,
      }));
    return {
      ...l,
      state: lotState(l, awards),
      awards,
      fteHundredths: awards.reduce((sum, a) => sum + a.fteHundredths, 0),
      valueCents: lotValue(awards),
    };
  });
  return { state: "awarded", call, awardedAt: at, lots: result, totals: resultTotals(result) };
}

/** What the public call page and ocds.json say about the outcome: award made, call or lots cancelled. */
export async function loadCallOutcome(callId: string, opts: { db?: Db } = {}): Promise<CallOutcome> {
  const database = opts.db ?? defaultDb();
  const c = await first(
    database.select({ id: calls.id, status: calls.status, cancelledAt: calls.cancelledAt, cancellationReason: calls.cancellationReason }).from(calls).where(eq(calls.id, callId)),
  );
  if (!c) return { awardedAt: null, cancellation: null, cancelledLots: [] };
  const lotRows = await lotsWithNames(database, c.id);
  return {
    awardedAt: await awardedAt(database, c),
    cancellation:
      c.status === "cancelled" ? { at: c.cancelledAt, reason: c.cancellationReason ?? "" } : null,
    cancelledLots: lotRows.flatMap((l) =>
      l.cancelledAt
        ? [{ lotId: l.lotId, number: l.number, regionName: l.regionName, roleName: l.roleName, at: l.cancelledAt, reason: l.cancellationReason ?? "" }]
        : [],
    ),
  };
}
