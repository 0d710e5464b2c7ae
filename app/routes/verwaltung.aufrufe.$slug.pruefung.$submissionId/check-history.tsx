// Every result recorded for the submission, newest first.
import { formatDateTimeSeconds } from "../../i18n/format-seconds";
import { useTranslation } from "../../i18n/use-translation";
import { itemLabel } from "./item-fields";
import type { View } from "./types";

export function CheckHistory({ history }: { history: View["history"] }) {
  const { t, locale } = useTranslation();
  return (
    <section aria-labelledby="titel-verlauf" className="stack">
      <h2 id="titel-verlauf" className="kern-heading-large">
        {t("check.detail.section.history")}
      </h2>
      {history.length === 0 ? (
        <p className="kern-body">{t("check.detail.history.none")}</p>
      ) : (
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="verlauf-tabelle">
          <table className="kern-table">
            <caption id="verlauf-tabelle">{t("check.detail.history.caption")}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">{t("check.detail.history.col.at")}</th>
                <th scope="col" className="kern-table__header">{t("check.detail.history.col.item")}</th>
                <th scope="col" className="kern-table__header">{t("check.detail.history.col.result")}</th>
                <th scope="col" className="kern-table__header">{t("check.detail.history.col.note")}</th>
                <th scope="col" className="kern-table__header">{t("check.detail.history.col.by")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {history.map((h) => (
                <tr key={h.seq} className="kern-table__row">
                  <td className="kern-table__cell">{formatDateTimeSeconds(h.checkedAt, locale)}</td>
                  <td className="kern-table__cell">
                    {h.lotNumber === null ? t("check.detail.history.whole") : t("check.detail.history.lot", { number: h.lotNumber })}
                    {": "}
                    {itemLabel(h, t)}
                  </td>
                  <td className="kern-table__cell">{h.passed ? t("check.detail.passed") : t("check.detail.failed")}</td>
                  <td className="kern-table__cell">{h.note}</td>
                  <td className="kern-table__cell">{h.checkedByName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
