/**
 * CLV_SQL: the add-in's customer summary and scoring written as SQL, for order logs too large for a sheet (a
 * warehouse such as BigQuery): the warehouse does what grows with the orders, the sheet fits the models on the
 * compact pattern table. Every export of this file is a public cell function (index.ts exports them all).
 */
import { DataError } from '../../core/errors';
import { said } from '../../core/i18n/said';
import { DIALECT_NAMES } from '../../core/sql/dialects';
import { scoreQuery, type ScoreFit } from '../../core/sql/score';
import { patternsQuery, summaryQuery, type OrderLogSource } from '../../core/sql/summary';
import { UDF_MODELS } from '../../core/sql/udf';
import { isOmitted, runCustomFunction, singleChoice, singleDay, singleNumber, singleValue, SHARE, type Answer, type Arg, type Cell } from '../args';
import { readFitTable, type FitOfTable } from '../fitTables';
import { readUnit } from '../pipeline';

/** The scoring UDF's body (dist/udf.js), put here by build.mjs. */
declare const __CLV_UDF_BODY__: string;

/**
 * Writes SQL that summarises an order log kept in BigQuery (or DuckDB, Postgres) with the rules of CLV_SUMMARY, for
 * logs too big for a sheet. "patterns" (default): one row per distinct (frequency, recency, T) with its number of
 * customers, to fit with CLV_FIT_SUMMARY(..., weights). "summary": one row per customer. "score": every customer's
 * P(alive), expected purchases and CLV from a fit you made. Paste the text into the BigQuery console or a Connected
 * Sheets data source. Example: =CLV_SQL("my-shop-123.sales.orders", "customer_id", "order_date", "amount")
 *
 * @param {string} table The table of orders, e.g. "my-shop-123.sales.orders" (project.dataset.table).
 * @param {string} id_column The name of its customer id column, e.g. "customer_id".
 * @param {string} date_column The name of its order date column (a DATE or TIMESTAMP), e.g. "order_date".
 * @param {string} [amount_column] Optional: the name of its amount column (negative for returns).
 * @param {string} [what] Optional: "patterns" (default), "summary" or "score".
 * @param {date} [as_of] Optional: the day to measure ages at; later orders are ignored. Default: the last order date.
 * @param {string} [unit] Optional: "day" (default), "week", "month" or "year" for recency and T. For "score": the fit's unit.
 * @param {string} [fit] For "score": the table CLV_FIT_SUMMARY spilled (bgnbd, mbgnbd or paretonbd), with the gammagamma one below it for CLV.
 * @param {string} [dialect] Optional: "bigquery" (default), "duckdb" or "postgres".
 * @param {number} [sample_share] Optional: the share of customers to keep, e.g. 1% (the same customers every time). Default: all.
 * @param {number} [horizon_months] Optional, for "score": months ahead to value. Default 12.
 * @param {number} [annual_discount_rate] Optional, for "score": yearly discount rate. Default 10%.
 * @param {number} [margin] Optional, for "score": share of spend kept as margin, e.g. 30%. Default 100%.
 * @return The SQL text in one cell.
 * @customfunction
 * @preserve
 */
export function CLV_SQL(
  table: Arg,
  id_column: Arg,
  date_column: Arg,
  amount_column?: Arg,
  what?: Arg,
  as_of?: Arg,
  unit?: Arg,
  fit?: Arg,
  dialect?: Arg,
  sample_share?: Arg,
  horizon_months?: Arg,
  annual_discount_rate?: Arg,
  margin?: Arg,
): Answer {
  const parameters = ['table', 'id_column', 'date_column', 'amount_column', 'what', 'as_of', 'unit', 'fit', 'dialect', 'sample_share', 'horizon_months', 'annual_discount_rate', 'margin'];
  return runCustomFunction('CLV_SQL', parameters, () => {
    const query = singleChoice('what', what, QUERIES, 'patterns');
    const hasFit = fit !== undefined && !isOmitted(fit);
    if (hasFit && query !== 'score') throw new DataError(said('sql.fit.unused', { what: query }), 'fit');
    const scoring = query === 'score' ? readScoreFit(fit) : null;
    const share = singleNumber('sample_share', sample_share, { min: 0, minInclusive: false, max: 1, percent: true, rule: said('sql.rule.sampleShare') }, 1);
    const source: OrderLogSource = {
      table: nameIn('table', table) ?? '',
      idColumn: nameIn('id_column', id_column) ?? '',
      dateColumn: nameIn('date_column', date_column) ?? '',
      amountColumn: nameIn('amount_column', amount_column),
      asOfDay: singleDay('as_of', as_of),
      unit: readUnit(unit),
      dialect: singleChoice('dialect', dialect, DIALECT_NAMES, 'bigquery'),
      sampleShare: share < 1 ? share : undefined,
    };
    let sql: string;
    if (scoring) {
      const fitUnit = scoring.unit;
      if (fitUnit && !isOmitted(unit ?? '') && fitUnit !== source.unit) throw new DataError(said('sql.unit.mismatch', { unit: source.unit, fitUnit }), 'unit');
      sql = scoreQuery(
        { ...source, unit: fitUnit ?? source.unit },
        {
          fit: scoring.fit,
          horizonMonths: singleNumber('horizon_months', horizon_months, { min: 1, max: 1200, integer: true, rule: said('rule.months') }, 12),
          annualDiscountRate: singleNumber('annual_discount_rate', annual_discount_rate, { min: 0, max: 10, percent: true, rule: said('rule.rate') }, 0.1),
          margin: singleNumber('margin', margin, SHARE, 1),
          udfBody: typeof __CLV_UDF_BODY__ === 'string' ? __CLV_UDF_BODY__ : '',
        },
      );
    } else sql = query === 'summary' ? summaryQuery(source) : patternsQuery(source);
    if (sql.length > CELL_CHARACTERS) throw new DataError(said('sql.tooLong', { length: sql.length }));
    return sql;
  });
}

const QUERIES = ['patterns', 'summary', 'score'] as const;

/** Most characters a Sheets cell holds. */
const CELL_CHARACTERS = 50_000;

/** A name argument's text (a table or a column); undefined when blank. Numbers and dates are names the checks refuse. */
function nameIn(name: string, arg: Arg | undefined): string | undefined {
  const column = singleValue(name, arg, said('sql.oneName'));
  if (!column) return undefined;
  const cell: Cell = column.cells[0];
  return cell instanceof Date ? cell.toISOString() : String(cell);
}

/**
 * The fit of a "score" query: a purchase model's table as CLV_FIT_SUMMARY spills it, optionally stacked above (or
 * below) a gammagamma table. Each table is read by readFitTable, the reader CLV_PREDICT uses.
 */
function readScoreFit(fit: Arg | undefined): { fit: ScoreFit; unit?: FitOfTable['unit'] } {
  if (fit === undefined || isOmitted(fit)) throw new DataError(said('sql.fit.missing'), 'fit');
  let purchase: { table: FitOfTable; model: ScoreFit['model'] } | null = null;
  let spend: FitOfTable | null = null;
  for (const block of tablesIn(fit)) {
    const table = readFitTable(block, 'fit');
    const name = table.model.name;
    const model = UDF_MODELS.find((m) => m === name);
    if (model) {
      if (purchase) throw new DataError(said('sql.fit.twice', { model: purchase.model }), 'fit');
      purchase = { table, model };
    } else if (name === 'gammagamma') {
      if (spend) throw new DataError(said('sql.fit.twice', { model: name }), 'fit');
      spend = table;
    } else throw new DataError(said('sql.fit.kind', { model: name }), 'fit');
  }
  if (!purchase) throw new DataError(said(spend ? 'sql.fit.noPurchase' : 'sql.fit.missing'), 'fit');
  const values = purchase.table.values;
  const [n1, n2, n3, n4] = purchase.table.model.paramNames;
  const spent = spend?.values;
  return {
    fit: {
      model: purchase.model,
      params: [values[n1], values[n2], values[n3], values[n4]],
      ...(spent ? { spend: { p: spent.p, q: spent.q, v: spent.v } } : {}),
    },
    unit: purchase.table.unit,
  };
}

/**
 * The fit tables of a range: each starts at its "model" row, or at the header row just above it. A single table is
 * the whole range, as readFitTable reads it.
 */
function tablesIn(fit: Arg): Arg[] {
  if (!Array.isArray(fit)) return [fit];
  const label = (row: number): string => {
    const cell = fit[row][0];
    return typeof cell === 'string' ? cell.trim().toLowerCase() : '';
  };
  const starts: number[] = [];
  for (let row = 0; row < fit.length; row++) {
    if (label(row) === 'model') starts.push(row > 0 && label(row - 1) === 'parameter' ? row - 1 : row);
  }
  if (starts.length <= 1) return [fit];
  starts[0] = 0;
  return starts.map((start, i) => fit.slice(start, i + 1 < starts.length ? starts[i + 1] : fit.length));
}
