// CLV_COMPARE's core (core/compare.ts): every purchase model on one calibration/holdout split, checked by hand on a
// small log with fits whose predictions are known, and with a model that cannot be fitted.
import { describe, expect, it } from 'vitest';
import { compareModels } from '../../src/core/compare';
import { PURCHASE_MODEL_NAMES, type PurchaseModelName } from '../../src/core/models/registry';
import type { Fitted, PurchasePredictor } from '../../src/core/models/types';
import type { OrderLog } from '../../src/core/summary';

/** BG/NBD predicts 1 holdout purchase per customer (LL −10), MBG/NBD 2 (LL −9), Pareto/NBD does not converge. */
const PREDICTED: Partial<Record<PurchaseModelName, number>> = { bgnbd: 1, mbgnbd: 2 };
const LL: Partial<Record<PurchaseModelName, number>> = { bgnbd: -10, mbgnbd: -9 };
function stubFit(model: PurchaseModelName, calibration: { count: number }): Fitted<PurchasePredictor> {
  const c = PREDICTED[model];
  const fit = { params: {}, standardErrors: {}, logLikelihood: LL[model] ?? NaN, converged: c !== undefined, message: c === undefined ? 'It did not settle in 3,000 steps.' : '', iterations: 1, customers: calibration.count };
  if (c === undefined) return { fit, predictor: null };
  return {
    fit,
    predictor: {
      pAlive: () => 1,
      expectedPurchases: () => c,
      expectedPurchasesNew: () => c,
      expectedPurchasesBatch: (frequency, _r, _T, _times, weights) => weights.map(() => new Float64Array(frequency.length).fill(c)),
    },
  };
}

// Calibration end day 50, last order day 100. Repeat purchases before / after the split:
// A 0 / 2, B 1 / 0, C 1 / 1, E 2 / 0, D 8 (group 7+) / 5.
const orders: [string, number][] = [
  ['A', 0], ['B', 0], ['C', 0], ['D', 1], ['D', 2], ['D', 3], ['D', 4], ['D', 5], ['D', 6], ['D', 7], ['D', 8], ['D', 9],
  ['E', 5], ['B', 10], ['E', 15], ['C', 20], ['E', 25], ['D', 55], ['A', 60], ['D', 65], ['A', 70], ['D', 75], ['C', 80], ['D', 85], ['D', 100],
];
const log: OrderLog = { ids: orders.map((o) => o[0]), days: orders.map((o) => o[1]) };

describe('compareModels', () => {
  const c = compareModels(log, 50, 'day', { fit: stubFit })!;

  it('has one row per purchase model of the registry, in its order, with the holdout’s actual purchases', () => {
    expect(c.models.map((m) => m.model)).toEqual([...PURCHASE_MODEL_NAMES]);
    expect(c.models.map((m) => m.parameters)).toEqual([4, 4, 4]);
    expect(c.customers).toBe(5);
    expect(c.actual).toBe(8);
    expect(c.holdoutLength).toBe(50);
  });

  it('gives LL, BIC = k ln N − 2 LL, the predicted total and the customer-weighted MAE over the groups', () => {
    const [bg, mbg] = c.models;
    // Group means (customers): 0 → 2 (1), 1 → 0.5 (2), 2 → 0 (1), 7+ → 5 (1).
    // Predicting 1: (|1 − 2| + 2 |1 − 0.5| + |1 − 0| + |1 − 5|) / 5 = 7/5; predicting 2: (0 + 3 + 2 + 3) / 5 = 8/5.
    expect(bg.mae).toBeCloseTo(7 / 5, 12);
    expect(mbg.mae).toBeCloseTo(8 / 5, 12);
    expect(bg.logLikelihood).toBe(-10);
    expect(bg.bic).toBeCloseTo(4 * Math.log(5) + 20, 12);
    expect(mbg.bic).toBeCloseTo(4 * Math.log(5) + 18, 12);
    expect(bg.predicted).toBeCloseTo(5, 12);
    expect(mbg.predicted).toBeCloseTo(10, 12);
    expect(c.models.map((m) => m.best)).toEqual([true, false, false]);
    expect(bg.note).toBe('');
  });

  it('gives a model that cannot be fitted its row with the reason and no numbers', () => {
    const pareto = c.models[2];
    expect(pareto).toMatchObject({ model: 'paretonbd', label: 'Pareto/NBD', logLikelihood: null, bic: null, predicted: null, mae: null, best: false });
    expect(pareto.note).toBe('The Pareto/NBD model could not be fitted to these data. It did not settle in 3,000 steps.');
  });

  it('with the real fits on a log where nobody buys twice, says so in every row and marks none best', () => {
    const once: OrderLog = { ids: ['a', 'b', 'c', 'a'], days: [0, 3, 5, 40] };
    const none = compareModels(once, 20, 'day')!;
    for (const m of none.models) {
      expect(m.mae).toBeNull();
      expect(m.note).toMatch(/^No customer bought more than once/);
      expect(m.best).toBe(false);
    }
    expect(none.actual).toBe(1);
  });

  it('skips the check when checkCalibration says so', () => {
    expect(compareModels(log, 50, 'day', { fit: stubFit, checkCalibration: () => false })).toBeNull();
  });
});
