// The "postgres" dialect on a real Postgres (PGlite: Postgres compiled to WebAssembly, in process, offline): the
// summary equals summarizeOrders, and the sample keeps a deterministic share of customers.
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { compressPatterns } from '../../src/core/rfm';
import { patternsQuery, summaryQuery, type OrderLogSource } from '../../src/core/sql/summary';
import { summarizeOrders } from '../../src/core/summary';
import { awkwardLog, numberOrNull } from './sql-helpers';

const source: OrderLogSource = { table: 'shop.Orders', idColumn: 'Customer', dateColumn: 'order_date', amountColumn: 'amount', unit: 'week', dialect: 'postgres' };

describe('the postgres dialect on PGlite', () => {
  it('summary equals summarizeOrders exactly on a log with same-day orders and returns; patterns equal compressPatterns', async () => {
    const log = awkwardLog(400, 3);
    const db = new PGlite();
    // Mixed-case names that only quoting reaches, and dates as DATE.
    await db.exec('CREATE SCHEMA shop; CREATE TABLE shop."Orders" ("Customer" TEXT, order_date DATE, amount DOUBLE PRECISION);');
    const values = log.ids.map((id, i) => `('${id}', DATE '1970-01-01' + ${log.days[i]}, ${log.amounts[i]})`);
    for (let i = 0; i < values.length; i += 2000) await db.exec(`INSERT INTO shop."Orders" VALUES ${values.slice(i, i + 2000).join(', ')};`);
    const asOfDay = Math.max(...log.days) - 30;
    const result = await db.query<Record<string, unknown>>(
      `SELECT CAST(customer_id AS TEXT) AS id, CAST(frequency AS DOUBLE PRECISION) AS frequency, recency, "T" AS t, monetary_value,
         CAST(first_order - DATE '1970-01-01' AS DOUBLE PRECISION) AS first_day, CAST(orders AS DOUBLE PRECISION) AS orders,
         CAST(total_amount AS DOUBLE PRECISION) AS total FROM (${summaryQuery({ ...source, asOfDay })}) AS s ORDER BY id`,
    );
    const s = summarizeOrders({ ids: log.ids, days: log.days, amounts: log.amounts }, { asOfDay, unit: 'week' });
    const want = new Map<string, (number | null)[]>();
    for (let k = 0; k < s.count; k++) want.set(String(s.ids[k]), [s.frequency[k], s.recency[k], s.T[k], s.monetaryValue[k], s.firstDay[k], s.orders[k], s.totalAmount[k]]);
    s.returnsOnly.ids.forEach((id, j) => want.set(String(id), [null, null, null, null, null, s.returnsOnly.orders[j], s.returnsOnly.totalAmount[j]]));
    expect(result.rows.length).toBe(want.size);
    for (const r of result.rows) {
      const got = [r.frequency, r.recency, r.t, r.monetary_value, r.first_day, r.orders, r.total].map(numberOrNull);
      expect([String(r.id), ...got]).toEqual([String(r.id), ...(want.get(String(r.id)) ?? [])]);
    }
    const patterns = await db.query<Record<string, unknown>>(`SELECT * FROM (${patternsQuery({ ...source, asOfDay })}) AS p`);
    const p = compressPatterns(s.frequency, s.recency, s.T);
    const wanted = Array.from({ length: p.count }, (_, i) => `${p.x[i]}|${p.tx[i]}|${p.T[i]}|${p.w[i]}`).sort();
    expect(patterns.rows.map((r) => [r.frequency, r.recency, r.T, r.customers].map(numberOrNull).join('|')).sort()).toEqual(wanted);
    const sampled = await db.query<Record<string, unknown>>(`SELECT COUNT(*) AS n FROM (${summaryQuery({ ...source, sampleShare: 0.5 })}) AS s`);
    const share = Number(sampled.rows[0].n) / want.size;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
    await db.close();
  });
});
