import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DoneNotice } from "../components/done-notice";
import { CallPageHeader } from "../components/page-header";
import { ErrorSummary, Select, SubmitButton, TextArea } from "../components/form";
import { formatDateTime } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues, translateIssues } from "../infra/forms.server";
import { notFound, publicBaseUrl, toResponse } from "../infra/http.server";
import { cancelCall, cancelLot } from "../award/cancellation.server";
import { awardOverview } from "../award/overview.server";
import { callIdBySlug } from "../procurement/call-admin.server";
import { MIN_REASON_CHARS, reasonField } from "../award/reasons";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Aufhebung – ${data.overview.call.title}` : "Aufhebung" }];

// Aufhebung of a whole call or of one lot, with a reason; every carrier that applied gets a
// notice (PDF + mail). Rules in app/award/cancellation.server.ts.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const callId = await callIdBySlug(params.slug ?? "");
  if (!callId) notFound();
  try {
    return { overview: await awardOverview({ officerUserId: user.id, callId, now: serverNow() }) };
  } catch (error) {
    return toResponse(error, request);
  }
}

const Cancellation = z.object({
  umfang: z.string().min(1, "award.cancel.scopeMissing"),
  grund: reasonField("award.cancel.reasonMissing"),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const callId = await callIdBySlug(params.slug ?? "");
  if (!callId) notFound();
  const values = formValues(await request.formData());
  const parsed = Cancellation.safeParse(values);
  if (!parsed.success) return data({ errors: translateIssues(parsed.error.issues, t), values }, { status: 400 });
  const common = { officerUserId: user.id, callId, reason: parsed.data.grund, now: serverNow(), baseUrl: publicBaseUrl(request) };
  try {
    if (parsed.data.umfang === "aufruf") await cancelCall(common);
    else await cancelLot({ ...common, lotId: parsed.data.umfang });
    return redirect(`/verwaltung/aufrufe/${params.slug ?? ""}/aufhebung?aufgehoben=1`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale, "grund"), values }, { status: error.code === "INVALID" ? 400 : 409 });
    }
    return toResponse(error, request);
  }
}

export default function CancellationPage() {
  const { overview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values = result?.values;
  const hub = `/verwaltung/aufrufe/${overview.call.slug}`;
  return (
    <div className="stack">
      <CallPageHeader call={overview.call} page={t("award.cancel.title")} />
      {params.get("aufgehoben") ? (
        <DoneNotice>{t("award.cancel.done")}</DoneNotice>
      ) : null}
      <ErrorSummary errors={errors} fieldOrder={["umfang", "grund"]} />
      <p className="kern-body">{t("award.cancel.intro")}</p>
      {overview.call.status === "cancelled" ? (
        <p className="kern-body kern-body--bold">
          {t("award.cancel.callCancelled", {
            date: overview.call.cancelledAt ? formatDateTime(new Date(overview.call.cancelledAt), locale) : "",
            reason: overview.call.cancellationReason ?? "",
          })}
        </p>
      ) : null}
      {overview.lotChoices.some((l) => l.cancelled) ? (
        <>
          <h2 className="kern-heading-medium">{t("award.cancel.cancelledLots")}</h2>
          <ul className="kern-list">
            {overview.lotChoices.filter((l) => l.cancelled).map((l) => (
              <li key={l.id}>{l.label}</li>
            ))}
          </ul>
        </>
      ) : null}
      {!overview.steps.cancel ? (
        <p className="kern-body">{t("award.cancel.notPossible")}</p>
      ) : (
        <Form method="post" className="stack form-page">
          <Select
            name="umfang"
            label={t("award.cancel.scope")}
            hint={t("award.cancel.scopeHint")}
            error={errors.umfang}
            defaultValue={values?.umfang ?? ""}
            options={[
              { value: "", label: t("award.cancel.choose") },
              { value: "aufruf", label: t("award.cancel.wholeCall") },
              ...overview.lotChoices.filter((l) => !l.cancelled).map((l) => ({ value: l.id, label: l.label })),
            ]}
          />
          <TextArea name="grund" label={t("award.cancel.reason")} hint={t("award.cancel.reasonHint", { min: MIN_REASON_CHARS })} defaultValue={values?.grund} error={errors.grund} rows={4} />
          <div>
            <SubmitButton label={t("award.cancel.submit")} />
          </div>
        </Form>
      )}
      <p className="kern-body">{t("award.cancel.sent", { count: overview.cancellationNotices })}</p>
      <p>
        <Link className="kern-link" to={hub}>
          {t("award.backToCall")}
        </Link>
      </p>
    </div>
  );
}
