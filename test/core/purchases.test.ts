// One rule for what a purchase is (summary.ts): a customer-day with a row of 0 or more is a purchase day, a day of
// returns only is not, and a purchase day spends its net amount floored at 0. Every path that counts purchases
// follows it: the summary fed whole or in batches (the cell functions), the summary after sorting, the sidebar's
// histories and the holdout check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historiesFromOrders } from '../../src/core/analysis';
import { holdoutCheck } from '../../src/core/holdout';
import { IdNumbering } from '../../src/core/ids';
import type { PurchaseModelName } from '../../src/core/models/registry';
import type { Fitted, PurchasePredictor } from '../../src/core/models/types';
import { StreamingSummary, summarizeOrders, type OrderLog } from '../../src/core/summary';

interface Order {
  id: string;
  day: number;
  amount: number;
}

/** The rule, written out plainly: per customer, purchase days (with their spend), orders and total up to asOf. */
function byTheRule(orders: Order[], asOf: number): Map<string, { days: number[]; spend: number[]; orders: number; total: number }> {
  const out = new Map<string, { days: number[]; spend: number[]; orders: number; total: number }>();
  const perDay = new Map<string, Map<number, number[]>>();
  for (const o of orders) {
    if (o.day > asOf) continue;
    const days = perDay.get(o.id) ?? new Map<number, number[]>();
    perDay.set(o.id, days);
    days.set(o.day, [...(days.get(o.day) ?? []), o.amount]);
  }
  for (const [id, days] of perDay) {
    const purchase = [...days.entries()].filter(([, amounts]) => amounts.some((a) => a >= 0)).sort((a, b) => a[0] - b[0]);
    const all = [...days.values()].flat();
    out.set(id, {
      days: purchase.map(([day]) => day),
      spend: purchase.map(([, amounts]) => Math.max(0, amounts.reduce((s, a) => s + a, 0))),
      orders: all.length,
      total: all.reduce((s, a) => s + a, 0),
    });
  }
  return out;
}

/** A fit that predicts nothing: the holdout's counts of actual purchases are what is compared. */
const stubFit = (_model: PurchaseModelName, calibration: { count: number }): Fitted<PurchasePredictor> => ({
  fit: { params: { k: 0 }, standardErrors: { k: 0 }, logLikelihood: 0, converged: true, message: '', iterations: 0, customers: calibration.count },
  predictor: {
    pAlive: () => 1,
    expectedPurchases: () => 0,
    expectedPurchasesNew: () => 0,
    expectedPurchasesBatch: (frequency, _recency, _T, _times, weights) => weights.map(() => new Float64Array(frequency.length)),
  },
});

const logs = fc.record({
  orders: fc.array(
    fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      day: fc.integer({ min: 0, max: 40 }),
      // Whole amounts, returns often larger than a day's purchases: sums are exact in any order.
      amount: fc.oneof(fc.integer({ min: -60, max: -1 }), fc.integer({ min: 0, max: 50 })),
    }),
    { maxLength: 50 },
  ),
  split: fc.integer({ min: 0, max: 40 }),
  sorted: fc.boolean(),
});

function toLog(orders: Order[]): OrderLog & { ids: string[]; days: number[]; amounts: number[] } {
  return { ids: orders.map((o) => o.id), days: orders.map((o) => o.day), amounts: orders.map((o) => o.amount) };
}

describe('a purchase is the same thing on every path', () => {
  it('the summary (whole, in batches, sorted or not), the sidebar histories and the holdout check agree with the rule', () => {
    fc.assert(
      fc.property(logs, ({ orders, split, sorted }) => {
        const rows = sorted ? [...orders].sort((p, q) => p.day - q.day) : orders;
        const log = toLog(rows);
        const end = rows.length === 0 ? 0 : Math.max(...log.days);
        const rule = byTheRule(rows, end);
        const summary = summarizeOrders(log, { asOfDay: end });
        const buyers = [...rule].filter(([, c]) => c.days.length > 0);
        expect(summary.count).toBe(buyers.length);
        expect([...summary.returnsOnly.ids].sort()).toEqual([...rule].filter(([, c]) => c.days.length === 0).map(([id]) => id).sort());
        for (const [id, c] of buyers) {
          const k = summary.ids.indexOf(id);
          const repeats = c.spend.slice(1);
          expect(summary.frequency[k]).toBe(c.days.length - 1);
          expect(summary.firstDay[k]).toBe(c.days[0]);
          expect(summary.lastDay[k]).toBe(c.days[c.days.length - 1]);
          expect(summary.monetaryValue[k]).toBeCloseTo(repeats.length ? repeats.reduce((s, a) => s + a, 0) / repeats.length : 0, 9);
          expect(summary.monetaryValue[k]).toBeGreaterThanOrEqual(0);
          expect(summary.totalAmount[k]).toBe(c.total);
          expect(summary.orders[k]).toBe(c.orders);
        }

        // The cell functions feed the rows in batches when they come in date order.
        if (sorted) {
          const numbering = new IdNumbering(rows.length);
          const stream = new StreamingSummary({ asOfDay: end, hasAmounts: true });
          for (let start = 0; start < rows.length; start += 3) {
            const stop = Math.min(rows.length, start + 3);
            const rowCustomer = Int32Array.from(log.ids.slice(start, stop), (id) => numbering.indexOf(id));
            stream.reserve(numbering.ids.length);
            expect(stream.addRows(rowCustomer, log.days.slice(start, stop), log.amounts.slice(start, stop), stop - start)).toBe(true);
          }
          expect(stream.summary(numbering.ids, 'day')).toEqual(summary);
        }

        // The sidebar's Customer value sheet.
        const histories = historiesFromOrders(log, end);
        expect(histories.ids).toEqual(summary.ids);
        expect(Array.from(histories.frequency)).toEqual(Array.from(summary.frequency));
        expect(Array.from(histories.firstDay)).toEqual(Array.from(summary.firstDay));
        expect(Array.from(histories.lastDay)).toEqual(Array.from(summary.lastDay));
        expect(Array.from(histories.monetaryValue)).toEqual(Array.from(summary.monetaryValue));
        expect(Array.from(histories.revenue)).toEqual(Array.from(summary.totalAmount));
        expect(histories.returnsOnly).toBe(summary.returnsOnly.ids.length);

        // The holdout check: customers who bought by the split, and their purchase days after it.
        if (split >= end) return;
        const before = byTheRule(rows, split);
        const calibrated = [...before].filter(([, c]) => c.days.length > 0);
        const check = holdoutCheck(log, split, 'day', 'bgnbd', { fit: stubFit });
        expect(check).not.toBeNull();
        expect(check?.total.customers).toBe(calibrated.length);
        const later = calibrated.reduce((sum, [id, c]) => sum + (rule.get(id)?.days.length ?? 0) - c.days.length, 0);
        expect((check?.total.actual ?? NaN) * calibrated.length).toBeCloseTo(later, 9);
      }),
      { numRuns: 200 },
    );
  });
});
