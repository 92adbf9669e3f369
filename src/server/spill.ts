/**
 * Shapes a table answer (header + one row per item), refusing one a sheet could not show, and guarantees no NaN or
 * Infinity reaches a cell.
 */
import { DataError } from '../core/errors';
import { said, type Said } from '../core/i18n/said';
import { type Answer, type AnswerCell } from './args';
import { SHEET_COLUMN_LIMIT, SPREADSHEET_CELL_LIMIT } from './sheets';

export type { AnswerCell };

export interface SpillOptions {
  /** What the rows are, for the message when there are too many: "customers". */
  items?: 'customers' | 'periods';
  /** What to do when the table is too large. */
  advice?: Said;
  /** Which input makes a number overflow, for the message when one does. */
  cause?: Said;
}

const ITEMS = { customers: 'count.customer', periods: 'count.period' } as const;

export function spill(header: string[], rows: number, row: (i: number) => AnswerCell[], options: SpillOptions = {}): Answer {
  checkSpillSize(rows + 1, header.length, options);
  const out: AnswerCell[][] = [header];
  for (let i = 0; i < rows; i++) {
    const values = row(i);
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      if (typeof v === 'number' && !Number.isFinite(v)) throw notFinite(header[j], values[0], v, options);
    }
    out.push(values);
  }
  return out;
}

/**
 * A spilled answer must fit in a sheet (18,278 columns) and in a spreadsheet (10 million cells): checked before the
 * table is built, so a table that could not be shown is neither computed nor held in memory.
 */
export function checkSpillSize(rows: number, columns: number, options: SpillOptions = {}): void {
  const advice = options.advice ?? said('spill.advice');
  if (columns > SHEET_COLUMN_LIMIT) {
    throw new DataError(said('spill.tooWide', { columns, most: SHEET_COLUMN_LIMIT, advice }));
  }
  if (rows * columns > SPREADSHEET_CELL_LIMIT) {
    const size = { rows, columns, cells: rows * columns, most: SPREADSHEET_CELL_LIMIT, advice };
    throw new DataError(
      options.items
        ? said('spill.tooManyItems', { ...size, items: said(ITEMS[options.items], { n: rows - 1 }) })
        : said('spill.tooManyCells', size),
    );
  }
}

function notFinite(column: string, label: AnswerCell, value: number, options: SpillOptions): DataError {
  const of = typeof label === 'string' ? said('value.text', { text: label }) : String(label);
  const cause = options.cause ?? said('spill.cause');
  return new DataError(said(Number.isNaN(value) ? 'spill.noNumber' : 'spill.overflow', { column, of, cause }));
}
