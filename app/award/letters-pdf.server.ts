// The award procedure's letters as A4 PDFs (Noto Sans, app/infra/pdf.server.ts), rendered
// once when the notice is sent and stored with it. Their accessible twin is the plain text
// kept in notices.body (./letters.ts renders both from one NoticeDocument).
import { translator, type Locale } from "../i18n";
import { COLORS, TYPE, createPdf, finishPdf, type Content } from "../infra/pdf.server";
import type { NoticeDocument } from "./letters";

export type NoticePdfOptions = {
  locale?: Locale;
  cityName: string;
  /** The address of the call in the portal, printed in the footer. */
  publicUrl: string;
};

export async function renderNoticePdf(doc: NoticeDocument, opts: NoticePdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  const locale = opts.locale ?? "de";
  const t = translator(locale);
  const pdf = await createPdf(
    {
      title: `${doc.title} – ${doc.call.title}`,
      author: opts.cityName,
      subject: doc.subject,
      creator: t("pdf.meta.creator"),
      language: locale,
      createdAt: doc.sentAt,
    },
    { numberSections: false },
  );
  const l = pdf.layout;
  l.letterhead(doc.call.authority, doc.call.department, opts.cityName);
  l.paragraph([{ text: doc.organisationName, bold: true }]);
  l.title(doc.title);
  if (doc.call.isDemo) l.notice("warning", t("award.letter.demoTitle"), [t("award.letter.demo")]);
  for (const b of doc.blocks) {
    switch (b.kind) {
      case "p":
        l.paragraph(b.text);
        break;
      case "heading":
        l.subheading(b.text);
        break;
      case "facts":
        l.table(
          [{ width: 0.3 }, { width: 0.7 }],
          b.rows.map(([label, value]): Content[] => [[{ text: label, color: COLORS.muted }], [{ text: value, bold: true }]]),
        );
        break;
      case "table": {
        const first = b.columns.length > 2 ? 0.4 : 0.7;
        const rest = (1 - first) / (b.columns.length - 1);
        l.table(
          b.columns.map((header, i) => ({ header, width: i === 0 ? first : rest, align: i === 0 ? ("left" as const) : ("right" as const) })),
          b.rows,
        );
        break;
      }
    }
  }
  l.paragraph(t("award.letter.closing", { city: opts.cityName }), { style: TYPE.body });
  return finishPdf(pdf, {
    t,
    locale,
    generatedAt: doc.sentAt,
    runningHeader: `${doc.title} – ${doc.organisationName}`,
    publicUrl: opts.publicUrl,
  });
}

export function noticeFileName(kind: NoticeDocument["kind"], slug: string): string {
  const names = { preInformation: "vorabinformation", award: "zuschlag", rejection: "absage", cancellation: "aufhebung" } as const;
  return `${names[kind]}-${slug}.pdf`;
}
