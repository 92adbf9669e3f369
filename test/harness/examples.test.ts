// The examples of "Never hangs, never a raw error", through the built bundle as a cell calls it: each finishes within
// a cell's budget (25 s in the harness; Apps Script gives 30) with a clear message or a documented answer.
import { describe, expect, it } from 'vitest';
import { dayFromYmd, ymdFromDay } from '../../src/core/dates';
import { DEFAULT_PROCESS, generateOrderLog } from '../../src/core/generate';
import { createHarness, type Harness } from './gas';

const BUDGET_MS = 25_000;
const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

/** A call as a cell makes it, with its time: the budget is the contract, not a speed target. */
function timed(gas: Harness, name: string, ...args: unknown[]): { answer?: unknown; message?: string; ms: number } {
  const start = performance.now();
  try {
    const answer = gas.cell(name, ...args);
    return { answer, ms: performance.now() - start };
  } catch (e) {
    return { message: (e as Error).message, ms: performance.now() - start };
  }
}

/** A small shop of 120 customers over two years, as cells: the kind of log on which Pareto/NBD used to run for minutes. */
function smallShop(gas: Harness, seed: number, acquisitionDays: number): { ids: unknown[][]; dates: unknown[][] } {
  const log = generateOrderLog({ seed, customers: 120, startDay: dayFromYmd(2024, 1, 1), days: 730, acquisitionDays, process: DEFAULT_PROCESS });
  const dates = Array.from(log.days, (d) => {
    const { year, month, day } = ymdFromDay(d);
    return [gas.date(year, month, day)];
  });
  return { ids: log.customerIds.map((id) => [id]), dates };
}

const rowsOf = (answer: unknown): unknown[][] => answer as unknown[][];

describe('Pareto/NBD on a small shop', () => {
  it.each([
    [9, 730],
    [13, 365],
    [26, 730],
  ])('CLV_FIT (seed %i) answers within the budget; a fit that does not settle says so and why', (seed, acquisition) => {
    const gas = createHarness();
    const { ids, dates } = smallShop(gas, seed, acquisition);
    const fit = timed(gas, 'CLV_FIT', ids, dates, '', 'paretonbd');
    expect(fit.ms).toBeLessThan(BUDGET_MS);
    // These logs used to run for minutes: their drop-out rate cannot be told from the purchases.
    const converged = rowsOf(fit.answer).find((r) => r[0] === 'converged')!;
    expect(converged[1]).toBe(false);
    expect(String(converged[2])).toMatch(/^The purchases do not tell when customers stop: .* Try BG\/NBD, a longer history or more customers\.$/);
    const predicted = timed(gas, 'PREDICT_PURCHASES', ids, dates, 90, 'day', '', 'paretonbd');
    expect(predicted.ms).toBeLessThan(BUDGET_MS);
    expect(predicted.message).toMatch(/^PREDICT_PURCHASES: The Pareto\/NBD model could not be fitted to these data\. The purchases do not tell .+\.$/);
  });

  it('the two-customer case, (9, 540, 552) and (0, 0, 100), answers not converged with a reason', () => {
    const gas = createHarness();
    const fit = timed(gas, 'CLV_FIT_SUMMARY', col(9, 0), col(540, 0), col(552, 100), 'paretonbd');
    expect(fit.ms).toBeLessThan(BUDGET_MS);
    const converged = rowsOf(fit.answer).find((r) => r[0] === 'converged')!;
    expect(converged[1]).toBe(false);
    expect(String(converged[2])).toMatch(/^[A-Z].*\.$/);
  });
});

describe('one wrong cell', () => {
  it('a frequency of 1e9 or 1e12 is refused at once, naming its row', () => {
    const gas = createHarness();
    for (const big of [1e9, 1e12]) {
      const r = timed(gas, 'CLV_FIT_SUMMARY', col(3, big, 2), col(10, 20, 5), col(30, 40, 30));
      expect(r.ms).toBeLessThan(BUDGET_MS);
      expect(r.message).toMatch(/^CLV_FIT_SUMMARY: frequency row 2 is 1,000,000,000(,000)?, more repeat purchases than one customer can make \(at most 300,000\)/);
    }
  });
});

describe('messages of the models, with the function\'s name and in plain words', () => {
  it('RETENTION_FIT of a cohort nobody left yet', () => {
    const gas = createHarness();
    const r = timed(gas, 'RETENTION_FIT', col(1000, 1000, 1000));
    expect(r.message).toBe(
      'RETENTION_FIT: Every customer of the cohort is still active after 2 periods, so there is no churn to learn from yet; give the counts again once some customers have left.',
    );
  });

  it('CLV_FIT_SUMMARY "gammagamma" with a negative spend names the row', () => {
    const gas = createHarness();
    const r = timed(gas, 'CLV_FIT_SUMMARY', col(2, 3, 1), col(10, 20, 5), col(30, 40, 30), 'gammagamma', '', col(20, -5, 12));
    expect(r.message).toMatch(/^CLV_FIT_SUMMARY: monetary_value row 2 is -5; the mean amount of a customer.s repeat purchases cannot be negative/);
  });

  it('the notes of CLV_FIT are whole sentences without exponents, on ordinary and degenerate logs alike', () => {
    const gas = createHarness();
    for (const seed of [9, 26, 42]) {
      const { ids, dates } = smallShop(gas, seed, 730);
      for (const model of ['bgnbd', 'mbgnbd', 'paretonbd']) {
        const table = rowsOf(gas.cell('CLV_FIT', ids, dates, '', model));
        const note = String(table.find((r) => r[0] === 'converged')![2]);
        if (note === '') continue;
        expect(note, `${model} ${seed}`).toMatch(/^[A-Z].*[.)]$/);
        expect(note, `${model} ${seed}`).not.toMatch(/\d(\.\d+)?e[+-]\d|NaN|undefined/);
      }
    }
  });
});

describe('a degenerate fit', () => {
  it('is not converged, and gives no P(alive) of 2e-9 for a customer who bought on the as-of day', () => {
    const gas = createHarness();
    // Everyone bought again exactly once, some of them on the last day: the fit runs to its parameter bounds.
    const ids: unknown[][] = [];
    const dates: unknown[][] = [];
    for (let k = 0; k < 30; k++) {
      ids.push([`c${k}`], [`c${k}`]);
      dates.push([gas.date(2024, 1, 1 + k)], [gas.date(2024, 6, 30 - (k % 10))]);
    }
    const fit = rowsOf(gas.cell('CLV_FIT', ids, dates));
    const converged = fit.find((r) => r[0] === 'converged')!;
    expect(converged[1]).toBe(false);
    expect(String(converged[2])).toMatch(/even a customer who bought today would count as lost/);
    expect(timed(gas, 'P_ALIVE', ids, dates).message).toMatch(/^P_ALIVE: The BG\/NBD model could not be fitted to these data\. The fit says/);
  });
});
