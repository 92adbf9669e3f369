// CLV_SQL through the built bundle (dist/Code.js in the Apps Script harness), end to end as the README's walkthrough
// goes: the patterns query run by a real engine (DuckDB), the pattern table fitted by CLV_FIT_SUMMARY with its
// counts as weights, the Gamma-Gamma table stacked below, the score query's UDF run on every customer, and the
// answer compared with the CLV cell's on the same orders. Then the refusals, as a cell shows them.
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { patternsQuery } from '../../src/core/sql/summary';
import { awkwardLog, duckdbSummary, duckdbWith, numberOrNull, type TestLog } from '../core/sql-helpers';
import { createHarness, type Harness } from './gas';

type Table = unknown[][];
const col = (values: readonly unknown[]): unknown[][] => values.map((v) => [v]);

let gas: Harness;
let log: TestLog;

beforeAll(() => {
  gas = createHarness();
  log = awkwardLog(1500, 21);
});

/** The cell's text, or its error message. */
function sqlCell(...args: unknown[]): string {
  const answer = gas.cell('CLV_SQL', ...args);
  if (typeof answer !== 'string') throw new Error(`CLV_SQL answered ${JSON.stringify(answer).slice(0, 200)}`);
  return answer;
}

function cellError(...args: unknown[]): string {
  try {
    gas.cell('CLV_SQL', ...args);
  } catch (e) {
    // The error comes from the script's realm: not an Error of this one, so its text as Apps Script shows it.
    return String(e).replace(/^Error: /, '');
  }
  throw new Error('no error');
}

describe('CLV_SQL in a cell', () => {
  it('writes the patterns query by default: one text cell, the core generator\'s text, within a cell\'s 50,000 characters', () => {
    const text = sqlCell('my-shop-123.sales.orders', 'customer_id', 'order_date', 'amount');
    expect(text).toBe(patternsQuery({ table: 'my-shop-123.sales.orders', idColumn: 'customer_id', dateColumn: 'order_date', amountColumn: 'amount', unit: 'day', dialect: 'bigquery' }));
    expect(text.length).toBeLessThan(50_000);
    expect(sqlCell('sales.orders', 'id', 'day', '', 'summary', '', 'week', '', 'duckdb', 0.01)).toContain('FROM "sales"."orders"');
  });

  it('the walkthrough: patterns in DuckDB → CLV_FIT_SUMMARY with weights → score query → the CLV cell\'s numbers', async () => {
    const duck = await duckdbWith(log);
    const patterns = (await duck.runAndReadAll(sqlCell('orders', 'customer_id', 'order_date', 'amount', 'patterns', '', '', '', 'duckdb'))).getRowObjectsJS();
    const number = (v: unknown): number => numberOrNull(v) ?? Number.NaN;
    const purchaseFit = gas.cell(
      'CLV_FIT_SUMMARY',
      col(patterns.map((r) => number(r.frequency))),
      col(patterns.map((r) => number(r.recency))),
      col(patterns.map((r) => number(r.T))),
      'bgnbd',
      col(patterns.map((r) => number(r.customers))),
    ) as Table;
    const customers = await duckdbSummary(duck, sqlCell('orders', 'customer_id', 'order_date', 'amount', 'summary', '', '', '', 'duckdb'));
    const buyers = [...customers.values()].filter((r) => r.frequency !== null);
    const spendFit = gas.cell('CLV_FIT_SUMMARY', col(buyers.map((r) => r.frequency)), col(buyers.map((r) => r.recency)), col(buyers.map((r) => r.T)), 'gammagamma', '', col(buyers.map((r) => r.monetary))) as Table;
    // The two tables stacked, as they sit in a sheet one under the other.
    const fit = [...purchaseFit, ['', '', ''], ...spendFit];
    const score = sqlCell('my-shop-123.sales.orders', 'customer_id', 'order_date', 'amount', 'score', '', '', fit, '', '', 12, 0.1, 0.3);
    expect(score.length).toBeLessThan(50_000);
    const header = /CREATE TEMP FUNCTION clv_score\(([^)]*)\)/.exec(score);
    const body = /LANGUAGE js AS r"""\n([\s\S]*?)\n""";/.exec(score);
    const call = /clv_score\((\d+), ([^,]+), ([^,]+), ([^,]+), ([^,]+), ([^,]+), ([^,]+), ([^,]+), CAST\(s\.frequency AS FLOAT64\), s\.recency, s\.`T`, s\.monetary_value, ([^,]+), ([^,]+), ([^,]+), (\d+)\) AS score/.exec(score);
    if (!header || !body || !call) throw new Error('the score query has no UDF or no call');
    const names = header[1].split(', ').map((a) => a.replace(/ FLOAT64$/, ''));
    const made: unknown = vm.runInContext(`(function (${names.join(', ')}) {\n${body[1]}\n})`, vm.createContext({}));
    if (typeof made !== 'function') throw new Error('no function');
    const [model, p1, p2, p3, p4, gp, gq, gv] = call.slice(1, 9).map(Number);
    const [months, rate, margin, unit] = call.slice(9, 13).map(Number);
    expect([months, rate, margin, unit]).toEqual([12, 0.1, 0.3, 0]);

    const clv = gas.cell('CLV', col(log.ids), col(log.days.map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10))), col(log.amounts), 12, 0.1, 0.3) as Table;
    expect(clv[0]).toEqual(['customer_id', 'clv', 'expected_purchases', 'expected_spend_per_order', 'p_alive']);
    let compared = 0;
    for (const row of clv.slice(1)) {
      const c = customers.get(String(row[0]));
      if (!c || c.frequency === null) throw new Error(`customer ${String(row[0])} missing from the summary`);
      const scored: unknown = made(model, p1, p2, p3, p4, gp, gq, gv, c.frequency, c.recency, c.T, c.monetary, months, rate, margin, unit);
      if (typeof scored !== 'object' || scored === null) throw new Error('no score');
      const values = Object.fromEntries(Object.entries(scored));
      // The same orders, fitted once on the weighted pattern table and once inside the CLV cell: the optimiser
      // meets the same maximum, so the values agree closely (not to the last bit: its sums run in another order).
      expect(values.clv).toBeCloseTo(Number(row[1]), 4);
      expect(values.expected_purchases).toBeCloseTo(Number(row[2]), 5);
      expect(values.expected_spend).toBeCloseTo(Number(row[3]), 4);
      expect(values.p_alive).toBeCloseTo(Number(row[4]), 6);
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('refuses names that could carry SQL, saying what a name may hold', () => {
    expect(cellError('orders; DROP TABLE orders', 'customer_id', 'order_date')).toMatch(/^CLV_SQL: table is "orders; DROP TABLE orders", which the add-in will not write into SQL/);
    expect(cellError('sales.orders', 'customer_id`; --', 'order_date')).toMatch(/^CLV_SQL: id_column is "customer_id`; --", which the add-in will not write into SQL/);
    expect(cellError('', 'customer_id', 'order_date')).toMatch(/^CLV_SQL: table is blank/);
  });

  it('refuses a fit without "score", "score" without a fit or on an engine without JavaScript, and a model it cannot score', () => {
    const table: Table = [['model', 'bgnbd', 'BG/NBD'], ['r', 0.24, ''], ['alpha', 4.41, ''], ['a', 0.79, ''], ['b', 2.43, '']];
    expect(cellError('orders', 'id', 'day', '', 'patterns', '', '', table)).toMatch(/^CLV_SQL: fit is given but what is "patterns"/);
    expect(cellError('orders', 'id', 'day', '', 'score')).toMatch(/^CLV_SQL: what "score" needs fit/);
    expect(cellError('orders', 'id', 'day', 'amount', 'score', '', '', table, 'postgres')).toMatch(/BigQuery can do and postgres cannot/);
    const bgbb: Table = [['model', 'bgbb', 'BG/BB'], ['alpha', 1.2, ''], ['beta', 0.75, ''], ['gamma', 0.66, ''], ['delta', 2.78, '']];
    expect(cellError('orders', 'id', 'day', '', 'score', '', '', bgbb)).toMatch(/^CLV_SQL: fit holds a bgbb table/);
    expect(cellError('orders', 'id', 'day', '', 'score', '', '', [...table, ...table])).toMatch(/^CLV_SQL: fit holds two bgnbd tables/);
    expect(cellError('orders', 'id', 'day', '', 'patterns', '', '', '', '', 0)).toMatch(/^CLV_SQL: sample_share/);
    // The fit's unit row decides the unit of the ages unless unit says otherwise, which is refused.
    const weekly: Table = [table[0], ['unit', 'week', ''], ...table.slice(1)];
    expect(sqlCell('orders', 'id', 'day', '', 'score', '', '', weekly)).toMatch(/, 1\) AS score/);
    expect(sqlCell('orders', 'id', 'day', '', 'score', '', 'week', weekly)).toMatch(/unit week/);
    expect(cellError('orders', 'id', 'day', '', 'score', '', 'day', weekly)).toMatch(/^CLV_SQL: unit is "day" but the fit counts ages in weeks/);
    // Without amounts and a gammagamma table: P(alive) and expected purchases only.
    expect(sqlCell('orders', 'id', 'day', '', 'score', '', '', table)).toMatch(/score\.expected_purchases AS expected_purchases\nFROM scored$/);
  });

  it('says its refusals in the user\'s language, names and SQL words kept as typed', () => {
    const said = (locale: string): string => {
      try {
        createHarness({ userLocale: locale }).cell('CLV_SQL', 'orders; --', 'customer_id', 'order_date');
      } catch (e) {
        // Right-to-left messages isolate the function's name and the values (U+2068 … U+2069): read without them.
        return String(e).replace(/^Error: /, '').replace(/[\u2068\u2069]/g, '');
      }
      throw new Error('no error');
    };
    expect(said('fa_IR')).toMatch(/^CLV_SQL: table برابر «orders; --» است و افزونه چنین نامی را در SQL نمی‌نویسد/);
    expect(said('ar_SA')).toMatch(/^CLV_SQL: table هو «orders; --»، ولا تكتب الإضافة/);
    expect(said('fil_PH')).toMatch(/^CLV_SQL: Ang table ay "orders; --", na hindi isusulat ng add-in sa SQL/);
  });
});
