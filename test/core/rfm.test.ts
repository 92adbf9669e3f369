import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/errors';
import { compressPatterns } from '../../src/core/rfm';
import { fixture } from '../fixtures';

describe('compressPatterns', () => {
  it('merges identical (frequency, recency, T) rows into weighted rows, in order of first appearance', () => {
    const patterns = compressPatterns([0, 2, 0, 2, 1], [0, 5, 0, 5, 3], [10, 10, 10, 10, 10]);
    expect(patterns.count).toBe(3);
    expect(patterns.customers).toBe(5);
    expect([...patterns.x]).toEqual([0, 2, 1]);
    expect([...patterns.tx]).toEqual([0, 5, 3]);
    expect([...patterns.T]).toEqual([10, 10, 10]);
    expect([...patterns.w]).toEqual([2, 2, 1]);
    expect([...patterns.patternOf]).toEqual([0, 1, 0, 1, 2]);
  });

  it('keeps rows that differ in any one of the three numbers apart', () => {
    const patterns = compressPatterns([1, 1, 1, 2], [3, 3, 4, 3], [9, 8, 9, 9]);
    expect(patterns.count).toBe(4);
  });

  it('sums given weights', () => {
    const patterns = compressPatterns([1, 1, 0], [2, 2, 0], [5, 5, 5], [3, 0.5, 2]);
    expect([...patterns.w]).toEqual([3.5, 2]);
    expect(patterns.customers).toBe(5.5);
  });

  it('treats −0 and 0 as the same number', () => {
    expect(compressPatterns([0, -0], [-0, 0], [1, 1]).count).toBe(1);
  });

  it('handles no rows', () => {
    const patterns = compressPatterns([], [], []);
    expect(patterns.count).toBe(0);
    expect(patterns.customers).toBe(0);
  });

  it('rejects columns of different lengths, non-finite numbers and negative weights', () => {
    expect(() => compressPatterns([1], [1, 2], [3])).toThrow(RangeError);
    expect(() => compressPatterns([1], [1], [3], [1, 1])).toThrow(RangeError);
    expect(() => compressPatterns([Number.NaN], [1], [3])).toThrow(DataError);
    expect(() => compressPatterns([1], [1], [Number.POSITIVE_INFINITY])).toThrow(DataError);
    expect(() => compressPatterns([1], [1], [3], [-1])).toThrow(DataError);
    expect(() => compressPatterns([1, 1], [1, 1], [3, 3], [1, -1])).toThrow('weights row 2 is -1; a weight is a number of customers, 0 or more.');
  });

  it('compresses the CDNOW calibration summary without losing a customer', () => {
    const rows = fixture('cdnow_customers_summary.csv').trim().split('\n').slice(1);
    const [frequency, recency, T] = [1, 2, 3].map((column) => rows.map((row) => Number(row.split(',')[column])));
    const patterns = compressPatterns(frequency, recency, T);
    expect(patterns.customers).toBe(2357);
    expect(patterns.count).toBeLessThan(2357);
    const distinct = new Set(rows.map((row) => row.split(',').slice(1).map(Number).join('|')));
    expect(patterns.count).toBe(distinct.size);
  });

  it('is a faithful grouping: every row maps to an equal pattern, weights add up, patterns are distinct', () => {
    const small = fc.integer({ min: 0, max: 4 });
    // Valid rows only (compressPatterns refuses the others): recency 0 exactly without a repeat purchase, T ≥ recency.
    const row = fc
      .record({ x: small, tx: small, extra: small, w: fc.double({ min: 0, max: 10, noNaN: true }) })
      .map(({ x, tx, extra, w }) => {
        const recency = x === 0 ? 0 : (tx + 1) / 7;
        return { x, tx: recency, T: recency + extra / 7, w };
      });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), (rows) => {
        const patterns = compressPatterns(
          rows.map((r) => r.x),
          rows.map((r) => r.tx),
          rows.map((r) => r.T),
          rows.map((r) => r.w),
        );
        const weights = new Float64Array(patterns.count);
        rows.forEach((r, i) => {
          const p = patterns.patternOf[i];
          expect([patterns.x[p], patterns.tx[p], patterns.T[p]]).toEqual([r.x, r.tx, r.T]);
          weights[p] += r.w;
        });
        expect([...patterns.w]).toEqual([...weights]);
        const keys = new Set(Array.from(patterns.x, (x, p) => `${x}|${patterns.tx[p]}|${patterns.T[p]}`));
        expect(keys.size).toBe(patterns.count);
      }),
    );
  });

  // How fast is the benchmark's business (npm run bench: the summary of 900,000 orders); this guards against a hang.
  it('compresses 100,000 rows', { timeout: 20_000 }, () => {
    const n = 100_000;
    const frequency = Float64Array.from({ length: n }, (_, i) => i % 40);
    const recency = Float64Array.from({ length: n }, (_, i) => (i % 40 === 0 ? 0 : 1 + ((i * 7) % 299)));
    const T = Float64Array.from({ length: n }, (_, i) => 300 + (i % 365));
    const patterns = compressPatterns(frequency, recency, T);
    expect(patterns.customers).toBe(n);
  });
});
