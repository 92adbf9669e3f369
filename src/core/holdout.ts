/**
 * The standard check of a purchase model (Fader, Hardie & Lee 2005, Figure 4): fit on a calibration period,
 * then compare, by number of repeat purchases in calibration, the mean predicted and the mean actual repeat
 * purchases in the holdout period that follows.
 */
import { purchaseModel, type PurchaseModelName } from './models/registry';
import type { Fitted, FitResult, ParamValues, PurchasePredictor } from './models/types';
import { compressPatterns } from './rfm';
import { DAYS_PER_UNIT, summarizeOrders, type CustomerSummary, type DetailedSummary, type OrderLog, type TimeUnit } from './summary';
import { usablePurchaseFit } from './value';

export const HOLDOUT_GROUPS = 8; // 0, 1, ..., 6 and "7+"

export interface HoldoutGroup {
  label: string;
  customers: number;
  predicted: number;
  actual: number;
}

export interface HoldoutCheck {
  fit: FitResult<ParamValues>;
  /** Length of the holdout period in the unit. */
  holdoutLength: number;
  groups: HoldoutGroup[];
  total: HoldoutGroup;
}

export interface HoldoutOptions {
  /** The last day of the holdout period; orders after it are left out. Default: the last order of the log. */
  endDay?: number;
  /**
   * Looks at the calibration summary before the model is fitted to it: false skips the check (holdoutCheck gives
   * null); a caller that must say why throws its own DataError.
   */
  checkCalibration?: (calibration: CustomerSummary) => boolean;
  /** Fits the model to the calibration summary (the server's cache); default: fits it straight away. */
  fit?: (model: PurchaseModelName, calibration: CustomerSummary) => Fitted<PurchasePredictor>;
}

/** The two summaries of a holdout check: the calibration period's, and the whole log's up to the holdout's end. */
export interface HoldoutSplit {
  calibration: DetailedSummary;
  whole: DetailedSummary;
  calibrationEndDay: number;
  unit: TimeUnit;
  /** Length of the holdout period in the unit. */
  holdoutLength: number;
}

/**
 * Purchases are counted as everywhere else (summary.ts): with amounts, a day of returns only is no purchase, in the
 * calibration period and in the holdout period alike. The caller makes sure the calibration period ends before the
 * holdout period does. A fit that cannot be used is a DataError saying why (value.ts), as everywhere.
 */
export function holdoutCheck(log: OrderLog, calibrationEndDay: number, unit: TimeUnit, model: PurchaseModelName, options: HoldoutOptions = {}): HoldoutCheck | null {
  const split = holdoutSplit(log, calibrationEndDay, unit, options);
  return split && holdoutGroups(split, model, options);
}

/** Summarizes the log once for every check of one split (CLV_COMPARE checks each model on the same split). */
export function holdoutSplit(log: OrderLog, calibrationEndDay: number, unit: TimeUnit, options: HoldoutOptions = {}): HoldoutSplit | null {
  const calibration = summarizeOrders(log, { unit, asOfDay: calibrationEndDay });
  if (options.checkCalibration && !options.checkCalibration(calibration)) return null;
  const whole = summarizeOrders(log, { unit, asOfDay: options.endDay });
  return { calibration, whole, calibrationEndDay, unit, holdoutLength: (whole.asOfDay - calibrationEndDay) / DAYS_PER_UNIT[unit] };
}

/** The model fitted to the calibration period, through options.fit (the server's cache) when given. */
export function calibrationFit(split: HoldoutSplit, model: PurchaseModelName, options: HoldoutOptions = {}): Fitted<PurchasePredictor> {
  const c = split.calibration;
  return options.fit ? options.fit(model, c) : purchaseModel(model).fitted(compressPatterns(c.frequency, c.recency, c.T));
}

/** Mean predicted and actual holdout purchases by calibration repeat purchases (0, 1, …, 7+), and over all. */
export function holdoutGroups(split: HoldoutSplit, model: PurchaseModelName, options: HoldoutOptions = {}): HoldoutCheck {
  const { calibration, holdoutLength } = split;
  const fitted = calibrationFit(split, model, options);
  const fit = fitted.fit;
  const predictor = usablePurchaseFit(fitted, model);
  const [predictedTotal] = predictor.expectedPurchasesBatch(calibration.frequency, calibration.recency, calibration.T, [holdoutLength], [[1]]);

  const later = holdoutPurchases(split);

  const sums = Array.from({ length: HOLDOUT_GROUPS }, () => ({ customers: 0, predicted: 0, actual: 0 }));
  for (let k = 0; k < calibration.count; k++) {
    const group = sums[Math.min(calibration.frequency[k], HOLDOUT_GROUPS - 1)];
    group.customers++;
    group.predicted += predictedTotal[k];
    group.actual += later[k];
  }
  const mean = (label: string, s: { customers: number; predicted: number; actual: number }): HoldoutGroup => ({
    label,
    customers: s.customers,
    predicted: s.customers > 0 ? s.predicted / s.customers : 0,
    actual: s.customers > 0 ? s.actual / s.customers : 0,
  });
  const groups = sums.map((s, i) => mean(i === HOLDOUT_GROUPS - 1 ? `${i}+` : String(i), s));
  const all = sums.reduce((a, s) => ({ customers: a.customers + s.customers, predicted: a.predicted + s.predicted, actual: a.actual + s.actual }), {
    customers: 0,
    predicted: 0,
    actual: 0,
  });
  return { fit, holdoutLength, groups, total: mean('All', all) };
}

/** Each calibration customer's repeat purchases in the holdout period, in the calibration summary's order. */
export function holdoutPurchases(split: HoldoutSplit): Float64Array {
  const { calibration, whole } = split;
  const wholeIndex = new Map<string | number, number>();
  whole.ids.forEach((id, k) => wholeIndex.set(id, k));
  return calibration.frequency.map((x, k) => whole.frequency[wholeIndex.get(calibration.ids[k])!] - x);
}
