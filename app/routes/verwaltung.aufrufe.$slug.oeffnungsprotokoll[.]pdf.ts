import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { requireUser } from "../identity/sessions.server";
import { downloadResponse, toResponse } from "../infra/http.server";
import { readOpeningRecordPdf } from "../evaluation/opening.server";

// The opening record as it was stored at the confirmation: never rendered again.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  let pdf;
  try {
    pdf = await readOpeningRecordPdf({ officerUserId: user.id, callSlug: params.slug ?? "" });
  } catch (error) {
    return toResponse(error, request);
  }
  return downloadResponse({ stream: createReadableStreamFromReadable(pdf.stream), sizeBytes: pdf.sizeBytes }, "application/pdf", pdf.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_"));
}
