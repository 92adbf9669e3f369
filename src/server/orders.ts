/**
 * Reads an order log (customer ids, order dates, optional amounts) from ranges into typed columns.
 * Rows blank in every column are skipped; a row with only some of its cells filled is an error.
 */
import { DataError } from '../core/errors';
import { said } from '../core/i18n/said';
import { IdNumbering, type CustomerId, type CustomerIndex } from '../core/ids';
import { StreamingSummary, type CustomerSummary, type TimeUnit } from '../core/summary';
import {
  cellAt,
  checkedNumberAt,
  dayAt,
  dayOfCell,
  heightsDiffer,
  idAt,
  idOfCell,
  isBlank,
  isDate,
  readColumn,
  whereSaid,
  AMOUNT,
  AMOUNT_LIMIT,
  type Arg,
  type Cell,
  type Column,
} from './args';

export interface OrderColumns {
  /** The customer of each order, numbered while the cells were read (so the ids are read once). */
  customers: CustomerIndex;
  /** Day numbers (days since 1970-01-01), whole numbers. */
  days: Int32Array;
  amounts?: Float64Array;
  /**
   * The row of the arguments each order came from, when blank rows were skipped (null when order i is row i), so a
   * message about an order names its row in the sheet.
   */
  sourceRows: Int32Array | null;
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
  const { idColumn, dateColumn, amountColumn, columns, n, plain } = orderColumns(args);
  if (plain) {
    const numbering = new IdNumbering(n);
    const rowCustomer = new Int32Array(n);
    const days = new Int32Array(n);
    const amounts = amountColumn ? new Float64Array(n) : undefined;
    if (readPlainRows(plain, 0, n, numbering, rowCustomer, days, amounts)) {
      return { customers: { ids: numbering.ids, rowCustomer }, days, amounts, sourceRows: null };
    }
  }

  // One pass over the rows, reading each cell once: on a million-row log the time goes into touching the cells.
  const numbering = new IdNumbering(n);
  const rowCustomer = new Int32Array(n);
  const days = new Int32Array(n);
  const amounts = amountColumn ? new Float64Array(n) : undefined;
  let sourceRows: Int32Array | null = null;
  let lastTime = NaN;
  let lastDay = 0;
  let count = 0;
  for (let row = 0; row < n; row++) {
    const idCell = idColumn.at(row);
    const dateCell = dateColumn.at(row);
    const amountCell = amountColumn ? amountColumn.at(row) : 0;
    const blanks = (isBlank(idCell) ? 1 : 0) + (isBlank(dateCell) ? 1 : 0) + (amountColumn && isBlank(amountCell) ? 1 : 0);
    if (blanks > 0) {
      if (blanks === columns.length) {
        sourceRows ??= Int32Array.from({ length: n }, (_, i) => i);
        continue;
      }
      const c = columns.find((column) => isBlank(column.at(row))) as LazyColumn;
      throw new DataError(said('log.partlyBlank', { at: whereSaid(c.column(), row) }), c.name, row);
    }
    const id = idOfCell(idCell);
    if (id === null) idAt(idColumn.column(), row); // throws the message for this cell
    rowCustomer[count] = numbering.indexOf(id as CustomerId);
    // Order logs repeat the same date many times in a row; converting a Date costs a time-zone lookup.
    let day: number;
    if (isDate(dateCell) && dateCell.getTime() === lastTime) day = lastDay;
    else {
      day = dayOfCell(dateCell);
      // Text dates that need the column's order (01/02/2024) are read by dayAt, which throws for anything else.
      if (Number.isNaN(day)) day = dayAt(dateColumn.column(), row);
      if (isDate(dateCell)) {
        lastTime = dateCell.getTime();
        lastDay = day;
      }
    }
    days[count] = day;
    if (amounts && amountColumn) {
      amounts[count] = isPlainAmount(amountCell) ? amountCell : checkedNumberAt(amountColumn.column(), row, AMOUNT);
    }
    if (sourceRows) sourceRows[count] = row;
    count++;
  }
  return {
    customers: { ids: numbering.ids, rowCustomer: rowCustomer.subarray(0, count) },
    days: days.subarray(0, count),
    amounts: amounts?.subarray(0, count),
    sourceRows: sourceRows?.subarray(0, count) ?? null,
  };
}

/** An amount the fast paths take as it is: a number within AMOUNT's bounds (others are read with their message). */
function isPlainAmount(cell: Cell): cell is number {
  return typeof cell === 'number' && cell >= -AMOUNT_LIMIT && cell <= AMOUNT_LIMIT;
}

/** Rows read at a time by summarizeOrderCells: small next to a long log, large enough that batches cost nothing. */
const BATCH = 65_536;

/**
 * The customer summary straight from the cells, a batch of rows at a time, so a long log is never copied whole,
 * when the cells are plain (see readPlainRows) and each customer's rows come in date order (the usual export); null
 * otherwise, and the caller then reads the log with readOrders and summarises it with summarizeOrders, which sorts.
 * Only the models' columns unless details are asked for.
 */
export function summarizeOrderCells(args: OrderArgs, options: SummaryOfCells): CustomerSummary | null {
  const { amountColumn, n, plain } = orderColumns(args);
  if (n === 0 || !plain) return null;
  const numbering = new IdNumbering(n);
  const size = Math.min(n, BATCH);
  const rowCustomer = new Int32Array(size);
  const days = new Int32Array(size);
  const amounts = amountColumn ? new Float64Array(size) : undefined;
  const stream = new StreamingSummary({ asOfDay: options.asOfDay, hasAmounts: amounts !== undefined });
  for (let start = 0; start < n; start += BATCH) {
    const end = Math.min(n, start + BATCH);
    if (!readPlainRows(plain, start, end, numbering, rowCustomer, days, amounts)) return null;
    stream.reserve(numbering.ids.length);
    if (!stream.addRows(rowCustomer, days, amounts, end - start)) return null;
  }
  return stream.summary(numbering.ids, options.unit, options.details ?? false);
}

interface SummaryOfCells {
  asOfDay?: number;
  unit: TimeUnit;
  /** Whether to add the report's columns (dates, orders, revenue) to the models' ones. */
  details?: boolean;
}

/** The rows Sheets passed for each column, when every column is a one-column range (readPlainRows reads them). */
interface PlainRows {
  ids: Cell[][];
  dates: Cell[][];
  amounts: Cell[][] | null;
}

/** The argument ranges as columns of one height, without the blank rows at the end. */
function orderColumns(args: OrderArgs): {
  idColumn: LazyColumn;
  dateColumn: LazyColumn;
  amountColumn?: LazyColumn;
  columns: LazyColumn[];
  n: number;
  plain: PlainRows | null;
} {
  const idColumn = readColumnLazily(args.idsName ?? 'customer_ids', args.ids);
  const dateColumn = readColumnLazily(args.datesName ?? 'order_dates', args.dates);
  const amountColumn = args.amounts === undefined ? undefined : readColumnLazily(args.amountsName ?? 'amounts', args.amounts);
  const columns = amountColumn ? [idColumn, dateColumn, amountColumn] : [idColumn, dateColumn];
  for (const c of columns.slice(1)) {
    if (c.length !== idColumn.length) {
      throw new DataError(heightsDiffer(idColumn.name, idColumn.length, c.name, c.length), c.name);
    }
  }
  let n = idColumn.length;
  while (n > 0 && columns.every((c) => isBlank(c.at(n - 1)))) n--;
  const plain =
    idColumn.rows && dateColumn.rows && (!amountColumn || amountColumn.rows)
      ? { ids: idColumn.rows, dates: dateColumn.rows, amounts: amountColumn?.rows ?? null }
      : null;
  return { idColumn, dateColumn, amountColumn, columns, n, plain };
}

/**
 * A column read straight from the argument Sheets passes (rows of one cell each), without copying it first; the
 * Column of args.ts, for messages, is built only when one is needed.
 */
interface LazyColumn {
  /** The rows Sheets passed, when the argument is a one-column range. */
  rows?: Cell[][];
  name: string;
  length: number;
  at(row: number): Cell;
  column(): Column;
}

function readColumnLazily(name: string, arg: Arg): LazyColumn {
  if (Array.isArray(arg) && arg.length > 1 && arg[0].length === 1) {
    const rows = arg as Cell[][];
    let column: Column | null = null;
    return { rows, name, length: rows.length, at: (row) => rows[row][0], column: () => (column ??= readColumn(name, arg)) };
  }
  const column = readColumn(name, arg);
  return { name, length: column.isRange ? column.cells.length : 1, at: (row) => cellAt(column, row), column: () => column };
}

/**
 * The common case, kept to small monomorphic loops because Apps Script runs every call cold: text or number ids,
 * Date cells, number amounts, no blank rows. Reads rows start … end − 1 into the columns from index 0. Returns
 * false at the first cell that is anything else, and the caller then reads the log the general way, with its checks
 * and messages. One column of a chunk of rows at a time: a short loop keeps several rows' cells in flight from memory
 * at once.
 */
function readPlainRows(
  rows: PlainRows,
  start: number,
  end: number,
  numbering: IdNumbering,
  rowCustomer: Int32Array,
  days: Int32Array,
  amounts: Float64Array | undefined,
): boolean {
  for (let from = start; from < end; from += CHUNK) {
    const to = Math.min(end, from + CHUNK);
    const ok =
      readPlainIds(rows.ids, from, to, start, numbering, rowCustomer) &&
      readPlainDates(rows.dates, from, to, start, days) &&
      (!amounts || !rows.amounts || readPlainAmounts(rows.amounts, from, to, start, amounts));
    if (!ok) return false;
  }
  return true;
}

/**
 * Rows per call of the column readers. Called often, they are compiled as whole functions early in a cold call;
 * one call per batch would run its first tens of thousands of rows unoptimised, then compile the loop twice (for
 * the running call, then for the next), on a machine whose second core is busy compiling everything else.
 */
const CHUNK = 2048;

/** Rows whose ids are fetched from memory before any is numbered: their cells are scattered, numbering is not. */
const PREFETCH = 32;

function readPlainIds(idRows: Cell[][], start: number, end: number, base: number, numbering: IdNumbering, rowCustomer: Int32Array): boolean {
  let fetched = 0;
  for (let from = start; from < end; from += PREFETCH) {
    const to = Math.min(end, from + PREFETCH);
    for (let row = from; row < to; row++) {
      const cell = idRows[row][0];
      if (typeof cell === 'string') fetched += cell.length;
    }
    for (let row = from; row < to; row++) {
      const id = idOfCell(idRows[row][0]);
      if (id === null) return false;
      rowCustomer[row - base] = numbering.indexOf(id);
    }
  }
  return fetched >= 0; // always true: using the sum keeps the compiler from dropping the fetching loop
}

function readPlainDates(dateRows: Cell[][], start: number, end: number, base: number, days: Int32Array): boolean {
  let lastTime = NaN;
  let lastDay = 0;
  for (let row = start; row < end; row++) {
    const date = dateRows[row][0];
    if (!isDate(date)) return false;
    const time = date.getTime();
    if (time !== lastTime) {
      lastDay = dayOfCell(date);
      if (Number.isNaN(lastDay)) return false;
      lastTime = time;
    }
    days[row - base] = lastDay;
  }
  return true;
}

function readPlainAmounts(amountRows: Cell[][], start: number, end: number, base: number, amounts: Float64Array): boolean {
  for (let row = start; row < end; row++) {
    const amount = amountRows[row][0];
    if (!isPlainAmount(amount)) return false;
    amounts[row - base] = amount;
  }
  return true;
}
