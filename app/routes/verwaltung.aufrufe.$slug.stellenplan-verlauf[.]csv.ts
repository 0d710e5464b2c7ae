import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { requireUser } from "../identity/sessions.server";
import { now } from "../infra/clock.server";
import { downloadResponse, notFound } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";
import { coverageOfCall } from "../staffing/coverage.server";
import { coverageCsv, staffingFileName } from "../staffing/plan-export.server";

// The plan over time (Besetzung im Zeitverlauf) as CSV for German Excel: per region and month, then per role.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const { t, locale } = await getTranslator(request);
  const { coverage, problem } = await coverageOfCall({ callId: call.id, now: now(), call });
  if (!coverage) throw new Response(refusalMessage(problem, t, locale), { status: 409 });
  const csv = Buffer.from(coverageCsv(coverage, t, locale), "utf8");
  return downloadResponse(csv, "text/csv; charset=utf-8", staffingFileName(call.slug, "csv", "overTime"));
}
