/**
 * The sidebar's whole job in one pure function: from per-customer histories to base, growth and networking
 * value, lifecycle stage and value segment of every customer, plus the totals the Segments sheet shows.
 */
import { DataError } from './errors';
import type { CustomerId } from './ids';
import { holdoutCheck, type HoldoutCheck } from './holdout';
import type { PurchaseModelName } from './models/registry';
import type { FitResult, ParamValues } from './models/types';
import {
  groupTotals,
  highThreshold,
  lifecycleStage,
  networkingValues,
  paretoCurve,
  SEGMENTS,
  STAGES,
  topShare,
  valueSegment,
  type GroupTotals,
  type Segment,
  type SegmentCut,
  type Stage,
} from './segment';
import { summarizeOrders, type OrderLog } from './summary';
import { directFitters, valueCustomers, type Fitters } from './value';

/** One row per customer, in days: what the sheet or the order log tells about each customer. */
export interface CustomerHistories {
  ids: CustomerId[];
  orders: Float64Array;
  /** Repeat purchase days. */
  frequency: Float64Array;
  firstDay: Float64Array;
  lastDay: Float64Array;
  revenue: Float64Array;
  /** Cost of serving each customer; absent when the data has no cost column (then the gross margin applies). */
  cost?: Float64Array;
  /** Mean amount of a repeat purchase (0 without repeats). */
  monetaryValue: Float64Array;
  /** Index of the customer who referred each customer, −1 when none is known. */
  referrerOf?: Int32Array;
  /** Customers of an order log left out because every order of theirs is a return (summary.ts). */
  returnsOnly?: number;
}

export interface AnalysisOptions {
  asOfDay: number;
  horizonMonths: number;
  annualDiscountRate: number;
  /** Share of revenue kept as margin when there is no cost column. */
  grossMargin: number;
  inactiveDays: number;
  cut: SegmentCut;
  /** The purchase model. */
  model: PurchaseModelName;
}

export const DEFAULT_OPTIONS: Omit<AnalysisOptions, 'asOfDay'> = {
  model: 'bgnbd',
  horizonMonths: 12,
  annualDiscountRate: 0.1,
  grossMargin: 1,
  inactiveDays: 90,
  cut: 'top20',
};

export interface CustomerValues {
  base: Float64Array;
  cost: Float64Array;
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  growth: Float64Array;
  networking: Float64Array;
  clv: Float64Array;
  stage: Stage[];
  segment: Segment[];
}

export interface Analysis {
  /** The purchase model the values come from. */
  model: PurchaseModelName;
  customers: CustomerHistories;
  values: CustomerValues;
  segments: GroupTotals<Segment>[];
  stages: GroupTotals<Stage>[];
  /** Share of total CLV held by the top 20% of customers. */
  top20Share: number;
  pareto: { customerShare: number; valueShare: number }[];
  purchaseFit: FitResult<ParamValues>;
  spendFit: FitResult<ParamValues>;
  holdout: HoldoutCheck | null;
  thresholds: { base: number; growth: number };
}

/** Analysis failures in words a shop owner understands; the sidebar shows the message as it is. */

export function analyzeCustomers(
  customers: CustomerHistories,
  options: AnalysisOptions,
  holdout: HoldoutCheck | null = null,
  fitters: Fitters = directFitters,
): Analysis {
  const n = customers.ids.length;
  const frequency = customers.frequency;
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    recency[i] = customers.lastDay[i] - customers.firstDay[i];
    T[i] = options.asOfDay - customers.firstDay[i];
  }
  const cost = customers.cost ?? Float64Array.from(customers.revenue, (r) => r * (1 - options.grossMargin));
  const marginShare = Float64Array.from(customers.revenue, (r, i) => (r > 0 ? clamp01((r - cost[i]) / r) : options.grossMargin));
  const valuation = valueCustomers(
    { frequency, recency, T, monetaryValue: customers.monetaryValue },
    { model: options.model, unit: 'day', horizonMonths: options.horizonMonths, annualDiscountRate: options.annualDiscountRate, margin: marginShare },
    fitters,
  );
  const { clv: growth, expectedPurchases, pAlive, purchaseFit, spendFit } = valuation;

  const base = Float64Array.from(customers.revenue, (r, i) => r - cost[i]);
  const networking = customers.referrerOf ? networkingValues(customers.referrerOf, base, growth) : new Float64Array(n);
  const clv = Float64Array.from(base, (b, i) => b + growth[i] + networking[i]);

  const thresholds = { base: highThreshold(base, options.cut), growth: highThreshold(growth, options.cut) };
  const segment = Array.from(base, (b, i) => valueSegment(b, growth[i], thresholds.base, thresholds.growth));
  const stage = Array.from(frequency, (x, i) =>
    lifecycleStage(
      { frequency: x, daysSinceFirst: T[i], daysSinceLast: options.asOfDay - customers.lastDay[i], recencyDays: recency[i], pAlive: pAlive[i] },
      { inactiveDays: options.inactiveDays },
    ),
  );

  return {
    model: options.model,
    customers,
    values: { base, cost, pAlive, expectedPurchases, growth, networking, clv, stage, segment },
    segments: groupTotals(SEGMENTS, segment, customers.revenue, clv, growth),
    stages: groupTotals(STAGES, stage, customers.revenue, clv, growth),
    top20Share: topShare(clv),
    pareto: paretoCurve(clv),
    purchaseFit,
    spendFit,
    holdout,
    thresholds,
  };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/**
 * Per-customer histories from an order log (days), with per-order costs and referrers when given. Purchases and
 * spend are counted by summary.ts's rule, as in the cell functions.
 */
export function historiesFromOrders(
  log: OrderLog & { ids: ArrayLike<CustomerId>; costs?: ArrayLike<number>; referredBy?: ArrayLike<CustomerId | ''> },
  asOfDay: number,
): CustomerHistories {
  const summary = summarizeOrders(log, { asOfDay, unit: 'day' });
  const index = new Map<CustomerId, number>();
  summary.ids.forEach((id, k) => index.set(id, k));
  let cost: Float64Array | undefined;
  let referrerOf: Int32Array | undefined;
  if (log.costs) cost = new Float64Array(summary.count);
  if (log.referredBy) referrerOf = new Int32Array(summary.count).fill(-1);
  if (cost || referrerOf) {
    for (let i = 0; i < log.ids.length; i++) {
      if (log.days[i] > asOfDay) continue;
      const k = index.get(log.ids[i]);
      if (k === undefined) continue;
      if (cost && log.costs) cost[k] += log.costs[i];
      const referrer = log.referredBy?.[i];
      if (referrerOf && referrer !== undefined && referrer !== '' && referrerOf[k] < 0) referrerOf[k] = index.get(referrer) ?? -1;
    }
  }
  return {
    ids: summary.ids,
    orders: summary.orders,
    frequency: summary.frequency,
    firstDay: summary.firstDay,
    lastDay: summary.lastDay,
    revenue: summary.totalAmount,
    cost,
    monetaryValue: summary.monetaryValue,
    referrerOf,
    returnsOnly: summary.ignoredReturnsOnly,
  };
}

/**
 * The holdout check of the Customer value analysis, when the log is long enough: the last third of the
 * observation period is held out (at least 60 days, and the calibration must keep at least 120 days). Orders after
 * asOfDay are left out, as in the analysis; with amounts, purchases are counted as there (summary.ts).
 */
export function holdoutIfEnoughHistory(log: OrderLog, asOfDay: number, model: PurchaseModelName = 'bgnbd', fitters?: Fitters): HoldoutCheck | null {
  let first = Infinity;
  for (let i = 0; i < log.days.length; i++) first = Math.min(first, log.days[i]);
  const span = asOfDay - first;
  const holdoutDays = Math.floor(span / 3);
  if (holdoutDays < 60 || span - holdoutDays < 120) return null;
  // The check is a courtesy of the report: a calibration period the model cannot learn from skips it.
  try {
    return holdoutCheck(log, asOfDay - holdoutDays, 'day', model, {
      endDay: asOfDay,
      checkCalibration: (summary) => summary.count >= 2 && summary.frequency.some((x) => x > 0),
      fit: fitters && ((name, calibration) => fitters.purchases(name, calibration, 'day')),
    });
  } catch (e) {
    if (e instanceof DataError) return null;
    throw e;
  }
}
