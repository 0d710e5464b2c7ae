// After a submission is committed: the receipt PDF and the mail to the member who
// submitted. A mail that fails does not undo the submission; the receipt stays
// downloadable from the dashboard.
import { concurrencyLimit } from "../infra/concurrency";
import { env } from "../infra/env.server";
import { mailErrorForLog, sendMail } from "../infra/mail.server";
import { receiptLetter } from "../mail/letters";
import { receiptFileRows } from "./receipt-document";
import { translator, type Locale } from "../i18n";
import { renderReceiptPdf } from "./receipt-pdf.server";
import type { Receipt } from "./snapshot";
import { now as serverNow } from "../infra/clock.server";

// In a deadline rush a hundred receipts are made at once, and each render holds several MB
// (the fonts parsed for embedding) until it ends: they render one at a time. Rendering runs
// on the one JavaScript thread anyway, so taking turns costs the rush no time (decision 0032).
const receiptRendering = concurrencyLimit(1);

export async function receiptPdf(receipt: Receipt, baseUrl: string, locale: Locale = "de") {
  return renderReceiptPdf(receipt, {
    locale,
    generatedAt: serverNow(),
    cityName: env().CITY_NAME,
    publicUrl: `${baseUrl}/aufrufe/${receipt.snapshot.call.slug}`,
  });
}

/** `to.locale`: the language the member uses; English adds the marked translation (decision 0020). */
export async function mailReceipt(receipt: Receipt, to: { email: string; name: string; locale?: Locale }, baseUrl: string): Promise<boolean> {
  try {
    const pdf = await receiptRendering(() => receiptPdf(receipt, baseUrl));
    const letter = receiptLetter({
      name: to.name,
      organisationName: receipt.snapshot.organisation.name,
      callTitle: receipt.snapshot.call.title,
      receiptNumber: receipt.receiptNumber,
      submittedAt: receipt.submittedAt,
      lots: receipt.snapshot.lots.map((l) => `Los ${l.number}: ${l.roleName} – ${l.regionName}`),
      files: receiptFileRows(receipt.snapshot, translator("de")).map(({ file: f, kind }) => ({ name: f.name, kind, sizeBytes: f.sizeBytes, sha256: f.sha256 })),
      submissionHash: receipt.contentHash,
      auditHead: receipt.auditHead,
      dashboardUrl: `${baseUrl}/traeger`,
      reader: to.locale,
    });
    await sendMail({
      to: to.email,
      ...letter,
      attachments: [{ filename: `eingangsbestaetigung-${receipt.receiptNumber}.pdf`, content: Buffer.from(pdf), contentType: "application/pdf" }],
      // Names the bidder, its lots and its files: sealed in the outbox until the opening.
      sealedUntilOpeningOf: receipt.snapshot.call.id,
    });
    return true;
  } catch (error) {
    console.warn(`[mail] receipt ${receipt.receiptNumber} could not be sent: ${mailErrorForLog(error)}`);
    return false;
  }
}
