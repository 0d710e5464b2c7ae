// The latest figure of each region and target group, each with its own as-of date.
import { DataTable } from "../../components/data-table";
import type { MessageKey } from "../../i18n";
import { formatDate, formatNumber } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { TARGET_GROUPS } from "../../staffing/plan-text";
import type { FiguresData } from "./route";

export function CurrentFigures({ regions, latest }: Pick<FiguresData, "regions" | "latest">) {
  const { t, locale } = useTranslation();
  return (
    <section aria-labelledby="aktuell" className="stack">
      <h2 id="aktuell" className="kern-heading-large">
        {t("staffing.figures.current")}
      </h2>
      {Object.keys(latest).length === 0 ? (
        <p className="kern-body">{t("staffing.figures.none")}</p>
      ) : (
        <DataTable
          id="aktuell-tabelle"
          small
          caption={t("staffing.figures.currentCaption")}
          columns={[{ label: t("staffing.figures.region") }, ...TARGET_GROUPS.map((g) => ({ label: t(`staffing.group.${g}` as MessageKey), numeric: true }))]}
          rows={regions.map((r) => [
            r.name,
            ...TARGET_GROUPS.map((g) => {
              const f = latest[r.code]?.[g];
              return f ? (
                <>
                  {formatNumber(f.count, locale)}
                  <br />
                  <span className="kern-body--small">
                    {t("staffing.figures.asOfCol")} {formatDate(new Date(f.asOf), locale)}
                  </span>
                </>
              ) : (
                "–"
              );
            }),
          ])}
        />
      )}
    </section>
  );
}
