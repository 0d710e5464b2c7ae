import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loadCallOutcome } from "../award/result.server";
import { Breadcrumbs } from "../components/breadcrumbs";
import { CallDocument } from "../components/call-document";
import { notFound } from "../infra/http.server";
import { callFiles } from "../procurement/authoring.server";
import { loadCallView } from "../procurement/calls.server";
import { publicPhase, timeRemaining } from "../procurement/call-view";
import { now as serverNow } from "../infra/clock.server";
import { CallPageOffer } from "../components/start-application";
import { carrierContext } from "../identity/carriers.server";
import { currentUser } from "../identity/sessions.server";
import { applicationForCall } from "../submission/applications.server";
import { startOffer } from "../submission/rules";
import { READ_ONLY_PAGE } from "../components/hydration";

// Read, not used: the page ships no JavaScript (components/hydration.ts).
export const handle = READ_ONLY_PAGE;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? data.call.title : "Aufruf nicht gefunden" },
  ...(data ? [{ name: "description", content: data.call.texts.summary }] : []),
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const call = await loadCallView(params.slug ?? "");
  if (!call) notFound();
  const now = serverNow();
  const phase = publicPhase(call, now);
  // The session is read only while submissions are open: the page is otherwise the same for
  // everyone, and for anonymous readers always.
  const user = phase === "open" ? await currentUser(request, now) : null;
  const carrier = user?.role === "carrier" ? await carrierContext(user.id) : null;
  const files = await callFiles(call.id);
  const outcome = await loadCallOutcome(call.id);
  const application = carrier ? await applicationForCall({ organisationId: carrier.organisationId, callId: call.id }) : null;
  return {
    call,
    files,
    outcome,
    phase,
    remaining: timeRemaining(call.dates.submissionDeadline, now),
    offer: startOffer({
      phase,
      reader: carrier ? "carrier" : user ? "staff" : "anonymous",
      application,
    }),
  };
}

export default function CallPage() {
  const { call, files, phase, remaining, outcome, offer } = useLoaderData<typeof loader>();
  return (
    <CallDocument
      call={call}
      files={files}
      phase={phase}
      remaining={remaining}
      outcome={outcome}
      offer={offer ? <CallPageOffer offer={offer} callSlug={call.slug} /> : null}
      top={<Breadcrumbs items={[{ label: call.title }]} />}
    />
  );
}
