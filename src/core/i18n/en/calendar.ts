/**
 * The Persian (Jalali, Solar Hijri) calendar's words, for the labels of its periods (i18n/calendar.ts): the months
 * as Iranians name them, and how a month's or a quarter's label is written. A label starts with the year and the
 * number of the month or quarter, so a column of labels sorts as text in time order; the name follows for reading.
 */
export const calendarWords = {
  'month.1': 'Farvardin',
  'month.2': 'Ordibehesht',
  'month.3': 'Khordad',
  'month.4': 'Tir',
  'month.5': 'Mordad',
  'month.6': 'Shahrivar',
  'month.7': 'Mehr',
  'month.8': 'Aban',
  'month.9': 'Azar',
  'month.10': 'Dey',
  'month.11': 'Bahman',
  'month.12': 'Esfand',
  /** 1402-05 Mordad: {mm} is the month's number in two digits, {month} its name. */
  'label.month': '{year}-{mm} {month}',
  /** 1402-Q1: Farvardin to Khordad (spring) is the first quarter. */
  'label.quarter': '{year}-Q{quarter}',
} as const;

export type CalendarKey = keyof typeof calendarWords;
export type CalendarMessages = Record<CalendarKey, string>;
