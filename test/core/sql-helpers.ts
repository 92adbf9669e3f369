// Shared by the SQL tests: order logs with what makes summaries hard (same-day orders, returns, returns-only
// customers, $0 orders), loaded into an in-process DuckDB, and the generated SQL's rows read back as numbers.
import { DuckDBConnection, DuckDBDateValue, DuckDBInstance } from '@duckdb/node-api';
import { dayFromYmd } from '../../src/core/dates';
import { generateOrderLog } from '../../src/core/generate';
import { Random } from '../../src/core/random';

export interface TestLog {
  ids: string[];
  days: number[];
  amounts: number[];
}

/**
 * A generated log made awkward: amounts in quarters (sums of them are exact in any order, so an engine that adds in
 * another order still gives the same double), extra orders on a purchase day, returns on purchase days (some larger
 * than the day's purchases), returns on days without a purchase, $0 orders and customers with returns only.
 */
export function awkwardLog(customers: number, seed = 7, cents = false): TestLog {
  const start = dayFromYmd(2024, 1, 1);
  const base = generateOrderLog({ seed, customers, startDay: start, days: 400, acquisitionDays: 300 });
  const rng = new Random(seed + 1);
  const money = (x: number): number => (cents ? Math.round(x * 100) / 100 : Math.round(x * 4) / 4);
  const log: TestLog = { ids: [], days: [], amounts: [] };
  const add = (id: string, day: number, amount: number): void => {
    log.ids.push(id);
    log.days.push(day);
    log.amounts.push(amount);
  };
  for (let i = 0; i < base.days.length; i++) {
    const id = base.customerIds[i];
    const day = base.days[i];
    const amount = money(base.amounts[i]);
    const u = rng.uniform();
    add(id, day, u < 0.03 ? 0 : amount);
    if (u < 0.1) add(id, day, money(amount / 3 + 1));
    else if (u < 0.18) add(id, day, -money(amount * (u < 0.14 ? 0.5 : 1.5)));
    else if (u < 0.22) add(id, day + 3, -money(amount / 2));
  }
  for (let k = 0; k < 5; k++) add(`R${k}`, start + 50 + k, -money(10 + k));
  return log;
}

/** A fresh in-memory DuckDB holding the log as `orders(customer_id VARCHAR, order_date DATE, amount DOUBLE)`. */
export async function duckdbWith(log: TestLog, table = 'orders'): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE ${table} (customer_id VARCHAR, order_date DATE, amount DOUBLE)`);
  const appender = await connection.createAppender(table);
  for (let i = 0; i < log.ids.length; i++) {
    appender.appendVarchar(log.ids[i]);
    appender.appendDate(new DuckDBDateValue(log.days[i]));
    appender.appendDouble(log.amounts[i]);
    appender.endRow();
  }
  appender.closeSync();
  return connection;
}

/** A summary row read back: numbers, NULL as null, dates as day numbers. */
export interface SummaryRow {
  id: string;
  frequency: number | null;
  recency: number | null;
  T: number | null;
  monetary: number | null;
  firstDay: number | null;
  lastDay: number | null;
  orders: number;
  total: number;
}

/** Runs a summary query (any dialect's text that DuckDB reads) and reads its rows by customer id. */
export async function duckdbSummary(connection: DuckDBConnection, sql: string): Promise<Map<string, SummaryRow>> {
  const wrapped = `SELECT CAST(customer_id AS VARCHAR) AS id, CAST(frequency AS DOUBLE) AS frequency, CAST(recency AS DOUBLE) AS recency,
    CAST("T" AS DOUBLE) AS t, CAST(monetary_value AS DOUBLE) AS monetary, CAST(first_order - DATE '1970-01-01' AS DOUBLE) AS first_day,
    CAST(last_order - DATE '1970-01-01' AS DOUBLE) AS last_day, CAST(orders AS DOUBLE) AS orders, CAST(total_amount AS DOUBLE) AS total
    FROM (${sql}) AS generated`;
  const rows = (await connection.runAndReadAll(wrapped)).getRowObjectsJS();
  const out = new Map<string, SummaryRow>();
  for (const r of rows) {
    out.set(String(r.id), {
      id: String(r.id),
      frequency: numberOrNull(r.frequency),
      recency: numberOrNull(r.recency),
      T: numberOrNull(r.t),
      monetary: numberOrNull(r.monetary),
      firstDay: numberOrNull(r.first_day),
      lastDay: numberOrNull(r.last_day),
      orders: Number(r.orders),
      total: Number(r.total),
    });
  }
  return out;
}

export function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
