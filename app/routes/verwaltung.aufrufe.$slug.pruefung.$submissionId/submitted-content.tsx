// What the carrier submitted (the sealed snapshot): organisation, per lot the concept, posts
// and costs, and the files, each file marked where its bytes no longer match the opening record.
import { Section } from "../../components/section";
import { formatEuroCents } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { Paragraphs, PostsTable } from "../../components/submitted-bid";
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

export function SubmittedContent({ view }: { view: View }) {
  const { t, locale } = useTranslation();
  const s = view.snapshot;
  const checks = new Map(view.entry.files.map((f) => [f.fileId, f]));
  const [name, ...address] = organisationLines(s.organisation);
  return (
    <Section level={2} className="stack" title={t("check.detail.section.content")}>
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
          <PostsTable posts={l.posts} lotNumber={l.number} captionId={`stellen-${l.lotId}`} />
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
    </Section>
  );
}
