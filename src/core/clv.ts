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
  /** P(alive) of each customer, as the predictor's pAlive gives it. */
  pAlive: Float64Array;
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
  const months = Math.round(options.horizonMonths);
  const times = monthEnds(months, options.unit);
  const pAlive = new Float64Array(customers.frequency.length);
  const [discounted, expectedPurchases] = predictor.expectedPurchasesBatch(
    customers.frequency,
    customers.recency,
    customers.T,
    times,
    [discountWeights(months, options.annualDiscountRate), lastOnly(months)],
    pAlive,
  );
  const clv = new Float64Array(discounted.length);
  for (let c = 0; c < clv.length; c++) clv[c] = options.margin * expectedSpend[c] * discounted[c];
  return { clv, expectedPurchases, pAlive };
}

/**
 * Σ_i (E_i − E_{i−1}) d_i, the discounted purchases month by month (E_i the expected purchases by the end of month
 * i, d_i its discount factor), is Σ_i E_i (d_i − d_{i+1}) with d_{H+1} = 0: one weight per month-end expectation.
 */
function discountWeights(months: number, annualRate: number): Float64Array {
  const monthly = monthlyDiscountRate(annualRate);
  const discount = (i: number): number => (i > months ? 0 : Math.pow(1 + monthly, -i));
  return Float64Array.from({ length: months }, (_, j) => discount(j + 1) - discount(j + 2));
}

function lastOnly(months: number): Float64Array {
  const weights = new Float64Array(months);
  weights[months - 1] = 1;
  return weights;
}
