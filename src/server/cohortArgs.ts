/**
 * The cohort argument of the retention functions (RETENTION_FIT, RETENTION_FORECAST, RETENTION_LTV): customers still
 * active at the start of period 0, 1, 2, … of one cohort, the first value the cohort size.
 */
import { DataError } from '../core/errors';
import { said } from '../core/i18n/said';
import { alignedRowCount, cellAt, checkedNumberAt, isBlank, readColumn, whereSaid, COUNT, type Arg } from './args';

/**
 * Periods of a cohort the retention model is fitted to: a century of months, or 200 years of weeks. The fit's work
 * grows with them, and a longer column is not a cohort's history.
 */
export const RETENTION_PERIODS_LIMIT = 10_000;

/** The counts of the column, checked: whole, the first above 0, never rising, at least 3 periods. */
export function readActive(arg: Arg, name = 'active_customers'): number[] {
  const column = readColumn(name, arg);
  const n = alignedRowCount([column]);
  if (n > RETENTION_PERIODS_LIMIT) {
    throw new DataError(said('cohortArg.tooLong', { name, rows: said('count.row', { n }), most: said('count.period', { n: RETENTION_PERIODS_LIMIT }) }), name);
  }
  const values: number[] = [];
  for (let row = 0; row < n; row++) {
    if (isBlank(cellAt(column, row))) throw new DataError(said('cohortArg.blank', { at: whereSaid(column, row) }), column.name, row);
    const v = checkedNumberAt(column, row, COUNT);
    if (row === 0 && v === 0) throw new DataError(said('cohortArg.firstZero', { at: whereSaid(column, row) }), column.name, row);
    if (row > 0 && v > values[row - 1]) {
      throw new DataError(said('cohortArg.rises', { at: whereSaid(column, row), value: String(v), before: String(values[row - 1]) }), column.name, row);
    }
    values.push(v);
  }
  if (values.length < 3) throw new DataError(said('cohortArg.tooShort'), column.name);
  return values;
}
