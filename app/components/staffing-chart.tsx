// The staffing plan as a bar chart: per region and role, the required FTE (outlined bar)
// against the contracted FTE (filled bar). Server-rendered SVG, readable without
// JavaScript; role="img" with a title and a description that say the numbers, and the same
// numbers in a table beside it. Colours only through SVG presentation attributes (the CSP
// allows no inline styles); required and contracted differ by shape too (outline vs fill),
// not by colour alone. Both colours reach at least 7 : 1 against white.
import { useTranslation } from "../i18n/use-translation";
import type { StaffingPlan } from "../staffing/plan";
import { fteText, percentText } from "../staffing/plan-text";

const INK = "#1b1f24";
const REQUIRED_STROKE = "#3d4550";
const CONTRACTED_FILL = "#0b4f8a";

const WIDTH = 720;
const LABEL_WIDTH = 210;
const VALUE_SPACE = 64;
const BAR_HEIGHT = 12;
const ROW_HEIGHT = 2 * BAR_HEIGHT + 14;
const REGION_HEADING = 30;
const LEGEND_HEIGHT = 34;

export function StaffingChart({ plan, idPrefix = "stellenplan" }: { plan: StaffingPlan; idPrefix?: string }) {
  const { t, locale } = useTranslation();
  const titleId = `${idPrefix}-titel`;
  const descId = `${idPrefix}-beschreibung`;
  const max = Math.max(1, ...plan.regions.flatMap((r) => r.roles.flatMap((x) => [x.requiredHundredths, x.contractedHundredths])));
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_SPACE;
  const scale = (h: number) => (h / max) * barSpace;
  const height = LEGEND_HEIGHT + plan.regions.reduce((sum, r) => sum + REGION_HEADING + r.roles.length * ROW_HEIGHT, 0) + 8;

  const description = plan.regions
    .map((r) =>
      t("staffing.chart.descRegion", {
        region: r.regionName,
        roles: r.roles
          .map((x) => t("staffing.chart.descRole", { role: x.roleName, required: fteText(x.requiredHundredths, locale), contracted: fteText(x.contractedHundredths, locale) }))
          .join("; "),
      }),
    )
    .join(" ");

  let y = LEGEND_HEIGHT;
  const groups = plan.regions.map((region) => {
    const top = y;
    y += REGION_HEADING + region.roles.length * ROW_HEIGHT;
    return (
      <g key={region.regionCode}>
        <text x={0} y={top + 20} fontSize={15} fontWeight="bold" fill={INK}>
          {region.regionName}
        </text>
        {region.roles.map((role, i) => {
          const rowTop = top + REGION_HEADING + i * ROW_HEIGHT;
          const required = scale(role.requiredHundredths);
          const contracted = scale(role.contractedHundredths);
          return (
            <g key={role.roleCode}>
              <text x={8} y={rowTop + BAR_HEIGHT + 5} fontSize={13} fill={INK}>
                {role.roleName}
              </text>
              {required > 0 ? (
                <rect x={LABEL_WIDTH + 1} y={rowTop + 1} width={Math.max(required - 2, 1)} height={BAR_HEIGHT - 2} fill="#ffffff" stroke={REQUIRED_STROKE} strokeWidth={2} />
              ) : null}
              <text x={LABEL_WIDTH + required + 6} y={rowTop + BAR_HEIGHT - 1} fontSize={12} fill={INK}>
                {fteText(role.requiredHundredths, locale)}
              </text>
              {contracted > 0 ? <rect x={LABEL_WIDTH} y={rowTop + BAR_HEIGHT + 2} width={contracted} height={BAR_HEIGHT} fill={CONTRACTED_FILL} /> : null}
              <text x={LABEL_WIDTH + contracted + 6} y={rowTop + 2 * BAR_HEIGHT + 1} fontSize={12} fill={INK}>
                {fteText(role.contractedHundredths, locale)}
              </text>
            </g>
          );
        })}
      </g>
    );
  });

  return (
    <figure className="staffing-chart">
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        fontFamily="Fira Sans, Noto Sans, Arial, sans-serif"
        focusable="false"
      >
        <title id={titleId}>{t("staffing.chart.title")}</title>
        <desc id={descId}>{description}</desc>
        <g>
          <rect x={1} y={9} width={22} height={BAR_HEIGHT - 2} fill="#ffffff" stroke={REQUIRED_STROKE} strokeWidth={2} />
          <text x={30} y={18} fontSize={13} fill={INK}>
            {t("staffing.chart.legendRequired")}
          </text>
          <rect x={160} y={8} width={22} height={BAR_HEIGHT} fill={CONTRACTED_FILL} />
          <text x={189} y={18} fontSize={13} fill={INK}>
            {t("staffing.chart.legendContracted")}
          </text>
        </g>
        {groups}
      </svg>
      <figcaption className="kern-body--small">{t("staffing.chart.tableNote")}</figcaption>
      <StaffingChartTable plan={plan} idPrefix={idPrefix} />
    </figure>
  );
}

/** The chart's numbers as a table: region × role, required, contracted, coverage. */
export function StaffingChartTable({ plan, idPrefix = "stellenplan" }: { plan: StaffingPlan; idPrefix?: string }) {
  const { t, locale } = useTranslation();
  const captionId = `${idPrefix}-tabelle`;
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="kern-table kern-table--small">
        <caption id={captionId}>{t("staffing.chart.title")}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t("staffing.col.region")}
            </th>
            <th scope="col" className="kern-table__header">
              {t("staffing.col.role")}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t("staffing.col.required")}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t("staffing.col.contracted")}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t("staffing.col.coverage")}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {plan.regions.flatMap((region) =>
            region.roles.map((role) => (
              <tr key={`${region.regionCode}-${role.roleCode}`} className="kern-table__row">
                <td className="kern-table__cell">{region.regionName}</td>
                <th scope="row" className="kern-table__cell">
                  {role.roleName}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{fteText(role.requiredHundredths, locale)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{fteText(role.contractedHundredths, locale)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{percentText(role.coveragePercent, locale)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
