/** The cohort triangle of the sidebar's Segments sheet. */
import { cohortRetention } from '../core/cohort';
import { DataError } from '../core/errors';
import type { CustomerId } from '../core/ids';
import type { Cohorts } from './report';

/**
 * The Segments sheet's cohort triangle: monthly up to 4 years of months, quarterly beyond, of the orders up to the
 * as-of date; none when even that table would be too wide to read.
 */
export function cohortsUpTo(log: { ids: CustomerId[]; days: number[]; amounts: number[] }, asOfDay: number): Cohorts | null {
  // Purchases only (a row of 0 or more; a return is not one, as in summary.ts): without amounts the table counts
  // customers buying, with them it would be revenue.
  const keep = log.days.map((d, i) => d <= asOfDay && log.amounts[i] >= 0);
  const ids = log.ids.filter((_, i) => keep[i]);
  const days = log.days.filter((_, i) => keep[i]);
  for (const period of ['month', 'quarter'] as const) {
    try {
      const table = cohortRetention(ids, days, period, undefined, { columns: 50, cells: 50 * 50 });
      return table.rows.length > 0 ? { table, period } : null;
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
    }
  }
  return null;
}
