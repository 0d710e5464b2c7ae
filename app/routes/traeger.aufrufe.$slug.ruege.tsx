import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DoneNotices } from "../components/done-notice";
import { ErrorSummary, SubmitButton, TextArea } from "../components/form";
import { LotCheckboxes, tickedLots } from "../components/lot-checkboxes";
import { PageHeader } from "../components/page-header";
import type { MessageKey } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors, refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues, translateIssues } from "../infra/forms.server";
import { notFound, publicBaseUrl, toResponse } from "../infra/http.server";
import { complaintPageForCarrier, fileComplaint } from "../award/complaints.server";
import { MIN_REASON_CHARS, reasonField } from "../award/reasons";
import { callIdBySlug } from "../procurement/call-admin.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Rüge – ${data.page.call.title}` : "Rüge" }];

// A carrier files a Rüge (§ 160 GWB) on a call: the lots it concerns and its reasons. Thin:
// the window, the lots and the receipt are app/award/complaints.server.ts.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireCarrier(request);
  const callId = await callIdBySlug(params.slug ?? "");
  if (!callId) notFound();
  try {
    return { page: await complaintPageForCarrier({ organisationId: actor.organisationId, callId, now: serverNow() }) };
  } catch (error) {
    return toResponse(error, request);
  }
}

const ComplaintForm = z.object({ gruende: reasonField("complaint.form.reasonsMissing") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireCarrier(request);
  const { t, locale } = await getTranslator(request);
  const callId = await callIdBySlug(params.slug ?? "");
  if (!callId) notFound();
  const values = formValues(await request.formData());
  const parsed = ComplaintForm.safeParse(values);
  const lotIds = tickedLots(values, "lose");
  if (!parsed.success || lotIds.length === 0) {
    const errors = parsed.success ? {} : translateIssues(parsed.error.issues, t);
    return data({ errors: { ...(lotIds.length ? {} : { lose: t("complaint.refusal.noLot") }), ...errors }, values }, { status: 400 });
  }
  try {
    await fileComplaint({ actor, callId, lotIds, reasons: parsed.data.gruende, now: serverNow(), baseUrl: publicBaseUrl(request) });
    return redirect(`/traeger/aufrufe/${params.slug}/ruege?eingelegt=1`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale, "gruende"), values }, { status: error.code === "INVALID" ? 400 : 409 });
    }
    return toResponse(error, request);
  }
}

const NOTICES = [["eingelegt", "complaint.carrier.done"]] as const;

export default function CarrierComplaint() {
  const { page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values = result?.values;
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("dashboard.title"), to: "/traeger" }, { label: page.call.title, to: `/aufrufe/${page.call.slug}` }, { label: t("complaint.carrier.title") }]} />
      <DoneNotices notices={NOTICES} />
      <ErrorSummary errors={errors} fieldOrder={["_form", "lose", "gruende"]} />
      <p className="kern-body">{t("complaint.carrier.intro")}</p>
      {page.closed ? (
        <p className="kern-body kern-body--bold">{t("complaint.carrier.closed", { reason: refusalMessage({ key: page.closed.key, params: "date" in page.closed ? { date: new Date(page.closed.date) } : undefined }, t, locale) })}</p>
      ) : (
        <Form method="post" className="stack">
          <p className="kern-body">{t("complaint.carrier.sealed")}</p>
          <LotCheckboxes name="lose" legend={t("complaint.carrier.lots")} hint={t("complaint.carrier.lotsHint")} error={errors.lose} lots={page.lots} values={values} />
          <TextArea
            name="gruende"
            label={t("complaint.carrier.reasons")}
            hint={t("complaint.carrier.reasonsHint", { min: MIN_REASON_CHARS })}
            defaultValue={values?.gruende}
            error={errors.gruende}
            rows={6}
          />
          <SubmitButton label={t("complaint.carrier.submit")} />
        </Form>
      )}
      <section aria-labelledby="titel-eigene" className="stack">
        <h2 id="titel-eigene" className="kern-heading-medium">
          {t("complaint.carrier.own")}
        </h2>
        {page.own.length === 0 ? (
          <p className="kern-body">{t("complaint.carrier.none")}</p>
        ) : (
          <ul className="kern-list">
            {page.own.map((c) => (
              <li key={c.id}>
                <strong>{t("complaint.carrier.item", { date: formatDateTime(new Date(c.receivedAt), locale), lots: c.lots.join("; ") })}</strong>{" "}
                {c.resolvedAt && c.decision
                  ? t("complaint.carrier.decided", { date: formatDateTime(new Date(c.resolvedAt), locale), decision: t(`complaint.decision.${c.decision}` as MessageKey) })
                  : t("complaint.carrier.open")}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <Link className="kern-link" to="/traeger">
          {t("complaint.carrier.back")}
        </Link>
      </p>
    </div>
  );
}
