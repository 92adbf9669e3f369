// Dates and amounts written as text the way exports write them (core/formats.ts).
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../src/core/dates';
import { amountFromText, dayFromText, dayFromYyyymmdd, guessDateOrder, guessDecimalMark, type DateOrderGuess } from '../../src/core/formats';
import { render } from '../../src/core/i18n/errors';

const day = (y: number, m: number, d: number): number => dayFromYmd(y, m, d);

/** A guess with its reason in English words, as an English-speaking user reads it. */
const inWords = (guess: DateOrderGuess): { order: DateOrderGuess['order']; reason: string } => ({ order: guess.order, reason: render('en', guess.reason) });

describe('yyyymmdd dates', () => {
  it('reads CDNOW numbers and text, and refuses what is not a calendar day', () => {
    expect(dayFromYyyymmdd(19970101)).toBe(day(1997, 1, 1));
    expect(dayFromYyyymmdd('19980630')).toBe(day(1998, 6, 30));
    expect(dayFromYyyymmdd(19970230)).toBeNull(); // 30 February
    expect(dayFromYyyymmdd(19971301)).toBeNull(); // month 13
    expect(dayFromYyyymmdd(45_000)).toBeNull(); // a Sheets serial date, not yyyymmdd
    expect(dayFromYyyymmdd(19970101.5)).toBeNull();
    expect(dayFromText('19970101', null)).toBe(day(1997, 1, 1));
  });
});

describe('day-first and month-first dates', () => {
  it('reads a date that settles its own order whatever the column order, and others only with one', () => {
    expect(dayFromText('13/02/2024', null)).toBe(day(2024, 2, 13));
    expect(dayFromText('02/13/2024', null)).toBe(day(2024, 2, 13));
    expect(dayFromText('01.02.1997', 'dmy')).toBe(day(1997, 2, 1));
    expect(dayFromText('01/02/1997', 'mdy')).toBe(day(1997, 1, 2));
    expect(dayFromText('01/02/1997', null)).toBeNull();
    expect(dayFromText('31.02.2024', 'dmy')).toBeNull();
    expect(dayFromText('2024-02-13', null)).toBe(day(2024, 2, 13));
    expect(dayFromText('13/02/2024 14:30', null)).toBe(day(2024, 2, 13));
    expect(dayFromText('13/02/24', 'dmy')).toBeNull(); // a two-digit year is not guessed
  });

  it('guesses the order from the column: a part above 12 decides, dots are day-first, slashes alone are not guessed', () => {
    expect(inWords(guessDateOrder(['01/02/2024', '13/02/2024', '05/03/2024']))).toEqual({ order: 'dmy', reason: 'day first (dd/mm/yyyy), as "13/02/2024" shows' });
    expect(inWords(guessDateOrder(['01/02/2024', '02/13/2024']))).toEqual({ order: 'mdy', reason: 'month first (mm/dd/yyyy), as "02/13/2024" shows' });
    expect(guessDateOrder(['01.01.1997', '02.01.1997']).order).toBe('dmy');
    expect(inWords(guessDateOrder(['01/02/2024', '03/04/2024']))).toEqual({ order: null, reason: 'every date fits both day-first and month-first (no day above 12)' });
    expect(guessDateOrder(['13/02/2024', '02/13/2024']).order).toBeNull();
    expect(guessDateOrder(['abc', '2024-01-01']).order).toBeNull();
  });
});

describe('amounts as text', () => {
  it('reads currencies and separators with the decimal mark given', () => {
    expect(amountFromText('$1,234.50', '.')).toBe(1234.5);
    expect(amountFromText('1.234,50 €', ',')).toBe(1234.5);
    expect(amountFromText('₱1,234', '.')).toBe(1234);
    expect(amountFromText('12,500 تومان', '.')).toBe(12500);
    expect(amountFromText('£29.33', '.')).toBe(29.33);
    expect(amountFromText('USD 15', '.')).toBe(15);
    expect(amountFromText('(12.00)', '.')).toBe(-12);
    expect(amountFromText('-$5', '.')).toBe(-5);
    expect(amountFromText('1 234,5', ',')).toBe(1234.5);
    expect(amountFromText('۱۲٬۵۰۰', '.')).toBe(12500); // Persian digits and thousands mark
    expect(amountFromText('1,23,456', '.')).toBe(123456); // Indian grouping
    expect(amountFromText('12,5', '.')).toBeNull(); // not a grouping of three
    expect(amountFromText('12%', '.')).toBeNull();
    expect(amountFromText('12abc', '.')).toBeNull();
    expect(amountFromText('1.2.3', '.')).toBeNull();
  });

  it('guesses the decimal mark of a column from the values that settle it', () => {
    expect(guessDecimalMark(['1.234,50 €', '12,00 €', '1.000 €'])).toEqual({ decimal: ',', decided: true });
    expect(guessDecimalMark(['$1,234.50', '$12.00', '$1,000'])).toEqual({ decimal: '.', decided: true });
    expect(guessDecimalMark(['₱1,234', '₱2,000'])).toEqual({ decimal: '.', decided: false });
    expect(guessDecimalMark(['12,5', '3,25'])).toEqual({ decimal: ',', decided: true });
    expect(guessDecimalMark(['1.234.567'])).toEqual({ decimal: ',', decided: true });
  });
});
