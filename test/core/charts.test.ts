// The figures of the sidebar's pictures (src/core/charts.ts) on inputs small enough to check by hand: every customer
// in exactly one heatmap cell and one histogram bin, the cells' means, the small-group rule, the open last bin.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSmallGroup, niceStep, pAliveGrid, SMALL_GROUP, valueBins, type HistogramBin } from '../../src/core/charts';

/** Each value lies in exactly one bin, [from, to) or [from, ∞) for the open last one. */
function binsHolding(bins: HistogramBin[], v: number): number {
  return bins.filter((b) => v >= b.from && (b.to === null || v < b.to)).length;
}

describe('P(alive) by repeat purchases × days since the last order', () => {
  // [repeat purchases, days since the last order, P(alive)]
  const customers: [number, number, number][] = [
    [0, 0, 0.9],
    [0, 30, 0.7],
    [1, 31, 0.8],
    [3, 90, 0.6],
    [5, 200, 0.3],
    [12, 400, 0.1],
    [0, 366, 0.2],
    [2, 365, 0.5],
  ];
  const grid = pAliveGrid(
    customers.map((c) => c[0]),
    customers.map((c) => c[1]),
    customers.map((c) => c[2]),
  );

  it('has the rows 0 / 1 / 2–3 / 4–7 / 8+ and the columns 0–30 / 31–90 / 91–180 / 181–365 / 366+, band edges included where they say', () => {
    expect(grid.rows).toEqual(['0', '1', '2–3', '4–7', '8+']);
    expect(grid.columns).toEqual(['0–30', '31–90', '91–180', '181–365', '366+']);
    expect(grid.cells.map((row) => row.map((c) => c.customers))).toEqual([
      [2, 0, 0, 0, 1],
      [0, 1, 0, 0, 0],
      [0, 1, 0, 1, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
    ]);
  });

  it("gives each cell its customers' mean P(alive), null when it has none", () => {
    const value = (r: number, c: number) => grid.cells[r][c].value;
    expect(value(0, 0)).toBeCloseTo((0.9 + 0.7) / 2, 12);
    expect(value(0, 4)).toBe(0.2);
    expect(value(1, 1)).toBe(0.8);
    expect(value(2, 1)).toBe(0.6);
    expect(value(2, 3)).toBe(0.5);
    expect(value(3, 3)).toBe(0.3);
    expect(value(4, 4)).toBe(0.1);
    expect(grid.cells.flat().filter((c) => c.value === null)).toHaveLength(25 - 7);
    expect(grid.cells.flat().every((c) => (c.customers === 0) === (c.value === null))).toBe(true);
  });

  it('counts every customer once', () => {
    expect(grid.cells.flat().reduce((s, c) => s + c.customers, 0)).toBe(customers.length);
  });

  it('marks a cell small below 10 customers (one customer could move its mean by more than 10 points), never an empty one', () => {
    expect(grid.smallGroup).toBe(SMALL_GROUP);
    expect(SMALL_GROUP).toBe(10);
    expect(isSmallGroup({ customers: 9, value: 0.5 }, SMALL_GROUP)).toBe(true);
    expect(isSmallGroup({ customers: 10, value: 0.5 }, SMALL_GROUP)).toBe(false);
    expect(isSmallGroup({ customers: 0, value: null }, SMALL_GROUP)).toBe(false);
    // Nine at 0 and one at 1: the one moves the mean of ten by exactly 10 points; of nine (eight at 0), by 11.
    const ten = pAliveGrid(new Array(10).fill(0), new Array(10).fill(5), [1, ...new Array(9).fill(0)]);
    const nine = pAliveGrid(new Array(9).fill(0), new Array(9).fill(5), [1, ...new Array(8).fill(0)]);
    expect(ten.cells[0][0]).toEqual({ customers: 10, value: 0.1 });
    expect(isSmallGroup(ten.cells[0][0], ten.smallGroup)).toBe(false);
    expect(nine.cells[0][0].value).toBeCloseTo(1 / 9, 12);
    expect(isSmallGroup(nine.cells[0][0], nine.smallGroup)).toBe(true);
  });

  it('is plain data: arrays and objects, no typed arrays, so it crosses google.script.run as it is', () => {
    expect(JSON.parse(JSON.stringify(grid))).toEqual(grid);
  });
});

describe('customers per range of predicted value', () => {
  it('0, 10, …, 190: seven ranges of 30 (180, the 95th percentile, over 7 is 25.7, rounded up to a nice 30), then an open one', () => {
    const values = Array.from({ length: 20 }, (_, i) => 10 * i);
    expect(valueBins(values)).toEqual([
      { from: 0, to: 30, customers: 3 },
      { from: 30, to: 60, customers: 3 },
      { from: 60, to: 90, customers: 3 },
      { from: 90, to: 120, customers: 3 },
      { from: 120, to: 150, customers: 3 },
      { from: 150, to: 180, customers: 3 },
      { from: 180, to: 210, customers: 2 },
      { from: 210, to: null, customers: 0 },
    ]);
  });

  it('1 … 19 and one of 1,000: the large one alone in the open last range, the rest spread over ranges of 3', () => {
    const values = [...Array.from({ length: 19 }, (_, i) => i + 1), 1000];
    expect(valueBins(values)).toEqual([
      { from: 0, to: 3, customers: 2 },
      { from: 3, to: 6, customers: 3 },
      { from: 6, to: 9, customers: 3 },
      { from: 9, to: 12, customers: 3 },
      { from: 12, to: 15, customers: 3 },
      { from: 15, to: 18, customers: 3 },
      { from: 18, to: 21, customers: 2 },
      { from: 21, to: null, customers: 1 },
    ]);
  });

  it('starts below a negative value on an edge of the same width', () => {
    const bins = valueBins([-7, 0, 5]);
    expect(bins.map((b) => b.from)).toEqual([-8, -6, -4, -2, 0, 2, 4, 6]);
    expect(bins.map((b) => b.customers)).toEqual([1, 0, 0, 0, 1, 0, 1, 0]);
  });

  it('all zero: every customer in the first range; edges without floating-point dust; none for no customers', () => {
    const bins = valueBins([0, 0, 0]);
    expect(bins.map((b) => b.from)).toEqual([0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.05]);
    expect(bins.map((b) => b.customers)).toEqual([3, 0, 0, 0, 0, 0, 0, 0]);
    expect(valueBins([])).toEqual([]);
  });

  it('nice widths: 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k, the smallest at least the width asked for', () => {
    expect([25.71, 2.714, 0.1429, 1.714, 3, 7000, 0.0009].map(niceStep)).toEqual([30, 3, 0.15, 2, 3, 8000, 0.001]);
  });

  it('any values: adjacent ranges, the last open, each value in exactly one, the counts summing to the customers', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 300 }), (values) => {
        const bins = valueBins(values);
        expect(bins).toHaveLength(8);
        for (let k = 1; k < bins.length; k++) expect(bins[k].from).toBe(bins[k - 1].to);
        expect(bins[bins.length - 1].to).toBeNull();
        expect(bins.slice(0, -1).every((b) => b.to !== null && b.to > b.from)).toBe(true);
        for (const v of values) expect(binsHolding(bins, v)).toBe(1);
        expect(bins.reduce((s, b) => s + b.customers, 0)).toBe(values.length);
        for (const b of bins) expect(b.customers).toBe(values.filter((v) => v >= b.from && (b.to === null || v < b.to)).length);
      }),
    );
  });
});
