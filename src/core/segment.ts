/**
 * Value segments and lifecycle stages: one classification whose labels never contradict each other.
 *
 * Every customer has three values (analysis.ts): past value (revenue − cost so far), predicted value (discounted
 * expected margin over the horizon, the CLV() cell's value) and total value (past + predicted).
 *
 * Segments say how much a customer is worth. They cut on total value and on predicted value, each "high" when in
 * the top share (20% by default, or the upper half; zero is never high):
 * - Champions: high total value and high predicted value;
 * - Rising: high predicted value, total value not (yet) high;
 * - Past stars: high total value, little predicted value (their value is mostly behind them);
 * - Low value: neither.
 * Total rather than past value is cut so that a customer among the most valuable in total is never "Low value".
 *
 * Stages say where a customer is in their life with the shop, from the days since the first and last purchase, the
 * customer's own rhythm (mean gap between purchase days) and P(alive), checked in this order:
 * 1. New: the first purchase is at most a third of the inactive window ago (30 days of 90);
 * 2. Former: no purchase for longer than the inactive window and P(alive) below 50%;
 * 3. Lapsing: no purchase for longer than the inactive window (P(alive) then at least 50%), or P(alive) below 50%,
 *    or, with repeat purchases, more than 1.5 of the customer's own gaps since the last one;
 * 4. One-time buyer: one purchase day so far, within the window;
 * 5. Regular: repeat purchases, the last within the window and on rhythm, P(alive) at least 50%.
 * So no Former is likely alive, no Regular is beyond the inactive window, and segment and stage names differ.
 *
 * Advice depends on both labels (adviceFor): the stage says what to do now, the segment how much it is worth.
 *
 * The words (names, descriptions, advice) are the sheets catalogue's (i18n/en/sheets.ts and its translations, by the
 * ids below); this module keeps the rules and the figures the sentences state, and says them in English.
 */
import { sheets as english } from './i18n/en/sheets';
import { fill } from './i18n/format';

export const SEGMENTS = ['Champions', 'Rising', 'Past stars', 'Low value'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const STAGES = ['New', 'One-time buyer', 'Regular', 'Lapsing', 'Former'] as const;
export type Stage = (typeof STAGES)[number];

export type SegmentCut = 'top20' | 'median';

/** The catalogue ids of the segments and stages (keys segment.<id>.name, stage.<id>.description…). */
export const SEGMENT_IDS = { Champions: 'champions', Rising: 'rising', 'Past stars': 'pastStars', 'Low value': 'lowValue' } as const satisfies Record<Segment, string>;
export const STAGE_IDS = { New: 'new', 'One-time buyer': 'oneTime', Regular: 'regular', Lapsing: 'lapsing', Former: 'former' } as const satisfies Record<Stage, string>;
export type SegmentId = (typeof SEGMENT_IDS)[Segment];
export type StageId = (typeof STAGE_IDS)[Stage];

/** The share of customers a cut calls high. */
export function cutShare(cut: SegmentCut): number {
  return cut === 'median' ? 0.5 : 0.2;
}

/**
 * The smallest value that still counts as high: the value at the cut's rank. Values of 0 are never high,
 * so a column of zeros (no growth predicted for anyone) does not make everybody a Champion.
 */
export function highThreshold(values: ArrayLike<number>, cut: SegmentCut): number {
  const sorted = Float64Array.from(values).sort().reverse();
  if (sorted.length === 0) return Infinity;
  const rank = Math.max(1, Math.ceil(cutShare(cut) * sorted.length));
  return Math.max(sorted[rank - 1], Number.MIN_VALUE);
}

export interface SegmentThresholds {
  /** The smallest high total value. */
  total: number;
  /** The smallest high predicted value. */
  predicted: number;
}

export function valueSegment(total: number, predicted: number, thresholds: SegmentThresholds): Segment {
  const highTotal = total >= thresholds.total;
  const highPredicted = predicted >= thresholds.predicted;
  if (highPredicted) return highTotal ? 'Champions' : 'Rising';
  return highTotal ? 'Past stars' : 'Low value';
}

/** What each segment is, by the rule that puts a customer there, in English; `cut` names the share ("top 20%", "upper half"). */
export function segmentDescription(segment: Segment, cut: SegmentCut): string {
  return fill('en', english[`segment.${SEGMENT_IDS[segment]}.description`], { top: english[cutKey(cut)] });
}

/** The catalogue key of a cut's words ("top 20%", "upper half"). */
export function cutKey(cut: SegmentCut): 'segment.cut.median' | 'segment.cut.top20' {
  return cut === 'median' ? 'segment.cut.median' : 'segment.cut.top20';
}

export interface StageInput {
  /** Repeat purchase days. */
  frequency: number;
  daysSinceFirst: number;
  daysSinceLast: number;
  /** Days from first to last purchase. */
  recencyDays: number;
  pAlive: number;
}

export interface StageRules {
  /** A customer without a purchase in this many days is no longer active. */
  inactiveDays: number;
}

/** Thresholds of the stage rules, named so the sidebar and the README can state them. */
export const STAGE_RULES = {
  /** New: the first purchase is within this share of the inactive window. */
  newShareOfWindow: 1 / 3,
  /** Lapsing: more than this many of the customer's own gaps since the last purchase. */
  overdueGaps: 1.5,
  /** Below this P(alive) a customer is Lapsing, or Former beyond the inactive window; at or above it, never Former. */
  likelyGonePAlive: 0.5,
} as const;

export function lifecycleStage(c: StageInput, rules: StageRules): Stage {
  if (c.daysSinceFirst <= rules.inactiveDays * STAGE_RULES.newShareOfWindow) return 'New';
  const inactive = c.daysSinceLast > rules.inactiveDays;
  const likelyGone = c.pAlive < STAGE_RULES.likelyGonePAlive;
  if (inactive && likelyGone) return 'Former';
  if (inactive || likelyGone) return 'Lapsing';
  if (c.frequency === 0) return 'One-time buyer';
  const usualGap = c.recencyDays / c.frequency;
  return c.daysSinceLast > STAGE_RULES.overdueGaps * usualGap ? 'Lapsing' : 'Regular';
}

/** The figures a stage's description states, from its rule: the window, the New share of it, the overdue gaps, the P(alive) line. */
export function stageFigures(rules: StageRules): { days: number; newDays: number; gaps: number; likelyPercent: number } {
  return {
    days: rules.inactiveDays,
    newDays: Math.floor(rules.inactiveDays * STAGE_RULES.newShareOfWindow),
    gaps: STAGE_RULES.overdueGaps,
    likelyPercent: Math.round(STAGE_RULES.likelyGonePAlive * 100),
  };
}

/** What each stage is, by its rule, in English. */
export function stageDescription(stage: Stage, rules: StageRules): string {
  const f = stageFigures(rules);
  return fill('en', english[`stage.${STAGE_IDS[stage]}.description`], { days: f.days, newDays: f.newDays, gaps: f.gaps, likely: `${f.likelyPercent}%` });
}

const HIGH_VALUE: ReadonlySet<Segment> = new Set<Segment>(['Champions', 'Rising', 'Past stars']);

/** The catalogue key of the advice for a pair of labels. */
export type AdviceKey = `advice.regular.${SegmentId}` | `advice.${Exclude<StageId, 'regular'>}.${'valuable' | 'other'}`;

/**
 * Which advice fits both labels: the stage decides the action (reward, develop, remind, win back), the segment
 * whether it is worth a personal touch or only low-cost, automated contact; for Regulars, each segment its own.
 */
export function adviceKey(segment: Segment, stage: Stage): AdviceKey {
  if (stage === 'Regular') return `advice.regular.${SEGMENT_IDS[segment]}`;
  return `advice.${STAGE_IDS[stage]}.${HIGH_VALUE.has(segment) ? 'valuable' : 'other'}`;
}

/** What to do, fitting both labels (adviceKey), in English. */
export function adviceFor(segment: Segment, stage: Stage): string {
  return english[adviceKey(segment, stage)];
}

/**
 * The sums of one group (a segment or a stage). Every value is a sum over the group's customers; every share says
 * what it is a share of.
 */
export interface GroupTotals<K extends string> {
  name: K;
  customers: number;
  /** Of all customers. */
  customerShare: number;
  revenue: number;
  /** Of all customers' revenue. */
  revenueShare: number;
  /** Σ past value (revenue − cost). */
  pastValue: number;
  /** Σ predicted value over the horizon. */
  predictedValue: number;
  /** Of all customers' predicted value. */
  predictedShare: number;
  /** pastValue + predictedValue. */
  totalValue: number;
}

export function groupTotals<K extends string>(
  names: readonly K[],
  groupOf: ArrayLike<K>,
  values: { revenue: ArrayLike<number>; past: ArrayLike<number>; predicted: ArrayLike<number> },
): GroupTotals<K>[] {
  const n = groupOf.length;
  const totalRevenue = sum(values.revenue);
  const totalPredicted = sum(values.predicted);
  return names.map((name) => {
    let customers = 0;
    let revenue = 0;
    let past = 0;
    let predicted = 0;
    for (let i = 0; i < n; i++) {
      if (groupOf[i] !== name) continue;
      customers++;
      revenue += values.revenue[i];
      past += values.past[i];
      predicted += values.predicted[i];
    }
    return {
      name,
      customers,
      customerShare: n > 0 ? customers / n : 0,
      revenue,
      revenueShare: totalRevenue !== 0 ? revenue / totalRevenue : 0,
      pastValue: past,
      predictedValue: predicted,
      predictedShare: totalPredicted !== 0 ? predicted / totalPredicted : 0,
      totalValue: past + predicted,
    };
  });
}

export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/** Share of the total held by the top `share` of customers, ranked by the same values (concentration when high). */
export function topShare(values: ArrayLike<number>, share = 0.2): number {
  const sorted = Float64Array.from(values).sort().reverse();
  let total = 0;
  for (const v of sorted) total += v;
  if (total <= 0 || sorted.length === 0) return 0;
  const top = Math.max(1, Math.ceil(share * sorted.length));
  let part = 0;
  for (let i = 0; i < top; i++) part += sorted[i];
  return part / total;
}

/** The cumulative value curve: share of the values' total held by the top 5%, 10%, ..., 100% of customers. */
export function paretoCurve(values: ArrayLike<number>, points = 20): { customerShare: number; valueShare: number }[] {
  return Array.from({ length: points }, (_, i) => {
    const customerShare = (i + 1) / points;
    return { customerShare, valueShare: topShare(values, customerShare) };
  });
}

/**
 * Referral value, an attribution: the total value (past + predicted) of the customers each customer referred.
 * `referrerOf[i]` is the index of customer i's referrer, or −1. It is the referred customers' own value, so it is
 * never added to anyone's total.
 */
export function referralValues(referrerOf: ArrayLike<number>, total: ArrayLike<number>): Float64Array {
  const out = new Float64Array(referrerOf.length);
  for (let i = 0; i < referrerOf.length; i++) {
    const referrer = referrerOf[i];
    if (referrer >= 0 && referrer !== i) out[referrer] += total[i];
  }
  return out;
}
