import { describe, expect, it } from 'vitest';
import { hessianFromGradient, invertSymmetric, maximize, numericGradient, standardErrorsFromLogHessian, type Evaluation } from '../../src/core/optimize';
import { digamma, gammaln, trigamma } from '../../src/core/special';
import { Random } from '../../src/core/random';
import { render, type Said } from '../../src/core/i18n/errors';

describe('maximize', () => {
  // f(u) = −½ (u − m)ᵀ A (u − m) with A positive definite: the optimum is m.
  const A = [4, 1, 0, 0.5, 1, 3, 0.2, 0, 0, 0.2, 2, 0.1, 0.5, 0, 0.1, 1];
  const m = [1, -2, 0.5, 3];
  const quadratic = (withHessian: boolean) => (u: Float64Array): Evaluation => {
    const d = u.map((v, i) => v - m[i]);
    const Ad = d.map((_, i) => d.reduce((s, dj, j) => s + A[i * 4 + j] * dj, 0));
    return {
      value: -0.5 * d.reduce((s, di, i) => s + di * Ad[i], 0),
      gradient: Ad.map((v) => -v),
      hessian: withHessian ? Float64Array.from(A, (a) => -a) : undefined,
    };
  };

  it('finds the optimum of a concave quadratic in one Newton step (analytic Hessian) or two (numerical)', () => {
    const exact = maximize(quadratic(true), [0, 0, 0, 0]);
    expect(exact.converged).toBe(true);
    expect(exact.iterations).toBeLessThanOrEqual(2);
    exact.u.forEach((v, i) => expect(v).toBeCloseTo(m[i], 10));
    const numeric = maximize(quadratic(false), [0, 0, 0, 0], { maxStep: 10 });
    expect(numeric.converged).toBe(true);
    expect(numeric.iterations).toBeLessThanOrEqual(3);
    numeric.u.forEach((v, i) => expect(v).toBeCloseTo(m[i], 8));
  });

  it('climbs the negated Rosenbrock valley from (−1.2, 1) to (1, 1)', () => {
    const rosenbrock = (u: Float64Array): Evaluation => {
      const [x, y] = u;
      return {
        value: -(100 * (y - x * x) ** 2 + (1 - x) ** 2),
        gradient: Float64Array.from([400 * x * (y - x * x) + 2 * (1 - x), -200 * (y - x * x)]),
        hessian: Float64Array.from([-(1200 * x * x - 400 * y + 2), 400 * x, 400 * x, -200]),
      };
    };
    const result = maximize(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.u[0]).toBeCloseTo(1, 6);
    expect(result.u[1]).toBeCloseTo(1, 6);
    expect(result.iterations).toBeLessThan(60);
  });

  it('fits a gamma distribution by maximum likelihood on the log scale, solving the score equations', () => {
    const random = new Random(7);
    const sample = Array.from({ length: 5000 }, () => random.gamma(2.5, 0.8));
    const n = sample.length;
    const sumX = sample.reduce((s, x) => s + x, 0);
    const sumLog = sample.reduce((s, x) => s + Math.log(x), 0);
    // ll(k, θ) = (k−1)Σlog x − Σx/θ − n k log θ − n lnΓ(k), on u = (log k, log θ)
    const objective = (u: Float64Array): Evaluation => {
      const k = Math.exp(u[0]);
      const theta = Math.exp(u[1]);
      const value = (k - 1) * sumLog - sumX / theta - n * k * Math.log(theta) - n * gammaln(k);
      const dk = sumLog - n * Math.log(theta) - n * digamma(k);
      const dTheta = sumX / theta ** 2 - (n * k) / theta;
      return {
        value,
        gradient: Float64Array.from([dk * k, dTheta * theta]),
        hessian: Float64Array.from([
          dk * k - n * trigamma(k) * k * k,
          -n * k,
          -n * k,
          dTheta * theta + (-2 * sumX / theta ** 3 + (n * k) / theta ** 2) * theta * theta,
        ]),
      };
    };
    const result = maximize(objective, [0, 0]);
    expect(result.converged).toBe(true);
    const k = Math.exp(result.u[0]);
    const theta = Math.exp(result.u[1]);
    // Score equations of the gamma MLE: θ = mean/k and log k − ψ(k) = log(mean) − mean(log x).
    expect(theta).toBeCloseTo(sumX / n / k, 10);
    expect(Math.log(k) - digamma(k)).toBeCloseTo(Math.log(sumX / n) - sumLog / n, 10);
    expect(k).toBeGreaterThan(2.3);
    expect(k).toBeLessThan(2.7);
  });

  it('reports an unbounded objective and a non-finite start instead of returning a number silently', () => {
    const unbounded = maximize((u) => ({ value: u[0], gradient: Float64Array.from([1]), hessian: Float64Array.from([0]) }), [0]);
    expect(unbounded.converged).toBe(false);
    expect(english(unbounded.message)).toMatch(/runs off to infinity/);
    const broken = maximize(() => ({ value: NaN, gradient: Float64Array.from([0]) }), [0]);
    expect(broken.converged).toBe(false);
    expect(english(broken.message)).toMatch(/cannot be computed at the starting values/);
    const slow = maximize(quadratic(false), [10, 10, 10, 10], { maxIterations: 2, maxStep: 0.1 });
    expect(slow.converged).toBe(false);
    expect(english(slow.message)).toBe('The fit did not settle within 2 iterations.');
  });
});

describe('standard errors and linear algebra', () => {
  it('gives the Fisher-information standard errors of a normal sample (mean and log sd)', () => {
    const random = new Random(3);
    const xs = Array.from({ length: 2000 }, () => 10 + 2 * random.normal());
    const n = xs.length;
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    // Parameters θ = (μ, σ) on u = (log μ, log σ); the log-likelihood's Hessian in u at the MLE.
    const ll = (u: Float64Array): number => {
      const mu = Math.exp(u[0]);
      const sigma = Math.exp(u[1]);
      return xs.reduce((s, x) => s - Math.log(sigma) - (x - mu) ** 2 / (2 * sigma * sigma), 0);
    };
    const u = Float64Array.from([Math.log(mean), Math.log(sd)]);
    const hessian = hessianFromGradient((v) => numericGradient(ll, v, 1e-4), u, 1e-4);
    const se = standardErrorsFromLogHessian([mean, sd], hessian);
    expect(se[0]).toBeCloseTo(sd / Math.sqrt(n), 4); // σ/√n
    expect(se[1]).toBeCloseTo(sd / Math.sqrt(2 * n), 4); // σ/√(2n)
  });

  it('inverts positive definite matrices and refuses others', () => {
    const m = Float64Array.from([4, 2, 2, 3]);
    const inverse = invertSymmetric(m, 2)!;
    expect(Array.from(inverse)).toEqual([0.375, -0.25, -0.25, 0.5].map((v) => expect.closeTo(v, 14)));
    expect(invertSymmetric(Float64Array.from([1, 2, 2, 1]), 2)).toBeNull();
    expect(Array.from(standardErrorsFromLogHessian([1, 1], Float64Array.from([1, 0, 0, 1])))).toEqual([NaN, NaN]);
  });
});

/** The optimizer's reason in English words, as the user reads it in English. */
function english(message: Said | null): string {
  return message ? render('en', message) : '';
}
