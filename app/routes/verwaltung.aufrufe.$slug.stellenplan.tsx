import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumbs } from "../components/breadcrumbs";
import { StaffingChart } from "../components/staffing-chart";
import { CarrierTable, PlanTotals, RegionTable, RoleTable } from "../components/staffing-summary";
import { formatDate, formatDateTime } from "../i18n/format";
import type { Locale, MessageKey, Translate } from "../i18n";
import { getTranslator } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { notFound } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";
import type { KeyCheck, RegionPlan, TandemCheck } from "../staffing/plan";
import { carriersText, figuresText, fteText, oneDecimal, percentText, signedFteText } from "../staffing/plan-text";
import { computeStaffingPlan, loadStaffingPlan } from "../staffing/plans.server";

export const meta: MetaFunction = () => [{ title: "Stellenplan" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  return loadStaffingPlan(call.id, { now: now() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const call = loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const form = await request.formData();
  if (form.get("intent") !== "recompute") return data({ error: "Unbekannte Aktion" }, { status: 400 });
  const { t, locale } = await getTranslator(request);
  try {
    computeStaffingPlan({ callId: call.id, trigger: "manual", userId: user.id, now: now() });
  } catch (error) {
    if (error instanceof DomainError && error.code === "INVALID") return data({ error: refusalMessage(error, t, locale) }, { status: 400 });
    throw error;
  }
  return redirect(`/verwaltung/aufrufe/${call.slug}/stellenplan?neu=1`);
}

function keyText(k: KeyCheck, t: Translate, locale: Locale) {
  const group = t(`staffing.groupShort.${k.targetGroup}` as MessageKey);
  return k.clientsPerFteReached === null
    ? t("staffing.plan.keyNoStaff", { group, key: k.keyClientsPerFte })
    : t("staffing.plan.key", { group, reached: oneDecimal(k.clientsPerFteReached, locale), key: k.keyClientsPerFte });
}

function tandemText(x: TandemCheck, region: Pick<RegionPlan, "roles">, t: Translate) {
  const roles = x.roleCodes.map((c) => region.roles.find((r) => r.roleCode === c)?.roleName ?? c).join(" : ");
  return x.ratio ? t("staffing.plan.tandem", { roles, ratio: x.ratio }) : t("staffing.plan.tandemNone", { roles });
}

const num = "kern-table__cell kern-table__cell--numeric";
const numHead = "kern-table__header kern-table__header--numeric";

export default function StaffingPlanPage() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, locale } = useTranslation();
  const { call, current, previous, difference, problem, history } = view;
  const base = `/verwaltung/aufrufe/${call.slug}`;
  return (
    <div className="stack">
      <Breadcrumbs
        items={[
          { label: t("workspace.title"), to: "/verwaltung" },
          { label: call.title, to: base },
          { label: t("staffing.plan.title") },
        ]}
      />
      <h1 className="kern-heading-x-large">{t("staffing.plan.title")}</h1>
      <p className="kern-body">{t("staffing.plan.intro")}</p>

      {search.get("neu") && !result ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--success" aria-hidden="true" />
            <h2 className="kern-title">{t("staffing.plan.recomputed")}</h2>
          </div>
        </div>
      ) : null}
      {result?.error || problem ? (
        <div className="kern-alert kern-alert--danger" role="alert">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <h2 className="kern-title">{t("staffing.plan.problem", { problem: result?.error ?? (problem ? refusalMessage(problem, t, locale) : "") })}</h2>
          </div>
          <div className="kern-alert__body">
            <Link className="kern-link" to={`${base}/fallzahlen`}>
              {t("staffing.plan.enterFigures")}
            </Link>
          </div>
        </div>
      ) : null}

      {current ? (
        <>
          <p className="kern-body">
            {t("staffing.plan.meta", {
              date: formatDateTime(new Date(current.computedAt), locale),
              trigger: t(`staffing.trigger.${current.trigger}` as MessageKey),
              asOf: current.figuresAsOf ? formatDate(new Date(current.figuresAsOf), locale) : "–",
            })}{" "}
            {current.computedBy ? t("staffing.plan.metaBy", { user: current.computedBy }) : null}
          </p>
          {current.id === null ? <p className="kern-body kern-body--bold">{t("staffing.plan.live")}</p> : null}
        </>
      ) : null}

      <div className="button-row">
        <Form method="post">
          <input type="hidden" name="intent" value="recompute" />
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("staffing.plan.recompute")}</span>
          </button>
        </Form>
        <Link className="kern-link" to={`${base}/fallzahlen`}>
          {t("staffing.links.figures")}
        </Link>
      </div>

      {current ? (
        <>
          <section aria-labelledby="downloads">
            <h2 id="downloads" className="kern-heading-medium">
              {t("staffing.plan.exports")}
            </h2>
            <ul className="kern-list">
              <li>
                <a className="kern-link" href={`${base}/stellenplan.csv`} download>
                  {t("staffing.plan.csv")}
                </a>
              </li>
              <li>
                <a className="kern-link" href={`${base}/stellenplan.pdf`} download>
                  {t("staffing.plan.pdf")}
                </a>
              </li>
            </ul>
          </section>

          <section aria-labelledby="hinweise" className="stack">
            <h2 id="hinweise" className="kern-heading-large">
              {t("staffing.plan.warnings")}
            </h2>
            {current.plan.warnings.length === 0 ? (
              <p className="kern-body">{t("staffing.plan.noWarnings")}</p>
            ) : (
              <ul className="kern-list">
                {current.plan.warnings.map((w, i) => (
                  <li key={i}>
                    <strong>{t(`staffing.warning.${w.kind}` as MessageKey)}:</strong> {w.message}
                  </li>
                ))}
              </ul>
            )}
            <p className="kern-body--small">{t("staffing.plan.tolerances", { key: current.plan.tolerances.keyPercent, tandem: current.plan.tolerances.tandemPercentPoints })}</p>
          </section>

          <section aria-labelledby="stadt" className="stack">
            <h2 id="stadt" className="kern-heading-large">
              {t("staffing.plan.city")}
            </h2>
            <p className="kern-body">{t("staffing.plan.figures", { figures: figuresText(current.plan.city.figures, t, locale) })}</p>
            <PlanTotals totals={current.plan.city} />
            <RoleTable roles={current.plan.city.roles} caption={t("staffing.plan.cityCaption")} id="stadt-rollen" />
            <ul className="kern-list">
              {current.plan.city.keys.map((k) => (
                <li key={k.targetGroup}>{keyText(k, t, locale)}</li>
              ))}
            </ul>
            <RegionTable plan={current.plan} id="stadt-regionen" />
            <StaffingChart plan={current.plan} />
          </section>

          {current.plan.regions.map((region) => (
            <section key={region.regionCode} aria-labelledby={`region-${region.regionCode}`} className="stack">
              <h2 id={`region-${region.regionCode}`} className="kern-heading-large">
                {region.regionName}
              </h2>
              <p className="kern-body">{t("staffing.plan.figures", { figures: figuresText(region.figures, t, locale) })}</p>
              <PlanTotals totals={region} />
              <RoleTable roles={region.roles} caption={t("staffing.plan.regionCaption", { region: region.regionName })} id={`region-${region.regionCode}-rollen`} />
              <ul className="kern-list">
                {region.keys.map((k) => (
                  <li key={k.targetGroup}>{keyText(k, t, locale)}</li>
                ))}
                {region.tandems.map((x) => (
                  <li key={x.roleCodes.join("-")}>{tandemText(x, region, t)}</li>
                ))}
              </ul>
            </section>
          ))}

          <section aria-labelledby="lose" className="stack">
            <h2 id="lose" className="kern-heading-large">
              {t("staffing.plan.lots")}
            </h2>
            <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="lose-tabelle">
              <table className="kern-table kern-table--small">
                <caption id="lose-tabelle">{t("staffing.plan.lotsCaption")}</caption>
                <thead className="kern-table__header">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">
                      {t("staffing.col.lot")}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t("staffing.col.trail")}
                    </th>
                    <th scope="col" className={numHead}>
                      {t("staffing.col.required")}
                    </th>
                    <th scope="col" className={numHead}>
                      {t("staffing.col.contracted")}
                    </th>
                    <th scope="col" className={numHead}>
                      {t("staffing.col.gap")}
                    </th>
                    <th scope="col" className={numHead}>
                      {t("staffing.col.coverage")}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t("staffing.col.carriers")}
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {current.plan.lots.map((l) => (
                    <tr key={l.lotId} className="kern-table__row">
                      <th scope="row" className="kern-table__cell">
                        {t("staffing.col.lot")} {l.number}: {l.regionName}, {l.roleName}
                      </th>
                      <td className="kern-table__cell">{current.trails[l.lotId] ?? "–"}</td>
                      <td className={num}>{fteText(l.requiredHundredths, locale)}</td>
                      <td className={num}>{fteText(l.contractedHundredths, locale)}</td>
                      <td className={num}>{fteText(l.gapHundredths, locale)}</td>
                      <td className={num}>{percentText(l.coveragePercent, locale)}</td>
                      <td className="kern-table__cell">{carriersText(l, current.carrierNames, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="traeger" className="stack">
            <h2 id="traeger" className="kern-heading-large">
              {t("staffing.plan.carriers")}
            </h2>
            <CarrierTable snapshot={current} id="traeger-tabelle" />
          </section>

          <section aria-labelledby="veraenderung" className="stack">
            <h2 id="veraenderung" className="kern-heading-large">
              {t("staffing.plan.difference")}
            </h2>
            {!previous || !difference ? (
              <p className="kern-body">{t("staffing.plan.noPrevious")}</p>
            ) : (
              <>
                <p className="kern-body">
                  {t(previous.id === null ? "staffing.plan.differenceLiveIntro" : "staffing.plan.differenceIntro", {
                    date: formatDateTime(new Date(previous.computedAt), locale),
                    trigger: t(`staffing.trigger.${previous.trigger}` as MessageKey),
                    more: fteText(difference.moreHundredths, locale),
                    fewer: fteText(difference.fewerHundredths, locale),
                    net: signedFteText(difference.netHundredths, locale),
                  })}
                </p>
                {difference.changes.length === 0 ? (
                  <p className="kern-body">{t("staffing.plan.noDifference")}</p>
                ) : (
                  <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="veraenderung-tabelle">
                    <table className="kern-table kern-table--small">
                      <caption id="veraenderung-tabelle">{t("staffing.plan.difference")}</caption>
                      <thead className="kern-table__header">
                        <tr className="kern-table__row">
                          <th scope="col" className="kern-table__header">
                            {t("staffing.col.lot")}
                          </th>
                          <th scope="col" className="kern-table__header">
                            {t("staffing.col.change")}
                          </th>
                          <th scope="col" className={numHead}>
                            {t("staffing.col.before")}
                          </th>
                          <th scope="col" className={numHead}>
                            {t("staffing.col.after")}
                          </th>
                          <th scope="col" className={numHead}>
                            {t("staffing.col.delta")}
                          </th>
                          <th scope="col" className={numHead}>
                            {t("staffing.col.contracted")}
                          </th>
                          <th scope="col" className={numHead}>
                            {t("staffing.col.gapAfter")}
                          </th>
                        </tr>
                      </thead>
                      <tbody className="kern-table__body">
                        {difference.changes.map((c) => {
                          const lot = current.plan.lots.find((l) => l.lotId === c.lotId) ?? previous.plan.lots.find((l) => l.lotId === c.lotId);
                          return (
                            <tr key={c.lotId} className="kern-table__row">
                              <th scope="row" className="kern-table__cell">
                                {t("staffing.col.lot")} {c.number}
                                {lot ? `: ${lot.regionName}, ${lot.roleName}` : ""}
                              </th>
                              <td className="kern-table__cell">{t(`staffing.direction.${c.direction}` as MessageKey)}</td>
                              <td className={num}>{c.requiredBefore === null ? "–" : fteText(c.requiredBefore, locale)}</td>
                              <td className={num}>{c.requiredAfter === null ? "–" : fteText(c.requiredAfter, locale)}</td>
                              <td className={num}>{signedFteText(c.deltaRequiredHundredths, locale)}</td>
                              <td className={num}>{c.contractedAfter === null ? "–" : fteText(c.contractedAfter, locale)}</td>
                              <td className={num}>{signedFteText(c.gapAfterHundredths, locale)}</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                )}
              </>
            )}
          </section>
        </>
      ) : null}

      <section aria-labelledby="plan-verlauf" className="stack">
        <h2 id="plan-verlauf" className="kern-heading-large">
          {t("staffing.plan.history")}
        </h2>
        {history.length === 0 ? (
          <p className="kern-body">{t("staffing.plan.noPrevious")}</p>
        ) : (
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="plan-verlauf-tabelle">
            <table className="kern-table kern-table--small">
              <caption id="plan-verlauf-tabelle">{t("staffing.plan.historyCaption")}</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t("staffing.col.computedAt")}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t("staffing.col.trigger")}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t("staffing.col.asOf")}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t("staffing.col.by")}
                  </th>
                  <th scope="col" className={numHead}>
                    {t("staffing.col.required")}
                  </th>
                  <th scope="col" className={numHead}>
                    {t("staffing.col.contracted")}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {history.map((h) => (
                  <tr key={h.id} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {formatDateTime(new Date(h.computedAt), locale)}
                    </th>
                    <td className="kern-table__cell">{t(`staffing.trigger.${h.trigger}` as MessageKey)}</td>
                    <td className="kern-table__cell">{h.figuresAsOf ? formatDate(new Date(h.figuresAsOf), locale) : "–"}</td>
                    <td className="kern-table__cell">{h.computedBy ?? "–"}</td>
                    <td className={num}>{fteText(h.requiredHundredths, locale)}</td>
                    <td className={num}>{fteText(h.contractedHundredths, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
