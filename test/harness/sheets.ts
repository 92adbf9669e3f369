/**
 * Small, faithful fakes of the SpreadsheetApp objects the add-in uses: values live in 2D arrays,
 * blank cells read as "", ranges check their bounds and setValues checks dimensions as Sheets does.
 */

export type CellValue = string | number | boolean | Date;

export class AppsScriptError extends Error {
  constructor(message: string) {
    super(`Exception: ${message}`);
  }
}

interface CellFormat {
  numberFormat?: string;
  background?: string | null;
  fontWeight?: string | null;
  fontColor?: string | null;
  horizontalAlignment?: string | null;
  wrap?: boolean;
  note?: string;
}

/** How a formula cell gets its value; tests plug an evaluator in (see formulas.ts). */
export type FormulaEvaluator = (formula: string, sheet: FakeSheet, row: number, column: number) => CellValue | CellValue[][];

let nextSheetId = 1000;

export class FakeSpreadsheet {
  private readonly sheets: FakeSheet[] = [];
  private active: FakeSheet;
  formulaEvaluator: FormulaEvaluator | null = null;
  /** Makes dates of the script's realm (the harness sets it), as Sheets hands the script its own Dates. */
  makeDate: (year: number, monthIndex: number, day: number) => Date = (y, m, d) => new Date(y, m, d);
  readonly toasts: { message: string; title?: string }[] = [];
  private timeZone = 'Etc/UTC';
  /** Set while a custom function runs: cells may be read, never written. */
  readOnly = false;

  guard(method: string): void {
    if (this.readOnly) throw new AppsScriptError(`You do not have permission to call ${method}`);
  }

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
  setSpreadsheetTimeZone(tz: string): void {
    this.timeZone = tz;
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
    this.guard('insertSheet');
    const sheetName = name ?? `Sheet${this.sheets.length + 1}`;
    if (this.sheets.some((s) => s.getName().toLowerCase() === sheetName.toLowerCase())) {
      throw new AppsScriptError(`A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    }
    const sheet = new FakeSheet(this, sheetName);
    if (index === undefined) this.sheets.push(sheet);
    else this.sheets.splice(index, 0, sheet);
    this.active = sheet;
    return sheet;
  }
  deleteSheet(sheet: FakeSheet): void {
    this.guard('deleteSheet');
    const i = this.sheets.indexOf(sheet);
    if (i < 0) throw new AppsScriptError('Sheet not found');
    if (this.sheets.length === 1) throw new AppsScriptError("You can't remove all the sheets in a document.");
    this.sheets.splice(i, 1);
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
}

export interface FakeChart {
  type: string;
  ranges: string[];
  options: Record<string, unknown>;
  position: [number, number, number, number];
}

export class FakeSheet {
  private values: CellValue[][] = [];
  private formulas = new Map<string, string>();
  private formats = new Map<string, CellFormat>();
  private maxRows = 1000;
  private maxColumns = 26;
  private frozenRows = 0;
  private frozenColumns = 0;
  private readonly sheetId = nextSheetId++;
  private hidden = false;
  tabColor: string | null = null;
  readonly charts: FakeChart[] = [];
  conditionalFormatRules: unknown[] = [];
  readonly columnWidths = new Map<number, number>();
  /** Counts writes, so tests can assert a sheet was never touched. */
  writes = 0;

  constructor(
    readonly parent: FakeSpreadsheet,
    private name: string,
  ) {}

  getName(): string {
    return this.name;
  }
  setName(name: string): FakeSheet {
    this.parent.guard('setName');
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
    this.parent.guard('insertRowsAfter');
    this.checkRow(Math.max(1, afterPosition));
    this.values.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => []));
    this.maxRows += howMany;
    this.writes++;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.parent.guard('insertColumnsAfter');
    for (const row of this.values) if (row.length > afterPosition) row.splice(afterPosition, 0, ...new Array<CellValue>(howMany).fill(''));
    this.maxColumns += howMany;
    this.writes++;
    return this;
  }
  deleteRows(position: number, howMany: number): void {
    this.parent.guard('deleteRows');
    this.values.splice(position - 1, howMany);
    this.maxRows -= howMany;
    this.writes++;
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
    this.parent.guard('setFrozenRows');
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
    this.parent.guard('clear');
    this.values = [];
    this.formulas.clear();
    this.formats.clear();
    this.conditionalFormatRules = [];
    this.writes++;
    return this;
  }
  clearContents(): FakeSheet {
    this.parent.guard('clearContents');
    this.values = [];
    this.formulas.clear();
    this.writes++;
    return this;
  }
  getCharts(): FakeChart[] {
    return [...this.charts];
  }
  removeChart(chart: FakeChart): void {
    this.parent.guard('removeChart');
    const i = this.charts.indexOf(chart);
    if (i >= 0) this.charts.splice(i, 1);
  }
  newChart(): FakeChartBuilder {
    return new FakeChartBuilder();
  }
  insertChart(chart: FakeChart): void {
    this.parent.guard('insertChart');
    this.charts.push(chart);
    this.writes++;
  }
  setConditionalFormatRules(rules: unknown[]): void {
    this.parent.guard('setConditionalFormatRules');
    this.conditionalFormatRules = [...rules];
    this.writes++;
  }
  getConditionalFormatRules(): unknown[] {
    return [...this.conditionalFormatRules];
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

  private rangeFromA1(a1: string): FakeRange {
    const m = /^(?:'?[^!]*'?!)?\$?([A-Z]+)\$?(\d+)?(?::\$?([A-Z]+)\$?(\d+)?)?$/i.exec(a1.trim());
    if (!m) throw new AppsScriptError('Range not found');
    const c1 = columnNumber(m[1]);
    const r1 = m[2] ? Number(m[2]) : 1;
    const c2 = m[3] ? columnNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : m[3] ? this.maxRows : r1;
    return this.getRange(Math.min(r1, r2), Math.min(c1, c2), Math.abs(r2 - r1) + 1, Math.abs(c2 - c1) + 1);
  }

  // Cell storage (1-based coordinates).
  rawValue(row: number, column: number): CellValue {
    const formula = this.formulas.get(`${row},${column}`);
    if (formula !== undefined) return this.evaluate(formula, row, column);
    return this.values[row - 1]?.[column - 1] ?? '';
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
  storeValue(row: number, column: number, value: CellValue): void {
    // Data pasted in by hand (the tests' fill) grows the grid as Sheets does; the API paths check bounds first.
    if (row > this.maxRows) this.maxRows = row;
    if (column > this.maxColumns) this.maxColumns = column;
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

export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * What Sheets does with a string written by setValue(s): "=..." becomes a formula, a leading apostrophe
 * forces text, numbers and ISO dates typed as text are parsed (as if typed by hand).
 */
function interpretWrittenString(text: string, makeDate: FakeSpreadsheet['makeDate']): { formula?: string; value?: CellValue } {
  if (text.startsWith('=') && text.length > 1) return { formula: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text)) return { value: Number(text) };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return { value: makeDate(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])) };
  return { value: text };
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
    return this.map((r, c) => String(this.sheet.rawValue(r, c)));
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
  getBackgrounds(): string[][] {
    return this.map((r, c) => this.sheet.formatAt(r, c).background ?? '#ffffff');
  }
  getNumberFormats(): string[][] {
    return this.map((r, c) => this.sheet.formatAt(r, c).numberFormat ?? 'General');
  }
  getFontWeights(): string[][] {
    return this.map((r, c) => this.sheet.formatAt(r, c).fontWeight ?? 'normal');
  }

  setValues(values: unknown[][]): FakeRange {
    this.sheet.parent.guard('setValues');
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
    this.sheet.parent.guard('setValue');
    this.forEach((r, c) => this.write(r, c, value));
    this.sheet.writes++;
    return this;
  }
  setFormula(formula: string): FakeRange {
    this.sheet.parent.guard('setFormula');
    this.forEach((r, c) => this.sheet.storeFormula(r, c, formula));
    this.sheet.writes++;
    return this;
  }
  setFormulas(formulas: string[][]): FakeRange {
    this.sheet.parent.guard('setFormulas');
    if (formulas.length !== this.numRows || formulas.some((r) => r.length !== this.numColumns)) {
      throw new AppsScriptError('The number of rows or columns in the data does not match the range.');
    }
    formulas.forEach((row, i) => row.forEach((f, j) => (f ? this.sheet.storeFormula(this.row + i, this.column + j, f) : this.sheet.storeValue(this.row + i, this.column + j, ''))));
    this.sheet.writes++;
    return this;
  }
  clearContent(): FakeRange {
    this.sheet.parent.guard('clearContent');
    this.forEach((r, c) => this.sheet.storeValue(r, c, ''));
    this.sheet.writes++;
    return this;
  }
  clear(): FakeRange {
    this.sheet.parent.guard('clear');
    this.forEach((r, c) => {
      this.sheet.storeValue(r, c, '');
      this.sheet.setFormatAt(r, c, { numberFormat: undefined, background: null, fontWeight: null, fontColor: null });
    });
    this.sheet.writes++;
    return this;
  }

  setNumberFormat(format: string): FakeRange {
    return this.format({ numberFormat: format });
  }
  setNumberFormats(formats: string[][]): FakeRange {
    this.sheet.parent.guard('setNumberFormats');
    this.forEach((r, c) => this.sheet.setFormatAt(r, c, { numberFormat: formats[r - this.row][c - this.column] }));
    return this;
  }
  setBackground(color: string | null): FakeRange {
    return this.format({ background: color });
  }
  setBackgrounds(colors: (string | null)[][]): FakeRange {
    this.sheet.parent.guard('setBackgrounds');
    this.forEach((r, c) => this.sheet.setFormatAt(r, c, { background: colors[r - this.row][c - this.column] }));
    return this;
  }
  setFontWeight(weight: string | null): FakeRange {
    return this.format({ fontWeight: weight });
  }
  setFontColor(color: string | null): FakeRange {
    return this.format({ fontColor: color });
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
  setFontSize(): FakeRange {
    return this;
  }

  private format(change: CellFormat): FakeRange {
    this.sheet.parent.guard('a formatting method');
    this.forEach((r, c) => this.sheet.setFormatAt(r, c, change));
    return this;
  }

  private write(row: number, column: number, value: unknown): void {
    if (value === null || value === undefined) return this.sheet.storeValue(row, column, '');
    if (typeof value === 'string') {
      const { formula, value: v } = interpretWrittenString(value, this.sheet.parent.makeDate);
      if (formula !== undefined) return this.sheet.storeFormula(row, column, formula);
      return this.sheet.storeValue(row, column, v ?? '');
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
    return { type: this.type, ranges: [...this.ranges], options: { ...this.options }, position: this.position };
  }
}
