/**
 * The one way customers are valued, for the CLV cell and for the sidebar alike: the purchase model and the spend
 * model fitted to the customers' histories, then each customer's expected purchases, P(alive), expected spend per
 * purchase and CLV over the horizon. The same data get the same answer, and the same problem the same message, on
 * both paths. Fitting goes through `Fitters`, so the server can cache fits without core knowing about caches.
 */
import { customerLifetimeValues } from './clv';
import { DataError } from './errors';
import { said, type Said } from './i18n/said';
import { clvIntervals, type Intervals } from './intervals';
import { gammagamma } from './models/gammagamma';
import { purchaseModel, type PurchaseModelName } from './models/registry';
import type { Fitted, FitResult, ParamValues, PurchasePredictor, SpendPredictor } from './models/types';
import { compressPatterns } from './rfm';
import type { TimeUnit } from './summary';

/** What valuing needs of each customer, in the unit of the options: repeat purchases, ages, mean repeat spend. */
export interface Histories {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  monetaryValue: ArrayLike<number>;
}

export interface Fitters {
  purchases(model: PurchaseModelName, histories: Histories, unit: TimeUnit): Fitted<PurchasePredictor>;
  spend(histories: Histories): Fitted<SpendPredictor>;
}

/** Fits straight away (no cache). */
export const directFitters: Fitters = {
  purchases: (model, h) => purchaseModel(model).fitted(compressPatterns(h.frequency, h.recency, h.T)),
  // Order logs net returns into their day (summary.ts): a repeat spend of 0 says nothing about spend, so it is left out.
  spend: (h) => gammagamma.fitted({ frequency: h.frequency, monetaryValue: h.monetaryValue, negativeSpend: 'skip' }),
};

export interface ValueOptions {
  model: PurchaseModelName;
  unit: TimeUnit;
  horizonMonths: number;
  /** e.g. 0.1 for 10% a year. */
  annualDiscountRate: number;
  /** Share of spend kept as margin: one for everyone, or one per customer (the sidebar's cost column). */
  margin: number | ArrayLike<number>;
  /**
   * A probability such as 0.8: also give each customer's prediction interval of the CLV, the (1 − interval)/2 and
   * (1 + interval)/2 quantiles of her discounted margin (intervals.ts). Omitted: no interval.
   */
  interval?: number;
}

export interface Valuation {
  purchaseFit: FitResult<ParamValues>;
  spendFit: FitResult<ParamValues>;
  purchases: PurchasePredictor;
  /** Expected purchases over the whole horizon (undiscounted). */
  expectedPurchases: Float64Array;
  pAlive: Float64Array;
  /** Expected spend per purchase. */
  expectedSpend: Float64Array;
  /** Discounted expected margin over the horizon. */
  clv: Float64Array;
  /** With options.interval: the low and high ends of each customer's CLV interval. */
  clvInterval?: Intervals;
}

/** The predictor of a purchase fit, or a DataError saying why the fit cannot be used. */
export function usablePurchaseFit(fitted: Fitted<PurchasePredictor>, model: PurchaseModelName): PurchasePredictor {
  if (!fitted.predictor) throw new DataError(notFitted(purchaseModel(model).label, fitted.fit.said ?? fitted.fit.message));
  return fitted.predictor;
}

export function valueCustomers(histories: Histories, options: ValueOptions, fitters: Fitters = directFitters): Valuation {
  const purchaseFitted = fitters.purchases(options.model, histories, options.unit);
  const purchases = usablePurchaseFit(purchaseFitted, options.model);
  const spendFitted = fitters.spend(histories);
  if (!spendFitted.predictor) throw new DataError(notFitted(gammagamma.label, spendFitted.fit.said ?? spendFitted.fit.message));
  const spendPredictor = spendFitted.predictor;
  const n = histories.frequency.length;
  const expectedSpend = Float64Array.from({ length: n }, (_, i) => spendPredictor.expectedSpend(histories.frequency[i], histories.monetaryValue[i]));
  const margin = options.margin;
  const marginSpend = typeof margin === 'number' ? expectedSpend.map((s) => s * margin) : expectedSpend.map((s, i) => s * margin[i]);
  const { clv, expectedPurchases, pAlive } = customerLifetimeValues(purchases, histories, marginSpend, {
    horizonMonths: options.horizonMonths,
    annualDiscountRate: options.annualDiscountRate,
    margin: 1,
    unit: options.unit,
  });
  const clvInterval =
    options.interval === undefined
      ? undefined
      : clvIntervals(
          options.model,
          purchaseFitted.fit,
          spendFitted.fit,
          histories,
          { horizonMonths: options.horizonMonths, annualDiscountRate: options.annualDiscountRate, unit: options.unit, margin },
          { level: options.interval },
        );
  return { purchaseFit: purchaseFitted.fit, spendFit: spendFitted.fit, purchases, expectedPurchases, pAlive, expectedSpend, clv, ...(clvInterval ? { clvInterval } : {}) };
}

/**
 * The one message for a fit that cannot be used, on every path: the model's name, then why (`fit.said`; its English
 * `fit.message` only for a fit without one, as an older cache's).
 */
export function notFitted(label: string, reason: Said | string): Said {
  return said('fit.notFitted', { model: label, reason });
}
