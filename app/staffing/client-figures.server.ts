// Fallzahlen: officers enter client numbers per region and target group, dated, by form or
// CSV. Each entry is one batch of new rows; nothing is updated or deleted, so every earlier
// figure stays on file. When the call already has a staffing plan or awarded contracts, the
// plan is recomputed right after (trigger clientFigures) and its difference is kept.
import { eq } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db } from "../infra/db.server";
import { DomainError, refusalOf, type MessageRef, type Refusal } from "../infra/errors";
import { randomId } from "../infra/ids";
import { calls, clientFigures, regions, targetGroups, type TargetGroup } from "../infra/schema";
import { berlinDay, startOfBerlinDay } from "../i18n/berlin-time";
import { TARGET_GROUP_NAME } from "./required-fte";
import { clientFiguresHistory, latestClientFigures } from "./figures-read.server";
import { computeStaffingPlan, planShouldFollowFigures } from "./plans.server";

export { clientFiguresHistory, latestClientFigures };
export type { FiguresBatch, LatestClientFigures, LatestFigure } from "./figures-read.server";

export type FigureSource = "form" | "csv" | "definition" | "demo";

export type FigureInput = {
  regionCode: string;
  targetGroup: TargetGroup;
  count: number;
  /** This figure's own as-of date ("YYYY-MM-DD"); default: the batch's. */
  asOf?: string;
  /** Line of the CSV file it came from: errors then name line and column. */
  line?: number;
};

export type RecordClientFiguresOptions = {
  callId: string;
  /** The date the figures describe, "YYYY-MM-DD" (Europe/Berlin calendar day). */
  asOf: string;
  figures: FigureInput[];
  userId: string | null;
  source: FigureSource;
  now: Date;
  db?: Db;
};

export type RecordClientFiguresResult = {
  batchId: string;
  rows: number;
  /** The plan stored because of these figures, or why none could be computed. */
  plan: { id: string } | { id: null; problem: Refusal } | null;
};

export async function recordClientFigures(opts: RecordClientFiguresOptions): Promise<RecordClientFiguresResult> {
  const database = opts.db ?? defaultDb();
  const call = await first(database.select({ id: calls.id }).from(calls).where(eq(calls.id, opts.callId)));
  if (!call) throw new DomainError("NOT_FOUND", "notFound.call");
  const regionRows = await database.select({ id: regions.id, code: regions.code }).from(regions).where(eq(regions.callId, call.id));
  const regionId = new Map(regionRows.map((r) => [r.code, r.id]));
  if (opts.figures.length === 0) throw new DomainError("INVALID", "staffing.refusal.noFigures");

  const today = berlinDay(opts.now);
  const rows = opts.figures.map((f, i) => {
    // A CSV row is named by line and column (the column names of the file: "stand" is also the form's field).
    const at = (column: string): MessageRef =>
      f.line ? { message: "staffing.refusal.at.csv", params: { line: f.line, column } } : { message: "staffing.refusal.at.figure", params: { n: i + 1 } };
    const id = regionId.get(f.regionCode);
    if (!id) throw new DomainError("INVALID", "staffing.refusal.unknownRegion", { at: at("region"), region: f.regionCode });
    if (!targetGroups.includes(f.targetGroup)) throw new DomainError("INVALID", "staffing.refusal.unknownGroup", { at: at("zielgruppe"), group: f.targetGroup });
    if (!Number.isSafeInteger(f.count) || f.count < 0) throw new DomainError("INVALID", "staffing.refusal.countInvalid", { at: at("anzahl"), group: { message: TARGET_GROUP_NAME[f.targetGroup] } });
    const day = f.asOf ?? opts.asOf;
    // A figure's as-of instant is midnight (Berlin) of its day.
    const asOf = startOfBerlinDay(day);
    if (!asOf) throw new DomainError("INVALID", "staffing.refusal.asOfInvalid", { at: at("stand"), day }, "stand");
    // Figures describe a past or present day: a stand in the future is a typing error.
    if (day > today) throw new DomainError("INVALID", "staffing.refusal.asOfFuture", { at: at("stand"), day }, "stand");
    return { regionId: id, regionCode: f.regionCode, targetGroup: f.targetGroup, count: f.count, asOf };
  });
  const keys = new Set<string>();
  for (const r of rows) {
    const key = `${r.regionId}|${r.targetGroup}|${r.asOf.getTime()}`;
    if (keys.has(key)) throw new DomainError("INVALID", "staffing.refusal.twice", { region: r.regionCode, group: { message: TARGET_GROUP_NAME[r.targetGroup] } });
    keys.add(key);
  }

  const batchId = randomId();
  await writeTx(async (tx) => {
    for (const r of rows) {
      await tx.insert(clientFigures).values({
          regionId: r.regionId,
          targetGroup: r.targetGroup,
          count: r.count,
          asOf: r.asOf,
          enteredByUserId: opts.userId,
          enteredAt: opts.now,
          batchId,
        source: opts.source,
      });
    }
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.userId,
      action: "staffing.client-figures-recorded",
      objectType: "call",
      objectId: call.id,
      details: {
        batchId,
        source: opts.source,
        rows: rows.length,
        asOf: [...new Set(rows.map((r) => berlinDay(r.asOf)))].sort(),
      },
    });
  }, database);

  let plan: RecordClientFiguresResult["plan"] = null;
  if (await planShouldFollowFigures(call.id, database)) {
    try {
      const stored = await computeStaffingPlan({ callId: call.id, trigger: "clientFigures", userId: opts.userId, now: opts.now, db: database });
      plan = { id: stored.id };
    } catch (error) {
      // Figures of one region may come before the others: keep them, say what is missing.
      if (error instanceof DomainError && error.code === "INVALID") plan = { id: null, problem: refusalOf(error) };
      else throw error;
    }
  }
  return { batchId, rows: rows.length, plan };
}
