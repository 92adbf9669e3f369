// Prediction intervals through the built dist/Code.js, called as a cell calls them, on CDNOW: PREDICT_PURCHASES'
// 7th argument and CLV's 9th.
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './gas';
import { fixture } from '../fixtures';

let gas: Harness;
/** The CDNOW 1/10 sample as the cells a sheet would pass: sample id (number), order date (Date), dollars. */
let cdnow: { ids: unknown[][]; dates: unknown[][]; amounts: unknown[][]; asOf: unknown };

beforeAll(() => {
  gas = createHarness();
  const ids: unknown[][] = [];
  const dates: unknown[][] = [];
  const amounts: unknown[][] = [];
  for (const line of fixture('CDNOW_sample.txt').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    ids.push([Number(f[1])]);
    dates.push([gas.date(Number(f[2].slice(0, 4)), Number(f[2].slice(4, 6)), Number(f[2].slice(6, 8)))]);
    amounts.push([Number(f[4])]);
  }
  cdnow = { ids, dates, amounts, asOf: gas.date(1997, 9, 30) };
});

const MODELS = ['bgnbd', 'mbgnbd', 'paretonbd'];

describe('PREDICT_PURCHASES with interval', () => {
  it.each(MODELS.map((m) => [m]))('%s: adds expected_purchases_low and _high, the old columns unchanged', (model) => {
    const plain = gas.cell('PREDICT_PURCHASES', cdnow.ids, cdnow.dates, 39, 'week', cdnow.asOf, model) as unknown[][];
    const rows = gas.cell('PREDICT_PURCHASES', cdnow.ids, cdnow.dates, 39, 'week', cdnow.asOf, model, 0.8) as unknown[][];
    expect(plain[0]).toEqual(['customer_id', 'expected_purchases']);
    expect(rows[0]).toEqual(['customer_id', 'expected_purchases', 'expected_purchases_low', 'expected_purchases_high']);
    expect(rows.length).toBe(2358);
    expect(rows.map((r) => r.slice(0, 2))).toEqual(plain);
    let regulars = 0;
    let highAboveMean = 0;
    for (const [, expected, low, high] of rows.slice(1) as number[][]) {
      expect(Number.isInteger(low) && Number.isInteger(high)).toBe(true);
      expect(0 <= low && low <= high).toBe(true);
      // A low end above the mean would say the customer is sure to buy more than expected.
      expect(low).toBeLessThanOrEqual(expected + 1e-9);
      if (expected >= 1) {
        regulars++;
        if (high >= expected) highAboveMean++;
      }
    }
    // The high end is below the mean for customers who will most likely not buy at all (a high end of 0 with a mean
    // of 0.2: the mean counts their small chance of buying), not for those expected to buy once or more.
    expect(regulars).toBeGreaterThan(100);
    expect(highAboveMean / regulars).toBeGreaterThan(0.95);
    // Customer 1 (x = 2, t_x = 30.43, T = 38.86): expects about 1.2 purchases in 39 weeks (BG/NBD), 0 to 4 of them.
    const one = rows.find((r) => r[0] === 1) as number[];
    expect(one[2]).toBe(0);
    expect(one[3]).toBeGreaterThanOrEqual(3);
    expect(one[3]).toBeLessThanOrEqual(5);
  });

  it('gives the same answer twice, a wider range for a higher probability, and the same whatever the order of the rows', () => {
    const first = gas.cell('PREDICT_PURCHASES', cdnow.ids, cdnow.dates, 39, 'week', cdnow.asOf, 'bgnbd', 0.8) as unknown[][];
    const again = gas.cell('PREDICT_PURCHASES', cdnow.ids, cdnow.dates, 39, 'week', cdnow.asOf, 'bgnbd', 0.8);
    expect(again).toEqual(first);
    const order = cdnow.ids.map((_, i) => i).reverse();
    const pick = (cells: unknown[][]): unknown[][] => order.map((i) => cells[i]);
    const reversed = gas.cell('PREDICT_PURCHASES', pick(cdnow.ids), pick(cdnow.dates), 39, 'week', cdnow.asOf, 'bgnbd', 0.8) as unknown[][];
    const byId = (rows: unknown[][]): Map<unknown, unknown[]> => new Map(rows.slice(1).map((r) => [r[0], r.slice(2)]));
    // The fit may differ in its last digits with the order of the rows; the intervals are whole numbers.
    const a = byId(first);
    const b = byId(reversed);
    let same = 0;
    for (const [id, ends] of a) if (JSON.stringify(b.get(id)) === JSON.stringify(ends)) same++;
    expect(same / a.size).toBeGreaterThan(0.99);
    const wide = byId(gas.cell('PREDICT_PURCHASES', cdnow.ids, cdnow.dates, 39, 'week', cdnow.asOf, 'bgnbd', '95%') as unknown[][]);
    for (const [id, [low, high]] of a as Map<unknown, number[]>) {
      const [wideLow, wideHigh] = wide.get(id) as number[];
      expect(wideLow).toBeLessThanOrEqual(low);
      expect(wideHigh).toBeGreaterThanOrEqual(high);
    }
  });

  it('treats a blank interval as none', () => {
    const plain = gas.cell('PREDICT_PURCHASES', cdnow.ids, cdnow.dates, 39, 'week', cdnow.asOf, 'bgnbd');
    expect(gas.cell('PREDICT_PURCHASES', cdnow.ids, cdnow.dates, 39, 'week', cdnow.asOf, 'bgnbd', '')).toEqual(plain);
    expect(gas.cell('PREDICT_PURCHASES', cdnow.ids, cdnow.dates, 39, 'week', cdnow.asOf, 'bgnbd', [['']])).toEqual(plain);
  });

  it.each([[0], [1], [1.5], [-0.2], ['wide'], ['100%']])('refuses interval %s, naming it', (bad) => {
    expect(() => gas.cell('PREDICT_PURCHASES', cdnow.ids, cdnow.dates, 39, 'week', cdnow.asOf, 'bgnbd', bad)).toThrow(/^PREDICT_PURCHASES: interval .*(above 0 and below 1|not a number)/);
  });

  it('refuses a range of several cells as interval', () => {
    expect(() => gas.cell('PREDICT_PURCHASES', cdnow.ids, cdnow.dates, 39, 'week', cdnow.asOf, 'bgnbd', [[0.8], [0.9]])).toThrow(/^PREDICT_PURCHASES: interval is a range of 2 cells/);
  });
});

describe('CLV with interval', () => {
  it.each(MODELS.map((m) => [m]))('%s: adds clv_low and clv_high, the old columns unchanged', (model) => {
    const plain = gas.cell('CLV', cdnow.ids, cdnow.dates, cdnow.amounts, 12, 0.1, 1, cdnow.asOf, model) as unknown[][];
    const rows = gas.cell('CLV', cdnow.ids, cdnow.dates, cdnow.amounts, 12, 0.1, 1, cdnow.asOf, model, 0.8) as unknown[][];
    expect(plain[0]).toEqual(['customer_id', 'clv', 'expected_purchases', 'expected_spend_per_order', 'p_alive']);
    expect(rows[0]).toEqual([...(plain[0] as string[]), 'clv_low', 'clv_high']);
    expect(rows.map((r) => r.slice(0, 5))).toEqual(plain);
    let inside = 0;
    for (const [, clv, , , , low, high] of rows.slice(1) as number[][]) {
      expect(Number.isFinite(low) && Number.isFinite(high)).toBe(true);
      expect(0 <= low && low <= high).toBe(true);
      expect(low).toBeLessThanOrEqual(clv);
      if (clv <= high) inside++;
    }
    expect(inside / (rows.length - 1)).toBeGreaterThan(0.5);
  });

  it('gives the same answer twice; a blank interval gives the old table; bad ones are refused by name', () => {
    const args = [cdnow.ids, cdnow.dates, cdnow.amounts, 12, 0.1, 0.3, cdnow.asOf, 'bgnbd'];
    const first = gas.cell('CLV', ...args, 0.8);
    expect(gas.cell('CLV', ...args, 0.8)).toEqual(first);
    expect(gas.cell('CLV', ...args, '')).toEqual(gas.cell('CLV', ...args));
    for (const bad of [0, 1, 1.5, 'wide']) expect(() => gas.cell('CLV', ...args, bad)).toThrow(/^CLV: interval .*(above 0 and below 1|not a number)/);
    expect(() => gas.cell('CLV', ...args, [[0.8, 0.9]])).toThrow(/^CLV: interval is a range of 2 cells/);
  });
});
