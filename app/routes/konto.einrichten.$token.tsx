// The staff invitation's link (decision 0035): the invited person sets their password and is
// signed in; staff then set up the second factor.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, SubmitButton, TextField } from "../components/form";
import { PageHeader } from "../components/page-header";
import type { MessageKey } from "../i18n";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { passwordProblem } from "../identity/password-policy";
import { startSession } from "../identity/sessions.server";
import { acceptStaffInvitation, staffInvitationFor } from "../identity/staff-accounts.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";

export const meta: MetaFunction = () => [{ title: "Konto einrichten" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return { invitation: await staffInvitationFor({ token: params.token ?? "", now: serverNow() }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { t, locale } = await getTranslator(request);
  const invitation = await staffInvitationFor({ token: params.token ?? "", now: serverNow() });
  if (!invitation) return data({ errors: { _form: t("invitation.invalid") } as Record<string, string> }, { status: 400 });
  const schema = z.object({ password: z.string() }).superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, { email: invitation.email, name: invitation.name });
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["password"], message: problem });
  });
  const parsed = validateForm(schema, formValues(await request.formData()), t);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const now = serverNow();
  try {
    const user = await acceptStaffInvitation({ token: params.token ?? "", password: parsed.data.password, now });
    return redirect("/konto/zwei-faktor", { headers: { "Set-Cookie": await startSession(user, now, undefined, { replacing: request }) } });
  } catch (error) {
    if (error instanceof DomainError) return data({ errors: refusalErrors(error, t, locale) }, { status: 400 });
    throw error;
  }
}

export default function SetUpAccount() {
  const { invitation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("staffInvitation.title") }]} />
      {!invitation ? (
        <p className="kern-body">{t("invitation.invalid")}</p>
      ) : (
        <>
          <p className="kern-body">{t("staffInvitation.intro", { name: invitation.name, email: invitation.email, role: t(`role.${invitation.role}` as MessageKey) })}</p>
          <ErrorSummary errors={errors} fieldOrder={["_form", "password"]} />
          <Form method="post" noValidate className="stack">
            <TextField name="password" type="password" label={t("register.password")} hint={t("register.passwordHint")} autoComplete="new-password" error={errors.password} />
            <SubmitButton label={t("staffInvitation.submit")} />
          </Form>
        </>
      )}
    </div>
  );
}
