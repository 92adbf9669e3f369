// COHORT_RETENTION's calendar and the sidebar's cohorts in the Persian calendar, through the built dist/Code.js: its
// months, seasons and years from Nowruz, weeks from Saturday, labels in the user's words and digits; the same answer
// from date cells in a spreadsheet in Tehran, from Jalali text dates and in UTC. jalaali-js converts the expected dates.
import { toGregorian } from 'jalaali-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { dayFromYmd, isoFromDay, ymdFromDay } from '../../src/core/dates';
import type { Language } from '../../src/core/i18n/language';
import { SHEETS } from '../../src/core/i18n/sheets';
import { analyzeActiveSheet } from './analyze';
import { createHarness, type Harness } from './gas';
import { dayIn } from '../support/zones';

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

/** Western digits as Persian ones (۰-۹), as Iranian software writes dates. */
const persianDigits = (s: string): string => s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));

/**
 * A small log around Nowruz 1403 (20 March 2024), as Persian dates: X buys on Esfand 29, 1402 and on Nowruz, Y on
 * Farvardin 15 and Ordibehesht 31, Z on Ordibehesht 10 (with amounts: 10, 20, 30, 40, 50).
 */
const LOG: [string, [number, number, number], number][] = [
  ['X', [1402, 12, 29], 10],
  ['X', [1403, 1, 1], 20],
  ['Y', [1403, 1, 15], 30],
  ['Z', [1403, 2, 10], 40],
  ['Y', [1403, 2, 31], 50],
];
const ids = col(...LOG.map((o) => o[0]), '');
const amounts = col(...LOG.map((o) => o[2]), '');
/** The orders' dates as date cells of the harness's spreadsheet (its own zone). */
function dateCells(gas: Harness): unknown[][] {
  return col(
    ...LOG.map(([, [jy, jm, jd]]) => {
      const g = toGregorian(jy, jm, jd);
      return gas.date(g.gy, g.gm, g.gd);
    }),
    '',
  );
}

const MONTHLY_EN = [
  ['Cohort', 'Customers', 'Month 0', 'Month 1', 'Month 2'],
  ['1402-12 Esfand', 1, 1, 1, 0],
  ['1403-01 Farvardin', 1, 1, 1, ''],
  ['1403-02 Ordibehesht', 1, 1, '', ''],
];

describe('COHORT_RETENTION with calendar "persian"', () => {
  let gas: Harness;
  beforeAll(() => {
    gas = createHarness();
  });

  it('gives cohorts of Persian months, split at Nowruz, named in English for an English-speaking user', () => {
    expect(gas.cell('COHORT_RETENTION', ids, dateCells(gas), 'month', undefined, 'persian')).toEqual(MONTHLY_EN);
    expect(gas.cell('COHORT_RETENTION', ids, dateCells(gas), undefined, undefined, 'Persian')).toEqual(MONTHLY_EN);
    // The same orders by Gregorian month: Esfand 29 and Nowruz are both in March 2024.
    expect(gas.cell('COHORT_RETENTION', ids, dateCells(gas), 'month')).toEqual([
      ['Cohort', 'Customers', 'Month 0', 'Month 1', 'Month 2'],
      ['2024-03', 1, 1, 0, 0],
      ['2024-04', 2, 1, 0.5, ''],
    ]);
  });

  it('leaves the Gregorian answer as it was: the default is "gregorian"', () => {
    for (const period of ['week', 'month', 'quarter', 'year']) {
      expect(gas.cell('COHORT_RETENTION', ids, dateCells(gas), period, amounts, 'gregorian')).toEqual(gas.cell('COHORT_RETENTION', ids, dateCells(gas), period, amounts));
    }
  });

  it('revenue per cohort customer, Persian quarters (seasons) and years', () => {
    expect(gas.cell('COHORT_RETENTION', ids, dateCells(gas), 'month', amounts, 'persian')).toEqual([
      ['Cohort', 'Customers', 'Month 0', 'Month 1', 'Month 2'],
      ['1402-12 Esfand', 1, 10, 20, 0],
      ['1403-01 Farvardin', 1, 30, 50, ''],
      ['1403-02 Ordibehesht', 1, 40, '', ''],
    ]);
    expect(gas.cell('COHORT_RETENTION', ids, dateCells(gas), 'quarter', undefined, 'persian')).toEqual([
      ['Cohort', 'Customers', 'Quarter 0', 'Quarter 1'],
      ['1402-Q4', 1, 1, 1],
      ['1403-Q1', 2, 1, ''],
    ]);
    expect(gas.cell('COHORT_RETENTION', ids, dateCells(gas), 'year', undefined, 'persian')).toEqual([
      ['Cohort', 'Customers', 'Year 0', 'Year 1'],
      ['1402', 1, 1, 1],
      ['1403', 2, 1, ''],
    ]);
  });

  it('starts weeks on Saturday, each named by its Saturday', () => {
    // Friday 22 and Saturday 23 March 2024 (Farvardin 3 and 4, 1403): one Monday week, two Saturday weeks.
    const weekIds = col('A', 'A', 'B');
    const weekDates = col(gas.date(2024, 3, 22), gas.date(2024, 3, 23), gas.date(2024, 3, 23));
    expect(gas.cell('COHORT_RETENTION', weekIds, weekDates, 'week')).toEqual([
      ['Cohort', 'Customers', 'Week 0'],
      ['2024-03-18', 2, 1],
    ]);
    expect(gas.cell('COHORT_RETENTION', weekIds, weekDates, 'week', undefined, 'persian')).toEqual([
      ['Cohort', 'Customers', 'Week 0', 'Week 1'],
      ['1402-12-26', 1, 1, 1],
      ['1403-01-04', 1, 1, ''],
    ]);
  });

  it('reads Jalali text dates, in Western or Persian digits, as the same days as date cells', () => {
    const texts = col(...LOG.map(([, [jy, jm, jd]]) => `${jy}/${String(jm).padStart(2, '0')}/${String(jd).padStart(2, '0')}`), '');
    expect(gas.cell('COHORT_RETENTION', ids, texts, 'month', undefined, 'persian')).toEqual(MONTHLY_EN);
    const persian = texts.map((r) => r.map((v) => persianDigits(String(v))));
    expect(gas.cell('COHORT_RETENTION', ids, persian, 'month', amounts, 'persian')).toEqual(gas.cell('COHORT_RETENTION', ids, dateCells(gas), 'month', amounts, 'persian'));
  });

  it('refuses another calendar, and a date the Persian calendar is not reckoned for, naming the argument and row', () => {
    expect(() => gas.cell('COHORT_RETENTION', ids, dateCells(gas), 'month', undefined, 'julian')).toThrow(/^COHORT_RETENTION: calendar is "julian"; use "gregorian", "persian"$/);
    const far = dateCells(gas);
    far[2] = [gas.date(9999, 1, 4)];
    expect(() => gas.cell('COHORT_RETENTION', ids, far, 'year', undefined, 'persian')).toThrow(
      /^COHORT_RETENTION: order_dates row 3: 9999-01-04 is outside the dates the Persian calendar is reckoned for here \(0560-03-2\d to 3799-03-19\); fix that date, or use the "gregorian" calendar$/,
    );
  });
});

describe('labels in the user language and digits', () => {
  it('Persian: ۱۴۰۲-۱۲ اسفند; Arabic: ١٤٠٢-١٢ إسفند; Filipino as English; the numbers stay numbers', () => {
    const fa = createHarness({ userLocale: 'fa_IR' });
    const table = fa.cell('COHORT_RETENTION', ids, dateCells(fa), 'month', undefined, 'persian') as unknown[][];
    expect(table.slice(1).map((r) => r[0])).toEqual(['۱۴۰۲-۱۲ اسفند', '۱۴۰۳-۰۱ فروردین', '۱۴۰۳-۰۲ اردیبهشت']);
    expect(table.slice(1).map((r) => r[1])).toEqual([1, 1, 1]);
    expect(fa.cell('COHORT_RETENTION', ids, dateCells(fa), 'quarter', undefined, 'persian')).toEqual([
      ['Cohort', 'Customers', 'Quarter 0', 'Quarter 1'],
      ['۱۴۰۲ فصل ۴', 1, 1, 1],
      ['۱۴۰۳ فصل ۱', 2, 1, ''],
    ]);
    const ar = createHarness({ userLocale: 'ar_SA' });
    expect((ar.cell('COHORT_RETENTION', ids, dateCells(ar), 'month', undefined, 'persian') as unknown[][]).slice(1).map((r) => r[0])).toEqual([
      '١٤٠٢-١٢ إسفند',
      '١٤٠٣-٠١ فروردين',
      '١٤٠٣-٠٢ أرديبهشت',
    ]);
    const tl = createHarness({ userLocale: 'fil_PH' });
    expect(tl.cell('COHORT_RETENTION', ids, dateCells(tl), 'month', undefined, 'persian')).toEqual(MONTHLY_EN);
    // The Gregorian labels are the same in every language.
    expect(fa.cell('COHORT_RETENTION', ids, dateCells(fa))).toEqual(createHarness().cell('COHORT_RETENTION', ids, dateCells(fa)));
  });
});

describe('a spreadsheet in Asia/Tehran', () => {
  it('reads date cells (midnight in Tehran, 20:30 the day before in UTC) as their own days: the same cohorts as in UTC', () => {
    const tehran = createHarness();
    tehran.spreadsheet.setSpreadsheetTimeZone('Asia/Tehran');
    const cells = dateCells(tehran);
    const nowruz = cells[1][0] as Date;
    expect(isoFromDay(dayIn('Asia/Tehran', nowruz.getTime()))).toBe('2024-03-20');
    expect(new Date(nowruz.getTime()).toISOString()).toBe('2024-03-19T20:30:00.000Z');
    const utc = createHarness();
    utc.spreadsheet.setSpreadsheetTimeZone('Etc/UTC');
    for (const period of ['week', 'month', 'quarter', 'year']) {
      expect(tehran.cell('COHORT_RETENTION', ids, cells, period, amounts, 'persian'), period).toEqual(utc.cell('COHORT_RETENTION', ids, dateCells(utc), period, amounts, 'persian'));
    }
    expect(tehran.cell('COHORT_RETENTION', ids, cells, 'month', undefined, 'persian')).toEqual(MONTHLY_EN);
  });
});

describe("the sidebar's Segments sheet", () => {
  /** Two Persian years of orders, 30 customers a month buying again 1 and 3 months later, in Tehran. */
  function shop(): Harness {
    const gas = createHarness();
    gas.spreadsheet.setSpreadsheetTimeZone('Asia/Tehran');
    const sheet = gas.spreadsheet.getActiveSheet().setName('Orders');
    const rows: unknown[][] = [['Customer', 'Order date', 'Amount']];
    const start = dayFromYmd(2023, 3, 21); // Nowruz 1402
    for (let c = 0; c < 360; c++) {
      const first = start + Math.floor(c / 15) * 30 + (c % 15);
      for (const [k, later] of [0, 30, 95].entries()) {
        if (k > 0 && (c + k) % 3 === 0) continue;
        const { year, month, day } = ymdFromDay(first + later);
        rows.push([`C${c}`, gas.date(year, month, day), 20 + (c % 7) * 5]);
      }
    }
    gas.fill(sheet, rows);
    return gas;
  }

  /** The cohort triangle's first column: its labels. */
  // The Segments sheet is named and headed in the request's language (the sheets catalogue).
  function cohortLabels(gas: Harness, language: Language = 'en'): unknown[] {
    const values = gas.spreadsheet.getSheetByName(SHEETS[language]['name.segments'])!.getDataRange().getValues();
    const header = values.findIndex((r) => r[0] === SHEETS[language]['seg.cohort']);
    expect(header).toBeGreaterThan(0);
    const labels: unknown[] = [];
    for (let r = header + 1; r < values.length && values[r][0] !== ''; r++) labels.push(values[r][0]);
    return labels;
  }

  it('has Persian months, named in the language of the request, when the request says "persian"; Gregorian ones by default', () => {
    const gas = shop();
    const reply = analyzeActiveSheet(gas, { calendar: 'persian', language: 'fa' });
    if (!reply.ok) throw new Error(reply.error);
    const labels = cohortLabels(gas, 'fa');
    expect(labels[0]).toBe('۱۴۰۲-۰۱ فروردین');
    expect(labels).toContain('۱۴۰۲-۱۲ اسفند');
    expect(labels).toContain('۱۴۰۳-۰۱ فروردین');
    expect([...labels].sort()).toEqual(labels);

    const english = shop();
    const again = analyzeActiveSheet(english, { calendar: 'persian', language: 'en' });
    if (!again.ok) throw new Error(again.error);
    expect(cohortLabels(english)[0]).toBe('1402-01 Farvardin');

    const gregorian = shop();
    const plain = analyzeActiveSheet(gregorian);
    if (!plain.ok) throw new Error(plain.error);
    expect(cohortLabels(gregorian)[0]).toBe('2023-03');
  });
});
