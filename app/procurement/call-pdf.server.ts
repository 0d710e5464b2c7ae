// The public call as an A4 PDF (served at /aufrufe/:slug/aufruf.pdf): the document of
// ./call-document.ts in print.
import { renderDocumentPdf, type DocumentPdfOptions } from "../documents/pdf.server";
import { translator } from "../i18n";
import { callDocument } from "./call-document";
import type { CallView } from "./call-view";

export type CallPdfOptions = DocumentPdfOptions;

export function renderCallPdf(call: CallView, opts: CallPdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  return renderDocumentPdf(callDocument(call, translator(opts.locale)), opts);
}
