// The plan over time of a call (Besetzungsverlauf, decisions 0023 and 0025): what
// coverageOverTime (./coverage.ts) needs, read from the database in a handful of queries: the
// call's key, rules, regions, roles and lots; every client figure entered, with its as-of
// day; the call's contracts (one CoverageContract each); the posts of their submitted staff
// reports. The officers' Stellenplan reads it whole (vacancies and mismatches name contracts
// and carriers); the public result page reads the aggregates only (publicCoverageOfCall),
// kept in memory until something it counts changes.
import { publicVersionOfCallId } from "../infra/public-versions.server";
import { coveragePostsOfCall } from "../contracts/staff-reports.server";
import { acceptedAmendmentsOfCall } from "../contracts/amendments-read.server";
import { contractDetailsOfCall, type ContractDetail } from "../contracts/contracts.server";
import { berlinDay, berlinYearMonth } from "../i18n/berlin-time";
import { databaseName, db as defaultDb, type Db } from "../infra/db.server";
import { asMessage, refusal, type Refusal } from "../infra/errors";
import type { CallView } from "../procurement/call-view";
import { callFamily } from "../procurement/call-family.server";
import { coverageOverTime, type Coverage, type CoverageContract, type Month, type MonthFigures } from "./coverage";
import { datedClientFigures } from "./figures-read.server";
import { callViewById } from "./plans.server";
import { StaffingRuleError } from "./required-fte";

/** A contract as the officers' lists of vacancies and mismatches name it. */
export type CoverageContractName = { id: string; number: string; organisationId: string; organisationName: string };

export type CallCoverage =
  | { coverage: Coverage; problem: null; contracts: CoverageContractName[] }
  /** The rules cannot count (a role without a rule, a figure or a date out of range). */
  | { coverage: null; problem: Refusal; contracts: CoverageContractName[] };

const monthOf = (instant: Date): Month => {
  const { year, month } = berlinYearMonth(instant);
  return `${year}-${String(month).padStart(2, "0")}`;
};

/**
 * A contract as the plan over time counts it: its lot, carrier, FTE and term in Berlin days.
 * Its FTE changes only by accepted amendments (Nachsteuerung), which are read elsewhere and
 * passed in; without them the contract counts with the FTE it was concluded with.
 */
export function coverageContract(c: Pick<ContractDetail, "id" | "organisationId" | "fteHundredths" | "startsAt" | "endsAt">, lotId: string, amendments: CoverageContract["amendments"] = []): CoverageContract {
  return { contractId: c.id, lotId, organisationId: c.organisationId, fteHundredths: c.fteHundredths, start: berlinDay(c.startsAt), end: berlinDay(c.endsAt), amendments };
}

/**
 * The plan over time of a call on the Berlin day of `now` (once the term has ended, on its last
 * day): from the month of the service start to the month of the contract end, with the call's
 * vacancy tolerance (its contract terms).
 */
export async function coverageOfCall(opts: { callId: string; now: Date; db?: Db; call?: CallView }): Promise<CallCoverage> {
  const database = opts.db ?? defaultDb();
  const call = opts.call ?? (await callViewById(opts.callId, database));
  // The call's own contracts and those of its follow-up calls (decision 0027), each under the
  // call's lot of the same region and role: a follow-up's awards join the original's plan.
  const family = await callFamily(call.id, database);
  // Read call by call, in the family's order.
  const placed: { detail: ContractDetail; lotId: string | undefined }[] = [];
  const amendments: Awaited<ReturnType<typeof acceptedAmendmentsOfCall>> = [];
  const familyPosts: Awaited<ReturnType<typeof coveragePostsOfCall>> = [];
  for (const id of family.callIds) {
    for (const detail of await contractDetailsOfCall(id, database)) placed.push({ detail, lotId: family.originalLotOf.get(detail.lotId) });
  }
  const details = placed.map((p) => p.detail);
  const cancelled = new Set(call.lots.filter((l) => l.cancelled).map((l) => l.id));
  // Contracts of a lot cancelled afterwards no longer count (aufgehobenes Los), as in the plan.
  // A contract's FTE changes from the day of each accepted amendment (Nachsteuerung, decision 0026).
  for (const id of family.callIds) amendments.push(...(await acceptedAmendmentsOfCall(id, database)));
  for (const id of family.callIds) familyPosts.push(...(await coveragePostsOfCall(id, database)));
  const figures = await datedClientFigures(call.id, database);
  const amendmentsOf = (contractId: string) => amendments.filter((a) => a.contractId === contractId).map(({ from, fteHundredths }) => ({ from, fteHundredths }));
  const counted = placed.flatMap(({ detail, lotId }) => (lotId && !cancelled.has(lotId) ? [coverageContract(detail, lotId, amendmentsOf(detail.id))] : []));
  const countedIds = new Set(counted.map((c) => c.contractId));
  const contracts = details.map((c) => ({ id: c.id, number: c.number, organisationId: c.organisationId, organisationName: c.organisationName }));
  try {
    const coverage = coverageOverTime({
      firstMonth: monthOf(call.dates.serviceStart),
      lastMonth: monthOf(call.dates.contractEnd),
      // After the term, as it stood on its last day: the vacancies and mismatches it ended with, not an empty list.
      asOf: [berlinDay(opts.now), berlinDay(call.dates.contractEnd)].sort()[0],
      clientsPerFte: call.clientsPerFte,
      staffingRules: call.staffingRules,
      regions: call.regions.map((r) => ({ code: r.code, name: r.name })),
      roles: call.roles.map((r) => ({ code: r.code, name: r.name, tandemWith: r.tandemWith, requiresPedagogicalDegree: r.requiresPedagogicalDegree })),
      lots: call.lots.map((l) => ({ lotId: l.id, number: l.number, regionCode: l.regionCode, roleCode: l.roleCode, cancelled: l.cancelled })),
      figures,
      contracts: counted,
      posts: familyPosts.filter((p) => countedIds.has(p.contractId)),
      vacancyToleranceDays: call.contractTerms.vacancyToleranceDays,
    });
    return { coverage, problem: null, contracts };
  } catch (error) {
    if (error instanceof StaffingRuleError) return { coverage: null, problem: refusal("staffing.refusal.notComputable", { problem: asMessage(error.refusal) }), contracts };
    throw error;
  }
}

/**
 * What the public may see of the plan over time: per region and role the required, contracted
 * and filled FTE and refugees per filled FTE. No vacancy or mismatch (they name contracts and
 * carriers) and no vacant or unqualified FTE (in a region with one carrier per role they would
 * point at that carrier's posts).
 */
export function publicCoverage(coverage: Coverage): Coverage {
  const strip = (m: MonthFigures): MonthFigures => ({ ...m, vacantHundredths: null, unqualifiedHundredths: null });
  return {
    ...coverage,
    regions: coverage.regions.map((r) => ({ ...r, months: r.months.map(strip), roles: r.roles.map((role) => ({ ...role, months: role.months.map(strip) })) })),
    vacancies: [],
    mismatches: [],
  };
}

export type PublicCoverage = { coverage: Coverage | null; problem: Refusal | null };

const publicCache = new Map<string, { key: string; value: PublicCoverage }>();

/**
 * The public plan over time, kept in memory per call until the day or the call's public
 * version changes (decision 0030: triggers raise it with every write to the figures,
 * contracts, staff reports, amendments and lots it counts, of the call and its follow-ups):
 * a render of the result page then costs one key lookup instead of the contracts, reports,
 * figures and the counting. The process's memory holds one entry per decided call.
 */
export async function publicCoverageOfCall(opts: { callId: string; now: Date; db?: Db }): Promise<PublicCoverage> {
  const database = opts.db ?? defaultDb();
  // The database file too: tests open several in one process.
  const cacheKey = `${databaseName(database)} ${opts.callId}`;
  const key = `${berlinDay(opts.now)} ${await publicVersionOfCallId(database, opts.callId)}`;
  const cached = publicCache.get(cacheKey);
  if (cached && cached.key === key) return cached.value;
  const { coverage, problem } = await coverageOfCall({ callId: opts.callId, now: opts.now, db: database });
  const value: PublicCoverage = { coverage: coverage ? publicCoverage(coverage) : null, problem };
  publicCache.set(cacheKey, { key, value });
  return value;
}
