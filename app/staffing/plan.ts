// Stellenplan: per region and role, the FTE the figures require against the FTE contracted
// with carriers, the key actually reached, the tandem balance and what needs attention.
// Pure: no database. FTE in integer hundredths; percentages and clients per FTE are shown
// to one decimal, rounded half up, and every comparison is made on the exact values.
//
// Tolerances, stated once (both can be passed in):
// - key: a region's clients per contracted FTE may differ from the key (80) by up to 10 %
//   of the key, i.e. 72–88 at 80; beyond that the region is under- or overstaffed;
// - tandem: the social-work share of a tandem's contracted FTE may differ from its target
//   (50 % in the 1 : 1 tandem) by up to 5 percentage points, i.e. 45–55 %.
// Tandem roles are measured together against the asylum figure (clients × Σ share ÷ FTE of
// both, so 80 at the key); integration advice alone against the right-to-stay figure.
import type { TargetGroup } from "../infra/schema";
import { refusal } from "../infra/errors";
import { StaffingRuleError, TARGET_GROUP_LABEL, TARGET_GROUP_NAME, divideHalfUp, formatCount, formatFte, type ClientFigures, type StaffingRule } from "./required-fte";

export type PlanTolerances = {
  /** Allowed deviation of clients per FTE from the key, in percent of the key. */
  keyPercent: number;
  /** Allowed deviation of a tandem's first-role share from its target, in percentage points. */
  tandemPercentPoints: number;
};

export const DEFAULT_TOLERANCES: PlanTolerances = { keyPercent: 10, tandemPercentPoints: 5 };

export type PlanInput = {
  /** The call's key, for rules that leave theirs empty. */
  clientsPerFte: number;
  staffingRules: StaffingRule[];
  regions: { code: string; name: string }[];
  /** In the call's order; tandemWith pairs two roles. */
  roles: { code: string; name: string; tandemWith: string | null }[];
  /** Required FTE per lot (requiredFteByLot). */
  lots: { lotId: string; number: number; regionCode: string; roleCode: string; requiredHundredths: number }[];
  /** Awarded FTE per lot and carrier (contractsOf of the allocation, or the signed contracts). */
  contracts: { lotId: string; organisationId: string; awardedHundredths: number }[];
  figuresByRegion: Record<string, ClientFigures>;
  tolerances?: Partial<PlanTolerances>;
};

export type LotLine = {
  lotId: string;
  number: number;
  regionCode: string;
  regionName: string;
  roleCode: string;
  roleName: string;
  requiredHundredths: number;
  contractedHundredths: number;
  /** required − contracted: positive = FTE missing, negative = more than required. */
  gapHundredths: number;
  coveragePercent: number | null;
  carriers: { organisationId: string; hundredths: number }[];
};

export type RoleLine = {
  roleCode: string;
  roleName: string;
  lotIds: string[];
  requiredHundredths: number;
  contractedHundredths: number;
  coveragePercent: number | null;
  targetGroup: TargetGroup | null;
  /** clients × share ÷ contracted FTE of this role (80 at the key); null for fixed roles or 0 FTE. */
  clientsPerFteReached: number | null;
};

export type KeyStatus = "ok" | "tooManyClientsPerFte" | "tooFewClientsPerFte" | "noStaff";

export type KeyCheck = {
  targetGroup: TargetGroup;
  roleCodes: string[];
  clients: number;
  keyClientsPerFte: number;
  contractedHundredths: number;
  /** clients × Σ share ÷ contracted FTE of the roles; null without contracted FTE. */
  clientsPerFteReached: number | null;
  /** tooManyClientsPerFte: understaffed (Schlüssel überschritten); tooFew: overstaffed. */
  status: KeyStatus;
};

export type TandemCheck = {
  roleCodes: [string, string];
  contractedHundredths: [number, number];
  targetSharePercent: number;
  /** Share of the first role in the tandem's contracted FTE; null when neither has FTE. */
  actualSharePercent: number | null;
  /** "1 : 0,77" (first role = 1). */
  ratio: string | null;
  status: "ok" | "unbalanced" | "noStaff";
};

export type RegionPlan = {
  regionCode: string;
  regionName: string;
  figures: ClientFigures;
  roles: RoleLine[];
  requiredHundredths: number;
  contractedHundredths: number;
  coveragePercent: number | null;
  keys: KeyCheck[];
  tandems: TandemCheck[];
};

export type PlanWarningKind = "vacancy" | "uncovered" | "tooManyClientsPerFte" | "tooFewClientsPerFte" | "tandemUnbalanced";

export type PlanWarning = { kind: PlanWarningKind; regionCode: string; lotId: string | null; message: string };

export type StaffingPlan = {
  tolerances: PlanTolerances;
  lots: LotLine[];
  regions: RegionPlan[];
  /** The whole city: a region's sums, without region and tandem checks. */
  city: Omit<RegionPlan, "regionCode" | "regionName" | "tandems">;
  carriers: { organisationId: string; contractedHundredths: number; lotIds: string[] }[];
  warnings: PlanWarning[];
};

const ONE_DECIMAL = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const TWO_DECIMALS = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const SIGNED_FTE = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });

/** a ÷ b × 100 to one decimal, half up; null when b is 0. */
function percent(a: number, b: number): number | null {
  return b === 0 ? null : divideHalfUp(a * 1000, b) / 10;
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

export type KeyGroup = { targetGroup: TargetGroup; roleCodes: string[]; shareSum: number; key: number };

/** Key-based rules grouped by target group: the tandem is one group (shares 50 + 50). */
export function keyGroups(input: Pick<PlanInput, "roles" | "staffingRules" | "clientsPerFte">): KeyGroup[] {
  const groups: KeyGroup[] = [];
  for (const role of input.roles) {
    const rule = input.staffingRules.find((r) => r.roleCode === role.code);
    if (!rule || rule.basis !== "clientsPerFte" || rule.targetGroup === null) continue;
    const key = rule.clientsPerFte ?? input.clientsPerFte;
    const share = rule.sharePercent ?? 100;
    const group = groups.find((g) => g.targetGroup === rule.targetGroup);
    if (!group) groups.push({ targetGroup: rule.targetGroup, roleCodes: [role.code], shareSum: share, key });
    else if (group.key !== key) throw new StaffingRuleError(refusal("staffing.refusal.keysDiffer", { group: { message: TARGET_GROUP_NAME[rule.targetGroup] } }));
    else {
      group.roleCodes.push(role.code);
      group.shareSum += share;
    }
  }
  return groups;
}

/**
 * Clients per FTE of a key group against its key: the value to one decimal (half up) and the
 * status, compared exactly. `hundredths`: the FTE measured (contracted here, filled in the plan
 * over time, ./coverage.ts).
 */
export function clientsPerFteAgainstKey(
  group: Pick<KeyGroup, "shareSum" | "key">,
  clients: number,
  hundredths: number,
  tolerancePercent: number,
): { clientsPerFteReached: number | null; status: KeyStatus } {
  // Exact: reached = clients × Σshare ÷ FTE (FTE in hundredths, share in percent).
  const weighted = clients * group.shareSum;
  let status: KeyStatus = "ok";
  if (hundredths === 0) status = clients > 0 ? "noStaff" : "ok";
  else if (weighted * 100 > group.key * (100 + tolerancePercent) * hundredths) status = "tooManyClientsPerFte";
  else if (weighted * 100 < group.key * (100 - tolerancePercent) * hundredths) status = "tooFewClientsPerFte";
  return { clientsPerFteReached: hundredths === 0 ? null : divideHalfUp(weighted * 10, hundredths) / 10, status };
}

function keyCheck(group: KeyGroup, clients: number, contracted: number, tolerance: number): KeyCheck {
  const { clientsPerFteReached, status } = clientsPerFteAgainstKey(group, clients, contracted, tolerance);
  return {
    targetGroup: group.targetGroup,
    roleCodes: group.roleCodes,
    clients,
    keyClientsPerFte: group.key,
    contractedHundredths: contracted,
    clientsPerFteReached,
    status,
  };
}

function clientsOf(figures: ClientFigures | undefined, group: TargetGroup, regionCode: string): number {
  const n = figures?.[group];
  if (n === undefined) throw new StaffingRuleError(refusal("staffing.refusal.noRegionFigure", { region: regionCode, group: { message: TARGET_GROUP_NAME[group] } }));
  return n;
}

/** The Stellenplan of a call from required FTE per lot and the contracts. */
export function staffingPlan(input: PlanInput): StaffingPlan {
  const tolerances: PlanTolerances = { ...DEFAULT_TOLERANCES, ...input.tolerances };
  const regionName = new Map(input.regions.map((r) => [r.code, r.name]));
  const roleName = new Map(input.roles.map((r) => [r.code, r.name]));
  const ruleOf = new Map(input.staffingRules.map((r) => [r.roleCode, r]));
  const lotIds = new Set(input.lots.map((l) => l.lotId));
  for (const c of input.contracts) {
    if (!lotIds.has(c.lotId)) throw new StaffingRuleError(refusal("staffing.refusal.contractUnknownLot", { lot: c.lotId }));
    if (!Number.isInteger(c.awardedHundredths) || c.awardedHundredths < 0) throw new StaffingRuleError(refusal("staffing.refusal.contractInvalidFte", { lot: c.lotId }));
  }
  const groups = keyGroups(input);

  const lots: LotLine[] = [...input.lots]
    .sort((a, b) => a.number - b.number)
    .map((l) => {
      const carriers = new Map<string, number>();
      for (const c of input.contracts.filter((c) => c.lotId === l.lotId && c.awardedHundredths > 0)) {
        carriers.set(c.organisationId, (carriers.get(c.organisationId) ?? 0) + c.awardedHundredths);
      }
      const contracted = sum([...carriers.values()]);
      return {
        lotId: l.lotId,
        number: l.number,
        regionCode: l.regionCode,
        regionName: regionName.get(l.regionCode) ?? l.regionCode,
        roleCode: l.roleCode,
        roleName: roleName.get(l.roleCode) ?? l.roleCode,
        requiredHundredths: l.requiredHundredths,
        contractedHundredths: contracted,
        gapHundredths: l.requiredHundredths - contracted,
        coveragePercent: percent(contracted, l.requiredHundredths),
        carriers: [...carriers].map(([organisationId, hundredths]) => ({ organisationId, hundredths })),
      };
    });

  // One line per role over the given lots; clients per FTE from the given figures.
  const roleLines = (subset: LotLine[], figures: ClientFigures | null): RoleLine[] =>
    input.roles
      .filter((role) => subset.some((l) => l.roleCode === role.code))
      .map((role) => {
        const own = subset.filter((l) => l.roleCode === role.code);
        const required = sum(own.map((l) => l.requiredHundredths));
        const contracted = sum(own.map((l) => l.contractedHundredths));
        const rule = ruleOf.get(role.code);
        const targetGroup = rule?.basis === "clientsPerFte" ? rule.targetGroup : null;
        const clients = targetGroup && figures ? figures[targetGroup] : undefined;
        return {
          roleCode: role.code,
          roleName: role.name,
          lotIds: own.map((l) => l.lotId),
          requiredHundredths: required,
          contractedHundredths: contracted,
          coveragePercent: percent(contracted, required),
          targetGroup,
          clientsPerFteReached:
            clients === undefined || contracted === 0 ? null : divideHalfUp(clients * (rule?.sharePercent ?? 100) * 10, contracted) / 10,
        };
      });

  const warnings: PlanWarning[] = [];
  const cityFigures: ClientFigures = {};

  const regions: RegionPlan[] = input.regions.map((region) => {
    const own = lots.filter((l) => l.regionCode === region.code);
    const figures = input.figuresByRegion[region.code] ?? {};
    for (const g of groups) {
      if (own.some((l) => g.roleCodes.includes(l.roleCode))) {
        cityFigures[g.targetGroup] = (cityFigures[g.targetGroup] ?? 0) + clientsOf(figures, g.targetGroup, region.code);
      }
    }
    for (const l of own) {
      const where = `Los ${l.number} (${region.name}, ${l.roleName})`;
      if (l.requiredHundredths > 0 && l.contractedHundredths === 0) {
        warnings.push({ kind: "vacancy", regionCode: region.code, lotId: l.lotId, message: `${where}: kein Träger, ${formatFte(l.requiredHundredths)} VZÄ unbesetzt` });
      } else if (l.gapHundredths > 0) {
        warnings.push({
          kind: "uncovered",
          regionCode: region.code,
          lotId: l.lotId,
          message: `${where}: ${formatFte(l.gapHundredths)} VZÄ von ${formatFte(l.requiredHundredths)} VZÄ ungedeckt`,
        });
      }
    }

    const keys = groups
      .filter((g) => own.some((l) => g.roleCodes.includes(l.roleCode)))
      .map((g) => {
        const contracted = sum(own.filter((l) => g.roleCodes.includes(l.roleCode)).map((l) => l.contractedHundredths));
        const check = keyCheck(g, clientsOf(figures, g.targetGroup, region.code), contracted, tolerances.keyPercent);
        if (check.status === "tooManyClientsPerFte" || check.status === "tooFewClientsPerFte") {
          const reached = ONE_DECIMAL.format(check.clientsPerFteReached!);
          const consequence = check.status === "tooManyClientsPerFte" ? "zu wenig Personal" : "mehr Personal, als der Schlüssel vorsieht";
          warnings.push({
            kind: check.status,
            regionCode: region.code,
            lotId: null,
            message: `${region.name}, ${TARGET_GROUP_LABEL[g.targetGroup]}: ${reached} je VZÄ statt ${formatCount(g.key)} (Toleranz ± ${formatCount(tolerances.keyPercent)} %) – ${consequence}`,
          });
        }
        return check;
      });

    const tandems: TandemCheck[] = [];
    for (const role of input.roles) {
      const partner = role.tandemWith;
      // Each pair once, in the order the call lists its first role.
      if (!partner || input.roles.findIndex((r) => r.code === partner) < input.roles.findIndex((r) => r.code === role.code)) continue;
      const a = sum(own.filter((l) => l.roleCode === role.code).map((l) => l.contractedHundredths));
      const b = sum(own.filter((l) => l.roleCode === partner).map((l) => l.contractedHundredths));
      const shareA = ruleOf.get(role.code)?.sharePercent ?? 50;
      const shareB = ruleOf.get(partner)?.sharePercent ?? 50;
      const target = (shareA * 100) / (shareA + shareB);
      const actual = a + b === 0 ? null : percent(a, a + b);
      // Exact: |a ÷ (a+b) × 100 − target| > tolerance.
      const unbalanced = a + b > 0 && Math.abs(a * 100 * (shareA + shareB) - shareA * 100 * (a + b)) > tolerances.tandemPercentPoints * (a + b) * (shareA + shareB);
      const check: TandemCheck = {
        roleCodes: [role.code, partner],
        contractedHundredths: [a, b],
        targetSharePercent: target,
        actualSharePercent: actual,
        ratio: a === 0 ? null : `1 : ${TWO_DECIMALS.format(b / a)}`,
        status: a + b === 0 ? "noStaff" : unbalanced ? "unbalanced" : "ok",
      };
      tandems.push(check);
      if (unbalanced) {
        warnings.push({
          kind: "tandemUnbalanced",
          regionCode: region.code,
          lotId: null,
          message: `${region.name}: Tandem ${role.name} : ${roleName.get(partner) ?? partner} ${formatFte(a)} : ${formatFte(b)} VZÄ, Anteil ${role.name} ${ONE_DECIMAL.format(actual!)} % statt ${ONE_DECIMAL.format(target)} % (Toleranz ± ${formatCount(tolerances.tandemPercentPoints)} Prozentpunkte)`,
        });
      }
    }

    const required = sum(own.map((l) => l.requiredHundredths));
    const contracted = sum(own.map((l) => l.contractedHundredths));
    return {
      regionCode: region.code,
      regionName: region.name,
      figures,
      roles: roleLines(own, figures),
      requiredHundredths: required,
      contractedHundredths: contracted,
      coveragePercent: percent(contracted, required),
      keys,
      tandems,
    };
  });

  const required = sum(lots.map((l) => l.requiredHundredths));
  const contracted = sum(lots.map((l) => l.contractedHundredths));
  const cityKeys = groups
    .filter((g) => cityFigures[g.targetGroup] !== undefined)
    .map((g) =>
      keyCheck(g, cityFigures[g.targetGroup]!, sum(lots.filter((l) => g.roleCodes.includes(l.roleCode)).map((l) => l.contractedHundredths)), tolerances.keyPercent),
    );

  const carrierTotals = new Map<string, { contractedHundredths: number; lotIds: string[] }>();
  for (const l of lots) {
    for (const c of l.carriers) {
      const entry = carrierTotals.get(c.organisationId) ?? { contractedHundredths: 0, lotIds: [] };
      entry.contractedHundredths += c.hundredths;
      entry.lotIds.push(l.lotId);
      carrierTotals.set(c.organisationId, entry);
    }
  }

  return {
    tolerances,
    lots,
    regions,
    city: {
      figures: cityFigures,
      roles: roleLines(lots, cityFigures),
      requiredHundredths: required,
      contractedHundredths: contracted,
      coveragePercent: percent(contracted, required),
      keys: cityKeys,
    },
    carriers: [...carrierTotals].map(([organisationId, t]) => ({ organisationId, ...t })),
    warnings,
  };
}

export type LotChange = {
  lotId: string;
  number: number;
  regionCode: string;
  roleCode: string;
  /** null: the lot is not in that plan. */
  requiredBefore: number | null;
  requiredAfter: number | null;
  /** after − before (a missing side counts as 0). */
  deltaRequiredHundredths: number;
  contractedBefore: number | null;
  contractedAfter: number | null;
  deltaContractedHundredths: number;
  /** required − contracted in the new plan: positive = FTE still to contract, negative = surplus. */
  gapAfterHundredths: number;
  direction: "more" | "fewer" | "unchanged" | "added" | "removed";
  message: string;
};

export type PlanDifference = {
  changes: LotChange[];
  /** Σ of increases and of decreases of required FTE, and the net change. */
  moreHundredths: number;
  fewerHundredths: number;
  netHundredths: number;
};

/**
 * Which lots need more or fewer FTE in the new plan than in the previous one, and by how
 * much; e.g. after the figures changed. Lots whose required and contracted FTE both stay
 * the same are left out. In lot-number order.
 */
export function planDifference(previous: StaffingPlan, next: StaffingPlan): PlanDifference {
  const before = new Map(previous.lots.map((l) => [l.lotId, l]));
  const after = new Map(next.lots.map((l) => [l.lotId, l]));
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const changes: LotChange[] = [];
  for (const id of ids) {
    const b = before.get(id);
    const a = after.get(id);
    const line = (a ?? b)!;
    const deltaRequired = (a?.requiredHundredths ?? 0) - (b?.requiredHundredths ?? 0);
    const deltaContracted = (a?.contractedHundredths ?? 0) - (b?.contractedHundredths ?? 0);
    if (a && b && deltaRequired === 0 && deltaContracted === 0) continue;
    const direction: LotChange["direction"] = !b ? "added" : !a ? "removed" : deltaRequired > 0 ? "more" : deltaRequired < 0 ? "fewer" : "unchanged";
    const gap = a ? a.gapHundredths : 0;
    const where = `Los ${line.number} (${line.regionName}, ${line.roleName})`;
    let message: string;
    if (!a) message = `${where}: nicht mehr im Stellenplan (bisher Bedarf ${formatFte(b!.requiredHundredths)} VZÄ)`;
    else {
      const requiredText = !b
        ? `neu, Bedarf ${formatFte(a.requiredHundredths)} VZÄ`
        : deltaRequired === 0
          ? `Bedarf unverändert ${formatFte(a.requiredHundredths)} VZÄ`
          : `Bedarf ${formatFte(b.requiredHundredths)} → ${formatFte(a.requiredHundredths)} VZÄ (${SIGNED_FTE.format(deltaRequired / 100)} VZÄ)`;
      const gapText = gap > 0 ? `${formatFte(gap)} VZÄ fehlen` : gap < 0 ? `${formatFte(-gap)} VZÄ über Bedarf` : "gedeckt";
      message = `${where}: ${requiredText}; vertraglich ${formatFte(a.contractedHundredths)} VZÄ, ${gapText}`;
    }
    changes.push({
      lotId: id,
      number: line.number,
      regionCode: line.regionCode,
      roleCode: line.roleCode,
      requiredBefore: b?.requiredHundredths ?? null,
      requiredAfter: a?.requiredHundredths ?? null,
      deltaRequiredHundredths: deltaRequired,
      contractedBefore: b?.contractedHundredths ?? null,
      contractedAfter: a?.contractedHundredths ?? null,
      deltaContractedHundredths: deltaContracted,
      gapAfterHundredths: gap,
      direction,
      message,
    });
  }
  changes.sort((x, y) => x.number - y.number);
  const more = sum(changes.map((c) => Math.max(0, c.deltaRequiredHundredths)));
  const fewer = sum(changes.map((c) => Math.max(0, -c.deltaRequiredHundredths)));
  return { changes, moreHundredths: more, fewerHundredths: fewer, netHundredths: more - fewer };
}
