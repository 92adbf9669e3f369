/**
 * Special functions the models share. Log-gamma, log-beta, digamma and trigamma come from @stdlib;
 * the Gauss hypergeometric function is ours, because the models need it in log space (values beyond 1e300),
 * near z = 1 (long horizons) and for large parameters (heavy buyers), where the usual series fail.
 */
import betaln from '@stdlib/math-base-special-betaln';
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import trigamma from '@stdlib/math-base-special-trigamma';

export { betaln, digamma, gammaln, trigamma };

/** log(e^u + e^v) without overflow. */
export function logSumExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  if (u === Infinity || v === Infinity) return Infinity;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/** log(e^u − e^v) for u ≥ v, without cancellation; −Infinity when they are equal, NaN when v > u. */
export function logDiffExp(u: number, v: number): number {
  if (v === -Infinity) return u;
  if (u === Infinity) return v === Infinity ? NaN : Infinity;
  if (v > u) return NaN;
  if (v === u) return -Infinity;
  return u + log1mexp(v - u);
}

/** log(1 − e^x) for x ≤ 0, accurate both near 0 and far below it. */
export function log1mexp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

// ---------------------------------------------------------------------------------------------------------------
// Gauss hypergeometric function 2F1(a, b; c; z)
// ---------------------------------------------------------------------------------------------------------------

/**
 * log 2F1(a, b; c; z) for real a, b, c (c not 0, −1, −2, ...) and real z < 1, also where the value itself
 * overflows a double. NaN where the value is not positive (use hyp2f1 for a negative value), where the arguments
 * are outside that domain, and where cancellation between terms of mixed sign would leave fewer than about
 * seven correct digits (possible only when a, b, c − a or c − b is negative).
 *
 * Every evaluation is bounded: it sums at most `termLimit` series and Taylor terms in all (HYP2F1_TERM_LIMIT unless
 * a caller asks for fewer), and answers NaN rather than a value whose error bound it could not prove within them.
 * hyp2f1Terms() counts the terms summed so far, so a fit can keep its own total within a budget.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number, termLimit = HYP2F1_TERM_LIMIT): number {
  evaluateHyp2f1(a, b, c, z, termLimit);
  return resultSign > 0 ? resultLog : NaN;
}

/**
 * 2F1(a, b; c; z) on the same domain as logHyp2f1 (negative values included); ±Infinity only where the value truly
 * overflows a double, NaN where logHyp2f1 gives NaN for any reason other than the sign.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, termLimit = HYP2F1_TERM_LIMIT): number {
  evaluateHyp2f1(a, b, c, z, termLimit);
  if (resultSign === 0) return 0;
  return resultSign * Math.exp(resultLog);
}

/*
 * The routines below return through these module-level registers instead of objects or tuples: the models call
 * 2F1 about a million times per fit or forecast, and a call must not allocate.
 */
/** Sign of the answer: 1, −1, 0, or NaN when it could not be computed. */
let resultSign = 0;
/** Terms the current evaluation may still sum before it gives up (NaN). */
let allowance = 0;
/** Terms summed by every evaluation since the module loaded: hyp2f1Terms(). */
let termsSummed = 0;
/** log of the magnitude of the answer. */
let resultLog = 0;
/** Σ|terms| / |sum| accumulated over the stages of one evaluation: how much cancellation magnified rounding errors. */
let amplification = 1;
/** The series with its derivative, for starting the continuation: f = sum·e^scale, f' = slope·e^scale. */
let seriesSum = 0;
let seriesSlope = 0;
let seriesScale = 0;
/** f(p + h) and h·f'(p + h) after a Taylor step, on the scale of its input. */
let stepValue = 0;
let stepSlope = 0;

/** A term this much smaller than the sum (with a proven bound on the rest) ends a series: full double precision. */
const TOLERANCE = 1e-17;
/** Terms of mixed sign that cancel by more than this leave fewer than ~7 correct digits: answer NaN instead. */
const AMPLIFICATION_LIMIT = 1e8;
/** Cancellation beyond this (three digits) makes it worth trying the other representation. */
const RETRY_AMPLIFICATION = 1e3;
const RESCALE = 1e250;
const LOG_RESCALE = Math.log(RESCALE);
const MAX_TAYLOR_TERMS = 5_000;
/**
 * Most series and Taylor terms one evaluation may sum. The models' evaluations need a few hundred at most within
 * their parameter bounds (the largest in the tests and the benchmark: see special.test.ts), heavy buyers' O(x) series
 * included for x up to MAX_FREQUENCY; a call that would need more answers NaN within a few milliseconds.
 */
export const HYP2F1_TERM_LIMIT = 1_000_000;

/** Series and Taylor terms summed by every 2F1 evaluation so far: a measure of work that does not depend on the clock. */
export function hyp2f1Terms(): number {
  return termsSummed;
}
/** Up to here the power series converges fast enough; beyond it the ODE continuation usually costs less. */
const SERIES_LIMIT = 0.5;

function evaluateHyp2f1(a: number, b: number, c: number, z: number, termLimit: number): void {
  amplification = 1;
  allowance = termLimit;
  if (!(z < 1) || !Number.isFinite(z + a + b + c) || (c <= 0 && Number.isInteger(c))) {
    setResult(NaN, NaN);
  } else if (z === 0 || a === 0 || b === 0) {
    setResult(1, 0);
  } else if (z < 0) {
    // Pfaff: 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; w), w = z/(z − 1). The alternating series in a negative
    // z cancels catastrophically for large parameters; w lies in (0, 1), where the terms keep their sign. The other
    // Pfaff form, with a and b swapped, is the Euler transform of this one: unitInterval considers it.
    // 1 − w = 1/(1 − z) is passed on as computed here: for z far below 0, w rounds to within an ulp of 1 and
    // 1 − w recomputed from it would have lost its digits.
    unitInterval(a, c - b, c, z / (z - 1), 1 / (1 - z));
    resultLog -= a * Math.log1p(-z);
  } else {
    unitInterval(a, b, c, z, 1 - z);
  }
  if (amplification > AMPLIFICATION_LIMIT) setResult(NaN, NaN);
}

function setResult(sign: number, log: number): void {
  resultSign = sign;
  resultLog = log;
}

/**
 * 0 < z < 1, with 1 − z accurate. Evaluates 2F1(a, b; c; z) or its Euler transform
 * (1 − z)^(c−a−b) 2F1(c − a, c − b; c; z), whichever should converge faster; if its terms of mixed sign then
 * cancel, tries the other, which may have terms of one sign, and keeps the less damaged answer.
 */
function unitInterval(a: number, b: number, c: number, z: number, oneMinusZ: number): void {
  if (!(oneMinusZ > 0)) return setResult(NaN, NaN);
  const euler = preferEuler(a, b, c, z);
  representation(a, b, c, z, oneMinusZ, euler);
  if (amplification <= RETRY_AMPLIFICATION) return;
  const firstSign = resultSign;
  const firstLog = resultLog;
  const firstAmplification = amplification;
  amplification = 1;
  representation(a, b, c, z, oneMinusZ, !euler);
  if (amplification < firstAmplification) return;
  setResult(firstSign, firstLog);
  amplification = firstAmplification;
}

/**
 * Up to z = 1/2, prefers the form whose terms change sign less often (fewer chances to cancel), then the one with
 * the smaller leading terms; a single change of sign (a parameter in (−1, 0): all terms after the first share a
 * sign) does not count, so heavy buyers' 2F1(r+x, b+x; a+b+x−1; z) can use its fast Euler form. Beyond 1/2, the
 * form whose terms decay like k^(a+b−c−1) with a negative exponent: for c − a − b < 0 the untransformed terms decay
 * slowly or grow. Either way unitInterval falls back to the other form if the terms did cancel.
 */
function preferEuler(a: number, b: number, c: number, z: number): boolean {
  if (z > SERIES_LIMIT) return c - a - b < 0;
  const plainFlips = signChanges(a) + signChanges(b);
  const eulerFlips = signChanges(c - a) + signChanges(c - b);
  if (plainFlips !== eulerFlips && Math.max(plainFlips, eulerFlips) > 1) return eulerFlips < plainFlips;
  return 4 * Math.abs((c - a) * (c - b)) < Math.abs(a * b); // clearly smaller: the transform costs a logarithm
}

/** How often the Pochhammer symbol (p)_k changes sign as k grows. */
function signChanges(p: number): number {
  return p < 0 ? Math.ceil(-p) : 0;
}

/** One representation: the series up to z = 1/2; beyond, the series if it is cheap enough, else the ODE. */
function representation(a: number, b: number, c: number, z: number, oneMinusZ: number, euler: boolean): void {
  const p = euler ? c - a : a;
  const q = euler ? c - b : b;
  if (z <= SERIES_LIMIT) {
    if (!series(p, q, c, z, allowance)) setResult(NaN, NaN);
  } else {
    const budget = continuationCost(p, q, c, oneMinusZ);
    if (2 * peakTerm(p, q, c, z) > budget || !series(p, q, c, z, budget)) continuation(p, q, c, oneMinusZ);
  }
  if (Number.isNaN(resultSign)) amplification = Infinity;
  else if (euler) resultLog += (c - a - b) * (z <= SERIES_LIMIT ? Math.log1p(-z) : Math.log(oneMinusZ));
}

/**
 * Where the terms stop growing: the largest root k of (a+k)(b+k) z = (c+k)(k+1). The series needs more terms
 * than that, so when the root lies beyond the budget the series is not worth starting.
 */
function peakTerm(a: number, b: number, c: number, z: number): number {
  const quadratic = 1 - z;
  const linear = c + 1 - z * (a + b);
  const constant = c - z * a * b;
  const discriminant = linear * linear - 4 * quadratic * constant;
  return discriminant > 0 ? (-linear + Math.sqrt(discriminant)) / (2 * quadratic) : 0;
}

/**
 * The power series Σ (a)_k (b)_k / ((c)_k k!) z^k, rescaled as it goes so huge parameters do not overflow.
 * Gives up (false) once it can tell it needs more than `budget` terms, or more than the evaluation has left.
 */
function series(a: number, b: number, c: number, z: number, budget: number): boolean {
  // A budget below the allowance is the price of a choice with a fallback (representation): give up as soon as the
  // tail bound shows it will be exceeded. Otherwise run to the allowance.
  const limit = Math.min(budget, allowance);
  const done = seriesWithin(a, b, c, z, limit, budget < allowance);
  spend(seriesLength);
  return done;
}

/** Terms the last seriesWithin summed. */
let seriesLength = 0;

function seriesWithin(a: number, b: number, c: number, z: number, limit: number, forecast: boolean): boolean {
  seriesLength = 0;
  const signsSettled = Math.max(0, -a, -b, -c);
  // With terms of one sign there is nothing to cancel; skipping Σ|t| then keeps the common case fast.
  const mixedSigns = signsSettled > 0;
  let term = 1;
  let sum = 1;
  let absSum = 1;
  let logScale = 0;
  let nextForecast = forecast ? 31 : Infinity;
  for (let k = 0; k < limit; k++) {
    seriesLength = k + 1;
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
    if (mixedSigns) absSum += Math.abs(term);
    if (term === 0) return finishSeries(sum, mixedSigns ? absSum : sum, logScale);
    if (Math.abs(term) <= TOLERANCE * Math.abs(sum) && k >= signsSettled) {
      const ratio = tailRatioBound(a, b, c, z, k + 1);
      if (ratio < 1 && (Math.abs(term) * ratio) / (1 - ratio) <= TOLERANCE * Math.abs(sum)) return finishSeries(sum, mixedSigns ? absSum : sum, logScale);
    }
    if (absSum > RESCALE || Math.abs(sum) > RESCALE) {
      term /= RESCALE;
      sum /= RESCALE;
      absSum /= RESCALE;
      logScale += LOG_RESCALE;
    }
    if (k === nextForecast) {
      if (k >= signsSettled && k + termsStillNeeded(a, b, c, z, k + 1, term, sum) > limit) return false;
      nextForecast += 32;
    }
  }
  return false;
}

/** Counts `terms` against the evaluation's allowance and the running total. */
function spend(terms: number): void {
  allowance -= terms;
  termsSummed += terms;
}

function finishSeries(sum: number, absSum: number, logScale: number): true {
  if (sum === 0) setResult(0, -Infinity);
  else setResult(Math.sign(sum), Math.log(Math.abs(sum)) + logScale);
  amplification += absSum / Math.abs(sum) - 1;
  return true;
}

/**
 * A bound on |term ratio| (a+j)(b+j)z/((c+j)(1+j)) for every j ≥ k, valid once k is past −a, −b and −c: each factor
 * (a+j)/(c+j) and (b+j)/(1+j) is then positive and moves monotonically towards 1, so it never exceeds
 * max(its value at k, 1). Either pairing of numerators with denominators is valid; the smaller bound is used.
 */
function tailRatioBound(a: number, b: number, c: number, z: number, k: number): number {
  const one = Math.max(1, (a + k) / (c + k)) * Math.max(1, (b + k) / (1 + k));
  const other = Math.max(1, (a + k) / (1 + k)) * Math.max(1, (b + k) / (c + k));
  return z * Math.min(one, other);
}

/** How many more terms the series needs at most, from the tail bound; Infinity while the bound is not below 1. */
function termsStillNeeded(a: number, b: number, c: number, z: number, k: number, term: number, sum: number): number {
  const ratio = tailRatioBound(a, b, c, z, k);
  if (!(ratio < 1)) return Infinity;
  const needed = Math.log((TOLERANCE * Math.abs(sum) * (1 - ratio)) / Math.abs(term)) / Math.log(ratio);
  return Math.max(0, needed);
}

/**
 * Roughly how many series-term equivalents the ODE continuation from 1/2 to z costs: about 60 terms per step, one
 * step per halving of the distance to 1, more when large parameters force shorter steps (see stepLength).
 */
function continuationCost(a: number, b: number, c: number, oneMinusZ: number): number {
  const stiffness = Math.max(stiffnessAt(a, b, c, SERIES_LIMIT), stiffnessAt(a, b, c, 1 - oneMinusZ));
  const steps = Math.log(SERIES_LIMIT / oneMinusZ) * Math.max(1 / Math.LN2, stiffness / 2);
  return 60 * (2 + steps);
}

/** Size of the coefficients of the hypergeometric equation at z, relative to those of f''. */
function stiffnessAt(a: number, b: number, c: number, z: number): number {
  return Math.abs(c - (a + b + 1) * z) + Math.sqrt(Math.abs(a * b));
}

/**
 * Analytic continuation from z = 1/2 towards 1 by Taylor re-expansion of the hypergeometric equation
 * z(1−z) f'' + [c − (a+b+1) z] f' − ab f = 0, each step at most half the distance to the singularity at 1.
 * Unlike the 1 − z connection formula, it has no special cases when c − a − b is an integer.
 *
 * It runs in t = 1 − z, where g(t) = f(1 − t) solves the same equation with c replaced by a + b + 1 − c: near the
 * singularity t keeps all its digits (z = 1 − 1e-12 holds 1 − z to only 4 of them), and the steep f of large
 * parameters turns any error in the position into an error in the value. g and g' share one log-scale factor,
 * so neither overflows.
 */
function continuation(a: number, b: number, c: number, oneMinusZ: number): void {
  if (!seriesWithSlope(a, b, c, SERIES_LIMIT)) return setResult(NaN, NaN);
  const reflected = a + b + 1 - c;
  let t = SERIES_LIMIT;
  let g = seriesSum;
  let dg = -seriesSlope;
  let logScale = seriesScale;
  while (t > oneMinusZ) {
    // The step is the exact difference of two doubles, for the same reason: h must be the distance actually moved.
    const next = Math.max(oneMinusZ, t - stepLength(a, b, reflected, t));
    const h = next - t;
    if (!(h < 0) || !taylorStep(a, b, reflected, t, h, g, dg)) return setResult(NaN, NaN);
    if (amplification > AMPLIFICATION_LIMIT) return setResult(NaN, NaN); // already too inaccurate: stop early
    g = stepValue;
    dg = stepSlope / h;
    t = next;
    const size = Math.max(Math.abs(g), Math.abs(dg));
    if (!Number.isFinite(size)) return setResult(NaN, NaN);
    if (size > 1e100 || (size < 1e-100 && size > 0)) {
      g /= size;
      dg /= size;
      logScale += Math.log(size);
    }
  }
  if (g === 0) setResult(0, -Infinity);
  else setResult(Math.sign(g), Math.log(Math.abs(g)) + logScale);
}

/**
 * log 2F1(a, b; c; z_j) at many z_j beyond 1/2 by one continuation, for forecasts over many horizons: the Taylor
 * steps of `continuation` run from z = 1/2 towards 1 and stop at every z_j on the way, so a horizon costs the few
 * terms of a short step instead of a whole evaluation. `oneMinusZ` holds 1 − z_j, strictly below 1/2 and not
 * increasing (the horizons in order), computed by the caller without cancellation. Into `out`; false, with `out`
 * unfinished, wherever one evaluation would have done better or differently: a value that is not positive, terms
 * that cancel (more than RETRY_AMPLIFICATION), parameters outside logHyp2f1's domain, or more than `termLimit` terms
 * in all. The caller then evaluates those horizons one by one.
 */
export function logHyp2f1Along(a: number, b: number, c: number, oneMinusZ: ArrayLike<number>, out: Float64Array, termLimit = HYP2F1_TERM_LIMIT): boolean {
  amplification = 1;
  allowance = termLimit;
  if (!Number.isFinite(a + b + c) || (c <= 0 && Number.isInteger(c)) || a === 0 || b === 0) return false;
  // As representation() does beyond 1/2: the form whose terms decay.
  const euler = c - a - b < 0;
  const p = euler ? c - a : a;
  const q = euler ? c - b : b;
  if (!seriesWithSlope(p, q, c, SERIES_LIMIT)) return false;
  const reflected = p + q + 1 - c;
  let t = SERIES_LIMIT;
  let g = seriesSum;
  let dg = -seriesSlope;
  let logScale = seriesScale;
  for (let j = 0; j < oneMinusZ.length; j++) {
    const target = oneMinusZ[j];
    if (!(target > 0 && target <= t)) return false;
    while (t > target) {
      const next = Math.max(target, t - stepLength(p, q, reflected, t));
      const h = next - t;
      if (!(h < 0) || !taylorStep(p, q, reflected, t, h, g, dg) || amplification > RETRY_AMPLIFICATION) return false;
      g = stepValue;
      dg = stepSlope / h;
      t = next;
      const size = Math.max(Math.abs(g), Math.abs(dg));
      if (!Number.isFinite(size)) return false;
      if (size > 1e100 || (size < 1e-100 && size > 0)) {
        g /= size;
        dg /= size;
        logScale += Math.log(size);
      }
    }
    if (!(g > 0)) return false;
    out[j] = Math.log(g) + logScale + (euler ? (c - a - b) * Math.log(target) : 0);
  }
  return true;
}

/**
 * f and f' at z by one pass of the series: f' = Σ k t_k / z. Leaves them, with their common log scale, in the
 * series registers.
 */
function seriesWithSlope(a: number, b: number, c: number, z: number): boolean {
  const signsSettled = Math.max(0, -a, -b, -c);
  let term = 1;
  let sum = 1;
  let slope = 0;
  let absSum = 1;
  let absSlope = 0;
  let logScale = 0;
  const limit = allowance;
  for (let k = 0; k < limit; k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
    slope += (k + 1) * term;
    absSum += Math.abs(term);
    absSlope += (k + 1) * Math.abs(term);
    const scale = Math.max(Math.abs(sum), Math.abs(slope));
    if (term === 0 || ((k + 1) * Math.abs(term) <= TOLERANCE * scale && k >= signsSettled && slopeTailSmall(a, b, c, z, k + 1, term, scale))) {
      spend(k + 1);
      seriesSum = sum;
      seriesSlope = slope / z;
      seriesScale = logScale;
      amplification += Math.max(absSum, absSlope) / scale - 1;
      return true;
    }
    if (absSlope > RESCALE || absSum > RESCALE) {
      term /= RESCALE;
      sum /= RESCALE;
      slope /= RESCALE;
      absSum /= RESCALE;
      absSlope /= RESCALE;
      logScale += LOG_RESCALE;
    }
  }
  spend(limit);
  return false;
}

/** The rest of Σ j t_j after the k-th term, bounded by a geometric series with ratio ρ (k+1)/k (k ≥ 1). */
function slopeTailSmall(a: number, b: number, c: number, z: number, k: number, term: number, scale: number): boolean {
  const ratio = (tailRatioBound(a, b, c, z, k) * (k + 1)) / k;
  return ratio < 1 && (k * Math.abs(term) * ratio) / (1 - ratio) <= TOLERANCE * scale;
}

/**
 * Step length from t towards the singularity at 0: at most half the distance to it, and short enough that the
 * Taylor terms do not grow large before they shrink. Large parameters make the equation stiff: one solution varies
 * like e^(±stiffness·h/(t(1−t))), and rounding errors in its direction would be magnified by the Taylor series of
 * a longer step.
 */
function stepLength(a: number, b: number, c: number, t: number): number {
  return Math.min(0.5 * t, (2 * t * (1 - t)) / Math.max(stiffnessAt(a, b, c, t), 1e-300));
}

/**
 * (f, h f') at p + h from (f, f') at p, summing the Taylor series e_n = c_n h^n of the solution, whose coefficients
 * follow from substituting f = Σ c_n (z − p)^n into the equation:
 *   c_{n+2} = [(n+a)(n+b) c_n − (n+1)((1−2p) n + c − (a+b+1) p) c_{n+1}] / (p(1−p)(n+2)(n+1)).
 * Leaves the result in stepValue and stepSlope; false if the series did not converge.
 */
function taylorStep(a: number, b: number, c: number, p: number, h: number, f: number, df: number): boolean {
  const d = p * (1 - p);
  const drift = 1 - 2 * p;
  const linear = c - (a + b + 1) * p;
  const hh = h * h;
  const settled = Math.max(0, -a, -b);
  let e0 = f;
  let e1 = df * h;
  let value = e0 + e1;
  let slope = e1;
  let absValue = Math.abs(e0) + Math.abs(e1);
  let absSlope = Math.abs(e1);
  const limit = Math.min(MAX_TAYLOR_TERMS, allowance);
  for (let n = 0; n < limit; n++) {
    const e2 = ((n + a) * (n + b) * hh * e0 - (n + 1) * (drift * n + linear) * h * e1) / (d * (n + 2) * (n + 1));
    value += e2;
    slope += (n + 2) * e2;
    absValue += Math.abs(e2);
    absSlope += (n + 2) * Math.abs(e2);
    const size = Math.max(Math.abs(e1), Math.abs(e2));
    const scale = Math.max(Math.abs(value), Math.abs(slope));
    if (size <= TOLERANCE * scale && n + 1 >= settled && taylorTailSmall(a, b, n + 1, hh / d, Math.abs(h) / d, drift, linear, size, scale)) {
      spend(n + 1);
      stepValue = value;
      stepSlope = slope;
      amplification += Math.max(absValue, absSlope) / scale - 1;
      return true;
    }
    e0 = e1;
    e1 = e2;
  }
  spend(limit);
  return false;
}

/**
 * Proof that the Taylor terms after index m + 1 are negligible. For j ≥ m, |e_{j+2}| ≤ θ max(|e_j|, |e_{j+1}|) with
 * θ = (h²/d) max(1, (m+a)/(m+2)) max(1, (m+b)/(m+1)) + (|h|/d)(|1−2p| + |linear|/(m+2)), each part of which only
 * shrinks as j grows (m is past −a and −b). When θ < 1 the rest of Σ e_n is below 2θ/(1−θ) times the larger of the
 * last two terms, and the rest of Σ n e_n below that times (m + 3 + 2/(1−θ)).
 */
function taylorTailSmall(a: number, b: number, m: number, hhOverD: number, hOverD: number, drift: number, linear: number, size: number, scale: number): boolean {
  const growth = hhOverD * Math.max(1, (m + a) / (m + 2)) * Math.max(1, (m + b) / (m + 1));
  const theta = growth + hOverD * (Math.abs(drift) + Math.abs(linear) / (m + 2));
  if (!(theta < 1)) return false;
  const tail = ((2 * theta) / (1 - theta)) * (m + 3 + 2 / (1 - theta));
  return size * tail <= TOLERANCE * scale;
}

// ---------------------------------------------------------------------------------------------------------------
// Generalised exponential integral E_s(z) = ∫₁^∞ e^(−zw) w^(−s) dw, scaled by e^z
// ---------------------------------------------------------------------------------------------------------------

/**
 * e^z E_s(z) = ∫₀^∞ e^(−zv) (1 + v)^(−s) dv = U(1, 2 − s, z) (Tricomi's confluent hypergeometric function of the
 * second kind; DLMF 8.19.1, 13.6.6), for real s > 0 and z ≥ 0. It is the Laplace transform of a Lomax survival
 * function, which is what the Pareto/NBD's discounted expected residual transactions need (Fader, Hardie & Lee
 * 2005, "RFM and CLV", eq. 2). Infinity at z = 0 when s ≤ 1 (the integral diverges).
 *
 * For z ≥ 1 Legendre's continued fraction (DLMF 8.19.17) by the modified Lentz method: under 100 terms there. Below
 * 1 the continued fraction would need thousands of terms and lose digits, so the power series instead (DLMF 8.19.7,
 * 8.19.8): E_p(z) = Γ(1−p) z^(p−1) − Σ_k (−z)^k/(k!(k+1−p)) for an order p in (0, 1.5], its two terms that are
 * singular at p = 1 taken together as [Γ(1+ε) z^(−ε) − 1]/ε with ε = 1 − p (computed without cancellation from
 * log Γ(1+ε)/ε, the mean of ψ over [1, 1+ε]), then the upward recurrence E_(q+1)(z) = (e^(−z) − z E_q(z))/q
 * (DLMF 8.19.12), which is stable for z < 1. NaN outside the domain.
 */
export function scaledExpint(s: number, z: number): number {
  if (!(s > 0) || !(z >= 0) || !Number.isFinite(s) || !Number.isFinite(z)) return NaN;
  if (z === 0) return s > 1 ? 1 / (s - 1) : Infinity;
  if (z >= 1) return expintFraction(s, z);
  // Order p in (0, 1.5], s = p + steps.
  const steps = s > 1.5 ? Math.ceil(s - 1.5) : 0;
  const p = s - steps;
  let e = expintSeries(p, z);
  const decay = Math.exp(-z);
  for (let q = p; q < s - 0.5; q++) e = (decay - z * e) / q;
  return Math.exp(z) * e;
}

/** e^z E_s(z) by Legendre's continued fraction 1/(z+s−) 1·s/(z+s+2−) 2(s+1)/(z+s+4−) …, for z ≥ 1. */
function expintFraction(s: number, z: number): number {
  const tiny = 1e-300;
  let b = z + s;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_FRACTION_TERMS; i++) {
    const an = -i * (s + i - 1);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) <= 1e-16) return h;
  }
  return NaN;
}

/** For z ≥ 1 the fraction converges within about 100 terms; this bound is never reached there. */
const MAX_FRACTION_TERMS = 10_000;

/** E_p(z) for p in (0, 1.5] and 0 < z < 1, by the power series with its singular pair of terms combined. */
function expintSeries(p: number, z: number): number {
  const epsilon = 1 - p;
  const logZ = Math.log(z);
  // [Γ(1+ε) z^(−ε) − 1]/ε = (h − log z) · expm1(y)/y with h = log Γ(1+ε)/ε and y = ε (h − log z).
  const h = epsilon === 0 ? -EULER : meanDigamma(epsilon);
  const y = epsilon * (h - logZ);
  const singular = (h - logZ) * (y === 0 ? 1 : Math.expm1(y) / y);
  // Σ_{k≥1} (−z)^k/(k!(k+ε)): alternating, terms falling at least as fast as z^k/k!.
  let power = 1;
  let sum = 0;
  for (let k = 1; k <= 60; k++) {
    power *= -z / k;
    const term = power / (k + epsilon);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return singular - sum;
}

const EULER = 0.5772156649015329;

/**
 * log Γ(1+ε)/ε = mean of ψ(1+u) over u between 0 and ε, for ε in [−0.5, 1): 12-point Gauss–Legendre, exact to
 * rounding there (ψ(1+u) is analytic with its nearest pole at u = −1, so the error falls like 5.8^(−24)).
 */
function meanDigamma(epsilon: number): number {
  const { nodes, weights } = gaussLegendre();
  let sum = 0;
  for (let i = 0; i < nodes.length; i++) sum += weights[i] * digamma(1 + epsilon * nodes[i]);
  return sum;
}

let legendre: { nodes: Float64Array; weights: Float64Array } | undefined;

/**
 * Nodes and weights of the 12-point Gauss–Legendre rule on [0, 1], by Newton's method on P₁₂ from the usual
 * starting points cos(π(i − 1/4)/(n + 1/2)) (Press et al., Numerical Recipes, §4.6 gauleg).
 */
function gaussLegendre(): { nodes: Float64Array; weights: Float64Array } {
  if (legendre) return legendre;
  const n = 12;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n / 2; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = 0;
      for (let j = 0; j < n; j++) {
        const p2 = p1;
        p1 = p0;
        p0 = ((2 * j + 1) * x * p1 - j * p2) / (j + 1);
      }
      derivative = (n * (x * p0 - p1)) / (x * x - 1);
      const step = p0 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    const w = 2 / ((1 - x * x) * derivative * derivative);
    // From [−1, 1] to [0, 1]: halve the weights.
    nodes[i] = (1 - x) / 2;
    nodes[n - 1 - i] = (1 + x) / 2;
    weights[i] = w / 2;
    weights[n - 1 - i] = w / 2;
  }
  legendre = { nodes, weights };
  return legendre;
}
