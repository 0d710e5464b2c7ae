import type { LoaderFunctionArgs } from "@remix-run/node";
import { contractsCsv } from "../contracts/contracts-csv.server";
import { contractsOfCall } from "../contracts/contracts.server";
import { getTranslator } from "../i18n/locale.server";
import { requireUser } from "../identity/sessions.server";
import { downloadResponse, notFound } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";

// The contracts of a call as CSV for German Excel (UTF-8 with BOM, ";" as separator).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const { t, locale } = await getTranslator(request);
  const csv = Buffer.from(contractsCsv(await contractsOfCall(call.id), t, locale), "utf8");
  return downloadResponse(csv, "text/csv; charset=utf-8", `vertraege-${call.slug}.csv`);
}
