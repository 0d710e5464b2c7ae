import { Form } from "@remix-run/react";
import { formatNumber } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import type { FileRef } from "../submission/rules";

/** A stored file with its size and SHA-256, a download link and, in a draft, a remove button. */
export function UploadedFile({ file, removable }: { file: FileRef; removable: boolean }) {
  const { t, locale } = useTranslation();
  return (
    <div className="kern-card uploaded-file">
      <div className="kern-card__container stack">
        <p className="kern-body">
          <a className="kern-link" href={`/dateien/${file.id}`}>
            {file.name}
          </a>{" "}
          ({formatNumber(file.sizeBytes / 1024, locale, 1)} kB)
        </p>
        <p className="kern-body--small">
          SHA-256: <code className="hash">{file.sha256}</code>
        </p>
        {removable ? (
          <Form method="post">
            <input type="hidden" name="intent" value="detach" />
            <input type="hidden" name="fileId" value={file.id} />
            <button type="submit" className="kern-btn kern-btn--tertiary" aria-label={`${t("upload.remove")}: ${file.name}`}>
              <span className="kern-label">{t("upload.remove")}</span>
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
