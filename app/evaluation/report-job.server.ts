// The Vergabevermerk as a PDF, made outside the request (decision 0031): for a large call it
// takes seconds. Asking for it records a job (app/documents/jobs.server.ts) and returns at
// once; the officer's page shows how far it is; the finished PDF is stored once per state of
// the evaluation and served from storage until that state changes.
//
// The state is what the report shows: every write that changes it is audited on the call, its
// applications, questions or submissions (a use case writes its audit entry in its
// transaction), so the key hashes the number and last entry of that trail, leaving out the
// reads recordAccess logs (building the report reads every bid and logs it). Names come from
// users and organisations, whose renaming is not in the call's trail: they are hashed as they
// are. The PDF also depends on the language, the operator's name and the address in the footer.
import { createHash } from "node:crypto";
import { and, count, eq, inArray, max, notInArray, or } from "drizzle-orm";
import { documentJobsSettled, claimDocumentJob, findDocumentJob, isStale, runDocumentJob, type DocumentJob } from "../documents/jobs.server";
import type { Locale } from "../i18n";
import { ACCESS_ACTIONS, EXPORT_ACTIONS } from "../infra/audit.server";
import { now as serverNow } from "../infra/clock.server";
import { db as defaultDb, first, type Db, type Reader } from "../infra/db.server";
import { DomainError } from "../infra/errors";
import type { FileStorage } from "../infra/storage.server";
import { applications, auditEntries, calls, organisations, questions, submissions, users } from "../infra/schema";
import { isCallOpened } from "../procurement/call-admin.server";
import { requireOfficer } from "./opening.server";
import { renderEvaluationReportPdf } from "./report-pdf.server";
import { buildEvaluationReport, reportFileName } from "./report.server";

/** Raised when the PDF's layout changes, so that documents stored before are made again. */
const FORMAT = 1;

export type ReportPdfOptions = {
  officerUserId: string;
  callSlug: string;
  locale: Locale;
  /** The operator (CITY_NAME), named in the PDF. */
  cityName: string;
  /** The report's address in the portal, printed in the footer. */
  publicUrl: string;
  now: Date;
  db?: Db;
  /** The clock of the job (generation time, heartbeats); the server's by default. */
  clock?: () => Date;
  /** Where the PDF is stored; the configured storage by default. */
  storage?: FileStorage;
};

/** The call of a report: not a draft (NOT_FOUND), opened (else CONFLICT: nothing to report, no bidder may be named). */
async function reportableCall(database: Db, slug: string): Promise<{ id: string; slug: string }> {
  const call = await first(database.select({ id: calls.id, slug: calls.slug, status: calls.status }).from(calls).where(eq(calls.slug, slug)));
  if (!call || call.status === "draft") throw new DomainError("NOT_FOUND", "notFound.call");
  if (!(await isCallOpened(call.id, database))) throw new DomainError("CONFLICT", "report.notBeforeOpening");
  return call;
}

/** A hash of everything the Vergabevermerk's PDF shows but its generation time (see the head of this file). */
export async function evaluationReportStateKey(database: Reader, callId: string, pdf: Pick<ReportPdfOptions, "locale" | "cityName" | "publicUrl">): Promise<string> {
  const applicationIds = database.select({ id: applications.id }).from(applications).where(eq(applications.callId, callId));
  const questionIds = database.select({ id: questions.id }).from(questions).where(eq(questions.callId, callId));
  const submissionIds = database
    .select({ id: submissions.id })
    .from(submissions)
    .innerJoin(applications, eq(applications.id, submissions.applicationId))
    .where(eq(applications.callId, callId));
  const trail = await first(
    database
      .select({ entries: count(), last: max(auditEntries.seq) })
      .from(auditEntries)
      .where(
        and(
          notInArray(auditEntries.action, [...ACCESS_ACTIONS, ...EXPORT_ACTIONS]),
          or(
            and(eq(auditEntries.objectType, "call"), eq(auditEntries.objectId, callId)),
            and(eq(auditEntries.objectType, "application"), inArray(auditEntries.objectId, applicationIds)),
            and(eq(auditEntries.objectType, "question"), inArray(auditEntries.objectId, questionIds)),
            and(eq(auditEntries.objectType, "submission"), inArray(auditEntries.objectId, submissionIds)),
          ),
        ),
      ),
  );
  const staff = await database.select({ id: users.id, name: users.name }).from(users).where(inArray(users.role, ["officer", "evaluator"])).orderBy(users.id);
  const carriers = await database
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .innerJoin(applications, eq(applications.organisationId, organisations.id))
    .where(eq(applications.callId, callId))
    .orderBy(organisations.id);
  const call = await first(database.select({ updatedAt: calls.updatedAt }).from(calls).where(eq(calls.id, callId)));
  const state = { format: FORMAT, callId, trail, staff, carriers, updatedAt: call?.updatedAt.getTime(), locale: pdf.locale, cityName: pdf.cityName, publicUrl: pdf.publicUrl };
  return createHash("sha256").update(JSON.stringify(state)).digest("hex");
}

export type ReportPdfState = {
  /** The job for the current state, if one was asked for. */
  job: DocumentJob | null;
  /** The job's runner stopped (its process died): asking again starts it anew. */
  stale: boolean;
};

/** How far the PDF of the current state is; starts nothing (the status page). Officers only. */
export async function evaluationReportPdfState(opts: ReportPdfOptions): Promise<ReportPdfState> {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const call = await reportableCall(database, opts.callSlug);
  const stateKey = await evaluationReportStateKey(database, call.id, opts);
  const job = await findDocumentJob(database, { kind: "evaluation-report", callId: call.id, stateKey });
  return { job, stale: job ? isStale(job, opts.now) : false };
}

/**
 * The PDF of the current state: the job that makes (or made) it, started here when there is
 * none, when it failed, or when its runner died. Returns at once; `settled` resolves when a
 * job started here has ended. Officers only, after the opening.
 */
export async function requestEvaluationReportPdf(opts: ReportPdfOptions): Promise<{ job: DocumentJob; settled: Promise<void> }> {
  const database = opts.db ?? defaultDb();
  await requireOfficer(database, opts.officerUserId);
  const call = await reportableCall(database, opts.callSlug);
  const stateKey = await evaluationReportStateKey(database, call.id, opts);
  const { job, start } = await claimDocumentJob(database, { kind: "evaluation-report", callId: call.id, stateKey, userId: opts.officerUserId, now: opts.now });
  if (!start) return { job, settled: documentJobsSettled() };
  const clock = opts.clock ?? serverNow;
  const settled = runDocumentJob(
    database,
    { id: job.id, callId: call.id, fileName: reportFileName(call.slug, "pdf"), userId: opts.officerUserId, storage: opts.storage },
    async (progress) => {
      await progress("data", 0, 1);
      const generatedAt = clock();
      const report = await buildEvaluationReport({ officerUserId: opts.officerUserId, callSlug: call.slug, now: generatedAt, db: database });
      // A write between the key and the report: the report shows a newer state than its key.
      if ((await evaluationReportStateKey(database, call.id, opts)) !== stateKey) return "superseded";
      return renderEvaluationReportPdf(report, { locale: opts.locale, generatedAt, cityName: opts.cityName, publicUrl: opts.publicUrl }, (done, total) =>
        progress("layout", done, total),
      );
    },
    clock,
  );
  return { job, settled };
}
