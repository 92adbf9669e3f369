// The tracking table (core/tracking.ts) on hand-made logs whose every number can be checked by hand, and on CDNOW
// against the summaries the model is fitted on.
import { describe, expect, it } from 'vitest';
import { bgnbd } from '../../src/core/models/bgnbd';
import type { PurchaseModelName } from '../../src/core/models/registry';
import type { Fitted, PurchasePredictor } from '../../src/core/models/types';
import { compressPatterns } from '../../src/core/rfm';
import { summarizeOrders, type OrderLog } from '../../src/core/summary';
import { trackingCheck, TRACKING_PAIRS_LIMIT } from '../../src/core/tracking';
import { dayOfYyyymmdd, readCdnowSample } from './models/cdnow';

/** A fit whose new customer makes exactly one repeat purchase per unit: E[X(t)] = t, so sums are ages. */
const onePerUnit = (_model: PurchaseModelName, calibration: { count: number }): Fitted<PurchasePredictor> => ({
  fit: { params: { k: 1 }, standardErrors: { k: 0 }, logLikelihood: -1, converged: true, message: '', iterations: 0, customers: calibration.count },
  predictor: {
    pAlive: () => 1,
    expectedPurchases: (t) => t,
    expectedPurchasesNew: (t) => t,
    expectedPurchasesBatch: (frequency, _recency, _T, times, weights) => weights.map((w) => new Float64Array(frequency.length).fill(w[0] * times[0])),
  },
});

function logOf(orders: [string, number, number][]): OrderLog {
  return { ids: orders.map((o) => o[0]), days: orders.map((o) => o[1]), amounts: orders.map((o) => o[2]) };
}

describe('trackingCheck on a hand-made log (weeks, calibration end on day 20)', () => {
  // a: first day 0, repeats on 3 (two orders, one purchase), 10 and 25.
  // b: first day 6, repeats on 20 (the calibration end) and 34; day 30 is a return only, no purchase.
  // c: first buys on 22, after the calibration end: not in the cohort, its repeat on 30 is not counted.
  // d: a return on day 2 (before any purchase), first purchase on 15, repeat on 27.
  const log = logOf([
    ['a', 0, 10], ['a', 3, 5], ['a', 3, 7], ['d', 2, -3], ['b', 6, 20], ['a', 10, 4], ['d', 15, 8], ['b', 20, 1],
    ['c', 22, 9], ['a', 25, 3], ['d', 27, 2], ['b', 30, -5], ['c', 30, 6], ['b', 34, 1],
  ]);
  const t = trackingCheck(log, 20, 'week', 'bgnbd', { fit: onePerUnit })!;

  it('has weekly periods ending on the calibration end, from the first purchase to the last order', () => {
    expect(Array.from(t.endDay)).toEqual([6, 13, 20, 27, 34]);
    expect(t.calibrationPeriods).toBe(3);
    expect(t.customers).toBe(3);
    expect(t.later).toBe(1);
  });

  it('counts the cohort’s repeat purchase days by summary.ts’s rule, cumulatively', () => {
    expect(Array.from(t.actualCumulative)).toEqual([1, 2, 3, 5, 6]);
    // At the calibration end, the repeat purchases the model was fitted on.
    const calibration = summarizeOrders(log, { asOfDay: 20 });
    expect(calibration.frequency.reduce((a, b) => a + b, 0)).toBe(t.actualCumulative[2]);
  });

  it('expects Σ E[X(age)] over the cohort, ages counted as T is (end day − first day, in weeks)', () => {
    // Cohort first days 0, 6 and 15; E[X(t)] = t.
    const expected = [6, 13 + 7, 20 + 14 + 5, 27 + 21 + 12, 34 + 28 + 19].map((days) => days / 7);
    Array.from(t.expectedCumulative).forEach((e, p) => expect(e).toBeCloseTo(expected[p], 12));
  });

  it('cuts the last period at the last order, and works in days and months alike', () => {
    const cut = trackingCheck(logOf([['a', 0, 1], ['a', 5, 1], ['b', 9, 1], ['a', 23, 1]]), 20, 'week', 'bgnbd', { fit: onePerUnit })!;
    expect(Array.from(cut.endDay)).toEqual([6, 13, 20, 23]);
    expect(Array.from(cut.actualCumulative)).toEqual([1, 1, 1, 2]);
    const days = trackingCheck(log, 20, 'day', 'bgnbd', { fit: onePerUnit })!;
    expect(days.endDay.length).toBe(35);
    expect(days.calibrationPeriods).toBe(21);
    expect(days.actualCumulative[20]).toBe(3);
    expect(days.expectedCumulative[20]).toBeCloseTo(20 + 14 + 5, 12);
    // A month is 365.25/12 days: period ends are the calibration end plus whole multiples of it, rounded.
    const months = trackingCheck(logOf([['a', 0, 1], ['a', 40, 1], ['b', 100, 1], ['a', 170, 1]]), 100, 'month', 'bgnbd', { fit: onePerUnit })!;
    expect(Array.from(months.endDay)).toEqual([9, 39, 70, 100, 130, 161, 170]);
    expect(months.calibrationPeriods).toBe(4);
  });

  it('tells checkPeriods the number of periods before working them out, and refuses too much work', () => {
    const seen: number[] = [];
    trackingCheck(log, 20, 'week', 'bgnbd', { fit: onePerUnit, checkPeriods: (n) => seen.push(n) });
    expect(seen).toEqual([5]);
    // 4,001 customers who first bought on 4,001 different days, and 5,001 daily periods: 20,009,001 pairs.
    const orders: [string, number, number][] = Array.from({ length: 4001 }, (_, c) => [`c${c}`, c, 1]);
    orders.push(['c0', 5000, 1]);
    expect(5001 * 4001).toBeGreaterThan(TRACKING_PAIRS_LIMIT);
    const neverFitted = (): Fitted<PurchasePredictor> => {
      throw new Error('the limit is checked before the fit');
    };
    expect(() => trackingCheck(logOf(orders), 4500, 'day', 'bgnbd', { fit: neverFitted })).toThrow(
      expect.objectContaining({
        message:
          'the tracking table would have 5,001 periods for customers who first bought on 4,001 different days (the orders run from 1970-01-01 to 1983-09-10), more than a cell can work out in its 30 seconds; use a longer unit such as "week" or "month", or give fewer years of orders',
        argument: 'unit',
      }),
    );
    // In weeks it fits.
    expect(trackingCheck(logOf(orders), 4500, 'week', 'bgnbd', { fit: onePerUnit })!.endDay.length).toBe(715);
  });

  it('says why a fit cannot be used, as everywhere', () => {
    const failed = (): Fitted<PurchasePredictor> => ({
      fit: { params: {}, standardErrors: {}, logLikelihood: NaN, converged: false, message: 'It did not settle.', iterations: 9, customers: 3 },
      predictor: null,
    });
    expect(() => trackingCheck(log, 20, 'week', 'bgnbd', { fit: failed })).toThrow('The BG/NBD model could not be fitted to these data. It did not settle.');
  });
});

describe('trackingCheck on CDNOW (BG/NBD, weeks)', () => {
  const orders = readCdnowSample();
  const end = dayOfYyyymmdd('19970930');
  const t = trackingCheck(orders, end, 'week', 'bgnbd')!;
  const calibration = summarizeOrders(orders, { asOfDay: end, unit: 'week' });
  const whole = summarizeOrders(orders, { unit: 'week' });

  it('has the papers’ 39 + 39 weeks from 1 January 1997, the cohort of 2,357 customers', () => {
    expect(t.endDay.length).toBe(78);
    expect(t.calibrationPeriods).toBe(39);
    expect(t.endDay[0]).toBe(dayOfYyyymmdd('19970107'));
    expect(t.endDay[77]).toBe(dayOfYyyymmdd('19980630'));
    expect(t.customers).toBe(2357);
    expect(t.later).toBe(0);
  });

  it('reaches the summaries’ repeat purchases at the calibration end and the end, and the fit’s Σ E[X(T)]', () => {
    expect(t.actualCumulative[38]).toBe(calibration.frequency.reduce((a, b) => a + b, 0));
    expect(t.actualCumulative[77]).toBe(whole.frequency.reduce((a, b) => a + b, 0));
    const predictor = bgnbd.fitted(compressPatterns(calibration.frequency, calibration.recency, calibration.T)).predictor!;
    const sum = calibration.T.reduce((s, T) => s + predictor.expectedPurchasesNew(T), 0);
    expect(Math.abs(t.expectedCumulative[38] / sum - 1)).toBeLessThan(1e-12);
  });
});
