// Rügen (§ 160 GWB, decision 0014): when a complaint may be filed or recorded, and which lots it holds back
// from the award. Pure: statuses, dates and `now` are arguments.
//
// - A complaint may come in from the publication of the call to the end of the standstill
//   (the earliest award date of the Vorabinformation); not once the call is decided or
//   cancelled, and not about a lot already awarded or cancelled.
// - An open complaint holds back the award of the lots it names only; a complaint naming no
//   lot (a paper complaint the officer could not assign) holds back every lot.
import type { MessageKey } from "../i18n";
import type { CallStatus } from "../infra/schema";
import { isDecided, type ProcedureStatus } from "./steps";

export type ComplaintWindowInput = {
  callStatus: CallStatus;
  procedure: { status: ProcedureStatus; earliestAwardAt: Date | null } | null;
};

export type WindowRefusal =
  | { key: Extract<MessageKey, "complaint.refusal.notPublished" | "award.refusal.callCancelled" | "complaint.refusal.decided"> }
  | { key: "complaint.refusal.standstillOver"; date: Date };

/** Why no complaint can come in at `now`, or null while it can. */
export function complaintWindowRefusal(input: ComplaintWindowInput, now: Date): WindowRefusal | null {
  if (input.callStatus === "draft") return { key: "complaint.refusal.notPublished" };
  if (input.callStatus === "cancelled") return { key: "award.refusal.callCancelled" };
  if (isDecided(input.callStatus) || input.procedure?.status === "awarded") return { key: "complaint.refusal.decided" };
  const end = input.procedure?.status === "preInformed" ? input.procedure.earliestAwardAt : null;
  if (end && now.getTime() >= end.getTime()) return { key: "complaint.refusal.standstillOver", date: end };
  return null;
}

export type ComplaintLots = { id: string; lotIds: string[]; open: boolean };

/** For each lot of `lotIds` held back, the open complaints that hold it back (in the given order). */
export function lotsHeldBack(complaints: ComplaintLots[], lotIds: string[]): Map<string, string[]> {
  const held = new Map<string, string[]>();
  for (const c of complaints) {
    if (!c.open) continue;
    for (const lotId of c.lotIds.length ? c.lotIds.filter((l) => lotIds.includes(l)) : lotIds) {
      held.set(lotId, [...(held.get(lotId) ?? []), c.id]);
    }
  }
  return held;
}

/** The lots one round of the award decides: those still undecided that no open complaint holds back. */
export function lotsToAward(undecidedLotIds: string[], held: Map<string, string[]>): { now: string[]; waiting: string[] } {
  return { now: undecidedLotIds.filter((l) => !held.has(l)), waiting: undecidedLotIds.filter((l) => held.has(l)) };
}
