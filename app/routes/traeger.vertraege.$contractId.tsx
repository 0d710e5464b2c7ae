import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DemoBanner } from "../components/demo-banner";
import { DocumentView } from "../components/document-view";
import { PageHeader } from "../components/page-header";
import { contractDocument } from "../contracts/contract-document";
import { contractOfOrganisation } from "../contracts/contracts.server";
import { contractReportStates } from "../contracts/staff-reports.server";
import { ReportPeriodsTable } from "../components/staff-reports";
import { now as serverNow } from "../infra/clock.server";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";
import { toResponse } from "../infra/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data && "contract" in data ? `Vertrag ${data.contract.number}` : "Vertrag" }];

// One contract of the carrier's own organisation; another's answers 404 (checked in the query).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireCarrier(request);
  try {
    const contract = contractOfOrganisation({ organisationId: actor.organisationId, contractId: params.contractId ?? "" });
    return { contract, reports: contractReportStates(contract, serverNow()) };
  } catch (error) {
    return toResponse(error, request);
  }
}

export default function ContractPage() {
  const { contract, reports } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const doc = contractDocument(contract, t);
  return (
    <div className="stack">
      <PageHeader
        trail={[{ label: t("dashboard.title"), to: "/traeger" }, { label: t("contracts.mine.title"), to: "/traeger/vertraege" }, { label: contract.number }]}
        title={doc.title}
      />
      {contract.isDemo ? <DemoBanner /> : null}
      <section aria-labelledby="meldungen" className="stack">
        <h2 id="meldungen" className="kern-heading-large">
          {t("staffReport.periods")}
        </h2>
        <p className="kern-body">{t("staffReport.periods.intro")}</p>
        <ReportPeriodsTable id="meldezeitraeume" caption={t("staffReport.periods.caption")} periods={reports} href={(from) => `/traeger/vertraege/${contract.id}/meldungen/${from}`} t={t} locale={locale} />
      </section>
      {/* The report periods with their due days stand above with their states: not twice. */}
      <DocumentView embedded doc={{ ...doc, blocks: doc.blocks.filter((b) => b.kind !== "title" && !(b.kind === "section" && b.id === "meldetermine")) }} />
      <p>
        <Link className="kern-link" to="/traeger/vertraege">
          {t("contracts.mine.title")}
        </Link>
      </p>
    </div>
  );
}
