// The lots of the proposal: the rules of the allocation, the case figures it used, each lot,
// and the bids excluded in the formal check.
import { DataTable } from "../../components/data-table";
import { Section } from "../../components/section";
import type { MessageKey } from "../../i18n";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { formatFte } from "../../staffing/required-fte";
import { LotSection } from "./lot-section";
import type { Errors, Overview, Values } from "./types";

export function LotsOverview({ overview, errors, values }: { overview: Overview; errors: Errors; values: Values }) {
  const { t, locale } = useTranslation();
  return (
    <Section level={2} className="stack" title={t("award.lots.title")}>
      <p className="kern-body">
        {t(overview.call.allowLotSplit ? "award.lots.split" : "award.lots.noSplit")}{" "}
        {overview.call.maxLotsPerCarrier ? t("award.lots.cap", { cap: overview.call.maxLotsPerCarrier }) : t("award.lots.noCap")}
      </p>
      {overview.figures.length ? (
        <DataTable
          id="fallzahlen"
          caption={t("award.figures.caption")}
          columns={[
            { label: t("award.figures.region") },
            { label: t("award.figures.group") },
            { label: t("award.figures.count"), numeric: true },
            { label: t("award.figures.asOf") },
          ]}
          rows={overview.figures.map((f) => [
            f.regionName,
            t(`award.figures.${f.targetGroup}` as MessageKey),
            formatNumber(f.count, locale),
            formatDateTime(new Date(f.asOf), locale),
          ])}
        />
      ) : null}
      {overview.lots.map((l) => (
        <LotSection key={l.lotId} lot={l} editable={overview.steps.changeProposal} errors={errors} values={values} />
      ))}
      {overview.tandems.length ? (
        <>
          <h3 className="kern-heading-medium" id="tandems">
            {t("award.tandems.title")}
          </h3>
          <ul className="kern-list">
            {overview.tandems.map((x) => (
              <li key={x.regionName}>
                {t("award.tandems.line", { region: x.regionName, first: formatFte(x.awardedHundredths[0]), partner: formatFte(x.awardedHundredths[1]) })}{" "}
                {x.split ? <strong>{t("award.tandems.split", { carriers: x.cooperation.join(", ") })}</strong> : t("award.tandems.whole")}
              </li>
            ))}
          </ul>
        </>
      ) : null}
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
    </Section>
  );
}
