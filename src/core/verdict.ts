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
import { formatNumber } from './words';

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

/**
 * Verdicts of customers put in groups: group[i] is customer i's group index into labels (−1: in no group), and
 * the whole, labelled "All", comes last.
 */
export function judgeGroups(labels: readonly string[], group: ArrayLike<number>, moments: CountMoments, actual: ArrayLike<number>): { groups: GroupVerdict[]; total: GroupVerdict } {
  const sums = labels.map(() => ({ customers: 0, predicted: 0, actual: 0, variance: 0 }));
  const all = { customers: 0, predicted: 0, actual: 0, variance: 0 };
  for (let i = 0; i < group.length; i++) {
    for (const s of group[i] >= 0 ? [sums[group[i]], all] : [all]) {
      s.customers++;
      s.predicted += moments.mean[i];
      s.actual += actual[i];
      s.variance += moments.variance[i];
    }
  }
  return {
    groups: sums.map((s, g) => judgeGroup(labels[g], s.customers, s.predicted, s.actual, s.variance)),
    total: judgeGroup('All', all.customers, all.predicted, all.actual, all.variance),
  };
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
  const meaning = total.verdict === 'above' ? 'the model under-predicts: read its predictions as a floor' : 'the model over-predicts: read its predictions as a ceiling';
  return `${head}: ${which} ${range}; ${meaning}.`;
}

/** How the range is worked out, in words, for the sheet and the sidebar. */
export const VERDICT_METHOD =
  'The expected range is where the actual mean falls 95% of the time if the model is right: the predicted mean ± 1.96 standard deviations, from each customer\'s predicted distribution of purchases (customers are independent; the uncertainty of the fitted parameters is left out, so the range is if anything narrow). Groups with fewer than 30 customers or fewer than 5 purchases predicted are too small to judge.';
