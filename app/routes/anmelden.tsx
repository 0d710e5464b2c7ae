import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { LinkList } from "../components/links";
import { PageHeader } from "../components/page-header";
import { ErrorSummary, FocusedAlert, SubmitButton, TextField } from "../components/form";
import { getTranslator } from "../i18n/locale.server";
import { useTranslation } from "../i18n/use-translation";
import { authenticate } from "../identity/users.server";
import { ENROLMENT_PATH, currentSession, homePathFor, startPendingSignIn, startSession } from "../identity/sessions.server";
import { checkBlocked, clearAttempts, recordAttempt, signInKeys, type Blocked } from "../identity/rate-limits.server";
import { requestAddress, signInLockedMessage, tooManyAttempts } from "../identity/rate-limit-http.server";
import { hasSecondFactor } from "../identity/second-factor.server";
import { safeRedirectPath } from "../infra/http.server";
import { now as serverNow } from "../infra/clock.server";

export { retryAfterHeaders as headers } from "../identity/rate-limit-headers";

export const meta: MetaFunction = () => [{ title: "Anmelden" }];

const SignInForm = z.object({
  email: z.string().trim().email("signIn.emailInvalid"),
  password: z.string().min(1, "signIn.passwordMissing"),
  weiter: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await currentSession(request);
  if (session) return redirect(session.needsEnrolment ? ENROLMENT_PATH : homePathFor(session.user.role));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { t, locale } = await getTranslator(request);
  const form = Object.fromEntries(await request.formData());
  const email = typeof form.email === "string" ? form.email : "";
  const parsed = SignInForm.safeParse(form);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      errors[String(issue.path[0])] ??= t(issue.message as Parameters<typeof t>[0]);
    }
    return data({ errors, email, locked: null }, { status: 400 });
  }
  const now = serverNow();
  // Locked: nothing in the form to correct, so a notice of its own instead of the error summary.
  const locked = (blocked: Blocked) => tooManyAttempts({ errors: {}, email, locked: signInLockedMessage(blocked, now, t, locale) }, blocked);
  // Failures count per account and address, per account, and per address; a blocked
  // attempt is refused before the password is even checked.
  const limits = signInKeys(parsed.data.email, requestAddress(request, context));
  const blocked = await checkBlocked(limits);
  if (blocked) return locked(blocked);
  const user = await authenticate({ email: parsed.data.email, password: parsed.data.password, now });
  if (!user) {
    const nowBlocked = await recordAttempt(limits);
    if (nowBlocked) return locked(nowBlocked);
    return data({ errors: { _form: t("signIn.failed") }, email, locked: null }, { status: 400 });
  }
  const next = safeRedirectPath(parsed.data.weiter, homePathFor(user.role));
  if (await hasSecondFactor(user.id)) {
    // Second step: no session until the code or passkey is right (anmelden/code); failures
    // there count against the same limits, so the password step is not cleared yet.
    return redirect(`/anmelden/code?weiter=${encodeURIComponent(next)}`, {
      headers: { "Set-Cookie": await startPendingSignIn(user.id, now) },
    });
  }
  await clearAttempts(limits.filter((l) => l.rule !== "sign-in:address"));
  // Staff without a factor yet: a session that reaches only the enrolment page (decision 0034).
  const target = user.role === "carrier" ? next : `${ENROLMENT_PATH}?weiter=${encodeURIComponent(next)}`;
  return redirect(target, {
    headers: { "Set-Cookie": await startSession(user, now, undefined, { replacing: request }) },
  });
}

export default function SignIn() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("signIn.title") }]} />
      <p className="kern-body">{t("signIn.intro")}</p>
      {params.get("zurueckgesetzt") ? <p className="kern-body kern-body--bold" role="status">{t("signIn.resetDone")}</p> : null}
      {params.get("ueberall") ? <p className="kern-body kern-body--bold" role="status">{t("signIn.signedOutEverywhere")}</p> : null}
      {result?.locked ? <LockedNotice text={result.locked} /> : null}
      <ErrorSummary errors={errors} fieldOrder={["_form", "email", "password"]} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="weiter" value={params.get("weiter") ?? ""} />
        <TextField
          name="email"
          type="email"
          label={t("signIn.email")}
          autoComplete="username"
          defaultValue={result?.email}
          error={errors.email}
          required
        />
        <TextField
          name="password"
          type="password"
          label={t("signIn.password")}
          autoComplete="current-password"
          error={errors.password}
          required
        />
        <SubmitButton label={t("signIn.submit")} />
      </Form>
      <LinkList
        links={[
          { to: "/passwort-vergessen", label: t("signIn.forgot") },
          { to: "/registrieren", label: t("signIn.register") },
        ]}
      />
    </div>
  );
}

/** The sign-in is locked: what happened, until when, and the way out (a new password). */
function LockedNotice({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <FocusedAlert kind="warning" id="gesperrt" titleId="gesperrt-titel" title={t("signIn.locked.title")} focusKey={text}>
      <p className="kern-body">{text}</p>
      <p className="kern-body">
        {t("signIn.locked.reset")}{" "}
        <Link className="kern-link" to="/passwort-vergessen">
          {t("signIn.locked.resetLink")}
        </Link>
      </p>
    </FocusedAlert>
  );
}
