// The opening record (Öffnungsprotokoll) as an A4 PDF, rendered once when the opening is
// confirmed and stored. Its accessible twin is app/components/opening-record-view.tsx: same
// content, same `opening.record.*` labels and the same helpers for rows and results.
// Checksums are printed in full on one line each (TYPE.hash); a mismatch is printed in the
// warning colour, in capitals, and in a warning box at the top.
import {
  openingFileResult,
  openingLotLines,
  openingPersonAt,
  openingSummaryRows,
} from "../components/opening-record-view";
import { formatFileSize } from "../i18n/format";
import { fileKindLabel } from "../submission/receipt-document";
import { translator, type Locale, type Translate } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { BR, COLORS, TYPE, createPdf, finishPdf, type Content, type Layout, type Run } from "../infra/pdf.server";
import { hasMismatches, lateEntries, type OpeningRecord, type OpeningRecordEntry } from "./opening-record";

export type OpeningRecordPdfOptions = {
  locale: Locale;
  /** Printed in the footer of every page and stored as the creation date. */
  generatedAt: Date;
  cityName: string;
  /** Address of the opening in the portal, printed in the footer. */
  publicUrl: string;
  /** SHA-256 of the record's data (see openingRecordHash). */
  recordHash: string;
};

export async function renderOpeningRecordPdf(record: OpeningRecord, opts: OpeningRecordPdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  const t = translator(opts.locale);
  const pdf = await createPdf(
    {
      title: `${t("opening.record.title")} – ${record.call.title}`,
      author: opts.cityName,
      subject: t("opening.meta.subject"),
      creator: t("pdf.meta.creator"),
      language: opts.locale,
      createdAt: opts.generatedAt,
    },
    { numberSections: true },
  );
  writeRecord(pdf.layout, record, t, opts);
  return finishPdf(pdf, {
    t,
    locale: opts.locale,
    generatedAt: opts.generatedAt,
    runningHeader: t("opening.record.runningHeader", { call: record.call.title }),
    publicUrl: opts.publicUrl,
  });
}

const muted = (text: string): Run => ({ text, color: COLORS.muted });
const loud = (text: string): Run => ({ text, bold: true, color: COLORS.warning });

function writeRecord(l: Layout, record: OpeningRecord, t: Translate, opts: OpeningRecordPdfOptions): void {
  const { locale } = opts;
  const when = (iso: string) => formatDateTimeSeconds(new Date(iso), locale);

  l.letterhead(t("opening.letterhead"), t("opening.letterhead.sub"), opts.cityName);
  l.title(t("opening.record.title"));
  l.paragraph(t("opening.record.lead", { call: record.call.title }), { style: TYPE.lead });

  const mismatches = record.summary.fileMismatches + record.summary.contentMismatches;
  if (hasMismatches(record)) {
    l.notice("warning", t("opening.record.mismatchAlert.title", { count: mismatches }), [t("opening.record.mismatchAlert.body")]);
  }

  l.section(t("opening.record.section.opening"));
  l.table(
    [{ width: 0.3 }, { width: 0.7 }],
    [
      [[muted(t("opening.record.call"))], [{ text: record.call.title, bold: true }]],
      [[muted(t("opening.record.deadline"))], formatDateTime(new Date(record.call.submissionDeadline), locale)],
      [[muted(t("opening.record.startedBy"))], openingPersonAt(record.startedBy, record.startedAt, locale, t)],
      [[muted(t("opening.record.confirmedBy"))], openingPersonAt(record.confirmedBy, record.confirmedAt, locale, t)],
    ],
  );
  l.paragraph(t("opening.record.fourEyes"));

  l.section(t("opening.record.section.summary"));
  l.table(
    [{ width: 0.7 }, { width: 0.3, align: "right" }],
    openingSummaryRows(record, t).map(([label, value], i) => [
      label,
      i === 5 && value > 0 ? [loud(String(value))] : String(value),
    ]),
  );
  if (!hasMismatches(record)) l.paragraph(t("opening.record.allMatch"));

  l.section(t("opening.record.section.counting"));
  l.paragraph(t("opening.record.counting.intro"));
  if (record.counting.length === 0) l.paragraph(t("opening.record.counting.none"));
  for (const entry of record.counting) writeEntry(l, entry, t, opts);

  l.section(t("opening.record.section.late"));
  l.paragraph([{ text: t("opening.record.late.note"), bold: true }]);
  const late = lateEntries(record);
  if (late.length === 0) l.paragraph(t("opening.record.late.none"));
  else {
    l.paragraph(t("opening.record.late.found"));
    versionTable(l, late, t, when, false);
  }

  l.section(t("opening.record.section.withdrawn"));
  if (record.withdrawn.length === 0) l.paragraph(t("opening.record.withdrawn.none"));
  else {
    l.paragraph(t("opening.record.withdrawn.intro"));
    versionTable(l, record.withdrawn, t, when, true);
  }

  l.section(t("opening.record.section.superseded"));
  if (record.superseded.length === 0) l.paragraph(t("opening.record.superseded.none"));
  else {
    l.paragraph(t("opening.record.superseded.intro"));
    versionTable(l, record.superseded, t, when, false);
  }

  l.section(t("opening.record.section.integrity"));
  l.paragraph(t("opening.record.integrity.body"));
  l.table(
    // 0.66 of the text width leaves room for any SHA-256 on one line (see TYPE.hash).
    [{ width: 0.34 }, { width: 0.66, style: TYPE.hash }],
    [[[muted(t("opening.record.recordHash"))], opts.recordHash]],
  );
}

function writeEntry(l: Layout, entry: OpeningRecordEntry, t: Translate, opts: OpeningRecordPdfOptions): void {
  const { locale } = opts;
  l.subheading(t("opening.record.entry.heading", { organisation: entry.organisationName, number: entry.receiptNumber }));
  const lots = openingLotLines(entry, t);
  const received: Content = [
    { text: formatDateTimeSeconds(new Date(entry.submittedAt), locale) },
    ...(entry.late ? [{ text: " " }, loud(t("opening.record.late"))] : []),
  ];
  const facts: [string, Content][] = [
    [t("opening.record.receiptNumber"), [{ text: entry.receiptNumber, bold: true }]],
    [t("opening.record.organisation"), entry.organisationName],
    [t("opening.record.receivedAt"), received],
    [t("opening.record.version"), t("opening.record.versionValue", { version: entry.version })],
    [
      t("opening.record.lots"),
      lots.length === 0 ? t("opening.record.lots.none") : lots.flatMap((line, i): Run[] => (i > 0 ? [BR, { text: line }] : [{ text: line }])),
    ],
    [
      t("opening.record.content"),
      entry.sealedContentIntact ? t("opening.record.contentIntact") : [loud(t("opening.record.contentMismatch"))],
    ],
  ];
  l.table(
    [{ width: 0.3 }, { width: 0.7 }],
    facts.map(([label, value]) => [[muted(label)], value]),
  );
  l.table(
    [{ width: 0.34 }, { width: 0.66, style: TYPE.hash }],
    [[[muted(t("opening.record.contentHash"))], entry.contentHash]],
  );
  if (entry.files.length === 0) {
    l.paragraph(t("opening.record.files.none"));
    return;
  }
  l.table(
    [
      { header: t("opening.record.files.col.name"), width: 0.38 },
      { header: t("opening.record.files.col.kind"), width: 0.2 },
      { header: t("opening.record.files.col.size"), width: 0.16, align: "right" },
      { header: t("opening.record.files.col.result"), width: 0.26 },
    ],
    entry.files.map((f) => {
      const result = openingFileResult(f, t);
      return {
        cells: [
          [{ text: f.name, bold: true }],
          fileKindLabel(f, t),
          formatFileSize(f.sizeBytes, locale, t),
          result.ok ? result.label : [loud(result.label), BR, { text: result.detail ?? "" }],
        ],
        // The whole width: each SHA-256 fits on one line (see TYPE.hash).
        below: [
          muted(`${t("opening.record.files.col.expected")} `),
          { text: f.expectedSha256 },
          BR,
          muted(`${t("opening.record.files.col.actual")} `),
          f.actualSha256
            ? { text: f.actualSha256, ...(f.matches ? {} : { bold: true, color: COLORS.warning }) }
            : loud(t("opening.record.file.notComputed")),
        ],
        belowStyle: TYPE.hash,
      };
    }),
  );
}

function versionTable(
  l: Layout,
  entries: OpeningRecordEntry[],
  t: Translate,
  when: (iso: string) => string,
  withWithdrawal: boolean,
): void {
  const columns = withWithdrawal
    ? [
        { header: t("opening.record.col.number"), width: 0.27 },
        { header: t("opening.record.col.organisation"), width: 0.2 },
        { header: t("opening.record.col.version"), width: 0.15 },
        { header: t("opening.record.col.receivedAt"), width: 0.19 },
        { header: t("opening.record.col.withdrawnAt"), width: 0.19 },
      ]
    : [
        { header: t("opening.record.col.number"), width: 0.28 },
        { header: t("opening.record.col.organisation"), width: 0.30 },
        { header: t("opening.record.col.version"), width: 0.14 },
        { header: t("opening.record.col.receivedAt"), width: 0.28 },
      ];
  l.table(
    columns,
    entries.map((e): Content[] => [
      [{ text: e.receiptNumber, bold: true }],
      e.organisationName,
      t("opening.record.versionValue", { version: e.version }),
      e.late ? [{ text: when(e.submittedAt) }, BR, loud(t("opening.record.late"))] : when(e.submittedAt),
      ...(withWithdrawal ? [e.withdrawnAt ? when(e.withdrawnAt) : ""] : []),
    ]),
  );
}
