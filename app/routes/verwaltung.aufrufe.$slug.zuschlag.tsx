import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "../components/breadcrumbs";
import { describedBy, ErrorSummary, FieldMessages, TextArea } from "../components/form";
import type { MessageKey } from "../i18n";
import { parseBerlinLocal, toBerlinLocalInput } from "../i18n/berlin-time";
import { formatDateTime, formatNumber } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors, refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues, translateIssues } from "../infra/forms.server";
import { notFound, publicBaseUrl, toResponse } from "../infra/http.server";
import { awardContracts, sendPreInformation } from "../award/award-decision.server";
import { recordComplaint, resolveComplaint } from "../award/complaints.server";
import { awardOverview } from "../award/overview.server";
import { approveAwardProposal, changeAwardProposal, proposeAward } from "../award/proposal.server";
import { callIdBySlug } from "../procurement/call-admin.server";
import { MAX_REASON_CHARS, MIN_REASON_CHARS } from "../award/reasons";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Zuschlag – ${data.overview.call.title}` : "Zuschlag" }];

// The officers' award page of one call (Zuschlagsvorschlag → Freigabe → Vorabinformation →
// Wartefrist → Zuschlag): thin; the rules live in app/award (proposal, award-decision,
// complaints, overview; which step a status allows: steps.ts).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const callId = callIdBySlug(params.slug ?? "");
  if (!callId) notFound();
  const now = serverNow();
  try {
    return { overview: awardOverview({ officerUserId: user.id, callId, now }), nowInput: toBerlinLocalInput(now) };
  } catch (error) {
    return toResponse(error, request);
  }
}

const reason = (missing: string) => z.string().trim().min(MIN_REASON_CHARS, missing).max(MAX_REASON_CHARS, "award.form.reasonTooLong");
const fteField = (key: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,3}([.,]\d{1,2})?$/, "award.form.fteInvalid")
    .transform((v) => Math.round(Number(v.replace(",", ".")) * 100));

const changeKey = (lotId: string, submissionId: string) => `${lotId}_${submissionId}`;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const callId = callIdBySlug(params.slug ?? "");
  if (!callId) notFound();
  const values = formValues(await request.formData());
  const back = `/verwaltung/aufrufe/${params.slug ?? ""}/zuschlag`;
  const now = serverNow();
  const invalid = (issues: z.ZodIssue[]) => data({ errors: translateIssues(issues, t), values }, { status: 400 });
  // Domain refusals in the reader's language, next to `field` unless they name their own.
  const refused = (error: unknown, field = "_form") => {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale, field), values }, { status: error.code === "INVALID" ? 400 : 409 });
    }
    return toResponse(error, request);
  };
  switch (values.intent) {
    case "propose":
      try {
        proposeAward({ officerUserId: user.id, callId, now });
        return redirect(`${back}?vorgeschlagen=1`);
      } catch (error) {
        return refused(error);
      }
    case "change": {
      const key = changeKey(values.lotId ?? "", values.submissionId ?? "");
      const parsed = z.object({ [`vzae-${key}`]: fteField(key), [`begruendung-${key}`]: reason("award.form.changeReasonMissing") }).safeParse(values);
      if (!parsed.success) return invalid(parsed.error.issues);
      try {
        changeAwardProposal({
          officerUserId: user.id,
          callId,
          lotId: values.lotId ?? "",
          submissionId: values.submissionId ?? "",
          fteHundredths: parsed.data[`vzae-${key}`] as number,
          reason: parsed.data[`begruendung-${key}`] as string,
          now,
        });
        return redirect(`${back}?geaendert=1#los-${values.lotId}`);
      } catch (error) {
        return refused(error, `vzae-${key}`);
      }
    }
    case "approve":
      try {
        approveAwardProposal({ officerUserId: user.id, callId, now });
        return redirect(`${back}?freigegeben=1`);
      } catch (error) {
        return refused(error);
      }
    case "preinform":
      try {
        await sendPreInformation({ officerUserId: user.id, callId, now, baseUrl: publicBaseUrl(request) });
        return redirect(`${back}?vorabinformiert=1`);
      } catch (error) {
        return refused(error);
      }
    case "complaint": {
      const parsed = z
        .object({
          "ruege-traeger": z.string().optional().transform((v) => v || null),
          "ruege-los": z.string().optional().transform((v) => v || null),
          "ruege-eingang": z
            .string()
            .transform((v) => parseBerlinLocal(v))
            .refine((d): d is Date => d !== null, "award.form.receivedInvalid"),
          "ruege-inhalt": reason("award.form.complaintMissing"),
        })
        .safeParse(values);
      if (!parsed.success) return invalid(parsed.error.issues);
      try {
        recordComplaint({
          officerUserId: user.id,
          callId,
          organisationId: parsed.data["ruege-traeger"],
          lotId: parsed.data["ruege-los"],
          receivedAt: parsed.data["ruege-eingang"] as Date,
          summary: parsed.data["ruege-inhalt"],
          now,
        });
        return redirect(`${back}?ruege=1#ruegen`);
      } catch (error) {
        return refused(error, "ruege-inhalt");
      }
    }
    case "resolve": {
      const field = `erledigung-${values.complaintId ?? ""}`;
      const parsed = z.object({ [field]: reason("award.form.resolutionMissing") }).safeParse(values);
      if (!parsed.success) return invalid(parsed.error.issues);
      try {
        resolveComplaint({ officerUserId: user.id, complaintId: values.complaintId ?? "", resolution: parsed.data[field] as string, now });
        return redirect(`${back}?erledigt=1#ruegen`);
      } catch (error) {
        return refused(error, field);
      }
    }
    case "award":
      try {
        await awardContracts({ officerUserId: user.id, callId, now, baseUrl: publicBaseUrl(request) });
        return redirect(`${back}?zuschlag=1`);
      } catch (error) {
        return refused(error, "zuschlag");
      }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

// ---------------------------------------------------------------------------------------

type Overview = Awaited<ReturnType<typeof loader>>["overview"];
type Errors = Record<string, string | undefined>;
type Values = Record<string, string> | undefined;

const NOTICES = [
  ["vorgeschlagen", "award.done.proposed"],
  ["geaendert", "award.done.changed"],
  ["freigegeben", "award.done.approved"],
  ["vorabinformiert", "award.done.preInformed"],
  ["ruege", "award.done.complaint"],
  ["erledigt", "award.done.resolved"],
  ["zuschlag", "award.done.awarded"],
] as const;

function Fte({ hundredths }: { hundredths: number }) {
  const { locale } = useTranslation();
  return <>{formatNumber(hundredths / 100, locale, 2)}</>;
}

function ChangeForm({ lotId, bid, errors, values }: { lotId: string; bid: Overview["lots"][number]["bids"][number]; errors: Errors; values: Values }) {
  const { t, locale } = useTranslation();
  const key = changeKey(lotId, bid.submissionId);
  const fte = `vzae-${key}`;
  const id = `feld-${fte}`;
  return (
    <details open={Boolean(errors[fte] || errors[`begruendung-${key}`])}>
      <summary className="kern-link">{t("award.change.open", { organisation: bid.organisationName })}</summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="change" />
        <input type="hidden" name="lotId" value={lotId} />
        <input type="hidden" name="submissionId" value={bid.submissionId} />
        <div className={`kern-form-input${errors[fte] ? " kern-form-input--error" : ""}`}>
          <label className="kern-label" htmlFor={id}>
            {t("award.change.fte", { organisation: bid.organisationName })}
          </label>
          <FieldMessages id={id} hint={t("award.change.fteHint", { offered: formatNumber(bid.offeredHundredths / 100, locale, 2) })} error={errors[fte]} />
          <input
            id={id}
            name={fte}
            inputMode="decimal"
            className={`kern-form-input__input${errors[fte] ? " kern-form-input__input--error" : ""}`}
            defaultValue={values?.[fte] ?? formatNumber(bid.fteHundredths / 100, "de", 2)}
            aria-invalid={errors[fte] ? true : undefined}
            aria-describedby={describedBy(id, "hint", errors[fte])}
          />
        </div>
        <TextArea
          name={`begruendung-${key}`}
          label={t("award.change.reason", { organisation: bid.organisationName })}
          hint={t("award.change.reasonHint", { min: MIN_REASON_CHARS })}
          defaultValue={values?.[`begruendung-${key}`]}
          error={errors[`begruendung-${key}`]}
          rows={3}
        />
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t("award.change.submit")}</span>
        </button>
      </Form>
    </details>
  );
}

function LotSection({ lot, editable, errors, values }: { lot: Overview["lots"][number]; editable: boolean; errors: Errors; values: Values }) {
  const { t } = useTranslation();
  return (
    <section id={`los-${lot.lotId}`} aria-labelledby={`titel-${lot.lotId}`} className="stack">
      <h3 id={`titel-${lot.lotId}`} className="kern-heading-medium">
        {lot.label}
      </h3>
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("award.lot.required")}</dt>
          <dd className="kern-description-list-item__value">
            <Fte hundredths={lot.requiredHundredths} /> {t("award.unit")} <span className="kern-body--small">({lot.trail})</span>
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("award.lot.allocated")}</dt>
          <dd className="kern-description-list-item__value">
            <Fte hundredths={lot.awardedHundredths} /> {t("award.unit")}
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("award.lot.uncovered")}</dt>
          <dd className="kern-description-list-item__value">
            {lot.uncoveredHundredths > 0 ? (
              <strong>
                <Fte hundredths={lot.uncoveredHundredths} /> {t("award.unit")}
              </strong>
            ) : (
              t("award.lot.covered")
            )}
          </dd>
        </div>
      </dl>
      {lot.bids.length === 0 ? (
        <p className="kern-body">{t("award.lot.noBids")}</p>
      ) : (
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={`rangfolge-${lot.lotId}`}>
          <table className="kern-table">
            <caption id={`rangfolge-${lot.lotId}`}>{t("award.lot.caption", { lot: lot.label })}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("award.col.rank")}</th>
                <th scope="col" className="kern-table__header">{t("award.col.carrier")}</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("award.col.offered")}</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("award.col.allocated")}</th>
                <th scope="col" className="kern-table__header">{t("award.col.reason")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {lot.bids.map((b) => (
                <tr key={b.submissionId} className="kern-table__row">
                  <td className="kern-table__cell kern-table__cell--numeric">{b.rank}</td>
                  <td className="kern-table__cell">{b.organisationName}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    <Fte hundredths={b.offeredHundredths} />
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    <Fte hundredths={b.fteHundredths} />
                  </td>
                  <td className="kern-table__cell">
                    {b.reason}
                    {b.changeReason ? (
                      <>
                        <br />
                        <strong>{t("award.lot.changed", { proposed: formatNumber(b.proposedHundredths / 100, "de", 2), reason: b.changeReason })}</strong>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable ? lot.bids.map((b) => <ChangeForm key={b.submissionId} lotId={lot.lotId} bid={b} errors={errors} values={values} />) : null}
    </section>
  );
}

function Complaints({ overview, errors, values, nowInput }: { overview: Overview; errors: Errors; values: Values; nowInput: string }) {
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

function Step({ intent, label, errorField, errors }: { intent: string; label: string; errorField?: string; errors: Errors }) {
  const id = errorField ? `feld-${errorField}` : undefined;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value={intent} />
      {errorField && errors[errorField] ? (
        <p id={`${id}-fehler`} className="kern-error">
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{errors[errorField]}</span>
        </p>
      ) : null}
      <div>
        <button id={id} type="submit" className="kern-btn kern-btn--primary" aria-describedby={errorField && errors[errorField] ? `${id}-fehler` : undefined}>
          <span className="kern-label">{label}</span>
        </button>
      </div>
    </Form>
  );
}

export default function AwardPage() {
  const { overview, nowInput } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useTranslation();
  const errors: Errors = result?.errors ?? {};
  const values: Values = result?.values;
  const hub = `/verwaltung/aufrufe/${overview.call.slug}`;
  const p = overview.procedure;
  const steps = overview.steps;
  return (
    <div className="stack">
      <Breadcrumbs items={[{ label: t("workspace.title"), to: "/verwaltung" }, { label: overview.call.title, to: hub }, { label: t("award.title") }]} />
      <h1 className="kern-heading-x-large">{t("award.title")}</h1>
      {NOTICES.map(([param, key]) =>
        params.get(param) ? (
          <div key={param} className="kern-alert kern-alert--success" role="status">
            <div className="kern-alert__body">
              <p className="kern-body kern-body--bold">{t(key)}</p>
            </div>
          </div>
        ) : null,
      )}
      <ErrorSummary errors={errors} fieldOrder={["_form", "zuschlag"]} />
      <p className="kern-body">{t("award.intro")}</p>
      {overview.call.status === "cancelled" ? (
        <p className="kern-body kern-body--bold">{t("award.cancelled", { reason: overview.call.cancellationReason ?? "" })}</p>
      ) : null}

      <section aria-labelledby="titel-stand" className="stack">
        <h2 id="titel-stand" className="kern-heading-large">
          {t("award.state.title")}
        </h2>
        {!p ? (
          <>
            <p className="kern-body">{t("award.state.none")}</p>
            {overview.blockers.length ? (
              <>
                <p className="kern-body kern-body--bold">{t("award.state.blocked")}</p>
                <ul className="kern-list">
                  {overview.blockers.map((b) => refusalMessage(b, t, locale)).map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : (
          <dl className="kern-description-list">
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("award.state.status")}</dt>
              <dd className="kern-description-list-item__value">{t(`award.status.${p.status}` as MessageKey)}</dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("award.state.figuresAsOf")}</dt>
              <dd className="kern-description-list-item__value">{p.figuresAsOf ? formatDateTime(new Date(p.figuresAsOf), locale) : "–"}</dd>
            </div>
            {p.preInformedAt ? (
              <div className="kern-description-list-item">
                <dt className="kern-description-list-item__key">{t("award.state.preInformedAt")}</dt>
                <dd className="kern-description-list-item__value">{formatDateTime(new Date(p.preInformedAt), locale)}</dd>
              </div>
            ) : null}
            {p.earliestAwardAt ? (
              <div className="kern-description-list-item">
                <dt className="kern-description-list-item__key">{t("award.state.earliest")}</dt>
                <dd className="kern-description-list-item__value">
                  <time dateTime={new Date(p.earliestAwardAt).toISOString()}>{formatDateTime(new Date(p.earliestAwardAt), locale)}</time>
                  {p.remaining ? <> ({t("award.state.remaining", { days: p.remaining.days, hours: p.remaining.hours })})</> : null}
                </dd>
              </div>
            ) : null}
            {p.awardedAt ? (
              <div className="kern-description-list-item">
                <dt className="kern-description-list-item__key">{t("award.state.awardedAt")}</dt>
                <dd className="kern-description-list-item__value">{formatDateTime(new Date(p.awardedAt), locale)}</dd>
              </div>
            ) : null}
          </dl>
        )}
        {steps.propose ? <Step intent="propose" label={t(steps.propose === "recompute" ? "award.step.recompute" : "award.step.propose")} errors={errors} /> : null}
        {steps.approve ? <Step intent="approve" label={t("award.step.approve")} errors={errors} /> : null}
        {steps.preInform ? (
          <>
            <p className="kern-body">{t("award.step.preInformHint")}</p>
            <Step intent="preinform" label={t("award.step.preInform")} errors={errors} />
          </>
        ) : null}
        {steps.award && p ? (
          <>
            <p className="kern-body">{p.awardAllowedNow ? t("award.step.awardReady") : t("award.step.awardWait")}</p>
            <Step intent="award" label={t("award.step.award")} errorField="zuschlag" errors={errors} />
          </>
        ) : null}
      </section>

      {overview.lots.length ? (
        <section aria-labelledby="titel-lose" className="stack">
          <h2 id="titel-lose" className="kern-heading-large">
            {t("award.lots.title")}
          </h2>
          <p className="kern-body">
            {t(overview.call.allowLotSplit ? "award.lots.split" : "award.lots.noSplit")}{" "}
            {overview.call.maxLotsPerCarrier ? t("award.lots.cap", { cap: overview.call.maxLotsPerCarrier }) : t("award.lots.noCap")}
          </p>
          {overview.figures.length ? (
            <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="fallzahlen">
              <table className="kern-table">
                <caption id="fallzahlen">{t("award.figures.caption")}</caption>
                <thead className="kern-table__header">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">{t("award.figures.region")}</th>
                    <th scope="col" className="kern-table__header">{t("award.figures.group")}</th>
                    <th scope="col" className="kern-table__header kern-table__header--numeric">{t("award.figures.count")}</th>
                    <th scope="col" className="kern-table__header">{t("award.figures.asOf")}</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {overview.figures.map((f) => (
                    <tr key={`${f.regionCode}-${f.targetGroup}`} className="kern-table__row">
                      <td className="kern-table__cell">{f.regionName}</td>
                      <td className="kern-table__cell">{t(`award.figures.${f.targetGroup}` as MessageKey)}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(f.count, locale)}</td>
                      <td className="kern-table__cell">{formatDateTime(new Date(f.asOf), locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {overview.lots.map((l) => (
            <LotSection key={l.lotId} lot={l} editable={steps.changeProposal} errors={errors} values={values} />
          ))}
          {overview.excluded.length ? (
            <>
              <h3 className="kern-heading-medium">{t("award.excluded.title")}</h3>
              <ul className="kern-list">
                {overview.excluded.map((x) => (
                  <li key={`${x.submissionId}-${x.lotId ?? ""}`}>
                    {t(x.lotNumber === null ? "award.excluded.whole" : "award.excluded.lot", { organisation: x.organisationName, lot: x.lotNumber ?? "", reason: x.reason })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {steps.showComplaints ? <Complaints overview={overview} errors={errors} values={values} nowInput={nowInput} /> : null}

      <section aria-labelledby="titel-schreiben" className="stack">
        <h2 id="titel-schreiben" className="kern-heading-large">
          {t("award.letters.title")}
        </h2>
        {overview.notices.length === 0 ? (
          <p className="kern-body">{t("award.letters.none")}</p>
        ) : (
          <ul className="kern-list">
            {overview.notices.map((n) => (
              <li key={n.id}>
                {t(`award.kind.${n.kind}` as MessageKey)} – {n.organisationName ?? "–"} – {formatDateTime(new Date(n.sentAt), locale)}
                {n.fileId ? (
                  <>
                    {" "}
                    (<a className="kern-link" href={`/dateien/${n.fileId}`}>{t("award.letters.pdf")}</a>)
                  </>
                ) : null}
                <details>
                  <summary className="kern-link">{t("award.letters.text")}</summary>
                  <pre className="kern-body notice-text">{n.body}</pre>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>

      <p>
        <Link className="kern-link" to={`${hub}/aufhebung`}>
          {t("award.toCancellation")}
        </Link>
      </p>
    </div>
  );
}
