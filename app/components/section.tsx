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

export function Heading({ level, id, children }: { level: HeadingLevel; id?: string; children: ReactNode }) {
  const H = `h${level}` as const;
  return (
    <H id={id} className={HEADING_CLASS[level]}>
      {children}
    </H>
  );
}

/**
 * `id` makes the part a link target (its heading gets `<id>-titel`); `card` frames it as a
 * KERN card. `className` spaces it: "call-section" between the parts of a document page,
 * "stack" for parts whose children are spaced evenly.
 */
export function Section({
  title,
  level,
  id,
  card = false,
  className,
  children,
}: {
  title: ReactNode;
  level: HeadingLevel;
  id?: string;
  card?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const generated = useId();
  const headingId = id ? `${id}-titel` : generated;
  const heading = (
    <Heading level={level} id={headingId}>
      {title}
    </Heading>
  );
  if (card) {
    return (
      <section id={id} aria-labelledby={headingId} className={["kern-card", className].filter(Boolean).join(" ")}>
        <div className="kern-card__container stack">
          {heading}
          {children}
        </div>
      </section>
    );
  }
  return (
    <section id={id} aria-labelledby={headingId} className={className}>
      {heading}
      {children}
    </section>
  );
}
