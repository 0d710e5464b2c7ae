// The bid being scored, as the carrier submitted it for this lot: concept, posts and costs.
import { formatEuroCents } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { Paragraphs, PostsTable } from "../../components/submitted-bid";
import type { ScoringData } from "./route";

export function Bid({ bid }: { bid: ScoringData["bid"] }) {
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
      <PostsTable posts={l.posts} lotNumber={l.number} captionId="stellen" />
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
