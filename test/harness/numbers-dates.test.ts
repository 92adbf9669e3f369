// Numbers and dates as Iranian, Arab and Filipino users write them, through the built dist/Code.js as a cell calls
// it: Persian and Arabic-Indic digits, the Arabic marks, currency words, grouped numbers and Persian-calendar dates.
import { toGregorian } from 'jalaali-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './gas';

let gas: Harness;
beforeAll(() => {
  gas = createHarness();
});

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

describe('numbers as people write them', () => {
  it("the users' own examples: CLV_SIMPLE(\"۲۰۰٬۰۰۰\", 5, 1) is 1,000,000 and LTV(\"۳۰\", \"۵٪\") is 600", () => {
    expect(gas.cell('CLV_SIMPLE', '۲۰۰٬۰۰۰', 5, 1)).toBe(1_000_000);
    expect(gas.cell('LTV', '۳۰', '۵٪')).toBeCloseTo(600, 9);
    expect(gas.cell('LTV', '٣٠', '٥٪')).toBeCloseTo(600, 9);
  });

  it('every form of 200,000 reads as 200,000: digits, separators, currency words and signs before or after', () => {
    const forms = ['۲۰۰۰۰۰', '٢٠٠٠٠٠', '200,000', '200000 تومان', '۲۰۰٬۰۰۰ تومان', '۲۰۰٬۰۰۰ ریال', '200,000 ر.س', 'ر.س 200,000', '$200,000', '200.000,00 €', '₱200,000.00', '٢٠٠٬٠٠٠٫٠٠'];
    for (const form of forms) expect(gas.cell('CLV_SIMPLE', form, 5, 1), form).toBe(1_000_000);
    expect(gas.cell('CLV_SIMPLE', '۱۲٫۵', '۲', '۱')).toBe(25);
    expect(gas.cell('CLV_SIMPLE', '1.234,50', 2, 1)).toBe(2469);
  });

  it('a percent sign in either script is a share only where rates and margins are asked', () => {
    expect(gas.cell('LTV', 30, '٥٪')).toBeCloseTo(600, 9);
    expect(gas.cell('CLV_SIMPLE', 100, 2, 1, '۴۰٪')).toBeCloseTo(80, 9);
    // The sign written first, as Persian and Arabic text often has it (read right to left), and a Western "%5" alike.
    expect(gas.cell('LTV', '۳۰', '٪۵')).toBeCloseTo(600, 9);
    expect(gas.cell('LTV', '٣٠', ' ٪ ٥ ')).toBeCloseTo(600, 9);
    expect(gas.cell('LTV', 30, '%5')).toBeCloseTo(600, 9);
    expect(() => gas.cell('LTV', '٪۳۰', 0.05)).toThrow('LTV: margin_per_period is "٪۳۰", a percentage');
    expect(() => gas.cell('LTV', '۳۰٪', 0.05)).toThrow('LTV: margin_per_period is "۳۰٪", a percentage; only rates and margins take a percent sign: give margin_per_period as a plain number');
  });

  it('a range of amounts: read with the decimal mark most rows settle, a row written the other way named with how it would be read', () => {
    expect(gas.cell('LTV', col('۱۲٬۵۰۰ تومان', '1.234,50', '10,5'), 0.5)).toEqual([[25_000], [2469], [21]]);
    expect(() => gas.cell('LTV', col('1.234,50', '10,5', '1,234.50'), 0.5)).toThrow(
      'LTV: margin_per_period row 3 is "1,234.50", written with a decimal point while margin_per_period is read as 1.234,50 (decimal comma), as most of its values are written: write every value one way',
    );
    expect(() => gas.cell('LTV', col('1,234.50', '2,000.25', '12,5'), 0.5)).toThrow(
      'LTV: margin_per_period row 3 is "12,5", written with a decimal comma while margin_per_period is read as 1,234.50 (decimal point), as most of its values are written: write every value one way',
    );
    expect(() => gas.cell('LTV', 'سی هزار', 0.05)).toThrow('LTV: margin_per_period is "سی هزار", not a number');
  });
});

/** The date cell of a Persian-calendar date, as jalaali-js converts it. */
function dateOfJalali(jy: number, jm: number, jd: number): Date {
  const g = toGregorian(jy, jm, jd);
  return gas.date(g.gy, g.gm, g.gd);
}

describe('Persian-calendar text dates', () => {
  const ids = col('A', 'A', 'B', 'C', 'D', 'E', 'E');
  // Late Esfand 1402 to early 1403, across Nowruz; Jalali text in the three digit scripts and both separators.
  const jalali: [number, number, number, string][] = [
    [1402, 8, 24, '1402/08/24'],
    [1402, 12, 1, '۱۴۰۲-۱۲-۰۱'],
    [1402, 9, 10, '١٤٠٢/٠٩/١٠'],
    [1402, 7, 9, '1402-07-09'],
    [1402, 10, 25, '۱۴۰۲/۱۰/۲۵'],
    [1402, 9, 29, '29/09/1402'],
    [1403, 1, 1, '۱۴۰۳/۰۱/۰۱'],
  ];
  const texts = (): unknown[][] => col(...jalali.map((r) => r[3]));
  const cells = (): unknown[][] => col(...jalali.map(([y, m, d]) => dateOfJalali(y, m, d)));

  it('CHURN over a log of Jalali text dates equals CHURN over the same log in Gregorian date cells', () => {
    const start = dateOfJalali(1402, 10, 11);
    const end = dateOfJalali(1402, 12, 11);
    const fromCells = gas.cell('CHURN', ids, cells(), start, end);
    expect(fromCells).toBeCloseTo(1 / 3, 12);
    expect(gas.cell('CHURN', ids, texts(), start, end)).toBe(fromCells);
    // The period's bounds may be Persian text too.
    expect(gas.cell('CHURN', ids, texts(), '1402/10/11', '۱۴۰۲/۱۲/۱۱')).toBe(fromCells);
    const monthly = [
      ['1402/10/11', '1402/11/11'],
      ['1402/11/11', '1402/12/11'],
    ];
    expect(gas.cell('CHURN', ids, texts(), col(...monthly.map((p) => p[0])), col(...monthly.map((p) => p[1])))).toEqual(
      gas.cell('CHURN', ids, cells(), col(dateOfJalali(1402, 10, 11), dateOfJalali(1402, 11, 11)), col(dateOfJalali(1402, 11, 11), dateOfJalali(1402, 12, 11))),
    );
  });

  it('across Nowruz: Esfand 30 of the leap year 1403 is inside a period ending on Farvardin 1, 1404', () => {
    // Activity window of 30 days: all three bought in the 30 days before Esfand 1; A and B again in the 30 days before
    // Nowruz 1404, B on Esfand 30 (1403 is leap), C not.
    const log = col('1403/11/15', '1403/12/29', '1403/11/20', '۱۴۰۳/۱۲/۳۰', '1403/11/25');
    const people = col('A', 'A', 'B', 'B', 'C');
    const churn = gas.cell('CHURN', people, log, '1403/12/01', '1404/01/01', 30);
    expect(churn).toBeCloseTo(1 / 3, 12);
    expect(churn).toBe(
      gas.cell(
        'CHURN',
        people,
        col(dateOfJalali(1403, 11, 15), dateOfJalali(1403, 12, 29), dateOfJalali(1403, 11, 20), dateOfJalali(1403, 12, 30), dateOfJalali(1403, 11, 25)),
        dateOfJalali(1403, 12, 1),
        dateOfJalali(1404, 1, 1),
        30,
      ),
    );
    expect(gas.cell('CHURN', people, log, gas.date(2025, 2, 19), gas.date(2025, 3, 21), 30)).toBe(churn);
  });

  it('an invalid Persian date is refused with the reason, naming the argument and row', () => {
    expect(() => gas.cell('CHURN', col('A', 'B'), col('1402/12/30', '1402/12/01'), '1402/11/01', '1403/01/01')).toThrow(
      'CHURN: order_dates row 1 is "1402/12/30", not a date: its year is read in the Persian calendar (years 1300–1499), and Esfand 1402 has 29 days',
    );
    expect(() => gas.cell('CHURN', col('A'), col('1402/01/01'), '۱۴۰۲/۱۳/۰۱', '1403/01/01')).toThrow(
      'not a date: its year is read in the Persian calendar (years 1300–1499), and the Persian calendar has 12 months (Farvardin to Esfand), not 13',
    );
  });
});
