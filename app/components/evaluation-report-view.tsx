// The Vergabevermerk as accessible HTML: the twin of the untagged PDF from
// app/evaluation/report-pdf.server.ts, with the same content and the same `report.*`
// labels. The helpers below are shared with the PDF, so both state the same lines,
// the same rounding and the same notes on ties.
import { useId } from "react";
import type { Locale, MessageKey, Translate } from "../i18n";
import { formatDateTime, formatNumber } from "../i18n/format";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { useTranslation } from "../i18n/use-translation";
import type {
  EvaluationReport,
  ReportBid,
  ReportCheckItem,
  ReportCriterion,
  ReportLot,
  ReportTimelineEntry,
} from "../evaluation/report.server";
import { roundForDisplay } from "../evaluation/scoring";
import { openingFileResult, openingSummaryRows } from "./opening-record-view";
import { formatEuroCents } from "./receipt-view";

// ---------------------------------------------------------------------------------------
// Shared with the PDF and the officers' evaluation page.

/** A score or total as shown: rounded to two decimals (ranking uses the unrounded value). */
export function formatScore(value: number, locale: Locale): string {
  return formatNumber(roundForDisplay(value), locale, 2);
}

export function when(iso: string, locale: Locale): string {
  return formatDateTimeSeconds(new Date(iso), locale);
}

export function lotLabel(lot: Pick<ReportLot, "number" | "roleName" | "regionName">, t: Translate): string {
  return t("opening.record.lot", { number: lot.number, role: lot.roleName, region: lot.regionName });
}

/** The readable name of a step of the procedure. */
export function timelineLabel(e: Pick<ReportTimelineEntry, "action">, t: Translate): string {
  return t(`report.action.${e.action}` as MessageKey);
}

/** What a step was about, as "label: value" parts. */
export function timelineDetails(e: ReportTimelineEntry, t: Translate, locale: Locale): string[] {
  const s = e.subject;
  const parts: string[] = [];
  if (s.organisationName) parts.push(t("report.timeline.organisation", { name: s.organisationName }));
  if (s.receiptNumber) parts.push(t("report.timeline.receipt", { number: s.receiptNumber }));
  if (s.version !== undefined) parts.push(t("report.timeline.version", { version: s.version }));
  if (s.lotNumber !== undefined) parts.push(t("report.timeline.lot", { number: s.lotNumber }));
  if (s.evaluatorName) parts.push(t("report.timeline.evaluator", { name: s.evaluatorName }));
  if (s.hasConflict !== undefined) parts.push(t(s.hasConflict ? "report.timeline.conflict" : "report.timeline.noConflict"));
  if (s.criterionName) parts.push(t("report.timeline.criterion", { name: s.criterionName }));
  if (s.points !== undefined) parts.push(t("report.timeline.points", { points: s.points }));
  if (s.fte) parts.push(t("report.timeline.fte", { from: formatNumber(s.fte.from / 100, locale, 2), to: formatNumber(s.fte.to / 100, locale, 2) }));
  if (s.reason) parts.push(t("report.timeline.reason", { reason: s.reason }));
  if (s.earliestAwardAt) parts.push(t("report.timeline.earliestAward", { date: formatDateTime(new Date(s.earliestAwardAt), locale) }));
  if (s.awards !== undefined) parts.push(t("report.timeline.awards", { count: s.awards }));
  if (s.notices !== undefined) parts.push(t("report.timeline.notices", { count: s.notices }));
  return parts;
}

export function checkItemLabel(i: Pick<ReportCheckItem, "item" | "lotNumber">, t: Translate): string {
  const label = i.lotNumber !== null && i.item === "complete" ? t("check.item.lot.complete") : t(`check.item.${i.item}` as MessageKey);
  return i.lotNumber === null ? label : t("report.check.lotItem", { number: i.lotNumber, item: label });
}

export function checkResult(i: ReportCheckItem, locale: Locale, t: Translate): string {
  if (i.passed === null) return t("report.check.notRecorded");
  const result = t(i.passed ? "check.detail.passed" : "check.detail.failed");
  return t("report.check.result", { result, name: i.checkedBy ?? "", date: i.checkedAt ? when(i.checkedAt, locale) : "" });
}

/** Why a bid has its place: a tie broken by a criterion, or why it is not ranked yet. */
export function rankNote(bid: ReportBid, criteria: ReportCriterion[], t: Translate): string {
  if (bid.total === null) {
    return bid.openFlags > 0 ? t("report.rank.openFlags", { count: bid.openFlags }) : t("report.rank.incomplete");
  }
  if (bid.tieBrokenBy) {
    const c = criteria.find((x) => x.id === bid.tieBrokenBy);
    return t("report.rank.tieBroken", { criterion: c?.name ?? "" });
  }
  return "";
}

export function criterionHeading(c: ReportCriterion, t: Translate): string {
  return t("report.criterion.heading", { name: c.name, weight: c.weightPercent });
}

/** The rounding and ranking rules, as app/evaluation/scoring.ts applies them. */
export function roundingRules(report: Pick<EvaluationReport, "call">, t: Translate): string[] {
  return [
    t("report.rules.scale", { min: report.call.scaleMin, max: report.call.scaleMax }),
    t("report.rules.final"),
    t("report.rules.spread", { threshold: report.call.spreadThreshold }),
    t("report.rules.price"),
    t("report.rules.total"),
    t("report.rules.tie"),
  ];
}

export function finalScoreText(value: number | null, locale: Locale, t: Translate): string {
  return value === null ? t("report.score.none") : formatScore(value, locale);
}

// ---------------------------------------------------------------------------------------
// The HTML report.

function Table({ caption, children, head }: { caption: string; head: React.ReactNode; children: React.ReactNode }) {
  const id = useId();
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="kern-table">
        <caption id={id}>{caption}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">{head}</tr>
        </thead>
        <tbody className="kern-table__body">{children}</tbody>
      </table>
    </div>
  );
}

function Th({ children, numeric }: { children: React.ReactNode; numeric?: boolean }) {
  return (
    <th scope="col" className={`kern-table__header${numeric ? " kern-table__header--numeric" : ""}`}>
      {children}
    </th>
  );
}

function Td({ children, numeric }: { children: React.ReactNode; numeric?: boolean }) {
  return <td className={`kern-table__cell${numeric ? " kern-table__cell--numeric" : ""}`}>{children}</td>;
}

function Time({ iso }: { iso: string }) {
  const { locale } = useTranslation();
  return <time dateTime={iso}>{when(iso, locale)}</time>;
}

/** The ranking of one lot: rank, carrier, weighted total, price score, note. */
export function RankingTable({ lot, criteria }: { lot: ReportLot; criteria: ReportCriterion[] }) {
  const { t, locale } = useTranslation();
  return (
    <Table
      caption={t("report.ranking.caption", { lot: lotLabel(lot, t) })}
      head={
        <>
          <Th>{t("report.ranking.col.rank")}</Th>
          <Th>{t("report.ranking.col.organisation")}</Th>
          <Th numeric>{t("report.ranking.col.total")}</Th>
          <Th numeric>{t("report.ranking.col.price")}</Th>
          <Th>{t("report.ranking.col.note")}</Th>
        </>
      }
    >
      {lot.bids.map((b) => (
        <tr key={b.submissionId} className="kern-table__row">
          <Td>{b.rank ?? "–"}</Td>
          <th scope="row" className="kern-table__cell">
            {b.organisationName}
            <br />
            <span className="kern-body--small">{b.receiptNumber}</span>
          </th>
          <Td numeric>{b.total === null ? "–" : formatScore(b.total, locale)}</Td>
          <Td numeric>{b.priceScore === null ? "–" : formatScore(b.priceScore, locale)}</Td>
          <Td>{rankNote(b, criteria, t)}</Td>
        </tr>
      ))}
    </Table>
  );
}

function BidScores({ bid, criteria }: { bid: ReportBid; criteria: ReportCriterion[] }) {
  const { t, locale } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={id} className="stack">
      <h5 id={id} className="kern-heading-small">
        {t("report.bid.heading", { organisation: bid.organisationName, number: bid.receiptNumber })}
      </h5>
      <Table
        caption={t("report.scores.caption", { organisation: bid.organisationName })}
        head={
          <>
            <Th>{t("report.scores.col.criterion")}</Th>
            <Th>{t("report.scores.col.evaluator")}</Th>
            <Th numeric>{t("report.scores.col.points")}</Th>
            <Th>{t("report.scores.col.justification")}</Th>
          </>
        }
      >
        {criteria.map((c) => {
          const r = bid.criteria.find((x) => x.criterionId === c.id);
          const heading = (rows: number) => (
            <th scope="row" rowSpan={rows} className="kern-table__cell">
              {criterionHeading(c, t)}
              <br />
              <span className="kern-body--small">
                {c.kind === "price"
                  ? t("report.scores.priceFinal", { points: finalScoreText(r?.final ?? null, locale, t) })
                  : t("report.scores.final", { points: finalScoreText(r?.final ?? null, locale, t) })}
              </span>
              {r?.spread ? (
                <>
                  <br />
                  <strong>{r.consensus ? t("report.scores.spreadResolved") : t("report.scores.spreadOpen")}</strong>
                </>
              ) : null}
            </th>
          );
          if (c.kind === "price") {
            return (
              <tr key={c.id} className="kern-table__row">
                {heading(1)}
                <Td>{t("report.scores.byFormula")}</Td>
                <Td numeric>{bid.priceScore === null ? "–" : formatScore(bid.priceScore, locale)}</Td>
                <Td>
                  {t("report.scores.priceBasis", { cost: formatEuroCents(bid.costPerFteCents, locale) })} {c.priceFormula}
                </Td>
              </tr>
            );
          }
          const scores = r?.scores ?? [];
          const extra = r?.consensus ? 1 : 0;
          const rows = Math.max(1, scores.length) + extra;
          return [
            ...(scores.length === 0
              ? [
                  <tr key={`${c.id}-none`} className="kern-table__row">
                    {heading(rows)}
                    <Td>–</Td>
                    <Td numeric>–</Td>
                    <Td>{t("report.scores.none")}</Td>
                  </tr>,
                ]
              : scores.map((s, i) => (
                  <tr key={`${c.id}-${s.evaluatorId}`} className="kern-table__row">
                    {i === 0 ? heading(rows) : null}
                    <Td>{s.evaluatorName}</Td>
                    <Td numeric>{s.points}</Td>
                    <Td>{s.justification}</Td>
                  </tr>
                ))),
            ...(r?.consensus
              ? [
                  <tr key={`${c.id}-consensus`} className="kern-table__row">
                    <Td>
                      <strong>{t("report.scores.consensus")}</strong>
                      <br />
                      <span className="kern-body--small">
                        {t("report.scores.consensusBy", { name: r.consensus.recordedBy, date: r.consensus.recordedAt ? when(r.consensus.recordedAt, locale) : "" })}
                      </span>
                    </Td>
                    <Td numeric>
                      <strong>{r.consensus.points}</strong>
                    </Td>
                    <Td>{r.consensus.reason}</Td>
                  </tr>,
                ]
              : []),
          ];
        })}
      </Table>
      <p className="kern-body">
        {bid.total === null
          ? rankNote(bid, criteria, t)
          : t("report.bid.total", { total: formatScore(bid.total, locale), rank: bid.rank ?? "–" })}
      </p>
    </section>
  );
}

export function EvaluationReportView({ report }: { report: EvaluationReport }) {
  const { t, locale } = useTranslation();
  const id = useId();
  const section = (key: string) => `${id}-${key}`;
  const record = report.opening?.record ?? null;
  return (
    <article aria-labelledby={section("title")} className="stack">
      <h2 id={section("title")} className="kern-heading-large">
        {t("report.title")}
      </h2>
      <p className="kern-body--large">{t("report.lead", { call: report.call.title })}</p>
      {report.call.isDemo ? (
        <div className="kern-alert kern-alert--warning" role="note">
          <div className="kern-alert__body">
            <p className="kern-body">{t("report.demo")}</p>
          </div>
        </div>
      ) : null}
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("report.meta.authority")}</dt>
          <dd className="kern-description-list-item__value">
            {report.call.authority}, {report.call.department}
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("report.meta.status")}</dt>
          <dd className="kern-description-list-item__value">{t(`status.${report.call.status}` as MessageKey)}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("report.meta.generated")}</dt>
          <dd className="kern-description-list-item__value">
            <Time iso={report.generatedAt} />
          </dd>
        </div>
      </dl>

      <section aria-labelledby={section("timeline")} className="stack">
        <h3 id={section("timeline")} className="kern-heading-medium">
          {t("report.section.timeline")}
        </h3>
        <p className="kern-body">{t("report.timeline.intro", { count: report.audit.entries })}</p>
        <Table
          caption={t("report.timeline.caption")}
          head={
            <>
              <Th>{t("report.timeline.col.at")}</Th>
              <Th>{t("report.timeline.col.step")}</Th>
              <Th>{t("report.timeline.col.details")}</Th>
              <Th>{t("report.timeline.col.actor")}</Th>
            </>
          }
        >
          {report.timeline.map((e) => (
            <tr key={e.seq} className="kern-table__row">
              <Td>
                <Time iso={e.at} />
              </Td>
              <th scope="row" className="kern-table__cell">
                {timelineLabel(e, t)}
              </th>
              <Td>{timelineDetails(e, t, locale).join("; ")}</Td>
              <Td>{e.actor ?? t("officer.auditSystem")}</Td>
            </tr>
          ))}
        </Table>
      </section>

      <section aria-labelledby={section("opening")} className="stack">
        <h3 id={section("opening")} className="kern-heading-medium">
          {t("report.section.opening")}
        </h3>
        {!record ? (
          <p className="kern-body">{t("report.opening.none")}</p>
        ) : (
          <>
            <p className="kern-body">
              {t("report.opening.summary", {
                startedBy: record.startedBy.name,
                startedAt: when(record.startedAt, locale),
                confirmedBy: record.confirmedBy.name,
                confirmedAt: when(record.confirmedAt, locale),
              })}
            </p>
            <Table
              caption={t("opening.record.summary.caption")}
              head={
                <>
                  <Th>{t("report.opening.col.item")}</Th>
                  <Th numeric>{t("report.opening.col.count")}</Th>
                </>
              }
            >
              {openingSummaryRows(record, t).map(([label, value], i) => (
                <tr key={i} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {label}
                  </th>
                  <Td numeric>{value}</Td>
                </tr>
              ))}
            </Table>
            <Table
              caption={t("report.opening.entries.caption")}
              head={
                <>
                  <Th>{t("opening.record.col.number")}</Th>
                  <Th>{t("opening.record.col.organisation")}</Th>
                  <Th>{t("opening.record.col.receivedAt")}</Th>
                  <Th>{t("opening.record.lots")}</Th>
                  <Th>{t("report.opening.col.files")}</Th>
                </>
              }
            >
              {record.counting.map((e) => {
                const problems = e.files.filter((f) => !f.matches);
                return (
                  <tr key={e.submissionId} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {e.receiptNumber}
                    </th>
                    <Td>{e.organisationName}</Td>
                    <Td>
                      <Time iso={e.submittedAt} />
                      {e.late ? (
                        <>
                          {" "}
                          <strong>{t("opening.record.late")}</strong>
                        </>
                      ) : null}
                    </Td>
                    <Td>{e.lots.map((l) => l.number).join(", ")}</Td>
                    <Td>
                      {problems.length === 0 && e.sealedContentIntact ? (
                        t("report.opening.filesOk", { count: e.files.length })
                      ) : (
                        <strong>
                          {[
                            ...problems.map((f) => `${f.name}: ${openingFileResult(f, t).detail ?? ""}`),
                            ...(e.sealedContentIntact ? [] : [t("opening.record.contentMismatch")]),
                          ].join("; ")}
                        </strong>
                      )}
                    </Td>
                  </tr>
                );
              })}
            </Table>
            <p className="kern-body--small">
              {t("report.opening.hash")} <code className="hash">{report.opening?.recordHash}</code>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby={section("check")} className="stack">
        <h3 id={section("check")} className="kern-heading-medium">
          {t("report.section.formalCheck")}
        </h3>
        {report.formalCheck.length === 0 ? <p className="kern-body">{t("report.check.none")}</p> : null}
        {report.formalCheck.map((f) => (
          <Table
            key={f.submissionId}
            caption={t("report.check.caption", { organisation: f.organisationName, number: f.receiptNumber })}
            head={
              <>
                <Th>{t("report.check.col.item")}</Th>
                <Th>{t("report.check.col.result")}</Th>
                <Th>{t("report.check.col.note")}</Th>
              </>
            }
          >
            {f.items.map((i, n) => (
              <tr key={n} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {checkItemLabel(i, t)}
                </th>
                <Td>{checkResult(i, locale, t)}</Td>
                <Td>{i.note}</Td>
              </tr>
            ))}
          </Table>
        ))}
        <h4 className="kern-heading-small">{t("report.exclusions.heading")}</h4>
        {report.exclusions.length === 0 ? (
          <p className="kern-body">{t("report.exclusions.none")}</p>
        ) : (
          <ul className="kern-list">
            {report.exclusions.map((x, i) => (
              <li key={i}>
                {t(x.lotNumber === null ? "report.exclusions.whole" : "report.exclusions.lot", {
                  organisation: x.organisationName,
                  number: x.receiptNumber,
                  lot: x.lotNumber ?? "",
                  date: when(x.decidedAt, locale),
                })}{" "}
                {t("report.exclusions.reason", { reason: x.reason })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={section("conflicts")} className="stack">
        <h3 id={section("conflicts")} className="kern-heading-medium">
          {t("report.section.conflicts")}
        </h3>
        <p className="kern-body">{t("report.conflicts.intro")}</p>
        <ul className="kern-list">
          {report.lots.map((l) => (
            <li key={l.lotId}>
              {lotLabel(l, t)}: {l.evaluators.length ? l.evaluators.map((e) => e.name).join(", ") : t("report.conflicts.noEvaluators")}
              {l.belowMinimum ? <strong> {t("report.conflicts.belowMinimum")}</strong> : null}
            </li>
          ))}
        </ul>
        {report.declarations.length === 0 ? (
          <p className="kern-body">{t("report.conflicts.none")}</p>
        ) : (
          <Table
            caption={t("report.conflicts.caption")}
            head={
              <>
                <Th>{t("report.conflicts.col.at")}</Th>
                <Th>{t("report.conflicts.col.evaluator")}</Th>
                <Th>{t("report.conflicts.col.organisation")}</Th>
                <Th>{t("report.conflicts.col.declaration")}</Th>
                <Th>{t("report.conflicts.col.note")}</Th>
              </>
            }
          >
            {report.declarations.map((d, i) => (
              <tr key={i} className="kern-table__row">
                <Td>
                  <Time iso={d.declaredAt} />
                </Td>
                <th scope="row" className="kern-table__cell">
                  {d.evaluatorName}
                </th>
                <Td>{d.organisationName}</Td>
                <Td>
                  {d.hasConflict ? <strong>{t("report.conflicts.conflict")}</strong> : t("report.conflicts.noConflict")}
                  {d.current ? null : (
                    <>
                      <br />
                      <span className="kern-body--small">{t("report.conflicts.superseded")}</span>
                    </>
                  )}
                </Td>
                <Td>{d.note}</Td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <section aria-labelledby={section("criteria")} className="stack">
        <h3 id={section("criteria")} className="kern-heading-medium">
          {t("report.section.criteria")}
        </h3>
        <ul className="kern-list">
          {report.criteria.map((c) => (
            <li key={c.id}>
              <strong>{criterionHeading(c, t)}</strong>: {c.kind === "price" ? c.priceFormula : c.description}
            </li>
          ))}
        </ul>
        <h4 className="kern-heading-small">{t("report.rules.heading")}</h4>
        <ul className="kern-list">
          {roundingRules(report, t).map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby={section("scores")} className="stack">
        <h3 id={section("scores")} className="kern-heading-medium">
          {t("report.section.scores")}
        </h3>
        {report.lots.length === 0 ? <p className="kern-body">{t("report.lots.none")}</p> : null}
        {report.lots.map((l) => (
          <section key={l.lotId} aria-labelledby={section(`lot-${l.number}`)} className="stack">
            <h4 id={section(`lot-${l.number}`)} className="kern-heading-small">
              {lotLabel(l, t)}
            </h4>
            {l.bids.map((b) => (
              <BidScores key={b.submissionId} bid={b} criteria={report.criteria} />
            ))}
          </section>
        ))}
      </section>

      <section aria-labelledby={section("ranking")} className="stack">
        <h3 id={section("ranking")} className="kern-heading-medium">
          {t("report.section.ranking")}
        </h3>
        {report.lots.map((l) => (
          <RankingTable key={l.lotId} lot={l} criteria={report.criteria} />
        ))}
        {report.lotsWithoutBids.length ? (
          <p className="kern-body">{t("report.lots.withoutBids", { lots: report.lotsWithoutBids.join(", ") })}</p>
        ) : null}
      </section>

      <section aria-labelledby={section("integrity")} className="stack">
        <h3 id={section("integrity")} className="kern-heading-medium">
          {t("report.section.integrity")}
        </h3>
        <p className="kern-body">{t("report.integrity.body", { count: report.audit.entries })}</p>
        {report.audit.head ? (
          <p className="kern-body--small">
            {t("report.integrity.head")} <code className="hash">{report.audit.head}</code>
          </p>
        ) : null}
      </section>
    </article>
  );
}
