// The award procedure's letters as A4 PDFs after DIN 5008 form B (Noto Sans,
// app/infra/pdf.server.ts), rendered once when the notice is sent and stored with it: the
// letter's head in its fixed places (Layout.letterWindow), then subject, salutation, body,
// closing in the flow of the text. Their accessible twin is the plain text kept in
// notices.body (./letters.ts renders both from one NoticeDocument).
import { translator, type Locale } from "../i18n";
import { BR, COLORS, MM, TYPE, createPdf, finishPdf, type Run } from "../infra/pdf.server";
import type { LetterBlock, NoticeDocument } from "./letters";

export type NoticePdfOptions = {
  locale?: Locale;
  /** The portal's operator (CITY_NAME): author of the file, named in the letterhead. */
  cityName: string;
  /** The address of the call in the portal, printed in the footer. */
  publicUrl: string;
};

/** The head's blocks, which the PDF sets in fixed places before the flow of the text. */
const HEAD = new Set<LetterBlock["kind"]>(["letterhead", "senderLine", "address", "reference"]);

function headOf(doc: NoticeDocument) {
  const find = <K extends LetterBlock["kind"]>(kind: K) => {
    const block = doc.blocks.find((b): b is Extract<LetterBlock, { kind: K }> => b.kind === kind);
    if (!block) throw new Error(`A letter needs its ${kind}`);
    return block;
  };
  return { letterhead: find("letterhead"), senderLine: find("senderLine"), address: find("address"), reference: find("reference") };
}

/** Lines of one paragraph, broken where the text says. */
function lines(texts: string[]): Run[] {
  return texts.flatMap((text, i) => (i ? [BR, { text }] : [{ text }]));
}

export async function renderNoticePdf(doc: NoticeDocument, opts: NoticePdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  const locale = opts.locale ?? "de";
  const t = translator(locale);
  const pdf = await createPdf(
    {
      title: `${doc.title} – ${doc.callTitle}`,
      author: opts.cityName,
      subject: doc.subject,
      creator: t("pdf.meta.creator"),
      language: locale,
      createdAt: doc.sentAt,
    },
    // DIN 5008: 25 mm on the left, 20 mm on the right.
    { numberSections: false, margins: { left: 25 * MM, right: 20 * MM } },
  );
  const l = pdf.layout;
  const head = headOf(doc);
  l.letterhead(head.letterhead.authority, head.letterhead.department, opts.cityName);
  l.letterWindow({ senderLine: head.senderLine.parts, address: head.address.lines, info: head.reference.rows });
  for (const b of doc.blocks) {
    if (HEAD.has(b.kind)) continue;
    switch (b.kind) {
      case "subject":
        l.paragraph(b.text, { bold: true, style: TYPE.subheading, after: 2 * TYPE.body.leading });
        break;
      case "notice":
        l.notice("warning", b.title, [b.text]);
        break;
      case "salutation":
        l.paragraph(b.text, { after: TYPE.body.leading });
        break;
      case "p":
        l.paragraph(b.text);
        break;
      case "heading":
        l.subheading(b.text);
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
      case "closing":
        // Greeting and office on one page.
        l.keepTogether(() => {
          l.paragraph(b.greeting, { before: TYPE.body.leading, after: TYPE.body.leading });
          l.paragraph(lines(b.office), { after: 2 * TYPE.body.leading });
        });
        break;
      case "note":
        l.paragraph(b.text, { style: TYPE.small, color: COLORS.muted });
        break;
    }
  }
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
