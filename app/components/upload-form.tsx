// A multipart upload form. Without JavaScript it is a plain form post. With JavaScript it
// sends the same request through XMLHttpRequest to show the upload's progress, then
// follows the server's answer: a redirect is followed, a page with field errors is shown.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "../i18n/use-translation";

export function UploadForm({ children, className }: { children: React.ReactNode; className?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLFormElement>(null);
  const [percent, setPercent] = useState<number | null>(null);

  useEffect(() => {
    const form = ref.current;
    if (!form) return;
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.upload.addEventListener("progress", (e) => {
        if (e.lengthComputable) setPercent(Math.round((e.loaded / e.total) * 100));
      });
      xhr.addEventListener("load", () => {
        const target = new URL(xhr.responseURL || window.location.href);
        const here = new URL(form.action || window.location.href);
        if (xhr.status < 400 && target.pathname + target.search !== here.pathname + here.search) {
          window.location.assign(target.toString());
        } else {
          // The server answered with the page and its messages: show it as it came.
          document.open();
          document.write(xhr.responseText);
          document.close();
        }
      });
      xhr.addEventListener("error", () => {
        setPercent(null);
        form.submit(); // fall back to the plain post
      });
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
    </form>
  );
}
