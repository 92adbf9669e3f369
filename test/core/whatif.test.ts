import { describe, expect, it } from 'vitest';
import { MAX_YEARLY_RETENTION, whatIf } from '../../src/core/whatif';

const basis = { predictedValue: 12_000, pastValue: 50_000, customers: 100, horizonMonths: 12, monthlyRetention: 0.95, annualDiscountRate: 0.1 };

describe('what if', () => {
  it('with no change gives back the analysis\'s predicted value', () => {
    const r = whatIf(basis);
    expect(r.predictedValue).toBeCloseTo(12_000, 9);
    expect(r.predictedChange).toBeCloseTo(0, 12);
    expect(r.lifetimeChange).toBeCloseTo(0, 12);
    expect(r.yearlyRetention).toBeCloseTo(0.95 ** 12, 12);
  });
  it('orders per customer and order value scale predicted and lifetime value alike', () => {
    const r = whatIf(basis, { ordersPerCustomer: 0.1, orderValue: 0.2 });
    expect(r.predictedValue).toBeCloseTo(12_000 * 1.1 * 1.2, 6);
    expect(r.lifetimeChange).toBeCloseTo(1.1 * 1.2 - 1, 12);
  });
  it('lifetime value is M·δ/(1 − rδ), M fixed by the horizon\'s sum', () => {
    const delta = 1.1 ** (-1 / 12);
    let horizon = 0;
    for (let k = 1; k <= 12; k++) horizon += 0.95 ** (k - 1) * delta ** k;
    const m = 12_000 / horizon;
    expect(whatIf(basis).lifetimeValue).toBeCloseTo((m * delta) / (1 - 0.95 * delta), 6);
    expect(whatIf(basis).lifetimeValuePerCustomer).toBeCloseTo(whatIf(basis).lifetimeValue / 100, 9);
    // 5% more yearly retention: r¹² × 1.05.
    const r12 = 0.95 ** 12 * 1.05;
    const r = r12 ** (1 / 12);
    expect(whatIf(basis, { retention: 0.05 }).lifetimeValue).toBeCloseTo((m * delta) / (1 - r * delta), 6);
    expect(whatIf(basis, { retention: 0.05 }).yearlyRetention).toBeCloseTo(r12, 12);
  });
  it('more retention is worth more, less is worth less; retention stops short of 100%', () => {
    expect(whatIf(basis, { retention: 0.05 }).lifetimeChange).toBeGreaterThan(0);
    expect(whatIf(basis, { retention: -0.05 }).lifetimeChange).toBeLessThan(0);
    const capped = whatIf({ ...basis, monthlyRetention: 0.999 }, { retention: 0.5 });
    expect(capped.yearlyRetention).toBe(MAX_YEARLY_RETENTION);
    expect(Number.isFinite(capped.lifetimeValue)).toBe(true);
  });
});
