/**
 * The body of the BigQuery JavaScript UDF that scores each customer in the warehouse (core/sql/score.ts writes the
 * query around it; build.mjs bundles this file alone into dist/udf.js). It is the add-in's own prediction code, the
 * same functions CLV, P_ALIVE and CLV_PREDICT call, so a customer scored in BigQuery gets the number a sheet gives
 * her. Only predictions: the build replaces the fitting code these modules also hold with stubs that throw, to stay
 * within BigQuery's 32,768 bytes.
 */
import { customerLifetimeValues } from '../core/clv';
import { bgnbd } from '../core/models/bgnbd';
import { expectedSpend } from '../core/models/gammagamma';
import { mbgnbd } from '../core/models/mbgnbd';
import { paretonbd } from '../core/models/paretonbd';
import type { PurchasePredictor } from '../core/models/types';
import { UDF_UNITS, type UdfResult } from '../core/sql/udf';

const MODELS = [bgnbd, mbgnbd, paretonbd] as const;

/** Predictors by their parameters: a query's rows all share one fit, so it is set up once, not once per row. */
let cachedKey = '';
let cachedPredictor: PurchasePredictor | null = null;

function predictorFor(model: number, p1: number, p2: number, p3: number, p4: number): PurchasePredictor {
  const key = `${model},${p1},${p2},${p3},${p4}`;
  if (cachedPredictor && key === cachedKey) return cachedPredictor;
  const chosen = MODELS[model];
  if (!chosen) throw new Error(`clv_score: model code ${model} is not one of 0 (bgnbd), 1 (mbgnbd), 2 (paretonbd)`);
  const [n1, n2, n3, n4] = chosen.paramNames;
  cachedPredictor = chosen.predictorOf({ [n1]: p1, [n2]: p2, [n3]: p3, [n4]: p4 });
  cachedKey = key;
  return cachedPredictor;
}

/**
 * One customer's P(alive), expected purchases over the horizon and, with a spend model (gg_p above 0), expected
 * spend per purchase and CLV: valued as core/value.ts values a customer for the CLV cell (spend × margin, then the
 * purchase model's discounted monthly purchases).
 */
export function score(
  model: number,
  p1: number,
  p2: number,
  p3: number,
  p4: number,
  ggP: number,
  ggQ: number,
  ggV: number,
  frequency: number,
  recency: number,
  age: number,
  monetary: number,
  horizonMonths: number,
  annualDiscountRate: number,
  margin: number,
  unit: number,
): UdfResult {
  const purchases = predictorFor(model, p1, p2, p3, p4);
  const timeUnit = UDF_UNITS[unit];
  if (!timeUnit) throw new Error(`clv_score: unit code ${unit} is not one of 0 (day), 1 (week), 2 (month), 3 (year)`);
  const withSpend = ggP > 0;
  const spend = withSpend ? expectedSpend({ p: ggP, q: ggQ, v: ggV }, frequency, monetary) : 0;
  const valued = customerLifetimeValues(purchases, { frequency: [frequency], recency: [recency], T: [age] }, [spend * margin], {
    horizonMonths,
    annualDiscountRate,
    margin: 1,
    unit: timeUnit,
  });
  return {
    p_alive: valued.pAlive[0],
    expected_purchases: valued.expectedPurchases[0],
    expected_spend: withSpend ? spend : null,
    clv: withSpend ? valued.clv[0] : null,
  };
}

// build.mjs reads the argument names from the bundle, so the query and the body cannot disagree on their order.
export { UDF_ARGUMENTS } from '../core/sql/udf';
