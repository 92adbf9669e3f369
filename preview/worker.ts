/**
 * The preview's Apps Script execution: a harness running the built dist/Code.js over the preview spreadsheet.
 * It runs in a worker thread so the HTTP server stays free while an analysis runs; the server asks it for
 * google.script.run calls, sheet values and tab switches, one at a time, as messages.
 * Loaded through worker.mjs (which registers tsx).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { displayText, type Shown } from '../test/harness/display';
import { evaluateFormulas } from '../test/harness/formulas';
import { createHarness, FakeMenu, type MenuItem } from '../test/harness/gas';
import { CellError, FakeSpreadsheet, type FakeChart, type FakeSheet } from '../test/harness/sheets';
import { typedValue } from '../test/harness/typed';
import { drawChart, safeColor, type ChartDrawing, type ChartSeries } from './chart';
import { conditionalBackgrounds } from './conditional';
import type { PreviewSheet } from './sample';
import type { UploadCell, UploadedSheet } from './upload';

export interface WorkerSetup {
  sheets: PreviewSheet[];
  distDir?: string;
  /** Evaluate the formula demo on the first sheet and send it back with `ready`. */
  demo: boolean;
}

export type WorkerRequest =
  | { id: number; type: 'run'; fn: string; args: unknown[] }
  | { id: number; type: 'sheets'; rows?: number }
  | { id: number; type: 'activate'; name: string }
  | { id: number; type: 'import'; sheets: UploadedSheet[] }
  | { id: number; type: 'menu'; functionName: string };

export type WorkerMessage =
  | { type: 'ready'; demo: string[][] | null; menu: MenuItem[] }
  | { type: 'cache-put'; key: string; value: string; seconds?: number }
  | { type: 'cache-remove'; key: string }
  | { id: number; result: unknown }
  | { id: number; error: string };

/** Cell values as JSON: dates as yyyy-mm-dd (or a full ISO instant when not at midnight). */
export type JsonCell = string | number | boolean;

/** A cell as Sheets draws it: its display text (through its number format), alignment and colours. */
export interface ShownCell {
  text: string;
  align: 'left' | 'right' | 'center';
  background?: string;
  color?: string;
  bold?: boolean;
}

/** A chart the add-in inserted, drawn, with the cell its top-left corner is anchored to (1-based) and its offset in pixels. */
export interface PlacedChart extends ChartDrawing {
  row: number;
  column: number;
  offsetX: number;
  offsetY: number;
}

export interface SheetSnapshot {
  name: string;
  rows: number;
  columns: number;
  /** What getValues gives (dates as yyyy-mm-dd); formula cells of the template hold their evaluated answers. */
  values: JsonCell[][];
  shown: ShownCell[][];
  charts: PlacedChart[];
  /** Column widths in pixels the add-in set, as [column (1-based), width] pairs. */
  widths: [number, number][];
}

export interface SheetsSnapshot {
  active: string;
  sheets: SheetSnapshot[];
}

/** What a menu action did: whether it opened the sidebar (the page then shows it afresh) and the sheet now active. */
export interface MenuResult {
  sidebar: boolean;
  active: string;
}

const port = parentPort!;
const setup = workerData as WorkerSetup;

const spreadsheet = new FakeSpreadsheet('Customer Value preview');
const harness = createHarness({ spreadsheet, distDir: setup.distDir });

// Apps Script runs each google.script.run call in its own execution, all sharing CacheService: the server
// answers progress polls from a second execution whose user cache mirrors this one.
const cache = harness.userCache;
const put = cache.put.bind(cache);
const remove = cache.remove.bind(cache);
cache.put = (key, value, seconds) => {
  put(key, value, seconds);
  port.postMessage({ type: 'cache-put', key, value, seconds } satisfies WorkerMessage);
};
cache.remove = (key) => {
  remove(key);
  port.postMessage({ type: 'cache-remove', key } satisfies WorkerMessage);
};

function fillSheet(sheet: FakeSheet, rows: (PreviewSheet['rows'][number][number] | Shown)[][]): void {
  const width = Math.max(1, ...rows.map((r) => r.length));
  if (rows.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  if (rows.length > 0) harness.fill(sheet, rows);
}

setup.sheets.forEach((s, i) => {
  const sheet = i === 0 ? spreadsheet.getSheets()[0].setName(s.name) : spreadsheet.insertSheet(s.name);
  fillSheet(sheet, s.rows);
});
spreadsheet.setActiveSheet(spreadsheet.getSheets()[0]);

/** A date as the spreadsheet shows it: its day in the spreadsheet's time zone (and the instant when not at midnight). */
function jsonCell(value: unknown): JsonCell {
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const d = value as Date;
    const day = spreadsheet.dayOf(d);
    if (spreadsheet.dateOf(1970, 1, 1 + day).getTime() !== d.getTime()) return d.toISOString();
    return new Date(day * 86_400_000).toISOString().slice(0, 10);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return value === null || value === undefined ? '' : String(value);
}

/** Answers of the formulas (the template's) by sheet name and "row,column", spilled as Sheets spills them. */
const formulaAnswers = new Map<string, Map<string, unknown>>();

/** Evaluates every formula of the spreadsheet through the bundle, as Sheets would recompute them. */
function evaluateAllFormulas(): void {
  formulaAnswers.clear();
  for (const sheet of spreadsheet.getSheets()) {
    let evaluated;
    try {
      evaluated = evaluateFormulas(harness, [sheet.getName()]);
    } catch {
      continue; // a formula the evaluator cannot run: the sheet shows its formulas' cells blank
    }
    const answers = new Map<string, unknown>();
    for (const e of evaluated) {
      const at = sheet.getRange(e.cell);
      const rows = Array.isArray(e.result) ? e.result : [[e.result]];
      rows.forEach((r: unknown, i) => (Array.isArray(r) ? r : [r]).forEach((v: unknown, j) => answers.set(`${at.getRow() + i},${at.getColumn() + j}`, v)));
    }
    formulaAnswers.set(sheet.getName(), answers);
  }
}

/** The cell's value: a formula's evaluated answer where there is one, else what it holds. */
function cellValue(sheet: FakeSheet, answers: Map<string, unknown> | undefined, row: number, column: number): Shown {
  const key = `${row},${column}`;
  if (answers?.has(key)) {
    const v = answers.get(key);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof CellError) return v;
    if (Object.prototype.toString.call(v) === '[object Date]') return new Date(Number(v));
    return v === null || v === undefined ? '' : String(v);
  }
  return sheet.storedValue(row, column);
}

/** The last column holding a value, found cell by cell (FakeSheet.getLastColumn trips over rows never written). */
function lastColumn(sheet: FakeSheet, rows: number, answers: Map<string, unknown> | undefined): number {
  let last = 0;
  for (let r = 1; r <= rows; r++) {
    for (let c = sheet.getMaxColumns(); c > last; c--) {
      if (sheet.rawValue(r, c) !== '' || answers?.has(`${r},${c}`)) {
        last = c;
        break;
      }
    }
  }
  return last;
}

function shownCell(sheet: FakeSheet, value: Shown, row: number, column: number, conditional: Map<string, string>): ShownCell {
  const format = sheet.formatAt(row, column);
  const text = displayText(value, format.numberFormat, spreadsheet.getSpreadsheetTimeZone());
  const numeric = typeof value === 'number' || Object.prototype.toString.call(value) === '[object Date]';
  const align = format.horizontalAlignment === 'center' || typeof value === 'boolean' || value instanceof CellError ? 'center' : numeric ? 'right' : 'left';
  const cell: ShownCell = { text, align };
  const background = conditional.get(`${row},${column}`) ?? safeColor(format.background);
  if (background && background !== '#ffffff') cell.background = background;
  const color = safeColor(format.fontColor);
  if (color) cell.color = color;
  if (format.fontWeight === 'bold') cell.bold = true;
  return cell;
}

function snapshot(maxRows?: number): SheetsSnapshot {
  return {
    active: spreadsheet.getActiveSheet().getName(),
    sheets: spreadsheet.getSheets().map((sheet) => {
      const answers = formulaAnswers.get(sheet.getName());
      const rows = sheet.getLastRow();
      const columns = lastColumn(sheet, rows, answers);
      const shownRows = maxRows === undefined ? rows : Math.min(rows, maxRows);
      const conditional = conditionalBackgrounds(sheet);
      const values: JsonCell[][] = [];
      const shown: ShownCell[][] = [];
      for (let r = 1; r <= (columns === 0 ? 0 : shownRows); r++) {
        const valueRow: JsonCell[] = [];
        const shownRow: ShownCell[] = [];
        for (let c = 1; c <= columns; c++) {
          const value = cellValue(sheet, answers, r, c);
          valueRow.push(jsonCell(value instanceof CellError ? value.code : value));
          shownRow.push(shownCell(sheet, value, r, c, conditional));
        }
        values.push(valueRow);
        shown.push(shownRow);
      }
      const charts = maxRows === 0 ? [] : sheet.getCharts().map(placedChart);
      return { name: sheet.getName(), rows, columns, values, shown, charts, widths: [...sheet.columnWidths.entries()] };
    }),
  };
}

/** One of the add-in's charts, its ranges read as Sheets reads a chart's data: the first column the categories, each other column a series. */
function placedChart(chart: FakeChart): PlacedChart {
  const columns: { values: unknown[]; format: string | undefined }[] = [];
  for (const ref of chart.ranges) {
    const bang = ref.lastIndexOf('!');
    const sheet = spreadsheet.getSheetByName(ref.slice(0, bang));
    if (!sheet) continue;
    const range = sheet.getRange(ref.slice(bang + 1));
    const values = range.getValues();
    const formats = range.getNumberFormats();
    for (let j = 0; j < range.getNumColumns(); j++) {
      columns.push({ values: values.map((r) => r[j]), format: formats[Math.min(1, formats.length - 1)]?.[j] });
    }
  }
  const options = new Map<string, unknown>(Object.entries(chart.options));
  const [category, ...seriesColumns] = columns;
  const declared = options.get('numHeaders');
  const headers = typeof declared === 'number' ? declared : seriesColumns.length > 0 && seriesColumns.every((c) => typeof c.values[0] === 'string') ? 1 : 0;
  const zone = spreadsheet.getSpreadsheetTimeZone();
  const axis = (name: string): Map<string, unknown> => {
    const value = options.get(name);
    return new Map<string, unknown>(typeof value === 'object' && value !== null ? Object.entries(value) : []);
  };
  const [hAxis, vAxis] = [axis('hAxis'), axis('vAxis')];
  const formatter = (axisOptions: Map<string, unknown>, cellFormat: string | undefined) => (v: number): string =>
    displayText(v, axisOptions.get('format') === 'percent' ? '0%' : cellFormat, zone);
  const series: ChartSeries[] = seriesColumns.map((c, k) => ({
    name: headers > 0 ? String(c.values[0]) : `Series ${k + 1}`,
    values: c.values.slice(headers).map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null)),
  }));
  const categories = (category?.values ?? []).slice(headers).map((v) => (typeof v === 'number' ? v : String(jsonCell(v))));
  const title = options.get('title');
  const legend = axis('legend');
  const colors = options.get('colors');
  const drawing = drawChart({
    type: chart.type,
    title: typeof title === 'string' ? title : '',
    categories,
    series,
    xTitle: typeof hAxis.get('title') === 'string' ? String(hAxis.get('title')) : '',
    yTitle: typeof vAxis.get('title') === 'string' ? String(vAxis.get('title')) : '',
    formatX: formatter(hAxis, category?.format),
    formatY: formatter(vAxis, seriesColumns[0]?.format),
    legend: legend.get('position') !== 'none',
    stacked: options.get('isStacked') === true,
    colors: Array.isArray(colors) ? colors.map(safeColor).filter((c): c is string => c !== null) : [],
  });
  const [row, column, offsetX, offsetY] = chart.position;
  return { ...drawing, row, column, offsetX, offsetY };
}

/** An uploaded cell as the sheet holds it after Sheets' import. */
function importedValue(cell: UploadCell): Shown {
  switch (cell.kind) {
    case 'typed': {
      const typed = typedValue(cell.text, spreadsheet.typing());
      // Sheets would make "=..." a formula; an uploaded file's formulas are not run here, so it stays text.
      return 'formula' in typed ? cell.text : typed.value;
    }
    case 'text':
      return cell.text;
    case 'number':
    case 'boolean':
      return cell.value;
    case 'date':
      return spreadsheet.dateOf(cell.year, cell.month, cell.day, cell.ms);
    case 'error':
      return new CellError(cell.code);
    case 'blank':
      return '';
  }
}

/** A sheet name not yet taken (Sheets compares names ignoring case): "orders", then "orders (2)", ... */
function freeName(wanted: string): string {
  const base = wanted === '' ? 'Upload' : wanted;
  const taken = (name: string): boolean => spreadsheet.getSheets().some((s) => s.getName().toLowerCase() === name.toLowerCase());
  let name = base;
  for (let k = 2; taken(name); k++) name = `${base} (${k})`;
  return name;
}

/** Adds each uploaded sheet as a new sheet after the others, as File > Import > Insert new sheet(s) does; the first becomes active. */
function importSheets(sheets: UploadedSheet[]): string[] {
  const names: string[] = [];
  for (const upload of sheets) {
    const sheet = spreadsheet.insertSheet(freeName(upload.name));
    fillSheet(sheet, upload.rows.map((r) => r.map(importedValue)));
    upload.rows.forEach((r, i) =>
      r.forEach((c, j) => {
        if ((c.kind === 'number' || c.kind === 'date') && c.format) sheet.setFormatAt(i + 1, j + 1, { numberFormat: c.format });
      }),
    );
    names.push(sheet.getName());
  }
  const first = spreadsheet.getSheetByName(names[0]);
  if (first) spreadsheet.setActiveSheet(first);
  return names;
}

/** The add-in's menu as onOpen builds it when the spreadsheet opens (AuthMode.NONE: the add-on not yet used here). */
function addInMenu(): MenuItem[] {
  harness.run('onOpen', { authMode: 'NONE' });
  const items = (menu: FakeMenu): MenuItem[] => menu.items.flatMap((item) => (item === 'separator' ? [] : item instanceof FakeMenu ? items(item) : [item]));
  return harness.ui.menus.flatMap(items);
}

const menu = addInMenu();

function runMenu(functionName: string): MenuResult {
  if (!menu.some((item) => item.functionName === functionName)) throw new Error(`the add-in's menu has no item running ${functionName}`);
  const sidebars = harness.ui.sidebars.length;
  harness.run(functionName);
  const sidebar = harness.ui.sidebars.length > sidebars;
  // Evaluating formulas takes seconds (the template's call the models): only after an action that wrote sheets.
  if (!sidebar) evaluateAllFormulas();
  return { sidebar, active: spreadsheet.getActiveSheet().getName() };
}

/** A few formulas on the first sheet (the sample order log), as `npm start` prints them. */
function formulaDemo(): string[][] {
  const sheet = spreadsheet.getSheets()[0];
  const n = sheet.getLastRow();
  const column = (letter: string): unknown[][] => sheet.getRange(`${letter}2:${letter}${n}`).getValues();
  const [dates, ids, amounts] = [column('A'), column('B'), column('C')];
  const cohort = [[1000], [631], [468], [382], [326]];
  const show = (answer: unknown): string => {
    if (!Array.isArray(answer)) return jsonText(answer);
    const rows = answer as unknown[][];
    if (rows.length === 1 && rows[0].length === 1) return jsonText(rows[0][0]);
    const first = rows.length > 1 ? rows[1] : rows[0];
    return `${rows.length} × ${rows[0].length}; ${rows.length > 1 ? `${rows[0].map(jsonText).join(' | ')}: ` : ''}${first.map(jsonText).join(' | ')}`;
  };
  const cases: [string, string, unknown[]][] = [
    ['=LTV(30, 5%)', 'LTV', [30, 0.05]],
    ['=LTV(30, 5%, 1%)', 'LTV', [30, 0.05, 0.01]],
    ['=CHURN(5, 100)', 'CHURN', [5, 100]],
    ['=CLV_SIMPLE(200000, 2.5, 2)', 'CLV_SIMPLE', [200000, 2.5, 2]],
    ['=CAC(5000, 100)', 'CAC', [5000, 100]],
    ['=LTV_CAC(600, 150)', 'LTV_CAC', [600, 150]],
    ['=CAC_PAYBACK(150, 30)', 'CAC_PAYBACK', [150, 30]],
    ['=COHORT_RETENTION(B2:B, A2:A, "quarter")', 'COHORT_RETENTION', [ids, dates, 'quarter']],
    ['=CLV_SUMMARY(B2:B, A2:A, C2:C)', 'CLV_SUMMARY', [ids, dates, amounts]],
    ['=CLV_FIT(B2:B, A2:A)', 'CLV_FIT', [ids, dates]],
    ['=P_ALIVE(B2:B, A2:A)', 'P_ALIVE', [ids, dates]],
    ['=PREDICT_PURCHASES(B2:B, A2:A, 90)', 'PREDICT_PURCHASES', [ids, dates, 90]],
    ['=CLV(B2:B, A2:A, C2:C)', 'CLV', [ids, dates, amounts]],
    ['=CLV_HOLDOUT(B2:B, A2:A, DATE(2026,1,1))', 'CLV_HOLDOUT', [ids, dates, spreadsheet.dateOf(2026, 1, 1)]],
    ['=CHURN(B2:B, A2:A, DATE(2026,1,1), DATE(2026,4,1))', 'CHURN', [ids, dates, spreadsheet.dateOf(2026, 1, 1), spreadsheet.dateOf(2026, 4, 1)]],
    ['=RETENTION_FIT({1000;631;468;382;326})', 'RETENTION_FIT', [cohort]],
    ['=RETENTION_FORECAST({1000;631;468;382;326}, 3)', 'RETENTION_FORECAST', [cohort, 3]],
  ];
  return cases.map(([formula, name, args]) => {
    try {
      return [formula, show(harness.cell(name, ...args))];
    } catch (e) {
      return [formula, `error: ${(e as Error).message}`];
    }
  });
}

function jsonText(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  if (value instanceof Date) return jsonCell(value) as string;
  return String(jsonCell(value));
}

function handle(request: WorkerRequest): unknown {
  switch (request.type) {
    case 'run':
      return harness.fromClient(request.fn, ...request.args);
    case 'sheets':
      return snapshot(request.rows);
    case 'activate': {
      const sheet = spreadsheet.getSheetByName(request.name);
      if (!sheet) throw new Error(`no sheet named ${request.name}`);
      sheet.activate();
      return snapshot(0).active;
    }
    case 'import':
      return importSheets(request.sheets);
    case 'menu':
      return runMenu(request.functionName);
  }
}

port.on('message', (request: WorkerRequest) => {
  try {
    port.postMessage({ id: request.id, result: handle(request) } satisfies WorkerMessage);
  } catch (e) {
    port.postMessage({ id: request.id, error: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage);
  }
});

port.postMessage({ type: 'ready', demo: setup.demo ? formulaDemo() : null, menu } satisfies WorkerMessage);
