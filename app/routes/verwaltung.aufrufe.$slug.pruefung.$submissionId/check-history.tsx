// Every result recorded for the submission, newest first.
import { DataTable } from "../../components/data-table";
import { Section } from "../../components/section";
import { formatDateTimeSeconds } from "../../i18n/format-seconds";
import { useTranslation } from "../../i18n/use-translation";
import { itemLabel } from "./item-fields";
import type { View } from "./types";

export function CheckHistory({ history }: { history: View["history"] }) {
  const { t, locale } = useTranslation();
  return (
    <Section level={2} className="stack" title={t("check.detail.section.history")}>
      {history.length === 0 ? (
        <p className="kern-body">{t("check.detail.history.none")}</p>
      ) : (
        <DataTable
          id="verlauf-tabelle"
          caption={t("check.detail.history.caption")}
          columns={[
            { label: t("check.detail.history.col.at") },
            { label: t("check.detail.history.col.item") },
            { label: t("check.detail.history.col.result") },
            { label: t("check.detail.history.col.note") },
            { label: t("check.detail.history.col.by") },
          ]}
          rows={history.map((h) => [
            formatDateTimeSeconds(h.checkedAt, locale),
            <>
              {h.lotNumber === null ? t("check.detail.history.whole") : t("check.detail.history.lot", { number: h.lotNumber })}
              {": "}
              {itemLabel(h, t)}
            </>,
            h.passed ? t("check.detail.passed") : t("check.detail.failed"),
            h.note,
            h.checkedByName,
          ])}
        />
      )}
    </Section>
  );
}
