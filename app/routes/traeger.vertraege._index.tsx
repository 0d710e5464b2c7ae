import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/data-table";
import { PageHeader } from "../components/page-header";
import { contractsOfOrganisation } from "../contracts/contracts.server";
import { formatDate, formatEuroCents, formatFteHundredths } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";

export const meta: MetaFunction = () => [{ title: "Meine Verträge" }];

// The carrier's contracts (decision 0022): only its own organisation's, from the query.
export async function loader({ request }: LoaderFunctionArgs) {
  const { carrier } = await requireCarrier(request);
  return { contracts: await contractsOfOrganisation(carrier.organisationId) };
}

export default function MyContracts() {
  const { contracts } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="stack">
      <PageHeader trail={[{ label: t("dashboard.title"), to: "/traeger" }, { label: t("contracts.mine.title") }]} />
      <p className="kern-body">{t("contracts.mine.intro")}</p>
      {contracts.length === 0 ? (
        <p className="kern-body">{t("contracts.mine.none")}</p>
      ) : (
        <DataTable
          id="vertraege"
          caption={t("contracts.caption", { count: contracts.length })}
          columns={[
            { label: t("contracts.col.number") },
            { label: t("contracts.col.call") },
            { label: t("contracts.col.lot") },
            { label: t("contracts.col.fte"), numeric: true },
            { label: t("contracts.col.valuePerYear"), numeric: true },
            { label: t("contracts.col.term") },
            { label: t("contracts.col.reporting") },
          ]}
          rows={contracts.map((c) => [
            <Link key={c.id} className="kern-link" to={`/traeger/vertraege/${c.id}`}>
              {c.number}
            </Link>,
            c.callTitle,
            t("contracts.lot", { number: c.lotNumber, role: c.roleName, region: c.regionName }),
            formatFteHundredths(c.agreedHundredths, locale),
            formatEuroCents(c.valuePerYearCents, locale),
            t("contracts.terms.termValue", { start: formatDate(new Date(c.startsAt), locale), end: formatDate(new Date(c.endsAt), locale) }),
            t(`contracts.interval.${c.reportingInterval}`),
          ])}
        />
      )}
    </div>
  );
}
