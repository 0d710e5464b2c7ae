import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, publicBaseUrl } from "../infra/http.server";
import { withUploadedDocuments } from "../procurement/authoring.server";
import { loadCallView } from "../procurement/calls.server";
import { buildReleasePackage, serializeReleasePackage } from "../procurement/ocds";

// Open Contracting Data Standard 1.1 release package of a published call.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const view = loadCallView(params.slug ?? "");
  if (!view) notFound();
  const call = withUploadedDocuments(view, publicBaseUrl(request));
  // The package changes only when the call does: publication or a later amendment.
  const lastChange = Math.max(
    call.dates.published?.getTime() ?? 0,
    ...call.amendments.map((a) => a.publishedAt.getTime()),
  );
  const body = serializeReleasePackage(
    buildReleasePackage(call, { publicUrl: publicBaseUrl(request), publishedAt: new Date(lastChange) }),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
