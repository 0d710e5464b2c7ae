import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DoneNotices } from "../components/done-notice";
import { ErrorSummary, SubmitButton, TextField } from "../components/form";
import { PageHeader } from "../components/page-header";
import { formatDateTime } from "../i18n/format";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";
import { toResponse } from "../infra/http.server";
import { cooperationRequestFor, declareCooperation, MAX_DECLARANT_CHARS } from "../award/cooperation.server";

export const meta: MetaFunction = () => [{ title: "Kooperationserklärung" }];

// Kooperationserklärung: a member of a carrier whose tandem the award split declares in
// Textform (name, function; the time is the server's). Thin: app/award/cooperation.server.ts.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireCarrier(request);
  try {
    return { request: await cooperationRequestFor({ organisationId: actor.organisationId, declarationId: params.declarationId ?? "" }), maxChars: MAX_DECLARANT_CHARS };
  } catch (error) {
    return toResponse(error, request);
  }
}

const DeclarationForm = z.object({
  name: z.string().trim().min(1, "cooperation.refusal.nameMissing"),
  funktion: z.string().trim().min(1, "cooperation.refusal.functionMissing"),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireCarrier(request);
  const { t, locale } = await getTranslator(request);
  const declarationId = params.declarationId ?? "";
  const values = formValues(await request.formData());
  const parsed = validateForm(DeclarationForm, values, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  try {
    await declareCooperation({ actor, declarationId, declarantName: parsed.data.name, declarantFunction: parsed.data.funktion, now: serverNow() });
    return redirect(`/traeger/kooperation/${declarationId}?erklaert=1`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale), values }, { status: error.code === "INVALID" ? 400 : 409 });
    }
    return toResponse(error, request);
  }
}

const NOTICES = [["erklaert", "cooperation.done"]] as const;

export default function CooperationDeclaration() {
  const { request: r, maxChars } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values = result?.values;
  const words = { first: r.roleNames[0], partner: r.roleNames[1], region: r.regionName, call: r.callTitle, partners: r.partners.join(", ") };
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("dashboard.title"), to: "/traeger" }, { label: t("cooperation.pageTitle") }]} />
      <DoneNotices notices={NOTICES} />
      <ErrorSummary errors={errors} fieldOrder={["_form", "name", "funktion"]} />
      <p className="kern-body">{t("cooperation.intro", words)}</p>
      <blockquote className="kern-body">{t("cooperation.statement", words)}</blockquote>
      <p className="kern-body--small">{t("cooperation.requestedAt", { date: formatDateTime(new Date(r.requestedAt), locale) })}</p>
      {r.declaredAt ? (
        <p className="kern-body kern-body--bold">
          {t("cooperation.declared", { date: formatDateTimeSeconds(new Date(r.declaredAt), locale), name: r.declarantName ?? "", function: r.declarantFunction ?? "" })}
        </p>
      ) : (
        <Form method="post" className="stack">
          <TextField name="name" label={t("cooperation.name")} defaultValue={values?.name} error={errors.name} autoComplete="name" hint={t("cooperation.maxChars", { max: maxChars })} />
          <TextField name="funktion" label={t("cooperation.function")} defaultValue={values?.funktion} error={errors.funktion} autoComplete="organization-title" hint={t("cooperation.maxChars", { max: maxChars })} />
          <p className="kern-body">{t("cooperation.timeHint")}</p>
          <SubmitButton label={t("cooperation.submit")} />
        </Form>
      )}
      <p>
        <Link className="kern-link" to="/traeger">
          {t("cooperation.back")}
        </Link>
      </p>
    </div>
  );
}
