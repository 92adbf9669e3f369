/**
 * The preview's Apps Script execution: a harness running the built dist/Code.js over the preview spreadsheet.
 * It runs in a worker thread so the HTTP server stays free while an analysis runs; the server asks it for
 * google.script.run calls, sheet values and tab switches, one at a time, as messages.
 * Loaded through worker.mjs (which registers tsx).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createHarness } from '../test/harness/gas';
import { FakeSpreadsheet, type FakeSheet } from '../test/harness/sheets';
import type { PreviewSheet } from './sample';

export interface WorkerSetup {
  sheets: PreviewSheet[];
  distDir?: string;
  /** Evaluate the formula demo on the first sheet and send it back with `ready`. */
  demo: boolean;
}

export type WorkerRequest =
  | { id: number; type: 'run'; fn: string; args: unknown[] }
  | { id: number; type: 'sheets'; rows?: number }
  | { id: number; type: 'activate'; name: string };

export type WorkerMessage =
  | { type: 'ready'; demo: string[][] | null }
  | { type: 'cache-put'; key: string; value: string; seconds?: number }
  | { type: 'cache-remove'; key: string }
  | { id: number; result: unknown }
  | { id: number; error: string };

/** Cell values as JSON: dates as yyyy-mm-dd (or a full ISO instant when not at midnight). */
export type JsonCell = string | number | boolean;

export interface SheetsSnapshot {
  active: string;
  sheets: { name: string; rows: number; columns: number; values: JsonCell[][] }[];
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

function fillSheet(sheet: FakeSheet, rows: PreviewSheet['rows']): void {
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

/** The last column holding a value, found cell by cell (FakeSheet.getLastColumn trips over rows never written). */
function lastColumn(sheet: FakeSheet, rows: number): number {
  let last = 0;
  for (let r = 1; r <= rows; r++) {
    for (let c = sheet.getMaxColumns(); c > last; c--) {
      if (sheet.rawValue(r, c) !== '') {
        last = c;
        break;
      }
    }
  }
  return last;
}

function snapshot(maxRows?: number): SheetsSnapshot {
  return {
    active: spreadsheet.getActiveSheet().getName(),
    sheets: spreadsheet.getSheets().map((sheet) => {
      const rows = sheet.getLastRow();
      const columns = lastColumn(sheet, rows);
      const shown = maxRows === undefined ? rows : Math.min(rows, maxRows);
      const values = rows === 0 || columns === 0 || shown === 0 ? [] : sheet.getRange(1, 1, shown, columns).getValues().map((r) => r.map(jsonCell));
      return { name: sheet.getName(), rows, columns, values };
    }),
  };
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
  }
}

port.on('message', (request: WorkerRequest) => {
  try {
    port.postMessage({ id: request.id, result: handle(request) } satisfies WorkerMessage);
  } catch (e) {
    port.postMessage({ id: request.id, error: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage);
  }
});

port.postMessage({ type: 'ready', demo: setup.demo ? formulaDemo() : null } satisfies WorkerMessage);
