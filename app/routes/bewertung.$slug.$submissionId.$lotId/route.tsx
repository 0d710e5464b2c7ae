import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert } from "../../components/alert";
import { WorkspaceHeader } from "../../components/page-header";
import { ErrorSummary, type FieldErrors } from "../../components/form";
import { lotLabel } from "../../evaluation/report-document";
import { refusalErrors, refusalMessage } from "../../i18n/refusal";
import { getTranslator } from "../../i18n/locale.server";
import { useTranslation } from "../../i18n/use-translation";
import { requireUser } from "../../identity/sessions.server";
import { now as serverNow } from "../../infra/clock.server";
import { DomainError } from "../../infra/errors";
import { formValues } from "../../infra/forms.server";
import { notFound, toResponse } from "../../infra/http.server";
import { loadBidForScoring, MAX_JUSTIFICATION_CHARS, saveScores } from "../../evaluation/assessment.server";
import { justificationField, pointsField, readScoreForm } from "../../evaluation/score-form";
import { Bid } from "./bid";
import { PriceCriterion, QualityCriterion } from "./criteria";
import { FinalisedScores } from "./finalised-scores";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Bewertung – ${data.bid.organisationName}, Los ${data.bid.lot.number}` : "Bewertung" },
];

// The scoring page: the bid on one side, the call's criteria with their published scale on
// the other. A draft may be saved at any time; finalising needs points and a justification
// for every quality criterion and locks the scores. Only then do colleagues' scores appear.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["evaluator"] });
  try {
    const view = await loadBidForScoring({ evaluatorId: user.id, submissionId: params.submissionId ?? "", lotId: params.lotId ?? "" });
    if (view.call.slug !== params.slug) notFound();
    return {
      call: view.call,
      bid: { submissionId: view.bid.submissionId, organisationName: view.bid.organisationName, receiptNumber: view.bid.receiptNumber, lot: view.bid.lot },
      criteria: view.criteria,
      own: [...view.own.values()].map((s) => ({ criterionId: s.criterionId, points: s.points, justification: s.justification, finalisedAt: s.finalisedAt })),
      finalised: view.finalised,
      others: view.others.map((s) => ({ evaluatorId: s.evaluatorId, evaluatorName: s.evaluatorName, criterionId: s.criterionId, points: s.points, justification: s.justification })),
      priceScore: view.priceScore,
      scoredCost: view.scoredCostPerFteCents,
    };
  } catch (error) {
    return toResponse(error, request);
  }
}

const PROBLEM_FIELD = { points: pointsField, justification: justificationField };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["evaluator"] });
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  const finalise = values.intent === "finalise";
  if (!finalise && values.intent !== "draft") throw new Response("Bad Request", { status: 400 });
  const read = readScoreForm(values, { finalise, maxJustificationChars: MAX_JUSTIFICATION_CHARS });
  const errors: Record<string, string> = Object.fromEntries(Object.entries(read.errors).map(([field, key]) => [field, t(key)]));
  if (Object.keys(errors).length) return data({ errors, values }, { status: 400 });
  try {
    const { problems } = await saveScores({
      evaluatorId: user.id,
      submissionId: params.submissionId ?? "",
      lotId: params.lotId ?? "",
      entries: read.entries,
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

/** What the page and its parts get from the loader. */
export type ScoringData = Awaited<ReturnType<typeof loader>>;

export default function ScoreBid() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const errors: FieldErrors = result?.errors ?? {};
  const values = result?.values as Record<string, string> | undefined;
  const base = `/bewertung/${d.call.slug}`;
  // In the summary each problem names its criterion; next to the field the criterion is clear.
  const names = new Map(d.criteria.flatMap((c) => [[pointsField(c.id), c.name] as const, [justificationField(c.id), c.name] as const]));
  const summary = Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, names.has(field) ? `${names.get(field)}: ${message}` : message]));
  const order = d.criteria.flatMap((c) => [pointsField(c.id), justificationField(c.id)]);
  return (
    <div className="stack">
      <WorkspaceHeader
        trail={[
          { label: t("eval.mine.title"), to: "/bewertung" },
          { label: d.call.title, to: base },
          { label: t("eval.bids.open", { organisation: d.bid.organisationName, lot: d.bid.lot.number }) },
        ]}
        title={t("eval.score.title", { organisation: d.bid.organisationName })}
      />
      <p className="kern-body">{lotLabel(d.bid.lot, t)}</p>
      {params.get("gespeichert") && !d.finalised ? (
        <Alert tone="success" role="status">
          <p className="kern-body kern-body--bold">{t("eval.score.saved")}</p>
        </Alert>
      ) : null}
      {params.get("abgeschlossen") && d.finalised ? (
        <Alert tone="success" role="status">
          <p className="kern-body kern-body--bold">{t("eval.score.done")}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={summary} fieldOrder={order} />
      <div className="scoring-layout">
        <Bid bid={d.bid} />
        <section aria-labelledby="bewertung" className="scoring-layout__form stack">
          <h2 id="bewertung" className="kern-heading-large">
            {t("eval.score.criteria")}
          </h2>
          {d.finalised ? (
            <FinalisedScores data={d} />
          ) : (
            <Form method="post" className="stack">
              <p className="kern-body">{t("eval.score.intro", { min: d.call.scaleMin, max: d.call.scaleMax })}</p>
              {d.criteria.map((c) =>
                c.kind === "price" ? (
                  <PriceCriterion key={c.id} c={c} priceScore={d.priceScore} cost={d.scoredCost ?? 0} />
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
