// Which steps of the award procedure are open, by the call's status and the status of its
// award procedure (none before the first proposal). Pure: the officers' award and
// cancellation pages offer exactly these steps; the use cases refuse the others by the same
// statuses, with a sentence saying why.
//
//   proposed → approved → preInformed → awarded       (a change of the proposal after its
//                                                      approval takes it back to proposed)
import type { awardProcedureStatuses, CallStatus } from "../infra/schema";

export type ProcedureStatus = (typeof awardProcedureStatuses)[number];

/** A call in one of these is decided: no award step and no cancellation any more. */
export const DECIDED_CALL_STATUSES: readonly CallStatus[] = ["awarded", "staffing_active", "archived", "cancelled"];

export function isDecided(callStatus: CallStatus): boolean {
  return DECIDED_CALL_STATUSES.includes(callStatus);
}

export type AwardSteps = {
  /** Make the proposal, or compute it again while it is not approved. */
  propose: "propose" | "recompute" | null;
  approve: boolean;
  preInform: boolean;
  award: boolean;
  /** An officer may change the FTE of a bid in the proposal (with a reason). */
  changeProposal: boolean;
  /** The complaints (Rügen) are shown from the publication on … */
  showComplaints: boolean;
  /** … and recorded from paper until the call is decided (the end of the standstill: complaint-rules.ts). */
  recordComplaint: boolean;
  /** The call or one of its lots may be cancelled (Aufhebung). */
  cancel: boolean;
};

export function awardSteps(callStatus: CallStatus, procedure: ProcedureStatus | null): AwardSteps {
  const open = callStatus !== "cancelled" && procedure !== "awarded";
  return {
    propose: open && procedure === null ? "propose" : open && procedure === "proposed" ? "recompute" : null,
    approve: open && procedure === "proposed",
    preInform: open && procedure === "approved",
    award: open && procedure === "preInformed",
    changeProposal: open && (procedure === "proposed" || procedure === "approved"),
    showComplaints: callStatus !== "draft",
    recordComplaint: callStatus !== "draft" && !isDecided(callStatus) && procedure !== "awarded",
    cancel: callStatus !== "draft" && !isDecided(callStatus),
  };
}
