/**
 * BG/BB model of repeat transactions at discrete opportunities: Fader, Hardie & Shang (2010), "Customer-base
 * analysis in a discrete-time noncontractual setting", Marketing Science 29(6), 1086–1108.
 *
 * Story: after the first transaction (opportunity 0) come opportunities 1, 2, …, n. While alive a customer
 * transacts at each with her own probability p, p ~ Beta(α, β) across customers; at the start of each opportunity
 * she dies with her own probability θ, θ ~ Beta(γ, δ). Dead customers never come back, and nobody sees deaths.
 * Data per customer: x = transactions in opportunities 1..n, t_x = the opportunity of the last one (0 if none).
 *
 * Parameter order and names follow the paper: alpha, beta (transaction), gamma, delta (drop-out).
 */
import { DataError } from '../errors';
import { covarianceFromLogHessian, maximize, standardErrorsFromLogHessian } from '../optimize';
import { betaln, digamma, gammaln, logSumExp, trigamma } from '../special';
import { checkWeights, listOf, numberSaid, problemOf, risingTable, uncertainty, type RisingTable } from './common';
import { sbgSurvival, sbgSurvivalSum } from './sbg';
import { defineModel } from './define';
import { bgbbCountProbabilities, bgbbCountProbabilitiesNew } from './counts';
import { bgbbDert } from './dert';
import type { FitOptions, FitResult, OpportunityModel, ParamNames, PurchaseCountPredictor, RfmPatterns } from './types';
import { formatPercent } from '../words';
import { said, type Said, type SaidValue } from '../i18n/said';

export type BgBbParams = {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
};

export const BGBB_PARAM_NAMES: ParamNames<BgBbParams> = ['alpha', 'beta', 'gamma', 'delta'];

/**
 * Most opportunity terms a fit may sum in one likelihood pass, Σ (n − t_x) over the distinct histories: the sum runs
 * over every opportunity after the last transaction, so this keeps a fit within a cell's time. Longer histories are
 * refused with a DataError rather than left to run.
 */
export const MAX_OPPORTUNITY_TERMS = 5_000_000;

/**
 * Work a whole fit may do, over all its likelihood passes, in opportunity terms (about 70 ns each with the Hessian):
 * some 10 seconds. A pass costs its terms and PATTERN_COST for each distinct history. A fit that needs more stops,
 * not converged, saying so.
 */
const FIT_WORK_BUDGET = 150_000_000;
/** What one distinct history costs a pass besides its terms, in terms: its moments are merged in small arrays. */
const PATTERN_COST = 150;

/**
 * Checks one history: whole numbers with 0 ≤ x ≤ t_x ≤ n, and t_x = 0 exactly when x = 0.
 * Throws DataError; given the row's 0-based index, the message names it as CLV_FIT_SUMMARY's column and row
 * ("recency row 17").
 */
export function checkBgBbRow(x: number, tx: number, n: number, row?: number): void {
  const at = (column: string): SaidValue => (row === undefined ? column : said('where.row', { name: column, row: row + 1 }));
  const fail = (column: string, message: Said): never => {
    throw new DataError(message, column, row);
  };
  if (!isCount(x)) fail('frequency', said('bgbb.frequency', { at: at('frequency'), value: numberSaid(x) }));
  if (!isCount(tx)) fail('recency', said('bgbb.recency', { at: at('recency'), value: numberSaid(tx) }));
  if (!isCount(n)) fail('T', said('bgbb.T', { at: at('T'), value: numberSaid(n) }));
  if (tx > n) fail('recency', said('bgbb.recencyAfterT', { at: at('recency'), value: tx, T: n }));
  if (x === 0 && tx > 0) fail('recency', said('bgbb.recencyWithoutUse', { at: at('recency'), value: tx }));
  if (x > 0 && tx === 0) fail('recency', said('bgbb.recencyZero', { at: at('recency'), value: tx, frequency: x }));
  if (x > tx) fail('frequency', said('bgbb.frequencyAboveRecency', { at: at('frequency'), value: x, recency: tx }));
}

function isCount(v: number): boolean {
  return Number.isInteger(v) && v >= 0;
}

function checkParams(params: BgBbParams): void {
  for (const name of BGBB_PARAM_NAMES) {
    const v = params[name];
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`BG/BB: ${name} must be a positive number; got ${v}`);
  }
}

function checkData(data: RfmPatterns): void {
  checkRows(data);
}

/** checkData, and the total of opportunity terms a fit's likelihood passes would sum. */
function checkFitData(data: RfmPatterns): number {
  const terms = checkRows(data);
  if (terms > MAX_OPPORTUNITY_TERMS) {
    throw new DataError(said('bgbb.tooManyOpportunities', { terms, most: MAX_OPPORTUNITY_TERMS }), 'T');
  }
  return terms;
}

/** Checks every row; returns Σ (n − t_x) over the patterns. */
function checkRows(data: RfmPatterns): number {
  let terms = 0;
  for (let i = 0; i < data.count; i++) {
    const row = firstRow(data, i);
    checkBgBbRow(data.x[i], data.tx[i], data.T[i], row);
    const w = data.w[i];
    if (!(w >= 0) || !Number.isFinite(w)) throw new DataError(said('rfm.weight', { at: said('where.row', { name: 'weights', row: row + 1 }), value: numberSaid(w) }), 'weights', row);
    terms += data.T[i] - data.tx[i];
  }
  return terms;
}

/** The user's row of a pattern's first customer, when the patterns know their customers. */
function firstRow(data: RfmPatterns, pattern: number): number {
  const rows = data.patternOf;
  if (!rows) return pattern;
  for (let row = 0; row < rows.length; row++) if (rows[row] === pattern) return row;
  return pattern;
}

// ---------------------------------------------------------------------------------------------------------------
// log B(a+p, b+q) − log B(a, b) with its derivatives in (a, b): the building block of every likelihood term.

interface BetaRatio {
  value: number;
  da: number;
  db: number;
  daa: number;
  dab: number;
  dbb: number;
}

/** 0: value only; 1: and the gradient; 2: and the Hessian. */
type Order = 0 | 1 | 2;

/** Where a likelihood gets its Beta-function ratios from: (α, β) for purchases, (γ, δ) for drop-out. */
interface BetaRatios {
  readonly order: Order;
  purchase(p: number, q: number): BetaRatio;
  dropout(p: number, q: number): BetaRatio;
}

/** Straight from log-beta, digamma and trigamma: exact, for one-off predictions. */
class DirectRatios implements BetaRatios {
  constructor(
    private readonly params: BgBbParams,
    readonly order: Order,
  ) {}

  purchase(p: number, q: number): BetaRatio {
    return betaRatio(this.params.alpha, this.params.beta, p, q, this.order);
  }

  dropout(p: number, q: number): BetaRatio {
    return betaRatio(this.params.gamma, this.params.delta, p, q, this.order);
  }
}

function betaRatio(a: number, b: number, p: number, q: number, order: Order): BetaRatio {
  const r: BetaRatio = { value: betaln(a + p, b + q) - betaln(a, b), da: 0, db: 0, daa: 0, dab: 0, dbb: 0 };
  if (order >= 1) {
    const common = digamma(a + b) - digamma(a + b + p + q);
    r.da = (p === 0 ? 0 : digamma(a + p) - digamma(a)) + common;
    r.db = (q === 0 ? 0 : digamma(b + q) - digamma(b)) + common;
  }
  if (order === 2) {
    const common = trigamma(a + b) - trigamma(a + b + p + q);
    r.daa = (p === 0 ? 0 : trigamma(a + p) - trigamma(a)) + common;
    r.dab = common;
    r.dbb = (q === 0 ? 0 : trigamma(b + q) - trigamma(b)) + common;
  }
  return r;
}

/**
 * For a whole data set: p and q are whole numbers, so log Γ(a+p)/Γ(a), ψ(a+p) − ψ(a) and ψ'(a+p) − ψ'(a) are
 * running sums of log(a+j), 1/(a+j) and −1/(a+j)², tabulated once per likelihood evaluation. A fit then costs a few
 * table look-ups per pattern instead of eight log-beta calls, which dominated for thousands of patterns.
 */
class TabulatedRatios implements BetaRatios {
  private readonly purchaseTable: RisingTables;
  private readonly dropoutTable: RisingTables;

  constructor(params: BgBbParams, maxOpportunities: number, readonly order: Order) {
    this.purchaseTable = new RisingTables(params.alpha, params.beta, maxOpportunities);
    this.dropoutTable = new RisingTables(params.gamma, params.delta, maxOpportunities + 1);
  }

  purchase(p: number, q: number): BetaRatio {
    return this.purchaseTable.ratio(p, q);
  }

  dropout(p: number, q: number): BetaRatio {
    return this.dropoutTable.ratio(p, q);
  }
}

/** log B(a+p, b+q)/B(a, b) = log Γ(a+p)/Γ(a) + log Γ(b+q)/Γ(b) − log Γ(a+b+p+q)/Γ(a+b), and likewise for ψ, ψ'. */
class RisingTables {
  private readonly a: RisingTable;
  private readonly b: RisingTable;
  private readonly ab: RisingTable;

  constructor(a: number, b: number, size: number) {
    this.a = risingTable(a, size);
    this.b = risingTable(b, size);
    this.ab = risingTable(a + b, size);
  }

  ratio(p: number, q: number): BetaRatio {
    const { a, b, ab } = this;
    const k = p + q;
    return {
      value: a.log[p] + b.log[q] - ab.log[k],
      da: a.psi[p] - ab.psi[k],
      db: b.psi[q] - ab.psi[k],
      daa: a.tri[p] - ab.tri[k],
      dab: -ab.tri[k],
      dbb: b.tri[q] - ab.tri[k],
    };
  }
}


// ---------------------------------------------------------------------------------------------------------------
// A pattern's likelihood is a sum of positive terms e^(ℓ_k). For its log, gradient and Hessian it is enough to carry,
// for any group of terms, log Σ e^(ℓ_k) with the e^(ℓ_k)-weighted means of ∇ℓ_k and of ∇²ℓ_k + ∇ℓ_k ∇ℓ_kᵀ:
// then ∇ log L is the first mean and ∇² log L = second − mean meanᵀ. Groups merge like log-sum-exp.

const K = 4;

interface Moments {
  log: number;
  /** Weighted mean of ∇ℓ_k in (α, β, γ, δ); zeros when not asked for. */
  mean: Float64Array;
  /** Weighted mean of ∇²ℓ_k + ∇ℓ_k ∇ℓ_kᵀ, 4×4 row-major; zeros when not asked for. */
  second: Float64Array;
}

/** One term B(α+·, β+·)/B(α, β) · B(γ+·, δ+·)/B(γ, δ). Its own Hessian is block diagonal: (α, β) and (γ, δ) never meet. */
function singleTerm(purchase: BetaRatio, dropout: BetaRatio): Moments {
  const mean = Float64Array.of(purchase.da, purchase.db, dropout.da, dropout.db);
  const second = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) second[i * K + j] = mean[i] * mean[j];
  second[0] += purchase.daa;
  second[1] += purchase.dab;
  second[K] += purchase.dab;
  second[K + 1] += purchase.dbb;
  second[2 * K + 2] += dropout.daa;
  second[2 * K + 3] += dropout.dab;
  second[3 * K + 2] += dropout.dab;
  second[3 * K + 3] += dropout.dbb;
  return { log: purchase.value + dropout.value, mean, second };
}

function merge(x: Moments, y: Moments): Moments {
  const log = logSumExp(x.log, y.log);
  const wx = Math.exp(x.log - log);
  const wy = Math.exp(y.log - log);
  const mean = new Float64Array(K);
  const second = new Float64Array(K * K);
  for (let i = 0; i < K; i++) mean[i] = wx * x.mean[i] + wy * y.mean[i];
  for (let i = 0; i < K * K; i++) second[i] = wx * x.second[i] + wy * y.second[i];
  return { log, mean, second };
}

/**
 * The terms "died at opportunity t_x + i + 1", i = 0..n−t_x−1. Each is the previous one times
 * (β+t_x−x+i)/(α+β+t_x+i) · (δ+t_x+i)/(γ+δ+1+t_x+i), a factor below 1: so the sum runs in plain arithmetic relative
 * to its first term, and stops once the terms left (each smaller than the last) cannot add 1e-17 of it.
 * This loop is the fit's hot spot for long histories (daily opportunities), hence scalars and no logs inside.
 */
function deathTerms(params: BgBbParams, ratios: BetaRatios, x: number, tx: number, n: number): Moments {
  const { alpha: a, beta: b, gamma: g, delta: d } = params;
  const order = ratios.order;
  const p = ratios.purchase(x, tx - x);
  const q = ratios.dropout(1, tx);
  const count = n - tx;
  // ∇ℓ and the blocks of ∇²ℓ of the current term
  let gA = p.da, gB = p.db, gG = q.da, gD = q.db;
  let hAA = p.daa, hAB = p.dab, hBB = p.dbb, hGG = q.daa, hGD = q.dab, hDD = q.dbb;
  // Σ ρ, Σ ρ ∇ℓ and Σ ρ (∇²ℓ + ∇ℓ ∇ℓᵀ), with ρ the term relative to the first
  let rho = 1;
  let sum = 0;
  let sA = 0, sB = 0, sG = 0, sD = 0;
  let mAA = 0, mAB = 0, mAG = 0, mAD = 0, mBB = 0, mBG = 0, mBD = 0, mGG = 0, mGD = 0, mDD = 0;
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      const stay1 = b + tx - x + i - 1;
      const total1 = a + b + tx + i - 1;
      const stay2 = d + tx + i - 1;
      const total2 = g + d + tx + i;
      rho *= (stay1 / total1) * (stay2 / total2);
      if (order >= 1) {
        const i1 = 1 / total1, j1 = 1 / stay1, i2 = 1 / total2, j2 = 1 / stay2;
        gA -= i1;
        gB += j1 - i1;
        gG -= i2;
        gD += j2 - i2;
        if (order === 2) {
          hAA += i1 * i1;
          hAB += i1 * i1;
          hBB += i1 * i1 - j1 * j1;
          hGG += i2 * i2;
          hGD += i2 * i2;
          hDD += i2 * i2 - j2 * j2;
        }
      }
    }
    sum += rho;
    if (order >= 1) {
      sA += rho * gA;
      sB += rho * gB;
      sG += rho * gG;
      sD += rho * gD;
      if (order === 2) {
        mAA += rho * (hAA + gA * gA);
        mAB += rho * (hAB + gA * gB);
        mAG += rho * gA * gG;
        mAD += rho * gA * gD;
        mBB += rho * (hBB + gB * gB);
        mBG += rho * gB * gG;
        mBD += rho * gB * gD;
        mGG += rho * (hGG + gG * gG);
        mGD += rho * (hGD + gG * gD);
        mDD += rho * (hDD + gD * gD);
      }
    }
    if (rho * (count - 1 - i) <= 1e-17 * sum) break;
  }
  const mean = Float64Array.of(sA / sum, sB / sum, sG / sum, sD / sum);
  const upper = [mAA, mAB, mAG, mAD, mBB, mBG, mBD, mGG, mGD, mDD];
  const second = new Float64Array(K * K);
  for (let i = 0, k = 0; i < K; i++) {
    for (let j = i; j < K; j++, k++) {
      second[i * K + j] = upper[k] / sum;
      second[j * K + i] = upper[k] / sum;
    }
  }
  return { log: p.value + q.value + Math.log(sum), mean, second };
}

/**
 * One pattern's likelihood (as in the paper): alive at n, or died at opportunity t_x + i + 1 for i = 0..n−t_x−1,
 *
 *     L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ) + Σ_i B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ).
 */
function patternMoments(params: BgBbParams, ratios: BetaRatios, x: number, tx: number, n: number): Moments {
  const alive = singleTerm(ratios.purchase(x, n - x), ratios.dropout(0, n));
  return tx === n ? alive : merge(alive, deathTerms(params, ratios, x, tx, n));
}

interface Derivatives {
  value: number;
  /** In (α, β, γ, δ). */
  gradient: Float64Array;
  /** 4×4 row-major, in (α, β, γ, δ). */
  hessian: Float64Array;
}

function totalLogLikelihood(params: BgBbParams, data: RfmPatterns, order: Order): Derivatives {
  const totals: Derivatives = { value: 0, gradient: new Float64Array(K), hessian: new Float64Array(K * K) };
  let longest = 0;
  for (let r = 0; r < data.count; r++) longest = Math.max(longest, data.T[r]);
  // Tables grow with the longest history; past that, per-pattern log-beta calls are the lighter choice.
  const ratios = longest <= 100_000 ? new TabulatedRatios(params, longest, order) : new DirectRatios(params, order);
  for (let r = 0; r < data.count; r++) {
    const w = data.w[r];
    if (w === 0) continue;
    const m = patternMoments(params, ratios, data.x[r], data.tx[r], data.T[r]);
    totals.value += w * m.log;
    for (let i = 0; i < K; i++) {
      totals.gradient[i] += w * m.mean[i];
      for (let j = 0; j < K; j++) totals.hessian[i * K + j] += w * (m.second[i * K + j] - m.mean[i] * m.mean[j]);
    }
  }
  return totals;
}

/** Σ w · log L over the patterns (T holds n, the number of opportunities). */
export function bgbbLogLikelihood(params: BgBbParams, data: RfmPatterns): number {
  checkParams(params);
  checkData(data);
  return totalLogLikelihood(params, data, 0).value;
}

/** Gradient of bgbbLogLikelihood in (α, β, γ, δ). */
export function bgbbLogLikelihoodGradient(params: BgBbParams, data: RfmPatterns): Float64Array {
  checkParams(params);
  checkData(data);
  return totalLogLikelihood(params, data, 1).gradient;
}

function toParams(theta: ArrayLike<number>): BgBbParams {
  return { alpha: theta[0], beta: theta[1], gamma: theta[2], delta: theta[3] };
}

/** The log-likelihood on u = log θ, where the optimizer works so that every parameter stays positive. */
function logSpaceObjective(data: RfmPatterns) {
  return (u: Float64Array, wantHessian: boolean) => {
    const theta = u.map(Math.exp);
    const d = totalLogLikelihood(toParams(theta), data, wantHessian ? 2 : 1);
    const gradient = theta.map((t, i) => t * d.gradient[i]);
    if (!wantHessian) return { value: d.value, gradient };
    // θ = e^u: H_u = diag(θ) H_θ diag(θ) + diag(θ ∘ g_θ).
    const hessian = new Float64Array(K * K);
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < K; j++) hessian[i * K + j] = theta[i] * theta[j] * d.hessian[i * K + j];
      hessian[i * K + i] += gradient[i];
    }
    return { value: d.value, gradient, hessian };
  };
}

/** Fits α, β, γ, δ by maximum likelihood; `data.T` holds each customer's number of opportunities n. */
export function bgbbFit(data: RfmPatterns, options: FitOptions = {}): FitResult<BgBbParams> {
  const terms = checkFitData(data);
  if (!(data.customers >= 2)) {
    throw new DataError(said('fit.fewCustomers', { n: data.customers }));
  }
  let repeaters = 0;
  for (let i = 0; i < data.count; i++) if (data.x[i] > 0) repeaters += data.w[i];
  if (repeaters === 0) throw new DataError(said('bgbb.noUse'), 'frequency');
  const start = options.start ?? [1, 1, 1, 1];
  if (start.length !== K || !start.every((v) => v > 0 && Number.isFinite(v))) {
    throw new RangeError(`BG/BB: starting values must be four positive numbers; got ${start.join(', ')}`);
  }
  // Each pass sums at most `terms` opportunity terms (fewer where a pattern's terms become negligible).
  let passes = 0;
  const objective = logSpaceObjective(data);
  const result = maximize(
    (u, wantHessian) => {
      passes++;
      return objective(u, wantHessian);
    },
    new Float64Array(start.map(Math.log)),
    {
      maxIterations: options.maxIterations,
      lower: BGBB_PARAM_NAMES.map(() => Math.log(LOWER)),
      upper: BGBB_PARAM_NAMES.map(() => Math.log(UPPER)),
      stop: () => (passes * (terms + PATTERN_COST * data.count) > FIT_WORK_BUDGET ? said('bgbb.workLimit') : null),
    },
  );
  const theta = new Float64Array(result.u.map(Math.exp));
  const se = standardErrorsFromLogHessian(theta, result.hessian);
  const params = toParams(theta);
  const standardErrors = toParams(se);
  const problem = fitProblem(params, result.converged, result.message) ?? uncertainty(BGBB_PARAM_NAMES, params, standardErrors);
  return {
    params,
    standardErrors,
    covariance: covarianceFromLogHessian(theta, result.hessian),
    logLikelihood: result.value,
    converged: problem === null,
    ...problemOf(problem),
    iterations: result.iterations,
    customers: data.customers,
  };
}

/** Above this α + β (or γ + δ) the Beta distribution is a spike: every customer has the same probability. */
const NO_HETEROGENEITY = 1e6;
/** Parameters beyond these bounds have run off towards 0 or infinity rather than settled. */
const TINY = 1e-6;
/** The box the fit searches (documented in the README): every parameter in [1e-7, 1e7], past TINY and NO_HETEROGENEITY. */
const LOWER = 1e-7;
const UPPER = 1e7;

/** null when the estimates can be used as they are; otherwise what went wrong and what it means, in plain words. */
function fitProblem(params: BgBbParams, converged: boolean, optimizerMessage: Said | null): Said | null {
  const { alpha: a, beta: b, gamma: g, delta: d } = params;
  if (a + b > NO_HETEROGENEITY) return said('bgbb.sameTransaction', { chance: formatPercent(a / (a + b)) });
  if (g + d > NO_HETEROGENEITY) return said('bgbb.sameDropout', { chance: formatPercent(g / (g + d)) });
  const runaway: string[] = BGBB_PARAM_NAMES.filter((name) => params[name] < TINY);
  if (runaway.length > 0) {
    // The sentence starts with the first name: "Alpha and gamma run off to 0".
    runaway[0] = `${runaway[0][0].toUpperCase()}${runaway[0].slice(1)}`;
    return runaway.length === 1 ? said('bgbb.runawayOne', { name: runaway[0] }) : said('bgbb.runawayMany', { names: listOf(runaway) });
  }
  return converged ? null : optimizerMessage;
}

// ---------------------------------------------------------------------------------------------------------------
// Predictions. Every one of them factors through "alive at n": given the history, the chance of being alive at
// the last opportunity is the first likelihood term over L; a customer alive at n has p ~ Beta(α+x, β+n−x) and
// θ ~ Beta(γ, δ+n), i.e. the sBG drop-out process restarted with β = δ + n.

/** P(alive at opportunity n | x, t_x, n): the likelihood's "alive at n" term over the whole likelihood. */
function pAliveAtN(params: BgBbParams, x: number, tx: number, n: number): number {
  const ratios = new DirectRatios(params, 0);
  const alive = ratios.purchase(x, n - x).value + ratios.dropout(0, n).value;
  // Rounding can put the ratio a hair above 1 when the alive term is the whole likelihood (t_x = n).
  return Math.min(1, Math.exp(alive - patternMoments(params, ratios, x, tx, n).log));
}

function dropoutAfter(params: BgBbParams, n: number): { alpha: number; beta: number } {
  return { alpha: params.gamma, beta: params.delta + n };
}

/**
 * P(alive at opportunity n + ahead | x, t_x, n). The default ahead = 1 is the paper's P(alive) (its Table 6,
 * "P(alive in 2002)"): the chance of being alive for the next opportunity. ahead = 0 gives alive at n.
 */
export function bgbbPAlive(params: BgBbParams, x: number, tx: number, n: number, ahead = 1): number {
  checkParams(params);
  checkBgBbRow(x, tx, n);
  if (!Number.isInteger(ahead) || ahead < 0) throw new RangeError(`BG/BB: ahead must be a whole number ≥ 0; got ${ahead}`);
  return pAliveAtN(params, x, tx, n) * sbgSurvival(dropoutAfter(params, n), ahead);
}

/**
 * E[transactions in opportunities n+1 … n+n* | x, t_x, n] (paper, eq. 13):
 * P(alive at n) · E[p | history] · Σ_{t=1}^{n*} P(alive at n+t | alive at n), with E[p | history] = (α+x)/(α+β+n).
 * The paper's closed form with δ/(γ−1) is the same sum; sbgSurvivalSum evaluates it without trouble at γ ≈ 1.
 */
export function bgbbExpectedTransactions(params: BgBbParams, nStar: number, x: number, tx: number, n: number): number {
  checkParams(params);
  checkBgBbRow(x, tx, n);
  checkHorizon(nStar);
  if (nStar === 0) return 0;
  const purchase = (params.alpha + x) / (params.alpha + params.beta + n);
  return pAliveAtN(params, x, tx, n) * purchase * sbgSurvivalSum(dropoutAfter(params, n), nStar);
}

/** E[X(n)]: expected transactions of a customer just acquired in her next n opportunities. */
export function bgbbExpectedTransactionsNew(params: BgBbParams, n: number): number {
  checkParams(params);
  checkHorizon(n);
  if (n === 0) return 0;
  return (params.alpha / (params.alpha + params.beta)) * sbgSurvivalSum(dropoutAfter(params, 0), n);
}

function checkHorizon(nStar: number): void {
  if (!Number.isInteger(nStar) || nStar < 0) {
    throw new RangeError(`BG/BB: the number of future opportunities must be a whole number ≥ 0; got ${nStar}`);
  }
}

/**
 * P(X(n) = x): the chance that a customer just acquired makes exactly x transactions in n opportunities
 * — the in-sample fit histogram of the paper. Alive at n with x of n, or died at opportunity i + 1 with x of i:
 *
 *     C(n,x) B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ) + Σ_{i=x}^{n−1} C(i,x) B(α+x, β+i−x)/B(α,β) · B(γ+1, δ+i)/B(γ,δ)
 */
export function bgbbTransactionProbability(params: BgBbParams, n: number, x: number): number {
  checkParams(params);
  checkHorizon(n);
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`BG/BB: the number of transactions must be a whole number ≥ 0; got ${x}`);
  if (x > n) return 0;
  const { alpha: a, beta: b, gamma: g, delta: d } = params;
  const base = -betaln(a, b) - betaln(g, d);
  let max = logChoose(n, x) + betaln(a + x, b + n - x) + betaln(g, d + n) + base;
  const logs = [max];
  for (let i = x; i < n; i++) {
    const term = logChoose(i, x) + betaln(a + x, b + i - x) + betaln(g + 1, d + i) + base;
    logs.push(term);
    if (term > max) max = term;
  }
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - max);
  return Math.exp(max + Math.log(sum));
}

function logChoose(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/** The model in the shape the purchase-model registry uses; T and t are counts of opportunities (whole numbers). */
export const bgbb: OpportunityModel<'bgbb', BgBbParams> = defineModel({
  name: 'bgbb',
  label: 'BG/BB',
  kind: 'opportunities',
  paramNames: BGBB_PARAM_NAMES,
  logLikelihood: bgbbLogLikelihood,
  fit: bgbbFit,
  read: (v) => ({ alpha: v.alpha, beta: v.beta, gamma: v.gamma, delta: v.delta }),
  predictor(params: BgBbParams): PurchaseCountPredictor {
    checkParams(params);
    return {
      // the paper's P(alive): alive for the next opportunity, n + 1
      pAlive: (x, tx, T) => bgbbPAlive(params, x, tx, T),
      expectedPurchases: (t, x, tx, T) => bgbbExpectedTransactions(params, t, x, tx, T),
      expectedPurchasesNew: (t) => bgbbExpectedTransactionsNew(params, t),
      // Transactions in the next t opportunities; the rate is per opportunity (FHS 2010 eq. 14).
      countProbabilities: (t, counts, customers) => bgbbCountProbabilities(params, t, counts, customers),
      countProbabilitiesNew: (t, counts) => bgbbCountProbabilitiesNew(params, t, counts),
      dert: (ratePerUnit, customers) => bgbbDert(params, ratePerUnit, customers),
      expectedPurchasesBatch(frequency, recency, T, times, weights, aliveOut) {
        const h = times.length;
        for (let j = 0; j < h; j++) checkHorizon(times[j]);
        checkWeights(weights, h);
        const sums = weights.map(() => new Float64Array(frequency.length));
        const expectation = new Float64Array(h);
        for (let c = 0; c < frequency.length; c++) {
          const x = frequency[c];
          const tx = recency[c];
          const n = T[c];
          checkBgBbRow(x, tx, n, c);
          if (aliveOut) aliveOut[c] = bgbbPAlive(params, x, tx, n);
          // Shared by every horizon of this customer: alive at n, and the posterior purchase probability.
          const scale = pAliveAtN(params, x, tx, n) * ((params.alpha + x) / (params.alpha + params.beta + n));
          const dropout = dropoutAfter(params, n);
          for (let j = 0; j < h; j++) expectation[j] = times[j] === 0 ? 0 : scale * sbgSurvivalSum(dropout, times[j]);
          for (let s = 0; s < weights.length; s++) {
            let sum = 0;
            for (let j = 0; j < h; j++) sum += weights[s][j] * expectation[j];
            sums[s][c] = sum;
          }
        }
        return sums;
      },
    };
  },
});
