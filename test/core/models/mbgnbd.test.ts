import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bgnbd } from '../../../src/core/models/bgnbd';
import { mbgnbd, type MbgNbdParams } from '../../../src/core/models/mbgnbd';
import { compressPatterns } from '../../../src/core/rfm';
import { cdnowPatterns, relative } from './cdnow';
import { betaGeoParams, expectSensiblePredictions, purchaseHistory } from './arbitraries';

// The MBG/NBD paper (Batislam, Denizel & Filiztekin 2007) fits a Turkish grocery panel that is not public. On CDNOW
// the reference is Python lifetimes' ModifiedBetaGeoFitter (its test suite expects r 0.525, alpha 6.183, a 0.891,
// b 1.614 to three decimals).
const LIFETIMES: MbgNbdParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

describe('MBG/NBD on CDNOW', () => {
  const data = cdnowPatterns();
  const fit = mbgnbd.fit(data);

  it('matches lifetimes’ estimates to three decimals', () => {
    expect(fit.converged).toBe(true);
    for (const name of mbgnbd.paramNames) expect(Math.abs(fit.params[name] - LIFETIMES[name])).toBeLessThan(1e-3 * Math.max(1, LIFETIMES[name]));
  });

  it('fits CDNOW slightly better than BG/NBD (one more way to leave, same four parameters)', () => {
    const bg = bgnbd.fit(data);
    expect(fit.logLikelihood).toBeGreaterThan(bg.logLikelihood);
    expect(fit.logLikelihood - bg.logLikelihood).toBeLessThan(5);
  });

  it('follows the paper’s closed forms: P(alive), E[X(t)] of a new customer (mpmath 1e-12), conditional E[X(t)]', () => {
    const predict = mbgnbd.predictor(LIFETIMES);
    const { r, alpha, a, b } = LIFETIMES;
    // A customer who never came back may have left right after the first purchase.
    expect(predict.pAlive(0, 0, 38.86)).toBeCloseTo(1 / (1 + (a / b) * Math.pow((alpha + 38.86) / alpha, r)), 14);
    expect(predict.pAlive(0, 0, 38.86)).toBeLessThan(1);
    // Batislam et al. (2007): b/(a-1)·[1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))], as lifetimes has it
    // (mpmath, 30 digits); the (a+b)/(a-1) form is the expectation of a customer known to be active at 0.
    expect(relative(predict.expectedPurchasesNew(39), 1.18295366559717264)).toBeLessThan(1e-12);
    expect(relative(predict.expectedPurchasesNew(520), 4.41444532679904732)).toBeLessThan(1e-12);
    // E[X(t) | x, t_x, T] as t → T + t for a customer just acquired (x = 0, t_x = T = 0) is not the "new customer"
    // expectation: at T = 0 the drop-out right after the first purchase has been survived only with prob. b/(a+b).
    const conditional = predict.expectedPurchases(39, 0, 0, 0);
    expect(conditional).toBeGreaterThan(0);
  });
});

describe('MBG/NBD invariants', () => {
  const params = betaGeoParams;
  const history = purchaseHistory(300);

  it('P(alive) in [0, 1]; expected purchases ≥ 0 and non-decreasing in the horizon', () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0.1, max: 100, noNaN: true }), (p, h, t) => {
        expectSensiblePredictions(mbgnbd.predictor(p), h, t, 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses data where nobody bought twice, in plain words', () => {
    expect(() => mbgnbd.fit(compressPatterns([0, 0], [0, 0], [5, 9]))).toThrow(
      expect.objectContaining({ message: 'No customer bought more than once, so the model cannot tell how often customers buy or when they stop; it needs some repeat purchases.', argument: 'frequency' }),
    );
  });
});
