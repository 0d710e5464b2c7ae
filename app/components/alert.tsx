// A KERN alert: a tinted box with an optional title (and icon) above its body. `role` says
// how a screen reader meets it: "alert" interrupts (a mismatch, an error), "status" is
// read when it changes, "note" is part of the content.
import type { ReactNode } from "react";

export type AlertTone = "info" | "success" | "warning" | "danger";

export function Alert({
  tone,
  title,
  icon = false,
  role = tone === "danger" ? "alert" : "note",
  titleAs: Title = "span",
  id,
  className,
  children,
}: {
  tone: AlertTone;
  title?: ReactNode;
  /** The tone's icon before the title. */
  icon?: boolean;
  role?: "alert" | "status" | "note";
  /** A heading element where the title heads the page's next part. */
  titleAs?: "span" | "h2";
  id?: string;
  /** A class of the page's own beside KERN's (the demo banner's place). */
  className?: string;
  children?: ReactNode;
}) {
  return (
    <div className={`kern-alert kern-alert--${tone}${className ? ` ${className}` : ""}`} role={role} id={id}>
      {title ? (
        <div className="kern-alert__header">
          {icon ? <span className={`kern-icon kern-icon--${tone}`} aria-hidden="true" /> : null}
          <Title className="kern-title">{title}</Title>
        </div>
      ) : null}
      {children ? <div className="kern-alert__body">{children}</div> : null}
    </div>
  );
}
