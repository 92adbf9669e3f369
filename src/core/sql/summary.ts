/**
 * The per-customer summary as SQL, with CLV_SUMMARY's rules (core/summary.ts), written once and shared by the three
 * queries: the rows of one customer and day are one purchase day, netted; a day is a purchase when one of its rows is
 * 0 or more (a day of returns only is not); a purchase day spends its net floored at 0, and the repeat purchases'
 * mean is the monetary value; orders after as-of are left out; ages are whole day differences divided by the unit's
 * days (a month 365.25/12), in 64-bit floats, so each number is the one JavaScript gives. Rows whose id or date is
 * NULL are left out (a sheet has no such row: a blank id or date is refused there), and a NULL amount is an order of 0.
 */
import { DataError } from '../errors';
import { said } from '../i18n/said';
import { DAYS_PER_UNIT, type TimeUnit } from '../summary';
import { DIALECTS, type Dialect, type DialectName } from './dialects';
import { columnName, tablePath } from './names';

/** Where the orders are and how to read them, as CLV_SQL's arguments give it. */
export interface OrderLogSource {
  table: string;
  idColumn: string;
  dateColumn: string;
  /** Absent: every order is a purchase and amounts are 0, as CLV_SUMMARY without amounts. */
  amountColumn?: string;
  /** The end of observation as a day number (days since 1970-01-01); absent: the last order day in the table. */
  asOfDay?: number;
  unit: TimeUnit;
  dialect: DialectName;
  /** Share of customers kept, by a hash of their id: (0, 1]; absent or 1 keeps everyone. */
  sampleShare?: number;
}

/** The sample's resolution: a share is kept as whole millionths. */
export const SAMPLE_SCALE = 1_000_000;

/** The checked, quoted pieces every query is made of. */
export interface PreparedSource {
  dialect: Dialect;
  source: OrderLogSource;
  /** The WITH clauses that end in `summary` (one row per customer, CLV_SUMMARY's columns). */
  ctes: string;
  /** A comment line saying what was read, for the top of each query. */
  described: string;
}

export function prepareSource(source: OrderLogSource): PreparedSource {
  const dialect = DIALECTS[source.dialect];
  const table = dialect.table(tablePath(source.table));
  const id = columnName(source.idColumn, 'id_column');
  const date = columnName(source.dateColumn, 'date_column');
  const amount = source.amountColumn === undefined ? undefined : columnName(source.amountColumn, 'amount_column');
  const named: [string, string][] = [['id_column', id], ['date_column', date], ...(amount === undefined ? [] : [['amount_column', amount] as [string, string]])];
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      if (named[i][1].toLowerCase() === named[j][1].toLowerCase()) {
        throw new DataError(said('sql.column.same', { first: named[i][0], second: named[j][0], column: named[i][1] }), named[j][0]);
      }
    }
  }
  const asOf = source.asOfDay;
  if (asOf !== undefined && !Number.isInteger(asOf)) throw new RangeError(`asOfDay must be a whole day number, not ${asOf}`);
  const threshold = sampleThreshold(source.sampleShare);
  const f = dialect.float;
  const q = dialect.column;
  const amountOf = amount === undefined ? `CAST(0 AS ${f})` : `COALESCE(CAST(${q(amount)} AS ${f}), 0)`;
  // The sample picks customers after as-of is set: the default as-of is the last order of the whole table, so a
  // sampled customer's T is the one she has in the full summary.
  const sample = threshold === null ? '' : `\n    AND ${dialect.sampleKey('o.customer_id')} < ${threshold}`;
  const perUnit = (days: string): string => (source.unit === 'day' ? `CAST(${days} AS ${f})` : `CAST(${days} AS ${f}) / CAST(${DAYS_PER_UNIT[source.unit]} AS ${f})`);
  const ctes = `WITH orders AS (
  SELECT ${q(id)} AS customer_id, ${dialect.dayNumber(q(date))} AS day, ${amountOf} AS amount
  FROM ${table}
  WHERE ${q(id)} IS NOT NULL AND ${q(date)} IS NOT NULL
),
as_of AS (
  SELECT ${asOf === undefined ? 'MAX(day) AS day FROM orders' : `${asOf} AS day`}
),
days AS (
  -- One row per customer and day: the day's orders netted; a purchase unless every row of it is a return.
  SELECT o.customer_id, o.day, COUNT(*) AS orders, SUM(o.amount) AS net,
    ${amount === undefined ? '1' : 'MAX(CASE WHEN o.amount >= 0 THEN 1 ELSE 0 END)'} AS purchase
  FROM orders AS o CROSS JOIN as_of AS a
  WHERE o.day <= a.day${sample}
  GROUP BY o.customer_id, o.day
),
marked AS (
  SELECT d.*, MIN(CASE WHEN d.purchase = 1 THEN d.day END) OVER (PARTITION BY d.customer_id) AS first_day
  FROM days AS d
),
customers AS (
  SELECT customer_id,
    SUM(purchase) AS purchase_days,
    MIN(first_day) AS first_day,
    MAX(CASE WHEN purchase = 1 THEN day END) AS last_day,
    SUM(orders) AS orders,
    SUM(net) AS total_amount,
    -- Repeat purchase days spend their net, never less than 0 (a return of goods bought on an earlier day).
    SUM(CASE WHEN purchase = 1 AND day > first_day THEN GREATEST(net, 0) ELSE 0 END) AS repeat_amount
  FROM marked
  GROUP BY customer_id
),
summary AS (
  -- A customer with returns only keeps orders and total; the rest is NULL, as CLV_SUMMARY leaves it blank.
  SELECT c.customer_id,
    CASE WHEN c.purchase_days > 0 THEN c.purchase_days - 1 END AS frequency,
    ${perUnit('c.last_day - c.first_day')} AS recency,
    ${perUnit('a.day - c.first_day')} AS ${q('T')},
    CASE WHEN c.purchase_days > 1 THEN c.repeat_amount / (c.purchase_days - 1) WHEN c.purchase_days = 1 THEN CAST(0 AS ${f}) END AS monetary_value,
    ${dialect.dateOfDay('c.first_day')} AS first_order,
    ${dialect.dateOfDay('c.last_day')} AS last_order,
    c.orders,
    c.total_amount
  FROM customers AS c CROSS JOIN as_of AS a
)`;
  const described =
    `-- Orders of ${table}: customer ${q(id)}, date ${q(date)}, ${amount === undefined ? 'no amounts' : `amount ${q(amount)}`}; ` +
    `as of ${asOf === undefined ? 'the last order date' : isoDay(asOf)}; unit ${source.unit}` +
    (threshold === null ? '' : `; a sample of ${threshold / (SAMPLE_SCALE / 100)}% of customers by a hash of their id`) +
    '.\n-- Written by Customer Value for Google Sheets (CLV_SQL): the rules of CLV_SUMMARY.\n';
  return { dialect, source, ctes, described };
}

/** The sample's bound on the hash key (0 … 999,999), or null for everyone. */
function sampleThreshold(share: number | undefined): number | null {
  if (share === undefined) return null;
  if (!(share > 0 && share <= 1)) throw new RangeError(`sampleShare must be in (0, 1], not ${share}`);
  const threshold = Math.max(1, Math.round(share * SAMPLE_SCALE));
  return threshold >= SAMPLE_SCALE ? null : threshold;
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** One row per customer: CLV_SUMMARY's columns. */
export function summaryQuery(source: OrderLogSource): string {
  const p = prepareSource(source);
  const q = p.dialect.column;
  return `${p.described}${p.ctes}
SELECT customer_id, frequency, recency, ${q('T')}, monetary_value, first_order, last_order, orders, total_amount
FROM summary`;
}

/**
 * One row per distinct (frequency, recency, T) with its number of customers: what CLV_FIT_SUMMARY fits with the
 * count as weights, as the core compresses customers before every fit (core/rfm.ts). Customers with returns only
 * have no purchase to count from and are left out, as every fit leaves them out.
 */
export function patternsQuery(source: OrderLogSource): string {
  const p = prepareSource(source);
  const q = p.dialect.column;
  return `${p.described}-- Fit with =CLV_FIT_SUMMARY(frequency, recency, T, "bgnbd", customers) on the rows this gives.
${p.ctes}
SELECT frequency, recency, ${q('T')}, COUNT(*) AS customers
FROM summary
WHERE frequency IS NOT NULL
GROUP BY frequency, recency, ${q('T')}
ORDER BY customers DESC, frequency, recency, ${q('T')}`;
}
