/**
 * Writing the add-in's own sheets (Customer value, Segments, the template's three) without ever losing a cell of the
 * user's. A sheet's content is planned first (SheetPlan), then placed:
 * - in our sheet of that name when it still holds exactly what we wrote there last time (a fingerprint of our
 *   cells, kept in the sheet's developer metadata) and every cell the new content needs is ours or empty: our old
 *   cells are cleared and the new ones written, and whatever the user added around them stays;
 * - otherwise in a new sheet, "<name> (2)" and so on: a sheet the user edited, or a user sheet of that name, is
 *   left exactly as it is.
 * Every string is written as text (a leading apostrophe), so what came from the user reads back unchanged: Sheets
 * would turn "TRUE", "1/2", "$5", "=..." into a boolean, a date, a number or a formula.
 *
 * A sheet is written in a language (its plan's): Persian and Arabic sheets are right to left. Its name is in the
 * language it was first written in; a run in another language finds it under that name (writeOwnSheet's other names)
 * and refreshes it there, so switching languages neither duplicates the sheet nor breaks formulas that name it.
 */
import { ContentHash } from '../core/hash';
import { isRightToLeft, type Language } from '../core/i18n/language';
import { SHEETS } from '../core/i18n/sheets';
import { sheetCalendar } from './calendar';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
export type CellOut = string | number | boolean | Date;

/** Developer metadata key of an own sheet; its value is the sheet's Record (JSON). */
const OWN_SHEET_KEY = 'customer-value:sheet';
const RECORD_VERSION = 1;

/** A cell as the add-in writes it: strings forced to text, so they read back exactly as written. */
export function cellValue(value: CellOut): CellOut {
  return typeof value === 'string' && value !== '' ? `'${value}` : value;
}

/** A rectangle of cells, 1-based. */
interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** What the add-in wrote on an own sheet, as kept in its developer metadata. */
interface OwnRecord {
  v: number;
  /** What the sheet is and what its content depends on: a sheet is refreshed only by content of the same key. */
  key: string;
  /** Our cells, "row,column,rows,columns;...". */
  cells: string;
  /** Fingerprint of what our cells held when written (see cellKey). */
  hash: string;
  charts: number[];
  /** A1 ranges of the conditional format rules we set. */
  rules: string[];
}

/** A sheet's content before it is written: values and formulas by position, then formats, charts and rules. */
export class SheetPlan {
  readonly values: { row: number; column: number; values: CellOut[][] }[] = [];
  readonly formulas: { row: number; column: number; formula: string }[] = [];
  readonly styles: ((sheet: Sheet) => void)[] = [];
  readonly charts: ((sheet: Sheet) => GoogleAppsScript.Spreadsheet.EmbeddedChart)[] = [];
  readonly rules: { a1: string; build: (range: Range) => GoogleAppsScript.Spreadsheet.ConditionalFormatRule }[] = [];
  /** Rows and columns the grid needs beyond the cells (chart anchors). */
  minRows = 1;
  minColumns = 1;

  /** `language`: the words' language, which also sets the sheet's direction (and A1's note). */
  constructor(
    readonly key: string,
    readonly language: Language = 'en',
  ) {}

  put(row: number, column: number, values: CellOut[][]): this {
    const width = values.reduce((m, r) => Math.max(m, r.length), 0);
    this.values.push({ row, column, values: values.map((r) => (r.length === width ? r : [...r, ...new Array<CellOut>(width - r.length).fill('')])) });
    return this;
  }
  formula(row: number, column: number, formula: string): this {
    this.formulas.push({ row, column, formula });
    return this;
  }
  style(apply: (sheet: Sheet) => void): this {
    this.styles.push(apply);
    return this;
  }

  /** Our cells as rectangles: each block, and each formula anchor (its spill belongs to Sheets, not to us). */
  rects(): Rect[] {
    return [
      ...this.values.filter((b) => b.values.length > 0 && b.values[0].length > 0).map((b) => ({ row: b.row, column: b.column, rows: b.values.length, columns: b.values[0].length })),
      ...this.formulas.map((f) => ({ row: f.row, column: f.column, rows: 1, columns: 1 })),
    ];
  }

  /** The fingerprint of the cells as planned, as cellKey reads them back from the sheet. */
  hash(rects: Rect[]): string {
    const planned = new Map<string, string>();
    for (const b of this.values) b.values.forEach((r, i) => r.forEach((v, j) => planned.set(`${b.row + i},${b.column + j}`, valueKey(v))));
    for (const f of this.formulas) planned.set(`${f.row},${f.column}`, formulaKey(f.formula));
    const hash = new ContentHash();
    forEachCell(rects, (row, column) => hash.text(planned.get(`${row},${column}`) ?? 'e'));
    return hash.digest();
  }
}

export interface Placed {
  sheet: Sheet;
  /** Sheets of that name the add-in left alone because the user changed them (or they are the user's own). */
  keptAside: string[];
}

/**
 * Places a plan (see the module comment) and returns the sheet it went to. `otherNames`: the same sheet's names in
 * the other languages; an own sheet of the same key under one of them (or "<name> (2)"…) is refreshed where it is
 * when no sheet under `name` can be, rather than a second copy made in this language.
 */
export function writeOwnSheet(spreadsheet: Spreadsheet, name: string, plan: SheetPlan, otherNames: readonly string[] = []): Placed {
  const rects = plan.rects();
  const keptAside: string[] = [];
  let free = '';
  for (let attempt = 1; attempt < 100 && free === ''; attempt++) {
    const candidate = numbered(name, attempt);
    const existing = spreadsheet.getSheetByName(candidate);
    if (!existing) free = candidate;
    else if (refresh(existing, plan, rects)) return { sheet: existing, keptAside };
    else keptAside.push(candidate);
  }
  for (const other of otherNames) {
    if (other === name) continue;
    for (let attempt = 1; attempt < 100; attempt++) {
      const existing = spreadsheet.getSheetByName(numbered(other, attempt));
      if (!existing) break;
      if (refresh(existing, plan, rects)) return { sheet: existing, keptAside };
    }
  }
  if (free === '') throw new Error(`Could not find a free sheet name for "${name}"`);
  const sheet = spreadsheet.insertSheet(free);
  fitNewGrid(sheet, rects, plan);
  write(sheet, plan, rects, null);
  return { sheet, keptAside };
}

const numbered = (name: string, attempt: number): string => (attempt === 1 ? name : `${name} (${attempt})`);

/** Writes the plan on an existing sheet if it is ours, of the same key, and still holds only what we wrote. */
function refresh(existing: Sheet, plan: SheetPlan, rects: Rect[]): boolean {
  const record = ownRecord(existing);
  if (!record || record.key !== plan.key || !holdsOnlyOurs(existing, record, rects)) return false;
  write(existing, plan, rects, record);
  return true;
}

/** Whether a sheet is one the add-in wrote (and how it was keyed), from its developer metadata. */
export function ownSheetKey(sheet: Sheet): string | null {
  return ownRecord(sheet)?.key ?? null;
}

function ownRecord(sheet: Sheet): OwnRecord | null {
  for (const m of sheet.getDeveloperMetadata()) {
    if (m.getKey() !== OWN_SHEET_KEY) continue;
    try {
      const record = JSON.parse(m.getValue() ?? '') as OwnRecord;
      if (record.v === RECORD_VERSION) return record;
    } catch {
      // Not ours after all (or damaged): treat the sheet as the user's.
    }
  }
  return null;
}

/**
 * Whether our cells still hold what we wrote, and every cell the new content needs is ours or empty: one read of the
 * box around both, so even a sheet of 100,000 customers costs one getValues.
 */
function holdsOnlyOurs(sheet: Sheet, record: OwnRecord, rects: Rect[]): boolean {
  const old = decodeRects(record.cells);
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  // Rows or columns of ours deleted: the user reshaped the sheet.
  if (old.some((r) => r.row + r.rows - 1 > maxRows || r.column + r.columns - 1 > maxColumns)) return false;
  const all = bounding([...old, ...rects]);
  const box = { ...all, rows: Math.max(1, Math.min(all.rows, maxRows - all.row + 1)), columns: Math.max(1, Math.min(all.columns, maxColumns - all.column + 1)) };
  return checkCells(sheet, box, old, rects, record.hash);
}

function checkCells(sheet: Sheet, box: Rect, old: Rect[], rects: Rect[], hash: string): boolean {
  const range = sheet.getRange(box.row, box.column, box.rows, box.columns);
  const values = range.getValues() as CellOut[][];
  const formulas = range.getFormulas();
  const at = (row: number, column: number): string => {
    const i = row - box.row;
    const j = column - box.column;
    if (i >= box.rows || j >= box.columns) return 'e'; // beyond the grid: empty
    return formulas[i][j] !== '' ? formulaKey(formulas[i][j]) : valueKey(values[i][j]);
  };
  const seen = new ContentHash();
  forEachCell(old, (row, column) => seen.text(at(row, column)));
  if (seen.digest() !== hash) return false;
  let free = true;
  forEachCell(rects, (row, column) => {
    if (free && at(row, column) !== 'e' && !old.some((r) => inside(r, row, column))) free = false;
  });
  return free;
}

/** Writes a plan on a sheet, first clearing what we wrote there before (values, formats, our charts and rules). */
function write(sheet: Sheet, plan: SheetPlan, rects: Rect[], previous: OwnRecord | null): void {
  if (previous) {
    for (const r of decodeRects(previous.cells)) sheet.getRange(r.row, r.column, r.rows, r.columns).clear();
    for (const chart of sheet.getCharts()) if (previous.charts.includes(chart.getChartId() ?? -1)) sheet.removeChart(chart);
  }
  const box = bounding(rects);
  ensureSize(sheet, Math.max(plan.minRows, box.row + box.rows - 1), Math.max(plan.minColumns, box.column + box.columns - 1));
  for (const b of plan.values) {
    if (b.values.length === 0 || b.values[0].length === 0) continue;
    sheet.getRange(b.row, b.column, b.values.length, b.values[0].length).setValues(b.values.map((r) => r.map(cellValue)));
  }
  for (const f of plan.formulas) sheet.getRange(f.row, f.column).setFormula(f.formula);
  for (const apply of plan.styles) apply(sheet);
  const charts: number[] = [];
  for (const build of plan.charts) {
    sheet.insertChart(build(sheet));
    // A chart has its id once inserted; the one just inserted is the last.
    const all = sheet.getCharts();
    const id = all.length > 0 ? all[all.length - 1].getChartId() : null;
    if (id !== null) charts.push(id);
  }
  if (plan.rules.length > 0 || (previous && previous.rules.length > 0)) {
    const mine = new Set(previous?.rules ?? []);
    const kept = sheet.getConditionalFormatRules().filter((rule) => !rule.getRanges().every((r) => mine.has(r.getA1Notation())));
    sheet.setConditionalFormatRules([...kept, ...plan.rules.map((r) => r.build(sheet.getRange(r.a1)))]);
  }
  // Set both ways: a sheet refreshed in English after Persian reads left to right again.
  const rightToLeft = isRightToLeft(plan.language);
  if (sheet.isRightToLeft() !== rightToLeft) sheet.setRightToLeft(rightToLeft);
  // Shown in A1's note, for people; the metadata is what the add-in trusts.
  sheet.getRange(1, 1).setNote(SHEETS[plan.language]['note.owner']);
  const record: OwnRecord = { v: RECORD_VERSION, key: plan.key, cells: encodeRects(rects), hash: plan.hash(rects), charts, rules: plan.rules.map((r) => r.a1) };
  const existing = sheet.getDeveloperMetadata().filter((m) => m.getKey() === OWN_SHEET_KEY);
  if (existing.length > 0) {
    existing[0].setValue(JSON.stringify(record));
    for (const extra of existing.slice(1)) extra.remove();
  } else {
    sheet.addDeveloperMetadata(OWN_SHEET_KEY, JSON.stringify(record), SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  }
}

/**
 * A new sheet's grid is 1,000 × 26: keep only the columns (and rows) the content needs, since a spreadsheet holds
 * 10 million cells in all and the user's data needs them more.
 */
function fitNewGrid(sheet: Sheet, rects: Rect[], plan: SheetPlan): void {
  const box = bounding(rects);
  const columns = Math.max(plan.minColumns, box.column + box.columns - 1, 1);
  const rows = Math.max(plan.minRows, box.row + box.rows - 1, 1);
  if (sheet.getMaxColumns() > columns) sheet.deleteColumns(columns + 1, sheet.getMaxColumns() - columns);
  if (sheet.getMaxRows() > rows) sheet.deleteRows(rows + 1, sheet.getMaxRows() - rows);
}

/** The fingerprint of a value as a sheet holds it: numbers to 12 significant digits, dates by their day. */
function valueKey(value: CellOut | null | undefined): string {
  if (value === '' || value === null || value === undefined) return 'e';
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'number') return `n${Number.isFinite(value) ? value.toPrecision(12) : String(value)}`;
  if (typeof value === 'boolean') return value ? 'b1' : 'b0';
  if (Object.prototype.toString.call(value) === '[object Date]') return `d${sheetCalendar().dayOf(value.getTime())}`;
  return `s${String(value)}`;
}

/** Formulas as Sheets may give them back: spacing and letter case are Sheets' to normalise. */
function formulaKey(formula: string): string {
  return `f${formula.replace(/"[^"]*"|[^"]+/g, (part) => (part.startsWith('"') ? part : part.replace(/\s+/g, '').toUpperCase()))}`;
}

function forEachCell(rects: Rect[], visit: (row: number, column: number) => void): void {
  for (const r of rects) for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.columns; j++) visit(r.row + i, r.column + j);
}

function inside(r: Rect, row: number, column: number): boolean {
  return row >= r.row && row < r.row + r.rows && column >= r.column && column < r.column + r.columns;
}

function bounding(rects: Rect[]): Rect {
  if (rects.length === 0) return { row: 1, column: 1, rows: 1, columns: 1 };
  const top = Math.min(...rects.map((r) => r.row));
  const left = Math.min(...rects.map((r) => r.column));
  const bottom = Math.max(...rects.map((r) => r.row + r.rows - 1));
  const right = Math.max(...rects.map((r) => r.column + r.columns - 1));
  return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
}

function encodeRects(rects: Rect[]): string {
  return rects.map((r) => `${r.row},${r.column},${r.rows},${r.columns}`).join(';');
}

function decodeRects(text: string): Rect[] {
  if (text === '') return [];
  return text.split(';').map((part) => {
    const [row, column, rows, columns] = part.split(',').map(Number);
    return { row, column, rows, columns };
  });
}

/** Sheets only accept ranges inside the grid: grow it first. */
export function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}


/** A spreadsheet holds at most this many cells, counting the whole grid of every sheet. */
export const SPREADSHEET_CELL_LIMIT = 10_000_000;
/** A sheet has at most this many columns (A … ZZZ). */
export const SHEET_COLUMN_LIMIT = 18_278;
/** A new sheet's grid (1,000 rows × 26 columns) before the add-in trims it. */
export const NEW_SHEET_CELLS = 26_000;

/** Cells of every sheet's grid. */
export function cellsInUse(spreadsheet: Spreadsheet): number {
  return spreadsheet.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
}
