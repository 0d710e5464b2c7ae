// Zweiter Faktor: TOTP (begin, show the key, confirm with a code) and passkeys (add, list,
// remove). Staff land here at their first sign-in and reach nothing else until a factor is
// set up; carrier members may turn one on here (decision 0034).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { PageHeader, WorkspaceHeader } from "../components/page-header";
import { Alert } from "../components/alert";
import { ErrorSummary, SubmitButton } from "../components/form";
import { OneTimeCodeField } from "../components/one-time-code-field";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requestAddress, tooManyAttempts, tooManyAttemptsMessage } from "../identity/rate-limit-http.server";
import { checkBlocked, recordAttempt, signInKeys } from "../identity/rate-limits.server";
import { homePathFor, markSecondFactor, requireSession } from "../identity/sessions.server";
import { beginTotpSetup, checkTotpCode, totpStatus } from "../identity/totp.server";
import { notifyFactorChange, removePasskey, removeTotp, secondFactorsOf } from "../identity/second-factor.server";
import { PasskeyRegistration } from "../components/passkey-buttons";
import { safeRedirectPath } from "../infra/http.server";
import { formatDateTime } from "../i18n/format";
import { now as serverNow } from "../infra/clock.server";
import { env } from "../infra/env.server";
import { DomainError, httpStatusOf } from "../infra/errors";

export { retryAfterHeaders as headers } from "../identity/rate-limit-headers";

export const meta: MetaFunction = () => [{ title: "Zweiter Faktor" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // The enrolment page itself: a staff session without a factor may see it (nothing else).
  const session = await requireSession(request, { enrolment: true });
  const status = await totpStatus(session.user.id, `Interessenbekundung ${env().CITY_NAME}`);
  const factors = await secondFactorsOf(session.user.id);
  return {
    ...status,
    passkeys: factors.passkeys,
    carrier: session.user.role === "carrier",
    needsEnrolment: session.needsEnrolment,
    sessionConfirmed: Boolean(session.secondFactorAt),
    // Where "continue" leads after enrolment: the page asked for before it, on this site only.
    continueTo: safeRedirectPath(new URL(request.url).searchParams.get("weiter"), homePathFor(session.user.role)),
  };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("begin") }),
  z.object({ intent: z.literal("confirm"), code: z.string().trim().default("") }),
  z.object({ intent: z.literal("remove-totp") }),
  z.object({ intent: z.literal("remove-passkey"), passkeyId: z.string().min(1) }),
]);

/** The page again, keeping where the user was going before enrolment. */
function backHere(request: Request, extra: string): string {
  const weiter = new URL(request.url).searchParams.get("weiter");
  const query = new URLSearchParams(extra);
  if (weiter) query.set("weiter", weiter);
  return `/konto/zwei-faktor?${query}`;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, { enrolment: true });
  const { t, locale } = await getTranslator(request);
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const now = serverNow();
  try {
    if (parsed.data.intent === "begin") {
      await beginTotpSetup({ userId: session.user.id, now });
      return redirect(backHere(request, ""));
    }
    if (parsed.data.intent === "remove-totp") {
      await removeTotp({ userId: session.user.id, now });
      return redirect(backHere(request, "ausgeschaltet=1"));
    }
    if (parsed.data.intent === "remove-passkey") {
      await removePasskey({ userId: session.user.id, passkeyId: parsed.data.passkeyId, now });
      return redirect(backHere(request, "entfernt=1"));
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
    await notifyFactorChange(session.user.id, "totp-added", now);
    return redirect(backHere(request, "eingeschaltet=1"));
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
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const weiter = params.get("weiter");
  const here = `/konto/zwei-faktor?${new URLSearchParams({ passkey: "1", ...(weiter ? { weiter } : {}) })}`;
  const done = params.get("eingeschaltet") || params.get("passkey");
  return (
    <div className="stack form-page">
      {status.carrier ? (
        <PageHeader trail={[{ label: t("nav.carrierHome"), to: "/traeger" }, { label: t("security.totp.title") }]} />
      ) : (
        <WorkspaceHeader trail={[{ label: t("security.totp.title") }]} />
      )}
      <p className="kern-body">{t(status.needsEnrolment ? "security.factor.enrolIntro" : status.carrier ? "security.factor.carrierIntro" : "security.totp.intro")}</p>
      <ErrorSummary errors={errors} fieldOrder={["_form", "code"]} />
      {done ? (
        <Alert tone="success" role="status">
          <p className="kern-body kern-body--bold">{params.get("passkey") ? t("security.passkey.added") : t("security.totp.justEnabled")}</p>
          {weiter ? (
            <p className="kern-body">
              <Link className="kern-link" to={status.continueTo}>
                {t("security.factor.continue")}
              </Link>
            </p>
          ) : null}
        </Alert>
      ) : null}
      {params.get("ausgeschaltet") ? <Alert tone="success" role="status"><p className="kern-body">{t("security.totp.removed")}</p></Alert> : null}
      {params.get("entfernt") ? <Alert tone="success" role="status"><p className="kern-body">{t("security.passkey.removed")}</p></Alert> : null}
      <h2 className="kern-heading-medium">{t("security.totp.heading")}</h2>
      {status.enabled ? (
        <>
          <p className="kern-body">{t("security.totp.enabled")}</p>
          <p className="kern-body">{status.sessionConfirmed ? t("security.totp.sessionConfirmed") : t("security.totp.sessionNotConfirmed")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="remove-totp" />
            <SubmitButton kind="secondary" label={t("security.totp.remove")} />
          </Form>
        </>
      ) : status.pendingSecret ? (
        <>
          <p className="kern-body">{t("security.totp.step1")}</p>
          <p className="kern-body">
            {t("security.totp.secret")}: <code id="totp-schluessel">{status.pendingSecret}</code>
          </p>
          <p className="kern-body">{t("security.totp.uri")}</p>
          <p className="kern-body">
            <code id="totp-uri">{status.otpauthUri}</code>
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
      <h2 className="kern-heading-medium">{t("security.passkey.heading")}</h2>
      <p className="kern-body">{t("security.passkey.intro")}</p>
      {status.passkeys.length ? (
        <ul className="kern-list" aria-label={t("security.passkey.list")}>
          {status.passkeys.map((key) => (
            <li key={key.id} className="stack">
              <span className="kern-body kern-body--bold">{key.name}</span>
              <span className="kern-body">
                {t("security.passkey.created", { date: formatDateTime(new Date(key.createdAt), locale) })},{" "}
                {key.lastUsedAt ? t("security.passkey.lastUsed", { date: formatDateTime(new Date(key.lastUsedAt), locale) }) : t("security.passkey.neverUsed")}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="remove-passkey" />
                <input type="hidden" name="passkeyId" value={key.id} />
                <SubmitButton kind="secondary" label={t("security.passkey.remove", { name: key.name })} />
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="kern-body">{t("security.passkey.none")}</p>
      )}
      <PasskeyRegistration action="/konto/passkey" done={here} />
    </div>
  );
}
