// One lot of the proposal: required, allocated and uncovered FTE, the ranking with each
// bid's allocation and reason, and (while the proposal may change) the change forms.
import { formatNumber } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { ChangeForm } from "./change-form";
import type { Errors, Overview, Values } from "./types";

function Fte({ hundredths }: { hundredths: number }) {
  const { locale } = useTranslation();
  return <>{formatNumber(hundredths / 100, locale, 2)}</>;
}

export function LotSection({ lot, editable, errors, values }: { lot: Overview["lots"][number]; editable: boolean; errors: Errors; values: Values }) {
  const { t } = useTranslation();
  return (
    <section id={`los-${lot.lotId}`} aria-labelledby={`titel-${lot.lotId}`} className="stack">
      <h3 id={`titel-${lot.lotId}`} className="kern-heading-medium">
        {lot.label}
      </h3>
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("award.lot.required")}</dt>
          <dd className="kern-description-list-item__value">
            <Fte hundredths={lot.requiredHundredths} /> {t("award.unit")} <span className="kern-body--small">({lot.trail})</span>
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("award.lot.allocated")}</dt>
          <dd className="kern-description-list-item__value">
            <Fte hundredths={lot.awardedHundredths} /> {t("award.unit")}
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("award.lot.uncovered")}</dt>
          <dd className="kern-description-list-item__value">
            {lot.uncoveredHundredths > 0 ? (
              <strong>
                <Fte hundredths={lot.uncoveredHundredths} /> {t("award.unit")}
              </strong>
            ) : (
              t("award.lot.covered")
            )}
          </dd>
        </div>
      </dl>
      {lot.bids.length === 0 ? (
        <p className="kern-body">{t("award.lot.noBids")}</p>
      ) : (
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={`rangfolge-${lot.lotId}`}>
          <table className="kern-table">
            <caption id={`rangfolge-${lot.lotId}`}>{t("award.lot.caption", { lot: lot.label })}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("award.col.rank")}</th>
                <th scope="col" className="kern-table__header">{t("award.col.carrier")}</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("award.col.offered")}</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("award.col.allocated")}</th>
                <th scope="col" className="kern-table__header">{t("award.col.reason")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {lot.bids.map((b) => (
                <tr key={b.submissionId} className="kern-table__row">
                  <td className="kern-table__cell kern-table__cell--numeric">{b.rank}</td>
                  <td className="kern-table__cell">{b.organisationName}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    <Fte hundredths={b.offeredHundredths} />
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    <Fte hundredths={b.fteHundredths} />
                  </td>
                  <td className="kern-table__cell">
                    {b.reason}
                    {b.changeReason ? (
                      <>
                        <br />
                        <strong>{t("award.lot.changed", { proposed: formatNumber(b.proposedHundredths / 100, "de", 2), reason: b.changeReason })}</strong>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable ? lot.bids.map((b) => <ChangeForm key={b.submissionId} lotId={lot.lotId} bid={b} errors={errors} values={values} />) : null}
    </section>
  );
}
