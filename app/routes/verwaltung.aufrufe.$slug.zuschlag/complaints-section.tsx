// Rügen (complaints): those received, online or on paper, each decided or open with the form
// to decide it (the decision goes to the carrier as a letter), and the form to record one
// received on paper.
import { Form } from "@remix-run/react";
import { Select, SubmitButton, TextArea, TextField } from "../../components/form";
import { LotCheckboxes } from "../../components/lot-checkboxes";
import type { MessageKey } from "../../i18n";
import { formatDateTime } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { MIN_REASON_CHARS } from "../../award/reasons";
import type { Errors, Overview, Values } from "./types";

const DECISIONS = ["upheld", "partly", "rejected"] as const;

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
            <h3 className="kern-body kern-body--bold">
              {t("award.complaints.heading", {
                date: formatDateTime(new Date(c.receivedAt), locale),
                organisation: c.organisationName ?? t("award.complaints.unknownCarrier"),
              })}
            </h3>
            <p className="kern-body--small">{t(c.source === "online" ? "complaint.officer.online" : "complaint.officer.paper")}</p>
            <p className="kern-body">{t("complaint.officer.lots", { lots: c.lots.length ? c.lots.map((l) => l.label).join("; ") : t("complaint.officer.allLots") })}</p>
            <p className="kern-body notice-text">{c.summary}</p>
            {c.resolvedAt ? (
              <p className="kern-body">
                {c.decision
                  ? t("complaint.officer.decided", { date: formatDateTime(new Date(c.resolvedAt), locale), decision: t(`complaint.decision.${c.decision}` as MessageKey), reasons: c.resolution ?? "" })
                  : t("award.complaints.resolved", { date: formatDateTime(new Date(c.resolvedAt), locale), resolution: c.resolution ?? "" })}
              </p>
            ) : (
              <>
                <p className="kern-body">
                  <strong>{t("complaint.officer.open")}</strong>
                </p>
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="decide" />
                  <input type="hidden" name="complaintId" value={c.id} />
                  <Select
                    name={`entscheidung-${c.id}`}
                    label={t("complaint.officer.decision")}
                    defaultValue={values?.[`entscheidung-${c.id}`] ?? ""}
                    error={errors[`entscheidung-${c.id}`]}
                    options={[{ value: "", label: t("complaint.officer.decisionChoose") }, ...DECISIONS.map((d) => ({ value: d, label: t(`complaint.decision.${d}`) }))]}
                  />
                  <TextArea
                    name={`gruende-${c.id}`}
                    label={t("complaint.officer.decisionReasons")}
                    hint={t("complaint.officer.decisionReasonsHint", { min: MIN_REASON_CHARS })}
                    defaultValue={values?.[`gruende-${c.id}`]}
                    error={errors[`gruende-${c.id}`]}
                    rows={3}
                  />
                  <SubmitButton kind="secondary" label={t("complaint.officer.decide")} />
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
          <LotCheckboxes
            name="ruege-los"
            legend={t("complaint.officer.lotsLabel")}
            hint={t("complaint.officer.lotsHint")}
            error={errors["ruege-los"]}
            lots={overview.lotChoices.filter((l) => !l.cancelled)}
            values={values}
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
