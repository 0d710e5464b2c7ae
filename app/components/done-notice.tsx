// The line that confirms a step just done: the action redirects with a flag in the query
// (?gespeichert=1) and the page says so once, as a status a screen reader reads out.
import { useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import type { MessageKey } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import { Alert } from "./alert";

export function DoneNotice({ children }: { children: ReactNode }) {
  return (
    <Alert tone="success" role="status">
      <p className="kern-body kern-body--bold">{children}</p>
    </Alert>
  );
}

/** One notice per flag of `notices` ([query parameter, message]) that the query carries. */
export function DoneNotices({ notices }: { notices: readonly (readonly [string, MessageKey])[] }) {
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <>
      {notices.map(([param, key]) => (params.get(param) ? <DoneNotice key={param}>{t(key)}</DoneNotice> : null))}
    </>
  );
}
