import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "../components/alert";
import { PageHeader } from "../components/page-header";
import { ErrorSummary, SubmitButton, TextField } from "../components/form";
import { getTranslator } from "../i18n/locale.server";
import { useTranslation } from "../i18n/use-translation";
import { sendPasswordResetMail } from "../identity/carrier-mails.server";
import { requestPasswordReset } from "../identity/carriers.server";
import { checkBlocked, passwordResetKeys, recordAttempt } from "../identity/rate-limits.server";
import { requestAddress, tooManyAttempts, tooManyAttemptsMessage } from "../identity/rate-limit-http.server";
import { formValues, validateForm } from "../infra/forms.server";
import { now as serverNow } from "../infra/clock.server";

export { retryAfterHeaders as headers } from "../identity/rate-limit-headers";

export const meta: MetaFunction = () => [{ title: "Passwort vergessen" }];

const ResetRequest = z.object({ email: z.string().trim().toLowerCase().email("register.emailInvalid") });

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const values = formValues(await request.formData());
  const parsed = validateForm(ResetRequest, values, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values, sent: false }, { status: 400 });
  // Every well-formed request counts, known address or not (the answer must not tell).
  const limits = passwordResetKeys(parsed.data.email, requestAddress(request, context));
  const blocked = (await checkBlocked(limits)) ?? (await recordAttempt(limits));
  if (blocked) return tooManyAttempts({ errors: { _form: tooManyAttemptsMessage(blocked, t) }, values, sent: false }, blocked);
  const issued = await requestPasswordReset({ email: parsed.data.email, now: serverNow() });
  if (issued) {
    await sendPasswordResetMail(request, { email: issued.email, name: issued.name, token: issued.token, validUntil: issued.expiresAt });
  }
  // The same answer whether or not the address has an account.
  return data({ errors: {}, values, sent: true });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("signIn.title"), to: "/anmelden" }, { label: t("forgot.title") }]} />
      {result?.sent ? (
        <Alert tone="success" role="status">
          <p className="kern-body">{t("forgot.sent")}</p>
        </Alert>
      ) : (
        <>
          <p className="kern-body">{t("forgot.intro")}</p>
          <ErrorSummary errors={errors} fieldOrder={["_form", "email"]} />
          <Form method="post" noValidate className="stack">
            <TextField name="email" type="email" label={t("signIn.email")} autoComplete="email" defaultValue={result?.values.email} error={errors.email} />
            <SubmitButton label={t("forgot.submit")} />
          </Form>
        </>
      )}
    </div>
  );
}
