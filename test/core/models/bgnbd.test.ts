import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaGeoDerivatives, expectationsBySeries } from '../../../src/core/models/betageo';
import { bgnbd, type BgNbdParams } from '../../../src/core/models/bgnbd';
import { mbgnbd } from '../../../src/core/models/mbgnbd';
import { hessianFromGradient, numericGradient, standardErrorsFromLogHessian } from '../../../src/core/optimize';
import { compressPatterns } from '../../../src/core/rfm';
import { cdnowPatterns, cdnowSummaryFromOrders, lifetimesReference, relative } from './cdnow';
import { betaGeoParams, expectSensiblePredictions, purchaseHistory } from './arbitraries';

// Fader, Hardie & Lee (2005), Table 1 (CDNOW 1/10 sample, 39-week calibration, weeks).
const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PUBLISHED_LL = -9582.4;
const reference = lifetimesReference();

describe('BG/NBD on CDNOW', () => {
  const fit = bgnbd.fit(cdnowPatterns());

  it('matches the paper: each parameter within 1%, log-likelihood within 0.5', () => {
    expect(fit.converged).toBe(true);
    expect(fit.message).toBe('');
    for (const name of bgnbd.paramNames) expect(relative(fit.params[name], PUBLISHED[name])).toBeLessThan(0.01);
    expect(Math.abs(fit.logLikelihood - PUBLISHED_LL)).toBeLessThan(0.5);
    expect(fit.customers).toBe(2357);
  });

  it('matches lifetimes 0.11.3 to 1e-5 relative (parameters) and 1e-6 (log-likelihood)', () => {
    for (const name of bgnbd.paramNames) expect(relative(fit.params[name], reference.bgnbd_params[name])).toBeLessThan(1e-5);
    expect(Math.abs(fit.logLikelihood - reference.bgnbd_log_likelihood)).toBeLessThan(1e-6);
  });

  it('standard errors equal those of a Hessian from finite differences of the log-likelihood alone (0.1%)', () => {
    const data = cdnowPatterns();
    const theta = bgnbd.paramNames.map((name) => fit.params[name]);
    const u = Float64Array.from(theta, Math.log);
    const ll = (v: Float64Array): number => bgnbd.logLikelihood({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) }, data);
    const hessian = hessianFromGradient((v) => numericGradient(ll, v, 1e-4), u, 1e-4);
    const numeric = standardErrorsFromLogHessian(theta, hessian);
    bgnbd.paramNames.forEach((name, i) => expect(relative(fit.standardErrors[name], numeric[i])).toBeLessThan(1e-3));
    // For the record: r 0.0126, alpha 0.378, a 0.186, b 0.705.
    expect(fit.standardErrors.r).toBeCloseTo(0.0126, 4);
  });

  it('fits the same from the raw order log summarised in weeks as of 1997-09-30', () => {
    const s = cdnowSummaryFromOrders();
    const fromOrders = bgnbd.fit(compressPatterns(s.frequency, s.recency, s.T));
    // The reference summary rounds recency and T to 2 decimals; exact ages move the optimum a little.
    for (const name of bgnbd.paramNames) expect(relative(fromOrders.params[name], PUBLISHED[name])).toBeLessThan(0.01);
    expect(Math.abs(fromOrders.logLikelihood - PUBLISHED_LL)).toBeLessThan(0.5);
  });

  it('reproduces lifetimes’ P(alive) and conditional expectations over 39, 52, 104 and 520 weeks (1e-6 relative)', () => {
    const predict = bgnbd.predictor(reference.bgnbd_params);
    for (const row of reference.rows) {
      const { frequency: x, recency: tx, T } = row;
      expect(Math.abs(predict.pAlive(x, tx, T) - row.bgnbd_p_alive)).toBeLessThan(1e-9);
      expect(relative(predict.expectedPurchases(39, x, tx, T), row.bgnbd_expected_39)).toBeLessThan(1e-6);
      expect(relative(predict.expectedPurchases(52, x, tx, T), row.bgnbd_expected_52)).toBeLessThan(1e-6);
      expect(relative(predict.expectedPurchases(104, x, tx, T), row.bgnbd_expected_104)).toBeLessThan(1e-6);
      expect(relative(predict.expectedPurchases(520, x, tx, T), row.bgnbd_expected_520)).toBeLessThan(1e-6);
    }
  });

  it('batch predictions equal the one-at-a-time ones, for any weights over the horizons', () => {
    const predict = bgnbd.predictor(fit.params);
    const rows = reference.rows;
    const times = [1, 4.35, 13, 52];
    const weights = [[0, 0, 1, 0], [1, 0, 0, 0], [0.25, -1, 3, 0.5]];
    const alive = new Float64Array(rows.length);
    const sums = predict.expectedPurchasesBatch(
      rows.map((r) => r.frequency),
      rows.map((r) => r.recency),
      rows.map((r) => r.T),
      times,
      weights,
      alive,
    );
    rows.forEach((r, i) => expect(alive[i]).toBe(predict.pAlive(r.frequency, r.recency, r.T)));
    rows.forEach((r, i) =>
      weights.forEach((w, s) => {
        const oneByOne = times.reduce((sum, t, j) => sum + w[j] * predict.expectedPurchases(t, r.frequency, r.recency, r.T), 0);
        expect(sums[s][i]).toBeCloseTo(oneByOne, 12);
      }),
    );
  });

  it('expected purchases of a new customer match the closed form evaluated with mpmath (1e-12 relative)', () => {
    const predict = bgnbd.predictor(PUBLISHED);
    expect(relative(predict.expectedPurchasesNew(39), 1.1967231933208168)).toBeLessThan(1e-12);
    expect(relative(predict.expectedPurchasesNew(520), 4.9746178618496597)).toBeLessThan(1e-12);
  });
});

describe('expected purchases at many horizons by one series', () => {
  // Horizons with z = t/(α + T + t) up to 1/2, where the batch takes one series for all of them (and beyond), against the
  // general 2F1 one horizon at a time. Tolerance 1e-10 relative, or 1e-14·|c/(a − 1)| purchases: that is the error of
  // the general path near t = 0, where it cancels in (c/(a − 1))·(1 − (1 − z)^(r+x)·2F1) and the series does not.
  const slack = (p: { a: number; b: number }, x: number, shift: number): number => 1e-14 * Math.abs((p.a + p.b + x + shift - 1) / (p.a - 1));
  const horizons = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 24 });
  const anyHorizons = fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 1, maxLength: 24 });

  for (const [model, shift] of [[bgnbd, 0], [mbgnbd, 1]] as const) {
    it(`${model === bgnbd ? 'BG/NBD' : 'MBG/NBD'}: the batch equals one-at-a-time predictions`, () => {
      fc.assert(
        fc.property(betaGeoParams, purchaseHistory(300), anyHorizons, (p, h, shares) => {
          const times = shares.map((u) => u * (p.alpha + h.T));
          const predict = model.predictor(p);
          const [sums] = predict.expectedPurchasesBatch([h.x], [h.tx], [h.T], times, [times.map((_, j) => (j === times.length - 1 ? 1 : 0))]);
          const last = predict.expectedPurchases(times[times.length - 1], h.x, h.tx, h.T);
          expect(Math.abs(sums[0] - last)).toBeLessThanOrEqual(1e-10 * last + slack(p, h.x, shift));
        }),
        { numRuns: 500 },
      );
    });
  }

  it('takes the series wherever a, p = a + b + s − 1 − r and c are in its range, for every z up to 1/2', () => {
    fc.assert(
      fc.property(betaGeoParams, purchaseHistory(300), horizons, (p, h, shares) => {
        fc.pre(Math.abs(p.a - 1) > 1e-6 && p.a + p.b - 1 - p.r > -1 && p.a + p.b + h.x - 1 > 0);
        const times = shares.map((u) => u * (p.alpha + h.T));
        const out = new Float64Array(times.length);
        expect(expectationsBySeries(p.r, p.alpha, p.a, p.b, 0, h.x, h.T, times, new Float64Array(3 * times.length), out)).toBe(true);
        const predict = bgnbd.predictor(p);
        times.forEach((t, j) => {
          const one = predict.expectedPurchases(t, h.x, h.T, h.T) / predict.pAlive(h.x, h.T, h.T);
          expect(Math.abs(out[j] - one)).toBeLessThanOrEqual(1e-10 * one + slack(p, h.x, 0));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('leaves z beyond 1/2 and a first parameter at or below −1 to the general 2F1', () => {
    const out = new Float64Array(2);
    const scratch = new Float64Array(6);
    expect(expectationsBySeries(0.24, 4.4, 0.79, 2.4, 0, 2, 30, [10, 52], scratch, out)).toBe(true); // z = 0.23, 0.60
    expect(out[0]).toBeGreaterThan(0);
    expect(out[1]).toBeNaN();
    expect(expectationsBySeries(3, 4.4, 0.5, 0.3, 0, 2, 30, [10, 20], scratch, out)).toBe(false); // p = −3.2
  });
});

describe('BG/NBD invariants', () => {
  const params = betaGeoParams;
  const history = purchaseHistory(300);

  it('P(alive) lies in [0, 1], and is exactly 1 without a repeat purchase', () => {
    fc.assert(
      fc.property(params, history, (p, h) => {
        const v = bgnbd.predictor(p).pAlive(h.x, h.tx, h.T);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        if (h.x === 0) expect(v).toBe(1);
      }),
    );
  });

  it('expected purchases are finite, ≥ 0 and do not decrease with the horizon', () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0.1, max: 100, noNaN: true }), (p, h, t) => {
        expectSensiblePredictions(bgnbd.predictor(p), h, t, 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('the analytic gradient and Hessian match central differences of the log-likelihood', () => {
    const data = cdnowPatterns();
    const p: BgNbdParams = { r: 0.3, alpha: 5, a: 0.9, b: 2.1 };
    for (const model of ['bgnbd', 'mbgnbd'] as const) {
      const d = betaGeoDerivatives(model, p, data);
      const theta = [p.r, p.alpha, p.a, p.b];
      const at = (t: ArrayLike<number>) => ({ r: t[0], alpha: t[1], a: t[2], b: t[3] });
      const ll = (t: ArrayLike<number>): number => betaGeoDerivatives(model, at(t), data).value;
      const grad = (t: ArrayLike<number>): Float64Array => betaGeoDerivatives(model, at(t), data).gradient;
      expect(d.value).toBeCloseTo((model === 'bgnbd' ? bgnbd : mbgnbd).logLikelihood(p, data), 9);
      const numeric = numericGradient((t) => ll(t), Float64Array.from(theta), 1e-6);
      numeric.forEach((g, i) => expect(Math.abs(d.gradient[i] - g)).toBeLessThan(1e-4 * (1 + Math.abs(g))));
      const hessian = hessianFromGradient(grad, Float64Array.from(theta), 1e-6);
      hessian.forEach((h, i) => expect(Math.abs((d.hessian as Float64Array)[i] - h)).toBeLessThan(1e-4 * (1 + Math.abs(h))));
    }
  });
});

describe('BG/NBD at the edge of the model', () => {
  it('when every customer drops out alike, fits r, alpha and p = a/(a+b) and says so in a note', () => {
    // 20 customers of a small shop (days): regular buyers, lapsed buyers, new ones and one-time buyers.
    const x = [18, 18, 18, 18, 18, 15, 15, 15, 15, 15, 5, 5, 5, 5, 5, 0, 0, 0, 5, 5];
    const tx = [360, 359, 358, 357, 356, 300, 299, 298, 297, 296, 25, 25, 25, 25, 25, 0, 0, 0, 225, 225];
    const T = [360, 359, 358, 357, 356, 600, 599, 598, 597, 596, 25, 25, 25, 25, 25, 60, 300, 301, 305, 305];
    const fit = bgnbd.fit(compressPatterns(x, tx, T));
    expect(fit.converged).toBe(true);
    expect(fit.note).toMatch(/same chance, [0-9.]+%, of stopping after each purchase/);
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeGreaterThan(0);
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeLessThan(0.2);
    expect(Number.isNaN(fit.standardErrors.a)).toBe(true);
    expect(fit.standardErrors.r).toBeGreaterThan(0);
    // The reduced fit is at least as good as wherever the free run-off stopped, and its predictions are finite.
    const free = bgnbd.fit(compressPatterns(x, tx, T), { maxIterations: 16 });
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(free.logLikelihood - 1e-9);
    const predict = bgnbd.predictor(fit.params);
    expect(Number.isFinite(predict.expectedPurchases(365, 18, 360, 360))).toBe(true);
    expect(predict.expectedPurchases(365, 18, 360, 360)).toBeGreaterThan(predict.expectedPurchases(365, 15, 300, 600));
  });
});

describe('BG/NBD on data it cannot fit', () => {
  it('refuses data where nobody bought twice, in plain words', () => {
    expect(() => bgnbd.fit(compressPatterns([0, 0, 0], [0, 0, 0], [10, 20, 30]))).toThrow(
      expect.objectContaining({ message: 'No customer bought more than once, so the model cannot tell how often customers buy or when they stop; it needs some repeat purchases.', argument: 'frequency' }),
    );
  });

  it('rejects impossible histories with the row', () => {
    expect(() => bgnbd.fit(compressPatterns([1, 2], [5, 40], [10, 30]))).toThrow('recency row 2 is 40, more than T (30); recency cannot exceed the customer’s age.');
    expect(() => bgnbd.fit(compressPatterns([1.5], [5], [10]))).toThrow('frequency row 1 is 1.5; repeat purchases are counted in whole numbers, 0 or more.');
  });
});
