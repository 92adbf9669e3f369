import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HYP2F1_TERM_LIMIT, hyp2f1, hyp2f1Terms, logDiffExp, logHyp2f1, logHyp2f1Along, logSumExp } from '../../src/core/special';
import { fixture } from '../fixtures';

interface Case {
  a: number;
  b: number;
  c: number;
  z: number;
  value: number | string;
  log_value?: number | null;
}

// The file holds bare Infinity tokens (values beyond a double), which JSON cannot parse: quote them first.
const reference = JSON.parse(
  fixture('hyp2f1_reference.json').replace(/-?Infinity/g, (m) => `"${m}"`),
) as { cases: Case[] };

describe('Gauss hypergeometric 2F1', () => {
  it('matches the 88 mpmath reference values (40 digits): log within 1e-12 relative', () => {
    expect(reference.cases).toHaveLength(88);
    for (const c of reference.cases) {
      const label = `2F1(${c.a}, ${c.b}; ${c.c}; ${c.z})`;
      if (typeof c.log_value === 'number') {
        const error = Math.abs(logHyp2f1(c.a, c.b, c.c, c.z) - c.log_value) / Math.max(1, Math.abs(c.log_value));
        expect(error, label).toBeLessThan(1e-12);
      } else {
        const value = Number(c.value);
        expect(Math.abs(hyp2f1(c.a, c.b, c.c, c.z) - value) / Math.abs(value), label).toBeLessThan(1e-12);
      }
    }
  });

  // mpmath.hyp2f1 at 30 digits: integer c − a − b, z near 1, z far below −1, negative parameters, heavy buyers.
  const more: [number, number, number, number, number][] = [
    [0.5, 1.5, 2, 0.95, 2.4766030608432839966],
    [1, 1, 2, 0.99, 4.6516870565536267891],
    [1, 2, 3, 0.999, 11.841181078941075561],
    [2, 3, 5, 0.9, 8.5615383921875608998],
    [2.5, 3.5, 4, -50, 0.00010212515644255254144],
    [0.3, -0.2, 1.7, -10, 1.1703208404951908485],
    [40.3, 60.7, 99.1, 0.97, 6.7033375214936976511e23],
    [0.243, 2.426, 2.219, 0.92, 2.0927094475581191191],
    [100.24, 102.4, 202.2, 0.5, 94722667466609.257396],
    [100.24, 102.4, 202.2, 0.99, 1.4935367449192394461e53],
    [1.2, -0.207, 3.2, -12.0, 1.3879902862452107514],
    [3.5, 1.5, 2.0, 0.7, 28.243494730074152634],
  ];
  it.each(more)('2F1(%f, %f; %f; %f) = %f within 1e-12 relative', (a, b, c, z, expected) => {
    expect(Math.abs(hyp2f1(a, b, c, z) - expected) / Math.abs(expected)).toBeLessThan(1e-12);
  });

  it('closed forms: 2F1(1,1;2;z) = −log(1−z)/z, 2F1(a,b;b;z) = (1−z)^−a, 2F1(a,b;c;0) = 1', () => {
    for (const z of [-20, -1, -0.3, 1e-9, 0.2, 0.5, 0.75, 0.9, 0.999, 0.999999]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log1p(-z) / z, 11);
      expect(logHyp2f1(2.7, 1.3, 1.3, z)).toBeCloseTo(-2.7 * Math.log1p(-z), 10);
    }
    expect(hyp2f1(3.1, 4.2, 5.3, 0)).toBe(1);
  });

  // Where both sides are sums of positive terms (c > a, c > b > 0), so neither side is ill-conditioned.
  it('satisfies Euler’s transformation 2F1(a,b;c;z) = (1−z)^(c−a−b) 2F1(c−a,c−b;c;z) (1e-10 relative on the log)', () => {
    const positive = fc.double({ min: 0.05, max: 30, noNaN: true });
    fc.assert(
      fc.property(positive, positive, fc.double({ min: 0.01, max: 30, noNaN: true }), fc.double({ min: -50, max: 0.9999, noNaN: true }), (a, b, extra, z) => {
        const c = Math.max(a, b) + extra;
        const left = logHyp2f1(a, b, c, z);
        const right = (c - a - b) * Math.log1p(-z) + logHyp2f1(c - a, c - b, c, z);
        expect(Math.abs(left - right)).toBeLessThan(1e-10 * Math.max(1, Math.abs(left)));
      }),
      { numRuns: 500 },
    );
  });

  /** The plain series with positive terms: slow for z near 1 but accurate, a check of the continuation. */
  function plainSeries(a: number, b: number, c: number, z: number): number {
    let term = 1;
    let sum = 1;
    for (let k = 0; k < 1_000_000; k++) {
      term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
      sum += term;
      if (term < 1e-18 * sum && k > a + b + c) break;
    }
    return sum;
  }

  it('continues past z = 1/2 as accurately as the plain series (1e-11 relative)', () => {
    const positive = fc.double({ min: 0.05, max: 40, noNaN: true });
    fc.assert(
      fc.property(positive, positive, positive, fc.double({ min: 0.5, max: 0.97, noNaN: true }), (a, b, c, z) => {
        const expected = plainSeries(a, b, c, z);
        if (!Number.isFinite(expected)) return;
        expect(Math.abs(hyp2f1(a, b, c, z) - expected) / expected).toBeLessThan(1e-11);
      }),
      { numRuns: 300 },
    );
  });

  it('returns NaN for what is not defined', () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN();
    // 2F1(−1, b; c; z) = 1 − bz/c: here −1, a value with no logarithm.
    expect(hyp2f1(-1, 4, 1, 0.5)).toBeCloseTo(-1, 14);
    expect(logHyp2f1(-1, 4, 1, 0.5)).toBeNaN();
  });
});

describe('log-space helpers', () => {
  it('logSumExp and logDiffExp do not overflow or cancel', () => {
    expect(logSumExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp(-Infinity, 3)).toBe(3);
    expect(logDiffExp(1000, 999)).toBeCloseTo(1000 + Math.log1p(-Math.exp(-1)), 12);
    expect(logDiffExp(0, -1e-20)).toBeCloseTo(Math.log(1e-20), 10);
    expect(logDiffExp(5, 5)).toBe(-Infinity);
  });
});

describe('2F1 within a term limit', () => {
  const positive = fc.double({ min: 0.05, max: 40, noNaN: true });
  // The models' domain: positive parameters, 0 ≤ z < 1 (their z are ratios of ages and horizons).
  const modelZ = fc.double({ min: 0, max: 0.9999, noNaN: true });

  // A limited evaluation may take another path (the series instead of the continuation, or the other of the two
  // representations), so the two agree to the accuracy of either, not bit for bit: 1e-9 relative on the log.
  it('answers the full evaluation (1e-9 relative on the log) or NaN, and never sums more terms than allowed', () => {
    fc.assert(
      fc.property(positive, positive, positive, modelZ, fc.integer({ min: 0, max: 3000 }), (a, b, c, z, limit) => {
        const full = logHyp2f1(a, b, c, z);
        const before = hyp2f1Terms();
        const bounded = logHyp2f1(a, b, c, z, limit);
        expect(hyp2f1Terms() - before).toBeLessThanOrEqual(limit);
        if (!Number.isNaN(bounded)) expect(Math.abs(bounded - full)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(full)));
      }),
      { numRuns: 500 },
    );
  });

  it('never sums more terms than allowed for negative z either', () => {
    fc.assert(
      fc.property(positive, positive, positive, fc.double({ min: -30, max: 0, noNaN: true }), fc.integer({ min: 0, max: 3000 }), (a, b, c, z, limit) => {
        const before = hyp2f1Terms();
        logHyp2f1(a, b, c, z, limit);
        expect(hyp2f1Terms() - before).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 300 },
    );
  });

  it('needs at most a few hundred terms for the reference values (so the default limit leaves a wide margin)', () => {
    for (const c of reference.cases) {
      const before = hyp2f1Terms();
      hyp2f1(c.a, c.b, c.c, c.z);
      expect(hyp2f1Terms() - before, `2F1(${c.a}, ${c.b}; ${c.c}; ${c.z})`).toBeLessThan(HYP2F1_TERM_LIMIT / 100);
    }
  });

  // Gauss's contiguous relation in c (DLMF 15.5.18): c(c−1)(z−1) F(c−1) + c[c−1−(2c−a−b−1)z] F(c) + (c−a)(c−b)z F(c+1) = 0,
  // with F(c) = 2F1(a, b; c; z). Checked relative to the largest of the three products: each value is good to about
  // 1e-11 relative where large parameters make the representations cancel a little, hence 1e-9.
  it('satisfies the contiguous relation in c to 1e-9 of its largest term, on both sides of z = 1/2', () => {
    fc.assert(
      fc.property(positive, positive, fc.double({ min: 1.5, max: 40, noNaN: true }), fc.double({ min: 0, max: 0.995, noNaN: true }), (a, b, c, z) => {
        const terms = [
          c * (c - 1) * (z - 1) * hyp2f1(a, b, c - 1, z),
          c * (c - 1 - (2 * c - a - b - 1) * z) * hyp2f1(a, b, c, z),
          (c - a) * (c - b) * z * hyp2f1(a, b, c + 1, z),
        ];
        if (!terms.every(Number.isFinite)) return; // beyond a double: the log form covers those
        const largest = Math.max(...terms.map(Math.abs));
        expect(Math.abs(terms[0] + terms[1] + terms[2])).toBeLessThanOrEqual(1e-9 * largest);
      }),
      { numRuns: 500 },
    );
  });
});

describe('2F1 along many z beyond 1/2 (long forecasts)', () => {
  it('equals one evaluation per z (1e-12 relative on the log), for increasing z up to 1 − 1e-6', () => {
    const positive = fc.double({ min: 0.05, max: 60, noNaN: true });
    const steps = fc.array(fc.double({ min: 1e-6, max: 0.499, noNaN: true }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(positive, positive, positive, steps, (a, b, c, distances) => {
        const oneMinusZ = Float64Array.from(distances).sort().reverse();
        const out = new Float64Array(oneMinusZ.length);
        if (!logHyp2f1Along(a, b, c, oneMinusZ, out)) return; // declined: the caller evaluates one by one
        oneMinusZ.forEach((d, j) => {
          const one = logHyp2f1(a, b, c, 1 - d);
          // 1 − d loses d's low digits near 1; the path keeps them, so compare where z itself is exact.
          if (1 - (1 - d) !== d) return;
          expect(Math.abs(out[j] - one)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(one)));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('takes the BG/NBD expectation’s parameters along 1,200 monthly horizons for a few terms each', () => {
    // r + x, b + x, a + b + x − 1 of CDNOW's BG/NBD for a customer with 5 repeat purchases, z from 1/2 to 1 − 1e-3.
    const oneMinusZ = Float64Array.from({ length: 1200 }, (_, j) => 0.5 / (1 + j / 2));
    const out = new Float64Array(1200);
    const before = hyp2f1Terms();
    expect(logHyp2f1Along(5.243, 7.426, 7.219, oneMinusZ, out)).toBe(true);
    expect((hyp2f1Terms() - before) / 1200).toBeLessThan(20);
    [0, 99, 1199].forEach((j) => expect(Math.abs(out[j] - logHyp2f1(5.243, 7.426, 7.219, 1 - oneMinusZ[j]))).toBeLessThan(1e-11 * Math.abs(out[j])));
  });
});
