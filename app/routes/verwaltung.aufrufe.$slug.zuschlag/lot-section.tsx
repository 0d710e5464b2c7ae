// One lot of the proposal: required, allocated and uncovered FTE, the ranking with each
// bid's allocation and reason, and (while the proposal may change) the change forms.
import { DataTable } from "../../components/data-table";
import { DescriptionList } from "../../components/description-list";
import { Section } from "../../components/section";
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
    <Section id={`los-${lot.lotId}`} level={3} className="stack" title={lot.label}>
      <DescriptionList
        items={[
          {
            label: t("award.lot.required"),
            value: (
              <>
                <Fte hundredths={lot.requiredHundredths} /> {t("award.unit")} <span className="kern-body--small">({lot.trail})</span>
              </>
            ),
          },
          {
            label: t("award.lot.allocated"),
            value: (
              <>
                <Fte hundredths={lot.awardedHundredths} /> {t("award.unit")}
              </>
            ),
          },
          {
            label: t("award.lot.uncovered"),
            value:
              lot.uncoveredHundredths > 0 ? (
                <strong>
                  <Fte hundredths={lot.uncoveredHundredths} /> {t("award.unit")}
                </strong>
              ) : (
                t("award.lot.covered")
              ),
          },
        ]}
      />
      {lot.bids.length === 0 ? (
        <p className="kern-body">{t("award.lot.noBids")}</p>
      ) : (
        <DataTable
          id={`rangfolge-${lot.lotId}`}
          caption={t("award.lot.caption", { lot: lot.label })}
          columns={[
            { label: t("award.col.rank"), numeric: true },
            { label: t("award.col.carrier"), rowHeader: true },
            { label: t("award.col.offered"), numeric: true },
            { label: t("award.col.allocated"), numeric: true },
            { label: t("award.col.reason") },
          ]}
          rows={lot.bids.map((b) => [
            b.rank,
            b.organisationName,
            <Fte hundredths={b.offeredHundredths} />,
            <Fte hundredths={b.fteHundredths} />,
            <>
              {b.reason}
              {b.changeReason ? (
                <>
                  <br />
                  <strong>{t("award.lot.changed", { proposed: formatNumber(b.proposedHundredths / 100, "de", 2), reason: b.changeReason })}</strong>
                </>
              ) : null}
            </>,
          ])}
        />
      )}
      {editable ? lot.bids.map((b) => <ChangeForm key={b.submissionId} lotId={lot.lotId} bid={b} errors={errors} values={values} />) : null}
    </Section>
  );
}
