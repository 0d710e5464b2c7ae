import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable, redirect } from "@remix-run/node";
import { openDocumentFile } from "../documents/jobs.server";
import { requireUser } from "../identity/sessions.server";
import { db } from "../infra/db.server";
import { downloadResponse, toResponse } from "../infra/http.server";
import { requestEvaluationReportPdf } from "../evaluation/report-job.server";
import { reportFileName } from "../evaluation/report.server";
import { reportPdfOptions } from "./verwaltung.aufrufe.$slug.bewertung/report-pdf-options.server";

// The Vergabevermerk as a PDF: served from storage when it is made for the current state of the
// evaluation; otherwise its making starts (or goes on) in the background and the officer is
// sent to the page that shows how far it is (decision 0031).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const slug = params.slug ?? "";
  let job;
  try {
    ({ job } = await requestEvaluationReportPdf(await reportPdfOptions(request, user.id, slug)));
  } catch (error) {
    return toResponse(error, request);
  }
  if (job.status !== "done" || !job.storedFileId) throw redirect(`/verwaltung/aufrufe/${slug}/vergabevermerk-pdf`, 303);
  const { stream, sizeBytes } = await openDocumentFile(db(), job.storedFileId);
  return downloadResponse({ stream: createReadableStreamFromReadable(stream), sizeBytes }, "application/pdf", reportFileName(slug, "pdf"));
}
