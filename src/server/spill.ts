/**
 * Shapes a table answer (header + one row per item), refusing one a sheet could not show, and guarantees no NaN or
 * Infinity reaches a cell.
 */
import { DataError } from '../core/errors';
import { formatNumber } from '../core/words';
import { type Answer, type AnswerCell } from './args';
import { SHEET_COLUMN_LIMIT, SPREADSHEET_CELL_LIMIT } from './sheets';

export type { AnswerCell };

export interface SpillOptions {
  /** What the rows are, for the message when there are too many: "customers". */
  items?: string;
  /** What to do when the table is too large. */
  advice?: string;
  /** Which input makes a number overflow, for the message when one does. */
  cause?: string;
}

const count = formatNumber;

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
  const advice = options.advice ?? 'give part of the data, e.g. one year of orders';
  if (columns > SHEET_COLUMN_LIMIT) {
    throw new DataError(`the answer would need ${count(columns)} columns but a sheet has at most ${count(SHEET_COLUMN_LIMIT)}; ${advice}`);
  }
  if (rows * columns > SPREADSHEET_CELL_LIMIT) {
    const items = options.items ? `${count(rows - 1)} ${options.items}, a row each, ` : '';
    throw new DataError(
      `the answer (${items}${count(rows)} rows × ${count(columns)} columns) would need ${count(rows * columns)} cells, more than the ${count(SPREADSHEET_CELL_LIMIT)} a spreadsheet holds; ${advice}`,
    );
  }
}

function notFinite(column: string, label: AnswerCell, value: number, options: SpillOptions): DataError {
  const what = `the ${column} of ${typeof label === 'string' ? `"${label}"` : String(label)}`;
  const cause = options.cause ?? 'check the size of the numbers given';
  if (Number.isNaN(value)) return new DataError(`${what} could not be computed from these data; ${cause}`);
  return new DataError(`${what} is beyond the largest number a cell holds (it overflows); ${cause}`);
}
