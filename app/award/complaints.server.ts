// Rügen: a complaint (Rüge, Nachprüfungsantrag) received after the Vorabinformation is
// recorded with the day it came in and stops the award (award-decision.server.ts) until an
// officer records how it was resolved.
import { and, eq, isNull } from "drizzle-orm";
import { appendAudit } from "../infra/audit.server";
import { db as defaultDb, writeTx, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { complaints, lots } from "../infra/schema";
import { requireOfficer } from "../evaluation/opening.server";
import { assertNotDecided, callRow, checkReason, countingEntries, procedureRow, type Reader } from "./records.server";

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

/** The complaints of the call not yet resolved: while there is one, the award is refused. */
export function openComplaints(database: Reader, callId: string) {
  return database.select({ id: complaints.id }).from(complaints).where(and(eq(complaints.callId, callId), isNull(complaints.resolvedAt))).all();
}
