/**
 * Prediction intervals: for each customer, the (1 − level)/2 and (1 + level)/2 quantiles of the predictive
 * distribution of her purchases in a horizon (PREDICT_PURCHASES) or of her discounted margin over the coming months
 * (CLV). The distribution holds both kinds of uncertainty:
 * - the fitted parameters': D draws θ_d from the estimate's asymptotic normal distribution in log space (the delta
 *   method turns FitResult.covariance, on the parameters' own scale, into Σ_ij / (θ_i θ_j)), so every draw is positive;
 *   with no covariance (a fit at the edge of its model) the parameters stay at the estimate;
 * - the customer's own: for each θ_d, whether she is still alive (weighted exactly by P(alive | history, θ_d) rather
 *   than drawn) and, if alive, S runs of the model's own process from her posterior rates (models/simulate.ts), and
 *   for CLV her spend: ν | history ~ Gamma(px + q, v + x·m) (Gamma-Gamma, the population's Gamma(q, v) without a
 *   repeat purchase of positive mean m) and each purchase's spend ~ Gamma(p, ν), with (p, q, v) drawn from the spend
 *   fit's covariance alike.
 * Customers alike share the work: given alive, the future depends on the history only through x and T, so the runs
 * are made once per x and age on a 1% grid (groupCustomers), and P(alive) once per distinct (x, t_x, T) and draw.
 * Every group takes its random stream from a fixed seed, its x and its grid index, so the answers do not depend on
 * the order of the rows or on the other customers (beyond the fit).
 * With D = 50 and S = 10, each customer's distribution is a weighted sample of 500 points: the Monte Carlo error of a
 * 10% quantile's probability level is about √(0.1·0.9/500) ≈ 0.013, less where the alive weighting does part of the
 * work. The draws of the parameters add less to it than their number suggests: they matter only as far as the fit's
 * uncertainty moves a customer's distribution, a few percent of its width with a hundred customers
 * (test/core/intervals.test.ts), so 50 of them place that spread well.
 */
import { DataError } from './errors';
import { said } from './i18n/said';
import { gammagamma } from './models/gammagamma';
import { groupByPair } from './models/common';
import { purchaseModel, type PurchaseModelName } from './models/registry';
import { BY_PERIOD_ABOVE } from './models/simulate';
import type { BoundSimulation } from './models/types';
import type { FitResult, ParamValues, PurchasePredictor } from './models/types';
import { monthlyDiscountRate } from './clv';
import { Random } from './random';
import { compressPatterns } from './rfm';
import { formatNumber } from './words';
import { DAYS_PER_UNIT, type TimeUnit } from './summary';

/** Draws of the parameters, and runs of each customer's process per draw. */
export const PARAMETER_DRAWS = 50;
export const RUNS_PER_DRAW = 10;
const SEED = 20_251_201;

export interface IntervalSettings {
  /** The probability the interval holds, e.g. 0.8 for the 10th and 90th percentiles. */
  level: number;
  parameterDraws?: number;
  runsPerDraw?: number;
  seed?: number;
  /** Histories × draws up to which P(alive) is exact (EXACT_ALIVE_LIMIT); for tests of the expansion. */
  exactAliveLimit?: number;
}

export interface Intervals {
  low: Float64Array;
  high: Float64Array;
}

export interface CountIntervals extends Intervals {
  /**
   * The probabilities the predictive distribution itself gives to fewer purchases than low and to more than high:
   * each at most (1 − level)/2, less for counts (a whole number of purchases cannot cut the distribution at exactly
   * 10%), so [low, high] holds at least `level`. What a calibration check compares the actual shares with.
   */
  below: Float64Array;
  above: Float64Array;
}

/** What a plain fit gives the draws: its estimates and, when known, their covariance in paramNames order. */
export interface Estimate {
  params: ParamValues;
  covariance?: number[][];
}

/**
 * `count` draws of the parameters from the asymptotic normal distribution of their logs: log θ ~ N(log θ̂, Σ_log),
 * Σ_log,ij = Σ_ij/(θ̂_i θ̂_j) (the delta method). Without a covariance, or with one whose log-scale Cholesky factor
 * fails, every draw is the estimate.
 */
export function drawParameters(names: readonly string[], estimate: Estimate, count: number, rng: Random): ParamValues[] {
  const k = names.length;
  const center = names.map((name) => estimate.params[name]);
  const factor = estimate.covariance ? logCholesky(estimate.covariance, center) : null;
  const draws: ParamValues[] = [];
  const z = new Float64Array(k);
  for (let d = 0; d < count; d++) {
    const values: Record<string, number> = {};
    if (factor) for (let i = 0; i < k; i++) z[i] = rng.normal();
    for (let i = 0; i < k; i++) {
      let shift = 0;
      if (factor) for (let j = 0; j <= i; j++) shift += factor[i * k + j] * z[j];
      // A draw beyond e^±30 of the estimate (a standard error of thousands of times the estimate, which a usable fit
      // does not have) is held there, so every parameter stays a positive finite number.
      values[names[i]] = center[i] * Math.exp(Math.max(-30, Math.min(30, shift)));
    }
    draws.push(values);
  }
  return draws;
}

/** Lower Cholesky factor of the log-scale covariance, row-major; null when it is not positive semi-definite or not finite. */
function logCholesky(covariance: number[][], center: number[]): Float64Array | null {
  const k = center.length;
  if (covariance.length !== k) return null;
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = covariance[i][j] / (center[i] * center[j]);
      for (let m = 0; m < j; m++) sum -= L[i * k + m] * L[j * k + m];
      if (i === j) {
        if (!(sum >= -1e-12)) return null;
        L[i * k + i] = Math.sqrt(Math.max(sum, 0));
      } else {
        L[i * k + j] = L[j * k + j] > 0 ? sum / L[j * k + j] : 0;
      }
      if (!Number.isFinite(L[i * k + j])) return null;
    }
  }
  return L;
}

/** The level as a probability strictly between 0 and 1. */
function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`interval level must be above 0 and below 1, got ${level}`);
}

/**
 * A random stream of its own for one frequency and age (its grid index): the same customers get the same draws
 * whatever else is in the data and in whatever order.
 */
function streamFor(seed: number, x: number, ageKey: number): Random {
  const words = new Float64Array([x, ageKey]);
  const bits = new Uint32Array(words.buffer);
  let h = seed >>> 0;
  for (let i = 0; i < bits.length; i++) {
    h = Math.imul(h ^ bits[i], 0x9e3779b1);
    h = (h << 13) | (h >>> 19);
  }
  return new Random(h >>> 0);
}

/**
 * The draws of a purchase fit, each with its predictor (for P(alive)) and its simulation; and what P(alive)'s
 * linear approximation needs: the predictor at the estimate, at the estimate with each log-parameter moved by
 * LOG_STEP, and each draw's log-parameter shifts (shifts[d·k + j] = log θ_dj − log θ̂_j).
 */
interface PurchaseDraws {
  predictors: PurchasePredictor[];
  simulations: BoundSimulation[];
  center: PurchasePredictor;
  moved: PurchasePredictor[];
  shifts: Float64Array;
}

const LOG_STEP = 1e-5;

function purchaseDraws(model: PurchaseModelName, fit: Estimate, count: number, rng: Random): PurchaseDraws {
  const descriptor = purchaseModel(model);
  const names = descriptor.paramNames;
  const draws = drawParameters(names, fit, count, rng);
  const k = names.length;
  const shifts = new Float64Array(count * k);
  draws.forEach((v, d) => names.forEach((name, j) => (shifts[d * k + j] = Math.log(v[name] / fit.params[name]))));
  const moved = names.map((name) => descriptor.predictorOf({ ...fit.params, [name]: fit.params[name] * Math.exp(LOG_STEP) }));
  return {
    predictors: draws.map((v) => descriptor.predictorOf(v)),
    simulations: draws.map((v) => purchaseModel(model).simulationOf(v)),
    center: descriptor.predictorOf(fit.params),
    moved,
    shifts,
  };
}

/**
 * Customers grouped by x and age, and within each group by distinct (x, t_x, T) history: `order` lists the customers
 * group by group, `start[g]` where group g begins, `age[g]` the age its futures are simulated at; `pattern` gives
 * each customer's distinct history. Ages are grouped on a grid of 1% in scale + T (AGE_STEP), the quantity the
 * posterior given alive depends on (simulate.ts): an age stands for ages within ±0.5% of its scale + T, far less than
 * the spread of a customer's rate, so a few hundred ages per frequency are simulated whatever the data.
 */
interface Grouping {
  groups: number;
  start: Int32Array;
  order: Int32Array;
  age: Float64Array;
  /** The age grid's index of each group: with x, what seeds the group's random stream. */
  ageKey: Float64Array;
  pattern: Int32Array;
  patterns: number;
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
}

const AGE_STEP = 0.01;

/**
 * Distinct (x, t_x, T) histories an interval may have: each needs P(alive) under every parameter draw, about 0.1 µs
 * a draw with BG/NBD and MBG/NBD and 0.6 µs with Pareto/NBD (two ₂F₁) on the benchmark's machine, so some 5 s of
 * a cell's 30 at the limit.
 */
export const INTERVAL_HISTORIES_LIMIT: Record<PurchaseModelName, number> = { bgnbd: 1_000_000, mbgnbd: 1_000_000, paretonbd: 150_000 };

function checkHistories(model: PurchaseModelName, grouping: Grouping): void {
  const most = INTERVAL_HISTORIES_LIMIT[model];
  if (grouping.patterns <= most) return;
  const words = { histories: said('core.differentHistories', { n: grouping.patterns }), model: purchaseModel(model).label, most };
  throw new DataError(said(model === 'paretonbd' ? 'interval.historiesPareto' : 'interval.histories', words), 'interval');
}

function groupCustomers(frequency: ArrayLike<number>, recency: ArrayLike<number>, T: ArrayLike<number>, modelScale: number): Grouping {
  const n = frequency.length;
  // The scale rounded to a quarter power of 2, so that a fit differing in its last digits (the rows in another order)
  // keeps every customer in the same group, with the same random stream.
  const scale = Math.pow(2, Math.round(Math.log2(modelScale) * 4) / 4);
  const ageKey = new Float64Array(n);
  for (let i = 0; i < n; i++) ageKey[i] = Math.round(Math.log1p(T[i] / scale) / AGE_STEP);
  const { groupOf, leaders } = groupByPair(frequency, ageKey);
  const groups = leaders.length;
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) start[groupOf[i] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const next = start.slice(0, groups);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[groupOf[i]]++] = i;
  const age = Float64Array.from(leaders, (c) => scale * Math.expm1(ageKey[c] * AGE_STEP));
  const compressed = compressPatterns(frequency, recency, T);
  return { groups, start, order, age, ageKey: Float64Array.from(leaders, (c) => ageKey[c]), pattern: compressed.patternOf, patterns: compressed.count, x: frequency, tx: recency, T };
}

/**
 * Distinct histories × draws up to which P(alive) is worked out under every draw exactly; beyond, by its first-order
 * expansion in the log-parameters (the delta method the draws come from): log-odds(θ_d) ≈ log-odds(θ̂) + Σ_j g_j ·
 * (log θ_dj − log θ̂_j), g from k + 1 evaluations instead of D. Many histories come with many customers, whose fit is
 * tight (a few percent), where the expansion is exact for all purposes: P(alive) of the benchmark's 80,000
 * histories from 5 evaluations each instead of 50 (a Pareto/NBD P(alive) takes two ₂F₁).
 */
export const EXACT_ALIVE_LIMIT = 2_000_000;

/**
 * P(alive) under every draw for the customers of one group, once per distinct history: alive[slot·D + d], `slotOf`
 * each member's slot (members in group order). `seen` (one entry per pattern, −1 when unseen) is scratch shared
 * across groups and left clean.
 */
class AliveTable {
  values = new Float64Array(0);
  slotOf = new Int32Array(0);
  private readonly seen: Int32Array;
  private readonly exact: boolean;
  private readonly gradient: Float64Array;

  constructor(
    patterns: number,
    private readonly draws: PurchaseDraws,
    exactLimit = EXACT_ALIVE_LIMIT,
  ) {
    this.seen = new Int32Array(patterns).fill(-1);
    this.exact = patterns * draws.predictors.length <= exactLimit;
    this.gradient = new Float64Array(draws.moved.length);
  }

  fill(grouping: Grouping, g: number): void {
    const { start, order, pattern } = grouping;
    const members = start[g + 1] - start[g];
    const D = this.draws.predictors.length;
    if (this.slotOf.length < members) this.slotOf = new Int32Array(Math.max(members, 2 * this.slotOf.length));
    let slots = 0;
    for (let k = 0; k < members; k++) {
      const c = order[start[g] + k];
      const p = pattern[c];
      if (this.seen[p] < 0) {
        this.seen[p] = slots++;
        if (this.values.length < slots * D) {
          const grown = new Float64Array(Math.max(slots * D, 2 * this.values.length));
          grown.set(this.values);
          this.values = grown;
        }
        this.history(grouping.x[c], grouping.tx[c], grouping.T[c], this.seen[p] * D);
      }
      this.slotOf[k] = this.seen[p];
    }
    for (let k = 0; k < members; k++) this.seen[pattern[order[start[g] + k]]] = -1;
  }

  private history(x: number, tx: number, T: number, at: number): void {
    const { predictors, center, moved, shifts } = this.draws;
    const D = predictors.length;
    if (!this.exact) {
      const base = logOdds(center.pAlive(x, tx, T));
      let usable = Number.isFinite(base);
      for (let j = 0; j < moved.length && usable; j++) {
        this.gradient[j] = (logOdds(moved[j].pAlive(x, tx, T)) - base) / LOG_STEP;
        usable = Number.isFinite(this.gradient[j]);
      }
      if (usable) {
        const k = moved.length;
        for (let d = 0; d < D; d++) {
          let odds = base;
          for (let j = 0; j < k; j++) odds += this.gradient[j] * shifts[d * k + j];
          this.values[at + d] = 1 / (1 + Math.exp(-odds));
        }
        return;
      }
    }
    // Exactly (also where P(alive) is 0 or 1, e.g. a BG/NBD customer without a repeat purchase).
    for (let d = 0; d < D; d++) this.values[at + d] = predictors[d].pAlive(x, tx, T);
  }
}

function logOdds(p: number): number {
  return Math.log(p) - Math.log1p(-p);
}

/**
 * Intervals of each customer's repeat purchases in (T, T + t]: `level` of her predictive distribution between low
 * and high, low the smallest count whose cumulative probability reaches (1 − level)/2, high the smallest reaching
 * (1 + level)/2.
 */
export function purchaseIntervals(
  model: PurchaseModelName,
  fit: Estimate,
  histories: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number> },
  t: number,
  settings: IntervalSettings,
): CountIntervals {
  checkLevel(settings.level);
  const D = settings.parameterDraws ?? PARAMETER_DRAWS;
  const S = settings.runsPerDraw ?? RUNS_PER_DRAW;
  const seed = settings.seed ?? SEED;
  const n = histories.frequency.length;
  const out: CountIntervals = { low: new Float64Array(n), high: new Float64Array(n), below: new Float64Array(n), above: new Float64Array(n) };
  if (n === 0) return out;
  const draws = purchaseDraws(model, fit, D, new Random(seed));
  const simulations = draws.simulations;
  const grouping = groupCustomers(histories.frequency, histories.recency, histories.T, purchaseModel(model).simulationOf(fit.params).ageScale);
  checkHistories(model, grouping);
  const alive = new AliveTable(grouping.patterns, draws, settings.exactAliveLimit);
  const counts = new Float64Array(D * S);
  const lowTarget = (1 - settings.level) / 2;
  const highTarget = (1 + settings.level) / 2;
  const M = D * S;
  // The runs of a group in order of their count (key count·M + run), read per customer with her weights.
  const keys = new Float64Array(M);
  const sortedRun = new Int32Array(M);
  const sortedCount = new Float64Array(M);
  for (let g = 0; g < grouping.groups; g++) {
    const x = grouping.x[grouping.order[grouping.start[g]]];
    const T = grouping.age[g];
    const rng = streamFor(seed, x, grouping.ageKey[g]);
    for (let d = 0; d < D; d++) simulations[d].counts(x, T, t, rng, counts, d * S, S);
    for (let k = 0; k < M; k++) keys[k] = counts[k] * M + k;
    keys.sort();
    for (let i = 0; i < M; i++) {
      sortedRun[i] = keys[i] % M;
      sortedCount[i] = counts[sortedRun[i]];
    }
    alive.fill(grouping, g);
    const members = grouping.start[g + 1] - grouping.start[g];
    // Customers of one distinct history get the same interval: worked out for the first, copied for the others.
    const doneSlot = new Int32Array(members).fill(-1);
    for (let m = 0; m < members; m++) {
      const c = grouping.order[grouping.start[g] + m];
      const slot = alive.slotOf[m];
      const twin = doneSlot[slot];
      if (twin >= 0) {
        out.low[c] = out.low[twin];
        out.high[c] = out.high[twin];
        out.below[c] = out.below[twin];
        out.above[c] = out.above[twin];
        continue;
      }
      doneSlot[slot] = c;
      const weights = alive.values.subarray(slot * D, (slot + 1) * D);
      // F(v) = P(count ≤ v): the chance she has stopped (a count of 0) plus the weights of the runs up to v, value
      // by value; `before` is P(count < v).
      let cumulative = 0;
      for (let d = 0; d < D; d++) cumulative += 1 - weights[d];
      cumulative /= D;
      let i = 0;
      while (i < M && sortedCount[i] === 0) cumulative += weights[Math.floor(sortedRun[i++] / S)] / M;
      let v = 0;
      let before = 0;
      let low = -1;
      let belowLow = 0;
      let high: number;
      for (;;) {
        if (low < 0 && (cumulative >= lowTarget - 1e-12 || i === M)) {
          low = v;
          belowLow = before;
        }
        if (cumulative >= highTarget - 1e-12 || i === M) {
          high = v;
          break;
        }
        before = cumulative;
        v = sortedCount[i];
        while (i < M && sortedCount[i] === v) cumulative += weights[Math.floor(sortedRun[i++] / S)] / M;
      }
      out.low[c] = low;
      out.high[c] = high;
      out.below[c] = belowLow;
      out.above[c] = Math.max(0, 1 - cumulative);
    }
  }
  return out;
}

export interface ClvIntervalOptions {
  horizonMonths: number;
  annualDiscountRate: number;
  /** The unit the purchase model was fitted in (recency and T are in it). */
  unit: TimeUnit;
  /** Share of spend kept: one for everyone, or one per customer. */
  margin: number | ArrayLike<number>;
}

/**
 * Steps the simulation of a CLV interval may take, a step being one simulated purchase of a light buyer or a third
 * of a month of a heavy one (models/simulate.ts): about 8 s on the benchmark's machine. The benchmark's 12-month CLV
 * of 100,000 customers takes about 50 million; beyond the limit (long horizons) each parameter draw gets fewer runs,
 * down to MIN_RUNS_PER_DRAW, and past that the interval is refused.
 */
export const SIMULATION_STEPS_LIMIT = 100_000_000;
export const MIN_RUNS_PER_DRAW = 2;

/**
 * Intervals of each customer's discounted margin over the horizon (the CLV column's quantity): each simulated
 * purchase in month i (its time in ((i−1), i] months after T) is discounted by (1 + monthly rate)^−i, as the CLV is.
 */
export function clvIntervals(
  model: PurchaseModelName,
  purchaseFit: Estimate,
  spendFit: Estimate,
  histories: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetaryValue: ArrayLike<number> },
  options: ClvIntervalOptions,
  settings: IntervalSettings,
): Intervals {
  checkLevel(settings.level);
  const D = settings.parameterDraws ?? PARAMETER_DRAWS;
  const seed = settings.seed ?? SEED;
  const n = histories.frequency.length;
  const out: Intervals = { low: new Float64Array(n), high: new Float64Array(n) };
  if (n === 0) return out;
  const rng = new Random(seed);
  const draws = purchaseDraws(model, purchaseFit, D, rng);
  const simulations = draws.simulations;
  const spendDraws = drawParameters(gammagamma.paramNames, spendFit, D, rng);
  const grouping = groupCustomers(histories.frequency, histories.recency, histories.T, purchaseModel(model).simulationOf(purchaseFit.params).ageScale);
  checkHistories(model, grouping);
  const alive = new AliveTable(grouping.patterns, draws, settings.exactAliveLimit);
  const months = Math.round(options.horizonMonths);
  const monthLength = DAYS_PER_UNIT.month / DAYS_PER_UNIT[options.unit];
  const S = runsWithinBudget(grouping, simulations[0], months, monthLength, D, settings.runsPerDraw ?? RUNS_PER_DRAW);
  const discount = 1 / (1 + monthlyDiscountRate(options.annualDiscountRate));
  const discounts = Float64Array.from({ length: months + 1 }, (_, i) => Math.pow(discount, i));
  const M = D * S;
  // Per run k: Σ_j G_j · discount(month of purchase j) with G_j ~ Gamma(p, 1), over a standard Gamma draw of the
  // customer's spend rate (shape px + q having learnt from repeat spend, q without): spend_j = G_j/ν with
  // ν = Gamma/(v + x·m), or Gamma/v. So a run's discounted spend is (v + x·m) · spendOver[k], the same for everyone
  // of the group but for the factor.
  const spendSum = new Float64Array(M);
  const learning = new Float64Array(M);
  const notLearning = new Float64Array(M);
  const perMonth = new Float64Array(months);
  const values = new Float64Array(M + 1);
  const weights = new Float64Array(M + 1);
  const lowTarget = (1 - settings.level) / 2;
  const highTarget = (1 + settings.level) / 2;
  const marginOf = (c: number): number => (typeof options.margin === 'number' ? options.margin : options.margin[c]);
  for (let g = 0; g < grouping.groups; g++) {
    const begin = grouping.start[g];
    const members = grouping.start[g + 1] - begin;
    const x = grouping.x[grouping.order[begin]];
    const T = grouping.age[g];
    const stream = streamFor(seed, x, grouping.ageKey[g]);
    for (let d = 0; d < D; d++) {
      const { p, q } = spendDraws[d];
      for (let k = d * S; k < (d + 1) * S; k++) {
        const used = simulations[d].periods(x, T, monthLength, months, stream, perMonth);
        spendSum[k] = discountedSpend(perMonth, used, discounts, p, stream);
        learning[k] = x > 0 ? spendSum[k] / stream.gamma(p * x + q, 1) : 0;
      }
    }
    let someNotLearning = x === 0;
    for (let m = 0; m < members && !someNotLearning; m++) someNotLearning = !(histories.monetaryValue[grouping.order[begin + m]] > 0);
    if (someNotLearning) {
      // From a stream of its own, so the draws above do not depend on whether the group has such a customer.
      const other = streamFor(seed + 1, x, grouping.ageKey[g]);
      for (let d = 0; d < D; d++) for (let k = d * S; k < (d + 1) * S; k++) notLearning[k] = spendSum[k] / other.gamma(spendDraws[d].q, 1);
    }
    alive.fill(grouping, g);
    for (let m = 0; m < members; m++) {
      const c = grouping.order[begin + m];
      const slot = alive.slotOf[m];
      const spend = histories.monetaryValue[c];
      const learns = x > 0 && spend > 0;
      const over = learns ? learning : notLearning;
      const margin = marginOf(c);
      let dead = 0;
      for (let d = 0; d < D; d++) dead += 1 - alive.values[slot * D + d];
      dead /= D;
      if (dead >= highTarget) {
        // She has most likely stopped: both ends are 0 (the mean still counts her chance of coming back).
        out.low[c] = 0;
        out.high[c] = 0;
        continue;
      }
      for (let d = 0; d < D; d++) {
        const w = alive.values[slot * D + d] / M;
        const v = spendDraws[d].v;
        const scale = margin * (learns ? v + x * spend : v);
        for (let k = d * S; k < (d + 1) * S; k++) {
          values[k] = scale * over[k];
          weights[k] = w;
        }
      }
      values[M] = 0;
      weights[M] = dead;
      out.low[c] = dead >= lowTarget ? 0 : weightedQuantile(values, weights, M + 1, lowTarget);
      out.high[c] = weightedQuantile(values, weights, M + 1, highTarget);
    }
  }
  return out;
}

/**
 * Discount factors of a run's purchase months closer than this (the last month's at least this share of the
 * first's) are taken as their purchase-weighted mean, with one Gamma draw for all its spend: 12 months at 10% a year
 * (a ratio of 0.916). What that leaves out is how the spend happens to fall across those months, at most
 * ((1 − 0.9)/(1 + 0.9))² ≈ 0.3% of the variance of the run's discounted spend, against a draw per month.
 */
const CLOSE_DISCOUNTS = 0.9;

/**
 * Σ_j G_j · discount(month of purchase j), G_j ~ Gamma(p, 1) the spend of purchase j in units of 1/ν, for a run
 * with perMonth[i] purchases in month i + 1: the spends of a month's n purchases add up to one Gamma(np, 1), and
 * those of months with close discounts (CLOSE_DISCOUNTS) to one Gamma as well.
 */
function discountedSpend(perMonth: Float64Array, used: number, discounts: Float64Array, p: number, rng: Random): number {
  let purchases = 0;
  let weighted = 0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < used; i++) {
    if (perMonth[i] > 0) {
      purchases += perMonth[i];
      weighted += discounts[i + 1] * perMonth[i];
      if (first < 0) first = i;
      last = i;
    }
  }
  if (purchases === 0) return 0;
  if (discounts[last + 1] >= CLOSE_DISCOUNTS * discounts[first + 1]) return (weighted / purchases) * rng.gamma(purchases * p, 1);
  let sum = 0;
  for (let i = first; i <= last; i++) if (perMonth[i] > 0) sum += discounts[i + 1] * rng.gamma(perMonth[i] * p, 1);
  return sum;
}

/**
 * The runs per parameter draw that keep a CLV interval's simulation within SIMULATION_STEPS_LIMIT, at most `wanted`;
 * a DataError when even MIN_RUNS_PER_DRAW would not.
 */
function runsWithinBudget(grouping: Grouping, simulation: BoundSimulation, months: number, monthLength: number, draws: number, wanted: number): number {
  let steps = 0;
  for (let g = 0; g < grouping.groups; g++) {
    const purchases = simulation.meanRate(grouping.x[grouping.order[grouping.start[g]]], grouping.age[g]) * months * monthLength;
    steps += purchases <= BY_PERIOD_ABOVE * months ? 2 + purchases : 3 * months;
  }
  const runs = Math.min(wanted, Math.floor(SIMULATION_STEPS_LIMIT / (steps * draws)));
  if (runs >= MIN_RUNS_PER_DRAW) return runs;
  const most = Math.max(1, Math.floor((months * SIMULATION_STEPS_LIMIT) / (steps * draws * MIN_RUNS_PER_DRAW)));
  const words = { months: said('core.months', { n: months }), steps: formatNumber(steps * draws * MIN_RUNS_PER_DRAW, 2), most };
  throw new DataError(said('interval.horizon', words), 'interval');
}

/**
 * The smallest value whose cumulative weight reaches q·(total weight), by a weighted quickselect (expected linear
 * time). Reorders values and weights together, keeping them as a set.
 */
export function weightedQuantile(values: Float64Array, weights: Float64Array, n: number, q: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  const target = q * total * (1 - 1e-12);
  let lo = 0;
  let hi = n - 1;
  let before = 0; // weight of the values known to lie below lo's part
  while (lo < hi) {
    const pivot = median3(values[lo], values[(lo + hi) >> 1], values[hi]);
    // Three-way partition of [lo, hi]: below pivot in [lo, lt), equal in [lt, i), above in (gt, hi].
    let lt = lo;
    let i = lo;
    let gt = hi;
    let less = 0;
    let equal = 0;
    while (i <= gt) {
      const v = values[i];
      if (v < pivot) {
        less += weights[i];
        swap(values, weights, lt++, i++);
      } else if (v > pivot) {
        swap(values, weights, i, gt--);
      } else {
        equal += weights[i];
        i++;
      }
    }
    if (before + less >= target && lt > lo) hi = lt - 1;
    else if (before + less + equal >= target || gt >= hi) return pivot;
    else {
      before += less + equal;
      lo = gt + 1;
    }
  }
  return values[lo];
}

function median3(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

function swap(values: Float64Array, weights: Float64Array, i: number, j: number): void {
  const v = values[i];
  values[i] = values[j];
  values[j] = v;
  const w = weights[i];
  weights[i] = weights[j];
  weights[j] = w;
}

/** The fit's estimate and covariance, as the draws take them. */
export function estimateOf(fit: FitResult<ParamValues>): Estimate {
  return { params: fit.params, covariance: fit.covariance };
}
