// The award procedure's letters as A4 PDFs after DIN 5008 form B, rendered once when the
// notice is sent and stored with it: the letter's document (./letters.ts) in print, its head
// in form B's fixed places (app/documents/pdf.server.ts), then subject, salutation, body and
// closing in the flow of the text. Their accessible twin is the plain text kept in
// notices.body (noticeText).
import { renderDocumentPdf } from "../documents/pdf.server";
import type { NoticeDocument } from "./letters";

export type NoticePdfOptions = {
  /** The portal's operator (CITY_NAME): author of the file, named in the letterhead. */
  cityName: string;
  /** The address of the call in the portal, printed in the footer. */
  publicUrl: string;
};

export function renderNoticePdf(doc: NoticeDocument, opts: NoticePdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  return renderDocumentPdf(doc, { ...opts, locale: doc.locale, generatedAt: doc.sentAt });
}

/** The file name of a notice's PDF; a translation's names its language ("…-translation-en.pdf"). */
export function noticeFileName(kind: NoticeDocument["kind"], slug: string, locale: NoticeDocument["locale"] = "de"): string {
  const names = { preInformation: "vorabinformation", award: "zuschlag", rejection: "absage", cancellation: "aufhebung", complaintDecision: "entscheidung-ruege", contractAmendment: "vertragsaenderung" } as const;
  return locale === "de" ? `${names[kind]}-${slug}.pdf` : `${names[kind]}-${slug}-translation-${locale}.pdf`;
}
