// Zweiter Faktor (TOTP) for officers and evaluators: begin, show the key, confirm with a code.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { WorkspaceHeader } from "../components/page-header";
import { Alert } from "../components/alert";
import { ErrorSummary, SubmitButton } from "../components/form";
import { OneTimeCodeField } from "../components/one-time-code-field";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requestAddress, tooManyAttempts, tooManyAttemptsMessage } from "../identity/rate-limit-http.server";
import { checkBlocked, recordAttempt, signInKeys } from "../identity/rate-limits.server";
import { markSecondFactor, requireSession } from "../identity/sessions.server";
import { beginTotpSetup, checkTotpCode, totpStatus } from "../identity/totp.server";
import { now as serverNow } from "../infra/clock.server";
import { env } from "../infra/env.server";
import { DomainError, httpStatusOf } from "../infra/errors";

export { retryAfterHeaders as headers } from "../identity/rate-limit-headers";

export const meta: MetaFunction = () => [{ title: "Zweiter Faktor" }];

const STAFF = ["officer", "evaluator", "administrator"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request, { roles: [...STAFF] });
  const status = totpStatus(session.user.id, `Interessenbekundung ${env().CITY_NAME}`);
  return { ...status, sessionConfirmed: Boolean(session.secondFactorAt) };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("begin") }),
  z.object({ intent: z.literal("confirm"), code: z.string().trim().default("") }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, { roles: [...STAFF] });
  const { t, locale } = await getTranslator(request);
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const now = serverNow();
  try {
    if (parsed.data.intent === "begin") {
      beginTotpSetup({ userId: session.user.id, now });
      return redirect("/konto/zwei-faktor");
    }
    const code = parsed.data.code.replace(/\s/g, "");
    if (!/^\d{6}$/.test(code)) return data({ errors: { code: t("security.code.missing") } }, { status: 400 });
    const limits = signInKeys(session.user.email, requestAddress(request, context));
    const blocked = await checkBlocked(limits);
    if (blocked) return tooManyAttempts({ errors: { _form: tooManyAttemptsMessage(blocked, t) } }, blocked);
    // Proving the code at setup confirms this session too: it holds the factor now.
    const outcome = await checkTotpCode({
      userId: session.user.id,
      code,
      purpose: "setup",
      now,
      onSuccess: (tx) => markSecondFactor(session.id, now, tx),
    });
    if (outcome !== "ok") {
      const nowBlocked = await recordAttempt(limits);
      if (nowBlocked) return tooManyAttempts({ errors: { _form: tooManyAttemptsMessage(nowBlocked, t) } }, nowBlocked);
      return data({ errors: { code: t(outcome === "replayed" ? "security.code.replayed" : "security.code.wrong") } }, { status: 400 });
    }
    return redirect("/konto/zwei-faktor?eingeschaltet=1");
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale) }, { status: httpStatusOf(error) });
    }
    throw error;
  }
}

export default function SecondFactor() {
  const status = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="stack form-page">
      <WorkspaceHeader trail={[{ label: t("security.totp.title") }]} />
      <p className="kern-body">{t("security.totp.intro")}</p>
      <ErrorSummary errors={errors} fieldOrder={["_form", "code"]} />
      {status.enabled ? (
        <Alert tone="success" role="status">
          <p className="kern-body kern-body--bold">{params.get("eingeschaltet") ? t("security.totp.justEnabled") : t("security.totp.enabled")}</p>
          <p className="kern-body">{status.sessionConfirmed ? t("security.totp.sessionConfirmed") : t("security.totp.sessionNotConfirmed")}</p>
        </Alert>
      ) : status.pendingSecret ? (
        <>
          <p className="kern-body">{t("security.totp.step1")}</p>
          <p className="kern-body">
            {t("security.totp.secret")}: <code id="totp-schluessel">{status.pendingSecret}</code>
          </p>
          <p className="kern-body">{t("security.totp.uri")}</p>
          <p className="kern-body">
            <code id="totp-uri">
              {status.otpauthUri}
            </code>
          </p>
          <p className="kern-body">{t("security.totp.step2")}</p>
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="confirm" />
            <OneTimeCodeField error={errors.code} />
            <SubmitButton label={t("security.totp.confirm")} />
          </Form>
        </>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="begin" />
          <SubmitButton label={t("security.totp.begin")} />
        </Form>
      )}
    </div>
  );
}
