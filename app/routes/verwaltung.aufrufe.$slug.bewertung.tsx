import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "../components/breadcrumbs";
import { ErrorSummary } from "../components/form";
import { RankingTable } from "../components/ranking-table";
import { criterionHeading, lotLabel, when } from "../evaluation/report-document";
import type { MessageKey } from "../i18n";
import { getTranslator } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues, translateIssues } from "../infra/forms.server";
import { toResponse } from "../infra/http.server";
import { assignEvaluator, MAX_JUSTIFICATION_CHARS, recordConsensus } from "../evaluation/assessment.server";
import { loadEvaluationDesk, type DeskLot, type EvaluationDesk } from "../evaluation/report.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Bewertung – ${data.desk.call.title}` : "Bewertung" }];

// The officers' evaluation desk of one call: evaluators per lot, their declarations,
// progress, spreads awaiting a consensus, and the ranking; links to the Vergabevermerk.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  try {
    return { desk: loadEvaluationDesk({ officerUserId: user.id, callSlug: params.slug ?? "" }) };
  } catch (error) {
    return toResponse(error, request);
  }
}

/** The key of one flagged criterion of one lot bid, used in its form's field names. */
const flagKey = (lotId: string, submissionId: string, criterionId: string) => `${lotId}_${submissionId}_${criterionId}`;

const Assignment = z.object({
  lotId: z.string().min(1),
  evaluatorId: z.string().min(1, "eval.assign.evaluatorMissing"),
});

const Consensus = z.object({
  lotId: z.string().min(1),
  submissionId: z.string().min(1),
  criterionId: z.string().min(1),
  points: z.string().regex(/^\d+$/, "eval.consensus.pointsMissing").transform(Number),
  reason: z.string().trim().min(1, "eval.consensus.reasonMissing").max(MAX_JUSTIFICATION_CHARS, "eval.consensus.reasonTooLong"),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  const back = `/verwaltung/aufrufe/${params.slug ?? ""}/bewertung`;
  const now = serverNow();
  // Errors are keyed by the field of the form they belong to (several forms on one page).
  const fail = (errors: Record<string, string>, status = 400) => data({ errors, values }, { status });
  try {
    switch (values.intent) {
      case "assign":
      case "unassign": {
        const parsed = Assignment.safeParse(values);
        const field = `${values.intent === "assign" ? "bewerter" : "entfernen"}-${values.lotId ?? ""}`;
        if (!parsed.success) return fail({ [field]: translateIssues(parsed.error.issues, t).evaluatorId ?? t("eval.assign.evaluatorMissing") });
        try {
          assignEvaluator({ officerUserId: user.id, lotId: parsed.data.lotId, evaluatorId: parsed.data.evaluatorId, assign: values.intent === "assign", now });
        } catch (error) {
          if (error instanceof DomainError && error.code !== "NOT_FOUND") return fail({ [field]: refusalMessage(error, t, locale) }, 409);
          throw error;
        }
        return redirect(`${back}?${values.intent === "assign" ? "zugeordnet" : "entfernt"}=1#los-${parsed.data.lotId}`);
      }
      case "consensus": {
        const key = flagKey(values.lotId ?? "", values.submissionId ?? "", values.criterionId ?? "");
        const parsed = Consensus.safeParse({ ...values, points: values[`punkte-${key}`] ?? "", reason: values[`grund-${key}`] ?? "" });
        if (!parsed.success) {
          const issues = translateIssues(parsed.error.issues, t);
          return fail({
            ...(issues.points ? { [`punkte-${key}`]: issues.points } : {}),
            ...(issues.reason ? { [`grund-${key}`]: issues.reason } : {}),
          });
        }
        try {
          recordConsensus({ officerUserId: user.id, ...parsed.data, now });
        } catch (error) {
          if (error instanceof DomainError && error.code === "INVALID") {
            return fail({ [error.field === "reason" ? `grund-${key}` : `punkte-${key}`]: refusalMessage(error, t, locale) });
          }
          throw error;
        }
        return redirect(`${back}?konsens=1#streuungen`);
      }
      default:
        throw new Response("Bad Request", { status: 400 });
    }
  } catch (error) {
    return toResponse(error, request);
  }
}

// ---------------------------------------------------------------------------------------

type Errors = Record<string, string | undefined>;
type Values = Record<string, string> | undefined;

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="kern-error">
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span className="kern-body">{error}</span>
    </p>
  );
}

function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div className="kern-alert kern-alert--success" role="status">
      <div className="kern-alert__body">
        <p className="kern-body kern-body--bold">{children}</p>
      </div>
    </div>
  );
}

function Warning({ children }: { children: React.ReactNode }) {
  return (
    <div className="kern-alert kern-alert--warning" role="note">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--warning" aria-hidden="true" />
        <span className="kern-title">{children}</span>
      </div>
    </div>
  );
}

function LotAssignment({ lot, desk, errors, values }: { lot: DeskLot; desk: EvaluationDesk; errors: Errors; values: Values }) {
  const { t } = useTranslation();
  const select = `bewerter-${lot.lotId}`;
  const remove = `entfernen-${lot.lotId}`;
  const available = desk.evaluators.filter((e) => !lot.evaluators.some((a) => a.id === e.id));
  const headingId = `los-${lot.lotId}-titel`;
  return (
    <section id={`los-${lot.lotId}`} aria-labelledby={headingId} className="kern-card">
      <div className="kern-card__container stack">
        <h3 id={headingId} className="kern-heading-small">
          {lotLabel(lot, t)}
        </h3>
        {lot.belowMinimum ? <Warning>{t("eval.assign.belowMinimum", { count: lot.evaluators.length })}</Warning> : null}
        <FieldError id={`feld-${remove}-fehler`} error={errors[remove]} />
        {lot.evaluators.length === 0 ? (
          <p className="kern-body" id={`feld-${remove}`}>
            {t("eval.assign.none")}
          </p>
        ) : (
          <ul className="kern-list assignment-list" id={`feld-${remove}`}>
            {lot.evaluators.map((e) => (
              <li key={e.id}>
                <Form method="post" className="assignment-list__item">
                  <input type="hidden" name="intent" value="unassign" />
                  <input type="hidden" name="lotId" value={lot.lotId} />
                  <input type="hidden" name="evaluatorId" value={e.id} />
                  <span className="kern-body">{e.name}</span>
                  <button type="submit" className="kern-btn kern-btn--tertiary kern-btn--x-small">
                    <span className="kern-label">{t("eval.assign.remove", { name: e.name, lot: lot.number })}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {available.length ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="assign" />
            <input type="hidden" name="lotId" value={lot.lotId} />
            <div className={`kern-form-input${errors[select] ? " kern-form-input--error" : ""}`}>
              <label className="kern-label" htmlFor={`feld-${select}`}>
                {t("eval.assign.label", { lot: lot.number })}
              </label>
              <FieldError id={`feld-${select}-fehler`} error={errors[select]} />
              <div className="kern-form-input__select-wrapper">
                <select
                  id={`feld-${select}`}
                  name="evaluatorId"
                  className={`kern-form-input__select${errors[select] ? " kern-form-input__select--error" : ""}`}
                  defaultValue={values?.lotId === lot.lotId ? values.evaluatorId : ""}
                  aria-invalid={errors[select] ? true : undefined}
                  aria-describedby={errors[select] ? `feld-${select}-fehler` : undefined}
                >
                  <option value="">{t("eval.assign.choose")}</option>
                  {available.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.name} ({e.email})
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("eval.assign.submit", { lot: lot.number })}</span>
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}

function ConsensusForm({ lot, bidIndex, criterionId, desk, errors, values }: { lot: DeskLot; bidIndex: number; criterionId: string; desk: EvaluationDesk; errors: Errors; values: Values }) {
  const { t, locale } = useTranslation();
  const bid = lot.bids[bidIndex];
  const result = bid.criteria.find((c) => c.criterionId === criterionId)!;
  const criterion = desk.criteria.find((c) => c.id === criterionId)!;
  const key = flagKey(lot.lotId, bid.submissionId, criterionId);
  const points = `punkte-${key}`;
  const reason = `grund-${key}`;
  const title = t("eval.spread.heading", { organisation: bid.organisationName, criterion: criterion.name });
  const headingId = `streuung-${key}`;
  const scale = criterion.scale.length
    ? criterion.scale
    : Array.from({ length: desk.call.scaleMax - desk.call.scaleMin + 1 }, (_, i) => ({ points: desk.call.scaleMin + i, meaning: "" }));
  return (
    <section aria-labelledby={headingId} className="kern-card">
      <div className="kern-card__container stack">
        <h4 id={headingId} className="kern-heading-small">
          {title}
        </h4>
        <p className="kern-body--small">
          {lotLabel(lot, t)} · {criterionHeading(criterion, t)}
        </p>
        <ul className="kern-list">
          {result.scores.map((s) => (
            <li key={s.evaluatorId}>
              <strong>{t("eval.spread.score", { name: s.evaluatorName, points: s.points })}</strong> {s.justification}
            </li>
          ))}
        </ul>
        {result.consensus ? (
          <p className="kern-body">
            <strong>{t("eval.spread.recorded", { points: result.consensus.points })}</strong> {result.consensus.reason}
            <br />
            <span className="kern-body--small">
              {t("report.scores.consensusBy", { name: result.consensus.recordedBy, date: result.consensus.recordedAt ? when(result.consensus.recordedAt, locale) : "" })}
            </span>
          </p>
        ) : (
          <Form method="post" className="stack form-page">
            <input type="hidden" name="intent" value="consensus" />
            <input type="hidden" name="lotId" value={lot.lotId} />
            <input type="hidden" name="submissionId" value={bid.submissionId} />
            <input type="hidden" name="criterionId" value={criterionId} />
            <div className={`kern-form-input${errors[points] ? " kern-form-input--error" : ""}`}>
              <label className="kern-label" htmlFor={`feld-${points}`}>
                {t("eval.consensus.points", { criterion: criterion.name, organisation: bid.organisationName })}
              </label>
              <FieldError id={`feld-${points}-fehler`} error={errors[points]} />
              <div className="kern-form-input__select-wrapper">
                <select
                  id={`feld-${points}`}
                  name={points}
                  className={`kern-form-input__select${errors[points] ? " kern-form-input__select--error" : ""}`}
                  defaultValue={values?.[points] ?? ""}
                  aria-invalid={errors[points] ? true : undefined}
                  aria-describedby={errors[points] ? `feld-${points}-fehler` : undefined}
                >
                  <option value="">{t("eval.consensus.choose")}</option>
                  {scale.map((p) => (
                    <option key={p.points} value={String(p.points)}>
                      {p.meaning ? `${p.points} – ${p.meaning}` : String(p.points)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className={`kern-form-input${errors[reason] ? " kern-form-input--error" : ""}`}>
              <label className="kern-label" htmlFor={`feld-${reason}`}>
                {t("eval.consensus.reason", { criterion: criterion.name, organisation: bid.organisationName })}
              </label>
              <div id={`feld-${reason}-hinweis`} className="kern-hint">
                {t("eval.consensus.reasonHint")}
              </div>
              <FieldError id={`feld-${reason}-fehler`} error={errors[reason]} />
              <textarea
                id={`feld-${reason}`}
                name={reason}
                rows={3}
                className={`kern-form-input__input${errors[reason] ? " kern-form-input__input--error" : ""}`}
                defaultValue={values?.[reason] ?? ""}
                aria-invalid={errors[reason] ? true : undefined}
                aria-describedby={errors[reason] ? `feld-${reason}-hinweis feld-${reason}-fehler` : `feld-${reason}-hinweis`}
              />
            </div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("eval.consensus.submit")}</span>
            </button>
          </Form>
        )}
      </div>
    </section>
  );
}

const NOTICES = [
  ["zugeordnet", "eval.assign.done"],
  ["entfernt", "eval.assign.removed"],
  ["konsens", "eval.consensus.done"],
] as const;

export default function EvaluationDeskPage() {
  const { desk } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useTranslation();
  const errors: Errors = result?.errors ?? {};
  const values: Values = result?.values;
  const hub = `/verwaltung/aufrufe/${desk.call.slug}`;
  const withBids = desk.lots.filter((l) => l.bids.length > 0);
  const flags = withBids.flatMap((lot) =>
    lot.bids.flatMap((bid, bidIndex) => bid.criteria.filter((c) => c.spread).map((c) => ({ lot, bidIndex, criterionId: c.criterionId, open: !c.consensus }))),
  );
  const evaluatorName = new Map(desk.evaluators.map((e) => [e.id, e.name]));
  return (
    <div className="stack">
      <Breadcrumbs items={[{ label: t("workspace.title"), to: "/verwaltung" }, { label: desk.call.title, to: hub }, { label: t("eval.desk.title") }]} />
      <h1 className="kern-heading-x-large">{t("eval.desk.title")}</h1>
      <p className="kern-body">{desk.call.title}</p>
      {NOTICES.map(([param, key]) => (params.get(param) ? <Notice key={param}>{t(key)}</Notice> : null))}
      <ErrorSummary errors={errors} fieldOrder={[]} />
      <p className="kern-body">{t("eval.desk.intro")}</p>
      {!desk.call.opened ? <p className="kern-body kern-body--bold">{t("eval.desk.notOpened")}</p> : null}
      <ul className="kern-list">
        <li>
          <Link className="kern-link" to={`${hub}/vergabevermerk`}>
            {t("eval.desk.reportHtml")}
          </Link>
        </li>
        <li>
          <a className="kern-link" href={`${hub}/vergabevermerk.pdf`} download>
            {t("eval.desk.reportPdf")}
          </a>
        </li>
        <li>
          <a className="kern-link" href={`${hub}/bewertungen.csv`} download>
            {t("eval.desk.csv")}
          </a>
        </li>
      </ul>

      <section aria-labelledby="zuordnung" className="stack">
        <h2 id="zuordnung" className="kern-heading-large">
          {t("eval.assign.title")}
        </h2>
        <p className="kern-body">{t("eval.assign.intro")}</p>
        {desk.evaluators.length === 0 ? <p className="kern-body">{t("eval.assign.noAccounts")}</p> : null}
        <div className="assignment-grid">
          {desk.lots.map((lot) => (
            <LotAssignment key={lot.lotId} lot={lot} desk={desk} errors={errors} values={values} />
          ))}
        </div>
      </section>

      <section aria-labelledby="erklaerungen" className="stack">
        <h2 id="erklaerungen" className="kern-heading-large">
          {t("eval.declarations.title")}
        </h2>
        <p className="kern-body">{t("eval.declarations.intro")}</p>
        {desk.declarations.length === 0 ? (
          <p className="kern-body">{t("eval.declarations.none")}</p>
        ) : (
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="erklaerungen-tabelle">
            <table className="kern-table">
              <caption id="erklaerungen-tabelle">{t("report.conflicts.caption")}</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">{t("report.conflicts.col.at")}</th>
                  <th scope="col" className="kern-table__header">{t("report.conflicts.col.evaluator")}</th>
                  <th scope="col" className="kern-table__header">{t("report.conflicts.col.organisation")}</th>
                  <th scope="col" className="kern-table__header">{t("report.conflicts.col.declaration")}</th>
                  <th scope="col" className="kern-table__header">{t("report.conflicts.col.note")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {desk.declarations.map((d, i) => (
                  <tr key={i} className="kern-table__row">
                    <td className="kern-table__cell">
                      <time dateTime={d.declaredAt}>{when(d.declaredAt, locale)}</time>
                    </td>
                    <th scope="row" className="kern-table__cell">
                      {d.evaluatorName}
                    </th>
                    <td className="kern-table__cell">{d.organisationName}</td>
                    <td className="kern-table__cell">
                      {d.hasConflict ? <strong>{t("report.conflicts.conflict")}</strong> : t("report.conflicts.noConflict")}
                      {d.current ? null : (
                        <>
                          <br />
                          <span className="kern-body--small">{t("report.conflicts.superseded")}</span>
                        </>
                      )}
                    </td>
                    <td className="kern-table__cell">{d.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="fortschritt" className="stack">
        <h2 id="fortschritt" className="kern-heading-large">
          {t("eval.progress.title")}
        </h2>
        {withBids.length === 0 ? <p className="kern-body">{t("eval.progress.none")}</p> : null}
        {withBids.map((lot) => (
          <div key={lot.lotId} className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={`fortschritt-${lot.lotId}`}>
            <table className="kern-table">
              <caption id={`fortschritt-${lot.lotId}`}>{t("eval.progress.caption", { lot: lotLabel(lot, t) })}</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">{t("report.ranking.col.organisation")}</th>
                  {lot.evaluators.map((e) => (
                    <th key={e.id} scope="col" className="kern-table__header">
                      {e.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {lot.progress.map((p) => (
                  <tr key={p.submissionId} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {p.organisationName}
                    </th>
                    {p.byEvaluator.map((e) => (
                      <td key={e.evaluatorId} className="kern-table__cell">
                        {e.state === "conflict" ? <strong>{t("eval.progress.conflict")}</strong> : t(`eval.progress.${e.state}` as MessageKey)}
                        <span className="kern-sr-only"> ({evaluatorName.get(e.evaluatorId) ?? ""})</span>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>

      <section id="streuungen" aria-labelledby="streuungen-titel" className="stack">
        <h2 id="streuungen-titel" className="kern-heading-large">
          {t("eval.spread.title")}
        </h2>
        <p className="kern-body">{t("eval.spread.intro", { threshold: desk.call.spreadThreshold })}</p>
        {flags.length === 0 ? <p className="kern-body">{t("eval.spread.none")}</p> : null}
        {flags.some((f) => f.open) ? <Warning>{t("eval.spread.open", { count: flags.filter((f) => f.open).length })}</Warning> : null}
        {flags.map((f) => (
          <ConsensusForm
            key={flagKey(f.lot.lotId, f.lot.bids[f.bidIndex].submissionId, f.criterionId)}
            lot={f.lot}
            bidIndex={f.bidIndex}
            criterionId={f.criterionId}
            desk={desk}
            errors={errors}
            values={values}
          />
        ))}
      </section>

      <section aria-labelledby="rangfolge" className="stack">
        <h2 id="rangfolge" className="kern-heading-large">
          {t("eval.ranking.title")}
        </h2>
        <p className="kern-body">{t("eval.ranking.intro")}</p>
        {withBids.length === 0 ? <p className="kern-body">{t("eval.progress.none")}</p> : null}
        {withBids.map((lot) => (
          <RankingTable key={lot.lotId} lot={lot} criteria={desk.criteria} />
        ))}
      </section>
    </div>
  );
}
