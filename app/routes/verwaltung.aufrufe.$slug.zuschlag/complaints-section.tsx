// Rügen (complaints) against the award: those received, each resolved or open with the form
// to resolve it, and the form to record one.
import { Form } from "@remix-run/react";
import { describedBy, FieldMessages, TextArea } from "../../components/form";
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
                  <button type="submit" className="kern-btn kern-btn--secondary">
                    <span className="kern-label">{t("award.complaints.resolve")}</span>
                  </button>
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
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="feld-ruege-traeger">
              {t("award.complaints.carrier")}
            </label>
            <select id="feld-ruege-traeger" name="ruege-traeger" className="kern-form-input__select" defaultValue={values?.["ruege-traeger"] ?? ""}>
              <option value="">{t("award.complaints.carrierNone")}</option>
              {overview.bidders.map((b) => (
                <option key={b.organisationId} value={b.organisationId}>
                  {b.organisationName}
                </option>
              ))}
            </select>
          </div>
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="feld-ruege-los">
              {t("award.complaints.lotLabel")}
            </label>
            <select id="feld-ruege-los" name="ruege-los" className="kern-form-input__select" defaultValue={values?.["ruege-los"] ?? ""}>
              <option value="">{t("award.complaints.lotNone")}</option>
              {overview.lotChoices.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
          </div>
          <div className={`kern-form-input${errors["ruege-eingang"] ? " kern-form-input--error" : ""}`}>
            <label className="kern-label" htmlFor="feld-ruege-eingang">
              {t("award.complaints.received")}
            </label>
            <FieldMessages id="feld-ruege-eingang" hint={t("award.complaints.receivedHint")} error={errors["ruege-eingang"]} />
            <input
              id="feld-ruege-eingang"
              name="ruege-eingang"
              type="datetime-local"
              className={`kern-form-input__input${errors["ruege-eingang"] ? " kern-form-input__input--error" : ""}`}
              defaultValue={values?.["ruege-eingang"] ?? nowInput}
              aria-invalid={errors["ruege-eingang"] ? true : undefined}
              aria-describedby={describedBy("feld-ruege-eingang", "hint", errors["ruege-eingang"])}
            />
          </div>
          <TextArea
            name="ruege-inhalt"
            label={t("award.complaints.summary")}
            hint={t("award.complaints.summaryHint", { min: MIN_REASON_CHARS })}
            defaultValue={values?.["ruege-inhalt"]}
            error={errors["ruege-inhalt"]}
            rows={3}
          />
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("award.complaints.submit")}</span>
          </button>
        </Form>
      ) : null}
    </section>
  );
}
