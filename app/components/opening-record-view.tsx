// The opening record (Öffnungsprotokoll) as accessible HTML: the twin of the untagged PDF
// from app/evaluation/opening-record-pdf.server.ts, with the same content and the same
// `opening.record.*` labels. The helpers below are shared with the PDF, so both state the
// same rows and flag the same mismatches.
import { Fragment, useId } from "react";
import type { Locale, Translate } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { useTranslation } from "../i18n/use-translation";
import {
  hasMismatches,
  lateEntries,
  type OpeningFileCheck,
  type OpeningRecord,
  type OpeningRecordEntry,
} from "../evaluation/opening-record";
import { formatFileSize } from "../i18n/format";
import { fileKindLabel } from "../submission/receipt-document";

// ---------------------------------------------------------------------------------------
// Shared with the PDF.

/** The result of a file's check: matches, or the loud mismatch with what exactly differs. */
export function openingFileResult(f: OpeningFileCheck, t: Translate): { ok: boolean; label: string; detail: string | null } {
  if (f.matches) return { ok: true, label: t("opening.record.file.match"), detail: null };
  return {
    ok: false,
    label: t("opening.record.file.mismatch"),
    detail: t(f.problem === "missing" ? "opening.record.file.missing" : "opening.record.file.changed"),
  };
}

/** "Los 2: Flüchtlingssozialarbeit – Region Nord", one per lot. */
export function openingLotLines(entry: OpeningRecordEntry, t: Translate): string[] {
  return entry.lots.map((l) => t("opening.record.lot", { number: l.number, role: l.roleName, region: l.regionName }));
}

/** The summary table's rows: label and count. */
export function openingSummaryRows(record: OpeningRecord, t: Translate): [string, number][] {
  const s = record.summary;
  return [
    [t("opening.record.summary.counting"), s.counting],
    [t("opening.record.summary.superseded"), s.superseded],
    [t("opening.record.summary.withdrawn"), s.withdrawn],
    [t("opening.record.summary.late"), s.late],
    [t("opening.record.summary.files"), s.files],
    [t("opening.record.summary.mismatches"), s.fileMismatches + s.contentMismatches],
  ];
}

export function openingPersonAt(person: { name: string }, at: string, locale: Locale, t: Translate): string {
  return t("opening.record.personAt", { name: person.name, date: formatDateTimeSeconds(new Date(at), locale) });
}

// ---------------------------------------------------------------------------------------
// The HTML record.

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

function When({ iso, locale }: { iso: string; locale: Locale }) {
  return <time dateTime={iso}>{formatDateTimeSeconds(new Date(iso), locale)}</time>;
}

function Mismatch({ children }: { children: React.ReactNode }) {
  return (
    <strong className="kern-badge kern-badge--danger">
      <span className="kern-label">{children}</span>
    </strong>
  );
}

function VersionTable({ entries, caption, withWithdrawal }: { entries: OpeningRecordEntry[]; caption: string; withWithdrawal?: boolean }) {
  const { t, locale } = useTranslation();
  const id = useId();
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="kern-table">
        <caption id={id}>{caption}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">{t("opening.record.col.number")}</th>
            <th scope="col" className="kern-table__header">{t("opening.record.col.organisation")}</th>
            <th scope="col" className="kern-table__header">{t("opening.record.col.version")}</th>
            <th scope="col" className="kern-table__header">{t("opening.record.col.receivedAt")}</th>
            {withWithdrawal ? <th scope="col" className="kern-table__header">{t("opening.record.col.withdrawnAt")}</th> : null}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {entries.map((e) => (
            <tr key={e.submissionId} className="kern-table__row">
              <th scope="row" className="kern-table__cell">{e.receiptNumber}</th>
              <td className="kern-table__cell">{e.organisationName}</td>
              <td className="kern-table__cell">{t("opening.record.versionValue", { version: e.version })}</td>
              <td className="kern-table__cell">
                <When iso={e.submittedAt} locale={locale} />
                {e.late ? <> <Mismatch>{t("opening.record.late")}</Mismatch></> : null}
              </td>
              {withWithdrawal ? (
                <td className="kern-table__cell">{e.withdrawnAt ? <When iso={e.withdrawnAt} locale={locale} /> : null}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CountingEntry({ entry }: { entry: OpeningRecordEntry }) {
  const { t, locale } = useTranslation();
  const id = useId();
  const lots = openingLotLines(entry, t);
  return (
    <section aria-labelledby={`${id}-h`} className="kern-card">
      <div className="kern-card__container stack">
        <h4 id={`${id}-h`} className="kern-heading-small">
          {t("opening.record.entry.heading", { organisation: entry.organisationName, number: entry.receiptNumber })}
        </h4>
        <dl className="kern-description-list">
          <Item label={t("opening.record.receiptNumber")}>
            <strong>{entry.receiptNumber}</strong>
          </Item>
          <Item label={t("opening.record.organisation")}>{entry.organisationName}</Item>
          <Item label={t("opening.record.receivedAt")}>
            <When iso={entry.submittedAt} locale={locale} />
            {entry.late ? <> <Mismatch>{t("opening.record.late")}</Mismatch></> : null}
          </Item>
          <Item label={t("opening.record.version")}>{t("opening.record.versionValue", { version: entry.version })}</Item>
          <Item label={t("opening.record.lots")}>
            {lots.length === 0 ? (
              t("opening.record.lots.none")
            ) : (
              <ul className="kern-list">
                {lots.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            )}
          </Item>
          <Item label={t("opening.record.contentHash")}>
            <Hash value={entry.contentHash} />
          </Item>
          <Item label={t("opening.record.content")}>
            {entry.sealedContentIntact ? t("opening.record.contentIntact") : <Mismatch>{t("opening.record.contentMismatch")}</Mismatch>}
          </Item>
        </dl>
        {entry.files.length === 0 ? (
          <p className="kern-body">{t("opening.record.files.none")}</p>
        ) : (
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={`${id}-files`}>
            <table className="kern-table">
              <caption id={`${id}-files`}>{t("opening.record.files.caption", { number: entry.receiptNumber })}</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">{t("opening.record.files.col.name")}</th>
                  <th scope="col" className="kern-table__header">{t("opening.record.files.col.kind")}</th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">{t("opening.record.files.col.size")}</th>
                  <th scope="col" className="kern-table__header">{t("opening.record.files.col.expected")}</th>
                  <th scope="col" className="kern-table__header">{t("opening.record.files.col.actual")}</th>
                  <th scope="col" className="kern-table__header">{t("opening.record.files.col.result")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {entry.files.map((f, i) => {
                  const result = openingFileResult(f, t);
                  return (
                    <tr key={`${f.fileId}-${i}`} className="kern-table__row">
                      <th scope="row" className="kern-table__cell">
                        <a className="kern-link" href={`/dateien/${f.fileId}`}>
                          {f.name}
                        </a>
                      </th>
                      <td className="kern-table__cell">{fileKindLabel(f, t)}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">{formatFileSize(f.sizeBytes, locale, t)}</td>
                      <td className="kern-table__cell">
                        <Hash value={f.expectedSha256} />
                      </td>
                      <td className="kern-table__cell">
                        {f.actualSha256 ? <Hash value={f.actualSha256} /> : t("opening.record.file.notComputed")}
                      </td>
                      <td className="kern-table__cell">
                        {result.ok ? (
                          result.label
                        ) : (
                          <>
                            <Mismatch>{result.label}</Mismatch>
                            <br />
                            <span className="kern-body--small">{result.detail}</span>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

export function OpeningRecordView({
  record,
  recordHash,
  auditHeadAtOpening,
  pdf,
}: {
  record: OpeningRecord;
  recordHash: string;
  auditHeadAtOpening: string;
  pdf: { href: string; sha256: string } | null;
}) {
  const { t, locale } = useTranslation();
  const id = useId();
  const late = lateEntries(record);
  const mismatches = record.summary.fileMismatches + record.summary.contentMismatches;
  const section = (key: string) => `${id}-${key}`;
  return (
    <article aria-labelledby={section("title")} className="stack">
      <h2 id={section("title")} className="kern-heading-large">
        {t("opening.record.title")}
      </h2>
      <p className="kern-body--large">{t("opening.record.lead", { call: record.call.title })}</p>

      {hasMismatches(record) ? (
        <div className="kern-alert kern-alert--danger" role="alert">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-title">{t("opening.record.mismatchAlert.title", { count: mismatches })}</span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">{t("opening.record.mismatchAlert.body")}</p>
          </div>
        </div>
      ) : (
        <div className="kern-alert kern-alert--success" role="note">
          <div className="kern-alert__body">
            <p className="kern-body">{t("opening.record.allMatch")}</p>
          </div>
        </div>
      )}

      <section aria-labelledby={section("opening")} className="stack">
        <h3 id={section("opening")} className="kern-heading-medium">
          {t("opening.record.section.opening")}
        </h3>
        <dl className="kern-description-list">
          <Item label={t("opening.record.call")}>{record.call.title}</Item>
          <Item label={t("opening.record.deadline")}>
            <time dateTime={record.call.submissionDeadline}>{formatDateTime(new Date(record.call.submissionDeadline), locale)}</time>
          </Item>
          <Item label={t("opening.record.startedBy")}>{openingPersonAt(record.startedBy, record.startedAt, locale, t)}</Item>
          <Item label={t("opening.record.confirmedBy")}>{openingPersonAt(record.confirmedBy, record.confirmedAt, locale, t)}</Item>
        </dl>
        <p className="kern-body">{t("opening.record.fourEyes")}</p>
      </section>

      <section aria-labelledby={section("summary")} className="stack">
        <h3 id={section("summary")} className="kern-heading-medium">
          {t("opening.record.section.summary")}
        </h3>
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={section("summary-caption")}>
          <table className="kern-table">
            <caption id={section("summary-caption")}>{t("opening.record.summary.caption")}</caption>
            <tbody className="kern-table__body">
              {openingSummaryRows(record, t).map(([label, value], i) => (
                <tr key={i} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">{label}</th>
                  <td className="kern-table__cell kern-table__cell--numeric">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby={section("counting")} className="stack">
        <h3 id={section("counting")} className="kern-heading-medium">
          {t("opening.record.section.counting")}
        </h3>
        <p className="kern-body">{t("opening.record.counting.intro")}</p>
        {record.counting.length === 0 ? <p className="kern-body">{t("opening.record.counting.none")}</p> : null}
        {record.counting.map((entry) => (
          <CountingEntry key={entry.submissionId} entry={entry} />
        ))}
      </section>

      <section aria-labelledby={section("late")} className="stack">
        <h3 id={section("late")} className="kern-heading-medium">
          {t("opening.record.section.late")}
        </h3>
        <p className="kern-body">{t("opening.record.late.note")}</p>
        {late.length === 0 ? (
          <p className="kern-body">{t("opening.record.late.none")}</p>
        ) : (
          <>
            <p className="kern-body">{t("opening.record.late.found")}</p>
            <VersionTable entries={late} caption={t("opening.record.list.caption.late")} />
          </>
        )}
      </section>

      <section aria-labelledby={section("withdrawn")} className="stack">
        <h3 id={section("withdrawn")} className="kern-heading-medium">
          {t("opening.record.section.withdrawn")}
        </h3>
        {record.withdrawn.length === 0 ? (
          <p className="kern-body">{t("opening.record.withdrawn.none")}</p>
        ) : (
          <>
            <p className="kern-body">{t("opening.record.withdrawn.intro")}</p>
            <VersionTable entries={record.withdrawn} caption={t("opening.record.list.caption.withdrawn")} withWithdrawal />
          </>
        )}
      </section>

      <section aria-labelledby={section("superseded")} className="stack">
        <h3 id={section("superseded")} className="kern-heading-medium">
          {t("opening.record.section.superseded")}
        </h3>
        {record.superseded.length === 0 ? (
          <p className="kern-body">{t("opening.record.superseded.none")}</p>
        ) : (
          <>
            <p className="kern-body">{t("opening.record.superseded.intro")}</p>
            <VersionTable entries={record.superseded} caption={t("opening.record.list.caption.superseded")} />
          </>
        )}
      </section>

      <section aria-labelledby={section("integrity")} className="stack">
        <h3 id={section("integrity")} className="kern-heading-medium">
          {t("opening.record.section.integrity")}
        </h3>
        <p className="kern-body">{t("opening.record.integrity.body")}</p>
        <dl className="kern-description-list">
          <Item label={t("opening.record.recordHash")}>
            <Hash value={recordHash} />
          </Item>
          <Item label={t("opening.record.auditHead")}>
            <Hash value={auditHeadAtOpening} />
          </Item>
          {pdf ? (
            <Item label={t("opening.record.pdfSha256")}>
              <Hash value={pdf.sha256} />
            </Item>
          ) : null}
        </dl>
        {pdf ? (
          <p>
            <a className="kern-link" href={pdf.href} download>
              {t("opening.record.downloadPdf")}
            </a>
          </p>
        ) : null}
      </section>
    </article>
  );
}
