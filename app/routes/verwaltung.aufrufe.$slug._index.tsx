import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { WorkspaceHeader } from "../components/page-header";
import { formatDateTime } from "../i18n/format";
import type { MessageKey } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now } from "../infra/clock.server";
import { notFound } from "../infra/http.server";
import { callAdminFacts } from "../procurement/call-admin.server";
import { loadCallView } from "../procurement/calls.server";
import { effectiveStatus, LIFECYCLE, nextSteps } from "../procurement/lifecycle";
import { RetentionSummary } from "../components/retention-summary";
import { env } from "../infra/env.server";
import { callRetentionView } from "../retention/retention.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Verwaltung – ${data.call.title}` : "Aufruf" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const at = now();
  const facts = await callAdminFacts(call.id);
  const retentionYears = env().RETENTION_YEARS;
  return {
    retention: (await callRetentionView({ callId: call.id, now: at, years: retentionYears }))!,
    retentionYears,
    call: { slug: call.slug, title: call.title, isDemo: call.isDemo, dates: call.dates },
    status: effectiveStatus(call, at),
    facts,
    steps: nextSteps(call, at, {
      openQuestions: facts.openQuestions,
      openingStartedBy: facts.opening?.startedBy ?? null,
      openingComplete: Boolean(facts.opening?.confirmedAt),
    }),
  };
}

const DATE_ROWS = [
  ["published", "call.dates.published"],
  ["questionDeadline", "call.dates.questionDeadline"],
  ["submissionDeadline", "call.dates.submissionDeadline"],
  ["opening", "call.dates.opening"],
  ["serviceStart", "call.dates.serviceStart"],
] as const;

export default function OfficerCall() {
  const { call, status, facts, steps, retention, retentionYears } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const base = `/verwaltung/aufrufe/${call.slug}`;
  const current = LIFECYCLE.indexOf(status);
  return (
    <div className="stack">
      <WorkspaceHeader trail={[{ label: call.title }]} />
      <p className="kern-body kern-body--bold">
        {t("call.status")}: {t(`status.${status}` as MessageKey)}
      </p>

      <section aria-labelledby="naechste-schritte">
        <h2 id="naechste-schritte" className="kern-heading-large">
          {t("officer.nextSteps")}
        </h2>
        {steps.length === 0 ? <p className="kern-body">{t("officer.noSteps")}</p> : null}
        <ul className="kern-list">
          {steps.map((s) => (
            <li key={s.key}>
              <Link className="kern-link" to={s.href}>
                {t(s.key as MessageKey)}
              </Link>
              <p className="kern-body--small">{t(s.why as MessageKey)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="stand">
        <h2 id="stand" className="kern-heading-large">
          {t("officer.facts")}
        </h2>
        <dl className="kern-description-list">
          {DATE_ROWS.map(([key, label]) => {
            const value = call.dates[key];
            return value ? (
              <div key={key} className="kern-description-list-item">
                <dt className="kern-description-list-item__key">{t(label)}</dt>
                <dd className="kern-description-list-item__value">{formatDateTime(value, locale)}</dd>
              </div>
            ) : null;
          })}
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("officer.applicationsStarted")}</dt>
            <dd className="kern-description-list-item__value">{facts.applicationsStarted}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("officer.applicationsSubmitted")}</dt>
            <dd className="kern-description-list-item__value">{facts.applicationsSubmitted}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("officer.openQuestions")}</dt>
            <dd className="kern-description-list-item__value">{facts.openQuestions}</dd>
          </div>
        </dl>
        <p className="kern-body--small">{t("officer.sealedNote")}</p>
      </section>

      <section aria-labelledby="lebenslauf">
        <h2 id="lebenslauf" className="kern-heading-large">
          {t("officer.lifecycle")}
        </h2>
        <ol className="kern-list kern-list--number">
          {LIFECYCLE.map((s, i) => (
            <li key={s} aria-current={i === current ? "step" : undefined}>
              {i === current ? <strong>{t(`status.${s}` as MessageKey)} ({t("officer.current")})</strong> : t(`status.${s}` as MessageKey)}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="stellenplan-links">
        <h2 id="stellenplan-links" className="kern-heading-large">
          {t("staffing.links.title")}
        </h2>
        <ul className="kern-list">
          <li>
            <Link className="kern-link" to={`${base}/fallzahlen`}>{t("staffing.links.figures")}</Link>
          </li>
          <li>
            <Link className="kern-link" to={`${base}/stellenplan`}>{t("staffing.links.plan")}</Link>
          </li>
          <li>
            <Link className="kern-link" to={`${base}/vertraege`}>{t("contracts.call.link")}</Link>
          </li>
          <li>
            <Link className="kern-link" to={`${base}/nachsteuerung`}>{t("adjustment.link")}</Link>
            <Link className="kern-link" to={`${base}/folgeaufruf`}>{t("followUp.link")}</Link>
          </li>
        </ul>
      </section>

      {status !== "draft" ? (
        <section aria-labelledby="aufbewahrung">
          <h2 id="aufbewahrung" className="kern-heading-large">
            {t("retention.title")}
          </h2>
          <RetentionSummary view={retention} years={retentionYears} level={3} />
          <p>
            <Link className="kern-link" to={`${base}/aufbewahrung`}>{t("retention.link")}</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="alles">
        <h2 id="alles" className="kern-heading-large">
          {t("officer.pages")}
        </h2>
        <ul className="kern-list">
          {status === "draft" ? (
            <>
              <li>
                <Link className="kern-link" to={`${base}/bearbeiten`}>{t("officer.step.edit")}</Link>
              </li>
              <li>
                <Link className="kern-link" to={`${base}/vorschau`}>{t("officer.step.preview")}</Link>
              </li>
            </>
          ) : (
            <>
              <li>
                <Link className="kern-link" to={`/aufrufe/${call.slug}`}>{t("workspace.view")}</Link>
              </li>
              {["published", "questions_closed", "submission_closed"].includes(status) ? (
                <li>
                  <Link className="kern-link" to={`${base}/aenderungen`}>{t("officer.step.amend")}</Link>
                </li>
              ) : null}
              <li>
                <Link className="kern-link" to={`${base}/oeffnung`}>{t("officer.opening")}</Link>
              </li>
              <li>
                <Link className="kern-link" to={`${base}/pruefung`}>{t("officer.step.formalCheck")}</Link>
              </li>
              <li>
                <Link className="kern-link" to={`${base}/bewertung`}>{t("eval.desk.link")}</Link>
              </li>
              <li>
                <Link className="kern-link" to={`${base}/zuschlag`}>{t("award.title")}</Link>
              </li>
              <li>
                <Link className="kern-link" to={`${base}/aufhebung`}>{t("award.cancel.title")}</Link>
              </li>
              <li>
                <Link className="kern-link" to={`${base}/vergabeakte`}>{t("caseFile.title")}</Link>
              </li>
            </>
          )}
          <li>
            <Link className="kern-link" to="/verwaltung/fragen">{t("nav.questions")}</Link>
          </li>
          <li>
            <Link className="kern-link" to="/verwaltung/postausgang">{t("nav.outbox")}</Link>
          </li>
          <li>
            <Link className="kern-link" to={`${base}/protokoll`}>{t("officer.auditTrail")}</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
