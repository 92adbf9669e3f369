import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acquisitionCost, cacPaybackPeriods, churnRate, compoundChurn, lifetimeValue, ltvToCac, simpleClv } from '../../src/core/metrics';

describe('closed-form metrics (hand-checked values)', () => {
  it('LTV is margin / churn without discounting', () => {
    expect(lifetimeValue(30, 0.05)).toBeCloseTo(600, 10);
    expect(lifetimeValue(30, 0.05, 0, 'end')).toBeCloseTo(600, 10);
  });

  it('LTV with a discount rate: m(1+d)/(1+d-r) paying now, m/(1+d-r) paying after a period', () => {
    // r = 0.95, d = 0.01: 1 + d - r = 0.06
    expect(lifetimeValue(30, 0.05, 0.01, 'start')).toBeCloseTo(30.3 / 0.06, 10); // 505
    expect(lifetimeValue(30, 0.05, 0.01, 'end')).toBeCloseTo(500, 10);
  });

  it('LTV equals the discounted sum of surviving margins', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.9, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), (churn, d) => {
        let sum = 0;
        for (let t = 0; t < 5000; t++) sum += Math.pow(1 - churn, t) / Math.pow(1 + d, t);
        expect(lifetimeValue(1, churn, d, 'start')).toBeCloseTo(sum, 6);
        expect(lifetimeValue(1, churn, d, 'end')).toBeCloseTo(sum / (1 + d), 6);
      }),
    );
  });

  it('churn, simple CLV, CAC, LTV:CAC and payback', () => {
    expect(churnRate(5, 100)).toBe(0.05);
    expect(simpleClv(200_000, 2.5, 2)).toBe(1_000_000);
    expect(simpleClv(200_000, 2.5, 2, 0.4)).toBeCloseTo(400_000, 6);
    expect(acquisitionCost(5000, 100)).toBe(50);
    expect(ltvToCac(600, 150)).toBe(4);
    expect(cacPaybackPeriods(150, 30)).toBe(5);
  });

  it('compounds churn over periods instead of multiplying it', () => {
    expect(compoundChurn(0.05, 12)).toBeCloseTo(1 - 0.95 ** 12, 12); // 0.4596, not 0.6
  });
});
