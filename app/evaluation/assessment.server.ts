// Bewertung: evaluators are assigned to lots, declare conflicts of interest per carrier
// before they see any bid (typed; officers decide on a declared conflict), score each
// admitted lot bid per criterion with a written justification, and then certify that no
// conflict arose; only then do their scores count. Officers record consensus where
// evaluators differ widely. The results
// per lot (final scores, weighted totals, ranking) follow from app/evaluation/scoring.ts.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { appendAudit, recordAccess, type AccessAction } from "../infra/audit.server";
import { db as defaultDb, first, jsonStrings, rowsOf, writeTx, type Db, type Reader } from "../infra/db.server";
import { DomainError, refusalError, type Refusal } from "../infra/errors";
import {
  calls,
  conflictCertifications,
  conflictDecisions,
  conflictDeclarations,
  consensusScores,
  criteria,
  evaluatorAssignments,
  lots,
  roles,
  scalePoints,
  scores,
  users,
} from "../infra/schema";
import { criteriaOfCall } from "../procurement/criteria.server";
import { criteriaOfRole } from "../procurement/standards";
import { lotsWithNames } from "../procurement/lots.server";
import { admittedBids, assignedLotIds, compareNamesDe, currentDeclarations, DECLARATION_WITH_DECISION, scorableBids, type Declaration, type LotBid } from "./bids.server";
import {
  certificationProblem,
  declarationProblems,
  decisionProblems,
  keepsOut,
  mayEvaluate,
  orderedTypes,
  scoreCounts,
  type ConflictOutcome,
  type ConflictType,
} from "./conflicts";
import { loadOpeningRecord, requireOfficer } from "./opening.server";
import {
  isSpreadRange,
  priceScore,
  scoredCostPerFteCents,
  rankBids,
  weightedTotal,
  type CriterionRule,
  type RankedBid,
} from "./scoring";

export const MIN_EVALUATORS_PER_LOT = 2;
export const MAX_JUSTIFICATION_CHARS = 4000;

// ---------------------------------------------------------------------------------------
// The call's criteria. What there is to evaluate, and who may see which bid: bids.server.ts.

async function callMeta(database: Reader, callId: string) {
  const call = await first(
    database
      .select({
        id: calls.id,
        slug: calls.slug,
        title: calls.title,
        scaleMin: calls.scaleMin,
        scaleMax: calls.scaleMax,
        spreadThreshold: calls.spreadThreshold,
        costRule: calls.costRule,
      })
      .from(calls)
      .where(eq(calls.id, callId)),
  );
  if (!call) throw new DomainError("NOT_FOUND", "notFound.call");
  return call;
}

// ---------------------------------------------------------------------------------------
// Assignment (officers)

export async function assignEvaluator(opts: { officerUserId: string; lotId: string; evaluatorId: string; assign: boolean; now: Date; db?: Db }) {
  await writeTx(async (tx) => {
    const evaluator = await first(tx.select({ role: users.role }).from(users).where(eq(users.id, opts.evaluatorId)));
    if (evaluator?.role !== "evaluator") throw new DomainError("INVALID", "eval.error.notAnEvaluator");
    const lot = await first(tx.select({ callId: lots.callId }).from(lots).where(eq(lots.id, opts.lotId)));
    if (!lot) throw new DomainError("NOT_FOUND", "notFound.lot");
    if (opts.assign) {
      await tx.insert(evaluatorAssignments).values({ lotId: opts.lotId, evaluatorId: opts.evaluatorId, assignedAt: opts.now }).onConflictDoNothing();
    } else {
      const scored = await first(tx.select({ id: scores.id }).from(scores).where(and(eq(scores.lotId, opts.lotId), eq(scores.evaluatorId, opts.evaluatorId))));
      if (scored) throw new DomainError("CONFLICT", "eval.error.alreadyScoring");
      await tx.delete(evaluatorAssignments).where(and(eq(evaluatorAssignments.lotId, opts.lotId), eq(evaluatorAssignments.evaluatorId, opts.evaluatorId)));
    }
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.officerUserId,
      action: opts.assign ? "evaluation.evaluator-assigned" : "evaluation.evaluator-unassigned",
      objectType: "call",
      objectId: lot.callId,
      details: { lotId: opts.lotId, evaluatorId: opts.evaluatorId },
    });
  }, opts.db ?? defaultDb());
}

export async function listEvaluators(database: Reader = defaultDb()) {
  return database.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.role, "evaluator")).orderBy(asc(users.name));
}

/** Per lot of the call: its evaluators, and a warning below the minimum. */
export async function assignmentsOfCall(callId: string, database: Reader = defaultDb()) {
  const lotRows = (await lotsWithNames(database, callId)).map((l) => ({ id: l.lotId, number: l.number, regionName: l.regionName, roleName: l.roleName, roleCode: l.roleCode }));
  // Evaluators in the order of their names, so every page and report lists them alike.
  const assigned = lotRows.length
    ? await database
        .select({ lotId: evaluatorAssignments.lotId, evaluatorId: evaluatorAssignments.evaluatorId })
        .from(evaluatorAssignments)
        .innerJoin(users, eq(users.id, evaluatorAssignments.evaluatorId))
        .where(inArray(evaluatorAssignments.lotId, lotRows.map((l) => l.id)))
        .orderBy(asc(users.name))
    : [];
  return lotRows.map((l) => {
    const evaluatorIds = assigned.filter((a) => a.lotId === l.id).map((a) => a.evaluatorId);
    return { ...l, evaluatorIds, belowMinimum: evaluatorIds.length < MIN_EVALUATORS_PER_LOT };
  });
}

// ---------------------------------------------------------------------------------------
// Conflicts of interest (Interessenkonflikte)

export type EvaluatorOverview = {
  call: { id: string; slug: string; title: string };
  opened: boolean;
  assignedLots: { lotId: string; number: number; regionName: string; roleName: string }[];
  /** Carriers that bid in the assigned lots, with the evaluator's current declaration. */
  carriers: { organisationId: string; organisationName: string; declaration: Declaration | null }[];
  /** Every carrier declared: only then are bids listed. */
  declaredAll: boolean;
  bids: { submissionId: string; lotId: string; lotNumber: number; organisationName: string; scored: number; finalised: boolean }[];
  /** Carriers whose bids stay closed: a conflict awaiting the officers' decision, or excluded. */
  closedCarriers: { organisationId: string; organisationName: string; state: "pending" | "excluded" }[];
  /** The certification that no conflict arose: the latest, whether it covers every final score, and why not yet. */
  certification: { certifiedAt: Date | null; current: boolean; problem: Refusal | null };
};

export async function evaluatorOverview(opts: { evaluatorId: string; callId: string; db?: Db }): Promise<EvaluatorOverview> {
  const database = opts.db ?? defaultDb();
  const call = await callMeta(database, opts.callId);
  const opened = (await loadOpeningRecord(call.id, database)) !== null;
  const assigned = await assignedLotIds(database, call.id, opts.evaluatorId);
  const lotInfo = (await assignmentsOfCall(call.id, database)).filter((l) => assigned.has(l.id));
  const bids = opened ? (await admittedBids(database, call.id)).filter((b) => assigned.has(b.lotId)) : [];
  const declarations = await currentDeclarations(database, call.id, opts.evaluatorId);
  const carriers = [...new Map(bids.map((b) => [b.organisationId, b.organisationName])).entries()]
    .map(([organisationId, organisationName]) => ({ organisationId, organisationName, declaration: declarations.get(organisationId) ?? null }))
    .sort((a, b) => a.organisationName.localeCompare(b.organisationName, "de"));
  const declaredAll = carriers.every((c) => c.declaration !== null);
  const ownScores = await database
    .select({ submissionId: scores.submissionId, lotId: scores.lotId, finalisedAt: scores.finalisedAt })
    .from(scores)
    .where(eq(scores.evaluatorId, opts.evaluatorId));
  const visible = declaredAll ? bids.filter((b) => mayEvaluate(declarations.get(b.organisationId))) : [];
  const listed = visible.map((b) => {
    const mine = ownScores.filter((s) => s.submissionId === b.submissionId && s.lotId === b.lotId);
    return {
      submissionId: b.submissionId,
      lotId: b.lotId,
      lotNumber: b.lot.number,
      organisationName: b.organisationName,
      scored: mine.length,
      finalised: mine.length > 0 && mine.every((s) => s.finalisedAt !== null),
      lastFinalisedAt: Math.max(0, ...mine.map((s) => s.finalisedAt?.getTime() ?? 0)),
    };
  });
  const certifiedAt = (await latestCertifications(database, call.id)).get(opts.evaluatorId) ?? null;
  const problem = certificationProblem(listed);
  return {
    call: { id: call.id, slug: call.slug, title: call.title },
    opened,
    assignedLots: lotInfo.map((l) => ({ lotId: l.id, number: l.number, regionName: l.regionName, roleName: l.roleName })),
    carriers,
    declaredAll,
    bids: listed.map(({ lastFinalisedAt: _, ...b }) => b),
    closedCarriers: carriers
      .filter((c) => c.declaration && !mayEvaluate(c.declaration))
      .map((c) => ({ organisationId: c.organisationId, organisationName: c.organisationName, state: c.declaration?.decision?.outcome === "exclude" ? ("excluded" as const) : ("pending" as const) })),
    certification: {
      certifiedAt,
      // Current: given after the last of the evaluator's scores was finalised.
      current: certifiedAt !== null && problem === null && listed.every((b) => b.lastFinalisedAt <= certifiedAt.getTime()),
      problem,
    },
  };
}

/** The calls in which the evaluator has lots assigned, with those lots' numbers. */
export async function callsOfEvaluator(evaluatorId: string, database: Reader = defaultDb()) {
  const rows = await database
    .select({ id: calls.id, slug: calls.slug, title: calls.title, status: calls.status, lotNumber: lots.number })
    .from(evaluatorAssignments)
    .innerJoin(lots, eq(lots.id, evaluatorAssignments.lotId))
    .innerJoin(calls, eq(calls.id, lots.callId))
    .where(eq(evaluatorAssignments.evaluatorId, evaluatorId))
    .orderBy(asc(calls.submissionDeadline), asc(lots.number));
  const byCall = new Map<string, { slug: string; title: string; status: (typeof rows)[number]["status"]; opened: boolean; lotNumbers: number[] }>();
  for (const r of rows) {
    const entry = byCall.get(r.id) ?? { slug: r.slug, title: r.title, status: r.status, opened: (await loadOpeningRecord(r.id, database)) !== null, lotNumbers: [] };
    entry.lotNumbers.push(r.lotNumber);
    byCall.set(r.id, entry);
  }
  return [...byCall.values()];
}

/**
 * A dated declaration about one carrier, before its bids are shown: no types for "no
 * conflict", else the kinds of conflict (conflicts.ts). A change is a new row, so nothing is
 * withdrawn silently; a declared conflict keeps the bids closed until the officers decide.
 */
export async function declareConflict(opts: {
  evaluatorId: string;
  callId: string;
  organisationId: string;
  types: ConflictType[];
  note: string;
  now: Date;
  db?: Db;
}) {
  await writeTx(async (tx) => {
    const assigned = await assignedLotIds(tx, opts.callId, opts.evaluatorId);
    const bidder = (await admittedBids(tx, opts.callId)).some((b) => assigned.has(b.lotId) && b.organisationId === opts.organisationId);
    if (!bidder) throw new DomainError("NOT_FOUND", "notFound.carrier");
    const [problem] = declarationProblems(opts);
    if (problem) throw refusalError("INVALID", problem);
    const types = orderedTypes(opts.types);
    await tx
      .insert(conflictDeclarations)
      .values({ callId: opts.callId, evaluatorId: opts.evaluatorId, organisationId: opts.organisationId, hasConflict: types.length > 0, types, note: opts.note.trim(), declaredAt: opts.now });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.evaluatorId,
      action: "evaluation.conflict-declared",
      objectType: "call",
      objectId: opts.callId,
      details: { organisationId: opts.organisationId, hasConflict: types.length > 0, types },
    });
  }, opts.db ?? defaultDb());
}

/**
 * The officers' decision on a declared conflict (the evaluator's current declaration about
 * the carrier): exclude the evaluator from the carrier's bids, or allow with a reason.
 */
export async function decideConflict(opts: { officerUserId: string; declarationId: string; outcome: ConflictOutcome; reason: string; now: Date; db?: Db }) {
  await writeTx(async (tx) => {
    await requireOfficer(tx, opts.officerUserId);
    const declaration = await first(
      tx
        .select({ callId: conflictDeclarations.callId, evaluatorId: conflictDeclarations.evaluatorId, organisationId: conflictDeclarations.organisationId })
        .from(conflictDeclarations)
        .where(eq(conflictDeclarations.id, opts.declarationId)),
    );
    if (!declaration) throw new DomainError("NOT_FOUND", "notFound.carrier");
    const current = (await currentDeclarations(tx, declaration.callId, declaration.evaluatorId)).get(declaration.organisationId);
    if (current?.id !== opts.declarationId) throw new DomainError("CONFLICT", "eval.conflictDecision.superseded");
    if (!current.hasConflict) throw new DomainError("CONFLICT", "eval.conflictDecision.noConflict");
    if (current.decision) throw new DomainError("CONFLICT", "eval.conflictDecision.alreadyDecided");
    const [problem] = decisionProblems(opts);
    if (problem) throw refusalError("INVALID", problem);
    await tx
      .insert(conflictDecisions)
      .values({ declarationId: opts.declarationId, outcome: opts.outcome, reason: opts.reason.trim(), decidedByUserId: opts.officerUserId, decidedAt: opts.now });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.officerUserId,
      action: "evaluation.conflict-decided",
      objectType: "call",
      objectId: declaration.callId,
      details: { evaluatorId: declaration.evaluatorId, organisationId: declaration.organisationId, outcome: opts.outcome, reason: opts.reason.trim() },
    });
  }, opts.db ?? defaultDb());
}

/**
 * The evaluator certifies that no conflict of interest arose during the evaluation, once
 * every bid they may score is finalised; it covers the scores finalised until now.
 */
export async function certifyNoConflict(opts: { evaluatorId: string; callId: string; now: Date; db?: Db }) {
  await writeTx(async (tx) => {
    const bids = await scorableBids(tx, opts.callId, opts.evaluatorId);
    if (bids.length === 0) throw new DomainError("NOT_FOUND", "notFound.bid");
    const own = await tx
      .select({ submissionId: scores.submissionId, lotId: scores.lotId, finalisedAt: scores.finalisedAt })
      .from(scores)
      .where(and(eq(scores.evaluatorId, opts.evaluatorId), inArray(scores.submissionId, [...new Set(bids.map((b) => b.submissionId))])));
    const state = bids.map((b) => {
      const mine = own.filter((s) => s.submissionId === b.submissionId && s.lotId === b.lotId);
      return { finalised: mine.length > 0 && mine.every((s) => s.finalisedAt !== null) };
    });
    const problem = certificationProblem(state);
    if (problem) throw refusalError("CONFLICT", problem);
    await tx.insert(conflictCertifications).values({ callId: opts.callId, evaluatorId: opts.evaluatorId, certifiedAt: opts.now });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.evaluatorId,
      action: "evaluation.no-conflict-certified",
      objectType: "call",
      objectId: opts.callId,
      details: { evaluatorId: opts.evaluatorId, bids: bids.length },
    });
  }, opts.db ?? defaultDb());
}

/** Every declaration of the call, history included, with the officers' decision, for the officer and the report. */
export async function declarationsOfCall(callId: string, database: Reader = defaultDb()) {
  // The deciding officer's name by a subquery: a second join of users needs an alias, which
  // drizzle renders for PostgreSQL only from pg-core tables (decision 0041).
  const decidedBy = sql<string | null>`(SELECT "decided_by"."name" FROM "users" "decided_by" WHERE "decided_by"."id" = ${conflictDecisions.decidedByUserId})`;
  const rows = await database
    .select({ ...DECLARATION_WITH_DECISION, evaluatorName: users.name, decidedBy })
    .from(conflictDeclarations)
    .innerJoin(users, eq(users.id, conflictDeclarations.evaluatorId))
    .leftJoin(conflictDecisions, eq(conflictDecisions.declarationId, conflictDeclarations.id))
    .where(eq(conflictDeclarations.callId, callId))
    .orderBy(asc(conflictDeclarations.declaredAt), asc(sql`"conflict_declarations"."rowid"`));
  return rows.map(({ outcome, reason, decidedAt, decidedBy: by, types, ...d }) => ({
    ...d,
    types: orderedTypes(types),
    decision: outcome && decidedAt ? { outcome, reason: reason ?? "", decidedAt, decidedBy: by ?? "" } : null,
  }));
}

/** Every certification of the call, oldest first, with the evaluator's name. */
export async function certificationsOfCall(callId: string, database: Reader = defaultDb()) {
  return database
    .select({ evaluatorId: conflictCertifications.evaluatorId, evaluatorName: users.name, certifiedAt: conflictCertifications.certifiedAt })
    .from(conflictCertifications)
    .innerJoin(users, eq(users.id, conflictCertifications.evaluatorId))
    .where(eq(conflictCertifications.callId, callId))
    .orderBy(asc(conflictCertifications.certifiedAt), asc(sql`"conflict_certifications"."rowid"`));
}

/** Per evaluator of the call: the time of their latest certification. */
async function latestCertifications(database: Reader, callId: string): Promise<Map<string, Date>> {
  const latest = new Map<string, Date>();
  for (const c of await certificationsOfCall(callId, database)) latest.set(c.evaluatorId, c.certifiedAt);
  return latest;
}

// ---------------------------------------------------------------------------------------
// Scoring (evaluators)

/** The bid if this evaluator may see it: assigned lot, declared without conflict, admitted. */
async function bidForEvaluator(database: Reader, evaluatorId: string, submissionId: string, lotId: string) {
  const lot = await first(database.select({ callId: lots.callId, roleCode: roles.code }).from(lots).innerJoin(roles, eq(roles.id, lots.roleId)).where(eq(lots.id, lotId)));
  if (!lot) throw new DomainError("NOT_FOUND", "notFound.bid");
  const bid = (await scorableBids(database, lot.callId, evaluatorId)).find((b) => b.submissionId === submissionId && b.lotId === lotId);
  if (!bid) throw new DomainError("NOT_FOUND", "notFound.bid");
  return { bid, callId: lot.callId, roleCode: lot.roleCode };
}

export type ScoreEntry = { criterionId: string; points: number | null; justification: string };

export async function loadBidForScoring(opts: { evaluatorId: string; submissionId: string; lotId: string; db?: Db }) {
  const database = opts.db ?? defaultDb();
  // Every read and refused read of a bid is in the audit trail.
  const access = (action: AccessAction) =>
    recordAccess(database, {
      actor: { userId: opts.evaluatorId, role: "evaluator" },
      action,
      objectType: "submission",
      objectId: opts.submissionId,
      details: { lotId: opts.lotId },
    });
  let found: Awaited<ReturnType<typeof bidForEvaluator>>;
  try {
    found = await bidForEvaluator(database, opts.evaluatorId, opts.submissionId, opts.lotId);
  } catch (error) {
    if (error instanceof DomainError) await access("submission.content-read-refused");
    throw error;
  }
  await access("submission.content-read");
  const { bid, callId, roleCode } = found;
  const call = await callMeta(database, callId);
  // The lot's role's criteria, each beside the carrier's sections it scores (side by side).
  const crit = criteriaOfRole(await criteriaOfCall(database, callId), roleCode).map((c) => ({
    ...c,
    sections: c.sectionCodes.flatMap((code) => bid.lot.concept.filter((s) => s.code === code)),
  }));
  const all = await database
    .select({ evaluatorId: scores.evaluatorId, evaluatorName: users.name, criterionId: scores.criterionId, points: scores.points, justification: scores.justification, finalisedAt: scores.finalisedAt })
    .from(scores)
    .innerJoin(users, eq(users.id, scores.evaluatorId))
    .where(and(eq(scores.submissionId, opts.submissionId), eq(scores.lotId, opts.lotId)));
  const own = all.filter((s) => s.evaluatorId === opts.evaluatorId);
  const finalised = own.length > 0 && own.every((s) => s.finalisedAt !== null);
  const results = (await lotResults({ callId, db: database })).lots.find((l) => l.lotId === opts.lotId);
  return {
    call: { id: call.id, slug: call.slug, title: call.title, scaleMin: call.scaleMin, scaleMax: call.scaleMax },
    bid,
    criteria: crit,
    own: new Map(own.map((s) => [s.criterionId, s])) as Map<string, (typeof own)[number]>,
    finalised,
    // Others' scores only once one's own are final, so that nobody anchors on a colleague.
    others: finalised ? all.filter((s) => s.evaluatorId !== opts.evaluatorId && s.finalisedAt !== null) : [],
    priceScore: results?.bids.find((b) => b.submissionId === opts.submissionId)?.priceScore ?? null,
    // The cost the price criterion compared (under the call's cost rule).
    scoredCostPerFteCents: results?.bids.find((b) => b.submissionId === opts.submissionId)?.costPerFteCents ?? null,
  };
}

/** A score the form must correct: which criterion, which of its two fields, and why. */
export type ScoreProblem = Refusal & { criterionId: string; field: "points" | "justification" };

/** Saves an evaluator's scores for one bid; `finalise` locks them and needs every justification. */
export async function saveScores(opts: {
  evaluatorId: string;
  submissionId: string;
  lotId: string;
  entries: ScoreEntry[];
  finalise: boolean;
  now: Date;
  db?: Db;
}): Promise<{ problems: ScoreProblem[] }> {
  return writeTx(async (tx) => {
    const { callId, roleCode } = await bidForEvaluator(tx, opts.evaluatorId, opts.submissionId, opts.lotId);
    const call = await callMeta(tx, callId);
    const quality = criteriaOfRole(await criteriaOfCall(tx, callId), roleCode).filter((c) => c.kind === "quality");
    const existing = await tx
      .select({ id: scores.id, criterionId: scores.criterionId, finalisedAt: scores.finalisedAt })
      .from(scores)
      .where(and(eq(scores.submissionId, opts.submissionId), eq(scores.lotId, opts.lotId), eq(scores.evaluatorId, opts.evaluatorId)));
    if (existing.some((s) => s.finalisedAt)) throw new DomainError("CONFLICT", "eval.error.alreadyFinal");
    const problems: ScoreProblem[] = [];
    const byId = new Map(opts.entries.map((e) => [e.criterionId, e]));
    for (const c of quality) {
      const e = byId.get(c.id);
      const points = e?.points ?? null;
      if (points !== null && (!Number.isInteger(points) || points < call.scaleMin || points > call.scaleMax)) {
        problems.push({ criterionId: c.id, key: "eval.error.pointsOutOfScale", field: "points" });
      }
      if ((e?.justification ?? "").length > MAX_JUSTIFICATION_CHARS) problems.push({ criterionId: c.id, key: "eval.error.justificationTooLong", field: "justification" });
      if (opts.finalise) {
        if (points === null) problems.push({ criterionId: c.id, key: "eval.error.pointsMissing", field: "points" });
        if (!e?.justification.trim()) problems.push({ criterionId: c.id, key: "eval.error.justificationMissing", field: "justification" });
      }
    }
    if (problems.length) return { problems };
    for (const c of quality) {
      const e = byId.get(c.id);
      const current = existing.find((s) => s.criterionId === c.id);
      if (!e || e.points === null) {
        if (current) await tx.delete(scores).where(eq(scores.id, current.id));
        continue;
      }
      const values = { points: e.points, justification: e.justification.trim(), updatedAt: opts.now, finalisedAt: opts.finalise ? opts.now : null };
      if (current) await tx.update(scores).set(values).where(eq(scores.id, current.id));
      else await tx.insert(scores).values({ submissionId: opts.submissionId, lotId: opts.lotId, evaluatorId: opts.evaluatorId, criterionId: c.id, ...values });
    }
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.evaluatorId,
      action: opts.finalise ? "evaluation.scores-finalised" : "evaluation.scores-saved",
      objectType: "submission",
      objectId: opts.submissionId,
      details: { lotId: opts.lotId },
    });
    return { problems: [] };
  }, opts.db ?? defaultDb());
}

// ---------------------------------------------------------------------------------------
// Consensus and results (officers)

export async function recordConsensus(opts: {
  officerUserId: string;
  submissionId: string;
  lotId: string;
  criterionId: string;
  points: number;
  reason: string;
  now: Date;
  db?: Db;
}) {
  await writeTx(async (tx) => {
    const lot = await first(tx.select({ callId: lots.callId }).from(lots).where(eq(lots.id, opts.lotId)));
    if (!lot) throw new DomainError("NOT_FOUND", "notFound.lot");
    const call = await callMeta(tx, lot.callId);
    if (!(await admittedBids(tx, lot.callId)).some((b) => b.submissionId === opts.submissionId && b.lotId === opts.lotId)) {
      throw new DomainError("NOT_FOUND", "notFound.bid");
    }
    if (!Number.isInteger(opts.points) || opts.points < call.scaleMin || opts.points > call.scaleMax) {
      throw new DomainError("INVALID", "eval.error.pointsOutOfScale", {}, "points");
    }
    if (!opts.reason.trim()) throw new DomainError("INVALID", "eval.error.consensusReasonMissing", {}, "reason");
    await tx
      .delete(consensusScores)
      .where(and(eq(consensusScores.submissionId, opts.submissionId), eq(consensusScores.lotId, opts.lotId), eq(consensusScores.criterionId, opts.criterionId)));
    await tx
      .insert(consensusScores)
      .values({ submissionId: opts.submissionId, lotId: opts.lotId, criterionId: opts.criterionId, points: opts.points, reason: opts.reason.trim(), recordedByUserId: opts.officerUserId, recordedAt: opts.now });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.officerUserId,
      action: "evaluation.consensus-recorded",
      objectType: "submission",
      objectId: opts.submissionId,
      details: { lotId: opts.lotId, criterionId: opts.criterionId, points: opts.points },
    });
  }, opts.db ?? defaultDb());
}

export type EvaluatorScore = { evaluatorId: string; evaluatorName: string; points: number; justification: string; final: boolean };

export type CriterionResult = {
  criterionId: string;
  /** Final scores that count: finalised and certified, of evaluators who may evaluate the carrier (conflicts.ts, scoreCounts). */
  evaluatorCount: number;
  spread: boolean;
  consensus: { points: number; reason: string } | null;
  final: number | null;
};
export type DetailedCriterionResult = CriterionResult & { evaluatorScores: EvaluatorScore[] };

export type BidResult<C extends CriterionResult = CriterionResult> = {
  submissionId: string;
  organisationId: string;
  organisationName: string;
  receiptNumber: string;
  costPerFteCents: number;
  priceScore: number | null;
  criteria: C[];
  total: number | null;
  rank: number | null;
  tieBrokenBy: string | null;
  openFlags: number;
};

export type LotResult<C extends CriterionResult = CriterionResult> = {
  lotId: string;
  number: number;
  regionName: string;
  roleName: string;
  evaluatorCount: number;
  bids: BidResult<C>[];
};

/** What the rules need of the final scores of one bid and criterion (Zelle). */
type CellStats = { count: number; min: number; max: number; sum: number };

const bidKey = (submissionId: string, lotId: string) => `${submissionId}/${lotId}`;

/** Latest declarations per pair, as "evaluatorId/organisationId". */
async function latestDeclarationPairs(database: Reader, callId: string): Promise<Map<string, Awaited<ReturnType<typeof declarationsOfCall>>[number]>> {
  const latest = new Map<string, Awaited<ReturnType<typeof declarationsOfCall>>[number]>();
  for (const d of await declarationsOfCall(callId, database)) latest.set(`${d.evaluatorId}/${d.organisationId}`, d);
  return latest;
}

/** Pairs whose latest declaration keeps the evaluator out: an undecided or excluded conflict. */
async function conflictedPairs(database: Reader, callId: string): Promise<Set<string>> {
  const conflicts = new Set<string>();
  for (const [key, d] of await latestDeclarationPairs(database, callId)) if (keepsOut(d)) conflicts.add(key);
  return conflicts;
}

/**
 * Results of every lot: final scores, spreads, weighted totals and the ranking. Reads only
 * the aggregates of the final scores that count (count, min, max, sum per bid and criterion),
 * which triggers keep in score_aggregates, one row per bid, on every write that changes them (decision 0033):
 * the ranking needs no single score, and aggregating 144,000 rows per request took 100 ms
 * and more (docs/benchmarks.md, P3). The report and the consensus view use
 * lotResultsDetailed, which adds every score.
 */
export async function lotResults(opts: { callId: string; db?: Db }): Promise<{ criteria: Awaited<ReturnType<typeof criteriaOfCall>>; lots: LotResult[] }> {
  const database = opts.db ?? defaultDb();
  const call = await callMeta(database, opts.callId);
  const bids = await admittedBids(database, call.id);
  const submissionIds = [...new Set(bids.map((b) => b.submissionId))];
  // One row per bid with its criteria as JSON: 3,200 rows for 16 lots × 200 bids.
  const rows = submissionIds.length
    ? await rowsOf<{ submissionId: string; lotId: string; criteria: string }>(
        database,
        sql`
        SELECT submission_id AS "submissionId", lot_id AS "lotId", criteria FROM score_aggregates
        WHERE submission_id IN ${jsonStrings(database, JSON.stringify(submissionIds))}`,
      )
    : [];
  const stats = new Map<string, Map<string, CellStats>>();
  for (const { submissionId, lotId, criteria: criteriaJson } of rows) {
    const cells = JSON.parse(criteriaJson) as [criterionId: string, count: number, min: number, max: number, sum: number][];
    stats.set(bidKey(submissionId, lotId), new Map(cells.map(([criterionId, count, min, max, sum]) => [criterionId, { count, min, max, sum }])));
  }
  return rankLots(database, call, bids, (b) => stats.get(bidKey(b.submissionId, b.lotId)), () => ({}));
}

/** lotResults with every counting score and its justification (Vergabevermerk, consensus view). */
export async function lotResultsDetailed(opts: { callId: string; db?: Db }): Promise<{ criteria: Awaited<ReturnType<typeof criteriaOfCall>>; lots: LotResult<DetailedCriterionResult>[] }> {
  const database = opts.db ?? defaultDb();
  const call = await callMeta(database, opts.callId);
  const bids = await admittedBids(database, call.id);
  const submissionIds = [...new Set(bids.map((b) => b.submissionId))];
  const scoreRows = submissionIds.length
    ? await database
        .select({ submissionId: scores.submissionId, lotId: scores.lotId, evaluatorId: scores.evaluatorId, evaluatorName: users.name, criterionId: scores.criterionId, points: scores.points, justification: scores.justification, finalisedAt: scores.finalisedAt })
        .from(scores)
        .innerJoin(users, eq(users.id, scores.evaluatorId))
        .where(inArray(scores.submissionId, submissionIds))
    : [];
  const conflicts = await conflictedPairs(database, call.id);
  const certified = await latestCertifications(database, call.id);
  const orgOf = new Map(bids.map((b) => [b.submissionId, b.organisationId]));
  // Only final, certified scores count (drafts are the evaluator's own business), and none
  // of an evaluator kept out of the carrier's bids by a conflict. Grouped once by cell.
  const byCell = new Map<string, Map<string, EvaluatorScore[]>>(); // bid → criterion → scores
  for (const s of scoreRows) {
    const keptOut = conflicts.has(`${s.evaluatorId}/${orgOf.get(s.submissionId)}`);
    if (!scoreCounts({ finalisedAt: s.finalisedAt, keptOut, certifiedAt: certified.get(s.evaluatorId) ?? null })) continue;
    const key = bidKey(s.submissionId, s.lotId);
    const entry = { evaluatorId: s.evaluatorId, evaluatorName: s.evaluatorName, points: s.points, justification: s.justification, final: true };
    let perCriterion = byCell.get(key);
    if (!perCriterion) byCell.set(key, (perCriterion = new Map()));
    const list = perCriterion.get(s.criterionId);
    if (list) list.push(entry);
    else perCriterion.set(s.criterionId, [entry]);
  }
  const stats = (b: LotBid): Map<string, CellStats> => {
    const perCriterion = new Map<string, CellStats>();
    for (const [criterionId, given] of byCell.get(bidKey(b.submissionId, b.lotId)) ?? []) {
      const points = given.map((g) => g.points);
      perCriterion.set(criterionId, { count: points.length, min: Math.min(...points), max: Math.max(...points), sum: points.reduce((a, x) => a + x, 0) });
    }
    return perCriterion;
  };
  return rankLots(database, call, bids, stats, (b, criterionId) => ({ evaluatorScores: byCell.get(bidKey(b.submissionId, b.lotId))?.get(criterionId) ?? [] }));
}

async function rankLots<X extends object>(
  database: Reader,
  call: Awaited<ReturnType<typeof callMeta>>,
  bids: LotBid[],
  statsOf: (bid: LotBid) => Map<string, CellStats> | undefined,
  extra: (bid: LotBid, criterionId: string) => X,
): Promise<{ criteria: Awaited<ReturnType<typeof criteriaOfCall>>; lots: LotResult<CriterionResult & X>[] }> {
  const crit = await criteriaOfCall(database, call.id);
  const submissionIds = [...new Set(bids.map((b) => b.submissionId))];
  const consensusRows = submissionIds.length
    ? await database
        .select({ submissionId: consensusScores.submissionId, lotId: consensusScores.lotId, criterionId: consensusScores.criterionId, points: consensusScores.points, reason: consensusScores.reason })
        .from(consensusScores)
        .where(inArray(consensusScores.submissionId, submissionIds))
    : [];
  const consensusByBid = new Map<string, Map<string, (typeof consensusRows)[number]>>();
  for (const r of consensusRows) {
    const key = bidKey(r.submissionId, r.lotId);
    let perCriterion = consensusByBid.get(key);
    if (!perCriterion) consensusByBid.set(key, (perCriterion = new Map()));
    if (!perCriterion.has(r.criterionId)) perCriterion.set(r.criterionId, r);
  }
  const bidsByLot = new Map<string, LotBid[]>();
  for (const b of bids) {
    const list = bidsByLot.get(b.lotId);
    if (list) list.push(b);
    else bidsByLot.set(b.lotId, [b]);
  }
  type Result = BidResult<CriterionResult & X>;
  const lotAssignments = await assignmentsOfCall(call.id, database);
  return {
    criteria: crit,
    lots: lotAssignments.map((lot) => {
      const lotBids = bidsByLot.get(lot.id) ?? [];
      // A lot is scored by its role's criteria only; their weights add up to 100 %.
      const lotCriteria = criteriaOfRole(crit, lot.roleCode);
      const rules: CriterionRule[] = lotCriteria.map((c) => ({ id: c.id, weightPercent: c.weightPercent, kind: c.kind, sortOrder: c.sortOrder }));
      // The cost the price criterion compares follows the call's cost rule (not lower pay).
      const costOf = (b: LotBid) => scoredCostPerFteCents(call.costRule?.kind ?? null, b.lot.costPlan, b.lot.totals.fteHundredths) ?? 0;
      const lowest = Math.min(...lotBids.map(costOf).filter((c) => c > 0));
      const results: Result[] = lotBids.map((b) => {
        const cost = costOf(b);
        const price = cost > 0 && Number.isFinite(lowest) ? priceScore(cost, lowest, call.scaleMax) : null;
        const bidStats = statsOf(b);
        const bidConsensus = consensusByBid.get(bidKey(b.submissionId, b.lotId));
        const criteriaResults = lotCriteria.map((c): CriterionResult & X => {
          const more = extra(b, c.id);
          if (c.kind === "price") {
            return { criterionId: c.id, evaluatorCount: 0, spread: false, consensus: null, final: price, ...more };
          }
          const given = bidStats?.get(c.id);
          const consensus = bidConsensus?.get(c.id);
          return {
            criterionId: c.id,
            evaluatorCount: given?.count ?? 0,
            spread: given ? isSpreadRange(given.min, given.max, given.count, call.spreadThreshold) : false,
            consensus: consensus ? { points: consensus.points, reason: consensus.reason } : null,
            final: consensus ? consensus.points : given && given.count > 0 ? given.sum / given.count : null,
            ...more,
          };
        });
        const openFlags = criteriaResults.filter((r) => r.spread && !r.consensus).length;
        const total = openFlags ? null : weightedTotal(new Map(criteriaResults.map((r) => [r.criterionId, r.final])), rules);
        return {
          submissionId: b.submissionId,
          organisationId: b.organisationId,
          organisationName: b.organisationName,
          receiptNumber: b.receiptNumber,
          costPerFteCents: cost,
          priceScore: price,
          criteria: criteriaResults,
          total,
          rank: null,
          tieBrokenBy: null,
          openFlags,
        };
      });
      const complete = results.filter((r) => r.total !== null);
      const ranked = new Map<string, RankedBid>(
        rankBids(
          complete.map((r) => ({ bidId: r.submissionId, total: r.total!, scores: new Map(r.criteria.map((c) => [c.criterionId, c.final ?? 0])) })),
          rules,
        ).map((r) => [r.bidId, r]),
      );
      for (const r of results) {
        const rank = ranked.get(r.submissionId);
        r.rank = rank?.rank ?? null;
        r.tieBrokenBy = rank?.tieBrokenBy ?? null;
      }
      results.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || compareNamesDe(a.organisationName, b.organisationName));
      return { lotId: lot.id, number: lot.number, regionName: lot.regionName, roleName: lot.roleName, evaluatorCount: lot.evaluatorIds.length, bids: results };
    }),
  };
}

/** Per lot: who has finalised which bid, and what is missing (Bewertungsfortschritt). */
export async function evaluationProgress(callId: string, database: Db = defaultDb()) {
  const bids = await admittedBids(database, callId);
  const assignments = await assignmentsOfCall(callId, database);
  const names = new Map((await listEvaluators(database)).map((e) => [e.id, e.name]));
  const finals = bids.length
    ? await database
        .select({ submissionId: scores.submissionId, lotId: scores.lotId, evaluatorId: scores.evaluatorId, finalisedAt: scores.finalisedAt })
        .from(scores)
        .where(inArray(scores.submissionId, [...new Set(bids.map((b) => b.submissionId))]))
    : [];
  const conflicted = await conflictedPairs(database, callId);
  const certified = await latestCertifications(database, callId);
  return assignments.map((lot) => ({
    lotId: lot.id,
    number: lot.number,
    belowMinimum: lot.belowMinimum,
    evaluators: lot.evaluatorIds.map((id) => ({ id, name: names.get(id) ?? id })),
    bids: bids
      .filter((b) => b.lotId === lot.id)
      .map((b) => ({
        submissionId: b.submissionId,
        organisationName: b.organisationName,
        byEvaluator: lot.evaluatorIds.map((id) => {
          const mine = finals.filter((s) => s.submissionId === b.submissionId && s.lotId === lot.id && s.evaluatorId === id);
          const finalisedAt = Math.max(0, ...mine.map((s) => s.finalisedAt?.getTime() ?? 0));
          const state = conflicted.has(`${id}/${b.organisationId}`)
            ? "conflict"
            : mine.length && mine.every((s) => s.finalisedAt)
              ? finalisedAt <= (certified.get(id)?.getTime() ?? -1)
                ? "final"
                : "uncertified"
              : mine.length
                ? "draft"
                : "open";
          return { evaluatorId: id, state };
        }),
      })),
  }));
}
