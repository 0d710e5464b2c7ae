// The document model's chart (app/documents/blocks.ts, kind "chart") as a bar chart: per
// group (a region) and bar (a role), what is needed (outlined bar) against what is
// contracted (filled bar). Server-rendered SVG, readable without JavaScript; role="img"
// with a title and a description that say the numbers, and the same numbers in a table
// beside it (DocumentView). Colours only through SVG presentation attributes (the CSP allows
// no inline styles); the two differ by shape too (outline vs fill), not by colour alone.
// Both colours reach at least 7 : 1 against white.
import type { Block } from "../documents/blocks";
import { formatValue, plainText, type Reader } from "../documents/format";
import { ChartSvg } from "./chart-svg";

const INK = "#1b1f24";
const REQUIRED_STROKE = "#3d4550";
const CONTRACTED_FILL = "#0b4f8a";

const WIDTH = 720;
const LABEL_WIDTH = 210;
const VALUE_SPACE = 64;
const BAR_HEIGHT = 12;
const ROW_HEIGHT = 2 * BAR_HEIGHT + 14;
const GROUP_HEADING = 30;
const LEGEND_HEIGHT = 34;

export function BarPairChart({ chart, reader }: { chart: Extract<Block, { kind: "chart" }>; reader: Reader }) {
  const label = (value: number) => formatValue({ format: chart.format, value }, reader);
  const max = Math.max(1, ...chart.groups.flatMap((g) => g.bars.flatMap((b) => b.values)));
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_SPACE;
  const scale = (value: number) => (value / max) * barSpace;
  const height = LEGEND_HEIGHT + chart.groups.reduce((sum, g) => sum + GROUP_HEADING + g.bars.length * ROW_HEIGHT, 0) + 8;

  let y = LEGEND_HEIGHT;
  const groups = chart.groups.map((group, g) => {
    const top = y;
    y += GROUP_HEADING + group.bars.length * ROW_HEIGHT;
    return (
      <g key={g}>
        <text x={0} y={top + 20} fontSize={15} fontWeight="bold" fill={INK}>
          {group.label}
        </text>
        {group.bars.map((bar, i) => {
          const rowTop = top + GROUP_HEADING + i * ROW_HEIGHT;
          const [required, contracted] = bar.values.map(scale);
          return (
            <g key={i}>
              <text x={8} y={rowTop + BAR_HEIGHT + 5} fontSize={13} fill={INK}>
                {bar.label}
              </text>
              {required > 0 ? (
                <rect x={LABEL_WIDTH + 1} y={rowTop + 1} width={Math.max(required - 2, 1)} height={BAR_HEIGHT - 2} fill="#ffffff" stroke={REQUIRED_STROKE} strokeWidth={2} />
              ) : null}
              <text x={LABEL_WIDTH + required + 6} y={rowTop + BAR_HEIGHT - 1} fontSize={12} fill={INK}>
                {label(bar.values[0])}
              </text>
              {contracted > 0 ? <rect x={LABEL_WIDTH} y={rowTop + BAR_HEIGHT + 2} width={contracted} height={BAR_HEIGHT} fill={CONTRACTED_FILL} /> : null}
              <text x={LABEL_WIDTH + contracted + 6} y={rowTop + 2 * BAR_HEIGHT + 1} fontSize={12} fill={INK}>
                {label(bar.values[1])}
              </text>
            </g>
          );
        })}
      </g>
    );
  });

  return (
    <ChartSvg id={chart.id} title={chart.title} description={plainText(chart.description, reader, " ")} width={WIDTH} height={height}>
      <g>
        <rect x={1} y={9} width={22} height={BAR_HEIGHT - 2} fill="#ffffff" stroke={REQUIRED_STROKE} strokeWidth={2} />
        <text x={30} y={18} fontSize={13} fill={INK}>
          {chart.legend[0]}
        </text>
        <rect x={160} y={8} width={22} height={BAR_HEIGHT} fill={CONTRACTED_FILL} />
        <text x={189} y={18} fontSize={13} fill={INK}>
          {chart.legend[1]}
        </text>
      </g>
      {groups}
    </ChartSvg>
  );
}
