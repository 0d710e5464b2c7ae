import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert } from "../components/alert";
import { Breadcrumbs } from "../components/breadcrumbs";
import { DocumentView } from "../components/document-view";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";
import { toResponse } from "../infra/http.server";
import { receiptDocument } from "../submission/receipt-document";
import { loadReceipt } from "../submission/submit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Eingangsbestätigung ${data.receipt.receiptNumber}` : "Eingangsbestätigung" },
];

// The receipt as an accessible page: the HTML twin of the PDF.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireCarrier(request);
  try {
    const submissionId = params.submissionId ?? "";
    return { submissionId, receipt: await loadReceipt({ actor, submissionId }) };
  } catch (error) {
    return toResponse(error, request);
  }
}

export default function ReceiptPage() {
  const { receipt, submissionId } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <Breadcrumbs
        items={[
          { label: t("dashboard.title"), to: "/traeger" },
          { label: t("application.title"), to: `/traeger/bewerbungen/${receipt.applicationId}` },
          { label: receipt.receiptNumber },
        ]}
      />
      {params.get("neu") ? (
        <Alert tone="success" role="status">
          <p className="kern-body kern-body--bold">{t("submit.done")}</p>
        </Alert>
      ) : null}
      <DocumentView doc={receiptDocument(receipt, t)} />
      <p>
        <a className="kern-link" href={`/traeger/eingaenge/${submissionId}/eingangsbestaetigung.pdf`}>
          {t("submit.downloadPdf")}
        </a>
      </p>
      <p>
        <Link className="kern-link" to="/traeger">
          {t("submit.toDashboard")}
        </Link>
      </p>
    </div>
  );
}
