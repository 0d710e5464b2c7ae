// The top of a page: the breadcrumb trail ending in the page and the page's one h1, which is
// the trail's last entry unless `title` says otherwise.
import type { ReactNode } from "react";
import { useTranslation } from "../i18n/use-translation";
import { Breadcrumbs, type Crumb } from "./breadcrumbs";

export function PageHeader({ trail, title }: { trail: Crumb[]; title?: ReactNode }) {
  return (
    <>
      <Breadcrumbs items={trail} />
      <h1 className="kern-heading-x-large">{title ?? trail.at(-1)?.label}</h1>
    </>
  );
}

/** A page in the city's workspace: the trail starts at the workspace. */
export function WorkspaceHeader({ trail, title }: { trail: Crumb[]; title?: ReactNode }) {
  const { t } = useTranslation();
  return <PageHeader trail={[{ label: t("workspace.title"), to: "/verwaltung" }, ...trail]} title={title} />;
}

/** A page about one call: workspace › call › `via` › `page`. */
export function CallPageHeader({ call, page, via = [], title }: { call: { slug: string; title: string }; page: string; via?: Crumb[]; title?: ReactNode }) {
  return <WorkspaceHeader trail={[{ label: call.title, to: `/verwaltung/aufrufe/${call.slug}` }, ...via, { label: page }]} title={title} />;
}
