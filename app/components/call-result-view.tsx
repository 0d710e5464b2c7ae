// The public result of a call (/aufrufe/<slug>/ergebnis): per lot the carriers, FTE, value
// and date of the award; cancelled lots with their reason; or the cancellation of the call.
import type { CallResult, ResultLot } from "../award/result";
import { formatDate, formatDateTime, formatNumber } from "../i18n/format";
import type { Locale, Translate } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import { formatEuroCents, formatFteHundredths } from "../i18n/format";
import { Alert } from "./alert";
import { DataTable, type DataTableCell } from "./data-table";
import { DescriptionList } from "./description-list";
import { Section } from "./section";

function Money({ cents, locale, unknown }: { cents: number | null; locale: Locale; unknown: string }) {
  return <>{cents === null ? unknown : formatEuroCents(cents, locale)}</>;
}

/** One row per award; a lot without one gets one row that says why. */
function lotRows(lot: ResultLot, awardedAt: Date, t: Translate, locale: Locale): DataTableCell[][] {
  const head = [`${t("result.col.lot")} ${lot.number}`, lot.regionName, lot.roleName];
  if (lot.awards.length === 0) {
    return [
      [
        ...head,
        lot.state === "cancelled" ? (
          <a className="kern-link" href={`#aufhebung-los-${lot.number}`}>
            {t("result.lot.cancelled")}
          </a>
        ) : (
          t("result.lot.notAwarded")
        ),
        "–",
        lot.cancelledAt ? <time dateTime={lot.cancelledAt.toISOString()}>{formatDate(lot.cancelledAt, locale)}</time> : "–",
        "–",
      ],
    ];
  }
  return lot.awards.map((a) => [
    ...head,
    a.carrierName,
    formatFteHundredths(a.fteHundredths, locale),
    <time dateTime={awardedAt.toISOString()}>{formatDate(awardedAt, locale)}</time>,
    <Money cents={a.valueCents} locale={locale} unknown={t("result.value.unknown")} />,
  ]);
}

function CancelledLots({ lots }: { lots: ResultLot[] }) {
  const { t, locale } = useTranslation();
  const cancelled = lots.filter((l) => l.state === "cancelled");
  if (cancelled.length === 0) return null;
  return (
    <Section id="aufgehobene-lose" level={2} className="call-section" title={t("result.cancelledLots")}>
      <ul className="kern-list">
        {cancelled.map((l) => (
          <li key={l.lotId} id={`aufhebung-los-${l.number}`}>
            <p className="kern-body">
              {t("result.cancelledLot", {
                number: l.number,
                region: l.regionName,
                role: l.roleName,
                date: l.cancelledAt ? formatDate(l.cancelledAt, locale) : "–",
              })}
            </p>
            <p className="kern-body">
              <strong>{t("result.reason")}:</strong> {l.cancellationReason}
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function CallResultView({
  result,
  top,
  staffing,
}: {
  result: CallResult;
  /** Rendered first (breadcrumbs, banners). */
  top?: React.ReactNode;
  /** The city-wide staffing figures (Stellenplan), shown below the lots when given. */
  staffing?: React.ReactNode;
}) {
  const { t, locale } = useTranslation();
  const base = `/aufrufe/${result.call.slug}`;
  const more = (
    <Section id="weitere-angaben" level={2} className="call-section" title={t("result.more")}>
      <ul className="kern-list">
        <li>
          <a className="kern-link" href={base}>
            {t("result.link.call")}
          </a>
        </li>
        <li>
          <a className="kern-link" href={`${base}/ocds.json`}>
            {t("result.link.ocds")}
          </a>
        </li>
      </ul>
    </Section>
  );

  if (result.state === "cancelled") {
    return (
      <article>
        {top}
        <p className="kern-preline">{result.call.title}</p>
        <h1 className="kern-heading-x-large">{t("result.title")}</h1>
        <Alert tone="warning" role="status" title={t("result.cancelled.title")}>
          <p className="kern-body">
            {result.cancelledAt
              ? t("result.cancelled.body", { date: formatDateTime(result.cancelledAt, locale) })
              : t("result.cancelled.bodyUndated")}
          </p>
          <p className="kern-body">
            <strong>{t("result.reason")}:</strong> {result.cancellationReason}
          </p>
        </Alert>
        {more}
      </article>
    );
  }

  const { totals, awardedAt, call } = result;
  const summary = [
    { label: t("result.summary.awardedAt"), value: <time dateTime={awardedAt.toISOString()}>{formatDateTime(awardedAt, locale)}</time> },
    { label: t("result.summary.lots"), value: t("result.summary.lotsValue", { awarded: totals.lotsAwarded, total: totals.lots }) },
    { label: t("result.summary.carriers"), value: formatNumber(totals.carriers, locale) },
    { label: t("result.summary.fte"), value: formatFteHundredths(totals.fteHundredths, locale) },
    { label: t("result.summary.value"), value: <Money cents={totals.valueCents} locale={locale} unknown={t("result.value.unknown")} /> },
    { label: t("result.summary.term"), value: t("result.summary.termValue", { start: formatDate(call.serviceStart, locale), end: formatDate(call.contractEnd, locale) }) },
  ];
  return (
    <article>
      {top}
      <p className="kern-preline">{call.title}</p>
      <h1 className="kern-heading-x-large">{t("result.title")}</h1>
      <p className="kern-body--large">{t("result.intro", { date: formatDate(awardedAt, locale) })}</p>

      <Section id="auf-einen-blick" level={2} className="call-section" title={t("result.summary")}>
        <DescriptionList items={summary} />
      </Section>

      <Section id="ergebnis-je-los" level={2} className="call-section" title={t("result.lots")}>
        <DataTable
          id="ergebnis-tabelle"
          caption={t("result.table.caption")}
          striped
          columns={[
            { label: t("result.col.lot"), numeric: true },
            { label: t("result.col.region") },
            { label: t("result.col.role") },
            { label: t("result.col.carrier") },
            { label: t("result.col.fte"), numeric: true },
            { label: t("result.col.date") },
            { label: t("result.col.value"), numeric: true },
          ]}
          rows={result.lots.flatMap((l) => lotRows(l, awardedAt, t, locale))}
        />
        <p className="kern-body--small">{t("result.valueNote")}</p>
      </Section>

      <CancelledLots lots={result.lots} />

      {staffing ? <div className="call-section">{staffing}</div> : null}

      {more}
    </article>
  );
}
