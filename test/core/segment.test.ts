import { describe, expect, it } from 'vitest';
import {
  adviceFor,
  groupTotals,
  highThreshold,
  lifecycleStage,
  paretoCurve,
  referralValues,
  SEGMENTS,
  STAGES,
  topShare,
  valueSegment,
} from '../../src/core/segment';
import { guessColumns, profileColumn, type SampleKind } from '../../src/core/columns';

describe('value segments', () => {
  const thresholds = { total: 50, predicted: 5 };
  it('cross high/low total value with high/low predicted value', () => {
    expect(valueSegment(60, 10, thresholds)).toBe('Champions');
    expect(valueSegment(20, 10, thresholds)).toBe('Rising');
    expect(valueSegment(60, 1, thresholds)).toBe('Past stars');
    expect(valueSegment(20, 1, thresholds)).toBe('Low value');
  });

  it('a customer high in total value is never Low value, whatever the split between past and predicted', () => {
    for (const predicted of [0, 1, 4.99, 5, 100]) expect(valueSegment(50, predicted, thresholds)).not.toBe('Low value');
  });

  it('"high" is the top 20% (or the upper half), and zero is never high', () => {
    const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(highThreshold(values, 'top20')).toBe(9);
    expect(highThreshold(values, 'median')).toBe(6);
    expect(highThreshold([0, 0, 0, 5], 'median')).toBe(Number.MIN_VALUE); // only 5 is above zero
    expect(highThreshold([0, 0, 0], 'top20')).toBeGreaterThan(0);
  });

  it('segment and stage names are distinct', () => {
    expect(SEGMENTS.filter((s) => (STAGES as readonly string[]).includes(s))).toEqual([]);
  });
});

describe('lifecycle stages', () => {
  const rules = { inactiveDays: 90 };
  const base = { frequency: 5, daysSinceFirst: 400, daysSinceLast: 10, recencyDays: 300, pAlive: 0.9 };
  it('New: first purchase within a third of the inactive window', () => {
    expect(lifecycleStage({ ...base, daysSinceFirst: 30 }, rules)).toBe('New');
    expect(lifecycleStage({ ...base, frequency: 0, recencyDays: 0, daysSinceFirst: 20, daysSinceLast: 20 }, rules)).toBe('New');
  });
  it('one purchase: One-time buyer inside the window; beyond it Former only when P(alive) < 50%, else Lapsing', () => {
    const once = { ...base, frequency: 0, recencyDays: 0 };
    expect(lifecycleStage({ ...once, daysSinceFirst: 90, daysSinceLast: 90 }, rules)).toBe('One-time buyer');
    expect(lifecycleStage({ ...once, daysSinceFirst: 91, daysSinceLast: 91, pAlive: 0.49 }, rules)).toBe('Former');
    expect(lifecycleStage({ ...once, daysSinceFirst: 91, daysSinceLast: 91, pAlive: 0.5 }, rules)).toBe('Lapsing');
    expect(lifecycleStage({ ...once, daysSinceFirst: 60, daysSinceLast: 60, pAlive: 0.3 }, rules)).toBe('Lapsing');
  });
  it('repeat buyers by their own rhythm (usual gap = recency / frequency = 60 days here), the window and P(alive)', () => {
    expect(lifecycleStage(base, rules)).toBe('Regular');
    expect(lifecycleStage({ ...base, daysSinceLast: 91 }, rules)).toBe('Lapsing'); // > 1.5 gaps and beyond the window
    expect(lifecycleStage({ ...base, pAlive: 0.4 }, rules)).toBe('Lapsing'); // within the window: not yet Former
    expect(lifecycleStage({ ...base, pAlive: 0.1, daysSinceLast: 200 }, rules)).toBe('Former');
    expect(lifecycleStage({ ...base, pAlive: 0.6, daysSinceLast: 200 }, rules)).toBe('Lapsing'); // likely alive: never Former
    // A slow rhythm (furniture: a gap of 400 days) beyond the window is Lapsing, never Regular.
    expect(lifecycleStage({ ...base, frequency: 1, recencyDays: 400, daysSinceFirst: 700, daysSinceLast: 300 }, rules)).toBe('Lapsing');
    // Within the window but past 1.5 usual gaps (a gap of 20 days, 40 days since): Lapsing.
    expect(lifecycleStage({ ...base, frequency: 10, recencyDays: 200, daysSinceLast: 40 }, rules)).toBe('Lapsing');
  });
});

describe('advice fits both labels', () => {
  it('the stage decides the action, the segment how much to spend on it', () => {
    expect(adviceFor('Champions', 'Regular')).toMatch(/keep and reward/);
    expect(adviceFor('Champions', 'Former')).toMatch(/win-back/);
    expect(adviceFor('Champions', 'Former')).not.toMatch(/reward/);
    expect(adviceFor('Past stars', 'Regular')).not.toMatch(/win|before they leave/i);
    expect(adviceFor('Low value', 'Former')).toMatch(/no spending/);
    expect(adviceFor('Rising', 'Lapsing')).toMatch(/contact them personally/);
  });
  it('only Former customers are told to win them back, only Regular ones to keep them', () => {
    for (const s of SEGMENTS) {
      for (const t of STAGES) {
        const advice = adviceFor(s, t);
        expect(/win-back|win them back/i.test(advice), `${s}/${t}`).toBe(t === 'Former' && s !== 'Low value');
        expect(/keep and reward/.test(advice), `${s}/${t}`).toBe(s === 'Champions' && t === 'Regular');
      }
    }
  });
});

describe('totals and concentration', () => {
  it('sums customers, revenue, past, predicted and total value per group, each share of its own whole', () => {
    const totals = groupTotals(['A', 'B'] as const, ['A', 'B', 'A'], { revenue: [10, 30, 60], past: [4, 12, 24], predicted: [5, 6, 9] });
    expect(totals).toEqual([
      { name: 'A', customers: 2, customerShare: 2 / 3, revenue: 70, revenueShare: 0.7, pastValue: 28, predictedValue: 14, predictedShare: 0.7, totalValue: 42 },
      { name: 'B', customers: 1, customerShare: 1 / 3, revenue: 30, revenueShare: 0.3, pastValue: 12, predictedValue: 6, predictedShare: 0.3, totalValue: 18 },
    ]);
  });

  it('top 20% share and the Pareto curve', () => {
    const values = [50, 20, 10, 5, 5, 4, 3, 1, 1, 1];
    expect(topShare(values)).toBeCloseTo(0.7, 12); // (50 + 20) / 100
    const curve = paretoCurve(values, 10);
    expect(curve[9]).toEqual({ customerShare: 1, valueShare: 1 });
    for (let i = 1; i < curve.length; i++) expect(curve[i].valueShare).toBeGreaterThanOrEqual(curve[i - 1].valueShare);
  });

  it('referral value is the total value of the customers one referred (attribution, never added)', () => {
    expect(Array.from(referralValues([-1, 0, 0, 1], [11, 22, 33, 44]))).toEqual([55, 44, 0, 0]);
    expect(Array.from(referralValues([0], [5]))).toEqual([0]); // referring oneself counts for nothing
  });
});

describe('column guessing', () => {
  const profile = (header: string, kind: SampleKind, values: unknown[]) => profileColumn(header, values.map(() => kind), values);
  it('recognises an order log and its columns by header and content', () => {
    const g = guessColumns([
      profile('Order ID', 'text', ['A1', 'A2', 'A3']),
      profile('Order date', 'date', [1, 2, 3]),
      profile('Customer', 'text', ['x', 'y', 'x']),
      profile('Amount', 'number', [1, 2, 3]),
      profile('Cost', 'number', [1, 1, 1]),
      profile('Referred by', 'text', ['', 'x', '']),
    ]);
    expect(g.shape).toBe('orders');
    expect(g.guess).toEqual({ customerId: 2, orderDate: 1, amount: 3, cost: 4, margin: null, referredBy: 5 });
  });

  it('recognises a customer table', () => {
    const g = guessColumns([
      profile('Customer email', 'text', ['a@x', 'b@x', 'c@x']),
      profile('Orders', 'number', [3, 1, 2]),
      profile('Total spent', 'number', [30, 10, 25]),
      profile('First order', 'date', [1, 2, 3]),
      profile('Last order', 'date', [4, 5, 6]),
    ]);
    expect(g.shape).toBe('customers');
    expect(g.guess).toMatchObject({ customerId: 0, orders: 1, revenue: 2, firstOrder: 3, lastOrder: 4 });
  });
});
