/**
 * The labels of Persian-calendar periods in a language's words and digits: COHORT_RETENTION's cohort column and the
 * Segments sheet's cohort triangle when the calendar is "persian". Like menu.ts, its own module, so Code.js carries
 * only what the server uses.
 *
 * Digits: Persian (۱۴۰۲) in Persian, Arabic-Indic (١٤٠٢) in Arabic, Western (1402) in English and Filipino; only in
 * labels, which are text: every number the add-in writes as a value stays a number. Each label starts with the year
 * and the month's (or quarter's) number in fixed width, so the labels of one language sort as text in time order.
 */
import { calendarWords as ar } from './ar/calendar';
import { calendarWords as en, type CalendarMessages } from './en/calendar';
import { calendarWords as fa } from './fa/calendar';
import type { Language } from './language';
import { calendarWords as tl } from './tl/calendar';
import { JALALI_MONTHS, jalaliFromDay, periodIndex, periodStartDay, type CalendarPeriod } from '../dates';
import { ERRORS } from './errors';

export const CALENDAR: Record<Language, CalendarMessages> = { en, fa, ar, tl };

/** The code point of each language's zero; the nine digits follow it in Unicode. */
const ZERO: Record<Language, number> = { en: 0x30, tl: 0x30, fa: 0x06f0, ar: 0x0660 };

/**
 * The label of the Persian-calendar period holding a day, e.g. a month: "1402-05 Mordad", "۱۴۰۲-۰۵ مرداد",
 * "١٤٠٢-٠٥ مرداد"; a week by its Saturday (۱۴۰۲-۰۴-۳۱), a quarter ("1402-Q2", "۱۴۰۲ فصل ۲"), a year (۱۴۰۲). The
 * day must be inside dates.ts PERSIAN_DAYS.
 */
export function persianPeriodLabel(language: Language, day: number, period: CalendarPeriod): string {
  const start = jalaliFromDay(periodStartDay(periodIndex(day, period, 'persian'), period, 'persian'));
  const digits = (n: number, width = 1): string => inDigits(language, String(n).padStart(width, '0'));
  const words = CALENDAR[language];
  if (period === 'week') return `${digits(start.year)}-${digits(start.month, 2)}-${digits(start.day, 2)}`;
  if (period === 'month') return filled(words['label.month'], { year: digits(start.year), mm: digits(start.month, 2), month: ERRORS[language][JALALI_MONTHS[start.month - 1]] });
  if (period === 'quarter') return filled(words['label.quarter'], { year: digits(start.year), quarter: digits(Math.ceil(start.month / 3)) });
  return digits(start.year);
}

/** Western digits written in a language's own. */
export function inDigits(language: Language, text: string): string {
  const zero = ZERO[language];
  return zero === 0x30 ? text : text.replace(/[0-9]/g, (d) => String.fromCharCode(zero + d.charCodeAt(0) - 0x30));
}

/**
 * The label's placeholders filled in. Not format.ts's fill: that one isolates each value for right-to-left
 * sentences with invisible marks, which a cell's label must not hold (it is matched and sorted as text).
 */
function filled(message: string, values: Record<string, string>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
