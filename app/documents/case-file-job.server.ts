// The case file for officers, made outside the request (decision 0031's document jobs,
// decision 0037): a call with many bids makes an archive of hundreds of megabytes. Asking for
// it records a job and returns at once; the officers' page shows how far it is; the finished
// ZIP is stored, sealed with the call's key like the bids in it, once per state of the
// procedure, and served from storage until that state changes.
//
// The state is the Vergabevermerk's (the call's audit trail without reads and exports, the
// names it shows, the call's last change, language and operator) with the trail of the call's
// contracts, whose changes the archive holds too.
import { createHash } from "node:crypto";
import { and, count, eq, inArray, max, notInArray } from "drizzle-orm";
import { ACCESS_ACTIONS, EXPORT_ACTIONS } from "../infra/audit.server";
import { now as serverNow } from "../infra/clock.server";
import { db as defaultDb, first, type Db, type Reader } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import { auditEntries, calls, contracts } from "../infra/schema";
import { requireOfficer } from "../evaluation/opening.server";
import { evaluationReportStateKey } from "../evaluation/report-job.server";
import { isCallOpened } from "../procurement/call-admin.server";
import { caseFileName, exportCaseFile, type CaseFileOptions } from "./case-file.server";
import { claimDocumentJob, documentJobsSettled, findDocumentJob, isStale, runDocumentJob, type DocumentJob } from "./jobs.server";

/** Raised when the archive's layout changes, so that archives stored before are made again. */
const FORMAT = 1;

const ZIP = { mime: "application/zip", label: "ZIP" };

/** What the case file is made of (the request's language and address), and the job's clock. */
export type CaseFileJobOptions = Pick<CaseFileOptions, "officerUserId" | "callSlug" | "locale" | "cityName" | "baseUrl" | "now" | "clock" | "db" | "storage">;

/** The call of a case file: any but a draft (NOT_FOUND). */
async function exportableCall(database: Db, slug: string): Promise<{ id: string; slug: string; opened: boolean }> {
  const call = await first(database.select({ id: calls.id, slug: calls.slug, status: calls.status }).from(calls).where(eq(calls.slug, slug)));
  if (!call || call.status === "draft") throw new DomainError("NOT_FOUND", "notFound.call");
  return { id: call.id, slug: call.slug, opened: await isCallOpened(call.id, database) };
}

/** A hash of everything the case file shows but its time of export (see the head of this file). */
export async function caseFileStateKey(database: Reader, callId: string, opts: Pick<CaseFileJobOptions, "locale" | "cityName" | "baseUrl">): Promise<string> {
  const contractIds = database.select({ id: contracts.id }).from(contracts).where(eq(contracts.callId, callId));
  const contractTrail = await first(
    database
      .select({ entries: count(), last: max(auditEntries.seq) })
      .from(auditEntries)
      .where(and(eq(auditEntries.objectType, "contract"), inArray(auditEntries.objectId, contractIds), notInArray(auditEntries.action, [...ACCESS_ACTIONS, ...EXPORT_ACTIONS]))),
  );
  const report = await evaluationReportStateKey(database, callId, { locale: opts.locale, cityName: opts.cityName, publicUrl: opts.baseUrl });
  return createHash("sha256").update(JSON.stringify({ format: FORMAT, report, contractTrail })).digest("hex");
}

export type CaseFileState = { job: DocumentJob | null; stale: boolean; opened: boolean };

/** How far the case file of the current state is; starts nothing (the status page). Officers only. */
export async function caseFileState(opts: CaseFileJobOptions): Promise<CaseFileState> {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const call = await exportableCall(database, opts.callSlug);
  const job = await findDocumentJob(database, { kind: "case-file", callId: call.id, stateKey: await caseFileStateKey(database, call.id, opts) });
  return { job, stale: job ? isStale(job, opts.now) : false, opened: call.opened };
}

/**
 * The case file of the current state: the job that makes (or made) it, started here when there
 * is none, when it failed, or when its runner died. Returns at once; `settled` resolves when a
 * job started here has ended. Officers only.
 */
export async function requestCaseFile(opts: CaseFileJobOptions): Promise<{ job: DocumentJob; settled: Promise<void> }> {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const call = await exportableCall(database, opts.callSlug);
  const stateKey = await caseFileStateKey(database, call.id, opts);
  const { job, start } = await claimDocumentJob(database, { kind: "case-file", callId: call.id, stateKey, userId: opts.officerUserId, now: opts.now });
  if (!start) return { job, settled: documentJobsSettled() };
  const clock = opts.clock ?? serverNow;
  const settled = runDocumentJob(
    database,
    { id: job.id, callId: call.id, fileName: caseFileName(call.slug), userId: opts.officerUserId, type: ZIP, storage: opts.storage },
    async (progress) =>
      (
        await exportCaseFile({
        officerUserId: opts.officerUserId,
        callSlug: call.slug,
        locale: opts.locale,
        cityName: opts.cityName,
        baseUrl: opts.baseUrl,
        now: clock(),
        clock,
        db: database,
        storage: opts.storage,
        progress,
        // A write while the archive was made: it would show a newer state than its key.
        stillCurrent: async () => (await caseFileStateKey(database, call.id, opts)) === stateKey,
      })
      ).bytes,
    clock,
  );
  return { job, settled };
}
