// The receipt (Eingangsbestätigung) as accessible HTML: the twin of the untagged PDF from
// app/submission/receipt-pdf.server.ts, with the same content and the same `receipt.*`
// labels. The small helpers below are shared with the PDF, so both list the same rows.
import { Fragment, useId } from "react";
import type { Locale, Translate } from "../i18n";
import { formatDateTime, formatNumber } from "../i18n/format";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { useTranslation } from "../i18n/use-translation";
import { documentName, type FileRef } from "../submission/rules";
import { snapshotFileEntries, type Receipt, type SnapshotFileEntry, type SubmissionSnapshot } from "../submission/snapshot";

// ---------------------------------------------------------------------------------------
// Shared with the PDF.

const tag = (locale: Locale) => (locale === "de" ? "de-DE" : "en-GB");

/** What a file is: "Konzept zu Los 3", or the full name of the document's slot. Shared with the opening record. */
export function fileKindLabel(entry: Pick<SnapshotFileEntry, "kind" | "lotNumber">, t: Translate): string {
  return entry.kind === "concept" ? t("receipt.file.concept", { lot: entry.lotNumber ?? "" }) : t(documentName(entry.kind));
}

/** Every file of the snapshot with what it is, in the order of `snapshotFiles`. */
export function receiptFileRows(snapshot: SubmissionSnapshot, t: Translate): { file: FileRef; kind: string }[] {
  return snapshotFileEntries(snapshot).map((e) => ({ file: e.file, kind: fileKindLabel(e, t) }));
}

/** "512 Bytes", "12,3 kB (12.345 Bytes)", "1,2 MB (1.234.567 Bytes)"; kB = 1000 bytes. */
export function formatFileSize(bytes: number, locale: Locale, t: Translate): string {
  const count = formatNumber(bytes, locale);
  if (bytes < 1000) return t("receipt.size.bytes", { count });
  if (bytes < 1_000_000) return t("receipt.size.kB", { size: formatNumber(bytes / 1000, locale, 1), count });
  return t("receipt.size.MB", { size: formatNumber(bytes / 1_000_000, locale, 1), count });
}

/** Cents as euros: "52.000,00 €" in German, "€52,000.00" in English. */
export function formatEuroCents(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale), { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** Hundredths of a full-time post: "1,5", "2", "0,75". */
export function formatFteHundredths(hundredths: number, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 2 }).format(hundredths / 100);
}

/** The organisation's name, address and register entry as lines. */
export function organisationLines(org: SubmissionSnapshot["organisation"]): string[] {
  const register = [org.registerCourt, org.registerNumber].filter(Boolean).join(", ");
  return [org.name, org.street, `${org.postalCode} ${org.city}`, ...(register ? [register] : [])];
}

/** Sums over all lots, for the total row (shown when there is more than one lot). */
export function lotTotals(snapshot: SubmissionSnapshot): {
  fteHundredths: number;
  perYearCents: number;
  termCents: number;
} {
  return snapshot.lots.reduce(
    (sum, l) => ({
      fteHundredths: sum.fteHundredths + l.totals.fteHundredths,
      perYearCents: sum.perYearCents + l.totals.perYearCents,
      termCents: sum.termCents + l.totals.termCents,
    }),
    { fteHundredths: 0, perYearCents: 0, termCents: 0 }
  );
}

// ---------------------------------------------------------------------------------------
// The HTML receipt.

/**
 * A SHA-256 in hex, in <code class="hash"> (app.css: word-break: break-all), so that it wraps
 * on small screens; the <wbr> every 16 characters does the same where that style is missing.
 * Copying still yields the unbroken string.
 */
function Hash({ value }: { value: string }) {
  const chunks = value.match(/.{1,16}/g) ?? [value];
  return (
    <code className="hash" translate="no">
      {chunks.map((chunk, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {chunk}
        </Fragment>
      ))}
    </code>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="call-section">
      <h2 id={id} className="kern-heading-large">
        {title}
      </h2>
      {children}
    </section>
  );
}

function When({ date, seconds, locale }: { date: Date; seconds?: boolean; locale: Locale }) {
  return (
    <time dateTime={date.toISOString()}>
      {seconds ? formatDateTimeSeconds(date, locale) : formatDateTime(date, locale)}
    </time>
  );
}

export function ReceiptView({ receipt }: { receipt: Receipt }) {
  const { t, locale } = useTranslation();
  const id = useId();
  const s = receipt.snapshot;
  const files = receiptFileRows(s, t);
  const totals = lotTotals(s);
  const euro = (cents: number) => formatEuroCents(cents, locale);
  const fte = (hundredths: number) => formatFteHundredths(hundredths, locale);
  const ids = {
    title: `${id}-title`,
    receipt: `${id}-receipt`,
    lots: `${id}-lots`,
    lotsCaption: `${id}-lots-caption`,
    files: `${id}-files`,
    filesCaption: `${id}-files-caption`,
    hashes: `${id}-hashes`,
    notes: `${id}-notes`,
  };
  const [orgName, ...address] = organisationLines(s.organisation);

  return (
    <article aria-labelledby={ids.title} className="receipt">
      <p className="kern-preline">{t("receipt.letterhead")}</p>
      <h1 id={ids.title} className="kern-heading-x-large">
        {t("receipt.title")}
      </h1>
      <p className="kern-body--large">{t("receipt.lead", { call: s.call.title })}</p>

      {receipt.withdrawnAt ? (
        <div className="kern-alert kern-alert--warning" role="note">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--warning" aria-hidden="true" />
            <span className="kern-title">
              {t("receipt.withdrawn.title", { date: formatDateTimeSeconds(receipt.withdrawnAt, locale) })}
            </span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">{t("receipt.withdrawn.body")}</p>
          </div>
        </div>
      ) : null}

      <Section id={ids.receipt} title={t("receipt.section.receipt")}>
        <dl className="kern-description-list">
          <Item label={t("receipt.number")}>
            <strong>{receipt.receiptNumber}</strong>
          </Item>
          <Item label={t("receipt.call")}>{s.call.title}</Item>
          <Item label={t("receipt.version")}>{t("receipt.versionValue", { version: receipt.version })}</Item>
          <Item label={t("receipt.receivedAt")}>
            <strong>
              <When date={receipt.submittedAt} seconds locale={locale} />
            </strong>{" "}
            ({t("receipt.serverTime")})
          </Item>
          <Item label={t("receipt.submittedBy")}>{receipt.submittedByName || t("receipt.submittedByUnknown")}</Item>
          <Item label={t("receipt.organisation")}>
            <address className="kern-body">
              {orgName}
              {address.map((line, i) => (
                <Fragment key={i}>
                  <br />
                  {line}
                </Fragment>
              ))}
            </address>
          </Item>
        </dl>
      </Section>

      <Section id={ids.lots} title={t("receipt.section.lots")}>
        {s.lots.length === 0 ? (
          <p className="kern-body">{t("receipt.lots.none")}</p>
        ) : (
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={ids.lotsCaption}>
            <table className="kern-table kern-table--striped">
              <caption id={ids.lotsCaption}>{t("receipt.lots.caption")}</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t("receipt.lots.col.number")}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t("receipt.lots.col.region")}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t("receipt.lots.col.role")}
                  </th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">
                    {t("receipt.lots.col.fte")}
                  </th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">
                    {t("receipt.lots.col.perYear")}
                  </th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">
                    {t("receipt.lots.col.term")}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {s.lots.map((l) => (
                  <tr key={l.lotId} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {t("receipt.lots.number", { number: l.number })}
                    </th>
                    <td className="kern-table__cell">{l.regionName}</td>
                    <td className="kern-table__cell">{l.roleName}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{fte(l.totals.fteHundredths)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{euro(l.totals.perYearCents)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {euro(l.totals.termCents)}
                      <br />
                      <span className="kern-body--small">
                        {t("receipt.lots.months", { months: l.totals.termMonths })}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
              {s.lots.length > 1 ? (
                <tfoot>
                  <tr className="kern-table__row">
                    <th scope="row" colSpan={3} className="kern-table__cell">
                      {t("receipt.lots.total")}
                    </th>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      <strong>{fte(totals.fteHundredths)}</strong>
                    </td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      <strong>{euro(totals.perYearCents)}</strong>
                    </td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      <strong>{euro(totals.termCents)}</strong>
                    </td>
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </div>
        )}
      </Section>

      <Section id={ids.files} title={t("receipt.section.files")}>
        {files.length === 0 ? (
          <p className="kern-body">{t("receipt.files.none")}</p>
        ) : (
          <>
            <p className="kern-body">{t("receipt.files.intro")}</p>
            <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={ids.filesCaption}>
              <table className="kern-table">
                <caption id={ids.filesCaption}>{t("receipt.files.caption")}</caption>
                <thead className="kern-table__header">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">
                      {t("receipt.files.col.name")}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t("receipt.files.col.kind")}
                    </th>
                    <th scope="col" className="kern-table__header kern-table__header--numeric">
                      {t("receipt.files.col.size")}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t("receipt.files.col.sha256")}
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {files.map(({ file, kind }, i) => (
                    <tr key={`${file.id}-${i}`} className="kern-table__row">
                      <th scope="row" className="kern-table__cell">
                        {file.name}
                      </th>
                      <td className="kern-table__cell">{kind}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">
                        {formatFileSize(file.sizeBytes, locale, t)}
                      </td>
                      <td className="kern-table__cell">
                        <Hash value={file.sha256} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Section>

      <Section id={ids.hashes} title={t("receipt.section.hashes")}>
        <p className="kern-body">{t("receipt.hashes.intro")}</p>
        <dl className="kern-description-list">
          <Item label={t("receipt.contentHash")}>
            <Hash value={receipt.contentHash} />
          </Item>
          <Item label={t("receipt.auditHead")}>
            <Hash value={receipt.auditHead} />
          </Item>
        </dl>
      </Section>

      <Section id={ids.notes} title={t("receipt.section.notes")}>
        <p className="kern-body">{t("receipt.note.receiptOnly")}</p>
        <p className="kern-body">
          {t("receipt.note.final", { deadline: formatDateTime(new Date(s.call.submissionDeadline), locale) })}
        </p>
        <p className="kern-body">{t("receipt.note.keep")}</p>
      </Section>
    </article>
  );
}
