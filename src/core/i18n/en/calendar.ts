/**
 * The Persian (Jalali, Solar Hijri) calendar's words, for the labels of its periods (i18n/calendar.ts): how a month's
 * or a quarter's label is written (the months' names are the errors section's jalali.month1…12, which dates.ts's
 * messages name too). A label starts with the year and the number of the month or quarter, so a column of labels sorts
 * as text in time order; the name follows for reading.
 */
export const calendarWords = {
  /** 1402-05 Mordad: {mm} is the month's number in two digits, {month} its name. */
  'label.month': '{year}-{mm} {month}',
  /** 1402-Q1: Farvardin to Khordad (spring) is the first quarter. */
  'label.quarter': '{year}-Q{quarter}',
} as const;

export type CalendarKey = keyof typeof calendarWords;
export type CalendarMessages = Record<CalendarKey, string>;
