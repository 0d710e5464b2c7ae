// Lists of plain links (a page's next steps, the header and footer navigation) and the
// link back up that ends many pages.
import { Link } from "@remix-run/react";

export type LinkTarget = { to: string; label: string };

/** The list items alone, for a list that holds other items too (a sign-out form). */
export function LinkItems({ links }: { links: LinkTarget[] }) {
  return (
    <>
      {links.map((l) => (
        <li key={l.to}>
          <Link className="kern-link" to={l.to}>
            {l.label}
          </Link>
        </li>
      ))}
    </>
  );
}

export function LinkList({ links, className = "kern-list" }: { links: LinkTarget[]; className?: string }) {
  return (
    <ul className={className || undefined}>
      <LinkItems links={links} />
    </ul>
  );
}

/** One link in a paragraph of its own (back to the overview). */
export function LinkParagraph({ to, label }: LinkTarget) {
  return (
    <p>
      <Link className="kern-link" to={to}>
        {label}
      </Link>
    </p>
  );
}
