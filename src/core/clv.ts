/**
 * Customer lifetime value over a horizon, the lifetimes convention (FORMULAS.md): monthly steps, the expected
 * purchases of each month times the expected spend per purchase times the margin, discounted monthly.
 */
import type { PurchasePredictor } from './models/types';
import { DAYS_PER_UNIT, type TimeUnit } from './summary';

export interface ClvOptions {
  horizonMonths: number;
  /** e.g. 0.1 for 10% a year; the monthly rate is (1 + annual)^(1/12) − 1. */
  annualDiscountRate: number;
  /** Share of spend kept as margin, 0..1. */
  margin: number;
  /** The unit the model was fitted in (recency and T are in it). */
  unit: TimeUnit;
}

export interface CustomerHistories {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
}

export interface ClvResult {
  clv: Float64Array;
  /** Expected purchases over the whole horizon (undiscounted). */
  expectedPurchases: Float64Array;
}

export function monthlyDiscountRate(annualRate: number): number {
  return Math.pow(1 + annualRate, 1 / 12) - 1;
}

/** Ends of months 1..H, in the model's time unit. */
export function monthEnds(horizonMonths: number, unit: TimeUnit): Float64Array {
  const monthInUnits = DAYS_PER_UNIT.month / DAYS_PER_UNIT[unit];
  return Float64Array.from({ length: horizonMonths }, (_, i) => (i + 1) * monthInUnits);
}

export function customerLifetimeValues(
  predictor: PurchasePredictor,
  customers: CustomerHistories,
  expectedSpend: ArrayLike<number>,
  options: ClvOptions,
): ClvResult {
  const n = customers.frequency.length;
  const months = Math.round(options.horizonMonths);
  const times = monthEnds(months, options.unit);
  const cumulative = new Float64Array(n * months);
  predictor.expectedPurchasesBatch(customers.frequency, customers.recency, customers.T, times, cumulative);

  const discount = new Float64Array(months);
  const monthly = monthlyDiscountRate(options.annualDiscountRate);
  for (let i = 0; i < months; i++) discount[i] = Math.pow(1 + monthly, -(i + 1));

  const clv = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    let previous = 0;
    let discounted = 0;
    const row = c * months;
    for (let i = 0; i < months; i++) {
      const e = cumulative[row + i];
      discounted += (e - previous) * discount[i];
      previous = e;
    }
    clv[c] = options.margin * expectedSpend[c] * discounted;
    expectedPurchases[c] = previous;
  }
  return { clv, expectedPurchases };
}
