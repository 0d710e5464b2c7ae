import { Link, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import type { MessageKey } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";

/** What the page of a document made in the background knows of its job (decision 0031). */
export type DocumentJobView = {
  state: string;
  stage: string | null;
  done: number;
  total: number;
  finishedAt: string | null;
};

/** The wording of one kind of document, from the catalogue. */
export type DocumentJobWords = {
  running: MessageKey;
  stages: Record<string, MessageKey>;
  runningHint: MessageKey;
  reload: MessageKey;
  done: MessageKey;
  missing: MessageKey;
  failed: MessageKey;
  stale: MessageKey;
  download: MessageKey;
  start: MessageKey;
  retry: MessageKey;
  back: MessageKey;
};

/**
 * How far a document made in the background is, with a reload link while it runs (the page
 * works without JavaScript; with it, it asks again every two seconds) and the download once done.
 */
export function DocumentJobStatus({ job, words, pageHref, downloadHref, backHref }: { job: DocumentJobView; words: DocumentJobWords; pageHref: string; downloadHref: string; backHref: string }) {
  const { t, locale } = useTranslation();
  const revalidator = useRevalidator();
  const { state, stage, done, total, finishedAt } = job;
  const running = state === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  return (
    <>
      <div role="status">
        {running ? (
          <>
            <p className="kern-body">{t(words.running)}</p>
            {stage && words.stages[stage] ? <p className="kern-body">{t(words.stages[stage], { done, total })}</p> : null}
          </>
        ) : null}
        {state === "done" && finishedAt ? <p className="kern-body">{t(words.done, { date: formatDateTime(new Date(finishedAt), locale) })}</p> : null}
        {state === "missing" ? <p className="kern-body">{t(words.missing)}</p> : null}
        {state === "failed" ? <p className="kern-body">{t(words.failed)}</p> : null}
        {state === "stale" ? <p className="kern-body">{t(words.stale)}</p> : null}
      </div>
      {running ? <p className="kern-body">{t(words.runningHint)}</p> : null}
      <ul className="kern-list">
        <li>
          {running ? (
            <a className="kern-link" href={pageHref}>
              {t(words.reload)}
            </a>
          ) : (
            <a className="kern-link" href={downloadHref}>
              {t(state === "done" ? words.download : state === "missing" ? words.start : words.retry)}
            </a>
          )}
        </li>
        <li>
          <Link className="kern-link" to={backHref}>
            {t(words.back)}
          </Link>
        </li>
      </ul>
    </>
  );
}
