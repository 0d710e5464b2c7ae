import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { requireUser } from "../identity/sessions.server";
import { now } from "../infra/clock.server";
import { downloadResponse, notFound } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";
import { staffingFileName, staffingPlanCsv } from "../staffing/plan-export.server";
import { loadStaffingPlan } from "../staffing/plans.server";

// The latest staffing plan as CSV for German Excel (UTF-8 with BOM, ";" as separator).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const { t, locale } = await getTranslator(request);
  const view = await loadStaffingPlan(call.id, { now: now() });
  if (!view.current) throw new Response(view.problem ? refusalMessage(view.problem, t, locale) : "Kein Stellenplan", { status: 409 });
  const csv = Buffer.from(staffingPlanCsv(view.current, t, locale), "utf8");
  return downloadResponse(csv, "text/csv; charset=utf-8", staffingFileName(call.slug, "csv"));
}
