/**
 * The one model surface: every purchase-count predictor of the registry (BG/NBD, MBG/NBD, Pareto/NBD, and BG/BB in
 * opportunities) offers the probability of exactly n purchases and the DERT, delegated to counts.ts and dert.ts
 * (equal to them to the bit), consistent with its own expectations.
 */
import { describe, expect, it } from 'vitest';
import type { BetaGeoParams } from '../../../src/core/models/betageo';
import { bgbb, type BgBbParams } from '../../../src/core/models/bgbb';
import { bgnbd } from '../../../src/core/models/bgnbd';
import {
  betaGeoCountProbabilities,
  betaGeoCountProbabilitiesNew,
  betaGeoExpectedPurchasesNew,
  bgbbCountProbabilities,
  bgbbCountProbabilitiesNew,
  paretoNbdCountProbabilities,
  paretoNbdCountProbabilitiesNew,
} from '../../../src/core/models/counts';
import { betaGeoDert, bgbbDert, paretoNbdDert } from '../../../src/core/models/dert';
import { mbgnbd } from '../../../src/core/models/mbgnbd';
import { paretonbd, type ParetoNbdParams } from '../../../src/core/models/paretonbd';
import { modelsOfKind } from '../../../src/core/models/registry';
import type { Histories, PurchaseCountPredictor } from '../../../src/core/models/types';

const relative = (actual: number, expected: number): number => Math.abs(actual / expected - 1);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const sum = (row: ArrayLike<number>): number => Array.from(row).reduce((a, b) => a + b, 0);
const mean = (row: ArrayLike<number>): number => Array.from(row).reduce((a, p, n) => a + n * p, 0);

// CDNOW (weeks): FHL 2005's BG/NBD estimates, lifetimes' MBG/NBD (its test suite), BTYD's Pareto/NBD walkthrough
// estimates; FHS 2010's BG/BB on the donations (years as opportunities).
const BG: BetaGeoParams = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4259 };
const MBG: BetaGeoParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const PARETO: ParetoNbdParams = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };
const BGBB: BgBbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

const weekly: Histories = { frequency: [0, 2, 2, 7, 26, 0], recency: [0, 30.43, 30.43, 35, 30.86, 0], T: [38.86, 38.86, 38.86, 77.86, 31, 0] };
const opportunities: Histories = { frequency: [0, 3, 6, 1, 0], recency: [0, 4, 6, 1, 0], T: [6, 6, 6, 6, 0] };

interface Case {
  name: string;
  predictor: PurchaseCountPredictor;
  customers: Histories;
  horizon: number;
  counts: (t: number, c: ArrayLike<number>, h: Histories) => Float64Array[];
  countsNew: (t: number, c: ArrayLike<number>) => Float64Array;
  dert: (rate: number, h: Histories) => Float64Array;
  /** The rate dert.ts takes for a rate per unit compounded once per unit. */
  coreRate: (ratePerUnit: number) => number;
}

const CASES: Case[] = [
  {
    name: 'bgnbd',
    predictor: bgnbd.predictor(BG),
    customers: weekly,
    horizon: 39,
    counts: (t, c, h) => betaGeoCountProbabilities('bgnbd', BG, t, c, h),
    countsNew: (t, c) => betaGeoCountProbabilitiesNew('bgnbd', BG, t, c),
    dert: (d, h) => betaGeoDert('bgnbd', BG, d, h),
    coreRate: Math.log1p,
  },
  {
    name: 'mbgnbd',
    predictor: mbgnbd.predictor(MBG),
    customers: weekly,
    horizon: 39,
    counts: (t, c, h) => betaGeoCountProbabilities('mbgnbd', MBG, t, c, h),
    countsNew: (t, c) => betaGeoCountProbabilitiesNew('mbgnbd', MBG, t, c),
    dert: (d, h) => betaGeoDert('mbgnbd', MBG, d, h),
    coreRate: Math.log1p,
  },
  {
    name: 'paretonbd',
    predictor: paretonbd.predictor(PARETO),
    customers: weekly,
    horizon: 39,
    counts: (t, c, h) => paretoNbdCountProbabilities(PARETO, t, c, h),
    countsNew: (t, c) => paretoNbdCountProbabilitiesNew(PARETO, t, c),
    dert: (d, h) => paretoNbdDert(PARETO, d, h),
    coreRate: Math.log1p,
  },
  {
    name: 'bgbb',
    predictor: bgbb.predictor(BGBB),
    customers: opportunities,
    horizon: 5,
    counts: (t, c, h) => bgbbCountProbabilities(BGBB, t, c, h),
    countsNew: (t, c) => bgbbCountProbabilitiesNew(BGBB, t, c),
    dert: (d, h) => bgbbDert(BGBB, d, h),
    coreRate: (d) => d,
  },
];

describe('purchase-count predictors: counts and DERT on the one surface', () => {
  it('the registry’s purchase and opportunity models are exactly these four', () => {
    const names = [...modelsOfKind('purchases'), ...modelsOfKind('opportunities')].map((m) => m.name);
    expect(names.sort()).toEqual(CASES.map((c) => c.name).sort());
  });

  for (const c of CASES) {
    describe(c.name, () => {
      const counts = c.name === 'bgbb' ? range(c.horizon + 1) : range(400);

      it('countProbabilities and countProbabilitiesNew equal counts.ts (bit for bit)', () => {
        const rows = c.predictor.countProbabilities(c.horizon, [0, 1, 3], c.customers);
        const core = c.counts(c.horizon, [0, 1, 3], c.customers);
        rows.forEach((row, i) => expect([...row]).toEqual([...core[i]]));
        expect([...c.predictor.countProbabilitiesNew(c.horizon, [0, 2])]).toEqual([...c.countsNew(c.horizon, [0, 2])]);
      });

      it('each customer’s probabilities sum to 1 (1e-9) and their mean is expectedPurchases (1e-8)', () => {
        const rows = c.predictor.countProbabilities(c.horizon, counts, c.customers);
        rows.forEach((row, i) => {
          expect(Math.abs(sum(row) - 1)).toBeLessThan(1e-9);
          const expected = c.predictor.expectedPurchases(c.horizon, c.customers.frequency[i], c.customers.recency[i], c.customers.T[i]);
          expect(Math.abs(mean(row) - expected)).toBeLessThanOrEqual(1e-8 * expected + 1e-12);
        });
      });

      it('a new customer’s probabilities sum to 1 and their mean is expectedPurchasesNew (1e-8)', () => {
        const row = c.predictor.countProbabilitiesNew(c.horizon, counts);
        expect(Math.abs(sum(row) - 1)).toBeLessThan(1e-9);
        expect(relative(mean(row), c.predictor.expectedPurchasesNew(c.horizon))).toBeLessThan(1e-8);
      });

      it('dert takes a rate per unit compounded once per unit, as dert.ts computes it (bit for bit)', () => {
        for (const rate of [0.0027, 0.01, 0.1]) {
          expect([...c.predictor.dert(rate, c.customers)]).toEqual([...c.dert(c.coreRate(rate), c.customers)]);
        }
      });

      it('dert falls as the rate rises and exceeds the purchases expected within a short horizon', () => {
        const low = c.predictor.dert(0.001, c.customers);
        const high = c.predictor.dert(0.2, c.customers);
        low.forEach((v, i) => {
          expect(v).toBeGreaterThan(high[i]);
          expect(v).toBeGreaterThanOrEqual(c.predictor.expectedPurchases(1, c.customers.frequency[i], c.customers.recency[i], c.customers.T[i]) * 0.5);
        });
      });
    });
  }
});

describe('MBG/NBD: E[X(t)] of a customer just acquired is the paper’s b/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))]', () => {
  // mpmath at 30 digits on lifetimes' CDNOW estimates, the formula of Batislam et al. (2007) as lifetimes'
  // ModifiedBetaGeoFitter.expected_number_of_purchases_up_to_time writes it. The predictor used to give
  // (a+b)/(a−1)·[…], the expectation of a customer known to be alive, 1.836 and 6.851 here.
  it('equals mpmath to 1e-12 at 39 and 520 weeks, and counts.ts’s betaGeoExpectedPurchasesNew', () => {
    const predictor = mbgnbd.predictor(MBG);
    expect(relative(predictor.expectedPurchasesNew(39), 1.18295366559717264)).toBeLessThan(1e-12);
    expect(relative(predictor.expectedPurchasesNew(520), 4.41444532679904732)).toBeLessThan(1e-12);
    for (const t of [0.5, 39, 520, 5000]) expect(predictor.expectedPurchasesNew(t)).toBe(betaGeoExpectedPurchasesNew('mbgnbd', MBG, t));
    expect(predictor.expectedPurchasesNew(0)).toBe(0);
  });

  it('is the customer with x = 0 at T = 0, P(alive) = b/(a+b) included, as for BG/NBD (1e-12)', () => {
    for (const [predictor, t] of [
      [mbgnbd.predictor(MBG), 39],
      [mbgnbd.predictor(MBG), 520],
      [bgnbd.predictor(BG), 39],
    ] as const) {
      expect(relative(predictor.expectedPurchasesNew(t), predictor.expectedPurchases(t, 0, 0, 0))).toBeLessThan(1e-12);
    }
    expect(mbgnbd.predictor(MBG).pAlive(0, 0, 0)).toBeCloseTo(MBG.b / (MBG.a + MBG.b), 15);
  });
});

describe('bounded work', () => {
  it('Pareto/NBD refuses more than 3,000,000 distinct histories × counts before starting, in words', () => {
    const customers: Histories = { frequency: range(3001).map((i) => i % 7), recency: range(3001).map((i) => (i % 7 === 0 ? 0 : 1)), T: range(3001).map((i) => 2 + i) };
    const started = Date.now();
    expect(() => paretonbd.predictor(PARETO).countProbabilities(10, range(1000), customers)).toThrow(
      /^Pareto\/NBD: 3,001 different histories \(repeat purchases and age\) × 1,000 counts is more work than a cell allows \(at most 3,000,000\)/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
