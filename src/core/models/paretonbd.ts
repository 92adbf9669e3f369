/**
 * Pareto/NBD: Schmittlein, Morrison & Colombo (1987), "Counting your customers: who are they and what will they do
 * next?", Management Science 33(1); likelihood as in Fader & Hardie's note "A note on deriving the Pareto/NBD model
 * and related expressions" (2005). While alive a customer buys at rate λ ~ Gamma(r, α); her lifetime is exponential
 * with rate μ ~ Gamma(s, β).
 *
 *     L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ]
 *
 * A₀ (see FORMULAS.md) is a difference of two nearly equal ₂F₁ terms for heavy buyers: it is computed in log space
 * throughout, so customers with hundreds of purchases give a number, not NaN. Each of its two terms depends on the
 * frequency and one age (t_x or T) alone, so a likelihood pass computes one ₂F₁ per distinct (x, age) pair, not two
 * per customer. The likelihood has no closed-form derivative in the ₂F₁ parameters: the fit takes finite differences
 * of it in log θ (see derivativesByDifferences).
 */
import { hyp2f1Terms, logDiffExp, logHyp2f1, logSumExp } from '../special';
import {
  checkFittablePurchases,
  checkPositiveParams,
  checkPurchaseData,
  fitPositive,
  listOf,
  meanAge,
  groupByPair,
  maxFrequency,
  purchasePredictor,
  repeatWeight,
  risingTable,
  startingAlpha,
  systematicSample,
  type FitDiagnosis,
  type ParamBounds,
  type ThetaDerivatives,
} from './common';
import { definePurchaseModel } from './define';
import { paretoNbdSimulation } from './simulate';
import { paretoNbdCountProbabilities, paretoNbdCountProbabilitiesNew } from './counts';
import { paretoNbdDert } from './dert';
import type { FitOptions, FitResult, ParamNames, PurchaseCountPredictor, PurchaseModel, RfmPatterns } from './types';
import { said, type Said } from '../i18n/said';

export type ParetoNbdParams = {
  r: number;
  alpha: number;
  s: number;
  beta: number;
};

export const PARETO_NBD_PARAM_NAMES: ParamNames<ParetoNbdParams> = ['r', 'alpha', 's', 'beta'];

const LABEL = 'Pareto/NBD';

/**
 * One of A₀'s two terms in log space, for frequency x at age t (t_x for the first, T for the second):
 * log[₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+t)) / (α+t)^(r+s+x)] when α ≥ β, with α and β swapped (and s+1 → r+x) else.
 */
function logA0Term(params: ParetoNbdParams, x: number, t: number, termLimit?: number): number {
  const { r, alpha, s, beta } = params;
  const rsx = r + s + x;
  return alpha >= beta
    ? logHyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + t), termLimit) - rsx * Math.log(alpha + t)
    : logHyp2f1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + t), termLimit) - rsx * Math.log(beta + t);
}

/**
 * Terms one A₀ term may take in a fit. Within the box the fits of the tests and the benchmark need at most a few
 * hundred; one that needs more lies where α and β are far apart (rates running off), and its likelihood counts as
 * not computable there (−∞), so the search turns back.
 */
const FIT_TERM_LIMIT = 20_000;

/**
 * log[s/(r+s+x) · A₀] from A₀'s two terms: the log likelihood of "dropped out unseen" beside log[(α+T)^−(r+x)
 * (β+T)^−s] for "alive at T". −Infinity when the last purchase was at T (no room to have died unseen).
 */
function logDeathTerm(params: ParetoNbdParams, x: number, atLastPurchase: number, atT: number): number {
  const { r, s } = params;
  const logA0 = logDiffExp(atLastPurchase, atT);
  // Rounding can leave the two ₂F₁ terms a hair the wrong way round when t_x ≈ T; A₀ is then 0 for all purposes.
  return Number.isNaN(logA0) ? -Infinity : Math.log(s / (r + s + x)) + logA0;
}

function logAliveTerm(params: ParetoNbdParams, x: number, T: number): number {
  return -(params.r + x) * Math.log(params.alpha + T) - params.s * Math.log(params.beta + T);
}

/** The log odds of "dropped out unseen" against "alive at T", which P(alive) needs. */
function logDeathOdds(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  return logDeathTerm(params, x, logA0Term(params, x, tx), logA0Term(params, x, T)) - logAliveTerm(params, x, T);
}

/**
 * The distinct (x, age) pairs of a data set, ages t_x and T together: pattern i's A₀ terms are those of pairs
 * pairOf[i] and pairOf[count + i]. Computed once per data set (a fit evaluates the likelihood a hundred times).
 */
interface AgePairs {
  pairOf: Int32Array;
  x: Float64Array;
  age: Float64Array;
}

const agePairs = new WeakMap<RfmPatterns, AgePairs>();

function agePairsOf(data: RfmPatterns): AgePairs {
  const known = agePairs.get(data);
  if (known) return known;
  const n = data.count;
  const frequency = new Float64Array(2 * n);
  const age = new Float64Array(2 * n);
  frequency.set(data.x.subarray(0, n));
  frequency.set(data.x.subarray(0, n), n);
  age.set(data.tx.subarray(0, n));
  age.set(data.T.subarray(0, n), n);
  const { groupOf, leaders } = groupByPair(frequency, age);
  const pairs: AgePairs = {
    pairOf: groupOf,
    x: Float64Array.from(leaders, (i) => frequency[i]),
    age: Float64Array.from(leaders, (i) => age[i]),
  };
  agePairs.set(data, pairs);
  return pairs;
}

/**
 * The log-likelihood; in a fit, −∞ as soon as the ₂F₁ terms summed pass `ceiling` (a count of hyp2f1Terms), so
 * no single pass can outrun the fit's budget.
 */
function logLikelihoodOf(params: ParetoNbdParams, data: RfmPatterns, ceiling = Infinity): number {
  const { r, alpha, s, beta } = params;
  const n = data.count;
  const pairs = agePairsOf(data);
  const terms = new Float64Array(pairs.x.length);
  const termLimit = ceiling === Infinity ? undefined : FIT_TERM_LIMIT;
  for (let g = 0; g < terms.length; g++) {
    terms[g] = logA0Term(params, pairs.x[g], pairs.age[g], termLimit);
    if ((g & 255) === 255 && hyp2f1Terms() > ceiling) return -Infinity;
  }
  const top = maxFrequency(data);
  const rr = risingTable(r, top);
  const constant = r * Math.log(alpha) + s * Math.log(beta);
  let value = 0;
  for (let i = 0; i < n; i++) {
    const w = data.w[i];
    if (w === 0) continue;
    const x = data.x[i];
    const death = logDeathTerm(params, x, terms[pairs.pairOf[i]], terms[pairs.pairOf[n + i]]);
    value += w * (rr.log[x] + constant + logSumExp(logAliveTerm(params, x, data.T[i]), death));
  }
  return Number.isFinite(value) ? value : -Infinity;
}

function toParams(theta: ArrayLike<number>): ParetoNbdParams {
  return { r: theta[0], alpha: theta[1], s: theta[2], beta: theta[3] };
}

export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: RfmPatterns): number {
  checkPositiveParams(LABEL, PARETO_NBD_PARAM_NAMES, params);
  checkPurchaseData(data);
  return logLikelihoodOf(params, data);
}

/**
 * The box the fit searches, documented in the README: r and s in [1e-6, 100], α and β in [1e-6, 1e6] times the
 * data's mean age. A shape of 100 means rates that vary by 10% between customers: beyond it they are the same for
 * everyone, the limit of the model that BG/NBD handles, while the ₂F₁ terms grow ever more costly.
 */
function bounds(data: RfmPatterns): ParamBounds {
  const age = meanAge(data);
  return { lower: [1e-6, 1e-6 * age, 1e-6, 1e-6 * age], upper: [100, 1e6 * age, 100, 1e6 * age] };
}

/**
 * Work a fit may do, counted in ₂F₁ series and Taylor terms (hyp2f1Terms), not in time, so a fit stops at the same
 * place on every machine: the fit on a sample that finds the start and the fit itself share it. The benchmark's
 * 100,000 customers take about 70 million; a run that needs three times that is wandering where the terms are
 * costly (rates running off), and stops. About 30 million terms are summed a second, so this bounds the 2F1 work of
 * a fit to some 7 seconds.
 */
const TERM_BUDGET = 200_000_000;

/**
 * The rest of a likelihood pass costs about a quarter of a microsecond per distinct history (logs, log-sum-exp): a
 * fit may make passes over 30 million histories in all, some 8 seconds. The benchmark's fit needs about 13 million
 * (150 passes over 80,000 histories, after the sample's).
 */
const PASS_BUDGET = 30_000_000;

/** A drop-out shape above this when the fit stops early means it was heading for the edge of the box. */
const RUNNING_OFF = 10;

/** Why a fit cannot be used, each message ending with what to try: BG/NBD, a longer history or more customers. */
function fitProblem({ params, settled, optimizerMessage, atBound, stopped }: FitDiagnosis<ParetoNbdParams>): Said | null {
  if (stopped) return optimizerMessage;
  if (atBound.includes('s') || atBound.includes('beta') || (!settled && params.s > RUNNING_OFF)) return said('paretonbd.dropoutEdge');
  // Only r and alpha are left, at most two names.
  if (atBound.length > 0) return said('paretonbd.atBound', { names: listOf(atBound) });
  if (!settled && optimizerMessage) return said('paretonbd.notSettled', { reason: optimizerMessage });
  return null;
}

export function paretoNbdFit(data: RfmPatterns, options: FitOptions = {}): FitResult<ParetoNbdParams> {
  checkFittablePurchases(data);
  const first = hyp2f1Terms();
  // The sample may spend half: the fit itself keeps at least the other half.
  const start = options.start ?? startFromSample(data, first + TERM_BUDGET / 2) ?? blindStart(data);
  return fitOn(data, start, options, first + TERM_BUDGET);
}

/** The fit from `start`, stopping once hyp2f1Terms() passes `ceiling` or its passes reach PASS_BUDGET histories. */
function fitOn(data: RfmPatterns, start: readonly number[], options: FitOptions, ceiling: number): FitResult<ParetoNbdParams> {
  let histories = 0;
  const value = (theta: ArrayLike<number>): number => {
    histories += data.count;
    return logLikelihoodOf(toParams(theta), data, ceiling);
  };
  const stop = (): Said | null => (hyp2f1Terms() > ceiling || histories > PASS_BUDGET ? said('paretonbd.workLimit') : null);
  return fitPositive<ParetoNbdParams>(
    PARETO_NBD_PARAM_NAMES,
    (theta, wantHessian) => derivativesByDifferences(value, theta, wantHessian),
    start,
    data.customers,
    options,
    fitProblem,
    bounds(data),
    stop,
  );
}

function blindStart(data: RfmPatterns): number[] {
  const alpha0 = startingAlpha(data);
  return [1, alpha0, 1, alpha0];
}

/** Above this many patterns, a fit on a systematic sample finds the starting point. */
const SAMPLE_ABOVE = 10_000;

/**
 * Large data: the fit on a sample of the patterns lands close to the full maximum, and a few full-data Newton steps
 * from there replace most of the full-data iterations from a blind start (each some 30 likelihood passes).
 */
function startFromSample(data: RfmPatterns, ceiling: number): number[] | undefined {
  if (data.count <= SAMPLE_ABOVE) return undefined;
  const sample = systematicSample(data, SAMPLE_ABOVE / 2);
  if (repeatWeight(sample) === 0) return undefined;
  const fit = fitOn(sample, blindStart(sample), {}, ceiling);
  return fit.converged ? PARETO_NBD_PARAM_NAMES.map((name) => fit.params[name]) : undefined;
}

/** Step in u = log θ for the gradient: small, as the gradient decides convergence. */
const GRADIENT_STEP = 1e-5;
/** Step for the Hessian: second differences divide rounding noise by the step squared, so a larger one. */
const HESSIAN_STEP = 1e-3;

/**
 * Value, gradient and (when asked) Hessian in θ from central differences of the log-likelihood f in u = log θ:
 * 9 likelihood passes for the gradient, 20 more for the Hessian, whose off-diagonal entries come from
 * f(u + h eᵢ + h eⱼ) and f(u − h eᵢ − h eⱼ) beside the diagonal points. Differentiating a differenced gradient
 * instead would take 72 passes, each noisier.
 */
function derivativesByDifferences(f: (theta: ArrayLike<number>) => number, theta: Float64Array, wantHessian: boolean): ThetaDerivatives {
  const k = theta.length;
  const u = theta.map(Math.log);
  const at = (shift: (v: Float64Array) => void): number => {
    const v = Float64Array.from(u);
    shift(v);
    return f(v.map(Math.exp));
  };
  const center = f(theta);
  const gradient = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const h = GRADIENT_STEP * Math.max(1, Math.abs(u[i]));
    const up = at((v) => (v[i] += h));
    const down = at((v) => (v[i] -= h));
    gradient[i] = (up - down) / (2 * h) / theta[i];
  }
  if (!wantHessian) return { value: center, gradient };
  const h = Float64Array.from(u, (ui) => HESSIAN_STEP * Math.max(1, Math.abs(ui)));
  const up = Float64Array.from({ length: k }, (_, i) => at((v) => (v[i] += h[i])));
  const down = Float64Array.from({ length: k }, (_, i) => at((v) => (v[i] -= h[i])));
  const hessianU = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    hessianU[i * k + i] = (up[i] - 2 * center + down[i]) / (h[i] * h[i]);
    for (let j = 0; j < i; j++) {
      const both = at((v) => ((v[i] += h[i]), (v[j] += h[j])));
      const neither = at((v) => ((v[i] -= h[i]), (v[j] -= h[j])));
      // f(u+hᵢ+hⱼ) + f(u−hᵢ−hⱼ) = 2f + hᵢ²fᵢᵢ + hⱼ²fⱼⱼ + 2hᵢhⱼfᵢⱼ + O(h⁴)
      const mixed = (both + neither - up[i] - down[i] - up[j] - down[j] + 2 * center) / (2 * h[i] * h[j]);
      hessianU[i * k + j] = mixed;
      hessianU[j * k + i] = mixed;
    }
  }
  // Back to θ for fitPositive, which turns it into u again: H_θ = (H_u − diag(g_u)) / (θᵢ θⱼ).
  const hessian = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) hessian[i * k + j] = (hessianU[i * k + j] - (i === j ? theta[i] * gradient[i] : 0)) / (theta[i] * theta[j]);
  }
  return { value: center, gradient, hessian };
}

function predictor(params: ParetoNbdParams): PurchaseCountPredictor {
  checkPositiveParams(LABEL, PARETO_NBD_PARAM_NAMES, params);
  const { r, alpha, s, beta } = params;

  const pAlive = (x: number, tx: number, T: number): number => 1 / (1 + Math.exp(logDeathOdds(params, x, tx, T)));

  /** (1 − (β+T)/(β+T+t))^(s−1))/(s − 1), with its limit log(1 + t/(β+T)) at s = 1. */
  const lifetimeFactor = (t: number, T: number): number => {
    const l = Math.log1p(t / (beta + T));
    return Math.abs(s - 1) < 1e-10 ? l : -Math.expm1(-(s - 1) * l) / (s - 1);
  };
  /** Expected purchases in (T, T+t] of a customer known to be alive at T. */
  const aliveExpectation = (t: number, x: number, T: number): number =>
    t === 0 ? 0 : (((r + x) * (beta + T)) / (alpha + T)) * lifetimeFactor(t, T);

  return {
    ...purchasePredictor(LABEL, { pAlive, aliveExpectation, newCustomer: (t) => aliveExpectation(t, 0, 0) }),
    countProbabilities: (t, counts, customers) => paretoNbdCountProbabilities(params, t, counts, customers),
    countProbabilitiesNew: (t, counts) => paretoNbdCountProbabilitiesNew(params, t, counts),
    // dert.ts discounts continuously: δ = ln(1 + rate) per unit.
    dert: (ratePerUnit, customers) => paretoNbdDert(params, Math.log1p(ratePerUnit), customers),
  };
}

export const paretonbd: PurchaseModel<'paretonbd', ParetoNbdParams> = definePurchaseModel({
  name: 'paretonbd',
  label: LABEL,
  kind: 'purchases',
  paramNames: PARETO_NBD_PARAM_NAMES,
  logLikelihood: paretoNbdLogLikelihood,
  fit: paretoNbdFit,
  predictor,
  read: (v) => ({ r: v.r, alpha: v.alpha, s: v.s, beta: v.beta }),
  simulation: paretoNbdSimulation,
});
