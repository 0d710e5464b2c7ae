import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DocumentJobStatus, type DocumentJobWords } from "../../components/document-job-status";
import { WorkspaceHeader } from "../../components/page-header";
import { useTranslation } from "../../i18n/use-translation";
import { requireUser } from "../../identity/sessions.server";
import { toResponse } from "../../infra/http.server";
import { caseFileState } from "../../documents/case-file-job.server";
import { jobView } from "../../documents/job-view";
import { caseFileOptions } from "./case-file-options.server";

export const meta: MetaFunction = () => [{ title: "Vergabeakte als ZIP" }];

// The case file (Vergabeakte) of the call: what it holds, and how far the archive of the
// current state is (decisions 0031, 0037).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const slug = params.slug ?? "";
  try {
    const { job, stale, opened } = await caseFileState(await caseFileOptions(request, user.id, slug));
    return { slug, opened, job: jobView(job, stale) };
  } catch (error) {
    return toResponse(error, request);
  }
}

const WORDS: DocumentJobWords = {
  running: "caseFile.running",
  stages: { queued: "caseFile.stage.queued", data: "caseFile.stage.data", layout: "caseFile.stage.layout", files: "caseFile.stage.files", saving: "caseFile.stage.saving" },
  runningHint: "caseFile.runningHint",
  reload: "caseFile.reload",
  done: "caseFile.done",
  missing: "caseFile.missing",
  failed: "caseFile.failed",
  stale: "caseFile.stale",
  download: "caseFile.download",
  start: "caseFile.start",
  retry: "caseFile.retry",
  back: "caseFile.back",
};

export default function CaseFilePage() {
  const { slug, opened, job } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const hub = `/verwaltung/aufrufe/${slug}`;
  return (
    <div className="stack">
      <WorkspaceHeader trail={[{ label: t("caseFile.title") }]} />
      <p className="kern-body">{t("caseFile.intro")}</p>
      {opened ? null : <p className="kern-body kern-body--bold">{t("caseFile.sealedNote")}</p>}
      <DocumentJobStatus job={job} words={WORDS} pageHref={`${hub}/vergabeakte`} downloadHref={`${hub}/vergabeakte.zip`} backHref={hub} />
    </div>
  );
}
