// Reading a call's lots (Lose) as the lists, the assignments and the public result name them.
import { asc, eq } from "drizzle-orm";
import type { Reader } from "../infra/db.server";
import { lots, regions, roles } from "../infra/schema";

/** The lots of a call in their order, with region and role names and any cancellation (Aufhebung). */
export async function lotsWithNames(database: Reader, callId: string) {
  return await database
    .select({
      lotId: lots.id,
      number: lots.number,
      regionName: regions.name,
      roleName: roles.name,
      roleCode: roles.code,
      cancelledAt: lots.cancelledAt,
      cancellationReason: lots.cancellationReason,
    })
    .from(lots)
    .innerJoin(regions, eq(regions.id, lots.regionId))
    .innerJoin(roles, eq(roles.id, lots.roleId))
    .where(eq(lots.callId, callId))
    .orderBy(asc(lots.number));
}
