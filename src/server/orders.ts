/**
 * Reads an order log (customer ids, order dates, optional amounts) from ranges into typed columns.
 * Rows blank in every column are skipped; a row with only some of its cells filled is an error.
 */
import type { CustomerId } from '../core/grouping';
import { cellAt, dayAt, idAt, InputError, isBlank, isDate, numberAt, readColumn, trimTrailingBlankRows, where, type Arg, type Column } from './args';

export interface OrderColumns {
  ids: CustomerId[];
  days: Float64Array;
  amounts?: Float64Array;
  /** The row of the range each order came from (for messages about a given order). */
  sourceRows: Int32Array;
}

export interface OrderArgs {
  ids: Arg;
  dates: Arg;
  amounts?: Arg;
  idsName?: string;
  datesName?: string;
  amountsName?: string;
}

export function readOrders(args: OrderArgs): OrderColumns {
  const idColumn = readColumn(args.idsName ?? 'customer_ids', args.ids);
  const dateColumn = readColumn(args.datesName ?? 'order_dates', args.dates);
  const amountColumn = args.amounts === undefined ? undefined : readColumn(args.amountsName ?? 'amounts', args.amounts);
  const columns = amountColumn ? [idColumn, dateColumn, amountColumn] : [idColumn, dateColumn];
  for (const c of columns.slice(1)) {
    if (c.cells.length !== idColumn.cells.length) {
      throw new InputError(
        `${idColumn.name} has ${idColumn.cells.length} rows but ${c.name} has ${c.cells.length}; give ranges of the same height`,
        c.name,
      );
    }
  }
  const n = trimTrailingBlankRows(columns);
  const ids: CustomerId[] = [];
  const days = new Float64Array(n);
  const amounts = amountColumn ? new Float64Array(n) : undefined;
  const sourceRows = new Int32Array(n);
  const readDay = cachedDayReader(dateColumn);
  const amountCells = amountColumn?.cells;
  let count = 0;
  for (let row = 0; row < n; row++) {
    const idCell = cellAt(idColumn, row);
    const dateCell = cellAt(dateColumn, row);
    const amountCell = amountColumn ? cellAt(amountColumn, row) : undefined;
    const blanks = (isBlank(idCell) ? 1 : 0) + (isBlank(dateCell) ? 1 : 0) + (amountColumn && isBlank(amountCell) ? 1 : 0);
    if (blanks > 0) {
      if (blanks === columns.length) continue;
      const c = columns.find((column) => isBlank(cellAt(column, row))) as Column;
      throw new InputError(`${where(c, row)} is blank but the rest of the order is filled in`, c.name, row);
    }
    ids.push(idAt(idColumn, row));
    days[count] = readDay(row);
    if (amounts && amountColumn) {
      const cell = amountCells && amountColumn.isRange ? amountCells[row] : amountCell;
      amounts[count] = typeof cell === 'number' && Number.isFinite(cell) ? cell : numberAt(amountColumn, row);
    }
    sourceRows[count] = row;
    count++;
  }
  return {
    ids,
    days: days.subarray(0, count),
    amounts: amounts?.subarray(0, count),
    sourceRows: sourceRows.subarray(0, count),
  };
}

/** Order logs repeat the same date many times in a row; converting a Date costs a time-zone lookup. */
function cachedDayReader(column: Column): (row: number) => number {
  let lastTime = NaN;
  let lastDay = 0;
  return (row) => {
    const cell = cellAt(column, row);
    if (!isDate(cell)) return dayAt(column, row);
    const time = cell.getTime();
    if (time !== lastTime) {
      lastDay = dayAt(column, row);
      lastTime = time;
    }
    return lastDay;
  };
}
