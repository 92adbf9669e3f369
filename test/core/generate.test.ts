import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COST_RATIO,
  benchmarkOrderLog,
  generateOrderLog,
  sampleOrderLog,
  type OrderLogOptions,
  type SyntheticOrderLog,
} from '../../src/core/generate';

/** Empirical figures are compared with the truth within this many standard errors. */
const STANDARD_ERRORS = 4;

const day = (year: number, month: number, date: number): number => Date.UTC(year, month - 1, date) / 86_400_000;

/** Orders per customer, in order of first appearance. */
function ordersPerCustomer(log: SyntheticOrderLog): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of log.customerIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Index of each customer's first order row (the log is in date order). */
function firstRows(log: SyntheticOrderLog): Map<string, number> {
  const first = new Map<string, number>();
  log.customerIds.forEach((id, row) => {
    if (!first.has(id)) first.set(id, row);
  });
  return first;
}

/**
 * BG/NBD distribution of the number of repeat purchases X(t) of a new customer over t days
 * (Fader, Hardie & Lee 2005, eq. 8):
 *   P(X(t)=x) = B(a,b+x)/B(a,b) · NB(x) + [x>0] · B(a+1,b+x−1)/B(a,b) · (1 − Σ_{j<x} NB(j)),
 * where NB(j) = Γ(r+j)/(Γ(r) j!) · (α/(α+t))^r · (t/(α+t))^j is the negative binomial probability of j
 * purchases of a customer who never leaves. The beta ratios follow from B(a,b+x) = B(a,b+x−1)·(b+x−1)/(a+b+x−1)
 * and B(a+1,b+x−1) = B(a,b+x−1) · a/(a+b+x−1), so no special functions are needed.
 */
function bgnbdPmf(r: number, alpha: number, a: number, b: number, t: number, maxX: number): Float64Array {
  const pmf = new Float64Array(maxX + 1);
  let negativeBinomial = (alpha / (alpha + t)) ** r;
  let cumulativeNegativeBinomial = 0;
  let betaRatio = 1; // B(a, b+x)/B(a, b)
  for (let x = 0; x <= maxX; x++) {
    let p = betaRatio * negativeBinomial;
    if (x > 0) {
      const previousBetaRatio = betaRatio / ((b + x - 1) / (a + b + x - 1));
      p += ((a / (a + b + x - 1)) * previousBetaRatio) * (1 - cumulativeNegativeBinomial);
    }
    pmf[x] = p;
    cumulativeNegativeBinomial += negativeBinomial;
    negativeBinomial *= ((r + x) / (x + 1)) * (t / (alpha + t));
    betaRatio *= (b + x) / (a + b + x);
  }
  return pmf;
}

/** Averages a pmf over customer ages T uniform on (tMin, tMax] (midpoint rule). */
function averagedOverAge(tMin: number, tMax: number, pmfAt: (t: number) => Float64Array): Float64Array {
  const nodes = 200;
  let average: Float64Array | undefined;
  for (let i = 0; i < nodes; i++) {
    const pmf = pmfAt(tMin + ((i + 0.5) / nodes) * (tMax - tMin));
    average ??= new Float64Array(pmf.length);
    for (let x = 0; x < pmf.length; x++) average[x] += pmf[x] / nodes;
  }
  return average ?? new Float64Array(0);
}

describe('generateOrderLog', () => {
  const small: OrderLogOptions = { seed: 7, customers: 300, startDay: day(2025, 1, 1), days: 365 };

  it('is deterministic for a seed and differs for another seed', () => {
    const first = generateOrderLog(small);
    const again = generateOrderLog(small);
    const other = generateOrderLog({ ...small, seed: 8 });
    expect(again).toEqual(first);
    expect(other.amounts).not.toEqual(first.amounts);
  });

  it('lists orders by date, then customer, within the observation period', () => {
    const log = generateOrderLog(small);
    expect(log.endDay).toBe(small.startDay + 364);
    const outside = log.days.filter((d) => d < log.startDay || d > log.endDay);
    expect(outside).toHaveLength(0);
    const outOfOrder: number[] = [];
    for (let i = 1; i < log.days.length; i++) {
      const sameDay = log.days[i] === log.days[i - 1];
      if (log.days[i] < log.days[i - 1] || (sameDay && log.customerIds[i] < log.customerIds[i - 1])) outOfOrder.push(i);
    }
    expect(outOfOrder).toEqual([]);
  });

  it('makes positive amounts in cents and costs between 0 and the amount', () => {
    const log = generateOrderLog(small);
    const isCents = (x: number): boolean => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6;
    const bad = [...log.amounts.keys()].filter((i) => {
      const amount = log.amounts[i];
      const cost = log.costs[i];
      return !(amount > 0 && isCents(amount) && isCents(cost) && cost >= 0 && cost <= amount);
    });
    expect(bad).toEqual([]);
  });

  it('numbers customers in order of acquisition and gives each at least one order', () => {
    const log = generateOrderLog(small);
    const first = [...firstRows(log).keys()];
    expect(first).toHaveLength(small.customers);
    expect(first).toEqual([...first].sort());
    expect(first[0]).toBe('C00001');
    expect(log.customers).toBe(small.customers);
  });

  it('keeps first purchases inside the acquisition window', () => {
    const log = generateOrderLog({ ...small, acquisitionDays: 30 });
    for (const row of firstRows(log).values()) expect(log.days[row]).toBeLessThan(small.startDay + 30);
  });

  it('refers customers only by customers whose first purchase day is earlier, about 15% of them', () => {
    const log = generateOrderLog({ seed: 3, customers: 20_000, startDay: 0, days: 365 });
    const first = firstRows(log);
    let referred = 0;
    for (const [id, row] of first) {
      const referrer = log.referredBy[row];
      if (referrer === '') continue;
      referred++;
      const referrerRow = first.get(referrer);
      expect(referrerRow).toBeDefined();
      expect(log.days[referrerRow ?? -1]).toBeLessThan(log.days[row]);
      expect(referrer).not.toBe(id);
    }
    // Customers of the first day cannot have been referred: the share is a hair below 15%.
    const share = referred / first.size;
    const standardError = Math.sqrt((0.15 * 0.85) / first.size);
    expect(Math.abs(share - 0.15)).toBeLessThan(STANDARD_ERRORS * standardError + 0.15 / 365);
    // Every order of a customer carries the same referrer.
    const inconsistent = log.customerIds.filter((id, row) => log.referredBy[row] !== log.referredBy[first.get(id) ?? -1]);
    expect(inconsistent).toEqual([]);
  });

  it('can switch referrals off', () => {
    const log = generateOrderLog({ ...small, referralShare: 0 });
    expect(log.referredBy.every((referrer) => referrer === '')).toBe(true);
  });

  it('follows the BG/NBD distribution of repeat purchases', () => {
    // Orders (not purchase days) are the continuous-time events, so this checks the process itself,
    // before same-day orders are merged by the summary.
    const process = { r: 0.5, alpha: 20, a: 0.8, b: 2.5 };
    const options: OrderLogOptions = { seed: 11, customers: 40_000, startDay: 0, days: 365, process };
    const counts = [...ordersPerCustomer(generateOrderLog(options)).values()].map((orders) => orders - 1);
    const maxX = 3000;
    const expected = averagedOverAge(0, 365, (t) => bgnbdPmf(process.r, process.alpha, process.a, process.b, t, maxX));
    expect(expected.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 6);

    const n = counts.length;
    for (let x = 0; x <= 5; x++) {
      const observed = counts.filter((c) => c === x).length / n;
      const standardError = Math.sqrt((expected[x] * (1 - expected[x])) / n);
      expect(Math.abs(observed - expected[x]), `P(X = ${x})`).toBeLessThan(STANDARD_ERRORS * standardError);
    }
    const expectedMean = expected.reduce((sum, p, x) => sum + p * x, 0);
    const mean = counts.reduce((sum, c) => sum + c, 0) / n;
    const sd = Math.sqrt(counts.reduce((sum, c) => sum + (c - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mean - expectedMean)).toBeLessThan((STANDARD_ERRORS * sd) / Math.sqrt(n));
  });

  it('lets customers leave right after the first purchase with dropoutAfterFirst (MBG/NBD)', () => {
    // P(X(T) = 0) = E[p] + E[1 − p] · (α/(α+T))^r, averaged over T.
    const process = { r: 0.5, alpha: 20, a: 0.8, b: 2.5 };
    const options: OrderLogOptions = {
      seed: 12,
      customers: 40_000,
      startDay: 0,
      days: 365,
      process,
      dropoutAfterFirst: true,
    };
    const counts = [...ordersPerCustomer(generateOrderLog(options)).values()];
    const meanP = process.a / (process.a + process.b);
    const expected = averagedOverAge(0, 365, (t) =>
      Float64Array.of(meanP + (1 - meanP) * (process.alpha / (process.alpha + t)) ** process.r),
    )[0];
    const observed = counts.filter((c) => c === 1).length / counts.length;
    const standardError = Math.sqrt((expected * (1 - expected)) / counts.length);
    expect(Math.abs(observed - expected)).toBeLessThan(STANDARD_ERRORS * standardError);
  });

  it('draws first-order amounts from the Gamma-Gamma model and costs from the cost ratio', () => {
    const process = { p: 6, q: 4, gamma: 22.5 };
    const log = generateOrderLog({ seed: 13, customers: 20_000, startDay: 0, days: 365, process });
    // One first order per customer: independent draws with mean p·γ/(q−1).
    const rows = [...firstRows(log).values()];
    const amounts = rows.map((row) => log.amounts[row]);
    const mean = amounts.reduce((sum, x) => sum + x, 0) / amounts.length;
    const sd = Math.sqrt(amounts.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (amounts.length - 1));
    const expectedMean = (process.p * process.gamma) / (process.q - 1);
    expect(Math.abs(mean - expectedMean)).toBeLessThan((STANDARD_ERRORS * sd) / Math.sqrt(amounts.length));

    const { a, b } = DEFAULT_COST_RATIO;
    const ratios = rows.filter((row) => log.amounts[row] >= 5).map((row) => log.costs[row] / log.amounts[row]);
    const meanRatio = ratios.reduce((sum, x) => sum + x, 0) / ratios.length;
    const ratioSd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    // Rounding costs to cents moves a ratio by at most 0.005/5.
    expect(Math.abs(meanRatio - a / (a + b))).toBeLessThan((STANDARD_ERRORS * ratioSd) / Math.sqrt(ratios.length) + 0.001);
  });

  it('rejects impossible options', () => {
    expect(() => generateOrderLog({ ...small, customers: -1 })).toThrow(RangeError);
    expect(() => generateOrderLog({ ...small, days: 0 })).toThrow(RangeError);
    expect(() => generateOrderLog({ ...small, acquisitionDays: 400 })).toThrow(RangeError);
    expect(() => generateOrderLog({ ...small, referralShare: 1.5 })).toThrow(RangeError);
    expect(() => generateOrderLog({ ...small, process: { r: 0 } })).toThrow(RangeError);
    expect(() => generateOrderLog({ ...small, costRatio: { a: 1, b: Number.NaN } })).toThrow(RangeError);
  });

  it('gives an empty log for no customers', () => {
    const log = generateOrderLog({ ...small, customers: 0 });
    expect(log.days).toHaveLength(0);
    expect(log.customerIds).toEqual([]);
  });
});

describe('presets', () => {
  it('sampleOrderLog: about 1,000 customers and 5,000 orders over two years ending 2026-06-30', () => {
    const log = sampleOrderLog();
    expect(log).toEqual(sampleOrderLog(42));
    expect(log.startDay).toBe(day(2024, 7, 1));
    expect(log.endDay).toBe(day(2026, 6, 30));
    const orders = ordersPerCustomer(log);
    expect(orders.size).toBe(1000);
    expect(log.days.length).toBeGreaterThan(4000);
    expect(log.days.length).toBeLessThan(6000);
    const counts = [...orders.values()];
    // A varied base: one-time buyers, heavy buyers, customers acquired in the last month.
    expect(counts.filter((c) => c === 1).length).toBeGreaterThan(200);
    expect(counts.filter((c) => c >= 20).length).toBeGreaterThan(20);
    const lastMonth = [...firstRows(log).values()].filter((row) => log.days[row] > log.endDay - 30);
    expect(lastMonth.length).toBeGreaterThan(20);
    expect(log.referredBy.some((referrer) => referrer !== '')).toBe(true);
  });

  it('benchmarkOrderLog: about 100,000 customers and 900,000 orders, first purchases in the first year', () => {
    const log = benchmarkOrderLog();
    expect(log.customers).toBe(100_000);
    expect(log.days.length).toBeGreaterThan(850_000);
    expect(log.days.length).toBeLessThan(950_000);
    expect(log.customerIds[0]).toBe('C000001');
    const lastFirstPurchase = Math.max(...[...firstRows(log).values()].map((row) => log.days[row]));
    expect(lastFirstPurchase).toBeLessThan(log.startDay + 365);
  });
});
