// The call as the public reads it: the body of /aufrufe/<slug>, also shown by the officers'
// preview of a draft (/verwaltung/aufrufe/<slug>/vorschau), so that both are the same page.
import { Link } from "@remix-run/react";
import type { CallOutcome } from "../award/result";
import { DemoBanner } from "./demo-banner";
import { formatDate, formatDateTime, formatDuration, formatNumber } from "../i18n/format";
import type { MessageKey } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import type { PublicPhase, Remaining, CallView } from "../procurement/call-view";

/** An uploaded document of the call (app/procurement/authoring.server.ts `CallFile`). */
export type CallFileRef = {
  id: string;
  title: string;
  description: string;
  file: { id: string; name: string; mediaType: string; sizeBytes: number; sha256: string };
};

const DATE_ROWS: { key: keyof CallView["dates"]; label: MessageKey }[] = [
  { key: "published", label: "call.dates.published" },
  { key: "questionDeadline", label: "call.dates.questionDeadline" },
  { key: "submissionDeadline", label: "call.dates.submissionDeadline" },
  { key: "opening", label: "call.dates.opening" },
  { key: "bindingPeriodEnd", label: "call.dates.bindingPeriodEnd" },
  { key: "serviceStart", label: "call.dates.serviceStart" },
  { key: "contractEnd", label: "call.dates.contractEnd" },
];

const SECTIONS: { id: string; label: MessageKey }[] = [
  { id: "termine", label: "call.dates" },
  { id: "worum-es-geht", label: "call.about" },
  { id: "regionen", label: "call.regions" },
  { id: "leistungen", label: "call.roles" },
  { id: "personalschluessel", label: "call.staffing" },
  { id: "schutzbeduerftige", label: "call.vulnerable" },
  { id: "lose", label: "call.lots" },
  { id: "kriterien", label: "call.criteria" },
  { id: "konzept", label: "call.concept" },
  { id: "unterlagen", label: "call.documents" },
  { id: "aenderungen", label: "call.amendments" },
  { id: "bewerbung", label: "call.howToApply" },
  { id: "kontakt", label: "call.contact" },
  { id: "hinweis", label: "call.illustrative" },
];

function Paragraphs({ items }: { items: string[] }) {
  return (
    <>
      {items.map((p, i) => (
        <p key={i} className="kern-body">
          {p}
        </p>
      ))}
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-titel`} className="call-section">
      <h2 id={`${id}-titel`} className="kern-heading-large">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Entschieden / Aufhebung: the result link, or the cancellation with date and reason. */
function OutcomeNotice({ outcome, base }: { outcome: CallOutcome; base: string }) {
  const { t, locale } = useTranslation();
  return (
    <>
      {outcome.awardedAt ? (
        <div className="kern-alert kern-alert--success" role="status" id="ergebnis">
          <div className="kern-alert__header">
            <span className="kern-title">{t("home.decided")}</span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">{t("result.notice.decided", { date: formatDateTime(outcome.awardedAt, locale) })}</p>
            <p className="kern-body kern-body--bold">
              <Link className="kern-link" to={`${base}/ergebnis`}>
                {t("result.notice.link")}
              </Link>
            </p>
          </div>
        </div>
      ) : null}
      {outcome.cancellation ? (
        <div className="kern-alert kern-alert--danger" role="status" id="aufhebung">
          <div className="kern-alert__header">
            <span className="kern-title">{t("result.cancelled.title")}</span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">
              {outcome.cancellation.at
                ? t("result.cancelled.body", { date: formatDateTime(outcome.cancellation.at, locale) })
                : t("result.cancelled.bodyUndated")}
            </p>
            <p className="kern-body">
              <strong>{t("result.reason")}:</strong> {outcome.cancellation.reason}
            </p>
          </div>
        </div>
      ) : null}
      {!outcome.cancellation && outcome.cancelledLots.length ? (
        <div className="kern-alert kern-alert--warning" role="status" id="aufgehobene-lose">
          <div className="kern-alert__header">
            <span className="kern-title">{t("result.notice.lotsCancelled")}</span>
          </div>
          <div className="kern-alert__body">
            <ul className="kern-list">
              {outcome.cancelledLots.map((l) => (
                <li key={l.lotId}>
                  {t("result.cancelledLot", { number: l.number, region: l.regionName, role: l.roleName, date: formatDate(l.at, locale) })}{" "}
                  <strong>{t("result.reason")}:</strong> {l.reason}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </>
  );
}

export function CallDocument({
  call,
  phase,
  remaining,
  files = [],
  outcome,
  top,
  offer,
}: {
  call: CallView;
  phase: PublicPhase;
  remaining: Remaining;
  /** Uploaded documents of the call, downloadable at /dateien/<id>. */
  files?: CallFileRef[];
  /** Award made, call or lots cancelled (app/award/result.server.ts); none in the preview. */
  outcome?: CallOutcome;
  /** Rendered first inside the article (breadcrumbs, banners). */
  top?: React.ReactNode;
  /** The way to take part (sign in, start, continue), below the call's status; none in the preview. */
  offer?: React.ReactNode;
}) {
  const { t, locale } = useTranslation();
  const roleName = (code: string) => call.roles.find((r) => r.code === code)?.name ?? code;
  const base = `/aufrufe/${call.slug}`;
  return (
    <article>
      {top}
      {call.isDemo ? <DemoBanner /> : null}
      <p className="kern-preline">
        {call.authority} · {call.department}
      </p>
      <h1 className="kern-heading-x-large">{call.title}</h1>
      <p className="kern-body--large">{call.texts.summary}</p>

      <div
        className={`kern-alert ${phase === "open" ? "kern-alert--info" : "kern-alert--warning"}`}
        role="status"
      >
        <div className="kern-alert__header">
          <span className="kern-title">
            {t("call.status")}: {t(`status.${call.status}` as MessageKey)}
          </span>
        </div>
        <div className="kern-alert__body">
          <p className="kern-body">
            {remaining
              ? t("call.countdown", { time: formatDuration(t, locale, remaining) })
              : t("call.deadlinePassed", { date: formatDateTime(call.dates.submissionDeadline, locale) })}
          </p>
        </div>
      </div>

      {outcome ? <OutcomeNotice outcome={outcome} base={base} /> : null}
      {offer}

      <nav aria-labelledby="inhalt-titel" className="call-toc call-section">
        <h2 id="inhalt-titel" className="kern-heading-medium">
          {t("call.onThisPage")}
        </h2>
        <ul className="kern-list">
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a className="kern-link" href={`#${s.id}`}>
                {t(s.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="termine" title={t("call.dates")}>
        <dl className="kern-description-list">
          {DATE_ROWS.map(({ key, label }) => {
            const value = call.dates[key];
            return value ? (
              <div key={key} className="kern-description-list-item">
                <dt className="kern-description-list-item__key">{t(label)}</dt>
                <dd className="kern-description-list-item__value">
                  <time dateTime={value.toISOString()}>{formatDateTime(value, locale)}</time>
                </dd>
              </div>
            ) : null;
          })}
        </dl>
        <p className="kern-body--small">{t("call.dates.note")}</p>
      </Section>

      <Section id="worum-es-geht" title={t("call.about")}>
        <Paragraphs items={call.texts.description} />
        <h3 className="kern-heading-medium">{t("call.standards")}</h3>
        <Paragraphs items={call.texts.standards} />
      </Section>

      <Section id="regionen" title={t("call.regions")}>
        <dl className="kern-description-list">
          {call.regions.map((r) => (
            <div key={r.id} className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{r.name}</dt>
              <dd className="kern-description-list-item__value">{r.description}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section id="leistungen" title={t("call.roles")}>
        {call.roles.map((r) => (
          <section key={r.id} aria-labelledby={`rolle-${r.code}`} className="kern-card call-section">
            <div className="kern-card__container">
              <div className="kern-card__header">
                <h3 id={`rolle-${r.code}`} className="kern-heading-medium">
                  {r.name}
                </h3>
                {r.requiresPedagogicalDegree ? (
                  <span className="kern-badge kern-badge--info">{t("call.role.degreeRequired")}</span>
                ) : null}
              </div>
              <div className="kern-card__body">
                <p className="kern-body">{r.summary}</p>
                <h4 className="kern-heading-small">{t("call.role.tasks")}</h4>
                <ul className="kern-list kern-list--bullet">
                  {r.tasks.map((task, i) => (
                    <li key={i}>{task}</li>
                  ))}
                </ul>
                <h4 className="kern-heading-small">{t("call.role.qualifications")}</h4>
                <p className="kern-body">{r.qualifications}</p>
                <h4 className="kern-heading-small">{t("call.role.pay")}</h4>
                <p className="kern-body">{r.payGuideline}</p>
                {r.tandemWith ? <p className="kern-body kern-body--bold">{t("call.role.tandem", { role: roleName(r.tandemWith) })}</p> : null}
              </div>
            </div>
          </section>
        ))}
        <h3 className="kern-heading-medium">{t("call.pay")}</h3>
        <Paragraphs items={call.texts.adequatePay} />
      </Section>

      <Section id="personalschluessel" title={t("call.staffing")}>
        <p className="kern-body kern-body--large kern-body--bold">
          {t("call.staffing.key", { count: call.clientsPerFte })}
        </p>
        <p className="kern-body">{t("call.staffing.rules")}</p>
        <dl className="kern-description-list">
          {call.staffingRules.map((s) => (
            <div key={s.roleCode} className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{roleName(s.roleCode)}</dt>
              <dd className="kern-description-list-item__value">
                {s.basis === "fixedPerRegion"
                  ? t("call.staffing.fixed", { fte: formatNumber(s.fixedFte ?? 0, locale, 2) })
                  : t("call.staffing.perClients", { count: s.clientsPerFte ?? 0, share: s.sharePercent ?? 100 })}
                {" – "}
                {s.explanation}
              </dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section id="schutzbeduerftige" title={t("call.vulnerable")}>
        <Paragraphs items={call.texts.vulnerableGroups} />
      </Section>

      <Section id="lose" title={t("call.lots")}>
        <p className="kern-body">{t("call.lots.intro")}</p>
        <ul className="kern-list kern-list--bullet">
          <li>
            {call.maxLotsPerCarrier ? t("call.lots.cap", { count: call.maxLotsPerCarrier }) : t("call.lots.noCap")}
          </li>
          <li>{call.allowLotSplit ? t("call.lots.split") : t("call.lots.noSplit")}</li>
        </ul>
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="lose-tabelle">
          <table className="kern-table kern-table--striped">
            <caption id="lose-tabelle">{t("call.lots.caption", { count: call.lots.length })}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t("call.lots.number")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("call.lots.region")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("call.lots.role")}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {call.lots.map((l) => (
                <tr key={l.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell kern-table__cell--numeric">
                    {t("call.lots.number")} {l.number}
                  </th>
                  <td className="kern-table__cell">{l.regionName}</td>
                  <td className="kern-table__cell">
                    {l.roleName}
                    {l.cancelled ? (
                      <>
                        {" "}
                        <span className="kern-badge kern-badge--danger">{t("result.lotBadge")}</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="kriterien" title={t("call.criteria")}>
        <p className="kern-body">{t("call.criteria.intro", { min: call.scale.min, max: call.scale.max })}</p>
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="kriterien-tabelle">
          <table className="kern-table">
            <caption id="kriterien-tabelle">{t("call.criteria.caption")}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t("call.criteria.criterion")}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t("call.criteria.weight")}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {call.criteria.map((c) => (
                <tr key={c.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <a className="kern-link" href={`#kriterium-${c.code}`}>
                      {c.name}
                    </a>
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">{c.weightPercent} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {call.criteria.map((c) => (
          <section key={c.id} id={`kriterium-${c.code}`} aria-labelledby={`kriterium-${c.code}-titel`}>
            <h3 id={`kriterium-${c.code}-titel`} className="kern-heading-medium">
              {c.name} ({c.weightPercent} %)
            </h3>
            <p className="kern-body">{c.description}</p>
            {c.priceFormula ? (
              <p className="kern-body">
                <strong>{t("call.criteria.formula")}:</strong> {c.priceFormula}
              </p>
            ) : null}
            <h4 className="kern-heading-small">{t("call.criteria.scale")}</h4>
            <dl className="kern-description-list scale-list">
              {c.scale.map((p) => (
                <div key={p.points} className="kern-description-list-item">
                  <dt className="kern-description-list-item__key">{t("call.criteria.points", { points: p.points })}</dt>
                  <dd className="kern-description-list-item__value">{p.meaning}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </Section>

      <Section id="konzept" title={t("call.concept")}>
        <p className="kern-body">{t("call.concept.intro")}</p>
        <ol className="kern-list kern-list--number">
          {call.conceptSections.map((s) => (
            <li key={s.code}>
              <strong>{s.title}</strong> ({t("call.concept.maxChars", { count: formatNumber(s.maxChars, locale) })}): {s.guidance}
            </li>
          ))}
        </ol>
      </Section>

      <Section id="unterlagen" title={t("call.documents")}>
        <ul className="kern-list">
          <li>
            <a className="kern-link" href={`${base}/aufruf.pdf`}>
              {t("call.documents.pdf")}
            </a>{" "}
            <span className="kern-body--small">({t("call.documents.pdfHint")})</span>
          </li>
          <li>
            <Link className="kern-link" to={`${base}/fragen`}>
              {t("call.documents.questions")}
            </Link>
          </li>
          <li>
            <a className="kern-link" href={`${base}/ocds.json`}>
              {t("call.documents.ocds")}
            </a>
          </li>
          {files.map((d) => (
            <li key={d.id}>
              <a className="kern-link" href={`/dateien/${d.file.id}`}>
                {d.title}
              </a>{" "}
              <span className="kern-body--small">
                ({t("authoring.documents.meta", { size: formatNumber(d.file.sizeBytes / 1024, locale, 1) })}
                {d.description ? `; ${d.description}` : ""})
              </span>
            </li>
          ))}
          {call.documents.map((d, i) => (
            <li key={i}>
              {d.url ? (
                <a className="kern-link" href={d.url}>
                  {d.title}
                </a>
              ) : (
                d.title
              )}{" "}
              <span className="kern-body--small">({d.description})</span>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="aenderungen" title={t("call.amendments")}>
        {call.amendments.length === 0 ? (
          <p className="kern-body">{t("call.amendments.none")}</p>
        ) : (
          call.amendments.map((a) => (
            <section key={a.number} aria-labelledby={`aenderung-${a.number}`}>
              <h3 id={`aenderung-${a.number}`} className="kern-heading-small">
                {t("call.amendments.item", { number: a.number, date: formatDate(a.publishedAt, locale) })}: {a.title}
              </h3>
              <p className="kern-body">{a.body}</p>
              <p className="kern-body--small">
                {t("call.amendments.reason")}: {a.reason}
              </p>
            </section>
          ))
        )}
      </Section>

      <Section id="bewerbung" title={t("call.howToApply")}>
        <ol className="kern-list kern-list--number">
          {call.texts.howToApply.map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
      </Section>

      <Section id="kontakt" title={t("call.contact")}>
        <address className="kern-body">
          {call.authority}
          <br />
          {call.texts.contact.department}, {call.texts.contact.name}
          <br />
          {call.texts.contact.street}
          <br />
          {call.texts.contact.postalCode} {call.texts.contact.city}
          <br />
          <a className="kern-link" href={`mailto:${call.texts.contact.email}`}>
            {call.texts.contact.email}
          </a>
          {call.texts.contact.phone ? (
            <>
              <br />
              {call.texts.contact.phone}
            </>
          ) : null}
        </address>
      </Section>

      <Section id="hinweis" title={t("call.illustrative")}>
        <p className="kern-body">{call.texts.illustrativeNotice}</p>
        {call.texts.illustrative.length ? (
          <>
            <p className="kern-body">{t("call.illustrative.list")}</p>
            <ul className="kern-list kern-list--bullet">
              {call.texts.illustrative.map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>
    </article>
  );
}
