import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadCallResult } from "../award/result.server";
import { Breadcrumbs } from "../components/breadcrumbs";
import { CallResultView } from "../components/call-result-view";
import { DemoBanner } from "../components/demo-banner";
import { StaffingSummary } from "../components/staffing-summary";
import { loadStaffingPlan, publicStaffingView } from "../staffing/plans.server";
import { publicCoverageOfCall } from "../staffing/coverage.server";
import { CoverageOverTime } from "../components/coverage-over-time";
import { now } from "../infra/clock.server";
import { getTranslator } from "../i18n/locale.server";
import { useTranslation } from "../i18n/use-translation";
import { notFound } from "../infra/http.server";
import { followUpsOf } from "../procurement/call-family.server";
import { READ_ONLY_PAGE } from "../components/hydration";

// Read, not used: the page ships no JavaScript (components/hydration.ts).
export const handle = READ_ONLY_PAGE;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.pageTitle : "Nicht gefunden" }];

// Public, no account: the result once the award is made (or the cancellation); 404 before.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const result = await loadCallResult(params.slug ?? "");
  if (!result) notFound();
  const { t } = await getTranslator(request);
  // The city-wide staffing plan from the awards: public figures only (no history, no names
  // of officers). A cancelled call has no plan.
  const staffing = result.state === "cancelled" ? null : publicStaffingView(await loadStaffingPlan(result.call.id));
  // Over the contract term: the regions' aggregates only, kept in memory until something they count changes.
  const overTime = result.state === "cancelled" ? null : await publicCoverageOfCall({ callId: result.call.id, now: now() });
  const contracted = overTime?.coverage?.regions.some((r) => r.months.some((m) => m.contractedHundredths > 0)) ?? false;
  // Published follow-up calls for what this call left uncovered (decision 0027); drafts are the city's.
  const followUps = (await followUpsOf(result.call.id)).filter((f) => f.status !== "draft").map(({ slug, title }) => ({ slug, title }));
  return { result, staffing, overTime: contracted ? overTime : null, followUps, pageTitle: t("result.meta", { title: result.call.title }) };
}

export default function ResultPage() {
  const { result, staffing, overTime, followUps } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <CallResultView
      result={result}
      staffing={
        staffing?.current || overTime ? (
          <div className="stack">
            {staffing?.current ? <StaffingSummary view={staffing} /> : null}
            {overTime ? <CoverageOverTime coverage={overTime.coverage} problem={overTime.problem} /> : null}
          </div>
        ) : null
      }
      top={
        <>
          <Breadcrumbs items={[{ label: result.call.title, to: `/aufrufe/${result.call.slug}` }, { label: t("result.title") }]} />
          {result.call.isDemo ? <DemoBanner /> : null}
          {followUps.length ? (
            <p className="kern-body">
              {t("followUp.resultNotice")}{" "}
              {followUps.map((f, i) => (
                <span key={f.slug}>
                  {i > 0 ? ", " : null}
                  <Link className="kern-link" to={`/aufrufe/${f.slug}`}>
                    {f.title}
                  </Link>
                </span>
              ))}
            </p>
          ) : null}
        </>
      }
    />
  );
}
