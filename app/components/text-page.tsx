import { Breadcrumbs } from "./breadcrumbs";
import type { MessageKey } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import { useRouteLoaderData } from "@remix-run/react";

/** A short static page (imprint, privacy, accessibility) from catalogue keys. */
export function TextPage({ title, paragraphs }: { title: MessageKey; paragraphs: MessageKey[] }) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<{ cityName: string }>("root");
  return (
    <div className="stack">
      <Breadcrumbs items={[{ label: t(title) }]} />
      <h1 className="kern-heading-x-large">{t(title)}</h1>
      {paragraphs.map((p) => (
        <p key={p} className="kern-body">
          {t(p, { city: root?.cityName ?? "" })}
        </p>
      ))}
    </div>
  );
}
