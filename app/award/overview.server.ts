// The award procedure as the officers' pages read it (award and cancellation), with the
// standstill countdown at `now` and the steps the statuses allow (steps.ts), and the notices
// as the carriers' dashboard lists them.
import { tandemSplit } from "./allocation";
import { and, asc, desc, eq } from "drizzle-orm";
import { db as defaultDb, type Db } from "../infra/db.server";
import type { Refusal } from "../infra/errors";
import { calls, notices, organisations, type ComplaintDecision } from "../infra/schema";
import { loadCallView } from "../procurement/calls.server";
import { loadOpeningRecord, requireOfficer } from "../evaluation/opening.server";
import type { NoticeKind } from "./letters";
import { awardRound } from "./award-decision.server";
import { complaintsOfCall, heldBackLots } from "./complaints.server";
import { proposalBlockers } from "./proposal.server";
import { callRow, countingEntries, decisionsOf, lotLabel, procedureRow, proposalAuthors, readAllocation, userNames, type Reader, type StoredAllocation } from "./records.server";
import { standstillRemaining, type StandstillRemaining } from "./standstill";
import { awardSteps, type AwardSteps } from "./steps";

export type NoticeListEntry = { id: string; kind: NoticeKind; organisationName: string | null; sentAt: Date; earliestAwardAt: Date | null; fileId: string | null; body: string };

async function noticesOfCall(database: Reader, callId: string): Promise<NoticeListEntry[]> {
  return database
    .select({ id: notices.id, kind: notices.kind, organisationName: organisations.name, sentAt: notices.sentAt, earliestAwardAt: notices.earliestAwardAt, fileId: notices.storedFileId, body: notices.body })
    .from(notices)
    .leftJoin(organisations, eq(organisations.id, notices.organisationId))
    .where(eq(notices.callId, callId))
    .orderBy(asc(notices.sentAt), asc(organisations.name));
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
    /** Four eyes: who computed, changed (until the award), approved and awarded; names. */
    proposedBy: string | null;
    changedBy: string[];
    approvedBy: string | null;
    awardedBy: string | null;
    /** The viewer computed or changed the proposal: approval and award are not theirs. */
    viewerIsAuthor: boolean;
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
  /** Per region's tandem, on the decisions as they stand (an officer's change may split it). */
  tandems: { regionName: string; awardedHundredths: [number, number]; split: boolean; cooperation: string[] }[];
  complaints: {
    id: string;
    source: "online" | "paper";
    organisationName: string | null;
    lots: { id: string; label: string }[];
    receivedAt: Date;
    summary: string;
    resolvedAt: Date | null;
    decision: ComplaintDecision | null;
    resolution: string | null;
  }[];
  /** The lots whose award waits, each with the open complaints holding it back. */
  waiting: { lotId: string; label: string; complaints: { organisationName: string | null; receivedAt: Date }[] }[];
  notices: NoticeListEntry[];
  cancellationNotices: number;
  bidders: { organisationId: string; organisationName: string }[];
  lotChoices: { id: string; number: number; label: string; cancelled: boolean }[];
  /** What the officer may do next (steps.ts). */
  steps: AwardSteps;
};

/** Everything the officers' award page shows, with the standstill countdown at `now`. */
export async function awardOverview(opts: { officerUserId: string; callId: string; now: Date; db?: Db }): Promise<AwardOverview> {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const call = await callRow(database, opts.callId);
  const procedure = await procedureRow(database, call.id);
  const allocation = procedure ? readAllocation(procedure) : null;
  const decisions = await decisionsOf(database, call.id);
  const view = (await loadCallView(call.slug, { includeDrafts: true, db: database }))!;
  const labels = new Map(view.lots.map((l) => [l.id, lotLabel(l)]));
  const complaintRows = await complaintsOfCall(database, call.id);
  const held = await heldBackLots(database, call.id);
  const round = procedure?.status === "preInformed" ? await awardRound(database, call.id) : null;
  const opened = (await loadOpeningRecord(call.id, database)) !== null;
  // The decisions name their author until the award marks them with the awarding officer.
  const authors = procedure && procedure.status !== "awarded" ? await proposalAuthors(database, call.id, procedure) : [];
  const names = await userNames(database, [...authors, procedure?.proposedByUserId, procedure?.approvedByUserId, procedure?.awardedByUserId].filter((id): id is string => Boolean(id)));
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
  const blockers = procedure ? [] : await proposalBlockers(database, call.id);
  // Before the opening not even the names of the applicants are shown.
  const noticeList = opened ? await noticesOfCall(database, call.id) : [];
  const cancellationNotices = (await database.select({ id: notices.id }).from(notices).where(and(eq(notices.callId, call.id), eq(notices.kind, "cancellation")))).length;
  const bidders = (await countingEntries(database, call.id)).map((e) => ({ organisationId: e.organisationId, organisationName: e.organisationName }));
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
    blockers,
    procedure: procedure
      ? {
          status: procedure.status,
          proposedAt: procedure.proposedAt,
          approvedAt: procedure.approvedAt,
          preInformedAt: procedure.preInformedAt,
          earliestAwardAt: procedure.earliestAwardAt,
          awardedAt: procedure.awardedAt,
          figuresAsOf: procedure.figuresAsOf,
          proposedBy: nameOf(procedure.proposedByUserId),
          changedBy: authors.filter((id) => id !== procedure.proposedByUserId).map((id) => nameOf(id) ?? id),
          approvedBy: nameOf(procedure.approvedByUserId),
          awardedBy: nameOf(procedure.awardedByUserId),
          viewerIsAuthor: authors.includes(opts.officerUserId),
          remaining,
          awardAllowedNow:
            procedure.status === "preInformed" && procedure.earliestAwardAt !== null && opts.now.getTime() >= procedure.earliestAwardAt.getTime() && (round?.now.length ?? 0) > 0,
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
    tandems: (allocation?.tandems ?? []).map((x) => {
      const awards = decisions.filter((d) => x.lotIds.includes(d.lotId)).map((d) => ({ lotId: d.lotId, organisationId: d.submissionId, awardedHundredths: d.fteAwardedHundredths }));
      const names = new Map((allocation?.lots ?? []).flatMap((l) => l.bids.map((b) => [b.submissionId, b.organisationName] as const)));
      const { split, cooperation } = tandemSplit(x.lotIds, awards);
      const sum = (lotId: string) => awards.filter((w) => w.lotId === lotId).reduce((s, w) => s + w.awardedHundredths, 0);
      return { regionName: x.regionName, awardedHundredths: [sum(x.lotIds[0]), sum(x.lotIds[1])], split, cooperation: cooperation.map((id) => names.get(id) ?? id) };
    }),
    complaints: complaintRows.map(({ lotIds, organisationId: _id, ...c }) => ({ ...c, lots: lotIds.map((id) => ({ id, label: labels.get(id) ?? "" })) })),
    waiting: [...held].map(([lotId, ids]) => ({
      lotId,
      label: labels.get(lotId) ?? "",
      complaints: complaintRows.filter((c) => ids.includes(c.id)).map((c) => ({ organisationName: c.organisationName, receivedAt: c.receivedAt })),
    })),
    notices: noticeList,
    cancellationNotices,
    bidders,
    lotChoices: view.lots.map((l) => ({ id: l.id, number: l.number, label: lotLabel(l), cancelled: l.cancelled })),
    steps: awardSteps(call.status, procedure?.status ?? null),
  };
}

/** The notices one organisation received, newest first (its members' dashboard). */
export async function noticesForOrganisation(organisationId: string, database: Reader = defaultDb()) {
  return database
    .select({ id: notices.id, kind: notices.kind, sentAt: notices.sentAt, earliestAwardAt: notices.earliestAwardAt, fileId: notices.storedFileId, body: notices.body, callTitle: calls.title, callSlug: calls.slug })
    .from(notices)
    .innerJoin(calls, eq(calls.id, notices.callId))
    .where(eq(notices.organisationId, organisationId))
    .orderBy(desc(notices.sentAt));
}
