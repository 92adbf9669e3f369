/**
 * A small seeded pseudo-random generator for simulations (synthetic order logs, bootstraps).
 *
 * The stream is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state, passes
 * PractRand and BigCrush), seeded through splitmix32 so that neighbouring integer seeds give unrelated
 * streams. It is pure 32-bit integer arithmetic, so the same seed gives the same numbers in Node, in a
 * browser and in Apps Script. Not for cryptography.
 */

const TWO_POW_32 = 4294967296;

/** splitmix32: turns any 32-bit seed into well-mixed words, so seeds 1, 2, 3 are not correlated. */
function splitmix32(state: number): () => number {
  let s = state | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let t = s ^ (s >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** Folds the high bits of a large integer seed in, so seeds that differ only above 2^32 still differ. */
function seedWord(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`random seed must be a finite number, got ${seed}`);
  const whole = Math.trunc(seed);
  const low = whole >>> 0;
  const high = Math.floor(whole / TWO_POW_32) >>> 0;
  return (low ^ Math.imul(high, 0x85ebca6b)) >>> 0;
}

function requirePositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a positive finite number, got ${value}`);
  }
}

/** log(k!) — exact table for small k, Stirling's series (error < 1e-12) beyond. */
const LOG_FACTORIAL_TABLE: readonly number[] = (() => {
  const table = [0];
  for (let k = 1; k < 10; k++) table.push(table[k - 1] + Math.log(k));
  return table;
})();

function logFactorial(k: number): number {
  if (k < LOG_FACTORIAL_TABLE.length) return LOG_FACTORIAL_TABLE[k];
  const inverse = 1 / k;
  const inverse2 = inverse * inverse;
  return (
    k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) +
    inverse * (1 / 12 - inverse2 * (1 / 360 - inverse2 / 1260))
  );
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Marsaglia's polar method makes normals in pairs; the second one waits here. */
  private spareNormal = Number.NaN;

  /** @param seed any finite number; its integer part selects the stream. */
  constructor(seed: number) {
    const mix = splitmix32(seedWord(seed));
    // As signed 32-bit words from the start, so the state stays small integers for the engine.
    this.a = mix() | 0;
    this.b = mix() | 0;
    this.c = mix() | 0;
    this.d = mix() | 0;
    // The authors' recommended warm-up, so the first outputs do not echo the seed words.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer (one step of sfc32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /**
   * Uniform on the open interval (0, 1), with 32-bit resolution. Never exactly 0 or 1, so `log(u)` and
   * `u ** (1 / shape)` are always finite.
   */
  uniform(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  /** A uniform integer in 0 … n−1, without modulo bias (rejects the incomplete last block). */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new RangeError(`int(n) needs an integer n in 1 … 2^32, got ${n}`);
    }
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** Exponential with the given rate (mean 1/rate). A zero rate is an event that never comes: Infinity. */
  exponential(rate: number): number {
    if (!(rate >= 0) || !Number.isFinite(rate)) {
      throw new RangeError(`exponential rate must be a non-negative finite number, got ${rate}`);
    }
    return -Math.log(this.uniform()) / rate;
  }

  /** Standard normal (Marsaglia's polar method). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const spare = this.spareNormal;
      this.spareNormal = Number.NaN;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return u * factor;
  }

  /** Gamma with shape k and rate θ (mean k/θ, variance k/θ²). */
  gamma(shape: number, rate: number): number {
    requirePositive('gamma shape', shape);
    requirePositive('gamma rate', rate);
    if (shape >= 1) return this.standardGamma(shape) / rate;
    return Math.exp(this.logStandardGammaBelowOne(shape)) / rate;
  }

  /** Beta(a, b) on [0, 1]. */
  beta(a: number, b: number): number {
    requirePositive('beta a', a);
    requirePositive('beta b', b);
    if (a >= 1 && b >= 1) {
      const x = this.standardGamma(a);
      return x / (x + this.standardGamma(b));
    }
    // Small shapes give gamma draws that can underflow to 0 (then 0/0); their ratio is safe in logs.
    const logX = this.logStandardGamma(a);
    const logY = this.logStandardGamma(b);
    return 1 / (1 + Math.exp(logY - logX));
  }

  /** Poisson with the given mean: multiplication of uniforms for small means, PTRS (Hörmann 1993) above. */
  poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) {
      throw new RangeError(`poisson mean must be a non-negative finite number, got ${mean}`);
    }
    if (mean === 0) return 0;
    return mean < 12 ? this.poissonByMultiplication(mean) : this.poissonPtrs(mean);
  }

  /** Marsaglia & Tsang (2000), for shape ≥ 1, rate 1. */
  private standardGamma(shape: number): number {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** The shape < 1 boost, kept in logs: G(k) = G(k + 1) · U^(1/k). */
  private logStandardGammaBelowOne(shape: number): number {
    return Math.log(this.standardGamma(shape + 1)) + Math.log(this.uniform()) / shape;
  }

  private logStandardGamma(shape: number): number {
    return shape >= 1 ? Math.log(this.standardGamma(shape)) : this.logStandardGammaBelowOne(shape);
  }

  private poissonByMultiplication(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let product = this.uniform();
    while (product > limit) {
      k++;
      product *= this.uniform();
    }
    return k;
  }

  /** Transformed rejection with squeeze; constants from Hörmann (1993), as in NumPy. */
  private poissonPtrs(mean: number): number {
    const sqrtMean = Math.sqrt(mean);
    const logMean = Math.log(mean);
    const b = 0.931 + 2.53 * sqrtMean;
    const a = -0.059 + 0.02483 * b;
    const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const logAcceptance = Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b);
      if (logAcceptance <= -mean + k * logMean - logFactorial(k)) return k;
    }
  }
}
