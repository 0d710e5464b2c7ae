// Besetzungsverlauf (the plan over time): per region and role, month by month, the FTE the
// client figures require, the FTE contracted with carriers and the FTE their staff reports
// fill; contracted FTE left vacant for longer than the call's tolerance; posts held without
// the degree their role requires; refugees per filled FTE against the key. Pure: no database,
// no clock (the day it is measured on, `asOf`, is passed in). FTE in integer hundredths.
//
// How it counts, stated once (docs/decisions/0023-plan-over-time.md):
// - days are Berlin calendar days "YYYY-MM-DD"; a term, an amendment or a post counts from its
//   first day through its last, both included;
// - a month is measured on one day (Stichtag): its last day, or `asOf` in the month that holds
//   it; what stands on that day counts in full, nothing is averaged over the month. Months
//   after `asOf` have required and contracted FTE (known in advance) but no filled FTE;
// - required FTE uses, per region and target group, the figure with the latest as-of date on
//   or before that day (of two with the same date, the later one: a correction), decision 0006;
// - a post counts only within its contract's term, with the contract's lot and role;
// - vacant: contracted FTE of one contract not covered by its posts on more than
//   `vacancyToleranceDays` days in a row up to the day measured (the first vacant day counts,
//   BGB § 187 (2)); the amount is what stood vacant on every one of those days;
// - a post without the degree its role requires counts as filled and is listed as a mismatch.
import { calendarDay } from "../i18n/berlin-time";
import { refusal, type Refusal } from "../infra/errors";
import type { TargetGroup } from "../infra/schema";
import { DEFAULT_TOLERANCES, clientsPerFteAgainstKey, keyGroups, type KeyStatus } from "./plan";
import { StaffingRuleError, requiredFte, type ClientFigures, type StaffingRule } from "./required-fte";

/** A calendar month, "2017-06". */
export type Month = string;
/** A Berlin calendar day, "2017-06-15". */
export type Day = string;

/** One client figure (Fallzahl) with its as-of date, in the order entered. */
export type DatedFigure = { regionCode: string; targetGroup: TargetGroup; count: number; asOf: Day };

/** A contract of one carrier in one lot; amendments change its FTE from their day on. */
export type CoverageContract = {
  contractId: string;
  lotId: string;
  organisationId: string;
  fteHundredths: number;
  start: Day;
  end: Day;
  amendments: { from: Day; fteHundredths: number }[];
};

/** A post from a carrier's staff report (Stellenbesetzung), with the FTE the report derived from its weekly hours. */
export type ReportedPost = {
  postId: string;
  contractId: string;
  roleCode: string;
  hasDegree: boolean;
  start: Day;
  /** null: open-ended. */
  end: Day | null;
  fteHundredths: number;
};

export type CoverageInput = {
  firstMonth: Month;
  lastMonth: Month;
  /** The day measured on (today, from the server clock): later months have no filled FTE. */
  asOf: Day;
  /** The call's key, for rules that leave theirs empty. */
  clientsPerFte: number;
  staffingRules: StaffingRule[];
  regions: { code: string; name: string }[];
  /** In the call's order. */
  roles: { code: string; name: string; tandemWith: string | null; requiresPedagogicalDegree: boolean }[];
  lots: { lotId: string; number: number; regionCode: string; roleCode: string; cancelled?: boolean }[];
  figures: DatedFigure[];
  contracts: CoverageContract[];
  posts: ReportedPost[];
  /** Days contracted FTE may stand vacant before it counts as a vacancy (the call: 60). */
  vacancyToleranceDays: number;
  /** Allowed deviation of refugees per filled FTE from the key, in percent (plan.ts: 10). */
  keyTolerancePercent?: number;
};

export type MonthFigures = {
  month: Month;
  /** The day the month is measured on. */
  day: Day;
  /** The month begins after `asOf`: filled, vacant and unqualified FTE are not known (null). */
  future: boolean;
  /** null: a figure the rules need has no value on that day. */
  requiredHundredths: number | null;
  contractedHundredths: number;
  filledHundredths: number | null;
  /** Contracted FTE vacant for longer than the tolerance on that day. */
  vacantHundredths: number | null;
  /** Filled FTE held without the degree the role requires. */
  unqualifiedHundredths: number | null;
};

export type RoleCoverage = { roleCode: string; roleName: string; lotIds: string[]; months: MonthFigures[] };

/** Refugees per filled FTE of a key group (the tandem together) in one month. */
export type KeyMonth = {
  month: Month;
  /** null: no figure on that day. */
  clients: number | null;
  filledHundredths: number | null;
  clientsPerFteReached: number | null;
  /** null: not known (no figure, or a future month). */
  status: KeyStatus | null;
};

export type KeyCoverage = { targetGroup: TargetGroup; roleCodes: string[]; keyClientsPerFte: number; months: KeyMonth[] };

export type RegionCoverage = {
  regionCode: string;
  regionName: string;
  roles: RoleCoverage[];
  /** The region's roles added up. */
  months: MonthFigures[];
  keys: KeyCoverage[];
};

/** Where a vacancy or a post lies: its contract, lot, carrier, region and role. */
export type ContractPlace = {
  contractId: string;
  lotId: string;
  lotNumber: number;
  organisationId: string;
  regionCode: string;
  roleCode: string;
};

export type Vacancy = ContractPlace & {
  /** The first day of the vacancy. */
  since: Day;
  /** Days vacant up to and including `asOf`, the first day counted. */
  days: number;
  hundredths: number;
};

export type QualificationMismatch = ContractPlace & {
  postId: string;
  fteHundredths: number;
  /** The first day the post counts (its start, or its contract's). */
  since: Day;
};

export type Coverage = {
  months: Month[];
  asOf: Day;
  vacancyToleranceDays: number;
  keyTolerancePercent: number;
  regions: RegionCoverage[];
  /** On `asOf`, in lot order, then by contract. */
  vacancies: Vacancy[];
  /** On `asOf`, in lot order, then by post. */
  mismatches: QualificationMismatch[];
};

// ---------------------------------------------------------------------------------------
// Days and months as whole numbers.

const MS_PER_DAY = 86_400_000;

/** The day as a number of days since 1970-01-01; null if it is not a calendar day. */
function dayNumber(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m || calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) === null) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

function dayOf(n: number): Day {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The months from first to last, both included; null if either is not a month or last < first. */
export function monthsBetween(first: Month, last: Month): Month[] | null {
  const parse = (m: string) => {
    const x = /^(\d{4})-(\d{2})$/.exec(m);
    return x && Number(x[2]) >= 1 && Number(x[2]) <= 12 ? Number(x[1]) * 12 + Number(x[2]) - 1 : null;
  };
  const a = parse(first);
  const b = parse(last);
  if (a === null || b === null || b < a) return null;
  return Array.from({ length: b - a + 1 }, (_, i) => `${String(Math.floor((a + i) / 12)).padStart(4, "0")}-${String(((a + i) % 12) + 1).padStart(2, "0")}`);
}

/** First and last day of a month as day numbers. */
function monthDays(month: Month): [number, number] {
  const [y, m] = month.split("-").map(Number);
  return [Date.UTC(y, m - 1, 1) / MS_PER_DAY, Date.UTC(y, m, 0) / MS_PER_DAY];
}

// ---------------------------------------------------------------------------------------
// Inputs checked once, dates as numbers.

type Contract = CoverageContract & { from: number; to: number; steps: { from: number; fte: number }[]; lot: CoverageInput["lots"][number] };
type Post = { postId: string; contract: Contract; fte: number; hasDegree: boolean; from: number; to: number; needsDegree: boolean };
type Figure = DatedFigure & { day: number };

const refuse = (r: Refusal) => new StaffingRuleError(r);

function checkedDay(day: string, onError: () => StaffingRuleError): number {
  const n = dayNumber(day);
  if (n === null) throw onError();
  return n;
}

function validFte(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

function contractsOf(input: CoverageInput): Contract[] {
  const lots = new Map(input.lots.filter((l) => !l.cancelled).map((l) => [l.lotId, l]));
  return input.contracts.map((c) => {
    const lot = lots.get(c.lotId);
    if (!lot) throw refuse(refusal("staffing.refusal.contractUnknownLot", { lot: c.lotId }));
    if (!validFte(c.fteHundredths)) throw refuse(refusal("staffing.refusal.contractInvalidFte", { lot: c.lotId }));
    const term = () => refuse(refusal("coverage.refusal.contractTerm", { contract: c.contractId }));
    const from = checkedDay(c.start, term);
    const to = checkedDay(c.end, term);
    if (to < from) throw term();
    // Amendments in date order; of two on the same day, the later one in the list counts.
    const steps = c.amendments
      .map((a, i) => {
        const day = dayNumber(a.from);
        if (day === null || day < from || day > to || !validFte(a.fteHundredths)) throw refuse(refusal("coverage.refusal.amendment", { contract: c.contractId, day: a.from }));
        return { from: day, fte: a.fteHundredths, i };
      })
      .sort((a, b) => a.from - b.from || a.i - b.i);
    return { ...c, from, to, steps, lot };
  });
}

function postsOf(input: CoverageInput, contracts: Map<string, Contract>): Post[] {
  const degree = new Map(input.roles.map((r) => [r.code, r.requiresPedagogicalDegree]));
  return input.posts.map((p) => {
    const contract = contracts.get(p.contractId);
    if (!contract) throw refuse(refusal("coverage.refusal.postUnknownContract", { post: p.postId }));
    if (p.roleCode !== contract.lot.roleCode) throw refuse(refusal("coverage.refusal.postRole", { post: p.postId, role: p.roleCode }));
    const fte = p.fteHundredths;
    // A post is at most one full-time post (decision 0021).
    if (!Number.isInteger(fte) || fte <= 0 || fte > 100) throw refuse(refusal("coverage.refusal.postFte", { post: p.postId }));
    const dates = () => refuse(refusal("coverage.refusal.postDates", { post: p.postId }));
    const start = checkedDay(p.start, dates);
    const end = p.end === null ? Number.POSITIVE_INFINITY : checkedDay(p.end, dates);
    if (end < start) throw dates();
    // Only within the contract's term.
    return { postId: p.postId, contract, fte, hasDegree: p.hasDegree, from: Math.max(start, contract.from), to: Math.min(end, contract.to), needsDegree: degree.get(p.roleCode) === true };
  });
}

function figuresOf(input: CoverageInput): Figure[] {
  return input.figures.map((f) => {
    const day = dayNumber(f.asOf);
    if (day === null || !Number.isInteger(f.count) || f.count < 0) throw refuse(refusal("coverage.refusal.figure", { region: f.regionCode, day: f.asOf }));
    return { ...f, day };
  });
}

// ---------------------------------------------------------------------------------------
// What stands on one day.

/** The contract's FTE on a day: 0 outside its term, else its latest amendment's or its own. */
function contractedOn(c: Contract, day: number): number {
  if (day < c.from || day > c.to) return 0;
  let fte = c.fteHundredths;
  for (const s of c.steps) if (s.from <= day) fte = s.fte;
  return fte;
}

const postOn = (p: Post, day: number) => p.from <= day && day <= p.to;

/** Contracted FTE not covered by the contract's own posts on a day. */
function gapOn(c: Contract, posts: Post[], day: number): number {
  const filled = posts.reduce((sum, p) => sum + (postOn(p, day) ? p.fte : 0), 0);
  return Math.max(0, contractedOn(c, day) - filled);
}

/**
 * The FTE of a contract vacant on more than `tolerance` days in a row up to `day`: what stood
 * vacant on each of the last tolerance + 1 days, and since when at least that much has.
 * `gap` is gapOn for the contract, remembered per day (asked for every month of a long term).
 */
function vacancyOn(c: Contract, gap: (day: number) => number, day: number, tolerance: number): { since: number; hundredths: number } | null {
  if (day - tolerance < c.from) return null;
  let amount = Number.POSITIVE_INFINITY;
  for (let d = day; d >= day - tolerance && amount > 0; d--) amount = Math.min(amount, gap(d));
  if (amount <= 0) return null;
  let since = day - tolerance;
  while (since - 1 >= c.from && gap(since - 1) >= amount) since--;
  return { since, hundredths: amount };
}

/** gapOn of one contract, each day computed once. */
function rememberedGap(c: Contract, posts: Post[]): (day: number) => number {
  const known = new Map<number, number>();
  return (day) => {
    let gap = known.get(day);
    if (gap === undefined) known.set(day, (gap = gapOn(c, posts, day)));
    return gap;
  };
}

/** Per region the figures in force on a day: per target group the latest as-of on or before it. */
function figuresOn(figures: Figure[], day: number): Map<string, ClientFigures> {
  const best = new Map<string, Figure>();
  for (const f of figures) {
    if (f.day > day) continue;
    const key = `${f.regionCode}|${f.targetGroup}`;
    const prior = best.get(key);
    // Input order is entry order: on the same as-of date the later entry is a correction.
    if (!prior || f.day >= prior.day) best.set(key, f);
  }
  const byRegion = new Map<string, ClientFigures>();
  for (const f of best.values()) byRegion.set(f.regionCode, { ...byRegion.get(f.regionCode), [f.targetGroup]: f.count });
  return byRegion;
}

function placeOf(c: Contract): ContractPlace {
  return { contractId: c.contractId, lotId: c.lotId, lotNumber: c.lot.number, organisationId: c.organisationId, regionCode: c.lot.regionCode, roleCode: c.lot.roleCode };
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const sumOrNull = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : sum(xs as number[]));

/** The plan over time for the months from `firstMonth` to `lastMonth`. */
export function coverageOverTime(input: CoverageInput): Coverage {
  const months = monthsBetween(input.firstMonth, input.lastMonth);
  if (!months) throw refuse(refusal("coverage.refusal.period", { first: input.firstMonth, last: input.lastMonth }));
  const asOf = checkedDay(input.asOf, () => refuse(refusal("coverage.refusal.asOf", { day: input.asOf })));
  const tolerance = input.vacancyToleranceDays;
  if (!Number.isInteger(tolerance) || tolerance < 0) throw refuse(refusal("coverage.refusal.tolerance", { days: tolerance }));
  const keyTolerance = input.keyTolerancePercent ?? DEFAULT_TOLERANCES.keyPercent;

  const contracts = contractsOf(input);
  const byId = new Map(contracts.map((c) => [c.contractId, c]));
  const posts = postsOf(input, byId);
  const postsOfContract = new Map(contracts.map((c) => [c.contractId, posts.filter((p) => p.contract === c)]));
  const gapOf = new Map(contracts.map((c) => [c.contractId, rememberedGap(c, postsOfContract.get(c.contractId)!)]));
  const figures = figuresOf(input);
  const rules = new Map(input.staffingRules.map((r) => [r.roleCode, r]));
  const lots = input.lots.filter((l) => !l.cancelled).sort((a, b) => a.number - b.number);
  const groups = keyGroups(input);

  // The day each month is measured on.
  const measured = months.map((month) => {
    const [first, last] = monthDays(month);
    return { month, first, day: first <= asOf && asOf < last ? asOf : last, future: first > asOf };
  });

  const requiredByFigures = new Map<string, number>();
  const requiredOn = (lot: (typeof lots)[number], figuresByRegion: Map<string, ClientFigures>): number | null => {
    const rule = rules.get(lot.roleCode);
    if (!rule) throw refuse(refusal("staffing.refusal.noRule", { lot: lot.number, role: lot.roleCode }));
    const regionFigures = figuresByRegion.get(lot.regionCode) ?? {};
    // Before the first figure of its target group a lot's requirement is not known.
    if (rule.basis === "clientsPerFte" && rule.targetGroup !== null && regionFigures[rule.targetGroup] === undefined) return null;
    // The figures change a few times over a term: each lot's requirement is worked out once per set.
    const key = `${lot.lotId} ${JSON.stringify(regionFigures)}`;
    let required = requiredByFigures.get(key);
    if (required === undefined) requiredByFigures.set(key, (required = requiredFte(rule, regionFigures, { defaultClientsPerFte: input.clientsPerFte }).hundredths));
    return required;
  };

  type LotMonths = { lot: (typeof lots)[number]; months: MonthFigures[] };
  const figuresPerMonth = measured.map((m) => figuresOn(figures, m.day));
  const lotMonths: LotMonths[] = lots.map((lot) => {
    const own = contracts.filter((c) => c.lotId === lot.lotId);
    return {
      lot,
      months: measured.map((m, i): MonthFigures => {
        const ownPosts = own.flatMap((c) => postsOfContract.get(c.contractId)!).filter((p) => postOn(p, m.day));
        return {
          month: m.month,
          day: dayOf(m.day),
          future: m.future,
          requiredHundredths: requiredOn(lot, figuresPerMonth[i]),
          contractedHundredths: sum(own.map((c) => contractedOn(c, m.day))),
          filledHundredths: m.future ? null : sum(ownPosts.map((p) => p.fte)),
          vacantHundredths: m.future ? null : sum(own.map((c) => vacancyOn(c, gapOf.get(c.contractId)!, m.day, tolerance)?.hundredths ?? 0)),
          unqualifiedHundredths: m.future ? null : sum(ownPosts.filter((p) => p.needsDegree && !p.hasDegree).map((p) => p.fte)),
        };
      }),
    };
  });

  const added = (lines: { months: MonthFigures[] }[]): MonthFigures[] =>
    measured.map((m, i) => ({
      month: m.month,
      day: dayOf(m.day),
      future: m.future,
      requiredHundredths: sumOrNull(lines.map((l) => l.months[i].requiredHundredths)),
      contractedHundredths: sum(lines.map((l) => l.months[i].contractedHundredths)),
      filledHundredths: m.future ? null : sumOrNull(lines.map((l) => l.months[i].filledHundredths)),
      vacantHundredths: m.future ? null : sumOrNull(lines.map((l) => l.months[i].vacantHundredths)),
      unqualifiedHundredths: m.future ? null : sumOrNull(lines.map((l) => l.months[i].unqualifiedHundredths)),
    }));

  const regions: RegionCoverage[] = input.regions.map((region) => {
    const own = lotMonths.filter((l) => l.lot.regionCode === region.code);
    const roles: RoleCoverage[] = input.roles
      .filter((role) => own.some((l) => l.lot.roleCode === role.code))
      .map((role) => {
        const lines = own.filter((l) => l.lot.roleCode === role.code);
        return { roleCode: role.code, roleName: role.name, lotIds: lines.map((l) => l.lot.lotId), months: added(lines) };
      });
    const keys: KeyCoverage[] = groups
      .filter((g) => roles.some((r) => g.roleCodes.includes(r.roleCode)))
      .map((g) => ({
        targetGroup: g.targetGroup,
        roleCodes: g.roleCodes,
        keyClientsPerFte: g.key,
        months: measured.map((m, i): KeyMonth => {
          const clients = figuresPerMonth[i].get(region.code)?.[g.targetGroup] ?? null;
          const filled = m.future ? null : sumOrNull(roles.filter((r) => g.roleCodes.includes(r.roleCode)).map((r) => r.months[i].filledHundredths));
          if (clients === null || filled === null) return { month: m.month, clients, filledHundredths: filled, clientsPerFteReached: null, status: null };
          return { month: m.month, clients, filledHundredths: filled, ...clientsPerFteAgainstKey(g, clients, filled, keyTolerance) };
        }),
      }));
    return { regionCode: region.code, regionName: region.name, roles, months: added(roles), keys };
  });

  const lotOrder = new Map(lots.map((l, i) => [l.lotId, i]));
  const inLotOrder = (a: { lotId: string }, b: { lotId: string }) => lotOrder.get(a.lotId)! - lotOrder.get(b.lotId)!;
  const vacancies: Vacancy[] = contracts
    .flatMap((c) => {
      const v = vacancyOn(c, gapOf.get(c.contractId)!, asOf, tolerance);
      return v ? [{ ...placeOf(c), since: dayOf(v.since), days: asOf - v.since + 1, hundredths: v.hundredths }] : [];
    })
    .sort(inLotOrder);
  const mismatches: QualificationMismatch[] = posts
    .filter((p) => p.needsDegree && !p.hasDegree && postOn(p, asOf))
    .map((p) => ({ ...placeOf(p.contract), postId: p.postId, fteHundredths: p.fte, since: dayOf(p.from) }))
    .sort(inLotOrder);

  return { months, asOf: dayOf(asOf), vacancyToleranceDays: tolerance, keyTolerancePercent: keyTolerance, regions, vacancies, mismatches };
}
