/**
 * Gamma-Gamma model of spend per order: Fader & Hardie (2013), "The Gamma-Gamma model of monetary value", after
 * Colombo & Jiang (1999). Each order's value is Gamma(p, ν) around the customer's own mean p/ν, and ν ~ Gamma(q, v)
 * across customers. For a customer with x ≥ 1 repeat purchases of mean value m:
 *
 *     log f(m) = log Γ(px+q) − log Γ(px) − log Γ(q) + q log v + (px−1) log m + px log x − (px+q) log(xm + v)
 *     E[spend per order | x, m] = p (v + x m) / (px + q − 1)
 *
 * The fit uses only customers with x ≥ 1 and m > 0, with an analytic gradient and Hessian; the gamma-function terms
 * depend on x alone and are computed once per distinct x.
 */
import { digamma, gammaln, trigamma } from '../special';
import { DataError } from '../errors';
import {
  checkPositiveParams,
  checkSummaryRow,
  fitPositive,
  listOf,
  MAX_FREQUENCY,
  numberSaid,
  type AtModelLimit,
  type FitDiagnosis,
  type ParamBounds,
  type ThetaDerivatives,
} from './common';
import { defineModel } from './define';
import type { FitOptions, FitResult, ParamNames, SpendData as SpendInput, SpendModel, SpendPredictor } from './types';
import { formatNumber } from '../words';
import { said, type Said } from '../i18n/said';

export type GammaGammaParams = {
  p: number;
  q: number;
  v: number;
};

export const GAMMA_GAMMA_PARAM_NAMES: ParamNames<GammaGammaParams> = ['p', 'q', 'v'];

const LABEL = 'Gamma-Gamma';

/** The customers the model can use, with everything that does not depend on the parameters computed once. */
interface SpendData {
  x: Float64Array;
  m: Float64Array;
  w: Float64Array;
  /** Distinct frequencies with their summed weights. */
  distinctX: Float64Array;
  distinctW: Float64Array;
  /** Σ w, Σ w·x·(log m + log x), Σ w·log m */
  total: number;
  sumXLog: number;
  sumLogM: number;
}

/** What to do with a repeat customer whose mean spend is negative (returns larger than the repeat purchases). */
export type NegativeSpend = 'refuse' | 'skip';

export interface GammaGammaFitOptions extends FitOptions {
  /**
   * 'refuse' (default, for a summary a person made): a negative monetary value is a data error, named with its row.
   * 'skip' (for summaries of an order log, where returns netted into a day can leave a customer's repeat spend below
   * 0): such customers are left out, like those with a mean of 0, as they say nothing about spend.
   */
  negativeSpend?: NegativeSpend;
}

/** The usable customers, after checking every row (DataError naming the column and the row). */
function prepare(frequency: ArrayLike<number>, monetaryValue: ArrayLike<number>, weights?: ArrayLike<number>, negativeSpend: NegativeSpend = 'refuse'): SpendData {
  const n = frequency.length;
  if (monetaryValue.length !== n || (weights && weights.length !== n)) {
    throw new RangeError(`${LABEL}: frequency, monetary value and weights must have the same length`);
  }
  let usable = 0;
  let top = 0;
  const skip = negativeSpend === 'skip';
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    const m = monetaryValue[i];
    const w = weights ? weights[i] : 1;
    // One combined test per row; the message is worked out only for a row that fails it.
    const fine = Number.isInteger(x) && x >= 0 && x <= MAX_FREQUENCY && Number.isFinite(m) && (m >= 0 || x === 0 || skip) && w >= 0 && w < Infinity;
    if (!fine) spendRowError(x, m, w, i, negativeSpend);
    if (x >= 1 && m > 0 && w > 0) {
      usable++;
      if (x > top) top = x;
    }
  }
  // Plain loops: Float64Array.from with a mapping function is ten times slower on 100,000 customers.
  const x = new Float64Array(usable);
  const m = new Float64Array(usable);
  const w = new Float64Array(usable);
  const weightOfX = new Float64Array(top + 1);
  let total = 0;
  let sumXLog = 0;
  let sumLogM = 0;
  for (let i = 0, k = 0; i < n; i++) {
    const xi = frequency[i];
    const mi = monetaryValue[i];
    const wi = weights ? weights[i] : 1;
    if (!(xi >= 1 && mi > 0 && wi > 0)) continue;
    x[k] = xi;
    m[k] = mi;
    w[k] = wi;
    k++;
    weightOfX[xi] += wi;
    total += wi;
    const logM = Math.log(mi);
    sumXLog += wi * xi * (logM + Math.log(xi));
    sumLogM += wi * logM;
  }
  let distinct = 0;
  for (let v = 1; v <= top; v++) if (weightOfX[v] > 0) distinct++;
  const distinctX = new Float64Array(distinct);
  const distinctW = new Float64Array(distinct);
  for (let v = 1, k = 0; v <= top; v++) {
    if (weightOfX[v] > 0) {
      distinctX[k] = v;
      distinctW[k++] = weightOfX[v];
    }
  }
  return { x, m, w, distinctX, distinctW, total, sumXLog, sumLogM };
}

function spendRowError(x: number, m: number, w: number, row: number, negativeSpend: NegativeSpend): void {
  const at = (column: string): Said => said('where.row', { name: column, row: row + 1 });
  if (!Number.isInteger(x) || x < 0 || x > MAX_FREQUENCY) {
    // The same words as for the purchase models' rows.
    checkSummaryRow(x, 0, 0, 1, row);
  }
  if (!Number.isFinite(m)) {
    throw new DataError(said('spend.notNumber', { at: at('monetary_value'), value: numberSaid(m) }), 'monetary_value', row);
  }
  if (m < 0 && x > 0 && negativeSpend === 'refuse') {
    throw new DataError(said('spend.negative', { at: at('monetary_value'), value: m }), 'monetary_value', row);
  }
  if (!(w >= 0) || !Number.isFinite(w)) throw new DataError(said('rfm.weight', { at: at('weights'), value: numberSaid(w) }), 'weights', row);
}

function derivatives(data: SpendData, theta: ArrayLike<number>, wantHessian: boolean): ThetaDerivatives {
  const p = theta[0];
  const q = theta[1];
  const v = theta[2];
  const N = data.total;
  let value = -N * gammaln(q) + N * q * Math.log(v) + p * data.sumXLog - data.sumLogM;
  let gp = data.sumXLog;
  let gq = N * (Math.log(v) - digamma(q));
  let gv = (N * q) / v;
  let hpp = 0, hpq = 0, hpv = 0, hqv = N / v, hvv = (-N * q) / (v * v);
  let hqq = wantHessian ? -N * trigamma(q) : 0;
  for (let k = 0; k < data.distinctX.length; k++) {
    const x = data.distinctX[k];
    const w = data.distinctW[k];
    const px = p * x;
    value += w * (gammaln(px + q) - gammaln(px));
    const psiSum = digamma(px + q);
    gp += w * x * (psiSum - digamma(px));
    gq += w * psiSum;
    if (wantHessian) {
      const triSum = trigamma(px + q);
      hpp += w * x * x * (triSum - trigamma(px));
      hpq += w * x * triSum;
      hqq += w * triSum;
    }
  }
  const sums = new Float64Array(7);
  spendSums(data.x, data.m, data.w, p, q, v, wantHessian, sums);
  value -= sums[0];
  gp -= sums[1];
  gq -= sums[2];
  gv -= sums[3];
  hpv -= sums[4];
  hqv -= sums[5];
  hvv += sums[6];
  const gradient = Float64Array.of(gp, gq, gv);
  if (!wantHessian) return { value: Number.isFinite(value) ? value : -Infinity, gradient };
  const hessian = Float64Array.of(hpp, hpq, hpv, hpq, hqq, hqv, hpv, hqv, hvv);
  return { value: Number.isFinite(value) ? value : -Infinity, gradient, hessian };
}

/**
 * The sums over customers of w·(px + q)·log(x·m + v) and its derivatives, into `sums`: value, then ∂/∂p, ∂/∂q, ∂/∂v,
 * then (with the Hessian) the v-column of second derivatives, ∂²/∂p∂v, ∂²/∂q∂v and −∂²/∂v². Kept apart, with typed
 * arrays and numbers only, because it is where the time goes and a custom function runs cold: a small function of
 * stable types is compiled early, once.
 */
function spendSums(xs: Float64Array, ms: Float64Array, ws: Float64Array, p: number, q: number, v: number, wantHessian: boolean, sums: Float64Array): void {
  let value = 0, gp = 0, gq = 0, gv = 0, hpv = 0, hqv = 0, hvv = 0;
  const n = xs.length;
  if (wantHessian) {
    for (let i = 0; i < n; i++) {
      const w = ws[i];
      const x = xs[i];
      const is = 1 / (x * ms[i] + v);
      const wls = w * Math.log(x * ms[i] + v);
      const pxq = p * x + q;
      value += pxq * wls;
      gp += x * wls;
      gq += wls;
      const wis = w * is;
      gv += pxq * wis;
      hpv += x * wis;
      hqv += wis;
      hvv += pxq * wis * is;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      const wls = ws[i] * Math.log(x * ms[i] + v);
      const pxq = p * x + q;
      value += pxq * wls;
      gp += x * wls;
      gq += wls;
      gv += (pxq * ws[i]) / (x * ms[i] + v);
    }
  }
  sums[0] = value;
  sums[1] = gp;
  sums[2] = gq;
  sums[3] = gv;
  sums[4] = hpv;
  sums[5] = hqv;
  sums[6] = hvv;
}

/** Σ log f(m) over the customers with x ≥ 1 and m > 0 (the others carry no information about spend). */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  frequency: ArrayLike<number>,
  monetaryValue: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  checkPositiveParams(LABEL, GAMMA_GAMMA_PARAM_NAMES, params);
  return derivatives(prepare(frequency, monetaryValue, weights), [params.p, params.q, params.v], false).value;
}

/**
 * Above this p or q the model sits at one of its limits (a Gamma spread of 1% of its mean), where the parameters grow
 * without bound but the expected spend p(v + x·m)/(p·x + q − 1) settles: q large, customers spend alike on average
 * (v grows with q); p large, each customer's orders are all of one amount (the expectation tends to her own mean).
 */
const SPIKE_SHAPE = 1e4;

function fitProblem({ params, settled, optimizerMessage, atBound, stopped }: FitDiagnosis<GammaGammaParams>): Said | null | AtModelLimit<GammaGammaParams> {
  const sameAverage = params.q > SPIKE_SHAPE;
  const oneAmount = params.p > SPIKE_SHAPE;
  // At a limit the likelihood keeps creeping up along it, and the search may stop short of settling: that is fine.
  if (stopped || (!settled && !sameAverage && !oneAmount)) return optimizerMessage;
  const unpinned: ('p' | 'q' | 'v')[] = [];
  const notes: Said[] = [];
  if (sameAverage) {
    unpinned.push('q', 'v');
    notes.push(said('spend.sameAverage'));
  }
  if (oneAmount) {
    unpinned.push('p', 'v');
    notes.push(said('spend.oneAmount'));
  }
  const edge = atBound.filter((name) => !unpinned.includes(name));
  if (edge.length > 0) return said('spend.atBound', { names: listOf(edge) });
  if (params.q <= 1) return said('spend.qAtMostOne', { q: formatNumber(params.q, 3) });
  if (notes.length === 0) return null;
  const both = notes.length === 1 ? notes[0] : said('core.sentences', { first: notes[0], second: notes[1] });
  return { note: said('spend.note', { notes: both }), unpinned };
}

/**
 * The box the fit searches, documented in the README: p and q in [1e-6, 1e6], v in [1e-9, 1e9] times the mean repeat
 * spend (its unit is the currency's).
 */
function bounds(data: SpendData): ParamBounds {
  let spend = 0;
  for (let i = 0; i < data.x.length; i++) spend += data.w[i] * data.m[i];
  const mean = spend / data.total > 0 ? spend / data.total : 1;
  return { lower: [1e-6, 1e-6, 1e-9 * mean], upper: [1e6, 1e6, 1e9 * mean] };
}

/**
 * Fits p, q, v by maximum likelihood on the customers with a repeat purchase (x ≥ 1) and a positive mean repeat
 * spend m. `monetaryValue` is the mean value of each customer's repeat purchases (lifetimes' monetary_value).
 * Throws a DataError for a bad row (see GammaGammaFitOptions for negative spends) and for fewer than 2 usable customers.
 */
export function fitGammaGamma(
  frequency: ArrayLike<number>,
  monetaryValue: ArrayLike<number>,
  weights?: ArrayLike<number>,
  options: GammaGammaFitOptions = {},
): FitResult<GammaGammaParams> {
  const data = prepare(frequency, monetaryValue, weights, options.negativeSpend);
  if (data.x.length < 2) {
    throw new DataError(said(data.x.length === 0 ? 'spend.noCustomer' : 'spend.oneCustomer'), 'monetary_value');
  }
  return fitPositive<GammaGammaParams>(
    GAMMA_GAMMA_PARAM_NAMES,
    (theta, wantHessian) => derivatives(data, theta, wantHessian),
    momentStart(data),
    data.total,
    options,
    fitProblem,
    bounds(data),
  );
}

/**
 * Starting values from the first two moments of m with q = 3: E[m] = p·v/2 and E[m²] = (p·E[1/x] + p²)·v²/2, so
 * p = E[1/x]/(E[m²]/(2E[m]²) − 1) and v = 2E[m]/p. Close enough that Newton needs a few steps instead of dozens
 * of halvings from a blind start.
 */
function momentStart(data: SpendData): number[] {
  let m1 = 0;
  let m2 = 0;
  let h = 0;
  for (let i = 0; i < data.x.length; i++) {
    const w = data.w[i];
    m1 += w * data.m[i];
    m2 += w * data.m[i] * data.m[i];
    h += w / data.x[i];
  }
  m1 /= data.total;
  m2 /= data.total;
  h /= data.total;
  const excess = m2 / (2 * m1 * m1) - 1;
  const p = excess > 0 ? h / excess : NaN;
  if (!(p > 0.01 && p < 1e4)) return [1, 2, m1];
  return [p, 3, (2 * m1) / p];
}

/**
 * E[spend per order] for a customer with x repeat purchases of mean value m: a weighted mean of the population
 * mean p·v/(q−1) and the customer's own m. Customers without a repeat purchase get the population mean.
 */
export function expectedSpend(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  if (!(x > 0) || !(m > 0)) return populationMeanSpend(params);
  return (p * (v + x * m)) / (p * x + q - 1);
}

/** p·v/(q − 1): the mean spend per order across customers; Infinity when q ≤ 1. */
export function populationMeanSpend(params: GammaGammaParams): number {
  return params.q > 1 ? (params.p * params.v) / (params.q - 1) : Infinity;
}

/** Gamma-Gamma in the registry: its data are each customer's repeat purchases and their mean amount. */
export const gammagamma: SpendModel<'gammagamma', GammaGammaParams> = defineModel({
  name: 'gammagamma',
  label: LABEL,
  kind: 'spend',
  paramNames: GAMMA_GAMMA_PARAM_NAMES,
  logLikelihood: (params: GammaGammaParams, data: SpendInput) => gammaGammaLogLikelihood(params, data.frequency, data.monetaryValue, data.weights),
  fit: (data: SpendInput, options?: FitOptions) => fitGammaGamma(data.frequency, data.monetaryValue, data.weights, { ...options, negativeSpend: data.negativeSpend }),
  predictor: (params: GammaGammaParams): SpendPredictor => ({
    expectedSpend: (x, m) => expectedSpend(params, x, m),
    populationMean: () => populationMeanSpend(params),
  }),
  read: (v) => ({ p: v.p, q: v.q, v: v.v }),
});

/** Pearson correlation of frequency and mean spend among repeat customers: the model assumes it is near 0. */
export function spendFrequencyCorrelation(frequency: ArrayLike<number>, monetaryValue: ArrayLike<number>): number {
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    if (frequency[i] > 0 && monetaryValue[i] > 0) {
      xs.push(frequency[i]);
      ms.push(monetaryValue[i]);
    }
  }
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const mm = ms.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ms[i] - mm);
    sxx += (xs[i] - mx) ** 2;
    syy += (ms[i] - mm) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
