/**
 * What if retention, orders per customer or order value changed? A pure recomputation of the base's predicted value
 * (over the horizon) and lifetime value (every future month, discounted) from a small basis the analysis gives
 * (analysis.ts whatIfBasis), so the sidebar can answer as the user types, without a server round trip.
 *
 * The model behind it is deliberately simple and stated: the base's expected margin in future month k is
 * M · r^(k−1) · δ^k, where r is the base's monthly retention implied by the purchase model (how fast its expected
 * purchases fade: analysis.ts), δ = (1 + annual discount rate)^(−1/12), and M is chosen so that with today's r the
 * horizon's sum is exactly the analysis's predicted value. Orders per customer and order value scale M; retention
 * changes r. With no change the answer is the analysis's own predicted value.
 */

/** What the recomputation needs; plain numbers, so it crosses google.script.run as it is. */
export interface WhatIfBasis {
  /** Σ predicted value of every customer over the horizon (discounted), as the analysis gives it. */
  predictedValue: number;
  /** Σ past value (revenue − cost), unchanged by any what-if: it is already earned. */
  pastValue: number;
  customers: number;
  horizonMonths: number;
  /** Share of the base's expected margin that carries on from one month to the next (0 to 1). */
  monthlyRetention: number;
  /** e.g. 0.1 for 10% a year. */
  annualDiscountRate: number;
}

/** Relative changes: 0.05 is 5% more, −0.1 is 10% less. */
export interface WhatIfChanges {
  /**
   * Relative change of the yearly retention rate, r¹² → min(r¹² · (1 + retention), MAX_YEARLY_RETENTION): 0.05 turns
   * a yearly retention of 60% into 63%.
   */
  retention?: number;
  /** Relative change of purchases per active customer (each month's). */
  ordersPerCustomer?: number;
  /** Relative change of the margin of each order. */
  orderValue?: number;
}

export interface WhatIfResult {
  /** Σ predicted value over the horizon under the changes. */
  predictedValue: number;
  /** Σ expected margin of every future month (no horizon), discounted: the base's remaining lifetime value. */
  lifetimeValue: number;
  /** lifetimeValue ÷ customers. */
  lifetimeValuePerCustomer: number;
  /** Relative change of predictedValue against no change (0.25 = 25% more). */
  predictedChange: number;
  /** Relative change of lifetimeValue against no change. */
  lifetimeChange: number;
  /** The yearly retention used (r¹²). */
  yearlyRetention: number;
}

/** A retention of 100% would make the lifetime value infinite: the what-if stops just short of it. */
export const MAX_YEARLY_RETENTION = 0.999;

export function whatIf(basis: WhatIfBasis, changes: WhatIfChanges = {}): WhatIfResult {
  const delta = Math.pow(1 + basis.annualDiscountRate, -1 / 12);
  const r0 = Math.min(basis.monthlyRetention, Math.pow(MAX_YEARLY_RETENTION, 1 / 12));
  const yearly = Math.min(Math.pow(r0, 12) * (1 + (changes.retention ?? 0)), MAX_YEARLY_RETENTION);
  const r = Math.pow(Math.max(0, yearly), 1 / 12);
  const horizon0 = horizonSum(r0, delta, basis.horizonMonths);
  // M: the base's expected margin in the first month, so that today's r gives back the analysis's predicted value.
  const m0 = horizon0 > 0 ? basis.predictedValue / horizon0 : 0;
  const m = m0 * (1 + (changes.ordersPerCustomer ?? 0)) * (1 + (changes.orderValue ?? 0));
  const predictedValue = m * horizonSum(r, delta, basis.horizonMonths);
  const lifetime0 = m0 * lifetimeSum(r0, delta);
  const lifetimeValue = m * lifetimeSum(r, delta);
  return {
    predictedValue,
    lifetimeValue,
    lifetimeValuePerCustomer: basis.customers > 0 ? lifetimeValue / basis.customers : 0,
    predictedChange: basis.predictedValue !== 0 ? predictedValue / basis.predictedValue - 1 : 0,
    lifetimeChange: lifetime0 !== 0 ? lifetimeValue / lifetime0 - 1 : 0,
    yearlyRetention: yearly,
  };
}

/** Σ_{k=1..H} r^(k−1) δ^k. */
function horizonSum(r: number, delta: number, months: number): number {
  let sum = 0;
  let term = delta;
  for (let k = 1; k <= months; k++) {
    sum += term;
    term *= r * delta;
  }
  return sum;
}

/** Σ_{k≥1} r^(k−1) δ^k = δ / (1 − rδ). */
function lifetimeSum(r: number, delta: number): number {
  return delta / (1 - r * delta);
}
