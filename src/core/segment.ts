/**
 * Value-potential segments and lifecycle stages.
 *
 * Segments cross what a customer brought so far (base value) with what they are expected to bring (growth value):
 * high/high Champions, low/high Rising, high/low At risk, low/low Low value. "High" means in the top share
 * (20% by default) or above the median.
 *
 * Stages read a customer's recency against their own purchase rhythm and their probability of being alive:
 * New (first order recently), One-time buyer, Regular, At risk (overdue or fading), Former.
 */

export const SEGMENTS = ['Champions', 'Rising', 'At risk', 'Low value'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const STAGES = ['New', 'One-time buyer', 'Regular', 'At risk', 'Former'] as const;
export type Stage = (typeof STAGES)[number];

export type SegmentCut = 'top20' | 'median';

/**
 * The smallest value that still counts as high: the value at the cut's rank. Values of 0 are never high,
 * so a column of zeros (no growth predicted for anyone) does not make everybody a Champion.
 */
export function highThreshold(values: ArrayLike<number>, cut: SegmentCut): number {
  const sorted = Float64Array.from(values).sort().reverse();
  if (sorted.length === 0) return Infinity;
  const share = cut === 'median' ? 0.5 : 0.2;
  const rank = Math.max(1, Math.ceil(share * sorted.length));
  return Math.max(sorted[rank - 1], Number.MIN_VALUE);
}

export function valueSegment(base: number, growth: number, baseThreshold: number, growthThreshold: number): Segment {
  const highBase = base >= baseThreshold;
  const highGrowth = growth >= growthThreshold;
  if (highBase) return highGrowth ? 'Champions' : 'At risk';
  return highGrowth ? 'Rising' : 'Low value';
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
  /** A customer without an order in this many days is no longer active (one-time buyers become Former). */
  inactiveDays: number;
}

/** Thresholds of the stage rules, named so the sidebar can explain them. */
export const STAGE_RULES = {
  /** New: the first order is within this share of the inactive window. */
  newShareOfWindow: 1 / 3,
  /** Overdue: more than this many of the customer's usual gaps since the last order. */
  overdueGaps: 1.5,
  /** Former: more than this many gaps (and beyond the inactive window) since the last order. */
  goneGaps: 3,
  /** P(alive) below which a repeat buyer is fading (At risk) or gone (Former). */
  fadingPAlive: 0.5,
  gonePAlive: 0.2,
} as const;

export function lifecycleStage(c: StageInput, rules: StageRules): Stage {
  if (c.daysSinceFirst <= rules.inactiveDays * STAGE_RULES.newShareOfWindow) return 'New';
  if (c.frequency === 0) return c.daysSinceLast <= rules.inactiveDays ? 'One-time buyer' : 'Former';
  const usualGap = c.recencyDays / c.frequency;
  if (c.pAlive < STAGE_RULES.gonePAlive || c.daysSinceLast > Math.max(rules.inactiveDays, STAGE_RULES.goneGaps * usualGap)) return 'Former';
  if (c.pAlive < STAGE_RULES.fadingPAlive || c.daysSinceLast > STAGE_RULES.overdueGaps * usualGap) return 'At risk';
  return 'Regular';
}

export interface GroupTotals<K extends string> {
  name: K;
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  averageClv: number;
  /** Σ growth value: what the group is expected to bring over the horizon. */
  predictedValue: number;
}

export function groupTotals<K extends string>(
  names: readonly K[],
  groupOf: ArrayLike<K>,
  revenue: ArrayLike<number>,
  clv: ArrayLike<number>,
  growth: ArrayLike<number>,
): GroupTotals<K>[] {
  const n = groupOf.length;
  let totalRevenue = 0;
  for (let i = 0; i < n; i++) totalRevenue += revenue[i];
  return names.map((name) => {
    let customers = 0;
    let rev = 0;
    let clvSum = 0;
    let predicted = 0;
    for (let i = 0; i < n; i++) {
      if (groupOf[i] !== name) continue;
      customers++;
      rev += revenue[i];
      clvSum += clv[i];
      predicted += growth[i];
    }
    return {
      name,
      customers,
      customerShare: n > 0 ? customers / n : 0,
      revenue: rev,
      revenueShare: totalRevenue !== 0 ? rev / totalRevenue : 0,
      averageClv: customers > 0 ? clvSum / customers : 0,
      predictedValue: predicted,
    };
  });
}

/** Share of the total held by the top `share` of customers (concentration risk when high). */
export function topShare(values: ArrayLike<number>, share = 0.2): number {
  const sorted = Float64Array.from(values).sort().reverse();
  let total = 0;
  for (const v of sorted) total += v;
  if (total <= 0 || sorted.length === 0) return 0;
  const top = Math.max(1, Math.ceil(share * sorted.length));
  let sum = 0;
  for (let i = 0; i < top; i++) sum += sorted[i];
  return sum / total;
}

/** The cumulative value curve: share of value held by the top 5%, 10%, ..., 100% of customers. */
export function paretoCurve(values: ArrayLike<number>, points = 20): { customerShare: number; valueShare: number }[] {
  return Array.from({ length: points }, (_, i) => {
    const customerShare = (i + 1) / points;
    return { customerShare, valueShare: topShare(values, customerShare) };
  });
}

/**
 * Networking value: the base and growth value of the customers each customer referred.
 * `referrerOf[i]` is the index of customer i's referrer, or −1.
 */
export function networkingValues(referrerOf: ArrayLike<number>, base: ArrayLike<number>, growth: ArrayLike<number>): Float64Array {
  const out = new Float64Array(referrerOf.length);
  for (let i = 0; i < referrerOf.length; i++) {
    const referrer = referrerOf[i];
    if (referrer >= 0 && referrer !== i) out[referrer] += base[i] + growth[i];
  }
  return out;
}
