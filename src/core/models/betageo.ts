/**
 * The beta-geometric/NBD family: BG/NBD (Fader, Hardie & Lee 2005) and MBG/NBD (Batislam, Denizel & Filiztekin
 * 2007). Both say: while alive, a customer buys at rate λ ~ Gamma(r, α); after each purchase she drops out with
 * probability p ~ Beta(a, b). MBG/NBD also lets her drop out right after the first purchase. Writing k = 0 (BG) or
 * k = 1 (MBG), every formula of the two papers is the same with b + x replaced by b + x + k:
 *
 *     L = Γ(r+x) α^r / Γ(r) · B(a, b+x+k)/B(a, b) · [ (α+T)^−(r+x) + [x+k>0] · a/(b+x+k−1) · (α+t_x)^−(r+x) ]
 *     P(alive) = 1 / (1 + [x+k>0] · a/(b+x+k−1) · ((α+T)/(α+t_x))^(r+x))
 *     E[X(t) | x, t_x, T] = (a+b+x+k−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+k; a+b+x+k−1; t/(α+T+t))] · P(alive)
 *
 * The fit uses an analytic gradient and Hessian; the terms that depend on the frequency alone are computed once per
 * distinct frequency.
 */
import { hyp2f1, logHyp2f1, logHyp2f1Along } from '../special';
import {
  checkFittablePurchases,
  checkPositiveParams,
  checkPurchaseData,
  fitPositive,
  listOf,
  meanAge,
  noteOf,
  problemOf,
  maxFrequency,
  purchasePredictor,
  repeatWeight,
  risingTable,
  startingAlpha,
  systematicSample,
  type AtModelLimit,
  type FitDiagnosis,
  type ParamBounds,
  type ThetaDerivatives,
} from './common';
import { betaGeoCountProbabilities, betaGeoCountProbabilitiesNew, betaGeoExpectedPurchasesNew, type BetaGeoVariant } from './counts';
import { definePurchaseModel } from './define';
import { betaGeoSimulation } from './simulate';
import { betaGeoDert } from './dert';
import type { FitOptions, FitResult, ParamNames, PurchaseCountPredictor, PurchaseModel, RfmPatterns } from './types';
import { formatPercent } from '../words';
import { said, type Said } from '../i18n/said';

export type BetaGeoParams = {
  r: number;
  alpha: number;
  a: number;
  b: number;
};

export const BETA_GEO_PARAM_NAMES: ParamNames<BetaGeoParams> = ['r', 'alpha', 'a', 'b'];

const K = 4;

/** Log-likelihood with its gradient and (when asked) Hessian in (r, α, a, b). */
function derivatives(shift: 0 | 1, data: RfmPatterns, theta: ArrayLike<number>, wantHessian: boolean): ThetaDerivatives {
  const r = theta[0];
  const alpha = theta[1];
  const a = theta[2];
  const b = theta[3];
  const { top, grid } = shapeOf(data);
  // log(b + x + k − 1) and its reciprocal depend on x alone: one table instead of a log per customer.
  const logBx = new Float64Array(top + 1);
  const inverseBx = new Float64Array(top + 1);
  for (let x = 0; x <= top; x++) {
    const bx = b + x + shift - 1;
    logBx[x] = bx > 0 ? Math.log(bx) : NaN;
    inverseBx[x] = 1 / bx;
  }
  // Ages in days are whole numbers, a few hundred distinct ones: log(α + t) and 1/(α + t) from a table then.
  const logAge = new Float64Array(grid + 1);
  const inverseAge = new Float64Array(grid + 1);
  for (let t = 0; t <= grid; t++) {
    logAge[t] = Math.log(alpha + t);
    inverseAge[t] = 1 / (alpha + t);
  }
  const weightOf = new Float64Array(top + 1);
  const sums = new Float64Array(SUMS);
  patternSums(shift, data.x, data.tx, data.T, data.w, data.count, r, a, alpha, logBx, inverseBx, grid, logAge, inverseAge, wantHessian, weightOf, sums);
  let value = sums[0];
  let gr = sums[1], ga = sums[2], gA = sums[3], gB = sums[4];
  let hrr = sums[5], hra = sums[6], haa = sums[9], hAA = sums[12], hAB = sums[13], hBB = sums[14];
  const hrA = sums[7], hrB = sums[8], haA = sums[10], haB = sums[11];

  // Terms in the frequency alone: log Γ(r+x)/Γ(r) + r log α + log B(a, b+x+k)/B(a, b), once per distinct x.
  const rr = risingTable(r, top);
  const rb = risingTable(b, top + shift);
  const rab = risingTable(a + b, top + shift);
  const logAlpha = Math.log(alpha);
  let total = 0;
  for (let x = 0; x <= top; x++) {
    const w = weightOf[x];
    if (w === 0) continue;
    const n = x + shift;
    total += w;
    value += w * (rr.log[x] + rb.log[n] - rab.log[n]);
    gr += w * rr.psi[x];
    gA -= w * rab.psi[n];
    gB += w * (rb.psi[n] - rab.psi[n]);
    if (wantHessian) {
      hrr += w * rr.tri[x];
      hAA -= w * rab.tri[n];
      hAB -= w * rab.tri[n];
      hBB += w * (rb.tri[n] - rab.tri[n]);
    }
  }
  value += total * r * logAlpha;
  gr += total * logAlpha;
  ga += (total * r) / alpha;
  if (wantHessian) {
    hra += total / alpha;
    haa -= (total * r) / (alpha * alpha);
  }
  if (!Number.isFinite(value)) value = -Infinity;
  const gradient = Float64Array.of(gr, ga, gA, gB);
  const hessian = new Float64Array(K * K);
  if (wantHessian) {
    const upper = [hrr, hra, hrA, hrB, haa, haA, haB, hAA, hAB, hBB];
    for (let i = 0, u = 0; i < K; i++) {
      for (let j = i; j < K; j++, u++) {
        hessian[i * K + j] = upper[u];
        hessian[j * K + i] = upper[u];
      }
    }
  }
  return { value, gradient, hessian };
}

/** Slots of patternSums' output: value, the gradient (r, α, a, b), then the Hessian's upper triangle row by row. */
const SUMS = 15;

/**
 * Σ over patterns of log[(α+T)^−(r+x) + c·(α+t_x)^−(r+x)], c = a/(b+x+k−1), with its derivatives, into `sums`;
 * the weight of each frequency into `weightOf`. Kept apart, with typed arrays and numbers only, because it is
 * where the time goes and a custom function runs cold: a small function of stable types is compiled early, once.
 */
function patternSums(
  shift: number,
  xs: Float64Array,
  txs: Float64Array,
  Ts: Float64Array,
  ws: Float64Array,
  count: number,
  r: number,
  a: number,
  alpha: number,
  logBx: Float64Array,
  inverseBx: Float64Array,
  grid: number,
  logAge: Float64Array,
  inverseAge: Float64Array,
  wantHessian: boolean,
  weightOf: Float64Array,
  sums: Float64Array,
): void {
  let value = 0;
  let gr = 0, ga = 0, gA = 0, gB = 0;
  let hrr = 0, hra = 0, hrA = 0, hrB = 0, haa = 0, haA = 0, haB = 0, hAA = 0, hAB = 0, hBB = 0;
  const logA = Math.log(a);
  const inverseA = 1 / a;
  for (let i = 0; i < count; i++) {
    const w = ws[i];
    if (w === 0) continue;
    const x = xs[i];
    weightOf[x] += w;
    const rx = r + x;
    const T = Ts[i];
    const lT = grid > 0 ? logAge[T] : Math.log(alpha + T);
    const iT = grid > 0 ? inverseAge[T] : 1 / (alpha + T);
    const u1 = -rx * lT;
    const d1r = -lT;
    const d1a = -rx * iT;
    if (x + shift === 0) {
      value += w * u1;
      gr += w * d1r;
      ga += w * d1a;
      if (wantHessian) {
        hra -= w * iT;
        haa += w * rx * iT * iT;
      }
      continue;
    }
    const tx = txs[i];
    const lt = grid > 0 ? logAge[tx] : Math.log(alpha + tx);
    const it = grid > 0 ? inverseAge[tx] : 1 / (alpha + tx);
    const u2 = logA - logBx[x] - rx * lt;
    // D = log(e^u1 + e^u2), with p1, p2 the shares of the two terms; one exp serves all three.
    const diff = u1 - u2;
    const e = Math.exp(-Math.abs(diff));
    const share = 1 / (1 + e);
    const p1 = diff > 0 ? share : e * share;
    const p2 = diff > 0 ? e * share : share;
    value += w * ((diff > 0 ? u1 : u2) + Math.log1p(e));
    const d2r = -lt;
    const d2a = -rx * it;
    const d2B = -inverseBx[x];
    gr += w * (p1 * d1r + p2 * d2r);
    ga += w * (p1 * d1a + p2 * d2a);
    gA += w * p2 * inverseA;
    gB += w * p2 * d2B;
    if (wantHessian) {
      const q = w * p1 * p2;
      const er = d1r - d2r;
      const ea = d1a - d2a;
      const eA = -inverseA;
      const eB = -d2B;
      hrr += q * er * er;
      hra += w * (-p1 * iT - p2 * it) + q * er * ea;
      hrA += q * er * eA;
      hrB += q * er * eB;
      haa += w * (p1 * rx * iT * iT + p2 * rx * it * it) + q * ea * ea;
      haA += q * ea * eA;
      haB += q * ea * eB;
      hAA += w * p2 * (-inverseA * inverseA) + q * eA * eA;
      hAB += q * eA * eB;
      hBB += w * p2 * (d2B * d2B) + q * eB * eB;
    }
  }
  sums[0] = value;
  sums[1] = gr;
  sums[2] = ga;
  sums[3] = gA;
  sums[4] = gB;
  sums[5] = hrr;
  sums[6] = hra;
  sums[7] = hrA;
  sums[8] = hrB;
  sums[9] = haa;
  sums[10] = haA;
  sums[11] = haB;
  sums[12] = hAA;
  sums[13] = hAB;
  sums[14] = hBB;
}

const AGE_TABLE_LIMIT = 100_000;
const shapes = new WeakMap<RfmPatterns, { top: number; grid: number }>();

/**
 * What the derivatives need to know about the data, once per data set (a fit evaluates them a dozen times): the
 * largest frequency, and the largest age when every recency and T is a whole number up to AGE_TABLE_LIMIT, else
 * 0 (no age table).
 */
function shapeOf(data: RfmPatterns): { top: number; grid: number } {
  const known = shapes.get(data);
  if (known) return known;
  let grid = 0;
  for (let i = 0; i < data.count && grid >= 0; i++) {
    const T = data.T[i];
    if (!Number.isInteger(T) || !Number.isInteger(data.tx[i]) || T > AGE_TABLE_LIMIT) grid = -1;
    else if (T > grid) grid = T;
  }
  const shape = { top: maxFrequency(data), grid: Math.max(grid, 0) };
  shapes.set(data, shape);
  return shape;
}

/** Log-likelihood, gradient and Hessian in (r, α, a, b), for tests of the analytic derivatives. */
export function betaGeoDerivatives(model: 'bgnbd' | 'mbgnbd', params: BetaGeoParams, data: RfmPatterns): ThetaDerivatives {
  return derivatives(model === 'bgnbd' ? 0 : 1, data, [params.r, params.alpha, params.a, params.b], true);
}

/** Above this a + b the Beta distribution of drop-out is a spike: everyone drops out with the same probability. */
const NO_HETEROGENEITY = 1e6;
/** a + b used for that spike: the Beta's spread, √(p(1−p)/(a+b+1)), is then below 0.1% of p for any p that matters. */
const SPIKE = 1e8;

/**
 * The box the fit searches, documented in the README: r in [1e-6, 1e6], α in [1e-6, 1e9] times the data's mean age
 * (its unit follows the data's; room for α = r/rate at r's bound), a and b in [1e-6, 1e7] (above NO_HETEROGENEITY in
 * sum, so the spike is reachable).
 */
function bounds(data: RfmPatterns): ParamBounds {
  const age = meanAge(data);
  return { lower: [1e-6, 1e-6 * age, 1e-6, 1e-6], upper: [1e6, 1e9 * age, 1e7, 1e7] };
}

/**
 * A customer who has just bought is alive with probability (b+x+k−1)/(a+b+x+k−1), at least b/(a+b) after the first
 * repeat purchase: below this the fit says a customer who bought today has most likely stopped, which no shop's
 * data mean. Such fits come from data that do not pin the model down (a few customers, nearly no repeat buying).
 */
const LEAST_ALIVE_AFTER_PURCHASE = 1e-3;

/**
 * Above this r the Gamma distribution of purchase rates is a spike (a spread of 1% of the mean rate): everyone buys
 * at the same rate, the Poisson limit of the model. r and α then grow together without bound, their ratio (the rate)
 * settles, and so do the predictions.
 */
const SAME_RATE = 1e4;

const SAME_RATE_NOTE = said('bgnbd.sameRate');

function fitProblem({ params, settled, optimizerMessage, atBound, stopped }: FitDiagnosis<BetaGeoParams>): Said | null | AtModelLimit<BetaGeoParams> {
  if (stopped || !settled) return optimizerMessage;
  const { r, a, b } = params;
  if (a + b > NO_HETEROGENEITY) return null; // the spike: refitted by fitWithoutDropoutSpread
  if (b / (a + b) < LEAST_ALIVE_AFTER_PURCHASE) return certainDropout(a / (a + b));
  const edge = atBound.filter((name) => !(r > SAME_RATE && (name === 'r' || name === 'alpha')));
  if (edge.length > 0) return atBoundMessage(edge);
  return r > SAME_RATE ? { note: SAME_RATE_NOTE, unpinned: ['r', 'alpha'] } : null;
}

/** The absurd fit of LEAST_ALIVE_AFTER_PURCHASE, with the chance of stopping after a purchase it implies. */
function certainDropout(stopping: number): Said {
  const chance = formatPercent(stopping);
  const above = /^more than (.*)$/.exec(chance);
  return said('bgnbd.certainDropout', { chance: above ? said('core.moreThan', { share: above[1] }) : chance });
}

function atBoundMessage(names: readonly string[]): Said {
  return said('bgnbd.atBound', { names: listOf(names) });
}

/**
 * When everyone drops out with the same probability p, the likelihood rises towards the limit a, b → ∞ with
 * a/(a+b) → p, and a and b are not identified, but p is, and so are the predictions. Fix a + b at a value where the
 * Beta distribution is that spike for all practical purposes, keep p = a/(a+b) from the run-off, and fit r, α and p.
 */
function fitWithoutDropoutSpread(shift: 0 | 1, data: RfmPatterns, runaway: FitResult<BetaGeoParams>, options: FitOptions): FitResult<BetaGeoParams> {
  const total = SPIKE;
  const box = bounds(data);
  const { r, alpha, a, b } = runaway.params;
  const p0 = a / (a + b);
  // Parameters of the reduced fit: r, α and the odds p/(1 − p), all positive.
  const expand = (theta: ArrayLike<number>): Float64Array => {
    const p = theta[2] / (1 + theta[2]);
    return Float64Array.of(theta[0], theta[1], p * total, (1 - p) * total);
  };
  // The third is named as messages name it.
  const reduced = fitPositive<{ r: number; alpha: number; 'drop-out odds': number }>(
    ['r', 'alpha', 'drop-out odds'],
    (theta, wantHessian) => {
      const full = expand(theta);
      const d = derivatives(shift, data, full, wantHessian);
      // Chain rule: a = total·o/(1+o), b = total/(1+o); da/do = total/(1+o)², db/do = −total/(1+o)².
      const o = theta[2];
      const k = total / ((1 + o) * (1 + o));
      const gradient = Float64Array.of(d.gradient[0], d.gradient[1], k * (d.gradient[2] - d.gradient[3]));
      if (!wantHessian || !d.hessian) return { value: d.value, gradient };
      const h = d.hessian;
      const at = (i: number, j: number): number => h[i * 4 + j];
      const dk = (-2 * k) / (1 + o);
      const hoo = k * k * (at(2, 2) - 2 * at(2, 3) + at(3, 3)) + dk * (d.gradient[2] - d.gradient[3]);
      const hro = k * (at(0, 2) - at(0, 3));
      const hao = k * (at(1, 2) - at(1, 3));
      const hessian = Float64Array.of(at(0, 0), at(0, 1), hro, at(1, 0), at(1, 1), hao, hro, hao, hoo);
      return { value: d.value, gradient, hessian };
    },
    [r, alpha, p0 / (1 - p0)],
    data.customers,
    { maxIterations: options.maxIterations },
    ({ params, settled, optimizerMessage, atBound }) => {
      if (!settled) return optimizerMessage;
      const stopping = params['drop-out odds'] / (1 + params['drop-out odds']);
      if (stopping > 1 - LEAST_ALIVE_AFTER_PURCHASE) return certainDropout(stopping);
      const sameRate = params.r > SAME_RATE;
      const edge = atBound.filter((name) => !(sameRate && (name === 'r' || name === 'alpha')));
      if (edge.length > 0) return atBoundMessage(edge);
      return sameRate ? { note: SAME_RATE_NOTE, unpinned: ['r', 'alpha'] } : null;
    },
    { lower: [box.lower[0], box.lower[1], 1e-9], upper: [box.upper[0], box.upper[1], 1e9] },
  );
  const theta = expand([reduced.params.r, reduced.params.alpha, reduced.params['drop-out odds']]);
  const p = theta[2] / total;
  return {
    params: { r: theta[0], alpha: theta[1], a: theta[2], b: theta[3] },
    standardErrors: { r: reduced.standardErrors.r, alpha: reduced.standardErrors.alpha, a: NaN, b: NaN },
    logLikelihood: reduced.logLikelihood,
    converged: reduced.converged,
    ...problemOf(reduced.said ?? null),
    iterations: runaway.iterations + reduced.iterations,
    customers: data.customers,
    ...noteOf(reduced.converged ? sameDropoutNote(p, reduced.noteSaid) : undefined),
  };
}

/** The note of a fit where everyone drops out alike, with the reduced fit's own note after it. */
function sameDropoutNote(p: number, more: Said | undefined): Said {
  const note = said('bgnbd.sameDropout', { chance: formatPercent(p) });
  return more ? said('core.sentences', { first: note, second: more }) : note;
}

/** Above this many patterns, a fit on a systematic sample finds the starting point. */
const SAMPLE_ABOVE = 20_000;

/**
 * Large data: the fit on every k-th pattern (weights × k, so totals stay the same) lands close to the full maximum,
 * and a few full-data Newton steps from there replace most of the full-data iterations from a blind start.
 */
function startFromSample(data: RfmPatterns, shift: 0 | 1 = 0): number[] | undefined {
  if (data.count <= SAMPLE_ABOVE) return undefined;
  const sample = systematicSample(data, SAMPLE_ABOVE / 4);
  if (repeatWeight(sample) === 0) return undefined;
  const fit = fitPositive<BetaGeoParams>(
    BETA_GEO_PARAM_NAMES,
    (theta, wantHessian) => derivatives(shift, sample, theta, wantHessian),
    [1, startingAlpha(sample), 1, 1],
    sample.customers,
    {},
    (diagnosis) => {
      const verdict = fitProblem(diagnosis);
      // Not a start to take (this message reaches nobody: only `converged` is read).
      return verdict === null && diagnosis.atBound.length > 0 ? atBoundMessage(diagnosis.atBound) : verdict;
    },
    bounds(sample),
  );
  const { r, alpha, a, b } = fit.params;
  return fit.converged && a + b < NO_HETEROGENEITY ? [r, alpha, a, b] : undefined;
}

function makeModel<N extends BetaGeoVariant>(name: N, label: string, shift: 0 | 1): PurchaseModel<N, BetaGeoParams> {
  const logLikelihood = (params: BetaGeoParams, data: RfmPatterns): number => {
    checkPositiveParams(label, BETA_GEO_PARAM_NAMES, params);
    checkPurchaseData(data);
    return derivatives(shift, data, [params.r, params.alpha, params.a, params.b], false).value;
  };

  const fit = (data: RfmPatterns, options: FitOptions = {}): FitResult<BetaGeoParams> => {
    checkFittablePurchases(data);
    const full = fitPositive<BetaGeoParams>(
      BETA_GEO_PARAM_NAMES,
      (theta, wantHessian) => derivatives(shift, data, theta, wantHessian),
      options.start ?? startFromSample(data, shift) ?? [1, startingAlpha(data), 1, 1],
      data.customers,
      options,
      fitProblem,
      bounds(data),
    );
    return full.params.a + full.params.b > NO_HETEROGENEITY ? fitWithoutDropoutSpread(shift, data, full, options) : full;
  };

  return definePurchaseModel({
    name,
    label,
    kind: 'purchases',
    paramNames: BETA_GEO_PARAM_NAMES,
    logLikelihood,
    fit,
    predictor: (params: BetaGeoParams) => predictor(name, label, shift, params),
    read: (v) => ({ r: v.r, alpha: v.alpha, a: v.a, b: v.b }),
    simulation: betaGeoSimulation(shift),
  });
}

function predictor(variant: BetaGeoVariant, label: string, shift: 0 | 1, params: BetaGeoParams): PurchaseCountPredictor {
  checkPositiveParams(label, BETA_GEO_PARAM_NAMES, params);
  const { r, alpha, a, b } = params;

  const pAlive = (x: number, tx: number, T: number): number => {
    if (x + shift === 0) return 1;
    const logOdds = Math.log(a / (b + x + shift - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
    return 1 / (1 + Math.exp(logOdds));
  };

  /** E[X(t)] of a customer alive at T with frequency x, i.e. the expectation before weighting by P(alive). */
  /** E[X(t)] of a customer alive at T with frequency x, at drop-out parameter a (a ≠ 1). */
  const expectationAt = (aa: number, t: number, x: number, T: number): number => {
    const z = t / (alpha + T + t);
    const rx = r + x;
    const c = aa + b + x + shift - 1;
    const hb = b + x + shift;
    const logDecay = rx * Math.log1p(-z);
    const lh = logHyp2f1(rx, hb, c, z);
    const product = Number.isNaN(lh) ? Math.exp(logDecay) * hyp2f1(rx, hb, c, z) : Math.exp(logDecay + lh);
    return Math.max(0, (c / (aa - 1)) * (1 - product));
  };
  /** The same before weighting by P(alive); at a = 1 exactly, the mean of the two sides of the removable pole. */
  const aliveExpectation = (t: number, x: number, T: number): number => {
    if (t === 0) return 0;
    if (Math.abs(a - 1) >= POLE_GAP) return expectationAt(a, t, x, T);
    return (expectationAt(1 - POLE_GAP, t, x, T) + expectationAt(1 + POLE_GAP, t, x, T)) / 2;
  };

  let scratch = new Float64Array(0);
  let far: Far = { order: new Int32Array(0), oneMinusZ: new Float64Array(0), logs: new Float64Array(0) };
  /**
   * aliveExpectation at every horizon at once: one series for all of them up to z = 1/2, one continuation along the
   * horizons beyond (long forecasts: monthly steps over up to 100 years), and one at a time whatever is left.
   */
  const aliveExpectations = (times: ArrayLike<number>, x: number, T: number, out: Float64Array): void => {
    const h = times.length;
    if (scratch.length < 3 * h) scratch = new Float64Array(3 * h);
    if (far.order.length < h) far = { order: new Int32Array(h), oneMinusZ: new Float64Array(h), logs: new Float64Array(h) };
    const awayFromPole = Math.abs(a - 1) >= POLE_GAP;
    const bySeries = awayFromPole && expectationsBySeries(r, alpha, a, b, shift, x, T, times, scratch, out);
    if (!bySeries) out.fill(NaN, 0, h);
    if (awayFromPole) expectationsAlong(r, alpha, a, b, shift, x, T, times, far, out);
    for (let j = 0; j < h; j++) if (Number.isNaN(out[j])) out[j] = aliveExpectation(times[j], x, T);
  };

  const expectations = purchasePredictor(label, {
    pAlive,
    aliveExpectation,
    aliveExpectations,
    // The papers' E[X(t)] of a customer just acquired (FHL 2005 eq. 9; Batislam et al. 2007, whose customer may
    // still drop out right after her first purchase, so b/(a−1) rather than (a+b)/(a−1) in front).
    newCustomer: (t) => betaGeoExpectedPurchasesNew(variant, params, t),
  });
  return {
    ...expectations,
    countProbabilities: (t, counts, customers) => betaGeoCountProbabilities(variant, params, t, counts, customers),
    countProbabilitiesNew: (t, counts) => betaGeoCountProbabilitiesNew(variant, params, t, counts),
    dert: (ratePerUnit, customers) => betaGeoDert(variant, params, Math.log1p(ratePerUnit), customers),
  };
}

/**
 * E[X(t) | alive at T, x] at the horizons t_j, for a ≠ 1, in one pass. By Euler's transformation the 2F1 of the
 * expectation (FORMULAS.md) becomes (1 − z)^(r+x) 2F1(r+x, b+x+s; c; z) = (1 − z)^(a−1) 2F1(p, a − 1; c; z), with
 * c = a + b + x + s − 1 and p = a + b + s − 1 − r (s the MBG/NBD shift): small first parameters whatever x is, so
 * few terms, and coefficients that are the same for every horizon (only z = t/(α + T + t) differs). With p and
 * a − 1 above −1 and c > 0 the terms after the first share one sign, so the sum does not cancel, and
 * 1 − (1 − z)^(a−1) (1 + S) is taken as −expm1((a − 1) log(1 − z)) − (1 − z)^(a−1) S without cancelling either.
 * false, with `out` unfinished, where that does not hold; NaN in `out` for the horizons with z beyond 1/2, which need
 * many terms (special.ts does them one at a time).
 * scratch: at least 3 × the horizons.
 */
export function expectationsBySeries(
  r: number,
  alpha: number,
  a: number,
  b: number,
  shift: 0 | 1,
  x: number,
  T: number,
  times: ArrayLike<number>,
  scratch: Float64Array,
  out: Float64Array,
): boolean {
  const h = times.length;
  const c = a + b + x + shift - 1;
  const p = a + b + shift - 1 - r;
  const q = a - 1;
  if (!(c > 0 && p > -1 && q > -1)) return false;
  // Only the horizons up to SERIES_Z_LIMIT take part, packed to the front of each third of `scratch` in the order of
  // the horizons (a long forecast has most of its horizons beyond, and the terms loop must not visit them).
  let m = 0;
  let slowest = -1; // the packed horizon with the largest z, whose series converges last
  for (let j = 0; j < h; j++) {
    const z = times[j] / (alpha + T + times[j]);
    if (!(z >= 0)) return false;
    if (z > SERIES_Z_LIMIT || (z === 0 && times[j] !== 0)) continue;
    scratch[m] = z; // z_j
    scratch[h + m] = z; // z_j^k, from k = 1
    scratch[2 * h + m] = 0; // S_j, the terms from k = 1 on
    if (slowest < 0 || z > scratch[slowest]) slowest = m;
    m++;
  }
  if (m > 0) {
    let coefficient = (p * q) / c; // (p)_k (q)_k / ((c)_k k!) at k = 1
    for (let k = 1; ; k++) {
      if (k > MAX_FUSED_TERMS) return false;
      const slowestTerm = coefficient * scratch[h + slowest];
      for (let i = 0; i < m; i++) {
        scratch[2 * h + i] += coefficient * scratch[h + i];
        scratch[h + i] *= scratch[i];
      }
      if (Math.abs(slowestTerm) <= FUSED_TOLERANCE * Math.abs(scratch[2 * h + slowest]) && seriesDone(p, q, c, k, coefficient, h, m, scratch)) break;
      coefficient *= ((p + k) * (q + k)) / ((c + k) * (k + 1));
    }
  }
  for (let j = 0, i = 0; j < h; j++) {
    const z = times[j] / (alpha + T + times[j]);
    if (z > SERIES_Z_LIMIT || (z === 0 && times[j] !== 0)) {
      out[j] = NaN;
      continue;
    }
    const keptLess1 = Math.expm1(q * Math.log1p(-z)); // (1 − z)^(a−1) − 1
    out[j] = Math.max(0, (c / q) * (-keptLess1 - (1 + keptLess1) * scratch[2 * h + i]));
    i++;
  }
  return true;
}

/** Scratch of expectationsAlong, one entry per horizon. */
interface Far {
  order: Int32Array;
  oneMinusZ: Float64Array;
  logs: Float64Array;
}

/**
 * E[X(t) | alive at T, x] at the horizons with z = t/(α + T + t) beyond 1/2 that `out` still holds as NaN, for
 * a ≠ 1: (c/(a−1)) · [1 − (1 − z)^(r+x) ₂F₁(r+x, b+x+s; c; z)] with every ₂F₁ from one continuation along the
 * horizons (logHyp2f1Along), 1 − z = (α+T)/(α+T+t) exact. Leaves `out` as it is if the continuation declines.
 */
export function expectationsAlong(r: number, alpha: number, a: number, b: number, shift: 0 | 1, x: number, T: number, times: ArrayLike<number>, far: Far, out: Float64Array): void {
  const base = alpha + T;
  let count = 0;
  for (let j = 0; j < times.length; j++) if (Number.isNaN(out[j]) && times[j] > base) far.order[count++] = j;
  if (count === 0) return;
  const order = far.order.subarray(0, count);
  // Horizons in order of time, so 1 − z falls along the path.
  order.sort((i, j) => times[i] - times[j]);
  for (let k = 0; k < count; k++) far.oneMinusZ[k] = base / (base + times[order[k]]);
  const rx = r + x;
  const c = a + b + x + shift - 1;
  if (!logHyp2f1Along(rx, b + x + shift, c, far.oneMinusZ.subarray(0, count), far.logs)) return;
  for (let k = 0; k < count; k++) {
    const product = Math.exp(rx * Math.log(far.oneMinusZ[k]) + far.logs[k]);
    out[order[k]] = Math.max(0, (c / (a - 1)) * (1 - product));
  }
}

/**
 * Whether every sum of expectationsBySeries is complete after term k (coefficient: that of term k): the rest is at
 * most |term k|·ρ/(1 − ρ), with ρ bounding every later term ratio (each factor past −1 moves monotonically towards 1,
 * as in special.ts).
 */
function seriesDone(p: number, q: number, c: number, k: number, coefficient: number, h: number, m: number, scratch: Float64Array): boolean {
  if (coefficient === 0) return true;
  const growth = Math.max(1, (p + k) / (c + k)) * Math.max(1, (q + k) / (k + 1));
  for (let j = 0; j < m; j++) {
    const z = scratch[j];
    if (z === 0) continue;
    const ratio = z * growth;
    const term = Math.abs((coefficient * scratch[h + j]) / z); // scratch holds z^(k+1) by now
    if (!(ratio < 1 && (term * ratio) / (1 - ratio) <= FUSED_TOLERANCE * Math.abs(scratch[2 * h + j]))) return false;
  }
  return true;
}

/** Where expectationsBySeries hands over to special.ts: beyond it the series needs too many terms. */
const SERIES_Z_LIMIT = 0.5;
const MAX_FUSED_TERMS = 400;
/** Relative size of the last term (and of the rest after it) in every sum: full double precision. */
const FUSED_TOLERANCE = 1e-17;

/** The expectations divide by a − 1; at a = 1 exactly the limit is the mean of the two sides. */
const POLE_GAP = 1e-7;

export const bgnbdModel = makeModel('bgnbd', 'BG/NBD', 0);
export const mbgnbdModel = makeModel('mbgnbd', 'MBG/NBD', 1);
