// The city-wide staffing plan for everyone: required vs contracted FTE per role and per
// region, the carriers with their FTE, and the chart: the city's part of the staffing
// plan's document (app/staffing/plan-document.ts). Used by the public result page
// (/aufrufe/:slug/ergebnis). Shows no carrier data beyond names and FTE. Pass the output of
// loadStaffingPlan (app/staffing/plans.server.ts), for public pages through
// publicStaffingView().
import { useTranslation } from "../i18n/use-translation";
import { staffingSummaryBlocks } from "../staffing/plan-document";
import type { StaffingPlanView } from "../staffing/plans.server";
import { DocumentBlocks } from "./document-view";
import { Section } from "./section";

export type StaffingSummaryProps = {
  /** loadStaffingPlan(callId) (JSON-serialised by the loader is fine). */
  view: Pick<StaffingPlanView, "current">;
  /** Level of the section heading; sub-headings are one below. Default 2. */
  headingLevel?: 2 | 3;
  idPrefix?: string;
};

export function StaffingSummary({ view, headingLevel = 2, idPrefix = "stellenplan-stadt" }: StaffingSummaryProps) {
  const { t } = useTranslation();
  const current = view.current;
  return (
    <Section title={t("staffing.summary.title")} level={headingLevel} className="stack">
      {!current ? <p className="kern-body">{t("staffing.summary.none")}</p> : <DocumentBlocks blocks={staffingSummaryBlocks(current, t, idPrefix)} level={headingLevel} />}
    </Section>
  );
}
