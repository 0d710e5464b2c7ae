// The Vergabevermerk as an A4 PDF, rendered on request from the report of
// ./report.server.ts. Its accessible twin is app/components/evaluation-report-view.tsx:
// same content, same `report.*` labels and the same helpers for lines and notes.
import {
  checkItemLabel,
  checkResult,
  criterionHeading,
  finalScoreText,
  formatScore,
  lotLabel,
  rankNote,
  roundingRules,
  timelineDetails,
  timelineLabel,
  when,
} from "../components/evaluation-report-view";
import { openingFileResult, openingSummaryRows } from "./opening-record-document";
import { formatEuroCents } from "../i18n/format";
import { translator, type Locale, type MessageKey, type Translate } from "../i18n";
import { BR, COLORS, TYPE, createPdf, finishPdf, type Content, type Layout, type Run, type TableRow } from "../infra/pdf.server";
import type { EvaluationReport, ReportBid, ReportLot } from "./report.server";

export type EvaluationReportPdfOptions = {
  locale: Locale;
  /** Printed in the footer of every page and stored as the creation date. */
  generatedAt: Date;
  cityName: string;
  /** Address of the report in the portal, printed in the footer. */
  publicUrl: string;
};

export async function renderEvaluationReportPdf(report: EvaluationReport, opts: EvaluationReportPdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  const t = translator(opts.locale);
  const pdf = await createPdf(
    {
      title: `${t("report.title")} – ${report.call.title}`,
      author: opts.cityName,
      subject: t("report.meta.subject"),
      creator: t("pdf.meta.creator"),
      language: opts.locale,
      createdAt: opts.generatedAt,
    },
    { numberSections: true },
  );
  writeReport(pdf.layout, report, t, opts.locale, opts.cityName);
  return finishPdf(pdf, {
    t,
    locale: opts.locale,
    generatedAt: opts.generatedAt,
    runningHeader: t("report.runningHeader", { call: report.call.title }),
    publicUrl: opts.publicUrl,
  });
}

const muted = (text: string): Run => ({ text, color: COLORS.muted });
const loud = (text: string): Run => ({ text, bold: true, color: COLORS.warning });
const bold = (text: string): Run => ({ text, bold: true });

function writeReport(l: Layout, report: EvaluationReport, t: Translate, locale: Locale, cityName: string): void {
  l.letterhead(report.call.authority, report.call.department, cityName);
  l.title(t("report.title"));
  l.paragraph(t("report.lead", { call: report.call.title }), { style: TYPE.lead });
  if (report.call.isDemo) l.notice("warning", t("report.demoTitle"), [t("report.demo")]);
  l.table(
    [{ width: 0.3 }, { width: 0.7 }],
    [
      [[muted(t("report.meta.call"))], [bold(report.call.title)]],
      [[muted(t("report.meta.authority"))], `${report.call.authority}, ${report.call.department}`],
      [[muted(t("report.meta.status"))], t(`status.${report.call.status}` as MessageKey)],
      [[muted(t("report.meta.deadline"))], when(report.call.submissionDeadline, locale)],
      [[muted(t("report.meta.generated"))], when(report.generatedAt, locale)],
    ],
  );

  // 1 Timeline
  l.section(t("report.section.timeline"));
  l.paragraph(t("report.timeline.intro", { count: report.audit.entries }));
  l.table(
    [
      { header: t("report.timeline.col.at"), width: 0.22 },
      { header: t("report.timeline.col.step"), width: 0.26 },
      { header: t("report.timeline.col.details"), width: 0.34 },
      { header: t("report.timeline.col.actor"), width: 0.18 },
    ],
    report.timeline.map((e): Content[] => [
      when(e.at, locale),
      [bold(timelineLabel(e, t))],
      timelineDetails(e, t, locale).join("; "),
      e.actor ?? t("officer.auditSystem"),
    ]),
  );

  // 2 Opening
  l.section(t("report.section.opening"));
  const record = report.opening?.record;
  if (!record) l.paragraph(t("report.opening.none"));
  else {
    l.paragraph(
      t("report.opening.summary", {
        startedBy: record.startedBy.name,
        startedAt: when(record.startedAt, locale),
        confirmedBy: record.confirmedBy.name,
        confirmedAt: when(record.confirmedAt, locale),
      }),
    );
    l.table(
      [{ width: 0.75 }, { width: 0.25, align: "right" }],
      openingSummaryRows(record, t).map(([label, value], i) => [label, i === 5 && value > 0 ? [loud(String(value))] : String(value)]),
    );
    l.table(
      [
        { header: t("opening.record.col.number"), width: 0.27 },
        { header: t("opening.record.col.organisation"), width: 0.2 },
        { header: t("opening.record.col.receivedAt"), width: 0.2 },
        { header: t("opening.record.lots"), width: 0.08 },
        { header: t("report.opening.col.files"), width: 0.25 },
      ],
      record.counting.map((e): Content[] => {
        const problems = e.files.filter((f) => !f.matches);
        const files: Content =
          problems.length === 0 && e.sealedContentIntact
            ? t("report.opening.filesOk", { count: e.files.length })
            : [
                loud(
                  [
                    ...problems.map((f) => `${f.name}: ${openingFileResult(f, t).detail ?? ""}`),
                    ...(e.sealedContentIntact ? [] : [t("opening.record.contentMismatch")]),
                  ].join("; "),
                ),
              ];
        return [
          [bold(e.receiptNumber)],
          e.organisationName,
          e.late ? [{ text: when(e.submittedAt, locale) }, BR, loud(t("opening.record.late"))] : when(e.submittedAt, locale),
          e.lots.map((x) => x.number).join(", "),
          files,
        ];
      }),
    );
    l.table([{ width: 0.34 }, { width: 0.66, style: TYPE.hash }], [[[muted(t("report.opening.hash"))], report.opening!.recordHash]]);
  }

  // 3 Formal check
  l.section(t("report.section.formalCheck"));
  if (report.formalCheck.length === 0) l.paragraph(t("report.check.none"));
  for (const f of report.formalCheck) {
    l.subheading(t("report.check.caption", { organisation: f.organisationName, number: f.receiptNumber }));
    l.table(
      [
        { header: t("report.check.col.item"), width: 0.38 },
        { header: t("report.check.col.result"), width: 0.32 },
        { header: t("report.check.col.note"), width: 0.3 },
      ],
      f.items.map((i): Content[] => [
        checkItemLabel(i, t),
        i.passed === false ? [loud(checkResult(i, locale, t))] : checkResult(i, locale, t),
        i.note,
      ]),
    );
  }
  l.subheading(t("report.exclusions.heading"));
  if (report.exclusions.length === 0) l.paragraph(t("report.exclusions.none"));
  else
    l.list(
      report.exclusions.map((x) => [
        bold(
          t(x.lotNumber === null ? "report.exclusions.whole" : "report.exclusions.lot", {
            organisation: x.organisationName,
            number: x.receiptNumber,
            lot: x.lotNumber ?? "",
            date: when(x.decidedAt, locale),
          }),
        ),
        { text: ` ${t("report.exclusions.reason", { reason: x.reason })}` },
      ]),
    );

  // 4 Evaluators and conflicts of interest
  l.section(t("report.section.conflicts"));
  l.paragraph(t("report.conflicts.intro"));
  l.list(
    report.lots.map((lot): Content => [
      bold(`${lotLabel(lot, t)}: `),
      { text: lot.evaluators.length ? lot.evaluators.map((e) => e.name).join(", ") : t("report.conflicts.noEvaluators") },
      ...(lot.belowMinimum ? [{ text: " " }, loud(t("report.conflicts.belowMinimum"))] : []),
    ]),
  );
  if (report.declarations.length === 0) l.paragraph(t("report.conflicts.none"));
  else
    l.table(
      [
        { header: t("report.conflicts.col.at"), width: 0.18 },
        { header: t("report.conflicts.col.evaluator"), width: 0.17 },
        { header: t("report.conflicts.col.organisation"), width: 0.17 },
        { header: t("report.conflicts.col.declaration"), width: 0.21 },
        { header: t("report.conflicts.col.note"), width: 0.27 },
      ],
      report.declarations.map((d): Content[] => [
        when(d.declaredAt, locale),
        d.evaluatorName,
        d.organisationName,
        [
          d.hasConflict ? loud(t("report.conflicts.conflict")) : { text: t("report.conflicts.noConflict") },
          ...(d.current ? [] : [BR, muted(t("report.conflicts.superseded"))]),
        ],
        d.note,
      ]),
    );

  // 5 Criteria and rules
  l.section(t("report.section.criteria"));
  l.list(report.criteria.map((c): Content => [bold(`${criterionHeading(c, t)}: `), { text: c.kind === "price" ? (c.priceFormula ?? "") : c.description }]));
  l.subheading(t("report.rules.heading"));
  l.list(roundingRules(report, t));

  // 6 Scores per lot and bid
  l.section(t("report.section.scores"));
  if (report.lots.length === 0) l.paragraph(t("report.lots.none"));
  for (const lot of report.lots) {
    l.subheading(lotLabel(lot, t));
    for (const bid of lot.bids) writeBid(l, report, bid, t, locale);
  }

  // 7 Ranking
  l.section(t("report.section.ranking"));
  for (const lot of report.lots) writeRanking(l, report, lot, t, locale);
  if (report.lotsWithoutBids.length) l.paragraph(t("report.lots.withoutBids", { lots: report.lotsWithoutBids.join(", ") }));

  // 8 Integrity
  l.section(t("report.section.integrity"));
  l.paragraph(t("report.integrity.body", { count: report.audit.entries }));
  if (report.audit.head) l.table([{ width: 0.34 }, { width: 0.66, style: TYPE.hash }], [[[muted(t("report.integrity.head"))], report.audit.head]]);
}

function writeBid(l: Layout, report: EvaluationReport, bid: ReportBid, t: Translate, locale: Locale): void {
  l.paragraph([bold(t("report.bid.heading", { organisation: bid.organisationName, number: bid.receiptNumber }))], { after: 2 });
  const rows: TableRow[] = [];
  for (const c of report.criteria) {
    const r = bid.criteria.find((x) => x.criterionId === c.id);
    const head: Content = [
      bold(criterionHeading(c, t)),
      BR,
      muted(
        c.kind === "price"
          ? t("report.scores.priceFinal", { points: finalScoreText(r?.final ?? null, locale, t) })
          : t("report.scores.final", { points: finalScoreText(r?.final ?? null, locale, t) }),
      ),
      ...(r?.spread ? [BR, loud(r.consensus ? t("report.scores.spreadResolved") : t("report.scores.spreadOpen"))] : []),
    ];
    if (c.kind === "price") {
      rows.push([
        head,
        t("report.scores.byFormula"),
        bid.priceScore === null ? "–" : formatScore(bid.priceScore, locale),
        `${t("report.scores.priceBasis", { cost: formatEuroCents(bid.costPerFteCents, locale) })} ${c.priceFormula ?? ""}`,
      ]);
      continue;
    }
    const scores = r?.scores ?? [];
    if (scores.length === 0) rows.push([head, "–", "–", t("report.scores.none")]);
    scores.forEach((s, i) => rows.push([i === 0 ? head : "", s.evaluatorName, String(s.points), s.justification]));
    if (r?.consensus) {
      rows.push([
        "",
        [bold(t("report.scores.consensus"))],
        [bold(String(r.consensus.points))],
        [
          { text: r.consensus.reason },
          BR,
          muted(t("report.scores.consensusBy", { name: r.consensus.recordedBy, date: r.consensus.recordedAt ? when(r.consensus.recordedAt, locale) : "" })),
        ],
      ]);
    }
  }
  l.table(
    [
      { header: t("report.scores.col.criterion"), width: 0.3 },
      { header: t("report.scores.col.evaluator"), width: 0.18 },
      { header: t("report.scores.col.points"), width: 0.1, align: "right" },
      { header: t("report.scores.col.justification"), width: 0.42 },
    ],
    rows,
  );
  l.paragraph(
    bid.total === null
      ? [loud(rankNote(bid, report.criteria, t))]
      : [bold(t("report.bid.total", { total: formatScore(bid.total, locale), rank: bid.rank ?? "–" }))],
  );
}

function writeRanking(l: Layout, report: EvaluationReport, lot: ReportLot, t: Translate, locale: Locale): void {
  l.subheading(t("report.ranking.caption", { lot: lotLabel(lot, t) }));
  l.table(
    [
      { header: t("report.ranking.col.rank"), width: 0.08 },
      { header: t("report.ranking.col.organisation"), width: 0.34 },
      { header: t("report.ranking.col.total"), width: 0.16, align: "right" },
      { header: t("report.ranking.col.price"), width: 0.14, align: "right" },
      { header: t("report.ranking.col.note"), width: 0.28 },
    ],
    lot.bids.map((b): Content[] => [
      [bold(b.rank === null ? "–" : String(b.rank))],
      [bold(b.organisationName), BR, muted(b.receiptNumber)],
      b.total === null ? "–" : formatScore(b.total, locale),
      b.priceScore === null ? "–" : formatScore(b.priceScore, locale),
      rankNote(b, report.criteria, t),
    ]),
  );
}
