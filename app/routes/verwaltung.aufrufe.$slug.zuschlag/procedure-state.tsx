// Where the award procedure stands (status, dates, standstill) and the one step it allows
// next (app/award/steps.ts), each step a form of its own. Approval and award are four-eyes
// steps: the page names who computed, changed and approved the proposal and states the rule.
import { Form } from "@remix-run/react";
import { SecondFactorNeeded } from "../../components/second-factor-needed";
import type { MessageKey } from "../../i18n";
import { formatDateTime } from "../../i18n/format";
import { refusalMessage } from "../../i18n/refusal";
import { useTranslation } from "../../i18n/use-translation";
import type { Errors, Overview } from "./types";

function Step({ intent, label, errorField, errors }: { intent: string; label: string; errorField?: string; errors: Errors }) {
  const id = errorField ? `feld-${errorField}` : undefined;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value={intent} />
      {errorField && errors[errorField] ? (
        <p id={`${id}-fehler`} className="kern-error">
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{errors[errorField]}</span>
        </p>
      ) : null}
      <div>
        <button id={id} type="submit" className="kern-btn kern-btn--primary" aria-describedby={errorField && errors[errorField] ? `${id}-fehler` : undefined}>
          <span className="kern-label">{label}</span>
        </button>
      </div>
    </Form>
  );
}

/** Who may take a four-eyes step, and (for an author of the proposal) that the viewer may not. */
function FourEyesRule({ rule, viewerIsAuthor }: { rule: "award.fourEyes.approveRule" | "award.fourEyes.awardRule"; viewerIsAuthor: boolean }) {
  const { t } = useTranslation();
  return (
    <p className="kern-body">
      {t(rule)}
      {viewerIsAuthor ? <> {t("award.fourEyes.youAreAuthor")}</> : null}
    </p>
  );
}

export function ProcedureState({ overview, errors, secondFactor }: { overview: Overview; errors: Errors; secondFactor: boolean }) {
  const { t, locale } = useTranslation();
  const p = overview.procedure;
  const steps = overview.steps;
  return (
    <section aria-labelledby="titel-stand" className="stack">
      <h2 id="titel-stand" className="kern-heading-large">
        {t("award.state.title")}
      </h2>
      {!p ? (
        <>
          <p className="kern-body">{t("award.state.none")}</p>
          {overview.blockers.length ? (
            <>
              <p className="kern-body kern-body--bold">{t("award.state.blocked")}</p>
              <ul className="kern-list">
                {overview.blockers.map((b) => refusalMessage(b, t, locale)).map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <dl className="kern-description-list">
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("award.state.status")}</dt>
            <dd className="kern-description-list-item__value">{t(`award.status.${p.status}` as MessageKey)}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("award.state.figuresAsOf")}</dt>
            <dd className="kern-description-list-item__value">{p.figuresAsOf ? formatDateTime(new Date(p.figuresAsOf), locale) : "–"}</dd>
          </div>
          {p.preInformedAt ? (
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("award.state.preInformedAt")}</dt>
              <dd className="kern-description-list-item__value">{formatDateTime(new Date(p.preInformedAt), locale)}</dd>
            </div>
          ) : null}
          {p.earliestAwardAt ? (
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("award.state.earliest")}</dt>
              <dd className="kern-description-list-item__value">
                <time dateTime={new Date(p.earliestAwardAt).toISOString()}>{formatDateTime(new Date(p.earliestAwardAt), locale)}</time>
                {p.remaining ? <> ({t("award.state.remaining", { days: p.remaining.days, hours: p.remaining.hours })})</> : null}
              </dd>
            </div>
          ) : null}
          {p.awardedAt ? (
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("award.state.awardedAt")}</dt>
              <dd className="kern-description-list-item__value">{formatDateTime(new Date(p.awardedAt), locale)}</dd>
            </div>
          ) : null}
          {(
            [
              ["award.state.proposedBy", p.proposedBy],
              ["award.state.changedBy", p.changedBy.join(", ")],
              ["award.state.approvedBy", p.approvedBy],
              ["award.state.awardedBy", p.awardedBy],
            ] as const
          ).map(([label, value]) =>
            value ? (
              <div key={label} className="kern-description-list-item">
                <dt className="kern-description-list-item__key">{t(label)}</dt>
                <dd className="kern-description-list-item__value">{value}</dd>
              </div>
            ) : null,
          )}
        </dl>
      )}
      {(steps.approve || steps.award) && !secondFactor ? <SecondFactorNeeded message="security.award.needsFactor" /> : null}
      {steps.propose ? <Step intent="propose" label={t(steps.propose === "recompute" ? "award.step.recompute" : "award.step.propose")} errors={errors} /> : null}
      {steps.approve && p ? (
        <>
          <FourEyesRule rule="award.fourEyes.approveRule" viewerIsAuthor={p.viewerIsAuthor} />
          <Step intent="approve" label={t("award.step.approve")} errorField="freigabe" errors={errors} />
        </>
      ) : null}
      {steps.preInform ? (
        <>
          <p className="kern-body">{t("award.step.preInformHint")}</p>
          <Step intent="preinform" label={t("award.step.preInform")} errors={errors} />
        </>
      ) : null}
      {overview.waiting.length ? (
        <>
          <h3 className="kern-heading-small">{t("complaint.officer.waitingTitle")}</h3>
          <ul className="kern-list" id="wartende-lose">
            {overview.waiting.map((w) => (
              <li key={w.lotId}>
                {w.complaints
                  .map((c) =>
                    t("complaint.officer.waitingItem", {
                      lot: w.label,
                      organisation: c.organisationName ?? t("award.complaints.unknownCarrier"),
                      date: formatDateTime(new Date(c.receivedAt), locale),
                    }),
                  )
                  .join(" ")}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {steps.award && p ? (
        <>
          <p className="kern-body">{p.awardAllowedNow ? t("award.step.awardReady") : t("award.step.awardWait")}</p>
          <FourEyesRule rule="award.fourEyes.awardRule" viewerIsAuthor={p.viewerIsAuthor} />
          <Step intent="award" label={t("award.step.award")} errorField="zuschlag" errors={errors} />
        </>
      ) : null}
    </section>
  );
}
