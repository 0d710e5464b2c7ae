// Nachsteuerung (decision 0026): from new client figures to contract amendments.
//
//   adjustmentView      the proposal the latest figures call for (computed live), the open
//                       proposal, the approved ones with the state of each change letter
//   proposeAdjustment   officer A stores the proposal (a newer one supersedes an open one)
//   approveAdjustment   officer B (not A: four eyes) approves; one change letter per contract
//                       it changes (PDF stored, notice row, mail to the carrier's members)
//   acceptAmendment /   the carrier answers in Textform, for its own contracts only;
//   declineAmendment    an accepted change recomputes the Stellenplan
//
// The rules are pure (./adjustment.ts). Every change is one writeTx with its audit entry.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db, type Reader } from "../infra/db.server";
import { asMessage, DomainError, refusalOf, type Refusal } from "../infra/errors";
import { berlinDay, startOfBerlinDay } from "../i18n/berlin-time";
import { translator } from "../i18n";
import { awardDecisions, contractAdjustments, contractAmendments, contracts, lots, organisations, users } from "../infra/schema";
import { loadCallView } from "../procurement/calls.server";
import { requireOfficer } from "../evaluation/opening.server";
import { awardValue } from "../award/result";
import { callRow, lotLabel } from "../award/records.server";
import { contractAmendmentDocument } from "../award/letters";
import { deliverNotices, insertNotices, letterInput, type NoticeToSend, type SendOptions } from "../award/notices.server";
import { clientFiguresHistory, latestClientFigures } from "../staffing/figures-read.server";
import { requiredFteByLot, StaffingRuleError } from "../staffing/required-fte";
import { computeStaffingPlan, planShouldFollowFigures } from "../staffing/plans.server";
import type { CarrierActor } from "../submission/applications.server";
import { AMENDMENT_NOTICE_DAYS, adjustmentProposal, amendmentEffectiveDay, amendmentState, answerDeadlineDay, proposesChanges, type AdjustableLot, type AmendmentState, type LotAdjustment } from "./adjustment";
import { agreedFteByContract, agreedFteOf, amendmentsOfContracts, type AmendmentRecord } from "./amendments-read.server";
import type { CostBasis } from "./terms";

/** A lot of a proposal with what the page and the letters name it by. */
export type ProposedLot = LotAdjustment & { label: string; carrierNames: Record<string, string> };

export type LiveProposal = {
  figuresBatch: string;
  figuresAsOf: string;
  lots: ProposedLot[];
  tolerancePercent: number;
  boundsPercent: number;
  /** The day the changes would take effect if approved now. */
  effectiveIfApprovedNow: string;
  hasChanges: boolean;
  /** Lots held back: a change letter of one of their contracts still awaits its answer. */
  awaiting: { lotId: string; label: string }[];
};

type ContractFacts = {
  id: string;
  number: string;
  lotId: string;
  organisationId: string;
  organisationName: string;
  rank: number;
  concludedHundredths: number;
  costBasis: CostBasis;
  boundsPercent: number;
  startsAt: Date;
  endsAt: Date;
};

async function contractFacts(database: Reader, callId: string): Promise<ContractFacts[]> {
  return (
    await database
      .select({
        id: contracts.id,
        number: contracts.number,
        lotId: contracts.lotId,
        organisationId: contracts.organisationId,
        organisationName: organisations.name,
        rank: awardDecisions.rank,
        concludedHundredths: contracts.fteHundredths,
        costBasis: contracts.costBasis,
        terms: contracts.terms,
        startsAt: contracts.startsAt,
        endsAt: contracts.endsAt,
      })
      .from(contracts)
      .innerJoin(awardDecisions, eq(awardDecisions.id, contracts.awardDecisionId))
      .innerJoin(organisations, eq(organisations.id, contracts.organisationId))
      .where(eq(contracts.callId, callId))
      .orderBy(asc(awardDecisions.rank), asc(contracts.number))
  ).map(({ terms, ...c }) => ({ ...c, boundsPercent: terms.adjustmentBoundsPercent }));
}

/** A contract's value per year at other FTE: the award's formula on the contract's cost plan (decision 0022). */
export function valuePerYearAt(costBasis: CostBasis, fteHundredths: number): number {
  return awardValue({ costPlan: costBasis, totals: { fteHundredths: costBasis.offeredHundredths, termMonths: 12 } }, fteHundredths).perYearCents;
}

/**
 * The proposal the latest client figures call for, computed now. INVALID when figures are
 * missing (the staffing rule's refusal says which), CONFLICT when the call has no contracts.
 */
export async function liveProposal(callId: string, now: Date, database: Db = defaultDb()): Promise<LiveProposal> {
  // Contracts first: a call without (a draft too) has nothing to adjust.
  const facts = await contractFacts(database, callId);
  if (facts.length === 0) throw new DomainError("CONFLICT", "adjustment.refusal.noContracts");
  const call = await callRow(database, callId);
  const view = (await loadCallView(call.slug, { includeDrafts: true, db: database }))!;
  const latest = await latestClientFigures(call.id, database);
  const batch = (await clientFiguresHistory(call.id, database))[0];
  if (!latest.asOf || !batch) throw new DomainError("CONFLICT", "adjustment.noFigures");
  let requirements;
  try {
    requirements = requiredFteByLot(view, latest.figuresByRegion);
  } catch (error) {
    if (error instanceof StaffingRuleError) throw new DomainError("INVALID", "staffing.refusal.notComputable", { problem: asMessage(error.refusal) });
    throw error;
  }
  const amendments = await amendmentsOfContracts(facts.map((c) => c.id), database);
  const agreed = agreedFteOf(amendments);
  const boundsPercent = facts[0].boundsPercent;
  const tolerancePercent = view.contractTerms.adjustmentTolerancePercent;
  // A lot whose letters still await answers is held back until they are in: a second letter
  // to the same contract would count on an FTE nobody knows yet (decision 0026).
  const lotOfContract = new Map(facts.map((c) => [c.id, c.lotId]));
  const open = new Set(amendments.filter((a) => amendmentState(a.status, a.fromDay, now) === "pending").map((a) => lotOfContract.get(a.contractId)!));
  const input: AdjustableLot[] = requirements.filter((r) => !open.has(r.lotId)).map((r) => ({
    lotId: r.lotId,
    number: r.number,
    requiredHundredths: r.requiredHundredths,
    contracts: facts
      .filter((c) => c.lotId === r.lotId)
      .map((c) => ({ contractId: c.id, number: c.number, organisationId: c.organisationId, rank: c.rank, concludedHundredths: c.concludedHundredths, currentHundredths: agreed.get(c.id)?.fteHundredths ?? c.concludedHundredths })),
  }));
  const lotInfo = new Map(view.lots.map((l) => [l.id, l]));
  const regionName = new Map(view.regions.map((r) => [r.code, r.name]));
  const roleName = new Map(view.roles.map((r) => [r.code, r.name]));
  const names = Object.fromEntries(facts.map((c) => [c.organisationId, c.organisationName]));
  const labelOf = (lotId: string) => {
    const lot = lotInfo.get(lotId)!;
    return lotLabel({ number: lot.number, roleName: roleName.get(lot.roleCode) ?? lot.roleCode, regionName: regionName.get(lot.regionCode) ?? lot.regionCode });
  };
  const proposed = adjustmentProposal(input, { tolerancePercent, boundsPercent }).map((l) => ({ ...l, label: labelOf(l.lotId), carrierNames: names }));
  return {
    figuresBatch: batch.batchId,
    figuresAsOf: latest.asOf,
    lots: proposed,
    tolerancePercent,
    boundsPercent,
    effectiveIfApprovedNow: amendmentEffectiveDay(now),
    hasChanges: proposesChanges(proposed),
    awaiting: view.lots.filter((l) => open.has(l.id)).map((l) => ({ lotId: l.id, label: labelOf(l.id) })),
  };
}

// ---------------------------------------------------------------------------------------
// Proposing and approving

/** Stores the proposal of the latest figures; a newer proposal supersedes an open one. */
export async function proposeAdjustment(opts: { officerUserId: string; callId: string; now: Date; db?: Db }): Promise<{ adjustmentId: string }> {
  const database = opts.db ?? defaultDb();
  return writeTx(async (tx) => {
    const officer = await requireOfficer(tx, opts.officerUserId);
    const live = await liveProposal(opts.callId, opts.now, database);
    if (!live.hasChanges) throw new DomainError("CONFLICT", "adjustment.refusal.nothingToAdjust");
    const open = await tx.select({ id: contractAdjustments.id }).from(contractAdjustments).where(and(eq(contractAdjustments.callId, opts.callId), eq(contractAdjustments.status, "proposed")));
    if (open.length) await tx.update(contractAdjustments).set({ status: "superseded" }).where(inArray(contractAdjustments.id, open.map((o) => o.id)));
    const [row] = await tx
      .insert(contractAdjustments)
      .values({
        callId: opts.callId,
        figuresBatch: live.figuresBatch,
        figuresAsOf: new Date(live.figuresAsOf),
        proposal: live.lots,
        status: "proposed",
        proposedAt: opts.now,
        proposedByUserId: officer.id,
      })
      .returning({ id: contractAdjustments.id });
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: "adjustment.proposed",
      objectType: "call",
      objectId: opts.callId,
      details: {
        adjustmentId: row.id,
        figuresAsOf: live.figuresAsOf,
        superseded: open.map((o) => o.id),
        lots: live.lots.filter((l) => l.beyondTolerance).map((l) => ({
          lot: l.number,
          requiredHundredths: l.requiredHundredths,
          contractedHundredths: l.contractedHundredths,
          afterHundredths: l.contractedAfterHundredths,
          changes: l.changes.filter((c) => c.changeHundredths !== 0).map((c) => ({ contract: c.number, before: c.beforeHundredths, after: c.afterHundredths })),
        })),
      },
    });
    return { adjustmentId: row.id };
  }, database);
}

type StoredAdjustment = typeof contractAdjustments.$inferSelect;

async function adjustmentOfCall(database: Reader, callId: string, adjustmentId: string): Promise<StoredAdjustment> {
  const row = await first(database.select().from(contractAdjustments).where(and(eq(contractAdjustments.id, adjustmentId), eq(contractAdjustments.callId, callId))));
  if (!row) throw new DomainError("NOT_FOUND", "notFound.adjustment");
  return row;
}

/**
 * Approval by a second officer: refused to the one who proposed (four eyes), to a proposal
 * no longer open, and when newer figures were entered since. Fixes the day the changes take
 * effect (amendmentEffectiveDay), and sends one change letter per contract the proposal
 * changes: the PDF stored for the carrier, a notice row, a mail to its members in their
 * language. The amendments wait for the carrier's answer.
 */
export async function approveAdjustment(
  opts: { officerUserId: string; callId: string; adjustmentId: string; now: Date; db?: Db } & SendOptions,
): Promise<{ amendments: number; mailsSent: number; effectiveFrom: string }> {
  const database = opts.db ?? defaultDb();
  const officer = await requireOfficer(database, opts.officerUserId);
  const call = await callRow(database, opts.callId);
  const check = async () => {
    const adjustment = await adjustmentOfCall(database, call.id, opts.adjustmentId);
    if (adjustment.status !== "proposed") throw new DomainError("CONFLICT", "adjustment.refusal.notProposed");
    if (adjustment.proposedByUserId === officer.id) throw new DomainError("FORBIDDEN", "adjustment.refusal.approveOwn");
    if ((await clientFiguresHistory(call.id, database))[0]?.batchId !== adjustment.figuresBatch) throw new DomainError("CONFLICT", "adjustment.refusal.figuresChanged");
    return adjustment;
  };
  const adjustment = await check();
  const effectiveFrom = amendmentEffectiveDay(opts.now);
  const facts = new Map((await contractFacts(database, call.id)).map((c) => [c.id, c]));
  const lotsProposed = adjustment.proposal as ProposedLot[];
  const changes = lotsProposed.flatMap((lot) => lot.changes.filter((c) => c.changeHundredths !== 0).map((change) => ({ lot, change, contract: facts.get(change.contractId)! })));
  const agreed = await agreedFteByContract(call.id, database);
  for (const { change, contract } of changes) {
    if (berlinDay(contract.endsAt) < effectiveFrom) throw new DomainError("CONFLICT", "adjustment.refusal.afterTerm", { day: startOfBerlinDay(effectiveFrom)! });
    // An amendment accepted since the proposal changed the FTE it starts from.
    if ((agreed.get(contract.id)?.fteHundredths ?? contract.concludedHundredths) !== change.beforeHundredths) throw new DomainError("CONFLICT", "adjustment.refusal.figuresChanged");
  }
  const letters: { lot: ProposedLot; change: ProposedLot["changes"][number]; contract: ContractFacts; valueAfter: number; fromDay: string; notice: NoticeToSend }[] = [];
  for (const { lot, change, contract } of changes) {
    const input = await letterInput(database, call, contract.organisationId, opts.now);
    const valueAfter = valuePerYearAt(contract.costBasis, change.afterHundredths);
    // A contract whose term has not begun yet changes from its first day.
    const fromDay = berlinDay(contract.startsAt) > effectiveFrom ? berlinDay(contract.startsAt) : effectiveFrom;
    const answerBy = answerDeadlineDay(fromDay);
    letters.push({
      lot,
      change,
      contract,
      valueAfter,
      fromDay,
      notice: {
        organisationId: contract.organisationId,
        applicationId: null,
        write: (locale: "de" | "en") =>
          contractAmendmentDocument(
            {
              ...input,
              locale,
              offer: {
                contractNumber: contract.number,
                lotLabel: lot.label,
                figuresAsOf: adjustment.figuresAsOf,
                requiredHundredths: lot.requiredHundredths,
                contractedHundredths: lot.contractedHundredths,
                boundsPercent: contract.boundsPercent,
                fromDay,
                answerBy,
                beforeHundredths: change.beforeHundredths,
                afterHundredths: change.afterHundredths,
                valuePerYearAfterCents: valueAfter,
              },
            },
            translator(locale),
          ),
      },
    });
  }
  const sent = await deliverNotices(database, call, letters.map((l) => l.notice), opts, {
    record: (outgoing) =>
      writeTx(async (tx) => {
        await check();
        const rows = await insertNotices(tx, outgoing, call.id, officer.id, opts.now, null);
        const amendmentIds: string[] = [];
        for (const [i, l] of letters.entries()) {
          const [{ id }] = await tx
            .insert(contractAmendments)
            .values({
              adjustmentId: adjustment.id,
              contractId: l.contract.id,
              fromDay: l.fromDay,
              fteBeforeHundredths: l.change.beforeHundredths,
              fteAfterHundredths: l.change.afterHundredths,
              valuePerYearAfterCents: l.valueAfter,
              letterFileId: rows[i].fileId,
              status: "pending",
              createdAt: opts.now,
            })
            .returning({ id: contractAmendments.id });
          amendmentIds.push(id);
        }
        await tx.update(contractAdjustments).set({ status: "approved", approvedAt: opts.now, approvedByUserId: officer.id, effectiveFrom }).where(eq(contractAdjustments.id, adjustment.id));
        await appendAudit(tx, {
          at: opts.now,
          actorUserId: officer.id,
          action: "adjustment.approved",
          objectType: "call",
          objectId: call.id,
          details: {
            adjustmentId: adjustment.id,
            proposedBy: adjustment.proposedByUserId,
            effectiveFrom,
            amendments: letters.map((l, i) => ({ amendmentId: amendmentIds[i], contract: l.contract.number, before: l.change.beforeHundredths, after: l.change.afterHundredths, noticeId: rows[i].noticeId, sha256: rows[i].sha256 })),
          },
        });
      }, database),
  });
  return { amendments: letters.length, mailsSent: sent.mailsSent, effectiveFrom };
}

// ---------------------------------------------------------------------------------------
// The carrier's answer

export type AmendmentAnswer = "accept" | "decline";

/**
 * The carrier's answer in Textform (the member's name and the server time are kept), for an
 * amendment of its own organisation's contracts only: another's is NOT_FOUND. Possible until
 * the end of the day before the change takes effect. An accepted change recomputes the
 * Stellenplan (trigger "amendment"); a declined one leaves the contract and the gap as they are.
 */
export async function answerAmendment(opts: { actor: CarrierActor; amendmentId: string; answer: AmendmentAnswer; confirmed: boolean; now: Date; db?: Db }): Promise<{ status: "accepted" | "declined" }> {
  const database = opts.db ?? defaultDb();
  const result = await writeTx(async (tx) => {
    const row = await first(
      tx
        .select({ id: contractAmendments.id, status: contractAmendments.status, fromDay: contractAmendments.fromDay, contractId: contracts.id, number: contracts.number, callId: contracts.callId, before: contractAmendments.fteBeforeHundredths, after: contractAmendments.fteAfterHundredths })
        .from(contractAmendments)
        .innerJoin(contracts, eq(contracts.id, contractAmendments.contractId))
        .where(and(eq(contractAmendments.id, opts.amendmentId), eq(contracts.organisationId, opts.actor.organisationId))),
    );
    if (!row) throw new DomainError("NOT_FOUND", "notFound.amendment");
    if (row.status !== "pending") throw new DomainError("CONFLICT", "adjustment.refusal.alreadyAnswered");
    const lastDay = answerDeadlineDay(row.fromDay);
    if (amendmentState(row.status, row.fromDay, opts.now) === "lapsed") throw new DomainError("DEADLINE_PASSED", "adjustment.refusal.answerTooLate", { day: startOfBerlinDay(lastDay)! });
    if (!opts.confirmed) throw new DomainError("INVALID", "adjustment.refusal.confirm", {}, "bestaetigung");
    const user = (await first(tx.select({ name: users.name }).from(users).where(eq(users.id, opts.actor.userId))))!;
    const status = opts.answer === "accept" ? ("accepted" as const) : ("declined" as const);
    await tx.update(contractAmendments).set({ status, decidedAt: opts.now, decidedByUserId: opts.actor.userId, decidedByName: user.name }).where(eq(contractAmendments.id, row.id));
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      action: status === "accepted" ? "contract.amendment-accepted" : "contract.amendment-declined",
      objectType: "contract",
      objectId: row.contractId,
      details: { amendmentId: row.id, contract: row.number, from: row.fromDay, before: row.before, after: row.after },
    });
    return { status, callId: row.callId };
  }, database);
  if (result.status === "accepted" && (await planShouldFollowFigures(result.callId, database))) {
    await computeStaffingPlan({ callId: result.callId, trigger: "amendment", userId: null, now: opts.now, db: database });
  }
  return { status: result.status };
}

export const acceptAmendment = (opts: Omit<Parameters<typeof answerAmendment>[0], "answer">) => answerAmendment({ ...opts, answer: "accept" });
export const declineAmendment = (opts: Omit<Parameters<typeof answerAmendment>[0], "answer">) => answerAmendment({ ...opts, answer: "decline" });

// ---------------------------------------------------------------------------------------
// The officers' page

export type AdjustmentSummary = {
  id: string;
  status: StoredAdjustment["status"];
  figuresAsOf: Date;
  proposedAt: Date;
  proposedBy: string;
  proposedByUserId: string;
  approvedAt: Date | null;
  approvedBy: string | null;
  effectiveFrom: string | null;
  lots: ProposedLot[];
  /** `state`: the stored status, or "lapsed" for a letter unanswered past its last day. */
  amendments: (AmendmentRecord & { state: AmendmentState; contractNumber: string; organisationName: string; lotNumber: number })[];
};

export type AdjustmentView = {
  /** What the latest figures call for now; null with `problem` when it cannot be computed. */
  live: LiveProposal | null;
  problem: Refusal | null;
  open: AdjustmentSummary | null;
  approved: AdjustmentSummary[];
  /** Declined or lapsed: the changes that did not happen, whose gaps stay. */
  declined: AdjustmentSummary["amendments"];
  noticeDays: number;
};

export async function adjustmentView(callId: string, now: Date, database: Db = defaultDb()): Promise<AdjustmentView> {
  let live: LiveProposal | null = null;
  let problem: Refusal | null = null;
  try {
    live = await liveProposal(callId, now, database);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code === "NOT_FOUND") throw error;
    problem = refusalOf(error);
  }
  const rows = await database.select().from(contractAdjustments).where(eq(contractAdjustments.callId, callId)).orderBy(desc(contractAdjustments.proposedAt));
  const userIds = [...new Set(rows.flatMap((r) => [r.proposedByUserId, r.approvedByUserId].filter((x): x is string => Boolean(x))))];
  const names = new Map(userIds.length ? (await database.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))).map((u) => [u.id, u.name]) : []);
  const contractInfo = new Map(
    (
      await database
        .select({ id: contracts.id, number: contracts.number, organisationName: organisations.name, lotNumber: lots.number })
        .from(contracts)
        .innerJoin(organisations, eq(organisations.id, contracts.organisationId))
        .innerJoin(lots, eq(lots.id, contracts.lotId))
        .where(eq(contracts.callId, callId))
    ).map((c) => [c.id, c]),
  );
  const amendments = (await amendmentsOfContracts([...contractInfo.keys()], database)).map((a) => {
    const c = contractInfo.get(a.contractId)!;
    return { ...a, state: amendmentState(a.status, a.fromDay, now), contractNumber: c.number, organisationName: c.organisationName, lotNumber: c.lotNumber };
  });
  const summaries: AdjustmentSummary[] = rows.map((r) => ({
    id: r.id,
    status: r.status,
    figuresAsOf: r.figuresAsOf,
    proposedAt: r.proposedAt,
    proposedBy: names.get(r.proposedByUserId) ?? "",
    proposedByUserId: r.proposedByUserId,
    approvedAt: r.approvedAt,
    approvedBy: r.approvedByUserId ? (names.get(r.approvedByUserId) ?? null) : null,
    effectiveFrom: r.effectiveFrom,
    lots: r.proposal as ProposedLot[],
    amendments: amendments.filter((a) => a.adjustmentId === r.id),
  }));
  return {
    live,
    problem,
    open: summaries.find((s) => s.status === "proposed") ?? null,
    approved: summaries.filter((s) => s.status === "approved"),
    declined: amendments.filter((a) => a.state === "declined" || a.state === "lapsed"),
    noticeDays: AMENDMENT_NOTICE_DAYS,
  };
}
