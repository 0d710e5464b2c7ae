// After the approved proposal: the Vorabinformation (§ 134 GWB) to every bidder, the
// standstill until earliestAwardDate(sentAt) (standstill.ts), and the Zuschlag, refused
// before that instant by the server clock, while a complaint (Rüge) is open and for an officer
// who wrote the proposal (four eyes, § 58 Abs. 5 VgV). Each step is
// one transaction with its audit entry; its letters go out through the notice pipeline
// (notices.server.ts).
import { and, eq, inArray, ne } from "drizzle-orm";
import { translator, type Translate } from "../i18n";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, writeTx, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { awardDecisions, awardProcedures, calls } from "../infra/schema";
import { computeStaffingPlan } from "../staffing/plans.server";
import { requireOfficer } from "../evaluation/opening.server";
import { openComplaints } from "./complaints.server";
import { awardDocument, preInformationDocument, rejectionDocument } from "./letters";
import { deliverNotices, insertNotices, letterInput, outcomesOf, type SendOptions, type SentNotices } from "./notices.server";
import { assertNotAuthor, assertNotDecided, callRow, decisionsOf, lotIdsOf, procedureRow, proposalAuthors, readAllocation, userNames, type CallRow, type ProcedureRow, type Reader } from "./records.server";
import { earliestAwardDate } from "./standstill";

// ---------------------------------------------------------------------------------------
// Vorabinformation

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
  const sent = await deliverNotices(database, call, docs, opts, {
    record: (outgoing) =>
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
      }, database),
  });
  return { ...sent, earliestAwardAt };
}

// ---------------------------------------------------------------------------------------
// Zuschlag

// Four eyes (§ 58 Abs. 5 VgV, decision 0013): the award is refused for an author of the proposal (who computed
// or changed it); the officer who approved it may award, having taken no part in writing it.
// Who acts is checked before when: the proposer is told so even during the standstill.
function assertAwardAllowed(database: Reader, call: CallRow, procedure: ProcedureRow, officerUserId: string, now: Date) {
  if (!procedure || procedure.status !== "preInformed" || !procedure.earliestAwardAt) {
    throw new DomainError("CONFLICT", "award.refusal.awardNeedsPreInformation");
  }
  assertNotAuthor(database, call.id, procedure, officerUserId, "award.refusal.awardOwnProposal");
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
  const officer = requireOfficer(database, opts.officerUserId);
  const call = callRow(database, opts.callId);
  assertNotDecided(call);
  const procedure = procedureRow(database, call.id);
  assertAwardAllowed(database, call, procedure, opts.officerUserId, opts.now);
  const outcomes = outcomesOf(database, call, readAllocation(procedure!));
  const docs = [...outcomes.values()].map((o) => {
    const input = { ...letterInput(database, call, o.organisationId, opts.now), lots: o.lots.filter((l) => l.status !== "cancelled") };
    const won = o.lots.some((l) => l.awardedHundredths > 0);
    return { organisationId: o.organisationId, applicationId: o.applicationId, doc: won ? awardDocument(input, t) : rejectionDocument(input, t) };
  });
  return deliverNotices(database, call, docs, opts, {
    record: (outgoing) =>
      writeTx((tx) => {
        const current = procedureRow(tx, call.id);
        const currentCall = callRow(tx, call.id);
        assertNotDecided(currentCall);
        assertAwardAllowed(tx, currentCall, current, opts.officerUserId, opts.now);
        // Read before the decisions are marked with the awarding officer.
        const authors = proposalAuthors(tx, call.id, current!);
        const names = userNames(tx, [...authors, ...(current!.approvedByUserId ? [current!.approvedByUserId] : [])]);
        const person = (userId: string | null) => ({ userId, name: userId ? (names.get(userId) ?? null) : null });
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
            proposedBy: person(current!.proposedByUserId),
            authors: authors.map(person),
            approvedBy: person(current!.approvedByUserId),
            awardedBy: { userId: officer.id, name: officer.name },
            awards: decisionsOf(tx, call.id).filter((d) => d.status === "awarded").map((d) => ({ lotId: d.lotId, submissionId: d.submissionId, hundredths: d.fteAwardedHundredths })),
            notices: written.map((w) => ({ noticeId: w.noticeId, organisationId: w.organisationId, kind: w.kind, fileSha256: w.sha256 })),
          },
        });
      }, database),
    // The awarded contracts become the regions' staffing plan (Stellenplan), kept as history.
    // The award is committed by now: a plan that cannot be computed must not keep the letters
    // from being mailed (the plan page then computes it live and says what is missing).
    afterCommit: () => {
      try {
        computeStaffingPlan({ callId: call.id, trigger: "award", userId: opts.officerUserId, now: opts.now, db: database });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    },
  });
}
