// The call as the public reads it: the body of /aufrufe/<slug>, also shown by the officers'
// preview of a draft (/verwaltung/aufrufe/<slug>/vorschau), so that both are the same page.
// Its content is the call's document (app/procurement/call-document.ts), which also makes
// the PDF; around it the page adds what only a page can say: the demo banner, the call's
// status with the time left, the outcome, the way to take part and the table of contents.
import { Link } from "@remix-run/react";
import type { CallOutcome } from "../award/result";
import { blocksFor, headAndParts, type Block } from "../documents/blocks";
import { formatDate, formatDateTime, formatDuration } from "../i18n/format";
import type { MessageKey } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import { callDocument, type CallFileRef } from "../procurement/call-document";
import type { PublicPhase, Remaining, CallView } from "../procurement/call-view";
import { Alert } from "./alert";
import { DemoBanner } from "./demo-banner";
import { DocumentBlocks, TextView } from "./document-view";
import { TableOfContents } from "./table-of-contents";

export type { CallFileRef };

/** Entschieden / Aufhebung: the result link, or the cancellation with date and reason. */
function OutcomeNotice({ outcome, base }: { outcome: CallOutcome; base: string }) {
  const { t, locale } = useTranslation();
  return (
    <>
      {outcome.awardedAt ? (
        <Alert tone="success" role="status" id="ergebnis" title={t("home.decided")}>
          <p className="kern-body">{t("result.notice.decided", { date: formatDateTime(outcome.awardedAt, locale) })}</p>
          <p className="kern-body kern-body--bold">
            <Link className="kern-link" to={`${base}/ergebnis`}>
              {t("result.notice.link")}
            </Link>
          </p>
        </Alert>
      ) : null}
      {outcome.cancellation ? (
        <Alert tone="danger" role="status" id="aufhebung" title={t("result.cancelled.title")}>
          <p className="kern-body">
            {outcome.cancellation.at
              ? t("result.cancelled.body", { date: formatDateTime(outcome.cancellation.at, locale) })
              : t("result.cancelled.bodyUndated")}
          </p>
          <p className="kern-body">
            <strong>{t("result.reason")}:</strong> {outcome.cancellation.reason}
          </p>
        </Alert>
      ) : null}
      {!outcome.cancellation && outcome.cancelledLots.length ? (
        <Alert tone="warning" role="status" id="aufgehobene-lose" title={t("result.notice.lotsCancelled")}>
          <ul className="kern-list">
            {outcome.cancelledLots.map((l) => (
              <li key={l.lotId}>
                {t("result.cancelledLot", { number: l.number, region: l.regionName, role: l.roleName, date: formatDate(l.at, locale) })}{" "}
                <strong>{t("result.reason")}:</strong> {l.reason}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </>
  );
}

/** The page's table of contents: every part of the document that has an anchor. */
function Contents({ blocks }: { blocks: Block[] }) {
  const { t, locale } = useTranslation();
  const parts = blocks.flatMap((b) => (b.kind === "section" && b.id ? [{ id: b.id, title: b.title }] : []));
  return (
    <TableOfContents
      id="inhalt-titel"
      className="call-toc call-section"
      parts={parts.map((p) => ({ href: `#${p.id}`, label: <TextView text={p.title} reader={{ t, locale }} /> }))}
    />
  );
}

export function CallDocument({
  call,
  phase,
  remaining,
  files = [],
  outcome,
  top,
  offer,
}: {
  call: CallView;
  phase: PublicPhase;
  remaining: Remaining;
  /** Uploaded documents of the call, downloadable at /dateien/<id>. */
  files?: CallFileRef[];
  /** Award made, call or lots cancelled (app/award/result.server.ts); none in the preview. */
  outcome?: CallOutcome;
  /** Rendered first inside the article (breadcrumbs, banners). */
  top?: React.ReactNode;
  /** The way to take part (sign in, start, continue), below the call's status; none in the preview. */
  offer?: React.ReactNode;
}) {
  const { t, locale } = useTranslation();
  const { head, parts } = headAndParts(blocksFor(callDocument(call, t, { files }).blocks, "page"));
  return (
    <article>
      {top}
      {call.isDemo ? <DemoBanner /> : null}
      <DocumentBlocks blocks={head} level={1} embedded={false} />

      <Alert tone={phase === "open" ? "info" : "warning"} role="status" title={`${t("call.status")}: ${t(`status.${call.status}` as MessageKey)}`}>
        <p className="kern-body">
          {remaining
            ? t("call.countdown", { time: formatDuration(t, locale, remaining) })
            : t("call.deadlinePassed", { date: formatDateTime(call.dates.submissionDeadline, locale) })}
        </p>
      </Alert>

      {outcome ? <OutcomeNotice outcome={outcome} base={`/aufrufe/${call.slug}`} /> : null}
      {offer}

      <Contents blocks={parts} />
      <DocumentBlocks blocks={parts} level={1} embedded={false} />
    </article>
  );
}
