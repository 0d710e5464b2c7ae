// The figures as a CSV file: the upload form and the template it expects.
import { Form } from "@remix-run/react";
import { describedBy, FieldMessages } from "../../components/form";
import { useTranslation } from "../../i18n/use-translation";

/** `rejected`: the list of the file's problems (id csv-fehler, above the sections) describes the field too. */
export function CsvUpload({ maxCsv, csvTemplate, error, rejected }: { maxCsv: string; csvTemplate: string; error?: string; rejected: boolean }) {
  const { t } = useTranslation();
  const hint = t("staffing.figures.csvHint", { max: maxCsv });
  return (
    <section aria-labelledby="csv" className="stack">
      <h2 id="csv" className="kern-heading-large">
        {t("staffing.figures.csv")}
      </h2>
      <Form method="post" encType="multipart/form-data" noValidate className="stack form-page">
        <div className={`kern-form-input${error ? " kern-form-input--error" : ""}`}>
          <label className="kern-label" htmlFor="feld-datei">
            {t("staffing.figures.csvFile")}
          </label>
          <FieldMessages id="feld-datei" hint={hint} error={error} />
          <input
            id="feld-datei"
            name="datei"
            type="file"
            accept=".csv,text/csv,text/plain"
            className="kern-form-input__input"
            aria-invalid={error ? true : undefined}
            aria-describedby={[describedBy("feld-datei", hint, error), rejected ? "csv-fehler" : null].filter(Boolean).join(" ")}
          />
        </div>
        <p className="kern-body--small">{t("staffing.figures.template")}</p>
        <pre className="kern-body--small">{csvTemplate}</pre>
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t("staffing.figures.upload")}</span>
        </button>
      </Form>
    </section>
  );
}
