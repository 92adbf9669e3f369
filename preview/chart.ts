/**
 * The charts the add-in inserted, drawn for the preview: a chart's data (already read from its ranges) laid out as
 * a small list of SVG shapes. The page turns each shape into one SVG element, numbers into attributes and text
 * through textContent, so a chart title or a category taken from the sheet can never become markup.
 * Covers the chart types Charts.ChartType names; a type without a drawing of its own is drawn as columns and says so.
 */

export type Shape =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string }
  | { kind: 'polyline'; points: [number, number][]; stroke: string }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string }
  | { kind: 'path'; d: string; fill: string }
  | { kind: 'text'; x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end'; size: number; bold?: boolean; rotate?: number };

export interface ChartDrawing {
  title: string;
  width: number;
  height: number;
  shapes: Shape[];
}

export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

export interface ChartData {
  /** Charts.ChartType's name: COLUMN, BAR, LINE, AREA, SCATTER, PIE, ... */
  type: string;
  title: string;
  /** The first column: category labels, or numbers for a line over a numeric axis. */
  categories: (string | number)[];
  series: ChartSeries[];
  xTitle: string;
  yTitle: string;
  /** How a number on each axis reads (the axis's format option, else the data cells' number format). */
  formatX: (value: number) => string;
  formatY: (value: number) => string;
  legend: boolean;
  /** isStacked: each category's series as one column, stacked (positives up from zero, negatives down). */
  stacked: boolean;
  /** Series colours (the chart's colors option); Sheets' defaults when empty. */
  colors: string[];
}

export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 300;
/** Sheets' default series colours. */
const PALETTE = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6'];
const AXIS = '#5f6368';
const GRID = '#e0e0e0';
const TEXT = '#202124';

/** A colour the page may use as an attribute: #rgb, #rrggbb or #rrggbbaa; anything else is dropped. */
export function safeColor(color: unknown): string | null {
  return typeof color === 'string' && /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(color) ? color.toLowerCase() : null;
}

export function drawChart(data: ChartData): ChartDrawing {
  const colors = data.colors.length > 0 ? data.colors : PALETTE;
  const color = (i: number): string => colors[i % colors.length];
  const shapes: Shape[] = [{ kind: 'rect', x: 0, y: 0, width: CHART_WIDTH, height: CHART_HEIGHT, fill: '#ffffff' }];
  if (data.title) shapes.push({ kind: 'text', x: 12, y: 22, text: clip(data.title, 60), anchor: 'start', size: 14, bold: true });
  const type = data.type.toUpperCase();
  const withLegend = data.legend && (type === 'PIE' || data.series.length > 1);
  const plot = { left: 64, top: 40, right: CHART_WIDTH - (withLegend ? 130 : 16), bottom: CHART_HEIGHT - 52 };
  if (withLegend) legend(shapes, type === 'PIE' ? data.categories.map((c) => label(c, data.formatX)) : data.series.map((s) => s.name), color, plot.right + 12);

  if (data.series.length === 0 || data.categories.length === 0) {
    shapes.push({ kind: 'text', x: CHART_WIDTH / 2, y: CHART_HEIGHT / 2, text: 'No data', anchor: 'middle', size: 12 });
    return { title: data.title, width: CHART_WIDTH, height: CHART_HEIGHT, shapes };
  }
  if (type === 'PIE') pie(shapes, data, color);
  else if (type === 'LINE' || type === 'AREA' || type === 'SCATTER') lines(shapes, data, color, plot, type);
  else {
    columns(shapes, data, color, plot);
    if (type !== 'COLUMN' && type !== 'BAR') {
      shapes.push({ kind: 'text', x: CHART_WIDTH - 12, y: 22, text: `(${type.toLowerCase()} chart, drawn as columns)`, anchor: 'end', size: 10 });
    }
  }
  return { title: data.title, width: CHART_WIDTH, height: CHART_HEIGHT, shapes };
}

interface Plot {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function columns(shapes: Shape[], data: ChartData, color: (i: number) => string, plot: Plot): void {
  const y = yScale(shapes, data, plot);
  const band = (plot.right - plot.left) / data.categories.length;
  const barWidth = (band * 0.7) / (data.stacked ? 1 : data.series.length);
  data.categories.forEach((category, i) => {
    const x0 = plot.left + band * i + band * 0.15;
    // Where the next piece of a stacked column starts, above and below zero.
    let [up, down] = [0, 0];
    data.series.forEach((s, k) => {
      const v = s.values[i];
      if (v === null) return;
      let [from, to] = [0, v];
      if (data.stacked) {
        from = v >= 0 ? up : down;
        to = from + v;
        if (v >= 0) up = to;
        else down = to;
      }
      const x = data.stacked ? x0 : x0 + barWidth * k;
      shapes.push({ kind: 'rect', x: round(x), y: round(Math.min(y(from), y(to))), width: round(Math.max(1, barWidth - 1)), height: round(Math.abs(y(to) - y(from))), fill: color(k) });
    });
    shapes.push({ kind: 'text', x: round(plot.left + band * (i + 0.5)), y: plot.bottom + 16, text: clip(label(category, data.formatX), Math.max(4, Math.floor(band / 7))), anchor: 'middle', size: 11 });
  });
  axisTitles(shapes, data, plot);
}

function lines(shapes: Shape[], data: ChartData, color: (i: number) => string, plot: Plot, type: string): void {
  const y = yScale(shapes, data, plot);
  const numeric = data.categories.every((c) => typeof c === 'number');
  let x: (i: number) => number;
  if (numeric) {
    const values = data.categories as number[];
    const ticks = niceTicks(Math.min(...values), Math.max(...values));
    const [lo, hi] = [ticks[0], ticks[ticks.length - 1]];
    x = (i) => plot.left + ((values[i] - lo) / (hi - lo || 1)) * (plot.right - plot.left);
    for (const t of ticks) {
      const px = round(plot.left + ((t - lo) / (hi - lo || 1)) * (plot.right - plot.left));
      shapes.push({ kind: 'text', x: px, y: plot.bottom + 16, text: data.formatX(t), anchor: 'middle', size: 11 });
    }
  } else {
    const step = (plot.right - plot.left) / Math.max(1, data.categories.length);
    x = (i) => plot.left + step * (i + 0.5);
    const every = Math.ceil(data.categories.length / 8);
    data.categories.forEach((c, i) => {
      if (i % every === 0) shapes.push({ kind: 'text', x: round(x(i)), y: plot.bottom + 16, text: clip(label(c, data.formatX), 12), anchor: 'middle', size: 11 });
    });
  }
  data.series.forEach((s, k) => {
    const points: [number, number][] = [];
    s.values.forEach((v, i) => {
      if (v !== null) points.push([round(x(i)), round(y(v))]);
    });
    if (type === 'SCATTER') for (const [cx, cy] of points) shapes.push({ kind: 'circle', cx, cy, r: 3, fill: color(k) });
    else shapes.push({ kind: 'polyline', points, stroke: color(k) });
  });
  axisTitles(shapes, data, plot);
}

function pie(shapes: Shape[], data: ChartData, color: (i: number) => string): void {
  const values = data.series[0].values.map((v) => (v !== null && v > 0 ? v : 0));
  const total = values.reduce((a, b) => a + b, 0);
  if (total <= 0) {
    shapes.push({ kind: 'text', x: CHART_WIDTH / 2, y: CHART_HEIGHT / 2, text: 'No positive values', anchor: 'middle', size: 12 });
    return;
  }
  const [cx, cy, r] = [170, 165, 110];
  let angle = -Math.PI / 2;
  values.forEach((v, i) => {
    if (v === 0) return;
    const sweep = (v / total) * 2 * Math.PI;
    if (sweep >= 2 * Math.PI - 1e-9) {
      shapes.push({ kind: 'circle', cx, cy, r, fill: color(i) });
      return;
    }
    const [x1, y1] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    angle += sweep;
    const [x2, y2] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    const d = `M${cx} ${cy} L${round(x1)} ${round(y1)} A${r} ${r} 0 ${sweep > Math.PI ? 1 : 0} 1 ${round(x2)} ${round(y2)} Z`;
    shapes.push({ kind: 'path', d, fill: color(i) });
  });
}

/** Gridlines and labels of the value axis; returns the value → y map. */
function yScale(shapes: Shape[], data: ChartData, plot: Plot): (v: number) => number {
  const present = (values: (number | null)[]): number[] => values.filter((v): v is number => v !== null);
  const columnsOf = (i: number): number[] => present(data.series.map((s) => s.values[i] ?? null));
  // A stacked column reaches the sum of its positive parts up and of its negative parts down.
  const all = data.stacked
    ? data.categories.flatMap((_, i) => [sum(columnsOf(i).filter((v) => v > 0)), sum(columnsOf(i).filter((v) => v < 0))])
    : data.series.flatMap((s) => present(s.values));
  const ticks = niceTicks(Math.min(0, ...all), Math.max(0, ...all));
  const [lo, hi] = [ticks[0], ticks[ticks.length - 1]];
  const y = (v: number): number => plot.bottom - ((v - lo) / (hi - lo || 1)) * (plot.bottom - plot.top);
  for (const t of ticks) {
    const py = round(y(t));
    shapes.push({ kind: 'line', x1: plot.left, y1: py, x2: plot.right, y2: py, stroke: t === 0 ? AXIS : GRID });
    shapes.push({ kind: 'text', x: plot.left - 6, y: py + 4, text: data.formatY(t), anchor: 'end', size: 11 });
  }
  return y;
}

function axisTitles(shapes: Shape[], data: ChartData, plot: Plot): void {
  if (data.xTitle) shapes.push({ kind: 'text', x: round((plot.left + plot.right) / 2), y: CHART_HEIGHT - 12, text: clip(data.xTitle, 60), anchor: 'middle', size: 11 });
  if (data.yTitle) {
    shapes.push({ kind: 'text', x: 14, y: round((plot.top + plot.bottom) / 2), text: clip(data.yTitle, 40), anchor: 'middle', size: 11, rotate: -90 });
  }
}

function legend(shapes: Shape[], names: string[], color: (i: number) => string, x: number): void {
  names.slice(0, 12).forEach((name, i) => {
    const y = 48 + i * 18;
    shapes.push({ kind: 'rect', x, y: y - 9, width: 10, height: 10, fill: color(i) });
    shapes.push({ kind: 'text', x: x + 14, y, text: clip(name, 16), anchor: 'start', size: 11 });
  });
}

/** About five round ticks (1, 2 or 5 times a power of ten apart) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) return hi === 0 ? [0, 1] : niceTicks(Math.min(0, lo), Math.max(0, hi));
  const raw = (hi - lo) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let t = first; t < hi + step * 0.999; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function label(value: string | number, format: (v: number) => string): string {
  return typeof value === 'number' ? format(value) : value;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

const round = (v: number): number => Math.round(v * 10) / 10;
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
