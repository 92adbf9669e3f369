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
 */

export const SEGMENTS = ['Champions', 'Rising', 'Past stars', 'Low value'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const STAGES = ['New', 'One-time buyer', 'Regular', 'Lapsing', 'Former'] as const;
export type Stage = (typeof STAGES)[number];

export type SegmentCut = 'top20' | 'median';

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

/** What each segment is, by the rule that puts a customer there; `top` names the cut ("top 20%", "upper half"). */
export function segmentDescription(segment: Segment, cut: SegmentCut): string {
  const top = cut === 'median' ? 'upper half' : 'top 20%';
  switch (segment) {
    case 'Champions':
      return `In the ${top} by total value (past + predicted) and by predicted value.`;
    case 'Rising':
      return `In the ${top} by predicted value, not (yet) by total value.`;
    case 'Past stars':
      return `In the ${top} by total value, not by predicted value: most of their value is behind them.`;
    case 'Low value':
      return `Neither in the ${top} by total value nor by predicted value.`;
  }
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

/** What each stage is, by its rule. */
export function stageDescription(stage: Stage, rules: StageRules): string {
  const days = rules.inactiveDays;
  switch (stage) {
    case 'New':
      return `First purchase in the last ${Math.floor(days * STAGE_RULES.newShareOfWindow)} days.`;
    case 'One-time buyer':
      return `One purchase day so far, within the last ${days} days, and likely still active.`;
    case 'Regular':
      return `Repeat purchases, the last within ${days} days and on their usual rhythm, and likely still active.`;
    case 'Lapsing':
      return `No purchase for more than ${days} days, more than 1.5 of their usual gaps, or less than 50% likely still active; not yet Former.`;
    case 'Former':
      return `No purchase for more than ${days} days and less than 50% likely still active.`;
  }
}

const HIGH_VALUE: ReadonlySet<Segment> = new Set<Segment>(['Champions', 'Rising', 'Past stars']);

/**
 * What to do, fitting both labels: the stage decides the action (reward, develop, remind, win back), the segment
 * whether it is worth a personal touch or only low-cost, automated contact.
 */
export function adviceFor(segment: Segment, stage: Stage): string {
  const valuable = HIGH_VALUE.has(segment);
  switch (stage) {
    case 'Former':
      return valuable
        ? 'Probably gone, and was worth a lot: a personal win-back offer is worth trying once.'
        : 'Probably gone, and worth little: no spending; include them only in general newsletters.';
    case 'Lapsing':
      return valuable
        ? 'Slipping away while still worth a lot: contact them personally now (see Contact first).'
        : 'Slipping away: a low-cost reminder or offer.';
    case 'New':
      return valuable ? 'A promising start: welcome them personally and make the next order easy.' : 'Welcome them and invite a second order, at low cost.';
    case 'One-time buyer':
      return valuable ? 'One order so far but promising: invite a second order with a tailored offer.' : 'One order so far: invite a second order, at low cost.';
    case 'Regular':
      switch (segment) {
        case 'Champions':
          return 'Buying regularly and worth the most: keep and reward them.';
        case 'Rising':
          return 'Buying regularly with more to come: develop them (more categories, larger orders).';
        case 'Past stars':
          return 'Still buying, but less is expected than they brought: find out why and offer what they used to buy.';
        case 'Low value':
          return 'Buying regularly but small: serve them well at low cost.';
      }
  }
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
