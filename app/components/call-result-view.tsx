// The public result of a call (/aufrufe/<slug>/ergebnis): per lot the carriers, FTE, value
// and date of the award; cancelled lots with their reason; or the cancellation of the call.
import type { CallResult, ResultLot } from "../award/result";
import { formatDate, formatDateTime, formatNumber } from "../i18n/format";
import type { Locale } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import { formatEuroCents, formatFteHundredths } from "../i18n/format";

function Money({ cents, locale, unknown }: { cents: number | null; locale: Locale; unknown: string }) {
  return <>{cents === null ? unknown : formatEuroCents(cents, locale)}</>;
}

/** One row per award; a lot without one gets one row that says why. */
function LotRows({ lot, awardedAt }: { lot: ResultLot; awardedAt: Date }) {
  const { t, locale } = useTranslation();
  const head = (
    <>
      <th scope="row" className="kern-table__cell kern-table__cell--numeric">
        {t("result.col.lot")} {lot.number}
      </th>
      <td className="kern-table__cell">{lot.regionName}</td>
      <td className="kern-table__cell">{lot.roleName}</td>
    </>
  );
  if (lot.awards.length === 0) {
    return (
      <tr className="kern-table__row">
        {head}
        <td className="kern-table__cell">
          {lot.state === "cancelled" ? (
            <a className="kern-link" href={`#aufhebung-los-${lot.number}`}>
              {t("result.lot.cancelled")}
            </a>
          ) : (
            t("result.lot.notAwarded")
          )}
        </td>
        <td className="kern-table__cell kern-table__cell--numeric">–</td>
        <td className="kern-table__cell">{lot.cancelledAt ? <time dateTime={lot.cancelledAt.toISOString()}>{formatDate(lot.cancelledAt, locale)}</time> : "–"}</td>
        <td className="kern-table__cell kern-table__cell--numeric">–</td>
      </tr>
    );
  }
  return (
    <>
      {lot.awards.map((a) => (
        <tr key={a.organisationId} className="kern-table__row">
          {head}
          <td className="kern-table__cell">{a.carrierName}</td>
          <td className="kern-table__cell kern-table__cell--numeric">{formatFteHundredths(a.fteHundredths, locale)}</td>
          <td className="kern-table__cell">
            <time dateTime={awardedAt.toISOString()}>{formatDate(awardedAt, locale)}</time>
          </td>
          <td className="kern-table__cell kern-table__cell--numeric">
            <Money cents={a.valueCents} locale={locale} unknown={t("result.value.unknown")} />
          </td>
        </tr>
      ))}
    </>
  );
}

function CancelledLots({ lots }: { lots: ResultLot[] }) {
  const { t, locale } = useTranslation();
  const cancelled = lots.filter((l) => l.state === "cancelled");
  if (cancelled.length === 0) return null;
  return (
    <section id="aufgehobene-lose" aria-labelledby="aufgehobene-lose-titel" className="call-section">
      <h2 id="aufgehobene-lose-titel" className="kern-heading-large">
        {t("result.cancelledLots")}
      </h2>
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
    </section>
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
    <section id="weitere-angaben" aria-labelledby="weitere-angaben-titel" className="call-section">
      <h2 id="weitere-angaben-titel" className="kern-heading-large">
        {t("result.more")}
      </h2>
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
    </section>
  );

  if (result.state === "cancelled") {
    return (
      <article>
        {top}
        <p className="kern-preline">{result.call.title}</p>
        <h1 className="kern-heading-x-large">{t("result.title")}</h1>
        <div className="kern-alert kern-alert--warning" role="status">
          <div className="kern-alert__header">
            <span className="kern-title">{t("result.cancelled.title")}</span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">
              {result.cancelledAt
                ? t("result.cancelled.body", { date: formatDateTime(result.cancelledAt, locale) })
                : t("result.cancelled.bodyUndated")}
            </p>
            <p className="kern-body">
              <strong>{t("result.reason")}:</strong> {result.cancellationReason}
            </p>
          </div>
        </div>
        {more}
      </article>
    );
  }

  const { totals, awardedAt, call } = result;
  const summary: [string, React.ReactNode][] = [
    [t("result.summary.awardedAt"), <time key="at" dateTime={awardedAt.toISOString()}>{formatDateTime(awardedAt, locale)}</time>],
    [t("result.summary.lots"), t("result.summary.lotsValue", { awarded: totals.lotsAwarded, total: totals.lots })],
    [t("result.summary.carriers"), formatNumber(totals.carriers, locale)],
    [t("result.summary.fte"), formatFteHundredths(totals.fteHundredths, locale)],
    [t("result.summary.value"), <Money key="v" cents={totals.valueCents} locale={locale} unknown={t("result.value.unknown")} />],
    [t("result.summary.term"), t("result.summary.termValue", { start: formatDate(call.serviceStart, locale), end: formatDate(call.contractEnd, locale) })],
  ];
  return (
    <article>
      {top}
      <p className="kern-preline">{call.title}</p>
      <h1 className="kern-heading-x-large">{t("result.title")}</h1>
      <p className="kern-body--large">{t("result.intro", { date: formatDate(awardedAt, locale) })}</p>

      <section id="auf-einen-blick" aria-labelledby="auf-einen-blick-titel" className="call-section">
        <h2 id="auf-einen-blick-titel" className="kern-heading-large">
          {t("result.summary")}
        </h2>
        <dl className="kern-description-list">
          {summary.map(([label, value]) => (
            <div key={label} className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{label}</dt>
              <dd className="kern-description-list-item__value">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section id="ergebnis-je-los" aria-labelledby="ergebnis-je-los-titel" className="call-section">
        <h2 id="ergebnis-je-los-titel" className="kern-heading-large">
          {t("result.lots")}
        </h2>
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="ergebnis-tabelle">
          <table className="kern-table kern-table--striped">
            <caption id="ergebnis-tabelle">{t("result.table.caption")}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t("result.col.lot")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("result.col.region")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("result.col.role")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("result.col.carrier")}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t("result.col.fte")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("result.col.date")}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t("result.col.value")}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {result.lots.map((l) => (
                <LotRows key={l.lotId} lot={l} awardedAt={awardedAt} />
              ))}
            </tbody>
          </table>
        </div>
        <p className="kern-body--small">{t("result.valueNote")}</p>
      </section>

      <CancelledLots lots={result.lots} />

      {staffing ? <div className="call-section">{staffing}</div> : null}

      {more}
    </article>
  );
}
