/**
 * Every purchase model of the registry checked on one calibration/holdout split (holdout.ts): how well each fits the
 * calibration period (log-likelihood, BIC) and how well it predicts the holdout period, so a shop can pick the model
 * that predicts its own customers best.
 */
import { DataError } from './errors';
import type { Said } from './i18n/said';
import { holdoutGroups, holdoutPurchases, holdoutSplit, type HoldoutOptions, type HoldoutSplit } from './holdout';
import { modelsOfKind, purchaseModel, type PurchaseModelName } from './models/registry';
import type { OrderLog, TimeUnit } from './summary';

export interface ModelCheck {
  model: PurchaseModelName;
  label: string;
  /** Number of parameters (k). */
  parameters: number;
  /** The rest is null when the model cannot be used on these data; `note` then says why. */
  logLikelihood: number | null;
  /** k ln N − 2 LL, N the calibration customers: lower is better, a fit penalised for its parameters. */
  bic: number | null;
  /** Expected repeat purchases of the calibration customers in the holdout period, summed. */
  predicted: number | null;
  /**
   * Mean absolute error over the holdout groups (repeat purchases before the split 0, 1, …, 6, 7+), each weighted
   * by its customers: Σ_g (n_g / N) |mean predicted_g − mean actual_g|, in purchases per customer.
   */
  mae: number | null;
  /** Whether this model's MAE is the lowest (the first in the registry's order on a tie). */
  best: boolean;
  /** Why the model cannot be used, or the fit's note on a usable fit at the model's edge; '' otherwise (English). */
  note: string;
  /** The note as a message of the errors catalogue, to put in the user's language; absent when there is none (or it has no Said). */
  noteSaid?: Said;
}

export interface Comparison {
  /** Customers of the calibration period (N). */
  customers: number;
  /** Their actual repeat purchases in the holdout period, summed. */
  actual: number;
  holdoutLength: number;
  models: ModelCheck[];
}

export function compareModels(log: OrderLog, calibrationEndDay: number, unit: TimeUnit, options: HoldoutOptions = {}): Comparison | null {
  const split = holdoutSplit(log, calibrationEndDay, unit, options);
  if (!split) return null;
  const models = compareOnSplit(
    split,
    modelsOfKind('purchases').map((m) => m.name),
    options,
  );
  const actual = holdoutPurchases(split).reduce((a, b) => a + b, 0);
  return { customers: split.calibration.count, actual, holdoutLength: split.holdoutLength, models };
}

/**
 * The given models checked on one split, the lowest MAE marked best: CLV_COMPARE's rule, which the sidebar applies to
 * the models it chooses between.
 */
export function compareOnSplit(split: HoldoutSplit, names: readonly PurchaseModelName[], options: HoldoutOptions = {}): ModelCheck[] {
  const n = split.calibration.count;
  const models = names.map((name): ModelCheck => {
    const m = purchaseModel(name);
    const row = { model: m.name, label: m.label, parameters: m.paramNames.length, best: false };
    try {
      const check = holdoutGroups(split, m.name, options);
      const ll = check.fit.logLikelihood;
      const mae = check.groups.reduce((sum, g) => sum + g.customers * Math.abs(g.predicted - g.actual), 0) / n;
      const bic = row.parameters * Math.log(n) - 2 * ll;
      const noteSaid = check.fit.noteSaid;
      return { ...row, logLikelihood: ll, bic, predicted: check.total.predicted * n, mae, note: check.fit.note ?? '', ...(noteSaid ? { noteSaid } : {}) };
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      return { ...row, logLikelihood: null, bic: null, predicted: null, mae: null, note: e.message, ...(e.said ? { noteSaid: e.said } : {}) };
    }
  });
  let best: ModelCheck | null = null;
  for (const m of models) if (m.mae !== null && (best === null || m.mae < best.mae!)) best = m;
  if (best) best.best = true;
  return models;
}
