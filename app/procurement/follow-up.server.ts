// Folgeaufruf (issue 14 point 5, decision 0027): what stays uncovered after the award, and a
// follow-up call for it, made in one step as a draft that the editor checks and publishes.
//
//   uncoveredOfCall     per lot: required by the latest figures, contracted on the day (the
//                       call's contracts and those of its follow-up calls, by region and role),
//                       uncovered; what the follow-up's draft would hold
//   createFollowUpCall  the draft, linked to its original (calls.follow_up_of_call_id), audited
//   (followUpsOf and callFamily, the follow-ups and where their lots count: ./call-family.server.ts)
import { eq, inArray } from "drizzle-orm";
import { agreedFteByContract, type AgreedFte } from "../contracts/amendments-read.server";
import { requireOfficer } from "../evaluation/opening.server";
import { berlinDay } from "../i18n/berlin-time";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, first, writeTx, type Db, type Reader } from "../infra/db.server";
import { asMessage, DomainError } from "../infra/errors";
import { calls, contracts } from "../infra/schema";
import { latestClientFigures } from "../staffing/figures-read.server";
import { requiredFteByLot, StaffingRuleError } from "../staffing/required-fte";
import { contractedFteOnDay, uncoveredFteByLot, type UncoveredResult } from "../staffing/uncovered";
import { createDraftFromDefinition, definitionOf } from "./authoring.server";
import { loadCallView } from "./calls.server";
import { followUpDefinition, followUpNaming } from "./follow-up";
import { callFamily, followUpsOf, type FollowUpCall } from "./call-family.server";

// A follow-up is made once the award is decided: before it, nothing is contracted yet.
const DECIDED: readonly string[] = ["awarded", "staffing_active"];

/** Whether a call's status allows a follow-up call (the award is decided). */
export function followUpAllowed(status: string): boolean {
  return DECIDED.includes(status);
}

export type FollowUpPreview = {
  call: { id: string; slug: string; title: string; status: string };
  /** The Berlin day the contracts are counted on: today, or the service start while it lies ahead. */
  day: string;
  result: UncoveredResult;
  /** What the draft would be called and where; null when nothing is uncovered. */
  draft: { slug: string; title: string; ordinal: number } | null;
  followUps: FollowUpCall[];
};

/**
 * FTE contracted per lot of the call on a day: its own contracts and those of its follow-up
 * calls under the call's lot of the same region and role (callFamily), each with the FTE agreed
 * (its accepted amendments, decision 0026: a declined change leaves the gap to the follow-up).
 */
export async function contractedByLotOnDay(callId: string, day: string, database: Reader = defaultDb()): Promise<Map<string, number>> {
  const family = await callFamily(callId, database);
  const rows = await database
    .select({ id: contracts.id, lotId: contracts.lotId, fteHundredths: contracts.fteHundredths, startsAt: contracts.startsAt, endsAt: contracts.endsAt })
    .from(contracts)
    .where(inArray(contracts.callId, family.callIds));
  const agreed: AgreedFte = new Map();
  for (const id of family.callIds) {
    for (const [contractId, value] of await agreedFteByContract(id, database)) agreed.set(contractId, value);
  }
  return contractedFteOnDay(
    rows.flatMap((r) => {
      const lotId = family.originalLotOf.get(r.lotId);
      const fteHundredths = agreed.get(r.id)?.fteHundredths ?? r.fteHundredths;
      return lotId ? [{ lotId, fteHundredths, from: berlinDay(r.startsAt), to: berlinDay(r.endsAt) }] : [];
    }),
    day,
  );
}

/**
 * What stays uncovered in a call on the day its contracts are counted (today, or its service
 * start while that lies ahead): required by the latest figures − contracted, above zero.
 * Refused (INVALID) when a figure the requirement needs is missing.
 */
export async function uncoveredOfCall(opts: { slug: string; now: Date; db?: Reader }): Promise<FollowUpPreview> {
  const database = opts.db ?? defaultDb();
  const view = await loadCallView(opts.slug, { includeDrafts: true, db: database as Db });
  if (!view) throw new DomainError("NOT_FOUND", "notFound.callSlug", { slug: opts.slug });
  const today = berlinDay(opts.now);
  const start = berlinDay(new Date(view.dates.serviceStart));
  const day = start > today ? start : today;
  // Cancelled lots count too: their whole requirement is uncovered.
  const allLots = { ...view, lots: view.lots.map((l) => ({ ...l, cancelled: false })) };
  let requirements;
  try {
    requirements = requiredFteByLot(allLots, (await latestClientFigures(view.id, database as Db)).figuresByRegion);
  } catch (error) {
    if (!(error instanceof StaffingRuleError)) throw error;
    throw new DomainError("INVALID", "followUp.refusal.figuresMissing", { problem: asMessage(error.refusal) });
  }
  const result = uncoveredFteByLot({
    lots: view.lots.map((l) => ({ lotId: l.id, number: l.number, regionCode: l.regionCode, regionName: l.regionName, roleCode: l.roleCode, roleName: l.roleName, cancelled: l.cancelled })),
    requiredByLot: new Map(requirements.map((r) => [r.lotId, r.requiredHundredths])),
    contractedByLot: await contractedByLotOnDay(view.id, day, database),
  });
  const followUps = await followUpsOf(view.id, database);
  const original = { slug: view.slug, title: view.title };
  const ordinal = await nextOrdinal(original, followUps, database);
  return {
    call: { id: view.id, slug: view.slug, title: view.title, status: view.status },
    day,
    result,
    draft: result.uncovered.length ? { ...followUpNaming(original, ordinal), ordinal } : null,
    followUps,
  };
}

/** The first ordinal whose slug is free (a follow-up deleted or a slug taken by hand is skipped). */
async function nextOrdinal(original: { slug: string; title: string }, followUps: FollowUpCall[], database: Reader): Promise<number> {
  for (let n = followUps.length + 1; ; n++) {
    const { slug } = followUpNaming(original, n);
    if (!(await first(database.select({ id: calls.id }).from(calls).where(eq(calls.slug, slug))))) return n;
  }
}

/**
 * Creates the follow-up call in one step: a DRAFT copied from the original's definition,
 * limited to the uncovered lots with their uncovered FTE as volume (follow-up.ts), linked to
 * the original, audited (`call.follow-up-created`). Refused when the award is not decided,
 * nothing is uncovered, figures are missing or the term is over.
 */
export async function createFollowUpCall(opts: { callId: string; officerUserId: string; now: Date; db?: Db }): Promise<{ callId: string; slug: string }> {
  const database = opts.db ?? defaultDb();
  return writeTx(async (tx) => {
    await requireOfficer(tx, opts.officerUserId);
    const row = await first(tx.select({ slug: calls.slug, status: calls.status, isDemo: calls.isDemo }).from(calls).where(eq(calls.id, opts.callId)));
    if (!row) throw new DomainError("NOT_FOUND", "notFound.call");
    if (!followUpAllowed(row.status)) throw new DomainError("CONFLICT", "followUp.refusal.notAwarded");
    const original = await definitionOf(row.slug, database);
    if (!original) throw new DomainError("CONFLICT", "authoring.refusal.noDefinition", { slug: row.slug });
    const preview = await uncoveredOfCall({ slug: row.slug, now: opts.now, db: database });
    if (!preview.draft) throw new DomainError("CONFLICT", "followUp.refusal.nothingUncovered");
    const raw = followUpDefinition({ original, lots: preview.result.uncovered, ordinal: preview.draft.ordinal, now: opts.now });
    const created = await createDraftFromDefinition({ actorUserId: opts.officerUserId, raw, from: row.slug, now: opts.now, db: database });
    // The original's definition was valid: a copy limited to some of its lots is too, unless
    // the original's stored definition is of an older schema (then the editor's messages say why).
    if (!created.ok) throw new DomainError("CONFLICT", "followUp.refusal.copyInvalid", { problem: asMessage(created.errors[0]) });
    // A demo call's follow-up is demo data too (its pages say so).
    await tx.update(calls).set({ followUpOfCallId: opts.callId, isDemo: row.isDemo }).where(eq(calls.id, created.callId));
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.officerUserId,
      action: "call.follow-up-created",
      objectType: "call",
      objectId: created.callId,
      details: {
        slug: created.slug,
        originalCallId: opts.callId,
        originalSlug: row.slug,
        countedOn: preview.day,
        lots: preview.result.uncovered.map((l) => ({ region: l.regionCode, role: l.roleCode, required: l.requiredHundredths, contracted: l.contractedHundredths, uncovered: l.uncoveredHundredths })),
      },
    });
    return { callId: created.callId, slug: created.slug };
  }, database);
}

/** The original call of a follow-up call, or null. */
export async function originalOf(callId: string, database: Reader = defaultDb()): Promise<{ slug: string; title: string } | null> {
  const row = await first(database.select({ originalId: calls.followUpOfCallId }).from(calls).where(eq(calls.id, callId)));
  if (!row?.originalId) return null;
  return (await first(database.select({ slug: calls.slug, title: calls.title }).from(calls).where(eq(calls.id, row.originalId)))) ?? null;
}
