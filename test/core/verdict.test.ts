import { describe, expect, it } from 'vitest';
import { mbgnbd } from '../../src/core/models/mbgnbd';
import { Random } from '../../src/core/random';
import { paretonbd } from '../../src/core/models/paretonbd';
import { countMoments, judgeGroup, judgeGroups, periodWords, VARIANCE_SAMPLE, varianceSums, VERDICT_RULES, verdictSentence } from '../../src/core/verdict';

describe('a group judged against the range sampling noise allows', () => {
  // 100 customers, 200 purchases predicted, variance 400 in all: the mean's sd is √400 / 100 = 0.2.
  const z = VERDICT_RULES.z;
  it('within the expected range: predicted 2 ± 1.96 × 0.2', () => {
    const g = judgeGroup('1', 100, 200, 229, 400);
    expect(g.verdict).toBe('within');
    expect(g.low).toBeCloseTo(2 - z * 0.2, 12);
    expect(g.high).toBeCloseTo(2 + z * 0.2, 12);
    expect(g.predicted).toBe(2);
    expect(g.actual).toBe(2.29);
  });
  it('outside it, either way', () => {
    expect(judgeGroup('1', 100, 200, 240, 400).verdict).toBe('above'); // 2.40 > 2.392
    expect(judgeGroup('1', 100, 200, 160, 400).verdict).toBe('below'); // 1.60 < 1.608
  });
  it('too small to judge: fewer than 30 customers, or fewer than 5 purchases predicted', () => {
    expect(judgeGroup('7+', 29, 200, 400, 400)).toMatchObject({ verdict: null, low: null, high: null, customers: 29 });
    expect(judgeGroup('0', 500, 4.9, 40, 5)).toMatchObject({ verdict: null });
    expect(judgeGroup('0', 30, 5, 5, 5).verdict).toBe('within');
  });
  it('groups and the whole from their sums', () => {
    const { groups, total } = judgeGroups(['a', 'b'], [
      { customers: 40, predicted: 40, actual: 40, variance: 40 },
      { customers: 10, predicted: 10, actual: 10, variance: 10 },
    ]);
    expect(groups.map((g) => [g.label, g.customers, g.verdict])).toEqual([
      ['a', 40, 'within'],
      ['b', 10, null],
    ]);
    expect(total).toMatchObject({ label: 'All', customers: 50, predicted: 1, actual: 1, verdict: 'within' });
    expect(total.high! - total.predicted).toBeCloseTo((VERDICT_RULES.z * Math.sqrt(50)) / 50, 12);
  });
});

describe("each customer's holdout count: mean and variance from the model's own distribution", () => {
  const customers = { frequency: [0, 2, 10, 2], recency: [0, 30, 200, 30], T: [100, 150, 220, 150] };
  for (const [name, predictor] of [
    ['MBG/NBD', mbgnbd.predictorOf({ r: 0.5, alpha: 10, a: 0.8, b: 2.5 })],
    ['Pareto/NBD', paretonbd.predictorOf({ r: 0.55, alpha: 10.6, s: 0.6, beta: 11.7 })],
  ] as const) {
    it(`${name}: the mean is the model's expected purchases; the variance Σ n² P(n) − mean² over a long tail`, () => {
      const t = 120;
      const m = countMoments(predictor, customers, t);
      const counts = Float64Array.from({ length: 400 }, (_, j) => j);
      const rows = predictor.countProbabilities(t, counts, customers);
      customers.frequency.forEach((x, i) => {
        expect(m.mean[i]).toBeCloseTo(predictor.expectedPurchases(t, x, customers.recency[i], customers.T[i]), 6);
        const mean = rows[i].reduce((s, p, j) => s + j * p, 0);
        const second = rows[i].reduce((s, p, j) => s + j * j * p, 0);
        expect(m.variance[i]).toBeCloseTo(second - mean * mean, 6);
        expect(m.variance[i]).toBeGreaterThan(0);
      });
      // Identical histories share one computation and one answer.
      expect(m.mean[3]).toBe(m.mean[1]);
    });
  }
});

describe('the verdict in one sentence', () => {
  it('says predicted, actual, the period and the range', () => {
    const g = { label: 'All', customers: 400, predicted: 2.15, actual: 2.29, low: 1.98, high: 2.32, verdict: 'within' as const };
    expect(verdictSentence(g, 243)).toBe('Predicted 2.15 purchases per customer over the last 8 months, actual 2.29: within the expected range (1.98 to 2.32).');
    expect(verdictSentence({ ...g, actual: 2.5, verdict: 'above' }, 243)).toBe(
      'Predicted 2.15 purchases per customer over the last 8 months, actual 2.5: above the expected range (1.98 to 2.32), 16% more than predicted; the model under-predicts: read its predictions as a floor.',
    );
    expect(verdictSentence({ ...g, low: null, high: null, verdict: null }, 45)).toMatch(/over the last 45 days, actual 2\.29: too few customers or purchases to judge/);
  });
  it('periods in months from 60 days, in days below', () => {
    expect(periodWords(59)).toBe('59 days');
    expect(periodWords(61)).toBe('2 months');
    expect(periodWords(1)).toBe('1 day');
  });
});

describe("a group's variance, computed for at most 500 of its customers", () => {
  const predictor = mbgnbd.predictorOf({ r: 0.5, alpha: 10, a: 0.8, b: 2.5 });
  // 2,000 customers of many histories in group 0, 3 in group 1.
  const n = 2003;
  const customers = {
    frequency: Array.from({ length: n }, (_, i) => i % 7),
    recency: Array.from({ length: n }, (_, i) => (i % 7) * (1 + (i % 13))),
    T: Array.from({ length: n }, (_, i) => 100 + (i % 97)), // at least 100, above every recency (at most 6 × 13)
  };
  const group = Array.from({ length: n }, (_, i) => (i < 2000 ? 0 : 1));
  it('is exact for a small group and within 3% of the exact sum for a large one', () => {
    const exact = countMoments(predictor, customers, 90).variance;
    const [large, small] = varianceSums(predictor, customers, 90, group, 2);
    const sum = (from: number, to: number): number => exact.slice(from, to).reduce((s, v) => s + v, 0);
    expect(small).toBeCloseTo(sum(2000, 2003), 9);
    expect(Math.abs(large / sum(0, 2000) - 1)).toBeLessThan(0.03);
    expect(VARIANCE_SAMPLE).toBe(500);
  });
});

describe('the expected range is honest: customers drawn from the model fall within it about 95% of the time', () => {
  // MBG/NBD's own process (Batislam et al. 2007), in weeks: rate λ ~ Gamma(r, α), drop-out p ~ Beta(a, b), a customer
  // may leave right after the first purchase and after each repeat purchase. Each of 20 bases of 1,000 customers is
  // judged against the true parameters' predictions: the verdicts of the whole and of every group big enough.
  const params = { r: 0.5, alpha: 5, a: 0.8, b: 2.5 };
  const predictor = mbgnbd.predictorOf(params);
  const horizon = 26;

  function base(random: Random): { frequency: number[]; recency: number[]; T: number[]; later: number[] } {
    const out = { frequency: [] as number[], recency: [] as number[], T: [] as number[], later: [] as number[] };
    for (let c = 0; c < 1000; c++) {
      const lambda = random.gamma(params.r, params.alpha);
      const p = random.beta(params.a, params.b);
      const age = 10 + 42 * random.uniform();
      let alive = random.uniform() >= p;
      let time = 0;
      let x = 0;
      let tx = 0;
      let later = 0;
      while (alive) {
        time += random.exponential(lambda);
        if (time > age + horizon) break;
        if (time <= age) {
          x++;
          tx = time;
        } else later++;
        alive = random.uniform() >= p;
      }
      out.frequency.push(x);
      out.recency.push(tx);
      out.T.push(age);
      out.later.push(later);
    }
    return out;
  }

  // With seed 2026: the whole within 20 times of 20, the groups 113 of 118 (95.8%).
  it('20 bases: the whole within its range at least 16 times, the groups judged within 85% to 99% of the time', () => {
    const random = new Random(2026);
    let wholeWithin = 0;
    const groupVerdicts: (string | null)[] = [];
    for (let k = 0; k < 20; k++) {
      const b = base(random);
      const moments = countMoments(predictor, b, horizon);
      const sums = Array.from({ length: 8 }, () => ({ customers: 0, predicted: 0, actual: 0, variance: 0 }));
      b.frequency.forEach((x, i) => {
        const s = sums[Math.min(x, 7)];
        s.customers++;
        s.predicted += moments.mean[i];
        s.actual += b.later[i];
        s.variance += moments.variance[i];
      });
      const { groups, total } = judgeGroups(['0', '1', '2', '3', '4', '5', '6', '7+'], sums);
      if (total.verdict === 'within') wholeWithin++;
      groupVerdicts.push(...groups.map((g) => g.verdict).filter((v) => v !== null));
    }
    expect(wholeWithin).toBeGreaterThanOrEqual(16); // P(fewer than 16 of 20 | 95%) < 0.3%
    const share = groupVerdicts.filter((v) => v === 'within').length / groupVerdicts.length;
    expect(groupVerdicts.length).toBeGreaterThan(60);
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(0.99); // a range far too wide would hold nearly every time
  });
});
