import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "../i18n/locale.server";
import { env } from "../infra/env.server";
import { notFound, publicBaseUrl } from "../infra/http.server";
import { renderCallPdf } from "../procurement/call-pdf.server";
import { withUploadedDocuments } from "../procurement/authoring.server";
import { loadCallView } from "../procurement/calls.server";
import { now as serverNow } from "../infra/clock.server";

// The call as an A4 PDF; every fact in it is also on the accessible call page.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const view = await loadCallView(params.slug ?? "");
  if (!view) notFound();
  const call = await withUploadedDocuments(view, publicBaseUrl(request));
  const pdf = await renderCallPdf(call, {
    locale: await getLocale(request),
    generatedAt: serverNow(),
    cityName: env().CITY_NAME,
    publicUrl: `${publicBaseUrl(request)}/aufrufe/${call.slug}`,
  });
  return new Response(pdf, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="aufruf-${call.slug}.pdf"`,
      "Cache-Control": "no-cache",
    },
  });
}
