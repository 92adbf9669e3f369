/**
 * Generators and checks for test/harness/fuzz.test.ts: hostile (and ordinary) arguments for every public cell
 * function, as Sheets would hand them over (a single cell is a plain value, a range a 2D array of rows), and the rules
 * every answer and every error message must follow. Kept apart from the test so the worker threads that run the calls
 * can load the checks without loading a test file.
 */
import fc from 'fast-check';
import { generateOrderLog, sampleOrderLog } from '../../src/core/generate';
import { CellError } from './sheets';
import { ERROR_CODES } from './typed';

// ---------------------------------------------------------------------------------------------------------------
// The contract every call is held to.

/** Wall time a single cell call may take (Apps Script stops a custom function at 30 s). */
export const BUDGET_MS = 25_000;
/** A spilled answer must fit in a sheet: columns A…ZZZ and 10 million cells. */
export const MAX_COLUMNS = 18_278;
export const MAX_CELLS = 10_000_000;
/** "A few hundred characters": longer messages do not fit the cell's error tooltip. */
export const MAX_MESSAGE = 400;
/** JavaScript's words: none may reach a person through a cell. */
export const JS_VOCABULARY = [
  'TypeError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'Invalid typed array length',
  'Invalid array length',
  'undefined',
  'NaN',
  'Infinity',
  'is not a function',
  'Cannot read properties',
  'Maximum call stack',
  '[object ',
] as const;
/** A clause that breaks off: a word that cannot end one, right before a stop ("…, is; projections…"). */
const DANGLING = /\b(is|are|was|were|the|an|of|to|and|or|than|with|for|by|from)[;:,.!?](?=\s|$)/;
/** The add-in's own message for a fault of its code (server/args.ts runCustomFunction): a bug, however politely said. */
export const FAULT_PATTERN = /fault of the add-in|add-in failed/i;

export type ProblemKind =
  | 'too slow'
  | 'too much memory'
  | 'crash'
  | 'raw JS error'
  | 'no function-name prefix'
  | 'JS words in message'
  | 'internal fault'
  | 'message too long'
  | 'fragment message'
  | 'NaN/Infinity in answer'
  | 'hole in answer'
  | 'bad value in answer'
  | 'wrong shape';

export interface Problem {
  kind: ProblemKind;
  detail: string;
}

/** What a call gave, as far as the checks need it: an answer (already checked) or an error message. */
export type AnswerSummary = { kind: 'scalar'; type: string } | { kind: 'table'; rows: number; columns: number };

function tagOf(v: unknown): string {
  return Object.prototype.toString.call(v).slice(8, -1);
}

/** Everything wrong with an answer (at most a few of each kind), and a short description of it. */
export function checkAnswer(value: unknown): { problems: Problem[]; summary: AnswerSummary } {
  const problems: Problem[] = [];
  const seen = new Map<ProblemKind, number>();
  const add = (kind: ProblemKind, detail: string): void => {
    const n = seen.get(kind) ?? 0;
    seen.set(kind, n + 1);
    if (n < 3) problems.push({ kind, detail });
  };
  const cell = (v: unknown, at: string): void => {
    if (v === undefined) return add('hole in answer', `undefined ${at}`);
    if (v === null) return add('hole in answer', `null ${at}`);
    if (typeof v === 'number') {
      if (Number.isNaN(v)) add('NaN/Infinity in answer', `NaN ${at}`);
      else if (!Number.isFinite(v)) add('NaN/Infinity in answer', `${v} ${at}`);
      return;
    }
    if (typeof v === 'string' || typeof v === 'boolean') return;
    if (tagOf(v) === 'Date') {
      if (Number.isNaN((v as Date).getTime())) add('bad value in answer', `an invalid Date ${at}`);
      return;
    }
    add('bad value in answer', `a ${typeof v === 'object' ? tagOf(v) : typeof v} ${at}`);
  };
  if (!Array.isArray(value)) {
    cell(value, 'as the answer');
    return { problems, summary: { kind: 'scalar', type: value === '' ? 'blank' : value === null ? 'null' : tagOf(value).toLowerCase() } };
  }
  const rows = value.length;
  if (rows === 0) add('wrong shape', 'an empty array');
  let width = -1;
  for (let i = 0; i < rows; i++) {
    const row = value[i] as unknown;
    if (!Array.isArray(row)) {
      add('wrong shape', `row ${i + 1} is ${row === undefined ? 'a hole' : `a ${tagOf(row)}`}, not a row (a 1D answer)`);
      continue;
    }
    if (width < 0) width = row.length;
    if (row.length === 0) add('wrong shape', `row ${i + 1} is empty`);
    else if (row.length !== width) add('wrong shape', `row ${i + 1} has ${row.length} cells, row 1 has ${width}`);
    for (let j = 0; j < row.length; j++) cell(row[j], `at row ${i + 1}, column ${j + 1}`);
  }
  width = Math.max(width, 0);
  if (width > MAX_COLUMNS) add('wrong shape', `${width} columns (a sheet has at most ${MAX_COLUMNS})`);
  if (rows * width > MAX_CELLS) add('wrong shape', `${rows} × ${width} cells (a spreadsheet holds at most ${MAX_CELLS})`);
  return { problems, summary: { kind: 'table', rows, columns: width } };
}

/** Everything wrong with the message of an error a call threw. */
export function checkError(functionName: string, message: string): Problem[] {
  const problems: Problem[] = [];
  const words = JS_VOCABULARY.filter((w) => message.includes(w));
  const prefixed = message.startsWith(`${functionName}: `);
  const shown = JSON.stringify(message.length > 300 ? `${message.slice(0, 300)}…` : message);
  if (!prefixed) problems.push({ kind: words.length ? 'raw JS error' : 'no function-name prefix', detail: shown });
  else if (words.length) problems.push({ kind: 'JS words in message', detail: `${words.map((w) => `"${w}"`).join(', ')} in ${shown}` });
  if (FAULT_PATTERN.test(message)) problems.push({ kind: 'internal fault', detail: shown });
  if (message.length > MAX_MESSAGE) problems.push({ kind: 'message too long', detail: `${message.length} characters: ${shown}` });
  const body = prefixed ? message.slice(functionName.length + 2).trim() : message.trim();
  if (body === '') problems.push({ kind: 'fragment message', detail: 'nothing after the function name' });
  else if (/(…|\.\.\.|[:,;(])\s*$/.test(body)) problems.push({ kind: 'fragment message', detail: `ends mid-sentence: ${shown}` });
  else if (DANGLING.test(body.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) problems.push({ kind: 'fragment message', detail: `a clause breaks off ("${DANGLING.exec(body)?.[0]}"): ${shown}` });
  return problems;
}

/** The first words of an error message, numbers and quoted values blanked, to group messages by what they say. */
export function messageGroup(functionName: string, message: string): string {
  const body = message.startsWith(`${functionName}: `) ? message.slice(functionName.length + 2) : `[no prefix] ${message}`;
  const normalized = body
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\(cell [^)]*\)/g, '')
    .replace(/\d{4}-\d{2}-\d{2}/g, 'DATE')
    .replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi, 'N')
    .replace(/\s+/g, ' ')
    .trim();
  return normalized.split(' ').slice(0, 6).join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Cells and arguments.

export type Cell = string | number | boolean | Date | CellError | undefined;
export type Arg = Cell | Cell[][];

/** One call: the arguments, and a line saying how they were made (which log, what was broken). */
export interface Case {
  args: Arg[];
  note: string;
}

/** The arguments as Sheets passes them: an error cell reads as its text; omitted trailing arguments are not passed. */
export function callArgs(args: Arg[]): unknown[] {
  // Sheets never hands over an empty range: a range has at least one cell (blank if nothing is in it).
  const convert = (v: unknown): unknown =>
    v instanceof CellError ? v.code : Array.isArray(v) ? (v.length === 0 ? [['']] : v.map(convert)) : v;
  const out = args.map(convert);
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}

const MS_PER_DAY = 86_400_000;
/** Day numbers (days since 1970-01-01) of the first and last days Sheets can hold. */
export const FIRST_DAY = Date.UTC(1899, 11, 30) / MS_PER_DAY;
export const LAST_DAY = Date.UTC(9999, 11, 31) / MS_PER_DAY;
const SERIAL_OFFSET = 25_569; // serial number of 1970-01-01

function ymd(day: number): [number, number, number] {
  const d = new Date(day * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

export function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function abbreviateCell(v: unknown): string {
  if (v === undefined) return 'omitted';
  if (v === null) return 'null';
  if (v instanceof CellError) return `${v.code}(error cell)`;
  if (typeof v === 'string') return JSON.stringify(v.length > 24 ? `${v.slice(0, 20)}…(${v.length} chars)` : v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (tagOf(v) === 'Date') return `DATE(${new Date((v as Date).getTime()).toISOString().slice(0, 10)})`;
  return String(v);
}

/** An argument in a few dozen characters: long columns show their first and last cells and their height. */
export function abbreviate(arg: unknown): string {
  if (!Array.isArray(arg)) return abbreviateCell(arg);
  const rows = arg as unknown[][];
  const width = rows.length ? (Array.isArray(rows[0]) ? rows[0].length : -1) : 0;
  const show = (cells: unknown[], keep = 6): string =>
    cells.length <= keep ? cells.map(abbreviateCell).join(', ') : `${cells.slice(0, 3).map(abbreviateCell).join(', ')}, …${cells.length - 5} more…, ${cells.slice(-2).map(abbreviateCell).join(', ')}`;
  if (width === 1 && rows.every((r) => Array.isArray(r) && r.length === 1)) return rows.length === 1 ? `[[${abbreviateCell(rows[0][0])}]]` : `col(${show(rows.map((r) => r[0]))}) [${rows.length} rows]`;
  if (rows.length === 1 && Array.isArray(rows[0])) return `row(${show(rows[0])}) [1×${rows[0].length}]`;
  return `range ${rows.length}×${width} [${show(rows.map((r) => (Array.isArray(r) ? `[${r.map(abbreviateCell).join(', ')}]` : abbreviateCell(r))), 4)}]`;
}

export function abbreviateArgs(args: unknown[]): string {
  return `(${args.map(abbreviate).join(', ')})`;
}

/** Cells of a column argument. */
const col = (cells: Cell[]): Cell[][] => cells.map((c) => [c]);

const ERROR_TEXTS = [...ERROR_CODES];
const TEXT_NUMBERS = ['30', '5%', '1,234', ' 12 ', '1e400', '-1e400', '1e-400', '-0', '0.05', '$5', '(12)', '12abc', '1/2', '١٢', '0x10', '−5', '50 %', '.5', '5.', '+3'];
const INVISIBLE = ['\u200b', '\u00a0', '\ufeff', '\u2060', '\u202e', '\t', ' '];
const HUGE_TINY = [1e308, -1e308, 1.7976931348623157e308, 5e-324, -5e-324, 2.2250738585072014e-308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e9, 1e12, 1e15, 1e20, 0, -0, -1, 0.5, 1.5, 1e-10, 0.999999999999, 1 + 1e-15, 100, 30, 0.05, 1, 2, 3, 12, 1000];
/** Words a choice argument accepts (as people type them), and words it must refuse. */
const UNITS = { valid: ['day', 'week', 'month', 'year', 'Week', ' MONTH '], invalid: ['days', 'weeks', 'fortnight', 'quarter', 'd', '1'] };
const MODELS = { valid: ['bgnbd', 'mbgnbd', 'paretonbd', 'gammagamma', 'BG/NBD', 'Pareto/NBD', 'MBG-NBD', 'bgbb'], invalid: ['sbg', 'weibull', 'pareto', 'nbd'] };
const QUANTITIES = { valid: ['purchases', 'p_alive', 'dert', 'P_ALIVE', 'Purchases'], invalid: ['clv', 'spend', 'p alive'] };

/** Fit tables as CLV_FIT, CLV_FIT_SUMMARY and RETENTION_FIT spill them (CDNOW's published estimates in weeks, the donations' BG/BB). */
const FIT_TABLES: { rows: Cell[][]; note: string }[] = [
  { rows: [['parameter', 'value', 'standard_error'], ['model', 'bgnbd', 'BG/NBD'], ['unit', 'week', ''], ['r', 0.243, 0.013], ['alpha', 4.414, 0.38], ['a', 0.793, 0.19], ['b', 2.426, 0.71], ['log_likelihood', -9582.4, ''], ['customers', 2357, ''], ['converged', true, '']], note: 'BG/NBD fit, weeks' },
  { rows: [['model', 'mbgnbd', 'MBG/NBD'], ['r', 0.525, ''], ['alpha', 6.183, ''], ['a', 0.891, ''], ['b', 1.614, ''], ['log_likelihood', -9582.1, ''], ['customers', 2357, ''], ['converged', true, '']], note: 'MBG/NBD fit, no header, no unit' },
  { rows: [['model', 'paretonbd', 'Pareto/NBD'], ['unit', 'week', ''], ['r', 0.5534, ''], ['alpha', 10.58, ''], ['s', 0.6061, ''], ['beta', 11.67, ''], ['log_likelihood', -9595, ''], ['customers', 2357, ''], ['converged', true, '']], note: 'Pareto/NBD fit, weeks' },
  { rows: [['model', 'bgbb', 'BG/BB'], ['alpha', 1.204, ''], ['beta', 0.75, ''], ['gamma', 0.657, ''], ['delta', 2.783, ''], ['log_likelihood', -33225.6, ''], ['customers', 11104, ''], ['converged', true, '']], note: 'BG/BB fit' },
  { rows: [['model', 'gammagamma', 'Gamma-Gamma'], ['p', 6.25, ''], ['q', 3.74, ''], ['v', 15.44, ''], ['log_likelihood', -4000, ''], ['customers', 946, ''], ['converged', true, '']], note: 'spend fit' },
  { rows: [['model', 'sbg', 'shifted-beta-geometric'], ['alpha', 0.704, ''], ['beta', 1.182, ''], ['log_likelihood', -1611, ''], ['customers', 1000, ''], ['converged', true, '']], note: 'retention fit' },
  { rows: [['model', 'paretonbd', 'Pareto/NBD'], ['r', 8e5, ''], ['alpha', 1e-6, ''], ['s', 1e6, ''], ['beta', 1e-8, ''], ['log_likelihood', -1, ''], ['customers', 7, ''], ['converged', false, 'The purchases do not tell when customers stop.']], note: 'not converged' },
];

const PURCHASE_MODELS = { valid: ['bgnbd', 'mbgnbd', 'paretonbd', 'BG/NBD', 'Pareto/NBD', 'MBG-NBD'], invalid: ['gammagamma', 'bgbb', 'weibull', 'pareto'] };
const PERIODS = { valid: ['week', 'month', 'quarter', 'year', 'Month', ' week '], invalid: ['day', 'fortnight', 'months'] };
const CALENDARS = { valid: ['gregorian', 'persian', 'Persian', ' gregorian '], invalid: ['jalali', 'julian', 'hijri'] };
const SQL_TABLES = { valid: ['my-shop-123.sales.orders', 'orders', 'sales.orders', '`shop.sales.orders`'], invalid: ['bad; name', 'orders; DROP TABLE x', 'a.b.c.d', "o'rders", '--x'] };
const SQL_COLUMNS = { valid: ['customer_id', 'order_date', 'amount', 'Amount_2'], invalid: ['id; --', 'a b', '"x"', '1col'] };
const SQL_WHAT = { valid: ['patterns', 'summary', 'score', 'Summary'], invalid: ['table', 'fit', 'all'] };
const SQL_DIALECTS = { valid: ['bigquery', 'duckdb', 'postgres', 'BigQuery'], invalid: ['mysql', 'sqlite', 'oracle'] };
const TIMINGS = { valid: ['start', 'end', 'END', ' Start '], invalid: ['middle', 'begin', 'now'] };
type Words = { valid: string[]; invalid: string[] };

/**
 * The arbitraries, given how the harness makes a date cell (the first instant of a day in the spreadsheet's zone).
 * Everything derives from fast-check's generators, so a fixed seed gives the same cases every run.
 */
export function makeArbitraries(dateOf: (year: number, month: number, day: number, msIntoDay?: number) => Date) {
  /** A date cell of that day; with msIntoDay, a date-time (a cell showing 2024-03-05 15:30). */
  const dateCell = (day: number, msIntoDay = 0): Date => dateOf(...ymd(Math.min(LAST_DAY, Math.max(FIRST_DAY, Math.round(day)))), msIntoDay);
  const recentDay = fc.integer({ min: Date.UTC(2000, 0, 1) / MS_PER_DAY, max: Date.UTC(2035, 0, 1) / MS_PER_DAY });
  const anyDay = fc.oneof(
    { weight: 3, arbitrary: recentDay },
    { weight: 1, arbitrary: fc.integer({ min: FIRST_DAY, max: LAST_DAY }) },
    { weight: 1, arbitrary: fc.constantFrom(FIRST_DAY, FIRST_DAY + 1, LAST_DAY, LAST_DAY - 1, Date.UTC(1900, 1, 28) / MS_PER_DAY, Date.UTC(2000, 1, 29) / MS_PER_DAY) },
  );

  // --- single cells
  const finiteNumber = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HUGE_TINY) },
    { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 2, arbitrary: fc.integer({ min: -1000, max: 100_000 }) },
    { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  );
  const textNumber = fc.constantFrom(...TEXT_NUMBERS);
  const errorCell = fc.oneof(fc.constantFrom(...ERROR_TEXTS), fc.constantFrom(...ERROR_TEXTS).map((c) => new CellError(c)), fc.constantFrom('#n/a', ' #N/A', '#N/A '));
  const timeOfDay = fc.integer({ min: 1, max: MS_PER_DAY - 1 });
  const dateLike = fc.oneof(
    anyDay.map((d) => dateCell(d)),
    fc.tuple(anyDay, timeOfDay).map(([d, ms]) => dateCell(d, ms)),
    anyDay.map((d) => d + SERIAL_OFFSET),
    fc.tuple(anyDay, timeOfDay).map(([d, ms]) => d + SERIAL_OFFSET + ms / MS_PER_DAY),
    anyDay.map(isoOfDay),
    fc.constantFrom('2024-02-30', '2024-13-01', '0000-01-01', '1899-12-29', '10000-01-01', '2024/01/05', '5 Jan 2024'),
  );
  const oddText = fc.oneof(
    fc.constantFrom('abc', 'n/a', '-', '—', 'TRUE', 'false', 'null', '=A1', "'30", 'x'.repeat(300), '\u200b', '  ', '\u00a0', '🙂'),
    fc.string({ maxLength: 12 }).filter((s) => !JS_VOCABULARY.some((w) => s.includes(w))),
  );
  const hostileCell: fc.Arbitrary<Cell> = fc.oneof(
    { weight: 4, arbitrary: finiteNumber },
    { weight: 2, arbitrary: textNumber },
    { weight: 2, arbitrary: errorCell },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 2, arbitrary: dateLike },
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 2, arbitrary: oddText },
  );
  /**
   * A value argument: a single cell or a column (blank rows inside and at the end) of sensible values, hostile cells,
   * columns mixing both, and the shapes a value argument must refuse or read along (a row, two columns, [[x]]).
   */
  const valueArg = (sensible: fc.Arbitrary<Cell>): fc.Arbitrary<Arg> =>
    fc.oneof(
      { weight: 6, arbitrary: sensible },
      { weight: 1, arbitrary: sensible.map((n) => (typeof n === 'number' ? String(n) : n)) },
      { weight: 3, arbitrary: fc.array(fc.oneof({ weight: 8, arbitrary: sensible }, { weight: 1, arbitrary: fc.constant<Cell>('') }), { minLength: 1, maxLength: 8 }).map(col) },
      { weight: 3, arbitrary: hostileCell },
      { weight: 2, arbitrary: fc.array(fc.oneof({ weight: 3, arbitrary: sensible }, { weight: 2, arbitrary: hostileCell }), { minLength: 1, maxLength: 8 }).map(col) },
      { weight: 1, arbitrary: fc.array(sensible, { minLength: 1, maxLength: 40 }).map((cells) => col([...cells, '', '', ''])) },
      { weight: 1, arbitrary: fc.array(fc.oneof(sensible, hostileCell), { minLength: 2, maxLength: 5 }).map((cells) => [cells]) },
      { weight: 1, arbitrary: fc.array(fc.tuple(sensible, sensible), { minLength: 1, maxLength: 4 }).map((rows) => rows.map(([a, b]) => [a, b])) },
      { weight: 1, arbitrary: fc.oneof(sensible, hostileCell).map((c) => [[c]]) },
    );
  /** An argument that takes one value: mostly a single cell, seldom a range (which must be refused in words). */
  const singleArg = (sensible: fc.Arbitrary<Cell>): fc.Arbitrary<Arg> =>
    fc.oneof(
      { weight: 8, arbitrary: sensible },
      { weight: 1, arbitrary: sensible.map((n) => (typeof n === 'number' ? String(n) : n)) },
      { weight: 3, arbitrary: hostileCell },
      { weight: 1, arbitrary: fc.array(sensible, { minLength: 2, maxLength: 5 }).map(col) },
      { weight: 1, arbitrary: fc.oneof(sensible, hostileCell).map((c) => [[c]]) },
    );
  /** An optional argument: left out, blank ('' as an empty cell or a skipped argument), or given. */
  const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | '' | undefined> =>
    fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant('' as const) }, { weight: 4, arbitrary: arb });
  const choice = (words: Words): fc.Arbitrary<Arg> =>
    fc.oneof(
      { weight: 16, arbitrary: fc.constantFrom(...words.valid) },
      { weight: 2, arbitrary: fc.constantFrom(...words.invalid) },
      { weight: 2, arbitrary: hostileCell },
      { weight: 1, arbitrary: fc.constantFrom(...words.valid).map((w) => col([w, w])) },
    );

  // --- order logs
  const { log: orderLog, shop: shopLog, farDated } = makeOrderLogs({ dateCell, recentDay, hostileCell, errorCell, textNumber });

  /** A date argument placed relative to a log: inside, just outside, far away, or not a date at all. */
  const dateArg = (log: OrderLog, spec: DateSpec): Arg => {
    const at = (f: number): number => Math.round(log.first + f * (log.last - log.first));
    switch (spec.kind) {
      case 'at':
        return spec.form === 'date' ? dateCell(at(spec.f)) : spec.form === 'iso' ? isoOfDay(at(spec.f)) : at(spec.f) + SERIAL_OFFSET;
      case 'far':
        return dateCell(spec.day);
      case 'cell':
        return spec.cell;
      case 'column':
        return col(spec.fs.map((f) => dateCell(at(f))));
      case 'omitted':
        return undefined;
    }
  };
  const dateSpec: fc.Arbitrary<DateSpec> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('at' as const),
        f: fc.oneof({ weight: 4, arbitrary: fc.double({ min: 0.3, max: 1, noNaN: true }) }, { weight: 1, arbitrary: fc.double({ min: -0.3, max: 1.3, noNaN: true }) }),
        form: fc.constantFrom('date' as const, 'date' as const, 'date' as const, 'iso' as const, 'serial' as const),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('far' as const), day: anyDay }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('cell' as const), cell: hostileCell }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('column' as const), fs: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('omitted' as const) }) },
  );
  /** A date the function cannot do without (period_start, calibration_end): seldom left out. */
  const requiredDate = (from: number, to: number): fc.Arbitrary<DateSpec> =>
    fc.oneof(
      { weight: 8, arbitrary: fc.record({ kind: fc.constant('at' as const), f: fc.double({ min: from, max: to, noNaN: true }), form: fc.constantFrom('date' as const, 'date' as const, 'date' as const, 'iso' as const, 'serial' as const) }) },
      { weight: 4, arbitrary: dateSpec },
    );
  const within = (spec: DateSpec): string => (spec.kind === 'at' ? ` [${spec.form} at ${spec.f.toFixed(2)} of the log's span]` : spec.kind === 'omitted' ? '' : ` [${spec.kind} date]`);

  // --- per function
  const margin: fc.Arbitrary<Cell> = fc.oneof(fc.integer({ min: 0, max: 500 }), fc.double({ min: -100, max: 1e6, noNaN: true }));
  const rate: fc.Arbitrary<Cell> = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.05, 0.1, 1, 0.01, '5%'));
  const count: fc.Arbitrary<Cell> = fc.integer({ min: 0, max: 10_000 });
  const amount: fc.Arbitrary<Cell> = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 1000 }));
  const plain = (args: fc.Arbitrary<Arg[]>, note = 'values'): fc.Arbitrary<Case> => args.map((a) => ({ args: a, note }));
  /** A small realistic shop fitted with Pareto/NBD, whose fit is the slowest. */
  const paretoShop = fc.record({ seed: fc.integer({ min: 1, max: 1_000_000 }), customers: fc.integer({ min: 5, max: 120 }), days: fc.integer({ min: 60, max: 900 }), start: recentDay });

  /** Customer summaries as CLV_FIT_SUMMARY takes them (frequency, recency, T first), for the functions that apply a fit. */
  const summaries = makeSummaries({ hostileCell, optional, choice: () => choice(MODELS), valueArg });
  /** Fit tables as the fitting functions spill them, of every kind, some with a hostile cell. */
  const fitTable: fc.Arbitrary<{ table: Arg; note: string }> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FIT_TABLES).map((t) => ({ table: t.rows as Arg, note: t.note })) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...FIT_TABLES), fc.nat({ max: 12 }), fc.nat({ max: 2 }), hostileCell).map(([t, row, column, cell]) => ({
        table: t.rows.map((r, i) => (i === row % t.rows.length ? r.map((v, j) => (j === column ? cell : v)) : r)) as Arg,
        note: `${t.note}, row ${row % t.rows.length} column ${column} hostile`,
      })),
    },
    { weight: 1, arbitrary: fc.constantFrom<{ table: Arg; note: string }>({ table: '', note: 'no fit' }, { table: 'bgnbd', note: 'a model name for a fit' }, { table: [[1, 2], [3, 4]], note: 'numbers for a fit' }) },
  );

  const cases: Record<string, fc.Arbitrary<Case>> = {
    LTV: plain(fc.tuple(valueArg(margin), valueArg(rate), optional(valueArg(rate)), optional(choice(TIMINGS))).map(trimmed)),
    'CHURN (counts)': plain(fc.tuple(valueArg(count), valueArg(count))),
    CLV_SIMPLE: plain(fc.tuple(valueArg(amount), valueArg(amount), valueArg(amount), optional(valueArg(rate))).map(trimmed)),
    CAC: plain(fc.tuple(valueArg(amount), valueArg(count))),
    LTV_CAC: plain(fc.tuple(valueArg(amount), valueArg(amount))),
    CAC_PAYBACK: plain(fc.tuple(valueArg(amount), valueArg(margin))),
    'CHURN (order log)': fc
      .tuple(orderLog, requiredDate(0.1, 0.7), requiredDate(0.5, 1.1), optional(valueArg(fc.constantFrom(1, 30, 90, 365, 7))), fc.boolean())
      .map(([log, start, end, inactive, series]) => {
        let periodStart = dateArg(log, start);
        let periodEnd = dateArg(log, end);
        if (series && start.kind === 'at' && end.kind === 'at') {
          // A monthly series: columns of starts and ends (sometimes of different heights).
          const months = 2 + Math.floor(Math.abs(start.f * 10)) % 10;
          const step = Math.max(1, Math.round((log.last - log.first) / months));
          periodStart = col(Array.from({ length: months }, (_, k) => dateCell(log.first + k * step)));
          periodEnd = col(Array.from({ length: months + (end.f > 1.1 ? 1 : 0) }, (_, k) => dateCell(log.first + (k + 1) * step)));
        }
        return { args: trimmed([log.ids, log.dates, periodStart, periodEnd, inactive]), note: `${log.note}; period_start${within(start)}, period_end${within(end)}${series ? ', series' : ''}` };
      }),
    COHORT_RETENTION: fc
      .tuple(fc.oneof({ weight: 6, arbitrary: orderLog }, { weight: 1, arbitrary: farDated }), optional(choice(PERIODS)), fc.boolean(), optional(choice(CALENDARS)))
      .map(([log, period, withAmounts, calendar]) => ({
        args: trimmed([log.ids, log.dates, period, withAmounts ? log.amounts : undefined, calendar]),
        note: log.note,
      })),
    CLV_SUMMARY: fc.tuple(orderLog, fc.boolean(), dateSpec, optional(choice(UNITS))).map(([log, withAmounts, asOf, unit]) => ({
      args: trimmed([log.ids, log.dates, withAmounts ? log.amounts : undefined, dateArg(log, asOf), unit]),
      note: `${log.note}${asOf.kind === 'omitted' ? '' : `; as_of${within(asOf)}`}`,
    })),
    CLV_FIT: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.tuple(orderLog, fc.boolean(), optional(choice(MODELS)), fc.oneof(dateSpec, fc.constant<DateSpec>({ kind: 'omitted' })), optional(choice(UNITS))).map(([log, withAmounts, model, asOf, unit]) => ({
          args: trimmed([log.ids, log.dates, withAmounts || model === 'gammagamma' ? log.amounts : undefined, model, dateArg(log, asOf), unit]),
          note: `${log.note}${asOf.kind === 'omitted' ? '' : `; as_of${within(asOf)}`}`,
        })),
      },
      { weight: 1, arbitrary: fc.tuple(paretoShop, optional(choice(UNITS))).map(([shop, unit]) => { const log = shopLog(shop); return { args: trimmed([log.ids, log.dates, '', 'paretonbd', undefined, unit]), note: log.note }; }) },
    ),
    CLV_FIT_SUMMARY: makeSummaries({ hostileCell, optional, choice: () => choice(MODELS), valueArg }),
    P_ALIVE: fc.tuple(orderLog, fc.oneof(dateSpec, fc.constant<DateSpec>({ kind: 'omitted' })), optional(choice(UNITS))).map(([log, asOf, unit]) => ({
      args: trimmed([log.ids, log.dates, dateArg(log, asOf), unit]),
      note: `${log.note}${asOf.kind === 'omitted' ? '' : `; as_of${within(asOf)}`}`,
    })),
    PREDICT_PURCHASES: fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(orderLog, singleArg(fc.constantFrom(90, 30, 1, 365, 52, 7)), optional(choice(UNITS)), fc.oneof(dateSpec, fc.constant<DateSpec>({ kind: 'omitted' })), optional(choice(PURCHASE_MODELS)))
          .map(([log, horizon, unit, asOf, model]) => ({
            args: trimmed([log.ids, log.dates, horizon, unit, dateArg(log, asOf), model]),
            note: `${log.note}${asOf.kind === 'omitted' ? '' : `; as_of${within(asOf)}`}`,
          })),
      },
      { weight: 1, arbitrary: fc.tuple(paretoShop, fc.constantFrom(90, 30, 365)).map(([shop, horizon]) => { const log = shopLog(shop); return { args: [log.ids, log.dates, horizon, 'day', '', 'paretonbd'], note: log.note }; }) },
    ),
    CLV: fc
      .tuple(
        orderLog,
        optional(singleArg(fc.constantFrom(12, 1, 24, 1200, 60, 6))),
        optional(singleArg(fc.constantFrom(0.1, 0, 10, 0.05, 1e-300, '10%'))),
        optional(singleArg(rate)),
        fc.oneof(dateSpec, fc.constant<DateSpec>({ kind: 'omitted' })),
      )
      .map(([log, months, discount, keep, asOf]) => ({
        args: trimmed([log.ids, log.dates, log.amounts, months, discount, keep, dateArg(log, asOf)]),
        note: `${log.note}${asOf.kind === 'omitted' ? '' : `; as_of${within(asOf)}`}`,
      })),
    RETENTION_FIT: makeCohorts(hostileCell).map((c) => ({ args: [c.active], note: c.note })),
    RETENTION_FORECAST: fc
      .tuple(makeCohorts(hostileCell), optional(singleArg(fc.constantFrom(5, 0, 1, 12, 1000, 24))))
      .map(([c, ahead]) => ({ args: trimmed([c.active, ahead]), note: c.note })),
    CLV_HOLDOUT: fc.tuple(orderLog, requiredDate(0.2, 0.95), optional(choice(UNITS))).map(([log, end, unit]) => ({
      args: trimmed([log.ids, log.dates, dateArg(log, end), unit]),
      note: `${log.note}; calibration_end${within(end)}`,
    })),
    CLV_TRACKING: fc
      .tuple(orderLog, requiredDate(0.2, 0.95), optional(choice(UNITS)), optional(choice(PURCHASE_MODELS)), fc.boolean())
      .map(([log, end, unit, model, withAmounts]) => ({
        args: trimmed([log.ids, log.dates, dateArg(log, end), unit, model, withAmounts ? log.amounts : undefined]),
        note: `${log.note}; calibration_end${within(end)}`,
      })),
    CLV_COMPARE: fc.tuple(orderLog, requiredDate(0.2, 0.95), optional(choice(UNITS)), fc.boolean()).map(([log, end, unit, withAmounts]) => ({
      args: trimmed([log.ids, log.dates, dateArg(log, end), unit, withAmounts ? log.amounts : undefined]),
      note: `${log.note}; calibration_end${within(end)}`,
    })),
    CLV_PREDICT: fc
      .tuple(summaries, fitTable, optional(singleArg(fc.constantFrom(39, 0, 1, 52, 520, 6, 1e6))), optional(choice(QUANTITIES)), optional(singleArg(rate)))
      .map(([summary, fit, horizon, quantity, discount]) => ({ args: trimmed([...summary.args.slice(0, 3), horizon, fit.table, quantity, discount]), note: `${summary.note}; ${fit.note}` })),
    PROB_PURCHASES: fc
      .tuple(summaries, fitTable, optional(singleArg(fc.constantFrom(39, 0, 1, 52, 520, 6))), fc.oneof(valueArg(fc.constantFrom<Cell>(0, 1, 2, 10, 100, 10_000)), fc.constant<Arg>([[0, 1, 2, 3]]), fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 12 }).map((ns): Arg => [ns])))
      .map(([summary, fit, horizon, n]) => ({ args: trimmed([...summary.args.slice(0, 3), horizon, fit.table, n]), note: `${summary.note}; ${fit.note}` })),
    // The SQL text only: names that are valid, hostile (SQL in a name) or not text; a fit table for "score".
    CLV_SQL: fc
      .tuple(
        choice(SQL_TABLES),
        choice(SQL_COLUMNS),
        choice(SQL_COLUMNS),
        optional(choice(SQL_COLUMNS)),
        optional(choice(SQL_WHAT)),
        optional(singleArg(fc.constantFrom<Cell>(dateOf(2024, 6, 30), '2024-06-30', 45_000, 'yesterday'))),
        optional(choice(UNITS)),
        fc.oneof(fc.constant<Arg | undefined>(undefined), fitTable.map((f) => f.table)),
        optional(choice(SQL_DIALECTS)),
        optional(singleArg(fc.constantFrom<Cell>(0.01, '5%', 1, 0, 2, -0.5))),
        optional(singleArg(fc.constantFrom<Cell>(12, 0, 1200, -1))),
        optional(singleArg(rate)),
        optional(singleArg(fc.constantFrom<Cell>(0.3, '30%', 1, 0, 2))),
      )
      .map((args) => ({ args: trimmed([...args]), note: 'CLV_SQL' })),
    RETENTION_LTV: fc
      .tuple(makeCohorts(hostileCell), singleArg(margin), optional(singleArg(fc.constantFrom<Cell>(0.1, 0, 0.008, 10, '10%', 1e-300))))
      .map(([c, keep, discount]) => ({ args: trimmed([c.active, keep, discount]), note: c.note })),
  };
  return { cases, hostileCell, dateCell };
}

type DateSpec =
  | { kind: 'at'; f: number; form: 'date' | 'iso' | 'serial' }
  | { kind: 'far'; day: number }
  | { kind: 'cell'; cell: Cell }
  | { kind: 'column'; fs: number[] }
  | { kind: 'omitted' };

/** Drops omitted arguments at the end, as a formula that stops early passes fewer arguments. */
function trimmed<T>(args: T[]): T[] {
  const out = [...args];
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Order logs: ordinary ones (the generator's buying process), degenerate ones, broken ones and misshapen ranges.

export interface OrderLog {
  ids: Arg;
  dates: Arg;
  amounts: Arg;
  /** Day numbers of the first and last order, to place as_of, period and calibration dates. */
  first: number;
  last: number;
  note: string;
}

interface Rows {
  ids: Cell[];
  days: number[];
  amounts: Cell[];
  note: string;
}

const generated = new Map<string, Rows>();
function generatedRows(seed: number, customers: number, days: number, startDay: number, note: string): Rows {
  const key = `${seed} ${customers} ${days} ${startDay}`;
  let rows = generated.get(key);
  if (!rows) {
    const log = customers === 1000 && seed === 42 && days === 0 ? sampleOrderLog(42) : generateOrderLog({ seed, customers, startDay, days });
    rows = { ids: log.customerIds, days: Array.from(log.days), amounts: Array.from(log.amounts), note };
    if (generated.size > 400) generated.clear();
    generated.set(key, rows);
  }
  return rows;
}

interface CellArbs {
  dateCell: (day: number, msIntoDay?: number) => Date;
  recentDay: fc.Arbitrary<number>;
  hostileCell: fc.Arbitrary<Cell>;
  errorCell: fc.Arbitrary<Cell>;
  textNumber: fc.Arbitrary<string>;
}

interface ShopSpec {
  seed: number;
  customers: number;
  days: number;
  start: number;
}

function makeOrderLogs({ dateCell, recentDay, hostileCell, errorCell, textNumber }: CellArbs): {
  log: fc.Arbitrary<OrderLog>;
  shop: (spec: ShopSpec) => OrderLog;
  farDated: fc.Arbitrary<OrderLog>;
} {
  const idPool = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P'];
  const oddId = fc.oneof(
    fc.constantFrom(...idPool).chain((id) => fc.constantFrom(...INVISIBLE).map((ch) => (id.charCodeAt(0) % 2 ? `${id}${ch}` : `${ch}${id}`))),
    fc.constantFrom(1, 2, '1', '01', 1.5, -0, 0, 1e21, '1e3', 1000, 'a', 'A', 'ａ', 'x'.repeat(200)),
  );
  const validAmount = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100) }, { weight: 1, arbitrary: fc.integer({ min: -5000, max: 0 }).map((c) => c / 100) });

  /** A few orders from a handful of customers, over up to a few years. */
  const small = fc
    .record({ customers: fc.integer({ min: 1, max: 12 }), start: recentDay, span: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 2000 })) })
    .chain(({ customers, start, span }) =>
      fc
        .array(fc.record({ c: fc.integer({ min: 0, max: customers - 1 }), d: fc.integer({ min: 0, max: span }), a: validAmount }), { minLength: 1, maxLength: 40 })
        .map((orders): Rows => ({
          ids: orders.map((o) => idPool[o.c]),
          days: orders.map((o) => start + o.d),
          amounts: orders.map((o) => o.a),
          note: `small log (${orders.length} orders, ${customers} ids, ${span} days from ${isoOfDay(start)})`,
        })),
    );
  /** The generator's buying process: a realistic shop of up to a few hundred customers. */
  const realistic = fc
    .record({ seed: fc.integer({ min: 1, max: 1_000_000 }), customers: fc.integer({ min: 2, max: 250 }), days: fc.integer({ min: 30, max: 1500 }), start: recentDay })
    .map(({ seed, customers, days, start }) => generatedRows(seed, customers, days, start, `generated log (seed ${seed}, ${customers} customers, ${days} days from ${isoOfDay(start)})`));
  const sample = fc.constant(null).map(() => generatedRows(42, 1000, 0, 0, 'sampleOrderLog(42) (5,049 orders, 1,000 customers)'));
  const large = fc
    .record({ seed: fc.integer({ min: 1, max: 1000 }), customers: fc.integer({ min: 3000, max: 8000 }) })
    .map(({ seed, customers }) => generatedRows(seed, customers, 730, Date.UTC(2023, 0, 1) / MS_PER_DAY, `large generated log (seed ${seed}, ${customers} customers, 730 days)`));
  const degenerate = fc
    .record({
      kind: fc.constantFrom('one customer', 'one order', 'everyone buys once', 'everyone on one day', 'all returns', 'zero amounts', 'identical rows', 'two customers, one repeat', 'invisible-character ids', 'numeric ids', 'one repeat buyer among one-timers', 'same-day repeats only'),
      n: fc.integer({ min: 1, max: 30 }),
      start: recentDay,
    })
    .map(({ kind, n, start }): Rows => {
      const ids: Cell[] = [];
      const days: number[] = [];
      const amounts: Cell[] = [];
      const add = (id: Cell, day: number, a: Cell): void => {
        ids.push(id);
        days.push(day);
        amounts.push(a);
      };
      switch (kind) {
        case 'one customer':
          for (let k = 0; k < n; k++) add('A', start + 7 * k, 10 + k);
          break;
        case 'one order':
          add('A', start, 25);
          break;
        case 'everyone buys once':
          for (let k = 0; k < n; k++) add(`C${k}`, start + k, 10);
          break;
        case 'everyone on one day':
          for (let k = 0; k < n; k++) add(`C${k % 5}`, start, 10 + k);
          break;
        case 'all returns':
          for (let k = 0; k < n; k++) add(`C${k % 4}`, start + 3 * k, -10 - k);
          break;
        case 'zero amounts':
          for (let k = 0; k < n; k++) add(`C${k % 4}`, start + 3 * k, 0);
          break;
        case 'identical rows':
          for (let k = 0; k < n + 1; k++) add('A', start, 10);
          break;
        case 'two customers, one repeat':
          add('A', start, 10);
          add('B', start + 1, 10);
          add('A', start + n, 10);
          break;
        case 'invisible-character ids':
          for (let k = 0; k < n; k++) add(['A', 'A\u200b', '\u200bA', 'A\u00a0', ' A', 'A ', '\ufeffA', 'a'][k % 8], start + 5 * k, 10);
          break;
        case 'numeric ids':
          for (let k = 0; k < n; k++) add([1, '1', 1.0, '01', 2, ' 2 ', 2.5, -0][k % 8], start + 5 * k, 10);
          break;
        case 'one repeat buyer among one-timers':
          for (let k = 0; k < n; k++) add(`C${k}`, start + k, 10);
          add('C0', start + n + 30, 10);
          break;
        case 'same-day repeats only':
          for (let k = 0; k < n; k++) add(`C${k % 3}`, start + (k % 3), 10);
          break;
      }
      return { ids, days, amounts, note: `degenerate log: ${kind} (${ids.length} orders)` };
    });

  const base = fc.oneof(
    { weight: 5, arbitrary: small },
    { weight: 7, arbitrary: realistic },
    { weight: 3, arbitrary: degenerate },
    { weight: 1, arbitrary: sample },
  );

  type Mutation = { note: string; apply: (r: { ids: Cell[]; dates: Cell[]; amounts: Cell[]; days: number[] }) => void };
  const at = (n: number, f: number): number => Math.min(n - 1, Math.floor(f * n));
  /** Where in the log a mutation lands: anywhere, not mostly the first row (fast-check leans to small values). */
  const position = fc.noBias(fc.double({ min: 0, max: 1, noNaN: true }));
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({ column: fc.constantFrom('ids', 'dates', 'amounts'), f: position, cell: fc.oneof(hostileCell, errorCell) }).map(
        ({ column, f, cell }): Mutation => ({
          note: `${column} row ≈${Math.round(f * 100)}% = ${abbreviate(cell)}`,
          apply: (r) => void ((r as unknown as Record<string, Cell[]>)[column][at(r.ids.length, f)] = cell),
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record({ f: position, trailing: fc.integer({ min: 0, max: 5 }) }).map(
        ({ f, trailing }): Mutation => ({
          note: `a blank row inside and ${trailing} at the end`,
          apply: (r) => {
            const i = at(r.ids.length, f);
            for (const c of [r.ids, r.dates, r.amounts] as Cell[][]) {
              c.splice(i, 0, '');
              for (let k = 0; k < trailing; k++) c.push('');
            }
          },
        }),
      ),
    },
    { weight: 1, arbitrary: position.map((f): Mutation => ({ note: `a blank id, date filled (row ≈${Math.round(f * 100)}%)`, apply: (r) => void (r.ids[at(r.ids.length, f)] = '') })) },
    { weight: 1, arbitrary: fc.constantFrom('serial', 'iso').map((form): Mutation => ({ note: `dates as ${form === 'serial' ? 'serial numbers' : 'ISO text'}`, apply: (r) => void r.days.forEach((d, i) => (r.dates[i] = form === 'serial' ? d + SERIAL_OFFSET : isoOfDay(d))) })) },
    {
      weight: 1,
      arbitrary: fc.record({ day: fc.constantFrom(FIRST_DAY, LAST_DAY, Date.UTC(1900, 0, 1) / MS_PER_DAY, Date.UTC(2999, 0, 1) / MS_PER_DAY), f: position }).map(
        ({ day, f }): Mutation => ({ note: `one order on ${isoOfDay(day)}`, apply: (r) => void (r.dates[at(r.ids.length, f)] = dateCell(day)) }),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom(1e308, -1e308, 5e-324, 0, -1, 1e15).map((v): Mutation => ({ note: `every amount ${v}`, apply: (r) => void r.amounts.fill(v) })),
        textNumber.map((t): Mutation => ({ note: `amounts as text ${JSON.stringify(t)}`, apply: (r) => void r.amounts.fill(t) })),
        fc.constant<Mutation>({ note: 'amounts negated (returns)', apply: (r) => void r.amounts.forEach((a, i) => (r.amounts[i] = typeof a === 'number' ? -a : a)) }),
        fc.constant<Mutation>({ note: 'one amount 1e308', apply: (r) => void (r.amounts[0] = 1e308) }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.noBias(fc.integer({ min: 1, max: 1_000_000 })).map((k): Mutation => ({
        note: 'dates with times of day',
        apply: (r) => void r.days.forEach((d, i) => (r.dates[i] = dateCell(d, ((i + 1) * k * 7919) % MS_PER_DAY))),
      })),
    },
    { weight: 1, arbitrary: oddId.map((id): Mutation => ({ note: `every other id ${abbreviate(id)}`, apply: (r) => void r.ids.forEach((_, i) => i % 2 && (r.ids[i] = id)) })) },
  );

  type Shape = { note: string; shape: (c: { ids: Cell[]; dates: Cell[]; amounts: Cell[] }) => { ids: Arg; dates: Arg; amounts: Arg } };
  const columns = (c: { ids: Cell[]; dates: Cell[]; amounts: Cell[] }) => ({ ids: col(c.ids), dates: col(c.dates), amounts: col(c.amounts) });
  const shape: fc.Arbitrary<Shape> = fc.constantFrom<Shape>(
    { note: 'ids as two columns', shape: (c) => ({ ...columns(c), ids: c.ids.map((id) => [id, id]) }) },
    { note: 'dates as a row', shape: (c) => ({ ...columns(c), dates: [c.dates.slice()] }) },
    { note: 'ids, dates and amounts as rows', shape: (c) => ({ ids: [c.ids.slice()], dates: [c.dates.slice()], amounts: [c.amounts.slice()] }) },
    { note: 'dates one row shorter', shape: (c) => ({ ...columns(c), dates: c.dates.length > 1 ? col(c.dates.slice(0, -1)) : col([...c.dates, c.dates[0]]) }) },
    { note: 'amounts one row longer', shape: (c) => ({ ...columns(c), amounts: col([...c.amounts, 5]) }) },
    { note: 'ids a single cell', shape: (c) => ({ ...columns(c), ids: c.ids[0] }) },
    { note: 'dates a single cell', shape: (c) => ({ ...columns(c), dates: c.dates[0] }) },
    { note: 'amounts a single cell', shape: (c) => ({ ...columns(c), amounts: c.amounts[0] }) },
    { note: 'the whole log in the ids argument', shape: (c) => ({ ...columns(c), ids: c.ids.map((id, i) => [id, c.dates[i], c.amounts[i]]) }) },
  );

  const build = (rows: Rows, mutations: Mutation[], reshape: Shape | null): OrderLog => {
    const r = { ids: rows.ids.slice(), dates: rows.days.map(dateCell) as Cell[], amounts: rows.amounts.slice(), days: rows.days };
    for (const m of mutations) m.apply(r);
    const args = reshape ? reshape.shape(r) : columns(r);
    let first = Infinity;
    let last = -Infinity;
    for (const d of rows.days) {
      first = Math.min(first, d);
      last = Math.max(last, d);
    }
    const notes = [rows.note, ...mutations.map((m) => m.note), ...(reshape ? [reshape.note] : [])];
    return { ...args, first, last, note: notes.join('; ') };
  };
  const log = fc.oneof(
    { weight: 40, arbitrary: fc.tuple(base, fc.oneof({ weight: 4, arbitrary: fc.constant<Mutation[]>([]) }, { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) })).map(([rows, m]) => build(rows, m, null)) },
    { weight: 4, arbitrary: fc.tuple(fc.oneof(small, realistic, degenerate), shape).map(([rows, s]) => build(rows, [], s)) },
    { weight: 1, arbitrary: large.map((rows) => build(rows, [], null)) },
  );
  const shop = ({ seed, customers, days, start }: ShopSpec): OrderLog =>
    build(generatedRows(seed, customers, days, start, `generated log (seed ${seed}, ${customers} customers, ${days} days from ${isoOfDay(start)})`), [], null);
  /** An ordinary log with one order far from the others (a typo'd year, 1900 or 9999): spans of thousands of years. */
  const farDated = fc
    .tuple(fc.oneof(small, realistic), fc.constantFrom(FIRST_DAY, LAST_DAY, Date.UTC(1900, 0, 1) / MS_PER_DAY, Date.UTC(2999, 0, 1) / MS_PER_DAY, Date.UTC(2204, 0, 1) / MS_PER_DAY), position)
    .map(([rows, day, f]) => build(rows, [{ note: `one order on ${isoOfDay(day)}`, apply: (r) => void (r.dates[at(r.ids.length, f)] = dateCell(day)) }], null));
  return { log, shop, farDated };
}

// ---------------------------------------------------------------------------------------------------------------
// Summaries for CLV_FIT_SUMMARY and cohorts for RETENTION_FIT / RETENTION_FORECAST.

interface SummaryArbs {
  hostileCell: fc.Arbitrary<Cell>;
  optional: <T>(arb: fc.Arbitrary<T>) => fc.Arbitrary<T | '' | undefined>;
  choice: () => fc.Arbitrary<Arg>;
  valueArg: (cellArb: fc.Arbitrary<Cell>) => fc.Arbitrary<Arg>;
}

interface SummaryRow {
  x: Cell;
  tx: Cell;
  T: Cell;
  w?: Cell;
  m?: Cell;
}

let fixtureSummaries: { cdnow: SummaryRow[]; donations: SummaryRow[] } | null = null;
/** The papers' CDNOW summary and the donations patterns, read once (the fixtures are in the repository). */
export function setFixtureSummaries(cdnowCsv: string, donationsCsv: string): void {
  const rows = (csv: string) => csv.trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  fixtureSummaries = {
    cdnow: rows(cdnowCsv).map((r) => ({ x: r[1], tx: r[2], T: r[3] })),
    donations: rows(donationsCsv).map((r) => ({ x: r[0], tx: r[1], T: r[2], w: r[3] })),
  };
}

function makeSummaries({ hostileCell, optional, choice }: SummaryArbs): fc.Arbitrary<Case> {
  const valid = fc
    .noBias(fc.record({ x: fc.integer({ min: 0, max: 20 }), T: fc.double({ min: 1, max: 1000, noNaN: true }), f: fc.double({ min: 0.01, max: 1, noNaN: true }), m: fc.double({ min: 1, max: 500, noNaN: true }) }))
    .map(({ x, T, f, m }): SummaryRow => ({ x, tx: x === 0 ? 0 : Math.max(0.01, Math.round(T * f * 100) / 100), T: Math.round(T * 100) / 100, m: x === 0 ? 0 : Math.round(m * 100) / 100 }));
  const opportunities = fc.record({ n: fc.integer({ min: 1, max: 10 }), a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }) }).map(({ n, a, b }): SummaryRow => {
    const tx = Math.floor(a * (n + 1));
    return { x: Math.floor(b * (tx + 1)), tx, T: n, w: 1 + Math.floor(a * 50) };
  });
  const extreme = fc.oneof(
    fc.constantFrom<SummaryRow>(
      { x: 1e9, tx: 30, T: 40 },
      { x: 1e12, tx: 30, T: 40 },
      { x: 1e9, tx: 1e9, T: 1e9 },
      { x: 5, tx: 50, T: 40 },
      { x: 5, tx: 30, T: -40 },
      { x: 5, tx: -1, T: 40 },
      { x: 0, tx: 10, T: 40 },
      { x: 2.5, tx: 10, T: 40 },
      { x: 3, tx: 0, T: 0 },
      { x: 3, tx: 0, T: 40 },
      { x: 3, tx: 1e308, T: 1e308 },
      { x: 3, tx: 5e-324, T: 5e-324 },
      { x: 3, tx: 10, T: 40, w: 0 },
      { x: 3, tx: 10, T: 40, w: -1 },
      { x: 3, tx: 10, T: 40, w: 1e308 },
      { x: 3, tx: 10, T: 40, w: 1e-300 },
      { x: 3, tx: 10, T: 40, m: -50 },
      { x: 3, tx: 10, T: 40, m: 1e308 },
      { x: 3, tx: 10, T: 40, m: 0 },
      { x: '', tx: '', T: '' },
      { x: 3, tx: '', T: 40 },
    ),
    fc.record({ x: hostileCell, tx: hostileCell, T: hostileCell }),
  );
  const rows = fc.oneof(
    { weight: 4, arbitrary: fc.array(valid, { minLength: 1, maxLength: 60 }) },
    { weight: 3, arbitrary: fc.tuple(fc.array(valid, { minLength: 0, maxLength: 30 }), fc.array(extreme, { minLength: 1, maxLength: 2 }), fc.nat()).map(([v, e, k]) => { const out = [...v]; e.forEach((r, i) => out.splice((k + i) % (out.length + 1), 0, r)); return out; }) },
    { weight: 2, arbitrary: fc.array(opportunities, { minLength: 1, maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom<SummaryRow[]>(Array.from({ length: 10 }, () => ({ x: 0, tx: 0, T: 30 })), Array.from({ length: 10 }, () => ({ x: 3, tx: 30, T: 30 })), Array.from({ length: 10 }, (_, k) => ({ x: 1e9, tx: k, T: 40 })), [{ x: 2, tx: 10, T: 40 }], Array.from({ length: 10 }, () => ({ x: 2, tx: 10, T: 40, w: 0 }))) },
    { weight: 1, arbitrary: fc.constantFrom('cdnow', 'donations').map((name) => (fixtureSummaries ? fixtureSummaries[name as 'cdnow' | 'donations'] : [])) },
  );
  return fc
    .tuple(rows, optional(choice()), fc.boolean(), fc.boolean(), fc.constantFrom(...Array<string>(12).fill('columns'), 'recency short', 'T a single cell', 'frequency two columns'))
    .map(([r, model, withWeights, withMonetary, layout]) => {
      const c = (pick: (row: SummaryRow) => Cell): Cell[][] => r.map((row) => [pick(row)]);
      const hasW = withWeights || r.some((row) => row.w !== undefined);
      let frequency: Arg = c((row) => row.x);
      let recency: Arg = c((row) => row.tx);
      let T: Arg = c((row) => row.T);
      if (layout === 'recency short') recency = r.length > 1 ? (recency as Cell[][]).slice(0, -1) : [...(recency as Cell[][]), [0]];
      if (layout === 'T a single cell') T = r[0]?.T;
      if (layout === 'frequency two columns') frequency = r.map((row) => [row.x, row.x]);
      const args = trimmed<Arg>([frequency, recency, T, model, hasW ? c((row) => row.w ?? 1) : undefined, withMonetary ? c((row) => row.m ?? 10) : undefined]);
      return { args, note: `summary of ${r.length} rows${layout === 'columns' ? '' : `, ${layout}`}` };
    });
}

function makeCohorts(hostileCell: fc.Arbitrary<Cell>): fc.Arbitrary<{ active: Arg; note: string }> {
  const realistic = fc
    .record({ size: fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(1e6, 1e9, 1e12)), periods: fc.integer({ min: 2, max: 40 }), keep: fc.array(fc.double({ min: 0.2, max: 1, noNaN: true }), { minLength: 40, maxLength: 40 }) })
    .map(({ size, periods, keep }) => {
      const out = [size];
      for (let t = 1; t <= periods; t++) out.push(Math.floor(out[t - 1] * keep[t - 1]));
      return { cells: out as Cell[], note: `cohort of ${size} over ${periods + 1} periods` };
    });
  const published = fc.constant({ cells: [1000, 631, 468, 382, 326, 289, 262, 241] as Cell[], note: 'the published regular cohort' });
  const odd = fc.constantFrom(
    { cells: [100, 100, 100, 100], note: 'a cohort that never falls' },
    { cells: [100, 120, 150], note: 'a cohort that rises' },
    { cells: [100, 50, 80, 20], note: 'a cohort that rises once' },
    { cells: [100, 0, 0, 0], note: 'everyone leaves at once' },
    { cells: [1, 1, 1], note: 'a cohort of one who stays' },
    { cells: [1, 0, 0], note: 'a cohort of one who leaves' },
    { cells: [100, 99, 98, 97, 96, 95, 94, 93, 92, 91, 90], note: 'one leaves a period' },
    { cells: [1e12, 5e11, 2e11, 1e11], note: 'a huge cohort' },
    { cells: [1e308, 1e308, 1e308], note: 'a cohort of 1e308 that never falls' },
    { cells: [1e308, 5e307, 1e307], note: 'a cohort of 1e308' },
    { cells: [100, 50.5, 20.25], note: 'fractions of customers' },
    { cells: [100, -5, -10], note: 'negative counts' },
    { cells: [0, 0, 0], note: 'a cohort of 0' },
    { cells: [100, '', 50, 20], note: 'a blank period inside' },
    { cells: [100, 50, 20, '', ''], note: 'blank periods at the end' },
    { cells: [100, 50], note: 'two periods' },
    { cells: [100], note: 'one period' },
    { cells: ['1000', '631', '468'], note: 'counts as text' },
    { cells: [5e-324, 5e-324, 0], note: 'a cohort of 5e-324' },
    { cells: Array.from({ length: 500 }, (_, t) => Math.max(0, 100_000 - 150 * t)), note: 'a cohort over 500 periods' },
    { cells: Array.from({ length: 200 }, () => 1000), note: '200 periods without a loss' },
  );
  const broken = fc.tuple(realistic, fc.nat(), hostileCell).map(([c, k, cell]) => {
    const cells = c.cells.slice();
    cells[k % cells.length] = cell;
    return { cells, note: `${c.note}, one cell ${abbreviate(cell)}` };
  });
  const shaped = fc.tuple(fc.oneof({ weight: 8, arbitrary: fc.oneof(realistic, published, odd, broken) }), fc.constantFrom('column', 'column', 'column', 'column', 'row', 'two columns', 'single cell')).map(([c, layout]) => {
    const active: Arg =
      layout === 'row' ? [c.cells.slice()] : layout === 'two columns' ? c.cells.map((v) => [v, v]) : layout === 'single cell' ? c.cells[0] : c.cells.map((v) => [v]);
    return { active, note: `${c.note}${layout === 'column' ? '' : `, as ${layout === 'row' ? 'a row' : layout}`}` };
  });
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: hostileCell.map((cell) => ({ active: cell as Arg, note: 'a single hostile cell' })) });
}
