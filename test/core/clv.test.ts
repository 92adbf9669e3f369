import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerLifetimeValues, monthEnds, monthlyDiscountRate } from '../../src/core/clv';
import { ContentHash } from '../../src/core/hash';
import type { BetaGeoParams } from '../../src/core/models/betageo';
import { bgnbd } from '../../src/core/models/bgnbd';
import { mbgnbd } from '../../src/core/models/mbgnbd';
import { paretonbd } from '../../src/core/models/paretonbd';
import type { PurchasePredictor } from '../../src/core/models/types';

const positive = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });
/** Parameters of the BG/NBD family, and a Pareto/NBD of the same scale built from them. */
const params = fc.record({ r: positive(0.05, 5), alpha: positive(0.5, 200), a: positive(0.05, 5), b: positive(0.05, 10) });
/** A history (x, t_x, T) in days. */
const historyOf = (maxX: number, maxT: number): fc.Arbitrary<{ x: number; tx: number; T: number }> =>
  fc.record({ x: fc.integer({ min: 0, max: maxX }), T: positive(1, maxT), share: positive(0.01, 1) }).map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : T * share }));
/** Every purchase model's predictor for one draw of parameters. */
const predictorsOf = (p: BetaGeoParams): PurchasePredictor[] => [
  bgnbd.predictor(p),
  mbgnbd.predictor(p),
  paretonbd.predictor({ r: p.r, alpha: p.alpha, s: p.a, beta: p.alpha * p.b }),
];

/** A customer buying `rate` times per unit of time forever: E[X(t)] = rate·t. */
function constantRate(rate: number): PurchasePredictor {
  const expected = (t: number): number => rate * t;
  return {
    pAlive: () => 1,
    expectedPurchases: (t) => expected(t),
    expectedPurchasesNew: (t) => expected(t),
    expectedPurchasesBatch(frequency, _recency, _T, times, weights) {
      return weights.map((w) => Float64Array.from(frequency, () => Array.from(times, (t, j) => w[j] * expected(t)).reduce((a, b) => a + b, 0)));
    },
  };
}

describe('CLV over a horizon (lifetimes convention)', () => {
  it('uses a monthly rate equivalent to the annual one and months of 365.25/12 days', () => {
    expect(Math.pow(1 + monthlyDiscountRate(0.1), 12)).toBeCloseTo(1.1, 14);
    expect(monthEnds(3, 'day')).toEqual(Float64Array.from([30.4375, 60.875, 91.3125]));
    expect(monthEnds(2, 'week')[1]).toBeCloseTo(60.875 / 7, 12);
  });

  it('discounts each month’s expected purchases × spend × margin', () => {
    // 2 purchases a month, spend 50, margin 30%, 10% a year, 12 months: 0.3·50·2·Σ 1/(1+d)^i
    const perDay = 2 / 30.4375;
    const d = monthlyDiscountRate(0.1);
    let expected = 0;
    for (let i = 1; i <= 12; i++) expected += (0.3 * 50 * 2) / Math.pow(1 + d, i);
    const result = customerLifetimeValues(constantRate(perDay), { frequency: [3], recency: [10], T: [20] }, [50], {
      horizonMonths: 12,
      annualDiscountRate: 0.1,
      margin: 0.3,
      unit: 'day',
    });
    expect(result.clv[0]).toBeCloseTo(expected, 10);
    expect(result.expectedPurchases[0]).toBeCloseTo(24, 10);
  });

  it('without discounting is margin × spend × expected purchases', () => {
    const result = customerLifetimeValues(constantRate(0.1), { frequency: [0, 5], recency: [0, 3], T: [4, 9] }, [10, 20], {
      horizonMonths: 6,
      annualDiscountRate: 0,
      margin: 1,
      unit: 'week',
    });
    const weeks = (6 * 30.4375) / 7;
    expect(result.clv[0]).toBeCloseTo(10 * 0.1 * weeks, 10);
    expect(result.clv[1]).toBeCloseTo(20 * 0.1 * weeks, 10);
  });
});

describe('content hash', () => {
  it('is stable, sensitive to every value and to order', () => {
    const h = (xs: number[], s = 'a'): string => new ContentHash().text(s).numbers(xs).digest();
    expect(h([1.5, -2, 3e300])).toBe(new ContentHash().text('a').number(3).number(1.5).number(-2).number(3e300).digest());
    expect(h([1, 2, 3])).toBe(h([1, 2, 3]));
    expect(h([1, 2, 3])).not.toBe(h([1, 2, 4]));
    expect(h([1, 2, 3])).not.toBe(h([3, 2, 1]));
    expect(h([1, 2, 3])).not.toBe(h([1, 2, 3], 'b'));
    expect(h([0])).not.toBe(h([-0.0000001]));
    expect(h([1, 2, 3])).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('CLV with the fitted models', () => {
  it('is ≥ 0 and finite for non-negative spend, for every purchase model and any history', () => {
    const history = fc.tuple(historyOf(200, 700), positive(0, 1000)).map(([h, spend]) => ({ ...h, spend }));
    fc.assert(
      fc.property(params, fc.array(history, { minLength: 1, maxLength: 5 }), positive(0, 0.5), (p, customers, rate) => {
        for (const predictor of predictorsOf(p)) {
          const { clv, expectedPurchases } = customerLifetimeValues(
            predictor,
            { frequency: customers.map((c) => c.x), recency: customers.map((c) => c.tx), T: customers.map((c) => c.T) },
            customers.map((c) => c.spend),
            { horizonMonths: 12, annualDiscountRate: rate, margin: 0.4, unit: 'day' },
          );
          clv.forEach((v) => expect(Number.isFinite(v) && v >= 0).toBe(true));
          expectedPurchases.forEach((v) => expect(Number.isFinite(v) && v >= 0).toBe(true));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('CLV over 1,200 months (100 years), the longest horizon CLV accepts', () => {
  it('gives finite expectations that never fall with the horizon, equal to one-at-a-time predictions (1e-9 relative)', () => {
    const history = historyOf(300, 900);
    const times = monthEnds(1200, 'day');
    // Every month's expectation on its own (weights picking one month each) against the single predictions, which
    // evaluate the 2F1 at each horizon directly instead of along one continuation.
    const months = [0, 1, 11, 12, 59, 239, 599, 1199];
    const pick = months.map((m) => Float64Array.from(times, (_, j) => (j === m ? 1 : 0)));
    fc.assert(
      fc.property(params, history, (p, h) => {
        for (const predictor of predictorsOf(p)) {
          const sums = predictor.expectedPurchasesBatch([h.x], [h.tx], [h.T], times, pick);
          let previous = 0;
          months.forEach((m, k) => {
            const batch = sums[k][0];
            const direct = predictor.expectedPurchases(times[m], h.x, h.tx, h.T);
            expect(Number.isFinite(batch)).toBe(true);
            expect(batch).toBeGreaterThanOrEqual(previous * (1 - 1e-12));
            expect(Math.abs(batch - direct)).toBeLessThanOrEqual(1e-9 * direct + 1e-12);
            previous = batch;
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('discounts 1,200 months of a constant rate as the closed form of the geometric sum (1e-12 relative)', () => {
    const rate = 0.1;
    const annual = 0.1;
    const { clv, expectedPurchases } = customerLifetimeValues(constantRate(rate), { frequency: [1], recency: [1], T: [1] }, [10], {
      horizonMonths: 1200,
      annualDiscountRate: annual,
      margin: 0.5,
      unit: 'month',
    });
    // Σ_{i=1}^{H} rate·spend·margin / (1+d)^i, each month adding `rate` purchases.
    const d = monthlyDiscountRate(annual);
    const expected = rate * 10 * 0.5 * ((1 - Math.pow(1 + d, -1200)) / d);
    expect(Math.abs(clv[0] / expected - 1)).toBeLessThan(1e-12);
    expect(expectedPurchases[0]).toBeCloseTo(120, 9);
  });
});
