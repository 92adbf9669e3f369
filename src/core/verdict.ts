/**
 * The holdout check as a verdict that accounts for sampling noise. Even a perfect model does not predict the
 * holdout's purchases exactly: each customer's count is random. Under the fitted model the count of customer i in
 * the holdout period has mean μ_i and variance σ²_i, both from the model's own predictive distribution
 * (countProbabilities: σ²_i = Σ n² P(n) − μ_i²). Customers are independent given the parameters, so a group's mean
 * count has mean Σμ_i / n and variance Σσ²_i / n²; by the normal approximation the actual mean lies within
 * ±1.96 standard deviations 95% of the time. That is the expected range.
 *
 * Stated limits: the range leaves out the uncertainty of the fitted parameters themselves (it would widen it), and
 * a group is judged only when the normal approximation is fair: at least 30 customers and at least 5 purchases
 * predicted in all (VERDICT_RULES); smaller groups are marked too small to judge.
 */
import type { Histories, PurchaseCountPredictor } from './models/types';
import { MAX_CELLS, MAX_COUNT } from './models/counts';
import { compressPatterns } from './rfm';
import { formatNumber, formatPercent } from './words';

export const VERDICT_RULES = {
  /** Two-sided 95%. */
  z: 1.959963984540054,
  minCustomers: 30,
  minPredictedPurchases: 5,
} as const;

/** Each customer's mean and variance of the number of purchases in the next t units. */
export interface CountMoments {
  mean: Float64Array;
  variance: Float64Array;
}

/**
 * Mean and variance of each customer's purchases in (T, T + t], from the model's probabilities of 0, 1, …, K
 * purchases, computed once per distinct history. K grows until the probabilities left out are below 1e-9 of the
 * mass (or the count limits of counts.ts are reached; what is left out then is put at K + 1, so the variance is
 * not understated by dropping it).
 */
export function countMoments(predictor: PurchaseCountPredictor, customers: Histories, t: number): CountMoments {
  const patterns = compressPatterns(customers.frequency, customers.recency, customers.T);
  const n = customers.frequency.length;
  const mean = new Float64Array(n);
  const variance = new Float64Array(n);
  if (n === 0 || !(t > 0)) return { mean, variance };
  const histories = { frequency: patterns.x, recency: patterns.tx, T: patterns.T };
  const patternMean = new Float64Array(patterns.count);
  const patternVariance = new Float64Array(patterns.count);
  const maxK = Math.min(MAX_COUNT, Math.floor(MAX_CELLS / Math.max(1, patterns.count)) - 1);
  let k = Math.min(maxK, 32);
  for (;;) {
    const counts = Float64Array.from({ length: k + 1 }, (_, j) => j);
    const rows = predictor.countProbabilities(t, counts, histories);
    let worstMissing = 0;
    for (let p = 0; p < patterns.count; p++) {
      let mass = 0;
      let m1 = 0;
      let m2 = 0;
      rows[p].forEach((prob, j) => {
        mass += prob;
        m1 += j * prob;
        m2 += j * j * prob;
      });
      const missing = Math.max(0, 1 - mass);
      worstMissing = Math.max(worstMissing, missing);
      m1 += (k + 1) * missing;
      m2 += (k + 1) * (k + 1) * missing;
      patternMean[p] = m1;
      patternVariance[p] = Math.max(0, m2 - m1 * m1);
    }
    if (worstMissing < 1e-9 || k >= maxK) break;
    k = Math.min(maxK, k * 4);
  }
  const patternOf = patterns.patternOf;
  for (let i = 0; i < n; i++) {
    const p = patternOf ? patternOf[i] : i;
    mean[i] = patternMean[p];
    variance[i] = patternVariance[p];
  }
  return { mean, variance };
}

export type Verdict = 'within' | 'above' | 'below';

export interface GroupVerdict {
  label: string;
  customers: number;
  /** Mean predicted purchases per customer. */
  predicted: number;
  /** Mean actual purchases per customer. */
  actual: number;
  /** The expected range of the actual mean (95%); null when the group is too small to judge. */
  low: number | null;
  high: number | null;
  /** 'above': the actual mean is above the range (the model under-predicts); null when too small to judge. */
  verdict: Verdict | null;
}

/** A group's verdict from its sums over customers: Σμ_i, Σ actual, Σσ²_i. */
export function judgeGroup(label: string, customers: number, predictedSum: number, actualSum: number, varianceSum: number): GroupVerdict {
  const predicted = customers > 0 ? predictedSum / customers : 0;
  const actual = customers > 0 ? actualSum / customers : 0;
  if (customers < VERDICT_RULES.minCustomers || predictedSum < VERDICT_RULES.minPredictedPurchases) {
    return { label, customers, predicted, actual, low: null, high: null, verdict: null };
  }
  const sd = Math.sqrt(varianceSum) / customers;
  const low = Math.max(0, predicted - VERDICT_RULES.z * sd);
  const high = predicted + VERDICT_RULES.z * sd;
  const verdict: Verdict = actual > high ? 'above' : actual < low ? 'below' : 'within';
  return { label, customers, predicted, actual, low, high, verdict };
}

/** A group's sums over its customers: predicted and actual purchases, and the variance of their total. */
export interface GroupSums {
  customers: number;
  predicted: number;
  actual: number;
  variance: number;
}

/** Verdicts of groups from their sums, and of the whole (their sums added), labelled "All". */
export function judgeGroups(labels: readonly string[], sums: readonly GroupSums[]): { groups: GroupVerdict[]; total: GroupVerdict } {
  const all = sums.reduce((a, s) => ({ customers: a.customers + s.customers, predicted: a.predicted + s.predicted, actual: a.actual + s.actual, variance: a.variance + s.variance }), {
    customers: 0,
    predicted: 0,
    actual: 0,
    variance: 0,
  });
  return {
    groups: sums.map((s, g) => judgeGroup(labels[g], s.customers, s.predicted, s.actual, s.variance)),
    total: judgeGroup('All', all.customers, all.predicted, all.actual, all.variance),
  };
}

/** Customers per group whose variance is computed; a group's Σσ²ᵢ is estimated from them beyond that. */
export const VARIANCE_SAMPLE = 500;

/**
 * Σσ²ᵢ of each group's customers (group[i] is customer i's group, 0 … groups − 1). The probabilities cost a
 * quadrature or a series per history and count, so in a group of more than VARIANCE_SAMPLE customers the variance is
 * computed for VARIANCE_SAMPLE of them, evenly spread in the data's order, and scaled up to the group's size: with
 * 500 the estimate's error is a few percent, a range's width off by half that. Fewer customers are all computed.
 */
export function varianceSums(predictor: PurchaseCountPredictor, customers: Histories, t: number, group: ArrayLike<number>, groups: number): Float64Array {
  const members: number[][] = Array.from({ length: groups }, () => []);
  for (let i = 0; i < group.length; i++) members[group[i]].push(i);
  const chosen = members.map((m) => (m.length <= VARIANCE_SAMPLE ? m : Array.from({ length: VARIANCE_SAMPLE }, (_, k) => m[Math.floor((k * m.length) / VARIANCE_SAMPLE)])));
  const picked = chosen.flat();
  const moments = countMoments(
    predictor,
    {
      frequency: picked.map((i) => customers.frequency[i]),
      recency: picked.map((i) => customers.recency[i]),
      T: picked.map((i) => customers.T[i]),
    },
    t,
  );
  const out = new Float64Array(groups);
  let k = 0;
  chosen.forEach((c, g) => {
    let sum = 0;
    for (let j = 0; j < c.length; j++) sum += moments.variance[k++];
    out[g] = c.length > 0 ? (sum * members[g].length) / c.length : 0;
  });
  return out;
}

/** "8 months" for 60 days or more (months of 365.25 / 12 days), else "45 days". */
export function periodWords(days: number): string {
  if (days >= 60) {
    const months = Math.round(days / (365.25 / 12));
    return `${months} months`;
  }
  const d = Math.round(days);
  return d === 1 ? '1 day' : `${d} days`;
}

const two = (x: number): string => formatNumber(Math.round(x * 100) / 100);

/** The verdict of the whole in one sentence. */
export function verdictSentence(total: GroupVerdict, holdoutDays: number): string {
  const head = `Predicted ${two(total.predicted)} purchases per customer over the last ${periodWords(holdoutDays)}, actual ${two(total.actual)}`;
  if (total.verdict === null || total.low === null || total.high === null) {
    return `${head}: too few customers or purchases to judge (the check needs at least ${VERDICT_RULES.minCustomers} customers and ${VERDICT_RULES.minPredictedPurchases} purchases predicted).`;
  }
  const range = `(${two(total.low)} to ${two(total.high)})`;
  if (total.verdict === 'within') return `${head}: within the expected range ${range}.`;
  const which = total.verdict === 'above' ? 'above the expected range' : 'below the expected range';
  // How far off, so that a large base's narrow range does not make a 1% miss sound like a broken model.
  const off = total.predicted > 0 ? formatPercent(Math.abs(total.actual / total.predicted - 1)) : '';
  const by = off ? `, ${off} ${total.verdict === 'above' ? 'more' : 'fewer'} than predicted` : '';
  const meaning = total.verdict === 'above' ? 'the model under-predicts: read its predictions as a floor' : 'the model over-predicts: read its predictions as a ceiling';
  return `${head}: ${which} ${range}${by}; ${meaning}.`;
}

/** How the range is worked out, in words, for the sheet and the sidebar. */
export const VERDICT_METHOD =
  'The expected range is where the actual mean falls 95% of the time if the model is right: the predicted mean ± 1.96 standard deviations, from each customer\'s predicted distribution of purchases (customers are independent; the uncertainty of the fitted parameters is left out, so the range is if anything narrow). Groups with fewer than 30 customers or fewer than 5 purchases predicted are too small to judge.';
