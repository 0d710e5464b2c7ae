import type { LoaderFunctionArgs } from "@remix-run/node";
import { lastOutcomeChange, ocdsOutcome } from "../award/result";
import { loadCallOutcome, loadCallResult } from "../award/result.server";
import { openDataContracts } from "../contracts/contracts.server";
import { now } from "../infra/clock.server";
import { notFound, publicBaseUrl } from "../infra/http.server";
import { withUploadedDocuments } from "../procurement/authoring.server";
import { loadCallView } from "../procurement/calls.server";
import { buildReleasePackage, serializeReleasePackage } from "../procurement/ocds";

// Open Contracting Data Standard 1.1 release package of a published call; after the award
// with its awards and contracts, after a cancellation with its reason.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const view = await loadCallView(params.slug ?? "");
  if (!view) notFound();
  const call = await withUploadedDocuments(view, publicBaseUrl(request));
  const outcome = await loadCallOutcome(call.id);
  const result = outcome.awardedAt ? await loadCallResult(call.slug) : null;
  const contracts = result ? await openDataContracts(call.id) : [];
  // The package changes only when the call does: publication, a later amendment, a
  // cancellation or the award.
  const lastChange = Math.max(
    call.dates.published?.getTime() ?? 0,
    ...call.amendments.map((a) => a.publishedAt.getTime()),
    lastOutcomeChange(outcome)?.getTime() ?? 0,
    // An accepted contract amendment (Nachsteuerung) changes the package too.
    ...contracts.flatMap((c) => (c.amendments ?? []).map((a) => a.acceptedAt.getTime())),
  );
  const body = serializeReleasePackage(
    buildReleasePackage(call, {
      publicUrl: publicBaseUrl(request),
      publishedAt: new Date(lastChange),
      // The contracts concluded with the award; their status (pending, active, terminated) as of the server clock.
      outcome: { ...ocdsOutcome(outcome, result), contracts },
      now: now(),
    }),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
