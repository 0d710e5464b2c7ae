// The demo's Nachsteuerung (decision 0026), after the October 2017 figures of the historic
// call: officer A proposes the contract changes the new figures call for, officer B approves
// (four eyes) and the change letters are stored for the carriers (no mail goes to the
// invented addresses); of the contracts offered more FTE the first carrier accepts, the
// next one declines, so the demo shows both answers and the gap a decline leaves. The
// other letters stay unanswered (their time to answer ran out in November 2017). Through the same
// domain functions as the pages; illustrative like everything in the demo.
import type { Db } from "../infra/db.server";
import { parseBerlinLocal } from "../i18n/berlin-time";
import type { FileStorage } from "../infra/storage.server";
import type { CarrierActor } from "../submission/applications.server";
import { acceptAmendment, approveAdjustment, declineAmendment, proposeAdjustment } from "../contracts/adjustments.server";
import { amendmentsOfContracts } from "../contracts/amendments-read.server";
import { contractDetailsOfCall } from "../contracts/contracts.server";

const at = (local: string) => parseBerlinLocal(local)!;

export async function runDemoAdjustment(opts: {
  callId: string;
  officerA: string;
  officerB: string;
  /** The carriers' members, by organisation id. */
  carriers: CarrierActor[];
  db: Db;
  storage?: FileStorage;
}): Promise<{ accepted: string | null; declined: string | null }> {
  const { db, callId } = opts;
  const { adjustmentId } = await proposeAdjustment({ officerUserId: opts.officerA, callId, now: at("2017-10-09T10:00"), db });
  await approveAdjustment({ officerUserId: opts.officerB, callId, adjustmentId, now: at("2017-10-10T10:00"), db, storage: opts.storage, sendMails: false });
  const contracts = await contractDetailsOfCall(callId, db);
  const pending = (await amendmentsOfContracts(contracts.map((c) => c.id), db)).filter((a) => a.adjustmentId === adjustmentId);
  const organisationOf = new Map(contracts.map((c) => [c.id, c.organisationName]));
  const actorOf = (contractId: string) => {
    const organisationId = contracts.find((c) => c.id === contractId)!.organisationId;
    return opts.carriers.find((a) => a.organisationId === organisationId)!;
  };
  // The first two contracts the letters offer more FTE: one takes them, the other declines and its lot keeps its gap.
  const [first, second] = pending.filter((a) => a.fteAfterHundredths > a.fteBeforeHundredths);
  if (first) await acceptAmendment({ actor: actorOf(first.contractId), amendmentId: first.id, confirmed: true, now: at("2017-10-17T11:00"), db });
  if (second) await declineAmendment({ actor: actorOf(second.contractId), amendmentId: second.id, confirmed: true, now: at("2017-10-19T15:00"), db });
  return { accepted: first ? organisationOf.get(first.contractId)! : null, declined: second ? organisationOf.get(second.contractId)! : null };
}
