/**
 * Pareto/NBD: Schmittlein, Morrison & Colombo (1987), "Counting your customers: who are they and what will they do
 * next?", Management Science 33(1); likelihood as in Fader & Hardie's note "A note on deriving the Pareto/NBD model
 * and related expressions" (2005). While alive a customer buys at rate λ ~ Gamma(r, α); her lifetime is exponential
 * with rate μ ~ Gamma(s, β).
 *
 *     L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ]
 *
 * A₀ (see FORMULAS.md) is a difference of two nearly equal ₂F₁ terms for heavy buyers: it is computed in log space
 * throughout, so customers with hundreds of purchases give a number, not NaN. The likelihood has no closed-form
 * derivative in the ₂F₁ parameters: the fit takes central-difference gradients, which is fine for its sizes.
 */
import { numericGradient } from '../optimize';
import { logDiffExp, logHyp2f1, logSumExp } from '../special';
import { checkPositiveParams, checkPurchaseData, fitPositive, maxFrequency, purchasePredictor, risingTable, startingAlpha, unidentifiedWithoutRepeats } from './common';
import type { FitOptions, FitResult, ParamNames, PurchaseModel, PurchasePredictor, RfmPatterns } from './types';

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export const PARETO_NBD_PARAM_NAMES: ParamNames<ParetoNbdParams> = ['r', 'alpha', 's', 'beta'];

const LABEL = 'Pareto/NBD';

/**
 * log[s/(r+s+x) · A₀ · (α+T)^(r+x) (β+T)^s]: the log odds of "dropped out unseen" against "alive at T", the piece
 * both the likelihood and P(alive) need. −Infinity when the last purchase was at T (no room to have died unseen).
 */
function logDeathOdds(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const rsx = r + s + x;
  let logA0: number;
  if (alpha >= beta) {
    const d = alpha - beta;
    const first = logHyp2f1(rsx, s + 1, rsx + 1, d / (alpha + tx)) - rsx * Math.log(alpha + tx);
    const second = logHyp2f1(rsx, s + 1, rsx + 1, d / (alpha + T)) - rsx * Math.log(alpha + T);
    logA0 = logDiffExp(first, second);
  } else {
    const d = beta - alpha;
    const first = logHyp2f1(rsx, r + x, rsx + 1, d / (beta + tx)) - rsx * Math.log(beta + tx);
    const second = logHyp2f1(rsx, r + x, rsx + 1, d / (beta + T)) - rsx * Math.log(beta + T);
    logA0 = logDiffExp(first, second);
  }
  // Rounding can leave the two ₂F₁ terms a hair the wrong way round when t_x ≈ T; A₀ is then 0 for all purposes.
  if (Number.isNaN(logA0)) logA0 = -Infinity;
  return Math.log(s / rsx) + logA0 + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T);
}

function logLikelihoodOf(params: ParetoNbdParams, data: RfmPatterns): number {
  const { r, alpha, s, beta } = params;
  const top = maxFrequency(data);
  const rr = risingTable(r, top);
  const constant = r * Math.log(alpha) + s * Math.log(beta);
  let value = 0;
  for (let i = 0; i < data.count; i++) {
    const w = data.w[i];
    if (w === 0) continue;
    const x = data.x[i];
    const T = data.T[i];
    const aliveTerm = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
    value += w * (rr.log[x] + constant + aliveTerm + logSumExp(0, logDeathOdds(params, x, data.tx[i], T)));
  }
  return Number.isFinite(value) ? value : -Infinity;
}

function toParams(theta: ArrayLike<number>): ParetoNbdParams {
  return { r: theta[0], alpha: theta[1], s: theta[2], beta: theta[3] };
}

export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: RfmPatterns): number {
  checkPositiveParams(LABEL, PARETO_NBD_PARAM_NAMES, params);
  checkPurchaseData(LABEL, data);
  return logLikelihoodOf(params, data);
}

/** Above this s + β scale the drop-out rate no longer varies between customers: s and β are not pinned down. */
const NO_HETEROGENEITY = 1e6;

function fitProblem(params: ParetoNbdParams, converged: boolean, optimizerMessage: string): string {
  if (params.s > NO_HETEROGENEITY || params.r > NO_HETEROGENEITY) {
    return `${LABEL}: the rates do not vary between customers in these data, so the shape parameters grow without bound and are not pinned down`;
  }
  return converged ? '' : `${LABEL}: ${optimizerMessage}`;
}

export function paretoNbdFit(data: RfmPatterns, options: FitOptions = {}): FitResult<ParetoNbdParams> {
  checkPurchaseData(LABEL, data);
  if (!(data.customers > 0)) throw new RangeError(`${LABEL}: no customers to fit`);
  const unidentified = unidentifiedWithoutRepeats<ParetoNbdParams>(LABEL, PARETO_NBD_PARAM_NAMES, data);
  if (unidentified) return unidentified;
  const alpha0 = startingAlpha(data);
  const value = (theta: ArrayLike<number>): number => logLikelihoodOf(toParams(theta), data);
  return fitPositive<ParetoNbdParams>(
    PARETO_NBD_PARAM_NAMES,
    (theta) => {
      // Differences in u = log θ are what the optimizer needs; turn them back into θ-derivatives for fitPositive.
      const u = theta.map(Math.log);
      const gu = numericGradient((v) => value(v.map(Math.exp)), u);
      return { value: value(theta), gradient: gu.map((g, i) => g / theta[i]) };
    },
    [1, alpha0, 1, alpha0],
    data.customers,
    options,
    fitProblem,
  );
}

function predictor(params: ParetoNbdParams): PurchasePredictor {
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

  return purchasePredictor(LABEL, { pAlive, aliveExpectation, newCustomer: (t) => aliveExpectation(t, 0, 0) });
}

export const paretonbd: PurchaseModel<ParetoNbdParams> = {
  name: LABEL,
  paramNames: PARETO_NBD_PARAM_NAMES,
  logLikelihood: paretoNbdLogLikelihood,
  fit: paretoNbdFit,
  predictor,
};
