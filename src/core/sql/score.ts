/**
 * The scoring query: the summary of every customer (summary.ts) and, for each, the add-in's own prediction code run
 * as a BigQuery JavaScript UDF (src/udf/score.ts, inlined): P(alive), expected purchases over the horizon and, with a
 * Gamma-Gamma fit, expected spend per purchase and CLV, as the CLV cell values a customer.
 */
import { DataError } from '../errors';
import { said } from '../i18n/said';
import { prepareSource, type OrderLogSource } from './summary';
import { UDF_ARGUMENTS, UDF_MAX_BYTES, UDF_MODELS, UDF_NAME, UDF_UNITS, type UdfModel } from './udf';

/** A fit as the UDF takes it: the purchase model with its four parameters in the model's order, and the spend model. */
export interface ScoreFit {
  model: UdfModel;
  params: readonly [number, number, number, number];
  /** Gamma-Gamma's p, q, v; absent: no spend, so no CLV. */
  spend?: { p: number; q: number; v: number };
}

export interface ScoreOptions {
  fit: ScoreFit;
  horizonMonths: number;
  annualDiscountRate: number;
  margin: number;
  /** The UDF body (dist/udf.js), which the server bundle carries. */
  udfBody: string;
}

export function scoreQuery(source: OrderLogSource, options: ScoreOptions): string {
  const p = prepareSource(source);
  if (!p.dialect.javascriptUdf) throw new DataError(said('sql.score.dialect', { dialect: p.dialect.name }), 'dialect');
  const { fit } = options;
  if (fit.spend && source.amountColumn === undefined) throw new DataError(said('sql.score.amounts'), 'amount_column');
  const body = options.udfBody;
  // Both are the build's to guarantee (build.mjs checkUdf); a broken build must not write a broken query.
  if (body === '' || body.includes('"""') || utf8Bytes(body) > UDF_MAX_BYTES) throw new Error('the scoring UDF is missing from this build');
  const q = p.dialect.column;
  const spend = fit.spend ?? { p: 0, q: 0, v: 0 };
  const values: Record<(typeof UDF_ARGUMENTS)[number], string> = {
    model: String(UDF_MODELS.indexOf(fit.model)),
    p1: literal(fit.params[0]),
    p2: literal(fit.params[1]),
    p3: literal(fit.params[2]),
    p4: literal(fit.params[3]),
    gg_p: literal(spend.p),
    gg_q: literal(spend.q),
    gg_v: literal(spend.v),
    frequency: 'CAST(s.frequency AS FLOAT64)',
    recency: 's.recency',
    age: `s.${q('T')}`,
    monetary: 's.monetary_value',
    horizon_months: literal(options.horizonMonths),
    annual_discount_rate: literal(options.annualDiscountRate),
    margin: literal(options.margin),
    unit: String(UDF_UNITS.indexOf(source.unit)),
  };
  const outputs = fit.spend ? ['p_alive', 'expected_purchases', 'expected_spend', 'clv'] : ['p_alive', 'expected_purchases'];
  return `${p.described}-- Scored with ${fit.model} (${fit.params.map(literal).join(', ')})${fit.spend ? ` and gammagamma (${[spend.p, spend.q, spend.v].map(literal).join(', ')})` : ''}: ` +
    `${options.horizonMonths} months, ${literal(options.annualDiscountRate)} a year, margin ${literal(options.margin)}.
CREATE TEMP FUNCTION ${UDF_NAME}(${UDF_ARGUMENTS.map((a) => `${a} FLOAT64`).join(', ')})
RETURNS STRUCT<p_alive FLOAT64, expected_purchases FLOAT64, expected_spend FLOAT64, clv FLOAT64>
LANGUAGE js AS r"""
${body}
""";
${p.ctes},
scored AS (
  SELECT s.*, ${UDF_NAME}(${UDF_ARGUMENTS.map((a) => values[a]).join(', ')}) AS score
  FROM summary AS s
  WHERE s.frequency IS NOT NULL
)
SELECT customer_id, frequency, recency, ${q('T')}, monetary_value, ${outputs.map((o) => `score.${o} AS ${o}`).join(', ')}
FROM scored`;
}

/** UTF-8 bytes of a text (Apps Script has no TextEncoder). */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** A number as a SQL literal that reads back as the same double: JavaScript's shortest round-trip form. */
function literal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`a number of the fit is ${value}`);
  return String(value);
}
