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

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? data.call.title : "Aufruf nicht gefunden" },
  ...(data ? [{ name: "description", content: data.call.texts.summary }] : []),
];

export async function loader({ params }: LoaderFunctionArgs) {
  const call = loadCallView(params.slug ?? "");
  if (!call) notFound();
  const now = serverNow();
  return {
    call,
    files: callFiles(call.id),
    outcome: loadCallOutcome(call.id),
    phase: publicPhase(call, now),
    remaining: timeRemaining(call.dates.submissionDeadline, now),
  };
}

export default function CallPage() {
  const { call, files, phase, remaining, outcome } = useLoaderData<typeof loader>();
  return (
    <CallDocument
      call={call}
      files={files}
      phase={phase}
      remaining={remaining}
      outcome={outcome}
      top={<Breadcrumbs items={[{ label: call.title }]} />}
    />
  );
}
