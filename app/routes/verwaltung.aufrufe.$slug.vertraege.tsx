import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/data-table";
import { DocumentBlocks } from "../components/document-view";
import { CallPageHeader } from "../components/page-header";
import { contractTermsFacts } from "../contracts/contract-document";
import { contractsOfCall } from "../contracts/contracts.server";
import { staffReportsOfCall } from "../contracts/staff-reports.server";
import { ReportPeriodsTable } from "../components/staff-reports";
import { now as serverNow } from "../infra/clock.server";
import { reportPeriods } from "../contracts/terms";
import { formatDate, formatEuroCents, formatFteHundredths } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { notFound } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";

export const meta: MetaFunction = () => [{ title: "Verträge" }];

// The contracts of a call (decision 0022), with the terms they all carry and a CSV.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const [firstPeriod] = reportPeriods(call.dates.serviceStart, call.dates.contractEnd, call.contractTerms.reporting);
  return {
    call: { slug: call.slug, title: call.title, terms: call.contractTerms, start: call.dates.serviceStart, end: call.dates.contractEnd, firstDue: firstPeriod?.due ?? null },
    contracts: await contractsOfCall(call.id),
    // The periods begun so far, per contract, with their states (late flagged).
    reports: (await staffReportsOfCall(call.id, serverNow())).map((c) => ({ ...c, periods: c.periods.filter((p) => p.state !== "future") })),
  };
}

export default function CallContracts() {
  const { call, contracts, reports } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const facts = contractTermsFacts(call.terms, call.start, call.end, t);
  if (call.firstDue) facts.push({ label: t("contracts.call.firstDue"), value: { format: "date", value: call.firstDue } });
  return (
    <div className="stack">
      <CallPageHeader call={call} page={t("contracts.call.title")} />
      <p className="kern-body">{t("contracts.call.intro")}</p>
      <DocumentBlocks level={1} blocks={[{ kind: "section", id: "bedingungen", title: t("contracts.terms"), blocks: [{ kind: "facts", items: facts }] }]} />
      <section aria-labelledby="vertraege-liste" className="stack">
        <h2 id="vertraege-liste" className="kern-heading-large">
          {t("contracts.call.title")}
        </h2>
        {contracts.length === 0 ? (
          <p className="kern-body">{t("contracts.call.none")}</p>
        ) : (
          <>
            <DataTable
              id="vertraege"
              caption={t("contracts.caption", { count: contracts.length })}
              columns={[
                { label: t("contracts.col.number") },
                { label: t("contracts.col.lot") },
                { label: t("contracts.col.carrier") },
                { label: t("contracts.col.fte"), numeric: true },
                { label: t("contracts.col.valuePerYear"), numeric: true },
                { label: t("contracts.col.term") },
              ]}
              rows={contracts.map((c) => [
                c.number,
                t("contracts.lot", { number: c.lotNumber, role: c.roleName, region: c.regionName }),
                c.organisationName,
                formatFteHundredths(c.agreedHundredths, locale),
                formatEuroCents(c.valuePerYearCents, locale),
                t("contracts.terms.termValue", { start: formatDate(new Date(c.startsAt), locale), end: formatDate(new Date(c.endsAt), locale) }),
              ])}
              striped
            />
            <p>
              <a className="kern-link" href={`/verwaltung/aufrufe/${call.slug}/vertraege.csv`} download>
                {t("contracts.call.csv")}
              </a>
            </p>
          </>
        )}
      </section>
      {reports.length ? (
        <section aria-labelledby="meldungen" className="stack">
          <h2 id="meldungen" className="kern-heading-large">
            {t("staffReport.call.title")}
          </h2>
          {reports.map((c) => {
            const late = c.periods.filter((p) => p.state === "late").length;
            return (
              <section key={c.contractId} aria-labelledby={`meldungen-${c.contractId}`} className="stack">
                <h3 id={`meldungen-${c.contractId}`} className="kern-heading-medium">
                  {c.number}, {c.organisationName}
                  {late ? ` (${t("staffReport.call.lateCount", { count: late })})` : ""}
                </h3>
                {c.periods.length ? (
                  <ReportPeriodsTable
                    id={`meldezeitraeume-${c.contractId}`}
                    caption={t("staffReport.call.caption", { number: c.number, carrier: c.organisationName })}
                    periods={c.periods}
                    href={(from) => `/verwaltung/aufrufe/${call.slug}/vertraege/${c.contractId}/meldungen/${from}`}
                    t={t}
                    locale={locale}
                  />
                ) : (
                  <p className="kern-body">{t("staffReport.call.none")}</p>
                )}
              </section>
            );
          })}
        </section>
      ) : null}
    </div>
  );
}
