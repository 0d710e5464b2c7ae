// Interessenkonflikte (§ 6 VgV): what an evaluator declares per carrier before seeing a bid,
// what the officers decide on a declared conflict, and when an evaluator's scores count.
// Pure rules; the use cases are in assessment.server.ts, the access rule in bids.server.ts.
import type { Refusal } from "../infra/errors";

/**
 * The kinds of conflict an evaluator declares: a family or personal tie; employment or a
 * board role at the carrier in the last three years; a financial interest; other (named in
 * the explanation).
 */
export const conflictTypes = ["personal", "employment", "financial", "other"] as const;
export type ConflictType = (typeof conflictTypes)[number];

export const MAX_CONFLICT_NOTE_CHARS = 2000;

export type DeclarationInput = { types: ConflictType[]; note: string };

/**
 * What is wrong with a declaration: a conflict of type "other" needs an explanation; the
 * explanation has a maximum length. No types means "no conflict".
 */
export function declarationProblems(input: DeclarationInput): Refusal[] {
  const problems: Refusal[] = [];
  if (new Set(input.types).size !== input.types.length || input.types.some((t) => !conflictTypes.includes(t))) {
    problems.push({ key: "eval.declare.typesInvalid", field: "types" });
  }
  if (input.types.includes("other") && !input.note.trim()) problems.push({ key: "eval.declare.otherNoteMissing", field: "note" });
  if (input.note.trim().length > MAX_CONFLICT_NOTE_CHARS) problems.push({ key: "eval.declare.noteTooLong", field: "note" });
  return problems;
}

/** The types in the catalogue's order, so that every page and report lists them alike. */
export function orderedTypes(types: readonly string[]): ConflictType[] {
  return conflictTypes.filter((t) => types.includes(t));
}

/** An officer's decision on a declared conflict (Entscheidung der Vergabestelle). */
export const conflictOutcomes = ["exclude", "allow"] as const;
export type ConflictOutcome = (typeof conflictOutcomes)[number];

export function decisionProblems(input: { outcome: ConflictOutcome; reason: string }): Refusal[] {
  // Allowing an evaluator despite a declared conflict must be justified in the file.
  if (input.outcome === "allow" && !input.reason.trim()) return [{ key: "eval.conflictDecision.reasonMissing", field: "reason" }];
  if (input.reason.trim().length > MAX_CONFLICT_NOTE_CHARS) return [{ key: "eval.conflictDecision.reasonTooLong", field: "reason" }];
  return [];
}

export type DeclarationState = { hasConflict: boolean; decision: { outcome: ConflictOutcome } | null };

/**
 * Whether an evaluator may see and score a carrier's bids, by their latest declaration about
 * that carrier: declared without conflict, or a declared conflict the officers allowed. No
 * declaration, an undecided conflict and an exclusion all keep the bids closed.
 */
export function mayEvaluate(declaration: DeclarationState | null | undefined): boolean {
  if (!declaration) return false;
  return !declaration.hasConflict || declaration.decision?.outcome === "allow";
}

/**
 * Whether a final score counts in the ranking and the consensus: the evaluator is not kept
 * out of the carrier's bids by their latest declaration (an undecided or excluded conflict)
 * and certified after finalising it that no conflict arose.
 */
export function scoreCounts(opts: { finalisedAt: Date | null; keptOut: boolean; certifiedAt: Date | null }): boolean {
  if (!opts.finalisedAt || !opts.certifiedAt || opts.keptOut) return false;
  return opts.finalisedAt.getTime() <= opts.certifiedAt.getTime();
}

/** Whether a declaration keeps the evaluator out of the carrier's bids once it exists (scores given before it stop counting). */
export function keepsOut(declaration: DeclarationState | undefined): boolean {
  return declaration !== undefined && !mayEvaluate(declaration);
}

/**
 * Whether an evaluator may certify now (Versicherung nach der Bewertung): at least one bid
 * finalised and none left open or in draft of those they may score; a certification covers
 * the scores finalised until it is given.
 */
export function certificationProblem(bids: { finalised: boolean }[]): Refusal | null {
  if (bids.length === 0 || !bids.some((b) => b.finalised)) return { key: "eval.certify.nothingFinal" };
  const open = bids.filter((b) => !b.finalised).length;
  if (open > 0) return { key: "eval.certify.bidsOpen", params: { count: open } };
  return null;
}
