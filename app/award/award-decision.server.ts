// After the approved proposal: the Vorabinformation (§ 134 GWB) to every bidder, the
// standstill until earliestAwardDate(sentAt) (standstill.ts), and the Zuschlag, refused
// before that instant by the server clock and for an officer who wrote the proposal (four
// eyes, § 58 Abs. 5 VgV); a lot an open complaint (Rüge) names waits for a later round of
// the award (complaint-rules.ts). Each step is
// one transaction with its audit entry; its letters go out through the notice pipeline
// (notices.server.ts).
import { and, eq, inArray, ne } from "drizzle-orm";
import { translator, type Locale } from "../i18n";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, writeTx, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { awardDecisions, awardProcedures, calls } from "../infra/schema";
import { concludeContracts } from "../contracts/contracts.server";
import { computeStaffingPlan } from "../staffing/plans.server";
import { requireOfficer } from "../evaluation/opening.server";
import { loadCallView } from "../procurement/calls.server";
import { lotsToAward } from "./complaint-rules";
import { mailCooperationRequests, requestCooperations } from "./cooperation.server";
import { heldBackLots } from "./complaints.server";
import { awardDocument, preInformationDocument, rejectionDocument } from "./letters";
import { deliverNotices, insertNotices, letterInput, outcomesOf, type SendOptions, type SentNotices } from "./notices.server";
import { fixAwardValues } from "./award-values.server";
import { assertNotAuthor, assertNotDecided, callRow, decisionsOf, lotIdsOf, lotLabel, procedureRow, readAllocation, userNames, type CallRow, type ProcedureRow, type Reader } from "./records.server";
import { earliestAwardDate } from "./standstill";

// ---------------------------------------------------------------------------------------
// Vorabinformation

/** Vorabinformation (§ 134 GWB) to every bidder; the standstill runs from `now`. */
export async function sendPreInformation(opts: { officerUserId: string; callId: string; now: Date; db?: Db } & SendOptions): Promise<SentNotices & { earliestAwardAt: Date }> {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const call = await callRow(database, opts.callId);
  assertNotDecided(call);
  const procedure = await procedureRow(database, call.id);
  if (!procedure || procedure.status !== "approved") throw new DomainError("CONFLICT", "award.refusal.preInformationNeedsApproval");
  const earliestAwardAt = earliestAwardDate(opts.now);
  const outcomes = await outcomesOf(database, call, readAllocation(procedure));
  const docs = [];
  for (const o of outcomes.values()) {
    const input = await letterInput(database, call, o.organisationId, opts.now);
    docs.push({
      organisationId: o.organisationId,
      applicationId: o.applicationId,
      write: (locale: Locale) => preInformationDocument({ ...input, lots: o.lots, earliestAwardAt, locale }, translator(locale)),
    });
  }
  const sent = await deliverNotices(database, call, docs, opts, {
    record: (outgoing) =>
      writeTx(async (tx) => {
        const current = await procedureRow(tx, call.id);
        if (!current || current.status !== "approved" || current.id !== procedure.id) throw new DomainError("CONFLICT", "award.refusal.changedMeanwhile");
        assertNotDecided(await callRow(tx, call.id));
        const written = await insertNotices(tx, outgoing, call.id, opts.officerUserId, opts.now, earliestAwardAt);
        await tx.update(awardProcedures).set({ status: "preInformed", preInformedAt: opts.now, earliestAwardAt }).where(eq(awardProcedures.id, procedure.id));
        await appendAudit(tx, {
          at: opts.now,
          actorUserId: opts.officerUserId,
          action: "award.pre-information-sent",
          objectType: "call",
          objectId: call.id,
          details: { procedureId: procedure.id, earliestAwardAt: earliestAwardAt.toISOString(), notices: written.map((w) => ({ noticeId: w.noticeId, organisationId: w.organisationId, fileSha256: w.sha256 })) },
        });
      }, database),
  });
  return { ...sent, earliestAwardAt };
}

// ---------------------------------------------------------------------------------------
// Zuschlag

// Four eyes (§ 58 Abs. 5 VgV, decision 0013): the award is refused for an author of the proposal (who computed
// or changed it); the officer who approved it may award, having taken no part in writing it.
// Who acts is checked before when: the proposer is told so even during the standstill.
// Returns the proposal's authors.
async function assertAwardAllowed(database: Reader, call: CallRow, procedure: ProcedureRow, officerUserId: string, now: Date): Promise<string[]> {
  if (!procedure || procedure.status !== "preInformed" || !procedure.earliestAwardAt) {
    throw new DomainError("CONFLICT", "award.refusal.awardNeedsPreInformation");
  }
  const authors = await assertNotAuthor(database, call.id, procedure, officerUserId, "award.refusal.awardOwnProposal");
  if (now.getTime() < procedure.earliestAwardAt.getTime()) {
    throw new DomainError("CONFLICT", "award.refusal.standstill", { date: procedure.earliestAwardAt });
  }
  return authors;
}

/**
 * The lots one round of the award decides (undecided, held back by no open complaint), those
 * that wait for a complaint, and whether it is the first round; refused when every lot still
 * undecided waits.
 */
export async function awardRound(database: Reader, callId: string) {
  const decisions = await decisionsOf(database, callId);
  const undecided = [...new Set(decisions.filter((d) => d.status === "approved").map((d) => d.lotId))];
  const held = await heldBackLots(database, callId);
  const round = lotsToAward(undecided, held);
  return { ...round, held, first: !decisions.some((d) => d.status === "awarded" || d.status === "rejected") };
}

async function assertSomethingToAward(database: Db, call: CallRow, round: Awaited<ReturnType<typeof awardRound>>) {
  if (round.now.length || !round.waiting.length) return;
  const labels = (await loadCallView(call.slug, { includeDrafts: true, db: database }))!
    .lots.filter((l) => round.waiting.includes(l.id))
    .map(lotLabel);
  throw new DomainError("CONFLICT", "complaint.refusal.allLotsWait", { lots: labels.join("; ") });
}

/**
 * Zuschlag: the decisions of every lot no open complaint holds back become awarded or
 * rejected, and the award and rejection letters for those lots go out; the lots a complaint
 * holds back wait for a later round, after its decision. The call is awarded (and its
 * staffing plan computed) with the round that leaves no lot waiting.
 */
export async function awardContracts(opts: { officerUserId: string; callId: string; now: Date; db?: Db } & SendOptions): Promise<SentNotices & { waiting: number; cooperationMails: number }> {
  const database = opts.db ?? defaultDb();
  const officer = await requireOfficer(database, opts.officerUserId);
  const call = await callRow(database, opts.callId);
  assertNotDecided(call);
  const procedure = await procedureRow(database, call.id);
  await assertAwardAllowed(database, call, procedure, opts.officerUserId, opts.now);
  const round = await awardRound(database, call.id);
  await assertSomethingToAward(database, call, round);
  // The first round writes about every lot but those waiting (cancelled and excluded ones
  // too); a later round only about the lots it decides.
  const letterLots = new Set(round.first ? (await lotIdsOf(database, call.id)).filter((l) => !round.waiting.includes(l)) : round.now);
  const outcomes = await outcomesOf(database, call, readAllocation(procedure!), letterLots);
  const docs = [];
  for (const o of outcomes.values()) {
    const input = { ...(await letterInput(database, call, o.organisationId, opts.now)), lots: o.lots.filter((l) => l.status !== "cancelled") };
    const won = o.lots.some((l) => l.awardedHundredths > 0);
    const write = (locale: Locale) => (won ? awardDocument({ ...input, locale }, translator(locale)) : rejectionDocument({ ...input, locale }, translator(locale)));
    docs.push({ organisationId: o.organisationId, applicationId: o.applicationId, write });
  }
  const last = round.waiting.length === 0;
  let cooperationsAsked: string[] = [];
  const sent = await deliverNotices(database, call, docs, opts, {
    record: (outgoing) =>
      writeTx(async (tx) => {
        const current = await procedureRow(tx, call.id);
        const currentCall = await callRow(tx, call.id);
        assertNotDecided(currentCall);
        // Read before the decisions are marked with the awarding officer.
        const authors = await assertAwardAllowed(tx, currentCall, current, opts.officerUserId, opts.now);
        const names = await userNames(tx, [...authors, ...(current!.approvedByUserId ? [current!.approvedByUserId] : [])]);
        const person = (userId: string | null) => ({ userId, name: userId ? (names.get(userId) ?? null) : null });
        // A complaint filed or decided since the letters were rendered changes the round.
        const again = await awardRound(tx, call.id);
        if (again.now.join() !== round.now.join() || again.waiting.join() !== round.waiting.join()) throw new DomainError("CONFLICT", "award.refusal.changedMeanwhile");
        const decide = and(inArray(awardDecisions.lotId, round.now), eq(awardDecisions.status, "approved"));
        await tx.update(awardDecisions).set({ status: "awarded", decidedByUserId: opts.officerUserId, decidedAt: opts.now }).where(and(decide, ne(awardDecisions.fteAwardedHundredths, 0)));
        await tx.update(awardDecisions).set({ status: "rejected", decidedByUserId: opts.officerUserId, decidedAt: opts.now }).where(and(decide, eq(awardDecisions.fteAwardedHundredths, 0)));
        // The Auftragswert is fixed now, so that the public result never reads a bid (decision 0033).
        await fixAwardValues(tx, call.id);
        const written = await insertNotices(tx, outgoing, call.id, opts.officerUserId, opts.now, null);
        // A tandem this round leaves split across carriers: each of them is asked to declare cooperation.
        cooperationsAsked = await requestCooperations(tx, database, call.id, opts.now);
        if (last) {
          await tx.update(awardProcedures).set({ status: "awarded", awardedAt: opts.now, awardedByUserId: opts.officerUserId }).where(eq(awardProcedures.id, current!.id));
          await tx.update(calls).set({ status: "awarded", updatedAt: opts.now }).where(eq(calls.id, call.id));
        }
        const decided = await decisionsOf(tx, call.id);
        await appendAudit(tx, {
          at: opts.now,
          actorUserId: opts.officerUserId,
          action: "award.awarded",
          objectType: "call",
          objectId: call.id,
          details: {
            procedureId: current!.id,
            proposedBy: person(current!.proposedByUserId),
            authors: authors.map(person),
            approvedBy: person(current!.approvedByUserId),
            awardedBy: { userId: officer.id, name: officer.name },
            lotIds: round.now,
            waiting: round.waiting.map((lotId) => ({ lotId, complaintIds: round.held.get(lotId) ?? [] })),
            awards: decided
              .filter((d) => d.status === "awarded" && round.now.includes(d.lotId))
              .map((d) => ({ lotId: d.lotId, submissionId: d.submissionId, hundredths: d.fteAwardedHundredths })),
            notices: written.map((w) => ({ noticeId: w.noticeId, organisationId: w.organisationId, kind: w.kind, fileSha256: w.sha256 })),
          },
        });
        // Vertragsschluss: a contract per carrier for every lot this round awarded (decision 0022).
        await concludeContracts(tx, { callId: call.id, officerUserId: opts.officerUserId, now: opts.now });
      }, database),
    // The awarded contracts become the regions' staffing plan (Stellenplan), kept as history,
    // once no lot waits. The award is committed by now: a plan that cannot be computed must
    // not keep the letters from being mailed (the plan page then computes it live and says
    // what is missing).
    afterCommit: async () => {
      if (!last) return;
      try {
        await computeStaffingPlan({ callId: call.id, trigger: "award", userId: opts.officerUserId, now: opts.now, db: database });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    },
  });
  // After the award letters: the carriers learn of the split from those first.
  const cooperationMails = await mailCooperationRequests(cooperationsAsked, { ...opts, db: database });
  return { ...sent, cooperationMails, waiting: round.waiting.length };
}
