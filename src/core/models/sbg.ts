/**
 * Shifted-beta-geometric (sBG) model of contract renewals: Fader & Hardie (2007), "How to project customer
 * retention", Journal of Interactive Marketing 21(1), 76–90; the discounted expected residual lifetime is from
 * Fader & Hardie (2010), "Customer-base valuation in a contractual setting: the perils of ignoring
 * heterogeneity", Marketing Science 29(1), 85–93.
 *
 * Story: at the end of each period a customer cancels with her own probability θ, which stays the same over her
 * lifetime; across customers θ ~ Beta(α, β). T is the period in which she cancels (T = 1, 2, …), and
 *
 *     S(t) = P(T > t) = B(α, β + t) / B(α, β),   P(T = t) = S(t − 1) · α / (α + β + t − 1).
 *
 * Aggregate retention rises over time only because the customers likeliest to leave leave first.
 */
import { DataError } from '../errors';
import { covarianceFromLogHessian, maximize, standardErrorsFromLogHessian } from '../optimize';
import { betaln, hyp2f1 } from '../special';
import { problemOf, uncertainty } from './common';
import { defineModel } from './define';
import type { FitOptions, FitResult, ParamNames, RetentionModel, RetentionPredictor } from './types';
import { formatNumber, formatPercent } from '../words';
import { said, type Said } from '../i18n/said';

export type SbgParams = {
  /** With β, the Beta distribution of the per-period churn probability; its mean is α/(α+β). */
  alpha: number;
  beta: number;
};

export const SBG_PARAM_NAMES: ParamNames<SbgParams> = ['alpha', 'beta'];


/** One cohort as the likelihood sees it: customers lost in periods 1..N and those still active after N. */
export interface SbgCohort {
  /** lost[t − 1] = customers who cancelled in period t. */
  lost: Float64Array;
  /** Customers still active after the last period: right-censored. */
  stillActive: number;
  /** Customers at the start of period 1. */
  size: number;
}

/** The argument of RETENTION_FIT and RETENTION_FORECAST that holds the cohort, as messages name it. */
const ACTIVE = 'active_customers';

/**
 * Reads a cohort from the column a spreadsheet user keeps: customers active at the start of period 0, 1, 2, …
 * (the first value is the cohort size). Throws DataError naming the row of the first bad value.
 */
export function sbgCohortFromSurvivors(active: ArrayLike<number>): SbgCohort {
  if (active.length < 2) {
    throw new DataError(said('sbg.tooFew', { argument: ACTIVE, n: active.length }), ACTIVE);
  }
  const size = checkedCount(active, 0);
  if (!(size > 0)) throw new DataError(said('sbg.size', { at: rowOf(0), value: size }), ACTIVE, 0);
  const lost = new Float64Array(active.length - 1);
  let previous = size;
  for (let i = 1; i < active.length; i++) {
    const value = checkedCount(active, i);
    if (value > previous) {
      throw new DataError(said('sbg.rising', { at: rowOf(i), value, previous }), ACTIVE, i);
    }
    lost[i - 1] = previous - value;
    previous = value;
  }
  if (previous === size) {
    throw new DataError(said('sbg.noChurn', { n: lost.length }), ACTIVE);
  }
  return { lost, stillActive: previous, size };
}

function checkedCount(active: ArrayLike<number>, i: number): number {
  const value = active[i];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DataError(said('sbg.notNumber', { at: rowOf(i), value: String(value) }), ACTIVE, i);
  }
  if (value < 0) throw new DataError(said('sbg.negative', { at: rowOf(i), value }), ACTIVE, i);
  return value;
}

/** Row i (0-based) of the cohort's argument, as messages name it. */
function rowOf(i: number): Said {
  return said('where.row', { name: ACTIVE, row: i + 1 });
}

/** Log-likelihood with its gradient and Hessian (2×2 row-major) in (α, β). */
interface Derivatives {
  value: number;
  gradient: Float64Array;
  hessian: Float64Array;
}

/**
 * LL = Σ_t n_t log P(T = t) + S_N log S(N), walking S(t) forward by its one-period ratio r_t so that no special
 * function is needed: log S(t) = Σ_{j ≤ t} log r_j with r_j = (β + j − 1)/(α + β + j − 1).
 */
function cohortLogLikelihood(params: SbgParams, cohort: SbgCohort): Derivatives {
  const { alpha: a, beta: b } = params;
  // log S(t−1) and its derivatives, starting from S(0) = 1.
  let logS = 0;
  let sA = 0;
  let sB = 0;
  let sAA = 0;
  let sAB = 0;
  let sBB = 0;
  let value = 0;
  const g = new Float64Array(2);
  const h = new Float64Array(4);
  const addWeighted = (w: number, v: number, dA: number, dB: number, dAA: number, dAB: number, dBB: number): void => {
    if (w === 0) return; // avoids 0 · (−∞) when a probability underflows
    value += w * v;
    g[0] += w * dA;
    g[1] += w * dB;
    h[0] += w * dAA;
    h[1] += w * dAB;
    h[3] += w * dBB;
  };
  for (let t = 1; t <= cohort.lost.length; t++) {
    const total = a + b + t - 1;
    const inv = 1 / total;
    const inv2 = inv * inv;
    // P(T = t) = S(t−1) · α / (α + β + t − 1)
    addWeighted(
      cohort.lost[t - 1],
      logS + Math.log(a) - Math.log(total),
      sA + 1 / a - inv,
      sB - inv,
      sAA - 1 / (a * a) + inv2,
      sAB + inv2,
      sBB + inv2,
    );
    // S(t) = S(t−1) · (β + t − 1)/(α + β + t − 1); log1p keeps the ratio accurate when it is close to 1.
    const stay = b + t - 1;
    logS -= Math.log1p(a / stay);
    sA -= inv;
    sB += 1 / stay - inv;
    sAA += inv2;
    sAB += inv2;
    sBB += inv2 - 1 / (stay * stay);
  }
  addWeighted(cohort.stillActive, logS, sA, sB, sAA, sAB, sBB);
  h[2] = h[1];
  return { value, gradient: g, hessian: h };
}

export function sbgLogLikelihood(params: SbgParams, cohort: SbgCohort): number {
  return cohortLogLikelihood(params, cohort).value;
}

/** Gradient of the log-likelihood in (α, β). */
export function sbgLogLikelihoodGradient(params: SbgParams, cohort: SbgCohort): Float64Array {
  return cohortLogLikelihood(params, cohort).gradient;
}

/** The same on u = log(α, β): what the optimizer climbs, so both parameters stay positive. */
function logSpaceObjective(cohort: SbgCohort) {
  return (u: Float64Array, wantHessian: boolean) => {
    const theta = [Math.exp(u[0]), Math.exp(u[1])];
    const d = cohortLogLikelihood({ alpha: theta[0], beta: theta[1] }, cohort);
    const gradient = new Float64Array([theta[0] * d.gradient[0], theta[1] * d.gradient[1]]);
    if (!wantHessian) return { value: d.value, gradient };
    // Chain rule for θ = e^u: H_u = diag(θ) H_θ diag(θ) + diag(θ ∘ g_θ).
    const hessian = new Float64Array(4);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) hessian[2 * i + j] = theta[i] * theta[j] * d.hessian[2 * i + j];
      hessian[3 * i] += gradient[i];
    }
    return { value: d.value, gradient, hessian };
  };
}

/**
 * Fits α and β to one cohort's column of customers still active at the start of period 0, 1, 2, …
 * (lost in period t = active[t−1] − active[t]). Throws DataError for a column that is not one cohort.
 */
export function sbgFitSurvivors(active: ArrayLike<number>, options: FitOptions = {}): FitResult<SbgParams> {
  const cohort = sbgCohortFromSurvivors(active);
  const start = options.start ?? startingValues(cohort);
  if (start.length !== 2 || !start.every((v) => v > 0 && Number.isFinite(v))) {
    throw new RangeError(`sBG: starting values must be two positive numbers (alpha, beta); got ${start.join(', ')}`);
  }
  const result = maximize(logSpaceObjective(cohort), new Float64Array(start.map(Math.log)), {
    maxIterations: options.maxIterations,
    lower: [Math.log(LOWER), Math.log(LOWER)],
    upper: [Math.log(UPPER), Math.log(UPPER)],
  });
  const alpha = Math.exp(result.u[0]);
  const beta = Math.exp(result.u[1]);
  const se = standardErrorsFromLogHessian(new Float64Array([alpha, beta]), result.hessian);
  const params = { alpha, beta };
  const standardErrors = { alpha: se[0], beta: se[1] };
  const problem = fitProblem(cohort, result.converged, result.message, alpha, beta) ?? uncertainty(SBG_PARAM_NAMES, params, standardErrors);
  return {
    params,
    standardErrors,
    covariance: covarianceFromLogHessian([alpha, beta], result.hessian),
    logLikelihood: result.value,
    converged: problem === null,
    ...problemOf(problem),
    iterations: result.iterations,
    customers: cohort.size,
  };
}

/** α = 1 and β set so that α/(α+β) is the first period's churn: close enough for Newton to take it from there. */
function startingValues(cohort: SbgCohort): number[] {
  const firstChurn = Math.min(Math.max(cohort.lost[0] / cohort.size, 0.01), 0.99);
  return [1, (1 - firstChurn) / firstChurn];
}

/** Above this α + β the Beta distribution is a spike: every customer churns at the same rate. */
const NO_HETEROGENEITY = 1e6;
/** Parameters beyond these bounds have run off towards 0 or infinity rather than settled. */
const TINY = 1e-6;
/** The box the fit searches (documented in the README): α and β in [1e-7, 1e7], past TINY and NO_HETEROGENEITY. */
const LOWER = 1e-7;
const UPPER = 1e7;

/** null when the estimates can be used as they are; otherwise what went wrong and what it means, in plain words. */
function fitProblem(cohort: SbgCohort, converged: boolean, optimizerMessage: Said | null, alpha: number, beta: number): Said | null {
  const churn = formatPercent(alpha / (alpha + beta));
  if (cohort.lost.length < 2) return said('sbg.onePeriod', { churn });
  if (alpha + beta > NO_HETEROGENEITY) return said('sbg.sameChurn', { churn });
  if (beta < TINY) return said('sbg.allLeft');
  if (alpha < TINY) return said('sbg.nobodyLeaves');
  return converged ? null : optimizerMessage;
}

function checkParams(params: SbgParams): void {
  if (!(params.alpha > 0 && params.beta > 0 && Number.isFinite(params.alpha) && Number.isFinite(params.beta))) {
    throw new RangeError(`sBG: alpha and beta must be positive numbers; got ${params.alpha} and ${params.beta}`);
  }
}

function checkPeriod(name: string, t: number, least: number): void {
  if (!Number.isInteger(t) || t < least) throw new RangeError(`sBG: ${name} must be a whole number ≥ ${least}; got ${t}`);
}

/** S(t) = P(T > t): the share of a new cohort still active after t periods. */
export function sbgSurvival(params: SbgParams, t: number): number {
  checkParams(params);
  checkPeriod('period', t, 0);
  return Math.exp(logSurvival(params.alpha, params.beta, t));
}

/** log S(t) = log B(α, β+t) − log B(α, β); betaln stays accurate for a large second argument, so any t is fine. */
function logSurvival(a: number, b: number, t: number): number {
  return t === 0 ? 0 : betaln(a, b + t) - betaln(a, b);
}

/** P(T = t): the share of a new cohort that cancels in period t (t ≥ 1). */
export function sbgChurnProbability(params: SbgParams, t: number): number {
  checkParams(params);
  checkPeriod('period', t, 1);
  const { alpha: a, beta: b } = params;
  return Math.exp(logSurvival(a, b, t - 1)) * (a / (a + b + t - 1));
}

/** r_t = S(t)/S(t−1) = (β + t − 1)/(α + β + t − 1): the share of those active in period t − 1 who renew (t ≥ 1). */
export function sbgRetentionRate(params: SbgParams, t: number): number {
  checkParams(params);
  checkPeriod('period', t, 1);
  return (params.beta + t - 1) / (params.alpha + params.beta + t - 1);
}

/** Expected customers of a cohort of `cohortSize` still active at the start of periods 0..lastPeriod. */
export function sbgExpectedSurvivors(params: SbgParams, cohortSize: number, lastPeriod: number): Float64Array {
  checkParams(params);
  checkPeriod('last period', lastPeriod, 0);
  if (!(cohortSize >= 0) || !Number.isFinite(cohortSize)) {
    throw new RangeError(`sBG: cohort size must be a number ≥ 0; got ${cohortSize}`);
  }
  const out = new Float64Array(lastPeriod + 1);
  for (let t = 0; t <= lastPeriod; t++) out[t] = cohortSize * Math.exp(logSurvival(params.alpha, params.beta, t));
  return out;
}

/**
 * Σ_{t=1}^{periods} S(t): the expected number of renewals of a new customer within the next `periods` periods
 * (also the survival side of BG/BB, whose drop-out process is this one). `periods` may be Infinity when α > 1.
 */
export function sbgSurvivalSum(params: SbgParams, periods: number): number {
  checkParams(params);
  const { alpha: a, beta: b } = params;
  if (periods === Infinity) {
    if (a <= 1) throw new RangeError(infiniteLifetimeMessage(a));
    return b / (a - 1);
  }
  checkPeriod('number of periods', periods, 0);
  if (periods === 0) return 0;
  if (Math.abs(a - 1) < 1e-3) return survivalSumBySteps(a, b, periods);
  // Telescoping: (α−1) S(t) = (α+β+t−1) S(t) − (α+β+t) S(t+1), and (α+β) S(1) = β, so
  // Σ_{t=1}^{N} S(t) = [β − (α+β+N) S(N+1)] / (α − 1): O(1) for any horizon.
  return (b - (a + b + periods) * Math.exp(logSurvival(a, b, periods + 1))) / (a - 1);
}

/** Near α = 1 the closed form divides a small difference by α − 1; the plain sum is then the accurate one. */
function survivalSumBySteps(a: number, b: number, periods: number): number {
  let s = 1;
  let sum = 0;
  for (let t = 1; t <= periods; t++) {
    s *= (b + t - 1) / (a + b + t - 1);
    sum += s;
  }
  return sum;
}

function infiniteLifetimeMessage(alpha: number): string {
  return (
    `With alpha = ${round(alpha)} (1 or less) the expected remaining lifetime without discounting is infinite: ` +
    'the most loyal customers are expected never to leave. Give a discount rate above 0.'
  );
}

function round(value: number): string {
  return formatNumber(value);
}

/**
 * Discounted expected residual lifetime of a customer in her n-th period (she has made n − 1 renewals; n = 1 for
 * one just acquired), with discount rate d per period (Fader & Hardie 2010):
 *
 *     DERL = Σ_{t ≥ n} S(t)/S(n−1) / (1+d)^(t−n) = (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d)).
 *
 * It counts her renewals from the coming one on, the coming one undiscounted: the value of an active customer
 * about to renew is margin × DERL. With d = 0 it is the expected number of further renewals, (β+n−1)/(α−1),
 * finite only when α > 1: for α ≤ 1 a RangeError says so (a cell must not show Infinity).
 */
export function sbgDerl(params: SbgParams, n: number, discountRate: number): number {
  checkParams(params);
  checkPeriod('n (the period the customer is in; 1 for a new customer)', n, 1);
  if (!(discountRate >= 0) || !Number.isFinite(discountRate)) {
    throw new RangeError(`sBG: discount rate must be a number ≥ 0; got ${discountRate}`);
  }
  const { alpha: a, beta: b } = params;
  if (discountRate === 0) {
    if (a <= 1) throw new RangeError(infiniteLifetimeMessage(a));
    return (b + n - 1) / (a - 1);
  }
  return ((b + n - 1) / (a + b + n - 1)) * hyp2f1(1, b + n, a + b + n, 1 / (1 + discountRate));
}

/** The shifted-beta-geometric model in the registry: its data are one cohort's active customers, period by period. */
export const sbg: RetentionModel<'sbg', SbgParams> = defineModel({
  name: 'sbg',
  label: 'shifted-beta-geometric',
  kind: 'retention',
  paramNames: SBG_PARAM_NAMES,
  logLikelihood: (params: SbgParams, active: ArrayLike<number>) => sbgLogLikelihood(params, sbgCohortFromSurvivors(active)),
  fit: sbgFitSurvivors,
  predictor: (params: SbgParams): RetentionPredictor => ({
    survival: (t) => sbgSurvival(params, t),
    retentionRate: (t) => sbgRetentionRate(params, t),
    expectedSurvivors: (size, last) => sbgExpectedSurvivors(params, size, last),
    derl: (n, d) => sbgDerl(params, n, d),
  }),
  read: (v) => ({ alpha: v.alpha, beta: v.beta }),
});
