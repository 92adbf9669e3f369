/**
 * The probability of exactly n purchases in a coming period, for a column of customers and a row of counts n:
 * P(X(T, T+t] = n | x, t_x, T) for BG/NBD, MBG/NBD and Pareto/NBD, P(X(n, n+n*) = n | x, t_x, n) for BG/BB, and
 * the same for a customer just acquired (lifetimes' probability_of_n_purchases_up_to_time and
 * conditional_probability_of_n_purchases_up_to_time, BTYD's bgnbd.pmf, pnbd.pmf, bgbb.pmf).
 *
 * Every model gives them the same way. A customer who is no longer alive at T buys nothing more. One who is alive
 * at T is, from then on, a new customer of the same model whose parameters are updated by her history: purchase
 * rate λ ~ Gamma(r + x, α + T) in every continuous-time model; drop-out p ~ Beta(a, b + x) after each purchase in
 * BG/NBD (b + x + 1 in MBG/NBD, whose customers may also drop out right after the first purchase), drop-out rate
 * μ ~ Gamma(s, β + T) in Pareto/NBD; in BG/BB p ~ Beta(α + x, β + n − x) and θ ~ Beta(γ, δ + n). So
 *
 *     P(X = n | history) = P(alive) · P_new(X = n | updated parameters) + [n = 0] · (1 − P(alive)),
 *
 * which is how Fader, Hardie & Lee's notes derive the conditional PMFs ("Deriving the conditional PMF of the
 * BG/NBD model", "… of the Pareto/NBD model", brucehardie.com notes 039 and 028) and Fader, Hardie & Shang (2010)
 * the BG/BB's (their eq. 17). The second factor depends on the frequency and the age alone, so a column of customers
 * costs one row of it per distinct (x, T).
 *
 * Work is bounded: at most MAX_COUNT for a count, MAX_CELLS customers × counts per call, and every series within the
 * 2F1 term limit or a fixed number of quadrature nodes; what cannot be computed to full precision within them is a
 * RangeError, never a wrong number.
 */
import { MAX_LEVEL, tanhSinhNodes } from '../quadrature';
import { gammaln, hyp2f1, logHyp2f1, logSumExp } from '../special';
import type { BetaGeoParams } from './betageo';
import { bgbbPAlive, checkBgBbRow, type BgBbParams } from './bgbb';
import { checkHistory, checkPositiveParams, groupByPair, LimitError } from './common';
import { said } from '../i18n/said';
import { paretonbd, type ParetoNbdParams } from './paretonbd';

import type { Histories } from './types';

export type { Histories };

/** Which of the two beta-geometric models: MBG/NBD lets a customer drop out right after her first purchase too. */
export type BetaGeoVariant = 'bgnbd' | 'mbgnbd';

/** The largest count n asked about: more purchases than any customer makes in a forecast a cell shows. */
export const MAX_COUNT = 10_000;
/** At most this many probabilities (customers × counts) per call: a sheet's 10 million cells, twice over. */
export const MAX_CELLS = 20_000_000;

// ---------------------------------------------------------------------------------------------------------------
// BG/NBD and MBG/NBD

/**
 * P(X(T, T+t] = n | x, t_x, T) for BG/NBD or MBG/NBD: one row per customer, one value per count, in the order of
 * `counts`. t and the histories in the unit the parameters were fitted in.
 */
export function betaGeoCountProbabilities(variant: BetaGeoVariant, params: BetaGeoParams, t: number, counts: ArrayLike<number>, customers: Histories): Float64Array[] {
  const label = variant === 'bgnbd' ? 'BG/NBD' : 'MBG/NBD';
  checkPositiveParams(label, ['r', 'alpha', 'a', 'b'], params);
  checkHorizonAndCounts(label, t, counts, customers.frequency.length);
  const shift = variant === 'bgnbd' ? 0 : 1;
  const { r, alpha, a, b } = params;
  return conditionalRows(
    label,
    customers,
    counts,
    (x, tx, T) => betaGeoPAlive(params, shift, x, tx, T),
    (x, T, out) => betaGeoAliveRow(r + x, alpha + T, a, b + x + shift, t, counts, out),
  );
}

/** P(X(0, t] = n) for a customer just acquired (BG/NBD: FHL 2005 eq. 8; MBG/NBD: Batislam et al. 2007 eq. 9). */
export function betaGeoCountProbabilitiesNew(variant: BetaGeoVariant, params: BetaGeoParams, t: number, counts: ArrayLike<number>): Float64Array {
  // A new customer is one with x = 0 at T = 0: for MBG/NBD her drop-out right after the first purchase is still to
  // come (P(alive) = b/(a+b)), exactly as in the papers' P(X(t) = x).
  return betaGeoCountProbabilities(variant, params, t, counts, { frequency: [0], recency: [0], T: [0] })[0];
}

/**
 * E[X(0, t]] of a customer just acquired, the mean of betaGeoCountProbabilitiesNew: BG/NBD (a+b−1)/(a−1)·[1 −
 * (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))] (FHL 2005 eq. 9); MBG/NBD b/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b+1; a+b;
 * t/(α+t))] (Batislam, Denizel & Filiztekin 2007; lifetimes' ModifiedBetaGeoFitter and BTYDplus's mbgcnbd with
 * k = 1 agree), i.e. P(alive at 0) = b/(a+b) times the expectation of a customer known to be alive.
 */
export function betaGeoExpectedPurchasesNew(variant: BetaGeoVariant, params: BetaGeoParams, t: number): number {
  const label = variant === 'bgnbd' ? 'BG/NBD' : 'MBG/NBD';
  checkPositiveParams(label, ['r', 'alpha', 'a', 'b'], params);
  checkHistory(label, 0, 0, 0, t);
  if (t === 0) return 0;
  const shift = variant === 'bgnbd' ? 0 : 1;
  const { r, alpha, a, b } = params;
  const alive = shift === 0 ? 1 : b / (a + b);
  // The expectation divides by a − 1; at a = 1 the limit is the mean of its two sides.
  const at = (aa: number): number => {
    const c = aa + b + shift - 1;
    const z = t / (alpha + t);
    const logDecay = -r * Math.log1p(t / alpha); // r log(1 − z), exact for short horizons
    const lh = logHyp2f1(r, b + shift, c, z);
    const product = Number.isNaN(lh) ? Math.exp(logDecay) * hyp2f1(r, b + shift, c, z) : Math.exp(logDecay + lh);
    return Math.max(0, (c / (aa - 1)) * (1 - product));
  };
  const gap = 1e-7;
  return alive * (Math.abs(a - 1) >= gap ? at(a) : (at(1 - gap) + at(1 + gap)) / 2);
}

/** P(alive at T | x, t_x, T) of BG/NBD (shift 0) or MBG/NBD (shift 1), as in the papers. */
function betaGeoPAlive(params: BetaGeoParams, shift: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  if (x + shift === 0) return 1;
  const logOdds = Math.log(a / (b + x + shift - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * P(X(t) = n) of a customer alive now, with purchase rate λ ~ Gamma(r, α) and drop-out probability p ~ Beta(a, b)
 * after each purchase (the parameters already updated by her history), into `out`:
 *
 *     NB(n) · B(a, b+n)/B(a, b) · [1 + [n > 0] · a/(b+n−1) · ₂F₁(1, r+n; n+1; q)],   q = t/(α+t),
 *
 * where NB(n) = Γ(r+n)/(Γ(r) n!) (1−q)^r q^n. The first term is "n purchases, alive after each"; the second "dropped
 * out at the n-th", which needs at least n purchases by t: FHL 2005's 1 − Σ_{j<n} NB(j), summed here as the NB's
 * upper tail NB(n)·₂F₁(1, r+n; n+1; q) (its terms' ratios, (r+n+k) q/(n+1+k), give the series), a sum of positive
 * terms that keeps its digits when the tail is tiny (short horizons, large n), where 1 − Σ would be all rounding.
 */
function betaGeoAliveRow(r: number, alpha: number, a: number, b: number, t: number, counts: ArrayLike<number>, out: Float64Array): void {
  if (t === 0) {
    for (let j = 0; j < counts.length; j++) out[j] = counts[j] === 0 ? 1 : 0;
    return;
  }
  const logStay = -Math.log1p(t / alpha); // log(1 − q), exact for short horizons
  const logQ = Math.log(t) - Math.log(alpha + t);
  const q = t / (alpha + t);
  for (let j = 0; j < counts.length; j++) {
    const n = counts[j];
    const logNb = logRising(r, n) - logFactorial(n) + r * logStay + (n === 0 ? 0 : n * logQ);
    if (n === 0) {
      out[j] = Math.exp(logNb);
      continue;
    }
    const logSurvive = logRising(b, n) - logRising(a + b, n); // log B(a, b+n)/B(a, b)
    const logTail = logHyp2f1(1, r + n, n + 1, q);
    out[j] = Math.exp(logNb + logSurvive + logSumExp(0, Math.log(a / (b + n - 1)) + logTail));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Pareto/NBD

/** P(X(T, T+t] = n | x, t_x, T) for Pareto/NBD: one row per customer, one value per count. */
export function paretoNbdCountProbabilities(params: ParetoNbdParams, t: number, counts: ArrayLike<number>, customers: Histories): Float64Array[] {
  const label = 'Pareto/NBD';
  checkPositiveParams(label, ['r', 'alpha', 's', 'beta'], params);
  checkHorizonAndCounts(label, t, counts, customers.frequency.length);
  // Each distinct (x, T) costs a quadrature of up to a few hundred nodes per count: bound the total before starting.
  const { leaders } = groupByPair(customers.frequency, customers.T);
  if (leaders.length * counts.length > MAX_PARETO_STEPS) {
    throw new LimitError(label, said('limit.paretoCounts', { histories: leaders.length, counts: counts.length, most: MAX_PARETO_STEPS }));
  }
  const { r, alpha, s, beta } = params;
  const predictor = paretonbd.predictor(params);
  return conditionalRows(
    label,
    customers,
    counts,
    (x, tx, T) => predictor.pAlive(x, tx, T),
    (x, T, out) => paretoNbdAliveRow(r + x, alpha + T, s, beta + T, t, counts, out),
  );
}

/**
 * Distinct histories × counts of one Pareto/NBD call: each pair is a quadrature of up to a few hundred nodes, some
 * 5 µs in the test harness (9,000 × 1,000 took 44 s), so this keeps a call to about 15 s.
 */
const MAX_PARETO_STEPS = 3_000_000;

/** P(X(0, t] = n) for a customer just acquired (Fader & Hardie's note "Deriving an expression for P(X(t) = x) under the Pareto/NBD model"). */
export function paretoNbdCountProbabilitiesNew(params: ParetoNbdParams, t: number, counts: ArrayLike<number>): Float64Array {
  return paretoNbdCountProbabilities(params, t, counts, { frequency: [0], recency: [0], T: [0] })[0];
}

/**
 * P(X(t) = n) of a customer alive now, λ ~ Gamma(r, α), μ ~ Gamma(s, β), into `out`: alive all along with n
 * purchases, or dropped out at some τ ≤ t after n purchases,
 *
 *     NB(n; r, α/(α+t)) (β/(β+t))^s + ∫₀ᵗ sβ^s/(β+τ)^(s+1) · NB(n; r, α/(α+τ)) dτ.
 *
 * The published closed form of the integral (Fader & Hardie's notes: a ₂F₁ minus a sum of n+1 of them) subtracts
 * nearly equal numbers whenever dropping out by t is unlikely (short horizons, large n), and then keeps no digit.
 * Here the integral is taken as it stands, with w = τ/(α+τ), W = t/(α+t):
 *
 *     s β^s α Γ(r+n)/(Γ(r) n!) ∫₀^W w^n (1−w)^(r+s−1) (β(1−w) + αw)^(−s−1) dw,
 *
 * a positive integrand, by tanh-sinh quadrature (../quadrature), every count at the same nodes. The levels are
 * refined until two agree to 1e-9 of each probability (the next digits come free: each level doubles them), at most
 * to MAX_LEVEL.
 */
function paretoNbdAliveRow(r: number, alpha: number, s: number, beta: number, t: number, counts: ArrayLike<number>, out: Float64Array): void {
  const k = counts.length;
  if (t === 0) {
    for (let j = 0; j < k; j++) out[j] = counts[j] === 0 ? 1 : 0;
    return;
  }
  const W = t / (alpha + t);
  const oneMinusW = alpha / (alpha + t);
  const logW = Math.log(t) - Math.log(alpha + t);
  const logSurvive = -s * Math.log1p(t / beta); // (β/(β+t))^s
  const logPrefix = new Float64Array(k); // log s β^s α W Γ(r+n)/(Γ(r) n!)
  const alive = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const n = counts[j];
    const logC = logRising(r, n) - logFactorial(n);
    alive[j] = Math.exp(logC + r * Math.log(oneMinusW) + (n === 0 ? 0 : n * logW) + logSurvive);
    logPrefix[j] = logC + Math.log(s) + s * Math.log(beta) + Math.log(alpha) + logW;
  }
  // Running log-sum-exp of the node terms per count: `peak` the largest log term so far, `sum` the terms over e^peak.
  const peak = new Float64Array(k).fill(-Infinity);
  const sum = new Float64Array(k);
  const previous = new Float64Array(k).fill(NaN);
  for (let level = 0; level <= MAX_LEVEL; level++) {
    for (const node of tanhSinhNodes(level)) {
      const w = W * node.u;
      const oneMinus = oneMinusW + W * node.oneMinusU; // 1 − W u without cancellation
      const logBase = Math.log(node.weight) + (r + s - 1) * Math.log(oneMinus) - (s + 1) * Math.log(beta * oneMinus + alpha * w);
      const logWu = logW + Math.log(node.u);
      for (let j = 0; j < k; j++) {
        const term = logBase + (counts[j] === 0 ? 0 : counts[j] * logWu);
        if (term > peak[j]) {
          sum[j] = sum[j] * Math.exp(peak[j] - term) + 1;
          peak[j] = term;
        } else sum[j] += Math.exp(term - peak[j]);
      }
    }
    // The rule with step 2^−level: h · Σ weight · f.
    let settled = level >= MIN_LEVEL;
    for (let j = 0; j < k; j++) {
      const dropped = Math.exp(logPrefix[j] + peak[j] + Math.log(sum[j]) - level * Math.LN2);
      const total = alive[j] + dropped;
      if (!(Math.abs(dropped - previous[j]) <= QUADRATURE_TOLERANCE * total)) settled = false;
      previous[j] = dropped;
      out[j] = total;
    }
    if (settled) return;
  }
  out.fill(NaN); // not settled within MAX_LEVEL: no number rather than an imprecise one
}

/** Fewer levels than this could agree by chance on a peak they both miss. */
const MIN_LEVEL = 3;
const QUADRATURE_TOLERANCE = 1e-9;

// ---------------------------------------------------------------------------------------------------------------
// BG/BB

/**
 * P(X(n, n+n*) = k | x, t_x, n) for BG/BB (Fader, Hardie & Shang 2010, eq. 17): transactions in the next n*
 * opportunities; one row per customer (T holds n, the opportunities so far), one value per count k.
 */
export function bgbbCountProbabilities(params: BgBbParams, nStar: number, counts: ArrayLike<number>, customers: Histories): Float64Array[] {
  const label = 'BG/BB';
  checkPositiveParams(label, ['alpha', 'beta', 'gamma', 'delta'], params);
  if (!Number.isInteger(nStar) || nStar < 0) throw new RangeError(`BG/BB: the number of future opportunities must be a whole number ≥ 0; got ${nStar}`);
  checkCounts(label, counts, customers.frequency.length);
  const { alpha, beta, gamma, delta } = params;
  const { frequency: xs, recency: txs, T: ns } = customers;
  for (let c = 0; c < xs.length; c++) checkBgBbRow(xs[c], txs[c], ns[c], c);
  // Each distinct (x, n) costs n* · counts steps: bound the total before starting.
  const { leaders } = groupByPair(xs, ns);
  if (leaders.length * nStar * counts.length > MAX_BGBB_STEPS) {
    const sizes = { histories: String(leaders.length), future: String(nStar), counts: String(counts.length), most: MAX_BGBB_STEPS };
    throw new LimitError(label, said('limit.bgbbCounts', sizes));
  }
  return conditionalRows(
    label,
    customers,
    counts,
    (x, tx, n) => bgbbPAlive(params, x, tx, n, 0),
    (x, n, out) => bgbbAliveRow(alpha + x, beta + n - x, gamma, delta + n, nStar, counts, out),
  );
}

/** P(X(n*) = k) for a customer just acquired, over her first n* opportunities (FHS 2010 eq. 8). */
export function bgbbCountProbabilitiesNew(params: BgBbParams, nStar: number, counts: ArrayLike<number>): Float64Array {
  return bgbbCountProbabilities(params, nStar, counts, { frequency: [0], recency: [0], T: [0] })[0];
}

/** Steps (opportunity × count) of one BG/BB call: some 2 seconds. */
const MAX_BGBB_STEPS = 50_000_000;

/**
 * P(X(m) = k) over m opportunities of a customer alive now, p ~ Beta(a, b), θ ~ Beta(g, d), into `out`: alive after
 * all m with k of them used, or died at opportunity i+1 (i = k … m−1) with k of the first i used,
 *
 *     C(m,k) B(a+k, b+m−k)/B(a,b) · B(g, d+m)/B(g,d) + Σ_i C(i,k) B(a+k, b+i−k)/B(a,b) · B(g+1, d+i)/B(g,d),
 *
 * each term from the last by its ratio, in logs (long histories underflow plain products).
 */
function bgbbAliveRow(a: number, b: number, g: number, d: number, m: number, counts: ArrayLike<number>, out: Float64Array): void {
  for (let j = 0; j < counts.length; j++) {
    const k = counts[j];
    if (k > m) {
      out[j] = 0;
      continue;
    }
    // i = k: C(k,k) B(a+k, b)/B(a,b) and B(g+1, d+k)/B(g,d) = g/(g+d) · Π_{j<k} (d+j)/(g+d+1+j).
    let logMix = logRising(a, k) - logRising(a + b, k);
    let logDeath = Math.log(g / (g + d)) + logRising(d, k) - logRising(g + d + 1, k);
    let peak = -Infinity;
    let sum = 0;
    for (let i = k; i < m; i++) {
      if (i > k) {
        // C(i,k)/C(i−1,k) = i/(i−k); B(a+k, b+i−k)/B(a+k, b+i−1−k) = (b+i−1−k)/(a+b+i−1); B(g+1, d+i)/B(g+1, d+i−1) = (d+i−1)/(g+d+i)
        logMix += Math.log((i * (b + i - 1 - k)) / ((i - k) * (a + b + i - 1)));
        logDeath += Math.log((d + i - 1) / (g + d + i));
      }
      const term = logMix + logDeath;
      if (term > peak) {
        sum = sum * Math.exp(peak - term) + 1;
        peak = term;
      } else sum += Math.exp(term - peak);
    }
    // Alive after all m: C(m,k) B(a+k, b+m−k)/B(a,b) · B(g, d+m)/B(g,d).
    const logAlive =
      logChoose(m, k) + logRising(a, k) + logRising(b, m - k) - logRising(a + b, m) + logRising(d, m) - logRising(g + d, m);
    out[j] = Math.exp(sum > 0 ? logSumExp(logAlive, peak + Math.log(sum)) : logAlive);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Shared

/**
 * The rows for a column of customers: P(alive) · row(x, T) + [n = 0] (1 − P(alive)), the row worked out once per
 * distinct (x, T). Throws a RangeError naming the model where a probability could not be computed.
 */
function conditionalRows(
  label: string,
  customers: Histories,
  counts: ArrayLike<number>,
  pAlive: (x: number, tx: number, T: number) => number,
  aliveRow: (x: number, T: number, out: Float64Array) => void,
): Float64Array[] {
  const { frequency: xs, recency: txs, T: Ts } = customers;
  const n = xs.length;
  if (txs.length !== n || Ts.length !== n) throw new RangeError(`${label}: frequency, recency and T must have the same length`);
  if (label !== 'BG/BB') for (let c = 0; c < n; c++) checkHistory(label, xs[c], txs[c], Ts[c]);
  const { groupOf, leaders } = groupByPair(xs, Ts);
  const k = counts.length;
  const rows = leaders.map((c) => {
    const row = new Float64Array(k);
    aliveRow(xs[c], Ts[c], row);
    if (!row.every(Number.isFinite)) {
      throw new LimitError(label, said('limit.precision', { frequency: String(xs[c]), age: String(Ts[c]) }));
    }
    return row;
  });
  const out: Float64Array[] = [];
  for (let c = 0; c < n; c++) {
    const p = pAlive(xs[c], txs[c], Ts[c]);
    const row = rows[groupOf[c]];
    const probabilities = new Float64Array(k);
    for (let j = 0; j < k; j++) probabilities[j] = p * row[j] + (counts[j] === 0 ? 1 - p : 0);
    out.push(probabilities);
  }
  return out;
}

function checkHorizonAndCounts(label: string, t: number, counts: ArrayLike<number>, customers: number): void {
  if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`${label}: the horizon must be a number ≥ 0; got ${t}`);
  checkCounts(label, counts, customers);
}

function checkCounts(label: string, counts: ArrayLike<number>, customers: number): void {
  for (let j = 0; j < counts.length; j++) {
    const n = counts[j];
    if (!Number.isInteger(n) || n < 0 || n > MAX_COUNT) {
      throw new RangeError(`${label}: a number of purchases must be a whole number from 0 to ${MAX_COUNT.toLocaleString('en')}; got ${n}`);
    }
  }
  if (customers * counts.length > MAX_CELLS) {
    throw new LimitError(label, said('limit.cells', { customers: String(customers), counts: String(counts.length), most: MAX_CELLS }));
  }
}

/**
 * log Γ(z+n)/Γ(z) for whole n ≥ 0: a sum of logs for small n, where the difference of two large log-gammas (heavy
 * buyers: z in the hundreds of thousands) would keep only the digits their size leaves.
 */
function logRising(z: number, n: number): number {
  if (n === 0) return 0;
  if (n <= 32) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.log(z + j);
    return s;
  }
  return gammaln(z + n) - gammaln(z);
}

function logFactorial(n: number): number {
  return gammaln(n + 1);
}

function logChoose(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}
