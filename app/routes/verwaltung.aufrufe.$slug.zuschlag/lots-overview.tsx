// The lots of the proposal: the rules of the allocation, the case figures it used, each lot,
// and the bids excluded in the formal check.
import type { MessageKey } from "../../i18n";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { LotSection } from "./lot-section";
import type { Errors, Overview, Values } from "./types";

export function LotsOverview({ overview, errors, values }: { overview: Overview; errors: Errors; values: Values }) {
  const { t, locale } = useTranslation();
  return (
    <section aria-labelledby="titel-lose" className="stack">
      <h2 id="titel-lose" className="kern-heading-large">
        {t("award.lots.title")}
      </h2>
      <p className="kern-body">
        {t(overview.call.allowLotSplit ? "award.lots.split" : "award.lots.noSplit")}{" "}
        {overview.call.maxLotsPerCarrier ? t("award.lots.cap", { cap: overview.call.maxLotsPerCarrier }) : t("award.lots.noCap")}
      </p>
      {overview.figures.length ? (
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="fallzahlen">
          <table className="kern-table">
            <caption id="fallzahlen">{t("award.figures.caption")}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">{t("award.figures.region")}</th>
                <th scope="col" className="kern-table__header">{t("award.figures.group")}</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("award.figures.count")}</th>
                <th scope="col" className="kern-table__header">{t("award.figures.asOf")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {overview.figures.map((f) => (
                <tr key={`${f.regionCode}-${f.targetGroup}`} className="kern-table__row">
                  <td className="kern-table__cell">{f.regionName}</td>
                  <td className="kern-table__cell">{t(`award.figures.${f.targetGroup}` as MessageKey)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(f.count, locale)}</td>
                  <td className="kern-table__cell">{formatDateTime(new Date(f.asOf), locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {overview.lots.map((l) => (
        <LotSection key={l.lotId} lot={l} editable={overview.steps.changeProposal} errors={errors} values={values} />
      ))}
      {overview.excluded.length ? (
        <>
          <h3 className="kern-heading-medium">{t("award.excluded.title")}</h3>
          <ul className="kern-list">
            {overview.excluded.map((x) => (
              <li key={`${x.submissionId}-${x.lotId ?? ""}`}>
                {t(x.lotNumber === null ? "award.excluded.whole" : "award.excluded.lot", { organisation: x.organisationName, lot: x.lotNumber ?? "", reason: x.reason })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
