import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DocumentJobStatus, type DocumentJobWords } from "../components/document-job-status";
import { WorkspaceHeader } from "../components/page-header";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { toResponse } from "../infra/http.server";
import { evaluationReportPdfState } from "../evaluation/report-job.server";
import { jobView } from "../documents/job-view";
import { reportPdfOptions } from "./verwaltung.aufrufe.$slug.bewertung/report-pdf-options.server";

export const meta: MetaFunction = () => [{ title: "Vergabevermerk als PDF" }];

// How far the Vergabevermerk's PDF for the current state of the evaluation is (decision 0031).
// Without JavaScript the officer reloads the page; with it, the page asks again every two seconds.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const slug = params.slug ?? "";
  try {
    const { job, stale } = await evaluationReportPdfState(await reportPdfOptions(request, user.id, slug));
    return { slug, job: jobView(job, stale) };
  } catch (error) {
    return toResponse(error, request);
  }
}

const WORDS: DocumentJobWords = {
  running: "reportPdf.running",
  stages: { queued: "reportPdf.stage.queued", data: "reportPdf.stage.data", layout: "reportPdf.stage.layout", saving: "reportPdf.stage.saving" },
  runningHint: "reportPdf.runningHint",
  reload: "reportPdf.reload",
  done: "reportPdf.done",
  missing: "reportPdf.missing",
  failed: "reportPdf.failed",
  stale: "reportPdf.stale",
  download: "eval.desk.reportPdf",
  start: "reportPdf.start",
  retry: "reportPdf.retry",
  back: "reportPdf.back",
};

export default function EvaluationReportPdfPage() {
  const { slug, job } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const hub = `/verwaltung/aufrufe/${slug}`;
  return (
    <div className="stack">
      <WorkspaceHeader trail={[{ label: t("report.title"), to: `${hub}/vergabevermerk` }, { label: t("reportPdf.title") }]} />
      <DocumentJobStatus job={job} words={WORDS} pageHref={`${hub}/vergabevermerk-pdf`} downloadHref={`${hub}/vergabevermerk.pdf`} backHref={`${hub}/vergabevermerk`} />
    </div>
  );
}
