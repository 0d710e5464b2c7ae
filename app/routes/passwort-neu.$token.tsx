import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { PageHeader } from "../components/page-header";
import { ErrorSummary, SubmitButton, TextField } from "../components/form";
import { getTranslator } from "../i18n/locale.server";
import { useTranslation } from "../i18n/use-translation";
import { resetPassword } from "../identity/carriers.server";
import { passwordProblem } from "../identity/password-policy";
import { DomainError } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";
import { now as serverNow } from "../infra/clock.server";

export const meta: MetaFunction = () => [{ title: "Neues Passwort" }];

const NewPassword = z.object({ password: z.string() }).superRefine((v, ctx) => {
  const problem = passwordProblem(v.password);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["password"], message: problem });
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const parsed = validateForm(NewPassword, formValues(await request.formData()), t);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  try {
    await resetPassword({ token: params.token ?? "", password: parsed.data.password, now: serverNow() });
  } catch (error) {
    if (error instanceof DomainError) return data({ errors: { _form: t("reset.invalid") } }, { status: 400 });
    throw error;
  }
  return redirect("/anmelden?zurueckgesetzt=1");
}

export default function ResetPassword() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("reset.title") }]} />
      <p className="kern-body">{t("reset.intro")}</p>
      <ErrorSummary errors={errors} fieldOrder={["_form", "password"]} />
      <Form method="post" noValidate className="stack">
        <TextField name="password" type="password" label={t("reset.password")} hint={t("register.passwordHint")} autoComplete="new-password" error={errors.password} />
        <SubmitButton label={t("reset.submit")} />
      </Form>
    </div>
  );
}
