import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretonbd, type ParetoNbdParams } from '../../../src/core/models/paretonbd';
import { BENCHMARK_PROCESS, generateOrderLog } from '../../../src/core/generate';
import { compressPatterns } from '../../../src/core/rfm';
import { summarizeOrders } from '../../../src/core/summary';
import { cdnowPatterns, relative } from './cdnow';
import { expectSensiblePredictions, purchaseHistory } from './arbitraries';

// Fader, Hardie & Lee (2005), Table 1: the Pareto/NBD on the same CDNOW calibration data.
const PUBLISHED: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const PUBLISHED_LL = -9595.0;

describe('Pareto/NBD on CDNOW', () => {
  const fit = paretonbd.fit(cdnowPatterns());

  it('matches the paper: each parameter within 1%, log-likelihood within 0.5', () => {
    expect(fit.converged).toBe(true);
    for (const name of paretonbd.paramNames) expect(relative(fit.params[name], PUBLISHED[name])).toBeLessThan(0.01);
    expect(Math.abs(fit.logLikelihood - PUBLISHED_LL)).toBeLessThan(0.5);
    for (const name of paretonbd.paramNames) expect(fit.standardErrors[name]).toBeGreaterThan(0);
  });

  it('gives standard errors from the exact curvature: within 1e-4 of a Richardson-extrapolated Hessian', () => {
    // √diag(−H⁻¹) in θ, H the Hessian in log θ at these estimates from four-point mixed differences of the
    // log-likelihood at steps 1e-3 and 5e-4, extrapolated (the digits agree from steps 1e-2 to 3e-4).
    const reference: ParetoNbdParams = { r: 0.0476288, alpha: 0.842724, s: 0.18728, beta: 6.21103 };
    for (const name of paretonbd.paramNames) expect(relative(fit.standardErrors[name], reference[name])).toBeLessThan(1e-4);
  });
});

describe('Pareto/NBD likelihood', () => {
  it('shares each ₂F₁ term between the customers with the same frequency and age, without changing any value', () => {
    // Few distinct values, so many customers share a (frequency, age) pair; the reference sums one-pattern data sets.
    const customer = fc.integer({ min: 0, max: 6 }).chain((x) =>
      fc.tuple(fc.constant(x), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 4 })).map(([f, a, b]) => {
        const T = 10 + 2 * a;
        return { x: f, tx: f === 0 ? 0 : Math.min(T, 1 + b * 3), T };
      }),
    );
    const params = fc.record({
      r: fc.double({ min: 0.1, max: 3, noNaN: true }),
      alpha: fc.double({ min: 0.5, max: 50, noNaN: true }),
      s: fc.double({ min: 0.1, max: 3, noNaN: true }),
      beta: fc.double({ min: 0.5, max: 50, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 40 }), params, (customers, p) => {
        const data = compressPatterns(customers.map((c) => c.x), customers.map((c) => c.tx), customers.map((c) => c.T));
        let oneByOne = 0;
        for (let i = 0; i < data.count; i++) {
          oneByOne += data.w[i] * paretonbd.logLikelihood(p, compressPatterns([data.x[i]], [data.tx[i]], [data.T[i]]));
        }
        expect(Math.abs(paretonbd.logLikelihood(p, data) - oneByOne)).toBeLessThanOrEqual(1e-12 * Math.abs(oneByOne));
      }),
      { numRuns: 200 },
    );
  });

  it('fits large data from a fit on a sample of it to the same maximum as from a blind start', () => {
    const log = generateOrderLog({ seed: 3, customers: 14_000, startDay: 0, days: 730, acquisitionDays: 365, process: BENCHMARK_PROCESS });
    const summary = summarizeOrders({ ids: log.customerIds, days: log.days }, { unit: 'day' });
    const data = compressPatterns(summary.frequency, summary.recency, summary.T);
    expect(data.count).toBeGreaterThan(10_000); // above the size where the sample is used
    const sampled = paretonbd.fit(data);
    const blind = paretonbd.fit(data, { start: [1, 1, 1, 1] });
    expect(sampled.converged && blind.converged).toBe(true);
    for (const name of paretonbd.paramNames) {
      expect(relative(sampled.params[name], blind.params[name])).toBeLessThan(1e-5);
      expect(relative(sampled.standardErrors[name], blind.standardErrors[name])).toBeLessThan(1e-3);
    }
    expect(Math.abs(sampled.logLikelihood - blind.logLikelihood)).toBeLessThan(1e-6);
  });
});

describe('Pareto/NBD P(alive) against mpmath at 40 digits', () => {
  // 1/(1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀) evaluated with mpmath.hyp2f1 (mp.dps = 40).
  const cases: [ParetoNbdParams, number, number, number, number][] = [
    [{ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 0, 0, 38.86, 0.29377395046742048],
    [{ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 2, 30.43, 38.86, 0.86841091713209172],
    [{ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 1, 1.71, 38.86, 0.16699455052575495],
    // heavy buyers: A₀ is a difference of nearly equal terms; naive code gives 0/0
    [{ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 300, 30, 38.86, 7.5291905537526831e-24],
    [{ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 500, 38, 38.86, 0.11298817283971938],
    [{ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 200, 38.5, 38.86, 0.99016066253360446],
    // α > β takes the other branch of A₀
    [{ r: 0.55, alpha: 20, s: 0.61, beta: 5 }, 0, 0, 38.86, 0.19191043836556855],
    [{ r: 0.55, alpha: 20, s: 0.61, beta: 5 }, 5, 20, 38.86, 0.38997176504040324],
    [{ r: 0.55, alpha: 20, s: 0.61, beta: 5 }, 400, 37, 38.86, 0.0012250119324519188],
  ];
  it.each(cases)('%o x=%d t_x=%d T=%d', (params, x, tx, T, expected) => {
    expect(relative(paretonbd.predictor(params).pAlive(x, tx, T), expected)).toBeLessThan(1e-9);
  });
});

describe('Pareto/NBD predictions', () => {
  it('conditional expectation is the paper’s closed form times P(alive); s = 1 takes the log limit', () => {
    const p = PUBLISHED;
    const predict = paretonbd.predictor(p);
    const [x, tx, T, t] = [2, 30.43, 38.86, 39];
    const closed = (((p.r + x) * (p.beta + T)) / ((p.alpha + T) * (p.s - 1))) * (1 - Math.pow((p.beta + T) / (p.beta + T + t), p.s - 1));
    expect(relative(predict.expectedPurchases(t, x, tx, T), closed * predict.pAlive(x, tx, T))).toBeLessThan(1e-12);
    const one = paretonbd.predictor({ ...p, s: 1 });
    const limit = (((p.r + x) * (p.beta + T)) / (p.alpha + T)) * Math.log((p.beta + T + t) / (p.beta + T));
    expect(relative(one.expectedPurchases(t, x, tx, T), limit * one.pAlive(x, tx, T))).toBeLessThan(1e-12);
    expect(relative(predict.expectedPurchasesNew(t), ((p.r * p.beta) / (p.alpha * (p.s - 1))) * (1 - Math.pow(p.beta / (p.beta + t), p.s - 1)))).toBeLessThan(1e-12);
  });

  it('P(alive) in [0, 1] and finite, expectations non-decreasing, for customers with up to 1,000 purchases', () => {
    const params = fc.record({
      r: fc.double({ min: 0.05, max: 5, noNaN: true }),
      alpha: fc.double({ min: 0.5, max: 100, noNaN: true }),
      s: fc.double({ min: 0.05, max: 5, noNaN: true }),
      beta: fc.double({ min: 0.5, max: 100, noNaN: true }),
    });
    const history = purchaseHistory(1000);
    fc.assert(
      fc.property(params, history, fc.double({ min: 0.1, max: 100, noNaN: true }), (p, h, t) => {
        expectSensiblePredictions(paretonbd.predictor(p), h, t, 0);
      }),
      { numRuns: 200 },
    );
  });

  it('the log-likelihood stays finite with a customer of 800 purchases', () => {
    const data = compressPatterns([0, 3, 800], [0, 20, 38.5], [38.86, 38.86, 38.86]);
    expect(Number.isFinite(paretonbd.logLikelihood(PUBLISHED, data))).toBe(true);
  });

  it('refuses data where nobody bought twice, in plain words', () => {
    expect(() => paretonbd.fit(compressPatterns([0, 0], [0, 0], [5, 9]))).toThrow(
      expect.objectContaining({ message: 'No customer bought more than once, so the model cannot tell how often customers buy or when they stop; it needs some repeat purchases.', argument: 'frequency' }),
    );
  });
});
