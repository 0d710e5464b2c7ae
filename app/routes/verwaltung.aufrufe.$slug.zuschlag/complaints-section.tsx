// Rügen (complaints) against the award: those received, each resolved or open with the form
// to resolve it, and the form to record one.
import { Form } from "@remix-run/react";
import { Select, SubmitButton, TextArea, TextField } from "../../components/form";
import { formatDateTime } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { MIN_REASON_CHARS } from "../../award/reasons";
import type { Errors, Overview, Values } from "./types";

export function Complaints({ overview, errors, values, nowInput }: { overview: Overview; errors: Errors; values: Values; nowInput: string }) {
  const { t, locale } = useTranslation();
  const canRecord = overview.steps.recordComplaint;
  return (
    <section id="ruegen" aria-labelledby="titel-ruegen" className="stack">
      <h2 id="titel-ruegen" className="kern-heading-large">
        {t("award.complaints.title")}
      </h2>
      <p className="kern-body">{t("award.complaints.intro")}</p>
      {overview.complaints.length === 0 ? <p className="kern-body">{t("award.complaints.none")}</p> : null}
      {overview.complaints.map((c) => (
        <div key={c.id} className="kern-card">
          <div className="kern-card__container stack">
            <p className="kern-body kern-body--bold">
              {t("award.complaints.heading", {
                date: formatDateTime(new Date(c.receivedAt), locale),
                organisation: c.organisationName ?? t("award.complaints.unknownCarrier"),
              })}
              {c.lotNumber !== null ? ` – ${t("award.complaints.lot", { number: c.lotNumber })}` : ""}
            </p>
            <p className="kern-body">{c.summary}</p>
            {c.resolvedAt ? (
              <p className="kern-body">
                {t("award.complaints.resolved", { date: formatDateTime(new Date(c.resolvedAt), locale), resolution: c.resolution ?? "" })}
              </p>
            ) : (
              <>
                <p className="kern-body">
                  <strong>{t("award.complaints.open")}</strong>
                </p>
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="resolve" />
                  <input type="hidden" name="complaintId" value={c.id} />
                  <TextArea
                    name={`erledigung-${c.id}`}
                    label={t("award.complaints.resolution")}
                    hint={t("award.complaints.resolutionHint")}
                    defaultValue={values?.[`erledigung-${c.id}`]}
                    error={errors[`erledigung-${c.id}`]}
                    rows={3}
                  />
                  <SubmitButton kind="secondary" label={t("award.complaints.resolve")} />
                </Form>
              </>
            )}
          </div>
        </div>
      ))}
      {canRecord ? (
        <Form method="post" className="stack form-page">
          <h3 className="kern-heading-small">{t("award.complaints.record")}</h3>
          <input type="hidden" name="intent" value="complaint" />
          <Select
            name="ruege-traeger"
            label={t("award.complaints.carrier")}
            defaultValue={values?.["ruege-traeger"] ?? ""}
            options={[{ value: "", label: t("award.complaints.carrierNone") }, ...overview.bidders.map((b) => ({ value: b.organisationId, label: b.organisationName }))]}
          />
          <Select
            name="ruege-los"
            label={t("award.complaints.lotLabel")}
            defaultValue={values?.["ruege-los"] ?? ""}
            options={[{ value: "", label: t("award.complaints.lotNone") }, ...overview.lotChoices.map((l) => ({ value: l.id, label: l.label }))]}
          />
          <TextField
            name="ruege-eingang"
            type="datetime-local"
            label={t("award.complaints.received")}
            hint={t("award.complaints.receivedHint")}
            error={errors["ruege-eingang"]}
            defaultValue={values?.["ruege-eingang"] ?? nowInput}
          />
          <TextArea
            name="ruege-inhalt"
            label={t("award.complaints.summary")}
            hint={t("award.complaints.summaryHint", { min: MIN_REASON_CHARS })}
            defaultValue={values?.["ruege-inhalt"]}
            error={errors["ruege-inhalt"]}
            rows={3}
          />
          <SubmitButton kind="secondary" label={t("award.complaints.submit")} />
        </Form>
      ) : null}
    </section>
  );
}
