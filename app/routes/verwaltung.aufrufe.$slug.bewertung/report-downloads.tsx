// The Vergabevermerk as PDF and the scores as CSV: offered on the evaluation desk and on the
// Vergabevermerk's page, each with its own first or last link around them.
import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation";

export function ReportDownloads({ hub, before, after }: { hub: string; before?: ReactNode; after?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ul className="kern-list">
      {before ? <li>{before}</li> : null}
      <li>
        <a className="kern-link" href={`${hub}/vergabevermerk.pdf`} download>
          {t("eval.desk.reportPdf")}
        </a>
      </li>
      <li>
        <a className="kern-link" href={`${hub}/bewertungen.csv`} download>
          {t("eval.desk.csv")}
        </a>
      </li>
      {after ? <li>{after}</li> : null}
    </ul>
  );
}
