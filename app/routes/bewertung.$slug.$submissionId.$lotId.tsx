import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "../components/breadcrumbs";
import { ErrorSummary } from "../components/form";
import { criterionHeading, formatScore, lotLabel, when } from "../evaluation/report-document";
import { formatEuroCents, formatFteHundredths } from "../i18n/format";
import type { MessageKey } from "../i18n";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors, refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues } from "../infra/forms.server";
import { notFound, toResponse } from "../infra/http.server";
import { loadBidForScoring, MAX_JUSTIFICATION_CHARS, saveScores } from "../evaluation/assessment.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Bewertung – ${data.bid.organisationName}, Los ${data.bid.lot.number}` : "Bewertung" },
];

// The scoring page: the bid on one side, the call's criteria with their published scale on
// the other. A draft may be saved at any time; finalising needs points and a justification
// for every quality criterion and locks the scores. Only then do colleagues' scores appear.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["evaluator"] });
  try {
    const view = loadBidForScoring({ evaluatorId: user.id, submissionId: params.submissionId ?? "", lotId: params.lotId ?? "" });
    if (view.call.slug !== params.slug) notFound();
    return {
      call: view.call,
      bid: { submissionId: view.bid.submissionId, organisationName: view.bid.organisationName, receiptNumber: view.bid.receiptNumber, lot: view.bid.lot },
      criteria: view.criteria,
      own: [...view.own.values()].map((s) => ({ criterionId: s.criterionId, points: s.points, justification: s.justification, finalisedAt: s.finalisedAt })),
      finalised: view.finalised,
      others: view.others.map((s) => ({ evaluatorId: s.evaluatorId, evaluatorName: s.evaluatorName, criterionId: s.criterionId, points: s.points, justification: s.justification })),
      priceScore: view.priceScore,
    };
  } catch (error) {
    return toResponse(error, request);
  }
}

const pointsField = (criterionId: string) => `punkte-${criterionId}`;
const justificationField = (criterionId: string) => `begruendung-${criterionId}`;

const Entry = z.object({
  points: z.union([z.literal(""), z.string().regex(/^\d+$/, "eval.error.pointsOutOfScale")]).default(""),
  justification: z.string().max(MAX_JUSTIFICATION_CHARS, "eval.error.justificationTooLong").default(""),
});

const PROBLEM_FIELD = { points: pointsField, justification: justificationField };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["evaluator"] });
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  const finalise = values.intent === "finalise";
  if (!finalise && values.intent !== "draft") throw new Response("Bad Request", { status: 400 });
  // Every quality criterion of the form has a justification field (its radio group may be unset).
  const criterionIds = Object.keys(values)
    .filter((k) => k.startsWith("begruendung-"))
    .map((k) => k.slice("begruendung-".length));
  const errors: Record<string, string> = {};
  const entries = criterionIds.map((criterionId) => {
    const parsed = Entry.safeParse({ points: values[pointsField(criterionId)], justification: values[justificationField(criterionId)] });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === "points" ? pointsField(criterionId) : justificationField(criterionId);
        errors[field] ??= t(issue.message as MessageKey);
      }
      return { criterionId, points: null, justification: "" };
    }
    const { points, justification } = parsed.data;
    // A draft keeps a justification only together with points: say so rather than drop it.
    if (!finalise && points === "" && justification.trim()) errors[pointsField(criterionId)] = t("eval.score.pointsForDraft");
    return { criterionId, points: points === "" ? null : Number(points), justification };
  });
  if (Object.keys(errors).length) return data({ errors, values }, { status: 400 });
  try {
    const { problems } = saveScores({
      evaluatorId: user.id,
      submissionId: params.submissionId ?? "",
      lotId: params.lotId ?? "",
      entries,
      finalise,
      now: serverNow(),
    });
    if (problems.length) {
      for (const p of problems) errors[PROBLEM_FIELD[p.field](p.criterionId)] ??= refusalMessage(p, t, locale);
      return data({ errors, values }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof DomainError && error.code === "CONFLICT") return data({ errors: refusalErrors(error, t, locale), values }, { status: 409 });
    return toResponse(error, request);
  }
  return redirect(`/bewertung/${params.slug ?? ""}/${params.submissionId ?? ""}/${params.lotId ?? ""}?${finalise ? "abgeschlossen" : "gespeichert"}=1`);
}

// ---------------------------------------------------------------------------------------

type LoaderData = Awaited<ReturnType<typeof loader>>;

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="kern-error">
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span className="kern-body">{error}</span>
    </p>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\r?\n\s*\r?\n/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} className="kern-body">
            {p}
          </p>
        ))}
    </>
  );
}

function Bid({ bid }: { bid: LoaderData["bid"] }) {
  const { t, locale } = useTranslation();
  const l = bid.lot;
  return (
    <section aria-labelledby="angebot" className="scoring-layout__bid stack">
      <h2 id="angebot" className="kern-heading-large">
        {t("eval.score.bid", { organisation: bid.organisationName })}
      </h2>
      <p className="kern-body--small">{t("eval.score.receipt", { number: bid.receiptNumber })}</p>
      <h3 className="kern-heading-medium">{t("check.detail.concept")}</h3>
      {l.concept.map((c) => (
        <div key={c.code} className="stack">
          <h4 className="kern-heading-small">{c.title}</h4>
          <Paragraphs text={c.text} />
        </div>
      ))}
      {l.conceptFile ? (
        <p className="kern-body">
          {t("eval.score.conceptFile")}{" "}
          <a className="kern-link" href={`/dateien/${l.conceptFile.id}`}>
            {l.conceptFile.name}
          </a>
        </p>
      ) : null}
      <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="stellen">
        <table className="kern-table">
          <caption id="stellen">{t("check.detail.posts.caption", { number: l.number })}</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header kern-table__header--numeric">{t("check.detail.posts.col.fte")}</th>
              <th scope="col" className="kern-table__header">{t("check.detail.posts.col.qualification")}</th>
              <th scope="col" className="kern-table__header">{t("check.detail.posts.col.degree")}</th>
              <th scope="col" className="kern-table__header">{t("check.detail.posts.col.payGroup")}</th>
              <th scope="col" className="kern-table__header">{t("check.detail.posts.col.languages")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {l.posts.map((p, i) => (
              <tr key={i} className="kern-table__row">
                <td className="kern-table__cell kern-table__cell--numeric">{formatFteHundredths(p.fteHundredths, locale)}</td>
                <td className="kern-table__cell">{p.qualification}</td>
                <td className="kern-table__cell">{p.hasPedagogicalDegree ? t("check.detail.yes") : t("check.detail.no")}</td>
                <td className="kern-table__cell">{p.payGroup}</td>
                <td className="kern-table__cell">{p.languages.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 className="kern-heading-medium">{t("eval.score.costs")}</h3>
      <dl className="kern-description-list">
        {(
          [
            ["eval.score.cost.personnelPerFte", l.costPlan.personnelCostPerFteCents],
            ["eval.score.cost.material", l.costPlan.materialCostCents],
            ["eval.score.cost.overhead", l.costPlan.overheadCents],
            ["eval.score.cost.perYear", l.totals.perYearCents],
          ] as const
        ).map(([key, cents]) => (
          <div key={key} className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t(key)}</dt>
            <dd className="kern-description-list-item__value">{formatEuroCents(cents, locale)}</dd>
          </div>
        ))}
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("eval.score.cost.term", { months: l.totals.termMonths })}</dt>
          <dd className="kern-description-list-item__value">{formatEuroCents(l.totals.termCents, locale)}</dd>
        </div>
      </dl>
    </section>
  );
}

type Criterion = LoaderData["criteria"][number];

function PriceCriterion({ c, priceScore, cost }: { c: Criterion; priceScore: number | null; cost: number }) {
  const { t, locale } = useTranslation();
  return (
    <div className="kern-card">
      <div className="kern-card__container stack">
        <h3 className="kern-heading-small">{criterionHeading(c, t)}</h3>
        <p className="kern-body">{c.description}</p>
        <p className="kern-body">
          <strong>{t("eval.score.formula")}</strong> {c.priceFormula}
        </p>
        <p className="kern-body">
          {priceScore === null
            ? t("eval.score.priceNone")
            : t("eval.score.priceValue", { points: formatScore(priceScore, locale), cost: formatEuroCents(cost, locale) })}
        </p>
      </div>
    </div>
  );
}

function QualityCriterion({ c, own, errors, values }: { c: Criterion; own: LoaderData["own"][number] | undefined; errors: Record<string, string | undefined>; values: Record<string, string> | undefined }) {
  const { t } = useTranslation();
  const points = pointsField(c.id);
  const justification = justificationField(c.id);
  const chosen = values ? (values[points] ?? "") : own ? String(own.points) : "";
  const text = values ? (values[justification] ?? "") : (own?.justification ?? "");
  return (
    <div className="kern-card">
      <div className="kern-card__container stack">
        <fieldset
          id={`feld-${points}`}
          className={`kern-fieldset${errors[points] ? " kern-fieldset--error" : ""}`}
          aria-describedby={[`kriterium-${c.id}`, errors[points] ? `feld-${points}-fehler` : ""].filter(Boolean).join(" ")}
        >
          <legend className="kern-label">{criterionHeading(c, t)}</legend>
          <p id={`kriterium-${c.id}`} className="kern-hint">
            {c.description}
          </p>
          <FieldError id={`feld-${points}-fehler`} error={errors[points]} />
          <div className="kern-fieldset__body">
            {c.scale.map((p) => (
              <div key={p.points} className="kern-form-check">
                <input
                  id={`feld-${points}-${p.points}`}
                  type="radio"
                  name={points}
                  value={String(p.points)}
                  className="kern-form-check__radio"
                  defaultChecked={chosen === String(p.points)}
                />
                <label className="kern-label" htmlFor={`feld-${points}-${p.points}`}>
                  {t("eval.score.point", { points: p.points, meaning: p.meaning })}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className={`kern-form-input${errors[justification] ? " kern-form-input--error" : ""}`}>
          <label className="kern-label" htmlFor={`feld-${justification}`}>
            {t("eval.score.justification", { criterion: c.name })}
          </label>
          <FieldError id={`feld-${justification}-fehler`} error={errors[justification]} />
          <textarea
            id={`feld-${justification}`}
            name={justification}
            rows={4}
            className={`kern-form-input__input${errors[justification] ? " kern-form-input__input--error" : ""}`}
            defaultValue={text}
            aria-invalid={errors[justification] ? true : undefined}
            aria-describedby={errors[justification] ? `feld-${justification}-fehler` : undefined}
          />
        </div>
      </div>
    </div>
  );
}

function ReadOnlyScores({ data: d }: { data: LoaderData }) {
  const { t, locale } = useTranslation();
  const finalisedAt = d.own.find((s) => s.finalisedAt)?.finalisedAt;
  return (
    <div className="stack">
      <p className="kern-body kern-body--bold">
        {t("eval.score.finalisedAt", { date: finalisedAt ? when(new Date(finalisedAt).toISOString(), locale) : "" })}
      </p>
      {d.criteria.map((c) => {
        if (c.kind === "price") return <PriceCriterion key={c.id} c={c} priceScore={d.priceScore} cost={d.bid.lot.costPlan.personnelCostPerFteCents} />;
        const own = d.own.find((s) => s.criterionId === c.id);
        const others = d.others.filter((s) => s.criterionId === c.id);
        const meaning = c.scale.find((p) => p.points === own?.points)?.meaning ?? "";
        return (
          <div key={c.id} className="kern-card">
            <div className="kern-card__container stack">
              <h3 className="kern-heading-small">{criterionHeading(c, t)}</h3>
              <p className="kern-body">
                <strong>{t("eval.score.own", { points: own?.points ?? "–" })}</strong> {meaning}
              </p>
              <p className="kern-body">{own?.justification}</p>
              {others.length ? (
                <>
                  <h4 className="kern-heading-small">{t("eval.score.others")}</h4>
                  <ul className="kern-list">
                    {others.map((s) => (
                      <li key={s.evaluatorId}>
                        <strong>{t("eval.spread.score", { name: s.evaluatorName, points: s.points })}</strong> {s.justification}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          </div>
        );
      })}
      {d.others.length === 0 ? <p className="kern-body">{t("eval.score.othersNone")}</p> : null}
    </div>
  );
}

export default function ScoreBid() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values = result?.values as Record<string, string> | undefined;
  const base = `/bewertung/${d.call.slug}`;
  // In the summary each problem names its criterion; next to the field the criterion is clear.
  const names = new Map(d.criteria.flatMap((c) => [[pointsField(c.id), c.name] as const, [justificationField(c.id), c.name] as const]));
  const summary = Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, names.has(field) ? `${names.get(field)}: ${message}` : message]));
  const order = d.criteria.flatMap((c) => [pointsField(c.id), justificationField(c.id)]);
  return (
    <div className="stack">
      <Breadcrumbs
        items={[
          { label: t("workspace.title"), to: "/verwaltung" },
          { label: t("eval.mine.title"), to: "/bewertung" },
          { label: d.call.title, to: base },
          { label: t("eval.bids.open", { organisation: d.bid.organisationName, lot: d.bid.lot.number }) },
        ]}
      />
      <h1 className="kern-heading-x-large">{t("eval.score.title", { organisation: d.bid.organisationName })}</h1>
      <p className="kern-body">{lotLabel(d.bid.lot, t)}</p>
      {params.get("gespeichert") && !d.finalised ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body kern-body--bold">{t("eval.score.saved")}</p>
          </div>
        </div>
      ) : null}
      {params.get("abgeschlossen") && d.finalised ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body kern-body--bold">{t("eval.score.done")}</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary errors={summary} fieldOrder={order} />
      <div className="scoring-layout">
        <Bid bid={d.bid} />
        <section aria-labelledby="bewertung" className="scoring-layout__form stack">
          <h2 id="bewertung" className="kern-heading-large">
            {t("eval.score.criteria")}
          </h2>
          {d.finalised ? (
            <ReadOnlyScores data={d} />
          ) : (
            <Form method="post" className="stack">
              <p className="kern-body">{t("eval.score.intro", { min: d.call.scaleMin, max: d.call.scaleMax })}</p>
              {d.criteria.map((c) =>
                c.kind === "price" ? (
                  <PriceCriterion key={c.id} c={c} priceScore={d.priceScore} cost={d.bid.lot.costPlan.personnelCostPerFteCents} />
                ) : (
                  <QualityCriterion key={c.id} c={c} own={d.own.find((s) => s.criterionId === c.id)} errors={errors} values={values} />
                ),
              )}
              <p className="kern-body">{t("eval.score.finaliseHint")}</p>
              <div className="button-row">
                <button type="submit" name="intent" value="draft" className="kern-btn kern-btn--secondary">
                  <span className="kern-label">{t("eval.score.saveDraft")}</span>
                </button>
                <button type="submit" name="intent" value="finalise" className="kern-btn kern-btn--primary">
                  <span className="kern-label">{t("eval.score.finalise")}</span>
                </button>
              </div>
            </Form>
          )}
          <p>
            <Link className="kern-link" to={base}>
              {t("eval.score.back")}
            </Link>
          </p>
        </section>
      </div>
    </div>
  );
}
