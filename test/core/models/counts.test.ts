import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bgnbdModel, mbgnbdModel, type BetaGeoParams } from '../../../src/core/models/betageo';
import { bgbbExpectedTransactions, bgbbTransactionProbability, type BgBbParams } from '../../../src/core/models/bgbb';
import {
  betaGeoCountProbabilities,
  betaGeoCountProbabilitiesNew,
  betaGeoExpectedPurchasesNew,
  bgbbCountProbabilities,
  bgbbCountProbabilitiesNew,
  paretoNbdCountProbabilities,
  paretoNbdCountProbabilitiesNew,
  type Histories,
} from '../../../src/core/models/counts';
import { paretonbd, type ParetoNbdParams } from '../../../src/core/models/paretonbd';
import { fixture } from '../../fixtures';
import { betaGeoParams, purchaseHistory } from './arbitraries';

type Row = [number, number, number, number, number, number];
interface Reference {
  params: Record<string, number[]>;
  bgnbd: Row[];
  mbgnbd: Row[];
  paretonbd: Row[];
  paretonbd_alpha_gt_beta: Row[];
  bgbb: Row[];
}
const reference = JSON.parse(fixture('counts_dert_reference.json')) as Reference;
const betaGeo = (v: number[]): BetaGeoParams => ({ r: v[0], alpha: v[1], a: v[2], b: v[3] });
const pareto = (v: number[]): ParetoNbdParams => ({ r: v[0], alpha: v[1], s: v[2], beta: v[3] });
const bgbbOf = (v: number[]): BgBbParams => ({ alpha: v[0], beta: v[1], gamma: v[2], delta: v[3] });
const one = (x: number, tx: number, T: number): Histories => ({ frequency: [x], recency: [tx], T: [T] });
const relative = (actual: number, expected: number): number => Math.abs(actual / expected - 1);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

// Expected values: the published closed forms evaluated by mpmath at 50 digits (test/fixtures/README.md), for
// CDNOW-like parameters, horizons of 1 and 39 weeks and counts 0 to 12, where some probabilities are below 1e-20.
// Tolerance 1e-12 relative: double precision with a few roundings (the closed forms themselves, evaluated in doubles,
// lose every digit on the short horizon's large counts).
describe('probability of n purchases against mpmath', () => {
  it.each([
    ['bgnbd', reference.bgnbd],
    ['mbgnbd', reference.mbgnbd],
  ] as const)('%s: FHL 2005 eq. 8 / note 039, conditional on (x, t_x, T)', (variant, rows) => {
    const params = betaGeo(reference.params[variant]);
    for (const [t, n, x, tx, T, expected] of rows) {
      expect(relative(betaGeoCountProbabilities(variant, params, t, [n], one(x, tx, T))[0][0], expected)).toBeLessThan(1e-12);
    }
  });

  it('Pareto/NBD: Fader & Hardie note 028 eq. 16 (as lifetimes implements it), both branches of α vs β', () => {
    for (const [key, rows] of [
      ['paretonbd', reference.paretonbd],
      ['paretonbd_alpha_gt_beta', reference.paretonbd_alpha_gt_beta],
    ] as const) {
      const params = pareto(reference.params[key]);
      for (const [t, n, x, tx, T, expected] of rows) {
        expect(relative(paretoNbdCountProbabilities(params, t, [n], one(x, tx, T))[0][0], expected)).toBeLessThan(1e-12);
      }
    }
  });

  it('BG/BB: FHS 2010 eq. 17, transactions in the next n* opportunities given (x, t_x, n)', () => {
    const params = bgbbOf(reference.params.bgbb);
    for (const [nStar, k, x, tx, n, expected] of reference.bgbb) {
      expect(relative(bgbbCountProbabilities(params, nStar, [k], one(x, tx, n))[0][0], expected)).toBeLessThan(1e-12);
    }
  });
});

describe('probability of n purchases: a column of customers and a row of counts', () => {
  const bg = betaGeo(reference.params.bgnbd);
  const customers: Histories = { frequency: [2, 0, 26, 2, 10], recency: [30.43, 0, 30.86, 30.43, 20], T: [38.86, 38.86, 31, 38.86, 39] };

  it('gives one row per customer in the order of the counts, equal to one-at-a-time answers (repeated histories share a row)', () => {
    const counts = [5, 0, 2];
    const rows = betaGeoCountProbabilities('bgnbd', bg, 39, counts, customers);
    expect(rows).toHaveLength(5);
    rows.forEach((row, c) =>
      counts.forEach((n, j) => {
        const single = betaGeoCountProbabilities('bgnbd', bg, 39, [n], one(customers.frequency[c], customers.recency[c], customers.T[c]))[0][0];
        expect(row[j]).toBe(single);
      }),
    );
    expect(rows[3]).toEqual(rows[0]);
  });

  it('is [1, 0, 0, …] over a horizon of 0', () => {
    for (const row of paretoNbdCountProbabilities(pareto(reference.params.paretonbd), 0, [0, 1, 2], customers)) expect([...row]).toEqual([1, 0, 0]);
  });

  it('refuses counts that are not whole numbers, or beyond MAX_COUNT, and negative horizons', () => {
    expect(() => betaGeoCountProbabilities('bgnbd', bg, 39, [1.5], customers)).toThrow(/whole number/);
    expect(() => betaGeoCountProbabilities('bgnbd', bg, 39, [20_000], customers)).toThrow(/whole number from 0 to 10,000/);
    expect(() => paretoNbdCountProbabilities(pareto(reference.params.paretonbd), -1, [0], customers)).toThrow(/horizon/);
    expect(() => bgbbCountProbabilities(bgbbOf(reference.params.bgbb), 2.5, [0], one(1, 1, 6))).toThrow(/whole number/);
  });
});

// Properties over parameters a fit can give: the probabilities of all counts sum to 1 and their mean is the expected
// number of purchases the models already predict (lifetimes' and the papers' closed forms). Counts up to 1,500 and
// horizons up to 2(α + T) keep the neglected tail below 1e-12 for these parameters; tolerances: 1e-9 on the sum,
// 1e-8 relative on the mean (the predictor's 2F1 path is accurate to ~1e-10 near t = 0).
describe('probability of n purchases: properties', () => {
  const counts = range(1500);
  const sum = (row: ArrayLike<number>): number => Array.from(row).reduce((a, b) => a + b, 0);
  const mean = (row: ArrayLike<number>): number => Array.from(row).reduce((a, p, n) => a + n * p, 0);

  it('BG/NBD and MBG/NBD: sum to 1, mean equals expectedPurchases', () => {
    fc.assert(
      fc.property(betaGeoParams, purchaseHistory(30), fc.double({ min: 0.01, max: 2, noNaN: true }), (p, h, share) => {
        fc.pre(Math.abs(p.a - 1) > 1e-3);
        const t = share * (p.alpha + h.T);
        for (const [variant, model] of [
          ['bgnbd', bgnbdModel],
          ['mbgnbd', mbgnbdModel],
        ] as const) {
          const [row] = betaGeoCountProbabilities(variant, p, t, counts, one(h.x, h.tx, h.T));
          fc.pre(row[counts.length - 1] < 1e-16);
          expect(Math.abs(sum(row) - 1)).toBeLessThan(1e-9);
          const expected = model.predictor(p).expectedPurchases(t, h.x, h.tx, h.T);
          expect(Math.abs(mean(row) - expected)).toBeLessThanOrEqual(1e-8 * expected + 1e-12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('Pareto/NBD: sum to 1, mean equals expectedPurchases', () => {
    const params = fc.record({
      r: fc.double({ min: 0.1, max: 3, noNaN: true }),
      alpha: fc.double({ min: 0.5, max: 50, noNaN: true }),
      s: fc.double({ min: 0.1, max: 3, noNaN: true }),
      beta: fc.double({ min: 0.5, max: 50, noNaN: true }),
    });
    fc.assert(
      fc.property(params, purchaseHistory(20), fc.double({ min: 0.01, max: 1, noNaN: true }), (p, h, share) => {
        const t = share * (p.alpha + h.T);
        const [row] = paretoNbdCountProbabilities(p, t, range(400), one(h.x, h.tx, h.T));
        fc.pre(row[399] < 1e-16);
        expect(Math.abs(sum(row) - 1)).toBeLessThan(1e-9);
        const expected = paretonbd.predictor(p).expectedPurchases(t, h.x, h.tx, h.T);
        expect(Math.abs(mean(row) - expected)).toBeLessThanOrEqual(1e-8 * expected + 1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('BG/BB: sum to 1 over 0..n*, mean equals bgbbExpectedTransactions', () => {
    const params = fc.record({
      alpha: fc.double({ min: 0.05, max: 20, noNaN: true }),
      beta: fc.double({ min: 0.05, max: 20, noNaN: true }),
      gamma: fc.double({ min: 0.05, max: 20, noNaN: true }),
      delta: fc.double({ min: 0.05, max: 20, noNaN: true }),
    });
    const history = fc
      .integer({ min: 0, max: 40 })
      .chain((n) => fc.integer({ min: 0, max: n }).chain((tx) => fc.integer({ min: tx === 0 ? 0 : 1, max: tx }).map((x) => ({ x, tx, n }))));
    fc.assert(
      fc.property(params, history, fc.integer({ min: 0, max: 60 }), (p, h, nStar) => {
        const [row] = bgbbCountProbabilities(p, nStar, range(nStar + 2), one(h.x, h.tx, h.n));
        expect(row[nStar + 1]).toBe(0);
        expect(Math.abs(sum(row) - 1)).toBeLessThan(1e-10);
        const expected = bgbbExpectedTransactions(p, nStar, h.x, h.tx, h.n);
        expect(Math.abs(mean(row) - expected)).toBeLessThanOrEqual(1e-10 * expected + 1e-14);
      }),
      { numRuns: 100 },
    );
  });
});

describe('probability of n purchases of a customer just acquired', () => {
  it('BG/BB equals the in-sample histogram bgbbTransactionProbability (1e-12)', () => {
    const params = bgbbOf(reference.params.bgbb);
    const row = bgbbCountProbabilitiesNew(params, 6, range(7));
    row.forEach((p, x) => expect(relative(p, bgbbTransactionProbability(params, 6, x))).toBeLessThan(1e-12));
  });

  it('Pareto/NBD and BG/NBD: the new customer is the customer with x = 0 at T = 0', () => {
    const p = pareto(reference.params.paretonbd);
    expect([...paretoNbdCountProbabilitiesNew(p, 52, [0, 3])]).toEqual([...paretoNbdCountProbabilities(p, 52, [0, 3], one(0, 0, 0))[0]]);
    const bg = betaGeo(reference.params.bgnbd);
    expect([...betaGeoCountProbabilitiesNew('bgnbd', bg, 52, [0, 3])]).toEqual([...betaGeoCountProbabilities('bgnbd', bg, 52, [0, 3], one(0, 0, 0))[0]]);
  });

  it('means: BG/NBD equals the predictor’s expectedPurchasesNew; MBG/NBD equals b/(a−1)·[…] (betaGeoExpectedPurchasesNew)', () => {
    const counts = range(3000);
    for (const [variant, params] of [
      ['bgnbd', betaGeo(reference.params.bgnbd)],
      ['mbgnbd', betaGeo(reference.params.mbgnbd)],
    ] as const) {
      const row = betaGeoCountProbabilitiesNew(variant, params, 39, counts);
      const mean = Array.from(row).reduce((a, p, n) => a + n * p, 0);
      expect(relative(mean, betaGeoExpectedPurchasesNew(variant, params, 39))).toBeLessThan(1e-10);
    }
    const bg = betaGeo(reference.params.bgnbd);
    expect(relative(betaGeoExpectedPurchasesNew('bgnbd', bg, 39), bgnbdModel.predictor(bg).expectedPurchasesNew(39))).toBeLessThan(1e-12);
  });
});
