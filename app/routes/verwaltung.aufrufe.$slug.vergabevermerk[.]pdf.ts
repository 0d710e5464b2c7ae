import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "../i18n/locale.server";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { env } from "../infra/env.server";
import { publicBaseUrl, toResponse } from "../infra/http.server";
import { renderEvaluationReportPdf } from "../evaluation/report-pdf.server";
import { buildEvaluationReport, reportFileName } from "../evaluation/report.server";

// The Vergabevermerk as a PDF, rendered from the current state on every request.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const now = serverNow();
  let report;
  try {
    report = buildEvaluationReport({ officerUserId: user.id, callSlug: params.slug ?? "", now });
  } catch (error) {
    return toResponse(error, request);
  }
  const pdf = await renderEvaluationReportPdf(report, {
    locale: await getLocale(request),
    generatedAt: now,
    cityName: env().CITY_NAME,
    publicUrl: `${publicBaseUrl(request)}/verwaltung/aufrufe/${report.call.slug}/vergabevermerk`,
  });
  return new Response(pdf, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": `attachment; filename="${reportFileName(report.call.slug, "pdf")}"`,
      "Cache-Control": "no-store",
    },
  });
}
