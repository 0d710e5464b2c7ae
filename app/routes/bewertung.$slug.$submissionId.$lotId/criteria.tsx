// The call's criteria as the evaluator scores them: the price criterion computed from the
// bid's costs, each quality criterion with the carrier's sections it scores, its published
// scale and a justification.
import { RadioGroup, TextArea, type FieldErrors } from "../../components/form";
import { criterionHeading, formatScore } from "../../evaluation/report-document";
import { formatEuroCents } from "../../i18n/format";
import { justificationField, pointsField } from "../../evaluation/score-form";
import { useTranslation } from "../../i18n/use-translation";
import { Paragraphs } from "../../components/submitted-bid";
import type { ScoringData } from "./route";

type Criterion = ScoringData["criteria"][number];

export function PriceCriterion({ c, priceScore, cost }: { c: Criterion; priceScore: number | null; cost: number }) {
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

export function QualityCriterion({ c, own, errors, values }: { c: Criterion; own: ScoringData["own"][number] | undefined; errors: FieldErrors; values: Record<string, string> | undefined }) {
  const { t } = useTranslation();
  const points = pointsField(c.id);
  const justification = justificationField(c.id);
  const chosen = values ? (values[points] ?? "") : own ? String(own.points) : "";
  const text = values ? (values[justification] ?? "") : (own?.justification ?? "");
  return (
    <div className="kern-card">
      <div className="kern-card__container stack">
        {c.sections.length ? (
          // The carrier's sections this criterion scores, beside its scale and the points.
          <div className="criterion-sections stack">
            <p className="kern-body kern-body--bold">{t("eval.score.sectionsFor", { criterion: c.name })}</p>
            {c.sections.map((section) => (
              <div key={section.code} className="stack">
                <h3 className="kern-heading-small">{section.title}</h3>
                {section.text.trim() ? <Paragraphs text={section.text} /> : <p className="kern-body">{t("eval.score.sectionEmpty")}</p>}
              </div>
            ))}
          </div>
        ) : null}
        <RadioGroup
          name={points}
          legend={criterionHeading(c, t)}
          hint={c.description}
          defaultValue={chosen}
          error={errors[points]}
          options={c.scale.map((p) => ({ value: String(p.points), label: t("eval.score.point", { points: p.points, meaning: p.meaning }) }))}
          layout="vertical"
        />
        <TextArea name={justification} label={t("eval.score.justification", { criterion: c.name })} error={errors[justification]} defaultValue={text} rows={4} />
      </div>
    </div>
  );
}
