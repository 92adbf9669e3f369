// The analysis the sidebar runs, in core: the model it chooses and why, the figures of the built-in sample and what
// each sums, and the what-if of the sample (the "5% more retention" claim, reported as it comes out).
import { describe, expect, it } from 'vitest';
import { analyze, chooseModel, historiesFromOrders, holdoutSplitIfEnoughHistory, impliedMonthlyRetention, type AnalysisOptions } from '../../src/core/analysis';
import { compareModels } from '../../src/core/compare';
import { sampleOrderLog } from '../../src/core/generate';
import { directFitters, type Fitters } from '../../src/core/value';
import { whatIf } from '../../src/core/whatif';

function sample() {
  const s = sampleOrderLog(42);
  const log = { ids: s.customerIds, days: Array.from(s.days), amounts: Array.from(s.amounts), costs: Array.from(s.costs), referredBy: s.referredBy };
  const asOfDay = Math.max(...log.days);
  return { log, asOfDay, customers: historiesFromOrders(log, asOfDay) };
}

const OPTIONS: Omit<AnalysisOptions, 'asOfDay'> = { horizonMonths: 12, annualDiscountRate: 0.1, grossMargin: 1, inactiveDays: 90, cut: 'top20' };

describe('the model the analysis chooses, and why', () => {
  const { log, asOfDay, customers } = sample();
  const analysis = analyze(customers, { ...OPTIONS, asOfDay }, log);

  it("picks by CLV_COMPARE's rule between MBG/NBD and Pareto/NBD: the same MAEs as CLV_COMPARE on the same split", () => {
    const split = holdoutSplitIfEnoughHistory(log, asOfDay)!;
    const compared = compareModels(log, split.calibrationEndDay, 'day', { endDay: asOfDay })!;
    const mae = (name: string) => compared.models.find((m) => m.model === name)!.mae;
    expect(analysis.candidates.map((c) => [c.model, c.mae])).toEqual([
      ['mbgnbd', mae('mbgnbd')],
      ['paretonbd', mae('paretonbd')],
    ]);
    expect(analysis.model).toBe('paretonbd');
    expect(mae('paretonbd')!).toBeLessThan(mae('mbgnbd')!);
    expect(analysis.modelReason).toBe('Pareto/NBD: it predicted the purchases of the last 8 months best (mean error 0.21 purchases per customer; MBG/NBD 0.323).');
  });

  it('MBG/NBD when the history is too short for a holdout, or with one row per customer; the override as given', () => {
    const recent = { ids: [] as string[], days: [] as number[], amounts: [] as number[] };
    log.days.forEach((d, i) => {
      if (d > asOfDay - 150) {
        recent.ids.push(log.ids[i]);
        recent.days.push(d);
        recent.amounts.push(log.amounts[i]);
      }
    });
    const short = holdoutSplitIfEnoughHistory(recent, asOfDay);
    expect(short).toBeNull();
    expect(chooseModel(short, undefined, true)).toEqual({
      model: 'mbgnbd',
      reason: 'MBG/NBD: the order history is too short to compare models on a holdout (it needs at least 180 days, the last third held out, and repeat purchases before it).',
      candidates: [],
    });
    expect(chooseModel(null, undefined, false).reason).toBe('MBG/NBD: with one row per customer there is no order log to compare models on.');
    const chosen = chooseModel(holdoutSplitIfEnoughHistory(log, asOfDay), 'bgnbd', true);
    expect(chosen.model).toBe('bgnbd');
    expect(chosen.candidates).toEqual([]);
    expect(chosen.reason).toMatch(/^BG\/NBD, as chosen\. BG\/NBD gives P\(alive\) 100% to every customer without a repeat purchase/);
  });

  it('falls back to MBG/NBD, saying so, when the chosen model cannot be fitted to the whole history', () => {
    const n = customers.ids.length;
    const failing: Fitters = {
      ...directFitters,
      purchases: (model, h, unit) =>
        model === 'paretonbd' && h.frequency.length === n
          ? { fit: { ...directFitters.purchases('mbgnbd', h, unit).fit, converged: false, message: 'It did not converge.' }, predictor: null }
          : directFitters.purchases(model, h, unit),
    };
    const fallen = analyze(customers, { ...OPTIONS, asOfDay }, log, failing);
    expect(fallen.model).toBe('mbgnbd');
    expect(fallen.modelReason).toBe(
      'MBG/NBD: Pareto/NBD predicted the holdout best but could not be fitted to the whole history (The Pareto/NBD model could not be fitted to these data. It did not converge).',
    );
  });

  it('tries Pareto/NBD when MBG/NBD, the default, cannot be fitted, and fails with MBG/NBD\'s reason only when neither can', () => {
    const n = customers.ids.length;
    const failing = (models: string[]): Fitters => ({
      ...directFitters,
      purchases: (model, h, unit) =>
        models.includes(model) && h.frequency.length === n
          ? { fit: { ...directFitters.purchases('mbgnbd', h, unit).fit, converged: false, message: `${model} did not converge.` }, predictor: null }
          : directFitters.purchases(model, h, unit),
    });
    // One row per customer: no holdout, so MBG/NBD is the default.
    const pareto = analyze(customers, { ...OPTIONS, asOfDay }, null, failing(['mbgnbd']));
    expect(pareto.model).toBe('paretonbd');
    expect(pareto.modelReason).toBe('Pareto/NBD: MBG/NBD is the default but could not be fitted to the whole history (The MBG/NBD model could not be fitted to these data. mbgnbd did not converge).');
    expect(() => analyze(customers, { ...OPTIONS, asOfDay }, null, failing(['mbgnbd', 'paretonbd']))).toThrow('The MBG/NBD model could not be fitted to these data. mbgnbd did not converge.');
    // The user's own choice is never replaced.
    expect(() => analyze(customers, { ...OPTIONS, asOfDay, model: 'mbgnbd' }, null, failing(['mbgnbd']))).toThrow('mbgnbd did not converge.');
  });

  it('never shows a one-time buyer of a year or more ago as 100% alive (as BG/NBD would)', () => {
    let oneTimers = 0;
    customers.frequency.forEach((x, i) => {
      if (x > 0 || analysis.values.daysSinceLast[i] < 365) return;
      oneTimers++;
      expect(analysis.values.pAlive[i]).toBeLessThan(0.5);
    });
    expect(oneTimers).toBeGreaterThan(100);
    const bg = analyze(customers, { ...OPTIONS, asOfDay, model: 'bgnbd' }, log);
    expect(bg.values.pAlive.filter((p, i) => customers.frequency[i] === 0 && p === 1).length).toBeGreaterThan(100);
  });
});

describe("the sample's figures, each with what it sums", () => {
  const { log, asOfDay, customers } = sample();
  const a = analyze(customers, { ...OPTIONS, asOfDay }, log);
  const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);

  it('past value = Σ (revenue − cost); predicted value = Σ each customer\'s CLV over 12 months; total = past + predicted', () => {
    expect(a.totals.past).toBeCloseTo(sum(customers.revenue) - sum(customers.cost!), 6);
    expect(a.totals.past).toBeCloseTo(95_658.47, 2);
    expect(a.totals.predicted).toBeCloseTo(sum(a.values.predicted), 6);
    expect(a.totals.predicted).toBeCloseTo(58_604.57, 0);
    expect(a.totals.total).toBeCloseTo(a.totals.past + a.totals.predicted, 6);
    a.values.total.forEach((t, i) => expect(t).toBe(a.values.past[i] + a.values.predicted[i]));
  });

  it('referral value is attribution: the referred customers\' own total value, not added to any total', () => {
    let referred = 0;
    customers.referrerOf!.forEach((r, i) => {
      if (r >= 0 && r !== i) referred += a.values.total[i];
    });
    expect(a.totals.referral).toBeCloseTo(referred, 6);
    expect(a.totals.referral).toBeCloseTo(22_249.95, 0);
    expect(a.totals.total).toBeCloseTo(a.totals.past + a.totals.predicted, 6); // no referral in it
  });

  it('segments and stages each split the same totals; the top 20% by predicted value hold 77% of it', () => {
    for (const groups of [a.segments, a.stages]) {
      expect(sum(groups.map((g) => g.customers))).toBe(customers.ids.length);
      expect(sum(groups.map((g) => g.predictedValue))).toBeCloseTo(a.totals.predicted, 6);
      expect(sum(groups.map((g) => g.pastValue))).toBeCloseTo(a.totals.past, 6);
      expect(sum(groups.map((g) => g.predictedShare))).toBeCloseTo(1, 12);
    }
    expect(a.topShare).toBeCloseTo(0.77, 2);
    expect(sum(a.actions.map((g) => g.customers))).toBe(customers.ids.length);
  });

  it('the holdout verdict: within the expected range', () => {
    expect(a.holdout!.sentence).toBe('Predicted 2.28 purchases per customer over the last 8 months, actual 2.26: within the expected range (2.05 to 2.51).');
    expect(a.holdout!.groups.filter((g) => g.verdict === null).map((g) => g.label)).toEqual(['5', '6']); // 28 and 10 customers
  });

  it('the contact list: most value at stake first', () => {
    expect(a.contactFirst).toHaveLength(20);
    const stakes = a.contactFirst.map((i) => a.values.atStake[i]);
    expect([...stakes].sort((p, q) => q - p)).toEqual(stakes);
    const all = Array.from(a.values.atStake).sort((p, q) => q - p);
    expect(stakes[0]).toBe(all[0]);
  });
});

describe('what if, on the sample', () => {
  const { log, asOfDay, customers } = sample();
  const a = analyze(customers, { ...OPTIONS, asOfDay }, log);

  it('the implied retention is how the expected margin of month 12 compares with month 1', () => {
    expect(a.whatIf.monthlyRetention).toBeGreaterThan(0.9);
    expect(a.whatIf.monthlyRetention).toBeLessThan(1);
    // A base whose expected purchases fade as e^(−μ t) has r = e^(−μ · month).
    const mu = 0.004;
    const fading = {
      expectedPurchasesBatch: (f: ArrayLike<number>, _r: ArrayLike<number>, _T: ArrayLike<number>, times: ArrayLike<number>, weights: readonly ArrayLike<number>[]) =>
        weights.map((w) => Float64Array.from(f, () => Array.from(times).reduce((s, t, j) => s + w[j] * (1 - Math.exp(-mu * t)) * 3, 0))),
    };
    const r = impliedMonthlyRetention(fading, { frequency: [1, 2], recency: [1, 1], T: [2, 2] }, [10, 20]);
    expect(r).toBeCloseTo(Math.exp(-mu * (365.25 / 12)), 12);
  });

  it('"5% more retention brings 25–95% more profit": on the sample, 5% more yearly retention brings 13.8% more lifetime value', () => {
    const more = whatIf(a.whatIf, { retention: 0.05 });
    // Not the claim's 25–95%: here margin comes from purchases only (no acquisition cost to recover, no growth of
    // spend with tenure), and the sample's customers already stay about 74% of a year.
    expect(more.yearlyRetention).toBeCloseTo(a.whatIf.monthlyRetention ** 12 * 1.05, 12);
    expect(a.whatIf.monthlyRetention ** 12).toBeCloseTo(0.74, 2);
    expect(more.lifetimeChange).toBeCloseTo(0.138, 3);
    expect(more.predictedChange).toBeCloseTo(0.021, 3);
    // Five points more (74% → 79%, 6.8% more yearly retention): 19.4% more lifetime value.
    const points = whatIf(a.whatIf, { retention: 0.05 / a.whatIf.monthlyRetention ** 12 });
    expect(points.lifetimeChange).toBeCloseTo(0.194, 3);
  });
});
