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
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/** log(e^u − e^v) for u ≥ v, without cancellation; −Infinity when they are equal. */
export function logDiffExp(u: number, v: number): number {
  if (v === -Infinity) return u;
  if (v > u) return NaN;
  if (v === u) return -Infinity;
  return u + log1mexp(v - u);
}

/** log(1 − e^x) for x ≤ 0, accurate both near 0 and far below it. */
export function log1mexp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/** A signed number held as sign · e^log, so it can exceed the range of a double. */
interface Scaled {
  sign: number;
  log: number;
}

const EPSILON = 1e-17;
const RESCALE = 1e250;
const LOG_RESCALE = Math.log(RESCALE);
const MAX_TERMS = 200_000;
/** Beyond this the power series converges too slowly; the ODE continuation takes over. */
const SERIES_LIMIT = 0.5;

/**
 * log 2F1(a, b; c; z) for real a, b, c (c not 0, −1, −2, ...) and z < 1.
 * NaN when the value is not positive (use hyp2f1 for the value itself).
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  const v = scaledHyp2f1(a, b, c, z);
  return v.sign > 0 ? v.log : NaN;
}

/** 2F1(a, b; c; z) for z < 1; ±Infinity only where the value truly overflows a double. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const v = scaledHyp2f1(a, b, c, z);
  return v.sign === 0 ? 0 : v.sign * Math.exp(v.log);
}

function scaledHyp2f1(a: number, b: number, c: number, z: number): Scaled {
  if (!(z < 1) || Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || (c <= 0 && Number.isInteger(c))) {
    return { sign: NaN, log: NaN };
  }
  if (z === 0 || a === 0 || b === 0) return { sign: 1, log: 0 };
  if (z < 0) return pfaff(a, b, c, z);
  return positiveArgument(a, b, c, z);
}

/**
 * Pfaff: 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z/(z − 1)), moving a negative z into (0, 1)
 * where the series has no alternating cancellation. Of the two symmetric forms, prefer the one whose
 * second parameter is not negative, so the terms keep one sign.
 */
function pfaff(a: number, b: number, c: number, z: number): Scaled {
  const w = z / (z - 1);
  const useA = c - b >= 0 || c - a < 0;
  const [p, q] = useA ? [a, c - b] : [b, c - a];
  const inner = positiveArgument(p, q, c, w);
  return { sign: inner.sign, log: inner.log - p * Math.log1p(-z) };
}

function positiveArgument(a: number, b: number, c: number, z: number): Scaled {
  return z <= SERIES_LIMIT ? series(a, b, c, z) : continuation(a, b, c, z);
}

/** The power series Σ (a)_k (b)_k / ((c)_k k!) z^k, rescaled as it goes so huge parameters do not overflow. */
function series(a: number, b: number, c: number, z: number): Scaled {
  let term = 1;
  let sum = 1;
  let logScale = 0;
  const settle = Math.abs(a) + Math.abs(b) + Math.abs(c);
  for (let k = 0; k < MAX_TERMS; k++) {
    const ratio = (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0) break;
    if (Math.abs(term) <= EPSILON * Math.abs(sum) && Math.abs(ratio) < 1 && k > settle) break;
    if (Math.abs(sum) > RESCALE || Math.abs(term) > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      logScale += LOG_RESCALE;
    }
  }
  return toScaled(sum, logScale);
}

function toScaled(value: number, logScale: number): Scaled {
  if (value === 0) return { sign: 0, log: -Infinity };
  return { sign: Math.sign(value), log: Math.log(Math.abs(value)) + logScale };
}

/**
 * Analytic continuation for 1/2 < z < 1 by Taylor re-expansion of the hypergeometric equation
 * z(1−z) f'' + [c − (a+b+1) z] f' − ab f = 0, starting from the series at 1/2 and stepping towards z, each step
 * at most half the distance to the singularity at 1. Unlike the 1 − z connection formula, it has no special
 * cases when c − a − b is an integer.
 */
function continuation(a: number, b: number, c: number, z: number): Scaled {
  let p = SERIES_LIMIT;
  const f0 = series(a, b, c, p);
  const d0 = series(a + 1, b + 1, c + 1, p);
  const logDerivative = d0.log + Math.log(Math.abs((a * b) / c));
  const derivativeSign = d0.sign * Math.sign((a * b) / c);
  let logScale = Math.max(f0.log, logDerivative);
  let f = f0.sign * Math.exp(f0.log - logScale);
  let df = derivativeSign * Math.exp(logDerivative - logScale);
  while (p < z) {
    const q = Math.min(z, p + stepLength(a, b, c, p));
    [f, df] = taylorStep(a, b, c, p, q - p, f, df);
    p = q;
    const size = Math.max(Math.abs(f), Math.abs(df));
    if (size > 0 && (size > 1e100 || size < 1e-100)) {
      f /= size;
      df /= size;
      logScale += Math.log(size);
    }
  }
  return toScaled(f, logScale);
}

/**
 * At most half the distance to the singularity at 1, and short enough that the Taylor terms do not grow large
 * before they shrink (large parameters), which would cost digits to cancellation.
 */
function stepLength(a: number, b: number, c: number, p: number): number {
  const stiffness = Math.abs(c - (a + b + 1) * p) + Math.sqrt(Math.abs(a * b));
  return Math.min(0.5 * (1 - p), (2 * p * (1 - p)) / Math.max(stiffness, 1e-300));
}

/** (f, f') at p + h from (f, f') at p, summing the Taylor series e_n = c_n h^n of the solution. */
function taylorStep(a: number, b: number, c: number, p: number, h: number, f: number, df: number): [number, number] {
  const denominator = p * (1 - p);
  const linear = c - (a + b + 1) * p;
  let e0 = f;
  let e1 = df * h;
  let value = e0 + e1;
  let slopeTimesH = e1;
  for (let n = 0; n < 2000; n++) {
    const e2 = ((n + a) * (n + b) * e0 * h * h - (n + 1) * ((1 - 2 * p) * n + linear) * e1 * h) / (denominator * (n + 2) * (n + 1));
    value += e2;
    slopeTimesH += (n + 2) * e2;
    const scale = Math.max(Math.abs(value), Math.abs(slopeTimesH));
    if (Math.abs(e2) <= EPSILON * scale && Math.abs(e1) <= EPSILON * scale && n > 4) break;
    e0 = e1;
    e1 = e2;
  }
  return [value, slopeTimesH / h];
}
