// The preview of a draft: the public call page as it will look when published now (the same
// component as /aufrufe/<slug>), under a banner that says it is not published, with the
// form to publish it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PublishSection } from "../components/publish-section";
import { Breadcrumbs } from "../components/breadcrumbs";
import { CallDocument } from "../components/call-document";
import { ErrorSummary } from "../components/form";
import { getTranslator } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { notFound, toResponse } from "../infra/http.server";
import { callFiles, publishDraft } from "../procurement/authoring.server";
import { publicPhase, timeRemaining, type CallView } from "../procurement/call-view";
import { loadCallView } from "../procurement/calls.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Vorschau – ${data.call.title}` : "Vorschau" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const slug = params.slug ?? "";
  const draft = await loadCallView(slug, { includeDrafts: true });
  if (!draft) notFound();
  if (draft.status !== "draft") throw redirect(`/aufrufe/${slug}`);
  const now = serverNow();
  // As the public will see it once published now.
  const call: CallView = { ...draft, status: "published", dates: { ...draft.dates, published: now } };
  return {
    call,
    files: await callFiles(draft.id),
    phase: publicPhase(call, now),
    remaining: timeRemaining(call.dates.submissionDeadline, now),
  };
}

const Intent = z.object({ intent: z.literal("publish") });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const slug = params.slug ?? "";
  if (!Intent.safeParse(Object.fromEntries(await request.formData())).success) throw new Response("Bad Request", { status: 400 });
  try {
    const result = await publishDraft({ actorUserId: user.id, slug, now: serverNow() });
    if (result.ok) return redirect(`/aufrufe/${slug}`);
    const reason = t(result.reason === "dates-past" ? "authoring.publish.datesPast" : "authoring.publish.invalid");
    return data({ errors: { publish: [reason, ...result.errors.map((e) => `${e.path}: ${refusalMessage(e, t, locale)}`)].join(" ") } }, { status: 409 });
  } catch (error) {
    return toResponse(error, request);
  }
}

export default function Preview() {
  const { call, files, phase, remaining } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const hub = `/verwaltung/aufrufe/${call.slug}`;
  const banner = (
    <>
      <Breadcrumbs
        items={[
          { label: t("workspace.title"), to: "/verwaltung" },
          { label: call.title, to: hub },
          { label: t("authoring.preview.title") },
        ]}
      />
      <ErrorSummary errors={errors} fieldOrder={["publish"]} />
      <div className="kern-alert kern-alert--warning" role="note" aria-labelledby="vorschau-titel">
        <div className="kern-alert__header">
          <span className="kern-icon kern-icon--warning" aria-hidden="true" />
          <span id="vorschau-titel" className="kern-title">
            {t("authoring.preview.banner")}
          </span>
        </div>
        <div className="kern-alert__body">
          <p className="kern-body">{t("authoring.preview.explain")}</p>
          <p className="kern-body">
            <Link className="kern-link" to={`${hub}/bearbeiten`}>
              {t("authoring.preview.back")}
            </Link>{" "}
            ·{" "}
            <a className="kern-link" href="#abschnitt-publish">
              {t("authoring.publish.submit")}
            </a>
          </p>
        </div>
      </div>
    </>
  );
  return (
    <div className="stack">
      <CallDocument call={call} files={files} phase={phase} remaining={remaining} top={banner} />
      <PublishSection slug={call.slug} withPreviewLink={false} error={errors.publish} />
    </div>
  );
}
