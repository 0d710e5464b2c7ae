// Personalbemessung: how many full-time posts (VZÄ) each lot needs, from the client figures
// (Fallzahlen) of its region and the call's staffing rules. Pure: no database, no clock.
//
// Rounding rule, stated once: the required FTE of a lot is computed exactly from integers
// (clients × share% ÷ clients per FTE) and rounded once, at the end, to hundredths of an FTE,
// half up (…,xx5 and above rounds up). Intermediate values in the trail are shown unrounded
// (or with "≈" where they do not terminate); they never feed back into the result.
import type { MessageKey } from "../i18n";
import { asMessage, refusal, type Refusal } from "../infra/errors";
import type { CallView } from "../procurement/call-view";
import type { TargetGroup } from "../infra/schema";

/**
 * A rule that cannot be applied to the figures (a missing figure, an invalid rule). A
 * RangeError, as before; its refusal tells the officer what is missing, in their language.
 */
export class StaffingRuleError extends RangeError {
  constructor(readonly refusal: Refusal) {
    super(refusal.key);
    this.name = "StaffingRuleError";
  }
}

/** Client figures of one region per target group (Fallzahlen), whole persons. */
export type ClientFigures = Partial<Record<TargetGroup, number>>;

export type StaffingRule = Pick<
  CallView["staffingRules"][number],
  "roleCode" | "basis" | "clientsPerFte" | "targetGroup" | "sharePercent" | "fixedFte"
>;

export type RequiredFte = {
  /** Required FTE in hundredths (775 = 7,75 VZÄ). */
  hundredths: number;
  /** The arithmetic in German, for the officer and for the file (Vermerk). */
  trail: string;
  basis: StaffingRule["basis"];
  targetGroup: TargetGroup | null;
  /** The client figure the rule used; null for fixed posts. */
  clients: number | null;
};

export type RequiredFteContext = {
  /** Shown at the end of the trail, e.g. "Flüchtlingssozialarbeit"; defaults to the role code. */
  roleName?: string;
  /** The role works in a tandem (tandemWith set): its share is shown as a ratio. */
  tandem?: boolean;
  /** The call's key, used where a rule leaves clientsPerFte empty (as the call PDF does). */
  defaultClientsPerFte?: number;
};

/** How a refusal names each target group (the same words as the trail). */
export const TARGET_GROUP_NAME: Record<TargetGroup, MessageKey> = {
  asylum: "staffing.refusal.group.asylum",
  rightToStay: "staffing.refusal.group.rightToStay",
  vulnerable: "staffing.refusal.group.vulnerable",
};

/** How the trail names each target group. */
export const TARGET_GROUP_LABEL: Record<TargetGroup, string> = {
  asylum: "Geflüchtete",
  rightToStay: "Menschen mit Bleiberecht",
  vulnerable: "besonders schutzbedürftige Geflüchtete",
};

const de = (min: number, max: number) =>
  new Intl.NumberFormat("de-DE", { minimumFractionDigits: min, maximumFractionDigits: max });
const FTE_2 = de(2, 2);
const INT = de(0, 0);

/** Hundredths of FTE as German text with two decimals: 775 → "7,75". */
export function formatFte(hundredths: number): string {
  return FTE_2.format(hundredths / 100);
}

/** A whole number with German grouping: 1240 → "1.240". */
export function formatCount(n: number): string {
  return INT.format(n);
}

/** numerator ÷ denominator rounded to an integer, half up (both non-negative integers). */
export function divideHalfUp(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new RangeError("denominator must be positive");
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** numerator ÷ denominator as German text: exact up to six decimals, else "≈" and four. */
function quotient(numerator: number, denominator: number, minDigits: number): { text: string; exact: boolean } {
  const exact = (numerator * 1_000_000) % denominator === 0;
  const value = numerator / denominator;
  return exact ? { text: de(minDigits, 6).format(value), exact } : { text: de(minDigits, 4).format(value), exact };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Required FTE of one lot under one rule. Fixed-per-region roles give their fixed FTE;
 * key-based roles divide the region's figure of their target group by the key and take
 * their share (50 % each in the 1 : 1 tandem). Throws on a missing or invalid figure:
 * a lot must not silently need 0 FTE because a number was not entered.
 */
export function requiredFte(rule: StaffingRule, figures: ClientFigures, context: RequiredFteContext = {}): RequiredFte {
  const roleName = context.roleName ?? rule.roleCode;
  if (rule.basis === "fixedPerRegion") {
    if (rule.fixedFte === null || !(rule.fixedFte >= 0)) throw new StaffingRuleError(refusal("staffing.refusal.noFixedFte", { role: rule.roleCode }));
    const hundredths = Math.round(rule.fixedFte * 100);
    return {
      hundredths,
      trail: `Festwert je Region: ${formatFte(hundredths)} VZÄ ${roleName}`,
      basis: rule.basis,
      targetGroup: null,
      clients: null,
    };
  }
  const key = rule.clientsPerFte ?? context.defaultClientsPerFte ?? null;
  if (key === null || !Number.isInteger(key) || key <= 0) throw new StaffingRuleError(refusal("staffing.refusal.invalidKey", { role: rule.roleCode }));
  if (rule.targetGroup === null) throw new StaffingRuleError(refusal("staffing.refusal.noTargetGroup", { role: rule.roleCode }));
  const share = rule.sharePercent ?? 100;
  if (!Number.isInteger(share) || share <= 0 || share > 100) throw new StaffingRuleError(refusal("staffing.refusal.invalidShare", { role: rule.roleCode, share }));
  const clients = figures[rule.targetGroup];
  if (clients === undefined) throw new StaffingRuleError(refusal("staffing.refusal.noFigure", { group: { message: TARGET_GROUP_NAME[rule.targetGroup] } }));
  if (!Number.isInteger(clients) || clients < 0) throw new StaffingRuleError(refusal("staffing.refusal.invalidFigure", { count: clients, group: { message: TARGET_GROUP_NAME[rule.targetGroup] } }));

  // Exact: FTE = clients ÷ key × share ÷ 100, so hundredths = clients × share ÷ key.
  const hundredths = divideHalfUp(clients * share, key);

  const head = `${formatCount(clients)} ${TARGET_GROUP_LABEL[rule.targetGroup]} ÷ ${formatCount(key)}`;
  let trail: string;
  if (share === 100) {
    const q = quotient(clients, key, 2);
    trail = (clients * 100) % key === 0
      ? `${head} = ${formatFte(hundredths)} VZÄ ${roleName}`
      : `${head} ${q.exact ? "=" : "≈"} ${q.text} VZÄ, gerundet ${formatFte(hundredths)} VZÄ ${roleName}`;
  } else {
    const whole = quotient(clients, key, 0);
    const part = quotient(clients * share, key * 100, 2);
    const g = gcd(share, 100 - share);
    const shareText = context.tandem ? `Tandem ${share / g} : ${(100 - share) / g}` : `Anteil ${share} %`;
    const result = (clients * share) % key === 0
      ? `${formatFte(hundredths)} VZÄ`
      : `${part.exact ? "" : "≈ "}${part.text} VZÄ, gerundet ${formatFte(hundredths)} VZÄ`;
    trail = `${head} ${whole.exact ? "=" : "≈"} ${whole.text} VZÄ; ${shareText} → ${result} ${roleName}`;
  }
  return { hundredths, trail, basis: rule.basis, targetGroup: rule.targetGroup, clients };
}

export type CallLike = {
  clientsPerFte: number;
  staffingRules: StaffingRule[];
  roles: Pick<CallView["roles"][number], "code" | "name" | "tandemWith">[];
  lots: Pick<CallView["lots"][number], "id" | "number" | "regionCode" | "roleCode" | "cancelled" | "volumeHundredths">[];
};

export type LotRequirement = {
  lotId: string;
  number: number;
  regionCode: string;
  roleCode: string;
  requiredHundredths: number;
  trail: string;
};

/**
 * Required FTE of every lot of a call, in lot-number order, from the figures per region
 * code. Cancelled lots (aufgehobene Lose) are left out: nothing is awarded in them. A lot
 * that states its volume (a follow-up call's, decision 0027) needs that volume, whatever
 * the figures say.
 */
export function requiredFteByLot(call: CallLike, figuresByRegion: Record<string, ClientFigures>): LotRequirement[] {
  return call.lots
    .filter((lot) => !lot.cancelled)
    .sort((a, b) => a.number - b.number)
    .map((lot) => {
      const role = call.roles.find((r) => r.code === lot.roleCode);
      if (lot.volumeHundredths !== undefined) {
        const { id: lotId, number, regionCode, roleCode, volumeHundredths } = lot;
        const trail = `Losvolumen laut Aufruf: ${formatFte(volumeHundredths)} VZÄ ${role?.name ?? roleCode}`;
        return { lotId, number, regionCode, roleCode, requiredHundredths: volumeHundredths, trail };
      }
      const rule = call.staffingRules.find((r) => r.roleCode === lot.roleCode);
      if (!rule) throw new StaffingRuleError(refusal("staffing.refusal.noRule", { lot: lot.number, role: lot.roleCode }));
      const figures = figuresByRegion[lot.regionCode];
      if (!figures && rule.basis === "clientsPerFte") throw new StaffingRuleError(refusal("staffing.refusal.noRegionFigures", { lot: lot.number, region: lot.regionCode }));
      let required: RequiredFte;
      try {
        required = requiredFte(rule, figures ?? {}, {
          roleName: role?.name,
          tandem: Boolean(role?.tandemWith),
          defaultClientsPerFte: call.clientsPerFte,
        });
      } catch (e) {
        // Name the lot and region, so the officer knows which figure is missing.
        if (!(e instanceof StaffingRuleError)) throw e;
        throw new StaffingRuleError(refusal("staffing.refusal.inLot", { lot: lot.number, region: lot.regionCode, problem: asMessage(e.refusal) }));
      }
      return {
        lotId: lot.id,
        number: lot.number,
        regionCode: lot.regionCode,
        roleCode: lot.roleCode,
        requiredHundredths: required.hundredths,
        trail: required.trail,
      };
    });
}
