// Persian-calendar (Jalali) text dates (core/formats.ts jalaliFromText, dayFromText), checked against jalaali-js's
// own conversion: the library is the reference, the tests check that every written form reaches it unchanged.
import { isLeapJalaaliYear, jalaaliMonthLength, toGregorian } from 'jalaali-js';
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../src/core/dates';
import { dayFromText, guessDateOrder, jalaliFromText, westernDigits } from '../../src/core/formats';
import { render } from '../../src/core/i18n/errors';

/** Why a text with a Persian year is no date, in English words; null when it is one (or no Persian date at all). */
function refusal(text: string): string | null {
  const read = jalaliFromText(text);
  return read !== null && typeof read === 'object' ? render('en', read.refused) : null;
}

/** The day number jalaali-js gives a Persian date. */
function libraryDay(jy: number, jm: number, jd: number): number {
  const g = toGregorian(jy, jm, jd);
  return dayFromYmd(g.gy, g.gm, g.gd);
}

/** Western digits as Persian (۰-۹) or Arabic-Indic (٠-٩) ones. */
const persian = (s: string): string => s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
const arabic = (s: string): string => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

describe('Persian-calendar text dates', () => {
  it('1402-12-29 is Esfand 29, 1402 (19 March 2024), in every digit script and with / or -', () => {
    const expected = dayFromYmd(2024, 3, 19);
    expect(libraryDay(1402, 12, 29)).toBe(expected);
    for (const text of ['1402-12-29', '1402/12/29', '۱۴۰۲/۱۲/۲۹', '۱۴۰۲-۱۲-۲۹', '١٤٠٢/١٢/٢٩', '29/12/1402', '۲۹/۱۲/۱۴۰۲', '1402/12/29 14:30']) {
      expect(dayFromText(text, null), text).toBe(expected);
    }
    expect(dayFromText('1402/5/12', null)).toBe(dayFromYmd(2023, 8, 3));
  });

  it('the first days of Farvardin (Nowruz) and the last of Esfand, 1399 to 1405, as the library converts them', () => {
    const nowruz: Record<number, [number, number, number]> = {
      1399: [2020, 3, 20],
      1400: [2021, 3, 21],
      1401: [2022, 3, 21],
      1402: [2023, 3, 21],
      1403: [2024, 3, 20],
      1404: [2025, 3, 21],
      1405: [2026, 3, 21],
    };
    for (const [year, [gy, gm, gd]] of Object.entries(nowruz).map(([y, g]) => [Number(y), g] as const)) {
      expect(dayFromText(`${year}/01/01`, null), `${year}/01/01`).toBe(dayFromYmd(gy, gm, gd));
      expect(dayFromText(persian(`${year}/01/02`), null)).toBe(dayFromYmd(gy, gm, gd) + 1);
      const lastOfYear = jalaaliMonthLength(year - 1, 12);
      // The day before Nowruz is the last of Esfand of the year before, 30 in a leap year, 29 otherwise.
      expect(dayFromText(arabic(`${year - 1}-12-${lastOfYear}`), null)).toBe(dayFromYmd(gy, gm, gd) - 1);
      expect(lastOfYear).toBe(isLeapJalaaliYear(year - 1) ? 30 : 29);
    }
  });

  it('leap years: Esfand 30 exists in 1399 and 1403, not in 1402 or 1404; the library says which are leap', () => {
    expect([1399, 1400, 1401, 1402, 1403, 1404].filter((y) => isLeapJalaaliYear(y))).toEqual([1399, 1403]);
    expect(dayFromText('1403/12/30', null)).toBe(libraryDay(1403, 12, 30));
    expect(dayFromText('1403/12/30', null)).toBe(dayFromYmd(2025, 3, 20));
    expect(dayFromText('1399-12-30', null)).toBe(dayFromYmd(2021, 3, 20));
    expect(refusal('1402/12/30')).toBe('Esfand 1402 has 29 days');
    expect(refusal('۱۴۰۴/۱۲/۳۰')).toBe('Esfand 1404 has 29 days');
    expect(dayFromText('1402/12/30', null)).toBeNull();
  });

  it('every month boundary of 1403: the 31-day first half, the 30-day months and Esfand', () => {
    for (let month = 1; month <= 12; month++) {
      const length = jalaaliMonthLength(1403, month);
      expect(length).toBe(month <= 6 ? 31 : 30);
      expect(dayFromText(`1403/${month}/1`, null)).toBe(libraryDay(1403, month, 1));
      expect(dayFromText(`1403/${month}/${length}`, null)).toBe(libraryDay(1403, month, length));
      expect(dayFromText(`1403/${month}/${length}`, null)! + 1).toBe(month < 12 ? libraryDay(1403, month + 1, 1) : libraryDay(1404, 1, 1));
    }
    expect(refusal('1403/07/31')).toBe('Mehr 1403 has 30 days');
    expect(refusal('1403/13/01')).toBe('the Persian calendar has 12 months (Farvardin to Esfand), not 13');
    expect(refusal('1403/00/10')).toBe('the Persian calendar has 12 months (Farvardin to Esfand), not 0');
  });

  it('years outside 1300–1499 stay Gregorian; Persian dates do not sway a column toward day- or month-first', () => {
    expect(jalaliFromText('2024-03-19')).toBeNull();
    expect(jalaliFromText('1299/01/01')).toBeNull();
    expect(jalaliFromText('1500/01/01')).toBeNull();
    expect(dayFromText('۲۰۲۴-۰۳-۱۹', null)).toBe(dayFromYmd(2024, 3, 19));
    expect(dayFromText('1300/01/01', null)).toBe(dayFromYmd(1921, 3, 21));
    expect(dayFromText('1499/12/29', null)).toBe(libraryDay(1499, 12, 29));
    expect(guessDateOrder(['29/12/1402', '01/02/2024']).order).toBeNull();
    // Compact, a Persian year is not read at all rather than as the Gregorian year 1402.
    expect(dayFromText('14021229', null)).toBeNull();
    expect(dayFromText('19970101', null)).toBe(dayFromYmd(1997, 1, 1));
  });

  it('westernDigits reads both digit scripts and the Arabic marks', () => {
    expect(westernDigits('۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩')).toBe('0123456789 0123456789');
    expect(westernDigits('۲۰۰٬۰۰۰٫۵ ۵٪')).toBe('200000.5 5%');
  });
});
