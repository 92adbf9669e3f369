/**
 * The sidebar's pictures, as small inline SVG built by hand: no chart library (none small enough for the bundle,
 * and the sidebar has no network to load one). Each chart is an `<svg role="img">` whose title and description
 * say in words what it shows, with the figures, so a screen reader gets the numbers the eye gets from the shapes;
 * every mark carries a `<title>` (a tooltip) and data-* attributes holding its figures, which the tests read.
 * Labels come from the sheet and are untrusted: they only become text nodes (dom.ts).
 *
 * Sizes are in the units of a viewBox as wide as the panel's content (300 px less padding); the SVG scales to
 * the width it gets.
 */
import { isSmallGroup } from '../core/charts';
import type { ConcentrationPoint, HeatmapGrid, HistogramBin } from '../server/contract';
import { svg } from './dom';
import { formatCompact, formatCount, formatShare } from './format';
import { countOf, say } from './language';

export const CHART_WIDTH = 276;
const FONT = 11;
const TEXT = '#202124';
const MUTED = '#5f6368';
const GRID = '#dadce0';
/** The default mark colour: Google blue, 4.5:1 against white. */
export const MARK = '#1a73e8';

let serial = 0;

/** The chart's frame: a scalable `<svg>` labelled by its own title and description. */
function chartRoot(testid: string, height: number, title: string, description: string): SVGSVGElement {
  const id = `chart-${++serial}`;
  return svg(
    'svg',
    {
      viewBox: `0 0 ${CHART_WIDTH} ${height}`,
      width: '100%',
      role: 'img',
      'aria-labelledby': `${id}-title ${id}-desc`,
      'data-testid': testid,
      class: 'chart',
      'font-size': FONT,
      'font-family': 'Roboto, Arial, sans-serif',
    },
    svg('title', { id: `${id}-title` }, title),
    svg('desc', { id: `${id}-desc` }, description),
  );
}

/** SVG text does not wrap or cut itself: a long label is cut with an ellipsis (the full text stays in its title). */
export function shorten(text: string, characters: number): string {
  const chars = Array.from(text);
  return chars.length <= characters ? text : `${chars.slice(0, characters - 1).join('')}…`;
}

/** Letters of the Arabic script (Persian and Arabic), whose words read right to left. */
const RIGHT_TO_LEFT = /[\u0600-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

/**
 * A text of the chart. The charts keep a left-to-right axis in every language (sidebar.css), but a Persian or
 * Arabic label must read right to left, or "۲۰٪ برتر: 62%" comes out in the wrong order: such a label gets
 * direction rtl, and its anchor is swapped (the start of a right-to-left text is its right end), so it stays where
 * the drawing puts it.
 */
function label(x: number, y: number, text: string, attributes: Record<string, string | number> = {}): SVGTextElement {
  if (!RIGHT_TO_LEFT.test(text)) return svg('text', { x, y, fill: TEXT, ...attributes }, text);
  const anchor = attributes['text-anchor'] ?? 'start';
  const swapped = anchor === 'start' ? 'end' : anchor === 'end' ? 'start' : anchor;
  return svg('text', { x, y, fill: TEXT, ...attributes, 'text-anchor': swapped, direction: 'rtl', 'unicode-bidi': 'embed' }, text);
}

// ---------------------------------------------------------------------------------------------- bars

export interface BarPart {
  name: string;
  value: number;
  color: string;
}

export interface Bar {
  label: string;
  /** The figure at the end of the row; with parts, their sum. */
  value: number;
  /** A colour for this bar (e.g. the segment's); default MARK. Not used with parts. */
  color?: string;
  /** Parts drawn end to end (positive ones right of zero, negative ones left of it), each named in the legend. */
  parts?: BarPart[];
}

export interface BarChartOptions {
  /** What the bars measure, with its unit or horizon: "Predicted value by segment, next 12 months". */
  title: string;
  bars: Bar[];
  format: (value: number) => string;
  /** The parts' names and colours, shown above the bars. */
  legend?: { name: string; color: string }[];
  testid?: string;
}

const BAR_ROW = 24;
const BAR_HEIGHT = 14;
const BAR_LABEL_WIDTH = 84;
const BAR_VALUE_WIDTH = 56;
const LEGEND_HEIGHT = 18;

function partsOf(b: Bar): BarPart[] {
  return b.parts ?? [{ name: '', value: b.value, color: b.color ?? MARK }];
}

function barWords(b: Bar, format: (value: number) => string): string {
  if (!b.parts) return `${b.label}: ${format(b.value)}`;
  return `${b.label}: ${b.parts.map((p) => `${p.name} ${format(p.value)}`).join(' + ')} = ${format(b.value)}`;
}

/**
 * Horizontal bars, one row each, the label on the left and the figure on the right; negative values go left of a
 * zero line. A bar with parts is drawn as its parts end to end, and the figure is their sum.
 */
export function barChart(options: BarChartOptions): SVGSVGElement {
  const { bars, format } = options;
  const legend = options.legend ?? [];
  const top0 = legend.length > 0 ? LEGEND_HEIGHT : 0;
  const height = top0 + Math.max(1, bars.length) * BAR_ROW + 4;
  const description = bars.map((b) => barWords(b, format)).join('; ');
  const root = chartRoot(options.testid ?? 'bar-chart', height, options.title, description || say('chart.noData'));
  const sum = (values: number[]): number => values.reduce((a, v) => a + v, 0);
  const low = Math.min(0, ...bars.map((b) => sum(partsOf(b).map((p) => Math.min(0, p.value)))));
  const high = Math.max(0, ...bars.map((b) => sum(partsOf(b).map((p) => Math.max(0, p.value)))));
  const span = high - low || 1;
  const left = BAR_LABEL_WIDTH;
  const right = CHART_WIDTH - BAR_VALUE_WIDTH;
  const x = (v: number): number => left + ((v - low) / span) * (right - left);

  let at = left;
  for (const entry of legend) {
    root.appendChild(svg('rect', { x: at, y: 3, width: 10, height: 10, fill: entry.color, rx: 2 }));
    const text = label(at + 14, 12, entry.name, { fill: MUTED });
    root.appendChild(text);
    at += 14 + entry.name.length * 6 + 10;
  }

  bars.forEach((b, i) => {
    const top = top0 + 2 + i * BAR_ROW;
    const row = svg(
      'g',
      { 'data-testid': 'bar', 'data-label': b.label, 'data-value': b.value },
      svg('title', {}, barWords(b, format)),
      label(0, top + BAR_ROW / 2 + 4, shorten(b.label, 14)),
    );
    let positive = 0;
    let negative = 0;
    for (const part of partsOf(b)) {
      const start = part.value >= 0 ? positive : negative + part.value;
      if (part.value >= 0) positive += part.value;
      else negative += part.value;
      const from = x(start);
      const width = x(start + Math.abs(part.value)) - from;
      // At least a hairline, so that a bar of 0 still shows where it is.
      const rect = svg('rect', { x: from, y: top + (BAR_ROW - BAR_HEIGHT) / 2, width: Math.max(1, width), height: BAR_HEIGHT, fill: part.color, stroke: '#fff', 'stroke-width': 0.5 });
      if (b.parts) {
        rect.setAttribute('data-testid', 'bar-part');
        rect.setAttribute('data-part', part.name);
        rect.setAttribute('data-value', String(part.value));
        rect.appendChild(svg('title', {}, `${b.label}, ${part.name}: ${format(part.value)}`));
      }
      row.appendChild(rect);
    }
    row.appendChild(label(right + 4, top + BAR_ROW / 2 + 4, format(b.value), { 'font-weight': 500 }));
    root.appendChild(row);
  });
  if (low < 0) root.appendChild(svg('line', { x1: x(0), x2: x(0), y1: top0, y2: height, stroke: MUTED, 'stroke-width': 1, 'data-testid': 'zero-line' }));
  return root;
}

// ---------------------------------------------------------------------------------------------- concentration

export interface ConcentrationOptions {
  title: string;
  /** What the shares are shares of, in words: "predicted value". */
  valueName: string;
  points: ConcentrationPoint[];
  /** The share of customers to point out: 0.2 marks "top 20% hold …". */
  mark?: number;
  testid?: string;
}

const PLOT = { left: 34, right: 12, top: 10, bottom: 30 };

/**
 * The cumulative value curve: the top x% of customers (most valuable first) hold y% of the value. The diagonal is
 * what equal customers would give; the further the curve bows above it, the more the value is concentrated. It
 * starts at (0, 0) and, when the points are complete, ends at (100%, 100%).
 */
export function concentrationChart(options: ConcentrationOptions): SVGSVGElement {
  const height = 190;
  const points = [...options.points].sort((a, b) => a.customerShare - b.customerShare);
  if (points.length === 0 || points[0].customerShare > 0) points.unshift({ customerShare: 0, valueShare: 0 });
  const mark = options.mark;
  const marked = mark === undefined ? undefined : points.find((p) => Math.abs(p.customerShare - mark) < 1e-9);
  const markText = marked ? say('chart.markSentence', { share: formatShare(marked.customerShare), valueShare: formatShare(marked.valueShare), value: options.valueName }) : '';
  const pointList = points
    .slice(1)
    .map((p) => `${formatShare(p.customerShare)} → ${formatShare(p.valueShare)}`)
    .join(', ');
  const description = `${markText} ${say('chart.points', { points: pointList })}`.trim();
  const root = chartRoot(options.testid ?? 'concentration-chart', height, options.title, description);

  // A negative past value can take a running share above 100% or below 0: the axis stretches to show it.
  const yLow = Math.min(0, ...points.map((p) => p.valueShare));
  const yHigh = Math.max(1, ...points.map((p) => p.valueShare));
  const plotWidth = CHART_WIDTH - PLOT.left - PLOT.right;
  const plotHeight = height - PLOT.top - PLOT.bottom;
  const x = (share: number): number => PLOT.left + share * plotWidth;
  const y = (share: number): number => PLOT.top + ((yHigh - share) / (yHigh - yLow)) * plotHeight;

  for (const tick of [0, 0.5, 1]) {
    root.appendChild(svg('line', { x1: x(0), x2: x(1), y1: y(tick), y2: y(tick), stroke: GRID, 'stroke-width': 1 }));
    root.appendChild(label(PLOT.left - 4, y(tick) + 4, formatShare(tick), { 'text-anchor': 'end', fill: MUTED }));
    root.appendChild(label(x(tick), height - PLOT.bottom + 14, formatShare(tick), { 'text-anchor': tick === 0 ? 'start' : tick === 1 ? 'end' : 'middle', fill: MUTED }));
  }
  root.appendChild(label(x(0.5), height - 3, say('chart.customersRanked'), { 'text-anchor': 'middle', fill: MUTED }));
  root.appendChild(
    svg('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), stroke: MUTED, 'stroke-dasharray': '3 3', 'stroke-width': 1, 'data-testid': 'equal-line' }, svg('title', {}, say('chart.equal'))),
  );
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.customerShare).toFixed(1)},${y(p.valueShare).toFixed(1)}`).join(' ');
  root.appendChild(svg('path', { d: path, fill: 'none', stroke: MARK, 'stroke-width': 2, 'data-testid': 'curve' }));
  for (const p of points.slice(1)) {
    root.appendChild(
      svg(
        'circle',
        { cx: x(p.customerShare), cy: y(p.valueShare), r: 2, fill: MARK, 'data-testid': 'curve-point', 'data-customer-share': p.customerShare, 'data-value-share': p.valueShare },
        svg('title', {}, say('chart.point', { share: formatShare(p.customerShare), valueShare: formatShare(p.valueShare), value: options.valueName })),
      ),
    );
  }
  if (marked) {
    const cx = x(marked.customerShare);
    const cy = y(marked.valueShare);
    root.appendChild(svg('circle', { cx, cy, r: 4, fill: 'none', stroke: TEXT, 'stroke-width': 1.5 }));
    root.appendChild(
      label(cx + 8, cy + 14, say('chart.mark', { share: formatShare(marked.customerShare), valueShare: formatShare(marked.valueShare) }), { 'font-weight': 500, 'data-testid': 'concentration-mark' }),
    );
  }
  return root;
}

// ---------------------------------------------------------------------------------------------- heatmap

/** The grid (rows, columns, cells[row][column], smallGroup: cells with fewer customers are marked) and its words. */
export interface HeatmapOptions extends HeatmapGrid {
  title: string;
  /** What the rows and columns are (their labels are the grid's, top row first, left column first). */
  rowTitle: string;
  columnTitle: string;
  /** What a cell's value is, in words: "chance still buying". */
  valueName: string;
  testid?: string;
}

const HEAT_LOW = [238, 244, 251];
const HEAT_HIGH = [8, 60, 140];

/** A single-hue scale from near-white (0) to dark blue (1): it reads in grey too, so colour-blind eyes get it. */
export function heatColor(share: number): string {
  const t = Math.min(1, Math.max(0, share));
  const [r, g, b] = HEAT_LOW.map((low, i) => Math.round(low + (HEAT_HIGH[i] - low) * t));
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * Black or white text, whichever contrasts more with the cell. Switching at a relative luminance of 0.179 keeps at
 * least 4.58:1 on every colour of the scale (WCAG AA for small text); a dark grey instead of black would fall to 4:1
 * in the middle of the scale.
 */
export function textOn(rgb: string): string {
  const linear = (rgb.match(/\d+/g) ?? []).map(Number).map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  return luminance < 0.179 ? '#fff' : '#000';
}

/** A cell's share in the room a cell has: whole percents, but never a rounded certainty (">99%", "<1%"). */
export function cellPercent(share: number): string {
  if (share > 0.995 && share < 1) return '>99%';
  if (share > 0 && share < 0.005) return '<1%';
  return `${Math.round(100 * share)}%`;
}

export function heatmap(options: HeatmapOptions): SVGSVGElement {
  const { rows, columns, cells } = options;
  const left = 58;
  // Room above the grid for the rows' title.
  const top = 16;
  const rowHeight = 24;
  const columnWidth = (CHART_WIDTH - left - 2) / Math.max(1, columns.length);
  const gridBottom = top + rows.length * rowHeight;
  const height = gridBottom + 64;
  const described: string[] = [];
  const root = chartRoot(options.testid ?? 'heatmap', height, options.title, '');
  // The cells describe themselves as they are drawn; their words fill the description at the end.
  const description = root.getElementsByTagName('desc')[0];

  rows.forEach((rowLabel, r) => {
    root.appendChild(label(left - 4, top + r * rowHeight + rowHeight / 2 + 4, shorten(rowLabel, 9), { 'text-anchor': 'end' }));
    columns.forEach((columnLabel, c) => {
      const cell = cells[r]?.[c] ?? { customers: 0, value: null };
      const x = left + c * columnWidth;
      const y = top + r * rowHeight;
      const small = isSmallGroup(cell, options.smallGroup);
      const where = say('chart.cellWhere', { rowTitle: options.rowTitle, row: rowLabel, columnTitle: options.columnTitle, column: columnLabel });
      const words =
        cell.value === null
          ? say('chart.cellEmpty', { where })
          : say(small ? 'chart.cellSmall' : 'chart.cell', { where, customers: countOf('customer', cell.customers), value: options.valueName, share: formatShare(cell.value) });
      described.push(words);
      const text = cell.value === null ? '–' : small ? `(${cellPercent(cell.value)})` : cellPercent(cell.value);
      const fill = cell.value === null ? '#f8f9fa' : heatColor(cell.value);
      root.appendChild(
        svg(
          'g',
          {
            'data-testid': 'heat-cell',
            'data-row': rowLabel,
            'data-column': columnLabel,
            'data-customers': cell.customers,
            'data-value': cell.value === null ? '' : cell.value,
            'data-small': small ? 'true' : 'false',
          },
          svg('title', {}, words),
          svg('rect', {
            x: x + 1,
            y: y + 1,
            width: columnWidth - 2,
            height: rowHeight - 2,
            fill,
            stroke: small ? MUTED : 'none',
            'stroke-dasharray': small ? '2 2' : 'none',
          }),
          label(x + columnWidth / 2, y + rowHeight / 2 + 4, text, {
            'text-anchor': 'middle',
            fill: cell.value === null ? MUTED : textOn(fill),
            'font-size': columnWidth < 40 ? 9 : 10,
          }),
        ),
      );
    });
  });
  columns.forEach((columnLabel, c) => {
    root.appendChild(label(left + c * columnWidth + columnWidth / 2, gridBottom + 12, shorten(columnLabel, 8), { 'text-anchor': 'middle', fill: MUTED, 'font-size': 10 }));
  });
  root.appendChild(label(left + (CHART_WIDTH - left) / 2, gridBottom + 26, options.columnTitle, { 'text-anchor': 'middle', fill: MUTED }));
  root.appendChild(label(0, 11, options.rowTitle, { fill: MUTED, 'font-size': 10 }));

  // The legend: the scale from 0% to 100%, and what a bracketed figure means.
  const legendY = gridBottom + 36;
  const steps = 10;
  const legendWidth = 120;
  for (let i = 0; i < steps; i++) {
    root.appendChild(svg('rect', { x: left + (i * legendWidth) / steps, y: legendY, width: legendWidth / steps + 0.5, height: 8, fill: heatColor((i + 0.5) / steps) }));
  }
  root.appendChild(label(left - 4, legendY + 8, '0%', { 'text-anchor': 'end', fill: MUTED, 'font-size': 10 }));
  root.appendChild(label(left + legendWidth + 4, legendY + 8, say('chart.scale', { value: options.valueName }), { fill: MUTED, 'font-size': 10 }));
  root.appendChild(label(left, legendY + 22, say('chart.small', { n: formatCount(options.smallGroup) }), { fill: MUTED, 'font-size': 10 }));
  description.textContent = `${described.join('; ')}.`;
  return root;
}

// ---------------------------------------------------------------------------------------------- histogram

export interface HistogramOptions {
  title: string;
  bins: HistogramBin[];
  /** What the x axis measures, in words: "predicted value, next 12 months". */
  valueName: string;
  testid?: string;
}

export function binLabel(bin: HistogramBin): string {
  return bin.to === null ? say('chart.binFrom', { from: formatCompact(bin.from) }) : say('chart.binTo', { from: formatCompact(bin.from), to: formatCompact(bin.to) });
}

/** Customers per range of value, as adjacent columns; the axis names the first, middle and last edges. */
export function histogram(options: HistogramOptions): SVGSVGElement {
  const { bins } = options;
  const height = 160;
  const plot = { left: 40, right: 8, top: 8, bottom: 34 };
  const binWords = (b: HistogramBin): string => say('chart.bin', { range: binLabel(b), customers: countOf('customer', b.customers) });
  const description = bins.map(binWords).join('; ');
  const root = chartRoot(options.testid ?? 'histogram', height, options.title, description || say('chart.noCustomers'));
  const most = Math.max(1, ...bins.map((b) => b.customers));
  const plotWidth = CHART_WIDTH - plot.left - plot.right;
  const plotHeight = height - plot.top - plot.bottom;
  const width = plotWidth / Math.max(1, bins.length);
  const y = (n: number): number => plot.top + plotHeight * (1 - n / most);

  for (const tick of [0, most]) {
    root.appendChild(svg('line', { x1: plot.left, x2: plot.left + plotWidth, y1: y(tick), y2: y(tick), stroke: GRID, 'stroke-width': 1 }));
    root.appendChild(label(plot.left - 4, y(tick) + 4, formatCompact(tick), { 'text-anchor': 'end', fill: MUTED }));
  }
  bins.forEach((b, i) => {
    root.appendChild(
      svg(
        'rect',
        {
          x: plot.left + i * width + 0.5,
          y: y(b.customers),
          width: Math.max(0.5, width - 1),
          height: plotHeight * (b.customers / most),
          fill: MARK,
          'data-testid': 'bin',
          'data-from': b.from,
          'data-to': b.to === null ? '' : b.to,
          'data-customers': b.customers,
        },
        svg('title', {}, binWords(b)),
      ),
    );
  });
  if (bins.length > 0) {
    const last = bins[bins.length - 1];
    const edges: [number, string, string][] = [
      [plot.left, formatCompact(bins[0].from), 'start'],
      [plot.left + plotWidth, last.to === null ? `${formatCompact(last.from)}+` : formatCompact(last.to), 'end'],
    ];
    if (bins.length >= 4) {
      const middle = Math.floor(bins.length / 2);
      edges.push([plot.left + middle * width, formatCompact(bins[middle].from), 'middle']);
    }
    for (const [at, text, anchor] of edges) root.appendChild(label(at, height - plot.bottom + 14, text, { 'text-anchor': anchor, fill: MUTED }));
  }
  root.appendChild(label(plot.left + plotWidth / 2, height - 4, options.valueName, { 'text-anchor': 'middle', fill: MUTED }));
  root.appendChild(label(0, 0, say('chart.customers'), { fill: MUTED, 'font-size': 10, 'text-anchor': 'middle', transform: `translate(10, ${plot.top + plotHeight / 2}) rotate(-90)` }));
  return root;
}
