import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CallPageHeader } from "../components/page-header";
import { ErrorSummary, SubmitButton, TextArea, TextField } from "../components/form";
import { parseBerlinLocal, toBerlinLocalInput } from "../i18n/berlin-time";
import { formatDate } from "../i18n/format";
import type { Locale, MessageKey } from "../i18n";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";
import { notFound, publicBaseUrl } from "../infra/http.server";
import { sendToEachReader } from "../infra/mail.server";
import { amendmentLetter } from "../mail/letters";
import { publishAmendment } from "../procurement/amendments.server";
import { loadCallView } from "../procurement/calls.server";

export const meta: MetaFunction = () => [{ title: "Änderungen bekannt machen" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = loadCallView(params.slug ?? "");
  if (!call) notFound();
  return {
    call: { slug: call.slug, title: call.title },
    amendments: call.amendments,
    current: {
      questionDeadline: toBerlinLocalInput(call.dates.questionDeadline),
      submissionDeadline: toBerlinLocalInput(call.dates.submissionDeadline),
      opening: toBerlinLocalInput(call.dates.opening),
    },
  };
}

const localTime = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const parsed = parseBerlinLocal(v);
    if (!parsed) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "amend.dateInvalid" });
    return parsed ?? undefined;
  });

const Amendment = z.object({
  title: z.string().trim().min(1, "amend.titleMissing").max(200, "answer.tooLong"),
  body: z.string().trim().min(1, "amend.bodyMissing").max(20_000, "answer.tooLong"),
  reason: z.string().trim().min(1, "amend.reasonMissing").max(5_000, "answer.tooLong"),
  questionDeadline: localTime,
  submissionDeadline: localTime,
  opening: localTime,
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  const parsed = validateForm(Amendment, values, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const call = loadCallView(params.slug ?? "");
  if (!call) notFound();
  // Only fields that differ from the current dates are changes.
  const same = (a: Date | undefined, b: Date) => !a || a.getTime() === b.getTime();
  const dates = {
    questionDeadline: same(parsed.data.questionDeadline, call.dates.questionDeadline) ? undefined : parsed.data.questionDeadline,
    submissionDeadline: same(parsed.data.submissionDeadline, call.dates.submissionDeadline) ? undefined : parsed.data.submissionDeadline,
    opening: same(parsed.data.opening, call.dates.opening) ? undefined : parsed.data.opening,
  };
  try {
    const result = publishAmendment({
      officerUserId: user.id,
      slug: call.slug,
      title: parsed.data.title,
      body: parsed.data.body,
      reason: parsed.data.reason,
      dates,
      now: now(),
    });
    const labels: Record<string, MessageKey> = {
      questionDeadline: "call.dates.questionDeadline",
      submissionDeadline: "call.dates.submissionDeadline",
      opening: "call.dates.opening",
    };
    const letterFor = (reader: Locale) =>
      amendmentLetter({
        callTitle: call.title,
        number: result.number,
        title: parsed.data.title,
        body: parsed.data.body,
        reason: parsed.data.reason,
        changedDates: Object.entries(result.changes).map(([field, change]) => ({ label: labels[field], at: new Date((change as { to: string }).to) })),
        callUrl: `${publicBaseUrl(request)}/aufrufe/${call.slug}#aenderungen`,
        reader,
      });
    // Its recipients are the organisations that applied: sealed in the outbox until the opening.
    await sendToEachReader(result.recipients, (reader) => ({ ...letterFor(reader), sealedUntilOpeningOf: call.id }), "amendment notice");
    return redirect(`/verwaltung/aufrufe/${call.slug}/aenderungen?veroeffentlicht=${result.number}`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale), values }, { status: 400 });
    }
    throw error;
  }
}

export default function Amendments() {
  const { call, amendments, current } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const v: Record<string, string | undefined> = result?.values ?? current;
  return (
    <div className="stack">
      <CallPageHeader call={call} page={t("amend.title")} />
      <p className="kern-body">{t("amend.intro")}</p>
      <section aria-labelledby="bisher">
        <h2 id="bisher" className="kern-heading-medium">
          {t("call.amendments")}
        </h2>
        {amendments.length === 0 ? <p className="kern-body">{t("call.amendments.none")}</p> : null}
        <ul className="kern-list kern-list--bullet">
          {amendments.map((a) => (
            <li key={a.number}>
              {t("call.amendments.item", { number: a.number, date: formatDate(a.publishedAt, locale) })}: {a.title}
            </li>
          ))}
        </ul>
      </section>
      <ErrorSummary errors={errors} fieldOrder={["_form", "title", "body", "reason", "questionDeadline", "submissionDeadline", "opening"]} />
      <Form method="post" noValidate className="stack form-page">
        <TextField name="title" label={t("amend.titleLabel")} defaultValue={v.title} error={errors.title} />
        <TextArea name="body" label={t("amend.body")} defaultValue={v.body} error={errors.body} />
        <TextArea name="reason" label={t("amend.reason")} defaultValue={v.reason} error={errors.reason} rows={3} />
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t("amend.dates")}</legend>
          <div className="kern-fieldset__body stack">
            <p className="kern-hint">{t("amend.datesHint")}</p>
            <TextField name="questionDeadline" type="datetime-local" label={`${t("call.dates.questionDeadline")} (Europe/Berlin)`} defaultValue={v.questionDeadline} error={errors.questionDeadline} />
            <TextField name="submissionDeadline" type="datetime-local" label={`${t("call.dates.submissionDeadline")} (Europe/Berlin)`} defaultValue={v.submissionDeadline} error={errors.submissionDeadline} />
            <TextField name="opening" type="datetime-local" label={`${t("call.dates.opening")} (Europe/Berlin)`} defaultValue={v.opening} error={errors.opening} />
          </div>
        </fieldset>
        <SubmitButton label={t("amend.submit")} />
      </Form>
    </div>
  );
}
