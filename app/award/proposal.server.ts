// Zuschlagsvorschlag: from the ranking to the proposed allocation, and its approval.
//
//   proposeAward        required FTE per lot (staffing rules × latest client figures),
//                       ranking per lot (excluded bids out), allocateFte; may be recomputed
//                       while "proposed"
//   changeAwardProposal an officer sets one bid's FTE, with a written reason
//   approveAwardProposal by a second officer: not one who computed or changed the proposal
//
// What follows the approval (Vorabinformation, Zuschlag) is in award-decision.server.ts;
// which step a status allows, in steps.ts. Every change is one writeTx with its audit entry.
import { and, eq, inArray } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, writeTx, type Db } from "../infra/db.server";
import { asMessage, DomainError, refusal, type Refusal } from "../infra/errors";
import { awardDecisions, awardProcedures, calls, lots, targetGroups } from "../infra/schema";
import type { CallView } from "../procurement/call-view";
import { loadCallView } from "../procurement/calls.server";
import { latestClientFigures } from "../staffing/figures-read.server";
import { requiredFteByLot, StaffingRuleError } from "../staffing/required-fte";
import { lotResults } from "../evaluation/assessment.server";
import { admittedBids } from "../evaluation/bids.server";
import { listExclusionsForCall } from "../evaluation/formal-check.server";
import { loadOpeningRecord, requireOfficer } from "../evaluation/opening.server";
import { tandemLots } from "../procurement/tandem";
import { formatFte } from "../staffing/required-fte";
import { allocateFte, type AllocationLot, type AllocationTandem, type PairOffer } from "./allocation";
import {
  assertNotAuthor,
  assertNotDecided,
  callRow,
  checkReason,
  decisionsOf,
  lotIdsOf,
  lotLabel,
  procedureRow,
  readAllocation,
  userNames,
  type CallRow,
  type StoredAllocation,
} from "./records.server";

/**
 * The latest client figures as the staffing plan reads them (figures-read.server.ts), with
 * region names, flattened for the proposal's record.
 */
async function figuresForAward(database: Db, view: CallView) {
  const latest = await latestClientFigures(view.id, database);
  const regionName = new Map(view.regions.map((r) => [r.code, r.name]));
  const list = view.regions.flatMap((region) =>
    targetGroups.flatMap((targetGroup) => {
      const f = latest.byRegion[region.code]?.[targetGroup];
      return f ? [{ regionCode: region.code, regionName: regionName.get(region.code)!, targetGroup, count: f.count, asOf: new Date(f.asOf) }] : [];
    }),
  );
  return { list, byRegion: latest.figuresByRegion, asOf: latest.asOf ? new Date(latest.asOf) : null };
}

// ---------------------------------------------------------------------------------------
// Zuschlagsvorschlag

/** Why a proposal cannot be made yet (for the officer, in their language), or [] when it can. */
export async function proposalBlockers(database: Db, callId: string): Promise<Refusal[]> {
  const call = await callRow(database, callId);
  const problems: Refusal[] = [];
  if (call.status === "cancelled") return [refusal("award.refusal.callCancelled")];
  if (!(await loadOpeningRecord(call.id, database))) return [refusal("award.blocker.notOpened")];
  const view = (await loadCallView(call.slug, { includeDrafts: true, db: database }))!;
  const cancelled = new Set(view.lots.filter((l) => l.cancelled).map((l) => l.id));
  const results = await lotResults({ callId, db: database });
  if (!results.lots.some((l) => !cancelled.has(l.lotId) && l.bids.length > 0)) problems.push(refusal("award.blocker.noAdmittedBid"));
  for (const l of results.lots) {
    if (cancelled.has(l.lotId)) continue;
    const open = l.bids.filter((b) => b.rank === null);
    if (open.length) problems.push(refusal("award.blocker.evaluationOpen", { lot: l.number, bidders: open.map((b) => b.organisationName).join(", ") }));
  }
  const figures = await figuresForAward(database, view);
  // A follow-up call states its lots' volume: it needs no figures (decision 0027).
  const needsFigures = view.lots.some((l) => !l.cancelled && l.volumeHundredths === undefined);
  if (figures.list.length === 0 && needsFigures) problems.push(refusal("award.blocker.noFigures"));
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

async function computeAllocation(database: Db, call: CallRow, now: Date): Promise<StoredAllocation> {
  const blockers = await proposalBlockers(database, call.id);
  if (blockers.length) throw new DomainError("CONFLICT", "award.refusal.blocked", { reasons: { sentences: blockers.map(asMessage) } });
  const view = (await loadCallView(call.slug, { includeDrafts: true, db: database }))!;
  const figures = await figuresForAward(database, view);
  const requirements = requiredFteByLot(view, figures.byRegion);
  const results = new Map((await lotResults({ callId: call.id, db: database })).lots.map((l) => [l.lotId, l]));
  const admitted = await admittedBids(database, call.id);
  const offered = new Map(admitted.map((b) => [`${b.lotId}/${b.submissionId}`, b.lot.totals.fteHundredths]));
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
  // The tandems with the ratio of their staffing shares (1 : 1 when a rule gives none), and
  // the admitted bids offered as pairs: both halves must still be in the ranking.
  const shareOf = (roleCode: string) => view.staffingRules.find((r) => r.roleCode === roleCode && r.basis === "clientsPerFte")?.sharePercent ?? 50;
  const lotRole = new Map(view.lots.map((l) => [l.id, l.roleCode]));
  const tandemList = tandemLots(view);
  const tandems: AllocationTandem[] = tandemList.map((t) => ({
    regionCode: t.regionCode,
    lotIds: t.lotIds,
    shares: [shareOf(lotRole.get(t.lotIds[0])!), shareOf(lotRole.get(t.lotIds[1])!)],
    tolerancePercentPoints: view.tandemTolerancePercentPoints,
  }));
  const pairOffers: PairOffer[] = tandemList.flatMap((t) =>
    admitted
      .filter((b) => b.lotId === t.lotIds[0] && b.lot.tandemPairWith === t.lotIds[1])
      .filter((b) => admitted.some((x) => x.submissionId === b.submissionId && x.lotId === t.lotIds[1]))
      .map((b) => ({ organisationId: b.organisationId, lotIds: t.lotIds })),
  );
  const allocation = allocateFte({ lots: input, allowSplit: call.allowLotSplit, maxLotsPerCarrier: call.maxLotsPerCarrier, tandems, pairOffers });
  const nameOf = new Map(admitted.map((b) => [b.organisationId, b.organisationName]));
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
    tandems: allocation.tandems.map((t) => {
      const region = tandemList.find((x) => x.regionCode === t.regionCode)!;
      const names = t.cooperation.map((o) => nameOf.get(o) ?? o);
      return {
        regionName: region.regionName,
        lotIds: t.lotIds,
        awardedHundredths: t.awardedHundredths,
        sharePercent: t.sharePercent,
        split: t.split,
        cooperation: names,
        note: tandemNote(region, t.awardedHundredths, t.split, names),
      };
    }),
    excluded: (await listExclusionsForCall(call.id, database)).map((x) => ({
      submissionId: x.submissionId,
      organisationId: x.organisationId,
      organisationName: x.organisationName,
      lotId: x.lotId,
      lotNumber: x.lotNumber,
      reason: x.reason,
    })),
  };
}

/** What the proposal says of one region's tandem, in German like the allocation's reasons. */
function tandemNote(region: { regionName: string; roleNames: [string, string] }, awarded: [number, number], split: boolean, cooperation: string[]): string {
  const head = `${region.regionName}: Tandem ${region.roleNames[0]} : ${region.roleNames[1]} ${formatFte(awarded[0])} : ${formatFte(awarded[1])} VZÄ`;
  return split
    ? `${head}; kein Tandemangebot deckt beide Lose, das Tandem wird auf mehrere Träger geteilt. Kooperationserklärung erforderlich von: ${cooperation.join(", ")}`
    : awarded[0] === 0 || awarded[1] === 0
      ? `${head}; eine Seite ohne Zuschlag`
      : `${head}; jeder Träger mit beiden Losen`;
}

export type ProposeResult = { procedureId: string; recomputed: boolean; allocation: StoredAllocation };

/**
 * The Zuschlagsvorschlag. Refused while the evaluation is incomplete, without client figures,
 * and once the proposal was approved; a proposal still "proposed" is recomputed (changes an
 * officer made are then replaced by the rule's result, which the audit trail records).
 */
export async function proposeAward(opts: { officerUserId: string; callId: string; now: Date; db?: Db }): Promise<ProposeResult> {
  const database = opts.db ?? defaultDb();
  return writeTx(async (tx) => {
    const officer = await requireOfficer(tx, opts.officerUserId);
    const call = await callRow(tx, opts.callId);
    assertNotDecided(call);
    const existing = await procedureRow(tx, call.id);
    if (existing && existing.status !== "proposed") throw new DomainError("CONFLICT", "award.refusal.approvedNoRecompute");
    const allocation = await computeAllocation(database, call, opts.now);
    let procedureId: string;
    if (existing) {
      procedureId = existing.id;
      const lotIds = (await tx.select({ id: lots.id }).from(lots).where(eq(lots.callId, call.id))).map((l) => l.id);
      if (lotIds.length) await tx.delete(awardDecisions).where(inArray(awardDecisions.lotId, lotIds));
      await tx
        .update(awardProcedures)
        .set({ allocation, figuresAsOf: allocation.figuresAsOf ? new Date(allocation.figuresAsOf) : null, proposedByUserId: officer.id, proposedAt: opts.now })
        .where(eq(awardProcedures.id, existing.id));
    } else {
      [{ id: procedureId }] = await tx
        .insert(awardProcedures)
        .values({
          callId: call.id,
          status: "proposed",
          allocation,
          figuresAsOf: allocation.figuresAsOf ? new Date(allocation.figuresAsOf) : null,
          proposedByUserId: officer.id,
          proposedAt: opts.now,
        })
        .returning({ id: awardProcedures.id });
    }
    for (const lot of allocation.lots) {
      for (const b of lot.bids) {
        await tx.insert(awardDecisions).values({
          lotId: lot.lotId,
          submissionId: b.submissionId,
          rank: b.rank,
          fteAwardedHundredths: b.proposedHundredths,
          proposedFteHundredths: b.proposedHundredths,
          reason: b.reason,
          status: "proposed",
          decidedByUserId: officer.id,
          decidedAt: opts.now,
        });
      }
    }
    await tx.update(calls).set({ status: "award_proposed", updatedAt: opts.now }).where(eq(calls.id, call.id));
    await appendAudit(tx, {
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
export async function changeAwardProposal(opts: {
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
  await writeTx(async (tx) => {
    const officer = await requireOfficer(tx, opts.officerUserId);
    const call = await callRow(tx, opts.callId);
    assertNotDecided(call);
    const procedure = await procedureRow(tx, call.id);
    if (!procedure || (procedure.status !== "proposed" && procedure.status !== "approved")) {
      throw new DomainError("CONFLICT", "award.refusal.changeAfterPreInformation");
    }
    const lot = readAllocation(procedure).lots.find((l) => l.lotId === opts.lotId);
    const bid = lot?.bids.find((b) => b.submissionId === opts.submissionId);
    const decision = (await decisionsOf(tx, call.id)).find((d) => d.lotId === opts.lotId && d.submissionId === opts.submissionId);
    if (!lot || !bid || !decision) throw new DomainError("NOT_FOUND", "notFound.bid");
    const value = opts.fteHundredths;
    if (!Number.isInteger(value) || value < 0) throw new DomainError("INVALID", "award.refusal.fteInvalid");
    if (value > bid.offeredHundredths) throw new DomainError("INVALID", "award.refusal.fteAboveOffer", { fte: { decimal: bid.offeredHundredths / 100, digits: 2 } });
    const others = (await decisionsOf(tx, call.id))
      .filter((d) => d.lotId === opts.lotId && d.submissionId !== opts.submissionId)
      .reduce((s, d) => s + d.fteAwardedHundredths, 0);
    if (others + value > lot.requiredHundredths) {
      throw new DomainError("INVALID", "award.refusal.fteAboveRequirement", { fte: { decimal: lot.requiredHundredths / 100, digits: 2 } });
    }
    await tx
      .update(awardDecisions)
      .set({ fteAwardedHundredths: value, changeReason: reason, decidedByUserId: officer.id, decidedAt: opts.now, status: "proposed" })
      .where(eq(awardDecisions.id, decision.id));
    if (procedure.status === "approved") {
      await tx.update(awardDecisions).set({ status: "proposed" }).where(and(inArray(awardDecisions.lotId, await lotIdsOf(tx, call.id)), eq(awardDecisions.status, "approved")));
      await tx.update(awardProcedures).set({ status: "proposed", approvedAt: null, approvedByUserId: null }).where(eq(awardProcedures.id, procedure.id));
    }
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: "award.proposal-changed",
      objectType: "call",
      objectId: call.id,
      details: { lotId: opts.lotId, submissionId: opts.submissionId, from: decision.fteAwardedHundredths, to: value, proposed: decision.proposedFteHundredths, reason },
    });
  }, opts.db ?? defaultDb());
}

/**
 * Freigabe des Zuschlagsvorschlags, with four eyes (§ 58 Abs. 5 VgV): refused for the officer
 * who computed the proposal and for any officer whose change is in it. (That the approving
 * session proved the second factor is checked by the route, as for the opening.) The audit
 * entry names the authors beside the approving officer.
 */
export async function approveAwardProposal(opts: { officerUserId: string; callId: string; now: Date; db?: Db }) {
  await writeTx(async (tx) => {
    const officer = await requireOfficer(tx, opts.officerUserId);
    const call = await callRow(tx, opts.callId);
    assertNotDecided(call);
    const procedure = await procedureRow(tx, call.id);
    if (!procedure) throw new DomainError("CONFLICT", "award.refusal.noProposal");
    if (procedure.status !== "proposed") throw new DomainError("CONFLICT", "award.refusal.alreadyApproved");
    const authors = await assertNotAuthor(tx, call.id, procedure, officer.id, "award.refusal.approveOwnProposal");
    await tx.update(awardDecisions).set({ status: "approved" }).where(and(inArray(awardDecisions.lotId, await lotIdsOf(tx, call.id)), eq(awardDecisions.status, "proposed")));
    await tx.update(awardProcedures).set({ status: "approved", approvedAt: opts.now, approvedByUserId: officer.id }).where(eq(awardProcedures.id, procedure.id));
    const names = await userNames(tx, authors);
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: officer.id,
      action: "award.approved",
      objectType: "call",
      objectId: call.id,
      details: {
        procedureId: procedure.id,
        proposedBy: { userId: procedure.proposedByUserId, name: procedure.proposedByUserId ? (names.get(procedure.proposedByUserId) ?? null) : null },
        authors: authors.map((userId) => ({ userId, name: names.get(userId) ?? null })),
        approvedBy: { userId: officer.id, name: officer.name },
      },
    });
  }, opts.db ?? defaultDb());
}

