/**
 * Cell functions that apply a fit someone already has (a CLV_FIT, CLV_FIT_SUMMARY or RETENTION_FIT table) to
 * customer summaries or cohorts. Every export of this file is a public cell function (index.ts exports them all).
 */
import { periodDiscountRate } from '../../core/discount';
import { DataError } from '../../core/errors';
import { said, type Said } from '../../core/i18n/said';
import { LimitError } from '../../core/models/common';
import { MAX_CELLS, MAX_COUNT } from '../../core/models/counts';
import { PURCHASE_MODEL_NAMES } from '../../core/models/registry';
import { sbg } from '../../core/models/sbg';
import type { Histories, PurchaseCountPredictor } from '../../core/models/types';
import { DAYS_PER_UNIT, type TimeUnit } from '../../core/summary';
import { formatNumber } from '../../core/words';
import {
  alignedRowCount,
  cellAt,
  checkedNumberAt,
  isBlank,
  quotedOr,
  readColumn,
  runCustomFunction,
  singleChoice,
  singleNumber,
  unitsSaid,
  AMOUNT,
  type Answer,
  type AnswerCell,
  type Arg,
  type NumberRule,
} from '../args';
import { readActive } from '../cohortArgs';
import { readFitTable } from '../fitTables';
import { checkSpillSize, spill } from '../spill';
import { readSummaryTable } from '../summaryArgs';

/**
 * Applies a fitted purchase model (the table CLV_FIT or CLV_FIT_SUMMARY spilled) to customer summaries made
 * anywhere: each customer's expected purchases in the next horizon (default), the probability they are still
 * active ("p_alive"), or all their future purchases discounted to today ("dert"). A new customer is 0, 0, 0.
 * Example: =CLV_PREDICT(B2:B, C2:C, D2:D, 39, F1:H9)
 *
 * @param {number} frequency Repeat purchases of each customer (a column).
 * @param {number} recency Age of each customer at the last purchase, in the fit's unit (0 if no repeat purchase).
 * @param {number} T Age of each customer now, in the same unit.
 * @param {number} horizon How far ahead, in the fit's unit (e.g. 39 weeks); blank for "p_alive" and "dert". For a "bgbb" fit: a number of chances.
 * @param {string} fit The table CLV_FIT or CLV_FIT_SUMMARY spilled (e.g. F1:H9), with or without its header row.
 * @param {string} [quantity] Optional: "purchases" (default), "p_alive" or "dert".
 * @param {number} [discount_rate] Optional, for "dert": the discount rate per unit of the fit, e.g. 0.18% a week (10% a year). Default: 10% a year when the fit shows its unit.
 * @return A column with a header: one answer per customer, blank for a blank row.
 * @customfunction
 * @preserve
 */
export function CLV_PREDICT(frequency: Arg, recency: Arg, T: Arg, horizon: Arg, fit: Arg, quantity?: Arg, discount_rate?: Arg): Answer {
  return runCustomFunction('CLV_PREDICT', ['frequency', 'recency', 'T', 'horizon', 'fit', 'quantity', 'discount_rate'], () => {
    const applied = purchaseFit(fit, 'CLV_PREDICT');
    const what = singleChoice('quantity', quantity, QUANTITIES, 'purchases');
    const customers = readHistories(frequency, recency, T, applied.opportunities);
    const { frequency: xs, recency: txs, T: ages } = customers.histories;
    let answers: ArrayLike<number>;
    if (what === 'purchases') {
      const t = readHorizon(horizon, applied);
      answers = coreWork('horizon', () => applied.predictor.expectedPurchasesBatch(xs, txs, ages, [t], [[1]])[0]);
    } else if (what === 'p_alive') {
      answers = Float64Array.from(customers.rows, (_, i) => applied.predictor.pAlive(xs[i], txs[i], ages[i]));
    } else {
      const rate = readDiscountRate(discount_rate, applied);
      answers = coreWork('discount_rate', () => applied.predictor.dert(rate, customers.histories));
    }
    return byArgumentRow(HEADERS[what], customers, (i) => [answers[i]]);
  });
}

const QUANTITIES = ['purchases', 'p_alive', 'dert'] as const;
const HEADERS: Record<(typeof QUANTITIES)[number], string[]> = {
  purchases: ['expected_purchases'],
  p_alive: ['p_alive'],
  dert: ['dert'],
};

/**
 * The probability that each customer makes exactly n purchases in the next horizon, from a fitted purchase model
 * (the table CLV_FIT or CLV_FIT_SUMMARY spilled). n may be a row of counts: one column per count. A new customer
 * is 0, 0, 0. Example: =PROB_PURCHASES(B2:B, C2:C, D2:D, 39, F1:H9, {0,1,2,3})
 *
 * @param {number} frequency Repeat purchases of each customer (a column).
 * @param {number} recency Age of each customer at the last purchase, in the fit's unit (0 if no repeat purchase).
 * @param {number} T Age of each customer now, in the same unit.
 * @param {number} horizon How far ahead, in the fit's unit (e.g. 39 weeks). For a "bgbb" fit: a number of chances.
 * @param {string} fit The table CLV_FIT or CLV_FIT_SUMMARY spilled (e.g. F1:H9), with or without its header row.
 * @param {number} n The number of purchases (whole, 0 or more), or a row of them, e.g. {0,1,2,3}.
 * @return A table with a header (p_0, p_1, ...): one row per customer, one column per n, blank for a blank row.
 * @customfunction
 * @preserve
 */
export function PROB_PURCHASES(frequency: Arg, recency: Arg, T: Arg, horizon: Arg, fit: Arg, n: Arg): Answer {
  return runCustomFunction('PROB_PURCHASES', ['frequency', 'recency', 'T', 'horizon', 'fit', 'n'], () => {
    const applied = purchaseFit(fit, 'PROB_PURCHASES');
    const counts = readCounts(n);
    const t = readHorizon(horizon, applied);
    const customers = readHistories(frequency, recency, T, applied.opportunities);
    const header = counts.map((k) => `p_${k}`);
    checkSpillSize(customers.argumentRows + 1, header.length, { items: 'customers' });
    if (customers.rows.length * counts.length > MAX_CELLS) {
      throw new DataError(said('apply.tooManyProbabilities', { customers: customers.rows.length, counts: counts.length, most: MAX_CELLS }), 'n');
    }
    const rows = coreWork('horizon', () => applied.predictor.countProbabilities(t, counts, customers.histories));
    return byArgumentRow(header, customers, (i) => Array.from(rows[i]));
  });
}

/**
 * The value of a subscriber at each tenure: fits the shifted-beta-geometric model to one cohort and shows, for a
 * customer starting period 0, 1, 2, ... (period 0: a new customer), the discounted number of periods she is still
 * expected to pay for and that times the margin. This period's payment counts in full, later ones discounted.
 * Customers who stayed longer are worth more: the ones likely to cancel have already left.
 * Example: =RETENTION_LTV(B2:B9, 30, 10%)
 *
 * @param {number} active_customers Customers still active at the start of each period, first value the cohort size.
 * @param {number} margin_per_period The margin a customer brings each period she stays (e.g. 30).
 * @param {number} [discount_rate] Optional: the discount rate per period of the cohort, e.g. 10% for years, 0.8% for months. Default 10%.
 * @return A table: tenure, discounted expected periods, expected value.
 * @customfunction
 * @preserve
 */
export function RETENTION_LTV(active_customers: Arg, margin_per_period: Arg, discount_rate?: Arg): Answer {
  return runCustomFunction('RETENTION_LTV', ['active_customers', 'margin_per_period', 'discount_rate'], () => {
    const margin = singleNumber('margin_per_period', margin_per_period, { ...AMOUNT, subject: said('apply.aMargin') }, NaN);
    if (Number.isNaN(margin)) throw new DataError(said('apply.marginMissing'), 'margin_per_period');
    const d = singleNumber('discount_rate', discount_rate, RATE, 0.1);
    const active = readActive(active_customers);
    const fitted = sbg.fitted(active);
    if (!fitted.predictor) throw new DataError(said('retention.notFitted', { model: sbg.label, reason: fitted.fit.said ?? fitted.fit.message }), 'active_customers');
    const retention = fitted.predictor;
    // Starting period t: this period's payment, then derl(t + 1) (Fader & Hardie 2010: the next renewal undiscounted,
    // the customer having made t renewals) one period later. Tenure 0 is the new customer's discounted expected lifetime.
    const periods = coreWork('discount_rate', () => active.map((_, t) => 1 + retention.derl(t + 1, d) / (1 + d)));
    return spill(['tenure', 'discounted_expected_periods', 'expected_value'], periods.length, (t) => [t, periods[t], margin * periods[t]], {
      items: 'periods',
      cause: said('apply.marginCause'),
    });
  });
}

/** A discount rate: 0 or more, as a share or a percentage; above 1000% is a slip. */
const RATE: NumberRule = { min: 0, max: 10, percent: true, rule: said('rule.rate') };

/** A purchase model's fit read from a table, with its predictor. */
interface AppliedFit {
  predictor: PurchaseCountPredictor;
  /** BG/BB: frequency, recency, T and horizons are counts of opportunities. */
  opportunities: boolean;
  unit?: TimeUnit;
}

/** The fit table of a purchase-count model; spend and retention fits are refused with the function to use instead. */
function purchaseFit(arg: Arg, functionName: string): AppliedFit {
  const { model, values, unit } = readFitTable(arg, 'fit');
  if (model.kind === 'spend') {
    throw new DataError(said('apply.spendFit', { model: model.label, function: functionName, models: quotedOr(PURCHASE_MODEL_NAMES) }), 'fit');
  }
  if (model.kind === 'retention') {
    throw new DataError(said('apply.retentionFit', { model: model.label, function: functionName }), 'fit');
  }
  return { predictor: model.predictorOf(values), opportunities: model.kind === 'opportunities', unit };
}

/** The customers of the non-blank rows, and where each came from. */
interface CustomerRows {
  histories: Histories;
  /** The argument row of each customer. */
  rows: number[];
  /** Rows of the arguments (trailing blank rows left out): the answer's height below its header. */
  argumentRows: number;
}

/** frequency, recency and T as CLV_FIT_SUMMARY reads them (BG/BB: whole numbers of opportunities); a row blank in all three has no customer. */
function readHistories(frequency: Arg, recency: Arg, T: Arg, opportunities: boolean): CustomerRows {
  const table = readSummaryTable({ frequency, recency, T }, opportunities ? 'opportunities' : 'purchases');
  return { histories: { frequency: table.x, recency: table.tx, T: table.T }, rows: table.rows, argumentRows: table.argumentRows };
}

/** Predictions reach at most 100 years ahead when the fit shows its unit, as PREDICT_PURCHASES's horizons. */
const HORIZON_DAYS = 36_525;
/** Without a unit, horizons up to a million units; BG/BB up to 10,000 future opportunities (a century of weeks). */
const HORIZON_UNITS = 1e6;
const HORIZON_OPPORTUNITIES = 10_000;

function readHorizon(arg: Arg, fit: AppliedFit): number {
  const rule: NumberRule = fit.opportunities
    ? { min: 0, max: HORIZON_OPPORTUNITIES, integer: true, rule: said('rule.opportunities', { most: HORIZON_OPPORTUNITIES }) }
    : fit.unit
      ? {
          min: 0,
          max: HORIZON_DAYS / DAYS_PER_UNIT[fit.unit],
          rule: said('rule.atMostUnits', { most: formatNumber(HORIZON_DAYS / DAYS_PER_UNIT[fit.unit], 3), units: unitsSaid(fit.unit) }),
        }
      : { min: 0, max: HORIZON_UNITS, rule: said('rule.atMost', { most: HORIZON_UNITS }) };
  const t = singleNumber('horizon', arg, rule, NaN);
  if (!Number.isNaN(t)) return t;
  if (fit.opportunities) throw new DataError(said('apply.horizonMissingOpportunities'), 'horizon');
  const missing: Said = fit.unit ? said('apply.horizonMissingUnits', { units: unitsSaid(fit.unit) }) : said('apply.horizonMissing');
  throw new DataError(missing, 'horizon');
}

/**
 * The discount rate per unit of the fit (per opportunity for BG/BB): given, or 10% a year turned into the fit's unit
 * when its table shows one, compounded once per unit.
 */
function readDiscountRate(arg: Arg | undefined, fit: AppliedFit): number {
  const rate = singleNumber('discount_rate', arg, RATE, NaN);
  if (!Number.isNaN(rate)) return rate;
  if (fit.unit && !fit.opportunities) return periodDiscountRate(0.1, DAYS_PER_UNIT.year / DAYS_PER_UNIT[fit.unit]);
  throw new DataError(said(fit.opportunities ? 'apply.discountMissingOpportunity' : 'apply.discountMissingUnit'), 'discount_rate');
}

/** A row of counts as typed in a formula (its braces are not a message's placeholder). */
const N_EXAMPLE = '{0,1,2,3}';

/** n: one whole number, or a row (or column) of them, each 0 to MAX_COUNT. */
function readCounts(arg: Arg): number[] {
  if (arg === undefined) throw new DataError(said('apply.nMissing', { example: N_EXAMPLE }), 'n');
  const column = readColumn('n', arg);
  const rule: NumberRule = { min: 0, max: MAX_COUNT, integer: true, rule: said('rule.wholeTo', { most: MAX_COUNT }) };
  const length = column.isRange ? alignedRowCount([column]) : 1;
  if (length === 0 || (length === 1 && isBlank(cellAt(column, 0)))) throw new DataError(said('apply.nBlank', { example: N_EXAMPLE }), 'n');
  return Array.from({ length }, (_, i) => checkedNumberAt(column, i, rule));
}

/**
 * Core work whose limits are RangeErrors in words (counts.ts: more work than a cell allows; dert.ts: an infinite
 * undiscounted total): a DataError on the argument that can change it.
 */
function coreWork<T>(argument: string, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof LimitError) throw new DataError(e.said, argument);
    if (e instanceof RangeError) throw new DataError(e.message.replace(/^[A-Za-z/-]+: /, ''), argument);
    throw e;
  }
}

/** The answer: a header, then one row per argument row, blank where the row had no customer. */
function byArgumentRow(header: string[], customers: CustomerRows, row: (i: number) => AnswerCell[]): Answer {
  const byRow = new Int32Array(customers.argumentRows).fill(-1);
  customers.rows.forEach((r, i) => (byRow[r] = i));
  const blank = header.map((): AnswerCell => '');
  return spill(header, customers.argumentRows, (r) => (byRow[r] < 0 ? blank : row(byRow[r])), { items: 'customers' });
}
