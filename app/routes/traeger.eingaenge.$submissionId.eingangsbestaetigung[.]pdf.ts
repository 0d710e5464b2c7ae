import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "../i18n/locale.server";
import { requireCarrier } from "../identity/sessions.server";
import { downloadResponse, publicBaseUrl, toResponse } from "../infra/http.server";
import { receiptPdf } from "../submission/receipt-delivery.server";
import { loadReceipt } from "../submission/submit.server";

// The receipt PDF, downloadable again at any time by the organisation that submitted.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireCarrier(request);
  let receipt;
  try {
    receipt = await loadReceipt({ actor, submissionId: params.submissionId ?? "" });
  } catch (error) {
    return toResponse(error, request);
  }
  const pdf = await receiptPdf(receipt, publicBaseUrl(request), await getLocale(request));
  return downloadResponse(pdf, "application/pdf", `eingangsbestaetigung-${receipt.receiptNumber}.pdf`);
}
