/**
 * The maximum-likelihood engine the models share: damped Newton on unconstrained parameters (the models pass
 * u = log θ). With an analytic Hessian a fit takes a handful of likelihood passes; without one the Hessian comes
 * from finite differences of the analytic gradient. A run that does not converge says so, in plain words.
 */
import { said, type Said } from './i18n/said';

export interface Evaluation {
  value: number;
  gradient: Float64Array;
  /** k × k, row-major; optional. */
  hessian?: Float64Array;
}

/** The function to maximise; `wantHessian` lets it skip the Hessian during line searches. */
export type Objective = (u: Float64Array, wantHessian: boolean) => Evaluation;

export interface MaximizeOptions {
  maxIterations?: number;
  /** Converged when max |gradient| ≤ gradientTolerance · (1 + |value|). */
  gradientTolerance?: number;
  /** Converged when a full step changes no coordinate by more than this (with a small gradient). */
  stepTolerance?: number;
  /** Longest step in u, per coordinate. */
  maxStep?: number;
  /**
   * Bounds on u, per coordinate (a box): the search never leaves it. A coordinate held at a bound by a gradient
   * pointing outwards is left out of the Newton step and of the convergence test, and is listed in atBound.
   */
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
  /**
   * Asked after every evaluation: a reason (a full sentence of the errors catalogue) to stop now, e.g. a work budget
   * spent, or null to go on. The run then ends not converged, with that reason, at the best point so far.
   */
  stop?: () => Said | null;
}

export interface MaximizeResult {
  u: Float64Array;
  value: number;
  gradient: Float64Array;
  hessian: Float64Array;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** null when converged, else why not: a full sentence of the errors catalogue. */
  message: Said | null;
  /** Coordinates that ended at a bound of the box. */
  atBound: number[];
  /** Whether the run ended because `stop` asked it to. */
  stopped: boolean;
}

/** |u| beyond this (θ = e^30 or e^−30) means a parameter runs off to infinity or zero. */
const RUNAWAY = 30;
/** Relative size of rounding noise in a log-likelihood summed over many customers. */
const NOISE = 1e-14;

export function maximize(objective: Objective, start: ArrayLike<number>, options: MaximizeOptions = {}): MaximizeResult {
  const maxIterations = options.maxIterations ?? 200;
  const gradientTolerance = options.gradientTolerance ?? 1e-9;
  const stepTolerance = options.stepTolerance ?? 1e-12;
  const maxStep = options.maxStep ?? 2;
  const k = start.length;
  const lower = Float64Array.from({ length: k }, (_, i) => options.lower?.[i] ?? -Infinity);
  const upper = Float64Array.from({ length: k }, (_, i) => options.upper?.[i] ?? Infinity);
  const bounded = lower.some(Number.isFinite) || upper.some(Number.isFinite);
  let evaluations = 0;
  let stopReason: Said | null = null;
  const evaluate = (u: Float64Array, wantHessian: boolean): Evaluation => {
    evaluations++;
    const e = objective(u, wantHessian);
    if (!stopReason && options.stop) stopReason = options.stop();
    return e;
  };
  const hessianAt = (u: Float64Array, e: Evaluation): Float64Array =>
    e.hessian ?? hessianFromGradient((v) => evaluate(v, false).gradient, u);

  let u: Float64Array = Float64Array.from(start, (v, i) => Math.min(upper[i], Math.max(lower[i], v)));
  let current = evaluate(u, true);
  /** Coordinates the box holds: at a bound, with the gradient pointing out of the box. */
  const held = (g: ArrayLike<number>): boolean[] =>
    Array.from({ length: k }, (_, i) => (u[i] <= lower[i] && g[i] < 0) || (u[i] >= upper[i] && g[i] > 0));
  const finish = (converged: boolean, message: Said | null, iterations: number): MaximizeResult => ({
    u,
    value: current.value,
    gradient: current.gradient,
    hessian: Number.isFinite(current.value) && !stopReason ? hessianAt(u, current) : new Float64Array(k * k).fill(NaN),
    iterations,
    evaluations,
    converged,
    message,
    atBound: Array.from({ length: k }, (_, i) => i).filter((i) => u[i] <= lower[i] || u[i] >= upper[i]),
    stopped: stopReason !== null,
  });
  if (stopReason) return finish(false, stopReason, 0);
  if (!Number.isFinite(current.value) || !current.gradient.every(Number.isFinite)) {
    return finish(false, said('fit.cannotStart'), 0);
  }

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (stopReason) return finish(false, stopReason, iteration - 1);
    const g = current.gradient;
    const fixed = held(g);
    const free = Float64Array.from(g, (gi, i) => (fixed[i] ? 0 : gi));
    if (maxAbs(free) <= gradientTolerance * (1 + Math.abs(current.value))) return finish(true, null, iteration - 1);

    const direction = ascentDirection(hessianAt(u, current), free, k, fixed);
    if (stopReason) return finish(false, stopReason, iteration - 1);
    const longest = maxAbs(direction);
    if (longest > maxStep) for (let i = 0; i < k; i++) direction[i] *= maxStep / longest;
    let step = 1;
    let accepted: { u: Float64Array; evaluation: Evaluation } | null = null;
    for (let halving = 0; halving < 50; halving++) {
      const trial = Float64Array.from(u, (ui, i) => Math.min(upper[i], Math.max(lower[i], ui + step * direction[i])));
      // The step actually taken (the box may shorten it) decides the gain to expect.
      const slope = dot(g, trial.map((v, i) => v - u[i]));
      const e = evaluate(trial, true);
      if (Number.isFinite(e.value) && e.value >= current.value + 1e-4 * slope && e.gradient.every(Number.isFinite)) {
        accepted = { u: trial, evaluation: e };
        break;
      }
      if (stopReason) return finish(false, stopReason, iteration);
      step /= 2;
      // Once the predicted gain is below what double precision resolves in the value, halving further cannot help.
      if (slope / 2 <= NOISE * (1 + Math.abs(current.value))) break;
    }
    if (!accepted) {
      const nearlyFlat = maxAbs(free) <= 1e-5 * (1 + Math.abs(current.value));
      return finish(nearlyFlat, nearlyFlat ? null : said('fit.noStep'), iteration);
    }
    const moved = maxAbs(accepted.u.map((v, i) => v - u[i]));
    u = accepted.u;
    current = accepted.evaluation;

    if (!bounded && maxAbs(u) > RUNAWAY) {
      return finish(false, said('fit.runaway'), iteration);
    }
    const stillFree = Float64Array.from(current.gradient, (gi, i) => (held(current.gradient)[i] ? 0 : gi));
    if (moved < stepTolerance && maxAbs(stillFree) <= 1e-5 * (1 + Math.abs(current.value))) return finish(true, null, iteration);
  }
  return finish(false, said('fit.iterations', { n: maxIterations }), maxIterations);
}

/**
 * Newton direction d solving (−H + λI) d = g on the free coordinates, with λ raised until −H + λI is positive
 * definite; 0 on the coordinates the box holds (their rows and columns are those of the identity).
 */
function ascentDirection(hessian: Float64Array, gradient: Float64Array, k: number, fixed: readonly boolean[]): Float64Array {
  const reduced = Float64Array.from(hessian, (h, at) => (fixed[Math.floor(at / k)] || fixed[at % k] ? 0 : h));
  for (let i = 0; i < k; i++) if (fixed[i]) reduced[i * k + i] = -1;
  const scale = Math.max(1e-12, ...Array.from({ length: k }, (_, i) => Math.abs(reduced[i * k + i])));
  if (!reduced.every(Number.isFinite)) return Float64Array.from(gradient, (g) => g / scale);
  for (let lambda = 0; lambda < 1e12 * scale; lambda = lambda === 0 ? 1e-8 * scale : lambda * 10) {
    const m = Float64Array.from(reduced, (h) => -h);
    for (let i = 0; i < k; i++) m[i * k + i] += lambda;
    const factor = cholesky(m, k);
    if (factor) return choleskySolve(factor, gradient, k);
  }
  return Float64Array.from(gradient, (g) => g / scale); // gradient ascent as a last resort
}

/** Lower-triangular L with L Lᵀ = m, or null when m is not positive definite. */
function cholesky(m: Float64Array, k: number): Float64Array | null {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * k + j];
      for (let p = 0; p < j; p++) s -= l[i * k + p] * l[j * k + p];
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        l[i * k + i] = Math.sqrt(s);
      } else l[i * k + j] = s / l[j * k + j];
    }
  }
  return l;
}

function choleskySolve(l: Float64Array, b: ArrayLike<number>, k: number): Float64Array {
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let p = 0; p < i; p++) s -= l[i * k + p] * y[p];
    y[i] = s / l[i * k + i];
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i];
    for (let p = i + 1; p < k; p++) s -= l[p * k + i] * x[p];
    x[i] = s / l[i * k + i];
  }
  return x;
}

/** Inverse of a symmetric positive definite matrix (row-major), or null when it is not positive definite. */
export function invertSymmetric(m: Float64Array, k: number): Float64Array | null {
  const l = cholesky(m, k);
  if (!l) return null;
  const inverse = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const column = choleskySolve(l, Float64Array.from({ length: k }, (_, i) => (i === j ? 1 : 0)), k);
    for (let i = 0; i < k; i++) inverse[i * k + j] = column[i];
  }
  return inverse;
}

/**
 * Standard errors of θ = exp(u) at the maximum, from the Hessian in u: Cov(u) = (−H_u)⁻¹ and, since the gradient
 * vanishes there, Cov(θ) = D Cov(u) D with D = diag(θ). NaN when −H_u is not positive definite.
 */
export function standardErrorsFromLogHessian(theta: ArrayLike<number>, hessianU: Float64Array): Float64Array {
  const k = theta.length;
  const covariance = invertSymmetric(Float64Array.from(hessianU, (h) => -h), k);
  return Float64Array.from({ length: k }, (_, i) => (covariance ? theta[i] * Math.sqrt(covariance[i * k + i]) : NaN));
}

/**
 * The covariance matrix of θ = exp(u) at the maximum, on θ's own scale and in θ's order: the inverse of the observed
 * information, D (−H_u)⁻¹ D with D = diag(θ) (the delta method, exact to first order; its diagonal's square roots
 * are standardErrorsFromLogHessian). Plain arrays, so it serializes as JSON. undefined when −H_u is not positive
 * definite or the result is not finite: a covariance is given whole and NaN-free, or not at all.
 */
export function covarianceFromLogHessian(theta: ArrayLike<number>, hessianU: Float64Array): number[][] | undefined {
  const k = theta.length;
  const inverse = invertSymmetric(Float64Array.from(hessianU, (h) => -h), k);
  if (!inverse) return undefined;
  const covariance: number[][] = [];
  for (let i = 0; i < k; i++) {
    const row: number[] = [];
    // Symmetric by construction: the mean of the two halves, which rounding may leave a hair apart.
    for (let j = 0; j < k; j++) row.push((theta[i] * theta[j] * (inverse[i * k + j] + inverse[j * k + i])) / 2);
    covariance.push(row);
  }
  return covariance.every((row) => row.every(Number.isFinite)) ? covariance : undefined;
}

/** Central-difference gradient, for objectives without an analytic one. */
export function numericGradient(f: (u: Float64Array) => number, u: Float64Array, h = 1e-5): Float64Array {
  const g = new Float64Array(u.length);
  const probe = Float64Array.from(u);
  for (let i = 0; i < u.length; i++) {
    const step = h * Math.max(1, Math.abs(u[i]));
    probe[i] = u[i] + step;
    const up = f(probe);
    probe[i] = u[i] - step;
    const down = f(probe);
    probe[i] = u[i];
    g[i] = (up - down) / (2 * step);
  }
  return g;
}

/** Symmetrised central differences of an analytic gradient. */
export function hessianFromGradient(gradient: (u: Float64Array) => Float64Array, u: Float64Array, h = 1e-5): Float64Array {
  const k = u.length;
  const hessian = new Float64Array(k * k);
  const probe = Float64Array.from(u);
  for (let j = 0; j < k; j++) {
    const step = h * Math.max(1, Math.abs(u[j]));
    probe[j] = u[j] + step;
    const up = gradient(probe);
    probe[j] = u[j] - step;
    const down = gradient(probe);
    probe[j] = u[j];
    for (let i = 0; i < k; i++) hessian[i * k + j] = (up[i] - down[i]) / (2 * step);
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const mean = (hessian[i * k + j] + hessian[j * k + i]) / 2;
      hessian[i * k + j] = mean;
      hessian[j * k + i] = mean;
    }
  }
  return hessian;
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
