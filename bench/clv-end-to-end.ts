/**
 * One process, one job: CLV(...) through the built dist/Code.js in the Apps Script harness, with the benchmark
 * log as the 2D cell arrays Sheets would pass (ids as text, dates as Date objects, amounts as numbers).
 * Prints the run times and the process's peak memory (resident set) as JSON on the last line.
 */
import { ymdFromDay } from '../src/core/dates';
import { benchmarkOrderLog } from '../src/core/generate';
import { createHarness } from '../test/harness/gas';

const log = benchmarkOrderLog();
const ms: number[] = [];
let rows = 0;
for (let run = 0; run < 3; run++) {
  // A fresh harness each run: an empty cache, so every run fits the models again.
  const gas = createHarness();
  const ids = Array.from(log.customerIds, (id) => [id]);
  const dates = Array.from(log.days, (d) => {
    const { year, month, day } = ymdFromDay(d);
    return [gas.date(year, month, day)];
  });
  const amounts = Array.from(log.amounts, (a) => [a]);
  const clv = gas.global.CLV as (ids: unknown, dates: unknown, amounts: unknown) => unknown[][];
  const start = performance.now();
  const answer = clv(ids, dates, amounts);
  ms.push(performance.now() - start);
  rows = answer.length;
}
console.log(JSON.stringify({ ms, rows, peakMb: process.resourceUsage().maxRSS / 1024 }));
