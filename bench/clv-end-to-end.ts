/**
 * One process, one job, as Apps Script runs a custom function (fresh, nothing compiled yet): CLV(...) through the
 * built dist/Code.js in the Apps Script harness, on the cells Sheets would pass for the benchmark log (ids as text,
 * dates as Date objects of the script's realm, amounts as numbers, each a one-cell row), with an empty cache so the
 * models are fitted. The log comes from the file bench.ts wrote (writeLogFiles), so this process holds what a
 * custom function call holds, not the generator's working data. Prints, as JSON on the last line: the time of the
 * call, the rows spilled, the process's peak resident memory, and the resident memory just before the call.
 * Usage: node clv-end-to-end.mjs LOG_DIR DIST_DIR [INTERVAL] (bench.ts bundles this file first, so the process carries
 * no TypeScript loader: tsx alone adds about 35 MB to a Node process); with INTERVAL, e.g. 0.8, CLV's 9th argument.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ymdFromDay } from '../src/core/dates';
import type { SyntheticOrderLog } from '../src/core/generate';
import { createHarness, type Execution } from '../test/harness/gas';

/** The log as compact files: distinct ids (JSON), and per order the customer number, day and amount. */
export function writeLogFiles(log: SyntheticOrderLog, dir: string): void {
  const index = new Map<string, number>();
  const distinct: string[] = [];
  const customer = new Int32Array(log.customerIds.length);
  log.customerIds.forEach((id, i) => {
    let k = index.get(id);
    if (k === undefined) index.set(id, (k = distinct.push(id) - 1));
    customer[i] = k;
  });
  writeFileSync(path.join(dir, 'ids.json'), JSON.stringify(distinct));
  writeFileSync(path.join(dir, 'customer.bin'), customer);
  writeFileSync(path.join(dir, 'days.bin'), Int32Array.from(log.days));
  writeFileSync(path.join(dir, 'amounts.bin'), Float64Array.from(log.amounts));
}

function readLogFiles(dir: string): { distinct: string[]; customer: Int32Array; days: Int32Array; amounts: Float64Array } {
  const buffer = (name: string): ArrayBuffer => {
    const b = readFileSync(path.join(dir, name));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  };
  return {
    distinct: JSON.parse(readFileSync(path.join(dir, 'ids.json'), 'utf8')) as string[],
    customer: new Int32Array(buffer('customer.bin')),
    days: new Int32Array(buffer('days.bin')),
    amounts: new Float64Array(buffer('amounts.bin')),
  };
}

/**
 * The cells Sheets passes for the log: ids as text, dates as Date objects of the script's realm, amounts as numbers,
 * each a one-cell row. Only the cells outlive this function, so the call runs beside nothing but its input.
 */
function cellsOf(dir: string, execution: Execution): { ids: unknown[][]; dates: unknown[][]; amounts: unknown[][] } {
  const log = readLogFiles(dir);
  const n = log.days.length;
  const ids = new Array<unknown[]>(n);
  const dates = new Array<unknown[]>(n);
  const amounts = new Array<unknown[]>(n);
  // Calendar parts per distinct day (about 730), so building the cells leaves no garbage per row behind: Sheets
  // builds them natively, and their slack is not the add-in's memory.
  const calendar = new Map<number, { year: number; month: number; day: number }>();
  for (let i = 0; i < n; i++) {
    let ymd = calendar.get(log.days[i]);
    if (!ymd) calendar.set(log.days[i], (ymd = ymdFromDay(log.days[i])));
    ids[i] = [log.distinct[log.customer[i]]];
    dates[i] = [execution.date(ymd.year, ymd.month, ymd.day)];
    amounts[i] = [log.amounts[i]];
  }
  return { ids, dates, amounts };
}

const [dir, distDir, interval] = process.argv.slice(2);
if (dir && distDir) {
  // One load of the script, as a cell's call is: the cells are built as dates of its realm, as Sheets hands them.
  const execution = createHarness({ distDir }).load('cell');
  const cells = cellsOf(dir, execution);
  // The files' buffers and the log read from them are garbage now; collect them (when the process was started
  // with --expose-gc) so the memory figures are those of a call that holds its input and nothing else.
  (globalThis as { gc?: () => void }).gc?.();
  const clv = execution.global.CLV as (ids: unknown, dates: unknown, amounts: unknown, ...rest: unknown[]) => unknown[][];
  const beforeMb = process.memoryUsage().rss / 2 ** 20;
  const start = performance.now();
  const answer = interval ? clv(cells.ids, cells.dates, cells.amounts, '', '', '', '', '', Number(interval)) : clv(cells.ids, cells.dates, cells.amounts);
  const ms = performance.now() - start;
  console.log(JSON.stringify({ ms, rows: answer.length, peakMb: process.resourceUsage().maxRSS / 1024, beforeMb }));
}
