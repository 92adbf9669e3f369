/**
 * Each purchase model's own buying process, run forward from the end of observation for a customer known to be
 * alive then: what prediction intervals (../intervals.ts) draw from. Each purchase model's descriptor carries its own
 * (definePurchaseModel in ./define.ts), so a model without a simulation does not compile.
 *
 * Given the model's parameters and a history of x repeat purchases in an age of T, a customer alive at T has rates
 * whose posterior is conjugate (the "alive at T" term of each likelihood is a Gamma and a Beta, or two Gammas, kernel):
 * - BG/NBD: λ ~ Gamma(r + x, α + T) and p ~ Beta(a, b + x), independent (the term (1 − p)^x λ^x e^(−λT)). While
 *   alive she buys at rate λ and drops out after each purchase with probability p: the drop-out comes after the K-th
 *   future purchase, K ~ Geometric(p) on 1, 2, …, so the purchases in (T, T + t] are min(Poisson(λt), K).
 * - MBG/NBD: the same with p ~ Beta(a, b + x + 1): she has also survived the toss after her first purchase.
 * - Pareto/NBD: λ ~ Gamma(r + x, α + T) and μ ~ Gamma(s, β + T) (the term λ^x e^(−(λ+μ)T)); her remaining lifetime
 *   is τ ~ Exponential(μ) (memoryless), so the purchases in (T, T + t] are Poisson(λ · min(τ, t)).
 * Times are in the model's unit, counted from T. Where only the count matters, the rates are integrated out rather
 * than drawn (a negative binomial count, a beta-geometric drop-out, a Lomax lifetime), each drawn by inversion of one
 * uniform: the same distribution, at a fraction of the cost of Gamma and Beta draws.
 */
import type { Random } from '../random';
import type { BetaGeoParams } from './betageo';
import type { ParetoNbdParams } from './paretonbd';
import type { BoundSimulation, PurchaseSimulation } from './types';

/**
 * Expected purchases per period above which a simulated future is run period by period rather than purchase by
 * purchase: a Poisson draw per period costs about what two purchases do.
 */
export const BY_PERIOD_ABOVE = 2;

/** K ~ Geometric(p) on 1, 2, …: the future purchase after which a BG/NBD customer drops out. */
function geometric(rng: Random, p: number): number {
  if (p >= 1) return 1;
  return 1 + Math.floor(Math.log(rng.uniform()) / Math.log1p(-p));
}

/** Poisson for any mean the simulations meet: a mean beyond a double's range of counts is left as it is. */
function poisson(rng: Random, mean: number): number {
  return Number.isFinite(mean) ? rng.poisson(mean) : mean;
}

/** Above this many purchases a run's drop-out is drawn at once (p, then a geometric K), not purchase by purchase. */
const DROP_BY_HAZARD_LIMIT = 200;

/** Above this mean a negative binomial count is drawn as a Gamma rate and a Poisson count (PTRS: constant time). */
const INVERSION_MEAN_LIMIT = 30;

/**
 * Purchases in a span of `length` of a customer whose rate is Gamma(shape, rate): Poisson with a Gamma mean, i.e.
 * negative binomial, P(N = n) = Γ(shape+n)/(Γ(shape) n!) · (1−q)^shape · q^n with q = length/(rate + length). By
 * inversion of one uniform, in about N steps; for a large mean (a heavy buyer over a long span), by drawing the rate
 * and then the Poisson count.
 */
function negativeBinomial(rng: Random, shape: number, rate: number, length: number): number {
  if (!(length > 0)) return 0;
  const logNone = -shape * Math.log1p(length / rate);
  if (logNone < -500 || (shape * length) / rate > INVERSION_MEAN_LIMIT) return poisson(rng, rng.gamma(shape, rate) * length);
  const q = length / (rate + length);
  const u = rng.uniform();
  let term = Math.exp(logNone);
  let cumulative = term;
  let n = 0;
  while (cumulative < u && term > 0) {
    term *= ((shape + n) / (n + 1)) * q;
    cumulative += term;
    n++;
  }
  return n;
}

/**
 * Drop-out of a BG/NBD customer whose drop-out probability is Beta(a, b) (p integrated out): she survives her j-th
 * future purchase with probability (b + j − 1)/(a + b + j − 1) given she survived the ones before, so
 * P(K > j) = Π_{i ≤ j} (b + i − 1)/(a + b + i − 1), drawn by inversion of one uniform, purchase by purchase.
 */
class DropOut {
  private u = 1;
  private survival = 1;
  private j = 0;

  constructor(
    private readonly a: number,
    private readonly b: number,
  ) {}

  start(rng: Random): void {
    this.u = rng.uniform();
    this.survival = 1;
    this.j = 0;
  }

  /** Whether she drops out right after her next purchase. */
  afterNext(): boolean {
    this.survival *= (this.b + this.j) / (this.a + this.b + this.j);
    this.j++;
    return this.u >= this.survival;
  }

  /** Whether she has dropped out, after `of`. */
  dropped = false;

  /** Of n purchases in a row, how many she makes: up to the one after which she drops out (`dropped`), or all n. */
  of(n: number): number {
    for (let i = 1; i <= n; i++) {
      if (this.afterNext()) {
        this.dropped = true;
        return i;
      }
    }
    this.dropped = false;
    return n;
  }
}

export function betaGeoSimulation(shift: 0 | 1): PurchaseSimulation<BetaGeoParams> {
  return {
    ageScale: ({ alpha }) => alpha,
    meanRate: ({ r, alpha }, x, T) => (r + x) / (alpha + T),
    counts({ r, alpha, a, b }, x, T, t, rng, out, from, n) {
      const drop = new DropOut(a, b + x + shift);
      for (let i = from; i < from + n; i++) {
        // N ~ NB (λ integrated out) and K ~ beta-geometric (p integrated out) are independent given alive: min(N, K).
        const purchases = negativeBinomial(rng, r + x, alpha + T, t);
        if (purchases === 0) {
          out[i] = 0;
          continue;
        }
        if (purchases > DROP_BY_HAZARD_LIMIT) {
          // Many purchases (a long horizon): p drawn, then K ~ Geometric(p) at once rather than purchase by purchase.
          out[i] = Math.min(purchases, geometric(rng, rng.beta(a, b + x + shift)));
          continue;
        }
        drop.start(rng);
        out[i] = drop.of(purchases);
      }
    },
    periods({ r, alpha, a, b }, x, T, length, periods, rng, out) {
      const end = length * periods;
      if (((r + x) / (alpha + T)) * end <= BY_PERIOD_ABOVE * periods) return byPurchase(rng, r + x, alpha + T, end, length, periods, new DropOut(a, b + x + shift), out);
      // A heavy buyer, period by period: her rate and drop-out probability drawn, Poisson purchases in each period
      // until the K-th, K ~ Geometric(p), after which she drops out.
      const lambda = rng.gamma(r + x, alpha + T);
      let left = geometric(rng, rng.beta(a, b + x + shift));
      let used = 0;
      while (used < periods && left > 0) {
        const n = Math.min(poisson(rng, lambda * length), left);
        out[used++] = n;
        left -= n;
      }
      return used;
    },
  };
}

/** Scratch for the purchase times of one light buyer's run. */
let uniforms = new Float64Array(64);

/**
 * A light buyer's purchases up to `end`, the rate λ ~ Gamma(shape, rate) integrated out: N, the purchases she would
 * make in (0, end] without dropping out, is negative binomial, and given N their times are N independent uniforms on
 * (0, end] (as they are given λ, whatever λ). `drop` (BG/NBD) keeps the first `made` of them in time order, up to
 * the purchase after which she drops out.
 */
function byPurchase(rng: Random, shape: number, rate: number, end: number, length: number, periods: number, drop: DropOut | null, out: Float64Array): number {
  const n = negativeBinomial(rng, shape, rate, end);
  if (n === 0) return 0;
  let made = n;
  if (drop) {
    drop.start(rng);
    made = drop.of(n);
  }
  if (uniforms.length < n) uniforms = new Float64Array(Math.max(n, 2 * uniforms.length));
  const times = uniforms.subarray(0, n);
  for (let i = 0; i < n; i++) times[i] = rng.uniform();
  if (made < n) times.sort();
  const scale = end / length;
  let used = 0;
  for (let j = 0; j < made; j++) {
    const i = Math.min(periods - 1, Math.floor(times[j] * scale));
    while (used <= i) out[used++] = 0;
    out[i]++;
  }
  return used;
}

/** Her remaining lifetime, Exponential(μ) with μ ~ Gamma(s, rate) integrated out (Lomax): P(τ > u) = (rate/(rate+u))^s. */
function lifetime(rng: Random, s: number, rate: number): number {
  return rate * Math.expm1(-Math.log(rng.uniform()) / s);
}

export const paretoNbdSimulation: PurchaseSimulation<ParetoNbdParams> = {
  ageScale: ({ alpha, beta }) => Math.min(alpha, beta),
  meanRate: ({ r, alpha }, x, T) => (r + x) / (alpha + T),
  counts({ r, alpha, s, beta }, x, T, t, rng, out, from, n) {
    for (let i = from; i < from + n; i++) out[i] = negativeBinomial(rng, r + x, alpha + T, Math.min(t, lifetime(rng, s, beta + T)));
  },
  periods({ r, alpha, s, beta }, x, T, length, periods, rng, out) {
    const last = Math.min(length * periods, lifetime(rng, s, beta + T));
    if (((r + x) / (alpha + T)) * last <= BY_PERIOD_ABOVE * periods) return byPurchase(rng, r + x, alpha + T, last, length, periods, null, out);
    const lambda = rng.gamma(r + x, alpha + T);
    let used = 0;
    while (used < periods && used * length < last) {
      out[used] = poisson(rng, lambda * (Math.min(last, (used + 1) * length) - used * length));
      used++;
    }
    return used;
  },
};

/** A model's simulation bound to its parameters (a fit's, or a draw around it), for callers that hold any model. */
export function bindSimulation<P>(simulation: PurchaseSimulation<P>, params: P): BoundSimulation {
  return {
    ageScale: simulation.ageScale(params),
    meanRate: (x, T) => simulation.meanRate(params, x, T),
    counts: (x, T, t, rng, out, from, n) => simulation.counts(params, x, T, t, rng, out, from, n),
    periods: (x, T, length, periods, rng, out) => simulation.periods(params, x, T, length, periods, rng, out),
  };
}
