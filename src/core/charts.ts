/**
 * The figures behind the sidebar's pictures of the customer base, from an analysis (analysis.ts): mean P(alive) by
 * repeat purchases × days since the last order, and customers per range of predicted value. Pure and plain: arrays
 * and objects of numbers and strings, no typed arrays and no Infinity (an open end is null), so they cross
 * google.script.run as they are. The cumulative value curve is the analysis's own (Analysis.pareto).
 */

/** A point of the cumulative value curve. */
export interface ConcentrationPoint {
  /** The most valuable customers first: 0.2 is the top 20%. */
  customerShare: number;
  /** Their share of the value. */
  valueShare: number;
}

export interface HeatmapCell {
  customers: number;
  /** The mean of the measure over the cell's customers, a share from 0 to 1; null when the cell has no customers. */
  value: number | null;
}

/** A grid of means: cells[row][column], rows top first and columns left first, as their labels. */
export interface HeatmapGrid {
  rows: string[];
  columns: string[];
  cells: HeatmapCell[][];
  /** Cells with fewer customers than this are marked: their mean says little. */
  smallGroup: number;
}

export interface HistogramBin {
  from: number;
  /** null for an open last bin ("from and above"), which keeps a few very large values from flattening the rest. */
  to: number | null;
  customers: number;
}

/** A range [from, to): `below` is its exclusive upper end, Infinity for the last. */
interface Band {
  label: string;
  below: number;
}

/** Repeat purchases (days with a purchase after the first). */
export const REPEAT_BANDS: readonly Band[] = [
  { label: '0', below: 1 },
  { label: '1', below: 2 },
  { label: '2–3', below: 4 },
  { label: '4–7', below: 8 },
  { label: '8+', below: Infinity },
];

/** Days since the last order, whole days: 0–30 is below 31. */
export const RECENCY_BANDS: readonly Band[] = [
  { label: '0–30', below: 31 },
  { label: '31–90', below: 91 },
  { label: '91–180', below: 181 },
  { label: '181–365', below: 366 },
  { label: '366+', below: Infinity },
];

/**
 * A cell of fewer customers is marked small: each P(alive) lies between 0 and 1, so one customer can move the mean
 * of n customers by up to 1/n, more than 10 percentage points below 10 customers.
 */
export const SMALL_GROUP = 10;

/** The rule the sidebar marks a cell by: it has customers, fewer than smallGroup. */
export function isSmallGroup(cell: HeatmapCell, smallGroup: number): boolean {
  return cell.value !== null && cell.customers < smallGroup;
}

function bandOf(bands: readonly Band[], x: number): number {
  const k = bands.findIndex((b) => x < b.below);
  return k < 0 ? bands.length - 1 : k;
}

/**
 * Mean P(alive) by repeat purchases (rows, REPEAT_BANDS) × days since the last order (columns, RECENCY_BANDS). Every
 * customer is counted in exactly one cell; an empty cell has value null.
 */
export function pAliveGrid(frequency: ArrayLike<number>, daysSinceLast: ArrayLike<number>, pAlive: ArrayLike<number>): HeatmapGrid {
  const counts = REPEAT_BANDS.map(() => RECENCY_BANDS.map(() => 0));
  const sums = REPEAT_BANDS.map(() => RECENCY_BANDS.map(() => 0));
  for (let i = 0; i < frequency.length; i++) {
    const r = bandOf(REPEAT_BANDS, frequency[i]);
    const c = bandOf(RECENCY_BANDS, daysSinceLast[i]);
    counts[r][c]++;
    sums[r][c] += pAlive[i];
  }
  return {
    rows: REPEAT_BANDS.map((b) => b.label),
    columns: RECENCY_BANDS.map((b) => b.label),
    cells: counts.map((row, r) => row.map((customers, c) => ({ customers, value: customers > 0 ? sums[r][c] / customers : null }))),
    smallGroup: SMALL_GROUP,
  };
}

/** Closed bins of the histogram; one open bin follows them. */
export const CLOSED_BINS = 7;
/** The closed bins reach at least this quantile: the top 5% or fewer share the open bin, however far they reach. */
export const OPEN_ABOVE_QUANTILE = 0.95;

/** Widths of a bin a reader takes in at a glance, × 10^k; finer than 1-2-5, so 7 bins overshoot the range by at most half. */
const NICE = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest NICE × 10^k that is at least x (x > 0). */
export function niceStep(x: number): number {
  const power = Math.pow(10, Math.floor(Math.log10(x)));
  const m = NICE.find((n) => n * power >= x * (1 - 1e-12)) ?? 10;
  return Number((m * power).toPrecision(12));
}

/**
 * Customers per range of `values`: CLOSED_BINS bins of one nice width (niceStep) from 0 (or from an edge at or
 * below the smallest value, when one is negative) up to at least the OPEN_ABOVE_QUANTILE quantile, then an open bin
 * (to: null) for the rest. Bins are [from, to); each customer is in exactly one, so the counts sum to the number of values. No
 * values, no bins.
 */
export function valueBins(values: ArrayLike<number>): HistogramBin[] {
  const n = values.length;
  if (n === 0) return [];
  const sorted = Float64Array.from(values).sort();
  // The range always holds 0: a value is read against nothing, and edges stay short numbers.
  const low = Math.min(0, sorted[0]);
  const high = Math.max(0, sorted[Math.max(0, Math.ceil(OPEN_ABOVE_QUANTILE * n) - 1)]);
  // All within a millionth of 0 (often all 0): they are one column however wide it is; ranges of 0.15 then.
  const span = high - low > 1e-6 ? high - low : 1;
  // The edge at or below the smallest value (a tiny negative over step underflows to 0: one step lower then).
  const startFor = (step: number): number => {
    const edge = Math.floor(low / step) * step;
    return edge > low ? edge - step : edge;
  };
  let step = niceStep(span / CLOSED_BINS);
  let start = startFor(step);
  // Flooring a negative start can leave the quantile beyond the closed bins: one step wider then.
  if (start + CLOSED_BINS * step < high) {
    step = niceStep((high - start) / CLOSED_BINS);
    start = startFor(step);
  }
  // Edges rounded to 12 digits, so 3 × 0.2 reads 0.6; the counts below use the same edges.
  const edges = Array.from({ length: CLOSED_BINS + 1 }, (_, k) => Number((start + k * step).toPrecision(12)));
  const counts = new Array<number>(CLOSED_BINS + 1).fill(0);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let k = 0;
    while (k < CLOSED_BINS && v >= edges[k + 1]) k++;
    counts[k]++;
  }
  return counts.map((customers, k) => ({ from: edges[k], to: k < CLOSED_BINS ? edges[k + 1] : null, customers }));
}
