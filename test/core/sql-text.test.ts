// The SQL text itself: BigQuery's parsed by a parser that knows its dialect, names that could carry SQL refused
// before they reach a query, and the UDF's size limit enforced by the build.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import parser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/errors';
import { render } from '../../src/core/i18n/errors';
import { scoreQuery } from '../../src/core/sql/score';
import { patternsQuery, summaryQuery, type OrderLogSource } from '../../src/core/sql/summary';
import { UDF_MAX_BYTES } from '../../src/core/sql/udf';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const udfBody = readFileSync(path.join(root, 'dist/udf.js'), 'utf8');

const bigquery: OrderLogSource = { table: 'my-shop-123.sales.orders', idColumn: 'customer_id', dateColumn: 'order_date', amountColumn: 'amount', unit: 'day', dialect: 'bigquery' };
const fit = { model: 'bgnbd' as const, params: [0.243, 4.414, 0.793, 2.426] as const, spend: { p: 6.25, q: 3.74, v: 15.44 } };

function parsesAsBigQuery(sql: string): void {
  const ast = new parser.Parser().astify(sql, { database: 'bigquery' });
  const statements = Array.isArray(ast) ? ast : [ast];
  expect(statements.map((s) => s.type)).toEqual(['select']);
}

/** The English message of a refusal, with the argument it names. */
function refusal(work: () => unknown): { argument: string | undefined; message: string } {
  try {
    work();
  } catch (e) {
    if (e instanceof DataError) return { argument: e.argument, message: e.said ? render('en', e.said) : e.message };
    throw e;
  }
  throw new Error('not refused');
}

describe('the BigQuery text', () => {
  it('summary and patterns parse as BigQuery SQL, with and without amounts, as_of, unit and a sample', () => {
    parsesAsBigQuery(summaryQuery(bigquery));
    parsesAsBigQuery(patternsQuery(bigquery));
    parsesAsBigQuery(patternsQuery({ ...bigquery, amountColumn: undefined, asOfDay: 19_800, unit: 'month', sampleShare: 0.01 }));
    parsesAsBigQuery(summaryQuery({ ...bigquery, table: 'orders', unit: 'week', sampleShare: 0.5 }));
  });

  it('score is one CREATE TEMP FUNCTION … LANGUAGE js with the body inlined, then a query that parses as BigQuery SQL', () => {
    const sql = scoreQuery(bigquery, { fit, horizonMonths: 12, annualDiscountRate: 0.1, margin: 0.3, udfBody });
    const match = /^([\s\S]*?)CREATE TEMP FUNCTION clv_score\(([^)]*)\)\nRETURNS STRUCT<[^>]+>\nLANGUAGE js AS r"""\n([\s\S]*)\n""";\n([\s\S]*)$/.exec(sql);
    expect(match).not.toBeNull();
    if (!match) return;
    expect(match[1].split('\n').every((line) => line === '' || line.startsWith('--'))).toBe(true);
    expect(match[2].split(', ').every((a) => / FLOAT64$/.test(a))).toBe(true);
    expect(match[3]).toBe(udfBody);
    parsesAsBigQuery(match[4]);
    expect(sql.length).toBeLessThan(50_000);
  });

  it('quotes the table path with backticks and numbers days as UNIX_DATE does', () => {
    const sql = summaryQuery(bigquery);
    expect(sql).toContain('FROM `my-shop-123.sales.orders`');
    expect(sql).toContain('UNIX_DATE(CAST(`order_date` AS DATE))');
  });
});

describe('names that could carry SQL are refused', () => {
  const bad = [
    'orders; DROP TABLE orders',
    'orders --',
    'orders/*',
    "orders' OR '1'='1",
    'orders"',
    'my-shop.sales.orders`; SELECT 1; `x',
    'a.b.c.d',
    'sales..orders',
    'sales.orders-2024',
    'sales.my orders',
    '-shop.sales.orders',
    'shop-.sales.orders',
    'orders\nUNION SELECT 1',
    'заказы',
    '`orders',
  ];
  for (const table of bad) {
    it(`table ${JSON.stringify(table)}`, () => {
      const r = refusal(() => summaryQuery({ ...bigquery, table }));
      expect(r.argument).toBe('table');
      expect(r.message).toMatch(/^table is ".*", which the add-in will not write into SQL/);
    });
  }
  const badColumns = ['order date', 'order_date;', 'order_date"', 'order_date`', '1st', 'a-b', "x') OR 1=1 --", 'amount)', ''];
  for (const column of badColumns) {
    it(`column ${JSON.stringify(column)}`, () => {
      const r = refusal(() => patternsQuery({ ...bigquery, amountColumn: column }));
      expect(r.argument).toBe('amount_column');
      expect(r.message).toMatch(column === '' ? /^amount_column is blank/ : /^amount_column is ".*", which the add-in will not write into SQL/);
    });
  }

  it('accepts project ids with hyphens, dataset.table, a lone table and the console\'s backticks', () => {
    expect(summaryQuery({ ...bigquery, table: 'my-shop-123.sales.orders' })).toContain('`my-shop-123.sales.orders`');
    expect(summaryQuery({ ...bigquery, table: 'sales.orders' })).toContain('`sales.orders`');
    expect(summaryQuery({ ...bigquery, table: '`my-shop-123.sales.orders`' })).toContain('FROM `my-shop-123.sales.orders`\n');
    expect(summaryQuery({ ...bigquery, dialect: 'postgres', table: 'public.Orders', idColumn: 'Select' })).toContain('FROM "public"."Orders"');
  });

  it('refuses one column for two roles, and "score" where the engine cannot run JavaScript', () => {
    expect(refusal(() => summaryQuery({ ...bigquery, dateColumn: 'Customer_ID' })).message).toBe('id_column and date_column are the same column (customer_id); give each its own column');
    const r = refusal(() => scoreQuery({ ...bigquery, dialect: 'duckdb' }, { fit, horizonMonths: 12, annualDiscountRate: 0.1, margin: 1, udfBody }));
    expect(r.argument).toBe('dialect');
    expect(r.message).toContain('BigQuery can do and duckdb cannot');
    expect(refusal(() => scoreQuery({ ...bigquery, amountColumn: undefined }, { fit, horizonMonths: 12, annualDiscountRate: 0.1, margin: 1, udfBody })).argument).toBe('amount_column');
  });
});

describe('the build holds the UDF to BigQuery\'s 32,768 bytes', () => {
  it('dist/udf.js is within the limit, and checkUdf refuses a body one byte over it', async () => {
    expect(Buffer.byteLength(udfBody)).toBeLessThanOrEqual(UDF_MAX_BYTES);
    const build: unknown = await import(path.join(root, 'build.mjs'));
    const checkUdf = typeof build === 'object' && build !== null && 'checkUdf' in build ? build.checkUdf : null;
    const limit = typeof build === 'object' && build !== null && 'UDF_MAX_BYTES' in build ? build.UDF_MAX_BYTES : null;
    if (typeof checkUdf !== 'function') throw new Error('build.mjs exports no checkUdf');
    expect(limit).toBe(UDF_MAX_BYTES);
    const args = /CREATE TEMP FUNCTION clv_score\(([^)]*)\)/.exec(scoreQuery(bigquery, { fit, horizonMonths: 12, annualDiscountRate: 0.1, margin: 1, udfBody }))?.[1].split(', ').map((a) => a.replace(/ FLOAT64$/, ''));
    expect(checkUdf(udfBody, args)).toBe(Buffer.byteLength(udfBody));
    const padded = `${udfBody}\n//${'x'.repeat(UDF_MAX_BYTES - Buffer.byteLength(udfBody) - 2)}`;
    expect(Buffer.byteLength(padded)).toBe(UDF_MAX_BYTES + 1);
    expect(() => checkUdf(padded, args)).toThrow(/over BigQuery's 32768-byte limit/);
    expect(() => checkUdf(`${udfBody}\n// """`, args)).toThrow(/"""/);
  });
});
