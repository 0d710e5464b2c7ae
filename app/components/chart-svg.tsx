// The frame of the portal's charts (bar-pair-chart.tsx, line-chart.tsx): an SVG image named
// by its title and described by its description (aria-labelledby both), scaled to the width
// of its column, and not a stop for the keyboard.
import type { ReactNode } from "react";

export function ChartSvg({ id, title, description, width, height, children }: { id: string; title: string; description: string; width: number; height: number; children: ReactNode }) {
  const titleId = `${id}-titel`;
  const descId = `${id}-beschreibung`;
  return (
    <svg
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
      fontFamily="Fira Sans, Noto Sans, Arial, sans-serif"
      focusable="false"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {children}
    </svg>
  );
}
