// The bid being scored, as the carrier submitted it for this lot: concept, posts and costs.
import { formatEuroCents, formatFteHundredths } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import type { ScoringData } from "./route";

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
      {/* No column names a post, so no cell is a row header (DataTable would make one). */}
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
