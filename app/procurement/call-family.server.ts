// A call and its follow-up calls (Folgeaufrufe, decision 0027): a follow-up's contracts join
// the original's plan under the original's lot of the same region and role. The Stellenplan,
// the plan over time and the follow-up preview all count them this way, through this reader.
import { asc, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type Reader } from "../infra/db.server";
import { calls, lots, regions, roles } from "../infra/schema";

export type FollowUpCall = { id: string; slug: string; title: string; status: string; createdAt: Date };

/** The follow-up calls of a call, oldest first. */
export async function followUpsOf(callId: string, database: Reader = defaultDb()): Promise<FollowUpCall[]> {
  return database
    .select({ id: calls.id, slug: calls.slug, title: calls.title, status: calls.status, createdAt: calls.createdAt })
    .from(calls)
    .where(eq(calls.followUpOfCallId, callId))
    .orderBy(asc(calls.createdAt), asc(calls.slug));
}

export type CallFamily = {
  /** The call first, then its follow-up calls, oldest first. */
  callIds: string[];
  /**
   * Every lot of the family → the call's own lot of the same region and role (its own lots map
   * to themselves). A follow-up lot without a counterpart is not in the map and counts nowhere.
   */
  originalLotOf: Map<string, string>;
};

/** The call with its follow-up calls and where their lots count: two queries. */
export async function callFamily(callId: string, database: Reader = defaultDb()): Promise<CallFamily> {
  const callIds = [callId, ...(await followUpsOf(callId, database)).map((f) => f.id)];
  const rows = await database
    .select({ id: lots.id, callId: lots.callId, regionCode: regions.code, roleCode: roles.code })
    .from(lots)
    .innerJoin(regions, eq(regions.id, lots.regionId))
    .innerJoin(roles, eq(roles.id, lots.roleId))
    .where(inArray(lots.callId, callIds));
  const pair = (l: { regionCode: string; roleCode: string }) => `${l.regionCode}/${l.roleCode}`;
  const ownByPair = new Map(rows.filter((l) => l.callId === callId).map((l) => [pair(l), l.id]));
  const originalLotOf = new Map(rows.flatMap((l) => {
    const own = ownByPair.get(pair(l));
    return own ? [[l.id, own] as const] : [];
  }));
  return { callIds, originalLotOf };
}
