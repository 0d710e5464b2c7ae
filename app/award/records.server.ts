// The rows every part of the award procedure reads (the call, its award procedure, the
// decisions per bid, the stored allocation) and the checks they share. Internal to
// app/award: the proposal, the notices, complaints, cancellation and the overview.
import { and, eq, inArray } from "drizzle-orm";
import type { MessageKey } from "../i18n";
import { first, type Reader } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { awardDecisions, awardProcedures, calls, lots, users, type TargetGroup } from "../infra/schema";
import { loadOpeningRecord } from "../evaluation/opening.server";
import type { AwardStatus } from "./allocation";
import { MAX_REASON_CHARS, MIN_REASON_CHARS } from "./reasons";
import { isDecided } from "./steps";

export type { Reader };

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
  /** Per region's tandem, as the rule left it (absent in proposals made before tandems counted). */
  tandems?: { regionName: string; lotIds: [string, string]; awardedHundredths: [number, number]; sharePercent: number | null; split: boolean; cooperation: string[]; note: string }[];
};

export async function callRow(database: Reader, callId: string) {
  const call = await first(
    database
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
    .where(eq(calls.id, callId)),
  );
  if (!call || call.status === "draft") throw new DomainError("NOT_FOUND", "notFound.call");
  return call;
}

export type CallRow = Awaited<ReturnType<typeof callRow>>;

export async function procedureRow(database: Reader, callId: string) {
  return (await first(database.select().from(awardProcedures).where(eq(awardProcedures.callId, callId)))) ?? null;
}

export type ProcedureRow = Awaited<ReturnType<typeof procedureRow>>;

export function lotLabel(l: { number: number; roleName: string; regionName: string }): string {
  return `Los ${l.number}: ${l.roleName}, ${l.regionName}`;
}

/** The bidders of an opened call: its counting versions (excluded ones included). */
export async function countingEntries(database: Reader, callId: string) {
  return (await loadOpeningRecord(callId, database))?.record.counting ?? [];
}

export function readAllocation(row: { allocation: unknown }): StoredAllocation {
  return row.allocation as StoredAllocation;
}

export async function decisionsOf(database: Reader, callId: string) {
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
    .where(eq(lots.callId, callId));
}

export async function lotIdsOf(database: Reader, callId: string): Promise<string[]> {
  return (await database.select({ id: lots.id }).from(lots).where(eq(lots.callId, callId))).map((l) => l.id);
}

export function assertNotDecided(call: CallRow) {
  if (call.status === "cancelled") throw new DomainError("CONFLICT", "award.refusal.callCancelled");
  if (isDecided(call.status)) throw new DomainError("CONFLICT", "award.refusal.alreadyAwarded");
}

export function checkReason(reason: string, what: MessageKey): string {
  const text = reason.trim();
  if (text.length < MIN_REASON_CHARS) throw new DomainError("INVALID", "award.refusal.reasonTooShort", { what: { message: what }, min: MIN_REASON_CHARS });
  if (text.length > MAX_REASON_CHARS) throw new DomainError("INVALID", "award.refusal.reasonTooLong", { what: { message: what }, max: MAX_REASON_CHARS });
  return text;
}

// ---------------------------------------------------------------------------------------
// Four eyes (§ 58 Abs. 5 VgV)

/**
 * Who wrote the proposal as it stands: the officer who (last) computed it and every officer
 * whose change of a bid's FTE is in it. Neither may approve it nor award on it.
 */
export async function proposalAuthors(database: Reader, callId: string, procedure: NonNullable<ProcedureRow>): Promise<string[]> {
  const changers = (
    await database
      .select({ userId: awardDecisions.decidedByUserId })
    .from(awardDecisions)
    .innerJoin(lots, eq(lots.id, awardDecisions.lotId))
    // A lot awarded in an earlier round (complaints, decision 0014) names its awarding officer.
    .where(and(eq(lots.callId, callId), inArray(awardDecisions.status, ["proposed", "approved"])))
  ).map((r) => r.userId);
  return [...new Set([procedure.proposedByUserId, ...changers].filter((id): id is string => Boolean(id)))];
}

/**
 * The four-eyes rule of the approval and the award: refused for an author of the proposal
 * (`key` says which step); returns the authors, for the audit entry. Only the decisions still
 * proposed or approved name their author; the award itself overwrites them with the awarding
 * officer.
 */
export async function assertNotAuthor(
  database: Reader,
  callId: string,
  procedure: NonNullable<ProcedureRow>,
  officerUserId: string,
  key: "award.refusal.approveOwnProposal" | "award.refusal.awardOwnProposal",
): Promise<string[]> {
  const authors = await proposalAuthors(database, callId, procedure);
  if (authors.includes(officerUserId)) throw new DomainError("FORBIDDEN", key);
  return authors;
}

/** Names of officers by id (for the audit trail's details and the Vergabevermerk). */
export async function userNames(database: Reader, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return new Map((await database.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]));
}
