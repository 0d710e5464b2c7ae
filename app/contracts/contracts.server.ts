// Verträge (decision 0022): the award of a lot concludes one contract per carrier it awards
// FTE to (concludeContracts, called in the award's own transaction), and the pages read them:
// a carrier only its own organisation's, the city every contract of a call.
import { and, asc, eq, isNull } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, type Db, type Reader, type Tx } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { awardDecisions, calls, contracts, lots, organisations, regions, roles, type CallContractTerms, type ContractPost } from "../infra/schema";
import type { OcdsContractInput } from "../procurement/ocds";
import { openedSubmissionContents } from "../submission/sealed-content.server";
import { awardValue } from "../award/result";
import { contractNumber, reportPeriods, type CostBasis, type ReportPeriod } from "./terms";
import { agreedFteOf, amendmentsOfContracts, type AgreedFte } from "./amendments-read.server";

/**
 * Vertragsschluss: a contract for every awarded decision of the call that has none yet, with
 * the awarded FTE, the posts and cost plan of the awarded bid, the call's term and terms, and
 * the report periods. Idempotent: a lot awarded in an earlier round keeps its contracts, a lot
 * still waiting (complaint) has no awarded decision and gets none. Writes one audit entry when
 * it concludes any. Returns the new contracts' ids.
 */
export async function concludeContracts(
  tx: Tx,
  opts: {
    callId: string;
    officerUserId: string | null;
    now: Date;
    /** Only the decisions decided at this instant: the upgrade step concludes each award round dated by it. */
    decidedAt?: Date;
  },
): Promise<string[]> {
  const call = await first(
    tx
      .select({ id: calls.id, slug: calls.slug, texts: calls.texts, serviceStart: calls.serviceStart, contractEnd: calls.contractEnd, terms: calls.contractTerms })
      .from(calls)
      .where(eq(calls.id, opts.callId)),
  );
  if (!call) throw new DomainError("NOT_FOUND", "notFound.call");
  const pending = (
    await tx
      .select({ decisionId: awardDecisions.id, lotId: awardDecisions.lotId, submissionId: awardDecisions.submissionId, rank: awardDecisions.rank, fte: awardDecisions.fteAwardedHundredths, decidedAt: awardDecisions.decidedAt })
      .from(awardDecisions)
      .innerJoin(lots, eq(lots.id, awardDecisions.lotId))
      .leftJoin(contracts, eq(contracts.awardDecisionId, awardDecisions.id))
      .where(and(eq(lots.callId, call.id), eq(awardDecisions.status, "awarded"), isNull(contracts.id)))
  ).filter((d) => d.fte > 0 && (!opts.decidedAt || d.decidedAt.getTime() === opts.decidedAt.getTime()));
  if (pending.length === 0) return [];
  const bids = await openedSubmissionContents(tx, call.id, [...new Set(pending.map((d) => d.submissionId))]);
  const lotNumbers = new Map((await tx.select({ id: lots.id, number: lots.number }).from(lots).where(eq(lots.callId, call.id))).map((l) => [l.id, l.number]));
  // Ordinals follow the rank among the lot's awarded decisions, so a second call gives the same numbers.
  const awardedInLot = async (lotId: string) =>
    (await tx.select({ id: awardDecisions.id }).from(awardDecisions).where(and(eq(awardDecisions.lotId, lotId), eq(awardDecisions.status, "awarded"))).orderBy(asc(awardDecisions.rank), asc(awardDecisions.id))).map((r) => r.id);
  const periods = reportPeriods(call.serviceStart, call.contractEnd, call.terms.reporting);
  const procedure = call.texts.fileNumber ?? call.slug;
  const created: { contractId: string; number: string; lotId: string; organisationId: string; fteHundredths: number; valuePerYearCents: number }[] = [];
  for (const d of pending) {
    const snapshot = bids.get(d.submissionId);
    const bid = snapshot?.lots.find((l) => l.lotId === d.lotId);
    if (!snapshot || !bid) throw new Error(`award decision ${d.decisionId} names a bid without lot ${d.lotId}`);
    const costBasis: CostBasis = { offeredHundredths: bid.totals.fteHundredths, ...bid.costPlan };
    const posts: ContractPost[] = bid.posts.map((p) => ({ payGroup: p.payGroup, weeklyHoursHundredths: p.weeklyHoursHundredths ?? null, fteHundredths: p.fteHundredths, hasPedagogicalDegree: p.hasPedagogicalDegree }));
    const number = contractNumber(procedure, lotNumbers.get(d.lotId)!, (await awardedInLot(d.lotId)).indexOf(d.decisionId) + 1);
    // The award's own value per year (Auftragswert ÷ term): the same figure the result page prices.
    const value = awardValue(bid, d.fte).perYearCents;
    const [row] = await tx
      .insert(contracts)
      .values({
        number,
        callId: call.id,
        lotId: d.lotId,
        organisationId: snapshot.organisation.id,
        awardDecisionId: d.decisionId,
        submissionId: d.submissionId,
        fteHundredths: d.fte,
        posts,
        startsAt: call.serviceStart,
        endsAt: call.contractEnd,
        valuePerYearCents: value,
        costBasis,
        terms: call.terms,
        reportPeriods: periods,
        concludedAt: opts.now,
        concludedByUserId: opts.officerUserId,
      })
      .returning({ id: contracts.id });
    created.push({ contractId: row.id, number, lotId: d.lotId, organisationId: snapshot.organisation.id, fteHundredths: d.fte, valuePerYearCents: value });
  }
  await appendAudit(tx, {
    at: opts.now,
    actorUserId: opts.officerUserId,
    action: "contracts.concluded",
    objectType: "call",
    objectId: call.id,
    details: { contracts: created },
  });
  return created.map((c) => c.contractId);
}

// ---------------------------------------------------------------------------------------
// Reading

export type ContractSummary = {
  id: string;
  number: string;
  callSlug: string;
  callTitle: string;
  isDemo: boolean;
  lotNumber: number;
  regionName: string;
  roleName: string;
  organisationName: string;
  fteHundredths: number;
  valuePerYearCents: number;
  startsAt: Date;
  endsAt: Date;
  reportingInterval: CallContractTerms["reporting"]["interval"];
  /** FTE agreed: `fteHundredths` (concluded) changed by the accepted amendments (decision 0026). */
  agreedHundredths: number;
  /** The day the latest accepted amendment takes effect; null when none. */
  agreedFrom: string | null;
};

export type ContractDetail = ContractSummary & {
  lotId: string;
  organisationId: string;
  posts: ContractPost[];
  costBasis: CostBasis;
  terms: CallContractTerms;
  reportPeriods: ReportPeriod[];
  concludedAt: Date;
};

const SUMMARY = {
  id: contracts.id,
  number: contracts.number,
  callSlug: calls.slug,
  callTitle: calls.title,
  isDemo: calls.isDemo,
  lotNumber: lots.number,
  regionName: regions.name,
  roleName: roles.name,
  organisationName: organisations.name,
  fteHundredths: contracts.fteHundredths,
  valuePerYearCents: contracts.valuePerYearCents,
  startsAt: contracts.startsAt,
  endsAt: contracts.endsAt,
  terms: contracts.terms,
};

const DETAIL = { ...SUMMARY, lotId: contracts.lotId, organisationId: contracts.organisationId, posts: contracts.posts, costBasis: contracts.costBasis, reportPeriods: contracts.reportPeriods, concludedAt: contracts.concludedAt };

/** Contracts with their call, lot, region, role and carrier. */
function joined(database: Reader) {
  return database
    .select(DETAIL)
    .from(contracts)
    .innerJoin(calls, eq(calls.id, contracts.callId))
    .innerJoin(lots, eq(lots.id, contracts.lotId))
    .innerJoin(regions, eq(regions.id, lots.regionId))
    .innerJoin(roles, eq(roles.id, lots.roleId))
    .innerJoin(organisations, eq(organisations.id, contracts.organisationId));
}

type Row = Awaited<ReturnType<typeof joined>>[number];

/** A list's row: without the posts, cost plan and report periods that only the contract's page shows. */
function toSummary(row: Row, agreed: AgreedFte): ContractSummary {
  const { lotId: _lot, organisationId: _organisation, posts: _posts, costBasis: _cost, reportPeriods: _periods, concludedAt: _concluded, terms, ...summary } = row;
  const change = agreed.get(row.id);
  return { ...summary, reportingInterval: terms.reporting.interval, agreedHundredths: change?.fteHundredths ?? row.fteHundredths, agreedFrom: change?.from ?? null };
}

/** A contract with all it holds, for its own page and the staff reports. */
function toDetail(row: Row, agreed: AgreedFte): ContractDetail {
  return { ...toSummary(row, agreed), lotId: row.lotId, organisationId: row.organisationId, posts: row.posts, costBasis: row.costBasis, terms: row.terms, reportPeriods: row.reportPeriods, concludedAt: row.concludedAt };
}

/** The latest accepted amendment of each of the rows' contracts. */
async function agreedOf(rows: Row[], database: Reader): Promise<AgreedFte> {
  return agreedFteOf(await amendmentsOfContracts(rows.map((r) => r.id), database));
}

const summaries = async (rows: Row[], database: Reader) => {
  const agreed = await agreedOf(rows, database);
  return rows.map((r) => toSummary(r, agreed));
};
const details = async (rows: Row[], database: Reader) => {
  const agreed = await agreedOf(rows, database);
  return rows.map((r) => toDetail(r, agreed));
};

/** The rows of a call's contracts, by lot and number. */
async function rowsOfCall(callId: string, database: Reader): Promise<Row[]> {
  return joined(database).where(eq(contracts.callId, callId)).orderBy(asc(lots.number), asc(contracts.number));
}

/** A carrier's contracts, newest call first, then by lot. */
export async function contractsOfOrganisation(organisationId: string, database: Reader = defaultDb()): Promise<ContractSummary[]> {
  const rows = (await joined(database).where(eq(contracts.organisationId, organisationId))).sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime() || a.callSlug.localeCompare(b.callSlug) || a.lotNumber - b.lotNumber);
  return summaries(rows, database);
}

/** The contracts of a call, by lot and number (the city's list and its CSV). */
export async function contractsOfCall(callId: string, database: Reader = defaultDb()): Promise<ContractSummary[]> {
  return summaries(await rowsOfCall(callId, database), database);
}

/** The contracts of a call with all they hold, by lot and number (the officers' staff reports). */
export async function contractDetailsOfCall(callId: string, database: Reader = defaultDb()): Promise<ContractDetail[]> {
  return details(await rowsOfCall(callId, database), database);
}

/** One contract of the carrier's own organisation; another's, or none, is NOT_FOUND (checked in the query). */
export async function contractOfOrganisation(opts: { organisationId: string; contractId: string; db?: Reader }): Promise<ContractDetail> {
  const row = await first(joined(opts.db ?? defaultDb()).where(and(eq(contracts.id, opts.contractId), eq(contracts.organisationId, opts.organisationId))));
  if (!row) throw new DomainError("NOT_FOUND", "notFound.contract");
  return (await details([row], opts.db ?? defaultDb()))[0];
}

/** One contract of the call, for officers; a contract of another call, or none, is NOT_FOUND. */
export async function contractOfCall(opts: { callId: string; contractId: string; db?: Reader }): Promise<ContractDetail> {
  const row = await first(joined(opts.db ?? defaultDb()).where(and(eq(contracts.id, opts.contractId), eq(contracts.callId, opts.callId))));
  if (!row) throw new DomainError("NOT_FOUND", "notFound.contract");
  return (await details([row], opts.db ?? defaultDb()))[0];
}

/** The contracts of a call as the open data publishes them (app/procurement/ocds.ts, contracts[]). */
export async function openDataContracts(callId: string, database: Reader = defaultDb()): Promise<OcdsContractInput[]> {
  const rows = await rowsOfCall(callId, database);
  const accepted = (await amendmentsOfContracts(rows.map((c) => c.id), database)).filter((a) => a.status === "accepted");
  return rows.map((c) => ({
    number: c.number,
    lotNumber: c.lotNumber,
    organisationId: c.organisationId,
    fteHundredths: c.fteHundredths,
    valuePerYearCents: c.valuePerYearCents,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    concludedAt: c.concludedAt,
    reportPeriods: c.reportPeriods,
    amendments: accepted
      .filter((a) => a.contractId === c.id)
      .map((a, i) => ({ id: `${c.number}-aenderung-${i + 1}`, acceptedAt: a.decidedAt!, fromDay: a.fromDay, beforeHundredths: a.fteBeforeHundredths, afterHundredths: a.fteAfterHundredths, valuePerYearAfterCents: a.valuePerYearAfterCents })),
  }));
}
