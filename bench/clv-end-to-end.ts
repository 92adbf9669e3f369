/**
 * One process, one job, as Apps Script runs a custom function (fresh, nothing compiled yet): CLV(...) through the
 * built dist/Code.js in the Apps Script harness, with the benchmark log as the 2D cell arrays Sheets would pass
 * (ids as text, dates as Date objects of the script's realm, amounts as numbers), an empty cache so the models are
 * fitted. Prints, as JSON on the last line: the time of the call, the rows spilled, the process's peak resident
 * memory, and the resident memory just before the call (the cell arrays themselves already take part of it).
 */
import { ymdFromDay } from '../src/core/dates';
import { benchmarkOrderLog } from '../src/core/generate';
import { createHarness } from '../test/harness/gas';

const log = benchmarkOrderLog();
const gas = createHarness();
const ids = Array.from(log.customerIds, (id) => [id]);
const dates = Array.from(log.days, (d) => {
  const { year, month, day } = ymdFromDay(d);
  return [gas.date(year, month, day)];
});
const amounts = Array.from(log.amounts, (a) => [a]);
const clv = gas.global.CLV as (ids: unknown, dates: unknown, amounts: unknown) => unknown[][];
const beforeMb = process.memoryUsage().rss / 2 ** 20;
const start = performance.now();
const answer = clv(ids, dates, amounts);
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, rows: answer.length, peakMb: process.resourceUsage().maxRSS / 1024, beforeMb }));
