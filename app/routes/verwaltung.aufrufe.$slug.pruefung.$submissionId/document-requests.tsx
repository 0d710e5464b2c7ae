// Nachforderung (VgV § 56 (2)): the documents requested from the carrier so far, and the form
// to request one with a due day.
import { Form } from "@remix-run/react";
import { DataTable } from "../../components/data-table";
import { TextArea } from "../../components/form";
import { Section } from "../../components/section";
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
    <Section id="nachforderung" level={2} className="stack" title={t("check.request.section")}>
      <p className="kern-body">{t("check.request.intro")}</p>
      {view.requests.length === 0 ? (
        <p className="kern-body">{t("check.request.none")}</p>
      ) : (
        <DataTable
          id="nachforderungen-tabelle"
          caption={t("check.request.list.caption")}
          columns={[
            { label: t("check.request.col.requested") },
            { label: t("check.request.col.description") },
            { label: t("check.request.col.due") },
            { label: t("check.request.col.answer") },
          ]}
          rows={view.requests.map((r) => [
            formatDateTime(r.requestedAt, locale),
            r.description,
            formatDateTime(r.dueAt, locale),
            r.state === "answered" && r.answeredAt && r.answeredFile ? (
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
            ),
          ])}
        />
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
          <div className={`kern-form-input${dueError ? " kern-form-input--error" : ""}`}>
            <label className="kern-label" htmlFor="feld-frist">
              {t("check.request.dueDate")}
            </label>
            <div id="feld-frist-hinweis" className="kern-hint">
              {t("check.request.dueDateHint")}
            </div>
            {dueError ? (
              <p id="feld-frist-fehler" className="kern-error">
                <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
                <span className="kern-body">{dueError}</span>
              </p>
            ) : null}
            <input
              id="feld-frist"
              name="frist"
              type="date"
              min={today}
              defaultValue={values?.frist ?? defaultDue}
              className={`kern-form-input__input${dueError ? " kern-form-input__input--error" : ""}`}
              aria-invalid={dueError ? true : undefined}
              aria-describedby={dueError ? "feld-frist-hinweis feld-frist-fehler" : "feld-frist-hinweis"}
            />
          </div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("check.request.submit")}</span>
          </button>
        </Form>
      ) : null}
    </Section>
  );
}
