/**
 * Small, faithful fakes of the SpreadsheetApp objects the add-in uses, held to Google's documented rules: values live
 * in 2D arrays and blank cells read as ""; ranges check their bounds and setValues its dimensions; a written string
 * is parsed as if typed (typed.ts); cells may hold error values, which scripts read as text; the spreadsheet has its
 * own time zone, and dates show in it; a spreadsheet holds at most 10 million cells; developer metadata stays with
 * its column or row as columns and rows move, within its size limit.
 *
 * Values are stored as the test's own objects (host Dates). The harness (gas.ts) hands them to the script through a
 * membrane that makes them objects of the script's realm and enforces what each kind of execution may call.
 */
import { columnLetters } from '../../src/core/a1';
import { dayIn, startOfDayIn, wallClock } from '../support/zones';
import { displayText } from './display';
import { CellError, typedValue, type TypingContext } from './typed';

export { CellError } from './typed';

/** What a script reads from a cell. */
export type CellValue = string | number | boolean | Date;
/** What a cell holds. */
type Stored = CellValue | CellError;

export class AppsScriptError extends Error {
  constructor(message: string) {
    super(`Exception: ${message}`);
  }
}

/** A spreadsheet holds at most 10 million cells, counting the whole grid of every sheet. */
export const CELL_LIMIT = 10_000_000;
/** Developer metadata: at most 30,000 characters (keys and values) on the spreadsheet, and as many on each sheet. */
export const METADATA_LIMIT = 30_000;
/** A new sheet's grid. */
const NEW_SHEET = { rows: 1000, columns: 26 };

interface CellFormat {
  numberFormat?: string;
  background?: string | null;
  fontWeight?: string | null;
  fontColor?: string | null;
  fontSize?: number | null;
  horizontalAlignment?: string | null;
  wrap?: boolean;
  note?: string;
}

/** How a formula cell gets its value; tests plug an evaluator in (see formulas.ts). */
export type FormulaEvaluator = (formula: string, sheet: FakeSheet, row: number, column: number) => CellValue | CellValue[][];

let nextSheetId = 1000;
let nextMetadataId = 1;
let nextChartId = 1;

export class FakeSpreadsheet {
  private readonly sheets: FakeSheet[] = [];
  private active: FakeSheet;
  formulaEvaluator: FormulaEvaluator | null = null;
  readonly toasts: { message: string; title?: string }[] = [];
  private timeZone = 'Etc/UTC';
  private locale = 'en_US';
  /** The clock of "now" (the year of a typed "1/2"); tests may set it. */
  now: () => number = () => Date.now();
  readonly metadata: FakeDeveloperMetadata[] = [];

  constructor(
    private name = 'Untitled spreadsheet',
    readonly id = 'fake-spreadsheet-id',
  ) {
    this.active = this.insertSheet('Sheet1');
  }

  getName(): string {
    return this.name;
  }
  rename(name: string): void {
    this.name = name;
  }
  getId(): string {
    return this.id;
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  setSpreadsheetTimeZone(zone: string): void {
    new Intl.DateTimeFormat('en-US', { timeZone: zone }); // throws for an unknown zone, as Sheets refuses it
    this.timeZone = zone;
  }
  getSpreadsheetLocale(): string {
    return this.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.locale = locale;
  }

  /** A date cell as Sheets hands it to a script: the first instant of that day (month 1-12) in the spreadsheet's zone. */
  dateOf(year: number, month: number, day: number, msIntoDay = 0): Date {
    const key = `${this.timeZone} ${year}-${month}-${day}`;
    let start = this.dayStarts.get(key);
    if (start === undefined) this.dayStarts.set(key, (start = startOfDayIn(this.timeZone, year, month, day)));
    return new Date(start + msIntoDay);
  }
  /** Day starts found so far: logs repeat a few hundred days many times. */
  private readonly dayStarts = new Map<string, number>();
  /** The calendar day (days since 1970-01-01) a date shows in the spreadsheet. */
  dayOf(date: Date): number {
    return dayIn(this.timeZone, date.getTime());
  }
  typing(): TypingContext {
    return { dateOf: (y, m, d, ms) => this.dateOf(y, m, d, ms), currentYear: () => wallClock(this.timeZone, this.now()).year };
  }

  getSheets(): FakeSheet[] {
    return [...this.sheets];
  }
  getNumSheets(): number {
    return this.sheets.length;
  }
  getSheetByName(name: string): FakeSheet | null {
    return this.sheets.find((s) => s.getName() === name) ?? null;
  }
  getSheetById(id: number): FakeSheet | null {
    return this.sheets.find((s) => s.getSheetId() === id) ?? null;
  }
  getActiveSheet(): FakeSheet {
    return this.active;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.active = sheet;
    return sheet;
  }
  private activeRange: FakeRange | null = null;
  /** In a custom function, the calling cell. */
  getActiveRange(): FakeRange {
    return this.activeRange ?? this.active.getRange(1, 1);
  }
  setActiveRange(range: FakeRange): FakeRange {
    this.activeRange = range;
    this.active = range.sheet;
    return range;
  }
  insertSheet(name?: string, index?: number): FakeSheet {
    const sheetName = name ?? `Sheet${this.sheets.length + 1}`;
    if (this.sheets.some((s) => s.getName().toLowerCase() === sheetName.toLowerCase())) {
      throw new AppsScriptError(`A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    }
    this.ensureRoom(NEW_SHEET.rows * NEW_SHEET.columns);
    const sheet = new FakeSheet(this, sheetName, NEW_SHEET.rows, NEW_SHEET.columns);
    if (index === undefined) this.sheets.push(sheet);
    else this.sheets.splice(index, 0, sheet);
    this.active = sheet;
    return sheet;
  }
  deleteSheet(sheet: FakeSheet): void {
    const i = this.sheets.indexOf(sheet);
    if (i < 0) throw new AppsScriptError('Sheet not found');
    if (this.sheets.length === 1) throw new AppsScriptError("You can't remove all the sheets in a document.");
    this.sheets.splice(i, 1);
    for (let k = this.metadata.length - 1; k >= 0; k--) if (this.metadata[k].sheet() === sheet) this.metadata.splice(k, 1);
    if (this.active === sheet) this.active = this.sheets[0];
  }
  /** Index (1-based) as Sheets reports it. */
  indexOf(sheet: FakeSheet): number {
    return this.sheets.indexOf(sheet) + 1;
  }
  moveSheet(sheet: FakeSheet, position: number): void {
    const i = this.sheets.indexOf(sheet);
    this.sheets.splice(i, 1);
    this.sheets.splice(position - 1, 0, sheet);
  }
  toast(message: string, title?: string): void {
    this.toasts.push({ message, title });
  }
  /** Sheets' flush: a no-op offline. */
  flush(): void {}

  /** Cells of every sheet's grid. */
  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
  }
  /** Throws as Sheets does when an action would take the spreadsheet past its cell limit. */
  ensureRoom(extraCells: number): void {
    if (this.totalCells() + extraCells > CELL_LIMIT) {
      throw new AppsScriptError(`This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`);
    }
  }

  // Developer metadata of the spreadsheet itself.
  addDeveloperMetadata(key: string, value?: string | null, visibility?: string): FakeSpreadsheet {
    addMetadata(this, { type: 'SPREADSHEET' }, key, value, visibility);
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    return this.metadata.filter((m) => m.location.type === 'SPREADSHEET');
  }
  createDeveloperMetadataFinder(): FakeMetadataFinder {
    return new FakeMetadataFinder(() => this.metadata);
  }
}

export type MetadataLocation =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheet: FakeSheet }
  | { type: 'COLUMN' | 'ROW'; sheet: FakeSheet; index: number };

function addMetadata(spreadsheet: FakeSpreadsheet, location: MetadataLocation, key: string, value: string | null | undefined, visibility = 'DOCUMENT'): FakeDeveloperMetadata {
  if (typeof key !== 'string' || key === '') throw new AppsScriptError('Invalid argument: key');
  const entry = new FakeDeveloperMetadata(spreadsheet, nextMetadataId++, key, value ?? null, visibility, location);
  spreadsheet.metadata.push(entry);
  try {
    checkMetadataRoom(spreadsheet, entry);
  } catch (e) {
    spreadsheet.metadata.pop();
    throw e;
  }
  return entry;
}

/** Sheets keeps at most 30,000 characters of metadata on the spreadsheet and on each sheet (its rows and columns included). */
function checkMetadataRoom(spreadsheet: FakeSpreadsheet, changed: FakeDeveloperMetadata): void {
  const owner = changed.sheet();
  const used = spreadsheet.metadata.filter((m) => m.sheet() === owner).reduce((n, m) => n + m.size(), 0);
  if (used > METADATA_LIMIT) {
    throw new AppsScriptError(`The developer metadata of ${owner ? `sheet "${owner.getName()}"` : 'the spreadsheet'} would exceed the limit of ${METADATA_LIMIT} characters.`);
  }
}

export class FakeDeveloperMetadata {
  constructor(
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly id: number,
    private key: string,
    private value: string | null,
    private readonly visibility: string,
    readonly location: MetadataLocation,
  ) {}
  getId(): number {
    return this.id;
  }
  getKey(): string {
    return this.key;
  }
  getValue(): string | null {
    return this.value;
  }
  getVisibility(): string {
    return this.visibility;
  }
  setKey(key: string): FakeDeveloperMetadata {
    const before = this.key;
    this.key = key;
    this.recheck(() => (this.key = before));
    return this;
  }
  setValue(value: string): FakeDeveloperMetadata {
    const before = this.value;
    this.value = value;
    this.recheck(() => (this.value = before));
    return this;
  }
  remove(): void {
    const i = this.spreadsheet.metadata.indexOf(this);
    if (i >= 0) this.spreadsheet.metadata.splice(i, 1);
  }
  getLocation(): FakeMetadataLocation {
    return new FakeMetadataLocation(this.spreadsheet, this.location);
  }
  sheet(): FakeSheet | null {
    return this.location.type === 'SPREADSHEET' ? null : this.location.sheet;
  }
  size(): number {
    return this.key.length + (this.value?.length ?? 0);
  }
  private recheck(undo: () => void): void {
    try {
      checkMetadataRoom(this.spreadsheet, this);
    } catch (e) {
      undo();
      throw e;
    }
  }
}

export class FakeMetadataLocation {
  constructor(
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly location: MetadataLocation,
  ) {}
  getLocationType(): string {
    return this.location.type;
  }
  getSpreadsheet(): FakeSpreadsheet | null {
    return this.location.type === 'SPREADSHEET' ? this.spreadsheet : null;
  }
  getSheet(): FakeSheet | null {
    return this.location.type === 'SHEET' ? this.location.sheet : null;
  }
  getColumn(): FakeRange | null {
    const l = this.location;
    return l.type === 'COLUMN' ? l.sheet.getRange(1, l.index, l.sheet.getMaxRows(), 1) : null;
  }
  getRow(): FakeRange | null {
    const l = this.location;
    return l.type === 'ROW' ? l.sheet.getRange(l.index, 1, 1, l.sheet.getMaxColumns()) : null;
  }
}

export class FakeMetadataFinder {
  private readonly tests: ((m: FakeDeveloperMetadata) => boolean)[] = [];
  constructor(private readonly all: () => FakeDeveloperMetadata[]) {}
  withKey(key: string): FakeMetadataFinder {
    this.tests.push((m) => m.getKey() === key);
    return this;
  }
  withValue(value: string): FakeMetadataFinder {
    this.tests.push((m) => m.getValue() === value);
    return this;
  }
  withId(id: number): FakeMetadataFinder {
    this.tests.push((m) => m.getId() === id);
    return this;
  }
  withLocationType(type: string): FakeMetadataFinder {
    this.tests.push((m) => m.location.type === type);
    return this;
  }
  withVisibility(visibility: string): FakeMetadataFinder {
    this.tests.push((m) => m.getVisibility() === visibility);
    return this;
  }
  find(): FakeDeveloperMetadata[] {
    return this.all().filter((m) => this.tests.every((t) => t(m)));
  }
}

export class FakeChart {
  private id = 0;
  constructor(
    readonly type: string,
    readonly ranges: string[],
    readonly options: Record<string, unknown>,
    readonly position: [number, number, number, number],
  ) {}
  /** Set when the chart is inserted, as Sheets numbers embedded charts. */
  placed(): void {
    this.id = nextChartId++;
  }
  getChartId(): number | null {
    return this.id === 0 ? null : this.id;
  }
  getOptions(): { get(option: string): unknown } {
    return { get: (option: string) => this.options[option] ?? null };
  }
}

export class FakeSheet {
  private values: Stored[][] = [];
  private formulas = new Map<string, string>();
  private formats = new Map<string, CellFormat>();
  private frozenRows = 0;
  private frozenColumns = 0;
  private readonly sheetId = nextSheetId++;
  private hidden = false;
  private rightToLeft = false;
  tabColor: string | null = null;
  readonly charts: FakeChart[] = [];
  conditionalFormatRules: unknown[] = [];
  readonly columnWidths = new Map<number, number>();
  /** Counts writes, so tests can assert a sheet was never touched. */
  writes = 0;

  constructor(
    readonly parent: FakeSpreadsheet,
    private name: string,
    private maxRows: number,
    private maxColumns: number,
  ) {}

  getName(): string {
    return this.name;
  }
  setName(name: string): FakeSheet {
    if (this.parent.getSheets().some((s) => s !== this && s.getName().toLowerCase() === name.toLowerCase())) {
      throw new AppsScriptError(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.name = name;
    return this;
  }
  getSheetId(): number {
    return this.sheetId;
  }
  getParent(): FakeSpreadsheet {
    return this.parent;
  }
  getIndex(): number {
    return this.parent.indexOf(this);
  }
  activate(): FakeSheet {
    this.parent.setActiveSheet(this);
    return this;
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }
  hideSheet(): FakeSheet {
    this.hidden = true;
    return this;
  }
  isRightToLeft(): boolean {
    return this.rightToLeft;
  }
  /**
   * As Apps Script's Sheet.setRightToLeft(rightToLeft: Boolean): Sheet. Apps Script refuses an argument that is not a
   * boolean (a "true" string included) rather than converting it; the layout is a change to the sheet, so it counts
   * as a write (a user's sheet must never be flipped).
   */
  setRightToLeft(rightToLeft: boolean): FakeSheet {
    if (typeof rightToLeft !== 'boolean') {
      throw new AppsScriptError(`The parameters (${typeof rightToLeft}) don't match the method signature for SpreadsheetApp.Sheet.setRightToLeft.`);
    }
    this.rightToLeft = rightToLeft;
    this.writes++;
    return this;
  }
  setTabColor(color: string | null): FakeSheet {
    this.tabColor = color;
    return this;
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.checkRow(Math.max(1, afterPosition));
    this.parent.ensureRoom(howMany * this.maxColumns);
    if (afterPosition < this.values.length) {
      this.values = this.values.slice(0, afterPosition).concat(Array.from({ length: howMany }, () => []), this.values.slice(afterPosition));
    }
    this.shiftCells('row', afterPosition + 1, howMany);
    this.maxRows += howMany;
    this.writes++;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    if (afterPosition > this.maxColumns) throw new AppsScriptError('Those columns are out of bounds.');
    this.parent.ensureRoom(howMany * this.maxRows);
    this.values = this.values.map((row) => (row.length > afterPosition ? row.slice(0, afterPosition).concat(new Array<Stored>(howMany).fill(''), row.slice(afterPosition)) : row));
    this.shiftCells('column', afterPosition + 1, howMany);
    this.maxColumns += howMany;
    this.writes++;
    return this;
  }
  deleteRows(position: number, howMany: number): void {
    this.checkRow(position + howMany - 1);
    if (howMany >= this.maxRows) throw new AppsScriptError('Sorry, it is not possible to delete all non-frozen rows.');
    this.values.splice(position - 1, howMany);
    this.shiftCells('row', position, -howMany);
    this.maxRows -= howMany;
    this.writes++;
  }
  deleteColumns(position: number, howMany: number): void {
    if (position < 1 || position + howMany - 1 > this.maxColumns) throw new AppsScriptError('Those columns are out of bounds.');
    if (howMany >= this.maxColumns) throw new AppsScriptError('Sorry, it is not possible to delete all non-frozen columns.');
    for (const row of this.values) row.splice(position - 1, howMany);
    this.shiftCells('column', position, -howMany);
    this.maxColumns -= howMany;
    this.writes++;
  }

  /** Moves formulas, formats and row or column metadata from `from` on by `by` (negative: those in the gap go). */
  private shiftCells(axis: 'row' | 'column', from: number, by: number): void {
    const move = <T>(map: Map<string, T>): Map<string, T> => {
      const out = new Map<string, T>();
      for (const [key, value] of map) {
        const [r, c] = key.split(',').map(Number);
        const k = axis === 'row' ? r : c;
        if (by < 0 && k >= from && k < from - by) continue;
        const moved = k >= from ? k + by : k;
        out.set(axis === 'row' ? `${moved},${c}` : `${r},${moved}`, value);
      }
      return out;
    };
    this.formulas = move(this.formulas);
    this.formats = move(this.formats);
    const type = axis === 'row' ? 'ROW' : 'COLUMN';
    const metadata = this.parent.metadata;
    for (let i = metadata.length - 1; i >= 0; i--) {
      const l = metadata[i].location;
      if (l.type !== type || l.sheet !== this || l.index < from) continue;
      if (by < 0 && l.index < from - by) metadata.splice(i, 1);
      else l.index += by;
    }
  }

  getLastRow(): number {
    for (let r = this.values.length; r >= 1; r--) {
      if ((this.values[r - 1] ?? []).some((v) => v !== '' && v !== undefined)) return r;
      for (let c = 1; c <= this.maxColumns; c++) if (this.formulas.has(`${r},${c}`)) return r;
    }
    return 0;
  }
  getLastColumn(): number {
    let last = 0;
    for (const row of this.values) {
      for (let c = row.length; c > last; c--) {
        if (row[c - 1] !== '' && row[c - 1] !== undefined) {
          last = c;
          break;
        }
      }
    }
    for (const key of this.formulas.keys()) last = Math.max(last, Number(key.split(',')[1]));
    return last;
  }
  getDataRange(): FakeRange {
    return this.getRange(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  setFrozenRows(n: number): void {
    this.frozenRows = n;
  }
  getFrozenRows(): number {
    return this.frozenRows;
  }
  setFrozenColumns(n: number): void {
    this.frozenColumns = n;
  }
  getFrozenColumns(): number {
    return this.frozenColumns;
  }
  setColumnWidth(column: number, width: number): FakeSheet {
    this.columnWidths.set(column, width);
    return this;
  }
  setColumnWidths(start: number, count: number, width: number): FakeSheet {
    for (let c = start; c < start + count; c++) this.columnWidths.set(c, width);
    return this;
  }
  autoResizeColumns(start: number, count: number): FakeSheet {
    for (let c = start; c < start + count; c++) this.columnWidths.set(c, -1);
    return this;
  }
  clear(): FakeSheet {
    this.values = [];
    this.formulas.clear();
    this.formats.clear();
    this.conditionalFormatRules = [];
    this.writes++;
    return this;
  }
  clearContents(): FakeSheet {
    this.values = [];
    this.formulas.clear();
    this.writes++;
    return this;
  }
  getCharts(): FakeChart[] {
    return [...this.charts];
  }
  removeChart(chart: FakeChart): void {
    const i = this.charts.indexOf(chart);
    if (i >= 0) this.charts.splice(i, 1);
  }
  newChart(): FakeChartBuilder {
    return new FakeChartBuilder();
  }
  insertChart(chart: FakeChart): void {
    chart.placed();
    this.charts.push(chart);
    this.writes++;
  }
  setConditionalFormatRules(rules: unknown[]): void {
    this.conditionalFormatRules = [...rules];
    this.writes++;
  }
  getConditionalFormatRules(): unknown[] {
    return [...this.conditionalFormatRules];
  }
  addDeveloperMetadata(key: string, value?: string | null, visibility?: string): FakeSheet {
    addMetadata(this.parent, { type: 'SHEET', sheet: this }, key, value, visibility);
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    return this.parent.metadata.filter((m) => m.location.type === 'SHEET' && m.location.sheet === this);
  }
  createDeveloperMetadataFinder(): FakeMetadataFinder {
    return new FakeMetadataFinder(() => this.parent.metadata.filter((m) => m.sheet() === this));
  }

  getRange(a: number | string, column?: number, numRows = 1, numColumns = 1): FakeRange {
    if (typeof a === 'string') return this.rangeFromA1(a);
    if (column === undefined) throw new AppsScriptError('The parameters (number) don\'t match the method signature for SpreadsheetApp.Sheet.getRange.');
    if (!Number.isInteger(a) || !Number.isInteger(column) || a < 1 || column < 1) {
      throw new AppsScriptError('Range not found');
    }
    if (numRows < 1 || numColumns < 1) throw new AppsScriptError('The number of rows in the range must be at least 1.');
    this.checkRow(a + numRows - 1);
    if (column + numColumns - 1 > this.maxColumns) throw new AppsScriptError('Those columns are out of bounds.');
    return new FakeRange(this, a, column, numRows, numColumns);
  }

  private checkRow(row: number): void {
    if (row > this.maxRows) throw new AppsScriptError('Those rows are out of bounds.');
  }

  /** A1, A1:B9, A2:A (to the grid's last row), C:C (a whole column), 2:2 (a whole row). */
  private rangeFromA1(a1: string): FakeRange {
    const text = a1.trim().replace(/^(?:'(?:[^']|'')*'|[^!']*)!/, '');
    const whole = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(text);
    if (whole) {
      const [c1, c2] = [columnNumber(whole[1]), columnNumber(whole[2])];
      return this.getRange(1, Math.min(c1, c2), this.maxRows, Math.abs(c2 - c1) + 1);
    }
    const rows = /^\$?(\d+):\$?(\d+)$/.exec(text);
    if (rows) {
      const [r1, r2] = [Number(rows[1]), Number(rows[2])];
      return this.getRange(Math.min(r1, r2), 1, Math.abs(r2 - r1) + 1, this.maxColumns);
    }
    const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+)?)?$/i.exec(text);
    if (!m) throw new AppsScriptError('Range not found');
    const c1 = columnNumber(m[1]);
    const r1 = Number(m[2]);
    const c2 = m[3] ? columnNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : m[3] ? this.maxRows : r1;
    return this.getRange(Math.min(r1, r2), Math.min(c1, c2), Math.abs(r2 - r1) + 1, Math.abs(c2 - c1) + 1);
  }

  // Cell storage (1-based coordinates).
  /** What a script reads from the cell: its value, an error as its text, a formula's evaluated value. */
  rawValue(row: number, column: number): CellValue {
    const stored = this.storedValue(row, column);
    return stored instanceof CellError ? stored.code : stored;
  }
  /** What the cell holds, errors as CellError. */
  storedValue(row: number, column: number): Stored {
    const formula = this.formulas.get(`${row},${column}`);
    if (formula !== undefined) return this.evaluate(formula, row, column);
    return this.values[row - 1]?.[column - 1] ?? '';
  }
  /** The cell as Sheets shows it, through its number format and in the spreadsheet's time zone. */
  displayValue(row: number, column: number): string {
    return displayText(this.storedValue(row, column), this.formatAt(row, column).numberFormat, this.parent.getSpreadsheetTimeZone());
  }
  formulaAt(row: number, column: number): string {
    return this.formulas.get(`${row},${column}`) ?? '';
  }
  formatAt(row: number, column: number): CellFormat {
    return this.formats.get(`${row},${column}`) ?? {};
  }
  setFormatAt(row: number, column: number, change: CellFormat): void {
    const key = `${row},${column}`;
    this.formats.set(key, { ...(this.formats.get(key) ?? {}), ...change });
  }
  clearFormatAt(row: number, column: number): void {
    this.formats.delete(`${row},${column}`);
  }
  /** Stores a value as a person pasting values would (no parsing); grows the grid as pasting does. */
  storeValue(row: number, column: number, value: Stored): void {
    if (row > this.maxRows || column > this.maxColumns) {
      const rows = Math.max(row, this.maxRows);
      const columns = Math.max(column, this.maxColumns);
      this.parent.ensureRoom(rows * columns - this.maxRows * this.maxColumns);
      this.maxRows = rows;
      this.maxColumns = columns;
    }
    while (this.values.length < row) this.values.push([]);
    const r = this.values[row - 1];
    while (r.length < column - 1) r.push('');
    r[column - 1] = value;
    this.formulas.delete(`${row},${column}`);
  }
  storeFormula(row: number, column: number, formula: string): void {
    this.storeValue(row, column, '');
    this.formulas.set(`${row},${column}`, formula);
  }

  private evaluate(formula: string, row: number, column: number): CellValue {
    const evaluator = this.parent.formulaEvaluator;
    if (!evaluator) return '';
    const result = evaluator(formula, this, row, column);
    return Array.isArray(result) ? result[0]?.[0] ?? '' : result;
  }
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}


export class FakeRange {
  constructor(
    readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {}

  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numColumns;
  }
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    return this.column + this.numColumns - 1;
  }
  getSheet(): FakeSheet {
    return this.sheet;
  }
  getA1Notation(): string {
    const start = `${columnLetters(this.column)}${this.row}`;
    if (this.numRows === 1 && this.numColumns === 1) return start;
    return `${start}:${columnLetters(this.getLastColumn())}${this.getLastRow()}`;
  }
  getValues(): CellValue[][] {
    return this.map((r, c) => this.sheet.rawValue(r, c));
  }
  getValue(): CellValue {
    return this.sheet.rawValue(this.row, this.column);
  }
  getDisplayValues(): string[][] {
    return this.map((r, c) => this.sheet.displayValue(r, c));
  }
  getDisplayValue(): string {
    return this.sheet.displayValue(this.row, this.column);
  }
  getFormulas(): string[][] {
    return this.map((r, c) => this.sheet.formulaAt(r, c));
  }
  getFormula(): string {
    return this.sheet.formulaAt(this.row, this.column);
  }
  getNote(): string {
    return this.sheet.formatAt(this.row, this.column).note ?? '';
  }
  getNotes(): string[][] {
    return this.map((r, c) => this.sheet.formatAt(r, c).note ?? '');
  }
  getBackgrounds(): string[][] {
    return this.map((r, c) => this.sheet.formatAt(r, c).background ?? '#ffffff');
  }
  getBackground(): string {
    return this.sheet.formatAt(this.row, this.column).background ?? '#ffffff';
  }
  getNumberFormats(): string[][] {
    return this.map((r, c) => this.sheet.formatAt(r, c).numberFormat ?? 'General');
  }
  getNumberFormat(): string {
    return this.sheet.formatAt(this.row, this.column).numberFormat ?? 'General';
  }
  getFontWeights(): string[][] {
    return this.map((r, c) => this.sheet.formatAt(r, c).fontWeight ?? 'normal');
  }
  getFontWeight(): string {
    return this.sheet.formatAt(this.row, this.column).fontWeight ?? 'normal';
  }

  setValues(values: unknown[][]): FakeRange {
    if (!Array.isArray(values) || values.length !== this.numRows) {
      const got = Array.isArray(values) ? values.length : 0;
      throw new AppsScriptError(`The number of rows in the data does not match the number of rows in the range. The data has ${got} but the range has ${this.numRows}.`);
    }
    for (const row of values) {
      if (!Array.isArray(row) || row.length !== this.numColumns) {
        const got = Array.isArray(row) ? row.length : 0;
        throw new AppsScriptError(`The number of columns in the data does not match the number of columns in the range. The data has ${got} but the range has ${this.numColumns}.`);
      }
    }
    values.forEach((row, i) => row.forEach((v, j) => this.write(this.row + i, this.column + j, v)));
    this.sheet.writes++;
    return this;
  }
  setValue(value: unknown): FakeRange {
    this.forEach((r, c) => this.write(r, c, value));
    this.sheet.writes++;
    return this;
  }
  setFormula(formula: string): FakeRange {
    this.forEach((r, c) => this.sheet.storeFormula(r, c, formula));
    this.sheet.writes++;
    return this;
  }
  setFormulas(formulas: string[][]): FakeRange {
    if (formulas.length !== this.numRows || formulas.some((r) => r.length !== this.numColumns)) {
      throw new AppsScriptError('The number of rows or columns in the data does not match the range.');
    }
    formulas.forEach((row, i) => row.forEach((f, j) => (f ? this.sheet.storeFormula(this.row + i, this.column + j, f) : this.sheet.storeValue(this.row + i, this.column + j, ''))));
    this.sheet.writes++;
    return this;
  }
  clearContent(): FakeRange {
    this.forEach((r, c) => this.sheet.storeValue(r, c, ''));
    this.sheet.writes++;
    return this;
  }
  clearFormat(): FakeRange {
    this.forEach((r, c) => this.sheet.clearFormatAt(r, c));
    this.sheet.writes++;
    return this;
  }
  clear(): FakeRange {
    this.forEach((r, c) => {
      this.sheet.storeValue(r, c, '');
      this.sheet.clearFormatAt(r, c);
    });
    this.sheet.writes++;
    return this;
  }
  /** Developer metadata may sit on a whole row or a whole column, not on any other range (as in Sheets). */
  addDeveloperMetadata(key: string, value?: string | null, visibility?: string): FakeRange {
    addMetadata(this.sheet.parent, this.dimension(), key, value, visibility);
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    const whole = this.wholeDimension();
    if (!whole) return [];
    return this.sheet.parent.metadata.filter((m) => m.location.type === whole.type && m.location.sheet === this.sheet && m.location.index === whole.index);
  }
  private wholeDimension(): { type: 'COLUMN' | 'ROW'; sheet: FakeSheet; index: number } | null {
    if (this.row === 1 && this.numRows === this.sheet.getMaxRows() && this.numColumns === 1) return { type: 'COLUMN', sheet: this.sheet, index: this.column };
    if (this.column === 1 && this.numColumns === this.sheet.getMaxColumns() && this.numRows === 1) return { type: 'ROW', sheet: this.sheet, index: this.row };
    return null;
  }
  private dimension(): MetadataLocation {
    const whole = this.wholeDimension();
    if (!whole) {
      throw new AppsScriptError(
        'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
      );
    }
    return whole;
  }

  setNumberFormat(format: string): FakeRange {
    return this.format({ numberFormat: format });
  }
  setNumberFormats(formats: string[][]): FakeRange {
    this.forEach((r, c) => this.sheet.setFormatAt(r, c, { numberFormat: formats[r - this.row][c - this.column] }));
    return this;
  }
  setBackground(color: string | null): FakeRange {
    return this.format({ background: color });
  }
  setBackgrounds(colors: (string | null)[][]): FakeRange {
    this.forEach((r, c) => this.sheet.setFormatAt(r, c, { background: colors[r - this.row][c - this.column] }));
    return this;
  }
  setFontWeight(weight: string | null): FakeRange {
    return this.format({ fontWeight: weight });
  }
  setFontColor(color: string | null): FakeRange {
    return this.format({ fontColor: color });
  }
  setFontSize(size: number | null): FakeRange {
    return this.format({ fontSize: size });
  }
  setHorizontalAlignment(alignment: string | null): FakeRange {
    return this.format({ horizontalAlignment: alignment });
  }
  setWrap(wrap: boolean): FakeRange {
    return this.format({ wrap });
  }
  setNote(note: string): FakeRange {
    return this.format({ note });
  }
  setVerticalAlignment(): FakeRange {
    return this;
  }

  private format(change: CellFormat): FakeRange {
    this.forEach((r, c) => this.sheet.setFormatAt(r, c, change));
    return this;
  }

  /** A value written by setValue(s): strings are parsed as if typed (typed.ts), as Sheets does. */
  private write(row: number, column: number, value: unknown): void {
    if (value === null || value === undefined) return this.sheet.storeValue(row, column, '');
    if (typeof value === 'string') {
      const typed = typedValue(value, this.sheet.parent.typing());
      if ('formula' in typed) return this.sheet.storeFormula(row, column, typed.formula);
      return this.sheet.storeValue(row, column, typed.value);
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new AppsScriptError(`Invalid value ${value} for a cell.`);
      return this.sheet.storeValue(row, column, value);
    }
    if (typeof value === 'boolean' || Object.prototype.toString.call(value) === '[object Date]') {
      return this.sheet.storeValue(row, column, value as CellValue);
    }
    throw new AppsScriptError(`Cannot convert ${Object.prototype.toString.call(value)} to a cell value.`);
  }

  private map<T>(f: (row: number, column: number) => T): T[][] {
    return Array.from({ length: this.numRows }, (_, i) => Array.from({ length: this.numColumns }, (_, j) => f(this.row + i, this.column + j)));
  }
  private forEach(f: (row: number, column: number) => void): void {
    for (let i = 0; i < this.numRows; i++) for (let j = 0; j < this.numColumns; j++) f(this.row + i, this.column + j);
  }
}

export class FakeChartBuilder {
  private type = 'COLUMN';
  private readonly ranges: string[] = [];
  private readonly options: Record<string, unknown> = {};
  private position: [number, number, number, number] = [1, 1, 0, 0];

  setChartType(type: string): FakeChartBuilder {
    this.type = type;
    return this;
  }
  addRange(range: FakeRange): FakeChartBuilder {
    this.ranges.push(`${range.getSheet().getName()}!${range.getA1Notation()}`);
    return this;
  }
  setOption(key: string, value: unknown): FakeChartBuilder {
    this.options[key] = value;
    return this;
  }
  setPosition(row: number, column: number, offsetX: number, offsetY: number): FakeChartBuilder {
    this.position = [row, column, offsetX, offsetY];
    return this;
  }
  setNumHeaders(n: number): FakeChartBuilder {
    this.options.numHeaders = n;
    return this;
  }
  asColumnChart(): FakeChartBuilder {
    this.type = 'COLUMN';
    return this;
  }
  asLineChart(): FakeChartBuilder {
    this.type = 'LINE';
    return this;
  }
  build(): FakeChart {
    return new FakeChart(this.type, [...this.ranges], { ...this.options }, this.position);
  }
}
