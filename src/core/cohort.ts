/**
 * Acquisition-cohort triangle: customers grouped by the calendar period of their first purchase,
 * then, for each period after acquisition, the share of the cohort that bought (or revenue per cohort customer).
 *
 * Purchases are counted as in summary.ts: with amounts, a row of 0 or more is a purchase and a return (a negative
 * amount) is not, so a customer with returns only belongs to no cohort and a period of returns only is not one the
 * customer bought in. Revenue is net: a return lowers the revenue of the period it falls in, from the cohort's first
 * period on (a return before the customer's first purchase in the log belongs to a purchase before the log).
 */
import { PERSIAN_DAYS, isoFromDay, periodIndex, periodLabel, periodStartDay, type CalendarName, type CalendarPeriod } from './dates';
import { DataError } from './errors';
import { groupByCustomer } from './grouping';
import { said } from './i18n/said';
import { indexCustomers, type CustomerId, type CustomerIndex } from './ids';

// The calendars live with the periods they define (dates.ts); cohorts are where callers choose one.
export { CALENDARS, type CalendarName } from './dates';

export interface CohortRow {
  /** The period's label in data form (2024-01, 1402-05): dates.ts periodLabel. */
  label: string;
  /** The day number of the period's first day (the 1st of the month; in the Persian calendar, Farvardin 1 for a year). */
  start: number;
  size: number;
  /** One value per period since acquisition, up to the last period with data; ends earlier for younger cohorts. */
  values: number[];
}

export interface CohortTable {
  rows: CohortRow[];
  /** The longest row's length: the number of "Period k" columns. */
  periods: number;
}

/** The largest table the caller can show: columns (cohort, customers and one per period) and cells (header included). */
export interface CohortLimits {
  columns: number;
  cells: number;
}

/** Columns of the table besides the periods: the cohort's label and its size. */
const LEADING_COLUMNS = 2;

const NO_PERIOD = 2 ** 31 - 1;

export function cohortRetention(
  ids: ArrayLike<CustomerId> | CustomerIndex,
  days: ArrayLike<number>,
  period: CalendarPeriod,
  amounts?: ArrayLike<number>,
  limits: CohortLimits = { columns: Infinity, cells: Infinity },
  calendar: CalendarName = 'gregorian',
): CohortTable {
  const { ids: customers, rowCustomer } = indexCustomers(ids);
  const n = rowCustomer.length;
  const isPurchase = (i: number): boolean => amounts === undefined || amounts[i] >= 0;

  const orderPeriod = periodsOf(days, period, calendar);
  const firstPeriod = new Int32Array(customers.length).fill(NO_PERIOD);
  for (let i = 0; i < n; i++) {
    const k = rowCustomer[i];
    if (isPurchase(i) && orderPeriod[i] < firstPeriod[k]) firstPeriod[k] = orderPeriod[i];
  }
  // The span of the table: from the first cohort to the last period with a row of a cohort customer.
  let firstRow = -1;
  let lastRow = -1;
  for (let i = 0; i < n; i++) {
    const start = firstPeriod[rowCustomer[i]];
    const p = orderPeriod[i];
    if (start === NO_PERIOD || p < start) continue;
    if (isPurchase(i) && (firstRow < 0 || p < orderPeriod[firstRow])) firstRow = i;
    if (lastRow < 0 || p > orderPeriod[lastRow]) lastRow = i;
  }
  if (firstRow < 0) return { rows: [], periods: 0 };
  const first = orderPeriod[firstRow];
  const width = orderPeriod[lastRow] - first + 1;
  checkSize(width, 0, limits, { days, orderPeriod, firstRow, lastRow, period });

  // Cohorts: the periods some customer started in, numbered in time order.
  const cohortOfPeriod = new Int32Array(width).fill(-1);
  for (let k = 0; k < customers.length; k++) if (firstPeriod[k] !== NO_PERIOD) cohortOfPeriod[firstPeriod[k] - first] = 0;
  const cohortStart: number[] = [];
  for (let p = 0; p < width; p++) if (cohortOfPeriod[p] === 0) cohortOfPeriod[p] = cohortStart.push(first + p) - 1;
  checkSize(width, cohortStart.length, limits, { days, orderPeriod, firstRow, lastRow, period });

  // The triangle, flat: cohort c's values start at offset[c], one per period from its start to the last period.
  const last = first + width - 1;
  const offset = new Int32Array(cohortStart.length + 1);
  for (let c = 0; c < cohortStart.length; c++) offset[c + 1] = offset[c] + (last - cohortStart[c] + 1);
  const size = new Float64Array(cohortStart.length);
  const active = new Float64Array(offset[cohortStart.length]);
  const revenue = amounts ? new Float64Array(offset[cohortStart.length]) : null;
  for (let k = 0; k < customers.length; k++) if (firstPeriod[k] !== NO_PERIOD) size[cohortOfPeriod[firstPeriod[k] - first]]++;

  // Each customer's purchase periods in order, so a customer buying several times in a period counts once there.
  const grouped = groupByCustomer(rowCustomer, customers.length, orderPeriod);
  for (let k = 0; k < customers.length; k++) {
    const start = firstPeriod[k];
    if (start === NO_PERIOD) continue;
    const base = offset[cohortOfPeriod[start - first]] - start;
    let counted = NO_PERIOD;
    for (let j = grouped.offsets[k]; j < grouped.offsets[k + 1]; j++) {
      const p = grouped.days[j];
      if (p < start) continue;
      const i = grouped.rows[j];
      if (revenue && amounts) revenue[base + p] += amounts[i];
      if (p !== counted && isPurchase(i)) {
        active[base + p]++;
        counted = p;
      }
    }
  }

  const rows = cohortStart.map((start, c) => {
    const values: number[] = [];
    for (let at = offset[c]; at < offset[c + 1]; at++) values.push((revenue ? revenue[at] : active[at]) / size[c]);
    return { label: periodLabel(start, period, calendar), start: periodStartDay(start, period, calendar), size: size[c], values };
  });
  return { rows, periods: width };
}

/** The period of each row; days repeat in an order log, so each distinct run is converted once. */
function periodsOf(days: ArrayLike<number>, period: CalendarPeriod, calendar: CalendarName): Int32Array {
  const periods = new Int32Array(days.length);
  let lastDay = NaN;
  let lastPeriod = 0;
  for (let i = 0; i < days.length; i++) {
    if (days[i] !== lastDay) {
      lastDay = days[i];
      if (calendar === 'persian') checkPersianDay(lastDay, i);
      lastPeriod = periodIndex(lastDay, period, calendar);
    }
    periods[i] = lastPeriod;
  }
  return periods;
}

/**
 * A date the Persian calendar's conversion does not reach (a typo such as 9999-01-04, which the Gregorian periods
 * take and checkSize then names) is refused with its row, not left to fail inside jalaali-js.
 */
function checkPersianDay(day: number, row: number): void {
  if (day >= PERSIAN_DAYS.first && day <= PERSIAN_DAYS.last) return;
  const range = { date: isoFromDay(day), first: isoFromDay(PERSIAN_DAYS.first), last: isoFromDay(PERSIAN_DAYS.last) };
  throw new DataError(said('cohort.persianRange', range), undefined, row);
}

const LONGER: Record<CalendarPeriod, CalendarPeriod | null> = { week: 'month', month: 'quarter', quarter: 'year', year: null };

interface Span {
  days: ArrayLike<number>;
  orderPeriod: Int32Array;
  /** Rows of the first cohort's start and of the last period. */
  firstRow: number;
  lastRow: number;
  period: CalendarPeriod;
}

/**
 * Refuses, before it is built, a table the caller cannot show: too many period columns, or too many cells (cohorts
 * 0 while they are not counted yet). A span that long is nearly always one mistyped date: the message names the date
 * farther from the middle of the log, with its row.
 */
function checkSize(width: number, cohorts: number, limits: CohortLimits, span: Span): void {
  const columns = width + LEADING_COLUMNS;
  const cells = (cohorts + 1) * columns;
  if (columns <= limits.columns && cells <= limits.cells) return;
  const { days, orderPeriod, firstRow, lastRow, period } = span;
  const middle = medianOf(orderPeriod);
  const lateIsOff = orderPeriod[lastRow] - middle >= middle - orderPeriod[firstRow];
  const row = lateIsOff ? lastRow : firstRow;
  const distance = said(`cohort.count.${period}`, { n: orderPeriod[lastRow] - orderPeriod[firstRow] });
  const longer = LONGER[period];
  const advice = longer ? said('cohort.fixOrLonger', { longer }) : said('cohort.fixDate');
  const relation = lateIsOff
    ? said('cohort.afterFirst', { distance, date: isoFromDay(days[firstRow]) })
    : said('cohort.beforeLast', { distance, date: isoFromDay(days[lastRow]) });
  const need =
    columns > limits.columns
      ? said('cohort.needColumns', { columns, limit: limits.columns })
      : said('cohort.needCells', { rows: cohorts + 1, columns, cells, limit: limits.cells });
  throw new DataError(said('cohort.tooLarge', { date: isoFromDay(days[row]), relation, need, advice }), undefined, row);
}

/** The median of the periods (only on the way to an error message). */
function medianOf(periods: Int32Array): number {
  const sorted = periods.slice().sort();
  return sorted[sorted.length >> 1];
}
