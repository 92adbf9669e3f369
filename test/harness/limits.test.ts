// Never hangs, never a raw error: through the built dist/Code.js, every cell function finishes on input that would
// have run out of memory, overflowed or been read silently wrong, and answers with the documented value or a message
// naming the function, the argument and (for data) the row and the cell.
import { beforeAll, describe, expect, it } from 'vitest';
import { dayFromYmd, ymdFromDay } from '../../src/core/dates';
import { sampleOrderLog } from '../../src/core/generate';
import { analyzeActiveSheet } from './analyze';
import { createHarness, type Harness } from './gas';

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
/** The message a cell shows for a call, or null when it answers. */
function messageOf(work: () => unknown): string | null {
  try {
    work();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

let gas: Harness;
beforeAll(() => {
  gas = createHarness();
});

/** The formula of the calling cell, so messages can point at the sheet cell of a row. */
function calledFrom(formula: string): void {
  const sheet = gas.spreadsheet.getActiveSheet();
  sheet.getRange('Z1').setFormula(formula);
  gas.spreadsheet.setActiveRange(sheet.getRange('Z1'));
}

/** A small weekly log: customer k's first order in week k % 40 of 2024, a second one 3 weeks later. */
function weeklyLog(rows: number): { ids: unknown[][]; dates: unknown[][]; amounts: unknown[][] } {
  const ids: unknown[][] = [];
  const dates: unknown[][] = [];
  const amounts: unknown[][] = [];
  for (let i = 0; i < rows; i++) {
    const customer = i >> 1;
    const { year, month, day } = ymdFromDay(dayFromYmd(2024, 1, 1) + 7 * (customer % 40) + (i % 2) * 21);
    ids.push([`C${customer}`]);
    dates.push([gas.date(year, month, day)]);
    amounts.push([10 + (i % 7)]);
  }
  return { ids, dates, amounts };
}

describe('limits that say so', () => {
  it('COHORT_RETENTION: one mistyped year among weekly cohorts names its row and cell instead of running out of memory', () => {
    const log = weeklyLog(2000);
    log.dates[811] = [gas.date(9999, 1, 4)];
    calledFrom('=COHORT_RETENTION(A2:A, B2:B, "week")');
    expect(messageOf(() => gas.cell('COHORT_RETENTION', log.ids, log.dates, 'week'))).toBe(
      'COHORT_RETENTION: order_dates row 812 (cell B813): 9999-01-04 is 416,116 weeks after the first order (2024-01-01): the cohort table would need 416,119 columns but a sheet has at most 18,278; fix that date, or use a longer period such as "month"',
    );
    // A blank row before it: the row is still the sheet's.
    const blank = (cells: unknown[][]): unknown[][] => [...cells.slice(0, 10), [''], ...cells.slice(10)];
    expect(messageOf(() => gas.cell('COHORT_RETENTION', blank(log.ids), blank(log.dates), 'week'))).toMatch(/^COHORT_RETENTION: order_dates row 813 \(cell B814\): 9999-01-04 is/);
    // The same in the user's language: Persian, with the figures kept left to right.
    const persian = createHarness({ userLocale: 'fa_IR' });
    const persianLog = weeklyLog(200);
    persianLog.dates[81] = [persian.date(9999, 1, 4)];
    const fa = messageOf(() => persian.cell('COHORT_RETENTION', persianLog.ids, persianLog.dates, 'week'));
    expect(fa).toMatch(/^\u2068COHORT_RETENTION\u2069: /);
    expect(fa).toContain('جدول گروه‌ها به');
    expect(fa).toContain('\u20689999-01-04\u2069');
    expect(fa).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
    // By year the table fits: 7,976 years wide.
    const yearly = gas.cell('COHORT_RETENTION', log.ids, log.dates, 'year') as unknown[][];
    expect(yearly[0].length).toBe(2 + 9999 - 2024 + 1);
  });

  it('CHURN: a series too long for the customers says how many periods fit', () => {
    const ids = col(...Array.from({ length: 10_000 }, (_, k) => `C${k}`));
    const dates = col(...Array.from({ length: 10_000 }, (_, k) => gas.date(2024, 1, 1 + (k % 300))));
    const starts = col(...Array.from({ length: 50_000 }, (_, k) => gas.date(2024, 1, 1 + k)));
    const ends = col(...Array.from({ length: 50_000 }, (_, k) => gas.date(2024, 1, 2 + k)));
    expect(messageOf(() => gas.cell('CHURN', ids, dates, starts, ends))).toBe(
      'CHURN: period_start has 50,000 periods and the order log 10,000 customers: checking every customer in every period is more than a cell can do in its 30 seconds; give at most 40,000 periods',
    );
    expect((gas.cell('CHURN', ids, dates, starts.slice(0, 400), ends.slice(0, 400)) as unknown[][]).length).toBe(400);
  });

  it('CLV: a horizon too long for the customers\' histories says how long a one fits', () => {
    // 20,000 customers with 20,000 different ages: 20,000 histories × 1,200 months.
    const ids: unknown[][] = [];
    const dates: unknown[][] = [];
    const amounts: unknown[][] = [];
    for (let k = 0; k < 20_000; k++) {
      const first = dayFromYmd(1960, 1, 1) + k;
      for (const day of [first, first + 30]) {
        const { year, month, day: d } = ymdFromDay(day);
        ids.push([`C${k}`]);
        dates.push([gas.date(year, month, d)]);
        amounts.push([20 + (k % 13)]);
      }
    }
    expect(messageOf(() => gas.cell('CLV', ids, dates, amounts, 1200))).toBe(
      'CLV: horizon_months is 1,200: the 20,000 customers have 20,000 different histories (repeat purchases and age), and predicting each of them month by month for 1,200 months is more than a cell can do in its 30 seconds; use at most 1,000 months',
    );
  });

  it('CLV_FIT_SUMMARY: a Pareto/NBD fit on more histories than it can take in a cell says what to use instead', () => {
    const n = 500_001;
    const x = new Array<unknown[]>(n);
    const tx = new Array<unknown[]>(n);
    const T = new Array<unknown[]>(n);
    for (let i = 0; i < n; i++) {
      x[i] = [1 + (i % 5)];
      tx[i] = [1 + i / 1000];
      T[i] = [600];
    }
    const call = gas.load('cell').global.CLV_FIT_SUMMARY as (...args: unknown[]) => unknown; // see CLV_SUMMARY below
    expect(messageOf(() => call(x, tx, T, 'paretonbd'))).toBe(
      'CLV_FIT_SUMMARY: model "paretonbd" is too slow for 500,001 different customer histories (frequency, recency and T) in a cell\'s 30 seconds; it takes up to 500,000: use "bgnbd" or "mbgnbd", or a coarser unit such as "week"',
    );
  });

  it('PREDICT_PURCHASES and RETENTION_FORECAST: horizons and periods have documented bounds', () => {
    const log = weeklyLog(200);
    expect(messageOf(() => gas.cell('PREDICT_PURCHASES', log.ids, log.dates, 101, 'year'))).toBe(
      'PREDICT_PURCHASES: horizon is 101; horizon must be above 0 and at most 100 (years: 100 years)',
    );
    expect(messageOf(() => gas.cell('PREDICT_PURCHASES', log.ids, log.dates, 40_000))).toBe(
      'PREDICT_PURCHASES: horizon is 40000; horizon must be above 0 and at most 36,525 (days: 100 years)',
    );
    const cohort = col(...Array.from({ length: 10_001 }, (_, t) => 1_000_000 - t));
    expect(messageOf(() => gas.cell('RETENTION_FORECAST', cohort))).toBe(
      'RETENTION_FORECAST: active_customers has 10,001 rows; give at most 10,000 periods (one row per period of the cohort)',
    );
  });

  it('CLV_SUMMARY: a table of more cells than a spreadsheet holds is refused before it is built', () => {
    // A load of the script called directly with cells of its realm, as the benchmark does: copying a million rows
    // through the harness's membrane would take longer than the call.
    const execution = gas.load('cell');
    const n = 1_111_112; // 1,111,113 rows × 9 columns
    const ids = new Array<unknown[]>(n);
    const dates = new Array<unknown[]>(n);
    const date = execution.date(2024, 1, 1);
    for (let k = 0; k < n; k++) {
      ids[k] = [k];
      dates[k] = [date];
    }
    const call = execution.global.CLV_SUMMARY as (...args: unknown[]) => unknown;
    expect(messageOf(() => call(ids, dates))).toBe(
      'CLV_SUMMARY: the answer (1,111,112 customers, a row each, 1,111,113 rows × 9 columns) would need 10,000,017 cells, more than the 10,000,000 a spreadsheet holds; give part of the data, e.g. one year of orders',
    );
  });
});

describe('no Infinity reaches a cell', () => {
  const ids = col('A', 'A', 'B');
  const dates = (): unknown[][] => col(gas.date(2024, 1, 5), gas.date(2024, 2, 5), gas.date(2024, 1, 9));

  it('refuses amounts near the largest number, which overflow when added', () => {
    calledFrom('=COHORT_RETENTION(A2:A4, B2:B4, "month", C2:C4)');
    expect(messageOf(() => gas.cell('COHORT_RETENTION', ids, dates(), 'month', col(1e308, 1e308, 1e308)))).toBe(
      'COHORT_RETENTION: amounts row 1 (cell C2) is 1e+308; an amount must be between -1,000,000,000,000,000 and 1,000,000,000,000,000 (a larger one is a typo, or a column of something else)',
    );
    expect(messageOf(() => gas.cell('CLV_SUMMARY', ids, dates(), col(5, -1e308, 5)))).toMatch(/^CLV_SUMMARY: amounts row 2 is -1e\+308; an amount must be between/);
  });

  it('refuses text that reads as a number too large ("1e400")', () => {
    calledFrom('=CLV_SUMMARY(A2:A4, B2:B4, C2:C4)');
    expect(messageOf(() => gas.cell('CLV_SUMMARY', ids, dates(), col(5, '1e400', 5)))).toBe(
      'CLV_SUMMARY: amounts row 2 (cell C3) is "1e400", a number too large to compute with',
    );
    expect(messageOf(() => gas.cell('LTV', '1e400', 0.05))).toBe('LTV: margin_per_period is "1e400", a number too large to compute with');
  });

  it('says which inputs make an everyday formula overflow', () => {
    expect(messageOf(() => gas.cell('LTV', 1e308, 0.05))).toBe(
      'LTV: from margin_per_period 1e+308, churn_rate 0.05 the answer is beyond the largest number a cell holds (it overflows); check those values',
    );
    expect(messageOf(() => gas.cell('CLV_SIMPLE', col(1, 1e200), 1e200, 1))).toMatch(/^CLV_SIMPLE: row 2: from avg_order_value 1e\+200, purchases_per_period 1e\+200, lifespan_periods 1 the answer is beyond/);
  });
});

describe('a range where one value belongs is an error', () => {
  const log = (): { ids: unknown[][]; dates: unknown[][]; amounts: unknown[][] } => weeklyLog(200);

  it('names the argument and the size of the range; a blank single cell still means the default', () => {
    const { ids, dates, amounts } = log();
    const twelve = col(...Array.from({ length: 12 }, (_, k) => gas.date(2024, 6, 1 + k)));
    expect(messageOf(() => gas.cell('CLV_SUMMARY', ids, dates, amounts, twelve))).toBe('CLV_SUMMARY: as_of is a range of 12 cells; give one date');
    expect(messageOf(() => gas.cell('COHORT_RETENTION', ids, dates, col('month', 'week')))).toBe(
      'COHORT_RETENTION: period is a range of 2 cells; give one of "week", "month", "quarter", "year"',
    );
    expect(messageOf(() => gas.cell('PREDICT_PURCHASES', ids, dates, [[30, 60]]))).toBe('PREDICT_PURCHASES: horizon is a range of 2 cells; give one number');
    expect(messageOf(() => gas.cell('CLV', ids, dates, amounts, 12, 0.1, col(0.3, 0.3)))).toBe('CLV: margin is a range of 2 cells; give one number');
    expect(messageOf(() => gas.cell('CLV_FIT', ids, dates, '', col('bgnbd', '')))).toBe(
      'CLV_FIT: model is a range of 2 cells; give one of "bgnbd", "mbgnbd", "paretonbd", "gammagamma"',
    );
    expect(messageOf(() => gas.cell('CLV_SUMMARY', ids, dates, amounts, '', col('week', 'week')))).toBe(
      'CLV_SUMMARY: unit is a range of 2 cells; give one of "day", "week", "month", "year"',
    );
    expect(gas.cell('CLV_SUMMARY', ids, dates, amounts, [['']], [['']])).toEqual(gas.cell('CLV_SUMMARY', ids, dates, amounts));
  });
});

describe('percent signs only where a rate belongs', () => {
  it('refuses an amount of "12%" and a margin per period of "30%", and takes rates and margins in percent', () => {
    calledFrom('=CLV_SUMMARY(A2:A4, B2:B4, C2:C4)');
    const dates = col(gas.date(2024, 1, 5), gas.date(2024, 2, 5), gas.date(2024, 1, 9));
    expect(messageOf(() => gas.cell('CLV_SUMMARY', col('A', 'A', 'B'), dates, col(10, '12%', 5)))).toBe(
      'CLV_SUMMARY: amounts row 2 (cell C3) is "12%", a percentage; only rates and margins take a percent sign: give amounts as a plain number',
    );
    expect(messageOf(() => gas.cell('LTV', '30%', 0.05))).toBe(
      'LTV: margin_per_period is "30%", a percentage; only rates and margins take a percent sign: give margin_per_period as a plain number',
    );
    expect(gas.cell('LTV', 30, '5%', '1%', 'end')).toBeCloseTo(30 / (1.01 - 0.95), 9);
    expect(gas.cell('CLV_SIMPLE', 100, 2, 3, '40%')).toBeCloseTo(240, 9);
    expect(messageOf(() => gas.cell('CAC', '5000%', 10))).toMatch(/^CAC: acquisition_spend is "5000%", a percentage/);
  });
});

describe('counts are whole', () => {
  it('refuses half a customer', () => {
    expect(messageOf(() => gas.cell('CAC', 1000, 0.5))).toBe('CAC: new_customers is 0.5; new_customers must be a whole number above 0');
    expect(messageOf(() => gas.cell('CHURN', 2.5, 10))).toBe('CHURN: customers_lost is 2.5; customers_lost must be a whole number, 0 or more');
    expect(messageOf(() => gas.cell('RETENTION_FORECAST', col(100, 80, 70), 2.5))).toBe(
      'RETENTION_FORECAST: periods_ahead is 2.5; periods_ahead must be a whole number from 0 to 1000',
    );
    expect(messageOf(() => gas.cell('CLV_FIT_SUMMARY', col(1, 2), col(5, 6), col(10, 10), 'bgnbd', col(1.5, 1)))).toBe(
      'CLV_FIT_SUMMARY: weights row 1 is 1.5; weights must be a whole number of customers, from 1 to 10,000,000,000',
    );
  });
});

describe('ids are compared as people read them', () => {
  /** The same id with invisible or compatibility characters: one customer. */
  const VARIANTS = ['C1', 'C1\u200B', 'C1\u00A0', '\uFEFFC1', 'Ｃ1', 'C\u00AD1', ' C1\t', 'C\u20601', '\u202AC1\u202C', 'Ｃ１'];

  it('makes one customer of "C1" and its variants in every order-log function, and writes back the normalised id', () => {
    const ids = col(...VARIANTS, 'D2', 'D2');
    const dates = col(...VARIANTS.map((_, k) => gas.date(2024, 1, 1 + 3 * k)), gas.date(2024, 1, 2), gas.date(2024, 2, 2));
    const amounts = col(...VARIANTS.map(() => 10), 5, 5);
    const summary = gas.cell('CLV_SUMMARY', ids, dates, amounts) as unknown[][];
    expect(summary.slice(1).map((r) => [r[0], r[1], r[7]])).toEqual([
      ['C1', VARIANTS.length - 1, VARIANTS.length],
      ['D2', 1, 2],
    ]);
    const cohort = gas.cell('COHORT_RETENTION', ids, dates) as unknown[][];
    expect(cohort[1][1]).toBe(2); // C1 and D2
    expect(gas.cell('CHURN', ids, dates, gas.date(2024, 1, 31), gas.date(2024, 3, 1))).toBe(0);
  });

  it('removes every default-ignorable code point and control character, trims white space, applies NFKC, and keeps visible characters', () => {
    // Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), and the controls that are not white space.
    const ranges: [number, number][] = [
      [0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f],
      [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff],
      [0xffa0, 0xffa0], [0xfff0, 0xfff8], [0x1bca0, 0x1bca3], [0x1d173, 0x1d17a], [0xe0000, 0xe0fff],
      [0x0000, 0x0008], [0x000e, 0x001f], [0x007f, 0x0084], [0x0086, 0x009f],
    ];
    const invisible: string[] = [];
    for (const [from, to] of ranges) for (let cp = from; cp <= to; cp++) invisible.push(String.fromCodePoint(cp));
    const spaces = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2005, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000].map((cp) => String.fromCodePoint(cp));
    const same = [...invisible.map((ch) => `K${ch}7`), ...spaces.map((ch) => `${ch}K7${ch}`), 'Ｋ７', 'K⁷'.normalize('NFKC') === 'K7' ? 'K⁷' : 'K7'];
    // Visible characters stay: a space inside, another letter, the Arabic number sign (a format character that shows).
    const different = ['K 7', 'K\u06007', 'k7', 'K77'];
    const ids = [...same, ...different];
    const date = gas.date(2024, 3, 1);
    const summary = gas.cell('CLV_SUMMARY', col(...ids), col(...ids.map(() => date))) as unknown[][];
    expect(summary.slice(1).map((r) => [r[0], r[7]])).toEqual([['K7', same.length], ...different.map((id) => [id, 1])]);
  });

  it('makes one customer in the sidebar too, for referrers as well', () => {
    const harness = createHarness();
    const sheet = harness.spreadsheet.getActiveSheet().setName('Orders');
    const log = sampleOrderLog(42);
    const rows: unknown[][] = [['Order date', 'Customer', 'Amount', 'Referred by']];
    for (let i = 0; i < log.days.length; i++) {
      const { year, month, day } = ymdFromDay(log.days[i]);
      rows.push([harness.date(year, month, day), log.customerIds[i], log.amounts[i], '']);
    }
    VARIANTS.forEach((id, k) => rows.push([harness.date(2025, 1, 1 + 7 * k), id, 30, '']));
    rows.push([harness.date(2025, 6, 1), 'NEWBIE', 30, '\u200BC1 ']);
    harness.fill(sheet, rows);
    const reply = analyzeActiveSheet(harness, { columns: { orderDate: 0, customerId: 1, amount: 2, referredBy: 3 } });
    if (!reply.ok) throw new Error(reply.error);
    const values = harness.spreadsheet.getSheetByName('Customer value')!.getDataRange().getValues();
    const header = values[0] as string[];
    const c1 = values.filter((r) => String(r[0]).includes('1') && String(r[0]).includes('C') && String(r[0]).length <= 3);
    expect(c1.map((r) => r[0])).toEqual(['C1']);
    expect(c1[0][header.indexOf('Orders')]).toBe(VARIANTS.length);
    expect(c1[0][header.indexOf('Networking value')]).not.toBe(0); // NEWBIE, referred by "\u200BC1 ", is C1's referral
  });
});

/**
 * The sample shop with three customers added: NEG returns more than it buys on one day of the holdout period
 * (+10 and −30 on 2026-03-10), RET has returns only, and LATE's last day is a return only.
 */
function shopWithReturns(harness: Harness): { ids: unknown[][]; dates: unknown[][]; amounts: unknown[][]; rows: unknown[][] } {
  const log = sampleOrderLog(42);
  const orders: [unknown, number, number][] = [];
  for (let i = 0; i < log.days.length; i++) orders.push([log.customerIds[i], log.days[i], log.amounts[i]]);
  const day = (y: number, m: number, d: number): number => dayFromYmd(y, m, d);
  orders.push(['NEG', day(2025, 1, 10), 40], ['NEG', day(2026, 3, 10), 10], ['NEG', day(2026, 3, 10), -30], ['NEG', day(2026, 4, 2), 12]);
  orders.push(['RET', day(2025, 2, 1), -15], ['RET', day(2026, 1, 5), -5]);
  orders.push(['LATE', day(2025, 3, 1), 25], ['LATE', day(2025, 5, 1), 25], ['LATE', day(2026, 5, 1), -25]);
  orders.sort((p, q) => p[1] - q[1]);
  const dateOf = (d: number): Date => {
    const { year, month, day: dd } = ymdFromDay(d);
    return harness.date(year, month, dd);
  };
  return {
    ids: orders.map((o) => [o[0]]),
    dates: orders.map((o) => [dateOf(o[1])]),
    amounts: orders.map((o) => [o[2]]),
    rows: [['Order date', 'Customer', 'Amount'], ...orders.map((o) => [dateOf(o[1]), o[0], o[2]])],
  };
}

describe('a day whose returns exceed its purchases, and customers with returns only', () => {
  it('is one purchase day spending 0, the same in CLV_SUMMARY, the sidebar\'s Customer value sheet and both holdout checks', () => {
    const harness = createHarness();
    const shop = shopWithReturns(harness);
    const summary = harness.cell('CLV_SUMMARY', shop.ids, shop.dates, shop.amounts) as unknown[][];
    const header = summary[0] as string[];
    const row = (id: string): unknown[] => summary.find((r) => r[0] === id) as unknown[];
    // NEG: purchases on 2025-01-10, 2026-03-10 (net −20: spends 0) and 2026-04-02 (12).
    expect(row('NEG').slice(1, 5)).toEqual([2, 447, row('NEG')[3], 6]);
    expect(row('NEG').slice(7)).toEqual([4, 32]);
    // LATE: the return of 2026-05-01 is no purchase.
    expect(row('LATE')[1]).toBe(1);
    // RET: a row of its own, in its place, blank where a purchase would be counted.
    expect(row('RET')).toEqual(['RET', '', '', '', '', '', '', 2, -20]);
    expect(header).toEqual(['customer_id', 'frequency', 'recency', 'T', 'monetary_value', 'first_order', 'last_order', 'orders', 'total_amount']);

    const sheet = harness.spreadsheet.getActiveSheet().setName('Orders');
    harness.fill(sheet, shop.rows);
    const reply = analyzeActiveSheet(harness, { columns: { orderDate: 0, customerId: 1, amount: 2 } });
    if (!reply.ok) throw new Error(reply.error);
    expect(reply.value.warnings.join(' ')).toContain('1 customer with only returns (negative amounts) up to the as-of date left out');
    const values = harness.spreadsheet.getSheetByName('Customer value')!.getDataRange().getValues();
    const columns = values[0] as string[];
    const ours = new Map(values.slice(1).map((r) => [r[0], r]));
    expect(ours.has('RET')).toBe(false);
    const at = (r: unknown[], name: string): unknown => r[columns.indexOf(name)];
    for (const id of ['NEG', 'LATE']) {
      const theirs = ours.get(id) as unknown[];
      expect([at(theirs, 'Orders'), at(theirs, 'First order'), at(theirs, 'Last order'), at(theirs, 'Revenue')]).toEqual([row(id)[7], row(id)[5], row(id)[6], row(id)[8]]);
    }
    // Every customer with a purchase has the same orders, days and revenue on both sides.
    expect(ours.size).toBe(summary.length - 2);

    // The sidebar's holdout check (the last third of the log held out) and CLV_HOLDOUT on the same split agree.
    const segments = harness.spreadsheet.getSheetByName('Segments')!.getDataRange().getValues();
    const title = segments.findIndex((r) => String(r[0]).startsWith('Holdout check: the model fitted without the last'));
    expect(title).toBeGreaterThan(0);
    const holdoutDays = Number(/last (\d+) days/.exec(String(segments[title][0]))?.[1]);
    // Below the title: the verdict sentence, the table's header, then the groups and the total.
    const sidebarRows = segments.slice(title + 3, title + 12).map((r) => [r[1], r[2], r[3]]);
    const last = dayFromYmd(2026, 6, 30);
    const { year, month, day } = ymdFromDay(last - holdoutDays);
    const cell = harness.cell('CLV_HOLDOUT', shop.ids, shop.dates, harness.date(year, month, day), 'day', reply.value.model.purchaseModel, shop.amounts) as unknown[][];
    expect(cell.slice(1).map((r) => [r[1], r[2], r[3]])).toEqual(sidebarRows.map((r) => r.map((v) => expect.closeTo(v as number, 9))));
  });

  it('keeps the returns-only customers out of fits, saying how many', () => {
    const harness = createHarness();
    const shop = shopWithReturns(harness);
    const fit = harness.cell('CLV_FIT', shop.ids, shop.dates, shop.amounts) as unknown[][];
    expect(fit.find((r) => r[0] === 'customers')?.[2]).toBe('1 customer with returns only left out');
    const alive = harness.cell('P_ALIVE', shop.ids, shop.dates, '', '') as unknown[][];
    expect(alive.some((r) => r[0] === 'RET')).toBe(true); // without amounts every row is an order
  });
});

describe('the sidebar checks its request again', () => {
  it('refuses options outside the bounds of its inputs', () => {
    const harness = createHarness();
    const sheet = harness.spreadsheet.getActiveSheet().setName('Orders');
    harness.fill(sheet, shopWithReturns(harness).rows);
    const reply = analyzeActiveSheet(harness, { columns: { orderDate: 0, customerId: 1, amount: 2 }, horizonMonths: 1e9 });
    expect(reply).toEqual({ ok: false, error: 'The option horizonMonths must be a number from 1 to 120. Reload the sidebar and try again.' });
  });
});

describe('no JavaScript words reach a cell', () => {
  it('answers or explains, naming the function, for inputs of every odd kind', () => {
    const dates = col(gas.date(2024, 1, 5), gas.date(2024, 2, 5), gas.date(2024, 1, 9));
    const calls: [string, unknown[]][] = [
      ['CLV_SUMMARY', [col('A', 'A', 'B'), col(gas.date(2024, 1, 5), new Date(NaN), gas.date(2024, 1, 9))]],
      ['CLV_SUMMARY', [col('A', 'A', 'B'), dates, col(1, Number.NaN, 2)]],
      ['CLV_SUMMARY', [col('A', 'A', 'B'), dates, col(1, Infinity, 2)]],
      ['CLV_SUMMARY', [col('A', 'A', 'B'), dates, '', gas.date(1900, 1, 1)]],
      ['CLV', [col('A', 'A', 'B'), dates, col(-5, -5, -5)]],
      ['COHORT_RETENTION', [col('A', 'A', 'B'), col(1, 2958465, 40000), 'week']],
      ['COHORT_RETENTION', [col('A', 'A', 'B'), dates, 'month', col(-1, -1, -1)]],
      ['CHURN', [col('A', 'A', 'B'), dates, gas.date(2024, 1, 1), gas.date(2024, 1, 1)]],
      ['LTV', [Infinity, 0.05]],
      ['LTV', [Number.NaN, 0.05]],
      ['CAC', [[[]], 1]],
      ['CLV_HOLDOUT', [col('A', 'A', 'B'), dates, gas.date(2024, 1, 20), 'day', col(-1, -1, -1)]],
      ['RETENTION_FIT', [col(100, 100, 100)]],
      ['PREDICT_PURCHASES', [col('A', 'A', 'B'), dates, 1e-300]],
    ];
    // A two-column range of period starts is named as such (it was once called "x").
    expect(messageOf(() => gas.cell('CHURN', col('A', 'B'), dates.slice(0, 2), [[gas.date(2024, 1, 1), gas.date(2024, 2, 1)], [gas.date(2024, 1, 8), gas.date(2024, 2, 8)]], gas.date(2024, 3, 1)))).toBe(
      'CHURN: period_start is a range of 2 columns; give a single column',
    );
    for (const [name, args] of calls) {
      const message = messageOf(() => gas.cell(name, ...args));
      if (message === null) continue;
      expect(message, name).toMatch(new RegExp(`^${name}: `));
      expect(message, name).not.toMatch(/TypeError|RangeError|typed array|undefined|NaN|Infinity|\[object/);
    }
  });
});
