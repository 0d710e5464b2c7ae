// "Auf dieser Seite": a page's table of contents, a link to each of its anchored parts.
import type { ReactNode } from "react";
import { useTranslation } from "../i18n/use-translation";

export function PageContents({ headingId, className = "call-toc", links }: { headingId: string; className?: string; links: { href: string; label: ReactNode }[] }) {
  const { t } = useTranslation();
  return (
    <nav aria-labelledby={headingId} className={className}>
      <h2 id={headingId} className="kern-heading-medium">
        {t("call.onThisPage")}
      </h2>
      <ul className="kern-list">
        {links.map((l) => (
          <li key={l.href}>
            <a className="kern-link" href={l.href}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
