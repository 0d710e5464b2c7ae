// The formal check of exclusion grounds (§§ 123–125 GWB, decision 0019): per ground the
// officer's finding against the carrier's declaration: no ground, the ground applies but the
// self-cleaning (§ 125 GWB) suffices, or exclude. An exclusion on a ground names it. Pure.
import type { GroundFinding } from "../infra/schema";
import { exclusionGrounds, isExclusionGround, type ExclusionDeclaration, type ExclusionGround } from "../submission/declarations";

export type GroundFindingInput = { ground: string; finding: GroundFinding; note: string };
export type RecordedFinding = { ground: string; finding: GroundFinding; note: string; checkedByName: string; checkedAt: Date; seq: number };

export const MAX_FINDING_NOTE_CHARS = 2000;

/** Why a finding cannot be recorded as given, per ground (empty: all can). */
export function findingErrors(entries: GroundFindingInput[]): { ground: string; key: string }[] {
  return entries.flatMap((e) => {
    if (!isExclusionGround(e.ground)) return [{ ground: e.ground, key: "groundCheck.error.unknownGround" }];
    // A ground that applies is a decision the Vergabevermerk must explain.
    if (e.finding !== "none" && !e.note.trim()) return [{ ground: e.ground, key: "groundCheck.error.noteRequired" }];
    if ([...e.note.trim()].length > MAX_FINDING_NOTE_CHARS) return [{ ground: e.ground, key: "check.noteTooLong" }];
    return [];
  });
}

/** The latest recorded finding of each ground. */
export function latestFindings(rows: RecordedFinding[]): Map<string, RecordedFinding> {
  const latest = new Map<string, RecordedFinding>();
  for (const row of rows) {
    const current = latest.get(row.ground);
    if (!current || row.checkedAt.getTime() > current.checkedAt.getTime() || (row.checkedAt.getTime() === current.checkedAt.getTime() && row.seq > current.seq)) {
      latest.set(row.ground, row);
    }
  }
  return latest;
}

/** Only the entries that change a ground: a first finding, or another finding or note. */
export function changedFindings(entries: GroundFindingInput[], rows: RecordedFinding[]): GroundFindingInput[] {
  const latest = latestFindings(rows);
  return entries.filter((e) => {
    const current = latest.get(e.ground);
    return !current || current.finding !== e.finding || current.note !== e.note.trim();
  });
}

/**
 * The finding the form proposes per ground: none where the carrier declared none applies,
 * otherwise nothing (the officer decides on each declared ground).
 */
export function proposedFinding(declaration: ExclusionDeclaration | null, ground: ExclusionGround): GroundFinding | null {
  if (!declaration) return null;
  return declaration.grounds.some((g) => g.ground === ground) ? null : "none";
}

/**
 * The exclusion the findings call for: the grounds found to exclude, in the order of the
 * list, and the reason that names each with its note. Null: no ground excludes.
 */
export function exclusionFromFindings(
  findings: Map<string, Pick<RecordedFinding, "finding" | "note">>,
  groundName: (g: ExclusionGround) => string,
): { ground: ExclusionGround; reason: string } | null {
  const excluding = exclusionGrounds.filter((g) => findings.get(g)?.finding === "exclude");
  if (excluding.length === 0) return null;
  return { ground: excluding[0], reason: excluding.map((g) => `${groundName(g)}. ${findings.get(g)!.note}`).join("\n") };
}
