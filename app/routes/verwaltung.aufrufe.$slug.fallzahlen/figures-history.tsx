// Every batch of figures entered so far, newest first, each unfolding to its figures.
import type { MessageKey } from "../../i18n";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import type { FiguresData } from "./route";

export function FiguresHistory({ regions, history }: Pick<FiguresData, "regions" | "history">) {
  const { t, locale } = useTranslation();
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  return (
    <section aria-labelledby="verlauf" className="stack">
      <h2 id="verlauf" className="kern-heading-large">
        {t("staffing.figures.history")}
      </h2>
      {history.length === 0 ? <p className="kern-body">{t("staffing.figures.none")}</p> : null}
      {history.map((b) => (
        <details key={b.batchId}>
          <summary className="kern-body">
            {t("staffing.figures.historyEntry", {
              date: formatDateTime(new Date(b.enteredAt), locale),
              count: b.figures.length,
              source: b.source ? t(`staffing.source.${b.source}` as MessageKey) : "–",
              user: b.enteredBy ?? "–",
            })}
          </summary>
          <ul className="kern-list">
            {b.figures.map((f) => (
              <li key={`${f.regionCode}-${f.targetGroup}-${f.asOf}`}>
                {regionName.get(f.regionCode) ?? f.regionCode}, {t(`staffing.groupShort.${f.targetGroup}` as MessageKey)}: {formatNumber(f.count, locale)} ({t("staffing.figures.asOfCol")}{" "}
                {formatDate(new Date(f.asOf), locale)})
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
