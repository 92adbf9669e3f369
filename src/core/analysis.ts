/**
 * The sidebar's whole job in one pure function: from per-customer histories to each customer's past, predicted and
 * total value (and referral value as attribution), lifecycle stage and value segment, the purchase model chosen by a
 * holdout check with its verdict, whom to contact first, and the totals the Segments sheet shows.
 *
 * The figures add up: past value = revenue − cost so far; predicted value = the discounted expected margin over the
 * horizon, valueCustomers' clv (value.ts), the CLV() cell's value of the same customers with the same options;
 * total value = past + predicted. Referral value is the total value of the customers one referred: theirs, so it is
 * never added to any total.
 */
import { compareOnSplit, type ModelCheck } from './compare';
import { contactFirst, nextOrderDueDay, valueAtStake } from './contact';
import { DataError } from './errors';
import { said } from './i18n/said';
import { HOLDOUT_GROUPS, holdoutGroups, holdoutSplit, type HoldoutCheck, type HoldoutOptions, type HoldoutSplit } from './holdout';
import type { CustomerId } from './ids';
import { purchaseModel, type PurchaseModelName } from './models/registry';
import type { FitResult, Histories, ParamValues, PurchasePredictor } from './models/types';
import {
  adviceFor,
  groupTotals,
  highThreshold,
  lifecycleStage,
  paretoCurve,
  referralValues,
  SEGMENTS,
  STAGES,
  sum,
  topShare,
  valueSegment,
  type GroupTotals,
  type Segment,
  type SegmentCut,
  type SegmentThresholds,
  type Stage,
} from './segment';
import { summarizeOrders, type OrderLog } from './summary';
import { directFitters, valueCustomers, type Fitters } from './value';
import { judgeGroups, periodWords, varianceSums, verdictSentence, type GroupVerdict } from './verdict';
import type { WhatIfBasis } from './whatif';
import { formatNumber } from './words';

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
  /** The purchase model as the user's override; omitted, chooseModel picks one. */
  model?: PurchaseModelName;
}

/** The models the analysis chooses between: those in which a customer can leave before buying again. */
export const CANDIDATE_MODELS: readonly PurchaseModelName[] = ['mbgnbd', 'paretonbd'];
/** The choice when there is no holdout to judge by, or the other model cannot be used. */
export const FALLBACK_MODEL: PurchaseModelName = 'mbgnbd';

/** The contact-first list's length. */
export const CONTACT_LIST_LENGTH = 20;

export interface CustomerValues {
  /** Revenue − cost so far. */
  past: Float64Array;
  cost: Float64Array;
  pAlive: Float64Array;
  /** Expected purchases over the horizon (undiscounted). */
  expectedPurchases: Float64Array;
  /** Discounted expected margin over the horizon: the CLV() cell's value. */
  predicted: Float64Array;
  /** past + predicted. */
  total: Float64Array;
  /** Σ total value of the customers each one referred (attribution; all zeros without a referral column). */
  referral: Float64Array;
  /** predicted × (1 − P(alive)) (contact.ts). */
  atStake: Float64Array;
  /** Days since the last purchase, at the as-of date. */
  daysSinceLast: Float64Array;
  /** Day number of the next order due (contact.ts), NaN without a repeat purchase. */
  nextOrderDue: Float64Array;
  stage: Stage[];
  segment: Segment[];
}

/** One (segment, stage) pair that has customers, with the advice fitting both. */
export interface ActionGroup {
  segment: Segment;
  stage: Stage;
  customers: number;
  predictedValue: number;
  advice: string;
}

/** The holdout check of the chosen model, with a verdict that accounts for sampling noise (verdict.ts). */
export interface HoldoutReport {
  check: HoldoutCheck;
  /** In days. */
  holdoutDays: number;
  groups: GroupVerdict[];
  total: GroupVerdict;
  sentence: string;
}

export interface Analysis {
  /** The options the analysis ran with (its model: the override, if any). */
  options: AnalysisOptions;
  /** The purchase model the values come from, and why in plain words. */
  model: PurchaseModelName;
  modelReason: string;
  /** The models compared on the holdout (empty without one, or with the user's override). */
  candidates: ModelCheck[];
  customers: CustomerHistories;
  values: CustomerValues;
  segments: GroupTotals<Segment>[];
  stages: GroupTotals<Stage>[];
  actions: ActionGroup[];
  totals: { past: number; predicted: number; total: number; referral: number };
  /** The top 20% of customers by predicted value hold this share of the predicted value. */
  topShare: number;
  /** The cumulative curve of predicted value, customers ranked by it. */
  pareto: { customerShare: number; valueShare: number }[];
  /** Customer indices, most value at stake first. */
  contactFirst: number[];
  purchaseFit: FitResult<ParamValues>;
  spendFit: FitResult<ParamValues>;
  holdout: HoldoutReport | null;
  thresholds: SegmentThresholds;
  whatIf: WhatIfBasis;
}

const DAYS_PER_MONTH = 365.25 / 12;

/**
 * Chooses the purchase model (chooseModel), values every customer with it, and checks it on the holdout when the
 * order log is long enough. `log` is the order log (null for one row per customer: no holdout then). Should the
 * chosen model fail on the whole history where another candidate would not, that one is used and the reason says so.
 */
export function analyze(customers: CustomerHistories, options: AnalysisOptions, log: OrderLog | null, fitters: Fitters = directFitters): Analysis {
  const holdoutOptions: HoldoutOptions = { endDay: options.asOfDay, fit: (name, calibration) => fitters.purchases(name, calibration, 'day') };
  const split = log ? holdoutSplitIfEnoughHistory(log, options.asOfDay) : null;
  let choice = chooseModel(split, options.model, log !== null, holdoutOptions);
  let valued: Valued | null = null;
  // Should the chosen model fail on the whole history, the other candidates are tried, MBG/NBD first; the user's own
  // choice is never replaced, and when none can be fitted the first model's reason is the answer.
  const tries = options.model !== undefined ? [choice.model] : [choice.model, ...[FALLBACK_MODEL, ...CANDIDATE_MODELS].filter((m, i, all) => m !== choice.model && all.indexOf(m) === i)];
  let firstError: DataError | null = null;
  for (const model of tries) {
    try {
      valued = valueAndClassify(customers, options, model, fitters);
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      firstError ??= e;
      continue;
    }
    if (model !== choice.model) {
      const failed = purchaseModel(choice.model).label;
      const why = choice.candidates.length > 0 ? 'predicted the holdout best but ' : 'is the default but ';
      choice = { ...choice, model, reason: `${purchaseModel(model).label}: ${failed} ${why}could not be fitted to the whole history (${(firstError?.message ?? '').replace(/\.$/, '')}).` };
    }
    break;
  }
  if (!valued) throw firstError ?? new DataError(said('analysis.noModel'));
  const holdout = split ? holdoutReport(split, choice.model, holdoutOptions) : null;
  return { options, model: choice.model, modelReason: choice.reason, candidates: choice.candidates, customers, ...valued, holdout };
}

/**
 * The split of the holdout check, when the log is long enough: the last third of the observation period is held out
 * (at least 60 days, and the calibration keeps at least 120 days). Orders after asOfDay are left out, as in the
 * analysis; purchases are counted as there (summary.ts). A calibration period with fewer than 2 customers or no
 * repeat purchase gives no split: a model could not learn from it.
 */
export function holdoutSplitIfEnoughHistory(log: OrderLog, asOfDay: number): HoldoutSplit | null {
  let first = Infinity;
  for (let i = 0; i < log.days.length; i++) first = Math.min(first, log.days[i]);
  const span = asOfDay - first;
  const holdoutDays = Math.floor(span / 3);
  if (holdoutDays < 60 || span - holdoutDays < 120) return null;
  return holdoutSplit(log, asOfDay - holdoutDays, 'day', {
    endDay: asOfDay,
    checkCalibration: (summary) => summary.count >= 2 && summary.frequency.some((x) => x > 0),
  });
}

export interface ModelChoice {
  model: PurchaseModelName;
  reason: string;
  candidates: ModelCheck[];
}

/**
 * The purchase model: the user's override when given; otherwise, of CANDIDATE_MODELS, the one with the lowest
 * customer-weighted mean absolute error over the holdout groups (CLV_COMPARE's rule, compare.ts); MBG/NBD when
 * there is no holdout or neither can be fitted.
 */
export function chooseModel(split: HoldoutSplit | null, override: PurchaseModelName | undefined, hasOrderLog: boolean, options: HoldoutOptions = {}): ModelChoice {
  if (override !== undefined) {
    const label = purchaseModel(override).label;
    const caveat = override === 'bgnbd' ? ' BG/NBD gives P(alive) 100% to every customer without a repeat purchase, however long ago (it assumes nobody leaves before buying again).' : '';
    return { model: override, reason: `${label}, as chosen.${caveat}`, candidates: [] };
  }
  const fallback = purchaseModel(FALLBACK_MODEL).label;
  if (!split) {
    const why = hasOrderLog
      ? 'the order history is too short to compare models on a holdout (it needs at least 180 days, the last third held out, and repeat purchases before it)'
      : 'with one row per customer there is no order log to compare models on';
    return { model: FALLBACK_MODEL, reason: `${fallback}: ${why}.`, candidates: [] };
  }
  const candidates = compareOnSplit(split, CANDIDATE_MODELS, options);
  const best = candidates.find((c) => c.best);
  if (!best || best.mae === null) {
    return { model: FALLBACK_MODEL, reason: `${fallback}: no model could be fitted to the months before the holdout, so the default.`, candidates };
  }
  const others = candidates.filter((c) => c !== best);
  const period = periodWords(split.holdoutLength);
  const mae = (x: number): string => formatNumber(Math.round(x * 1000) / 1000);
  const against = others
    .map((o) => (o.mae === null ? `${o.label} could not be fitted (${o.note.replace(/\.$/, '')})` : `${o.label} ${mae(o.mae)}`))
    .join('; ');
  return {
    model: best.model,
    reason: `${best.label}: it predicted the purchases of the last ${period} best (mean error ${mae(best.mae)} purchases per customer; ${against}).`,
    candidates,
  };
}

/** The chosen model on the holdout, each group judged against its expected range (verdict.ts). */
export function holdoutReport(split: HoldoutSplit, model: PurchaseModelName, options: HoldoutOptions = {}): HoldoutReport | null {
  let check: HoldoutCheck;
  try {
    check = holdoutGroups(split, model, options);
  } catch (e) {
    // The check is a courtesy of the report: a calibration period the model cannot learn from skips it.
    if (e instanceof DataError) return null;
    throw e;
  }
  const c = split.calibration;
  const predictor = purchaseModel(model).predictorOf(check.fit.params);
  // The groups of holdout.ts: repeat purchases before the split, 0, 1, …, the last open-ended.
  const group = Array.from(c.frequency, (x) => Math.min(x, HOLDOUT_GROUPS - 1));
  const variance = varianceSums(predictor, { frequency: c.frequency, recency: c.recency, T: c.T }, split.holdoutLength, group, HOLDOUT_GROUPS);
  const { groups, total } = judgeGroups(
    check.groups.map((g) => g.label),
    check.groups.map((g, k) => ({ customers: g.customers, predicted: g.predicted * g.customers, actual: g.actual * g.customers, variance: variance[k] })),
  );
  return { check, holdoutDays: split.holdoutLength, groups, total, sentence: verdictSentence(total, split.holdoutLength) };
}

type Valued = Omit<Analysis, 'options' | 'model' | 'modelReason' | 'candidates' | 'customers' | 'holdout'>;

function valueAndClassify(customers: CustomerHistories, options: AnalysisOptions, model: PurchaseModelName, fitters: Fitters): Valued {
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
  const histories = { frequency, recency, T, monetaryValue: customers.monetaryValue };
  const valuation = valueCustomers(
    histories,
    { model, unit: 'day', horizonMonths: options.horizonMonths, annualDiscountRate: options.annualDiscountRate, margin: marginShare },
    fitters,
  );
  const { clv: predicted, expectedPurchases, pAlive, purchaseFit, spendFit } = valuation;

  const past = Float64Array.from(customers.revenue, (r, i) => r - cost[i]);
  const total = Float64Array.from(past, (p, i) => p + predicted[i]);
  const referral = customers.referrerOf ? referralValues(customers.referrerOf, total) : new Float64Array(n);
  const atStake = valueAtStake({ predicted, pAlive });
  const daysSinceLast = Float64Array.from(customers.lastDay, (d) => options.asOfDay - d);
  const nextOrderDue = Float64Array.from({ length: n }, (_, i) => nextOrderDueDay(frequency[i], customers.firstDay[i], customers.lastDay[i]) ?? NaN);

  const thresholds: SegmentThresholds = { total: highThreshold(total, options.cut), predicted: highThreshold(predicted, options.cut) };
  const segment = Array.from(total, (v, i) => valueSegment(v, predicted[i], thresholds));
  const stage = Array.from(frequency, (x, i) =>
    lifecycleStage({ frequency: x, daysSinceFirst: T[i], daysSinceLast: daysSinceLast[i], recencyDays: recency[i], pAlive: pAlive[i] }, { inactiveDays: options.inactiveDays }),
  );
  const groupValues = { revenue: customers.revenue, past, predicted };
  const marginSpend = Float64Array.from(valuation.expectedSpend, (s, i) => s * marginShare[i]);
  const totals = { past: sum(past), predicted: sum(predicted), total: sum(total), referral: sum(referral) };

  return {
    values: { past, cost, pAlive, expectedPurchases, predicted, total, referral, atStake, daysSinceLast, nextOrderDue, stage, segment },
    segments: groupTotals(SEGMENTS, segment, groupValues),
    stages: groupTotals(STAGES, stage, groupValues),
    actions: actionGroups(segment, stage, predicted),
    totals,
    topShare: topShare(predicted),
    pareto: paretoCurve(predicted),
    contactFirst: contactFirst(atStake, CONTACT_LIST_LENGTH),
    purchaseFit,
    spendFit,
    thresholds,
    whatIf: {
      predictedValue: totals.predicted,
      pastValue: totals.past,
      customers: n,
      horizonMonths: options.horizonMonths,
      monthlyRetention: impliedMonthlyRetention(valuation.purchases, histories, marginSpend),
      annualDiscountRate: options.annualDiscountRate,
    },
  };
}

/** The (segment, stage) pairs that have customers, in the order of SEGMENTS then STAGES, with their advice. */
export function actionGroups(segment: readonly Segment[], stage: readonly Stage[], predicted: ArrayLike<number>): ActionGroup[] {
  const out: ActionGroup[] = [];
  for (const s of SEGMENTS) {
    for (const t of STAGES) {
      let customers = 0;
      let value = 0;
      for (let i = 0; i < segment.length; i++) {
        if (segment[i] !== s || stage[i] !== t) continue;
        customers++;
        value += predicted[i];
      }
      if (customers > 0) out.push({ segment: s, stage: t, customers, predictedValue: value, advice: adviceFor(s, t) });
    }
  }
  return out;
}

/**
 * The base's monthly retention as the purchase model implies it: how much of the expected margin of the first
 * coming month is still expected in the twelfth, r = (m₁₂ / m₁)^(1/11), each month's expected purchases weighted by
 * the customer's expected margin per purchase. It is what whatif.ts varies; a summary of the model, not a parameter
 * of it (its decline also reflects which customers are left).
 */
export function impliedMonthlyRetention(
  purchases: Pick<PurchasePredictor, 'expectedPurchasesBatch'>,
  histories: Histories,
  marginPerPurchase: ArrayLike<number>,
): number {
  const times = [DAYS_PER_MONTH, 11 * DAYS_PER_MONTH, 12 * DAYS_PER_MONTH];
  const [first, twelfth] = purchases.expectedPurchasesBatch(histories.frequency, histories.recency, histories.T, times, [
    [1, 0, 0],
    [0, -1, 1],
  ]);
  let m1 = 0;
  let m12 = 0;
  for (let i = 0; i < first.length; i++) {
    m1 += first[i] * marginPerPurchase[i];
    m12 += twelfth[i] * marginPerPurchase[i];
  }
  if (!(m1 > 0) || !(m12 > 0)) return 0;
  return clamp01(Math.pow(m12 / m1, 1 / 11));
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

