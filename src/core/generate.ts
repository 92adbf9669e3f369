/**
 * Deterministic synthetic order logs that follow the buying process the models assume, for the
 * benchmark, the local preview, the template sheet and tests.
 *
 * Each customer, in continuous time measured in days:
 * - makes a first purchase at a time uniform over the acquisition window;
 * - buys at a rate λ ~ Gamma(r, α) per day: waits between purchases are Exponential(λ);
 * - after every repeat purchase leaves for good with probability p ~ Beta(a, b) (BG/NBD, Fader, Hardie &
 *   Lee 2005: the customer is alive until the first repeat purchase, which is why P(alive | x = 0) = 1);
 *   with `dropoutAfterFirst` the coin is also tossed after the first purchase (MBG/NBD);
 * - spends Gamma(p, ν) per order with ν ~ Gamma(q, γ) (Gamma-Gamma, Fader & Hardie 2013);
 * - has a cost ratio ~ Beta, so margins differ between customers;
 * - was referred, with some probability, by a customer whose first purchase day is earlier.
 * An order on day ⌊time⌋ is kept while that day is within the observation period; two orders can fall
 * on one day, as in real logs. Customer ids are numbered in order of acquisition.
 */

import { Random } from './random';

/** Parameters of the buying process, in days and currency units. */
export interface ProcessParameters {
  /** Purchase rate λ ~ Gamma(shape r, rate alpha), per day. */
  r: number;
  alpha: number;
  /** Drop-out probability after a repeat purchase ~ Beta(a, b). */
  a: number;
  b: number;
  /** Order amount ~ Gamma(shape p, rate ν), ν ~ Gamma(shape q, rate gamma); mean amount p·gamma/(q − 1). */
  p: number;
  q: number;
  gamma: number;
}

/** Cost of an order = amount × the customer's cost ratio ~ Beta(a, b). */
export interface CostRatio {
  a: number;
  b: number;
}

export interface OrderLogOptions {
  seed?: number;
  customers: number;
  /** First day of observation (a day number). */
  startDay: number;
  /** Length of observation in days: the last kept day is startDay + days − 1. */
  days: number;
  /** First purchases fall uniformly in the first `acquisitionDays` days. Default: all of `days`. */
  acquisitionDays?: number;
  /** Any parameter left out takes its value from DEFAULT_PROCESS. */
  process?: Partial<ProcessParameters>;
  costRatio?: CostRatio;
  /** Share of customers referred by an earlier customer. Default 0.15. */
  referralShare?: number;
  /** Also allow leaving right after the first purchase (the MBG/NBD process). Default false. */
  dropoutAfterFirst?: boolean;
}

/** Columnar, one entry per order row, ordered by day, then customer, then time of day. */
export interface SyntheticOrderLog {
  customerIds: string[];
  days: Int32Array;
  /** Rounded to cents, at least 0.01. */
  amounts: Float64Array;
  /** Rounded to cents. */
  costs: Float64Array;
  /** The customer's referrer id, or "". */
  referredBy: string[];
  startDay: number;
  /** Last day of observation (inclusive). */
  endDay: number;
  customers: number;
}

/** Tuned so the sample preset has about 5 orders per customer and a third of one-time buyers. */
export const DEFAULT_PROCESS: Readonly<ProcessParameters> = {
  r: 0.4,
  alpha: 20,
  a: 0.5,
  b: 4,
  p: 6,
  q: 4,
  gamma: 22.5,
};

/** Mean 0.6 with a standard deviation of about 0.1. */
export const DEFAULT_COST_RATIO: Readonly<CostRatio> = { a: 12, b: 8 };

const DEFAULT_REFERRAL_SHARE = 0.15;

const MS_PER_DAY = 86_400_000;

/** Slightly more frequent buyers, so 100,000 customers place about 900,000 orders. */
export const BENCHMARK_PROCESS: Readonly<ProcessParameters> = { ...DEFAULT_PROCESS, r: 0.5, alpha: 17 };

/** A calendar date as a day number (days since 1970-01-01); month is 1-based. */
function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/**
 * About 1,000 customers and 5,000 orders from 2024-07-01 to 2026-06-30, customers acquired over the
 * whole two years: one-time buyers, regulars, customers who went quiet and brand-new ones.
 */
export function sampleOrderLog(seed = 42): SyntheticOrderLog {
  const startDay = dayOf(2024, 7, 1);
  return generateOrderLog({
    seed,
    customers: 1000,
    startDay,
    days: dayOf(2026, 6, 30) - startDay + 1,
    process: DEFAULT_PROCESS,
  });
}

/** About 100,000 customers and 900,000 orders over two years, first purchases in the first year. */
export function benchmarkOrderLog(seed = 1): SyntheticOrderLog {
  const startDay = dayOf(2024, 7, 1);
  return generateOrderLog({
    seed,
    customers: 100_000,
    startDay,
    days: dayOf(2026, 6, 30) - startDay + 1,
    acquisitionDays: 365,
    process: BENCHMARK_PROCESS,
  });
}

interface ResolvedOptions {
  seed: number;
  customers: number;
  startDay: number;
  days: number;
  acquisitionDays: number;
  process: ProcessParameters;
  costRatio: CostRatio;
  referralShare: number;
  dropoutAfterFirst: boolean;
}

/** Per-customer draws, customer k being the k-th acquired. */
interface Customers {
  firstTime: Float64Array;
  referrer: Int32Array;
  spendRate: Float64Array;
  costRatio: Float64Array;
}

const CHUNK_SIZE = 65_536;

/**
 * (customer, day offset) of each order in customer order, in fixed-size chunks: fresh memory is costly
 * (page faults), so the buffer neither over-allocates nor copies when it grows. Orders per day are
 * counted on the way, for the counting sort.
 */
class OrderBuffer {
  length = 0;
  readonly customerChunks: Int32Array[] = [];
  readonly dayChunks: Int32Array[] = [];
  readonly ordersPerDay: Int32Array;

  constructor(days: number) {
    this.ordersPerDay = new Int32Array(days);
  }

  push(customer: number, dayOffset: number): void {
    const within = this.length % CHUNK_SIZE;
    if (within === 0) {
      this.customerChunks.push(new Int32Array(CHUNK_SIZE));
      this.dayChunks.push(new Int32Array(CHUNK_SIZE));
    }
    const chunk = this.customerChunks.length - 1;
    this.customerChunks[chunk][within] = customer;
    this.dayChunks[chunk][within] = dayOffset;
    this.ordersPerDay[dayOffset]++;
    this.length++;
  }
}

export function generateOrderLog(options: OrderLogOptions): SyntheticOrderLog {
  const resolved = resolveOptions(options);
  const rng = new Random(resolved.seed);
  const firstTime = acquisitionTimes(rng, resolved);
  const customers: Customers = {
    firstTime,
    referrer: drawReferrers(rng, firstTime, resolved.referralShare),
    spendRate: new Float64Array(resolved.customers),
    costRatio: new Float64Array(resolved.customers),
  };
  const orders = new OrderBuffer(resolved.days);
  for (let k = 0; k < resolved.customers; k++) simulateCustomer(rng, resolved, customers, k, orders);
  return toLog(rng, orders, customers, resolved);
}

function resolveOptions(options: OrderLogOptions): ResolvedOptions {
  const buying = { ...DEFAULT_PROCESS, ...options.process };
  const resolved: ResolvedOptions = {
    seed: options.seed ?? 1,
    customers: options.customers,
    startDay: options.startDay,
    days: options.days,
    acquisitionDays: options.acquisitionDays ?? options.days,
    process: buying,
    costRatio: options.costRatio ?? DEFAULT_COST_RATIO,
    referralShare: options.referralShare ?? DEFAULT_REFERRAL_SHARE,
    dropoutAfterFirst: options.dropoutAfterFirst ?? false,
  };
  requireInteger('customers', resolved.customers, 0);
  requireInteger('startDay', resolved.startDay, Number.MIN_SAFE_INTEGER);
  requireInteger('days', resolved.days, 1);
  if (!(resolved.acquisitionDays > 0 && resolved.acquisitionDays <= resolved.days)) {
    throw new RangeError(`acquisitionDays must be in (0, days], got ${resolved.acquisitionDays}`);
  }
  if (!(resolved.referralShare >= 0 && resolved.referralShare <= 1)) {
    throw new RangeError(`referralShare must be in [0, 1], got ${resolved.referralShare}`);
  }
  const positive = { ...buying, 'costRatio.a': resolved.costRatio.a, 'costRatio.b': resolved.costRatio.b };
  for (const [name, value] of Object.entries(positive)) {
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be positive, got ${value}`);
  }
  return resolved;
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

/** First-purchase times (fractional day numbers), sorted: customer k is the k-th acquired. */
function acquisitionTimes(rng: Random, options: ResolvedOptions): Float64Array {
  const times = new Float64Array(options.customers);
  for (let k = 0; k < times.length; k++) times[k] = options.startDay + rng.uniform() * options.acquisitionDays;
  return times.sort();
}

/**
 * Referrer index of each customer, or −1. A referrer is drawn uniformly among the customers whose first
 * purchase *day* is earlier, so "referred by" never points at someone who bought later or the same day.
 */
function drawReferrers(rng: Random, firstTimes: Float64Array, share: number): Int32Array {
  const referrers = new Int32Array(firstTimes.length).fill(-1);
  let earlierDay = 0;
  for (let k = 0; k < firstTimes.length; k++) {
    const day = Math.floor(firstTimes[k]);
    while (Math.floor(firstTimes[earlierDay]) < day) earlierDay++;
    if (rng.uniform() < share && earlierDay > 0) referrers[k] = rng.int(earlierDay);
  }
  return referrers;
}

/** Draws the customer's traits and the days of their orders; amounts are drawn later, in toLog. */
function simulateCustomer(
  rng: Random,
  options: ResolvedOptions,
  customers: Customers,
  k: number,
  orders: OrderBuffer,
): void {
  const { process: buying, startDay } = options;
  const rate = rng.gamma(buying.r, buying.alpha);
  const dropout = rng.beta(buying.a, buying.b);
  customers.spendRate[k] = rng.gamma(buying.q, buying.gamma);
  customers.costRatio[k] = rng.beta(options.costRatio.a, options.costRatio.b);
  const endTime = startDay + options.days;
  let time = customers.firstTime[k];
  orders.push(k, Math.floor(time) - startDay);
  if (options.dropoutAfterFirst && rng.uniform() < dropout) return;
  for (;;) {
    time += rng.exponential(rate);
    if (time >= endTime) return;
    orders.push(k, Math.floor(time) - startDay);
    if (rng.uniform() < dropout) return;
  }
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Counting sort by day, reading the buffer in order and writing each order at its day's next free row:
 * each day's orders keep customer order, as an order export lists them. The amounts are drawn here, in
 * buffer order, so the random stream is the same however the output is laid out.
 */
function toLog(rng: Random, orders: OrderBuffer, customers: Customers, options: ResolvedOptions): SyntheticOrderLog {
  const ids = customerIdStrings(options.customers);
  const referrerIds = Array.from(customers.referrer, (k) => (k < 0 ? '' : ids[k]));
  const n = orders.length;
  const log: SyntheticOrderLog = {
    customerIds: new Array<string>(n),
    days: new Int32Array(n),
    amounts: new Float64Array(n),
    costs: new Float64Array(n),
    referredBy: new Array<string>(n),
    startDay: options.startDay,
    endDay: options.startDay + options.days - 1,
    customers: options.customers,
  };
  const nextRow = firstRowOfDay(orders.ordersPerDay);
  const shape = options.process.p;
  for (let i = 0; i < n; i++) {
    const chunk = Math.floor(i / CHUNK_SIZE);
    const customer = orders.customerChunks[chunk][i % CHUNK_SIZE];
    const dayOffset = orders.dayChunks[chunk][i % CHUNK_SIZE];
    const row = nextRow[dayOffset]++;
    const amount = Math.max(0.01, roundCents(rng.gamma(shape, customers.spendRate[customer])));
    log.customerIds[row] = ids[customer];
    log.referredBy[row] = referrerIds[customer];
    log.days[row] = options.startDay + dayOffset;
    log.amounts[row] = amount;
    log.costs[row] = roundCents(amount * customers.costRatio[customer]);
  }
  return log;
}

function firstRowOfDay(ordersPerDay: Int32Array): Int32Array {
  const first = new Int32Array(ordersPerDay.length);
  for (let d = 1; d < ordersPerDay.length; d++) first[d] = first[d - 1] + ordersPerDay[d - 1];
  return first;
}

/** "C00001", "C00002", …: at least five digits, more when there are more customers. */
function customerIdStrings(customers: number): string[] {
  const width = Math.max(5, String(customers).length);
  return Array.from({ length: customers }, (_, k) => `C${String(k + 1).padStart(width, '0')}`);
}
