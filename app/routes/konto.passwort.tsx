// Passwort ändern: the current password, then the new one (the portal's password policy).
// Wrong current passwords count as failed sign-ins (a stolen session must not guess it).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, SubmitButton, TextField } from "../components/form";
import { PageHeader } from "../components/page-header";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { sendPasswordChangedMail } from "../identity/account-mails.server";
import { changePassword } from "../identity/password-change.server";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "../identity/password-policy";
import { requestAddress, tooManyAttempts, tooManyAttemptsMessage } from "../identity/rate-limit-http.server";
import { checkBlocked, recordAttempt, signInKeys } from "../identity/rate-limits.server";
import { requireSession } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";

export { retryAfterHeaders as headers } from "../identity/rate-limit-headers";

export const meta: MetaFunction = () => [{ title: "Passwort ändern" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request);
  return null;
}

function schemaFor(user: { email: string; name: string }) {
  return z
    .object({
      currentPassword: z.string().min(1, "password.currentMissing").max(MAX_PASSWORD_LENGTH, "password.currentWrong"),
      newPassword: z.string().max(MAX_PASSWORD_LENGTH, "password.tooLong"),
    })
    .superRefine((v, ctx) => {
      const problem = passwordProblem(v.newPassword, user);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["newPassword"], message: problem });
    });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const { t, locale } = await getTranslator(request);
  // Typed passwords are never sent back.
  const parsed = validateForm(schemaFor(session.user), formValues(await request.formData()), t);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const limits = signInKeys(session.user.email, requestAddress(request, context));
  const blocked = await checkBlocked(limits);
  if (blocked) return tooManyAttempts({ errors: { _form: tooManyAttemptsMessage(blocked, t) } }, blocked);
  const now = serverNow();
  try {
    const owner = await changePassword({
      userId: session.user.id,
      sessionId: session.id,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      now,
    });
    await sendPasswordChangedMail(request, { ...owner, changedAt: now });
    return redirect("/konto?passwort=geaendert");
  } catch (error) {
    if (error instanceof DomainError && error.code === "INVALID") {
      const nowBlocked = await recordAttempt(limits);
      if (nowBlocked) return tooManyAttempts({ errors: { _form: tooManyAttemptsMessage(nowBlocked, t) } }, nowBlocked);
      return data({ errors: refusalErrors(error, t, locale) }, { status: 400 });
    }
    throw error;
  }
}

export default function ChangePassword() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("account.title"), to: "/konto" }, { label: t("password.title") }]} />
      <p className="kern-body">{t("password.intro")}</p>
      <ErrorSummary errors={errors} fieldOrder={["_form", "currentPassword", "newPassword"]} />
      <Form method="post" noValidate className="stack">
        <TextField name="currentPassword" type="password" label={t("password.current")} autoComplete="current-password" error={errors.currentPassword} />
        <TextField name="newPassword" type="password" label={t("password.new")} hint={t("register.passwordHint")} autoComplete="new-password" error={errors.newPassword} />
        <SubmitButton label={t("password.submit")} />
      </Form>
    </div>
  );
}
