// Stellenplan use cases: compute the plan of a call from its staffing rules, the latest
// client figures and the awarded contracts, store it (every computation is kept: at award,
// after new figures, on request), and load the latest with its predecessor and the
// difference between them. The rules themselves are pure: required-fte.ts and plan.ts.
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db } from "../infra/db.server";
import { asMessage, DomainError, refusalOf, type Refusal } from "../infra/errors";
import { applications, awardDecisions, calls, contracts, lots, organisations, staffingPlans, submissions, users } from "../infra/schema";
import { agreedFteByContract } from "../contracts/amendments-read.server";
import type { CallView } from "../procurement/call-view";
import { loadCallView } from "../procurement/calls.server";
import { callFamily } from "../procurement/call-family.server";
import { clientFiguresHistory, latestClientFigures } from "./figures-read.server";
import { planDifference, staffingPlan, type PlanDifference, type StaffingPlan } from "./plan";
import { requiredFteByLot, StaffingRuleError } from "./required-fte";

export type PlanTrigger = "award" | "clientFigures" | "manual" | "amendment";

/** What a staffing_plans row holds (plan JSON, version 1). */
export type StoredPlan = {
  version: 1;
  plan: StaffingPlan;
  /** The arithmetic of each lot's requirement ("1.240 Geflüchtete ÷ 80 = 15,5 VZÄ; …"). */
  trails: Record<string, string>;
  /** Carrier names at the time of the computation, by organisation id. */
  carrierNames: Record<string, string>;
};

/** One plan as pages, exports and the public summary show it. JSON-safe (ISO strings). */
export type PlanSnapshot = StoredPlan & {
  /** null: computed for display, not stored. */
  id: string | null;
  computedAt: string;
  trigger: PlanTrigger | "live";
  figuresAsOf: string | null;
  computedBy: string | null;
};

export type PlanHistoryEntry = {
  id: string;
  computedAt: string;
  trigger: PlanTrigger;
  figuresAsOf: string | null;
  computedBy: string | null;
  requiredHundredths: number;
  contractedHundredths: number;
};

export type StaffingPlanView = {
  call: { id: string; slug: string; title: string; authority: string; department: string; isDemo: boolean };
  /** The latest stored plan, or one computed now when none is stored; null if none can be. */
  current: PlanSnapshot | null;
  /** The stored plan before the current one. */
  previous: PlanSnapshot | null;
  /** previous → current: which lots need more or fewer FTE. */
  difference: PlanDifference | null;
  /** Why no plan could be computed (e.g. figures of a region missing). */
  problem: Refusal | null;
  /** Every stored plan, newest first. */
  history: PlanHistoryEntry[];
};

export type Contract = { lotId: string; organisationId: string; organisationName: string; awardedHundredths: number };

/**
 * Awarded contracts of a call (Zuschlag erteilt, FTE > 0) with the carrier's name and the FTE
 * agreed (the award's, changed by the contract's accepted amendments, decision 0026), and those
 * of its follow-up calls (decision 0027) under the call's lot of the same region and role:
 * a follow-up's awards join the original's plan.
 */
export async function awardedContracts(callId: string, database: Db = defaultDb()): Promise<Contract[]> {
  const family = await callFamily(callId, database);
  const result: Contract[] = [];
  // Call by call, in the family's order.
  for (const id of family.callIds) {
    for (const c of await awardedDecisionsOf(id, database)) {
      const lotId = family.originalLotOf.get(c.lotId);
      if (lotId) result.push({ ...c, lotId });
    }
  }
  return result;
}

async function awardedDecisionsOf(callId: string, database: Db): Promise<Contract[]> {
  const agreed = await agreedFteByContract(callId, database);
  const rows = await database
    .select({
      lotId: awardDecisions.lotId,
      organisationId: organisations.id,
      organisationName: organisations.name,
      awardedHundredths: awardDecisions.fteAwardedHundredths,
      contractId: contracts.id,
    })
    .from(awardDecisions)
    .innerJoin(lots, eq(lots.id, awardDecisions.lotId))
    .innerJoin(submissions, eq(submissions.id, awardDecisions.submissionId))
    .innerJoin(applications, eq(applications.id, submissions.applicationId))
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .leftJoin(contracts, eq(contracts.awardDecisionId, awardDecisions.id))
    .where(and(eq(lots.callId, callId), eq(awardDecisions.status, "awarded"), gt(awardDecisions.fteAwardedHundredths, 0)));
  return rows.map(({ contractId, ...c }) => ({ ...c, awardedHundredths: (contractId ? agreed.get(contractId)?.fteHundredths : undefined) ?? c.awardedHundredths }));
}

/** New figures recompute the stored plan once the call has awards or a stored plan. */
export async function planShouldFollowFigures(callId: string, database: Db = defaultDb()): Promise<boolean> {
  if ((await awardedContracts(callId, database)).length > 0) return true;
  return Boolean(await first(database.select({ id: staffingPlans.id }).from(staffingPlans).where(eq(staffingPlans.callId, callId)).limit(1)));
}

export async function callViewById(callId: string, database: Db): Promise<CallView> {
  const row = await first(database.select({ slug: calls.slug }).from(calls).where(eq(calls.id, callId)));
  const call = row ? await loadCallView(row.slug, { includeDrafts: true, db: database }) : null;
  if (!call) throw new DomainError("NOT_FOUND", "notFound.call");
  return call;
}

/** The plan from the current rules, figures and contracts; DomainError INVALID if figures are missing. */
async function buildPlan(call: CallView, database: Db, opts: { excludeBatch?: string } = {}): Promise<{ stored: StoredPlan; figuresAsOf: string | null }> {
  const latest = await latestClientFigures(call.id, database, opts);
  const contracts = await awardedContracts(call.id, database);
  try {
    const requirements = requiredFteByLot(call, latest.figuresByRegion);
    const lotIds = new Set(requirements.map((r) => r.lotId));
    const plan = staffingPlan({
      clientsPerFte: call.clientsPerFte,
      staffingRules: call.staffingRules,
      regions: call.regions,
      roles: call.roles,
      lots: requirements,
      // Contracts of a lot cancelled afterwards no longer count (aufgehobenes Los).
      contracts: contracts.filter((c) => lotIds.has(c.lotId)),
      figuresByRegion: latest.figuresByRegion,
      tolerances: { tandemPercentPoints: call.tandemTolerancePercentPoints },
    });
    return {
      stored: {
        version: 1,
        plan,
        trails: Object.fromEntries(requirements.map((r) => [r.lotId, r.trail])),
        carrierNames: Object.fromEntries(contracts.map((c) => [c.organisationId, c.organisationName])),
      },
      figuresAsOf: latest.asOf,
    };
  } catch (error) {
    if (error instanceof StaffingRuleError) throw new DomainError("INVALID", "staffing.refusal.notComputable", { problem: asMessage(error.refusal) });
    throw error;
  }
}

export type ComputeStaffingPlanOptions = { callId: string; trigger: PlanTrigger; userId: string | null; now: Date; db?: Db };

/** Computes the plan and stores it as a new staffing_plans row (history), audited. */
export async function computeStaffingPlan(opts: ComputeStaffingPlanOptions): Promise<PlanSnapshot & { id: string }> {
  const database = opts.db ?? defaultDb();
  const call = await callViewById(opts.callId, database);
  const { stored, figuresAsOf } = await buildPlan(call, database);
  const id = await writeTx(async (tx) => {
    const [row] = await tx
      .insert(staffingPlans)
      .values({
        callId: call.id,
        computedAt: opts.now,
        figuresAsOf: figuresAsOf ? new Date(figuresAsOf) : null,
        trigger: opts.trigger,
        plan: stored,
        computedByUserId: opts.userId,
      })
      .returning({ id: staffingPlans.id });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.userId,
      action: "staffing.plan-computed",
      objectType: "call",
      objectId: call.id,
      details: {
        planId: row.id,
        trigger: opts.trigger,
        figuresAsOf,
        requiredHundredths: stored.plan.city.requiredHundredths,
        contractedHundredths: stored.plan.city.contractedHundredths,
        warnings: stored.plan.warnings.length,
      },
    });
    return row.id;
  }, database);
  const computedBy = opts.userId ? ((await first(database.select({ name: users.name }).from(users).where(eq(users.id, opts.userId))))?.name ?? null) : null;
  return { ...stored, id, computedAt: opts.now.toISOString(), trigger: opts.trigger, figuresAsOf, computedBy };
}

/** The latest stored plan, its predecessor and the difference; computed live when none is stored. */
export async function loadStaffingPlan(callId: string, opts: { db?: Db; now?: Date } = {}): Promise<StaffingPlanView> {
  const database = opts.db ?? defaultDb();
  const call = await callViewById(callId, database);
  const rows = await database
    .select({
      id: staffingPlans.id,
      computedAt: staffingPlans.computedAt,
      figuresAsOf: staffingPlans.figuresAsOf,
      trigger: staffingPlans.trigger,
      plan: staffingPlans.plan,
      computedBy: users.name,
    })
    .from(staffingPlans)
    .leftJoin(users, eq(users.id, staffingPlans.computedByUserId))
    .where(eq(staffingPlans.callId, call.id))
    // Ids are random: rowid (insertion order) breaks ties of plans computed at the same time.
    .orderBy(desc(staffingPlans.computedAt), desc(sql`staffing_plans.rowid`));
  const ordered = rows;
  const snapshot = (r: (typeof rows)[number]): PlanSnapshot => ({
    ...(r.plan as StoredPlan),
    id: r.id,
    computedAt: r.computedAt.toISOString(),
    trigger: r.trigger,
    figuresAsOf: r.figuresAsOf?.toISOString() ?? null,
    computedBy: r.computedBy,
  });
  const history: PlanHistoryEntry[] = ordered.map((r) => {
    const p = (r.plan as StoredPlan).plan;
    return {
      id: r.id,
      computedAt: r.computedAt.toISOString(),
      trigger: r.trigger,
      figuresAsOf: r.figuresAsOf?.toISOString() ?? null,
      computedBy: r.computedBy,
      requiredHundredths: p.city.requiredHundredths,
      contractedHundredths: p.city.contractedHundredths,
    };
  });
  const head = { id: call.id, slug: call.slug, title: call.title, authority: call.authority, department: call.department, isDemo: call.isDemo };
  if (ordered.length > 0) {
    const current = snapshot(ordered[0]);
    const previous = ordered[1] ? snapshot(ordered[1]) : null;
    return { call: head, current, previous, difference: previous ? planDifference(previous.plan, current.plan) : null, problem: null, history };
  }
  try {
    const { stored, figuresAsOf } = await buildPlan(call, database);
    const current: PlanSnapshot = { ...stored, id: null, computedAt: (opts.now ?? new Date()).toISOString(), trigger: "live", figuresAsOf, computedBy: null };
    const { previous, difference } = await livePrevious(call, current, database);
    return { call: head, current, previous, difference, problem: null, history };
  } catch (error) {
    if (error instanceof DomainError && error.code === "INVALID") return { call: head, current: null, previous: null, difference: null, problem: refusalOf(error), history };
    throw error;
  }
}

/**
 * Before anything is stored (no award yet): the plan from the figures as they were before
 * the latest entry, so that the officer still sees which lots new figures change.
 */
async function livePrevious(call: CallView, current: PlanSnapshot, database: Db): Promise<{ previous: PlanSnapshot | null; difference: PlanDifference | null }> {
  const batches = await clientFiguresHistory(call.id, database);
  if (batches.length < 2) return { previous: null, difference: null };
  try {
    const { stored, figuresAsOf } = await buildPlan(call, database, { excludeBatch: batches[0].batchId });
    const previous: PlanSnapshot = { ...stored, id: null, computedAt: batches[1].enteredAt, trigger: "live", figuresAsOf, computedBy: null };
    return { previous, difference: planDifference(previous.plan, current.plan) };
  } catch (error) {
    // The figures before the latest entry were incomplete: nothing to compare with.
    if (error instanceof DomainError && error.code === "INVALID") return { previous: null, difference: null };
    throw error;
  }
}

/** The same view without what only officers see (who computed it, the history), for public pages. */
export function publicStaffingView(view: StaffingPlanView): StaffingPlanView {
  const strip = (s: PlanSnapshot | null): PlanSnapshot | null => (s ? { ...s, computedBy: null } : null);
  return { ...view, current: strip(view.current), previous: null, difference: null, history: [] };
}
