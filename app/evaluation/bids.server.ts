// What there is to evaluate, and which of it an evaluator may see: the admitted lot bids of
// an opened call (counting versions, minus exclusions), and of those the ones in an
// evaluator's assigned lots, of carriers they may evaluate (conflicts.ts). The access gate
// (app/submission/access.server.ts) asks evaluatorMayReadFile here; so this module reads the
// sealed bids through sealed-content.server.ts and never imports the gate.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { first, type Reader } from "../infra/db.server";
import { applications, conflictDecisions, conflictDeclarations, evaluatorAssignments, exclusions, lots, storedFiles } from "../infra/schema";
import type { SubmissionSnapshot } from "../submission/snapshot";
import { openedSubmissionContents } from "../submission/sealed-content.server";
import { mayEvaluate, orderedTypes, type ConflictOutcome, type ConflictType } from "./conflicts";
import { countingOfOpening } from "./opening.server";

export type LotBid = {
  submissionId: string;
  organisationId: string;
  organisationName: string;
  receiptNumber: string;
  lotId: string;
  lot: SubmissionSnapshot["lots"][number];
};

/** Carriers' names in German order; one collator, not one per comparison (localeCompare with a locale). */
export const compareNamesDe = new Intl.Collator("de").compare;

/** Admitted lot bids of an opened call: counting versions, not excluded (whole or per lot). */
export async function admittedBids(database: Reader, callId: string): Promise<LotBid[]> {
  const counting = await countingOfOpening(callId, database);
  if (!counting || counting.length === 0) return [];
  const ids = counting.map((e) => e.submissionId);
  const excluded = await database.select({ submissionId: exclusions.submissionId, lotId: exclusions.lotId }).from(exclusions).where(inArray(exclusions.submissionId, ids));
  // Decrypted by sealed-content.server.ts, which refuses before the opening.
  const content = await openedSubmissionContents(database, callId, ids);
  const bids: LotBid[] = [];
  for (const entry of counting) {
    if (excluded.some((x) => x.submissionId === entry.submissionId && x.lotId === null)) continue;
    const snapshot = content.get(entry.submissionId);
    if (!snapshot) continue;
    for (const lot of snapshot.lots) {
      if (excluded.some((x) => x.submissionId === entry.submissionId && x.lotId === lot.lotId)) continue;
      bids.push({
        submissionId: entry.submissionId,
        organisationId: entry.organisationId,
        organisationName: entry.organisationName,
        receiptNumber: entry.receiptNumber,
        lotId: lot.lotId,
        lot,
      });
    }
  }
  return bids.sort((a, b) => a.lot.number - b.lot.number || compareNamesDe(a.organisationName, b.organisationName));
}

// ---------------------------------------------------------------------------------------
// Who sees which bid: assignment and conflicts of interest (Interessenkonflikte)

export type Declaration = {
  id: string;
  organisationId: string;
  hasConflict: boolean;
  types: ConflictType[];
  note: string;
  declaredAt: Date;
  /** The officers' decision on this declaration's conflict, if any. */
  decision: { outcome: ConflictOutcome; reason: string; decidedAt: Date } | null;
};

/** What is read of a declaration and of the officers' decision on it (left-joined). */
export const DECLARATION_WITH_DECISION = {
  id: conflictDeclarations.id,
  evaluatorId: conflictDeclarations.evaluatorId,
  organisationId: conflictDeclarations.organisationId,
  hasConflict: conflictDeclarations.hasConflict,
  types: conflictDeclarations.types,
  note: conflictDeclarations.note,
  declaredAt: conflictDeclarations.declaredAt,
  outcome: conflictDecisions.outcome,
  reason: conflictDecisions.reason,
  decidedAt: conflictDecisions.decidedAt,
};

/** The latest declaration per organisation of one evaluator on a call (older ones stay stored). */
export async function currentDeclarations(database: Reader, callId: string, evaluatorId: string): Promise<Map<string, Declaration>> {
  const rows = await database
    .select(DECLARATION_WITH_DECISION)
    .from(conflictDeclarations)
    .leftJoin(conflictDecisions, eq(conflictDecisions.declarationId, conflictDeclarations.id))
    .where(and(eq(conflictDeclarations.callId, callId), eq(conflictDeclarations.evaluatorId, evaluatorId)))
    // Declarations made in the same millisecond: the later insertion wins (ids are random).
    .orderBy(desc(conflictDeclarations.declaredAt), desc(sql`"conflict_declarations"."rowid"`));
  const latest = new Map<string, Declaration>();
  for (const r of rows) {
    if (!latest.has(r.organisationId)) {
      latest.set(r.organisationId, {
        id: r.id,
        organisationId: r.organisationId,
        hasConflict: r.hasConflict,
        types: orderedTypes(r.types),
        note: r.note,
        declaredAt: r.declaredAt,
        decision: r.outcome && r.decidedAt ? { outcome: r.outcome, reason: r.reason ?? "", decidedAt: r.decidedAt } : null,
      });
    }
  }
  return latest;
}

/** The lots of the call assigned to this evaluator. */
export async function assignedLotIds(database: Reader, callId: string, evaluatorId: string): Promise<Set<string>> {
  const rows = await database
    .select({ lotId: evaluatorAssignments.lotId })
    .from(evaluatorAssignments)
    .innerJoin(lots, eq(lots.id, evaluatorAssignments.lotId))
    .where(and(eq(lots.callId, callId), eq(evaluatorAssignments.evaluatorId, evaluatorId)));
  return new Set(rows.map((r) => r.lotId));
}

/**
 * The lot bids of a call this evaluator may see and score: admitted, in a lot assigned to
 * them, of a carrier they may evaluate by their latest declaration (no conflict, or a conflict
 * the officers allowed: conflicts.ts, mayEvaluate). The one rule
 * behind loadBidForScoring, saveScores and the evaluator's access to a bid's files.
 */
export async function scorableBids(database: Reader, callId: string, evaluatorId: string): Promise<LotBid[]> {
  const assigned = await assignedLotIds(database, callId, evaluatorId);
  if (assigned.size === 0) return [];
  const declarations = await currentDeclarations(database, callId, evaluatorId);
  return (await admittedBids(database, callId)).filter((b) => assigned.has(b.lotId) && mayEvaluate(declarations.get(b.organisationId)));
}

/**
 * Whether an evaluator may read a stored file: only the concept file of a lot bid they may
 * score (scorableBids), nothing else of any carrier (asked by app/submission/access.server.ts).
 */
export async function evaluatorMayReadFile(database: Reader, evaluatorId: string, fileId: string): Promise<boolean> {
  const owner = await first(
    database
      .select({ callId: applications.callId })
      .from(storedFiles)
      .innerJoin(applications, eq(applications.id, storedFiles.applicationId))
      .where(eq(storedFiles.id, fileId)),
  );
  if (!owner) return false;
  return (await scorableBids(database, owner.callId, evaluatorId)).some((b) => b.lot.conceptFile?.id === fileId);
}
