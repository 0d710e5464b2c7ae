// The document model's line chart (app/documents/blocks.ts, kind "lineChart"): a few series
// over time (the plan over time: required, contracted and filled FTE per month). Server-
// rendered SVG, readable without JavaScript; role="img" with a title and a description, and
// the same numbers in the table beside it (DocumentView), which is what a screen reader uses.
// Series differ by dash pattern and marker shape, named in a legend, not by colour alone;
// every colour reaches at least 7 : 1 against white. Colours only as SVG presentation
// attributes (the CSP allows no inline styles). A null value breaks its line.
import type { Block, Value } from "../documents/blocks";
import { formatValue, plainText, type Reader } from "../documents/format";
import { formatMonth } from "../i18n/format";
import { ChartSvg } from "./chart-svg";

const INK = "#1b1f24";
const GRID = "#6b7280";
const WIDTH = 720;
const PLOT_LEFT = 64;
const PLOT_RIGHT = WIDTH - 16;
const LEGEND_HEIGHT = 40;
const PLOT_TOP = LEGEND_HEIGHT + 12;
const PLOT_HEIGHT = 220;
const PLOT_BOTTOM = PLOT_TOP + PLOT_HEIGHT;
const HEIGHT = PLOT_BOTTOM + 40;
const MAX_TICKS = 8;

type Marker = "circle" | "square" | "triangle" | "diamond";
/** One look per series, in order: line colour, dash pattern (none: solid), marker. */
export const SERIES_STYLES: { color: string; dash?: string; marker: Marker }[] = [
  { color: INK, marker: "circle" },
  { color: "#0b4f8a", dash: "10 5", marker: "square" },
  { color: "#7a2e00", dash: "3 4", marker: "triangle" },
  { color: "#4a2a7a", dash: "14 4 3 4", marker: "diamond" },
];

function MarkerShape({ kind, x, y, color }: { kind: Marker; x: number; y: number; color: string }) {
  switch (kind) {
    case "circle":
      return <circle cx={x} cy={y} r={4.5} fill="#ffffff" stroke={color} strokeWidth={2} />;
    case "square":
      return <rect x={x - 4} y={y - 4} width={8} height={8} fill={color} />;
    case "triangle":
      return <path d={`M ${x} ${y - 5.5} L ${x + 5} ${y + 4} L ${x - 5} ${y + 4} Z`} fill={color} />;
    case "diamond":
      return <path d={`M ${x} ${y - 5.5} L ${x + 5.5} ${y} L ${x} ${y + 5.5} L ${x - 5.5} ${y} Z`} fill="#ffffff" stroke={color} strokeWidth={2} />;
  }
}

/** A step of 1, 2 or 5 × 10ⁿ so that the axis up to `max` has at most five intervals. */
export function niceStep(max: number): number {
  const rough = Math.max(max, 5) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
}

/** Consecutive known values of a series as runs of [index, value]. */
function runs(values: (number | null)[]): [number, number][][] {
  const out: [number, number][][] = [];
  let current: [number, number][] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) out.push(current);
      current = [];
    } else current.push([i, v]);
  });
  if (current.length) out.push(current);
  return out;
}

export function LineChart({ chart, reader }: { chart: Extract<Block, { kind: "lineChart" }>; reader: Reader }) {
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  // FTE: at least one full post high, so that an empty chart has a readable axis.
  const step = niceStep(Math.max(chart.format.startsWith("fte") ? 100 : 0, ...values));
  const top = Math.max(step, Math.ceil(Math.max(0, ...values) / step) * step);
  const count = chart.points.length;
  const x = (i: number) => (count <= 1 ? (PLOT_LEFT + PLOT_RIGHT) / 2 : PLOT_LEFT + 12 + (i * (PLOT_RIGHT - PLOT_LEFT - 24)) / (count - 1));
  const y = (v: number) => PLOT_BOTTOM - (v / top) * PLOT_HEIGHT;
  // Axis labels as few decimals as they need ("5", not "5,00").
  const axisFormat = chart.format === "fteFixed" ? "fte" : chart.format;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const every = Math.max(1, Math.ceil(count / MAX_TICKS));
  const pointLabel = (p: Value) => (p.format === "month" ? formatMonth(String(p.value), reader.locale, "short") : formatValue(p, reader));
  const legendWidth = (WIDTH - 8) / Math.max(1, chart.series.length);

  return (
    <ChartSvg id={chart.id} title={chart.title} description={plainText(chart.description, reader, " ")} width={WIDTH} height={HEIGHT}>
      {/* Its own white ground: the ink keeps its contrast on a dark (high-contrast) page. */}
      <rect x={0} y={0} width={WIDTH} height={HEIGHT} fill="#ffffff" />
      <g>
        {chart.series.map((s, i) => {
          const style = SERIES_STYLES[i % SERIES_STYLES.length];
          const left = 4 + i * legendWidth;
          return (
            <g key={i}>
              <line x1={left} y1={16} x2={left + 36} y2={16} stroke={style.color} strokeWidth={2.5} strokeDasharray={style.dash} />
              <MarkerShape kind={style.marker} x={left + 18} y={16} color={style.color} />
              <text x={left + 44} y={21} fontSize={14} fill={INK}>
                {s.label}
              </text>
            </g>
          );
        })}
      </g>
      <g>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PLOT_LEFT} y1={y(v)} x2={PLOT_RIGHT} y2={y(v)} stroke={GRID} strokeWidth={v === 0 ? 1.5 : 0.5} />
            <text x={PLOT_LEFT - 8} y={y(v) + 4} fontSize={12} fill={INK} textAnchor="end">
              {formatValue({ format: axisFormat, value: v }, reader)}
            </text>
          </g>
        ))}
        {chart.points.map((p, i) =>
          i % every === 0 ? (
            <g key={i}>
              <line x1={x(i)} y1={PLOT_BOTTOM} x2={x(i)} y2={PLOT_BOTTOM + 5} stroke={GRID} strokeWidth={1} />
              <text x={x(i)} y={PLOT_BOTTOM + 20} fontSize={12} fill={INK} textAnchor="middle">
                {pointLabel(p)}
              </text>
            </g>
          ) : null,
        )}
      </g>
      {chart.series.map((s, k) => {
        const style = SERIES_STYLES[k % SERIES_STYLES.length];
        return (
          <g key={k}>
            {runs(s.values).map((run, r) => (
              <polyline
                key={r}
                points={run.map(([i, v]) => `${x(i)},${y(v)}`).join(" ")}
                fill="none"
                stroke={style.color}
                strokeWidth={2.5}
                strokeDasharray={style.dash}
                strokeLinejoin="round"
              />
            ))}
            {runs(s.values).flatMap((run) => run.map(([i, v]) => <MarkerShape key={i} kind={style.marker} x={x(i)} y={y(v)} color={style.color} />))}
          </g>
        );
      })}
    </ChartSvg>
  );
}
