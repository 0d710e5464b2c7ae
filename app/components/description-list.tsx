// A KERN description list: a term and its value per item. Items given as `false`/`null` are
// left out, so a page lists its conditional facts inline.
import type { ReactNode } from "react";

export type DescriptionItem = { label: ReactNode; value: ReactNode };

export function DescriptionList({ items, className }: { items: (DescriptionItem | false | null | undefined)[]; className?: string }) {
  return (
    <dl className={className ? `kern-description-list ${className}` : "kern-description-list"}>
      {items
        .filter((item): item is DescriptionItem => Boolean(item))
        .map((item, i) => (
          <div key={i} className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{item.label}</dt>
            <dd className="kern-description-list-item__value">{item.value}</dd>
          </div>
        ))}
    </dl>
  );
}
