// The Vergabevermerk as a document (app/documents): the report of ./report.server.ts as the
// officers' page (/verwaltung/aufrufe/<slug>/vergabevermerk) and its PDF. The helpers below
// also serve the officers' and evaluators' evaluation pages, so that every page states the
// same lines, the same rounding and the same notes on ties. Pure.
import { BR, COVERED, flag, message, secondary, strong, val, type Block, type Cell, type DocumentModel, type Inline } from "../documents/blocks";
import type { Locale, MessageKey, Translate } from "../i18n";
import { formatDateTime, formatEuroCents, formatNumber } from "../i18n/format";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { openingFileResult, openingSummaryRows } from "./opening-record-document";
import type { ConflictType } from "./conflicts";
import type { EvaluationReport, ReportBid, ReportCheckItem, ReportCriterion, ReportDeclaration, ReportLot, ReportTimelineEntry } from "./report.server";
import { roundForDisplay } from "./scoring";

// ---------------------------------------------------------------------------------------
// Lines shared with the evaluation pages.

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
  if (s.lotNumbers?.length) parts.push(t("report.timeline.lots", { numbers: s.lotNumbers.join(", ") }));
  if (s.complaintDecision) parts.push(t("report.timeline.complaintDecision", { decision: t(`complaint.decision.${s.complaintDecision}`) }));
  if (s.evaluatorName) parts.push(t("report.timeline.evaluator", { name: s.evaluatorName }));
  if (s.hasConflict !== undefined) parts.push(t(s.hasConflict ? "report.timeline.conflict" : "report.timeline.noConflict"));
  if (s.conflictTypes?.length) parts.push(t("report.timeline.conflictTypes", { types: conflictTypeNames(s.conflictTypes, t) }));
  if (s.outcome) parts.push(t(`report.timeline.outcome.${s.outcome}`));
  if (s.criterionName) parts.push(t("report.timeline.criterion", { name: s.criterionName }));
  if (s.points !== undefined) parts.push(t("report.timeline.points", { points: s.points }));
  if (s.fte) parts.push(t("report.timeline.fte", { from: formatNumber(s.fte.from / 100, locale, 2), to: formatNumber(s.fte.to / 100, locale, 2) }));
  if (s.reason) parts.push(t("report.timeline.reason", { reason: s.reason }));
  if (s.earliestAwardAt) parts.push(t("report.timeline.earliestAward", { date: formatDateTime(new Date(s.earliestAwardAt), locale) }));
  if (s.awards !== undefined) parts.push(t("report.timeline.awards", { count: s.awards }));
  if (s.notices !== undefined) parts.push(t("report.timeline.notices", { count: s.notices }));
  if (s.proposedBy) parts.push(t("report.timeline.proposedBy", { name: s.proposedBy }));
  if (s.changedBy?.length) parts.push(t("report.timeline.changedBy", { names: s.changedBy.join(", ") }));
  if (s.approvedBy) parts.push(t("report.timeline.approvedBy", { name: s.approvedBy }));
  return parts;
}

/** The kinds of a declared conflict, in the catalogue's words. */
export function conflictTypeNames(types: readonly ConflictType[], t: Translate): string {
  return types.map((type) => t(`eval.declare.type.${type}`)).join("; ");
}

/** A declaration as one cell: conflict with its kinds, or none; marked when superseded. */
export function declarationCell(d: ReportDeclaration, t: Translate): Inline[] {
  const kinds = d.hasConflict && d.types.length ? [BR, conflictTypeNames(d.types, t)] : [];
  return [
    d.hasConflict ? flag(t("report.conflicts.conflict")) : t("report.conflicts.noConflict"),
    ...kinds,
    ...(d.current ? [] : [BR, secondary(t("report.conflicts.superseded"))]),
  ];
}

/** The officers' decision on a declared conflict: outcome, who and when, and the reason. */
export function decisionText(d: ReportDeclaration, t: Translate, locale: Locale): string {
  if (!d.hasConflict) return "";
  if (!d.decision) return t("report.conflicts.undecided");
  const outcome = t(d.decision.outcome === "exclude" ? "eval.conflictDecision.excluded" : "eval.conflictDecision.allowed", {
    date: when(d.decision.decidedAt, locale),
    officer: d.decision.decidedBy,
  });
  return d.decision.reason ? `${outcome}: ${d.decision.reason}` : outcome;
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

/** A score rounded for display, as a typed value; "–" when there is none. */
const score = (value: number | null): Cell => (value === null ? "–" : { format: "decimal2", value: roundForDisplay(value) });

// ---------------------------------------------------------------------------------------
// The document.

/** The ranking of one lot: rank, carrier, weighted total, price score, note. */
export function rankingTable(lot: ReportLot, criteria: ReportCriterion[], t: Translate): Block {
  return {
    kind: "table",
    caption: t("report.ranking.caption", { lot: lotLabel(lot, t) }),
    captionInPrint: true,
    columns: [
      { label: t("report.ranking.col.rank"), width: 0.08 },
      { label: t("report.ranking.col.organisation"), rowHeader: true, width: 0.34 },
      { label: t("report.ranking.col.total"), align: "end", width: 0.16 },
      { label: t("report.ranking.col.price"), align: "end", width: 0.14 },
      { label: t("report.ranking.col.note"), width: 0.28 },
    ],
    rows: lot.bids.map((b) => [b.rank === null ? "–" : String(b.rank), [b.organisationName, BR, secondary(b.receiptNumber)], score(b.total), score(b.priceScore), rankNote(b, criteria, t)]),
  };
}

export function evaluationReportDocument(report: EvaluationReport, t: Translate, locale: Locale): DocumentModel {
  const record = report.opening?.record ?? null;
  return {
    title: `${t("report.title")} – ${report.call.title}`,
    subject: t("report.meta.subject"),
    runningHeader: t("report.runningHeader", { call: report.call.title }),
    numberSections: true,
    blocks: [
      { kind: "letterhead", authority: report.call.authority, department: report.call.department },
      { kind: "title", text: t("report.title") },
      { kind: "lead", text: t("report.lead", { call: report.call.title }) },
      ...(report.call.isDemo ? [{ kind: "note" as const, tone: "warning" as const, title: t("report.demoTitle"), body: [t("report.demo")] }] : []),
      {
        kind: "facts",
        items: [
          { label: t("report.meta.call"), value: report.call.title },
          { label: t("report.meta.authority"), value: `${report.call.authority}, ${report.call.department}` },
          { label: t("report.meta.status"), value: t(`status.${report.call.status}` as MessageKey) },
          { label: t("report.meta.deadline"), value: { format: "datetimeSeconds", value: report.call.submissionDeadline } },
          { label: t("report.meta.generated"), value: { format: "datetimeSeconds", value: report.generatedAt } },
        ],
      },
      {
        kind: "section",
        title: t("report.section.timeline"),
        blocks: [
          { kind: "paragraph", text: t("report.timeline.intro", { count: report.audit.entries }) },
          {
            kind: "table",
            caption: t("report.timeline.caption"),
            columns: [
              { label: t("report.timeline.col.at"), format: "datetimeSeconds", width: 0.22 },
              { label: t("report.timeline.col.step"), rowHeader: true, width: 0.26 },
              { label: t("report.timeline.col.details"), width: 0.34 },
              { label: t("report.timeline.col.actor"), width: 0.18 },
            ],
            rows: report.timeline.map((e) => [e.at, timelineLabel(e, t), timelineDetails(e, t, locale).join("; "), e.actor ?? t("officer.auditSystem")]),
          },
        ],
      },
      {
        kind: "section",
        title: t("report.section.opening"),
        blocks: !record
          ? [{ kind: "paragraph", text: t("report.opening.none") }]
          : [
              {
                kind: "paragraph",
                text: message(t, "report.opening.summary", {
                  startedBy: record.startedBy.name,
                  startedAt: val("datetimeSeconds", record.startedAt),
                  confirmedBy: record.confirmedBy.name,
                  confirmedAt: val("datetimeSeconds", record.confirmedAt),
                }),
              },
              {
                kind: "table",
                caption: t("opening.record.summary.caption"),
                columns: [
                  { label: t("report.opening.col.item"), width: 0.75 },
                  { label: t("report.opening.col.count"), format: "integer", width: 0.25 },
                ],
                rows: openingSummaryRows(record, t),
              },
              {
                kind: "table",
                caption: t("report.opening.entries.caption"),
                columns: [
                  { label: t("opening.record.col.number"), width: 0.27 },
                  { label: t("opening.record.col.organisation"), width: 0.2 },
                  { label: t("opening.record.col.receivedAt"), width: 0.2 },
                  { label: t("opening.record.lots"), width: 0.08 },
                  { label: t("report.opening.col.files"), width: 0.25 },
                ],
                rows: record.counting.map((e) => {
                  const problems = e.files.filter((f) => !f.matches);
                  return [
                    e.receiptNumber,
                    e.organisationName,
                    [val("datetimeSeconds", e.submittedAt), ...(e.late ? [" ", flag(t("opening.record.late"))] : [])],
                    e.lots.map((l) => l.number).join(", "),
                    problems.length === 0 && e.sealedContentIntact
                      ? t("report.opening.filesOk", { count: e.files.length })
                      : [
                          flag(
                            [
                              ...problems.map((f) => `${f.name}: ${openingFileResult(f, t).detail ?? ""}`),
                              ...(e.sealedContentIntact ? [] : [t("opening.record.contentMismatch")]),
                            ].join("; "),
                          ),
                        ],
                  ];
                }),
              },
              { kind: "paragraph", size: "small" as const, text: [t("report.opening.hash"), " ", val("hash", report.opening!.recordHash)] },
            ],
      },
      {
        kind: "section",
        title: t("report.section.formalCheck"),
        blocks: [
          ...(report.formalCheck.length === 0 ? [{ kind: "paragraph" as const, text: t("report.check.none") }] : []),
          ...report.formalCheck.map(
            (f): Block => ({
              kind: "table",
              caption: t("report.check.caption", { organisation: f.organisationName, number: f.receiptNumber }),
              captionInPrint: true,
              columns: [
                { label: t("report.check.col.item"), width: 0.38 },
                { label: t("report.check.col.result"), width: 0.32 },
                { label: t("report.check.col.note"), width: 0.3 },
              ],
              rows: f.items.map((i) => [checkItemLabel(i, t), checkResult(i, locale, t), i.note]),
            }),
          ),
          { kind: "heading", text: t("report.exclusions.heading") },
          report.exclusions.length === 0
            ? { kind: "paragraph", text: t("report.exclusions.none") }
            : {
                kind: "list",
                items: report.exclusions.map(
                  (x) =>
                    `${t(x.lotNumber === null ? "report.exclusions.whole" : "report.exclusions.lot", {
                      organisation: x.organisationName,
                      number: x.receiptNumber,
                      lot: x.lotNumber ?? "",
                      date: when(x.decidedAt, locale),
                    })} ${t("report.exclusions.reason", { reason: x.reason })}`,
                ),
              },
        ],
      },
      {
        kind: "section",
        title: t("report.section.conflicts"),
        blocks: [
          { kind: "paragraph", text: t("report.conflicts.intro") },
          {
            kind: "list",
            items: report.lots.map((l): Inline[] => [
              `${lotLabel(l, t)}: ${l.evaluators.length ? l.evaluators.map((e) => e.name).join(", ") : t("report.conflicts.noEvaluators")}`,
              ...(l.belowMinimum ? [" ", flag(t("report.conflicts.belowMinimum"))] : []),
            ]),
          },
          report.declarations.length === 0
            ? { kind: "paragraph", text: t("report.conflicts.none") }
            : {
                kind: "table",
                caption: t("report.conflicts.caption"),
                columns: [
                  { label: t("report.conflicts.col.at"), format: "datetimeSeconds", width: 0.15 },
                  { label: t("report.conflicts.col.evaluator"), rowHeader: true, width: 0.14 },
                  { label: t("report.conflicts.col.organisation"), width: 0.14 },
                  { label: t("report.conflicts.col.declaration"), width: 0.2 },
                  { label: t("report.conflicts.col.note"), width: 0.17 },
                  { label: t("report.conflicts.col.decision"), width: 0.2 },
                ],
                rows: report.declarations.map((d) => [d.declaredAt, d.evaluatorName, d.organisationName, declarationCell(d, t), d.note, decisionText(d, t, locale)]),
              },
          { kind: "paragraph", text: t("report.conflicts.certifications") },
          report.certifications.length === 0
            ? { kind: "paragraph", text: t("report.conflicts.noCertifications") }
            : {
                kind: "list",
                items: report.certifications.map((c) => t("eval.certifications.item", { evaluator: c.evaluatorName, date: when(c.certifiedAt, locale) })),
              },
        ],
      },
      {
        kind: "section",
        title: t("report.section.criteria"),
        blocks: [
          { kind: "list", items: report.criteria.map((c): Inline[] => [strong(criterionHeading(c, t)), `: ${c.kind === "price" ? (c.priceFormula ?? "") : c.description}`]) },
          { kind: "heading", text: t("report.rules.heading") },
          { kind: "list", items: roundingRules(report, t) },
        ],
      },
      {
        kind: "section",
        title: t("report.section.scores"),
        blocks: [
          ...(report.lots.length === 0 ? [{ kind: "paragraph" as const, text: t("report.lots.none") }] : []),
          ...report.lots.map(
            (l): Block => ({ kind: "section", title: lotLabel(l, t), blocks: l.bids.map((b) => bidScores(b, report.criteria, t, locale)) }),
          ),
        ],
      },
      {
        kind: "section",
        title: t("report.section.ranking"),
        blocks: [
          { kind: "paragraph", text: t("eval.ranking.certifiedOnly") },
          ...report.lots.map((l) => rankingTable(l, report.criteria, t)),
          ...(report.lotsWithoutBids.length ? [{ kind: "paragraph" as const, text: t("report.lots.withoutBids", { lots: report.lotsWithoutBids.join(", ") }) }] : []),
        ],
      },
      { kind: "section", title: t("report.section.award"), blocks: awardParagraphs(report.award, t) },
      {
        kind: "section",
        title: t("report.section.integrity"),
        blocks: [
          { kind: "paragraph", text: t("report.integrity.body", { count: report.audit.entries }) },
          ...(report.audit.head ? [{ kind: "paragraph" as const, size: "small" as const, text: [t("report.integrity.head"), " ", val("hash", report.audit.head)] }] : []),
        ],
      },
    ],
  };
}

/** The award's four-eyes steps (§ 58 Abs. 5 VgV): both officers of the approval and of the award. */
function awardParagraphs(award: EvaluationReport["award"], t: Translate): Block[] {
  if (!award) return [{ kind: "paragraph", text: t("report.award.none") }];
  const who = (name: string | null) => name ?? "–";
  return [
    { kind: "paragraph", text: message(t, "report.award.proposed", { name: who(award.proposedBy), date: val("datetimeSeconds", award.proposedAt) }) },
    ...(award.changedBy.length ? [{ kind: "paragraph" as const, text: t("report.award.changed", { names: award.changedBy.join(", ") }) }] : []),
    award.approvedAt
      ? { kind: "paragraph", text: message(t, "report.award.approved", { name: who(award.approvedBy), date: val("datetimeSeconds", award.approvedAt) }) }
      : { kind: "paragraph", text: t("report.award.notApproved") },
    ...(award.awardedAt ? [{ kind: "paragraph" as const, text: message(t, "report.award.awarded", { name: who(award.awardedBy), date: val("datetimeSeconds", award.awardedAt) }) }] : []),
  ];
}

/** One bid's scores per criterion and evaluator, the consensus where there was one, and its total. */
function bidScores(bid: ReportBid, criteria: ReportCriterion[], t: Translate, locale: Locale): Block {
  const rows: Cell[][] = [];
  for (const c of criteria) {
    const r = bid.criteria.find((x) => x.criterionId === c.id);
    if (!r) continue; // a criterion of another role
    const final = finalScoreText(r?.final ?? null, locale, t);
    const head: Inline[] = [
      criterionHeading(c, t),
      BR,
      secondary(c.kind === "price" ? t("report.scores.priceFinal", { points: final }) : t("report.scores.final", { points: final })),
      ...(r?.spread ? [BR, flag(r.consensus ? t("report.scores.spreadResolved") : t("report.scores.spreadOpen"))] : []),
    ];
    if (c.kind === "price") {
      rows.push([head, t("report.scores.byFormula"), score(bid.priceScore), `${t("report.scores.priceBasis", { cost: formatEuroCents(bid.costPerFteCents, locale) })} ${c.priceFormula ?? ""}`]);
      continue;
    }
    const scores = r?.scores ?? [];
    const span = { cell: head, rowSpan: Math.max(1, scores.length) + (r?.consensus ? 1 : 0) };
    if (scores.length === 0) rows.push([span, "–", "–", t("report.scores.none")]);
    scores.forEach((s, i) => rows.push([i === 0 ? span : COVERED, s.evaluatorName, s.points, s.justification]));
    if (r?.consensus) {
      const by = t("report.scores.consensusBy", { name: r.consensus.recordedBy, date: r.consensus.recordedAt ? when(r.consensus.recordedAt, locale) : "" });
      rows.push([COVERED, [strong(t("report.scores.consensus")), BR, secondary(by)], [val("integer", r.consensus.points, "strong")], r.consensus.reason]);
    }
  }
  return {
    kind: "section",
    title: t("report.bid.heading", { organisation: bid.organisationName, number: bid.receiptNumber }),
    blocks: [
      {
        kind: "table",
        caption: t("report.scores.caption", { organisation: bid.organisationName }),
        columns: [
          { label: t("report.scores.col.criterion"), width: 0.3 },
          { label: t("report.scores.col.evaluator"), width: 0.18 },
          { label: t("report.scores.col.points"), format: "integer", width: 0.1 },
          { label: t("report.scores.col.justification"), width: 0.42 },
        ],
        rows,
      },
      {
        kind: "paragraph",
        text: bid.total === null ? rankNote(bid, criteria, t) : t("report.bid.total", { total: formatScore(bid.total, locale), rank: bid.rank ?? "–" }),
      },
    ],
  };
}
