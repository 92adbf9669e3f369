/**
 * What the sidebar's data check shows before Analyze, read from the first rows of the user's sheet: whether row 1
 * holds column names, each column's kind, three sample values and how its text is read (yyyymmdd, day-first dates,
 * a decimal comma), and the facts core/columns.ts checks a choice of columns against. The cells are read by args.ts's
 * readers (dayAt, numberAt), as Analyze and the cell functions read them, so the check and the analysis agree.
 */
import { columnName, firstRowIsData, profileColumn, summaryTableAdvice, type ColumnFacts, type ColumnProfile, type SampleKind, type SheetFacts } from '../core/columns';
import { isoFromDay } from '../core/dates';
import { amountFromText, dayFromText, dayFromYyyymmdd, describeDecimalMark } from '../core/formats';
import { render } from '../core/i18n/errors';
import type { Language } from '../core/i18n/language';
import { dayAt, isBlank, isDate, numberAt, textFormats, type Cell, type Column } from './args';
import { dayOfDate } from './calendar';
import { told, type ColumnView, type Told } from './contract';

/** Rows below the header read to guess the columns and check them. */
export const SAMPLE_ROWS = 200;

/**
 * Rows looked at for whether a column's values repeat: in a log sorted by date, the first 200 orders of a shop with
 * 100,000 customers rarely hold one customer twice, the first 5,000 nearly always do (and a charge id never does).
 */
export const REPEAT_ROWS = 5000;

export interface SheetLayout {
  /** Whether row 1 holds column names; when not, it is the first row of data. */
  hasHeader: boolean;
  /** Column names: row 1's, or "Column A", "Column B", … (a blank one named the same way). */
  headers: string[];
  /** Index (in the sheet's values) of the first row of data: 1, or 0 without a header row. */
  firstRow: number;
  profiles: ColumnProfile[];
}

/** A cell's kind for guessing: dates include yyyymmdd numbers and text dates, numbers include amounts as text. */
export function kindOf(cell: Cell): SampleKind {
  if (isBlank(cell)) return 'blank';
  if (isDate(cell)) return 'date';
  if (typeof cell === 'number') return dayFromYyyymmdd(cell) !== null ? 'date' : 'number';
  if (typeof cell !== 'string') return 'text';
  if ((dayFromText(cell, 'dmy') ?? dayFromText(cell, 'mdy')) !== null) return 'date';
  if (/^\s*-?[\d.,]+\s*$/.test(cell) || (amountFromText(cell, '.') ?? amountFromText(cell, ',')) !== null) return 'number';
  return 'text';
}

/** A cell as the sidebar shows it: dates as yyyy-mm-dd (plain data crosses google.script.run, never a Date). */
export function displayText(cell: Cell): string {
  if (isDate(cell)) return Number.isNaN(cell.getTime()) ? '' : isoFromDay(dayOfDate(cell));
  return isBlank(cell) ? '' : String(cell);
}

function profiles(headers: string[], body: Cell[][]): ColumnProfile[] {
  return headers.map((h, j) =>
    profileColumn(
      h,
      body.map((r) => kindOf(r[j])),
      body.map((r) => r[j]),
    ),
  );
}

/**
 * Row 1 as names or as data (core's firstRowIsData on the sampled rows), the column names, and each column's
 * profile, from the sheet's first SAMPLE_ROWS + 1 rows (of `values`, the sheet's first rows): the same rows give the same
 * answer in getSheetInfo and in Analyze.
 */
export function sheetLayout(values: Cell[][]): SheetLayout {
  const first = values[0] ?? [];
  const named = first.map((h, i) => (isBlank(h) ? columnName(i) : String(h)));
  const withHeader = profiles(named, values.slice(1, SAMPLE_ROWS + 1));
  if (values.length < 2 || !firstRowIsData(first.map(kindOf), withHeader)) {
    return { hasHeader: true, headers: named, firstRow: 1, profiles: withHeader };
  }
  const headers = first.map((_, i) => columnName(i));
  return { hasHeader: false, headers, firstRow: 0, profiles: profiles(headers, values.slice(0, SAMPLE_ROWS + 1)) };
}

/** Whether some value of column j appears twice in the rows (blanks aside). */
function repeats(rows: Cell[][], j: number): boolean {
  const seen = new Set<string>();
  for (const row of rows) {
    const cell = row[j];
    if (isBlank(cell)) continue;
    const key = isDate(cell) ? `d${cell.getTime()}` : `${typeof cell}${String(cell)}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

function tryRead<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null; // not this kind: the check counts it, Analyze names it
  }
}

/**
 * How the column's values are read, when it is not plain numbers or date cells: in English (the reason quotes a date
 * of the column) and as a sentence for the sidebar to say in its language.
 */
function formatOf(column: Column): { text: string; told: Told } | null {
  const texts = column.cells.filter((c): c is string => typeof c === 'string' && !isBlank(c.trim()));
  const compact = column.cells.filter((c) => (typeof c === 'number' || typeof c === 'string') && dayFromYyyymmdd(c) !== null).length;
  const filled = column.cells.filter((c) => !isBlank(c)).length;
  if (filled > 0 && compact >= filled / 2) return { text: 'Dates written yyyymmdd (19970101 is 1 January 1997).', told: told('format.yyyymmdd') };
  const formats = textFormats(column);
  const dmy = texts.filter((t) => /^\s*\d{1,2}[./-]\d{1,2}[./-]\d{4}/.test(t)).length;
  if (dmy > 0 && dmy >= texts.length / 2) {
    const { order } = formats.dates;
    const reason = render('en', formats.dates.reason); // the English text beside the Told, as before
    if (order === null) return { text: `Dates that could be day-first or month-first (${reason}): Analyze will stop at them; write them as yyyy-mm-dd.`, told: told('format.ambiguousDates') };
    // The separator the column's dates use, for the reading's pattern (dd.mm.yyyy); "/" when none shows.
    const separator = texts.map((t) => /^\s*\d{1,2}([./-])/.exec(t)?.[1]).find((x) => x !== undefined) ?? '/';
    return { text: `Dates read ${reason}.`, told: told(order === 'dmy' ? 'format.dayFirst' : 'format.monthFirst', { separator }) };
  }
  const amounts = texts.filter((t) => !/^\s*-?\d+(\.\d+)?\s*$/.test(t) && amountFromText(t, formats.decimal.decimal) !== null).length;
  if (amounts > 0 && amounts >= texts.length / 2) {
    const how = formats.decimal.decided ? 'as the values show' : 'no value shows its decimal mark, so a point is assumed';
    const words = !formats.decimal.decided ? 'format.amountsAssumed' : formats.decimal.decimal === ',' ? 'format.amountsComma' : 'format.amountsPoint';
    return { text: `Amounts as text, read as ${describeDecimalMark(formats.decimal.decimal)}, ${how}.`, told: told(words) };
  }
  return null;
}

/**
 * The facts of the sampled rows for checkChoice, and what to show beside each column. `rows` holds the first data
 * rows (up to REPEAT_ROWS: the values are read from the first SAMPLE_ROWS, repeats looked for in all); `complete`
 * whether they are all the sheet's rows; `today` the day number of today in the spreadsheet's zone.
 */
export function sheetFacts(
  layout: SheetLayout,
  rows: Cell[][],
  complete: boolean,
  today: number,
  language: Language = 'en',
): { facts: SheetFacts; views: ColumnView[]; formats: (Told | null)[] } {
  const n = layout.headers.length;
  const body = rows.slice(0, SAMPLE_ROWS);
  const numbers: (number | null)[][] = [];
  const columns: ColumnFacts[] = [];
  const views: ColumnView[] = [];
  const formats: (Told | null)[] = [];
  for (let j = 0; j < n; j++) {
    const column: Column = { name: `"${layout.headers[j]}"`, cells: body.map((r) => r[j]), isRange: true };
    const nums = column.cells.map((c, i) => (isBlank(c) || isDate(c) ? null : tryRead(() => numberAt(column, i))));
    const days = column.cells.map((c, i) => (isBlank(c) ? null : tryRead(() => dayAt(column, i))));
    const found = days.filter((d): d is number => d !== null);
    numbers.push(nums);
    const profile = layout.profiles[j];
    columns.push({
      header: layout.headers[j],
      wholeUnique: profile.wholeUnique,
      repeats: repeats(rows, j),
      filled: column.cells.filter((c) => !isBlank(c)).length,
      firstDay: found.length ? Math.min(...found) : null,
      lastDay: found.length ? Math.max(...found) : null,
      dates: found.length,
      numbers: nums.filter((v) => v !== null).length,
    });
    const format = formatOf(column);
    views.push({ samples: column.cells.filter((c) => !isBlank(c)).slice(0, 3).map(displayText), format: format?.text ?? null });
    formats.push(format?.told ?? null);
  }
  const above = numbers.map((a) =>
    numbers.map((b): [number, number] => {
      let over = 0;
      let both = 0;
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        const y = b[i];
        if (x === null || y === null) continue;
        both++;
        if (x > y) over++;
      }
      return [over, both];
    }),
  );
  return {
    facts: {
      columns,
      above,
      sampled: rows.length,
      complete,
      hasHeader: layout.hasHeader,
      summaryTable: summaryTableText(layout.headers, language),
      today,
    },
    views,
    formats,
  };
}

/** The refusal of a per-customer summary, in the words the sidebar shows (getSheetInfo's language). */
function summaryTableText(headers: readonly string[], language: Language): string | null {
  const advice = summaryTableAdvice(headers);
  return advice && render(language, advice);
}
