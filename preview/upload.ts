/**
 * A file the preview's user uploads or pastes, read into sheets: CSV (comma, semicolon or tab separated, quoted
 * fields, guessed from the data as Sheets' import does) or xlsx (every worksheet, through exceljs).
 *
 * The file is untrusted: its size and its number of cells are bounded before and while it is read, every error is
 * a sentence saying what to do, and nothing in it is run (a CSV field "=..." or an xlsx formula stays data, see
 * UploadCell). The cells are not typed here: a CSV field becomes what typing it into Sheets would make of it, which
 * needs the spreadsheet's zone and year, so the worker does that (worker.ts, with test/harness/typed.ts).
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

/** Largest file the preview reads: enough for a real order log of about 100,000 rows, small enough to stay quick. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Most cells one upload may hold (every sheet of an xlsx together). */
export const MAX_UPLOAD_CELLS = 500_000;
/** Sheets' widest grid. */
const MAX_COLUMNS = 18_278;
/** Sheets' longest sheet name. */
const MAX_NAME = 100;

/**
 * One cell as read from the file:
 * - `typed`: text to be typed into the cell (a CSV field), so "12.50" becomes a number and "2024-01-05" a date as in Sheets;
 * - `text`: text kept as written (an xlsx text cell: Sheets keeps those as text on import);
 * - `number`, `boolean`: as stored in the xlsx, with its number format when it has one;
 * - `date`: an xlsx date as its calendar day and time of day, to be placed in the spreadsheet's zone;
 * - `error`: an error value such as #N/A.
 * An xlsx formula is kept as its cached answer: the preview evaluates no formulas of an uploaded file.
 */
export type UploadCell =
  | { kind: 'typed'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; format?: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; year: number; month: number; day: number; ms: number; format?: string }
  | { kind: 'error'; code: string }
  | { kind: 'blank' };

export interface UploadedSheet {
  name: string;
  rows: UploadCell[][];
}

export interface Upload {
  sheets: UploadedSheet[];
  /** What was read, for the page to say: "CSV, separated by semicolons, 12 rows". */
  description: string;
}

/** A file the preview cannot take; the message says why and what to do. */
export class UploadError extends Error {}

/** The message for a file over MAX_UPLOAD_BYTES, of `bytes` bytes (null: not known, a stream cut short). */
export function tooLarge(bytes: number | null): UploadError {
  const size =
    bytes === null
      ? `The file is over ${megabytes(MAX_UPLOAD_BYTES)}, the most the preview takes. `
      : `The file is ${megabytes(bytes)}; the preview takes files up to ${megabytes(MAX_UPLOAD_BYTES)}. `;
  return new UploadError(
    size +
      'Upload the first rows of your order log, or install the add-in in a real spreadsheet for the whole file.',
  );
}

/** Reads an upload: an xlsx when it is one (by its content, whatever its name), else text. */
export async function readUpload(fileName: string, bytes: Uint8Array): Promise<Upload> {
  if (bytes.length > MAX_UPLOAD_BYTES) throw tooLarge(bytes.length);
  if (bytes.length === 0) throw new UploadError('The file is empty: choose a CSV or xlsx file with your order log.');
  const base = sheetName(fileName);
  if (isZip(bytes)) return readXlsx(base, bytes);
  if (isOldExcel(bytes) || /\.xls$/i.test(fileName)) {
    throw new UploadError('This is an old Excel file (.xls): open it in Excel or Sheets and save it as .xlsx or CSV, then upload that.');
  }
  return readCsv(base, decodeText(bytes));
}

/** Reads pasted or uploaded text as CSV, guessing the separator among comma, semicolon and tab. */
export function readCsv(name: string, text: string): Upload {
  if (text.length > MAX_UPLOAD_BYTES) throw tooLarge(text.length);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new UploadError('There is nothing to read: paste or upload rows of your order log, a header row first.');
  // Papaparse guesses from the field counts of the first rows, which blank rows would throw off; the data itself is
  // then read with blank rows kept, as Sheets keeps them.
  const guessed = Papa.parse<string[]>(body, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: 'greedy', preview: 50 });
  const parsed = Papa.parse<string[]>(body, { delimiter: guessed.meta.delimiter, skipEmptyLines: false });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) {
    const row = quote.row === undefined ? '' : ` on row ${quote.row + 1}`;
    throw new UploadError(`A quoted field${row} never closes (a " without its closing "): fix that row, or upload the file as it was exported.`);
  }
  const rows = parsed.data;
  // A final line break gives one empty row; Sheets' import keeps blank rows inside the data but none after it.
  while (rows.length > 0 && rows[rows.length - 1].every((f) => f === '')) rows.pop();
  checkShape(rows.length, Math.max(0, ...rows.map((r) => r.length)), 0);
  return {
    sheets: [{ name, rows: rows.map((r) => r.map((text): UploadCell => (text === '' ? { kind: 'blank' } : { kind: 'typed', text }))) }],
    description: `CSV separated by ${separatorName(parsed.meta.delimiter)}, ${count(rows.length, 'row')}`,
  };
}

async function readXlsx(base: string, bytes: Uint8Array): Promise<Upload> {
  const book = new ExcelJS.Workbook();
  try {
    // A copy: exceljs reads an ArrayBuffer of the file alone.
    await book.xlsx.load(new Uint8Array(bytes).buffer);
  } catch (e) {
    throw new UploadError(`This file is not an xlsx workbook that can be read (${e instanceof Error ? e.message : String(e)}): save it again as .xlsx or CSV.`);
  }
  const sheets: UploadedSheet[] = [];
  let cells = 0;
  for (const worksheet of book.worksheets) {
    const height = worksheet.actualRowCount === 0 ? 0 : worksheet.rowCount;
    const width = worksheet.actualColumnCount === 0 ? 0 : worksheet.columnCount;
    checkShape(height, width, cells);
    cells += height * width;
    const rows: UploadCell[][] = [];
    for (let y = 1; y <= height; y++) {
      const row = worksheet.getRow(y);
      const out: UploadCell[] = [];
      for (let x = 1; x <= width; x++) out.push(xlsxCell(row.getCell(x)));
      rows.push(out);
    }
    while (rows.length > 0 && rows[rows.length - 1].every((c) => c.kind === 'blank')) rows.pop();
    sheets.push({ name: sheetName(worksheet.name) || base, rows });
  }
  if (sheets.every((s) => s.rows.length === 0)) throw new UploadError('The workbook has no data: put your order log on its first sheet, a header row first.');
  const kept = sheets.filter((s) => s.rows.length > 0);
  return { sheets: kept, description: `xlsx, ${count(kept.length, 'sheet')}, ${count(kept.reduce((n, s) => n + s.rows.length, 0), 'row')}` };
}

function xlsxCell(cell: ExcelJS.Cell): UploadCell {
  const format = cell.numFmt && cell.numFmt !== 'General' ? { format: cell.numFmt } : {};
  const value = cell.type === ExcelJS.ValueType.Formula ? (cell.value as ExcelJS.CellFormulaValue).result : cell.value;
  return valueCell(value, format, cell.text);
}

/** An exceljs cell value (or a formula's cached answer) as an UploadCell. */
function valueCell(value: unknown, format: { format?: string }, text: string): UploadCell {
  if (value === null || value === undefined || value === '') return { kind: 'blank' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value, ...format } : { kind: 'error', code: '#NUM!' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (value instanceof Date) {
    // exceljs gives the workbook's wall-clock time as that instant in UTC (a workbook has no time zone).
    if (Number.isNaN(value.getTime())) return { kind: 'error', code: '#VALUE!' };
    const ms = value.getTime() - Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate());
    return { kind: 'date', year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate(), ms, ...format };
  }
  if (typeof value === 'object' && 'error' in value && typeof value.error === 'string') return { kind: 'error', code: value.error };
  // Rich text, hyperlinks and the like: their text, as Sheets shows it.
  return text === '' ? { kind: 'blank' } : { kind: 'text', text };
}

function checkShape(rows: number, columns: number, cellsBefore: number): void {
  if (columns > MAX_COLUMNS) throw new UploadError(`The data is ${columns.toLocaleString('en-US')} columns wide; a sheet holds at most ${MAX_COLUMNS.toLocaleString('en-US')}. Check that the file is a table with one order per row.`);
  const cells = cellsBefore + rows * columns;
  if (cells > MAX_UPLOAD_CELLS) {
    throw new UploadError(
      `The data has ${cells.toLocaleString('en-US')} cells; the preview takes up to ${MAX_UPLOAD_CELLS.toLocaleString('en-US')}. ` +
        'Upload fewer rows (or only the columns the analysis needs: customer, order date, amount).',
    );
  }
}

/** UTF-8 when the bytes are valid UTF-8 (with or without a byte-order mark), else Windows-1252, as older Excel exports are. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** The compound-file signature of .xls (and .doc). */
const isOldExcel = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** A sheet name from a file name: its base name without the extension, without characters Sheets refuses, at most 100 long. */
export function sheetName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const name = base
    .replace(/\.(csv|tsv|txt|xlsx|xlsm)$/i, '')
    .replace(/[\u0000-\u001f\u007f\[\]*?:\\/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '');
  return [...name].slice(0, MAX_NAME).join('');
}

function separatorName(delimiter: string): string {
  return delimiter === ';' ? 'semicolons' : delimiter === '\t' ? 'tabs' : 'commas';
}

const count = (n: number, noun: string): string => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
