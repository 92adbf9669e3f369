import { describe, expect, it } from 'vitest';
import { continuousDiscountRate, periodDiscountRate } from '../../../src/core/discount';
import { bgnbdModel, type BetaGeoParams } from '../../../src/core/models/betageo';
import { bgbbExpectedTransactions, type BgBbParams } from '../../../src/core/models/bgbb';
import type { Histories } from '../../../src/core/models/counts';
import { betaGeoDert, bgbbDert, paretoNbdDert } from '../../../src/core/models/dert';
import { paretonbd, type ParetoNbdParams } from '../../../src/core/models/paretonbd';
import { scaledExpint } from '../../../src/core/special';
import { fixture } from '../../fixtures';

type Row = [number, number, number, number, number];
interface Reference {
  params: Record<string, number[]>;
  pnbd_dert: Row[];
  pnbd_dert_s_gt_1: Row[];
  pnbd_dert_btyd_example: number;
  bgbb_dert: Row[];
  bgbb_dert_btyd_example: number;
  bgnbd_dert: Row[];
  mbgnbd_dert: Row[];
}
const reference = JSON.parse(fixture('counts_dert_reference.json')) as Reference;
const betaGeo = (v: number[]): BetaGeoParams => ({ r: v[0], alpha: v[1], a: v[2], b: v[3] });
const pareto = (v: number[]): ParetoNbdParams => ({ r: v[0], alpha: v[1], s: v[2], beta: v[3] });
const bgbbOf = (v: number[]): BgBbParams => ({ alpha: v[0], beta: v[1], gamma: v[2], delta: v[3] });
const one = (x: number, tx: number, T: number): Histories => ({ frequency: [x], recency: [tx], T: [T] });
const relative = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

// Expected values: mpmath at 50 digits (test/fixtures/README.md) of FHL 2005 "RFM and CLV" eq. 2 with Tricomi's U
// (Pareto/NBD, as BTYD's pnbd.DERT and CLVTools compute it), FHS 2010 eq. 14 (BG/BB, as BTYD's bgbb.DERT), and for
// BG/NBD and MBG/NBD the integral over time of the discounted purchase intensity written with a 2F1 of negative
// argument, a different route from the quadrature in dert.ts. Tolerances 1e-12 relative for the closed forms, 1e-10
// for the quadrature (it stops when two levels agree to 1e-9, and the last level doubles the digits).
describe('DERT against mpmath', () => {
  it('Pareto/NBD: FHL 2005 eq. 2, weekly δ = 0.0027 (15% a year) and 0.05, s below and above 1', () => {
    const p = pareto(reference.params.paretonbd);
    for (const [d, x, tx, T, expected] of reference.pnbd_dert) expect(relative(paretoNbdDert(p, d, one(x, tx, T))[0], expected)).toBeLessThan(1e-12);
    const q = pareto(reference.params.pnbd_dert_s_gt_1);
    for (const [d, x, tx, T, expected] of reference.pnbd_dert_s_gt_1) expect(relative(paretoNbdDert(q, d, one(x, tx, T))[0], expected)).toBeLessThan(1e-12);
  });

  it('Pareto/NBD: the example of BTYD’s pnbd.DERT help page (x = 7, t_x = 35, T = 77.86, δ = 0.0027): 1.8641833', () => {
    const p = pareto(reference.params.pnbd_dert_btyd_example);
    expect(relative(paretoNbdDert(p, 0.0027, one(7, 35, 77.86))[0], reference.pnbd_dert_btyd_example)).toBeLessThan(1e-12);
  });

  it('BG/BB: FHS 2010 eq. 14 on the donations, d = 0.10 and 0.01; BTYD’s bgbb.DERT example (3, 4, 6, d = 0.1): 1.6213792', () => {
    const p = bgbbOf(reference.params.bgbb);
    for (const [d, x, tx, n, expected] of reference.bgbb_dert) expect(relative(bgbbDert(p, d, one(x, tx, n))[0], expected)).toBeLessThan(1e-12);
    const q = bgbbOf(reference.params.bgbb_dert_btyd_example);
    expect(relative(bgbbDert(q, 0.1, one(3, 4, 6))[0], reference.bgbb_dert_btyd_example)).toBeLessThan(1e-12);
  });

  it('BG/NBD and MBG/NBD: the integral of the discounted purchase intensity', () => {
    for (const [variant, rows] of [
      ['bgnbd', reference.bgnbd_dert],
      ['mbgnbd', reference.mbgnbd_dert],
    ] as const) {
      const p = betaGeo(reference.params[variant]);
      for (const [d, x, tx, T, expected] of rows) expect(relative(betaGeoDert(variant, p, d, one(x, tx, T))[0], expected)).toBeLessThan(1e-10);
    }
  });
});

describe('DERT: consistency with the expectations and the limits', () => {
  const customers: Histories = { frequency: [2, 0, 26, 10, 2], recency: [30.43, 0, 30.86, 20, 30.43], T: [38.86, 38.86, 31, 39, 38.86] };

  it('a column of customers equals one at a time, repeated histories alike', () => {
    const p = betaGeo(reference.params.bgnbd);
    const all = betaGeoDert('bgnbd', p, 0.0027, customers);
    all.forEach((v, c) => expect(v).toBe(betaGeoDert('bgnbd', p, 0.0027, one(customers.frequency[c], customers.recency[c], customers.T[c]))[0]));
    expect(all[4]).toBe(all[0]);
  });

  it('without discounting: the expected number of all future purchases (Pareto/NBD s > 1, BG/NBD a > 1, BG/BB γ > 1)', () => {
    // E[X(∞)] as the limit of the closed-form expectations over ever longer horizons (1e-6 relative at t = 1e9).
    const pn = { r: 0.55, alpha: 10.58, s: 1.7, beta: 11.67 };
    expect(relative(paretoNbdDert(pn, 0, one(2, 30.43, 38.86))[0], paretonbd.predictor(pn).expectedPurchases(1e12, 2, 30.43, 38.86))).toBeLessThan(1e-6);
    const bg = { r: 0.243, alpha: 4.414, a: 1.8, b: 2.426 };
    expect(relative(betaGeoDert('bgnbd', bg, 0, one(2, 30.43, 38.86))[0], bgnbdModel.predictor(bg).expectedPurchases(1e12, 2, 30.43, 38.86))).toBeLessThan(1e-5);
    const bb = { alpha: 1.2, beta: 0.75, gamma: 3.5, delta: 2.8 }; // the sum to n* falls short by about n*^(1−γ)
    expect(relative(bgbbDert(bb, 0, one(2, 4, 6))[0], bgbbExpectedTransactions(bb, 10_000_000, 2, 4, 6))).toBeLessThan(1e-6);
  });

  it('approaches the undiscounted value as the rate falls, and falls as the rate rises', () => {
    const bg = { r: 0.243, alpha: 4.414, a: 1.8, b: 2.426 };
    const h = one(2, 30.43, 38.86);
    const rates = [1e-8, 1e-5, 1e-3, 0.0027, 0.1, 1];
    const values = rates.map((d) => betaGeoDert('bgnbd', bg, d, h)[0]);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]);
    expect(relative(values[0], betaGeoDert('bgnbd', bg, 0, h)[0])).toBeLessThan(1e-3);
  });

  it('refuses an infinite value (no discounting with long-lived customers) and bad rates, in words', () => {
    expect(() => paretoNbdDert(pareto(reference.params.paretonbd), 0, customers)).toThrow(/infinite.*discount rate above 0/);
    expect(() => betaGeoDert('bgnbd', betaGeo(reference.params.bgnbd), 0, customers)).toThrow(/infinite/);
    expect(() => bgbbDert(bgbbOf(reference.params.bgbb), 0, one(1, 1, 6))).toThrow(/infinite/);
    expect(() => paretoNbdDert(pareto(reference.params.paretonbd), -0.1, customers)).toThrow(/discount rate/);
    expect(() => betaGeoDert('mbgnbd', betaGeo(reference.params.mbgnbd), Number.NaN, customers)).toThrow(/discount rate/);
  });
});

describe('discount rates from an annual rate', () => {
  it('continuous: ln(1 + annual)/units; FHL 2005 turn 15% a year into 0.0027 a week', () => {
    expect(continuousDiscountRate(0.15, 52)).toBeCloseTo(0.0027, 4);
    expect(continuousDiscountRate(0.1, 12)).toBeCloseTo(Math.log(1.1) / 12, 15);
    // a year of discounting is the annual rate, whatever the unit
    expect(Math.exp(-continuousDiscountRate(0.1, 365.25) * 365.25)).toBeCloseTo(1 / 1.1, 14);
  });

  it('per period: (1 + annual)^(1/periods) − 1', () => {
    expect(periodDiscountRate(0.1, 1)).toBeCloseTo(0.1, 15);
    expect((1 + periodDiscountRate(0.1, 12)) ** 12).toBeCloseTo(1.1, 14);
    expect(() => periodDiscountRate(-0.1, 12)).toThrow(/annual discount rate/);
    expect(() => continuousDiscountRate(0.1, 0)).toThrow(/positive/);
  });
});

describe('scaled exponential integral e^z E_s(z) against mpmath (30 digits: mpmath.e**z * mpmath.expint(s, z))', () => {
  // Both branches (continued fraction from z = 1, series below), orders across the integers where the series' two
  // singular terms are combined, and the upward recurrence to s = 60. Tolerance 1e-13 relative.
  const cases: [number, number, number][] = [
    [0.3, 10, 0.0973214045406723042],
    [2.5, 10, 0.0811548390703563594],
    [0.606, 1, 0.718221468317758653],
    [1, 1, 0.596347362323194074],
    [0.3, 0.999, 0.843392637340919940],
    [0.606, 0.5, 1.21057228359201540],
    [1.0000001, 0.5, 0.92291057341414023],
    [0.9999999, 0.5, 0.92291069155332658],
    [7.3, 0.5, 0.14527679910036872],
    [0.606, 0.1, 3.44015984686991031],
    [2, 0.1, 0.79853574552915483],
    [60, 0.01, 0.016946230787280169],
    [0.3, 1e-4, 817.670796060151488],
    [1, 1e-6, 13.2383091313650035],
    [2.5, 1e-6, 0.666665335693940829],
  ];
  it.each(cases)('s = %f, z = %f', (s, z, expected) => {
    expect(relative(scaledExpint(s, z), expected)).toBeLessThan(1e-13);
  });

  it('z = 0: 1/(s−1) for s > 1, Infinity otherwise; NaN outside the domain', () => {
    expect(scaledExpint(3, 0)).toBe(0.5);
    expect(scaledExpint(0.5, 0)).toBe(Infinity);
    expect(scaledExpint(-1, 1)).toBeNaN();
    expect(scaledExpint(1, -1)).toBeNaN();
  });
});
