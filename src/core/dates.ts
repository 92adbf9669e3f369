/**
 * Calendar arithmetic on day numbers: whole days since 1970-01-01 of the calendar (not an instant),
 * so differences are exact day counts whatever the time zone.
 */

import { MAX_JALAALI_YEAR, MIN_JALAALI_YEAR, d2j, g2d, isValidJalaaliDate, j2d, jalaaliMonthLength, toGregorian } from 'jalaali-js';
import { said, type Said } from './i18n/said';

const MS_PER_DAY = 86_400_000;

/** Days between Sheets' serial-date epoch (1899-12-30) and 1970-01-01. */
export const SHEETS_SERIAL_OFFSET = 25_569;

export function dayFromYmd(year: number, month1: number, day: number): number {
  return Date.UTC(year, month1 - 1, day) / MS_PER_DAY;
}

export interface Ymd {
  year: number;
  month: number; // 1..12
  day: number;
}

export function ymdFromDay(dayNumber: number): Ymd {
  const d = new Date(dayNumber * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoFromDay(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Parses `yyyy-mm-dd` (optionally followed by a time, which is ignored); null when it is not a real date. */
export function dayFromIso(text: string): number | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const n = dayFromYmd(year, month, day);
  const back = ymdFromDay(n);
  return back.year === year && back.month === month && back.day === day ? n : null;
}

export type CalendarPeriod = 'week' | 'month' | 'quarter' | 'year';

/** The calendars whose months, quarters and years periods can follow (weeks start on Monday, or Saturday in the Persian one). */
export const CALENDARS = ['gregorian', 'persian'] as const;
export type CalendarName = (typeof CALENDARS)[number];

/** 1970-01-01 was a Thursday; shifting by 3 makes weeks start on Monday (ISO weeks). */
const MONDAY_SHIFT = 3;

/** Sequential index of the calendar period holding a day: consecutive periods differ by 1. */
export function periodIndex(dayNumber: number, period: CalendarPeriod, calendar: CalendarName = 'gregorian'): number {
  if (calendar === 'persian') return persianPeriodIndex(dayNumber, period);
  if (period === 'week') return Math.floor((dayNumber + MONDAY_SHIFT) / 7);
  const { year, month } = ymdFromDay(dayNumber);
  if (period === 'month') return year * 12 + (month - 1);
  if (period === 'quarter') return year * 4 + Math.floor((month - 1) / 3);
  return year;
}

/** First day of the period with the given index. */
export function periodStartDay(index: number, period: CalendarPeriod, calendar: CalendarName = 'gregorian'): number {
  if (calendar === 'persian') return persianPeriodStartDay(index, period);
  if (period === 'week') return index * 7 - MONDAY_SHIFT;
  if (period === 'month') return dayFromYmd(Math.floor(index / 12), (index % 12) + 1, 1);
  if (period === 'quarter') return dayFromYmd(Math.floor(index / 4), (index % 4) * 3 + 1, 1);
  return dayFromYmd(index, 1, 1);
}

/**
 * A short label people read in a sheet: 2024-01-15 (week of), 2024-01, 2024-Q1, 2024; in the Persian calendar the same
 * forms of its dates (1402-04-31 for the week from Saturday Tir 31, 1402-05 for Mordad 1402, 1402-Q2, 1402), which
 * sort as text in time order. Named, in a language's words and digits: i18n/calendar.ts.
 */
export function periodLabel(index: number, period: CalendarPeriod, calendar: CalendarName = 'gregorian'): string {
  if (calendar === 'persian') return persianPeriodLabel(index, period);
  if (period === 'week') return isoFromDay(periodStartDay(index, 'week'));
  if (period === 'month') return isoFromDay(periodStartDay(index, 'month')).slice(0, 7);
  if (period === 'quarter') return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  return String(index);
}

/** The Persian (Jalali, Solar Hijri) months' keys in the errors section: Farvardin is month 1, Esfand month 12 (messages and labels). */
export const JALALI_MONTHS = [
  'jalali.month1',
  'jalali.month2',
  'jalali.month3',
  'jalali.month4',
  'jalali.month5',
  'jalali.month6',
  'jalali.month7',
  'jalali.month8',
  'jalali.month9',
  'jalali.month10',
  'jalali.month11',
  'jalali.month12',
] as const;

/**
 * The day number of a Persian-calendar date (1402-12-29 is Esfand 29, 1402), or why it is no such date ("Esfand
 * 1402 has 29 days"). The conversion is jalaali-js's: the Persian leap years follow an astronomical rule that a
 * hand-written formula gets wrong at some year ends.
 */
export function dayFromJalali(year: number, month: number, day: number): number | { refused: Said } {
  if (month < 1 || month > 12) return { refused: said('jalali.months', { month: String(month) }) };
  const length = jalaaliMonthLength(year, month);
  if (day < 1 || day > length) return { refused: said('jalali.monthLength', { month: said(JALALI_MONTHS[month - 1]), year: String(year), days: length }) };
  if (!isValidJalaaliDate(year, month, day)) return { refused: said('jalali.notADate', { date: `${year}-${month}-${day}` }) };
  const g = toGregorian(year, month, day);
  return dayFromYmd(g.gy, g.gm, g.gd);
}

// The Persian calendar's periods. Every conversion is jalaali-js's, through Julian day numbers (its d2j and j2d): day
// numbers count from 1970-01-01, so one offset, taken from the library itself, links the two.
const JULIAN_DAY_OF_EPOCH = g2d(1970, 1, 1);

/** 1970-01-01 was a Thursday; shifting by 5 makes weeks start on Saturday, as in Iran. */
const SATURDAY_SHIFT = 5;

/**
 * The days whose Persian periods can be worked out: the years jalaali-js computes exactly (Borkowski's algorithm,
 * -61 to 3177, Gregorian 560 to 3799), less the first 6 days, so the Saturday that starts a day's week is inside too.
 */
export const PERSIAN_DAYS = {
  first: j2d(MIN_JALAALI_YEAR, 1, 1) - JULIAN_DAY_OF_EPOCH + 6,
  last: j2d(MAX_JALAALI_YEAR, 12, jalaaliMonthLength(MAX_JALAALI_YEAR, 12)) - JULIAN_DAY_OF_EPOCH,
} as const;

/** The Persian-calendar date of a day number (PERSIAN_DAYS bounds it; outside them jalaali-js throws a RangeError). */
export function jalaliFromDay(dayNumber: number): Ymd {
  const { jy, jm, jd } = d2j(dayNumber + JULIAN_DAY_OF_EPOCH);
  return { year: jy, month: jm, day: jd };
}

/** The day number of a Persian-calendar date known to be real (dayFromJalali checks one that may not be). */
function dayOfJalali(year: number, month: number, day: number): number {
  return j2d(year, month, day) - JULIAN_DAY_OF_EPOCH;
}

function persianPeriodIndex(dayNumber: number, period: CalendarPeriod): number {
  if (period === 'week') return Math.floor((dayNumber + SATURDAY_SHIFT) / 7);
  const { year, month } = jalaliFromDay(dayNumber);
  if (period === 'month') return year * 12 + (month - 1);
  // The Persian quarters are the seasons: Farvardin–Khordad is spring, the first quarter of the year from Nowruz.
  if (period === 'quarter') return year * 4 + Math.floor((month - 1) / 3);
  return year;
}

function persianPeriodStartDay(index: number, period: CalendarPeriod): number {
  if (period === 'week') return index * 7 - SATURDAY_SHIFT;
  if (period === 'month') return dayOfJalali(Math.floor(index / 12), mod(index, 12) + 1, 1);
  if (period === 'quarter') return dayOfJalali(Math.floor(index / 4), mod(index, 4) * 3 + 1, 1);
  return dayOfJalali(index, 1, 1);
}

function persianPeriodLabel(index: number, period: CalendarPeriod): string {
  const { year, month, day } = jalaliFromDay(persianPeriodStartDay(index, period));
  if (period === 'week') return `${year}-${twoDigits(month)}-${twoDigits(day)}`;
  if (period === 'month') return `${year}-${twoDigits(month)}`;
  if (period === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return String(year);
}

/** The remainder with the divisor's sign: a Persian year before 1 (not one an order log holds) still has months 1 to 12. */
function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}
