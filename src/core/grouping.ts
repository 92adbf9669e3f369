/**
 * Groups an order log by customer without per-order objects: ids become integer indices once (ids.ts),
 * then a counting sort puts each customer's orders together, sorted by day.
 */

export interface GroupedOrders {
  /** Customer k's orders are positions offsets[k] .. offsets[k+1]-1. */
  offsets: Int32Array;
  /** Order days, grouped by customer and ascending within a customer. */
  days: Float64Array;
  /** The original row of each grouped position (to fetch amounts and other columns). */
  rows: Int32Array;
}

export function groupByCustomer(rowCustomer: Int32Array, customerCount: number, days: ArrayLike<number>): GroupedOrders {
  const n = rowCustomer.length;
  const offsets = new Int32Array(customerCount + 1);
  for (let i = 0; i < n; i++) offsets[rowCustomer[i] + 1]++;
  for (let k = 0; k < customerCount; k++) offsets[k + 1] += offsets[k];
  const cursor = offsets.slice(0, customerCount);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[cursor[rowCustomer[i]]++] = i;
  const grouped = new Float64Array(n);
  for (let k = 0; k < customerCount; k++) sortSegmentByDay(rows, grouped, days, offsets[k], offsets[k + 1]);
  return { offsets, days: grouped, rows };
}

const INSERTION_SORT_LIMIT = 48;

/** Insertion sort for the usual handful of orders (and exports already in date order); a full sort for big accounts. */
function sortSegmentByDay(rows: Int32Array, grouped: Float64Array, days: ArrayLike<number>, start: number, end: number): void {
  if (end - start > INSERTION_SORT_LIMIT) {
    const segment = Array.from(rows.subarray(start, end)).sort((p, q) => days[p] - days[q] || p - q);
    for (let i = 0; i < segment.length; i++) {
      rows[start + i] = segment[i];
      grouped[start + i] = days[segment[i]];
    }
    return;
  }
  for (let i = start; i < end; i++) {
    const row = rows[i];
    const day = days[row];
    let j = i - 1;
    while (j >= start && grouped[j] > day) {
      grouped[j + 1] = grouped[j];
      rows[j + 1] = rows[j];
      j--;
    }
    grouped[j + 1] = day;
    rows[j + 1] = row;
  }
}
