/**
 * The contract between the scoring SQL (score.ts) and the JavaScript UDF (src/udf/score.ts, built into dist/udf.js):
 * the argument names in order and the number codes that stand for words. A BigQuery JavaScript UDF is called with
 * the same FLOAT64 arguments on every row, so the model and the unit travel as numbers. Nothing here may import
 * more than types: the UDF must stay within BigQuery's 32,768 bytes.
 */
import type { TimeUnit } from '../summary';

/** The purchase models the UDF scores with, by code (the array index). */
export const UDF_MODELS = ['bgnbd', 'mbgnbd', 'paretonbd'] as const;
export type UdfModel = (typeof UDF_MODELS)[number];

/** The units of recency and T, by code (the array index). */
export const UDF_UNITS: readonly TimeUnit[] = ['day', 'week', 'month', 'year'];

/**
 * The UDF's arguments, every one FLOAT64: the model's code and its four parameters in the model's own order
 * (r, alpha, a, b or r, alpha, s, beta), the Gamma-Gamma parameters (0 when there is no spend model), the customer
 * (frequency, recency, age T, mean repeat spend) and the valuation settings as CLV takes them.
 */
export const UDF_ARGUMENTS = [
  'model',
  'p1',
  'p2',
  'p3',
  'p4',
  'gg_p',
  'gg_q',
  'gg_v',
  'frequency',
  'recency',
  'age',
  'monetary',
  'horizon_months',
  'annual_discount_rate',
  'margin',
  'unit',
] as const;

/** What it returns for each customer (a STRUCT in BigQuery); the spend fields are null without a spend model. */
export const UDF_RESULT = ['p_alive', 'expected_purchases', 'expected_spend', 'clv'] as const;
export type UdfResult = Record<(typeof UDF_RESULT)[number], number | null>;

/** The name the scoring query gives its temporary function. */
export const UDF_NAME = 'clv_score';

/** The largest UDF body BigQuery accepts ("Definition body too long: …; maximum allowed: 32768 bytes"). */
export const UDF_MAX_BYTES = 32_768;
