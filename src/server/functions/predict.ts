/**
 * Predictive cell functions: what each customer will buy, whether they are still active, and what they are worth,
 * from the order log a shop already has. Order-log functions spill one row per customer, id first, with a header.
 */
import { DataError } from '../../core/errors';
import { replaceParts, said, type Said } from '../../core/i18n/said';
import { holdoutCheck } from '../../core/holdout';
import { bgbb } from '../../core/models/bgbb';
import { gammagamma } from '../../core/models/gammagamma';
import { modelNamed, PURCHASE_MODEL_NAMES, purchaseModel, type PurchaseModelName } from '../../core/models/registry';
import { sbg } from '../../core/models/sbg';
import type { FitResult, ParamValues } from '../../core/models/types';
import { compressPatterns } from '../../core/rfm';
import { DAYS_PER_UNIT, type CustomerSummary, type TimeUnit } from '../../core/summary';
import { purchaseIntervals } from '../../core/intervals';
import { usablePurchaseFit, valueCustomers } from '../../core/value';
import { count, formatNumber } from '../../core/words';
import {
  forArgument,
  runCustomFunction,
  singleNumber,
  toDate,
  unitsSaid,
  SHARE,
  type Answer,
  type Arg,
  type NumberRule,
} from '../args';
import { readActive } from '../cohortArgs';
import { fitTable } from '../fitTables';
import { noSplit, readHoldoutSplit } from '../holdoutArgs';
import { cachedFitters, checkedPatterns, detailedSummaryFromCells, readModelName, readUnit, summaryFromCells } from '../pipeline';
import { spill } from '../spill';
import { readSummaryTable } from '../summaryArgs';

/**
 * One row per customer from an order log: repeat purchases (frequency), age at the last purchase (recency),
 * age now (T), mean repeat-purchase amount, first and last order, orders and total amount. Orders on the same day
 * count as one purchase; orders after as_of are left out. Example: =CLV_SUMMARY(A2:A, B2:B, C2:C)
 *
 * @param {string} customer_ids The customer id of each order (a column).
 * @param {date} order_dates The date of each order (a column of the same height).
 * @param {number} [amounts] Optional: the amount of each order (negative for returns).
 * @param {date} [as_of] Optional: the day to measure ages at; later orders are ignored. Default: the last order date.
 * @param {string} [unit] Optional: "day" (default), "week", "month" or "year" for recency and T.
 * @return A table with a header and one row per customer.
 * @customfunction
 * @preserve
 */
export function CLV_SUMMARY(customer_ids: Arg, order_dates: Arg, amounts?: Arg, as_of?: Arg, unit?: Arg): Answer {
  return runCustomFunction('CLV_SUMMARY', ['customer_ids', 'order_dates', 'amounts', 'as_of', 'unit'], () => {
    const s = detailedSummaryFromCells({ ids: customer_ids, dates: order_dates, amounts, asOf: as_of, unit: readUnit(unit) });
    const header = ['customer_id', 'frequency', 'recency', 'T', 'monetary_value', 'first_order', 'last_order', 'orders', 'total_amount'];
    // Customers with returns only keep their row, in their place: orders and total, and blanks where a purchase
    // would be counted (a 0 would claim a customer who bought once).
    const { returnsOnly } = s;
    const source = new Int32Array(s.count + returnsOnly.ids.length);
    for (let i = 0, k = 0, j = 0; i < source.length; i++) {
      source[i] = j < returnsOnly.ids.length && returnsOnly.position[j] === k ? ~j++ : k++;
    }
    return spill(
      header,
      source.length,
      (i) => {
        const k = source[i];
        if (k < 0) return [returnsOnly.ids[~k], '', '', '', '', '', '', returnsOnly.orders[~k], returnsOnly.totalAmount[~k]];
        return [s.ids[k], s.frequency[k], s.recency[k], s.T[k], s.monetaryValue[k], toDate(s.firstDay[k]), toDate(s.lastDay[k]), s.orders[k], s.totalAmount[k]];
      },
      { items: 'customers' },
    );
  });
}

/** What CLV_FIT fits to an order log: the purchase models and the spend model. */
const FIT_MODELS: readonly (PurchaseModelName | 'gammagamma')[] = [...PURCHASE_MODEL_NAMES, gammagamma.name];

/**
 * Fits a customer-base model to an order log and shows its parameters, their standard errors, the log-likelihood,
 * the number of customers and whether the fit converged. Models: "bgnbd" (default), "mbgnbd", "paretonbd"
 * (how often customers buy and when they stop) and "gammagamma" (how much they spend per order; needs amounts).
 * Example: =CLV_FIT(A2:A, B2:B, C2:C, "paretonbd")
 *
 * @param {string} customer_ids The customer id of each order (a column).
 * @param {date} order_dates The date of each order.
 * @param {number} [amounts] Optional (needed for "gammagamma"): the amount of each order.
 * @param {string} [model] Optional: "bgnbd" (default), "mbgnbd", "paretonbd" or "gammagamma".
 * @param {date} [as_of] Optional: fit on orders up to this date. Default: the last order date.
 * @param {string} [unit] Optional: the time unit of the rate parameters: "day" (default), "week", "month", "year".
 * @return A table: parameter, value, standard error.
 * @customfunction
 * @preserve
 */
export function CLV_FIT(customer_ids: Arg, order_dates: Arg, amounts?: Arg, model?: Arg, as_of?: Arg, unit?: Arg): Answer {
  return runCustomFunction('CLV_FIT', ['customer_ids', 'order_dates', 'amounts', 'model', 'as_of', 'unit'], () => {
    const name = readModelName(model, FIT_MODELS, 'bgnbd');
    const timeUnit = readUnit(unit);
    const s = summaryFromCells({ ids: customer_ids, dates: order_dates, amounts, asOf: as_of, unit: timeUnit, amountsRequired: name === gammagamma.name });
    const leftOut = s.ignoredReturnsOnly > 0 ? `${count(s.ignoredReturnsOnly, 'customer')} with returns only left out` : '';
    const fit = name === gammagamma.name ? cachedFitters.spend(s).fit : cachedFitters.purchases(name, s, timeUnit).fit;
    return fitTable(name, fit, leftOut, timeUnit);
  });
}

/** What CLV_FIT_SUMMARY fits: every model whose data is a per-customer summary. */
const SUMMARY_MODELS: readonly (PurchaseModelName | 'gammagamma' | 'bgbb')[] = [...PURCHASE_MODEL_NAMES, gammagamma.name, bgbb.name];
type SummaryModelName = (typeof SUMMARY_MODELS)[number];

/**
 * Fits a model to a per-customer summary made elsewhere (one row per customer, or per group of identical customers
 * with a weight). Same output as CLV_FIT. For "bgbb" (yearly donations, subscription boxes: a fixed number of
 * chances to buy), frequency is the number of chances used, recency the last one used (0 if none) and T the number
 * of chances. Example: =CLV_FIT_SUMMARY(B2:B, C2:C, D2:D, "bgbb", E2:E)
 *
 * @param {number} frequency Repeat purchases of each customer (whole numbers).
 * @param {number} recency Age of the customer at the last purchase (0 if no repeat purchase).
 * @param {number} T Age of the customer at the end of observation, in the same unit.
 * @param {string} [model] Optional: "bgnbd" (default), "mbgnbd", "paretonbd", "gammagamma" or "bgbb".
 * @param {number} [weights] Optional: how many customers each row stands for. Default 1.
 * @param {number} [monetary_value] Optional (needed for "gammagamma"): mean amount of each customer's repeat purchases.
 * @return A table: parameter, value, standard error.
 * @customfunction
 * @preserve
 */
export function CLV_FIT_SUMMARY(frequency: Arg, recency: Arg, T: Arg, model?: Arg, weights?: Arg, monetary_value?: Arg): Answer {
  return runCustomFunction('CLV_FIT_SUMMARY', ['frequency', 'recency', 'T', 'model', 'weights', 'monetary_value'], () => {
    const name = readModelName(model, SUMMARY_MODELS, 'bgnbd');
    const table = readSummaryTable({ frequency, recency, T, weights, monetary_value }, modelNamed(name).kind);
    return onArgumentRows(table.rows, () => {
      if (name === gammagamma.name) {
        if (!table.monetary) throw new DataError(said('predict.monetaryNeeded'), 'monetary_value');
        return fitTable(name, gammagamma.fit({ frequency: table.x, monetaryValue: table.monetary, weights: table.w }));
      }
      const patterns = checkedPatterns(name, compressPatterns(table.x, table.tx, table.T, table.w));
      return fitTable(name, name === bgbb.name ? bgbb.fit(patterns) : purchaseModel(name).fit(patterns));
    });
  });
}

/**
 * Core checks the table it is given, whose rows skip the blank rows of the arguments: a row it names is turned back
 * into the argument's row, in the error and in its message, so the cell address is right.
 */
function onArgumentRows<T>(rows: number[], work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (!(e instanceof DataError) || e.row === undefined || e.argument === undefined || rows[e.row] === undefined) throw e;
    const row = rows[e.row];
    const { argument } = e;
    const given = e.row + 1;
    if (!e.said) throw new DataError(e.message.replace(`${argument} row ${given}`, `${argument} row ${row + 1}`), argument, row);
    const moved = replaceParts(e.said, (part): Said | null =>
      part.key === 'where.row' && part.params.name === argument && part.params.row === given ? said('where.row', { name: argument, row: row + 1 }) : null,
    );
    throw new DataError(moved, argument, row);
  }
}

/**
 * The probability that each customer is still active (has not quietly stopped buying), from a purchase model
 * fitted to the whole order log. A customer who bought regularly but not lately gets a low value. With "bgnbd" a
 * customer who never bought again shows 1 (100%): that model lets customers leave only right after a repeat purchase,
 * so it cannot tell; "mbgnbd" and "paretonbd" let them leave at any time and give such a customer a lower value the
 * longer ago the order was. Example: =P_ALIVE(A2:A, B2:B, , , "mbgnbd")
 *
 * @param {string} customer_ids The customer id of each order (a column).
 * @param {date} order_dates The date of each order.
 * @param {date} [as_of] Optional: the day to judge at; later orders are ignored. Default: the last order date.
 * @param {string} [unit] Optional: "day" (default), "week", "month" or "year" (the answer does not depend on it).
 * @param {string} [model] Optional: "bgnbd" (default), "mbgnbd" or "paretonbd" (see above for one-time buyers).
 * @return A table: customer id, probability still active (0 to 1).
 * @customfunction
 * @preserve
 */
export function P_ALIVE(customer_ids: Arg, order_dates: Arg, as_of?: Arg, unit?: Arg, model?: Arg): Answer {
  return runCustomFunction('P_ALIVE', ['customer_ids', 'order_dates', 'as_of', 'unit', 'model'], () => {
    const timeUnit = readUnit(unit);
    const name = readModelName(model, PURCHASE_MODEL_NAMES, 'bgnbd');
    const s = summaryFromCells({ ids: customer_ids, dates: order_dates, asOf: as_of, unit: timeUnit });
    const predictor = usablePurchaseFit(cachedFitters.purchases(name, s, timeUnit), name);
    return spill(['customer_id', 'p_alive'], s.count, (k) => [s.ids[k], predictor.pAlive(s.frequency[k], s.recency[k], s.T[k])], { items: 'customers' });
  });
}

/**
 * Expected number of purchases of each customer in the next `horizon` time units, from a model fitted to the
 * whole order log. With `interval` (e.g. 0.8), also a range each customer's purchases fall in with that probability
 * (from the 10th to the 90th percentile for 0.8), allowing for her own chance and for the model's uncertainty.
 * Example: =PREDICT_PURCHASES(A2:A, B2:B, 90) for the next 90 days; =PREDICT_PURCHASES(A2:A, B2:B, 90, , , , 0.8).
 *
 * @param {string} customer_ids The customer id of each order (a column).
 * @param {date} order_dates The date of each order.
 * @param {number} horizon How far ahead, in units (e.g. 90 days).
 * @param {string} [unit] Optional: "day" (default), "week", "month" or "year".
 * @param {date} [as_of] Optional: predict from this day; later orders are ignored. Default: the last order date.
 * @param {string} [model] Optional: "bgnbd" (default), "mbgnbd" or "paretonbd".
 * @param {number} [interval] Optional: a probability such as 0.8 for a prediction interval (low and high columns). Default: none.
 * @return A table: customer id, expected purchases in the horizon (and the interval's low and high ends).
 * @customfunction
 * @preserve
 */
export function PREDICT_PURCHASES(customer_ids: Arg, order_dates: Arg, horizon: Arg, unit?: Arg, as_of?: Arg, model?: Arg, interval?: Arg): Answer {
  return runCustomFunction('PREDICT_PURCHASES', ['customer_ids', 'order_dates', 'horizon', 'unit', 'as_of', 'model', 'interval'], () => {
    const timeUnit = readUnit(unit);
    const t = singleNumber('horizon', horizon, horizonRule(timeUnit), NaN);
    if (Number.isNaN(t)) throw new DataError(said('predict.horizonMissing'), 'horizon');
    const name = readModelName(model, PURCHASE_MODEL_NAMES, 'bgnbd');
    const level = readInterval(interval);
    const s = summaryFromCells({ ids: customer_ids, dates: order_dates, asOf: as_of, unit: timeUnit });
    const fitted = cachedFitters.purchases(name, s, timeUnit);
    const predictor = usablePurchaseFit(fitted, name);
    const [expected] = predictor.expectedPurchasesBatch(s.frequency, s.recency, s.T, [t], [[1]]);
    if (level === undefined) return spill(['customer_id', 'expected_purchases'], s.count, (k) => [s.ids[k], expected[k]], { items: 'customers' });
    const { low, high } = purchaseIntervals(name, fitted.fit, s, t, { level });
    return spill(['customer_id', 'expected_purchases', 'expected_purchases_low', 'expected_purchases_high'], s.count, (k) => [s.ids[k], expected[k], low[k], high[k]], {
      items: 'customers',
    });
  });
}

/** A prediction interval's probability: strictly between 0 and 1 (0.8 gives the 10th and 90th percentiles). */
const INTERVAL: NumberRule = {
  min: 0,
  minInclusive: false,
  max: 1,
  maxInclusive: false,
  percent: true,
  rule: said('rule.interval'),
};

/** The interval argument: undefined when blank or omitted (no interval columns). */
function readInterval(arg: Arg | undefined): number | undefined {
  const level = singleNumber('interval', arg, INTERVAL, NaN);
  return Number.isNaN(level) ? undefined : level;
}

/** Predictions reach at most 100 years ahead, as CLV's 1,200 months: beyond, a model fitted on a few years says nothing. */
const HORIZON_DAYS = 36_525;

function horizonRule(unit: TimeUnit): NumberRule {
  const most = HORIZON_DAYS / DAYS_PER_UNIT[unit];
  const shown = formatNumber(most, 3);
  return { min: 0, minInclusive: false, max: most, rule: said('rule.aboveZeroUnits', { most: shown, units: unitsSaid(unit) }) };
}

/**
 * Customer lifetime value over the coming months: expected purchases (BG/NBD, or the model chosen) x expected spend
 * per order (Gamma-Gamma) x margin, month by month, discounted. Also shows the expected purchases, spend per order and
 * the probability the customer is still active; with `interval` (e.g. 0.8), a range each customer's value falls in
 * with that probability. Example: =CLV(A2:A, B2:B, C2:C, 12, 10%, 30%)
 *
 * @param {string} customer_ids The customer id of each order (a column).
 * @param {date} order_dates The date of each order.
 * @param {number} amounts The amount of each order (negative for returns).
 * @param {number} [horizon_months] Optional: months ahead to value. Default 12.
 * @param {number} [annual_discount_rate] Optional: yearly discount rate, e.g. 10%. Default 10%.
 * @param {number} [margin] Optional: share of spend kept as profit, e.g. 30%. Default 1 (revenue).
 * @param {date} [as_of] Optional: value customers as of this day; later orders are ignored. Default: the last order date.
 * @param {string} [model] Optional: the purchase model, "bgnbd" (default), "mbgnbd" or "paretonbd".
 * @param {number} [interval] Optional: a probability such as 0.8 for a prediction interval of the CLV (low and high columns). Default: none.
 * @return A table: customer id, CLV, expected purchases, expected spend per order, probability still active (and the CLV interval's low and high ends).
 * @customfunction
 * @preserve
 */
export function CLV(
  customer_ids: Arg,
  order_dates: Arg,
  amounts: Arg,
  horizon_months?: Arg,
  annual_discount_rate?: Arg,
  margin?: Arg,
  as_of?: Arg,
  model?: Arg,
  interval?: Arg,
): Answer {
  return runCustomFunction('CLV', ['customer_ids', 'order_dates', 'amounts', 'horizon_months', 'annual_discount_rate', 'margin', 'as_of', 'model', 'interval'], () => {
    const months = singleNumber('horizon_months', horizon_months, { min: 1, max: 1200, integer: true, rule: said('rule.months') }, 12);
    const rate = singleNumber('annual_discount_rate', annual_discount_rate, { min: 0, max: 10, percent: true, rule: said('rule.rate') }, 0.1);
    const keep = singleNumber('margin', margin, SHARE, 1);
    const name = readModelName(model, PURCHASE_MODEL_NAMES, 'bgnbd');
    const level = readInterval(interval);
    const s = summaryFromCells({ ids: customer_ids, dates: order_dates, amounts, asOf: as_of, unit: 'day', amountsRequired: true });
    checkClvSteps(s, months);
    const { clv, expectedPurchases, pAlive, expectedSpend: spend, clvInterval } = valueCustomers(
      s,
      { model: name, unit: 'day', horizonMonths: months, annualDiscountRate: rate, margin: keep, ...(level === undefined ? {} : { interval: level }) },
      cachedFitters,
    );
    const header = ['customer_id', 'clv', 'expected_purchases', 'expected_spend_per_order', 'p_alive'];
    if (!clvInterval) return spill(header, s.count, (k) => [s.ids[k], clv[k], expectedPurchases[k], spend[k], pAlive[k]], { items: 'customers' });
    const { low, high } = clvInterval;
    return spill([...header, 'clv_low', 'clv_high'], s.count, (k) => [s.ids[k], clv[k], expectedPurchases[k], spend[k], pAlive[k], low[k], high[k]], {
      items: 'customers',
    });
  });
}

/**
 * Month-end predictions a CLV cell may make: the model predicts once per month for each distinct (repeat purchases,
 * age) history (models/common.ts), about half a microsecond each on the benchmark's machine (1,200 months of 22,353
 * histories took 12.7 s), so this keeps the CLV's own work to about 10 of a cell's 30 seconds, whatever the horizon.
 */
const CLV_STEPS_LIMIT = 20_000_000;

function checkClvSteps(s: CustomerSummary, months: number): void {
  if (s.count * months <= CLV_STEPS_LIMIT) return;
  const histories = distinctHistories(s);
  if (histories * months <= CLV_STEPS_LIMIT) return;
  const most = Math.max(1, Math.floor(CLV_STEPS_LIMIT / histories));
  throw new DataError(
    said('predict.clvSteps', {
      months,
      customers: said('count.customer', { n: s.count }),
      histories: said('count.history', { n: histories }),
      monthsCount: said('count.month', { n: months }),
      most: said('count.month', { n: most }),
    }),
    'horizon_months',
  );
}

/** The number of distinct (frequency, T) pairs, which the prediction's work grows with. */
function distinctHistories(s: CustomerSummary): number {
  const seen = new Set<number>();
  // T is a whole number of days (CLV works in days) below 2^23 (year 9999); frequency below 2^30.
  for (let k = 0; k < s.count; k++) seen.add(s.frequency[k] * 8_388_608 + s.T[k]);
  return seen.size;
}

/**
 * Fits the shifted-beta-geometric retention model to one cohort of subscribers: a column of how many customers were
 * still active at the start of period 0, 1, 2, ... (the first value is the cohort size). Shows alpha and beta (the
 * spread of churn risk across customers), the log-likelihood, the cohort size and whether the fit converged.
 * Example: =RETENTION_FIT(B2:B9) with 1000, 631, 468, 382, ...
 *
 * @param {number} active_customers Customers still active at the start of each period, first value the cohort size.
 * @return A table: parameter, value, standard error.
 * @customfunction
 * @preserve
 */
export function RETENTION_FIT(active_customers: Arg): Answer {
  return runCustomFunction('RETENTION_FIT', ['active_customers'], () => fitTable(sbg.name, fitRetention(active_customers)));
}

/**
 * Projects a subscription cohort forward with the shifted-beta-geometric model: for each period, the customers
 * observed, the customers the model expects, and the expected retention rate (which rises over time as the customers
 * most likely to cancel leave first). Example: =RETENTION_FORECAST(B2:B9, 5)
 *
 * @param {number} active_customers Customers still active at the start of each period, first value the cohort size.
 * @param {number} [periods_ahead] Optional: periods to project beyond the data. Default 5.
 * @return A table: period, observed active, expected active, expected retention rate.
 * @customfunction
 * @preserve
 */
export function RETENTION_FORECAST(active_customers: Arg, periods_ahead?: Arg): Answer {
  return runCustomFunction('RETENTION_FORECAST', ['active_customers', 'periods_ahead'], () => {
    const ahead = singleNumber('periods_ahead', periods_ahead, { min: 0, max: 1000, integer: true, rule: said('rule.wholeTo', { most: '1000' }) }, 5);
    const active = readActive(active_customers);
    const fitted = sbg.fitted(active);
    if (!fitted.predictor) throw new DataError(said('retention.notFitted', { model: sbg.label, reason: fitted.fit.said ?? fitted.fit.message }), 'active_customers');
    const retention = fitted.predictor;
    const periods = active.length + ahead;
    return spill(
      ['period', 'observed_active', 'expected_active', 'retention_rate'],
      periods,
      (t) => [t, t < active.length ? active[t] : '', active[0] * retention.survival(t), t === 0 ? '' : retention.retentionRate(t)],
      { items: 'periods', cause: said('predict.activeCause') },
    );
  });
}

function fitRetention(arg: Arg): FitResult<ParamValues> {
  return sbg.fit(readActive(arg));
}

/**
 * Checks the purchase model on your own data: fits it on orders up to calibration_end, predicts each customer's
 * repeat purchases after it, and compares with what they actually bought, grouped by repeat purchases before the
 * split (0, 1, ..., 7+). Close columns mean the predictions can be trusted. Example: =CLV_HOLDOUT(A2:A, B2:B, DATE(2024,6,30))
 *
 * @param {string} customer_ids The customer id of each order (a column).
 * @param {date} order_dates The date of each order.
 * @param {date} calibration_end The last day of the fitting period; the rest of the log is the check period.
 * @param {string} [unit] Optional: "day" (default), "week", "month" or "year".
 * @param {string} [model] Optional: "bgnbd" (default), "mbgnbd" or "paretonbd".
 * @param {number} [amounts] Optional: the amount of each order; then a day of returns only is not a purchase.
 * @return A table: repeat purchases before the split, customers, mean predicted and mean actual purchases after.
 * @customfunction
 * @preserve
 */
export function CLV_HOLDOUT(customer_ids: Arg, order_dates: Arg, calibration_end: Arg, unit?: Arg, model?: Arg, amounts?: Arg): Answer {
  return runCustomFunction('CLV_HOLDOUT', ['customer_ids', 'order_dates', 'calibration_end', 'unit', 'model', 'amounts'], () => {
    const name = readModelName(model, PURCHASE_MODEL_NAMES, 'bgnbd');
    const split = readHoldoutSplit(customer_ids, order_dates, calibration_end, unit, amounts);
    const check = forArgument('order_dates', () => holdoutCheck(split.log, split.end, split.unit, name, split.options), split.sourceRows);
    if (!check) throw noSplit();
    const rows = [...check.groups, check.total];
    return spill(['repeat_purchases_before', 'customers', 'predicted_mean', 'actual_mean'], rows.length, (i) => [
      rows[i].label,
      rows[i].customers,
      rows[i].predicted,
      rows[i].actual,
    ]);
  });
}
