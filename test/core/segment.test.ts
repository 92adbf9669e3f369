import { describe, expect, it } from 'vitest';
import { groupTotals, highThreshold, lifecycleStage, networkingValues, paretoCurve, topShare, valueSegment } from '../../src/core/segment';
import { guessColumns, profileColumn, type SampleKind } from '../../src/core/columns';

describe('value segments', () => {
  it('cross high/low base value with high/low growth value', () => {
    expect(valueSegment(10, 10, 5, 5)).toBe('Champions');
    expect(valueSegment(1, 10, 5, 5)).toBe('Rising');
    expect(valueSegment(10, 1, 5, 5)).toBe('At risk');
    expect(valueSegment(1, 1, 5, 5)).toBe('Low value');
  });

  it('"high" is the top 20% (or the upper half), and zero is never high', () => {
    const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(highThreshold(values, 'top20')).toBe(9);
    expect(highThreshold(values, 'median')).toBe(6);
    expect(highThreshold([0, 0, 0, 5], 'median')).toBe(Number.MIN_VALUE); // only 5 is above zero
    expect(highThreshold([0, 0, 0], 'top20')).toBeGreaterThan(0);
  });
});

describe('lifecycle stages', () => {
  const rules = { inactiveDays: 90 };
  const base = { frequency: 5, daysSinceFirst: 400, daysSinceLast: 10, recencyDays: 300, pAlive: 0.9 };
  it('New: first order within a third of the inactive window', () => {
    expect(lifecycleStage({ ...base, daysSinceFirst: 30 }, rules)).toBe('New');
    expect(lifecycleStage({ ...base, frequency: 0, recencyDays: 0, daysSinceFirst: 20, daysSinceLast: 20 }, rules)).toBe('New');
  });
  it('one purchase: One-time buyer inside the inactive window, Former beyond it', () => {
    const once = { ...base, frequency: 0, recencyDays: 0 };
    expect(lifecycleStage({ ...once, daysSinceFirst: 90, daysSinceLast: 90 }, rules)).toBe('One-time buyer');
    expect(lifecycleStage({ ...once, daysSinceFirst: 91, daysSinceLast: 91 }, rules)).toBe('Former');
  });
  it('repeat buyers by their own rhythm (usual gap = recency / frequency = 60 days here) and P(alive)', () => {
    expect(lifecycleStage(base, rules)).toBe('Regular');
    expect(lifecycleStage({ ...base, daysSinceLast: 91 }, rules)).toBe('At risk'); // > 1.5 gaps
    expect(lifecycleStage({ ...base, pAlive: 0.4 }, rules)).toBe('At risk');
    expect(lifecycleStage({ ...base, pAlive: 0.1 }, rules)).toBe('Former');
    expect(lifecycleStage({ ...base, daysSinceLast: 181 }, rules)).toBe('Former'); // > 3 gaps and > 90 days
    // A slow rhythm (furniture: a gap of 400 days) is not overdue after 300 days.
    expect(lifecycleStage({ ...base, frequency: 1, recencyDays: 400, daysSinceFirst: 700, daysSinceLast: 300 }, rules)).toBe('Regular');
  });
});

describe('totals and concentration', () => {
  it('sums customers, revenue and value per group with shares', () => {
    const totals = groupTotals(['A', 'B'] as const, ['A', 'B', 'A'], [10, 30, 60], [100, 50, 200], [5, 6, 7]);
    expect(totals).toEqual([
      { name: 'A', customers: 2, customerShare: 2 / 3, revenue: 70, revenueShare: 0.7, averageClv: 150, predictedValue: 12 },
      { name: 'B', customers: 1, customerShare: 1 / 3, revenue: 30, revenueShare: 0.3, averageClv: 50, predictedValue: 6 },
    ]);
  });

  it('top 20% share and the Pareto curve', () => {
    const values = [50, 20, 10, 5, 5, 4, 3, 1, 1, 1];
    expect(topShare(values)).toBeCloseTo(0.7, 12); // (50 + 20) / 100
    const curve = paretoCurve(values, 10);
    expect(curve[9]).toEqual({ customerShare: 1, valueShare: 1 });
    for (let i = 1; i < curve.length; i++) expect(curve[i].valueShare).toBeGreaterThanOrEqual(curve[i - 1].valueShare);
  });

  it('networking value is the base + growth value of the customers one referred', () => {
    expect(Array.from(networkingValues([-1, 0, 0, 1], [10, 20, 30, 40], [1, 2, 3, 4]))).toEqual([55, 44, 0, 0]);
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
