// Streuungen: every criterion of a bid whose scores lie at least the threshold apart, with
// the evaluators' points and reasons, and a form for the consensus until one is recorded.
import { Form } from "@remix-run/react";
import { Alert } from "../../components/alert";
import { type FieldErrors, Select, SubmitButton, TextArea } from "../../components/form";
import { criterionHeading, lotLabel, when } from "../../evaluation/report-document";
import type { DeskLot, EvaluationDesk } from "../../evaluation/report.server";
import { consensusScale, spreadFlags } from "../../evaluation/spreads";
import { useTranslation } from "../../i18n/use-translation";

/** The key of one flagged criterion of one lot bid, used in its form's field names. */
export const flagKey = (lotId: string, submissionId: string, criterionId: string) => `${lotId}_${submissionId}_${criterionId}`;

type FormState = { desk: EvaluationDesk; errors: FieldErrors; values: Record<string, string> | undefined };

export function Spreads({ lots, ...form }: FormState & { lots: DeskLot[] }) {
  const { t } = useTranslation();
  const flags = spreadFlags(lots);
  const open = flags.filter((f) => f.open).length;
  return (
    <section id="streuungen" aria-labelledby="streuungen-titel" className="stack">
      <h2 id="streuungen-titel" className="kern-heading-large">
        {t("eval.spread.title")}
      </h2>
      <p className="kern-body">{t("eval.spread.intro", { threshold: form.desk.call.spreadThreshold })}</p>
      {flags.length === 0 ? <p className="kern-body">{t("eval.spread.none")}</p> : null}
      {open ? <Alert tone="warning" icon title={t("eval.spread.open", { count: open })} /> : null}
      {flags.map((f) => (
        <ConsensusForm key={flagKey(f.lot.lotId, f.lot.bids[f.bidIndex].submissionId, f.criterionId)} lot={f.lot} bidIndex={f.bidIndex} criterionId={f.criterionId} {...form} />
      ))}
    </section>
  );
}

function ConsensusForm({ lot, bidIndex, criterionId, desk, errors, values }: FormState & { lot: DeskLot; bidIndex: number; criterionId: string }) {
  const { t, locale } = useTranslation();
  const bid = lot.bids[bidIndex];
  const result = bid.criteria.find((c) => c.criterionId === criterionId)!;
  const criterion = desk.criteria.find((c) => c.id === criterionId)!;
  const key = flagKey(lot.lotId, bid.submissionId, criterionId);
  const points = `punkte-${key}`;
  const reason = `grund-${key}`;
  const headingId = `streuung-${key}`;
  const scale = consensusScale(criterion.scale, desk.call.scaleMin, desk.call.scaleMax);
  return (
    <section aria-labelledby={headingId} className="kern-card">
      <div className="kern-card__container stack">
        <h4 id={headingId} className="kern-heading-small">
          {t("eval.spread.heading", { organisation: bid.organisationName, criterion: criterion.name })}
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
            <Select
              name={points}
              label={t("eval.consensus.points", { criterion: criterion.name, organisation: bid.organisationName })}
              error={errors[points]}
              defaultValue={values?.[points] ?? ""}
              options={[
                { value: "", label: t("eval.consensus.choose") },
                ...scale.map((p) => ({ value: String(p.points), label: p.meaning ? `${p.points} – ${p.meaning}` : String(p.points) })),
              ]}
            />
            <TextArea
              name={reason}
              label={t("eval.consensus.reason", { criterion: criterion.name, organisation: bid.organisationName })}
              hint={t("eval.consensus.reasonHint")}
              error={errors[reason]}
              defaultValue={values?.[reason] ?? ""}
              rows={3}
            />
            <SubmitButton label={t("eval.consensus.submit")} />
          </Form>
        )}
      </div>
    </section>
  );
}
