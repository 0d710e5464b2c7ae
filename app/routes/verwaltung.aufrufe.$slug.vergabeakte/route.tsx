import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { WorkspaceHeader } from "../../components/page-header";
import type { MessageKey } from "../../i18n";
import { formatDateTime } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { requireUser } from "../../identity/sessions.server";
import { toResponse } from "../../infra/http.server";
import { caseFileState } from "../../documents/case-file-job.server";
import { caseFileOptions } from "./case-file-options.server";

export const meta: MetaFunction = () => [{ title: "Vergabeakte als ZIP" }];

// The case file (Vergabeakte) of the call: what it holds, and how far the archive of the
// current state is (decision 0037). Without JavaScript the officer reloads the page; with it,
// the page asks again every two seconds while the archive is made.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const slug = params.slug ?? "";
  try {
    const { job, stale, opened } = caseFileState(await caseFileOptions(request, user.id, slug));
    const state = !job ? "missing" : stale ? "stale" : job.status === "superseded" ? "missing" : job.status;
    return { slug, opened, state, stage: job?.stage ?? null, done: job?.progressDone ?? 0, total: job?.progressTotal ?? 0, finishedAt: job?.finishedAt?.toISOString() ?? null };
  } catch (error) {
    return toResponse(error, request);
  }
}

const STAGES: Record<string, MessageKey> = {
  queued: "caseFile.stage.queued",
  data: "caseFile.stage.data",
  layout: "caseFile.stage.layout",
  files: "caseFile.stage.files",
  saving: "caseFile.stage.saving",
};

export default function CaseFilePage() {
  const { slug, opened, state, stage, done, total, finishedAt } = useLoaderData<typeof loader>();
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
  const zip = `${hub}/vergabeakte.zip`;
  return (
    <div className="stack">
      <WorkspaceHeader trail={[{ label: t("caseFile.title") }]} />
      <p className="kern-body">{t("caseFile.intro")}</p>
      {opened ? null : <p className="kern-body kern-body--bold">{t("caseFile.sealedNote")}</p>}
      <div role="status">
        {running ? (
          <>
            <p className="kern-body">{t("caseFile.running")}</p>
            {stage ? <p className="kern-body">{t(STAGES[stage], { done, total })}</p> : null}
          </>
        ) : null}
        {state === "done" && finishedAt ? <p className="kern-body">{t("caseFile.done", { date: formatDateTime(new Date(finishedAt), locale) })}</p> : null}
        {state === "missing" ? <p className="kern-body">{t("caseFile.missing")}</p> : null}
        {state === "failed" ? <p className="kern-body">{t("caseFile.failed")}</p> : null}
        {state === "stale" ? <p className="kern-body">{t("caseFile.stale")}</p> : null}
      </div>
      {running ? <p className="kern-body">{t("caseFile.runningHint")}</p> : null}
      <ul className="kern-list">
        <li>
          {running ? (
            <a className="kern-link" href={`${hub}/vergabeakte`}>
              {t("caseFile.reload")}
            </a>
          ) : (
            <a className="kern-link" href={zip}>
              {t(state === "done" ? "caseFile.download" : state === "missing" ? "caseFile.start" : "caseFile.retry")}
            </a>
          )}
        </li>
        <li>
          <Link className="kern-link" to={hub}>
            {t("caseFile.back")}
          </Link>
        </li>
      </ul>
    </div>
  );
}
