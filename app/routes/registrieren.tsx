import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { PageHeader } from "../components/page-header";
import { ErrorSummary, RadioGroup, SubmitButton, TextField } from "../components/form";
import { getTranslator } from "../i18n/locale.server";
import { useTranslation } from "../i18n/use-translation";
import { registerCarrier, registrationAttempt, RegistrationInput } from "../identity/carriers.server";
import { sendRegistrationAttemptMail } from "../identity/account-mails.server";
import { currentUser, homePathFor } from "../identity/sessions.server";
import { checkBlocked, recordAttempt, registrationKeys } from "../identity/rate-limits.server";
import { requestAddress, tooManyAttempts, tooManyAttemptsMessage } from "../identity/rate-limit-http.server";
import { DomainError } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";
import { sendConfirmationMail } from "../identity/carrier-mails.server";
import { now as serverNow } from "../infra/clock.server";

export { retryAfterHeaders as headers } from "../identity/rate-limit-headers";

export const meta: MetaFunction = () => [{ title: "Organisation registrieren" }];

const FIELDS = [
  "_form",
  "organisationName",
  "legalForm",
  "street",
  "postalCode",
  "city",
  "registerCourt",
  "registerNumber",
  "nonProfit",
  "contactPhone",
  "name",
  "email",
  "password",
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await currentUser(request);
  if (user) return redirect(homePathFor(user.role));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const values = formValues(await request.formData());
  const { password: _password, ...keep } = values; // a typed password is never sent back
  const parsed = validateForm(RegistrationInput, values, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: keep }, { status: 400 });
  // Every well-formed registration counts (it creates an account and sends a mail).
  const limits = registrationKeys(parsed.data.email, requestAddress(request, context));
  const blocked = (await checkBlocked(limits)) ?? (await recordAttempt(limits));
  if (blocked) return tooManyAttempts({ errors: { _form: tooManyAttemptsMessage(blocked, t) }, values: keep }, blocked);
  const now = serverNow();
  // G15: the answer is the same whether or not the address has an account, and nobody is
  // signed in by it; a new member confirms the address and signs in, an owner is told by mail.
  const checkMail = data({ errors: {} as Record<string, string>, values: {} as Record<string, string>, sentTo: parsed.data.email });
  try {
    const result = await registerCarrier({ input: parsed.data, now });
    await sendConfirmationMail(request, {
      email: result.user.email,
      name: result.user.name,
      organisationName: result.organisation.name,
      token: result.confirmToken,
      validUntil: result.expiresAt,
    });
    return checkMail;
  } catch (error) {
    if (!(error instanceof DomainError && error.code === "CONFLICT")) throw error;
    const owner = await registrationAttempt({ email: parsed.data.email, now });
    if (owner) await sendRegistrationAttemptMail(request, owner);
    return checkMail;
  }
}

export default function Register() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const v: Record<string, string | undefined> = result?.values ?? {};
  if (result && "sentTo" in result) {
    return (
      <div className="stack form-page">
        <PageHeader trail={[{ label: t("register.title") }]} title={t("register.checkMail.title")} />
        <p className="kern-body" role="status">
          {t("register.checkMail.body", { email: String(result.sentTo) })}
        </p>
        <p className="kern-body">
          <Link className="kern-link" to="/anmelden">
            {t("signIn.title")}
          </Link>
        </p>
      </div>
    );
  }
  const field = (name: string, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField name={name} label={t(label as never)} defaultValue={v[name]} error={errors[name]} {...extra} />
  );
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("register.title") }]} />
      <p className="kern-body">{t("register.intro")}</p>
      <ErrorSummary errors={errors} fieldOrder={FIELDS} />
      <Form method="post" noValidate className="stack">
        <fieldset className="kern-fieldset">
          <legend className="kern-heading-medium">{t("register.organisation")}</legend>
          <div className="stack">
            {field("organisationName", "register.organisationName", { autoComplete: "organization" })}
            {field("legalForm", "register.legalForm", { hint: t("register.legalFormHint") })}
            {field("street", "register.street", { autoComplete: "street-address" })}
            {field("postalCode", "register.postalCode", { autoComplete: "postal-code" })}
            {field("city", "register.city", { autoComplete: "address-level2" })}
            {field("registerCourt", "register.registerCourt", { hint: t("register.optional") })}
            {field("registerNumber", "register.registerNumber", { hint: t("register.optional") })}
            <RadioGroup
              name="nonProfit"
              legend={t("register.nonProfit")}
              options={[
                { value: "ja", label: t("register.yes") },
                { value: "nein", label: t("register.no") },
              ]}
              defaultValue={v.nonProfit}
              error={errors.nonProfit}
            />
            {field("contactPhone", "register.contactPhone", { hint: t("register.optional"), autoComplete: "tel" })}
          </div>
        </fieldset>
        <fieldset className="kern-fieldset">
          <legend className="kern-heading-medium">{t("register.member")}</legend>
          <div className="stack">
            {field("name", "register.name", { autoComplete: "name" })}
            {field("email", "register.email", { type: "email", autoComplete: "email", hint: t("register.emailHint") })}
            {field("password", "register.password", { type: "password", autoComplete: "new-password", hint: t("register.passwordHint") })}
          </div>
        </fieldset>
        <SubmitButton label={t("register.submit")} />
      </Form>
    </div>
  );
}
