import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { WorkspaceHeader } from "../components/page-header";
import type { MessageKey } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { toResponse } from "../infra/http.server";
import { evaluationReportPdfState } from "../evaluation/report-job.server";
import { reportPdfOptions } from "./verwaltung.aufrufe.$slug.bewertung/report-pdf-options.server";

export const meta: MetaFunction = () => [{ title: "Vergabevermerk als PDF" }];

// How far the Vergabevermerk's PDF for the current state of the evaluation is (decision 0031).
// Without JavaScript the officer reloads the page; with it, the page asks again every two seconds.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const slug = params.slug ?? "";
  try {
    const { job, stale } = evaluationReportPdfState(await reportPdfOptions(request, user.id, slug));
    const state = !job ? "missing" : stale ? "stale" : job.status === "superseded" ? "missing" : job.status;
    return { slug, state, stage: job?.stage ?? null, done: job?.progressDone ?? 0, total: job?.progressTotal ?? 0, finishedAt: job?.finishedAt?.toISOString() ?? null };
  } catch (error) {
    return toResponse(error, request);
  }
}

const STAGES: Record<string, MessageKey> = {
  queued: "reportPdf.stage.queued",
  data: "reportPdf.stage.data",
  layout: "reportPdf.stage.layout",
  saving: "reportPdf.stage.saving",
};

export default function EvaluationReportPdfPage() {
  const { slug, state, stage, done, total, finishedAt } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const revalidator = useRevalidator();
  const running = state === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const hub = `/verwaltung/aufrufe/${slug}`;
  const pdf = `${hub}/vergabevermerk.pdf`;
  return (
    <div className="stack">
      <WorkspaceHeader trail={[{ label: t("report.title"), to: `${hub}/vergabevermerk` }, { label: t("reportPdf.title") }]} />
      <div role="status">
        {running ? (
          <>
            <p className="kern-body">{t("reportPdf.running")}</p>
            {stage ? <p className="kern-body">{t(STAGES[stage], { done, total })}</p> : null}
          </>
        ) : null}
        {state === "done" && finishedAt ? <p className="kern-body">{t("reportPdf.done", { date: formatDateTime(new Date(finishedAt), locale) })}</p> : null}
        {state === "missing" ? <p className="kern-body">{t("reportPdf.missing")}</p> : null}
        {state === "failed" ? <p className="kern-body">{t("reportPdf.failed")}</p> : null}
        {state === "stale" ? <p className="kern-body">{t("reportPdf.stale")}</p> : null}
      </div>
      {running ? <p className="kern-body">{t("reportPdf.runningHint")}</p> : null}
      <ul className="kern-list">
        <li>
          {running ? (
            <a className="kern-link" href={`${hub}/vergabevermerk-pdf`}>
              {t("reportPdf.reload")}
            </a>
          ) : (
            <a className="kern-link" href={pdf}>
              {t(state === "done" ? "eval.desk.reportPdf" : state === "missing" ? "reportPdf.start" : "reportPdf.retry")}
            </a>
          )}
        </li>
        <li>
          <Link className="kern-link" to={`${hub}/vergabevermerk`}>
            {t("reportPdf.back")}
          </Link>
        </li>
      </ul>
    </div>
  );
}
