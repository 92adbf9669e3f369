import { describe, expect, it } from 'vitest';
import { bgnbdModel, mbgnbdModel } from '../../../src/core/models/betageo';
import { bgbbFit } from '../../../src/core/models/bgbb';
import { fitGammaGamma } from '../../../src/core/models/gammagamma';
import { paretoNbdFit } from '../../../src/core/models/paretonbd';
import { sbgFitSurvivors } from '../../../src/core/models/sbg';
import type { FitResult, RfmPatterns } from '../../../src/core/models/types';
import { covarianceFromLogHessian } from '../../../src/core/optimize';
import { compressPatterns } from '../../../src/core/rfm';
import { fixture } from '../../fixtures';
import { cdnowPatterns, cdnowSummary } from './cdnow';

// The covariance of every fit is the inverse observed information, on the parameters' own scale and in their order:
// its diagonal's square roots are the standard errors the fits already report (tolerance 1e-12 relative: both come
// from the same inverse, only the order of operations differs), it is exactly symmetric, and on the published data
// sets, where every fit converges to an interior maximum, positive definite (a Cholesky factor exists).

function donations(): RfmPatterns {
  const rows = fixture('donations.csv').trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
  const column = (k: number): Float64Array => Float64Array.from(rows, (r) => r[k]);
  const w = column(3);
  return { x: column(0), tx: column(1), T: column(2), w, count: rows.length, customers: w.reduce((a, b) => a + b, 0) };
}

/** Whether a symmetric matrix has a Cholesky factor, i.e. is positive definite. */
function positiveDefinite(m: number[][]): boolean {
  const k = m.length;
  const l = m.map(() => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i][j];
      for (let p = 0; p < j; p++) s -= l[i][p] * l[j][p];
      if (i === j) {
        if (!(s > 0)) return false;
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return true;
}

function expectCovariance<P extends object>(fit: FitResult<P>, names: readonly (keyof P & string)[]): number[][] {
  expect(fit.converged).toBe(true);
  const covariance = fit.covariance;
  if (!covariance) throw new Error('no covariance');
  expect(covariance).toHaveLength(names.length);
  const se = fit.standardErrors as Record<string, number>;
  names.forEach((name, i) => {
    expect(covariance[i]).toHaveLength(names.length);
    expect(Math.abs(Math.sqrt(covariance[i][i]) / se[name] - 1)).toBeLessThan(1e-12);
    for (let j = 0; j < names.length; j++) {
      expect(covariance[i][j]).toBe(covariance[j][i]);
      // a correlation, so within [−1, 1]
      expect(Math.abs(covariance[i][j])).toBeLessThanOrEqual(Math.sqrt(covariance[i][i] * covariance[j][j]) * (1 + 1e-12));
    }
  });
  expect(positiveDefinite(covariance)).toBe(true);
  // plain arrays: the cache stores fits as JSON, and they come back the same
  expect(JSON.parse(JSON.stringify(covariance))).toEqual(covariance);
  return covariance;
}

describe('covariance of the fitted parameters on the reference data sets', () => {
  it('BG/NBD and MBG/NBD on CDNOW', () => {
    expectCovariance(bgnbdModel.fit(cdnowPatterns()), ['r', 'alpha', 'a', 'b']);
    expectCovariance(mbgnbdModel.fit(cdnowPatterns()), ['r', 'alpha', 'a', 'b']);
  });

  it('BG/NBD on CDNOW: r and alpha move together (the rate r/alpha is pinned down better than either)', () => {
    const cov = expectCovariance(bgnbdModel.fit(cdnowPatterns()), ['r', 'alpha', 'a', 'b']);
    expect(cov[0][1] / Math.sqrt(cov[0][0] * cov[1][1])).toBeGreaterThan(0.5);
  });

  it('Pareto/NBD on CDNOW', () => {
    expectCovariance(paretoNbdFit(cdnowPatterns()), ['r', 'alpha', 's', 'beta']);
  });

  it('Gamma-Gamma on the CDNOW repeat spend', () => {
    const s = cdnowSummary();
    expectCovariance(fitGammaGamma(s.x, s.zbar), ['p', 'q', 'v']);
  });

  it('BG/BB on the donations', () => {
    expectCovariance(bgbbFit(donations()), ['alpha', 'beta', 'gamma', 'delta']);
  });

  it('sBG on the Regular segment of Fader & Hardie (2007), years 0–7', () => {
    expectCovariance(sbgFitSurvivors([1000, 631, 468, 382, 326, 289, 262, 241]), ['alpha', 'beta']);
  });
});

describe('covariance where the Hessian gives none', () => {
  it('is absent, not NaN, when the curvature is not negative definite', () => {
    expect(covarianceFromLogHessian([1, 2], Float64Array.of(-1, 0, 0, 1))).toBeUndefined();
    expect(covarianceFromLogHessian([1, 2], Float64Array.of(NaN, 0, 0, -1))).toBeUndefined();
    // D (−H)⁻¹ D by hand: −H = diag(4, 1), θ = (2, 3) → diag(4 · 1/4, 9 · 1)
    expect(covarianceFromLogHessian([2, 3], Float64Array.of(-4, 0, 0, -1))).toEqual([
      [1, 0],
      [0, 9],
    ]);
  });

  it('is absent for BG/NBD when every customer drops out alike (a and b are not identified)', () => {
    const x = [18, 18, 18, 18, 18, 15, 15, 15, 15, 15, 5, 5, 5, 5, 5, 0, 0, 0, 5, 5];
    const tx = [360, 359, 358, 357, 356, 300, 299, 298, 297, 296, 25, 25, 25, 25, 25, 0, 0, 0, 225, 225];
    const T = [360, 359, 358, 357, 356, 600, 599, 598, 597, 596, 25, 25, 25, 25, 25, 60, 300, 301, 305, 305];
    const fit = bgnbdModel.fit(compressPatterns(x, tx, T));
    expect(fit.note).toMatch(/same chance/);
    expect(fit.covariance).toBeUndefined();
  });
});
