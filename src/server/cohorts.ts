/** The cohort triangle of the sidebar's Segments sheet. */
import { cohortRetention, type CalendarName } from '../core/cohort';
import { DataError } from '../core/errors';
import { persianPeriodLabel } from '../core/i18n/calendar';
import { isLanguage, type Language } from '../core/i18n/language';
import type { CustomerId } from '../core/ids';
import type { Cohorts } from './report';

/**
 * The Segments sheet's cohort triangle: monthly up to 4 years of months, quarterly beyond, of the orders up to the
 * as-of date; none when even that table would be too wide to read (or, in the Persian calendar, a date lies outside
 * the years it is reckoned for: the rest of the analysis does not need cohorts). In the Persian calendar the cohorts
 * are its months or seasons, labelled in the language's words and digits (۱۴۰۲-۰۵ مرداد), as COHORT_RETENTION does.
 */
export function cohortsUpTo(
  log: { ids: CustomerId[]; days: number[]; amounts: number[] },
  asOfDay: number,
  calendar: CalendarName = 'gregorian',
  language: Language = 'en',
): Cohorts | null {
  // The request comes from the browser: any calendar but "persian" is the default one, any unknown language English.
  const persian = calendar === 'persian';
  const words = isLanguage(language) ? language : 'en';
  // Purchases only (a row of 0 or more; a return is not one, as in summary.ts): without amounts the table counts
  // customers buying, with them it would be revenue.
  const keep = log.days.map((d, i) => d <= asOfDay && log.amounts[i] >= 0);
  const ids = log.ids.filter((_, i) => keep[i]);
  const days = log.days.filter((_, i) => keep[i]);
  for (const period of ['month', 'quarter'] as const) {
    try {
      const table = cohortRetention(ids, days, period, undefined, { columns: 50, cells: 50 * 50 }, persian ? 'persian' : 'gregorian');
      if (table.rows.length === 0) return null;
      if (!persian) return { table, period };
      return { table: { ...table, rows: table.rows.map((row) => ({ ...row, label: persianPeriodLabel(words, row.start, period) })) }, period };
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
    }
  }
  return null;
}
