// Nachforderung (VgV § 56 (2)): the documents requested from the carrier so far, and the form
// to request one with a due day.
import { Form } from "@remix-run/react";
import { DataTable } from "../../components/data-table";
import { Section } from "../../components/section";
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
    </Section>
  );
}
