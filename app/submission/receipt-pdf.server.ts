// The receipt (Eingangsbestätigung) of a submitted version as an A4 PDF. Its accessible
// twin is app/components/receipt-view.tsx: same content, same `receipt.*` labels, and the
// same helpers for file rows, sizes and amounts. Checksums are printed in full on one line
// each (TYPE.hash), so that they can be compared, and copied, character by character.
import {
  formatEuroCents,
  formatFileSize,
  formatFteHundredths,
  lotTotals,
  organisationLines,
  receiptFileRows,
} from "../components/receipt-view";
import { translator, type Locale, type Translate } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { BR, COLORS, TYPE, createPdf, finishPdf, type Content, type Layout, type Run } from "../infra/pdf.server";
import type { Receipt } from "./snapshot";

export type ReceiptPdfOptions = {
  locale: Locale;
  /** Printed in the footer of every page and stored as the creation date. */
  generatedAt: Date;
  cityName: string;
  /** Address of the receipt (or the application) in the portal, printed in the footer. */
  publicUrl: string;
};

export async function renderReceiptPdf(receipt: Receipt, opts: ReceiptPdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  const t = translator(opts.locale);
  const pdf = await createPdf(
    {
      title: `${t("receipt.title")} ${receipt.receiptNumber}`,
      author: opts.cityName,
      subject: t("receipt.meta.subject"),
      creator: t("pdf.meta.creator"),
      language: opts.locale,
      createdAt: opts.generatedAt,
    },
    { numberSections: false }
  );
  writeReceipt(pdf.layout, receipt, t, opts);
  return finishPdf(pdf, {
    t,
    locale: opts.locale,
    generatedAt: opts.generatedAt,
    runningHeader: t("receipt.runningHeader", {
      number: receipt.receiptNumber,
      organisation: receipt.snapshot.organisation.name,
    }),
    publicUrl: opts.publicUrl,
  });
}

function writeReceipt(l: Layout, receipt: Receipt, t: Translate, opts: ReceiptPdfOptions): void {
  const { locale } = opts;
  const s = receipt.snapshot;
  const euro = (cents: number) => formatEuroCents(cents, locale);
  const fte = (hundredths: number) => formatFteHundredths(hundredths, locale);
  const muted = (text: string): Run => ({ text, color: COLORS.muted });

  l.letterhead(t("receipt.letterhead"), t("receipt.letterhead.sub"), opts.cityName);
  l.title(t("receipt.title"));
  l.paragraph(t("receipt.lead", { call: s.call.title }), { style: TYPE.lead });

  if (receipt.withdrawnAt) {
    l.notice("warning", t("receipt.withdrawn.title", { date: formatDateTimeSeconds(receipt.withdrawnAt, locale) }), [
      t("receipt.withdrawn.body"),
    ]);
  }

  l.section(t("receipt.section.receipt"));
  const [orgName, ...address] = organisationLines(s.organisation);
  const facts: [string, Content][] = [
    [t("receipt.number"), [{ text: receipt.receiptNumber, bold: true }]],
    [t("receipt.call"), s.call.title],
    [t("receipt.version"), t("receipt.versionValue", { version: receipt.version })],
    [
      t("receipt.receivedAt"),
      [
        { text: formatDateTimeSeconds(receipt.submittedAt, locale), bold: true },
        muted(` (${t("receipt.serverTime")})`),
      ],
    ],
    [t("receipt.submittedBy"), receipt.submittedByName || t("receipt.submittedByUnknown")],
    [t("receipt.organisation"), [{ text: orgName, bold: true }, ...address.flatMap((line) => [BR, { text: line }])]],
  ];
  l.table(
    [{ width: 0.3 }, { width: 0.7 }],
    facts.map(([label, value]) => [[muted(label)], value])
  );

  l.section(t("receipt.section.lots"));
  if (s.lots.length === 0) l.paragraph(t("receipt.lots.none"));
  else {
    const totals = lotTotals(s);
    l.table(
      [
        { header: t("receipt.lots.col.number"), width: 0.11 },
        { header: t("receipt.lots.col.region"), width: 0.19 },
        { header: t("receipt.lots.col.role"), width: 0.24 },
        { header: t("receipt.lots.col.fte"), width: 0.1, align: "right" },
        { header: t("receipt.lots.col.perYear"), width: 0.17, align: "right" },
        { header: t("receipt.lots.col.term"), width: 0.19, align: "right" },
      ],
      [
        ...s.lots.map((lot): Content[] => [
          [{ text: t("receipt.lots.number", { number: lot.number }), bold: true }],
          lot.regionName,
          lot.roleName,
          fte(lot.totals.fteHundredths),
          euro(lot.totals.perYearCents),
          [
            { text: euro(lot.totals.termCents) },
            BR,
            muted(t("receipt.lots.months", { months: lot.totals.termMonths })),
          ],
        ]),
        ...(s.lots.length > 1
          ? [
              [
                [{ text: t("receipt.lots.total"), bold: true }],
                "",
                "",
                [{ text: fte(totals.fteHundredths), bold: true }],
                [{ text: euro(totals.perYearCents), bold: true }],
                [{ text: euro(totals.termCents), bold: true }],
              ],
            ]
          : []),
      ]
    );
  }

  l.section(t("receipt.section.files"));
  const files = receiptFileRows(s, t);
  if (files.length === 0) l.paragraph(t("receipt.files.none"));
  else {
    l.paragraph(t("receipt.files.intro"));
    l.table(
      [
        { header: t("receipt.files.col.name"), width: 0.44 },
        { header: t("receipt.files.col.kind"), width: 0.26 },
        { header: t("receipt.files.col.size"), width: 0.3, align: "right" },
      ],
      files.map(({ file, kind }) => ({
        cells: [[{ text: file.name, bold: true }], kind, formatFileSize(file.sizeBytes, locale, t)],
        // The whole width: any SHA-256 fits on one line (see TYPE.hash).
        below: [muted(`${t("receipt.files.col.sha256")} `), { text: file.sha256 }],
        belowStyle: TYPE.hash,
      }))
    );
  }

  l.section(t("receipt.section.hashes"));
  l.paragraph(t("receipt.hashes.intro"));
  l.table(
    // 0.66 of the text width leaves room for any SHA-256 on one line (see TYPE.hash).
    [{ width: 0.34 }, { width: 0.66, style: TYPE.hash }],
    [
      [[muted(t("receipt.contentHash"))], receipt.contentHash],
      [[muted(t("receipt.auditHead"))], receipt.auditHead],
    ]
  );

  l.notice("info", t("receipt.section.notes"), [
    t("receipt.note.receiptOnly"),
    t("receipt.note.final", { deadline: formatDateTime(new Date(s.call.submissionDeadline), locale) }),
    t("receipt.note.keep"),
  ]);
}
