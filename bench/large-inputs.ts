/**
 * The largest inputs Sheets can pass a custom function (a spreadsheet holds 10,000,000 cells), each cell function
 * called once through the built dist/Code.js in the harness, as a cell calls it (a fresh load of the script, the
 * cells built in its realm). Prints the time of each call and the start of its answer or its message. A one-off
 * measurement, not a test: run `npm run build`, then `node --import tsx bench/large-inputs.ts [case ...]`
 * (each case runs in a child process of its own with a large heap, so cases neither share memory nor compiled code);
 * the last cases, SIDEBAR and SIDEBAR_ROOM, are the sidebar's Analyze on the order log as a sheet.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dayFromYmd, ymdFromDay } from '../src/core/dates';
import { generateOrderLog, BENCHMARK_PROCESS } from '../src/core/generate';
import { analyzeActiveSheet } from '../test/harness/analyze';
import { createHarness, type Execution } from '../test/harness/gas';

const here = fileURLToPath(import.meta.url);
const dir = path.join(tmpdir(), 'cv-large-inputs');

/** 3,300,000 orders of about 370,000 customers over two years: 9.9 million cells in three columns. */
const ORDER_ROWS = 3_300_000;

function writeLog(): void {
  if (existsSync(path.join(dir, 'days.bin'))) return;
  mkdirSync(dir, { recursive: true });
  const startDay = dayFromYmd(2024, 7, 1);
  const log = generateOrderLog({ seed: 3, customers: 370_000, startDay, days: 730, acquisitionDays: 365, process: BENCHMARK_PROCESS });
  const n = Math.min(ORDER_ROWS, log.days.length);
  const index = new Map<string, number>();
  const distinct: string[] = [];
  const customer = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = log.customerIds[i];
    let k = index.get(id);
    if (k === undefined) index.set(id, (k = distinct.push(id) - 1));
    customer[i] = k;
  }
  writeFileSync(path.join(dir, 'ids.json'), JSON.stringify(distinct));
  writeFileSync(path.join(dir, 'customer.bin'), customer);
  writeFileSync(path.join(dir, 'days.bin'), Int32Array.from(log.days.subarray(0, n)));
  writeFileSync(path.join(dir, 'amounts.bin'), Float64Array.from(log.amounts.subarray(0, n)));
}

function buffer(name: string): ArrayBuffer {
  const b = readFileSync(path.join(dir, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

interface Cells {
  ids: unknown[][];
  dates: unknown[][];
  amounts: unknown[][];
}

function orderCells(execution: Execution): Cells {
  const distinct = JSON.parse(readFileSync(path.join(dir, 'ids.json'), 'utf8')) as string[];
  const customer = new Int32Array(buffer('customer.bin'));
  const days = new Int32Array(buffer('days.bin'));
  const amounts = new Float64Array(buffer('amounts.bin'));
  const n = days.length;
  const cells: Cells = { ids: new Array(n), dates: new Array(n), amounts: new Array(n) };
  const dates = new Map<number, Date>();
  for (let i = 0; i < n; i++) {
    let date = dates.get(days[i]);
    if (!date) {
      const { year, month, day } = ymdFromDay(days[i]);
      dates.set(days[i], (date = execution.date(year, month, day)));
    }
    cells.ids[i] = [distinct[customer[i]]];
    cells.dates[i] = [date];
    cells.amounts[i] = [amounts[i]];
  }
  return cells;
}

const column = (n: number, value: (i: number) => unknown): unknown[][] => Array.from({ length: n }, (_, i) => [value(i)]);

/** Each case: the function's name and its arguments, built in the script's realm. */
const CASES: Record<string, (execution: Execution) => [string, unknown[]]> = {
  CLV: (x) => { const c = orderCells(x); return ['CLV', [c.ids, c.dates, c.amounts]]; },
  CLV_1200: (x) => { const c = orderCells(x); return ['CLV', [c.ids, c.dates, c.amounts, 1200]]; },
  CLV_894: (x) => { const c = orderCells(x); return ['CLV', [c.ids, c.dates, c.amounts, 894]]; },
  CLV_SUMMARY: (x) => { const c = orderCells(x); return ['CLV_SUMMARY', [c.ids, c.dates, c.amounts]]; },
  CLV_FIT: (x) => { const c = orderCells(x); return ['CLV_FIT', [c.ids, c.dates, c.amounts]]; },
  CLV_FIT_PARETO: (x) => { const c = orderCells(x); return ['CLV_FIT', [c.ids, c.dates, c.amounts, 'paretonbd']]; },
  CLV_FIT_GAMMA: (x) => { const c = orderCells(x); return ['CLV_FIT', [c.ids, c.dates, c.amounts, 'gammagamma']]; },
  P_ALIVE: (x) => { const c = orderCells(x); return ['P_ALIVE', [c.ids, c.dates]]; },
  PREDICT_PURCHASES: (x) => { const c = orderCells(x); return ['PREDICT_PURCHASES', [c.ids, c.dates, 90]]; },
  PREDICT_PURCHASES_PARETO: (x) => { const c = orderCells(x); return ['PREDICT_PURCHASES', [c.ids, c.dates, 90, 'day', '', 'paretonbd']]; },
  CLV_HOLDOUT: (x) => { const c = orderCells(x); return ['CLV_HOLDOUT', [c.ids, c.dates, x.date(2025, 12, 31)]]; },
  COHORT_MONTH: (x) => { const c = orderCells(x); return ['COHORT_RETENTION', [c.ids, c.dates, 'month', c.amounts]]; },
  COHORT_WEEK: (x) => { const c = orderCells(x); return ['COHORT_RETENTION', [c.ids, c.dates, 'week']]; },
  COHORT_WEEK_9999: (x) => {
    const c = orderCells(x);
    c.dates[811] = [x.date(9999, 1, 4)];
    return ['COHORT_RETENTION', [c.ids, c.dates, 'week']];
  },
  CHURN: (x) => { const c = orderCells(x); return ['CHURN', [c.ids, c.dates, x.date(2025, 7, 1), x.date(2025, 10, 1)]]; },
  CHURN_SERIES: (x) => {
    const c = orderCells(x);
    const starts = column(24, (i) => x.date(2024, 7 + i, 1));
    const ends = column(24, (i) => x.date(2024, 8 + i, 1));
    return ['CHURN', [c.ids, c.dates, starts, ends]];
  },
  // A daily series as long as CHURN takes for these 370,000 customers (370,000 × 1,080 checks, under 400,000,000).
  CHURN_LIMIT_SERIES: (x) => {
    const c = orderCells(x);
    const starts = column(1080, (i) => x.date(2023, 7, 1 + i));
    const ends = column(1080, (i) => x.date(2023, 8, 1 + i));
    return ['CHURN', [c.ids, c.dates, starts, ends]];
  },
  // The order log leaves room for a series of (10,000,000 − 9,900,000) / 2 = 50,000 periods.
  CHURN_LONG_SERIES: (x) => {
    const c = orderCells(x);
    const starts = column(50_000, (i) => x.date(1900, 1, 1 + i));
    const ends = column(50_000, (i) => x.date(1900, 1, 2 + i));
    return ['CHURN', [c.ids, c.dates, starts, ends]];
  },
  // Aligned functions on 10,000,000 cells: two columns of 5,000,000 rows.
  LTV: () => ['LTV', [column(5_000_000, (i) => 10 + (i % 100)), column(5_000_000, (i) => 0.01 + (i % 50) / 100)]],
  CAC: () => ['CAC', [column(5_000_000, (i) => 1000 + i), column(5_000_000, (i) => 1 + (i % 100))]],
  CHURN_COUNTS: () => ['CHURN', [column(5_000_000, (i) => i % 10), column(5_000_000, () => 100)]],
  CLV_SIMPLE: () => ['CLV_SIMPLE', [column(2_500_000, (i) => i), column(2_500_000, () => 2), column(2_500_000, () => 3), column(2_500_000, () => 0.4)]],
  CLV_FIT_SUMMARY: () => {
    const n = 3_300_000;
    return ['CLV_FIT_SUMMARY', [column(n, (i) => i % 7), column(n, (i) => (i % 7 === 0 ? 0 : 20 + (i % 300))), column(n, (i) => 400 + (i % 331))]];
  },
  // The most distinct histories "paretonbd" takes (500,000), the rest of 3,300,000 rows repeating them.
  CLV_FIT_SUMMARY_PARETO_LIMIT: () => {
    const n = 3_300_000;
    return ['CLV_FIT_SUMMARY', [column(n, (i) => 1 + ((i % 500_000) % 7)), column(n, (i) => 20 + ((i % 500_000) % 300) + (i % 500_000) / 1e6), column(n, () => 700), 'paretonbd']];
  },
  CLV_FIT_SUMMARY_PARETO: () => {
    const n = 3_300_000;
    return ['CLV_FIT_SUMMARY', [column(n, (i) => i % 7), column(n, (i) => (i % 7 === 0 ? 0 : (20 + (i % 300)) * 1.0001)), column(n, (i) => 400 + (i % 331) + i / n), 'paretonbd']];
  },
  RETENTION_FIT_LIMIT: () => ['RETENTION_FIT', [column(10_000, (i) => Math.round(1_000_000 * Math.pow(0.9995, i)))]],
  RETENTION_FORECAST_LIMIT: () => ['RETENTION_FORECAST', [column(10_000, (i) => Math.round(1_000_000 * Math.pow(0.9995, i))), 1000]],
  RETENTION_FIT: () => ['RETENTION_FIT', [column(10_000_000, (i) => Math.max(1, 1_000_000_000 - i * 90))]],
  RETENTION_FORECAST: () => ['RETENTION_FORECAST', [column(9_000_000, (i) => Math.max(1, 1_000_000_000 - i * 90)), 1000]],
};

/**
 * The sidebar's Analyze on the order log as a sheet (order date, customer, amount), the sheet trimmed to it: all
 * 3,300,000 rows (10,000,000 cells, which leave no room for the results: the sidebar says so), or the first
 * `orders`, leaving room. Apps Script gives a sidebar call 6 minutes.
 */
function runSidebar(name: string, orders = Infinity): void {
  const gas = createHarness();
  const sheet = gas.spreadsheet.getActiveSheet().setName('Orders');
  const execution = gas.load('script');
  const cells = orderCells(execution);
  const n = Math.min(orders, cells.ids.length);
  sheet.deleteColumns(4, sheet.getMaxColumns() - 3);
  sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
  const values: unknown[][] = [['Order date', 'Customer', 'Amount']];
  for (let i = 0; i < n; i++) values.push([cells.dates[i][0], cells.ids[i][0], cells.amounts[i][0]]);
  gas.fill(sheet, values);
  const start = performance.now();
  const reply = analyzeActiveSheet(gas);
  const s = (performance.now() - start) / 1000;
  const outcome = reply.ok ? `${reply.value.customers} customers, ${reply.value.orders} orders` : `error: ${reply.error}`;
  console.log(JSON.stringify({ name, seconds: Number(s.toFixed(2)), peakMb: Math.round(process.resourceUsage().maxRSS / 1024), outcome }));
}

function runCase(name: string): void {
  if (name === 'SIDEBAR') return runSidebar(name);
  if (name === 'SIDEBAR_ROOM') return runSidebar(name, 1_500_000);
  const make = CASES[name];
  if (!make) throw new Error(`no case ${name}; cases: ${Object.keys(CASES).join(', ')}`);
  const execution = createHarness().load('cell');
  const [fn, args] = make(execution);
  (globalThis as { gc?: () => void }).gc?.();
  const call = execution.global[fn] as (...a: unknown[]) => unknown;
  const start = performance.now();
  let outcome: string;
  try {
    const answer = call(...args);
    const rows = Array.isArray(answer) ? answer : [[answer]];
    outcome = `${rows.length} rows; ${JSON.stringify(rows.slice(0, 2)).slice(0, 160)}`;
  } catch (e) {
    outcome = `error: ${(e as Error).message}`;
  }
  const s = (performance.now() - start) / 1000;
  console.log(JSON.stringify({ name, seconds: Number(s.toFixed(2)), peakMb: Math.round(process.resourceUsage().maxRSS / 1024), outcome }));
}

const [first, ...rest] = process.argv.slice(2);
if (first === '--case') runCase(rest[0]);
else {
  writeLog();
  for (const name of first ? [first, ...rest] : [...Object.keys(CASES), 'SIDEBAR', 'SIDEBAR_ROOM']) {
    try {
      process.stdout.write(
        execFileSync(process.execPath, ['--max-old-space-size=16000', '--expose-gc', '--import', 'tsx', here, '--case', name], { encoding: 'utf8', maxBuffer: 1 << 24 }),
      );
    } catch (e) {
      console.log(JSON.stringify({ name, failed: String((e as { stderr?: string }).stderr ?? e).slice(-400) }));
    }
  }
}
