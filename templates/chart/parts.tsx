/**
 * Pieces shared by the charts: the accessible SVG frame, axes with gridlines, legend, markers and the
 * empty state. They draw geometry computed in `src/report/chart/`; they compute nothing themselves.
 */
import { type ComponentChildren, createContext } from "preact";
import { useContext } from "preact/hooks";
import { round1 } from "../../src/format/format.ts";
import type { AxisView, LegendItem, MarkerLine, Rect } from "../../src/model/chart_view.ts";
import { SERIES_COLOURS, STANDALONE_CHART_CSS } from "./chart_css.ts";

/** Set by `standaloneSvg`: the frame then adds xmlns, a fixed size, a background and its own styles. */
export const StandaloneContext = createContext(false);

/** The CSS class giving series `index` its colour. */
export const seriesClass = (index: number) => `series-${index % SERIES_COLOURS}`;

const r = round1;

interface FrameProps {
  /** Already made safe with `safeId`. */
  prefix: string;
  title: string;
  desc: string;
  width: number;
  height: number;
  children: ComponentChildren;
}

/** The <svg> root: role="img", labelled by its <title> and <desc>, sized by its viewBox. */
export function ChartFrame(props: FrameProps) {
  const standalone = useContext(StandaloneContext);
  const { prefix, width, height } = props;
  return (
    <svg
      xmlns={standalone ? "http://www.w3.org/2000/svg" : undefined}
      class="perf-chart"
      viewBox={`0 0 ${width} ${height}`}
      width={standalone ? width : "100%"}
      height={standalone ? height : undefined}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-labelledby={`${prefix}-title ${prefix}-desc`}
    >
      <title id={`${prefix}-title`}>{props.title}</title>
      <desc id={`${prefix}-desc`}>{props.desc}</desc>
      {standalone && <style>{STANDALONE_CHART_CSS}</style>}
      {standalone && <rect class="background" width={width} height={height} />}
      {props.children}
    </svg>
  );
}

/** A clip rectangle around the plot (a little larger, so lines on the edge keep their full stroke). */
export function PlotClip(props: { id: string; plot: Rect }) {
  const { plot } = props;
  return (
    <clipPath id={props.id}>
      <rect x={r(plot.x - 2)} y={r(plot.y - 2)} width={r(plot.width + 4)} height={r(plot.height + 4)} />
    </clipPath>
  );
}

/** "no data", centred in the plot. */
export function EmptyState(props: { plot: Rect }) {
  const { plot } = props;
  return (
    <text class="empty" x={r(plot.x + plot.width / 2)} y={r(plot.y + plot.height / 2)} text-anchor="middle">
      no data
    </text>
  );
}

/** A gridline across the plot at each tick: vertical for the x axis, horizontal for a y axis. */
function Gridlines(props: { axis: AxisView; plot: Rect; vertical: boolean }) {
  const { axis, plot, vertical } = props;
  return (
    <>
      {axis.ticks.map((t) => (
        <line
          key={t.value}
          class="grid"
          x1={r(vertical ? t.position : plot.x)}
          x2={r(vertical ? t.position : plot.right)}
          y1={r(vertical ? plot.y : t.position)}
          y2={r(vertical ? plot.bottom : t.position)}
        />
      ))}
    </>
  );
}

/** The x axis: baseline, vertical gridlines and labels under the plot. */
export function XAxis(props: { axis: AxisView; plot: Rect; grid?: boolean }) {
  const { axis, plot } = props;
  return (
    <g class="x-axis">
      {props.grid !== false && <Gridlines axis={axis} plot={plot} vertical />}
      <line class="axis-line" x1={r(plot.x)} x2={r(plot.right)} y1={r(plot.bottom)} y2={r(plot.bottom)} />
      {axis.ticks.map((t) => (
        <text key={t.value} class="tick-label" x={r(t.position)} y={r(plot.bottom + 14)} text-anchor="middle">
          {t.label}
        </text>
      ))}
    </g>
  );
}

interface YAxisProps {
  axis: AxisView;
  plot: Rect;
  side: "left" | "right";
  grid?: boolean;
}

/** A y axis: its line, horizontal gridlines (left axis only by default), labels and unit on top. */
export function YAxis(props: YAxisProps) {
  const { axis, plot, side } = props;
  const edge = side === "left" ? plot.x : plot.right;
  const labelX = side === "left" ? edge - 6 : edge + 6;
  const anchor = side === "left" ? "end" : "start";
  return (
    <g class={`y-axis y-axis-${side}`}>
      {(props.grid ?? side === "left") && <Gridlines axis={axis} plot={plot} vertical={false} />}
      <line class="axis-line" x1={r(edge)} x2={r(edge)} y1={r(plot.y)} y2={r(plot.bottom)} />
      {axis.ticks.map((t) => (
        <text key={t.value} class="tick-label" x={r(labelX)} y={r(t.position + 3.5)} text-anchor={anchor}>
          {t.label}
        </text>
      ))}
      {axis.label && (
        <text class="unit-label" x={r(edge)} y={r(plot.y - 8)} text-anchor={anchor}>{axis.label}</text>
      )}
    </g>
  );
}

/** Swatch and name per series, coloured like its line. */
export function Legend(props: { items: readonly (LegendItem & { index: number })[] }) {
  if (props.items.length === 0) return null;
  return (
    <g class="legend">
      {props.items.map((item) => (
        <g>
          <rect
            class={`swatch ${seriesClass(item.index)}`}
            x={r(item.x)}
            y={r(item.y - 5)}
            width="12"
            height="4"
          />
          <text x={r(item.x + 16)} y={r(item.y)}>{item.label}</text>
        </g>
      ))}
    </g>
  );
}

/** Dashed vertical lines with their labels near the top of the plot. */
export function Markers(props: { lines: readonly MarkerLine[] }) {
  if (props.lines.length === 0) return null;
  return (
    <g class="markers">
      {props.lines.map((m, i) => (
        <g key={i}>
          <line class="marker" x1={r(m.x)} x2={r(m.x)} y1={r(m.y1)} y2={r(m.y2)} />
          {m.label && (
            <text class="marker-label" x={r(m.labelX)} y={r(m.labelY)} text-anchor={m.anchor}>{m.label}</text>
          )}
        </g>
      ))}
    </g>
  );
}
