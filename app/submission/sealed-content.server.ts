// Unsealing submitted content (VgV §§ 54, 55): the content of a submitted version is
// encrypted with its call's key (app/infra/sealing.server.ts). These functions open it for
// the city only once the four-eyes opening of the call is complete, and for the opening
// itself only while it has been started; they refuse before. Who may read what is decided
// by the access gate, app/submission/access.server.ts, which builds on them. They import
// nothing of the gate, so that the evaluation (which the gate asks whether an evaluator may
// read a file) can unseal the bids it ranks without an import cycle.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { first, type Db } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { applications, calls, openings, submissions } from "../infra/schema";
import { callKeyOf, isSealedValue, openValue, sealContext } from "../infra/sealing.server";
import { openedSnapshots } from "./opened-snapshots.server";
import type { SubmissionSnapshot } from "./snapshot";

/** Whether the four-eyes opening of the call an application belongs to is complete. */
export async function isOpened(database: Pick<Db, "select">, applicationId: string): Promise<boolean> {
  return Boolean(
    await first(
      database
        .select({ id: openings.id })
        .from(openings)
        .innerJoin(applications, eq(applications.callId, openings.callId))
        .where(and(eq(applications.id, applicationId), isNotNull(openings.confirmedAt))),
    ),
  );
}

/** Whether the four-eyes opening of a call is complete. */
export async function isCallOpened(database: Pick<Db, "select">, callId: string): Promise<boolean> {
  return Boolean(
    await first(
      database
        .select({ id: openings.id })
        .from(openings)
        .where(and(eq(openings.callId, callId), isNotNull(openings.confirmedAt))),
    ),
  );
}

/**
 * A submitted version's content from its stored bytes: sealed with the call's key, or plain
 * JSON (versions stored before sealed storage). `key` is asked only for a sealed one.
 * Callers decide who may read (access.server.ts, the opening, the carrier's receipt).
 */
export function openSubmissionContent(sealed: Buffer, callId: string, key: () => Buffer | null): SubmissionSnapshot {
  return JSON.parse(submissionJson(sealed, callId, key).toString("utf8")) as SubmissionSnapshot;
}

/**
 * openSubmissionContent with the call's key read from the database, and only for a sealed
 * version. Callers decide who may read (access.server.ts, the carrier's receipt).
 */
export async function openSubmissionContentOf(database: Pick<Db, "select">, sealed: Buffer, callId: string): Promise<SubmissionSnapshot> {
  const key = isSealedValue(sealed) ? await callKeyOf(database, callId) : null;
  return openSubmissionContent(sealed, callId, () => key);
}

function submissionJson(sealed: Buffer, callId: string, key: () => Buffer | null): Buffer {
  if (!isSealedValue(sealed)) return sealed;
  const k = key();
  if (!k) throw new Error(`call ${callId} has sealed submissions but no key`);
  return openValue(k, sealed, sealContext.submissionContent(callId));
}

/**
 * The contents of submitted versions of a call, for the city's work after the opening
 * (ranking, award, staffing). Refused before the opening. Decrypted once per process and
 * kept (opened-snapshots.server.ts, decision 0033): they are frozen, and never change.
 */
export async function openedSubmissionContents(
  database: Pick<Db, "select">,
  callId: string,
  submissionIds: string[],
): Promise<Map<string, SubmissionSnapshot>> {
  if (!(await isCallOpened(database, callId))) throw new DomainError("NOT_FOUND", "notFound.submission");
  if (submissionIds.length === 0) return new Map();
  // Retention (decision 0036, another process) replaced the content of the call's bids not
  // awarded: copies this process holds may be older, so none are used or kept for such a call.
  const retained = Boolean((await first(database.select({ at: calls.retentionDoneAt }).from(calls).where(eq(calls.id, callId))))?.at);
  const held = retained ? null : openedSnapshots.getAll(callId, submissionIds);
  if (held) return held;
  const rows = await database
    .select({ id: submissions.id, sealedContent: submissions.sealedContent })
    .from(submissions)
    .innerJoin(applications, eq(applications.id, submissions.applicationId))
    .where(and(inArray(submissions.id, submissionIds), eq(applications.callId, callId)));
  // Unwrapped once for the whole batch, not once per submission, and only if one is sealed.
  const callKey = rows.some((r) => isSealedValue(r.sealedContent)) ? await callKeyOf(database, callId) : null;
  return new Map(
    rows.map((r) => {
      const json = submissionJson(r.sealedContent, callId, () => callKey);
      const snapshot = JSON.parse(json.toString("utf8")) as SubmissionSnapshot;
      return [r.id, retained ? snapshot : openedSnapshots.put(callId, r.id, snapshot, json.length)];
    }),
  );
}

/**
 * The call's key for the four-eyes opening, the moment of unsealing: only while an opening
 * of the call has been started (opening.server.ts checks the second officer and the window
 * before it asks). Null when nothing of the call was ever sealed.
 */
export async function unsealForOpening(database: Pick<Db, "select">, callId: string): Promise<Buffer | null> {
  const started = await first(database.select({ id: openings.id }).from(openings).where(eq(openings.callId, callId)));
  if (!started) throw new DomainError("CONFLICT", "opening.notStarted");
  return await callKeyOf(database, callId);
}
