/**
 * Calendar arithmetic on day numbers: whole days since 1970-01-01 of the calendar (not an instant),
 * so differences are exact day counts whatever the time zone.
 */

import { isValidJalaaliDate, jalaaliMonthLength, toGregorian } from 'jalaali-js';

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

/** 1970-01-01 was a Thursday; shifting by 3 makes weeks start on Monday (ISO weeks). */
const MONDAY_SHIFT = 3;

/** Sequential index of the calendar period holding a day: consecutive periods differ by 1. */
export function periodIndex(dayNumber: number, period: CalendarPeriod): number {
  if (period === 'week') return Math.floor((dayNumber + MONDAY_SHIFT) / 7);
  const { year, month } = ymdFromDay(dayNumber);
  if (period === 'month') return year * 12 + (month - 1);
  if (period === 'quarter') return year * 4 + Math.floor((month - 1) / 3);
  return year;
}

/** First day of the period with the given index. */
export function periodStartDay(index: number, period: CalendarPeriod): number {
  if (period === 'week') return index * 7 - MONDAY_SHIFT;
  if (period === 'month') return dayFromYmd(Math.floor(index / 12), (index % 12) + 1, 1);
  if (period === 'quarter') return dayFromYmd(Math.floor(index / 4), (index % 4) * 3 + 1, 1);
  return dayFromYmd(index, 1, 1);
}

/** A short label people read in a sheet: 2024-01-15 (week of), 2024-01, 2024-Q1, 2024. */
export function periodLabel(index: number, period: CalendarPeriod): string {
  if (period === 'week') return isoFromDay(periodStartDay(index, 'week'));
  if (period === 'month') return isoFromDay(periodStartDay(index, 'month')).slice(0, 7);
  if (period === 'quarter') return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  return String(index);
}

/** The Persian (Jalali, Solar Hijri) months, for messages: Farvardin is month 1, Esfand month 12. */
const JALALI_MONTHS = ['Farvardin', 'Ordibehesht', 'Khordad', 'Tir', 'Mordad', 'Shahrivar', 'Mehr', 'Aban', 'Azar', 'Dey', 'Bahman', 'Esfand'] as const;

/**
 * The day number of a Persian-calendar date (1402-12-29 is Esfand 29, 1402), or why it is no such date ("Esfand
 * 1402 has 29 days"). The conversion is jalaali-js's: the Persian leap years follow an astronomical rule that a
 * hand-written formula gets wrong at some year ends.
 */
export function dayFromJalali(year: number, month: number, day: number): number | { refused: string } {
  if (month < 1 || month > 12) return { refused: `the Persian calendar has 12 months (Farvardin to Esfand), not ${month}` };
  const length = jalaaliMonthLength(year, month);
  if (day < 1 || day > length) return { refused: `${JALALI_MONTHS[month - 1]} ${year} has ${length} days` };
  if (!isValidJalaaliDate(year, month, day)) return { refused: `${year}-${month}-${day} is not a Persian-calendar date` };
  const g = toGregorian(year, month, day);
  return dayFromYmd(g.gy, g.gm, g.gd);
}
