import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/random';

const DRAWS = 200_000;
/** Sample moments are compared with the truth within this many standard errors. */
const STANDARD_ERRORS = 4;

interface Moments {
  mean: number;
  variance: number;
  meanStandardError: number;
  varianceStandardError: number;
}

function moments(draw: () => number, n = DRAWS): Moments {
  const xs = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    xs[i] = draw();
    sum += xs[i];
  }
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d2 = (xs[i] - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  const variance = m2 / (n - 1);
  return {
    mean,
    variance,
    meanStandardError: Math.sqrt(variance / n),
    // Var of the sample variance ≈ (μ4 − σ⁴) / n.
    varianceStandardError: Math.sqrt((m4 / n - variance * variance) / n),
  };
}

function expectMoments(sample: Moments, mean: number, variance: number): void {
  expect(Math.abs(sample.mean - mean)).toBeLessThan(STANDARD_ERRORS * sample.meanStandardError);
  expect(Math.abs(sample.variance - variance)).toBeLessThan(STANDARD_ERRORS * sample.varianceStandardError);
}

describe('Random', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const first = new Random(42);
    const second = new Random(42);
    const other = new Random(43);
    const a = Array.from({ length: 20 }, () => first.nextUint32());
    const b = Array.from({ length: 20 }, () => second.nextUint32());
    const c = Array.from({ length: 20 }, () => other.nextUint32());
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('tells apart seeds that differ only above 2^32', () => {
    expect(new Random(1).nextUint32()).not.toBe(new Random(1 + 2 ** 32).nextUint32());
  });

  it('gives the same mixed stream for the same seed across all methods', () => {
    const run = (seed: number): number[] => {
      const rng = new Random(seed);
      return [rng.uniform(), rng.gamma(0.5, 2), rng.beta(0.3, 4), rng.normal(), rng.normal(), rng.poisson(30), rng.int(7)];
    };
    expect(run(7)).toEqual(run(7));
  });

  it('draws uniforms strictly inside (0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Random(1);
    let min = 1;
    let max = 0;
    const sample = moments(() => {
      const u = rng.uniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      return u;
    });
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expectMoments(sample, 0.5, 1 / 12);
  });

  it('draws integers 0 … n−1 evenly', () => {
    const rng = new Random(2);
    const n = 6;
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < DRAWS; i++) counts[rng.int(n)]++;
    const expected = DRAWS / n;
    const sd = Math.sqrt(DRAWS * (1 / n) * (1 - 1 / n));
    for (const count of counts) expect(Math.abs(count - expected)).toBeLessThan(STANDARD_ERRORS * sd);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(RangeError);
  });

  it('draws standard normals', () => {
    const rng = new Random(3);
    expectMoments(moments(() => rng.normal()), 0, 1);
  });

  it('draws exponentials with mean 1/rate and variance 1/rate²', () => {
    const rng = new Random(4);
    expectMoments(moments(() => rng.exponential(0.25)), 4, 16);
    expect(rng.exponential(0)).toBe(Number.POSITIVE_INFINITY);
  });

  it.each([
    [0.1, 1],
    [0.5, 2],
    [1, 1],
    [2.5, 0.5],
    [9, 3],
  ])('draws Gamma(shape %f, rate %f) with mean k/θ and variance k/θ²', (shape, rate) => {
    const rng = new Random(5);
    expectMoments(moments(() => rng.gamma(shape, rate)), shape / rate, shape / (rate * rate));
  });

  it.each([
    [0.5, 0.5],
    [2, 5],
    [0.3, 3],
    [12, 8],
    [0.05, 0.05],
  ])('draws Beta(%f, %f) with the right mean and variance', (a, b) => {
    const rng = new Random(6);
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    let outside = 0;
    const sample = moments(() => {
      const x = rng.beta(a, b);
      if (!(x >= 0 && x <= 1)) outside++;
      return x;
    });
    expect(outside).toBe(0);
    expectMoments(sample, mean, variance);
  });

  it.each([0.7, 5, 11.9, 12, 40, 1000])('draws Poisson(%f) with mean and variance equal to the mean', (mean) => {
    const rng = new Random(7);
    const sample = moments(() => rng.poisson(mean));
    expectMoments(sample, mean, mean);
  });

  it('matches the Poisson probabilities of small counts in the rejection branch', () => {
    const rng = new Random(8);
    const mean = 15;
    const counts = new Map<number, number>();
    for (let i = 0; i < DRAWS; i++) {
      const k = rng.poisson(mean);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    let logP = -mean;
    for (let k = 0; k <= 30; k++) {
      if (k > 0) logP += Math.log(mean / k);
      const p = Math.exp(logP);
      const sd = Math.sqrt(DRAWS * p * (1 - p));
      expect(Math.abs((counts.get(k) ?? 0) - DRAWS * p)).toBeLessThan(STANDARD_ERRORS * sd + 1);
    }
  });

  it('rejects invalid parameters', () => {
    const rng = new Random(9);
    expect(() => rng.gamma(0, 1)).toThrow(RangeError);
    expect(() => rng.gamma(1, -1)).toThrow(RangeError);
    expect(() => rng.beta(Number.NaN, 1)).toThrow(RangeError);
    expect(() => rng.exponential(-1)).toThrow(RangeError);
    expect(() => rng.poisson(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => new Random(Number.NaN)).toThrow(RangeError);
  });
});
