import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DoneNotice } from "../components/done-notice";
import { CallPageHeader } from "../components/page-header";
import { ErrorSummary } from "../components/form";
import { DocumentView } from "../components/document-view";
import { SecondFactorNeeded } from "../components/second-factor-needed";
import type { MessageKey } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireSession } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError, httpStatusOf } from "../infra/errors";
import { publicBaseUrl, toResponse } from "../infra/http.server";
import { openingRecordDocument } from "../evaluation/opening-record-document";
import {
  callIdBySlug,
  cancelStaleOpening,
  confirmOpening,
  loadOpeningState,
  startOpening,
} from "../evaluation/opening.server";

export const meta: MetaFunction = () => [{ title: "Öffnung der Interessenbekundungen" }];

// The four-eyes opening: one officer starts it, another confirms it in their own session.
// Both officers must be in a session that proved the second factor (TOTP); the domain
// function stays free of HTTP and sessions, so the check lives here.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, { roles: ["officer"] });
  const user = session.user;
  try {
    const state = await loadOpeningState({ callSlug: params.slug ?? "", viewerUserId: user.id, now: serverNow() });
    return { state, secondFactor: Boolean(session.secondFactorAt) };
  } catch (error) {
    return toResponse(error, request);
  }
}

const Intent = z.object({ intent: z.enum(["start", "confirm", "cancel"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireSession(request, { roles: ["officer"] });
  const user = session.user;
  const { t, locale } = await getTranslator(request);
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  if (parsed.data.intent !== "cancel" && !session.secondFactorAt) {
    return data({ errors: { _form: t("security.opening.needsFactor") } }, { status: 403 });
  }
  const slug = params.slug ?? "";
  const back = `/verwaltung/aufrufe/${slug}/oeffnung`;
  const now = serverNow();
  try {
    const callId = await callIdBySlug(slug);
    switch (parsed.data.intent) {
      case "start":
        await startOpening({ officerUserId: user.id, callId, now });
        return redirect(`${back}?begonnen=1`);
      case "confirm":
        await confirmOpening({ officerUserId: user.id, callId, now, baseUrl: publicBaseUrl(request) });
        return redirect(`${back}?bestaetigt=1`);
      case "cancel":
        await cancelStaleOpening({ officerUserId: user.id, callId, now });
        return redirect(`${back}?zurueckgenommen=1`);
    }
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale) }, { status: httpStatusOf(error) });
    }
    return toResponse(error, request);
  }
}

function IntentButton({ intent, label, primary = true }: { intent: string; label: string; primary?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={`kern-btn ${primary ? "kern-btn--primary" : "kern-btn--secondary"}`}>
        <span className="kern-label">{label}</span>
      </button>
    </Form>
  );
}

export default function Opening() {
  const { state, secondFactor } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useTranslation();
  const { call, pending, completed } = state;
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const hub = `/verwaltung/aufrufe/${call.slug}`;
  const seconds = (d: Date) => formatDateTimeSeconds(d, locale);
  return (
    <div className="stack">
      <CallPageHeader call={call} page={t("opening.page.title")} />
      <p className="kern-body">{call.title}</p>
      <p className="kern-body">{t("opening.page.intro", { minutes: state.windowMinutes })}</p>
      <ErrorSummary errors={errors} fieldOrder={["_form"]} />
      {!secondFactor && state.phase !== "complete" && !errors._form ? <SecondFactorNeeded message="security.opening.needsFactor" /> : null}
      {params.get("begonnen") && state.phase === "pending" ? <DoneNotice>{t("opening.page.started")}</DoneNotice> : null}
      {params.get("bestaetigt") && state.phase === "complete" ? <DoneNotice>{t("opening.page.confirmed")}</DoneNotice> : null}
      {params.get("zurueckgenommen") && state.phase !== "complete" ? <DoneNotice>{t("opening.page.withdrawn")}</DoneNotice> : null}

      <section aria-labelledby="stand-der-oeffnung" className="stack">
        <h2 id="stand-der-oeffnung" className="kern-heading-large">
          {t("opening.page.state")}
        </h2>
        {state.phase === "beforeDeadline" ? (
          <p className="kern-body">{t("opening.page.beforeDeadline", { deadline: formatDateTime(call.submissionDeadline, locale) })}</p>
        ) : null}
        {state.phase === "notOpenable" ? (
          <p className="kern-body">{t("opening.page.notOpenable", { status: t(`status.${call.status}` as MessageKey) })}</p>
        ) : null}
        {state.phase === "ready" ? (
          <>
            <p className="kern-body">{t("opening.page.ready", { deadline: formatDateTime(call.submissionDeadline, locale) })}</p>
            {secondFactor ? <IntentButton intent="start" label={t("opening.page.start")} /> : null}
          </>
        ) : null}
        {state.phase === "pending" && pending ? (
          <>
            <p className="kern-body">
              {t("opening.page.pending", {
                name: pending.startedBy.name,
                date: seconds(pending.startedAt),
                expires: seconds(pending.expiresAt),
              })}
            </p>
            {pending.startedByViewer ? (
              <>
                <p className="kern-body kern-body--bold">{t("opening.page.waitForSecond")}</p>
                <IntentButton intent="cancel" label={t("opening.page.withdrawStart")} primary={false} />
              </>
            ) : (
              <>
                <p className="kern-body">{t("opening.page.confirmHint")}</p>
                {secondFactor ? <IntentButton intent="confirm" label={t("opening.page.confirm")} /> : null}
              </>
            )}
          </>
        ) : null}
        {state.phase === "expired" && pending ? (
          <>
            <p className="kern-body">
              {t("opening.page.expired", {
                name: pending.startedBy.name,
                date: seconds(pending.startedAt),
                minutes: state.windowMinutes,
              })}
            </p>
            {secondFactor ? <IntentButton intent="start" label={t("opening.page.restart")} /> : null}
          </>
        ) : null}
        {state.phase === "complete" && completed ? (
          <>
            <p className="kern-body">
              {t("opening.page.complete", {
                startedBy: completed.startedBy,
                confirmedBy: completed.confirmedBy,
                date: seconds(completed.confirmedAt),
              })}
            </p>
            <p>
              <Link className="kern-link" to={`${hub}/pruefung`}>
                {t("opening.page.toCheck")}
              </Link>
            </p>
          </>
        ) : null}
      </section>

      {state.phase === "complete" && completed ? (
        <DocumentView
          embedded
          doc={openingRecordDocument(completed.record, completed.recordHash, t, {
            auditHeadAtOpening: completed.auditHeadAtOpening,
            pdf: completed.recordFile ? { href: `${hub}/oeffnungsprotokoll.pdf`, sha256: completed.recordFile.sha256 } : null,
          })}
        />
      ) : null}
    </div>
  );
}
