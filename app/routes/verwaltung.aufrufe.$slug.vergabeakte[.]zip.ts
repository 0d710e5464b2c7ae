import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable, redirect } from "@remix-run/node";
import { requestCaseFile } from "../documents/case-file-job.server";
import { caseFileName } from "../documents/case-file.server";
import { openDocumentFile } from "../documents/jobs.server";
import { requireUser } from "../identity/sessions.server";
import { db } from "../infra/db.server";
import { downloadResponse, toResponse } from "../infra/http.server";
import { caseFileOptions } from "./verwaltung.aufrufe.$slug.vergabeakte/case-file-options.server";

// The case file as a ZIP: served from storage when it is made for the current state of the
// procedure; otherwise its making starts (or goes on) in the background and the officer is
// sent to the page that shows how far it is (decisions 0031, 0037).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const slug = params.slug ?? "";
  let job;
  try {
    ({ job } = await requestCaseFile(await caseFileOptions(request, user.id, slug)));
  } catch (error) {
    return toResponse(error, request);
  }
  if (job.status !== "done" || !job.storedFileId) throw redirect(`/verwaltung/aufrufe/${slug}/vergabeakte`, 303);
  const { stream, sizeBytes } = await openDocumentFile(db(), job.storedFileId);
  return downloadResponse({ stream: createReadableStreamFromReadable(stream), sizeBytes }, "application/zip", caseFileName(slug));
}
