import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert } from "../components/alert";
import { PageHeader } from "../components/page-header";
import { ErrorSummary, FileField, SubmitButton } from "../components/form";
import { UploadForm } from "../components/upload-form";
import { formatDateTime } from "../i18n/format";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors, refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { toResponse } from "../infra/http.server";
import { fileStorage } from "../infra/storage.server";
import { readUploadResult, uploadResult } from "../infra/upload-result.server";
import { MAX_UPLOAD_BYTES, parseUploadForm } from "../infra/uploads.server";
import { answerDocumentRequest, loadDocumentRequestForOrganisation } from "../evaluation/formal-check.server";
import { sealForApplication } from "../submission/applications.server";

export const meta: MetaFunction = () => [{ title: "Nachforderung" }];

const FIELD = "datei";

// A request of the city to supply a missing document (Nachforderung), answered by upload.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireCarrier(request);
  try {
    const req = await loadDocumentRequestForOrganisation({
      organisationId: actor.organisationId,
      requestId: params.requestId ?? "",
      now: serverNow(),
    });
    const upload = await readUploadResult(request);
    return data(
      { request: req, uploadErrors: upload.errors, maxUploadMb: Math.floor(MAX_UPLOAD_BYTES / (1024 * 1024)) },
      { headers: upload.headers },
    );
  } catch (error) {
    return toResponse(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireCarrier(request);
  const { t, locale } = await getTranslator(request);
  const requestId = params.requestId ?? "";
  const back = `/traeger/nachforderungen/${requestId}`;
  try {
    // Ownership and the due date before any byte is stored.
    const before = await loadDocumentRequestForOrganisation({ organisationId: actor.organisationId, requestId, now: serverNow() });
    if (before.state !== "open") {
      return uploadResult(request, back, {
        _form: t(before.state === "answered" ? "check.request.alreadyAnswered" : "check.request.duePassed"),
      });
    }
    const { uploads } = await parseUploadForm(request, {
      fileFields: [FIELD],
      maxBytesPerFile: MAX_UPLOAD_BYTES,
      seal: await sealForApplication({ actor, applicationId: before.applicationId }), // a bid file: sealed like the others
    });
    const refused = uploads.find((u) => !u.ok);
    const stored = uploads.flatMap((u) => (u.ok ? [u] : []));
    const [first, ...extra] = stored;
    await Promise.allSettled(extra.map((u) => fileStorage().remove(u.file.storageKey)));
    if (!first) return uploadResult(request, back, { [FIELD]: refused && !refused.ok ? refusalMessage(refused.refusal, t, locale) : t("upload.noFile") });
    try {
      // The server clock after the upload decides, not the one before it.
      await answerDocumentRequest({ actor, requestId, upload: first.file, originalName: first.fileName, now: serverNow() });
    } catch (error) {
      await fileStorage().remove(first.file.storageKey).catch(() => {});
      if (error instanceof DomainError && error.code !== "NOT_FOUND") {
        return uploadResult(request, back, refusalErrors(error, t, locale));
      }
      throw error;
    }
    return uploadResult(request, `${back}?nachgereicht=1`);
  } catch (error) {
    return toResponse(error, request);
  }
}

export default function DocumentRequest() {
  const { request: r, uploadErrors, maxUploadMb } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = uploadErrors;
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("dashboard.title"), to: "/traeger" }, { label: t("check.carrier.title") }]} />
      {params.get("nachgereicht") && r.state === "answered" ? (
        <Alert tone="success" role="status">
          <p className="kern-body kern-body--bold">{t("check.carrier.done")}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} fieldOrder={["_form", FIELD]} />
      <p className="kern-body">{t("check.carrier.intro", { number: r.receiptNumber, call: r.callTitle })}</p>
      <blockquote className="kern-body">{r.description}</blockquote>
      <p className="kern-body--small">{t("check.carrier.requestedAt", { date: formatDateTime(r.requestedAt, locale) })}</p>
      <p className="kern-body kern-body--bold">{t("check.carrier.due", { date: formatDateTimeSeconds(r.dueAt, locale) })}</p>
      {r.state === "answered" && r.answeredAt && r.answeredFile ? (
        <p className="kern-body">
          {t("check.carrier.answered", { date: formatDateTimeSeconds(r.answeredAt, locale) })}{" "}
          <a className="kern-link" href={`/dateien/${r.answeredFile.id}`}>
            {r.answeredFile.name}
          </a>
        </p>
      ) : null}
      {r.state === "overdue" ? <p className="kern-body kern-body--bold">{t("check.carrier.closed")}</p> : null}
      {r.state === "open" ? (
        <UploadForm className="stack">
          <FileField
            name={FIELD}
            label={t("check.carrier.file")}
            hint={t("upload.hint", { mb: maxUploadMb })}
            error={errors[FIELD]}
            accept=".pdf,.odt,.docx,.jpg,.jpeg,.png,application/pdf"
          />
          <SubmitButton label={t("check.carrier.submit")} />
        </UploadForm>
      ) : null}
      <p>
        <Link className="kern-link" to="/traeger">
          {t("check.carrier.back")}
        </Link>
      </p>
    </div>
  );
}
