import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectedSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  populationMeanSpend,
  spendFrequencyCorrelation,
  type GammaGammaParams,
} from '../../../src/core/models/gammagamma';
import { gammaln } from '../../../src/core/special';
import { cdnowSummary, relative } from './cdnow';

// Fader & Hardie (2013), "The Gamma-Gamma model of monetary value": p = 6.25, q = 3.74, v (γ) = 15.44 on the 946
// CDNOW repeat customers of the 39-week calibration period.
const PUBLISHED: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };

describe('Gamma-Gamma on CDNOW', () => {
  const s = cdnowSummary();
  const fit = fitGammaGamma(s.x, s.zbar);

  it('matches the note: each parameter within 1%, on the 946 repeat customers', () => {
    expect(fit.converged).toBe(true);
    for (const name of ['p', 'q', 'v'] as const) expect(relative(fit.params[name], PUBLISHED[name])).toBeLessThan(0.01);
    expect(fit.customers).toBe(946);
  });

  it('the log-likelihood is the note’s density summed, written out term by term', () => {
    const { p, q, v } = PUBLISHED;
    let direct = 0;
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i];
      const m = s.zbar[i];
      if (x < 1 || m <= 0) continue;
      direct += gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * Math.log(v) + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(x * m + v);
    }
    expect(gammaGammaLogLikelihood(PUBLISHED, s.x, s.zbar)).toBeCloseTo(direct, 8);
  });

  it('expected spend: the note’s population mean ($35.17 for these estimates) and a customer’s weighted mean', () => {
    expect(populationMeanSpend(PUBLISHED)).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
    expect(expectedSpend(PUBLISHED, 0, 0)).toBe(populationMeanSpend(PUBLISHED));
    const x = 2;
    const m = 30;
    const weight = (PUBLISHED.q - 1) / (PUBLISHED.p * x + PUBLISHED.q - 1);
    expect(expectedSpend(PUBLISHED, x, m)).toBeCloseTo(weight * populationMeanSpend(PUBLISHED) + (1 - weight) * m, 10);
  });

  it('reports the frequency–spend correlation the model assumes away (small on CDNOW)', () => {
    expect(Math.abs(spendFrequencyCorrelation(s.x, s.zbar))).toBeLessThan(0.2);
  });

  it('weights give the same fit as repeated rows', () => {
    // The first 600 CDNOW customers with weights 1, 2, 3 in turn, against the same rows written out.
    const n = 600;
    const weights = Array.from({ length: n }, (_, i) => 1 + (i % 3));
    const once = fitGammaGamma(s.x.slice(0, n), s.zbar.slice(0, n), weights);
    const x: number[] = [];
    const m: number[] = [];
    weights.forEach((w, i) => {
      for (let k = 0; k < w; k++) {
        x.push(s.x[i]);
        m.push(s.zbar[i]);
      }
    });
    const repeated = fitGammaGamma(x, m);
    expect(once.converged && repeated.converged).toBe(true);
    for (const name of ['p', 'q', 'v'] as const) expect(relative(once.params[name], repeated.params[name])).toBeLessThan(1e-6);
  });

  it('expected spend lies between the population mean and the customer’s own mean', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.01, max: 1e5, noNaN: true }), (x, m) => {
        const e = expectedSpend(PUBLISHED, x, m);
        const mean = populationMeanSpend(PUBLISHED);
        expect(e).toBeGreaterThanOrEqual(Math.min(mean, m) * (1 - 1e-12));
        expect(e).toBeLessThanOrEqual(Math.max(mean, m) * (1 + 1e-12));
      }),
    );
  });

  it('refuses fewer than 2 usable customers, in words', () => {
    expect(() => fitGammaGamma([0, 1, 0], [0, 0, 5])).toThrow(/at least 2 customers/);
  });
});
