// A multipart upload form. Without JavaScript it is a plain form post. With JavaScript it
// sends the same request through XMLHttpRequest to show the upload's progress; the server
// answers with the page to go to (see infra/upload-result.server.ts), messages included.
import { useEffect, useRef, useState } from "react";
import { useMessagesForLater, useTranslation } from "../i18n/use-translation";

export function UploadForm({ children, className }: { children: React.ReactNode; className?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLFormElement>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [failure, setFailure] = useState<number | null>(null);
  // Shown only while the browser sends the file.
  useMessagesForLater(["upload.progress", "upload.failed"]);

  useEffect(() => {
    const form = ref.current;
    if (!form) return;
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("X-Upload-Form", "1");
      xhr.upload.addEventListener("progress", (e) => {
        if (e.lengthComputable) setPercent(Math.round((e.loaded / e.total) * 100));
      });
      xhr.addEventListener("load", () => {
        // The server always redirects (see infra/upload-result.server.ts); go where it led.
        if (xhr.status < 400 && xhr.responseURL) {
          window.location.assign(xhr.responseURL);
        } else {
          setPercent(null);
          setFailure(xhr.status);
        }
      });
      xhr.addEventListener("error", () => {
        setPercent(null);
        form.submit(); // fall back to the plain post
      });
      setFailure(null);
      setPercent(0);
      xhr.send(new FormData(form));
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, []);

  return (
    <form ref={ref} method="post" encType="multipart/form-data" className={className}>
      {children}
      {percent !== null ? (
        <div role="status" aria-live="polite" className="upload-progress">
          <label htmlFor="upload-fortschritt" className="kern-label">
            {t("upload.progress", { percent })}
          </label>
          <progress id="upload-fortschritt" max={100} value={percent} />
        </div>
      ) : null}
      {failure !== null ? (
        <p className="kern-error" role="alert">
          <span className="kern-body">{t("upload.failed", { status: failure })}</span>
        </p>
      ) : null}
    </form>
  );
}
