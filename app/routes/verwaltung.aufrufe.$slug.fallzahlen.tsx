import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumbs } from "../components/breadcrumbs";
import { ErrorSummary, FieldMessages, describedBy } from "../components/form";
import { berlinDay } from "../i18n/berlin-time";
import { formatDate, formatDateTime, formatNumber } from "../i18n/format";
import type { Locale, MessageKey, Translate } from "../i18n";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors, refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { notFound } from "../infra/http.server";
import type { TargetGroup } from "../infra/schema";
import { loadCallView } from "../procurement/calls.server";
import { clientFiguresHistory, latestClientFigures, recordClientFigures, type FigureInput } from "../staffing/client-figures.server";
import { CSV_TEMPLATE, decodeCsvBytes, MAX_CSV_BYTES, parseClientFiguresCsv, parseCount } from "../staffing/client-figures-csv.server";
import { TARGET_GROUPS as targetGroups } from "../staffing/plan-text";

export const meta: MetaFunction = () => [{ title: "Fallzahlen" }];

function loadCall(slug: string | undefined) {
  const call = loadCallView(slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  return call;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = loadCall(params.slug);
  return {
    call: { slug: call.slug, title: call.title },
    regions: call.regions.map(({ code, name }) => ({ code, name })),
    latest: latestClientFigures(call.id).byRegion,
    history: clientFiguresHistory(call.id),
    today: berlinDay(now()),
    maxCsv: `${formatNumber(MAX_CSV_BYTES / 1024 / 1024, "de")} MB`,
    csvTemplate: CSV_TEMPLATE,
  };
}

type ActionResult = { errors: Record<string, string>; values: Record<string, string>; csvErrors?: string[] };

const fieldName = (region: string, group: TargetGroup) => `anzahl-${region}-${group}`;

async function csvAction(request: Request, callId: string, regions: { code: string; name: string }[], userId: string, t: Translate, locale: Locale) {
  const fail = (errors: Record<string, string>, csvErrors?: string[]) => data<ActionResult>({ errors, values: {}, csvErrors }, { status: 400 });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return fail({ datei: t("staffing.error.fileSize", { max: `${MAX_CSV_BYTES / 1024 / 1024} MB` }) });
    // A truncated or malformed body (the upload broke off): nothing was read, ask again.
    return fail({ datei: t("staffing.error.file") });
  }
  const file = form.get("datei");
  if (!(file instanceof Blob) || file.size === 0) return fail({ datei: t("staffing.error.file") });
  const text = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  if (text === null) return fail({ datei: t("staffing.error.fileType") });
  const parsed = parseClientFiguresCsv(text, { regions });
  if (!parsed.ok) return fail({ datei: t("staffing.figures.csvRejected") }, parsed.errors.map((e) => refusalMessage(e, t, locale)));
  try {
    const result = recordClientFigures({
      callId,
      asOf: parsed.figures[0].asOf,
      figures: parsed.figures.map(({ regionCode, targetGroup, count, asOf, line }): FigureInput => ({ regionCode, targetGroup, count, asOf, line })),
      userId,
      source: "csv",
      now: now(),
    });
    return { result };
  } catch (error) {
    if (error instanceof DomainError && error.code === "INVALID") return fail({ datei: t("staffing.figures.csvRejected") }, [refusalMessage(error, t, locale)]);
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const call = loadCall(params.slug);
  const base = `/verwaltung/aufrufe/${call.slug}/fallzahlen`;
  const done = (result: ReturnType<typeof recordClientFigures>) => {
    const plan = result.plan === null ? "" : result.plan.id ? "&plan=neu" : "&plan=offen";
    return redirect(`${base}?gespeichert=${result.rows}${plan}`);
  };

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const outcome = await csvAction(request, call.id, call.regions, user.id, t, locale);
    return "result" in outcome ? done(outcome.result) : outcome;
  }

  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string") values[k] = v;
  const errors: Record<string, string> = {};
  const asOf = (values.stand ?? "").trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) errors.stand = t("staffing.error.asOf");
  const figures: FigureInput[] = [];
  for (const region of call.regions) {
    for (const group of targetGroups) {
      const name = fieldName(region.code, group);
      const raw = (values[name] ?? "").trim();
      if (raw === "") continue;
      const count = parseCount(raw);
      if (count === null) errors[name] = `${region.name}, ${t(`staffing.groupShort.${group}` as MessageKey)}: ${t("staffing.error.count")}`;
      else figures.push({ regionCode: region.code, targetGroup: group, count });
    }
  }
  if (figures.length === 0 && Object.keys(errors).every((k) => k === "stand")) errors._form = t("staffing.error.none");
  if (Object.keys(errors).length) return data<ActionResult>({ errors, values }, { status: 400 });
  try {
    return done(recordClientFigures({ callId: call.id, asOf, figures, userId: user.id, source: "form", now: now() }));
  } catch (error) {
    if (error instanceof DomainError && error.code === "INVALID") {
      return data<ActionResult>({ errors: refusalErrors(error, t, locale), values }, { status: 400 });
    }
    throw error;
  }
}

export default function ClientFiguresPage() {
  const { call, regions, latest, history, today, maxCsv, csvTemplate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [search] = useSearchParams();
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values = result?.values ?? {};
  const saved = search.get("gespeichert");
  const planState = search.get("plan");
  const fieldOrder = ["_form", "stand", ...regions.flatMap((r) => targetGroups.map((g) => fieldName(r.code, g))), "datei"];
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const hasLatest = Object.keys(latest).length > 0;
  return (
    <div className="stack">
      <Breadcrumbs
        items={[
          { label: t("workspace.title"), to: "/verwaltung" },
          { label: call.title, to: `/verwaltung/aufrufe/${call.slug}` },
          { label: t("staffing.figures.title") },
        ]}
      />
      <h1 className="kern-heading-x-large">{t("staffing.figures.title")}</h1>
      <p className="kern-body">{t("staffing.figures.intro")}</p>

      {saved && !result ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--success" aria-hidden="true" />
            <h2 className="kern-title">{t("staffing.figures.saved", { count: saved })}</h2>
          </div>
          {planState ? (
            <div className="kern-alert__body">
              <p className="kern-body">
                {planState === "neu" ? t("staffing.figures.planUpdated") : t("staffing.figures.planProblem")}{" "}
                <Link className="kern-link" to={`/verwaltung/aufrufe/${call.slug}/stellenplan`}>
                  {t("staffing.links.plan")}
                </Link>
              </p>
            </div>
          ) : null}
        </div>
      ) : null}

      <ErrorSummary errors={errors} fieldOrder={fieldOrder} />
      {result?.csvErrors?.length ? (
        <div className="kern-alert kern-alert--danger" role="alert">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <h2 className="kern-title">{t("staffing.figures.csvRejected")}</h2>
          </div>
          <div className="kern-alert__body">
            <ul className="kern-list" id="csv-fehler">
              {result.csvErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}

      <section aria-labelledby="aktuell" className="stack">
        <h2 id="aktuell" className="kern-heading-large">
          {t("staffing.figures.current")}
        </h2>
        {!hasLatest ? (
          <p className="kern-body">{t("staffing.figures.none")}</p>
        ) : (
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="aktuell-tabelle">
            <table className="kern-table kern-table--small">
              <caption id="aktuell-tabelle">{t("staffing.figures.currentCaption")}</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t("staffing.figures.region")}
                  </th>
                  {targetGroups.map((g) => (
                    <th key={g} scope="col" className="kern-table__header kern-table__header--numeric">
                      {t(`staffing.group.${g}` as MessageKey)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {regions.map((r) => (
                  <tr key={r.code} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {r.name}
                    </th>
                    {targetGroups.map((g) => {
                      const f = latest[r.code]?.[g];
                      return (
                        <td key={g} className="kern-table__cell kern-table__cell--numeric">
                          {f ? (
                            <>
                              {formatNumber(f.count, locale)}
                              <br />
                              <span className="kern-body--small">
                                {t("staffing.figures.asOfCol")} {formatDate(new Date(f.asOf), locale)}
                              </span>
                            </>
                          ) : (
                            "–"
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="eingeben" className="stack">
        <h2 id="eingeben" className="kern-heading-large">
          {t("staffing.figures.form")}
        </h2>
        <Form method="post" noValidate className="stack form-page">
          <p className="kern-hint">{t("staffing.figures.formHint")}</p>
          <div className={`kern-form-input${errors.stand ? " kern-form-input--error" : ""}`}>
            <label className="kern-label" htmlFor="feld-stand">
              {t("staffing.figures.asOf")}
            </label>
            <FieldMessages id="feld-stand" hint={t("staffing.figures.asOfHint")} error={errors.stand} />
            <input
              id="feld-stand"
              name="stand"
              type="date"
              className={`kern-form-input__input${errors.stand ? " kern-form-input__input--error" : ""}`}
              defaultValue={values.stand ?? today}
              max={today}
              aria-invalid={errors.stand ? true : undefined}
              aria-describedby={describedBy("feld-stand", t("staffing.figures.asOfHint"), errors.stand)}
            />
          </div>
          {regions.map((r) => (
            <fieldset key={r.code} className="kern-fieldset">
              <legend className="kern-label">{r.name}</legend>
              <div className="kern-fieldset__body stack">
                {targetGroups.map((g) => {
                  const name = fieldName(r.code, g);
                  const id = `feld-${name}`;
                  const current = latest[r.code]?.[g];
                  const hint = current ? `${t("staffing.figures.asOfCol")} ${formatDate(new Date(current.asOf), locale)}: ${formatNumber(current.count, locale)}` : undefined;
                  return (
                    <div key={g} className={`kern-form-input${errors[name] ? " kern-form-input--error" : ""}`}>
                      <label className="kern-label" htmlFor={id}>
                        {t(`staffing.group.${g}` as MessageKey)}
                      </label>
                      <FieldMessages id={id} hint={hint} error={errors[name]} />
                      <input
                        id={id}
                        name={name}
                        type="text"
                        inputMode="numeric"
                        autoComplete="off"
                        className={`kern-form-input__input${errors[name] ? " kern-form-input__input--error" : ""}`}
                        defaultValue={values[name] ?? ""}
                        aria-invalid={errors[name] ? true : undefined}
                        aria-describedby={describedBy(id, hint, errors[name])}
                      />
                    </div>
                  );
                })}
              </div>
            </fieldset>
          ))}
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("staffing.figures.save")}</span>
          </button>
        </Form>
      </section>

      <section aria-labelledby="csv" className="stack">
        <h2 id="csv" className="kern-heading-large">
          {t("staffing.figures.csv")}
        </h2>
        <Form method="post" encType="multipart/form-data" noValidate className="stack form-page">
          <div className={`kern-form-input${errors.datei ? " kern-form-input--error" : ""}`}>
            <label className="kern-label" htmlFor="feld-datei">
              {t("staffing.figures.csvFile")}
            </label>
            <FieldMessages id="feld-datei" hint={t("staffing.figures.csvHint", { max: maxCsv })} error={errors.datei} />
            <input
              id="feld-datei"
              name="datei"
              type="file"
              accept=".csv,text/csv,text/plain"
              className="kern-form-input__input"
              aria-invalid={errors.datei ? true : undefined}
              aria-describedby={[describedBy("feld-datei", t("staffing.figures.csvHint", { max: maxCsv }), errors.datei), result?.csvErrors?.length ? "csv-fehler" : null].filter(Boolean).join(" ")}
            />
          </div>
          <p className="kern-body--small">{t("staffing.figures.template")}</p>
          <pre className="kern-body--small">{csvTemplate}</pre>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("staffing.figures.upload")}</span>
          </button>
        </Form>
      </section>

      <section aria-labelledby="verlauf" className="stack">
        <h2 id="verlauf" className="kern-heading-large">
          {t("staffing.figures.history")}
        </h2>
        {history.length === 0 ? <p className="kern-body">{t("staffing.figures.none")}</p> : null}
        {history.map((b) => (
          <details key={b.batchId}>
            <summary className="kern-body">
              {t("staffing.figures.historyEntry", {
                date: formatDateTime(new Date(b.enteredAt), locale),
                count: b.figures.length,
                source: b.source ? t(`staffing.source.${b.source}` as MessageKey) : "–",
                user: b.enteredBy ?? "–",
              })}
            </summary>
            <ul className="kern-list">
              {b.figures.map((f) => (
                <li key={`${f.regionCode}-${f.targetGroup}-${f.asOf}`}>
                  {regionName.get(f.regionCode) ?? f.regionCode}, {t(`staffing.groupShort.${f.targetGroup}` as MessageKey)}: {formatNumber(f.count, locale)} ({t("staffing.figures.asOfCol")}{" "}
                  {formatDate(new Date(f.asOf), locale)})
                </li>
              ))}
            </ul>
          </details>
        ))}
      </section>
    </div>
  );
}
