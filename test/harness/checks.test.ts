// CLV_TRACKING and CLV_COMPARE through the built dist/Code.js, called as a cell calls them, on CDNOW (the 1/10 sample,
// calibration to 30 September 1997, weeks) against the published figures, and on hand-made logs for every refusal.
import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PURCHASE_MODEL_NAMES } from '../../src/core/models/registry';
import { fixture } from '../fixtures';
import { createHarness, DIST, type Harness } from './gas';

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
const DAY = 86_400_000;

let gas: Harness;
/** The CDNOW sample as the cells a sheet would pass (sample id, order date), and as plain (id, day) pairs. */
let cdnow: { ids: unknown[][]; dates: unknown[][]; end: unknown };
const orders: { id: number; day: number }[] = [];
const JAN_1_1997 = Date.UTC(1997, 0, 1) / DAY;
const SEP_30_1997 = Date.UTC(1997, 8, 30) / DAY;

/**
 * Worked out here from the raw log, independently of the add-in: each customer's distinct order days (CDNOW has no
 * returns), the first one the customer's birth, the others repeat purchases.
 */
const purchaseDays = new Map<number, number[]>();

beforeAll(() => {
  gas = createHarness();
  const ids: unknown[][] = [];
  const dates: unknown[][] = [];
  for (const line of fixture('CDNOW_sample.txt').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const [y, m, d] = [Number(f[2].slice(0, 4)), Number(f[2].slice(4, 6)), Number(f[2].slice(6, 8))];
    ids.push([Number(f[1])]);
    dates.push([gas.date(y, m, d)]);
    orders.push({ id: Number(f[1]), day: Date.UTC(y, m - 1, d) / DAY });
  }
  cdnow = { ids, dates, end: gas.date(1997, 9, 30) };
  for (const o of orders) purchaseDays.set(o.id, [...(purchaseDays.get(o.id) ?? []), o.day]);
  for (const [id, days] of purchaseDays) purchaseDays.set(id, [...new Set(days)].sort((a, b) => a - b));
});

/** A date cell of the answer shows that day. */
function expectDay(cell: unknown, year: number, month: number, day: number): void {
  expect((cell as Date).getTime()).toBe(gas.date(year, month, day).getTime());
}

/** Repeat purchases in each week from 1 January 1997 (week 1 is 1–7 January), cumulative, as BTYD's walkthrough counts them. */
function weeklyCumulative(weeks: number): number[] {
  const perWeek = new Array<number>(weeks).fill(0);
  for (const days of purchaseDays.values()) for (const day of days.slice(1)) perWeek[Math.floor((day - JAN_1_1997) / 7)]++;
  return perWeek.map(
    (
      (sum) => (n: number) =>
        (sum += n)
    )(0),
  );
}

describe('CLV_COMPARE on CDNOW (39 + 39 weeks)', () => {
  let rows: unknown[][];
  let byModel: Map<unknown, unknown[]>;
  beforeAll(() => {
    rows = gas.cell('CLV_COMPARE', cdnow.ids, cdnow.dates, cdnow.end, 'week') as unknown[][];
    byModel = new Map(rows.slice(1).map((r) => [r[0], r]));
  });
  const ll = (model: string): number => byModel.get(model)![2] as number;

  it('has one row per purchase model of the registry, four parameters each', () => {
    expect(rows[0]).toEqual(['model', 'label', 'log_likelihood', 'parameters', 'bic', 'predicted_purchases', 'actual_purchases', 'mae', 'best', 'note']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([...PURCHASE_MODEL_NAMES]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['BG/NBD', 'MBG/NBD', 'Pareto/NBD']);
    for (const r of rows.slice(1)) expect(r[3]).toBe(4), expect(r[9]).toBe('');
  });

  it('gives BG/NBD’s published log-likelihood, −9582.4 (FHL 2005), within 0.05', () => {
    expect(Math.abs(ll('bgnbd') + 9582.4)).toBeLessThan(0.05);
  });

  it('gives Pareto/NBD’s, −9595.0 (FHL 2005) within 0.05, and BTYD’s walkthrough −9594.976 within 0.005', () => {
    expect(Math.abs(ll('paretonbd') + 9595.0)).toBeLessThan(0.05);
    expect(Math.abs(ll('paretonbd') + 9594.976)).toBeLessThan(0.005);
  });

  it('gives MBG/NBD’s: the likelihood of Batislam et al. (2007) at BTYDplus’s estimates (lifetimes’ test suite: r 0.525, alpha 6.183, a 0.891, b 1.614), within 0.01 and not below', () => {
    // The MBG/NBD likelihood written out here (FORMULAS.md), on x, t_x and T in weeks from the raw log.
    const [r, alpha, a, b] = [0.525, 6.183, 0.891, 1.614];
    let sum = 0;
    for (const days of purchaseDays.values()) {
      const cal = days.filter((d) => d <= SEP_30_1997);
      const x = cal.length - 1;
      const tx = (cal[x] - cal[0]) / 7;
      const T = (SEP_30_1997 - cal[0]) / 7;
      const common = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) - betaln(a, b);
      const u = betaln(a, b + x + 1) + common - (r + x) * Math.log(alpha + T);
      const v = betaln(a + 1, b + x) + common - (r + x) * Math.log(alpha + tx);
      sum += Math.max(u, v) + Math.log1p(Math.exp(-Math.abs(u - v)));
    }
    expect(sum).toBeCloseTo(-9582.13, 1);
    expect(Math.abs(ll('mbgnbd') - sum)).toBeLessThan(0.01);
    expect(ll('mbgnbd')).toBeGreaterThanOrEqual(sum - 1e-9);
  });

  it('gives BIC = 4 ln 2,357 − 2 LL and the holdout’s actual repeat purchases, counted here from the raw log', () => {
    for (const r of rows.slice(1)) expect(r[4] as number).toBeCloseTo(4 * Math.log(2357) + 2 * -(r[2] as number), 9);
    let later = 0;
    for (const days of purchaseDays.values()) later += days.filter((d) => d > SEP_30_1997).length;
    expect(later).toBe(1882);
    for (const r of rows.slice(1)) expect(r[6]).toBe(later);
  });

  it('predicts as CLV_HOLDOUT does with the same fit (cached, not fitted again): totals and the customer-weighted MAE of its groups', () => {
    const fresh = createHarness();
    const holdouts = new Map(PURCHASE_MODEL_NAMES.map((m) => [m, fresh.cell('CLV_HOLDOUT', cdnow.ids, cdnow.dates, cdnow.end, 'week', m) as unknown[][]]));
    const cached = fresh.documentCache.size;
    const compared = fresh.cell('CLV_COMPARE', cdnow.ids, cdnow.dates, cdnow.end, 'week') as unknown[][];
    expect(fresh.documentCache.size).toBe(cached);
    for (const [model, h] of holdouts) {
      const groups = h.slice(1, 9);
      const all = h[9];
      const row = compared.find((r) => r[0] === model)!;
      expect(row[5] as number).toBeCloseTo((all[2] as number) * 2357, 6);
      const mae = groups.reduce((s, g) => s + (g[1] as number) * Math.abs((g[2] as number) - (g[3] as number)), 0) / 2357;
      expect(row[7] as number).toBeCloseTo(mae, 12);
    }
    const maes = compared.slice(1).map((r) => r[7] as number);
    expect(compared.slice(1).map((r) => r[8])).toEqual(maes.map((m) => m === Math.min(...maes)));
  });

  it('in days, every log-likelihood moves by the same 2,457 ln 7 (the repeat purchases × the change of unit), the predictions stay', () => {
    const days = gas.cell('CLV_COMPARE', cdnow.ids, cdnow.dates, cdnow.end) as unknown[][];
    days.slice(1).forEach((r, i) => {
      expect(r[2] as number).toBeCloseTo((rows[i + 1][2] as number) - 2457 * Math.log(7), 3);
      expect(Math.abs((r[5] as number) / (rows[i + 1][5] as number) - 1)).toBeLessThan(1e-5);
    });
  });
});

describe('CLV_TRACKING on CDNOW (FHL 2005, Figure 2)', () => {
  let bg: unknown[][];
  let pareto: unknown[][];
  beforeAll(() => {
    bg = gas.cell('CLV_TRACKING', cdnow.ids, cdnow.dates, cdnow.end, 'week') as unknown[][];
    pareto = gas.cell('CLV_TRACKING', cdnow.ids, cdnow.dates, cdnow.end, 'week', 'paretonbd') as unknown[][];
  });
  const column = (rows: unknown[][], j: number): number[] => rows.slice(1).map((r) => r[j] as number);

  it('has 78 weekly rows from 1–7 January 1997 to 24–30 June 1998, 39 of calibration then 39 of holdout', () => {
    expect(bg[0]).toEqual(['period', 'period_end', 'actual_cumulative', 'expected_cumulative', 'actual', 'expected', 'phase']);
    expect(bg.length).toBe(79);
    expect(column(bg, 0)).toEqual(Array.from({ length: 78 }, (_, i) => i + 1));
    expectDay(bg[1][1], 1997, 1, 7);
    expectDay(bg[39][1], 1997, 9, 30);
    expectDay(bg[78][1], 1998, 6, 30);
    expect(bg.slice(1).map((r) => r[6])).toEqual([...new Array(39).fill('calibration'), ...new Array(39).fill('holdout')]);
  });

  it('counts the actual cumulative repeat purchases of every week as the raw log has them (BTYD’s walkthrough: 1,359 … 1,672 in weeks 20–25)', () => {
    const actual = weeklyCumulative(78);
    expect(column(bg, 2)).toEqual(actual);
    expect(actual.slice(19, 25)).toEqual([1359, 1414, 1484, 1517, 1573, 1672]);
    expect(actual[38]).toBe(2457);
    expect(actual[77]).toBe(2457 + 1882);
    expect(column(pareto, 2)).toEqual(actual);
  });

  it('expects what BTYD’s walkthrough expects in weeks 20–25, one day earlier (ages counted as T is), within 0.5', () => {
    // bgnbd.PlotTrackingCum / pnbd.PlotTrackingCum in the walkthrough (cumulative, and the week's increment from the
    // incremental plot). BTYD's week k ends at k weeks after 1 January; here the age at the end of the week's last
    // day is counted as T is (30 September is T = 38.86 for a customer of 1 January), 1/7 of a week earlier.
    const walkthrough = {
      bgnbd: { cumulative: [1312.458, 1387.346, 1460.392, 1531.713, 1601.418, 1669.6], increment: [76.86531, 74.88843, 73.04554, 71.32166, 69.70412, 68.18213] },
      paretonbd: { cumulative: [1308.856, 1385.275, 1459.923, 1532.906, 1604.32, 1674.253], increment: [78.308, 76.419, 74.648, 72.983, 71.414, 69.933] },
    };
    for (const [rows, ref] of [[bg, walkthrough.bgnbd], [pareto, walkthrough.paretonbd]] as const) {
      const expected = column(rows, 3).slice(19, 25);
      expected.forEach((e, i) => expect(Math.abs(e - (ref.cumulative[i] - ref.increment[i] / 7))).toBeLessThan(0.5));
    }
  });

  it('has the shape of the paper’s figure: close through the calibration, a few percent off after 39 more weeks', () => {
    for (const rows of [bg, pareto]) {
      const actual = column(rows, 2);
      const expected = column(rows, 3);
      expect(Math.abs(expected[38] / actual[38] - 1)).toBeLessThan(0.03);
      expect(Math.abs(expected[77] / actual[77] - 1)).toBeLessThan(0.05);
      // Rising; after the last first purchase (week 12) each week expects fewer purchases than the one before.
      for (let p = 1; p < 78; p++) expect(expected[p]).toBeGreaterThan(expected[p - 1]);
      const increments = column(rows, 5);
      for (let p = 13; p < 78; p++) expect(increments[p]).toBeLessThan(increments[p - 1]);
      // The period columns are the cumulative ones' steps.
      column(rows, 4).forEach((a, p) => expect(a).toBe(actual[p] - (p > 0 ? actual[p - 1] : 0)));
      increments.forEach((e, p) => expect(e).toBeCloseTo(expected[p] - (p > 0 ? expected[p - 1] : 0), 9));
    }
  });

  it('in days (the default unit, as CLV_HOLDOUT’s) gives the same expectation at the calibration end', () => {
    const days = gas.cell('CLV_TRACKING', cdnow.ids, cdnow.dates, cdnow.end) as unknown[][];
    expect(days.length).toBe(547);
    expectDay(days[273][1], 1997, 9, 30);
    expect(days[273][2]).toBe(2457);
    expect(Math.abs((days[273][3] as number) / (bg[39][3] as number) - 1)).toBeLessThan(1e-6);
  });

  it('lists the registry’s models in the help of its model argument', () => {
    const code = readFileSync(path.join(DIST, 'Code.js'), 'utf8');
    const doc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\nfunction CLV_TRACKING\(/.exec(code)?.[1] ?? '';
    const line = /@param \{string\} \[model\][^\n]*/.exec(doc)?.[0] ?? '';
    expect([...line.matchAll(/"([a-z]+)"/g)].map((m) => m[1])).toEqual([...PURCHASE_MODEL_NAMES]);
  });
});

describe('CLV_TRACKING and CLV_COMPARE refuse what cannot be checked, in words', () => {
  const ids = col('a', 'a', 'b', 'b', 'c', 'a');
  let dates: unknown[][];
  beforeAll(() => {
    dates = col(gas.date(2024, 1, 1), gas.date(2024, 1, 9), gas.date(2024, 1, 3), gas.date(2024, 1, 20), gas.date(2024, 2, 2), gas.date(2024, 2, 20));
  });

  it('without calibration_end, or with one on or after the last order, or before every order', () => {
    for (const fn of ['CLV_TRACKING', 'CLV_COMPARE']) {
      expect(() => gas.cell(fn, ids, dates, '')).toThrow(`${fn}: calibration_end is missing: the last day of the fitting period`);
      expect(() => gas.cell(fn, ids, dates, gas.date(2024, 2, 20))).toThrow(`${fn}: calibration_end is on or after the last order: there is no later period to check against`);
      expect(() => gas.cell(fn, ids, dates, gas.date(2023, 12, 31))).toThrow(`${fn}: no purchase on or before calibration_end: there is nothing to fit on`);
      expect(() => gas.cell(fn, col(''), col(''), gas.date(2024, 1, 31))).toThrow(`${fn}: the order log is empty`);
      expect(() => gas.cell(fn, ids, dates, gas.date(2024, 1, 31), 'fortnight')).toThrow(new RegExp(`^${fn}: unit is "fortnight"`));
    }
    expect(() => gas.cell('CLV_TRACKING', ids, dates, gas.date(2024, 1, 31), 'week', 'weibull')).toThrow(/^CLV_TRACKING: model is "weibull"; use "bgnbd", "mbgnbd", "paretonbd"/);
  });

  it('when the models cannot be fitted: CLV_COMPARE gives each row its reason and no numbers, CLV_TRACKING says why', () => {
    // Nobody bought twice before the calibration end.
    const once = col('a', 'b', 'c', 'a');
    const onceDates = col(gas.date(2024, 1, 1), gas.date(2024, 1, 3), gas.date(2024, 1, 5), gas.date(2024, 2, 10));
    const rows = gas.cell('CLV_COMPARE', once, onceDates, gas.date(2024, 1, 20)) as unknown[][];
    for (const r of rows.slice(1)) {
      expect([r[2], r[4], r[5], r[7], r[8]]).toEqual(['', '', '', '', false]);
      expect(r[6]).toBe(1);
      expect(r[9]).toMatch(/^No customer bought more than once, so the model cannot tell how often customers buy or when they stop/);
    }
    expect(() => gas.cell('CLV_TRACKING', once, onceDates, gas.date(2024, 1, 20))).toThrow(/^CLV_TRACKING: No customer bought more than once/);
  });

  it('refuses a tracking table a sheet cannot hold before working it out', () => {
    // A mistyped year: 8,000 years of days.
    const typo = col(gas.date(2024, 1, 1), gas.date(2024, 1, 9), gas.date(2024, 1, 3), gas.date(2024, 1, 20), gas.date(2024, 2, 2), gas.date(9999, 2, 20), gas.date(2024, 1, 5));
    const withD = [...ids, ['d']];
    expect(() => gas.cell('CLV_TRACKING', withD, typo, gas.date(2024, 1, 31))).toThrow(
      'CLV_TRACKING: the answer (2,912,860 periods, a row each, 2,912,861 rows × 7 columns) would need 20,390,027 cells, more than the 10,000,000 a spreadsheet holds; use a longer unit such as "week" or "month", or check the first and last order dates',
    );
    // In weeks the table fits a sheet, but not the work of a cell; the message names the dates.
    expect(() => gas.cell('CLV_TRACKING', withD, typo, gas.date(2024, 1, 31), 'week')).toThrow(
      'CLV_TRACKING: the tracking table would have 416,124 periods for customers who first bought on 3 different days (the orders run from 2024-01-01 to 9999-02-20), more than a cell can work out in its 30 seconds; use a longer unit such as "week" or "month", or give fewer years of orders',
    );
  });
});

describe('CLV_TRACKING and CLV_COMPARE with amounts', () => {
  it('take them as CLV_HOLDOUT does as CLV_HOLDOUT does: a day of returns only is no purchase, on both sides of the split', () => {
    // CDNOW with every order at 1 and two days of returns only for customer 1, one before the split and one after.
    const returns = [
      { day: Date.UTC(1997, 4, 5) / DAY, date: gas.date(1997, 5, 5) },
      { day: Date.UTC(1998, 2, 3) / DAY, date: gas.date(1998, 3, 3) },
    ];
    for (const r of returns) expect(purchaseDays.get(1)).not.toContain(r.day);
    const ids = [...cdnow.ids, [1], [1]];
    const dates = [...cdnow.dates, ...returns.map((r) => [r.date])];
    const amounts = [...cdnow.ids.map(() => [1]), [-1], [-1]];
    const lastRow = (rows: unknown): unknown[] => (rows as unknown[][])[(rows as unknown[][]).length - 1];
    const plain = lastRow(gas.cell('CLV_TRACKING', cdnow.ids, cdnow.dates, cdnow.end, 'week'));
    // Without amounts the two rows are purchases; with them, the tracking is CDNOW's own.
    expect(lastRow(gas.cell('CLV_TRACKING', ids, dates, cdnow.end, 'week'))[2]).toBe((plain[2] as number) + 2);
    const withAmounts = lastRow(gas.cell('CLV_TRACKING', ids, dates, cdnow.end, 'week', 'bgnbd', amounts));
    expect(withAmounts[2]).toBe(plain[2]);
    expect(withAmounts[3]).toBeCloseTo(plain[3] as number, 9);
    const compare = gas.cell('CLV_COMPARE', ids, dates, cdnow.end, 'week', amounts) as unknown[][];
    expect(compare[1][6]).toBe(1882);
    expect(compare[1][2]).toBeCloseTo(-9582.429, 3);
  });
});
