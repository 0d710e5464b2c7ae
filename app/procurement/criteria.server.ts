// Reading a call's criteria (Wertungskriterien) with their published scales: one query for
// the call's read model and for the scoring that applies them.
import { asc, eq, inArray } from "drizzle-orm";
import type { Reader } from "../infra/db.server";
import { criteria, scalePoints } from "../infra/schema";

/** The criteria of a call in their order, each with its scale (every point with its meaning). */
export async function criteriaOfCall(database: Reader, callId: string) {
  const rows = await database.select().from(criteria).where(eq(criteria.callId, callId)).orderBy(asc(criteria.sortOrder));
  const points = rows.length
    ? await database.select().from(scalePoints).where(inArray(scalePoints.criterionId, rows.map((r) => r.id))).orderBy(asc(scalePoints.points))
    : [];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    weightPercent: r.weightPercent,
    kind: r.kind,
    priceFormula: r.priceFormula,
    sortOrder: r.sortOrder,
    roleCodes: r.roleCodes ?? null,
    sectionCodes: r.sectionCodes,
    scale: points.filter((p) => p.criterionId === r.id).map(({ points: p, meaning }) => ({ points: p, meaning })),
  }));
}
