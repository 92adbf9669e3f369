// The SQL generator against the core, on a real engine: DuckDB runs the "duckdb" dialect's queries on generated logs
// with same-day orders and returns, and every number must be the one summarizeOrders and compressPatterns give.
import { describe, expect, it } from 'vitest';
import { compressPatterns } from '../../src/core/rfm';
import { patternsQuery, summaryQuery, type OrderLogSource } from '../../src/core/sql/summary';
import { summarizeOrders, type DetailedSummary, type TimeUnit } from '../../src/core/summary';
import { awkwardLog, duckdbSummary, duckdbWith, numberOrNull, type SummaryRow, type TestLog } from './sql-helpers';

const source = (over: Partial<OrderLogSource> = {}): OrderLogSource => ({
  table: 'orders',
  idColumn: 'customer_id',
  dateColumn: 'order_date',
  amountColumn: 'amount',
  unit: 'day',
  dialect: 'duckdb',
  ...over,
});

/** The core's summary as rows by id, returns-only customers included as CLV_SUMMARY lists them. */
function coreRows(log: TestLog, asOfDay: number | undefined, unit: TimeUnit, amounts = true): Map<string, SummaryRow> {
  const s: DetailedSummary = summarizeOrders({ ids: log.ids, days: log.days, amounts: amounts ? log.amounts : undefined }, { asOfDay, unit });
  const out = new Map<string, SummaryRow>();
  for (let k = 0; k < s.count; k++) {
    const id = String(s.ids[k]);
    out.set(id, {
      id,
      frequency: s.frequency[k],
      recency: s.recency[k],
      T: s.T[k],
      monetary: s.monetaryValue[k],
      firstDay: s.firstDay[k],
      lastDay: s.lastDay[k],
      orders: s.orders[k],
      total: s.totalAmount[k],
    });
  }
  s.returnsOnly.ids.forEach((id, j) => {
    out.set(String(id), { id: String(id), frequency: null, recency: null, T: null, monetary: null, firstDay: null, lastDay: null, orders: s.returnsOnly.orders[j], total: s.returnsOnly.totalAmount[j] });
  });
  return out;
}

function sorted(rows: Map<string, SummaryRow>): SummaryRow[] {
  return [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

describe('the duckdb dialect on a generated log with same-day orders and returns', () => {
  const log = awkwardLog(3000);

  it('the log has what it is meant to test', () => {
    const negatives = log.amounts.filter((a) => a < 0).length;
    expect(negatives).toBeGreaterThan(300);
    expect(log.amounts.filter((a) => a === 0).length).toBeGreaterThan(50);
    const dayKeys = log.ids.map((id, i) => `${id}|${log.days[i]}`);
    expect(new Set(dayKeys).size).toBeLessThan(dayKeys.length - 500);
  });

  it('summary equals summarizeOrders exactly, in every unit, with and without as_of', async () => {
    const duck = await duckdbWith(log);
    const lastDay = Math.max(...log.days);
    for (const unit of ['day', 'week', 'month', 'year'] as const) {
      for (const asOfDay of [undefined, lastDay - 120]) {
        const got = await duckdbSummary(duck, summaryQuery(source({ unit, asOfDay })));
        const want = coreRows(log, asOfDay, unit);
        expect(got.size).toBe(want.size);
        expect(sorted(got)).toEqual(sorted(want));
      }
    }
  });

  it('without amounts every order is a purchase, as summarizeOrders counts it', async () => {
    const duck = await duckdbWith(log);
    const got = await duckdbSummary(duck, summaryQuery(source({ amountColumn: undefined, unit: 'week' })));
    expect(sorted(got)).toEqual(sorted(coreRows(log, undefined, 'week', false)));
  });

  it('amounts in cents: the money columns agree to rounding (an engine adds in its own order), the rest exactly', async () => {
    const cents = awkwardLog(1500, 11, true);
    const duck = await duckdbWith(cents);
    const got = sorted(await duckdbSummary(duck, summaryQuery(source({ unit: 'month' }))));
    const want = sorted(coreRows(cents, undefined, 'month'));
    expect(got.map((r) => [r.id, r.frequency, r.recency, r.T, r.orders])).toEqual(want.map((r) => [r.id, r.frequency, r.recency, r.T, r.orders]));
    got.forEach((r, i) => {
      expect(r.total).toBeCloseTo(want[i].total, 6);
      expect(r.monetary ?? 0).toBeCloseTo(want[i].monetary ?? 0, 6);
    });
  });

  it('the pattern table equals the core compressed patterns', async () => {
    const duck = await duckdbWith(log);
    for (const unit of ['day', 'week'] as const) {
      const rows = (await duck.runAndReadAll(`SELECT CAST(frequency AS DOUBLE) AS x, recency, "T" AS t, CAST(customers AS DOUBLE) AS w FROM (${patternsQuery(source({ unit }))}) AS p`)).getRowObjectsJS();
      const s = summarizeOrders({ ids: log.ids, days: log.days, amounts: log.amounts }, { unit });
      const p = compressPatterns(s.frequency, s.recency, s.T);
      const want = Array.from({ length: p.count }, (_, i) => `${p.x[i]}|${p.tx[i]}|${p.T[i]}|${p.w[i]}`).sort();
      const got = rows.map((r) => `${numberOrNull(r.x)}|${numberOrNull(r.recency)}|${numberOrNull(r.t)}|${numberOrNull(r.w)}`).sort();
      expect(got).toEqual(want);
      // The largest patterns first: the rows to keep if a sheet cannot hold them all.
      const weights = rows.map((r) => Number(r.w));
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
    }
  });

  it('sample_share keeps the same customers every time, about that share of them, each with its full summary', async () => {
    const duck = await duckdbWith(log);
    const all = await duckdbSummary(duck, summaryQuery(source()));
    const first = await duckdbSummary(duck, summaryQuery(source({ sampleShare: 0.2 })));
    const again = await duckdbSummary(duck, summaryQuery(source({ sampleShare: 0.2 })));
    expect(sorted(again)).toEqual(sorted(first));
    expect(first.size / all.size).toBeGreaterThan(0.16);
    expect(first.size / all.size).toBeLessThan(0.24);
    // A sampled customer's row is her own, T included: the default as-of is the whole table's last order, not the sample's.
    for (const row of first.values()) expect(row).toEqual(all.get(row.id));
    const sampledPatterns = (await duck.runAndReadAll(`SELECT SUM(customers) AS n FROM (${patternsQuery(source({ sampleShare: 0.2 }))}) AS p`)).getRowObjectsJS();
    expect(Number(sampledPatterns[0].n)).toBe([...first.values()].filter((r) => r.frequency !== null).length);
  });
});
