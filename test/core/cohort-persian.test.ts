// Cohorts in the Persian (Jalali, Solar Hijri) calendar: its months, quarters (seasons) and years from Nowruz, weeks
// from Saturday. jalaali-js is the reference: each period is checked against the library's own conversion.
import { isLeapJalaaliYear, jalaaliMonthLength, jalaaliWeek, toGregorian, toJalaali } from 'jalaali-js';
import { describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/core/cohort';
import { JALALI_MONTHS, PERSIAN_DAYS, dayFromYmd, isoFromDay, jalaliFromDay, periodIndex, periodLabel, periodStartDay, ymdFromDay } from '../../src/core/dates';
import { DataError } from '../../src/core/errors';
import { inDigits, persianPeriodLabel } from '../../src/core/i18n/calendar';
import { ERRORS, render } from '../../src/core/i18n/errors';
import { cohortsUpTo } from '../../src/server/cohorts';

/** The day number of a Persian date, as jalaali-js converts it. */
function libraryDay(jy: number, jm: number, jd: number): number {
  const g = toGregorian(jy, jm, jd);
  return dayFromYmd(g.gy, g.gm, g.gd);
}

/** The Persian date of a day number, as jalaali-js converts it. */
function libraryDate(day: number): { jy: number; jm: number; jd: number } {
  const { year, month, day: d } = ymdFromDay(day);
  return toJalaali(year, month, d);
}

const PERIODS = ['week', 'month', 'quarter', 'year'] as const;

describe('Persian-calendar periods', () => {
  it('every day of 1398 to 1405 is in the month, quarter and year jalaali-js gives it, and each period starts on its first day', () => {
    for (let day = libraryDay(1398, 1, 1); day < libraryDay(1406, 1, 1); day++) {
      const { jy, jm, jd } = libraryDate(day);
      expect(jalaliFromDay(day)).toEqual({ year: jy, month: jm, day: jd });
      expect(periodIndex(day, 'month', 'persian')).toBe(jy * 12 + jm - 1);
      expect(periodIndex(day, 'quarter', 'persian')).toBe(jy * 4 + Math.floor((jm - 1) / 3));
      expect(periodIndex(day, 'year', 'persian')).toBe(jy);
      expect(periodStartDay(periodIndex(day, 'month', 'persian'), 'month', 'persian')).toBe(libraryDay(jy, jm, 1));
      expect(periodStartDay(periodIndex(day, 'quarter', 'persian'), 'quarter', 'persian')).toBe(libraryDay(jy, jm - ((jm - 1) % 3), 1));
      expect(periodStartDay(periodIndex(day, 'year', 'persian'), 'year', 'persian')).toBe(libraryDay(jy, 1, 1));
      // The week from the Saturday jalaali-js names (its week starts on Saturday).
      const { saturday } = jalaaliWeek(jy, jm, jd);
      expect(periodStartDay(periodIndex(day, 'week', 'persian'), 'week', 'persian'), `${jy}-${jm}-${jd}`).toBe(libraryDay(saturday.jy, saturday.jm, saturday.jd));
    }
  });

  it('Nowruz starts a new month, quarter and year: Esfand 29, 1402 (19 March 2024) and Farvardin 1, 1403 (20 March 2024)', () => {
    const lastOf1402 = dayFromYmd(2024, 3, 19);
    const nowruz = dayFromYmd(2024, 3, 20);
    expect(libraryDay(1402, 12, 29)).toBe(lastOf1402);
    expect(libraryDay(1403, 1, 1)).toBe(nowruz);
    for (const period of ['month', 'quarter', 'year'] as const) {
      expect(periodIndex(nowruz, period, 'persian') - periodIndex(lastOf1402, period, 'persian'), period).toBe(1);
      // In the Gregorian calendar both are March 2024.
      expect(periodIndex(nowruz, period), period).toBe(periodIndex(lastOf1402, period));
    }
    expect([lastOf1402, nowruz].map((d) => periodLabel(periodIndex(d, 'month', 'persian'), 'month', 'persian'))).toEqual(['1402-12', '1403-01']);
    expect([lastOf1402, nowruz].map((d) => periodLabel(periodIndex(d, 'quarter', 'persian'), 'quarter', 'persian'))).toEqual(['1402-Q4', '1403-Q1']);
    expect([lastOf1402, nowruz].map((d) => periodLabel(periodIndex(d, 'year', 'persian'), 'year', 'persian'))).toEqual(['1402', '1403']);
  });

  it('the leap Esfand 30, 1403 (20 March 2025) is in Esfand 1403; Nowruz 1404 is the day after', () => {
    expect(isLeapJalaaliYear(1403)).toBe(true);
    expect(jalaaliMonthLength(1403, 12)).toBe(30);
    const esfand30 = dayFromYmd(2025, 3, 20);
    expect(libraryDay(1403, 12, 30)).toBe(esfand30);
    expect(periodLabel(periodIndex(esfand30, 'month', 'persian'), 'month', 'persian')).toBe('1403-12');
    expect(periodLabel(periodIndex(esfand30 + 1, 'month', 'persian'), 'month', 'persian')).toBe('1404-01');
    expect(periodStartDay(periodIndex(esfand30 + 1, 'year', 'persian'), 'year', 'persian')).toBe(dayFromYmd(2025, 3, 21));
    // 1403 has 366 days, 1402 and 1404 365.
    const yearLength = (jy: number): number => periodStartDay(jy + 1, 'year', 'persian') - periodStartDay(jy, 'year', 'persian');
    expect([1402, 1403, 1404].map(yearLength)).toEqual([365, 366, 365]);
  });

  it('weeks start on Saturday: Saturday 16 March 2024 to Friday 22 March 2024 is one week, labelled by its Saturday', () => {
    const saturday = dayFromYmd(2024, 3, 16);
    expect(new Date(saturday * 86_400_000).getUTCDay()).toBe(6);
    const week = periodIndex(saturday, 'week', 'persian');
    for (let k = 0; k < 7; k++) expect(periodIndex(saturday + k, 'week', 'persian')).toBe(week);
    expect(periodIndex(saturday - 1, 'week', 'persian')).toBe(week - 1);
    expect(periodIndex(saturday + 7, 'week', 'persian')).toBe(week + 1);
    expect(periodLabel(week, 'week', 'persian')).toBe('1402-12-26');
    // The Gregorian weeks are unchanged: from Monday.
    expect(periodIndex(saturday, 'week')).toBe(periodIndex(saturday - 5, 'week'));
  });

  it('periods round-trip and follow each other, far back and far ahead', () => {
    for (const day of [PERSIAN_DAYS.first, dayFromYmd(1921, 3, 21), dayFromYmd(1999, 12, 31), dayFromYmd(2121, 3, 20), PERSIAN_DAYS.last]) {
      for (const period of PERIODS) {
        const i = periodIndex(day, period, 'persian');
        const start = periodStartDay(i, period, 'persian');
        expect(start).toBeLessThanOrEqual(day);
        expect(periodIndex(start, period, 'persian')).toBe(i);
        if (start - 1 >= PERSIAN_DAYS.first) expect(periodIndex(start - 1, period, 'persian')).toBe(i - 1);
        expect(() => periodLabel(i, period, 'persian')).not.toThrow();
      }
    }
  });
});

describe('labels of Persian periods', () => {
  const mordad = libraryDay(1402, 5, 1);

  it('name the month in each language, in its digits: 1402-05 Mordad, ۱۴۰۲-۰۵ مرداد, ١٤٠٢-٠٥ مرداد', () => {
    expect(persianPeriodLabel('en', mordad + 10, 'month')).toBe('1402-05 Mordad');
    expect(persianPeriodLabel('fa', mordad + 10, 'month')).toBe('۱۴۰۲-۰۵ مرداد');
    expect(persianPeriodLabel('ar', mordad + 10, 'month')).toBe('١٤٠٢-٠٥ مرداد');
    expect(persianPeriodLabel('tl', mordad, 'month')).toBe('1402-05 Mordad');
    expect(persianPeriodLabel('en', libraryDay(1403, 12, 30), 'month')).toBe('1403-12 Esfand');
    expect(persianPeriodLabel('fa', libraryDay(1403, 12, 30), 'month')).toBe('۱۴۰۳-۱۲ اسفند');
    expect(persianPeriodLabel('ar', libraryDay(1404, 1, 1), 'month')).toBe('١٤٠٤-٠١ فروردين');
  });

  it('name quarters, weeks by their Saturday, and years', () => {
    expect(['en', 'fa', 'ar', 'tl'].map((l) => persianPeriodLabel(l as 'en', mordad, 'quarter'))).toEqual(['1402-Q2', '۱۴۰۲ فصل ۲', '١٤٠٢ الربع ٢', '1402-Q2']);
    // Mordad 1, 1402 (23 July 2023) was a Sunday: its week began on Saturday Tir 31.
    expect(persianPeriodLabel('en', mordad, 'week')).toBe('1402-04-31');
    expect(persianPeriodLabel('fa', mordad, 'week')).toBe('۱۴۰۲-۰۴-۳۱');
    expect(persianPeriodLabel('fa', mordad, 'year')).toBe('۱۴۰۲');
    expect(persianPeriodLabel('en', mordad, 'year')).toBe('1402');
  });

  it('sort as text in time order in every language, across Nowruz', () => {
    for (const language of ['en', 'fa', 'ar', 'tl'] as const) {
      for (const period of PERIODS) {
        const labels: string[] = [];
        for (let i = periodIndex(libraryDay(1399, 1, 1), period, 'persian'); i <= periodIndex(libraryDay(1405, 12, 1), period, 'persian'); i++) {
          labels.push(persianPeriodLabel(language, periodStartDay(i, period, 'persian'), period));
        }
        expect(new Set(labels).size, `${language} ${period}`).toBe(labels.length);
        expect([...labels].sort(), `${language} ${period}`).toEqual(labels);
      }
    }
  });

  it('has the twelve months in each language, the numbers of labels in the language digits, values left numbers', () => {
    for (const language of ['en', 'fa', 'ar', 'tl'] as const) {
      // The months' names are one set, the errors section's (dates.ts's messages name them too).
      expect(JALALI_MONTHS.map((k) => ERRORS[language][k]).filter((name) => name.trim() !== '')).toHaveLength(12);
      expect(new Set(JALALI_MONTHS.map((k) => ERRORS[language][k])).size).toBe(12);
    }
    expect(inDigits('fa', '2024-01')).toBe('۲۰۲۴-۰۱');
    expect(inDigits('ar', '2024-01')).toBe('٢٠٢٤-٠١');
    expect(inDigits('en', '2024-01')).toBe('2024-01');
  });
});

describe('cohorts in the Persian calendar', () => {
  // X buys on Esfand 29, 1402 and on Nowruz 1403 (19 and 20 March 2024), Y on Farvardin 15, 1403, Z in Ordibehesht.
  const log: [string, number][] = [
    ['X', dayFromYmd(2024, 3, 19)],
    ['X', dayFromYmd(2024, 3, 20)],
    ['Y', libraryDay(1403, 1, 15)],
    ['Z', libraryDay(1403, 2, 10)],
    ['Y', libraryDay(1403, 2, 31)],
  ];
  const ids = log.map((o) => o[0]);
  const days = log.map((o) => o[1]);

  it('splits at Nowruz what the Gregorian calendar keeps together (March 2024)', () => {
    expect(cohortRetention(ids, days, 'month').rows.map((r) => r.label)).toEqual(['2024-03', '2024-04']);
    const persian = cohortRetention(ids, days, 'month', undefined, undefined, 'persian');
    expect(persian.periods).toBe(3);
    expect(persian.rows).toEqual([
      { label: '1402-12', start: libraryDay(1402, 12, 1), size: 1, values: [1, 1, 0] },
      { label: '1403-01', start: libraryDay(1403, 1, 1), size: 1, values: [1, 1] },
      { label: '1403-02', start: libraryDay(1403, 2, 1), size: 1, values: [1] },
    ]);
    expect(cohortRetention(ids, days, 'year', undefined, undefined, 'persian').rows.map((r) => [r.label, r.size, r.values])).toEqual([
      ['1402', 1, [1, 1]],
      ['1403', 2, [1]],
    ]);
    // Gregorian quarters: all in Q1 or Q2 2024; Persian ones: Esfand is winter 1402, the rest spring 1403.
    expect(cohortRetention(ids, days, 'quarter', undefined, undefined, 'persian').rows.map((r) => r.label)).toEqual(['1402-Q4', '1403-Q1']);
  });

  it('counts weeks from Saturday', () => {
    // Friday 22 and Saturday 23 March 2024: the same Gregorian (Monday) week, two Persian ones.
    const friday = dayFromYmd(2024, 3, 22);
    const weekIds = ['A', 'A', 'B'];
    const weekDays = [friday, friday + 1, friday + 1];
    expect(cohortRetention(weekIds, weekDays, 'week').rows.map((r) => [r.label, r.values])).toEqual([['2024-03-18', [1]]]);
    expect(cohortRetention(weekIds, weekDays, 'week', undefined, undefined, 'persian').rows.map((r) => [r.label, r.start, r.values])).toEqual([
      ['1402-12-26', friday - 6, [1, 1]],
      ['1403-01-04', friday + 1, [1]],
    ]);
  });

  it('refuses, with its row, a date the Persian calendar is not reckoned for, in the user language', () => {
    let error: unknown;
    try {
      cohortRetention(['A', 'B', 'C'], [dayFromYmd(2024, 1, 1), dayFromYmd(2024, 1, 1), dayFromYmd(9999, 1, 4)], 'year', undefined, undefined, 'persian');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    if (!(error instanceof DataError) || !error.said) throw new Error('expected a DataError with a message of the catalogue');
    expect(error.row).toBe(2);
    expect(error.message).toBe(`9999-01-04 is outside the dates the Persian calendar is reckoned for here (${isoFromDay(PERSIAN_DAYS.first)} to 3799-03-19); fix that date, or use the "gregorian" calendar`);
    expect(render('fa', error.said)).toContain('تقویم شمسی');
    // The Gregorian calendar takes that date (and the table's size check names it when it is too far).
    expect(() => cohortRetention(['A', 'B', 'C'], [dayFromYmd(2024, 1, 1), dayFromYmd(2024, 1, 1), dayFromYmd(9999, 1, 4)], 'year')).not.toThrow();
  });
});

describe("the sidebar's cohort triangle (cohortsUpTo)", () => {
  const ids = ['X', 'X', 'Y', 'Z', 'Y'];
  const days = [dayFromYmd(2024, 3, 19), dayFromYmd(2024, 3, 20), libraryDay(1403, 1, 15), libraryDay(1403, 2, 10), libraryDay(1403, 2, 31)];
  const amounts = [10, 20, 30, 40, -5];

  it('is Gregorian by default, unchanged', () => {
    const cohorts = cohortsUpTo({ ids, days, amounts }, days[4]);
    expect(cohorts?.period).toBe('month');
    expect(cohorts?.table.rows.map((r) => r.label)).toEqual(['2024-03', '2024-04']);
  });

  it('in the Persian calendar, has its months named in the language; a return is no purchase', () => {
    const cohorts = cohortsUpTo({ ids, days, amounts }, days[4], 'persian', 'fa');
    expect(cohorts?.period).toBe('month');
    expect(cohorts?.table.rows.map((r) => [r.label, r.size, r.values])).toEqual([
      ['۱۴۰۲-۱۲ اسفند', 1, [1, 1, 0]],
      ['۱۴۰۳-۰۱ فروردین', 1, [1, 0]],
      ['۱۴۰۳-۰۲ اردیبهشت', 1, [1]],
    ]);
    expect(cohortsUpTo({ ids, days, amounts }, days[4], 'persian', 'en')?.table.rows[0].label).toBe('1402-12 Esfand');
  });

  it('is left out (the analysis goes on) when a date is beyond the Persian calendar', () => {
    expect(cohortsUpTo({ ids: ['A', 'B'], days: [dayFromYmd(2024, 1, 1), dayFromYmd(3900, 1, 1)], amounts: [1, 1] }, dayFromYmd(3900, 1, 1), 'persian', 'en')).toBeNull();
  });
});
