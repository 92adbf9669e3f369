/**
 * Turning what Sheets hands a custom function (a value, or a 2D array for a range) into typed columns,
 * with errors that name the argument and the row.
 */
import { isoFromDay, SHEETS_SERIAL_OFFSET } from '../core/dates';
import { DataError } from '../core/errors';
import { partsOf, render, replaceParts, said, type Said, type SaidValue } from '../core/i18n/errors';
import {
  amountFromText,
  dayFromText,
  dayFromYyyymmdd,
  decimalMarkOf,
  guessDateOrder,
  guessDecimalMark,
  jalaliFromText,
  westernDigits,
  type DateOrder, type DateOrderGuess, type DecimalGuess } from '../core/formats';
import type { CustomerId } from '../core/ids';
import type { TimeUnit } from '../core/summary';
import { dateOfDay, dayOfDate } from './calendar';
import { userLanguage } from './language';
import { callArguments, cellOfRow } from './locate';

export type Cell = string | number | boolean | Date | null | undefined;
export type Arg = Cell | Cell[][];
export type AnswerCell = string | number | boolean | Date;
export type Answer = AnswerCell | AnswerCell[][];


export interface Column {
  name: string;
  cells: Cell[];
  /** False for a single value (a literal or a one-cell reference), which broadcasts against ranges. */
  isRange: boolean;
  /** How the column's text dates and amounts are read: guessed from all its cells when a first one needs it (textFormats). */
  formats?: TextFormats;
}

/** Day-first or month-first, and the decimal mark: one value cannot tell ("01/02/2024", "1,234"), the column can. */
export interface TextFormats {
  dates: DateOrderGuess;
  decimal: DecimalGuess;
}

/**
 * The text formats of a column, guessed once from all its text cells (core/formats.ts), so every row of a column is
 * read the same way, in the cells and in the sidebar alike.
 */
export function textFormats(column: Column): TextFormats {
  if (!column.formats) {
    const texts = column.cells.filter((c): c is string => typeof c === 'string');
    column.formats = { dates: guessDateOrder(texts), decimal: guessDecimalMark(texts) };
  }
  return column.formats;
}

export function isBlank(cell: Cell): boolean {
  return cell === '' || cell === null || cell === undefined;
}

export function isDate(cell: Cell): cell is Date {
  // Sheets' dates belong to the script's realm, which instanceof checks quickest; dates of another realm (tests)
  // are told by their tag. The typeof test keeps the other common cells (numbers, text) cheap.
  if (cell instanceof Date) return true;
  return typeof cell === 'object' && cell !== null && Object.prototype.toString.call(cell) === '[object Date]';
}

export function isOmitted(arg: Arg): boolean {
  if (Array.isArray(arg)) return arg.every((row) => row.every(isBlank));
  return isBlank(arg);
}

/** Reads an argument as a column: a one-column range by rows, a one-row range along the row. */
export function readColumn(name: string, arg: Arg): Column {
  if (!Array.isArray(arg)) return { name, cells: [arg], isRange: false };
  const height = arg.length;
  const width = height === 0 ? 0 : arg[0].length;
  if (height === 1 && width === 1) return { name, cells: [arg[0][0]], isRange: false };
  if (width === 1) return { name, cells: arg.map((row) => row[0]), isRange: true };
  if (height === 1) return { name, cells: arg[0].slice(), isRange: true };
  throw new DataError(said('arg.wide', { name, columns: width }), name);
}

/**
 * An argument that takes one value (as_of, unit, horizon, model...), as a Column of that one cell; null when it is
 * omitted or blank (the caller's default). A range of more than one cell is refused, even a blank one: reading its
 * first cell would silently ignore the others. `what` finishes "give ...", e.g. "one date" (arg.oneDate).
 */
export function singleValue(name: string, arg: Arg | undefined, what: Said): Column | null {
  if (Array.isArray(arg)) {
    const cells = arg.reduce((sum, row) => sum + row.length, 0);
    if (cells > 1) throw new DataError(said('arg.notSingle', { name, cells: said('count.cell', { n: cells }), what }), name);
  }
  if (arg === undefined || isOmitted(arg)) return null;
  return readColumn(name, arg);
}

/** A single-value number argument (singleValue), checked by the rule; `fallback` when omitted or blank. */
export function singleNumber(name: string, arg: Arg | undefined, rule: NumberRule, fallback: number): number {
  const column = singleValue(name, arg, said('arg.oneNumber'));
  return column ? checkedNumberAt(column, 0, rule) : fallback;
}

/** A single-value date argument (singleValue) as a day number; undefined when omitted or blank. */
export function singleDay(name: string, arg: Arg | undefined): number | undefined {
  const column = singleValue(name, arg, said('arg.oneDate'));
  return column ? dayAt(column, 0) : undefined;
}

/** A single-value choice among a few words (singleValue, choiceAt); `fallback` when omitted or blank. */
export function singleChoice<T extends string>(name: string, arg: Arg | undefined, choices: readonly T[], fallback: T): T {
  const column = singleValue(name, arg, said('arg.oneOf', { choices: quoted(choices) }));
  return column ? choiceAt(column, 0, choices, fallback) : fallback;
}

/** '"day", "week", "month"': the words a choice takes, as typed in a formula (the same in every language). */
export function quoted(choices: readonly string[]): string {
  return choices.map((c) => `"${c}"`).join(', ');
}

/** '"a", "b" or "c"': the names as typed in a formula, the last joined with the language's "or". */
export function quotedOr(names: readonly string[]): Said | string {
  if (names.length <= 1) return quoted(names);
  return said('list.or', { first: quoted(names.slice(0, -1)), last: quoted(names.slice(-1)) });
}

/** "weeks" for the unit "week": a horizon's unit in words. */
export function unitsSaid(unit: TimeUnit): Said {
  return said(UNIT_WORDS[unit]);
}

const UNIT_WORDS = { day: 'units.day', week: 'units.week', month: 'units.month', year: 'units.year' } as const;

/** Drops trailing rows in which every column is blank, so open ranges like A2:A work. */
export function trimTrailingBlankRows(columns: Column[]): number {
  let n = columns.reduce((m, c) => Math.max(m, c.cells.length), 0);
  while (n > 0 && columns.every((c) => c.cells.length < n || isBlank(c.cells[n - 1]))) n--;
  return n;
}

/**
 * Checks that all ranges have the same height (single values broadcast) and returns the number of rows
 * that matter (trailing blank rows removed).
 */
export function alignedRowCount(columns: Column[]): number {
  const ranges = columns.filter((c) => c.isRange);
  for (const c of ranges.slice(1)) {
    if (c.cells.length !== ranges[0].cells.length) {
      throw new DataError(heightsDiffer(ranges[0].name, ranges[0].cells.length, c.name, c.cells.length), c.name);
    }
  }
  return ranges.length === 0 ? 1 : trimTrailingBlankRows(ranges);
}

/** "amounts has 10 rows but order_dates has 9 rows; give ranges of the same height". */
export function heightsDiffer(first: string, firstRows: number, name: string, rows: number): Said {
  return said('arg.heights', { first, firstRows: said('count.row', { n: firstRows }), name, rows: said('count.row', { n: rows }) });
}

export function cellAt(column: Column, row: number): Cell {
  return column.isRange ? column.cells[row] : column.cells[0];
}

/** A cell's value for a message: '"abc"', 'the error #N/A', 'a date (2024-03-31)', 'TRUE', '12.5'. */
export function describe(cell: Cell): Said {
  if (isErrorValue(cell)) return said('value.error', { error: String(cell).trim() });
  if (typeof cell === 'string') return said('value.text', { text: cell.length > 40 ? cell.slice(0, 37) + '...' : cell });
  if (isDate(cell)) return Number.isNaN(cell.getTime()) ? said('value.invalidDate') : said('value.date', { date: isoFromDay(dayOfDate(cell)) });
  if (typeof cell === 'boolean') return said('value.plain', { value: cell ? 'TRUE' : 'FALSE' });
  if (typeof cell === 'number' && !Number.isFinite(cell)) return said('value.notFinite');
  return said('value.plain', { value: String(cell) });
}

/**
 * The error values Sheets shows in a cell. A script reads an error cell as this text (getValues, and the
 * arguments of a custom function), so a column of failed VLOOKUPs arrives as "#N/A" strings.
 */
export const ERROR_VALUES = ['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NUM!', '#NAME?', '#NULL!', '#ERROR!'] as const;
const ERROR_SET = new Set<string>(ERROR_VALUES);

export function isErrorValue(cell: Cell): boolean {
  return typeof cell === 'string' && cell.charCodeAt(0) === 35 /* # */ && ERROR_SET.has(cell.trim().toUpperCase());
}

/** The message for a cell of data that holds an error value or TRUE/FALSE where `what` belongs (arg.aNumber…). */
function notData(column: Column, row: number, cell: Cell, what: Said): DataError | null {
  if (isErrorValue(cell)) {
    return new DataError(said('arg.errorValue', { at: whereSaid(column, row), error: String(cell).trim(), what }), column.name, row);
  }
  if (typeof cell === 'boolean') {
    return new DataError(said('arg.boolean', { at: whereSaid(column, row), value: describe(cell), what }), column.name, row);
  }
  return null;
}

/** "churn_rate row 4" for a range, "churn_rate" for a single value: the part runCustomFunction points at a cell. */
export function whereSaid(column: Column, row: number): Said {
  return column.isRange ? said('where.row', { name: column.name, row: row + 1 }) : said('where.value', { name: column.name });
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*(%?)\s*$/i;

/**
 * A number from a cell; numeric text such as "30" (a text-formatted cell) is accepted. Percent text ("5%") is
 * accepted only where a rate belongs (`percent`): an amount of "12%" is a slip, not 0.12 of money. Every number read
 * is finite: text such as "1e400" would be Infinity and spoil every sum it enters.
 */
export function numberAt(column: Column, row: number, percent = false): number {
  const cell = cellAt(column, row);
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
  if (typeof cell === 'string') {
    // "۲۰۰٬۰۰۰" and "٥٪" are 200,000 and 5%: the digits and marks are read the same in every script.
    const text = westernDigits(cell);
    const decimal = textFormats(column).decimal;
    const own = decimalMarkOf(text);
    // A row written the other way than most of its column is not guessed at: read the column's way it is a typo
    // ("12,5" with a decimal point is no number), and read its own way the column no longer means one thing.
    if (own !== null && decimal.decided && own !== decimal.decimal) {
      throw new DataError(
        said('arg.decimalMismatch', {
          at: whereSaid(column, row),
          value: describe(cell),
          own: said(own === '.' ? 'arg.point' : 'arg.comma'),
          name: column.name,
          column: said(decimal.decimal === '.' ? 'arg.readAsPoint' : 'arg.readAsComma'),
        }),
        column.name,
        row,
      );
    }
    // In a column of decimal commas "1.234" is a thousand and more, not one and a bit: only the amount reader knows.
    const m = decimal.decimal === ',' && text.includes('.') ? null : NUMERIC_TEXT.exec(text);
    if (m && m[3] && !percent) {
      throw new DataError(said('arg.percent', { at: whereSaid(column, row), value: describe(cell), name: column.name }), column.name, row);
    }
    const value = m ? (m[3] ? Number(text.replace('%', '')) / 100 : Number(text)) : NaN;
    if (Number.isFinite(value)) return value;
    if (m) throw new DataError(said('arg.tooLarge', { at: whereSaid(column, row), value: describe(cell) }), column.name, row);
    // "$1,234.50", "1.234,50 €", "(12.00)", "200000 تومان": read with the decimal mark the column's other values settle.
    const amount = text.includes('%') ? null : amountFromText(text, decimal.decimal);
    if (amount !== null) return amount;
  }
  if (isBlank(cell)) throw new DataError(said('arg.blankNumber', { at: whereSaid(column, row) }), column.name, row);
  throw notData(column, row, cell, said('arg.aNumber')) ?? new DataError(said('arg.notNumber', { at: whereSaid(column, row), value: describe(cell) }), column.name, row);
}

export interface NumberRule {
  /** Smallest allowed value, and whether it is allowed itself. */
  min?: number;
  minInclusive?: boolean;
  max?: number;
  maxInclusive?: boolean;
  integer?: boolean;
  /** Whether percent text ("5%") is read as a share (0.05): rates and margins only. */
  percent?: boolean;
  /** Finishes "must be ..." in the error message, e.g. "above 0 and at most 1" (rule.…). */
  rule: Said;
  /** What "must be" refers to, when clearer than the argument's name (e.g. "churn"; a string is said as it is). */
  subject?: Said | string;
}

export function checkedNumberAt(column: Column, row: number, rule: NumberRule): number {
  const v = numberAt(column, row, rule.percent === true);
  const tooLow = rule.min !== undefined && (rule.minInclusive === false ? v <= rule.min : v < rule.min);
  const tooHigh = rule.max !== undefined && (rule.maxInclusive === false ? v >= rule.max : v > rule.max);
  if (tooLow || tooHigh || (rule.integer && !Number.isInteger(v))) {
    const subject: SaidValue = rule.subject ?? column.name;
    throw new DataError(said('arg.rule', { at: whereSaid(column, row), value: String(v), subject, rule: rule.rule }), column.name, row);
  }
  return v;
}

export const POSITIVE: NumberRule = { min: 0, minInclusive: false, rule: said('rule.positive') };
export const NON_NEGATIVE: NumberRule = { min: 0, rule: said('rule.nonNegative') };
export const COUNT: NumberRule = { min: 0, integer: true, rule: said('rule.count') };
export const POSITIVE_COUNT: NumberRule = { min: 1, integer: true, rule: said('rule.positiveCount') };
/** A share such as a margin: 0.3 or 30%. */
export const SHARE: NumberRule = { min: 0, max: 1, percent: true, rule: said('rule.share') };

/**
 * The largest amount of money an order, a cost or a mean spend may have: larger ones are typos or another column
 * (dates as serial numbers, ids), and ten million of them still add up far below the largest number a cell holds.
 */
export const AMOUNT_LIMIT = 1e15;
export const AMOUNT: NumberRule = {
  min: -AMOUNT_LIMIT,
  max: AMOUNT_LIMIT,
  rule: said('rule.amount'),
  subject: said('arg.anAmount'),
};

/** Largest serial number Sheets accepts as a date (9999-12-31). */
const MAX_SERIAL = 2_958_465;

/**
 * A calendar day number (days since 1970-01-01) from a date cell, a Sheets serial number, a yyyymmdd number
 * (19970101) or a text date: ISO (2024-03-31), yyyymmdd, or day-first/month-first (31.03.2024, 03/31/2024) in the
 * order the column's dates settle (textFormats). A date cell's day is its calendar day in the spreadsheet's time zone
 * (calendar.ts).
 */
export function dayAt(column: Column, row: number): number {
  const cell = cellAt(column, row);
  let day = dayOfCell(cell);
  if (!Number.isNaN(day)) return day;
  if (typeof cell === 'string') {
    const { order, reason } = textFormats(column).dates;
    day = dayOfCell(cell, order);
    if (!Number.isNaN(day)) return day;
    const jalali = jalaliFromText(cell);
    if (jalali !== null && typeof jalali !== 'number') {
      throw new DataError(said('arg.jalali', { at: whereSaid(column, row), value: describe(cell), refused: jalali.refused }), column.name, row);
    }
    if (order === null && /^\s*\d{1,2}[./-]\d{1,2}[./-]\d{4}/.test(cell)) {
      throw new DataError(said('arg.ambiguousDate', { at: whereSaid(column, row), value: describe(cell), reason }), column.name, row);
    }
  }
  if (isDate(cell)) throw new DataError(said('arg.invalidDate', { at: whereSaid(column, row) }), column.name, row);
  if (isBlank(cell)) throw new DataError(said('arg.blankDate', { at: whereSaid(column, row) }), column.name, row);
  throw notData(column, row, cell, said('arg.aDate')) ?? new DataError(said('arg.notDate', { at: whereSaid(column, row), value: describe(cell) }), column.name, row);
}

/**
 * dayAt for a bare cell: the day number, or NaN when the cell holds no date (the caller says why). Text dates whose
 * day and month cannot be told apart by themselves ("01/02/2024") need the column's `order`.
 */
export function dayOfCell(cell: Cell, order: DateOrder | null = null): number {
  if (isDate(cell)) return dayOfDate(cell);
  if (typeof cell === 'number' && Number.isFinite(cell)) {
    if (cell >= 1 && cell <= MAX_SERIAL) return Math.floor(cell) - SHEETS_SERIAL_OFFSET;
    return dayFromYyyymmdd(cell) ?? NaN;
  }
  if (typeof cell === 'string') return dayFromText(cell, order) ?? NaN;
  return NaN;
}

/**
 * Customer ids: numbers stay numbers (so lookups on the result match), text is normalised (normalizedId); "42" and
 * 42 are one id.
 */
export function idAt(column: Column, row: number): CustomerId {
  const cell = cellAt(column, row);
  const id = idOfCell(cell);
  if (id !== null) return id;
  const refused = notData(column, row, cell, said('arg.aCustomerId'));
  if (refused) throw refused;
  if (isBlank(cell) || typeof cell === 'string') throw new DataError(said('arg.blankId', { at: whereSaid(column, row) }), column.name, row);
  throw new DataError(said('arg.notId', { at: whereSaid(column, row), value: describe(cell) }), column.name, row);
}

/**
 * idAt for a bare cell: the id, or null when the cell is blank, blank text, a date, TRUE/FALSE or an error value
 * (a customer named "#N/A" or "true" is a failed formula or a checkbox, never a customer).
 */
export function idOfCell(cell: Cell): CustomerId | null {
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
  if (typeof cell !== 'string') return null;
  // Most ids are printable ASCII with no space at either end, which normalisation leaves as they are: tell them from
  // their characters' codes (an id like "C\u200B0001" has ASCII ends, so every character is looked at), since
  // normalising every row of a long log costs more than the rest of reading it.
  const length = cell.length;
  const first = cell.charCodeAt(0);
  const last = cell.charCodeAt(length - 1);
  let plain = first > 32 && first < 127 && last > 32 && last < 127;
  for (let i = 1; plain && i < length - 1; i++) {
    const code = cell.charCodeAt(i);
    plain = code >= 32 && code < 127;
  }
  // Text starting with a letter cannot be a number (nor an error value, nor "Infinity" read as one).
  if (plain && ((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return cell;
  const text = plain ? cell : normalizedId(cell);
  if (text === '' || isErrorValue(text)) return null;
  const asNumber = Number(text);
  return Number.isFinite(asNumber) && String(asNumber) === text ? asNumber : text;
}

/**
 * Characters removed from ids wherever they are: Unicode's default-ignorable code points (invisible by definition:
 * soft hyphen, zero-width space, joiners and non-joiner, word joiner, invisible operators, direction marks and
 * embeddings, the byte-order mark, variation selectors, Hangul fillers, tag characters) and the control characters
 * that are not white space (U+0000–U+0008, U+000E–U+001F, U+007F–U+0084, U+0086–U+009F).
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/gu;
/** White space at either end (Unicode's White_Space: spaces of every width, tabs, line and paragraph breaks). */
const EDGE_SPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;

/**
 * An id as a person reads it, so that copies of one id that differ in what cannot be seen are one customer: the
 * invisible characters removed, then NFKC (compatibility forms become the plain ones: a fullwidth "Ｃ１" is "C1",
 * a no-break space a space, a ligature its letters), then white space trimmed from both ends. Spaces inside the id
 * stay: "C 1" and "C1" may be two customers.
 */
export function normalizedId(text: string): string {
  return text.replace(INVISIBLE, '').normalize('NFKC').replace(EDGE_SPACE, '');
}

/** One of a few words, case-insensitive; blank gives the default. */
export function choiceAt<T extends string>(column: Column, row: number, choices: readonly T[], fallback: T): T {
  const cell = cellAt(column, row);
  if (isBlank(cell)) return fallback;
  const text = typeof cell === 'string' ? cell.trim().toLowerCase() : '';
  const match = choices.find((c) => c === text);
  if (match) return match;
  throw new DataError(said('arg.choice', { at: whereSaid(column, row), value: describe(cell), choices: quoted(choices) }), column.name, row);
}

/** Parameter names in order; a position may have several names (CHURN's two forms). */
export type ParameterNames = readonly (string | readonly string[])[];

/**
 * Runs a custom function's body and turns whatever goes wrong into one readable #ERROR! message that starts with the
 * function's name: a problem with the data says what and where; a fault of the add-in says so, never in JavaScript's
 * words ("TypeError: ... undefined"), which mean nothing to the person in front of the sheet.
 */
export function runCustomFunction<T>(functionName: string, parameters: ParameterNames, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof DataError) {
      throw new Error(messageText(said('cell.failed', { function: functionName, message: withCellAddress(e, functionName, parameters) })));
    }
    if (typeof console !== 'undefined') console.error(`${functionName} failed`, e);
    throw new Error(messageText(said('cell.fault', { function: functionName })));
  }
}

/** A cell's error in the user's language (asked only when there is an error to say). */
function messageText(message: Said): string {
  return render(userLanguage(), message);
}

/**
 * Runs core work on the values of one argument: a DataError about one of its rows is reported as that argument's row.
 * `sourceRows` maps the core's rows back to the argument's when blank rows were left out (readOrders).
 */
export function forArgument<T>(argument: string, work: () => T, sourceRows: Int32Array | null = null): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof DataError && e.argument === undefined) {
      const row = e.row !== undefined && sourceRows ? sourceRows[e.row] : e.row;
      throw new DataError(e.said ?? e.message, argument, row);
    }
    throw e;
  }
}

/** "churn_rate row 4 is 0" becomes "churn_rate row 4 (cell E5) is 0" when the formula shows where row 4 is. */
function withCellAddress(error: DataError, functionName: string, parameters: ParameterNames): Said | string {
  const { argument, row } = error;
  const message = error.said ?? error.message;
  if (argument === undefined || row === undefined) return message;
  const index = parameters.findIndex((p) => (typeof p === 'string' ? p === argument : p.includes(argument)));
  const formula = index < 0 ? null : callingFormula();
  const args = formula ? callArguments(formula, functionName) : null;
  const cell = args && args[index] !== undefined ? cellOfRow(args[index], row) : null;
  const label = `${argument} row ${row + 1}`;
  const at = cell ? said('where.cell', { name: argument, row: row + 1, cell }) : said('where.row', { name: argument, row: row + 1 });
  if (typeof message === 'string') {
    // A message not yet in the catalogue (English only).
    if (message.includes(label)) return message.replace(label, render('en', at));
    return message.includes(argument) ? message : `${render('en', at)}: ${message}`;
  }
  const isThisRow = (part: Said): boolean => part.key === 'where.row' && part.params.name === argument && part.params.row === row + 1;
  if ([...partsOf(message)].some(isThisRow)) return replaceParts(message, (part) => (isThisRow(part) ? at : null));
  // A message of the core names the value, not the argument: say whose row it is.
  const namesArgument = [...partsOf(message)].some((part) => Object.values(part.params).includes(argument));
  return namesArgument ? message : said('cell.atRow', { at, message });
}

function callingFormula(): string | null {
  try {
    if (typeof SpreadsheetApp === 'undefined') return null;
    const range = SpreadsheetApp.getActiveRange();
    return range ? range.getFormula() : null;
  } catch {
    return null; // only a nicer message is lost
  }
}

/** A day number as a date cell: midnight of that day in the spreadsheet's zone, so Sheets shows that day. */
export function toDate(dayNumber: number): Date {
  return dateOfDay(dayNumber);
}
