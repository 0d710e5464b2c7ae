// The opening record (Öffnungsprotokoll) as an A4 PDF, rendered once when the opening is
// confirmed and stored: the document of ./opening-record-document.ts in print.
import { renderDocumentPdf, type DocumentPdfOptions } from "../documents/pdf.server";
import { translator } from "../i18n";
import type { OpeningRecord } from "./opening-record";
import { openingRecordDocument } from "./opening-record-document";

export type OpeningRecordPdfOptions = DocumentPdfOptions & {
  /** SHA-256 of the record's data (see openingRecordHash). */
  recordHash: string;
};

export function renderOpeningRecordPdf(record: OpeningRecord, opts: OpeningRecordPdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  return renderDocumentPdf(openingRecordDocument(record, opts.recordHash, translator(opts.locale)), opts);
}
