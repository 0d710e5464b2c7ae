// The evaluators' declarations on conflicts of interest, earlier ones marked as superseded.
import { Section } from "../../components/section";
import { DataTable } from "../../components/data-table";
import { when } from "../../evaluation/report-document";
import type { ReportDeclaration } from "../../evaluation/report.server";
import { useTranslation } from "../../i18n/use-translation";

export function ConflictDeclarations({ declarations }: { declarations: ReportDeclaration[] }) {
  const { t, locale } = useTranslation();
  return (
    <Section level={2} className="stack" title={t("eval.declarations.title")}>
      <p className="kern-body">{t("eval.declarations.intro")}</p>
      {declarations.length === 0 ? (
        <p className="kern-body">{t("eval.declarations.none")}</p>
      ) : (
        <DataTable
          id="erklaerungen-tabelle"
          caption={t("report.conflicts.caption")}
          columns={[
            { label: t("report.conflicts.col.at") },
            { label: t("report.conflicts.col.evaluator"), rowHeader: true },
            { label: t("report.conflicts.col.organisation") },
            { label: t("report.conflicts.col.declaration") },
            { label: t("report.conflicts.col.note") },
          ]}
          rows={declarations.map((d) => [
            <time dateTime={d.declaredAt}>
              {when(d.declaredAt, locale)}
            </time>,
            d.evaluatorName,
            d.organisationName,
            <>
              {d.hasConflict ? <strong>{t("report.conflicts.conflict")}</strong> : t("report.conflicts.noConflict")}
              {d.current ? null : (
                <>
                  <br />
                  <span className="kern-body--small">{t("report.conflicts.superseded")}</span>
                </>
              )}
            </>,
            d.note,
          ])}
        />
      )}
    </Section>
  );
}
