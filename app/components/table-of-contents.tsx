// "On this page": a labelled list of links to the page's parts (the call, the call editor).
import type { ReactNode } from "react";
import { useTranslation } from "../i18n/use-translation";

export function TableOfContents({ id, className, parts }: { id: string; className: string; parts: { href: string; label: ReactNode }[] }) {
  const { t } = useTranslation();
  return (
    <nav aria-labelledby={id} className={className}>
      <h2 id={id} className="kern-heading-medium">
        {t("call.onThisPage")}
      </h2>
      <ul className="kern-list">
        {parts.map((p) => (
          <li key={p.href}>
            <a className="kern-link" href={p.href}>
              {p.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
