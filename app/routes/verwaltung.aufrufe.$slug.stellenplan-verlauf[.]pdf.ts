import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "../i18n";
import { getLocale } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { env } from "../infra/env.server";
import { downloadResponse, notFound, publicBaseUrl } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";
import { coverageOfCall } from "../staffing/coverage.server";
import { coverageNames } from "../staffing/coverage-document";
import { renderCoveragePdf, staffingFileName } from "../staffing/plan-export.server";

// The plan over time as a PDF, with the vacancies and the posts without the required degree;
// its accessible twin is the section "Besetzung im Zeitverlauf" of /stellenplan.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const now = serverNow();
  const locale = await getLocale(request);
  const { coverage, problem, contracts } = await coverageOfCall({ callId: call.id, now, call });
  if (!coverage) throw new Response(refusalMessage(problem, translator(locale), locale), { status: 409 });
  const pdf = await renderCoveragePdf(call, coverage, coverageNames(contracts), {
    locale,
    generatedAt: now,
    cityName: env().CITY_NAME,
    publicUrl: `${publicBaseUrl(request)}/verwaltung/aufrufe/${call.slug}/stellenplan#verlauf`,
  });
  return downloadResponse(pdf, "application/pdf", staffingFileName(call.slug, "pdf", "overTime"));
}
