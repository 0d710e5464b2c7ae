// The figures as a CSV file: the upload form and the template it expects.
import { Form } from "@remix-run/react";
import { FileField, SubmitButton } from "../../components/form";
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
        <FileField
          name="datei"
          label={t("staffing.figures.csvFile")}
          hint={hint}
          error={error}
          accept=".csv,text/csv,text/plain"
          alsoDescribedBy={rejected ? "csv-fehler" : undefined}
        />
        <p className="kern-body--small">{t("staffing.figures.template")}</p>
        <pre className="kern-body--small">{csvTemplate}</pre>
        <SubmitButton kind="secondary" label={t("staffing.figures.upload")} />
      </Form>
    </section>
  );
}
