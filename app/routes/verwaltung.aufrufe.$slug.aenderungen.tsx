import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CallPageHeader } from "../components/page-header";
import { Checkbox, ErrorSummary, SubmitButton, TextArea, TextField } from "../components/form";
import { parseBerlinLocal, toBerlinLocalInput } from "../i18n/berlin-time";
import { formatDate, formatDateTime } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";
import { notFound, publicBaseUrl } from "../infra/http.server";
import { amendmentNotice, sendBidderNotice } from "../mail/bidder-notices.server";
import { publishAmendment } from "../procurement/amendments.server";
import { loadCallView } from "../procurement/calls.server";
import { proposedDeadline } from "../procurement/extension";
import { listExtensionDecisions } from "../procurement/extension.server";

export const meta: MetaFunction = () => [{ title: "Änderungen bekannt machen" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "");
  if (!call) notFound();
  return {
    call: { slug: call.slug, title: call.title },
    amendments: call.amendments,
    // What the portal proposes should this amendment be material (§ 20 Abs. 3 Nr. 2 VgV).
    proposed: proposedDeadline({ trigger: "amendment", submissionDeadline: call.dates.submissionDeadline, publishedAt: now() }),
    extensionDecisions: await listExtensionDecisions(call.id),
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
  material: z.literal("ja").optional(),
  noExtensionReason: z.string().trim().max(5_000, "answer.tooLong").optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  const parsed = validateForm(Amendment, values, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const call = await loadCallView(params.slug ?? "");
  if (!call) notFound();
  // Only fields that differ from the current dates are changes.
  const same = (a: Date | undefined, b: Date) => !a || a.getTime() === b.getTime();
  const dates = {
    questionDeadline: same(parsed.data.questionDeadline, call.dates.questionDeadline) ? undefined : parsed.data.questionDeadline,
    submissionDeadline: same(parsed.data.submissionDeadline, call.dates.submissionDeadline) ? undefined : parsed.data.submissionDeadline,
    opening: same(parsed.data.opening, call.dates.opening) ? undefined : parsed.data.opening,
  };
  try {
    const result = await publishAmendment({
      officerUserId: user.id,
      slug: call.slug,
      title: parsed.data.title,
      body: parsed.data.body,
      reason: parsed.data.reason,
      dates,
      material: parsed.data.material === "ja",
      noExtensionReason: parsed.data.noExtensionReason,
      now: now(),
    });
    const callUrl = `${publicBaseUrl(request)}/aufrufe/${call.slug}#aenderungen`;
    const notice = { callTitle: call.title, number: result.number, ...parsed.data, changes: result.changes, callUrl };
    await sendBidderNotice({
      ...result,
      callId: call.id,
      mayReviseUntil: result.submissionDeadline > now() ? result.submissionDeadline : undefined,
      letter: (reader, mayReviseUntil) => amendmentNotice(notice, reader, mayReviseUntil),
      kind: "amendment notice",
    });
    return redirect(`/verwaltung/aufrufe/${call.slug}/aenderungen?veroeffentlicht=${result.number}`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale), values }, { status: 400 });
    }
    throw error;
  }
}

export default function Amendments() {
  const { call, amendments, current, proposed, extensionDecisions } = useLoaderData<typeof loader>();
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
      {extensionDecisions.length ? (
        <section aria-labelledby="fristentscheidungen">
          <h2 id="fristentscheidungen" className="kern-heading-medium">
            {t("extension.decisionsTitle")}
          </h2>
          <ul className="kern-list kern-list--bullet">
            {extensionDecisions.map((d) => {
              const dates = { date: formatDateTime(d.decidedAt, locale), proposed: formatDateTime(d.proposedDeadline, locale) };
              return (
                <li key={d.decidedAt.toString()}>
                  {d.newDeadline
                    ? t("extension.decisionExtended", { ...dates, newDeadline: formatDateTime(d.newDeadline, locale) })
                    : t("extension.decisionDeclined", { ...dates, reason: d.reason ?? "" })}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <ErrorSummary
        errors={errors}
        fieldOrder={["_form", "title", "body", "reason", "material", "noExtensionReason", "questionDeadline", "submissionDeadline", "opening"]}
      />
      <Form method="post" noValidate className="stack form-page">
        <TextField name="title" label={t("amend.titleLabel")} defaultValue={v.title} error={errors.title} />
        <TextArea name="body" label={t("amend.body")} defaultValue={v.body} error={errors.body} />
        <TextArea name="reason" label={t("amend.reason")} defaultValue={v.reason} error={errors.reason} rows={3} />
        <Checkbox
          name="material"
          label={t("extension.material")}
          hint={t("extension.materialHint", { date: formatDateTime(proposed, locale) })}
          defaultChecked={v.material === "ja"}
          error={errors.material}
        />
        <TextArea name="noExtensionReason" label={t("extension.noExtensionReason")} defaultValue={v.noExtensionReason} error={errors.noExtensionReason} rows={3} />
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
