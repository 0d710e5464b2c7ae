import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "../i18n";
import { getLocale } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { env } from "../infra/env.server";
import { downloadResponse, notFound, publicBaseUrl } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";
import { renderStaffingPlanPdf, staffingFileName } from "../staffing/plan-export.server";
import { loadStaffingPlan } from "../staffing/plans.server";

// The latest staffing plan as a PDF; its accessible twin is the page /stellenplan.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const now = serverNow();
  const view = await loadStaffingPlan(call.id, { now });
  const locale = await getLocale(request);
  if (!view.current) throw new Response(view.problem ? refusalMessage(view.problem, translator(locale), locale) : "Kein Stellenplan", { status: 409 });
  const pdf = await renderStaffingPlanPdf(view, {
    locale,
    generatedAt: now,
    cityName: env().CITY_NAME,
    publicUrl: `${publicBaseUrl(request)}/verwaltung/aufrufe/${call.slug}/stellenplan`,
  });
  return downloadResponse(pdf, "application/pdf", staffingFileName(call.slug, "pdf"));
}
