// The scoring query's UDF: its body is cut out of the BigQuery text CLV_SQL writes and run in a fresh V8 context
// (as BigQuery runs it: JavaScript's built-ins and nothing else), on the customers DuckDB summarised, and each
// customer's P(alive), expected purchases, expected spend and CLV must be the core's (the CLV cell's) to 1e-12.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { DOUBLE, DuckDBScalarFunction } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { gammagamma } from '../../src/core/models/gammagamma';
import { purchaseModel } from '../../src/core/models/registry';
import { compressPatterns } from '../../src/core/rfm';
import { scoreQuery } from '../../src/core/sql/score';
import { summaryQuery, type OrderLogSource } from '../../src/core/sql/summary';
import { UDF_ARGUMENTS, UDF_MAX_BYTES, UDF_MODELS, UDF_UNITS } from '../../src/core/sql/udf';
import { summarizeOrders } from '../../src/core/summary';
import { valueCustomers } from '../../src/core/value';
import { awkwardLog, duckdbSummary, duckdbWith } from './sql-helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Built by the test setup (test/build-once.ts) with the rest of dist/. */
const udfBody = readFileSync(path.join(root, 'dist/udf.js'), 'utf8');

const source: OrderLogSource = { table: 'my-shop-123.sales.orders', idColumn: 'customer_id', dateColumn: 'order_date', amountColumn: 'amount', unit: 'week', dialect: 'bigquery' };

/** The function BigQuery would make of the query's CREATE TEMP FUNCTION, in a context of its own. */
function udfOf(sql: string): (...args: number[]) => Record<string, number | null> {
  const header = /CREATE TEMP FUNCTION clv_score\(([^)]*)\)/.exec(sql);
  const body = /LANGUAGE js AS r"""\n([\s\S]*?)\n""";/.exec(sql);
  if (!header || !body) throw new Error('no UDF in the query');
  const names = header[1].split(',').map((a) => a.trim().replace(/ FLOAT64$/, ''));
  expect(names).toEqual([...UDF_ARGUMENTS]);
  const made: unknown = vm.runInContext(`(function (${names.join(', ')}) {\n${body[1]}\n})`, vm.createContext({}));
  if (typeof made !== 'function') throw new Error('the UDF body did not make a function');
  return (...args: number[]) => {
    const result: unknown = made(...args);
    if (typeof result !== 'object' || result === null) throw new Error('the UDF returned no object');
    return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, typeof v === 'number' ? v : null]));
  };
}

function close(actual: number | null, expected: number): boolean {
  return actual !== null && Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
}

describe('the scoring UDF', () => {
  it('is within BigQuery\'s limit and free of the fitting code', () => {
    expect(Buffer.byteLength(udfBody)).toBeLessThanOrEqual(UDF_MAX_BYTES);
    expect(udfBody).not.toContain('"""');
    expect(udfBody).not.toMatch(/\b(?:require|process|SpreadsheetApp|document|window)\b/);
  });

  const log = awkwardLog(2500, 5);
  for (const model of UDF_MODELS) {
    it(`${model}: every customer DuckDB summarised is scored as the core scores her, to 1e-12`, async () => {
      const core = summarizeOrders({ ids: log.ids, days: log.days, amounts: log.amounts }, { unit: 'week' });
      const purchaseFit = purchaseModel(model).fitted(compressPatterns(core.frequency, core.recency, core.T));
      const spendFit = gammagamma.fitted({ frequency: core.frequency, monetaryValue: core.monetaryValue, negativeSpend: 'skip' });
      expect(purchaseFit.predictor && spendFit.predictor).toBeTruthy();
      const options = { model, unit: 'week' as const, horizonMonths: 18, annualDiscountRate: 0.12, margin: 0.3 };
      const valued = valueCustomers(core, options, { purchases: () => purchaseFit, spend: () => spendFit });
      const names = purchaseModel(model).paramNames;
      const params: [number, number, number, number] = [purchaseFit.fit.params[names[0]], purchaseFit.fit.params[names[1]], purchaseFit.fit.params[names[2]], purchaseFit.fit.params[names[3]]];
      const spend = { p: spendFit.fit.params.p, q: spendFit.fit.params.q, v: spendFit.fit.params.v };
      const sql = scoreQuery(source, { fit: { model, params, spend }, horizonMonths: 18, annualDiscountRate: 0.12, margin: 0.3, udfBody });
      const udf = udfOf(sql);
      // The customers as the warehouse summarises them (DuckDB runs the same rules), scored by the UDF.
      const duck = await duckdbWith(log);
      const rows = await duckdbSummary(duck, summaryQuery({ ...source, table: 'orders', dialect: 'duckdb' }));
      let checked = 0;
      const wrong: string[] = [];
      for (let k = 0; k < core.count; k++) {
        const row = rows.get(String(core.ids[k]));
        if (!row || row.frequency === null || row.recency === null || row.T === null || row.monetary === null) throw new Error(`customer ${core.ids[k]} missing`);
        const got = udf(UDF_MODELS.indexOf(model), ...params, spend.p, spend.q, spend.v, row.frequency, row.recency, row.T, row.monetary, 18, 0.12, 0.3, UDF_UNITS.indexOf('week'));
        const ok = close(got.p_alive, valued.pAlive[k]) && close(got.expected_purchases, valued.expectedPurchases[k]) && close(got.expected_spend, valued.expectedSpend[k]) && close(got.clv, valued.clv[k]);
        if (!ok) wrong.push(`${core.ids[k]}: ${JSON.stringify(got)} vs ${valued.pAlive[k]}, ${valued.expectedPurchases[k]}, ${valued.expectedSpend[k]}, ${valued.clv[k]}`);
        checked++;
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(checked).toBeGreaterThan(2000);
    });
  }

  it('as a DuckDB function: the generated summary and the UDF in one query give every customer the core\'s CLV, to 1e-12', async () => {
    const model = 'bgnbd';
    const core = summarizeOrders({ ids: log.ids, days: log.days, amounts: log.amounts }, { unit: 'week' });
    const purchaseFit = purchaseModel(model).fitted(compressPatterns(core.frequency, core.recency, core.T));
    const spendFit = gammagamma.fitted({ frequency: core.frequency, monetaryValue: core.monetaryValue, negativeSpend: 'skip' });
    const valued = valueCustomers(core, { model, unit: 'week', horizonMonths: 12, annualDiscountRate: 0.1, margin: 0.5 }, { purchases: () => purchaseFit, spend: () => spendFit });
    const { r, alpha, a, b } = purchaseFit.fit.params;
    const { p, q, v } = spendFit.fit.params;
    const udf = udfOf(scoreQuery(source, { fit: { model, params: [r, alpha, a, b], spend: { p, q, v } }, horizonMonths: 12, annualDiscountRate: 0.1, margin: 0.5, udfBody }));
    const duck = await duckdbWith(log);
    // DuckDB runs JavaScript callbacks on its JS thread: the UDF becomes a scalar function of 16 DOUBLE arguments.
    duck.registerScalarFunction(
      DuckDBScalarFunction.create({
        name: 'clv_score_clv',
        mainFunction: (_info, input, output) => {
          const columns = Array.from({ length: UDF_ARGUMENTS.length }, (_, c) => input.getColumnVector(c));
          for (let row = 0; row < input.rowCount; row++) output.setItem(row, udf(...columns.map((column) => Number(column.getItem(row)))).clv);
          output.flush();
        },
        returnType: DOUBLE,
        parameterTypes: UDF_ARGUMENTS.map(() => DOUBLE),
      }),
    );
    const summary = summaryQuery({ ...source, table: 'orders', dialect: 'duckdb' });
    const rows = (
      await duck.runAndReadAll(
        `SELECT CAST(customer_id AS VARCHAR) AS id, clv_score_clv(0, ${[r, alpha, a, b, p, q, v].join(', ')}, CAST(frequency AS DOUBLE), recency, "T", monetary_value, 12, 0.1, 0.5, 1) AS clv
         FROM (${summary}) AS s WHERE frequency IS NOT NULL`,
      )
    ).getRowObjectsJS();
    const byId = new Map(rows.map((row) => [String(row.id), Number(row.clv)]));
    expect(byId.size).toBe(core.count);
    for (let k = 0; k < core.count; k++) expect(close(byId.get(String(core.ids[k])) ?? null, valued.clv[k])).toBe(true);
  });

  it('without a spend model it gives P(alive) and expected purchases, and no CLV', () => {
    const sql = scoreQuery(source, { fit: { model: 'bgnbd', params: [0.24, 4.41, 0.79, 2.43] }, horizonMonths: 12, annualDiscountRate: 0.1, margin: 1, udfBody });
    expect(sql).not.toMatch(/score\.clv/);
    const got = udfOf(sql)(0, 0.24, 4.41, 0.79, 2.43, 0, 0, 0, 2, 30.43, 38.86, 0, 12, 0.1, 1, 1);
    expect(got.p_alive).toBeGreaterThan(0);
    expect(got.clv).toBeNull();
  });
});
