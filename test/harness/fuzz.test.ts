/**
 * Fuzzes every public cell function through the built dist/Code.js, called as a cell calls it (a fresh load of the
 * script per call, values handed over in the script's realm), with hostile arguments from fast-check (text numbers,
 * error values, checkboxes, huge and tiny numbers, far dates, blank rows, misshapen ranges, degenerate order logs,
 * extreme summaries, odd cohorts) mixed with ordinary ones (generated shops, the sample log), and holds every call to
 * the add-in's contract:
 *
 * - it returns within BUDGET_MS (25 s) of wall time;
 * - it gives either a finite answer (a number, text, boolean, date or '', or a rectangular 2D array of those, no NaN,
 *   no ±Infinity, no holes, at most 18,278 columns and 10 million cells), or an error whose message starts with
 *   "<FUNCTION>: ", holds none of JavaScript's words ("TypeError", "undefined", "NaN", …), is at most a few hundred
 *   characters and ends as a sentence; the add-in's own "fault of the add-in" message counts as a failure too (it
 *   means some JavaScript error was caught: the data were hostile, not wrong for the code to survive).
 *
 * Every case of every function runs (failures are collected, not stopped at): each test fails listing all of its
 * failing calls, with the arguments abbreviated and a case id. Calls run in worker threads (each with the same
 * harness as gas.cell), so a call over budget is stopped there instead of holding the suite for minutes; after
 * FUZZ_MAX_SLOW calls of one function over budget, its remaining cases are not run (and the test says so). A memory
 * watchdog stops calls while the process grows past FUZZ_MEMORY_MB and reruns each alone: one that does it alone fails.
 *
 * The seed is fixed, so CI sees the same cases every run. At the end the run's figures (calls per function, the
 * slowest call, outcomes and error messages grouped by their first words, failures by kind) are printed and written
 * to test-artifacts/fuzz-summary.json.
 *
 * Knobs (environment): FUZZ_SEED, FUZZ_SCALE (multiplies the case counts), FUZZ_ONLY ("CLV_FIT" or "CLV_FIT#17" to
 * rerun one case; several separated by commas), FUZZ_DIST (a dist folder other than dist/), FUZZ_WORKERS,
 * FUZZ_MAX_SLOW (default 1), FUZZ_KILL_MS (when a call over budget is stopped; default budget + 1 s), FUZZ_MEMORY_MB
 * (how much the process may grow while calls run, default 3072: a call that needs more alone is stopped and fails),
 * FUZZ_SHRINK=1 (after the run, shrink one failing case of each kind with fast-check and print it).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures';
import { createHarness, DIST } from './gas';
import {
  abbreviateArgs,
  BUDGET_MS,
  callArgs,
  makeArbitraries,
  messageGroup,
  setFixtureSummaries,
  type AnswerSummary,
  type Case,
  type Problem,
  type ProblemKind,
} from './fuzz-arbitraries';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const DIST_DIR = process.env.FUZZ_DIST ? path.resolve(process.env.FUZZ_DIST) : DIST;
const WORKERS = Math.max(1, Number(process.env.FUZZ_WORKERS ?? Math.min(2, availableParallelism())));
const MAX_SLOW = Number(process.env.FUZZ_MAX_SLOW ?? 1);
const KILL_MS = Number(process.env.FUZZ_KILL_MS ?? BUDGET_MS + 1000);
/** How far the process may grow while calls run (FUZZ_MEMORY_MB), and each thread's JavaScript heap. */
const MEMORY_MB = Number(process.env.FUZZ_MEMORY_MB ?? 3072);
const HEAP_MB = 2048;
const SHRINK = process.env.FUZZ_SHRINK === '1';
const ONLY = (process.env.FUZZ_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

/** Each target: the public function it calls, and how many cases (the closed forms are cheap; fits cost more). */
const TARGETS: { label: string; fn: string; runs: number }[] = [
  { label: 'LTV', fn: 'LTV', runs: 300 },
  { label: 'CHURN (counts)', fn: 'CHURN', runs: 250 },
  { label: 'CLV_SIMPLE', fn: 'CLV_SIMPLE', runs: 250 },
  { label: 'CAC', fn: 'CAC', runs: 200 },
  { label: 'LTV_CAC', fn: 'LTV_CAC', runs: 200 },
  { label: 'CAC_PAYBACK', fn: 'CAC_PAYBACK', runs: 200 },
  { label: 'CHURN (order log)', fn: 'CHURN', runs: 150 },
  { label: 'COHORT_RETENTION', fn: 'COHORT_RETENTION', runs: 150 },
  { label: 'CLV_SUMMARY', fn: 'CLV_SUMMARY', runs: 150 },
  { label: 'CLV_FIT', fn: 'CLV_FIT', runs: 200 },
  { label: 'CLV_FIT_SUMMARY', fn: 'CLV_FIT_SUMMARY', runs: 200 },
  { label: 'P_ALIVE', fn: 'P_ALIVE', runs: 120 },
  { label: 'PREDICT_PURCHASES', fn: 'PREDICT_PURCHASES', runs: 150 },
  { label: 'CLV', fn: 'CLV', runs: 120 },
  { label: 'RETENTION_FIT', fn: 'RETENTION_FIT', runs: 200 },
  { label: 'RETENTION_FORECAST', fn: 'RETENTION_FORECAST', runs: 200 },
  { label: 'CLV_HOLDOUT', fn: 'CLV_HOLDOUT', runs: 120 },
  { label: 'CLV_TRACKING', fn: 'CLV_TRACKING', runs: 100 },
  { label: 'CLV_COMPARE', fn: 'CLV_COMPARE', runs: 60 },
  { label: 'CLV_PREDICT', fn: 'CLV_PREDICT', runs: 200 },
  { label: 'PROB_PURCHASES', fn: 'PROB_PURCHASES', runs: 200 },
  { label: 'RETENTION_LTV', fn: 'RETENTION_LTV', runs: 150 },
  { label: 'CLV_SQL', fn: 'CLV_SQL', runs: 150 },
];

// ---------------------------------------------------------------------------------------------------------------
// Worker threads that run the calls: the same harness as gas.cell (createHarness, a fresh load of the script in
// 'cell' mode per call, arguments and answer through the membrane), plus the script's console.error captured, so the
// JavaScript error behind an "add-in failed" message can be reported.

const requireHere = createRequire(import.meta.url);
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  (await import(workerData.tsx)).register();
  const { createHarness } = await import(workerData.gas);
  const checks = await import(workerData.checks);
  const text = (x) => (x !== null && typeof x === 'object' && typeof x.stack === 'string' ? x.stack : String(x));
  parentPort.on('message', (job) => {
    const started = performance.now();
    const logged = [];
    const keep = (...a) => void (logged.length < 5 && logged.push(a.map(text).join(' ').slice(0, 2000)));
    let reply;
    try {
      const gas = createHarness({ distDir: workerData.dist });
      const execution = gas.load('cell');
      execution.global.console = { log() {}, info() {}, debug() {}, time() {}, timeEnd() {}, warn: keep, error: keep };
      const fn = execution.global[job.name];
      if (typeof fn !== 'function') throw new Error('dist/Code.js has no global function ' + job.name);
      const value = execution.toHost(fn(...job.args.map((a) => execution.toRealm(a))));
      const ms = performance.now() - started;
      reply = { id: job.id, ms, ok: true, ...checks.checkAnswer(value) };
    } catch (e) {
      const ms = performance.now() - started;
      const message = e !== null && typeof e === 'object' && typeof e.message === 'string' ? e.message : String(e);
      reply = { id: job.id, ms, ok: false, message, problems: checks.checkError(job.name, message), thrown: text(e).slice(0, 2000), logged };
    }
    parentPort.postMessage(reply);
  });
  parentPort.postMessage({ ready: true });
})().catch((e) => parentPort.postMessage({ fatal: String((e && e.stack) || e) }));
`;

type CallResult =
  | { ok: true; ms: number; problems: Problem[]; summary: AnswerSummary }
  | { ok: false; ms: number; message: string; problems: Problem[]; thrown?: string; logged?: string[] }
  | { ok: 'stopped'; ms: number; problems: Problem[]; memory?: boolean }
  | { ok: 'crashed'; ms: number; problems: Problem[]; crash: string };

/** One worker thread, respawned whenever a call has to be stopped or kills it. */
class Slot {
  private worker!: Worker;
  private ready!: Promise<void>;
  private nextId = 0;
  /** Stops the call in flight (the memory watchdog), or null when idle. */
  abort: ((detail: string) => void) | null = null;

  constructor(private readonly data: Record<string, string>) {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: this.data, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    this.worker.unref();
    const worker = this.worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean; fatal?: string }): void => {
        worker.off('message', onMessage);
        if (m.fatal) reject(new Error(`fuzz worker failed to start: ${m.fatal}`));
        else resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    this.ready.catch(() => undefined);
  }

  async started(): Promise<void> {
    await this.ready;
  }

  async call(name: string, args: unknown[]): Promise<CallResult> {
    await this.ready;
    const worker = this.worker;
    const id = ++this.nextId;
    const started = performance.now();
    return new Promise<CallResult>((resolve) => {
      const done = (result: CallResult, restart: boolean): void => {
        clearTimeout(timer);
        this.abort = null;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (!restart) return resolve(result);
        // The next call waits for a fresh thread; the old one's memory is freed once it has exited.
        const exited = worker.terminate();
        this.ready = exited.then(
          () => (this.spawn(), this.ready),
          () => (this.spawn(), this.ready),
        );
        void exited.finally(() => resolve(result));
      };
      const onMessage = (m: CallResult & { id: number }): void => {
        if (m.id === id) done(m, false);
      };
      const onError = (e: Error): void => {
        const ms = performance.now() - started;
        const crash = `${(e as { code?: string }).code ?? e.name}: ${e.message}`;
        done({ ok: 'crashed', ms, crash, problems: [{ kind: 'crash', detail: `the call killed its thread after ${seconds(ms)} (${crash})` }] }, true);
      };
      const onExit = (code: number): void => {
        const ms = performance.now() - started;
        done({ ok: 'crashed', ms, crash: `exit ${code}`, problems: [{ kind: 'crash', detail: `the thread exited (code ${code}) after ${seconds(ms)}` }] }, true);
      };
      const timer = setTimeout(() => {
        const ms = performance.now() - started;
        done({ ok: 'stopped', ms, problems: [{ kind: 'too slow', detail: `still running after ${seconds(ms)} (budget ${seconds(BUDGET_MS)}); stopped` }] }, true);
      }, KILL_MS);
      this.abort = (detail) => {
        const ms = performance.now() - started;
        done({ ok: 'stopped', ms, memory: true, problems: [{ kind: 'too much memory', detail: `${detail} after ${seconds(ms)}; stopped` }] }, true);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage({ id, name, args });
    });
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.worker.terminate();
  }
}

interface Task {
  name: string;
  args: unknown[];
  /** Run with no other call in flight: a call stopped by the memory watchdog runs again alone, to know whose memory it was. */
  alone: boolean;
  resolve: (result: CallResult) => void;
}

/**
 * The worker threads and the calls waiting for one. The threads share the process's memory, and a thread's heap limit
 * does not cover the typed arrays a call allocates, so a watchdog stops every call in flight when the process grows
 * more than MEMORY_MB past its size when the pool was last idle; each stopped call then runs again alone, and only a
 * call that does it alone is blamed.
 */
class Pool {
  private readonly slots: Slot[];
  private readonly free: Slot[];
  private readonly queue: Task[] = [];
  private busy = 0;
  private exclusive = false;
  private baseline = process.memoryUsage.rss();
  private readonly watchdog: NodeJS.Timeout;

  constructor(size: number, data: Record<string, string>) {
    this.slots = Array.from({ length: size }, () => new Slot(data));
    this.free = [...this.slots];
    this.watchdog = setInterval(() => this.checkMemory(), 100);
    this.watchdog.unref();
  }

  async started(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.started()));
    this.baseline = process.memoryUsage.rss();
  }

  call(name: string, args: unknown[]): Promise<CallResult> {
    return new Promise<CallResult>((resolve) => {
      this.queue.push({ name, args, alone: false, resolve });
      this.pump();
    });
  }

  private checkMemory(): void {
    if (this.busy === 0) {
      this.baseline = process.memoryUsage.rss();
      return;
    }
    const grown = process.memoryUsage.rss() - this.baseline;
    if (grown <= MEMORY_MB * 2 ** 20) return;
    for (const slot of this.slots) slot.abort?.(`the process grew by ${(grown / 2 ** 30).toFixed(1)} GB (limit ${(MEMORY_MB / 1024).toFixed(1)} GB) while ${this.exclusive ? 'this call ran alone' : 'this call ran'}`);
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.exclusive) {
      const task = this.queue[0];
      if (task.alone ? this.busy > 0 : this.free.length === 0) return;
      this.queue.shift();
      if (task.alone) this.exclusive = true;
      const slot = this.free.pop()!;
      this.busy++;
      void this.run(slot, task);
    }
  }

  private async run(slot: Slot, task: Task): Promise<void> {
    const result = await slot.call(task.name, task.args);
    this.busy--;
    this.free.push(slot);
    if (task.alone) this.exclusive = false;
    if (result.ok === 'stopped' && result.memory && !task.alone) {
      this.queue.unshift({ ...task, alone: true });
    } else {
      if (result.ms > BUDGET_MS && result.ok !== 'stopped') result.problems.unshift({ kind: 'too slow', detail: `took ${seconds(result.ms)} (budget ${seconds(BUDGET_MS)})` });
      task.resolve(result);
    }
    this.pump();
  }

  async close(): Promise<void> {
    clearInterval(this.watchdog);
    await Promise.all(this.slots.map((s) => s.close()));
  }
}

/** tsx's ESM register API (its "import" export: the "require" one cannot be imported from a worker). */
function tsxApi(): string {
  const manifest = requireHere.resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api'].import.default)).href;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

// ---------------------------------------------------------------------------------------------------------------
// Figures of the run.

interface Failure {
  id: string;
  fn: string;
  kind: ProblemKind;
  detail: string;
  ms: number;
  args: string;
  note: string;
  /** For an error: its message, and the JavaScript error the script threw or logged (console.error) behind it. */
  message?: string;
  behind?: string;
}

interface TargetStats {
  fn: string;
  calls: number;
  skipped: number;
  totalMs: number;
  slowest: { ms: number; id: string; args: string; note: string } | null;
  answers: Record<string, number>;
  errors: Record<string, { count: number; example: string }>;
  failures: Failure[];
  failingCalls: number;
}

const stats = new Map<string, TargetStats>();
let longestMessage = { length: 0, message: '' };
let pool: Pool;
let arbitraries: ReturnType<typeof makeArbitraries>;
const started = performance.now();

/** Whether FUZZ_ONLY picks this target, and which of its cases (all when it names the target without "#"). */
function selected(label: string): { run: boolean; indices?: number[] } {
  if (ONLY.length === 0) return { run: true };
  const picks = ONLY.map((o) => o.split('#')).filter(([name]) => name === label);
  if (picks.length === 0) return { run: false };
  if (picks.some((p) => p[1] === undefined)) return { run: true };
  return { run: true, indices: picks.map((p) => Number(p[1])) };
}

beforeAll(async () => {
  const gas = createHarness({ distDir: DIST_DIR });
  setFixtureSummaries(fixture('cdnow_customers_summary.csv'), fixture('donations.csv'));
  arbitraries = makeArbitraries((y, m, d, ms) => gas.spreadsheet.dateOf(y, m, d, ms));
  pool = new Pool(WORKERS, {
    tsx: tsxApi(),
    gas: pathToFileURL(path.join(here, 'gas.ts')).href,
    checks: pathToFileURL(path.join(here, 'fuzz-arbitraries.ts')).href,
    dist: DIST_DIR,
  });
  await pool.started();
});

afterAll(async () => {
  if (SHRINK) await shrinkFailures();
  await pool?.close();
  report();
}, 60 * 60_000);

/** The run's figures: printed (vitest shows console output) and written to test-artifacts/fuzz-summary.json. */
function report(): void {
  const targets = [...stats.entries()];
  if (targets.length === 0) return;
  const calls = targets.reduce((s, [, t]) => s + t.calls, 0);
  const slowest = targets.map(([label, t]) => ({ label, ...t.slowest! })).filter((s) => s.ms !== undefined).sort((a, b) => b.ms - a.ms)[0];
  const lines: string[] = [];
  lines.push(`Fuzz (seed ${SEED}, ${path.relative(root, DIST_DIR) || DIST_DIR}/Code.js, ${WORKERS} worker(s)): ${calls} calls in ${seconds(performance.now() - started)}.`);
  if (slowest) lines.push(`Slowest call: ${slowest.label} [${slowest.id}] ${seconds(slowest.ms)} ${slowest.args} (${slowest.note})`);
  lines.push(`Longest error message: ${longestMessage.length} characters.`);
  lines.push('');
  lines.push(`${'function'.padEnd(20)}${'calls'.padStart(6)}${'answers'.padStart(9)}${'errors'.padStart(8)}${'failing'.padStart(9)}${'skipped'.padStart(9)}${'slowest'.padStart(10)}${'total'.padStart(9)}`);
  for (const [label, t] of targets) {
    const answers = Object.values(t.answers).reduce((s, n) => s + n, 0);
    const errors = Object.values(t.errors).reduce((s, e) => s + e.count, 0);
    lines.push(
      `${label.padEnd(20)}${String(t.calls).padStart(6)}${String(answers).padStart(9)}${String(errors).padStart(8)}${String(t.failingCalls).padStart(9)}${String(t.skipped).padStart(9)}${seconds(t.slowest?.ms ?? 0).padStart(10)}${seconds(t.totalMs).padStart(9)}`,
    );
  }
  lines.push('');
  lines.push('Outcomes (answers by kind; errors by their first words, most frequent first):');
  for (const [label, t] of targets) {
    const answers = Object.entries(t.answers).map(([k, n]) => `${k} ${n}`).join(', ');
    lines.push(`  ${label}: answers: ${answers || 'none'}`);
    for (const [group, e] of Object.entries(t.errors).sort((a, b) => b[1].count - a[1].count).slice(0, 12)) lines.push(`      ${String(e.count).padStart(4)} × ${group}`);
    const more = Object.keys(t.errors).length - 12;
    if (more > 0) lines.push(`           (${more} more kinds of message)`);
  }
  const failing = targets.filter(([, t]) => t.failures.length > 0 || t.skipped > 0);
  lines.push('');
  lines.push(failing.length === 0 ? 'No failures.' : 'Failing calls by function and kind of problem:');
  for (const [label, t] of failing) {
    const counts = [...failuresByKind(t)].map(([kind, calls]) => `${kind} ${calls.size}`);
    lines.push(`  ${label}: ${counts.join(', ')}${t.skipped ? `, ${t.skipped} cases not run` : ''}`);
  }
  console.log(lines.join('\n'));
  const summary = {
    seed: SEED,
    scale: SCALE,
    dist: DIST_DIR,
    workers: WORKERS,
    budgetMs: BUDGET_MS,
    calls,
    wallMs: Math.round(performance.now() - started),
    slowest: slowest ? { function: slowest.label, ms: Math.round(slowest.ms), case: slowest.id, args: slowest.args, note: slowest.note } : null,
    longestMessage,
    functions: Object.fromEntries(
      targets.map(([label, t]) => [
        label,
        {
          function: t.fn,
          calls: t.calls,
          skipped: t.skipped,
          totalMs: Math.round(t.totalMs),
          slowest: t.slowest && { ...t.slowest, ms: Math.round(t.slowest.ms) },
          answers: t.answers,
          errors: Object.fromEntries(Object.entries(t.errors).sort((a, b) => b[1].count - a[1].count)),
          failingCalls: t.failingCalls,
          failures: t.failures.map((f) => ({ ...f, ms: Math.round(f.ms) })),
        },
      ]),
    ),
  };
  mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
  writeFileSync(path.join(root, 'test-artifacts', 'fuzz-summary.json'), `${JSON.stringify(summary, null, 1)}\n`);
}

/** The failing calls of a target by kind of problem: kind → case id → that call's problems of the kind. */
function failuresByKind(t: TargetStats): Map<ProblemKind, Map<string, Failure[]>> {
  const byKind = new Map<ProblemKind, Map<string, Failure[]>>();
  for (const f of t.failures) {
    const calls = byKind.get(f.kind) ?? new Map<string, Failure[]>();
    calls.set(f.id, [...(calls.get(f.id) ?? []), f]);
    byKind.set(f.kind, calls);
  }
  return byKind;
}

/** Every failing call of a target, grouped by kind, as the test's failure message. */
function failureText(label: string, t: TargetStats): string {
  const lines = [`${label}: ${t.failingCalls} of ${t.calls} calls break the contract${t.skipped ? `; ${t.skipped} cases not run after ${MAX_SLOW} calls over budget` : ''}`];
  for (const [kind, calls] of failuresByKind(t)) {
    lines.push(`  ${kind} (${calls.size} call${calls.size === 1 ? '' : 's'}):`);
    for (const [id, list] of calls) {
      const f = list[0];
      lines.push(`    [${id}] ${list.map((x) => x.detail).join('; ')}`);
      lines.push(`        ${f.fn}${f.args.length > 400 ? `${f.args.slice(0, 400)}…` : f.args}  — ${f.note}`);
      if (f.behind) lines.push(`        behind it: ${f.behind.split('\n').slice(0, 3).join(' | ').slice(0, 300)}`);
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// The properties.

describe('fuzz: every cell call answers with finite values or a clear error, within its budget', () => {
  it('has a target for every public cell function of the bundle', () => {
    const code = readFileSync(path.join(DIST, 'Code.js'), 'utf8');
    const cellFunctions = [...code.matchAll(/^function ([A-Z][A-Z0-9_]*)\(/gm)].map((m) => m[1]);
    expect(cellFunctions.length).toBeGreaterThan(20);
    expect([...new Set(TARGETS.map((t) => t.fn))].sort()).toEqual(cellFunctions.sort());
  });

  TARGETS.forEach((target, position) => {
    const pick = selected(target.label);
    it.runIf(pick.run)(
      target.label,
      async () => {
        const runs = Math.max(1, Math.round(target.runs * SCALE));
        const seed = SEED + position;
        const all = fc.sample(arbitraries.cases[target.label], { seed, numRuns: runs });
        const indices = pick.indices === undefined ? all.map((_, i) => i) : pick.indices.filter((i) => i < all.length);
        const t: TargetStats = { fn: target.fn, calls: 0, skipped: 0, totalMs: 0, slowest: null, answers: {}, errors: {}, failures: [], failingCalls: 0 };
        stats.set(target.label, t);
        let slow = 0;
        const runCase = async (i: number): Promise<void> => {
          const c = all[i];
          const id = `${target.label}#${i}`;
          const args = callArgs(c.args);
          const result = await pool.call(target.fn, args);
          t.calls++;
          t.totalMs += result.ms;
          const shown = abbreviateArgs(c.args);
          if (!t.slowest || result.ms > t.slowest.ms) t.slowest = { ms: result.ms, id, args: shown, note: c.note };
          if (result.problems.some((p) => p.kind === 'too slow')) slow++;
          if (result.ok === true) {
            const key = result.summary.kind === 'table' ? 'table' : result.summary.type;
            t.answers[key] = (t.answers[key] ?? 0) + 1;
          } else if (result.ok === false) {
            const group = messageGroup(target.fn, result.message);
            const entry = (t.errors[group] ??= { count: 0, example: result.message.slice(0, 300) });
            entry.count++;
            if (result.message.length > longestMessage.length) longestMessage = { length: result.message.length, message: result.message };
          } else {
            t.answers[result.ok] = (t.answers[result.ok] ?? 0) + 1;
          }
          if (result.problems.length > 0) {
            t.failingCalls++;
            const behind = result.ok === false ? [...(result.logged ?? []), ...(result.problems.some((p) => p.kind === 'raw JS error') ? [result.thrown ?? ''] : [])].join('\n') : undefined;
            const message = result.ok === false ? result.message : undefined;
            for (const p of result.problems) t.failures.push({ id, fn: target.fn, kind: p.kind, detail: p.detail, ms: result.ms, args: shown, note: c.note, message, behind: behind || undefined });
          }
        };
        // One lane per worker: a lane takes the next case only when its call is done, so a function that has gone
        // over budget FUZZ_MAX_SLOW times runs no more cases.
        let next = 0;
        const lane = async (): Promise<void> => {
          while (next < indices.length) {
            const i = indices[next++];
            if (slow >= MAX_SLOW) t.skipped++;
            else await runCase(i);
          }
        };
        await Promise.all(Array.from({ length: WORKERS }, lane));
        t.failures.sort((a, b) => a.kind.localeCompare(b.kind) || Number(a.id.split('#')[1]) - Number(b.id.split('#')[1]));
        if (t.failures.length > 0 || t.skipped > 0) expect.fail(failureText(target.label, t));
      },
      // Every case runs; today a few calls may each take the whole budget before they are stopped.
      30 * 60_000,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// FUZZ_SHRINK=1: one failing case of each (function, kind, first words) shrunk by fast-check from its run.

async function shrinkFailures(): Promise<void> {
  const lines: string[] = ['Shrunk failing cases (fast-check, from the failing run):'];
  for (const [label, t] of stats) {
    const target = TARGETS.find((x) => x.label === label)!;
    const seen = new Set<string>();
    for (const f of t.failures) {
      if (f.kind === 'too slow' || f.kind === 'crash') continue;
      const signature = `${f.kind} ${f.message === undefined ? f.detail.replace(/\d+/g, 'N') : messageGroup(target.fn, f.message)}`;
      if (seen.has(signature) || seen.size >= 12) continue;
      seen.add(signature);
      const index = Number(f.id.split('#')[1]);
      const sameProblem = async (c: Case): Promise<boolean> => {
        const result = await pool.call(target.fn, callArgs(c.args));
        const message = result.ok === false ? result.message : undefined;
        return result.problems.some((p) => `${p.kind} ${message === undefined ? p.detail.replace(/\d+/g, 'N') : messageGroup(target.fn, message)}` === signature);
      };
      const outcome = await fc.check(
        fc.asyncProperty(arbitraries.cases[label], async (c) => !(await sameProblem(c))),
        { seed: SEED + TARGETS.indexOf(target), path: String(index), interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false },
      );
      if (outcome.failed && outcome.counterexample) {
        const [c] = outcome.counterexample;
        lines.push(`  [${f.id}] ${f.kind}: ${target.fn}${abbreviateArgs(c.args)} — ${c.note}`);
      } else lines.push(`  [${f.id}] ${f.kind}: not reproduced by replay (${outcome.failed ? 'interrupted' : 'passed'})`);
    }
  }
  console.log(lines.join('\n'));
}
