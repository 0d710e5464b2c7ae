// Demo step (issue 14 point 7, decision 0027): after the October 2017 figures, officer A
// creates the follow-up call for what the historic call leaves uncovered, through the same
// use case as the page (/verwaltung/aufrufe/dresden-2017/folgeaufruf). It stays a draft: its
// dates start the day after (October 2017), long past, so publishing it would show a call
// whose deadlines have gone by without bids; the editor shows it as a draft to check.
import type { Db } from "../infra/db.server";
import { createFollowUpCall } from "../procurement/follow-up.server";

export async function createDemoFollowUpCall(opts: { callId: string; officerUserId: string; now: Date; db: Db }): Promise<{ callId: string; slug: string }> {
  return createFollowUpCall({ callId: opts.callId, officerUserId: opts.officerUserId, now: opts.now, db: opts.db });
}
