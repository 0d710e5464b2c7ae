// Reading client figures (Fallzahlen): the latest per region and target group, and the
// batches as entered. Split from client-figures.server.ts so that plans.server.ts can read
// figures while client-figures.server.ts triggers a new plan, without a circular import.
import { asc, eq } from "drizzle-orm";
import { db as defaultDb, type Db } from "../infra/db.server";
import { clientFigures, regions, targetGroups, users, type TargetGroup } from "../infra/schema";
import { berlinDay } from "../i18n/berlin-time";
import type { DatedFigure } from "./coverage";
import type { ClientFigures } from "./required-fte";

export type LatestFigure = { count: number; asOf: string; enteredAt: string; batchId: string | null };

export type LatestClientFigures = {
  /** Per region code, the figure of each target group with the latest as-of date. */
  byRegion: Record<string, Partial<Record<TargetGroup, LatestFigure>>>;
  /** The same as plain numbers, as required-fte.ts and plan.ts take them. */
  figuresByRegion: Record<string, ClientFigures>;
  /** The latest as-of date among the figures used (ISO instant); null without figures. */
  asOf: string | null;
};

type FigureRow = {
  regionCode: string;
  targetGroup: TargetGroup;
  count: number;
  asOf: Date;
  enteredAt: Date;
  batchId: string | null;
  source: string | null;
  enteredBy: string | null;
};

async function figureRowsOf(callId: string, database: Db): Promise<FigureRow[]> {
  return database
    .select({
      regionCode: regions.code,
      targetGroup: clientFigures.targetGroup,
      count: clientFigures.count,
      asOf: clientFigures.asOf,
      enteredAt: clientFigures.enteredAt,
      batchId: clientFigures.batchId,
      source: clientFigures.source,
      enteredBy: users.name,
    })
    .from(clientFigures)
    .innerJoin(regions, eq(regions.id, clientFigures.regionId))
    .leftJoin(users, eq(users.id, clientFigures.enteredByUserId))
    .where(eq(regions.callId, callId))
    .orderBy(asc(regions.sortOrder), asc(clientFigures.asOf), asc(clientFigures.enteredAt));
}

// Rows without a batch id form one batch per entry time.
const batchKey = (r: Pick<FigureRow, "batchId" | "enteredAt">) => r.batchId ?? `at-${r.enteredAt.getTime()}`;

/**
 * Per region and target group the figure with the latest as-of date; of two with the same
 * date, the one entered last (a correction). Nothing is overwritten: corrections are new rows.
 * `excludeBatch` leaves one batch out: the figures as they were before it was entered.
 */
export async function latestClientFigures(callId: string, database: Db = defaultDb(), opts: { excludeBatch?: string } = {}): Promise<LatestClientFigures> {
  const byRegion: LatestClientFigures["byRegion"] = {};
  let latest: Date | null = null;
  // Rows come ordered by as-of, then entry time: the last one wins.
  for (const r of await figureRowsOf(callId, database)) {
    if (opts.excludeBatch && batchKey(r) === opts.excludeBatch) continue;
    const region = (byRegion[r.regionCode] ??= {});
    region[r.targetGroup] = { count: r.count, asOf: r.asOf.toISOString(), enteredAt: r.enteredAt.toISOString(), batchId: r.batchId };
  }
  const figuresByRegion: Record<string, ClientFigures> = {};
  for (const [code, groups] of Object.entries(byRegion)) {
    figuresByRegion[code] = {};
    for (const g of targetGroups) {
      const f = groups[g];
      if (!f) continue;
      figuresByRegion[code][g] = f.count;
      if (!latest || new Date(f.asOf) > latest) latest = new Date(f.asOf);
    }
  }
  return { byRegion, figuresByRegion, asOf: latest ? (latest as Date).toISOString() : null };
}

export type FiguresBatch = {
  batchId: string;
  enteredAt: string;
  enteredBy: string | null;
  source: string | null;
  figures: { regionCode: string; targetGroup: TargetGroup; count: number; asOf: string }[];
};

/** Every batch of figures of a call, newest first (Verlauf der Fallzahlen). */
export async function clientFiguresHistory(callId: string, database: Db = defaultDb()): Promise<FiguresBatch[]> {
  const batches = new Map<string, FiguresBatch>();
  for (const r of await figureRowsOf(callId, database)) {
    const key = batchKey(r);
    const batch = batches.get(key) ?? { batchId: key, enteredAt: r.enteredAt.toISOString(), enteredBy: r.enteredBy, source: r.source, figures: [] };
    batch.figures.push({ regionCode: r.regionCode, targetGroup: r.targetGroup, count: r.count, asOf: r.asOf.toISOString() });
    batches.set(key, batch);
  }
  return [...batches.values()].sort((a, b) => (a.enteredAt < b.enteredAt ? 1 : a.enteredAt > b.enteredAt ? -1 : 0));
}

/**
 * Every figure of a call with its as-of day (Berlin), as the plan over time reads them
 * (app/staffing/coverage.ts, DatedFigure): per region and target group in as-of order, and on
 * one as-of day in the order entered, so that a correction comes after what it corrects.
 */
export async function datedClientFigures(callId: string, database: Db = defaultDb()): Promise<DatedFigure[]> {
  return (await figureRowsOf(callId, database)).map((r) => ({ regionCode: r.regionCode, targetGroup: r.targetGroup, count: r.count, asOf: berlinDay(r.asOf) }));
}
