// What the carrier submitted (the sealed snapshot): organisation, per lot the concept, posts
// and costs, and the files, each file marked where its bytes no longer match the opening record.
import { formatEuroCents, formatFteHundredths } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import type { OpeningFileCheck } from "../../evaluation/opening-record";
import { organisationLines } from "../../submission/receipt-document";
import { documentName, inFormOrder, type FileRef } from "../../submission/rules";
import type { View } from "./types";

function Mismatch({ children }: { children: React.ReactNode }) {
  return (
    <strong className="kern-badge kern-badge--danger">
      <span className="kern-label">{children}</span>
    </strong>
  );
}

function FileLink({ file, check }: { file: FileRef; check: OpeningFileCheck | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="kern-link" href={`/dateien/${file.id}`}>
        {file.name}
      </a>
      {check && !check.matches ? (
        <>
          {" "}
          <Mismatch>{t("opening.record.file.mismatch")}</Mismatch>
        </>
      ) : null}
    </>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n|\r\n\s*\r\n/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} className="kern-body">
            {p}
          </p>
        ))}
    </>
  );
}

export function SubmittedContent({ view }: { view: View }) {
  const { t, locale } = useTranslation();
  const s = view.snapshot;
  const checks = new Map(view.entry.files.map((f) => [f.fileId, f]));
  const [name, ...address] = organisationLines(s.organisation);
  return (
    <section aria-labelledby="eingereicht" className="stack">
      <h2 id="eingereicht" className="kern-heading-large">
        {t("check.detail.section.content")}
      </h2>
      <h3 className="kern-heading-small">{t("check.detail.organisation")}</h3>
      <address className="kern-body">
        <strong>{name}</strong>
        {address.map((line, i) => (
          <span key={i}>
            <br />
            {line}
          </span>
        ))}
      </address>
      {s.lots.map((l) => (
        <section key={l.lotId} aria-labelledby={`inhalt-${l.lotId}`} className="stack">
          <h3 id={`inhalt-${l.lotId}`} className="kern-heading-medium">
            {t("check.detail.section.lot", { number: l.number, role: l.roleName, region: l.regionName })}
          </h3>
          <h4 className="kern-heading-small">{t("check.detail.concept")}</h4>
          {l.concept.map((c) => (
            <div key={c.code}>
              <p className="kern-body kern-body--bold">{c.title}</p>
              <Paragraphs text={c.text} />
            </div>
          ))}
          {l.conceptFile ? (
            <p className="kern-body">
              <FileLink file={l.conceptFile} check={checks.get(l.conceptFile.id)} />
            </p>
          ) : null}
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={`stellen-${l.lotId}`}>
            <table className="kern-table">
              <caption id={`stellen-${l.lotId}`}>{t("check.detail.posts.caption", { number: l.number })}</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header kern-table__header--numeric">{t("check.detail.posts.col.fte")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.posts.col.qualification")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.posts.col.degree")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.posts.col.payGroup")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.posts.col.payDeclared")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.posts.col.languages")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {l.posts.map((p, i) => (
                  <tr key={i} className="kern-table__row">
                    <td className="kern-table__cell kern-table__cell--numeric">{formatFteHundredths(p.fteHundredths, locale)}</td>
                    <td className="kern-table__cell">{p.qualification}</td>
                    <td className="kern-table__cell">{p.hasPedagogicalDegree ? t("check.detail.yes") : t("check.detail.no")}</td>
                    <td className="kern-table__cell">{p.payGroup}</td>
                    <td className="kern-table__cell">{p.payAdequacyDeclared ? t("check.detail.yes") : t("check.detail.no")}</td>
                    <td className="kern-table__cell">{p.languages.join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="kern-body">
            {t("check.detail.costs", { perYear: formatEuroCents(l.totals.perYearCents, locale), term: formatEuroCents(l.totals.termCents, locale) })}
          </p>
        </section>
      ))}
      <h3 className="kern-heading-medium">{t("check.detail.files")}</h3>
      {s.documents.length === 0 ? <p className="kern-body">{t("check.detail.noFiles")}</p> : null}
      <ul className="kern-list">
        {inFormOrder(s.documents).map((d) => (
          <li key={d.file.id}>
            {t(documentName(d.kind))}: <FileLink file={d.file} check={checks.get(d.file.id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}
