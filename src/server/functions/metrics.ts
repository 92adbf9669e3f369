/**
 * The closed-form cell functions people type every day.
 * The JSDoc above each exported function is what Sheets shows as autocomplete help.
 */
import { CALENDARS, cohortRetention, type CohortRow } from '../../core/cohort';
import { OrderHistory, type ChurnPeriod } from '../../core/churn';
import type { CalendarPeriod } from '../../core/dates';
import { DataError } from '../../core/errors';
import { said } from '../../core/i18n/said';
import {
  acquisitionCost,
  cacPaybackPeriods,
  churnRate,
  lifetimeValue,
  ltvToCac,
  simpleClv,
  type PaymentTiming,
} from '../../core/metrics';
import { persianPeriodLabel } from '../../core/i18n/calendar';
import { alignedAnswer, alignedAnswers, optionalCell } from '../aligned';
import {
  checkedNumberAt,
  choiceAt,
  dayAt,
  forArgument,
  isOmitted,
  numberAt,
  readColumn,
  runCustomFunction,
  singleChoice,
  whereSaid,
  COUNT,
  NON_NEGATIVE,
  POSITIVE,
  POSITIVE_COUNT,
  SHARE,
  type Answer,
  type Arg,
  type NumberRule,
} from '../args';
import { userLanguage } from '../language';
import { readOrders } from '../orders';
import { SHEET_COLUMN_LIMIT, SPREADSHEET_CELL_LIMIT } from '../sheets';
import { spill } from '../spill';

const CHURN_RULE: NumberRule = { min: 0, minInclusive: false, max: 1, percent: true, rule: said('rule.churn'), subject: said('metrics.churn') };
const DISCOUNT_RULE: NumberRule = { min: 0, percent: true, rule: said('rule.discount') };
const TIMINGS: readonly PaymentTiming[] = ['start', 'end'];

/**
 * Lifetime value of a customer from the margin they bring each period and the share of customers lost per period.
 * Without a discount rate it is margin / churn: =LTV(30, 0.05) is 600 (30 a month, 5% monthly churn).
 * With a discount rate per period, future margins count less.
 *
 * @param {number} margin_per_period Margin (revenue minus cost) a customer brings per period, e.g. 30 a month. A cell or a column.
 * @param {number} churn_rate Share of customers lost per period, above 0 and at most 1, e.g. 0.05 or 5%.
 * @param {number} [discount_rate] Optional discount rate per period, e.g. 0.01 for 1% a month. Default 0.
 * @param {string} [timing] Optional: "start" (default) if the first payment is made now, "end" if after one period.
 * @return The lifetime value, one per row when given columns.
 * @customfunction
 * @preserve
 */
export function LTV(margin_per_period: Arg, churn_rate: Arg, discount_rate?: Arg, timing?: Arg): Answer {
  return runCustomFunction('LTV', ['margin_per_period', 'churn_rate', 'discount_rate', 'timing'], () =>
    alignedAnswer(
      [
        { name: 'margin_per_period', value: margin_per_period },
        { name: 'churn_rate', value: churn_rate },
        { name: 'discount_rate', value: discount_rate, optional: true },
        { name: 'timing', value: timing, optional: true },
      ],
      (c, row) => {
        const margin = numberAt(c[0], row);
        const churn = checkedNumberAt(c[1], row, CHURN_RULE);
        const discountColumn = optionalCell(c, 2, row);
        const discount = discountColumn ? checkedNumberAt(discountColumn, row, DISCOUNT_RULE) : 0;
        const timingColumn = optionalCell(c, 3, row);
        const when = timingColumn ? choiceAt(timingColumn, row, TIMINGS, 'start') : 'start';
        return lifetimeValue(margin, churn, discount, when);
      },
    ),
  );
}

/**
 * Churn rate: the share of customers lost in a period. Two ways to call it:
 * from counts, =CHURN(5, 100) is 0.05 (5 of 100 customers lost);
 * from an order log, =CHURN(A2:A, B2:B, DATE(2024,1,1), DATE(2024,2,1)) is the share of customers active on
 * 1 January (ordered in the 90 days before) who are no longer active on 1 February. Give columns of start and end
 * dates to get a monthly churn series, one rate per row.
 *
 * @param {number} customers_lost_or_ids Customers lost in the period (a number or a column); or, for an order log, the customer id of each order.
 * @param {number} customers_at_start_or_dates Customers at the start of the period; or, for an order log, the date of each order.
 * @param {date} [period_start] Order log only: the first day of the period (a date, or a column of dates for a series).
 * @param {date} [period_end] Order log only: the last day of the period (a date, or a column aligned with period_start).
 * @param {number} [inactive_days] Order log only: a customer is active while they ordered in this many days. Default 90.
 * @return The churn rate, a share between 0 and 1 (one per row when given columns).
 * @customfunction
 * @preserve
 */
export function CHURN(
  customers_lost_or_ids: Arg,
  customers_at_start_or_dates: Arg,
  period_start?: Arg,
  period_end?: Arg,
  inactive_days?: Arg,
): Answer {
  return runCustomFunction('CHURN', CHURN_PARAMETERS, () => {
    if (period_start === undefined && period_end === undefined && inactive_days === undefined) {
      return churnFromCounts(customers_lost_or_ids, customers_at_start_or_dates);
    }
    return churnFromOrders(customers_lost_or_ids, customers_at_start_or_dates, period_start, period_end, inactive_days);
  });
}

const CHURN_PARAMETERS = [
  ['customers_lost', 'customer_ids'],
  ['customers_at_start', 'order_dates'],
  'period_start',
  'period_end',
  'inactive_days',
] as const;

function churnFromCounts(lost: Arg, atStart: Arg): Answer {
  return alignedAnswer(
    [
      { name: 'customers_lost', value: lost },
      { name: 'customers_at_start', value: atStart },
    ],
    (c, row) => {
      const lostCount = checkedNumberAt(c[0], row, COUNT);
      const startCount = checkedNumberAt(c[1], row, POSITIVE_COUNT);
      if (lostCount > startCount) {
        throw new DataError(said('metrics.lostAboveStart', { at: whereSaid(c[0], row), lost: String(lostCount), start: String(startCount) }), c[0].name, row);
      }
      return churnRate(lostCount, startCount);
    },
  );
}

const INACTIVE_DAYS_RULE: NumberRule = { min: 1, integer: true, rule: said('rule.inactiveDays') };

/**
 * Customer-periods a churn series may check in a cell: each period looks at every customer's orders (churn.ts), at
 * about 25 ns a check on the benchmark's machine, so this keeps the series to about 10 of a cell's 30 seconds.
 */
const CHURN_CHECKS_LIMIT = 400_000_000;

function churnFromOrders(ids: Arg, dates: Arg, periodStart: Arg, periodEnd: Arg, inactiveDays: Arg): Answer {
  if (isOmitted(periodStart) || isOmitted(periodEnd)) {
    throw new DataError(said('metrics.periodsNeeded'));
  }
  const orders = readOrders({ ids, dates, idsName: 'customer_ids', datesName: 'order_dates' });
  if (orders.days.length === 0) throw new DataError(said('log.empty'), 'customer_ids');
  const history = new OrderHistory(orders.customers, orders.days);
  const isSeries = readColumn('period_start', periodStart).isRange || readColumn('period_end', periodEnd).isRange;
  return alignedAnswers(
    [
      { name: 'period_start', value: periodStart },
      { name: 'period_end', value: periodEnd },
      { name: 'inactive_days', value: inactiveDays, optional: true },
    ],
    (c, rows) => {
      const periods: ChurnPeriod[] = rows.map((row) => {
        const startDay = dayAt(c[0], row);
        const endDay = dayAt(c[1], row);
        if (endDay <= startDay) throw new DataError(said('metrics.endNotAfterStart', { at: whereSaid(c[1], row) }), c[1].name, row);
        const windowColumn = optionalCell(c, 2, row);
        return { startDay, endDay, inactiveDays: windowColumn ? checkedNumberAt(windowColumn, row, INACTIVE_DAYS_RULE) : 90 };
      });
      if (history.customerCount * periods.length > CHURN_CHECKS_LIMIT) {
        const most = Math.max(1, Math.floor(CHURN_CHECKS_LIMIT / history.customerCount));
        throw new DataError(
          said('metrics.churnTooLong', {
            periods: said('count.period', { n: periods.length }),
            customers: said('count.customer', { n: history.customerCount }),
            most: said('count.period', { n: most }),
          }),
          'period_start',
        );
      }
      return history.churnSeries(periods).map(({ churn }, i) => {
        if (churn !== null) return churn;
        if (isSeries) return '';
        throw new DataError(said('metrics.noneActive', { name: c[0].name, days: said('count.day', { n: periods[i].inactiveDays }) }), c[0].name, rows[i]);
      });
    },
  );
}

/**
 * Simple customer lifetime value: average order value x purchases per period x lifespan in periods (x gross margin).
 * Example: =CLV_SIMPLE(200000, 2.5, 2) is 1,000,000 (2.5 purchases a year for 2 years at 200,000 each).
 *
 * @param {number} avg_order_value Average value of an order.
 * @param {number} purchases_per_period How many times a customer buys per period (e.g. per year).
 * @param {number} lifespan_periods How many periods a customer stays (e.g. 2 years).
 * @param {number} [gross_margin] Optional share of revenue kept as margin, e.g. 0.4. Default 1 (revenue).
 * @return The customer lifetime value (one per row when given columns).
 * @customfunction
 * @preserve
 */
export function CLV_SIMPLE(avg_order_value: Arg, purchases_per_period: Arg, lifespan_periods: Arg, gross_margin?: Arg): Answer {
  return runCustomFunction('CLV_SIMPLE', ['avg_order_value', 'purchases_per_period', 'lifespan_periods', 'gross_margin'], () =>
    alignedAnswer(
      [
        { name: 'avg_order_value', value: avg_order_value },
        { name: 'purchases_per_period', value: purchases_per_period },
        { name: 'lifespan_periods', value: lifespan_periods },
        { name: 'gross_margin', value: gross_margin, optional: true },
      ],
      (c, row) => {
        const marginColumn = optionalCell(c, 3, row);
        return simpleClv(
          checkedNumberAt(c[0], row, NON_NEGATIVE),
          checkedNumberAt(c[1], row, NON_NEGATIVE),
          checkedNumberAt(c[2], row, NON_NEGATIVE),
          marginColumn ? checkedNumberAt(marginColumn, row, SHARE) : 1,
        );
      },
    ),
  );
}

/**
 * Customer acquisition cost: what it cost to win one new customer. =CAC(5000, 100) is 50.
 *
 * @param {number} acquisition_spend Marketing and sales spend in the period.
 * @param {number} new_customers Customers won in the period (a whole number above 0).
 * @return The cost per new customer (one per row when given columns).
 * @customfunction
 * @preserve
 */
export function CAC(acquisition_spend: Arg, new_customers: Arg): Answer {
  return runCustomFunction('CAC', ['acquisition_spend', 'new_customers'], () =>
    alignedAnswer(
      [
        { name: 'acquisition_spend', value: acquisition_spend },
        { name: 'new_customers', value: new_customers },
      ],
      (c, row) => acquisitionCost(checkedNumberAt(c[0], row, NON_NEGATIVE), checkedNumberAt(c[1], row, POSITIVE_COUNT)),
    ),
  );
}

/**
 * LTV to CAC ratio: how many times a customer pays back what it cost to win them. Above about 3 is healthy.
 * =LTV_CAC(600, 150) is 4.
 *
 * @param {number} ltv Lifetime value of a customer (e.g. from LTV or CLV).
 * @param {number} cac Acquisition cost of a customer (e.g. from CAC), above 0.
 * @return The ratio LTV / CAC (one per row when given columns).
 * @customfunction
 * @preserve
 */
export function LTV_CAC(ltv: Arg, cac: Arg): Answer {
  return runCustomFunction('LTV_CAC', ['ltv', 'cac'], () =>
    alignedAnswer(
      [
        { name: 'ltv', value: ltv },
        { name: 'cac', value: cac },
      ],
      (c, row) => ltvToCac(numberAt(c[0], row), checkedNumberAt(c[1], row, POSITIVE)),
    ),
  );
}

/**
 * CAC payback: how many periods of margin it takes to earn back the cost of winning a customer.
 * =CAC_PAYBACK(150, 30) is 5 (months, with 30 of margin a month).
 *
 * @param {number} cac Acquisition cost of a customer.
 * @param {number} margin_per_period Margin a customer brings per period, above 0.
 * @return Periods to pay back the acquisition cost (one per row when given columns).
 * @customfunction
 * @preserve
 */
export function CAC_PAYBACK(cac: Arg, margin_per_period: Arg): Answer {
  return runCustomFunction('CAC_PAYBACK', ['cac', 'margin_per_period'], () =>
    alignedAnswer(
      [
        { name: 'cac', value: cac },
        { name: 'margin_per_period', value: margin_per_period },
      ],
      (c, row) => cacPaybackPeriods(checkedNumberAt(c[0], row, NON_NEGATIVE), checkedNumberAt(c[1], row, POSITIVE)),
    ),
  );
}

const PERIODS: readonly CalendarPeriod[] = ['week', 'month', 'quarter', 'year'];

/**
 * Cohort retention triangle from an order log: one row per acquisition cohort (customers whose first order fell in
 * the same month, by default), its size, then the share of the cohort that ordered 0, 1, 2, ... periods after
 * acquisition. With amounts, revenue per cohort customer instead. Spills a table with a header row.
 * With "persian" as the calendar, cohorts follow the Iranian (Solar Hijri) calendar: months from Farvardin to Esfand,
 * the year from Nowruz, weeks from Saturday; cohorts are named like "1402-05 Mordad" (in Persian: ۱۴۰۲-۰۵ مرداد).
 * Example: =COHORT_RETENTION(A2:A, B2:B, "month")
 * Example: =COHORT_RETENTION(A2:A, B2:B, "month", , "persian")
 *
 * @param {string} customer_ids The customer id of each order (a column).
 * @param {date} order_dates The date of each order (a column of the same height).
 * @param {string} [period] Optional: "week", "month" (default), "quarter" or "year".
 * @param {number} [amounts] Optional: the amount of each order; then each cell is revenue per cohort customer.
 * @param {string} [calendar] Optional: "gregorian" (default) or "persian" (Iranian months, Saturday weeks).
 * @return A table: cohort, customers, then one column per period since acquisition.
 * @customfunction
 * @preserve
 */
export function COHORT_RETENTION(customer_ids: Arg, order_dates: Arg, period?: Arg, amounts?: Arg, calendar?: Arg): Answer {
  return runCustomFunction('COHORT_RETENTION', ['customer_ids', 'order_dates', 'period', 'amounts', 'calendar'], () => {
    const unit = singleChoice('period', period, PERIODS, 'month');
    const system = singleChoice('calendar', calendar, CALENDARS, 'gregorian');
    const orders = readOrders({ ids: customer_ids, dates: order_dates, amounts: isOmitted(amounts) ? undefined : amounts });
    if (orders.days.length === 0) throw new DataError(said('log.empty'), 'customer_ids');
    const limits = { columns: SHEET_COLUMN_LIMIT, cells: SPREADSHEET_CELL_LIMIT };
    const table = forArgument('order_dates', () => cohortRetention(orders.customers, orders.days, unit, orders.amounts, limits, system), orders.sourceRows);
    // Persian cohorts are named in the user's words and digits (the same shape of table, so formulas reading it
    // work with either calendar); Gregorian ones keep their language-free 2024-01.
    const language = system === 'persian' ? userLanguage() : 'en';
    const label = (row: CohortRow): string => (system === 'persian' ? persianPeriodLabel(language, row.start, unit) : row.label);
    const header = ['Cohort', 'Customers', ...Array.from({ length: table.periods }, (_, k) => `${capitalize(unit)} ${k}`)];
    return spill(header, table.rows.length, (i) => [label(table.rows[i]), table.rows[i].size, ...padded(table.rows[i].values, table.periods)], {
      cause: said('metrics.amountsTooLarge'),
    });
  });
}

function padded(values: number[], width: number): (number | string)[] {
  return [...values, ...new Array<string>(width - values.length).fill('')];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
