/**
 * Pieces the purchase and spend models share: running log-gamma ratios for whole-number shifts, the move from
 * derivatives in θ to derivatives in u = log θ (where the optimizer works), and the fit result.
 */
import { maximize, standardErrorsFromLogHessian, type Evaluation } from '../optimize';
import type { FitOptions, FitResult, PurchasePredictor, RfmPatterns } from './types';

/** log Γ(z+j)/Γ(z), ψ(z+j) − ψ(z) and ψ'(z+j) − ψ'(z) for j = 0..size. */
export interface RisingTable {
  log: Float64Array;
  psi: Float64Array;
  tri: Float64Array;
}

/**
 * For whole-number shifts these are running sums of log(z+j), 1/(z+j) and −1/(z+j)²: one table per likelihood
 * evaluation replaces a log-gamma, digamma and trigamma call per customer.
 */
export function risingTable(z: number, size: number): RisingTable {
  const log = new Float64Array(size + 1);
  const psi = new Float64Array(size + 1);
  const tri = new Float64Array(size + 1);
  // The log sums reach the thousands for heavy buyers and their differences are what count: Kahan summation keeps
  // the running error at one rounding instead of one per step.
  let carry = 0;
  for (let j = 0; j < size; j++) {
    const v = z + j;
    const term = Math.log(v) - carry;
    log[j + 1] = log[j] + term;
    carry = log[j + 1] - log[j] - term;
    psi[j + 1] = psi[j] + 1 / v;
    tri[j + 1] = tri[j] - 1 / (v * v);
  }
  return { log, psi, tri };
}

/** Value, gradient and Hessian (k × k, row-major) in the model's own parameters θ. */
export interface ThetaDerivatives {
  value: number;
  gradient: Float64Array;
  /** Left out by models without an analytic one: the optimizer then differentiates the gradient. */
  hessian?: Float64Array;
}

/**
 * The objective on u = log θ: g_u = θ ∘ g_θ and H_u = diag(θ) H_θ diag(θ) + diag(θ ∘ g_θ).
 * `derivatives` may skip its Hessian when `wantHessian` is false.
 */
export function logSpaceObjective(
  derivatives: (theta: Float64Array, wantHessian: boolean) => ThetaDerivatives,
): (u: Float64Array, wantHessian: boolean) => Evaluation {
  return (u, wantHessian) => {
    const theta = u.map(Math.exp);
    const d = derivatives(theta, wantHessian);
    const k = theta.length;
    const gradient = theta.map((t, i) => t * d.gradient[i]);
    if (!wantHessian || !d.hessian) return { value: d.value, gradient };
    const hessian = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) hessian[i * k + j] = theta[i] * theta[j] * (d.hessian as Float64Array)[i * k + j];
      hessian[i * k + i] += gradient[i];
    }
    return { value: d.value, gradient, hessian };
  };
}

/**
 * Maximises a log-likelihood over positive parameters from `start` and packs the answer. `problem` turns the
 * estimates into '' (fine) or plain words on what is wrong with them, given the optimizer's own message.
 */
export function fitPositive<P extends object>(
  names: readonly (keyof P & string)[],
  derivatives: (theta: Float64Array, wantHessian: boolean) => ThetaDerivatives,
  start: readonly number[],
  customers: number,
  options: FitOptions,
  problem: (params: P, converged: boolean, optimizerMessage: string) => string,
): FitResult<P> {
  const initial = options.start ?? start;
  if (initial.length !== names.length || !initial.every((v) => v > 0 && Number.isFinite(v))) {
    throw new RangeError(`starting values must be ${names.length} positive numbers; got ${initial.join(', ')}`);
  }
  const result = maximize(logSpaceObjective(derivatives), Float64Array.from(initial, Math.log), {
    maxIterations: options.maxIterations,
  });
  const theta = result.u.map(Math.exp);
  const se = standardErrorsFromLogHessian(theta, result.hessian);
  const params = toParams<P>(names, theta);
  const message = problem(params, result.converged, result.message);
  return {
    params,
    standardErrors: toParams<P>(names, se),
    logLikelihood: result.value,
    converged: message === '',
    message,
    iterations: result.iterations,
    customers,
  };
}

function toParams<P extends object>(names: readonly string[], values: ArrayLike<number>): P {
  const params: Record<string, number> = {};
  names.forEach((name, i) => (params[name] = values[i]));
  return params as P;
}

/** Checks a fitted or user-given parameter set: every value a positive, finite number. */
export function checkPositiveParams<P extends object>(model: string, names: readonly (keyof P & string)[], params: P): void {
  for (const name of names) {
    const v = (params as Record<string, unknown>)[name];
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
      throw new RangeError(`${model}: ${name} must be a positive number; got ${String(v)}`);
    }
  }
}

/**
 * Checks (frequency, recency, T) rows of a purchase model: frequency a whole number ≥ 0, 0 ≤ recency ≤ T, recency 0
 * when frequency is 0, weights ≥ 0. Row numbers in messages are 1-based pattern rows.
 */
export function checkPurchaseData(model: string, data: RfmPatterns): void {
  const { x: xs, tx: txs, T: Ts, w: ws } = data;
  for (let i = 0; i < data.count; i++) {
    const x = xs[i];
    const tx = txs[i];
    const T = Ts[i];
    const w = ws[i];
    // One combined test per row; the message is worked out only for a row that fails it.
    const fine =
      Number.isInteger(x) && x >= 0 && tx >= 0 && T >= tx && T < Infinity && (x === 0 ? tx === 0 : tx > 0) && w >= 0 && w < Infinity;
    if (!fine) throw new RangeError(`${model}: row ${i + 1} (frequency ${x}, recency ${tx}, T ${T}): ${whatIsWrong(x, tx, T, w)}`);
  }
}

function whatIsWrong(x: number, tx: number, T: number, w: number): string {
  if (!Number.isInteger(x) || x < 0) return 'frequency must be a whole number ≥ 0';
  if (!(tx >= 0) || !Number.isFinite(tx)) return 'recency must be a number ≥ 0';
  if (!(T >= tx) || !Number.isFinite(T)) return 'T must be a number at least as large as recency';
  if (x === 0 && tx !== 0) return 'recency must be 0 when frequency is 0 (no repeat purchase)';
  if (x > 0 && !(tx > 0)) return 'recency must be above 0 when there were repeat purchases';
  return `weight ${w} is not a number ≥ 0`;
}

/** Checks one customer's history (and horizon) before a prediction; throws RangeError in words. */
export function checkHistory(model: string, x: number, tx: number, T: number, t?: number): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`${model}: frequency must be a whole number ≥ 0; got ${x}`);
  if (!(tx >= 0 && T >= tx && Number.isFinite(T))) throw new RangeError(`${model}: need 0 ≤ recency ≤ T; got recency ${tx}, T ${T}`);
  if (t !== undefined && !(t >= 0 && Number.isFinite(t))) throw new RangeError(`${model}: the horizon must be a number ≥ 0; got ${t}`);
}

/** Highest frequency in the data: the size of the rising tables. */
export function maxFrequency(data: RfmPatterns): number {
  let m = 0;
  for (let i = 0; i < data.count; i++) if (data.x[i] > m) m = data.x[i];
  return m;
}

/**
 * The fit of a purchase model to data where nobody bought twice: the model is not identified, so no numbers, only
 * the reason. Null when some customer did buy again.
 */
export function unidentifiedWithoutRepeats<P extends object>(label: string, names: readonly (keyof P & string)[], data: RfmPatterns): FitResult<P> | null {
  if (repeatWeight(data) > 0) return null;
  const nan = toParams<P>(names, names.map(() => NaN));
  return {
    params: nan,
    standardErrors: nan,
    logLikelihood: NaN,
    converged: false,
    message: `${label}: no customer bought more than once, so the model cannot tell how often customers buy or when they stop`,
    iterations: 0,
    customers: data.customers,
  };
}

/** Σ w over patterns with a repeat purchase. */
export function repeatWeight(data: RfmPatterns): number {
  let s = 0;
  for (let i = 0; i < data.count; i++) if (data.x[i] > 0) s += data.w[i];
  return s;
}

/**
 * Every k-th pattern, weights × k so the totals stay the same, for about `size` patterns: large data fit on it first,
 * for a starting point close to the full maximum.
 */
export function systematicSample(data: RfmPatterns, size: number): RfmPatterns {
  const k = Math.ceil(data.count / size);
  const count = Math.ceil(data.count / k);
  const sample: RfmPatterns = { x: new Float64Array(count), tx: new Float64Array(count), T: new Float64Array(count), w: new Float64Array(count), count, customers: 0 };
  for (let i = 0, j = 0; i < data.count; i += k, j++) {
    sample.x[j] = data.x[i];
    sample.tx[j] = data.tx[i];
    sample.T[j] = data.T[i];
    sample.w[j] = data.w[i] * k;
    sample.customers += sample.w[j];
  }
  return sample;
}

/** A customer-level starting rate: r/α ≈ repeat purchases per unit of time, with r = 1. */
export function startingAlpha(data: RfmPatterns): number {
  let purchases = 0;
  let time = 0;
  for (let i = 0; i < data.count; i++) {
    purchases += data.w[i] * data.x[i];
    time += data.w[i] * data.T[i];
  }
  const alpha = time / Math.max(purchases, 1e-9);
  return Number.isFinite(alpha) && alpha > 0 ? Math.min(alpha, 1e6) : 1;
}

/**
 * Groups customers by a pair of keys (e.g. frequency and T) so work shared by a pair is done once per pair.
 * Returns the group of each customer and the first member of each group.
 */
export function groupByPair(first: ArrayLike<number>, second: ArrayLike<number>): { groupOf: Int32Array; leaders: number[] } {
  const n = first.length;
  const groupOf = new Int32Array(n);
  const leaders: number[] = [];
  // Whole numbers (frequencies, ages in days) make one exact number key per pair: an index into a flat table when
  // the pairs fit one no larger than a few times the rows (one array lookup per row), else a Map key.
  let packable = true;
  let firstMax = 0;
  let secondMax = 0;
  for (let i = 0; i < n && packable; i++) {
    const a = first[i];
    const b = second[i];
    packable = Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 && a < PACK && b < PACK;
    if (a > firstMax) firstMax = a;
    if (b > secondMax) secondMax = b;
  }
  if (packable) {
    const width = secondMax + 1;
    const size = (firstMax + 1) * width;
    const table = size <= 4 * n + 65_536 ? new Int32Array(size).fill(-1) : null;
    const index = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const key = first[i] * width + second[i];
      let g = table ? table[key] : (index.get(key) ?? -1);
      if (g < 0) {
        g = leaders.length;
        if (table) table[key] = g;
        else index.set(key, g);
        leaders.push(i);
      }
      groupOf[i] = g;
    }
    return { groupOf, leaders };
  }
  const outer = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    let inner = outer.get(first[i]);
    if (!inner) outer.set(first[i], (inner = new Map()));
    let g = inner.get(second[i]);
    if (g === undefined) {
      g = leaders.length;
      inner.set(second[i], g);
      leaders.push(i);
    }
    groupOf[i] = g;
  }
  return { groupOf, leaders };
}

/** 2^26: two whole numbers below it make a key below 2^52, exact in a double (the width is at most 2^26 too). */
const PACK = 67_108_864;

/** What a purchase-count model must supply; purchasePredictor builds the rest. */
export interface PredictorParts {
  /** P(alive at T | x, t_x, T). */
  pAlive(x: number, tx: number, T: number): number;
  /** Expected purchases in (T, T + t] of a customer known to be alive at T; depends on (x, T) only. */
  aliveExpectation(t: number, x: number, T: number): number;
  /** aliveExpectation at each of `times` into `out`, when the model has a faster way than one at a time. */
  aliveExpectations?(times: ArrayLike<number>, x: number, T: number, out: Float64Array): void;
  /** Expected purchases in (0, t] of a customer just acquired. */
  newCustomer(t: number): number;
}

/**
 * Every purchase model predicts E[X(t) | x, t_x, T] = P(alive) · E[X(t) | alive at T], and the second factor
 * depends on (x, T) only: the batch computes it once per distinct (x, T) and horizon, which for a CLV over monthly
 * steps is where the time goes (₂F₁ for BG/NBD).
 */
/** Every weight set has one weight per horizon. */
export function checkWeights(weights: readonly ArrayLike<number>[], horizons: number): void {
  for (const set of weights) {
    if (set.length !== horizons) throw new RangeError(`each weight set needs ${horizons} weights (one per horizon), got ${set.length}`);
  }
}

export function purchasePredictor(model: string, parts: PredictorParts): PurchasePredictor {
  return {
    pAlive(x, tx, T) {
      checkHistory(model, x, tx, T);
      return parts.pAlive(x, tx, T);
    },
    expectedPurchases(t, x, tx, T) {
      checkHistory(model, x, tx, T, t);
      return parts.aliveExpectation(t, x, T) * parts.pAlive(x, tx, T);
    },
    expectedPurchasesNew(t) {
      checkHistory(model, 0, 0, 0, t);
      return parts.newCustomer(t);
    },
    expectedPurchasesBatch(frequency, recency, T, times, weights, aliveOut) {
      const n = frequency.length;
      const h = times.length;
      for (let j = 0; j < h; j++) checkHistory(model, 0, 0, 0, times[j]);
      checkWeights(weights, h);
      // E[X(t) | x, tx, T] = P(alive | x, tx, T) · E[X(t) | alive, x, T]: the second factor is shared by everyone
      // with the same frequency and age, so its weighted sums are worked out once per (x, T).
      const { groupOf, leaders } = groupByPair(frequency, T);
      const sets = weights.length;
      const shared = new Float64Array(leaders.length * sets);
      const expectation = new Float64Array(h);
      for (let g = 0; g < leaders.length; g++) {
        const c = leaders[g];
        if (parts.aliveExpectations) parts.aliveExpectations(times, frequency[c], T[c], expectation);
        else for (let j = 0; j < h; j++) expectation[j] = parts.aliveExpectation(times[j], frequency[c], T[c]);
        for (let s = 0; s < sets; s++) {
          let sum = 0;
          for (let j = 0; j < h; j++) if (weights[s][j] !== 0) sum += weights[s][j] * expectation[j];
          shared[g * sets + s] = sum;
        }
      }
      const sums = weights.map(() => new Float64Array(n));
      for (let c = 0; c < n; c++) {
        checkHistory(model, frequency[c], recency[c], T[c]);
        const p = parts.pAlive(frequency[c], recency[c], T[c]);
        if (aliveOut) aliveOut[c] = p;
        const g = groupOf[c];
        for (let s = 0; s < sets; s++) sums[s][c] = p * shared[g * sets + s];
      }
      return sums;
    },
  };
}
