import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CallPageHeader, WorkspaceHeader } from "../components/page-header";
import { DocumentView } from "../components/document-view";
import { ReportDownloads } from "./verwaltung.aufrufe.$slug.bewertung/report-downloads";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { toResponse } from "../infra/http.server";
import { evaluationReportDocument } from "../evaluation/report-document";
import { buildEvaluationReport, type EvaluationReport } from "../evaluation/report.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.report ? `Vergabevermerk – ${data.report.call.title}` : "Vergabevermerk" }];

// The Vergabevermerk as HTML, the accessible twin of the PDF next to it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  try {
    return { report: await buildEvaluationReport({ officerUserId: user.id, callSlug: params.slug ?? "", now: serverNow() }), slug: params.slug ?? "" };
  } catch (error) {
    // Before the opening the report does not exist yet: say so instead of failing.
    if (error instanceof DomainError && error.code === "CONFLICT") return { report: null, slug: params.slug ?? "" };
    return toResponse(error, request);
  }
}

export default function EvaluationReportPage() {
  const { report, slug } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const hub = `/verwaltung/aufrufe/${slug}`;
  if (!report) {
    return (
      <div className="stack">
        <WorkspaceHeader trail={[{ label: t("report.title") }]} />
        <p className="kern-body">{t("report.notBeforeOpening")}</p>
        <p>
          <Link className="kern-link" to={hub}>
            {t("report.backToDesk")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="stack">
      <CallPageHeader
        call={report.call}
        page={t("report.title")}
        via={[{ label: t("eval.desk.title"), to: `${hub}/bewertung` }]}
        title={`${t("report.title")}: ${report.call.title}`}
      />
      <ReportDownloads
        hub={hub}
        after={
          <Link className="kern-link" to={`${hub}/bewertung`}>
            {t("report.backToDesk")}
          </Link>
        }
      />
      <DocumentView embedded doc={evaluationReportDocument(report as EvaluationReport, t, locale)} />
    </div>
  );
}
