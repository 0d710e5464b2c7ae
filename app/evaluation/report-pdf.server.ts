// The Vergabevermerk as an A4 PDF, rendered in the background (./report-job.server.ts) from the report of ./report.server.ts:
// the document of ./report-document.ts in print.
import { renderDocumentPdf, type DocumentPdfOptions, type PdfProgress } from "../documents/pdf.server";
import { translator } from "../i18n";
import { evaluationReportDocument } from "./report-document";
import type { EvaluationReport } from "./report.server";

export function renderEvaluationReportPdf(report: EvaluationReport, opts: DocumentPdfOptions, progress?: PdfProgress): Promise<Uint8Array<ArrayBuffer>> {
  return renderDocumentPdf(evaluationReportDocument(report, translator(opts.locale), opts.locale), opts, progress);
}
