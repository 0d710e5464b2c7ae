// What the city published after a carrier began its application (answers, amendments), so
// that a draft takes it in and a submitted bid can be revised before the deadline (§ 20 Abs. 3 VgV).
import { Link } from "@remix-run/react";
import { formatDate, formatDateTime } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import type { PublishedChange } from "../procurement/extension";
import { Alert } from "./alert";

export function ChangesSinceStart(props: { callSlug: string; startedAt: Date; changes: PublishedChange[]; mayReviseUntil: Date | null }) {
  const { t, locale } = useTranslation();
  if (props.changes.length === 0) return null;
  const callUrl = `/aufrufe/${props.callSlug}`;
  return (
    <Alert tone="warning" icon title={t("changes.title")} titleAs="h2" id="aenderungen-seit-beginn">
      <div className="stack">
        <p className="kern-body">{t("changes.intro", { date: formatDateTime(props.startedAt, locale) })}</p>
        <ul className="kern-list kern-list--bullet">
          {props.changes.map((c) => (
            <li key={c.kind === "amendment" ? `a${c.number}` : `q${c.id}`}>
              {c.kind === "amendment" ? (
                <Link className="kern-link" to={`${callUrl}#aenderungen`}>
                  {t("changes.amendment", { number: c.number, date: formatDate(c.publishedAt, locale), title: c.title })}
                </Link>
              ) : (
                <Link className="kern-link" to={`${callUrl}/fragen`}>
                  {t("changes.answer", { date: formatDate(c.publishedAt, locale), question: c.question })}
                </Link>
              )}
            </li>
          ))}
        </ul>
        {props.mayReviseUntil ? <p className="kern-body kern-body--bold">{t("changes.mayRevise", { date: formatDateTime(props.mayReviseUntil, locale) })}</p> : null}
      </div>
    </Alert>
  );
}
