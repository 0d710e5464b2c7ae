import { Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";

export type Crumb = { label: string; to?: string };

/** Breadcrumb trail; the home entry comes first, the current page last and unlinked. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useTranslation();
  const all: Crumb[] = [{ label: t("breadcrumb.home"), to: "/" }, ...items];
  return (
    <nav aria-label={t("breadcrumb.label")} className="breadcrumb kern-body--small">
      <ol>
        {all.map((c, i) =>
          i === all.length - 1 || !c.to ? (
            <li key={i} aria-current={i === all.length - 1 ? "page" : undefined}>
              {c.label}
            </li>
          ) : (
            <li key={i}>
              <Link className="kern-link" to={c.to}>
                {c.label}
              </Link>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
