/**
 * Part of `npm run bench`, in a child process of its own (bench.ts), so the 10-million-order log never weighs on the
 * other figures' peak memory. The same generated log is summarised twice: by the add-in's summarizeOrders in this
 * process, and by CLV_SQL's "duckdb" summary and patterns queries in an in-process DuckDB (the engine the tests check
 * the SQL on). Loading the log into DuckDB is timed apart: in a warehouse the orders are already there.
 * Prints its rows, then one JSON line for bench.ts.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DuckDBDateValue, DuckDBInstance } from '@duckdb/node-api';
import { dayFromYmd } from '../src/core/dates';
import { BENCHMARK_PROCESS, generateOrderLog } from '../src/core/generate';
import { patternsQuery, summaryQuery, type OrderLogSource } from '../src/core/sql/summary';
import { summarizeOrders } from '../src/core/summary';

/** About 8.9 orders per customer (as the benchmark log): 1,125,000 customers make about 10 million orders. */
const customers = Number(process.argv[2] ?? 1_125_000);

/** Wall time, and this process's CPU time (DuckDB's threads included): on a shared VM the second is the steadier. */
interface Timed<T> {
  ms: number;
  cpuMs: number;
  value: T;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timed<T>(work: () => T): Timed<T> {
  const start = performance.now();
  const cpu = cpuMs();
  const value = work();
  return { ms: performance.now() - start, cpuMs: cpuMs() - cpu, value };
}

async function timedAsync<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const cpu = cpuMs();
  const value = await work();
  return { ms: performance.now() - start, cpuMs: cpuMs() - cpu, value };
}

async function main(): Promise<void> {
  const startDay = dayFromYmd(2024, 7, 1);
  const log = generateOrderLog({ seed: 3, customers, startDay, days: dayFromYmd(2026, 6, 30) - startDay + 1, acquisitionDays: 365, process: BENCHMARK_PROCESS });
  const orders = log.days.length;
  const core = timed(() => summarizeOrders({ ids: log.customerIds, days: log.days, amounts: log.amounts }, { unit: 'day' }));

  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  const load = await timedAsync(async () => {
    await duck.run('CREATE TABLE orders (customer_id VARCHAR, order_date DATE, amount DOUBLE)');
    const appender = await duck.createAppender('orders');
    for (let i = 0; i < orders; i++) {
      appender.appendVarchar(log.customerIds[i]);
      appender.appendDate(new DuckDBDateValue(log.days[i]));
      appender.appendDouble(log.amounts[i]);
      appender.endRow();
    }
    appender.closeSync();
  });
  const source: OrderLogSource = { table: 'orders', idColumn: 'customer_id', dateColumn: 'order_date', amountColumn: 'amount', unit: 'day', dialect: 'duckdb' };
  const summary = await timedAsync(async () => {
    await duck.run(`CREATE TEMP TABLE summary_result AS ${summaryQuery(source)}`);
    return Number((await duck.runAndReadAll('SELECT COUNT(*) AS n FROM summary_result')).getRowObjectsJS()[0].n);
  });
  const patterns = await timedAsync(async () => (await duck.runAndReadAll(patternsQuery(source))).getRowObjectsJS().length);
  const expected = core.value.count + core.value.returnsOnly.ids.length;
  if (summary.value !== expected) throw new Error(`DuckDB summarised ${summary.value} customers, summarizeOrders ${expected}`);
  const result: SqlBench = {
    orders,
    customers: expected,
    patterns: patterns.value,
    coreMs: core.ms,
    coreCpuMs: core.cpuMs,
    loadMs: load.ms,
    summaryMs: summary.ms,
    summaryCpuMs: summary.cpuMs,
    patternsMs: patterns.ms,
    patternsCpuMs: patterns.cpuMs,
    threads: Number((await duck.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJS()[0].t),
  };
  console.log(JSON.stringify(result));
}

const FIELDS = ['orders', 'customers', 'patterns', 'coreMs', 'coreCpuMs', 'loadMs', 'summaryMs', 'summaryCpuMs', 'patternsMs', 'patternsCpuMs', 'threads'] as const;
type SqlBench = Record<(typeof FIELDS)[number], number>;

/** Runs this file in a child process (bench.ts calls it last) and returns the lines to print. */
export function sqlBenchLines(pad: (s: string, n: number) => string, customerCount = 1_125_000): string[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(customerCount)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const parsed: unknown = JSON.parse(out.trim().split('\n').pop() ?? '{}');
  const r: Partial<SqlBench> = {};
  for (const f of FIELDS) {
    const v = typeof parsed === 'object' && parsed !== null && f in parsed ? Object.getOwnPropertyDescriptor(parsed, f)?.value : undefined;
    if (typeof v !== 'number') throw new Error(`bench/sql.ts printed no ${f}`);
    r[f] = v;
  }
  const n = (x: number | undefined): string => (x ?? 0).toLocaleString('en');
  const s = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(1);
  return [
    '',
    `CLV_SQL on a generated log of ${n(r.orders)} orders (${n(r.customers)} customers, ${n(r.patterns)} patterns in days), DuckDB in process (${n(r.threads)} threads)`,
    `${pad('  seconds: wall clock, and CPU of the process (all threads)', 58)}${pad('wall', 10)}cpu`,
    `${pad('  summarizeOrders (the add-in, one thread)', 58)}${pad(s(r.coreMs), 10)}${s(r.coreCpuMs)}`,
    `${pad('  DuckDB: CLV_SQL "summary", a row per customer', 58)}${pad(s(r.summaryMs), 10)}${s(r.summaryCpuMs)}`,
    `${pad('  DuckDB: CLV_SQL "patterns" query', 58)}${pad(s(r.patternsMs), 10)}${s(r.patternsCpuMs)}`,
    `${pad('  (loading the orders into DuckDB, not counted)', 58)}${s(r.loadMs)}`,
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
