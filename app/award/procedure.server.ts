// Vergabeverfahren auf Seiten der Stadt: from the ranking to the award (Zuschlag), or to the
// cancellation (Aufhebung). One award procedure per call:
//
//   proposeAward        Zuschlagsvorschlag: required FTE per lot (staffing rules × latest
//                       client figures), ranking per lot (excluded bids out), allocateFte;
//                       may be recomputed while "proposed"
//   changeAwardProposal an officer sets one bid's FTE, with a written reason
//   approveAwardProposal
//   sendPreInformation  Vorabinformation, § 134 GWB, to every bidder: PDF + mail; the
//                       standstill runs until earliestAwardDate(sentAt)
//   recordComplaint / resolveComplaint   a complaint (Rüge) stops the award until resolved
//   awardContracts      Zuschlag: refused before earliestAwardAt (server clock) and while a
//                       complaint is open; award letters and final rejection letters
//   cancelCall / cancelLot               Aufhebung with a reason, notices to all bidders
//
// Every change is one writeTx with its audit entry. PDFs are rendered and stored before the
// transaction (it cannot await); the rows that name them are written in it; mail goes out
// after the commit and a failed mail is logged, never undoing the step (the notice stays on
// the carrier's dashboard). Notice PDFs belong to the addressee's organisation
// (stored_files.organisation_id) and to its application (stored_files.application_id), so
// that app/submission/access.server.ts lets that organisation's members and, after the
// opening, the city's officers read them, and nobody else.
import { Readable } from "node:stream";
import { and, asc, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import { translator, type MessageKey, type Translate } from "../i18n";
import { memberEmails } from "../identity/carriers.server";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, writeTx, type Db, type Tx } from "../infra/db.server";
import { env } from "../infra/env.server";
import { asMessage, DomainError, refusal, type Refusal } from "../infra/errors";
import { sendToEach } from "../infra/mail.server";
import {
  applications,
  awardDecisions,
  awardProcedures,
  calls,
  complaints,
  lots,
  notices,
  organisations,
  storedFiles,
  targetGroups,
  type TargetGroup,
} from "../infra/schema";
import type { CallView } from "../procurement/call-view";
import { fileStorage, type FileStorage, type SavedFile } from "../infra/storage.server";
import { loadCallView } from "../procurement/calls.server";
import { latestClientFigures } from "../staffing/figures-read.server";
import { computeStaffingPlan } from "../staffing/plans.server";
import { requiredFteByLot, StaffingRuleError } from "../staffing/required-fte";
import { admittedBids, lotResults } from "../evaluation/assessment.server";
import { listExclusionsForCall } from "../evaluation/formal-check.server";
import { loadOpeningRecord, requireOfficer } from "../evaluation/opening.server";
import { allocateFte, type AllocationLot, type AwardStatus } from "./allocation";
import { renderNoticePdf, noticeFileName } from "./letters-pdf.server";
import {
  awardDocument,
  cancellationDocument,
  noticeMail,
  noticeText,
  preInformationDocument,
  rejectionDocument,
  type LetterInput,
  type LotOutcome,
  type NoticeDocument,
  type NoticeKind,
} from "./letters";
import { MAX_REASON_CHARS, MIN_REASON_CHARS } from "./reasons";
import { earliestAwardDate, standstillRemaining, type StandstillRemaining } from "./standstill";

type Reader = Pick<Db, "select">;

export { MIN_REASON_CHARS, MAX_REASON_CHARS };

/** The allocation as stored in award_procedures.allocation (JSON, times as ISO strings). */
export type StoredAllocation = {
  format: "award-allocation-v1";
  computedAt: string;
  figuresAsOf: string | null;
  figures: { regionCode: string; regionName: string; targetGroup: TargetGroup; count: number; asOf: string }[];
  allowSplit: boolean;
  maxLotsPerCarrier: number | null;
  rounds: number;
  lots: {
    lotId: string;
    number: number;
    label: string;
    regionName: string;
    roleName: string;
    requiredHundredths: number;
    /** The arithmetic of the requirement, e.g. "1.240 Geflüchtete ÷ 80 = 15,5 VZÄ; …". */
    trail: string;
    note: string;
    bids: {
      submissionId: string;
      organisationId: string;
      organisationName: string;
      rank: number;
      total: number | null;
      offeredHundredths: number;
      proposedHundredths: number;
      status: AwardStatus;
      reason: string;
    }[];
  }[];
  excluded: { submissionId: string; organisationId: string; organisationName: string; lotId: string | null; lotNumber: number | null; reason: string }[];
};

// ---------------------------------------------------------------------------------------
// Reading helpers

function callRow(database: Reader, callId: string) {
  const call = database
    .select({
      id: calls.id,
      slug: calls.slug,
      title: calls.title,
      authority: calls.authority,
      department: calls.department,
      texts: calls.texts,
      isDemo: calls.isDemo,
      status: calls.status,
      allowLotSplit: calls.allowLotSplit,
      maxLotsPerCarrier: calls.maxLotsPerCarrier,
      serviceStart: calls.serviceStart,
      contractEnd: calls.contractEnd,
      cancelledAt: calls.cancelledAt,
      cancellationReason: calls.cancellationReason,
    })
    .from(calls)
    .where(eq(calls.id, callId))
    .get();
  if (!call || call.status === "draft") throw new DomainError("NOT_FOUND", "notFound.call");
  return call;
}

type CallRow = ReturnType<typeof callRow>;

export function callIdBySlug(slug: string, database: Reader = defaultDb()): string | null {
  return database.select({ id: calls.id }).from(calls).where(eq(calls.slug, slug)).get()?.id ?? null;
}

function procedureRow(database: Reader, callId: string) {
  return database.select().from(awardProcedures).where(eq(awardProcedures.callId, callId)).get() ?? null;
}

function lotLabel(l: { number: number; roleName: string; regionName: string }): string {
  return `Los ${l.number}: ${l.roleName}, ${l.regionName}`;
}

/**
 * The latest client figures as the staffing plan reads them (figures-read.server.ts), with
 * region names, flattened for the proposal's record.
 */
function figuresForAward(database: Db, view: CallView) {
  const latest = latestClientFigures(view.id, database);
  const regionName = new Map(view.regions.map((r) => [r.code, r.name]));
  const list = view.regions.flatMap((region) =>
    targetGroups.flatMap((targetGroup) => {
      const f = latest.byRegion[region.code]?.[targetGroup];
      return f ? [{ regionCode: region.code, regionName: regionName.get(region.code)!, targetGroup, count: f.count, asOf: new Date(f.asOf) }] : [];
    }),
  );
  return { list, byRegion: latest.figuresByRegion, asOf: latest.asOf ? new Date(latest.asOf) : null };
}

/** The bidders of an opened call: its counting versions (excluded ones included). */
function countingEntries(database: Reader, callId: string) {
  return loadOpeningRecord(callId, database)?.record.counting ?? [];
}

function readAllocation(row: { allocation: unknown }): StoredAllocation {
  return row.allocation as StoredAllocation;
}

function decisionsOf(database: Reader, callId: string) {
  return database
    .select({
      id: awardDecisions.id,
      lotId: awardDecisions.lotId,
      submissionId: awardDecisions.submissionId,
      rank: awardDecisions.rank,
      fteAwardedHundredths: awardDecisions.fteAwardedHundredths,
      proposedFteHundredths: awardDecisions.proposedFteHundredths,
      reason: awardDecisions.reason,
      changeReason: awardDecisions.changeReason,
      status: awardDecisions.status,
      decidedAt: awardDecisions.decidedAt,
    })
    .from(awardDecisions)
    .innerJoin(lots, eq(lots.id, awardDecisions.lotId))
    .where(eq(lots.callId, callId))
    .all();
}

const CANCELLABLE_FROM_AWARD = ["awarded", "staffing_active", "archived", "cancelled"] as const;

function assertNotDecided(call: CallRow) {
  if (call.status === "cancelled") throw new DomainError("CONFLICT", "award.refusal.callCancelled");
  if ((CANCELLABLE_FROM_AWARD as readonly string[]).includes(call.status)) throw new DomainError("CONFLICT", "award.refusal.alreadyAwarded");
}

function checkReason(reason: string, what: MessageKey): string {
  const text = reason.trim();
  if (text.length < MIN_REASON_CHARS) throw new DomainError("INVALID", "award.refusal.reasonTooShort", { what: { message: what }, min: MIN_REASON_CHARS });
  if (text.length > MAX_REASON_CHARS) throw new DomainError("INVALID", "award.refusal.reasonTooLong", { what: { message: what }, max: MAX_REASON_CHARS });
  return text;
}

// ---------------------------------------------------------------------------------------
// Zuschlagsvorschlag

/** Why a proposal cannot be made yet (for the officer, in their language), or [] when it can. */
export function proposalBlockers(database: Db, callId: string): Refusal[] {
  const call = callRow(database, callId);
  const problems: Refusal[] = [];
  if (call.status === "cancelled") return [refusal("award.refusal.callCancelled")];
  if (!loadOpeningRecord(call.id, database)) return [refusal("award.blocker.notOpened")];
  const view = loadCallView(call.slug, { includeDrafts: true, db: database })!;
  const cancelled = new Set(view.lots.filter((l) => l.cancelled).map((l) => l.id));
  const results = lotResults({ callId, db: database });
  if (!results.lots.some((l) => !cancelled.has(l.lotId) && l.bids.length > 0)) problems.push(refusal("award.blocker.noAdmittedBid"));
  for (const l of results.lots) {
    if (cancelled.has(l.lotId)) continue;
    const open = l.bids.filter((b) => b.rank === null);
    if (open.length) problems.push(refusal("award.blocker.evaluationOpen", { lot: l.number, bidders: open.map((b) => b.organisationName).join(", ") }));
  }
  const figures = figuresForAward(database, view);
  if (figures.list.length === 0) problems.push(refusal("award.blocker.noFigures"));
  else {
    try {
      requiredFteByLot(view, figures.byRegion);
    } catch (error) {
      if (!(error instanceof StaffingRuleError)) throw error;
      problems.push(refusal("award.blocker.figuresMissing", { problem: asMessage(error.refusal) }));
    }
  }
  return problems;
}

function computeAllocation(database: Db, call: CallRow, now: Date): StoredAllocation {
  const blockers = proposalBlockers(database, call.id);
  if (blockers.length) throw new DomainError("CONFLICT", "award.refusal.blocked", { reasons: { sentences: blockers.map(asMessage) } });
  const view = loadCallView(call.slug, { includeDrafts: true, db: database })!;
  const figures = figuresForAward(database, view);
  const requirements = requiredFteByLot(view, figures.byRegion);
  const results = new Map(lotResults({ callId: call.id, db: database }).lots.map((l) => [l.lotId, l]));
  const offered = new Map(admittedBids(database, call.id).map((b) => [`${b.lotId}/${b.submissionId}`, b.lot.totals.fteHundredths]));
  const lotInfo = new Map(view.lots.map((l) => [l.id, l]));
  const input: AllocationLot[] = requirements.map((r) => ({
    lotId: r.lotId,
    requiredHundredths: r.requiredHundredths,
    // lotResults orders equal ranks by organisation name: the order a tie without split follows.
    ranking: (results.get(r.lotId)?.bids ?? []).map((b) => ({
      bidId: b.submissionId,
      organisationId: b.organisationId,
      rank: b.rank!,
      offeredHundredths: offered.get(`${r.lotId}/${b.submissionId}`) ?? 0,
    })),
  }));
  const allocation = allocateFte({ lots: input, allowSplit: call.allowLotSplit, maxLotsPerCarrier: call.maxLotsPerCarrier });
  return {
    format: "award-allocation-v1",
    computedAt: now.toISOString(),
    figuresAsOf: figures.asOf?.toISOString() ?? null,
    figures: figures.list.map((f) => ({ regionCode: f.regionCode, regionName: f.regionName, targetGroup: f.targetGroup, count: f.count, asOf: f.asOf.toISOString() })),
    allowSplit: call.allowLotSplit,
    maxLotsPerCarrier: call.maxLotsPerCarrier,
    rounds: allocation.rounds,
    lots: allocation.lots.map((a, i) => {
      const info = lotInfo.get(a.lotId)!;
      const bids = results.get(a.lotId)?.bids ?? [];
      return {
        lotId: a.lotId,
        number: info.number,
        label: lotLabel(info),
        regionName: info.regionName,
        roleName: info.roleName,
        requiredHundredths: a.requiredHundredths,
        trail: requirements[i].trail,
        note: a.note,
        bids: a.awards.map((w) => {
          const b = bids.find((x) => x.submissionId === w.bidId)!;
          return {
            submissionId: w.bidId,
            organisationId: w.organisationId,
            organisationName: b.organisationName,
            rank: w.rank,
            total: b.total,
            offeredHundredths: w.offeredHundredths,
            proposedHundredths: w.awardedHundredths,
            status: w.status,
            reason: w.reason,
          };
        }),
      };
    }),
    excluded: listExclusionsForCall(call.id, database).map((x) => ({
      submissionId: x.submissionId,
      organisationId: x.organisationId,
      organisationName: x.organisationName,
      lotId: x.lotId,
      lotNumber: x.lotNumber,
      reason: x.reason,
    })),
  };
}

export type ProposeResult = { procedureId: string; recomputed: boolean; allocation: StoredAllocation };

/**
 * The Zuschlagsvorschlag. Refused while the evaluation is incomplete, without client figures,
 * and once the proposal was approved; a proposal still "proposed" is recomputed (changes an
 * officer made are then replaced by the rule's result, which the audit trail records).
 */
export function proposeAward(opts: { officerUserId: string; callId: string; now: Date; db?: Db }): ProposeResult {
  const database = opts.db ?? defaultDb();
  return writeTx((tx) => {
    const officer = requireOfficer(tx, opts.officerUserId);
    const call = callRow(tx, opts.callId);
    assertNotDecided(call);
    const existing = procedureRow(tx, call.id);
    if (existing && existing.status !== "proposed") throw new DomainError("CONFLICT", "award.refusal.approvedNoRecompute");
    const allocation = computeAllocation(database, call, opts.now);
    let procedureId: string;
    if (existing) {
      procedureId = existing.id;
      const lotIds = tx.select({ id: lots.id }).from(lots).where(eq(lots.callId, call.id)).all().map((l) => l.id);
      if (lotIds.length) tx.delete(awardDecisions).where(inArray(awardDecisions.lotId, lotIds)).run();
      tx.update(awardProcedures)
        .set({ allocation, figuresAsOf: allocation.figuresAsOf ? new Date(allocation.figuresAsOf) : null, proposedByUserId: officer.id, proposedAt: opts.now })
        .where(eq(awardProcedures.id, existing.id))
        .run();
    } else {
      procedureId = tx
        .insert(awardProcedures)
        .values({
          callId: call.id,
          status: "proposed",
          allocation,
          figuresAsOf: allocation.figuresAsOf ? new Date(allocation.figuresAsOf) : null,
          proposedByUserId: officer.id,
          proposedAt: opts.now,
        })
        .returning({ id: awardProcedures.id })
        .get().id;
    }
    for (const lot of allocation.lots) {
      for (const b of lot.bids) {
        tx.insert(awardDecisions)
          .values({
            lotId: lot.lotId,
            submissionId: b.submissionId,
            rank: b.rank,
            fteAwardedHundredths: b.proposedHundredths,
            proposedFteHundredths: b.proposedHundredths,
            reason: b.reason,
            status: "proposed",
            decidedByUserId: officer.id,
            decidedAt: opts.now,
          })
          .run();
      }
    }
    tx.update(calls).set({ status: "award_proposed", updatedAt: opts.now }).where(eq(calls.id, call.id)).run();
    appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: existing ? "award.proposal-recomputed" : "award.proposed",
      objectType: "call",
      objectId: call.id,
      details: {
        procedureId,
        figuresAsOf: allocation.figuresAsOf,
        lots: allocation.lots.map((l) => ({
          lotId: l.lotId,
          requiredHundredths: l.requiredHundredths,
          awards: l.bids.filter((b) => b.proposedHundredths > 0).map((b) => ({ submissionId: b.submissionId, hundredths: b.proposedHundredths })),
        })),
      },
    });
    return { procedureId, recomputed: Boolean(existing), allocation };
  }, database);
}

/**
 * An officer changes one bid's FTE in the proposal: at most what the bid offered, the lot's
 * total at most its requirement, and only with a written reason (kept in change_reason and
 * in the audit trail). A change after approval takes the proposal back to "proposed".
 */
export function changeAwardProposal(opts: {
  officerUserId: string;
  callId: string;
  lotId: string;
  submissionId: string;
  fteHundredths: number;
  reason: string;
  now: Date;
  db?: Db;
}) {
  const reason = checkReason(opts.reason, "award.refusal.what.change");
  writeTx((tx) => {
    const officer = requireOfficer(tx, opts.officerUserId);
    const call = callRow(tx, opts.callId);
    assertNotDecided(call);
    const procedure = procedureRow(tx, call.id);
    if (!procedure || (procedure.status !== "proposed" && procedure.status !== "approved")) {
      throw new DomainError("CONFLICT", "award.refusal.changeAfterPreInformation");
    }
    const lot = readAllocation(procedure).lots.find((l) => l.lotId === opts.lotId);
    const bid = lot?.bids.find((b) => b.submissionId === opts.submissionId);
    const decision = decisionsOf(tx, call.id).find((d) => d.lotId === opts.lotId && d.submissionId === opts.submissionId);
    if (!lot || !bid || !decision) throw new DomainError("NOT_FOUND", "notFound.bid");
    const value = opts.fteHundredths;
    if (!Number.isInteger(value) || value < 0) throw new DomainError("INVALID", "award.refusal.fteInvalid");
    if (value > bid.offeredHundredths) throw new DomainError("INVALID", "award.refusal.fteAboveOffer", { fte: { decimal: bid.offeredHundredths / 100, digits: 2 } });
    const others = decisionsOf(tx, call.id)
      .filter((d) => d.lotId === opts.lotId && d.submissionId !== opts.submissionId)
      .reduce((s, d) => s + d.fteAwardedHundredths, 0);
    if (others + value > lot.requiredHundredths) {
      throw new DomainError("INVALID", "award.refusal.fteAboveRequirement", { fte: { decimal: lot.requiredHundredths / 100, digits: 2 } });
    }
    tx.update(awardDecisions)
      .set({ fteAwardedHundredths: value, changeReason: reason, decidedByUserId: officer.id, decidedAt: opts.now, status: "proposed" })
      .where(eq(awardDecisions.id, decision.id))
      .run();
    if (procedure.status === "approved") {
      tx.update(awardDecisions).set({ status: "proposed" }).where(and(inArray(awardDecisions.lotId, lotIdsOf(tx, call.id)), eq(awardDecisions.status, "approved"))).run();
      tx.update(awardProcedures).set({ status: "proposed", approvedAt: null, approvedByUserId: null }).where(eq(awardProcedures.id, procedure.id)).run();
    }
    appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: "award.proposal-changed",
      objectType: "call",
      objectId: call.id,
      details: { lotId: opts.lotId, submissionId: opts.submissionId, from: decision.fteAwardedHundredths, to: value, proposed: decision.proposedFteHundredths, reason },
    });
  }, opts.db ?? defaultDb());
}

function lotIdsOf(database: Reader, callId: string): string[] {
  return database.select({ id: lots.id }).from(lots).where(eq(lots.callId, callId)).all().map((l) => l.id);
}

/** Freigabe des Zuschlagsvorschlags. */
export function approveAwardProposal(opts: { officerUserId: string; callId: string; now: Date; db?: Db }) {
  writeTx((tx) => {
    const officer = requireOfficer(tx, opts.officerUserId);
    const call = callRow(tx, opts.callId);
    assertNotDecided(call);
    const procedure = procedureRow(tx, call.id);
    if (!procedure) throw new DomainError("CONFLICT", "award.refusal.noProposal");
    if (procedure.status !== "proposed") throw new DomainError("CONFLICT", "award.refusal.alreadyApproved");
    tx.update(awardDecisions).set({ status: "approved" }).where(and(inArray(awardDecisions.lotId, lotIdsOf(tx, call.id)), eq(awardDecisions.status, "proposed"))).run();
    tx.update(awardProcedures).set({ status: "approved", approvedAt: opts.now, approvedByUserId: officer.id }).where(eq(awardProcedures.id, procedure.id)).run();
    appendAudit(tx, { at: opts.now, actorUserId: officer.id, action: "award.approved", objectType: "call", objectId: call.id, details: { procedureId: procedure.id } });
  }, opts.db ?? defaultDb());
}

// ---------------------------------------------------------------------------------------
// Outcomes per carrier and lot (for the letters)

type Outcomes = Map<string, { organisationId: string; organisationName: string; applicationId: string; lots: LotOutcome[] }>;

function outcomesOf(database: Db, call: CallRow, allocation: StoredAllocation): Outcomes {
  const entries = countingEntries(database, call.id);
  const decisions = decisionsOf(database, call.id);
  const results = lotResults({ callId: call.id, db: database });
  const resultsByLot = new Map(results.lots.map((l) => [l.lotId, l]));
  const cancelledLots = new Map(
    database
      .select({ id: lots.id, reason: lots.cancellationReason })
      .from(lots)
      .where(and(eq(lots.callId, call.id)))
      .all()
      .filter((l) => l.reason !== null)
      .map((l) => [l.id, l.reason!]),
  );
  const lotMeta = new Map(loadCallView(call.slug, { includeDrafts: true, db: database })!.lots.map((l) => [l.id, l]));
  const fteOf = (lotId: string, submissionId: string) => decisions.find((d) => d.lotId === lotId && d.submissionId === submissionId);
  const out: Outcomes = new Map();
  for (const entry of entries) {
    const own: LotOutcome[] = [];
    for (const l of entry.lots) {
      const meta = lotMeta.get(l.lotId);
      if (!meta) continue;
      const label = lotLabel(meta);
      const exclusion =
        allocation.excluded.find((x) => x.submissionId === entry.submissionId && x.lotId === null) ??
        allocation.excluded.find((x) => x.submissionId === entry.submissionId && x.lotId === l.lotId);
      const allocated = allocation.lots.find((a) => a.lotId === l.lotId);
      const winners = (allocated?.bids ?? [])
        .map((b) => ({ b, d: fteOf(l.lotId, b.submissionId) }))
        .filter(({ b, d }) => d && d.fteAwardedHundredths > 0 && b.submissionId !== entry.submissionId)
        .map(({ b, d }) => ({ organisationName: b.organisationName, awardedHundredths: d!.fteAwardedHundredths }));
      if (cancelledLots.has(l.lotId)) {
        own.push({ lotLabel: label, status: "cancelled", offeredHundredths: null, awardedHundredths: 0, reason: cancelledLots.get(l.lotId)!, changeReason: null, winners: [], comparison: null });
        continue;
      }
      if (exclusion || !allocated) {
        own.push({
          lotLabel: label,
          status: "excluded",
          offeredHundredths: null,
          awardedHundredths: 0,
          reason: exclusion?.reason ?? "Das Angebot wurde nicht zugelassen.",
          changeReason: null,
          winners,
          comparison: null,
        });
        continue;
      }
      const bid = allocated.bids.find((b) => b.submissionId === entry.submissionId);
      const decision = fteOf(l.lotId, entry.submissionId);
      if (!bid || !decision) continue;
      const awarded = decision.fteAwardedHundredths;
      const status: LotOutcome["status"] = awarded === 0 ? "unsuccessful" : awarded < bid.offeredHundredths ? "partial" : "awarded";
      // The comparison is with the best-ranked carrier awarded FTE in the lot (not oneself).
      const winnerBid = allocated.bids.find((b) => b.submissionId !== entry.submissionId && (fteOf(l.lotId, b.submissionId)?.fteAwardedHundredths ?? 0) > 0);
      const lotResult = resultsByLot.get(l.lotId);
      const ownResult = lotResult?.bids.find((b) => b.submissionId === entry.submissionId);
      const winnerResult = winnerBid ? lotResult?.bids.find((b) => b.submissionId === winnerBid.submissionId) : undefined;
      own.push({
        lotLabel: label,
        status,
        offeredHundredths: bid.offeredHundredths,
        awardedHundredths: awarded,
        reason: decision.changeReason ? decision.reason : bid.reason,
        changeReason: decision.changeReason,
        winners,
        comparison:
          winnerBid && ownResult && winnerResult
            ? {
                winnerName: winnerBid.organisationName,
                rows: results.criteria.map((c) => ({
                  criterion: c.name,
                  weightPercent: c.weightPercent,
                  own: ownResult.criteria.find((x) => x.criterionId === c.id)?.final ?? null,
                  winner: winnerResult.criteria.find((x) => x.criterionId === c.id)?.final ?? null,
                })),
                ownTotal: ownResult.total,
                winnerTotal: winnerResult.total,
                ownRank: ownResult.rank,
                winnerRank: winnerResult.rank,
              }
            : null,
      });
    }
    if (own.length) out.set(entry.organisationId, { organisationId: entry.organisationId, organisationName: entry.organisationName, applicationId: entry.applicationId, lots: own });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Sending notices: PDF stored before the transaction, rows in it, mail after it.

type Outgoing = { organisationId: string; applicationId: string | null; doc: NoticeDocument; pdf: Uint8Array; fileName: string; saved: SavedFile };

type SendOptions = {
  /** Where the PDFs are stored; default fileStorage(). */
  storage?: FileStorage;
  /** The portal's public base URL, for the PDF footer and the mail's link. */
  baseUrl?: string;
  /** Default true; the demo loader may leave the mails out. */
  sendMails?: boolean;
};

function baseUrlOf(opts: SendOptions): string {
  return (opts.baseUrl ?? env().PUBLIC_URL ?? "").replace(/\/$/, "");
}

async function renderAndStore(docs: { organisationId: string; applicationId: string | null; doc: NoticeDocument }[], slug: string, opts: SendOptions): Promise<Outgoing[]> {
  const storage = opts.storage ?? fileStorage();
  const out: Outgoing[] = [];
  try {
    for (const d of docs) {
      const pdf = await renderNoticePdf(d.doc, { cityName: env().CITY_NAME, publicUrl: `${baseUrlOf(opts)}/aufrufe/${slug}` });
      const fileName = noticeFileName(d.doc.kind, slug);
      const saved = await storage.save(Readable.from([Buffer.from(pdf)]), { fileName, maxBytes: 50 * 1024 * 1024, allowed: [{ mime: "application/pdf", label: "PDF" }] });
      out.push({ ...d, pdf, fileName, saved });
    }
  } catch (error) {
    await removeStored(out, opts);
    throw error;
  }
  return out;
}

async function removeStored(outgoing: Outgoing[], opts: SendOptions) {
  const storage = opts.storage ?? fileStorage();
  for (const o of outgoing) await storage.remove(o.saved.storageKey).catch(() => {});
}

function insertNotices(tx: Tx, outgoing: Outgoing[], callId: string, officerId: string, now: Date, earliestAwardAt: Date | null) {
  return outgoing.map((o) => {
    const fileId = tx
      .insert(storedFiles)
      .values({
        backend: o.saved.backend,
        storageKey: o.saved.storageKey,
        originalName: o.fileName,
        mediaType: o.saved.mediaType,
        sizeBytes: o.saved.sizeBytes,
        sha256: o.saved.sha256,
        uploadedByUserId: officerId,
        organisationId: o.organisationId,
        applicationId: o.applicationId,
      })
      .returning({ id: storedFiles.id })
      .get().id;
    const noticeId = tx
      .insert(notices)
      .values({ callId, organisationId: o.organisationId, kind: o.doc.kind, sentAt: now, earliestAwardAt, storedFileId: fileId, body: noticeText(o.doc) })
      .returning({ id: notices.id })
      .get().id;
    return { noticeId, fileId, organisationId: o.organisationId, kind: o.doc.kind, sha256: o.saved.sha256 };
  });
}

/** Mails each notice to its organisation's members; `callId`: every notice names a bidder of that call. */
async function mailNotices(database: Db, callId: string, outgoing: Outgoing[], opts: SendOptions): Promise<number> {
  if (opts.sendMails === false) return 0;
  const t = translator("de");
  const portalUrl = baseUrlOf(opts) ? `${baseUrlOf(opts)}/traeger` : undefined;
  let sent = 0;
  for (const o of outgoing) {
    const letter = noticeMail(o.doc, t, { portalUrl, baseUrl: opts.baseUrl });
    sent += await sendToEach(
      memberEmails(database, o.organisationId),
      // A cancellation may come before the opening: sealed in the outbox until then.
      { ...letter, attachments: [{ filename: o.fileName, content: o.pdf, contentType: "application/pdf" }], sealedUntilOpeningOf: callId },
      `${o.doc.kind} notice`,
    );
  }
  return sent;
}

/**
 * What every letter of the call to one organisation needs: the call's file number, the
 * office (the call's authority and its contact), the organisation's postal address as it
 * registered it, and the moment of sending, which dates the letter.
 */
function letterInput(database: Reader, call: CallRow, organisationId: string, sentAt: Date): LetterInput {
  const addressee = database
    .select({ name: organisations.name, street: organisations.street, postalCode: organisations.postalCode, city: organisations.city })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  if (!addressee) throw new DomainError("NOT_FOUND", "notFound.carrier");
  const contact = call.texts.contact;
  return {
    call: { title: call.title, isDemo: call.isDemo, fileNumber: call.texts.fileNumber ?? null, serviceStart: call.serviceStart, contractEnd: call.contractEnd },
    office: {
      authority: call.authority,
      department: contact.department,
      unit: contact.name,
      street: contact.street,
      postalCode: contact.postalCode,
      city: contact.city,
      email: contact.email,
      phone: contact.phone,
    },
    addressee,
    sentAt,
  };
}

// ---------------------------------------------------------------------------------------
// Vorabinformation

export type SentNotices = { notices: number; mailsSent: number };

/** Vorabinformation (§ 134 GWB) to every bidder; the standstill runs from `now`. */
export async function sendPreInformation(opts: { officerUserId: string; callId: string; now: Date; db?: Db } & SendOptions): Promise<SentNotices & { earliestAwardAt: Date }> {
  const database = opts.db ?? defaultDb();
  const t: Translate = translator("de");
  requireOfficer(database, opts.officerUserId);
  const call = callRow(database, opts.callId);
  assertNotDecided(call);
  const procedure = procedureRow(database, call.id);
  if (!procedure || procedure.status !== "approved") throw new DomainError("CONFLICT", "award.refusal.preInformationNeedsApproval");
  const earliestAwardAt = earliestAwardDate(opts.now);
  const outcomes = outcomesOf(database, call, readAllocation(procedure));
  const docs = [...outcomes.values()].map((o) => ({
    organisationId: o.organisationId,
    applicationId: o.applicationId,
    doc: preInformationDocument({ ...letterInput(database, call, o.organisationId, opts.now), lots: o.lots, earliestAwardAt }, t),
  }));
  const outgoing = await renderAndStore(docs, call.slug, opts);
  try {
    writeTx((tx) => {
      const current = procedureRow(tx, call.id);
      if (!current || current.status !== "approved" || current.id !== procedure.id) throw new DomainError("CONFLICT", "award.refusal.changedMeanwhile");
      assertNotDecided(callRow(tx, call.id));
      const written = insertNotices(tx, outgoing, call.id, opts.officerUserId, opts.now, earliestAwardAt);
      tx.update(awardProcedures).set({ status: "preInformed", preInformedAt: opts.now, earliestAwardAt }).where(eq(awardProcedures.id, procedure.id)).run();
      appendAudit(tx, {
        at: opts.now,
        actorUserId: opts.officerUserId,
        action: "award.pre-information-sent",
        objectType: "call",
        objectId: call.id,
        details: { procedureId: procedure.id, earliestAwardAt: earliestAwardAt.toISOString(), notices: written.map((w) => ({ noticeId: w.noticeId, organisationId: w.organisationId, fileSha256: w.sha256 })) },
      });
    }, database);
  } catch (error) {
    await removeStored(outgoing, opts);
    throw error;
  }
  const mailsSent = await mailNotices(database, call.id, outgoing, opts);
  return { notices: outgoing.length, mailsSent, earliestAwardAt };
}

// ---------------------------------------------------------------------------------------
// Rügen

/** A complaint (Rüge, Nachprüfungsantrag) received after the Vorabinformation: stops the award. */
export function recordComplaint(opts: {
  officerUserId: string;
  callId: string;
  organisationId: string | null;
  lotId: string | null;
  receivedAt: Date;
  summary: string;
  now: Date;
  db?: Db;
}): { complaintId: string } {
  const summary = checkReason(opts.summary, "award.refusal.what.complaint");
  return writeTx((tx) => {
    const officer = requireOfficer(tx, opts.officerUserId);
    const call = callRow(tx, opts.callId);
    assertNotDecided(call);
    const procedure = procedureRow(tx, call.id);
    if (!procedure || procedure.status !== "preInformed") throw new DomainError("CONFLICT", "award.refusal.complaintBeforePreInformation");
    if (opts.receivedAt.getTime() > opts.now.getTime()) throw new DomainError("INVALID", "award.refusal.complaintInFuture");
    if (opts.organisationId && !countingEntries(tx, call.id).some((e) => e.organisationId === opts.organisationId)) throw new DomainError("NOT_FOUND", "notFound.carrier");
    if (opts.lotId && !tx.select({ id: lots.id }).from(lots).where(and(eq(lots.id, opts.lotId), eq(lots.callId, call.id))).get()) throw new DomainError("NOT_FOUND", "notFound.lot");
    const complaintId = tx
      .insert(complaints)
      .values({ callId: call.id, organisationId: opts.organisationId, lotId: opts.lotId, receivedAt: opts.receivedAt, summary, recordedByUserId: officer.id, recordedAt: opts.now })
      .returning({ id: complaints.id })
      .get().id;
    appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: "award.complaint-recorded",
      objectType: "call",
      objectId: call.id,
      details: { complaintId, organisationId: opts.organisationId, lotId: opts.lotId, receivedAt: opts.receivedAt.toISOString() },
    });
    return { complaintId };
  }, opts.db ?? defaultDb());
}

export function resolveComplaint(opts: { officerUserId: string; complaintId: string; resolution: string; now: Date; db?: Db }) {
  const resolution = checkReason(opts.resolution, "award.refusal.what.resolution");
  writeTx((tx) => {
    const officer = requireOfficer(tx, opts.officerUserId);
    const complaint = tx.select().from(complaints).where(eq(complaints.id, opts.complaintId)).get();
    if (!complaint) throw new DomainError("NOT_FOUND", "notFound.complaint");
    if (complaint.resolvedAt) throw new DomainError("CONFLICT", "award.refusal.complaintResolved");
    tx.update(complaints).set({ resolvedAt: opts.now, resolution, resolvedByUserId: officer.id }).where(eq(complaints.id, complaint.id)).run();
    appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: "award.complaint-resolved",
      objectType: "call",
      objectId: complaint.callId,
      details: { complaintId: complaint.id },
    });
  }, opts.db ?? defaultDb());
}

function openComplaints(database: Reader, callId: string) {
  return database.select({ id: complaints.id }).from(complaints).where(and(eq(complaints.callId, callId), isNull(complaints.resolvedAt))).all();
}

// ---------------------------------------------------------------------------------------
// Zuschlag

function assertAwardAllowed(database: Reader, call: CallRow, procedure: ReturnType<typeof procedureRow>, now: Date) {
  if (!procedure || procedure.status !== "preInformed" || !procedure.earliestAwardAt) {
    throw new DomainError("CONFLICT", "award.refusal.awardNeedsPreInformation");
  }
  if (now.getTime() < procedure.earliestAwardAt.getTime()) {
    throw new DomainError("CONFLICT", "award.refusal.standstill", { date: procedure.earliestAwardAt });
  }
  const open = openComplaints(database, call.id);
  if (open.length) throw new DomainError("CONFLICT", "award.refusal.openComplaints", { open: open.length });
}

/** Zuschlag: decisions become awarded or rejected, award and rejection letters go out. */
export async function awardContracts(opts: { officerUserId: string; callId: string; now: Date; db?: Db } & SendOptions): Promise<SentNotices> {
  const database = opts.db ?? defaultDb();
  const t = translator("de");
  requireOfficer(database, opts.officerUserId);
  const call = callRow(database, opts.callId);
  assertNotDecided(call);
  const procedure = procedureRow(database, call.id);
  assertAwardAllowed(database, call, procedure, opts.now);
  const outcomes = outcomesOf(database, call, readAllocation(procedure!));
  const docs = [...outcomes.values()].map((o) => {
    const input = { ...letterInput(database, call, o.organisationId, opts.now), lots: o.lots.filter((l) => l.status !== "cancelled") };
    const won = o.lots.some((l) => l.awardedHundredths > 0);
    return { organisationId: o.organisationId, applicationId: o.applicationId, doc: won ? awardDocument(input, t) : rejectionDocument(input, t) };
  });
  const outgoing = await renderAndStore(docs, call.slug, opts);
  try {
    writeTx((tx) => {
      const current = procedureRow(tx, call.id);
      const currentCall = callRow(tx, call.id);
      assertNotDecided(currentCall);
      assertAwardAllowed(tx, currentCall, current, opts.now);
      const lotIds = lotIdsOf(tx, call.id);
      tx.update(awardDecisions).set({ status: "awarded", decidedByUserId: opts.officerUserId, decidedAt: opts.now }).where(and(inArray(awardDecisions.lotId, lotIds), ne(awardDecisions.fteAwardedHundredths, 0))).run();
      tx.update(awardDecisions).set({ status: "rejected", decidedByUserId: opts.officerUserId, decidedAt: opts.now }).where(and(inArray(awardDecisions.lotId, lotIds), eq(awardDecisions.fteAwardedHundredths, 0))).run();
      const written = insertNotices(tx, outgoing, call.id, opts.officerUserId, opts.now, null);
      tx.update(awardProcedures).set({ status: "awarded", awardedAt: opts.now, awardedByUserId: opts.officerUserId }).where(eq(awardProcedures.id, current!.id)).run();
      tx.update(calls).set({ status: "awarded", updatedAt: opts.now }).where(eq(calls.id, call.id)).run();
      appendAudit(tx, {
        at: opts.now,
        actorUserId: opts.officerUserId,
        action: "award.awarded",
        objectType: "call",
        objectId: call.id,
        details: {
          procedureId: current!.id,
          awards: decisionsOf(tx, call.id).filter((d) => d.status === "awarded").map((d) => ({ lotId: d.lotId, submissionId: d.submissionId, hundredths: d.fteAwardedHundredths })),
          notices: written.map((w) => ({ noticeId: w.noticeId, organisationId: w.organisationId, kind: w.kind, fileSha256: w.sha256 })),
        },
      });
    }, database);
  } catch (error) {
    await removeStored(outgoing, opts);
    throw error;
  }
  // The awarded contracts become the regions' staffing plan (Stellenplan), kept as history.
  // The award is committed by now: a plan that cannot be computed must not keep the letters
  // from being mailed (the plan page then computes it live and says what is missing).
  try {
    computeStaffingPlan({ callId: call.id, trigger: "award", userId: opts.officerUserId, now: opts.now, db: database });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  const mailsSent = await mailNotices(database, call.id, outgoing, opts);
  return { notices: outgoing.length, mailsSent };
}

// ---------------------------------------------------------------------------------------
// Aufhebung

/** Every organisation that applied to the call and did not withdraw. */
function applicants(database: Reader, callId: string) {
  return database
    .select({ applicationId: applications.id, organisationId: organisations.id, organisationName: organisations.name })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(and(eq(applications.callId, callId), ne(applications.status, "withdrawn")))
    .orderBy(asc(organisations.name))
    .all();
}

async function cancel(opts: { officerUserId: string; callId: string; lotId: string | null; reason: string; now: Date; db?: Db } & SendOptions): Promise<SentNotices> {
  const database = opts.db ?? defaultDb();
  const t = translator("de");
  const reason = checkReason(opts.reason, "award.refusal.what.cancellation");
  requireOfficer(database, opts.officerUserId);
  const call = callRow(database, opts.callId);
  assertNotDecided(call);
  let label: string | null = null;
  if (opts.lotId) {
    const lot = loadCallView(call.slug, { includeDrafts: true, db: database })!.lots.find((l) => l.id === opts.lotId);
    if (!lot) throw new DomainError("NOT_FOUND", "notFound.lot");
    if (lot.cancelled) throw new DomainError("CONFLICT", "award.refusal.lotCancelled");
    label = lotLabel(lot);
  }
  const docs = applicants(database, call.id).map((a) => ({
    organisationId: a.organisationId,
    applicationId: a.applicationId,
    doc: cancellationDocument({ ...letterInput(database, call, a.organisationId, opts.now), lotLabel: label, reason }, t),
  }));
  const outgoing = await renderAndStore(docs, call.slug, opts);
  try {
    writeTx((tx) => {
      const current = callRow(tx, call.id);
      assertNotDecided(current);
      if (opts.lotId) {
        const done = tx
          .update(lots)
          .set({ cancelledAt: opts.now, cancellationReason: reason })
          .where(and(eq(lots.id, opts.lotId), eq(lots.callId, call.id), isNull(lots.cancelledAt)))
          .run();
        if (done.changes !== 1) throw new DomainError("CONFLICT", "award.refusal.lotCancelled");
        // The lot leaves the proposal; an approved proposal must be approved again.
        tx.delete(awardDecisions).where(eq(awardDecisions.lotId, opts.lotId)).run();
        const procedure = procedureRow(tx, call.id);
        if (procedure) {
          const allocation = readAllocation(procedure);
          tx.update(awardProcedures)
            .set({
              allocation: { ...allocation, lots: allocation.lots.filter((l) => l.lotId !== opts.lotId) },
              ...(procedure.status === "approved" ? { status: "proposed" as const, approvedAt: null, approvedByUserId: null } : {}),
            })
            .where(eq(awardProcedures.id, procedure.id))
            .run();
          if (procedure.status === "approved") {
            tx.update(awardDecisions).set({ status: "proposed" }).where(and(inArray(awardDecisions.lotId, lotIdsOf(tx, call.id)), eq(awardDecisions.status, "approved"))).run();
          }
        }
      } else {
        tx.update(calls).set({ status: "cancelled", cancelledAt: opts.now, cancellationReason: reason, updatedAt: opts.now }).where(eq(calls.id, call.id)).run();
      }
      const written = insertNotices(tx, outgoing, call.id, opts.officerUserId, opts.now, null);
      appendAudit(tx, {
        at: opts.now,
        actorUserId: opts.officerUserId,
        action: opts.lotId ? "call.lot-cancelled" : "call.cancelled",
        objectType: "call",
        objectId: call.id,
        details: { lotId: opts.lotId, reason, notices: written.map((w) => ({ noticeId: w.noticeId, organisationId: w.organisationId, fileSha256: w.sha256 })) },
      });
    }, database);
  } catch (error) {
    await removeStored(outgoing, opts);
    throw error;
  }
  const mailsSent = await mailNotices(database, call.id, outgoing, opts);
  return { notices: outgoing.length, mailsSent };
}

/** Aufhebung des Aufrufs: status "cancelled", notices to every carrier that applied. */
export function cancelCall(opts: { officerUserId: string; callId: string; reason: string; now: Date; db?: Db } & SendOptions): Promise<SentNotices> {
  return cancel({ ...opts, lotId: null });
}

/** Aufhebung eines Loses: the lot leaves the procedure; notices to every carrier that applied. */
export function cancelLot(opts: { officerUserId: string; callId: string; lotId: string; reason: string; now: Date; db?: Db } & SendOptions): Promise<SentNotices> {
  return cancel(opts);
}

// ---------------------------------------------------------------------------------------
// Reading: the officers' page, the carriers' notices

export type NoticeListEntry = { id: string; kind: NoticeKind; organisationName: string | null; sentAt: Date; earliestAwardAt: Date | null; fileId: string | null; body: string };

function noticesOfCall(database: Reader, callId: string): NoticeListEntry[] {
  return database
    .select({ id: notices.id, kind: notices.kind, organisationName: organisations.name, sentAt: notices.sentAt, earliestAwardAt: notices.earliestAwardAt, fileId: notices.storedFileId, body: notices.body })
    .from(notices)
    .leftJoin(organisations, eq(organisations.id, notices.organisationId))
    .where(eq(notices.callId, callId))
    .orderBy(asc(notices.sentAt), asc(organisations.name))
    .all();
}

export type AwardOverview = {
  call: { id: string; slug: string; title: string; status: string; isDemo: boolean; allowLotSplit: boolean; maxLotsPerCarrier: number | null; cancelledAt: Date | null; cancellationReason: string | null };
  blockers: Refusal[];
  procedure: {
    status: "proposed" | "approved" | "preInformed" | "awarded";
    proposedAt: Date;
    approvedAt: Date | null;
    preInformedAt: Date | null;
    earliestAwardAt: Date | null;
    awardedAt: Date | null;
    figuresAsOf: Date | null;
    remaining: StandstillRemaining;
    awardAllowedNow: boolean;
  } | null;
  figures: StoredAllocation["figures"];
  lots: (Omit<StoredAllocation["lots"][number], "bids"> & {
    awardedHundredths: number;
    uncoveredHundredths: number;
    bids: (StoredAllocation["lots"][number]["bids"][number] & { fteHundredths: number; changeReason: string | null; decisionStatus: string })[];
  })[];
  excluded: StoredAllocation["excluded"];
  complaints: { id: string; organisationName: string | null; lotNumber: number | null; receivedAt: Date; summary: string; resolvedAt: Date | null; resolution: string | null }[];
  notices: NoticeListEntry[];
  cancellationNotices: number;
  bidders: { organisationId: string; organisationName: string }[];
  lotChoices: { id: string; number: number; label: string; cancelled: boolean }[];
};

/** Everything the officers' award page shows, with the standstill countdown at `now`. */
export function awardOverview(opts: { officerUserId: string; callId: string; now: Date; db?: Db }): AwardOverview {
  const database = opts.db ?? defaultDb();
  requireOfficer(database, opts.officerUserId);
  const call = callRow(database, opts.callId);
  const procedure = procedureRow(database, call.id);
  const allocation = procedure ? readAllocation(procedure) : null;
  const decisions = decisionsOf(database, call.id);
  const view = loadCallView(call.slug, { includeDrafts: true, db: database })!;
  const lotNumbers = new Map(view.lots.map((l) => [l.id, l.number]));
  const complaintRows = database
    .select({ id: complaints.id, organisationName: organisations.name, lotId: complaints.lotId, receivedAt: complaints.receivedAt, summary: complaints.summary, resolvedAt: complaints.resolvedAt, resolution: complaints.resolution })
    .from(complaints)
    .leftJoin(organisations, eq(organisations.id, complaints.organisationId))
    .where(eq(complaints.callId, call.id))
    .orderBy(asc(complaints.receivedAt))
    .all();
  const open = complaintRows.some((c) => c.resolvedAt === null);
  const opened = loadOpeningRecord(call.id, database) !== null;
  const remaining = procedure?.preInformedAt && procedure.status === "preInformed" ? standstillRemaining(procedure.preInformedAt, opts.now) : null;
  return {
    call: {
      id: call.id,
      slug: call.slug,
      title: call.title,
      status: call.status,
      isDemo: call.isDemo,
      allowLotSplit: call.allowLotSplit,
      maxLotsPerCarrier: call.maxLotsPerCarrier,
      cancelledAt: call.cancelledAt,
      cancellationReason: call.cancellationReason,
    },
    blockers: procedure ? [] : proposalBlockers(database, call.id),
    procedure: procedure
      ? {
          status: procedure.status,
          proposedAt: procedure.proposedAt,
          approvedAt: procedure.approvedAt,
          preInformedAt: procedure.preInformedAt,
          earliestAwardAt: procedure.earliestAwardAt,
          awardedAt: procedure.awardedAt,
          figuresAsOf: procedure.figuresAsOf,
          remaining,
          awardAllowedNow:
            procedure.status === "preInformed" && procedure.earliestAwardAt !== null && opts.now.getTime() >= procedure.earliestAwardAt.getTime() && !open,
        }
      : null,
    figures: allocation?.figures ?? [],
    lots: (allocation?.lots ?? []).map((l) => {
      const bids = l.bids.map((b) => {
        const d = decisions.find((x) => x.lotId === l.lotId && x.submissionId === b.submissionId);
        return { ...b, fteHundredths: d?.fteAwardedHundredths ?? 0, changeReason: d?.changeReason ?? null, decisionStatus: d?.status ?? "proposed" };
      });
      const awarded = bids.reduce((s, b) => s + b.fteHundredths, 0);
      return { ...l, bids, awardedHundredths: awarded, uncoveredHundredths: Math.max(0, l.requiredHundredths - awarded) };
    }),
    excluded: allocation?.excluded ?? [],
    complaints: complaintRows.map((c) => ({ ...c, lotNumber: c.lotId ? (lotNumbers.get(c.lotId) ?? null) : null })),
    // Before the opening not even the names of the applicants are shown.
    notices: opened ? noticesOfCall(database, call.id) : [],
    cancellationNotices: database.select({ id: notices.id }).from(notices).where(and(eq(notices.callId, call.id), eq(notices.kind, "cancellation"))).all().length,
    bidders: countingEntries(database, call.id).map((e) => ({ organisationId: e.organisationId, organisationName: e.organisationName })),
    lotChoices: view.lots.map((l) => ({ id: l.id, number: l.number, label: lotLabel(l), cancelled: l.cancelled })),
  };
}

/** The notices one organisation received, newest first (its members' dashboard). */
export function noticesForOrganisation(organisationId: string, database: Reader = defaultDb()) {
  return database
    .select({ id: notices.id, kind: notices.kind, sentAt: notices.sentAt, earliestAwardAt: notices.earliestAwardAt, fileId: notices.storedFileId, body: notices.body, callTitle: calls.title, callSlug: calls.slug })
    .from(notices)
    .innerJoin(calls, eq(calls.id, notices.callId))
    .where(eq(notices.organisationId, organisationId))
    .orderBy(desc(notices.sentAt))
    .all();
}
