// Nachsteuerung (decision 0026): when new client figures move a lot's requirement beyond the
// tolerance, the contracts of the lot are changed within the bounds the call reserved for it
// (`adjustmentBoundsPercent`, decision 0022), in ranking order. Pure: no database, no clock.
//
// The rules, stated once:
// - Tolerance: the call's `adjustmentTolerancePercent` (Dresden: 10 %, the plan's key
//   tolerance), measured on the lot: a proposal when |required − contracted| × 100 >
//   tolerance × contracted. At 10 % the region's clients per contracted FTE stay within the
//   key's ± 10 %, which the plan accepts.
// - Bounds: each contract may move by at most ± bounds % of the FTE it was concluded with
//   (the award's FTE, rounded down to hundredths), in total over all its amendments: what
//   the call reserved is a corridor around the concluded contract, not a step per change.
// - Order: more FTE go to the best-ranked contract first (as the allocation did); fewer FTE
//   are taken from the worst-ranked first (the allocation's last FTE go first), so that the
//   better-rated offer keeps its share.
// - The aim is the requirement itself; what the bounds leave is uncovered (more required
//   than contracted after) or surplus (more contracted than required after).
import { refusal, type Refusal } from "../infra/errors";
import { addCalendarDays, berlinDay, calendarDay, endOfBerlinDay } from "../i18n/berlin-time";

export type AdjustableContract = {
  contractId: string;
  number: string;
  organisationId: string;
  /** The award's rank in the lot: lower is better. */
  rank: number;
  /** FTE the contract was concluded with (the award's), hundredths. */
  concludedHundredths: number;
  /** FTE in force now: concluded, changed by accepted amendments. */
  currentHundredths: number;
};

export type AdjustableLot = {
  lotId: string;
  number: number;
  /** Required FTE by the latest figures (requiredFteByLot), hundredths. */
  requiredHundredths: number;
  contracts: AdjustableContract[];
};

export type AdjustmentRules = {
  /** A lot is adjusted when its requirement differs from its contracted FTE by more than this, in % of the contracted FTE. */
  tolerancePercent: number;
  /** ± % of a contract's concluded FTE that changes may reach (the call's contract terms). */
  boundsPercent: number;
};

export type ContractChange = {
  contractId: string;
  number: string;
  organisationId: string;
  rank: number;
  beforeHundredths: number;
  afterHundredths: number;
  /** after − before. */
  changeHundredths: number;
  /** The corridor the bounds allow: concluded ± bound. */
  minHundredths: number;
  maxHundredths: number;
};

export type LotAdjustment = {
  lotId: string;
  number: number;
  requiredHundredths: number;
  contractedHundredths: number;
  /** required − contracted before: positive = more needed. */
  differenceHundredths: number;
  beyondTolerance: boolean;
  /** Every contract of the lot in ranking order, changed or not (empty when within tolerance). */
  changes: ContractChange[];
  contractedAfterHundredths: number;
  /** Required − contracted after the changes, above zero. */
  uncoveredHundredths: number;
  /** Contracted after − required, above zero. */
  surplusHundredths: number;
  /** The arithmetic, as catalogue keys with their numbers. */
  trail: Refusal[];
};

const fte = (hundredths: number) => ({ decimal: hundredths / 100, digits: 2 });

/** The bound of a contract in hundredths: bounds % of its concluded FTE, rounded down (never beyond what was reserved). */
export function boundHundredths(concludedHundredths: number, boundsPercent: number): number {
  return Math.floor((concludedHundredths * boundsPercent) / 100);
}

/** Whether the requirement differs from the contracted FTE by more than the tolerance (exact, on integers). */
export function beyondTolerance(requiredHundredths: number, contractedHundredths: number, tolerancePercent: number): boolean {
  if (contractedHundredths <= 0) return false;
  return Math.abs(requiredHundredths - contractedHundredths) * 100 > tolerancePercent * contractedHundredths;
}

/**
 * The proposal for one lot. A lot without contracts is not adjusted (nothing to change: the
 * follow-up call covers it); a lot within the tolerance gets no changes.
 */
export function adjustLot(lot: AdjustableLot, rules: AdjustmentRules): LotAdjustment {
  const ordered = [...lot.contracts].sort((a, b) => a.rank - b.rank || a.number.localeCompare(b.number));
  const contracted = ordered.reduce((s, c) => s + c.currentHundredths, 0);
  const difference = lot.requiredHundredths - contracted;
  const beyond = beyondTolerance(lot.requiredHundredths, contracted, rules.tolerancePercent);
  const trail: Refusal[] = [
    refusal("adjustment.trail.difference", { required: fte(lot.requiredHundredths), contracted: fte(contracted), difference: fte(Math.abs(difference)), direction: difference >= 0 ? "+" : "−" }),
    refusal("adjustment.trail.tolerance", { tolerance: fte(Math.floor((contracted * rules.tolerancePercent) / 100)), percent: rules.tolerancePercent, verdict: { message: beyond ? "adjustment.trail.beyond" : "adjustment.trail.within" } }),
  ];
  const base = { lotId: lot.lotId, number: lot.number, requiredHundredths: lot.requiredHundredths, contractedHundredths: contracted, differenceHundredths: difference, beyondTolerance: beyond };
  if (!beyond) {
    return { ...base, changes: [], contractedAfterHundredths: contracted, uncoveredHundredths: Math.max(0, difference), surplusHundredths: Math.max(0, -difference), trail };
  }
  const after = new Map(ordered.map((c) => [c.contractId, c.currentHundredths]));
  const corridor = new Map(
    ordered.map((c) => {
      const bound = boundHundredths(c.concludedHundredths, rules.boundsPercent);
      return [c.contractId, { min: Math.max(0, c.concludedHundredths - bound), max: c.concludedHundredths + bound, bound }];
    }),
  );
  let rest = Math.abs(difference);
  const sequence = difference > 0 ? ordered : [...ordered].reverse();
  for (const c of sequence) {
    const { min, max, bound } = corridor.get(c.contractId)!;
    const room = difference > 0 ? Math.max(0, max - c.currentHundredths) : Math.max(0, c.currentHundredths - min);
    const step = Math.min(rest, room);
    rest -= step;
    after.set(c.contractId, c.currentHundredths + (difference > 0 ? step : -step));
    trail.push(
      refusal(difference > 0 ? "adjustment.trail.more" : "adjustment.trail.less", {
        number: c.number,
        rank: c.rank,
        concluded: fte(c.concludedHundredths),
        percent: rules.boundsPercent,
        bound: fte(bound),
        current: fte(c.currentHundredths),
        room: fte(room),
        step: fte(step),
        after: fte(after.get(c.contractId)!),
      }),
    );
  }
  const contractedAfter = [...after.values()].reduce((s, v) => s + v, 0);
  const uncovered = Math.max(0, lot.requiredHundredths - contractedAfter);
  const surplus = Math.max(0, contractedAfter - lot.requiredHundredths);
  trail.push(
    uncovered > 0
      ? refusal("adjustment.trail.uncovered", { required: fte(lot.requiredHundredths), after: fte(contractedAfter), rest: fte(uncovered) })
      : surplus > 0
        ? refusal("adjustment.trail.surplus", { required: fte(lot.requiredHundredths), after: fte(contractedAfter), rest: fte(surplus) })
        : refusal("adjustment.trail.covered", { after: fte(contractedAfter) }),
  );
  const changes: ContractChange[] = ordered.map((c) => ({
    contractId: c.contractId,
    number: c.number,
    organisationId: c.organisationId,
    rank: c.rank,
    beforeHundredths: c.currentHundredths,
    afterHundredths: after.get(c.contractId)!,
    changeHundredths: after.get(c.contractId)! - c.currentHundredths,
    minHundredths: corridor.get(c.contractId)!.min,
    maxHundredths: corridor.get(c.contractId)!.max,
  }));
  return { ...base, changes, contractedAfterHundredths: contractedAfter, uncoveredHundredths: uncovered, surplusHundredths: surplus, trail };
}

/** The proposal for a call: every lot with contracts, in lot order; `changes` of a lot within tolerance are empty. */
export function adjustmentProposal(lots: AdjustableLot[], rules: AdjustmentRules): LotAdjustment[] {
  return lots
    .filter((l) => l.contracts.length > 0)
    .sort((a, b) => a.number - b.number)
    .map((l) => adjustLot(l, rules));
}

/** Whether anything in the proposal changes a contract. */
export function proposesChanges(lots: LotAdjustment[]): boolean {
  return lots.some((l) => l.changes.some((c) => c.changeHundredths !== 0));
}

/** Notice before an amendment takes effect: the carrier needs time to hire or to reduce posts. */
export const AMENDMENT_NOTICE_DAYS = 30;

/** The last day a carrier may answer a change letter: the day before the change takes effect. */
export const answerDeadlineDay = (fromDay: string): string => addCalendarDays(fromDay, -1);

export type AmendmentState = "pending" | "lapsed" | "accepted" | "declined";

/**
 * An amendment as it stands at `now`: a letter still unanswered after the end of its last
 * answer day has lapsed (erloschen): the offer was not accepted, the contract stays as it was
 * and the gap stays, as after a decline.
 */
export function amendmentState(status: "pending" | "accepted" | "declined", fromDay: string, now: Date): AmendmentState {
  if (status !== "pending") return status;
  return now.getTime() > endOfBerlinDay(answerDeadlineDay(fromDay))!.getTime() ? "lapsed" : "pending";
}

/**
 * The day an amendment takes effect: the first day of a calendar month that begins at least
 * AMENDMENT_NOTICE_DAYS days after the approval's Berlin day (approved 20 October → 1 December;
 * 1 October → 1 November). The carrier answers before it.
 */
export function amendmentEffectiveDay(approvedAt: Date): string {
  const earliest = addCalendarDays(berlinDay(approvedAt), AMENDMENT_NOTICE_DAYS);
  const [year, month, day] = earliest.split("-").map(Number);
  if (day === 1) return earliest;
  return month === 12 ? calendarDay(year + 1, 1, 1)! : calendarDay(year, month + 1, 1)!;
}

/**
 * A contract's FTE on a day: the concluded FTE, changed by the accepted amendments in effect
 * by then (the latest from-day on or before the day wins). Days are Berlin calendar days.
 */
export function fteOnDay(concludedHundredths: number, accepted: { from: string; fteHundredths: number }[], day: string): number {
  const inEffect = accepted.filter((a) => a.from <= day).sort((a, b) => a.from.localeCompare(b.from));
  return inEffect.length ? inEffect[inEffect.length - 1].fteHundredths : concludedHundredths;
}
