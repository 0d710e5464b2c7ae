// A page's frame: the breadcrumb trail ending in the page, its one h1 and what follows.
import type { ReactNode } from "react";
import { Breadcrumbs, type Crumb } from "./breadcrumbs";

/** `parents`: the trail above this page; `narrow`: a form's reading width (sign-in, registration). */
export function Page({ title, parents = [], narrow = false, children }: { title: string; parents?: Crumb[]; narrow?: boolean; children: ReactNode }) {
  return (
    <div className={narrow ? "stack form-page" : "stack"}>
      <Breadcrumbs items={[...parents, { label: title }]} />
      <h1 className="kern-heading-x-large">{title}</h1>
      {children}
    </div>
  );
}
