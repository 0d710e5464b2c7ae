// The Vergabevermerk as PDF and the scores as CSV: offered on the evaluation desk and on the
// Vergabevermerk's page, each with its own first or last link around them. The PDF is made in
// the background (decision 0031): its link answers with the file once it is made.
import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation";

export function ReportDownloads({ hub, before, after }: { hub: string; before?: ReactNode; after?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ul className="kern-list">
      {before ? <li>{before}</li> : null}
      <li>
        {/* No `download`: until the PDF of the current state is made, this leads to a page that says how far it is. */}
        <a className="kern-link" href={`${hub}/vergabevermerk.pdf`}>
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
