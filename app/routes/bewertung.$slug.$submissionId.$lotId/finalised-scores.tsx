// The evaluator's own final scores, read-only, and beside them the colleagues' final scores
// (shown only now, so that nobody anchors on a colleague).
import { criterionHeading, when } from "../../evaluation/report-document";
import { useTranslation } from "../../i18n/use-translation";
import { PriceCriterion } from "./criteria";
import type { ScoringData } from "./route";

export function FinalisedScores({ data: d }: { data: ScoringData }) {
  const { t, locale } = useTranslation();
  const finalisedAt = d.own.find((s) => s.finalisedAt)?.finalisedAt;
  return (
    <div className="stack">
      <p className="kern-body kern-body--bold">
        {t("eval.score.finalisedAt", { date: finalisedAt ? when(new Date(finalisedAt).toISOString(), locale) : "" })}
      </p>
      {d.criteria.map((c) => {
        if (c.kind === "price") return <PriceCriterion key={c.id} c={c} priceScore={d.priceScore} cost={d.scoredCost ?? 0} />;
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
