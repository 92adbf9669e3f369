/**
 * Pieces the purchase and spend models share: running log-gamma ratios for whole-number shifts, the move from
 * derivatives in θ to derivatives in u = log θ (where the optimizer works), and the fit result.
 */
import { covarianceFromLogHessian, maximize, standardErrorsFromLogHessian, type Evaluation } from '../optimize';
import { DataError } from '../errors';
import { inEnglish } from '../i18n/english';
import { said, type Said, type SaidValue } from '../i18n/said';
import type { FitOptions, FitResult, PurchasePredictor, RfmPatterns } from './types';
import { formatNumber } from '../words';

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
 * A limit of a model or of the work a cell may do, met by a prediction (counts.ts, dert.ts): a RangeError as before,
 * "Model: what to do" in English, with the words after the model's name as a message of the errors catalogue, for the
 * cell that turns it into a DataError on the argument that can change it.
 */
export class LimitError extends RangeError {
  constructor(
    label: string,
    readonly said: Said,
  ) {
    super(`${label}: ${inEnglish(said)}`);
  }
}

/** "a", "a and b", "a, b and c" (parameter names), the "and" in the message's language. */
export function listOf(items: readonly string[]): SaidValue {
  return items.length <= 1 ? items.join('') : said('core.and', { items: items.slice(0, -1).join(', '), last: items[items.length - 1] });
}

/** A value as a message shows it: the number, or "not a number", "infinity", "minus infinity" in the message's language. */
export function numberSaid(value: number): SaidValue {
  if (Number.isNaN(value)) return said('core.notANumber');
  if (value === Infinity) return said('core.infinity');
  if (value === -Infinity) return said('core.minusInfinity');
  return value;
}

/** A fit's problem as FitResult holds it: the message of the errors catalogue, and its English words. */
export function problemOf(problem: Said | null): { message: string; said?: Said } {
  return problem ? { message: inEnglish(problem), said: problem } : { message: '' };
}

/** A fit's note as FitResult holds it, as problemOf does its problem. */
export function noteOf(note: Said | undefined): { note?: string; noteSaid?: Said } {
  return note ? { note: inEnglish(note), noteSaid: note } : {};
}

/** Box bounds on the parameters θ (not their logs), in the model's parameter order. */
export interface ParamBounds {
  lower: readonly number[];
  upper: readonly number[];
}

/**
 * A fit at a documented limit of its model, where some parameters grow without bound together but the predictions
 * settle (everyone buying at the same rate, spending alike): usable, with a note saying so. The standard-error rule
 * then skips the parameters that are not pinned down.
 */
export interface AtModelLimit<P extends object> {
  note: Said;
  unpinned: readonly (keyof P & string)[];
}

/** What a model's `problem` rule gets to judge a fit by. */
export interface FitDiagnosis<P extends object> {
  params: P;
  standardErrors: P;
  /** Whether the optimizer settled (possibly at a bound). */
  settled: boolean;
  /** The optimizer's reason when it did not: a full sentence. */
  optimizerMessage: Said | null;
  /** Parameters that ended at a bound of their range. */
  atBound: (keyof P & string)[];
  /** Whether a work budget ended the run. */
  stopped: boolean;
}

/**
 * A standard error above this many times its estimate means the data do not pin the parameter down: in log terms
 * its 95% interval spans a factor of more than e^40. The fits of the published data sets stay below 1.
 */
export const UNCERTAINTY_LIMIT = 10;

/**
 * Maximises a log-likelihood over positive parameters within `bounds`, from `start` (moved into the bounds), and
 * packs the answer. `problem` turns the diagnosis into null (fine), a message on what is wrong, or a limit of the
 * model (AtModelLimit); a fit it accepts must also have finite standard errors, none above UNCERTAINTY_LIMIT times
 * its estimate, among the parameters it pins down. `stop` may end the run
 * early (a work budget), with its reason.
 */
export function fitPositive<P extends object>(
  names: readonly (keyof P & string)[],
  derivatives: (theta: Float64Array, wantHessian: boolean) => ThetaDerivatives,
  start: readonly number[],
  customers: number,
  options: FitOptions,
  problem: (diagnosis: FitDiagnosis<P>) => Said | null | AtModelLimit<P>,
  bounds: ParamBounds,
  stop?: () => Said | null,
): FitResult<P> {
  const initial = options.start ?? start;
  if (initial.length !== names.length || !initial.every((v) => v > 0 && Number.isFinite(v))) {
    throw new RangeError(`starting values must be ${names.length} positive numbers; got ${initial.join(', ')}`);
  }
  const result = maximize(logSpaceObjective(derivatives), Float64Array.from(initial, Math.log), {
    maxIterations: options.maxIterations,
    lower: bounds.lower.map(Math.log),
    upper: bounds.upper.map(Math.log),
    stop,
  });
  const theta = result.u.map(Math.exp);
  const se = standardErrorsFromLogHessian(theta, result.hessian);
  const params = toParams<P>(names, theta);
  const standardErrors = toParams<P>(names, se);
  const diagnosis: FitDiagnosis<P> = {
    params,
    standardErrors,
    settled: result.converged,
    optimizerMessage: result.message,
    atBound: result.atBound.map((i) => names[i]),
    stopped: result.stopped,
  };
  const verdict = problem(diagnosis);
  const limit = verdict !== null && isLimit(verdict) ? verdict : null;
  const pinned = limit ? names.filter((name) => !limit.unpinned.includes(name)) : names;
  const found = (verdict !== null && !isLimit(verdict) ? verdict : null) ?? uncertainty(pinned, params, standardErrors);
  return {
    params,
    standardErrors,
    covariance: covarianceFromLogHessian(theta, result.hessian),
    logLikelihood: result.value,
    converged: found === null,
    ...problemOf(found),
    iterations: result.iterations,
    ...noteOf(limit && found === null ? limit.note : undefined),
    customers,
  };
}

function isLimit<P extends object>(verdict: Said | AtModelLimit<P>): verdict is AtModelLimit<P> {
  return 'unpinned' in verdict;
}

/** null when every standard error is finite and not far above its estimate; else why the fit cannot be trusted. */
export function uncertainty<P extends object>(
  names: readonly (keyof P & string)[],
  params: P,
  standardErrors: P,
  label: (name: keyof P & string) => string = (name) => name,
): Said | null {
  const value = (set: P, name: keyof P & string): number => (set as Record<string, number>)[name];
  if (names.some((name) => !Number.isFinite(value(standardErrors, name)))) return said('fit.notPinned');
  const vague = names.filter((name) => value(standardErrors, name) > UNCERTAINTY_LIMIT * value(params, name));
  if (vague.length === 1) return said('fit.uncertainOne', { name: label(vague[0]), limit: UNCERTAINTY_LIMIT });
  if (vague.length > 1) return said('fit.uncertainMany', { names: listOf(vague.map(label)), limit: UNCERTAINTY_LIMIT });
  return null;
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
 * The most repeat purchases one customer may have: above it a frequency is a data error (a total, an amount or an id
 * pasted into the column), not a customer. 300,000 is more than 800 purchase days a year for a whole year; the
 * tables the fits build grow with the largest frequency, and this keeps them to a few megabytes.
 */
export const MAX_FREQUENCY = 300_000;

/**
 * Checks one (frequency, recency, T, weight) row of a summary, `row` 0-based: frequency a whole number from 0 to
 * MAX_FREQUENCY, 0 ≤ recency ≤ T < ∞, recency 0 exactly when frequency is 0, weight ≥ 0. Throws a DataError naming
 * the column as CLV_FIT_SUMMARY names its arguments, and the row.
 */
export function checkSummaryRow(x: number, tx: number, T: number, w: number, row: number): void {
  // One combined test per row; the message is worked out only for a row that fails it.
  const fine =
    Number.isInteger(x) && x >= 0 && x <= MAX_FREQUENCY && tx >= 0 && T >= tx && T < Infinity && (x === 0 ? tx === 0 : tx > 0) && w >= 0 && w < Infinity;
  if (!fine) summaryRowError(x, tx, T, w, row);
}

function summaryRowError(x: number, tx: number, T: number, w: number, row: number): never {
  const at = (column: string): Said => said('where.row', { name: column, row: row + 1 });
  const fail = (column: string, message: Said): never => {
    throw new DataError(message, column, row);
  };
  if (!Number.isFinite(x)) fail('frequency', said('rfm.frequencyNotNumber', { at: at('frequency'), value: numberSaid(x) }));
  if (x < 0 || !Number.isInteger(x)) fail('frequency', said('rfm.frequencyNotWhole', { at: at('frequency'), value: formatNumber(x, 6) }));
  if (x > MAX_FREQUENCY) fail('frequency', said('rfm.frequencyTooLarge', { at: at('frequency'), value: x, most: MAX_FREQUENCY }));
  if (!(tx >= 0) || !Number.isFinite(tx)) fail('recency', said('rfm.recencyNegative', { at: at('recency'), value: numberSaid(tx) }));
  if (!Number.isFinite(T)) fail('T', said('rfm.ageNotNumber', { at: at('T'), value: numberSaid(T) }));
  if (!(T >= tx)) fail('recency', said('rfm.recencyAboveAge', { at: at('recency'), value: tx, T }));
  if (x === 0 && tx !== 0) fail('recency', said('rfm.recencyWithoutRepeat', { at: at('recency'), value: tx }));
  if (x > 0 && !(tx > 0)) fail('recency', said('rfm.recencyZero', { at: at('recency'), frequency: x }));
  return fail('weights', said('rfm.weight', { at: at('weights'), value: numberSaid(w) }));
}

/**
 * Checks the (frequency, recency, T) patterns of a purchase model (see checkSummaryRow). The row in a message is
 * the user's row: the first customer of the pattern when the patterns know their customers, else the pattern.
 */
export function checkPurchaseData(data: RfmPatterns): void {
  const { x: xs, tx: txs, T: Ts, w: ws } = data;
  for (let i = 0; i < data.count; i++) {
    const x = xs[i];
    const tx = txs[i];
    const T = Ts[i];
    const w = ws[i];
    const fine =
      Number.isInteger(x) && x >= 0 && x <= MAX_FREQUENCY && tx >= 0 && T >= tx && T < Infinity && (x === 0 ? tx === 0 : tx > 0) && w >= 0 && w < Infinity;
    if (!fine) summaryRowError(x, tx, T, w, firstRowOf(data, i));
  }
}

function firstRowOf(data: RfmPatterns, pattern: number): number {
  const rows = data.patternOf;
  if (!rows) return pattern;
  for (let row = 0; row < rows.length; row++) if (rows[row] === pattern) return row;
  return pattern;
}

/** The checks every purchase-model fit makes first: valid rows, at least 2 customers, some repeat buying. */
export function checkFittablePurchases(data: RfmPatterns): void {
  checkPurchaseData(data);
  if (!(data.customers >= 2)) {
    throw new DataError(said('fit.fewCustomers', { n: data.customers }));
  }
  if (repeatWeight(data) === 0) throw new DataError(said('fit.noRepeat'), 'frequency');
}

/** Σ w·T / Σ w: the data's time scale, to which the rate parameters' bounds are relative. */
export function meanAge(data: RfmPatterns): number {
  let weighted = 0;
  let total = 0;
  for (let i = 0; i < data.count; i++) {
    weighted += data.w[i] * data.T[i];
    total += data.w[i];
  }
  const mean = weighted / total;
  return mean > 0 && Number.isFinite(mean) ? mean : 1;
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
