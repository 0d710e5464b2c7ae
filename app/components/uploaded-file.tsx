import { Form } from "@remix-run/react";
import { formatDateTime } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import type { FileRef } from "../submission/rules";
import { formatFileSize } from "../i18n/format";

/**
 * A stored file: its name as a download link, size, upload time (when known), SHA-256 and, in
 * a draft, a remove button. Inside another form (forms cannot nest) the button submits the
 * `RemoveFileForm` with the id `removeForm`, placed elsewhere on the page.
 */
export function UploadedFile({
  file,
  uploadedAt,
  removable,
  removeForm,
}: {
  file: FileRef;
  uploadedAt?: Date;
  removable: boolean;
  removeForm?: string;
}) {
  const { t, locale } = useTranslation();
  const button = (
    <button type="submit" form={removeForm} className="kern-btn kern-btn--tertiary" aria-label={`${t("upload.remove")}: ${file.name}`}>
      <span className="kern-label">{t("upload.remove")}</span>
    </button>
  );
  return (
    <div className="kern-card uploaded-file">
      <div className="kern-card__container stack">
        <p className="kern-body">
          <a className="kern-link" href={`/dateien/${file.id}`}>
            {file.name}
          </a>{" "}
          ({formatFileSize(file.sizeBytes, locale, t)})
        </p>
        {uploadedAt ? <p className="kern-body--small">{t("upload.uploadedAt", { date: formatDateTime(uploadedAt, locale) })}</p> : null}
        <p className="kern-body--small">
          SHA-256: <code className="hash">{file.sha256}</code>
        </p>
        {!removable ? null : removeForm ? (
          button
        ) : (
          <RemoveFileForm fileId={file.id}>{button}</RemoveFileForm>
        )}
      </div>
    </div>
  );
}

/** Detaches a file from the working copy (the route's action, intent "detach"). */
export function RemoveFileForm({ fileId, id, children }: { fileId: string; id?: string; children?: React.ReactNode }) {
  return (
    <Form method="post" id={id}>
      <input type="hidden" name="intent" value="detach" />
      <input type="hidden" name="fileId" value={fileId} />
      {children}
    </Form>
  );
}
