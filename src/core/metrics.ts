/**
 * Closed-form customer-value formulas (FORMULAS.md, "Closed forms").
 * Inputs are assumed valid here; the server layer checks cells and reports the offending row.
 */

export type PaymentTiming = 'start' | 'end';

/**
 * Lifetime value of a customer paying `margin` per period who churns with probability `churn` per period.
 * With a discount rate d and retention r = 1 − churn, the geometric series of discounted margins sums to
 * m(1+d)/(1+d−r) when the first payment is now ("start") and m/(1+d−r) when it comes after one period ("end").
 */
export function lifetimeValue(margin: number, churn: number, discountRate = 0, timing: PaymentTiming = 'start'): number {
  const retention = 1 - churn;
  const denominator = 1 + discountRate - retention;
  return timing === 'start' ? (margin * (1 + discountRate)) / denominator : margin / denominator;
}

export function churnRate(customersLost: number, customersAtStart: number): number {
  return customersLost / customersAtStart;
}

export function simpleClv(averageOrderValue: number, purchasesPerPeriod: number, lifespanPeriods: number, grossMargin = 1): number {
  return averageOrderValue * purchasesPerPeriod * lifespanPeriods * grossMargin;
}

export function acquisitionCost(acquisitionSpend: number, newCustomers: number): number {
  return acquisitionSpend / newCustomers;
}

export function ltvToCac(ltv: number, cac: number): number {
  return ltv / cac;
}

/** Periods of margin it takes to earn the acquisition cost back. */
export function cacPaybackPeriods(cac: number, marginPerPeriod: number): number {
  return cac / marginPerPeriod;
}

/** Compounds a per-period churn rate over several periods: annual = 1 − (1 − monthly)^12, never 12 × monthly. */
export function compoundChurn(churnPerPeriod: number, periods: number): number {
  return 1 - Math.pow(1 - churnPerPeriod, periods);
}
