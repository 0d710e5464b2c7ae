// The receipt (Eingangsbestätigung) as an A4 PDF: the document of ./receipt-document.ts in
// print. Checksums are printed in full on one line each, so that they can be compared, and
// copied, character by character.
import { renderDocumentPdf, type DocumentPdfOptions } from "../documents/pdf.server";
import { translator } from "../i18n";
import { receiptDocument } from "./receipt-document";
import type { Receipt } from "./snapshot";

export function renderReceiptPdf(receipt: Receipt, opts: DocumentPdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  return renderDocumentPdf(receiptDocument(receipt, translator(opts.locale)), opts);
}
