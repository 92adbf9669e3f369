import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/errors';
import {
  bgbb,
  bgbbExpectedTransactions,
  bgbbExpectedTransactionsNew,
  bgbbFit,
  bgbbLogLikelihood,
  bgbbLogLikelihoodGradient,
  bgbbPAlive,
  bgbbTransactionProbability,
  checkBgBbRow,
  type BgBbParams,
} from '../../../src/core/models/bgbb';
import type { RfmPatterns } from '../../../src/core/models/types';
import { fixture } from '../../fixtures';

// Fader, Hardie & Shang (2010), "Customer-base analysis in a discrete-time noncontractual setting", Marketing
// Science 29(6): 11,104 first-time donors of 1995, six yearly opportunities 1996–2001, in 22 (x, t_x) patterns.
function loadDonations(): RfmPatterns {
  const lines = fixture('donations.csv').trim().split('\n').slice(1);
  const rows = lines.map((line) => line.split(',').map(Number));
  const column = (k: number): Float64Array => Float64Array.from(rows, (r) => r[k]);
  const w = column(3);
  return { x: column(0), tx: column(1), T: column(2), w, count: rows.length, customers: w.reduce((a, b) => a + b, 0) };
}

const donations = loadDonations();
// Published estimates (paper; also the expected values of lifetimes' test_params_out_is_close_to_Hardie_paper in
// CamDavidsonPilon/lifetimes) and, to four decimals, those of Hardie's BG/BB spreadsheet (brucehardie.com note
// 010), as used by pymc-marketing's BG/BB tests.
const PUBLISHED: BgBbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
const SPREADSHEET: BgBbParams = { alpha: 1.2035, beta: 0.7497, gamma: 0.6567, delta: 2.7834 };

const relative = (actual: number, expected: number): number => Math.abs(actual / expected - 1);
const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n - 1, k - 1) * n) / k);

// ---------------------------------------------------------------------------------------------------------------
// Brute force: enumerate the model's story (every death opportunity, every purchase sequence) for given p and θ,
// and average over p ~ Beta(α, β), θ ~ Beta(γ, δ) by tanh-sinh quadrature — no Beta-function algebra involved.

/** E[f(u)] for u ~ Beta(a, b), by tanh-sinh quadrature (exact to ~1e-13 even with endpoint singularities). */
function betaExpectation(a: number, b: number, f: (u: number, oneMinusU: number) => number): number {
  const h = 1 / 64;
  let sum = 0;
  let norm = 0;
  for (let k = -6 * 64; k <= 6 * 64; k++) {
    const s = k * h;
    const v = Math.PI * Math.sinh(s); // u = 1/(1+e^(−v)); computing 1 − u directly keeps it exact near 1
    const logU = -Math.log1p(Math.exp(-v));
    const log1mU = -Math.log1p(Math.exp(v));
    // du = u (1 − u) π cosh s ds, so the density times du is u^a (1 − u)^b π cosh s ds up to B(a, b)
    const weight = Math.PI * Math.cosh(s) * Math.exp(a * logU + b * log1mU);
    if (weight === 0) continue;
    sum += weight * f(Math.exp(logU), Math.exp(log1mU));
    norm += weight;
  }
  return sum / norm;
}

interface BruteForce {
  /** P(x, t_x) for a new customer over n opportunities, keyed "x,tx". */
  probability: Map<string, number>;
  pAliveNext: Map<string, number>;
  expectedFuture: Map<string, number>;
}

function bruteForce(params: BgBbParams, n: number, nStar: number): BruteForce {
  const { alpha, beta, gamma, delta } = params;
  const purchase = (k: number, m: number): number => betaExpectation(alpha, beta, (p, q) => p ** k * q ** m);
  const dropout = (f: (theta: number, stay: number) => number): number => betaExpectation(gamma, delta, f);
  const probability = new Map<string, number>();
  const aliveNext = new Map<string, number>();
  const future = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, v: number): void => void map.set(key, (map.get(key) ?? 0) + v);
  // death at opportunity tau (1..n) means alive for opportunities 1..tau−1; tau = n + 1 stands for "alive at n"
  for (let tau = 1; tau <= n + 1; tau++) {
    const aliveFor = tau - 1;
    const pDeath = tau <= n ? dropout((th, stay) => th * stay ** (tau - 1)) : dropout((_, stay) => stay ** n);
    for (let seq = 0; seq < 1 << aliveFor; seq++) {
      let x = 0;
      let tx = 0;
      for (let j = 0; j < aliveFor; j++) {
        if (seq & (1 << j)) {
          x++;
          tx = j + 1;
        }
      }
      const key = `${x},${tx}`;
      add(probability, key, pDeath * purchase(x, aliveFor - x));
      if (tau === n + 1) {
        add(aliveNext, key, dropout((_, stay) => stay ** (n + 1)) * purchase(x, n - x));
        const survivingOpportunities = dropout((_, stay) => {
          let s = 0;
          for (let t = 1; t <= nStar; t++) s += stay ** (n + t);
          return s;
        });
        add(future, key, survivingOpportunities * purchase(x + 1, n - x));
      }
    }
  }
  const pAliveNext = new Map<string, number>();
  const expectedFuture = new Map<string, number>();
  for (const [key, p] of probability) {
    pAliveNext.set(key, (aliveNext.get(key) ?? 0) / p);
    expectedFuture.set(key, (future.get(key) ?? 0) / p);
  }
  return { probability, pAliveNext, expectedFuture };
}

describe('brute force itself', () => {
  it('integrates Beta densities exactly enough', () => {
    expect(betaExpectation(0.657, 2.783, () => 1)).toBe(1);
    expect(relative(betaExpectation(0.657, 2.783, (u) => u), 0.657 / (0.657 + 2.783))).toBeLessThan(1e-12);
    expect(relative(betaExpectation(1.204, 0.75, (_, v) => v * v), (0.75 * 1.75) / (1.954 * 2.954))).toBeLessThan(1e-12);
  });
});

describe('BG/BB fit on the donations data', () => {
  const fit = bgbbFit(donations);

  it('uses all 11,104 donors', () => {
    expect(donations.count).toBe(22);
    expect(fit.customers).toBe(11104);
  });

  it('reproduces the published estimates within 1% and LL = −33,225.6 within 0.5', () => {
    expect(fit.converged).toBe(true);
    expect(fit.message).toBe('');
    expect(relative(fit.params.alpha, PUBLISHED.alpha)).toBeLessThan(0.01);
    expect(relative(fit.params.beta, PUBLISHED.beta)).toBeLessThan(0.01);
    expect(relative(fit.params.gamma, PUBLISHED.gamma)).toBeLessThan(0.01);
    expect(relative(fit.params.delta, PUBLISHED.delta)).toBeLessThan(0.01);
    expect(Math.abs(fit.logLikelihood - -33225.6)).toBeLessThan(0.5);
    // the maximum itself, from scipy (Nelder–Mead, tolerance 1e-12) on the same likelihood: −33,225.58127
    expect(fit.logLikelihood).toBeCloseTo(-33225.58127, 3);
  });

  it('reports standard errors (numerical Hessian in scipy: 0.0694, 0.0294, 0.0510, 0.3208)', () => {
    expect(relative(fit.standardErrors.alpha, 0.0694)).toBeLessThan(0.01);
    expect(relative(fit.standardErrors.beta, 0.02945)).toBeLessThan(0.01);
    expect(relative(fit.standardErrors.gamma, 0.0510)).toBeLessThan(0.01);
    expect(relative(fit.standardErrors.delta, 0.3208)).toBeLessThan(0.01);
  });

  it('reproduces the paper’s Table 6, P(alive in 2002), to two decimals', () => {
    // (x, t_x) = (0, 0): 0.11; (2, 4): 0.59; (6, 6): 0.93 — as checked by lifetimes' test_prob_alive_is_close_to_Hardie_paper_table_6
    expect(bgbbPAlive(fit.params, 0, 0, 6)).toBeCloseTo(0.11, 2);
    expect(bgbbPAlive(fit.params, 2, 4, 6)).toBeCloseTo(0.59, 2);
    expect(bgbbPAlive(fit.params, 6, 6, 6)).toBeCloseTo(0.93, 2);
  });

  it('reproduces Hardie’s spreadsheet: 12,884.2 donations expected in 2002–2006 from the whole cohort', () => {
    let total = 0;
    for (let i = 0; i < donations.count; i++) {
      total += donations.w[i] * bgbbExpectedTransactions(fit.params, 5, donations.x[i], donations.tx[i], donations.T[i]);
    }
    expect(Math.abs(total - 12884.2)).toBeLessThan(0.1);
  });

  it('reproduces Hardie’s in-sample fit: 3,454.9 donors with no repeat donation and 1,253.1 with six', () => {
    expect(Math.abs(11104 * bgbbTransactionProbability(fit.params, 6, 0) - 3454.9)).toBeLessThan(0.05);
    expect(Math.abs(11104 * bgbbTransactionProbability(fit.params, 6, 6) - 1253.1)).toBeLessThan(0.05);
  });

  it('reproduces Hardie’s tracking plot: E[X(n)] of a new donor for n = 1..11', () => {
    const published = [0.4985, 0.9233, 1.2969, 1.6323, 1.9381, 2.2202, 2.4826, 2.7285, 2.9603, 3.1798, 3.3887];
    published.forEach((v, i) => expect(Math.abs(bgbbExpectedTransactionsNew(fit.params, i + 1) - v)).toBeLessThan(6e-5));
  });

  it('fits the same from other starting values', () => {
    const other = bgbbFit(donations, { start: [0.2, 5, 3, 0.5] });
    expect(other.converged).toBe(true);
    expect(other.params.delta).toBeCloseTo(fit.params.delta, 4);
    expect(other.logLikelihood).toBeCloseTo(fit.logLikelihood, 6);
  });
});

describe('BG/BB against the brute-force story (donations parameters, n = 6, n* = 5)', () => {
  const brute = bruteForce(PUBLISHED, 6, 5);

  it('has the 22 possible patterns, with probabilities summing to 1', () => {
    expect(brute.probability.size).toBe(22);
    let total = 0;
    for (const p of brute.probability.values()) total += p;
    expect(total).toBeCloseTo(1, 12);
  });

  it('gives each pattern’s likelihood (that of one purchase sequence: C(t_x − 1, x − 1) sequences share a pattern)', () => {
    for (const [key, p] of brute.probability) {
      const [x, tx] = key.split(',').map(Number);
      const one: RfmPatterns = { x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(6), w: Float64Array.of(1), count: 1, customers: 1 };
      const sequences = x === 0 ? 1 : choose(tx - 1, x - 1);
      expect(Math.abs(bgbbLogLikelihood(PUBLISHED, one) - Math.log(p / sequences))).toBeLessThan(1e-10);
    }
  });

  it('gives P(alive at n+1) and the expected transactions in the next n* opportunities', () => {
    for (const key of brute.probability.keys()) {
      const [x, tx] = key.split(',').map(Number);
      expect(relative(bgbbPAlive(PUBLISHED, x, tx, 6), brute.pAliveNext.get(key) ?? NaN)).toBeLessThan(1e-10);
      expect(relative(bgbbExpectedTransactions(PUBLISHED, 5, x, tx, 6), brute.expectedFuture.get(key) ?? NaN)).toBeLessThan(1e-10);
    }
  });

  it('gives the distribution and mean of X(n) for a new customer', () => {
    let mean = 0;
    for (let x = 0; x <= 6; x++) {
      let p = 0;
      for (const [key, v] of brute.probability) if (key.startsWith(`${x},`)) p += v;
      expect(relative(bgbbTransactionProbability(PUBLISHED, 6, x), p)).toBeLessThan(1e-10);
      mean += x * p;
    }
    expect(relative(bgbbExpectedTransactionsNew(PUBLISHED, 6), mean)).toBeLessThan(1e-10);
  });

  it('agrees with a small n and γ on both sides of 1', () => {
    for (const params of [
      { alpha: 0.4, beta: 2.5, gamma: 1.00005, delta: 0.8 },
      { alpha: 3, beta: 0.6, gamma: 2.5, delta: 7 },
    ]) {
      const small = bruteForce(params, 3, 4);
      for (const key of small.probability.keys()) {
        const [x, tx] = key.split(',').map(Number);
        expect(relative(bgbbExpectedTransactions(params, 4, x, tx, 3), small.expectedFuture.get(key) ?? NaN)).toBeLessThan(1e-9);
        expect(relative(bgbbPAlive(params, x, tx, 3), small.pAliveNext.get(key) ?? NaN)).toBeLessThan(1e-9);
      }
    }
  });
});

describe('BG/BB formulas', () => {
  /** The paper's eq. 13, with its δ/(γ−1) and Γ-ratios. */
  function paperConditionalExpectation(p: BgBbParams, nStar: number, x: number, tx: number, n: number): number {
    const { alpha: a, beta: b, gamma: g, delta: d } = p;
    const one: RfmPatterns = { x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(n), w: Float64Array.of(1), count: 1, customers: 1 };
    const logL = bgbbLogLikelihood(p, one);
    const lnGamma = (z: number): number => {
      // Lanczos is plenty for a test oracle here (arguments below 40)
      const c = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
      let s = 0.99999999999980993;
      const zz = z - 1;
      for (let i = 0; i < 8; i++) s += c[i] / (zz + i + 1);
      const t = zz + 7.5;
      return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(s);
    };
    const lnBeta = (u: number, v: number): number => lnGamma(u) + lnGamma(v) - lnGamma(u + v);
    const front = Math.exp(lnBeta(a + x + 1, b + n - x) - lnBeta(a, b) - logL) * (d / (g - 1)) * Math.exp(lnGamma(g + d) - lnGamma(1 + d));
    const bracket = Math.exp(lnGamma(1 + d + n) - lnGamma(g + d + n)) - Math.exp(lnGamma(1 + d + n + nStar) - lnGamma(g + d + n + nStar));
    return front * bracket;
  }

  it('matches the paper’s closed form of E[X(n, n+n*)]', () => {
    for (const [x, tx] of [
      [0, 0],
      [1, 1],
      [3, 5],
      [6, 6],
    ]) {
      for (const nStar of [1, 5, 20]) {
        expect(relative(bgbbExpectedTransactions(PUBLISHED, nStar, x, tx, 6), paperConditionalExpectation(PUBLISHED, nStar, x, tx, 6))).toBeLessThan(1e-9);
      }
    }
  });

  it('stays smooth through γ = 1, where the closed form divides by zero', () => {
    // Steps of 1e-4 across γ = 1 and across the switch between closed form and plain sum at |γ − 1| = 1e-3:
    // a smooth curve has second differences of order f''·h², far below the tolerance.
    const at = (gamma: number): number => bgbbExpectedTransactions({ ...PUBLISHED, gamma }, 50, 3, 5, 6);
    for (let g = 0.9985; g <= 1.0015; g += 1e-4) {
      const middle = at(g);
      expect(Number.isFinite(middle)).toBe(true);
      expect(Math.abs(middle - (at(g - 1e-4) + at(g + 1e-4)) / 2)).toBeLessThan(1e-8 * middle);
    }
  });

  it('handles long horizons (daily opportunities over years)', () => {
    const e = bgbbExpectedTransactions(PUBLISHED, 100_000, 4, 6, 6);
    expect(Number.isFinite(e)).toBe(true);
    expect(e).toBeGreaterThan(bgbbExpectedTransactions(PUBLISHED, 1000, 4, 6, 6));
    expect(bgbbExpectedTransactionsNew(PUBLISHED, 100_000)).toBeGreaterThan(0);
  });

  it('gives P(alive at n) with ahead = 0, equal to 1 for a transaction at the last opportunity', () => {
    expect(bgbbPAlive(PUBLISHED, 6, 6, 6, 0)).toBe(1);
    expect(bgbbPAlive(PUBLISHED, 2, 4, 6, 0)).toBeGreaterThan(bgbbPAlive(PUBLISHED, 2, 4, 6, 1));
  });

  it('has a gradient that matches central differences', () => {
    for (const p of [PUBLISHED, { alpha: 0.3, beta: 4, gamma: 2.2, delta: 0.6 }]) {
      const g = bgbbLogLikelihoodGradient(p, donations);
      (['alpha', 'beta', 'gamma', 'delta'] as const).forEach((name, i) => {
        const h = 1e-6 * p[name];
        const up = bgbbLogLikelihood({ ...p, [name]: p[name] + h }, donations);
        const down = bgbbLogLikelihood({ ...p, [name]: p[name] - h }, donations);
        expect(Math.abs(g[i] - (up - down) / (2 * h))).toBeLessThan(1e-5 * Math.max(1, Math.abs(g[i])));
      });
    }
  });

  it('computes long histories as accurately from its running tables as from log-beta calls', () => {
    // Up to 100,000 opportunities the likelihood of a data set comes from running sums; one longer history switches
    // the whole data set to direct log-beta calls. The same pattern must get the same likelihood either way.
    const patterns = (x: number[], tx: number[], n: number[]): RfmPatterns => ({
      x: Float64Array.from(x),
      tx: Float64Array.from(tx),
      T: Float64Array.from(n),
      w: Float64Array.from(x, () => 1),
      count: x.length,
      customers: x.length,
    });
    const long = patterns([37], [90_000], [99_999]);
    const longer = patterns([1], [1], [100_001]);
    const both = patterns([37, 1], [90_000, 1], [99_999, 100_001]);
    const tabulated = bgbbLogLikelihood(PUBLISHED, long);
    const direct = bgbbLogLikelihood(PUBLISHED, both) - bgbbLogLikelihood(PUBLISHED, longer);
    expect(Math.abs(tabulated - direct)).toBeLessThan(1e-9 * Math.abs(direct));
    const g = bgbbLogLikelihoodGradient(PUBLISHED, long);
    const gDirect = bgbbLogLikelihoodGradient(PUBLISHED, both).map((v, i) => v - bgbbLogLikelihoodGradient(PUBLISHED, longer)[i]);
    g.forEach((v, i) => expect(Math.abs(v - gDirect[i])).toBeLessThan(1e-9 * Math.max(1, Math.abs(v))));
  });

  it('weights a pattern as that many identical customers', () => {
    const one = (w: number): RfmPatterns => ({ x: Float64Array.of(2), tx: Float64Array.of(4), T: Float64Array.of(6), w: Float64Array.of(w), count: 1, customers: w });
    expect(bgbbLogLikelihood(PUBLISHED, one(7))).toBeCloseTo(7 * bgbbLogLikelihood(PUBLISHED, one(1)), 10);
  });

  it('exposes the same predictions through the purchase-model interface', () => {
    const predictor = bgbb.predictor(PUBLISHED);
    const alive = new Float64Array(2);
    const [atZero, atFive, mixed] = predictor.expectedPurchasesBatch([0, 3], [0, 5], [6, 6], [0, 1, 5], [[1, 0, 0], [0, 0, 1], [0.5, 2, -1]], alive);
    expect([...alive]).toEqual([predictor.pAlive(0, 0, 6), predictor.pAlive(3, 5, 6)]);
    expect(atZero[0]).toBe(0);
    expect(atFive[1]).toBeCloseTo(bgbbExpectedTransactions(PUBLISHED, 5, 3, 5, 6), 14);
    expect(mixed[1]).toBeCloseTo(2 * bgbbExpectedTransactions(PUBLISHED, 1, 3, 5, 6) - bgbbExpectedTransactions(PUBLISHED, 5, 3, 5, 6), 14);
    expect(predictor.pAlive(3, 5, 6)).toBe(bgbbPAlive(PUBLISHED, 3, 5, 6));
    expect(predictor.expectedPurchasesNew(4)).toBe(bgbbExpectedTransactionsNew(PUBLISHED, 4));
    expect(() => predictor.expectedPurchasesBatch([0], [0], [6], [1.5], [[1]])).toThrow(RangeError);
    expect(() => predictor.expectedPurchasesBatch([0], [0], [6], [1, 2], [[1]])).toThrow(/one per horizon/);
  });
});

describe('BG/BB input validation', () => {
  const rowOf = (x: number, tx: number, n: number): string => {
    try {
      checkBgBbRow(x, tx, n, 16);
    } catch (e) {
      if (e instanceof DataError) return `${e.row}: ${e.message}`;
      throw e;
    }
    return 'ok';
  };

  it('accepts the histories the model can produce', () => {
    expect(rowOf(0, 0, 6)).toBe('ok');
    expect(rowOf(3, 5, 6)).toBe('ok');
    expect(rowOf(6, 6, 6)).toBe('ok');
    expect(rowOf(0, 0, 0)).toBe('ok');
  });

  it('names the row and the reason otherwise', () => {
    expect(rowOf(4, 3, 6)).toBe('16: frequency row 17 is 4; more than recency (3): a customer cannot use more opportunities than the last one used.');
    expect(rowOf(2, 7, 6)).toBe('16: recency row 17 is 7; the last opportunity used cannot come after the last opportunity (T is 6).');
    expect(rowOf(0, 2, 6)).toBe('16: recency row 17 is 2; with no transaction (frequency 0) recency is 0.');
    expect(rowOf(1.5, 2, 6)).toMatch(/^16: frequency row 17 is 1.5; with "bgbb" frequency is the number of opportunities used, a whole number/);
    expect(rowOf(1, 2, -6)).toMatch(/^16: T row 17 is -6; with "bgbb" T is the number of opportunities, a whole number/);
    expect(() => checkBgBbRow(1, 2, 6.5, 0)).toThrow(DataError);
  });

  it('checks every row before fitting', () => {
    const bad: RfmPatterns = { ...donations, x: Float64Array.from(donations.x), count: donations.count };
    bad.x[5] = 9;
    expect(() => bgbbFit(bad)).toThrow(/^frequency row 6 is 9; more than recency \(5\)/);
    expect(() => bgbbPAlive(PUBLISHED, 1, 0, 6)).toThrow('recency is 0; with 1 transactions recency is the opportunity of the last one, 1 or more.');
    expect(() => bgbbExpectedTransactions(PUBLISHED, 2.5, 1, 1, 6)).toThrow(/whole number/);
    expect(() => bgbbPAlive({ ...PUBLISHED, gamma: 0 }, 1, 1, 6)).toThrow(/gamma must be a positive number/);
  });
});

describe('BG/BB properties', () => {
  const params = fc.record({
    alpha: fc.double({ min: 0.05, max: 20, noNaN: true }),
    beta: fc.double({ min: 0.05, max: 20, noNaN: true }),
    gamma: fc.double({ min: 0.05, max: 20, noNaN: true }),
    delta: fc.double({ min: 0.05, max: 20, noNaN: true }),
  });
  /** A valid (x, t_x, n). */
  const history = fc
    .integer({ min: 0, max: 60 })
    .chain((n) => fc.integer({ min: 0, max: n }).chain((tx) => fc.integer({ min: tx === 0 ? 0 : 1, max: tx }).map((x) => ({ x, tx, n }))));

  it('P(alive) is in [0, 1] and falls with the look-ahead', () => {
    fc.assert(
      fc.property(params, history, fc.integer({ min: 0, max: 30 }), (p, h, ahead) => {
        const now = bgbbPAlive(p, h.x, h.tx, h.n, ahead);
        const later = bgbbPAlive(p, h.x, h.tx, h.n, ahead + 1);
        return now >= 0 && now <= 1 && later <= now;
      }),
    );
  });

  it('expected transactions do not fall as the horizon grows, and never exceed the opportunities', () => {
    fc.assert(
      fc.property(params, history, fc.integer({ min: 0, max: 200 }), (p, h, nStar) => {
        const e = bgbbExpectedTransactions(p, nStar, h.x, h.tx, h.n);
        const next = bgbbExpectedTransactions(p, nStar + 1, h.x, h.tx, h.n);
        return e >= 0 && next >= e && next <= nStar + 1;
      }),
    );
  });

  it('P(X(n) = x) sums to 1 over x', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 25 }), (p, n) => {
        let total = 0;
        for (let x = 0; x <= n; x++) total += bgbbTransactionProbability(p, n, x);
        return Math.abs(total - 1) < 1e-10;
      }),
    );
  });
});
