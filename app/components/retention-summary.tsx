// Aufbewahrung (decision 0036): a call's retention date and what retention deletes then (or
// deleted), for the officer's call page and its retention page.
import { formatBytes, formatDate } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import type { RetentionView } from "../retention/retention-view";

/** `level`: the heading level of "what goes", one below the section it stands in. */
export function RetentionSummary({ view, years, level }: { view: RetentionView; years: number; level: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  const { t, locale } = useTranslation();
  const date = view.retention ? new Date(view.retention.date) : null;
  // Before the opening (bids null) the page says nothing of the bids, not even their number.
  const opened = view.bids !== null;
  const bidRows: [string, string][] = !opened
    ? []
    : view.doneAt
      ? [
          [t("retention.bids"), String(view.deleted["draft"]?.count ?? 0)],
          [t("retention.files"), t("retention.filesValue", { count: view.deleted["file"]?.count ?? 0, size: formatBytes(view.deleted["file"]?.bytes ?? 0, locale) })],
        ]
      : [
          [t("retention.bids"), String(view.bids)],
          [t("retention.files"), t("retention.filesValue", { count: view.files ?? 0, size: formatBytes(view.bytes ?? 0, locale) })],
        ];
  const rows: [string, string][] = [
    ...bidRows,
    ...(view.doneAt
      ? ([
          [t("retention.questions"), String(view.deleted["question-asker"]?.count ?? 0)],
          [t("retention.staffReports"), String(view.deleted["staff-report-names"]?.count ?? 0)],
          [t("retention.textformNames"), String(view.deleted["textform-names"]?.count ?? 0)],
        ] as [string, string][])
      : ([
          [t("retention.questions"), String(view.questions)],
          [t("retention.staffReports"), String(view.staffReports)],
          [t("retention.textformNames"), String(view.textformNames)],
        ] as [string, string][])),
  ];
  const nothing = opened && !view.doneAt && (view.bids ?? 0) + view.questions + view.staffReports + view.textformNames === 0;
  return (
    <>
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("retention.date")}</dt>
          <dd className="kern-description-list-item__value">
            {date ? (
              <>
                {formatDate(date, locale)} ({view.retention!.source === "override" ? t("retention.source.override") : t("retention.source.computed", { years })})
              </>
            ) : (
              t("retention.undecided")
            )}
          </dd>
        </div>
      </dl>
      {date ? (
        <>
          <Heading className={level === 2 ? "kern-heading-medium" : "kern-heading-small"}>
            {view.doneAt
              ? t("retention.wentAt", { date: formatDate(new Date(view.doneAt), locale) })
              : view.due
                ? t("retention.dueNow", { date: formatDate(date, locale) })
                : t("retention.willGo", { date: formatDate(date, locale) })}
          </Heading>
          {nothing ? (
            <p className="kern-body">{t("retention.nothing")}</p>
          ) : (
            <dl className="kern-description-list">
              {rows.map(([label, value]) => (
                <div key={label} className="kern-description-list-item">
                  <dt className="kern-description-list-item__key">{label}</dt>
                  <dd className="kern-description-list-item__value">{value}</dd>
                </div>
              ))}
            </dl>
          )}
          {opened ? null : <p className="kern-body">{t("retention.notOpened")}</p>}
          <p className="kern-body--small">{t("retention.kept")}</p>
          {view.doneAt ? <p className="kern-body">{t("retention.done")}</p> : <p className="kern-body kern-body--bold">{t("retention.exportFirst")}</p>}
        </>
      ) : null}
    </>
  );
}
