import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/errors';
import { IdNumbering, type CustomerId } from '../../src/core/ids';
import { DAYS_PER_UNIT, StreamingSummary, summarizeOrders, type DetailedSummary, type OrderLog } from '../../src/core/summary';
import { dayOfYyyymmdd, readCdnowSample } from './models/cdnow';
import { fixture } from '../fixtures';


/** An order log of plain arrays, as the tests build them. */
interface PlainLog extends OrderLog {
  ids: (string | number)[];
  days: number[];
  amounts: number[];
}

/** The row of one customer, as plain numbers, for readable assertions. */
function rowOf(summary: DetailedSummary, id: string | number) {
  const k = summary.ids.indexOf(id);
  if (k < 0) throw new Error(`no customer ${id}`);
  return {
    frequency: summary.frequency[k],
    recency: summary.recency[k],
    T: summary.T[k],
    monetaryValue: summary.monetaryValue[k],
    firstDay: summary.firstDay[k],
    lastDay: summary.lastDay[k],
    orders: summary.orders[k],
    totalAmount: summary.totalAmount[k],
  };
}

/**
 * The reference file rounds ties up (a mean of 10.385 dollars is written 10.39), as a spreadsheet does on
 * decimal numbers; toFixed rounds the binary number 10.38499… down. Cent amounts averaged over a few days
 * cannot come within 1e-6 of a tie without being one.
 */
const halfUp2 = (value: number): string => (Math.round(value * 100 + 1e-6) / 100).toFixed(2);

describe('summarizeOrders on CDNOW', () => {
  it('reproduces the published calibration summary (39 weeks to 1997-09-30) to 2 decimals', () => {
    const log = readCdnowSample();
    const summary = summarizeOrders(log, { asOfDay: dayOfYyyymmdd('19970930'), unit: 'week' });
    const lines = fixture('cdnow_customers_summary_with_transactions.csv').trim().split('\n');
    expect(lines[0].trim()).toBe('ID,x,t_x,T,zbar');
    const reference = lines.slice(1).map((line) => line.trim().split(','));
    expect(reference).toHaveLength(2357);
    expect(summary.count).toBe(2357);
    expect(summary.ignoredReturnsOnly).toBe(0);

    const mismatches: string[] = [];
    reference.forEach(([id, x, tx, T, zbar], row) => {
      const k = summary.ids[row] === Number(id) ? row : summary.ids.indexOf(Number(id));
      const ours = [String(summary.frequency[k]), ...[summary.recency[k], summary.T[k], summary.monetaryValue[k]].map(halfUp2)];
      if (ours.join(',') !== [x, tx, T, zbar].join(',')) mismatches.push(`${id}: ours ${ours.join(',')} vs ${x},${tx},${T},${zbar}`);
    });
    expect(mismatches).toEqual([]);

    expect(rowOf(summary, 1)).toMatchObject({ frequency: 2 });
    expect(rowOf(summary, 1).recency).toBeCloseTo(30.43, 2);
    expect(rowOf(summary, 1).T).toBeCloseTo(38.86, 2);
    // Orders after 1997-09-30 are the holdout period.
    expect(summary.ignoredAfterAsOf).toBe(log.ids.length - summary.orders.reduce((sum, n) => sum + n, 0));
    expect(summary.ignoredAfterAsOf).toBeGreaterThan(0);
  });
});

describe('summarizeOrders on small logs', () => {
  it('merges orders of one day into one purchase', () => {
    const summary = summarizeOrders({ ids: ['a', 'a', 'a'], days: [0, 0, 7], amounts: [10, 5, 20] });
    expect(rowOf(summary, 'a')).toEqual({
      frequency: 1,
      recency: 7,
      T: 7,
      monetaryValue: 20,
      firstDay: 0,
      lastDay: 7,
      orders: 3,
      totalAmount: 35,
    });
    expect(summary.asOfDay).toBe(7);
    expect(summary.unit).toBe('day');
  });

  it('nets returns into their day', () => {
    const summary = summarizeOrders({ ids: ['a', 'a', 'a', 'a'], days: [0, 7, 7, 9], amounts: [10, 30, -5, 12] });
    expect(rowOf(summary, 'a')).toMatchObject({ frequency: 2, monetaryValue: (25 + 12) / 2, totalAmount: 47 });
  });

  it('does not count a day of returns only as a purchase, but counts its amount in the total', () => {
    const summary = summarizeOrders({ ids: ['a', 'a', 'a', 'a'], days: [0, 5, 5, 9], amounts: [10, -4, -6, 20] });
    expect(rowOf(summary, 'a')).toMatchObject({ frequency: 1, recency: 9, lastDay: 9, monetaryValue: 20, orders: 4, totalAmount: 20 });
  });

  it('ignores a return-only last day for recency', () => {
    const summary = summarizeOrders({ ids: ['a', 'a', 'a'], days: [0, 5, 9], amounts: [10, 20, -20] });
    expect(rowOf(summary, 'a')).toMatchObject({ frequency: 1, recency: 5, T: 9, lastDay: 5, totalAmount: 10 });
  });

  it('starts a customer at the first purchase, not at an earlier return', () => {
    const summary = summarizeOrders({ ids: ['a', 'a', 'a'], days: [1, 4, 10], amounts: [-15, 30, 40] });
    expect(rowOf(summary, 'a')).toMatchObject({ frequency: 1, firstDay: 4, recency: 6, T: 6, monetaryValue: 40, totalAmount: 55 });
  });

  it('leaves out customers with returns only, and says so', () => {
    const summary = summarizeOrders({ ids: ['a', 'b', 'b'], days: [0, 2, 3], amounts: [10, -5, -1] });
    expect(summary.ids).toEqual(['a']);
    expect(summary.count).toBe(1);
    expect(summary.ignoredReturnsOnly).toBe(1);
  });

  it('lists the customers with returns only apart, with their orders, total and place among the others', () => {
    const log = { ids: ['r', 'a', 's', 'b', 's', 'a'], days: [0, 1, 2, 3, 4, 5], amounts: [-5, 10, -1, 7, -2, 3] };
    const expected = { ids: ['r', 's'], orders: [1, 2], totalAmount: [-5, -3], position: [0, 1] };
    expect(summarizeOrders(log).returnsOnly).toEqual(expected);
    // The grouping path (rows out of date order) lists them the same way.
    const shuffled = { ids: [...log.ids].reverse(), days: [...log.days].reverse(), amounts: [...log.amounts].reverse() };
    expect(summarizeOrders(shuffled).returnsOnly).toEqual({ ids: ['s', 'r'], orders: [2, 1], totalAmount: [-3, -5], position: [1, 2] });
  });

  it('counts a day whose returns exceed its purchases as a purchase day spending 0, its net in the total', () => {
    // Day 7: bought 10, returned 30 (goods of day 0): a purchase, spend max(0, −20) = 0. Day 9: 12.
    const summary = summarizeOrders({ ids: ['a', 'a', 'a', 'a'], days: [0, 7, 7, 9], amounts: [40, 10, -30, 12] });
    expect(rowOf(summary, 'a')).toMatchObject({ frequency: 2, recency: 9, monetaryValue: (0 + 12) / 2, orders: 4, totalAmount: 32 });
  });

  it('counts a 0 amount as a purchase', () => {
    const summary = summarizeOrders({ ids: ['a', 'a'], days: [0, 3], amounts: [10, 0] });
    expect(rowOf(summary, 'a')).toMatchObject({ frequency: 1, recency: 3, monetaryValue: 0 });
  });

  it('ignores orders after asOfDay, and customers who only appear after it', () => {
    const summary = summarizeOrders(
      { ids: ['a', 'a', 'b', 'a'], days: [0, 5, 8, 9], amounts: [10, 20, 30, 40] },
      { asOfDay: 6 },
    );
    expect(summary.ids).toEqual(['a']);
    expect(summary.ignoredAfterAsOf).toBe(2);
    expect(rowOf(summary, 'a')).toMatchObject({ frequency: 1, recency: 5, T: 6, monetaryValue: 20, orders: 2, totalAmount: 30 });
  });

  it('measures in weeks, months of 365.25/12 days and years of 365.25 days exactly', () => {
    const log = { ids: [1, 1], days: [0, 1461] };
    expect(DAYS_PER_UNIT).toEqual({ day: 1, week: 7, month: 365.25 / 12, year: 365.25 });
    const years = summarizeOrders(log, { unit: 'year', asOfDay: 1461 + 365.25 * 2 });
    expect(rowOf(years, 1)).toMatchObject({ recency: 4, T: 6 });
    const months = summarizeOrders(log, { unit: 'month', asOfDay: 1461 });
    expect(rowOf(months, 1)).toMatchObject({ recency: 48, T: 48 });
    const weeks = summarizeOrders({ ids: [1, 1], days: [0, 10] }, { unit: 'week', asOfDay: 14 });
    expect(rowOf(weeks, 1)).toMatchObject({ recency: 10 / 7, T: 2 });
  });

  it('works without amounts: every order day is a purchase, money is 0', () => {
    const summary = summarizeOrders({ ids: ['a', 'a', 'a'], days: [0, 0, 3] });
    expect(rowOf(summary, 'a')).toMatchObject({ frequency: 1, recency: 3, monetaryValue: 0, totalAmount: 0, orders: 3 });
  });

  it('lists customers in order of first appearance and accepts unsorted logs', () => {
    const summary = summarizeOrders({ ids: ['b', 'a', 'b', 'b'], days: [9, 1, 2, 5], amounts: [1, 2, 3, 4] });
    expect(summary.ids).toEqual(['b', 'a']);
    expect(rowOf(summary, 'b')).toMatchObject({ frequency: 2, firstDay: 2, lastDay: 9, recency: 7, monetaryValue: 2.5 });
  });

  it('lists customers by their first order on or before asOfDay, even when an earlier row of theirs is after it', () => {
    const summary = summarizeOrders({ ids: ['a', 'b', 'a', 'c'], days: [100, 5, 6, 7] }, { asOfDay: 50 });
    expect(summary.ids).toEqual(['b', 'a', 'c']);
    expect(rowOf(summary, 'a')).toMatchObject({ frequency: 0, firstDay: 6, T: 44 });
  });

  it('tells numbers and strings apart as ids (the server layer normalises them)', () => {
    const summary = summarizeOrders({ ids: [1, '1'], days: [0, 1] });
    expect(summary.ids).toEqual([1, '1']);
  });

  it('accepts typed arrays', () => {
    const summary = summarizeOrders({ ids: [7, 7], days: Int32Array.of(3, 5), amounts: Float64Array.of(1, 2) });
    expect(rowOf(summary, 7)).toMatchObject({ frequency: 1, monetaryValue: 2 });
  });

  it('returns an empty summary for an empty log', () => {
    const summary = summarizeOrders({ ids: [], days: [] });
    expect(summary.count).toBe(0);
    expect(Number.isNaN(summary.asOfDay)).toBe(true);
    expect(summarizeOrders({ ids: [], days: [] }, { asOfDay: 10 }).asOfDay).toBe(10);
  });

  it('throws a DataError (with the row, for a row) for mismatched lengths, unknown units and a bad asOfDay', () => {
    expect(() => summarizeOrders({ ids: ['a'], days: [1, 2] })).toThrow(DataError);
    expect(() => summarizeOrders({ ids: ['a'], days: [1], amounts: [] })).toThrow(DataError);
    expect(() => summarizeOrders({ ids: ['a'], days: [1] }, { unit: 'fortnight' as 'week' })).toThrow(DataError);
    expect(() => summarizeOrders({ ids: ['a'], days: [1] }, { unit: 'toString' as 'week' })).toThrow(DataError);
    expect(() => summarizeOrders({ ids: ['a'], days: [1] }, { asOfDay: Number.NaN })).toThrow(DataError);
    for (const days of [[1, Number.NaN], [5, 1, Number.NaN].slice(1)]) {
      const error = (() => {
        try {
          summarizeOrders({ ids: ['a', 'a'], days });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).row).toBe(1);
      expect((error as DataError).message).not.toMatch(/NaN|undefined/);
    }
  });
});

/** A slow, obviously correct summary to compare against. */
function naiveSummary(log: PlainLog, asOfDay: number): Map<string | number, number[]> {
  const byCustomer = new Map<string | number, Map<number, number[]>>();
  for (let i = 0; i < log.ids.length; i++) {
    if (log.days[i] > asOfDay) continue;
    const days = byCustomer.get(log.ids[i]) ?? new Map<number, number[]>();
    byCustomer.set(log.ids[i], days);
    days.set(log.days[i], [...(days.get(log.days[i]) ?? []), log.amounts[i]]);
  }
  const result = new Map<string | number, number[]>();
  for (const [id, days] of byCustomer) {
    const purchaseDays = [...days.entries()].filter(([, amounts]) => amounts.some((a) => a >= 0)).sort((a, b) => a[0] - b[0]);
    if (purchaseDays.length === 0) continue;
    // A purchase day spends its net amount, floored at 0.
    const repeat = purchaseDays.slice(1).map(([, amounts]) => Math.max(0, amounts.reduce((s, a) => s + a, 0)));
    const orders = [...days.values()].flat();
    result.set(id, [
      purchaseDays.length - 1,
      purchaseDays[purchaseDays.length - 1][0] - purchaseDays[0][0],
      asOfDay - purchaseDays[0][0],
      repeat.length ? repeat.reduce((s, a) => s + a, 0) / repeat.length : 0,
      orders.length,
      orders.reduce((s, a) => s + a, 0),
    ]);
  }
  return result;
}

// Id pools: mixed ids are hashed; the others take the numbering by pattern (numbers, prefix and digits).
const ID_POOLS: (string | number)[][] = [
  ['a', 'b', 'c', 'd', 1, 2, 3],
  ['C01', 'C02', 'C10', 'C11'],
  ['K1', 'K2', 'K10', 'K11'],
  [0, 1, 2, 7, 40],
];

const logArbitrary = fc.constantFrom(...ID_POOLS).chain((pool) =>
  fc.record({
    orders: fc.array(
      fc.record({
        id: fc.constantFrom(...pool),
        day: fc.integer({ min: 0, max: 60 }),
        // Whole amounts keep sums exact whatever the order of addition.
        amount: fc.integer({ min: -30, max: 100 }),
      }),
      { maxLength: 60 },
    ),
    asOfDay: fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }),
    unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const),
  }),
);

function toLog(orders: { id: string | number; day: number; amount: number }[]): PlainLog {
  return { ids: orders.map((o) => o.id), days: orders.map((o) => o.day), amounts: orders.map((o) => o.amount) };
}

describe('summarizeOrders properties', () => {
  it('keeps 0 ≤ recency ≤ T, frequency a whole number below the order count', () => {
    fc.assert(
      fc.property(logArbitrary, ({ orders, asOfDay, unit }) => {
        const summary = summarizeOrders(toLog(orders), { asOfDay, unit });
        for (let k = 0; k < summary.count; k++) {
          expect(summary.recency[k]).toBeGreaterThanOrEqual(0);
          expect(summary.recency[k]).toBeLessThanOrEqual(summary.T[k]);
          expect(Number.isInteger(summary.frequency[k])).toBe(true);
          expect(summary.frequency[k]).toBeGreaterThanOrEqual(0);
          expect(summary.frequency[k]).toBeLessThanOrEqual(summary.orders[k] - 1);
          if (summary.frequency[k] === 0) expect(summary.monetaryValue[k]).toBe(0);
        }
      }),
    );
  });

  it('fed in batches of any size, as the cell functions feed it, gives the summary of the whole log', () => {
    fc.assert(
      fc.property(logArbitrary, fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 10 }), ({ orders, asOfDay, unit }, sizes) => {
        const log = toLog([...orders].sort((a, b) => a.day - b.day));
        const whole = summarizeOrders(log, { asOfDay, unit });
        const fed = (): { stream: StreamingSummary; ids: CustomerId[] } => {
          const numbering = new IdNumbering(log.ids.length);
          const stream = new StreamingSummary({ asOfDay, hasAmounts: true });
          for (let start = 0, b = 0; start < log.ids.length; b++) {
            const end = Math.min(log.ids.length, start + sizes[b % sizes.length]);
            const rowCustomer = Int32Array.from(log.ids.slice(start, end), (id) => numbering.indexOf(id));
            stream.reserve(numbering.ids.length);
            expect(stream.addRows(rowCustomer, log.days.slice(start, end), log.amounts.slice(start, end), end - start)).toBe(true);
            start = end;
          }
          return { stream, ids: numbering.ids };
        };
        const batched = fed();
        expect(batched.stream.summary(batched.ids, unit)).toEqual(whole);
        // Without details: the models' columns alone, the same numbers.
        const modelsOnly = fed();
        const { firstDay, lastDay, orders: orderCounts, totalAmount, returnsOnly, ...modelColumns } = whole;
        expect(modelsOnly.stream.summary(modelsOnly.ids, unit, false)).toEqual(modelColumns);
      }),
    );
  });

  it('agrees with a naive implementation, in any unit and for any order of the rows', () => {
    fc.assert(
      fc.property(logArbitrary, fc.infiniteStream(fc.nat()), fc.boolean(), ({ orders, asOfDay, unit }, randomness, byDate) => {
        const log = toLog(orders);
        // In date order the one-pass path runs; shuffled, almost always the grouping path.
        const shuffled = toLog(
          orders
            .map((order) => ({ order, key: randomness.next().value }))
            .sort((a, b) => a.key - b.key)
            .map(({ order }) => order)
            .sort((a, b) => (byDate ? a.day - b.day : 0)),
        );
        const summary = summarizeOrders(shuffled, { asOfDay, unit });
        const end = asOfDay ?? Math.max(...log.days);
        const expected = naiveSummary(log, end);
        expect(summary.count).toBe(expected.size);
        const perUnit = DAYS_PER_UNIT[unit];
        summary.ids.forEach((id, k) => {
          const [frequency, recencyDays, ageDays, monetaryValue, orderCount, total] = expected.get(id) ?? [];
          expect(summary.frequency[k]).toBe(frequency);
          expect(summary.recency[k]).toBe(recencyDays / perUnit);
          expect(summary.T[k]).toBe(ageDays / perUnit);
          expect(summary.monetaryValue[k]).toBeCloseTo(monetaryValue, 9);
          expect(summary.orders[k]).toBe(orderCount);
          expect(summary.totalAmount[k]).toBe(total);
        });
        const firstAppearance = [...new Set(shuffled.ids.filter((_, i) => shuffled.days[i] <= end))].filter((id) => expected.has(id));
        expect(summary.ids).toEqual(firstAppearance);
        const keptRows = log.days.filter((d) => d <= end).length;
        expect(summary.ignoredAfterAsOf).toBe(log.ids.length - keptRows);
      }),
    );
  });
});
