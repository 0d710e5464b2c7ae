// Second step of signing in for accounts with a second factor: the code from the
// authenticator app, or a passkey where the account has one and the page runs JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { PageHeader } from "../components/page-header";
import { ErrorSummary, SubmitButton } from "../components/form";
import { OneTimeCodeField } from "../components/one-time-code-field";
import { getTranslator } from "../i18n/locale.server";
import { useTranslation } from "../i18n/use-translation";
import { requestAddress, tooManyAttempts, tooManyAttemptsMessage } from "../identity/rate-limit-http.server";
import { checkBlocked, clearAttempts, recordAttempt, signInKeys } from "../identity/rate-limits.server";
import { clearPendingSignIn, homePathFor, pendingSignIn, startSession } from "../identity/sessions.server";
import { checkTotpCode } from "../identity/totp.server";
import { secondFactorsOf } from "../identity/second-factor.server";
import { PasskeySignIn } from "../components/passkey-buttons";
import { sessionUserById } from "../identity/users.server";
import { now as serverNow } from "../infra/clock.server";
import { safeRedirectPath } from "../infra/http.server";

export { retryAfterHeaders as headers } from "../identity/rate-limit-headers";

export const meta: MetaFunction = () => [{ title: "Code eingeben" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const userId = await pendingSignIn(request, serverNow());
  if (!userId) return redirect("/anmelden");
  const factors = await secondFactorsOf(userId);
  return { totp: factors.totp, passkeys: factors.passkeys.length > 0 };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const form = await request.formData();
  const code = String(form.get("code") ?? "").replace(/\s/g, "");
  const weiter = String(form.get("weiter") ?? "");
  const now = serverNow();
  const userId = await pendingSignIn(request, now);
  const user = userId ? await sessionUserById(userId) : null;
  if (!user) return data({ errors: { _form: t("security.code.expired") } }, { status: 400 });
  if (!code) return data({ errors: { code: t("security.code.missing") } }, { status: 400 });
  const limits = signInKeys(user.email, requestAddress(request, context));
  const blocked = await checkBlocked(limits);
  if (blocked) return tooManyAttempts({ errors: { _form: tooManyAttemptsMessage(blocked, t) } }, blocked);

  // The step of a used code is remembered: the same code cannot sign in twice.

  const outcome = await checkTotpCode({ userId: user.id, code, purpose: "sign-in", now });
  if (outcome !== "ok") {
    const nowBlocked = await recordAttempt(limits);
    if (nowBlocked) return tooManyAttempts({ errors: { _form: tooManyAttemptsMessage(nowBlocked, t) } }, nowBlocked);
    return data({ errors: { code: t(outcome === "replayed" ? "security.code.replayed" : "security.code.wrong") } }, { status: 400 });
  }
  await clearAttempts(limits.filter((l) => l.rule !== "sign-in:address"));
  const sessionCookie = await startSession(user, now, undefined, { replacing: request, secondFactorAt: now });
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie);
  headers.append("Set-Cookie", await clearPendingSignIn());
  return redirect(safeRedirectPath(weiter, homePathFor(user.role)), { headers });
}

export default function SignInCode() {
  const factors = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("signIn.title"), to: "/anmelden" }, { label: t("security.code.title") }]} />
      {factors.passkeys ? <PasskeySignIn action="/anmelden/passkey" weiter={params.get("weiter") ?? ""} /> : null}
      {factors.totp ? (
        <>
          <p className="kern-body">{factors.passkeys ? t("security.passkey.orCode") : t("security.code.intro")}</p>
          <ErrorSummary errors={errors} fieldOrder={["_form", "code"]} />
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="weiter" value={params.get("weiter") ?? ""} />
            <OneTimeCodeField error={errors.code} />
            <SubmitButton label={t("security.code.submit")} />
          </Form>
        </>
      ) : (
        <p className="kern-body">{t("security.passkey.intro")}</p>
      )}
      {errors._form ? (
        <p>
          <Link className="kern-link" to="/anmelden">
            {t("signIn.title")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
