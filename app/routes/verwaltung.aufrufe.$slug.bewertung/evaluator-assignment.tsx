// Which evaluators score which lot: per lot the assigned evaluators (each with a form to
// remove them) and a form to add one of the others; a warning below the minimum.
import { Form } from "@remix-run/react";
import { Section } from "../../components/section";
import { Alert } from "../../components/alert";
import { type FieldErrors, FieldMessages, Select, SubmitButton } from "../../components/form";
import { lotLabel } from "../../evaluation/report-document";
import type { DeskLot, EvaluationDesk } from "../../evaluation/report.server";
import { useTranslation } from "../../i18n/use-translation";

type Props = { desk: EvaluationDesk; errors: FieldErrors; values: Record<string, string> | undefined };

export function EvaluatorAssignment({ desk, errors, values }: Props) {
  const { t } = useTranslation();
  return (
    <Section level={2} className="stack" title={t("eval.assign.title")}>
      <p className="kern-body">{t("eval.assign.intro")}</p>
      {desk.evaluators.length === 0 ? <p className="kern-body">{t("eval.assign.noAccounts")}</p> : null}
      <div className="assignment-grid">
        {desk.lots.map((lot) => (
          <LotAssignment key={lot.lotId} lot={lot} desk={desk} errors={errors} values={values} />
        ))}
      </div>
    </Section>
  );
}

function LotAssignment({ lot, desk, errors, values }: Props & { lot: DeskLot }) {
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
        {lot.belowMinimum ? <Alert tone="warning" icon title={t("eval.assign.belowMinimum", { count: lot.evaluators.length })} /> : null}
        <FieldMessages id={`feld-${remove}`} error={errors[remove]} />
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
            <Select
              id={`feld-${select}`}
              name="evaluatorId"
              label={t("eval.assign.label", { lot: lot.number })}
              error={errors[select]}
              defaultValue={values?.lotId === lot.lotId ? values.evaluatorId : ""}
              options={[{ value: "", label: t("eval.assign.choose") }, ...available.map((e) => ({ value: e.id, label: `${e.name} (${e.email})` }))]}
            />
            <SubmitButton kind="secondary" label={t("eval.assign.submit", { lot: lot.number })} />
          </Form>
        ) : null}
      </div>
    </section>
  );
}
