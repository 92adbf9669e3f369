/**
 * The Segment column beside a customer table (Analyze customers on a sheet of one row per customer). It lives in the
 * user's own sheet, so the add-in writes a cell only when it is empty or still holds exactly what the add-in wrote
 * there. Which rows it wrote, and what, is kept in the column's developer metadata, which follows the column when the
 * user inserts or moves columns. A cell the user typed or changed in that column (a total, a note, a segment set by
 * hand) is never overwritten; the analysis says how many were left as they are.
 *
 * The header and the labels are in the analysis's language. The record keeps the labels as written, so a run in
 * another language still knows its own cells and relabels them; a label the user typed in any language stays.
 */
import { columnLetters } from '../core/a1';
import { ContentHash } from '../core/hash';
import type { Language } from '../core/i18n/language';
import { SHEETS, segmentName } from '../core/i18n/sheets';
import type { Segment } from '../core/segment';
import { userLanguage } from './language';
import { cellValue, ensureSize } from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const KEY = 'customer-value:segment-column';
/** The column's header in a language ("Segment" in English). */
export const segmentHeader = (language: Language): string => SHEETS[language]['column.segment'];

/**
 * Up to this many rows the record keeps each row's label exactly (one character a row); above it, a 12-bit
 * fingerprint per block of rows, so the record stays within the 30,000 characters Sheets allows a sheet's metadata.
 */
const EXACT_ROWS = 20_000;
const BLOCKS = 10_000;
const CODE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

interface ColumnRecord {
  v: 1;
  /** Rows written, as runs: "1-1001,1005". */
  rows: string;
  labels: string[];
  /** Rows per code: 1 (exact) or more (fingerprints). */
  block: number;
  codes: string;
}

export interface SegmentColumn {
  /** A1 letters of the column. */
  column: string;
  /** Cells of that column the add-in did not write because they hold the user's own content. */
  keptCells: number;
}

/** Where the add-in's Segment column is on a sheet (1-based), or null. */
export function findSegmentColumn(sheet: Sheet): { column: number; record: ColumnRecord | null; metadata: GoogleAppsScript.Spreadsheet.DeveloperMetadata } | null {
  for (const m of sheet.createDeveloperMetadataFinder().withKey(KEY).find()) {
    const range = m.getLocation().getColumn();
    if (!range) continue;
    let record: ColumnRecord | null = null;
    try {
      const parsed = JSON.parse(m.getValue() ?? '') as ColumnRecord;
      if (parsed.v === 1) record = parsed;
    } catch {
      // A damaged record: nothing in the column counts as ours.
    }
    return { column: range.getColumn(), record, metadata: m };
  }
  return null;
}

/**
 * Writes each customer's segment in the row of the customer (sheetRows, 1-based), with a header in row 1, in
 * `language` (left out: the user's).
 */
export function writeSegmentColumn(sheet: Sheet, sheetRows: number[], segments: readonly Segment[], language: Language = userLanguage()): SegmentColumn {
  const found = findSegmentColumn(sheet);
  const column = found?.column ?? sheet.getLastColumn() + 1;
  const header = segmentHeader(language);
  const wanted = new Map<number, string>([[1, header]]);
  sheetRows.forEach((row, i) => wanted.set(row, segmentName(language, segments[i])));
  const previous = found?.record ? decodeRows(found.record.rows) : [];
  let height = 1;
  for (const row of [...wanted.keys(), ...previous]) height = Math.max(height, row);
  ensureSize(sheet, height, column);

  const range = sheet.getRange(1, column, height, 1);
  const values = range.getValues().map((r) => r[0] as unknown);
  const formulas = range.getFormulas().map((r) => r[0]);
  const ours = found?.record ? ownedRows(found.record, values, formulas) : new Set<number>();
  const free = (row: number): boolean => ours.has(row) || (formulas[row - 1] === '' && (values[row - 1] === '' || values[row - 1] === null));

  const writes = new Map<number, string>();
  let keptCells = 0;
  for (const [row, label] of wanted) {
    if (free(row)) writes.set(row, label);
    else keptCells++;
  }
  for (const row of ours) if (!wanted.has(row)) writes.set(row, '');
  for (const [start, run] of runs(writes)) sheet.getRange(start, column, run.length, 1).setValues(run.map((v) => [cellValue(v)]));
  if (writes.get(1) === header) sheet.getRange(1, column).setFontWeight('bold');

  const written = [...writes].filter(([, v]) => v !== '').sort((a, b) => a[0] - b[0]);
  const record = JSON.stringify(encodeRecord(written));
  if (found) found.metadata.setValue(record);
  else {
    const letters = columnLetters(column);
    sheet.getRange(`${letters}:${letters}`).addDeveloperMetadata(KEY, record, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  }
  return { column: columnLetters(column), keptCells };
}

/** Rows whose cell still holds what the record says the add-in wrote there (and no formula). */
function ownedRows(record: ColumnRecord, values: unknown[], formulas: string[]): Set<number> {
  const rows = decodeRows(record.rows);
  const ours = new Set<number>();
  const holds = (row: number, label: string): boolean => row <= values.length && formulas[row - 1] === '' && values[row - 1] === label;
  if (record.block === 1) {
    rows.forEach((row, i) => {
      const label = record.labels[CODE.indexOf(record.codes[i])];
      if (label !== undefined && holds(row, label)) ours.add(row);
    });
    return ours;
  }
  for (let b = 0; b * record.block < rows.length; b++) {
    const block = rows.slice(b * record.block, (b + 1) * record.block);
    const shown = block.map((row) => (row <= values.length && formulas[row - 1] === '' ? String(values[row - 1]) : '\u0000formula'));
    if (fingerprint(shown) === record.codes.slice(2 * b, 2 * b + 2)) for (const row of block) ours.add(row);
  }
  return ours;
}

function encodeRecord(written: [number, string][]): ColumnRecord {
  const labels = [...new Set(written.map(([, v]) => v))];
  const rows = encodeRows(written.map(([row]) => row));
  if (written.length <= EXACT_ROWS && labels.length <= CODE.length) {
    return { v: 1, rows, labels, block: 1, codes: written.map(([, v]) => CODE[labels.indexOf(v)]).join('') };
  }
  const block = Math.ceil(written.length / BLOCKS);
  let codes = '';
  for (let start = 0; start < written.length; start += block) codes += fingerprint(written.slice(start, start + block).map(([, v]) => v));
  return { v: 1, rows, labels: [], block, codes };
}

/** Two characters (12 bits) of a content hash of a block's labels. */
function fingerprint(labels: string[]): string {
  const hash = new ContentHash();
  for (const label of labels) hash.text(label);
  const bits = parseInt(hash.digest().slice(0, 3), 16);
  return CODE[bits >> 6] + CODE[bits & 63];
}

/** Consecutive rows as runs, each with its values. */
function runs(writes: Map<number, string>): [number, string[]][] {
  const rows = [...writes.keys()].sort((a, b) => a - b);
  const out: [number, string[]][] = [];
  for (const row of rows) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1].length === row) last[1].push(writes.get(row)!);
    else out.push([row, [writes.get(row)!]]);
  }
  return out;
}

function encodeRows(rows: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    parts.push(i === j ? String(rows[i]) : `${rows[i]}-${rows[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function decodeRows(text: string): number[] {
  const rows: number[] = [];
  for (const part of text.split(',')) {
    if (part === '') continue;
    const [from, to] = part.split('-').map(Number);
    for (let row = from; row <= (to ?? from); row++) rows.push(row);
  }
  return rows;
}
