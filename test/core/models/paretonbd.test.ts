import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretonbd, type ParetoNbdParams } from '../../../src/core/models/paretonbd';
import { compressPatterns } from '../../../src/core/rfm';
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

  it('says so when nobody bought twice', () => {
    const fit = paretonbd.fit(compressPatterns([0, 0], [0, 0], [5, 9]));
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/no customer bought more than once/);
  });
});
