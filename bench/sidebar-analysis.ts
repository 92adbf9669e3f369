/**
 * The sidebar's Analyze on the benchmark order log (about 900,000 orders of 100,000 customers), through the built
 * dist/Code.js in the harness: reading the sheet, fitting, and writing the "Customer value" and "Segments" sheets.
 * Apps Script allows 6 minutes. Prints the time as JSON on the last line.
 */
import { ymdFromDay } from '../src/core/dates';
import { benchmarkOrderLog } from '../src/core/generate';
import { analyzeActiveSheet } from '../test/harness/analyze';
import { createHarness } from '../test/harness/gas';

const log = benchmarkOrderLog();
const gas = createHarness();
const sheet = gas.spreadsheet.getActiveSheet();
sheet.setName('Orders');
// 894,000 rows of a new sheet's 26 columns would pass the 10 million cells a spreadsheet holds: keep the five used.
sheet.deleteColumns(6, sheet.getMaxColumns() - 5);
const rows: unknown[][] = [['Order date', 'Customer', 'Amount', 'Cost', 'Referred by']];
for (let i = 0; i < log.days.length; i++) {
  const { year, month, day } = ymdFromDay(log.days[i]);
  rows.push([new Date(year, month - 1, day), log.customerIds[i], log.amounts[i], log.costs[i], log.referredBy[i]]);
}
gas.fill(sheet, rows);
const start = performance.now();
const reply = analyzeActiveSheet(gas);
const ms = performance.now() - start;
if (!reply.ok) throw new Error(reply.error);
console.log(JSON.stringify({ ms, customers: reply.value.customers, orders: log.days.length }));
