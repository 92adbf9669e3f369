import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/errors';
import {
  sbgChurnProbability,
  sbgCohortFromSurvivors,
  sbgDerl,
  sbgExpectedSurvivors,
  sbgFitSurvivors,
  sbgLogLikelihood,
  sbgLogLikelihoodGradient,
  sbgRetentionRate,
  sbgSurvival,
  sbgSurvivalSum,
  type SbgParams,
} from '../../../src/core/models/sbg';

// Fader & Hardie (2007), "How to project customer retention", Journal of Interactive Marketing 21(1): customers of
// the 1,000-strong cohort still active at the start of years 0–12. The paper fits years 0–7 and projects 8–12.
// Its estimates, as reproduced by pymc-marketing's sBG notebook (pymc-labs/pymc-marketing): Regular α = 0.704,
// β = 1.182; High End α = 0.668, β = 3.806.
const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394];

const relative = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

/** Σ_{t ≥ n} S(t)/S(n−1) / (1+d)^(t−n), summed term by term until the terms stop mattering. */
function derlBySeries(p: SbgParams, n: number, d: number): number {
  let term = (p.beta + n - 1) / (p.alpha + p.beta + n - 1); // S(n)/S(n−1)
  let sum = 0;
  for (let k = 0; k < 10_000_000; k++) {
    sum += term;
    if (term < sum * 1e-17) return sum;
    term *= (p.beta + n + k) / (p.alpha + p.beta + n + k) / (1 + d);
  }
  throw new Error('series did not converge');
}

describe('sBG fit on the paper’s two segments (years 0–7)', () => {
  const regular = sbgFitSurvivors(REGULAR.slice(0, 8));
  const highEnd = sbgFitSurvivors(HIGH_END.slice(0, 8));

  it('reproduces the published estimates within 1%', () => {
    expect(regular.converged).toBe(true);
    expect(regular.message).toBe('');
    expect(relative(regular.params.alpha, 0.704)).toBeLessThan(0.01);
    expect(relative(regular.params.beta, 1.182)).toBeLessThan(0.01);
    expect(highEnd.converged).toBe(true);
    expect(relative(highEnd.params.alpha, 0.668)).toBeLessThan(0.01);
    expect(relative(highEnd.params.beta, 3.806)).toBeLessThan(0.01);
  });

  it('reaches the maximum log-likelihood (scipy Nelder–Mead on the same likelihood: −1680.2652 and −1611.1581)', () => {
    expect(regular.logLikelihood).toBeCloseTo(-1680.2652, 3);
    expect(highEnd.logLikelihood).toBeCloseTo(-1611.1581, 3);
    expect(regular.customers).toBe(1000);
  });

  it('gives standard errors from the Hessian (numerical Hessian in scipy: 0.0656, 0.1525 and 0.1037, 0.7855)', () => {
    expect(relative(regular.standardErrors.alpha, 0.0656)).toBeLessThan(0.01);
    expect(relative(regular.standardErrors.beta, 0.1525)).toBeLessThan(0.01);
    expect(relative(highEnd.standardErrors.alpha, 0.1037)).toBeLessThan(0.01);
    expect(relative(highEnd.standardErrors.beta, 0.7855)).toBeLessThan(0.01);
  });

  it('projects years 8–12 as S(t) · 1000 (values from scipy betaln at the same estimates), close to what happened', () => {
    const regularProjection = sbgExpectedSurvivors(regular.params, 1000, 12);
    const highEndProjection = sbgExpectedSurvivors(highEnd.params, 1000, 12);
    const expectedRegular = [220.085, 204.411, 191.19, 179.865, 170.037];
    const expectedHighEnd = [460.44, 435.78, 414.172, 395.055, 377.999];
    for (let i = 0; i < 5; i++) {
      expect(regularProjection[8 + i]).toBeCloseTo(expectedRegular[i], 1);
      expect(highEndProjection[8 + i]).toBeCloseTo(expectedHighEnd[i], 1);
      // The paper's point: a two-parameter fit to 7 years stays within a few percent 5 years out.
      expect(relative(regularProjection[8 + i], REGULAR[8 + i])).toBeLessThan(0.02);
      expect(relative(highEndProjection[8 + i], HIGH_END[8 + i])).toBeLessThan(0.05);
    }
  });

  it('projects rising retention rates', () => {
    const rates = [8, 9, 10, 11, 12].map((t) => sbgRetentionRate(regular.params, t));
    [0.92077, 0.92878, 0.93532, 0.94076, 0.94536].forEach((r, i) => expect(rates[i]).toBeCloseTo(r, 4));
  });

  it('fits all 13 years too', () => {
    const fit = sbgFitSurvivors(REGULAR);
    expect(fit.converged).toBe(true);
    expect(fit.params.alpha).toBeGreaterThan(0);
  });
});

describe('sBG likelihood', () => {
  const cohort = sbgCohortFromSurvivors(HIGH_END.slice(0, 8));

  it('is Σ n_t log P(T=t) + S_N log S(N)', () => {
    const p = { alpha: 1.3, beta: 2.1 };
    let expected = 0;
    for (let t = 1; t <= 7; t++) expected += (HIGH_END[t - 1] - HIGH_END[t]) * Math.log(sbgChurnProbability(p, t));
    expected += HIGH_END[7] * Math.log(sbgSurvival(p, 7));
    expect(sbgLogLikelihood(p, cohort)).toBeCloseTo(expected, 8);
  });

  it('has a gradient that matches central differences', () => {
    for (const p of [
      { alpha: 0.668, beta: 3.806 },
      { alpha: 2.5, beta: 0.3 },
    ]) {
      const g = sbgLogLikelihoodGradient(p, cohort);
      const h = 1e-6;
      const dA = (sbgLogLikelihood({ ...p, alpha: p.alpha + h }, cohort) - sbgLogLikelihood({ ...p, alpha: p.alpha - h }, cohort)) / (2 * h);
      const dB = (sbgLogLikelihood({ ...p, beta: p.beta + h }, cohort) - sbgLogLikelihood({ ...p, beta: p.beta - h }, cohort)) / (2 * h);
      expect(g[0]).toBeCloseTo(dA, 4);
      expect(g[1]).toBeCloseTo(dB, 4);
    }
  });
});

describe('sBG predictions', () => {
  const p = { alpha: 0.704, beta: 1.182 };

  it('follows the paper’s recursion for P(T = t) and S(t)', () => {
    let prob = p.alpha / (p.alpha + p.beta);
    let survival = 1 - prob;
    expect(sbgChurnProbability(p, 1)).toBeCloseTo(prob, 14);
    for (let t = 2; t <= 40; t++) {
      prob *= (p.beta + t - 2) / (p.alpha + p.beta + t - 1);
      survival -= prob;
      expect(relative(sbgChurnProbability(p, t), prob)).toBeLessThan(1e-12);
      expect(relative(sbgSurvival(p, t), survival)).toBeLessThan(1e-12);
      expect(sbgRetentionRate(p, t)).toBeCloseTo(sbgSurvival(p, t) / sbgSurvival(p, t - 1), 13);
    }
    expect(sbgSurvival(p, 0)).toBe(1);
  });

  it('sums S(t) in closed form, also for long horizons and α near 1', () => {
    const bySteps = (q: SbgParams, n: number): number => {
      let s = 1;
      let sum = 0;
      for (let t = 1; t <= n; t++) {
        s *= (q.beta + t - 1) / (q.alpha + q.beta + t - 1);
        sum += s;
      }
      return sum;
    };
    for (const q of [p, { alpha: 3.8, beta: 15.2 }, { alpha: 1.0004, beta: 2 }, { alpha: 0.9996, beta: 2 }, { alpha: 1.002, beta: 0.5 }]) {
      for (const n of [1, 7, 100, 5000]) expect(relative(sbgSurvivalSum(q, n), bySteps(q, n))).toBeLessThan(1e-10);
    }
    expect(sbgSurvivalSum({ alpha: 3.8, beta: 15.2 }, Infinity)).toBeCloseTo(15.2 / 2.8, 12);
    expect(() => sbgSurvivalSum(p, Infinity)).toThrow(/infinite/);
  });

  it('projects expected survivors of a cohort', () => {
    const out = sbgExpectedSurvivors(p, 500, 3);
    expect(Array.from(out)).toHaveLength(4);
    expect(out[0]).toBe(500);
    expect(out[3]).toBeCloseTo(500 * sbgSurvival(p, 3), 10);
  });

  it('rejects periods that are not whole numbers', () => {
    expect(() => sbgSurvival(p, 1.5)).toThrow(RangeError);
    expect(() => sbgChurnProbability(p, 0)).toThrow(RangeError);
    expect(() => sbgRetentionRate(p, 0)).toThrow(RangeError);
    expect(() => sbgSurvival({ alpha: -1, beta: 1 }, 1)).toThrow(/alpha and beta/);
  });
});

describe('sBG discounted expected residual lifetime', () => {
  // mpmath (40 digits) evaluating (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d)).
  const reference: [SbgParams, number, number, number][] = [
    [{ alpha: 0.704, beta: 1.182 }, 1, 0.1, 2.9646621461320316],
    [{ alpha: 0.704, beta: 1.182 }, 1, 0.01, 8.5029471720112704],
    [{ alpha: 0.704, beta: 1.182 }, 1, 0.001, 20.357650588541797],
    [{ alpha: 0.704, beta: 1.182 }, 5, 0.1, 5.8944228598441602],
    [{ alpha: 0.704, beta: 1.182 }, 5, 0.001, 56.048746774805449],
    [{ alpha: 0.668, beta: 3.806 }, 1, 0.1, 5.4148560483740404],
    [{ alpha: 0.668, beta: 3.806 }, 1, 0.01, 19.009625981018802],
    [{ alpha: 0.668, beta: 3.806 }, 5, 0.01, 27.588141084236988],
    [{ alpha: 0.668, beta: 3.806 }, 5, 0.001, 80.954139082113868],
    [{ alpha: 3.8, beta: 15.2 }, 1, 0.1, 3.3098184210253696],
    [{ alpha: 3.8, beta: 15.2 }, 5, 0.001, 6.7820800659954934],
    [{ alpha: 0.704, beta: 1.182 }, 1000, 0.01, 94.800519464522105],
    [{ alpha: 0.05, beta: 30 }, 3, 0.02, 48.977324722907134],
    [{ alpha: 5, beta: 0.2 }, 1, 0.5, 0.044822443138105297],
  ];

  it.each(reference)('matches mpmath for %o, n = %d, d = %d', (params, n, d, expected) => {
    expect(relative(sbgDerl(params, n, d), expected)).toBeLessThan(1e-10);
  });

  it('stays accurate for a tiny discount rate, where 1/(1+d) is within 1e-6 of 1 (mpmath: 183.80374325090094)', () => {
    expect(relative(sbgDerl({ alpha: 0.704, beta: 1.182 }, 1, 1e-6), 183.80374325090094)).toBeLessThan(1e-9);
  });

  it('equals the direct series Σ S(t)/S(n−1)/(1+d)^(t−n)', () => {
    for (const params of [
      { alpha: 0.704, beta: 1.182 },
      { alpha: 0.668, beta: 3.806 },
      { alpha: 1.5, beta: 0.4 },
    ]) {
      for (const n of [1, 2, 10]) {
        for (const d of [0.5, 0.1, 0.01]) expect(relative(sbgDerl(params, n, d), derlBySeries(params, n, d))).toBeLessThan(1e-11);
      }
    }
  });

  it('is the expected number of further renewals (β+n−1)/(α−1) without discounting, when α > 1', () => {
    const params = { alpha: 3.8, beta: 15.2 };
    expect(sbgDerl(params, 1, 0)).toBeCloseTo(15.2 / 2.8, 12);
    expect(sbgDerl(params, 4, 0)).toBeCloseTo(18.2 / 2.8, 12);
    // and the discounted value tends to it as d → 0
    expect(relative(sbgDerl(params, 4, 1e-7), 18.2 / 2.8)).toBeLessThan(1e-5);
  });

  it('refuses an infinite lifetime (α ≤ 1, d = 0) with a reason instead of returning Infinity', () => {
    expect(() => sbgDerl({ alpha: 0.704, beta: 1.182 }, 1, 0)).toThrow(RangeError);
    expect(() => sbgDerl({ alpha: 1, beta: 1.182 }, 1, 0)).toThrow(/infinite.*discount rate above 0/);
  });

  it('validates n and the discount rate', () => {
    const params = { alpha: 0.704, beta: 1.182 };
    expect(() => sbgDerl(params, 0, 0.1)).toThrow(/n \(the period/);
    expect(() => sbgDerl(params, 1, -0.1)).toThrow(/discount rate/);
    expect(() => sbgDerl(params, 1, Number.NaN)).toThrow(/discount rate/);
  });
});

describe('sBG input validation', () => {
  const positionOf = (active: number[]): number => {
    try {
      sbgFitSurvivors(active);
    } catch (e) {
      if (e instanceof DataError) return e.row ?? -1;
      throw e;
    }
    throw new Error('no error');
  };

  it('names the position of the bad value', () => {
    expect(() => sbgFitSurvivors([1000])).toThrow(/at least 2 values/);
    expect(() => sbgFitSurvivors([0, 0])).toThrow('active_customers row 1 is 0; it is the cohort size and must be above 0.');
    expect(() => sbgFitSurvivors([1000, 800, 820])).toThrow(/^active_customers row 3 is 820, more than the row before \(800\); the active customers of one cohort can only fall/);
    expect(() => sbgFitSurvivors([1000, 800, -1])).toThrow('active_customers row 3 is -1; a number of active customers cannot be negative.');
    expect(() => sbgFitSurvivors([1000, Number.NaN])).toThrow('active_customers row 2 is NaN, not a number of customers.');
    expect(() => sbgFitSurvivors([1000, 1000, 1000])).toThrow(
      'Every customer of the cohort is still active after 2 periods, so there is no churn to learn from yet; give the counts again once some customers have left.',
    );
    expect(positionOf([1000, 800, 820])).toBe(2);
    expect(() => sbgFitSurvivors([1000, 800, 820])).toThrow(DataError);
  });

  it('says plainly when one period cannot determine both parameters', () => {
    const fit = sbgFitSurvivors([1000, 700]);
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/^Only one period of churn was given. It fixes the first period's churn \(30%\)/);
    // the average churn it does determine is still right
    expect(fit.params.alpha / (fit.params.alpha + fit.params.beta)).toBeCloseTo(0.3, 4);
  });

  it('says so when churn is the same for everyone, or everyone leaves at once', () => {
    const constant = sbgFitSurvivors([1000, 500, 250, 125, 62.5, 31.25]);
    expect(constant.converged).toBe(false);
    expect(constant.message).toMatch(/^Churn looks the same for every customer \(no heterogeneity\).*50% a period/);
    expect(sbgRetentionRate(constant.params, 5)).toBeCloseTo(0.5, 4);
    const allGone = sbgFitSurvivors([100, 0, 0]);
    expect(allGone.converged).toBe(false);
    expect(allGone.message).toMatch(/^Nearly every customer left in the first period/);
  });

  it('accepts percentages as well as counts, with the same estimates', () => {
    const counts = sbgFitSurvivors(REGULAR.slice(0, 8));
    const shares = sbgFitSurvivors(REGULAR.slice(0, 8).map((v) => v / 10));
    expect(shares.params.alpha).toBeCloseTo(counts.params.alpha, 5);
    expect(shares.params.beta).toBeCloseTo(counts.params.beta, 5);
  });
});

describe('sBG properties', () => {
  const params = fc.record({
    alpha: fc.double({ min: 0.05, max: 50, noNaN: true }),
    beta: fc.double({ min: 0.05, max: 50, noNaN: true }),
  });
  const period = fc.integer({ min: 1, max: 300 });

  it('survival falls with t and stays in [0, 1]', () => {
    fc.assert(
      fc.property(params, period, (p, t) => {
        const now = sbgSurvival(p, t);
        const before = sbgSurvival(p, t - 1);
        return now >= 0 && now <= before && before <= 1;
      }),
    );
  });

  it('retention rates rise with t for every α, β > 0 (r_t = 1 − α/(α+β+t−1))', () => {
    fc.assert(fc.property(params, period, (p, t) => sbgRetentionRate(p, t + 1) > sbgRetentionRate(p, t)));
  });

  it('Σ_{t ≤ N} P(T = t) + S(N) = 1', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 1, max: 60 }), (p, n) => {
        let total = sbgSurvival(p, n);
        for (let t = 1; t <= n; t++) total += sbgChurnProbability(p, t);
        return Math.abs(total - 1) < 1e-12;
      }),
    );
  });

  it('DERL grows with n when churn falls, and shrinks as the discount rate rises', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 1, max: 50 }), fc.double({ min: 0.001, max: 1, noNaN: true }), (p, n, d) => {
        const here = sbgDerl(p, n, d);
        return sbgDerl(p, n + 1, d) >= here * (1 - 1e-12) && sbgDerl(p, n, d * 1.5) <= here * (1 + 1e-12) && here > 0;
      }),
    );
  });
});
