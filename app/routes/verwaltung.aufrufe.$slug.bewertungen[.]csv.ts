import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "../i18n/locale.server";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { downloadResponse, toResponse } from "../infra/http.server";
import { buildEvaluationReport, evaluationCsv, reportFileName } from "../evaluation/report.server";

// Every score of the call as CSV for German Excel (UTF-8 with BOM, ";" as separator).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t } = await getTranslator(request);
  let report;
  try {
    report = await buildEvaluationReport({ officerUserId: user.id, callSlug: params.slug ?? "", now: serverNow() });
  } catch (error) {
    return toResponse(error, request);
  }
  const csv = Buffer.from(evaluationCsv(report, t), "utf8");
  return downloadResponse(csv, "text/csv; charset=utf-8", reportFileName(report.call.slug, "csv"));
}
