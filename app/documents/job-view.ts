// What a status page shows of a document job (decision 0031): plain data for the loader.
import type { DocumentJobView } from "../components/document-job-status";
import type { DocumentJob } from "./jobs.server";

/** A superseded job is shown as missing (no document for the current state); a stale one as interrupted. */
export function jobView(job: DocumentJob | null, stale: boolean): DocumentJobView {
  const state = !job ? "missing" : stale ? "stale" : job.status === "superseded" ? "missing" : job.status;
  return { state, stage: job?.stage ?? null, done: job?.progressDone ?? 0, total: job?.progressTotal ?? 0, finishedAt: job?.finishedAt?.toISOString() ?? null };
}
