import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DoneNotices } from "../components/done-notice";
import { ErrorSummary, SubmitButton, TextArea, TextField } from "../components/form";
import { CallPageHeader } from "../components/page-header";
import { RetentionSummary } from "../components/retention-summary";
import { endOfBerlinDay, berlinDay } from "../i18n/berlin-time";
import { formatDate } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { env } from "../infra/env.server";
import { DomainError } from "../infra/errors";
import { formValues, translateIssues } from "../infra/forms.server";
import { notFound, toResponse } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";
import { callRetentionView, setRetentionOverride } from "../retention/retention.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Aufbewahrung – ${data.call.title}` : "Aufbewahrung" }];

// Aufbewahrung und Löschung (decision 0036): the call's retention date, what goes then, and
// an officer's later date with a reason (audited). Rules in app/retention.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const years = env().RETENTION_YEARS;
  return { call: { slug: call.slug, title: call.title }, years, view: (await callRetentionView({ callId: call.id, now: serverNow(), years }))! };
}

const Override = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("set"),
    bis: z.string().refine((v) => endOfBerlinDay(v) !== null, "retention.refusal.badDate"),
    grund: z.string().trim().min(1, "retention.refusal.reasonMissing"),
  }),
  z.object({ intent: z.literal("clear"), grund: z.string().trim().min(1, "retention.refusal.reasonMissing") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const values = formValues(await request.formData());
  const parsed = Override.safeParse(values);
  if (!parsed.success) return data({ errors: translateIssues(parsed.error.issues, t), values }, { status: 400 });
  const until = parsed.data.intent === "set" ? endOfBerlinDay(parsed.data.bis) : null;
  try {
    await setRetentionOverride({ officerUserId: user.id, callId: call.id, until, reason: parsed.data.grund, now: serverNow() });
    return redirect(`/verwaltung/aufrufe/${call.slug}/aufbewahrung?${until ? "gespeichert" : "aufgehoben"}=1`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale, parsed.data.intent === "set" ? "bis" : "grund"), values }, { status: 409 });
    }
    return toResponse(error, request);
  }
}

const NOTICES = [
  ["gespeichert", "retention.override.saved"],
  ["aufgehoben", "retention.override.cleared"],
] as const;

export default function RetentionPage() {
  const { call, years, view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values = result?.values;
  return (
    <div className="stack">
      <CallPageHeader call={call} page={t("retention.title")} />
      <DoneNotices notices={NOTICES} />
      <ErrorSummary errors={errors} fieldOrder={["bis", "grund"]} />
      <RetentionSummary view={view} years={years} level={2} />
      {view.retention && !view.doneAt ? (
        <section aria-labelledby="verlaengern">
          <h2 id="verlaengern" className="kern-heading-medium">
            {t("retention.override.title")}
          </h2>
          <p className="kern-body">{t("retention.override.intro")}</p>
          {view.minimum ? (
            <p className="kern-body">
              {t("retention.minimum")}: {formatDate(new Date(view.minimum), locale)}
            </p>
          ) : null}
          <Form method="post" className="stack form-page">
            <input type="hidden" name="intent" value="set" />
            <TextField
              type="date"
              name="bis"
              label={t("retention.override.until")}
              defaultValue={values?.bis ?? berlinDay(new Date(view.retention.date))}
              error={errors.bis}
            />
            <TextArea name="grund" label={t("retention.override.reason")} defaultValue={values?.grund} error={errors.grund} rows={3} />
            <div>
              <SubmitButton label={t("retention.override.submit")} />
            </div>
          </Form>
          {view.retention.source === "override" ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="clear" />
              <TextArea name="grund" id="grund-aufheben" label={t("retention.override.reason")} rows={2} />
              <div>
                <SubmitButton label={t("retention.override.clear")} kind="secondary" />
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}
      <p>
        <Link className="kern-link" to={`/verwaltung/aufrufe/${call.slug}`}>
          {t("retention.backToCall")}
        </Link>
      </p>
    </div>
  );
}
