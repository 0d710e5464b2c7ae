import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PageHeader } from "../components/page-header";
import { ErrorSummary, SubmitButton, TextField } from "../components/form";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { acceptInvitation, invitationFor } from "../identity/carriers.server";
import { passwordProblem } from "../identity/password-policy";
import { startSession } from "../identity/sessions.server";
import { DomainError } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";
import { now as serverNow } from "../infra/clock.server";

export const meta: MetaFunction = () => [{ title: "Einladung annehmen" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return { invitation: await invitationFor({ token: params.token ?? "", now: serverNow() }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  const invitation = await invitationFor({ token: params.token ?? "", now: serverNow() });
  if (!invitation) return data({ errors: { _form: t("invitation.invalid") }, values: { name: "" } }, { status: 400 });
  const schema = z
    .object({ name: z.string().trim().min(1, "register.nameMissing").max(200), password: z.string() })
    .superRefine((v, ctx) => {
      const problem = passwordProblem(v.password, { email: invitation.email, name: v.name });
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["password"], message: problem });
    });
  const parsed = validateForm(schema, values, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: { name: values.name ?? "" } }, { status: 400 });
  const now = serverNow();
  try {
    const user = await acceptInvitation({ token: params.token ?? "", ...parsed.data, now });
    return redirect("/traeger", { headers: { "Set-Cookie": await startSession(user, now, undefined, { replacing: request }) } });
  } catch (error) {
    if (error instanceof DomainError) return data({ errors: refusalErrors(error, t, locale), values: { name: "" } }, { status: 400 });
    throw error;
  }
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("invitation.title") }]} />
      {!invitation ? (
        <p className="kern-body">{t("invitation.invalid")}</p>
      ) : (
        <>
          <p className="kern-body">{t("invitation.intro", { organisation: invitation.organisationName, email: invitation.email })}</p>
          <ErrorSummary errors={errors} fieldOrder={["_form", "name", "password"]} />
          <Form method="post" noValidate className="stack">
            <TextField name="name" label={t("register.name")} autoComplete="name" defaultValue={result?.values?.name} error={errors.name} />
            <TextField name="password" type="password" label={t("register.password")} hint={t("register.passwordHint")} autoComplete="new-password" error={errors.password} />
            <SubmitButton label={t("invitation.submit")} />
          </Form>
        </>
      )}
    </div>
  );
}
