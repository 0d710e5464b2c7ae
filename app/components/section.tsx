// A titled part of a page: <section> labelled by its heading, the heading's size after its
// level as KERN sets it (h1 x-large, h2 large, h3 medium, below small).
import { useId, type ReactNode } from "react";

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

const HEADING_CLASS: Record<HeadingLevel, string> = {
  1: "kern-heading-x-large",
  2: "kern-heading-large",
  3: "kern-heading-medium",
  4: "kern-heading-small",
  5: "kern-heading-small",
  6: "kern-heading-small",
};

/** `minor`: set a size smaller than its level (a dated entry in a list of parts). */
export function Heading({ level, id, minor = false, children }: { level: HeadingLevel; id?: string; minor?: boolean; children: ReactNode }) {
  const H = `h${level}` as const;
  return (
    <H id={id} className={HEADING_CLASS[minor ? (Math.min(6, level + 1) as HeadingLevel) : level]}>
      {children}
    </H>
  );
}

/**
 * `id` makes the part a link target (its heading gets `<id>-titel`). A card frames it:
 * "plain" around heading and content, "headed" with heading and `badge` in the card's
 * header and the content in its body. `className` spaces it among its siblings:
 * "call-section" between the parts of a document page, "stack" where parts are stacked.
 */
export function Section({
  title,
  level,
  id,
  card,
  badge,
  minor,
  className,
  children,
}: {
  title: ReactNode;
  level: HeadingLevel;
  id?: string;
  card?: "plain" | "headed";
  badge?: ReactNode;
  minor?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const generated = useId();
  const headingId = id ? `${id}-titel` : generated;
  const heading = (
    <Heading level={level} id={headingId} minor={minor}>
      {title}
    </Heading>
  );
  const classes = (...names: (string | undefined)[]) => names.filter(Boolean).join(" ") || undefined;
  return (
    <section id={id} aria-labelledby={headingId} className={classes(card ? "kern-card" : undefined, className)}>
      {card === "headed" ? (
        <div className="kern-card__container">
          <div className="kern-card__header">
            {heading}
            {badge}
          </div>
          <div className="kern-card__body">{children}</div>
        </div>
      ) : card === "plain" ? (
        <div className="kern-card__container stack">
          {heading}
          {children}
        </div>
      ) : (
        <>
          {heading}
          {children}
        </>
      )}
    </section>
  );
}
