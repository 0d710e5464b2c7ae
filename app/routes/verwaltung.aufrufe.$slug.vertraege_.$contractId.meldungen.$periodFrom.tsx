import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CallPageHeader } from "../components/page-header";
import { StaffReportVersionView, reportStateLabel } from "../components/staff-reports";
import { staffReportForOfficer } from "../contracts/staff-reports.server";
import { formatDay, formatFteHundredths } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { notFound, toResponse } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";

export const meta: MetaFunction = () => [{ title: "Stellenbesetzung" }];

// One period's staff report of a contract of the call, for officers (decision 0024): the
// submitted versions with the names the carrier gave and the proof documents; a draft stays
// the carrier's until it is submitted.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  try {
    const report = await staffReportForOfficer({ callId: call.id, contractId: params.contractId ?? "", periodFrom: params.periodFrom ?? "", now: serverNow() });
    return { call: { slug: call.slug, title: call.title }, report };
  } catch (error) {
    return toResponse(error, request);
  }
}

export default function OfficerStaffReport() {
  const { call, report: r } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const range = { from: formatDay(r.period.from, locale), to: formatDay(r.period.to, locale) };
  return (
    <div className="stack">
      <CallPageHeader call={call} via={[{ label: t("contracts.call.title"), to: `/verwaltung/aufrufe/${call.slug}/vertraege` }]} page={t("staffReport.title", range)} />
      <p className="kern-body">
        {t("staffReport.call.caption", { number: r.contract.number, carrier: r.contract.organisationName })}:{" "}
        {t("contracts.lot", { number: r.contract.lotNumber, role: r.contract.roleName, region: r.contract.regionName })}, {t("contracts.detail.fteValue", { fte: formatFteHundredths(r.contract.fteHundredths, locale) })}
      </p>
      <p className="kern-body kern-body--bold">
        {t("staffReport.dueLine", { date: formatDay(r.period.due, locale) })} {t("staffReport.col.state")}: {reportStateLabel(r.state, t)}
      </p>
      {r.submitted.length === 0 ? <p className="kern-body">{t("staffReport.notSubmitted")}</p> : null}
      {r.submitted.map((version) => (
        <StaffReportVersionView key={version.id} v={version} periodTo={r.period.to} contractedHundredths={r.contract.fteHundredths} proofHref={(id) => `/dateien/${id}`} headingLevel={2} t={t} locale={locale} />
      ))}
      <p>
        <a className="kern-link" href={`/verwaltung/aufrufe/${call.slug}/vertraege`}>
          {t("contracts.call.title")}
        </a>
      </p>
    </div>
  );
}
