// Nachforderung (VgV § 56 (2)): the documents requested from the carrier so far, and the form
// to request one with a due day.
import { Form } from "@remix-run/react";
import { SubmitButton, TextArea, TextField } from "../../components/form";
import { formatDateTime } from "../../i18n/format";
import { formatDateTimeSeconds } from "../../i18n/format-seconds";
import { useTranslation } from "../../i18n/use-translation";
import type { ActionValues, Errors, View } from "./types";

export function DocumentRequests({
  view,
  defaultDue,
  today,
  errors,
  values,
}: {
  view: View;
  defaultDue: string;
  today: string;
  errors: Errors;
  values: ActionValues;
}) {
  const { t, locale } = useTranslation();
  const dueError = errors.frist;
  return (
    <section id="nachforderung" aria-labelledby="titel-nachforderung" className="stack">
      <h2 id="titel-nachforderung" className="kern-heading-large">
        {t("check.request.section")}
      </h2>
      <p className="kern-body">{t("check.request.intro")}</p>
      {view.requests.length === 0 ? (
        <p className="kern-body">{t("check.request.none")}</p>
      ) : (
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="nachforderungen-tabelle">
          <table className="kern-table">
            <caption id="nachforderungen-tabelle">{t("check.request.list.caption")}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">{t("check.request.col.requested")}</th>
                <th scope="col" className="kern-table__header">{t("check.request.col.description")}</th>
                <th scope="col" className="kern-table__header">{t("check.request.col.due")}</th>
                <th scope="col" className="kern-table__header">{t("check.request.col.answer")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {view.requests.map((r) => (
                <tr key={r.id} className="kern-table__row">
                  <td className="kern-table__cell">{formatDateTime(r.requestedAt, locale)}</td>
                  <td className="kern-table__cell">{r.description}</td>
                  <td className="kern-table__cell">{formatDateTime(r.dueAt, locale)}</td>
                  <td className="kern-table__cell">
                    {r.state === "answered" && r.answeredAt && r.answeredFile ? (
                      <>
                        {t("check.request.answered", { date: formatDateTimeSeconds(r.answeredAt, locale) })}:{" "}
                        <a className="kern-link" href={`/dateien/${r.answeredFile.id}`}>
                          {r.answeredFile.name}
                        </a>
                      </>
                    ) : r.state === "open" ? (
                      t("check.request.open")
                    ) : (
                      <strong>{t("check.request.overdue")}</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!view.call.requestsAllowed ? (
        <p className="kern-body">{t("check.request.notAllowed")}</p>
      ) : view.call.checkable ? (
        <Form method="post" className="stack form-page">
          <input type="hidden" name="intent" value="request" />
          <TextArea
            name="beschreibung"
            label={t("check.request.description")}
            defaultValue={values?.beschreibung}
            error={errors.beschreibung}
            rows={3}
          />
          <TextField
            name="frist"
            type="date"
            label={t("check.request.dueDate")}
            hint={t("check.request.dueDateHint")}
            error={dueError}
            min={today}
            defaultValue={values?.frist ?? defaultDue}
          />
          <SubmitButton kind="secondary" label={t("check.request.submit")} />
        </Form>
      ) : null}
    </section>
  );
}
