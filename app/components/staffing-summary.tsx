// The city-wide staffing plan for everyone: required vs contracted FTE per role and per
// region, the carriers with their FTE, and the chart. Used by the public result page
// (/aufrufe/:slug/ergebnis) and by the officers' plan page. Shows no carrier data beyond
// names and FTE. Pass the output of loadStaffingPlan (app/staffing/plans.server.ts),
// for public pages through publicStaffingView().
import { formatDate, formatDateTime } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import type { RoleLine, StaffingPlan } from "../staffing/plan";
import { fteText, oneDecimal, percentText } from "../staffing/plan-text";
import type { PlanSnapshot, StaffingPlanView } from "../staffing/plans.server";
import { StaffingChart } from "./staffing-chart";

export type StaffingSummaryProps = {
  /** loadStaffingPlan(callId) (JSON-serialised by the loader is fine). */
  view: Pick<StaffingPlanView, "current">;
  /** Level of the section heading; sub-headings are one below. Default 2. */
  headingLevel?: 2 | 3;
  idPrefix?: string;
};

export function StaffingSummary({ view, headingLevel = 2, idPrefix = "stellenplan-stadt" }: StaffingSummaryProps) {
  const { t, locale } = useTranslation();
  const H = `h${headingLevel}` as "h2" | "h3";
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";
  const current = view.current;
  return (
    <section aria-labelledby={`${idPrefix}-ueberschrift`} className="stack">
      <H id={`${idPrefix}-ueberschrift`} className={headingLevel === 2 ? "kern-heading-large" : "kern-heading-medium"}>
        {t("staffing.summary.title")}
      </H>
      {!current ? (
        <p className="kern-body">{t("staffing.summary.none")}</p>
      ) : (
        <>
          <p className="kern-body">{t("staffing.summary.intro")}</p>
          <p className="kern-body--small">
            {t("staffing.summary.asOf", {
              asOf: current.figuresAsOf ? formatDate(new Date(current.figuresAsOf), locale) : "–",
              date: formatDateTime(new Date(current.computedAt), locale),
            })}
          </p>
          <PlanTotals totals={current.plan.city} />
          <RoleTable roles={current.plan.city.roles} caption={t("staffing.plan.cityCaption")} id={`${idPrefix}-rollen`} />
          <Sub className="kern-heading-small">{t("staffing.summary.regions")}</Sub>
          <RegionTable plan={current.plan} id={`${idPrefix}-regionen`} />
          <Sub className="kern-heading-small">{t("staffing.plan.carriers")}</Sub>
          <CarrierTable snapshot={current} id={`${idPrefix}-traeger`} />
          <StaffingChart plan={current.plan} idPrefix={`${idPrefix}-diagramm`} />
        </>
      )}
    </section>
  );
}

/** Required and contracted FTE with the coverage, for the city or one region. */
export function PlanTotals({ totals }: { totals: Pick<StaffingPlan["city"], "requiredHundredths" | "contractedHundredths" | "coveragePercent"> }) {
  const { t, locale } = useTranslation();
  return (
    <p className="kern-body kern-body--bold">
      {t("staffing.plan.totals", {
        required: fteText(totals.requiredHundredths, locale),
        contracted: fteText(totals.contractedHundredths, locale),
        coverage: percentText(totals.coveragePercent, locale),
      })}
    </p>
  );
}

const num = "kern-table__cell kern-table__cell--numeric";
const numHead = "kern-table__header kern-table__header--numeric";

/** Required vs contracted per role, with coverage and the clients per FTE reached. */
export function RoleTable({ roles, caption, id }: { roles: RoleLine[]; caption: string; id: string }) {
  const { t, locale } = useTranslation();
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="kern-table kern-table--small">
        <caption id={id}>{caption}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t("staffing.col.role")}
            </th>
            <th scope="col" className={numHead}>
              {t("staffing.col.required")}
            </th>
            <th scope="col" className={numHead}>
              {t("staffing.col.contracted")}
            </th>
            <th scope="col" className={numHead}>
              {t("staffing.col.coverage")}
            </th>
            <th scope="col" className={numHead}>
              {t("staffing.col.clientsPerFte")}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {roles.map((r) => (
            <tr key={r.roleCode} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {r.roleName}
              </th>
              <td className={num}>{fteText(r.requiredHundredths, locale)}</td>
              <td className={num}>{fteText(r.contractedHundredths, locale)}</td>
              <td className={num}>{percentText(r.coveragePercent, locale)}</td>
              <td className={num}>{oneDecimal(r.clientsPerFteReached, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Totals per region. */
export function RegionTable({ plan, id }: { plan: StaffingPlan; id: string }) {
  const { t, locale } = useTranslation();
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="kern-table kern-table--small">
        <caption id={id}>{t("staffing.summary.regionsCaption")}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t("staffing.col.region")}
            </th>
            <th scope="col" className={numHead}>
              {t("staffing.col.required")}
            </th>
            <th scope="col" className={numHead}>
              {t("staffing.col.contracted")}
            </th>
            <th scope="col" className={numHead}>
              {t("staffing.col.coverage")}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {plan.regions.map((r) => (
            <tr key={r.regionCode} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {r.regionName}
              </th>
              <td className={num}>{fteText(r.requiredHundredths, locale)}</td>
              <td className={num}>{fteText(r.contractedHundredths, locale)}</td>
              <td className={num}>{percentText(r.coveragePercent, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="kern-table__row">
            <th scope="row" className="kern-table__cell">
              {t("staffing.plan.city")}
            </th>
            <td className={num}>{fteText(plan.city.requiredHundredths, locale)}</td>
            <td className={num}>{fteText(plan.city.contractedHundredths, locale)}</td>
            <td className={num}>{percentText(plan.city.coveragePercent, locale)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Each carrier's contracted FTE per lot and in total. */
export function CarrierTable({ snapshot, id }: { snapshot: Pick<PlanSnapshot, "plan" | "carrierNames">; id: string }) {
  const { t, locale } = useTranslation();
  const { plan, carrierNames } = snapshot;
  if (plan.carriers.length === 0) return <p className="kern-body">{t("staffing.plan.noCarriers")}</p>;
  const carriers = [...plan.carriers].sort((a, b) => (carrierNames[a.organisationId] ?? "").localeCompare(carrierNames[b.organisationId] ?? "", "de"));
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="kern-table kern-table--small">
        <caption id={id}>{t("staffing.plan.carriersCaption")}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t("staffing.col.carrier")}
            </th>
            <th scope="col" className="kern-table__header">
              {t("staffing.col.lots")}
            </th>
            <th scope="col" className={numHead}>
              {t("staffing.col.contracted")}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {carriers.map((c) => (
            <tr key={c.organisationId} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {carrierNames[c.organisationId] ?? c.organisationId}
              </th>
              <td className="kern-table__cell">
                {plan.lots
                  .filter((l) => c.lotIds.includes(l.lotId))
                  .map((l) => {
                    const own = l.carriers.find((x) => x.organisationId === c.organisationId)!;
                    return `${t("staffing.col.lot")} ${l.number} (${l.regionName}, ${l.roleName}): ${fteText(own.hundredths, locale)}`;
                  })
                  .join("; ")}
              </td>
              <td className={num}>{fteText(c.contractedHundredths, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
