/**
 * The tracking plot of Fader, Hardie & Lee (2005, "Counting your customers the easy way", Figure 2): the cohort's
 * cumulative repeat purchases, actual against what the model fitted on the calibration period expects, period by
 * period through calibration and holdout.
 *
 * The cohort is the customers of the calibration period (a first purchase on or before its end); customers who first
 * bought later are left out: the model has not seen them. At the end of a period (its last day D), a customer who
 * first bought on day f has the age (D − f) in the unit, counted as summary.ts counts T, so at the calibration end it
 * is the T the model was fitted on; the expected cumulative repeat purchases are Σ_i E[X(D − f_i)] of a customer just
 * acquired (expectedPurchasesNew), and the actual ones every repeat purchase day of the cohort up to D, counted by
 * summary.ts's rule (with amounts, a day of returns only is no purchase).
 *
 * Periods are the unit's length (a month 365.25/12 days, rounded to whole days) and end on the calibration end, so one
 * period ends exactly where the holdout begins: period ends are calibrationEnd + round(j × length) for whole j, from
 * the one that holds the cohort's first purchase to the first that reaches the end of the log, which is cut at it.
 */
import { isoFromDay } from './dates';
import { DataError } from './errors';
import { said } from './i18n/said';
import { calibrationFit, holdoutSplit, type HoldoutOptions } from './holdout';
import { indexCustomers } from './ids';
import type { PurchaseModelName } from './models/registry';
import type { FitResult, ParamValues } from './models/types';
import { DAYS_PER_UNIT, summarizeOrders, type OrderLog, type TimeUnit } from './summary';
import { usablePurchaseFit } from './value';

export interface Tracking {
  fit: FitResult<ParamValues>;
  /** The last day of each period. */
  endDay: Float64Array;
  /** The cohort's repeat purchases up to the end of each period, actual and expected. */
  actualCumulative: Float64Array;
  expectedCumulative: Float64Array;
  /** Periods 0 … calibrationPeriods − 1 end on or before the calibration end; the rest are the holdout. */
  calibrationPeriods: number;
  /** Customers in the cohort (first purchase on or before the calibration end). */
  customers: number;
  /** Customers left out because their first purchase is after the calibration end. */
  later: number;
}

export interface TrackingOptions extends HoldoutOptions {
  /** Told the number of periods before any of them is computed (the server refuses a table a sheet cannot hold). */
  checkPeriods?: (periods: number) => void;
}

/**
 * Work a tracking table may take, within a cell's 30 seconds: the expected purchases of a new customer, about 2.5 µs
 * each for BG/NBD and MBG/NBD (a ₂F₁; Pareto/NBD's is a closed form), are worked out once per age in days that is
 * needed, at most TRACKING_AGES_LIMIT of them (some 2.5 s), then summed over every (period, first-purchase day) pair,
 * at most TRACKING_PAIRS_LIMIT (well under a second).
 */
export const TRACKING_AGES_LIMIT = 1_000_000;
export const TRACKING_PAIRS_LIMIT = 20_000_000;

export function trackingCheck(log: OrderLog, calibrationEndDay: number, unit: TimeUnit, model: PurchaseModelName, options: TrackingOptions = {}): Tracking | null {
  const split = holdoutSplit(log, calibrationEndDay, unit, options);
  if (!split) return null;
  const { calibration, whole } = split;
  const lastDay = whole.asOfDay;
  const length = DAYS_PER_UNIT[unit];

  // The cohort by first-purchase day.
  const cohortByDay = new Map<number, number>();
  const firstDayOf = new Map<string | number, number>();
  for (let k = 0; k < calibration.count; k++) {
    const f = calibration.firstDay[k];
    cohortByDay.set(f, (cohortByDay.get(f) ?? 0) + 1);
    firstDayOf.set(calibration.ids[k], f);
  }
  const firstDays = Float64Array.from(cohortByDay.keys()).sort();
  const origin = firstDays[0];

  const endOf = (j: number): number => calibrationEndDay + Math.round(j * length);
  let first = -Math.floor((calibrationEndDay - origin) / length);
  while (endOf(first - 1) >= origin) first--;
  while (endOf(first) < origin) first++;
  let last = Math.max(0, Math.ceil((lastDay - calibrationEndDay) / length));
  while (last > 0 && endOf(last - 1) >= lastDay) last--;
  while (endOf(last) < lastDay) last++;
  const periods = last - first + 1;
  options.checkPeriods?.(periods);
  const endDay = Float64Array.from({ length: periods }, (_, p) => Math.min(endOf(first + p), Math.max(lastDay, calibrationEndDay)));

  // Ages in days go from 0 to span: each is worked out once (a table by age), or once per pair when that is fewer.
  const span = endDay[periods - 1] - origin;
  const pairs = periods * firstDays.length;
  const byAge = span + 1 <= pairs;
  if (pairs > TRACKING_PAIRS_LIMIT || Math.min(span + 1, pairs) > TRACKING_AGES_LIMIT) {
    const days = said('core.differentDays', { n: firstDays.length });
    const words = { periods: said('core.periods', { n: periods }), days, from: isoFromDay(origin), to: isoFromDay(endDay[periods - 1]) };
    throw new DataError(said('tracking.tooLarge', words), 'unit');
  }

  const fitted = calibrationFit(split, model, options);
  const predictor = usablePurchaseFit(fitted, model);
  const table = byAge ? new Float64Array(span + 1).fill(NaN) : null;
  const expectedAt = (age: number): number => {
    if (!table) return predictor.expectedPurchasesNew(age / length);
    const e = table[age];
    return e === e ? e : (table[age] = predictor.expectedPurchasesNew(age / length));
  };
  const customersOn = firstDays.map((f) => cohortByDay.get(f)!);
  const expectedCumulative = new Float64Array(periods);
  for (let p = 0; p < periods; p++) {
    let sum = 0;
    for (let i = 0; i < firstDays.length && firstDays[i] < endDay[p]; i++) sum += customersOn[i] * expectedAt(endDay[p] - firstDays[i]);
    expectedCumulative[p] = sum;
  }

  const actualCumulative = repeatPurchasesByPeriod(log, firstDayOf, endDay);
  for (let p = 1; p < periods; p++) actualCumulative[p] += actualCumulative[p - 1];
  return {
    fit: fitted.fit,
    endDay,
    actualCumulative,
    expectedCumulative,
    calibrationPeriods: 1 - first,
    customers: calibration.count,
    later: whole.count - calibration.count,
  };
}

/**
 * The cohort's repeat purchases in each period (ending on endDay[p]). Each (customer, day) of the log is summarized as
 * if it were a customer of its own: summary.ts's one rule then says which days are purchases, and its summary lists
 * exactly those, each with its day. A purchase day after the customer's first is a repeat purchase.
 */
function repeatPurchasesByPeriod(log: OrderLog, firstDayOf: Map<string | number, number>, endDay: Float64Array): Float64Array {
  const lastDay = endDay[endDay.length - 1];
  const { ids, rowCustomer } = indexCustomers(log.ids);
  let minDay = Infinity;
  for (let i = 0; i < log.days.length; i++) minDay = Math.min(minDay, log.days[i]);
  // Day numbers are whole (the readers make them so); customer × width + day is exact below 2^53.
  const width = lastDay - minDay + 1;
  const keys = Float64Array.from(rowCustomer, (c, i) => (log.days[i] > lastDay ? -1 : c * width + (log.days[i] - minDay)));
  const days = summarizeOrders({ ids: indexCustomers(keys), days: log.days, amounts: log.amounts }, { asOfDay: lastDay });
  const out = new Float64Array(endDay.length);
  for (let r = 0; r < days.count; r++) {
    const key = days.ids[r] as number;
    const first = firstDayOf.get(ids[Math.floor(key / width)]);
    const day = days.firstDay[r];
    if (first === undefined || day <= first) continue;
    // The first period whose end is on or after the day.
    let lo = 0;
    let hi = endDay.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (endDay[mid] >= day) hi = mid;
      else lo = mid + 1;
    }
    out[lo]++;
  }
  return out;
}
