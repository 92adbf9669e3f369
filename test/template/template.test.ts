// Insert template through the built dist/Code.js: the three sheets, every formula on "Formulas" evaluated through
// the bundle, idempotence, and the user's sheets left alone.
import { describe, expect, it } from 'vitest';
import { SUBSCRIPTION_COHORT, TEMPLATE_SHEET_NAMES, formulasSpec } from '../../src/core/template';
import { evaluateFormulas, type Evaluated } from '../harness/formulas';
import { analyzeActiveSheet } from '../harness/analyze';
import { createHarness, type ConditionalFormatRule, type Harness } from '../harness/gas';

const NAMES = Object.values(TEMPLATE_SHEET_NAMES);

function inserted(): Harness {
  const gas = createHarness();
  gas.run('insertTemplate');
  return gas;
}

/** Every number in an answer, however it is shaped. */
function numbers(result: unknown): number[] {
  if (typeof result === 'number') return [result];
  if (Array.isArray(result)) return result.flatMap(numbers);
  return [];
}

function answerOf(all: Evaluated[], prefix: string): unknown {
  const hit = all.find((e) => e.formula.startsWith(prefix));
  if (!hit) throw new Error(`no formula starting ${prefix}`);
  return hit.result;
}

describe('Insert template', () => {
  it('creates Start here, Sample orders and Formulas in an empty spreadsheet', () => {
    const gas = inserted();
    const names = gas.spreadsheet.getSheets().map((s) => s.getName());
    for (const name of NAMES) expect(names).toContain(name);
    const orders = gas.spreadsheet.getSheetByName('Sample orders')!;
    expect(orders.getRange(1, 1, 1, 5).getValues()[0]).toEqual(['Order date', 'Customer', 'Amount', 'Cost', 'Referred by']);
    expect(orders.getLastRow() - 1).toBeGreaterThan(4500);
    expect(orders.getLastRow() - 1).toBeLessThan(5500);
    expect(Object.prototype.toString.call(orders.getRange(2, 1).getValue())).toBe('[object Date]');
    const start = gas.spreadsheet.getSheetByName('Start here')!.getDataRange().getValues().flat().join(' ');
    expect(start).toContain('Analyze customers');
    expect(start).toContain('Champions');
    expect(gas.spreadsheet.toasts.at(-1)?.message).toMatch(/are ready/);
  });

  it('evaluates every formula on Formulas through the bundle, without an error, NaN or Infinity, and with plausible values', () => {
    const gas = inserted();
    const all = evaluateFormulas(gas, ['Formulas']);
    expect(all.length).toBe(formulasSpec().formulas.length);
    for (const e of all) for (const v of numbers(e.result)) expect(Number.isFinite(v), `${e.cell} ${e.formula}`).toBe(true);
    expect(answerOf(all, '=LTV(30, 5%)')).toBeCloseTo(600, 9);
    expect(answerOf(all, '=CLV_SIMPLE(200000, 2.5, 2)')).toBeCloseTo(1_000_000, 6);
    expect(answerOf(all, '=LTV_CAC(B5, B10)')).toBeCloseTo(600 / (5000 / 120), 9);
    const churn = answerOf(all, "=CHURN('Sample orders'!B2:B, 'Sample orders'!A2:A, DATE") as number;
    expect(churn).toBeGreaterThan(0);
    expect(churn).toBeLessThan(1);
    const series = numbers(answerOf(all, "=CHURN('Sample orders'!B2:B, 'Sample orders'!A2:A, A17:A28"));
    expect(series).toHaveLength(12);
    for (const c of series) expect(c).toBeGreaterThanOrEqual(0), expect(c).toBeLessThanOrEqual(1);
    const triangle = answerOf(all, '=COHORT_RETENTION') as unknown[][];
    expect(triangle.length).toBeGreaterThan(12);
    const spec = formulasSpec().formulas.find((f) => f.formula.startsWith('=COHORT_RETENTION'))!;
    expect(triangle.length).toBeLessThanOrEqual(spec.spill.rows);
    expect(triangle[0].length).toBeLessThanOrEqual(spec.spill.columns);
    for (const e of all.filter((x) => /^=CLV_FIT|^=RETENTION_FIT/.test(x.formula))) {
      const converged = (e.result as unknown[][]).find((r) => r[0] === 'converged');
      expect(converged?.[1], e.formula).toBe(true);
    }
    const clv = answerOf(all, "=CLV('Sample orders'") as unknown[][];
    expect(clv.length).toBe(1001);
    for (const r of clv.slice(1)) expect(r[1]).toBeGreaterThanOrEqual(0);
    const forecast = answerOf(all, '=RETENTION_FORECAST') as unknown[][];
    expect(forecast[1][1]).toBe(SUBSCRIPTION_COHORT[0]);
    const holdout = answerOf(all, '=CLV_HOLDOUT') as unknown[][];
    const total = holdout[holdout.length - 1] as number[];
    expect(Math.abs(total[2] / total[3] - 1)).toBeLessThan(0.2);
  });

  it('colours the cohort triangle with a colour scale', () => {
    const gas = inserted();
    const rules = gas.spreadsheet.getSheetByName('Formulas')!.getConditionalFormatRules() as ConditionalFormatRule[];
    expect(rules.some((r) => r.rule.min && r.rule.max && r.getRanges().length === 1)).toBe(true);
  });

  it('formats each column of a table by what it holds: shares as percentages, money as money, never a count or an id', () => {
    const gas = inserted();
    const sheet = gas.spreadsheet.getSheetByName('Formulas')!;
    const formatOf = (prefix: string, rowOffset: number, columnOffset: number): string => {
      const f = formulasSpec().formulas.find((x) => x.formula.startsWith(prefix))!;
      return sheet.getRange(f.row + rowOffset, f.column + columnOffset).getNumberFormat();
    };
    // COHORT_RETENTION: cohort month, customers, then shares.
    expect(formatOf('=COHORT_RETENTION', 1, 1)).not.toMatch(/%/);
    expect(formatOf('=COHORT_RETENTION', 1, 2)).toMatch(/%/);
    // CLV: id, clv, expected purchases, spend per order, P(alive).
    expect(formatOf('=CLV(', 1, 0)).not.toMatch(/[%#0]/);
    expect(formatOf('=CLV(', 1, 1)).toBe(formatOf('=CLV(', 1, 3));
    expect(formatOf('=CLV(', 1, 2)).not.toBe(formatOf('=CLV(', 1, 1));
    expect(formatOf('=CLV(', 1, 4)).toMatch(/%/);
    expect(formatOf('=P_ALIVE', 1, 0)).not.toMatch(/%/);
    expect(formatOf('=P_ALIVE', 1, 1)).toMatch(/%/);
  });

  it('running it twice leaves one copy of each sheet, with the same content', () => {
    const gas = inserted();
    const first = NAMES.map((n) => gas.spreadsheet.getSheetByName(n)!.getDataRange().getValues());
    gas.run('insertTemplate');
    const names = gas.spreadsheet.getSheets().map((s) => s.getName());
    for (const name of NAMES) expect(names.filter((n) => n === name)).toHaveLength(1);
    expect(names.some((n) => /\(2\)$/.test(n))).toBe(false);
    NAMES.forEach((n, i) => expect(gas.spreadsheet.getSheetByName(n)!.getDataRange().getValues()).toEqual(first[i]));
  });

  it('never modifies a user sheet, even one named like ours; its formulas follow our renamed sheet', () => {
    const gas = createHarness();
    const sheet1 = gas.spreadsheet.getActiveSheet();
    gas.fill(sheet1, [['Customer', 'Spend'], ['ann', 10]]);
    const mine = gas.spreadsheet.insertSheet('Sample orders');
    gas.fill(mine, [['my', 'own'], [1, 2]]);
    const myFormulas = gas.spreadsheet.insertSheet('Formulas');
    gas.fill(myFormulas, [['=SUM(1,2)']]);
    const before = [sheet1, mine, myFormulas].map((s) => ({ values: s.getDataRange().getValues(), formulas: s.getDataRange().getFormulas() }));
    gas.run('insertTemplate');
    gas.run('insertTemplate');
    [sheet1, mine, myFormulas].forEach((s, i) => {
      expect(s.getDataRange().getValues()).toEqual(before[i].values);
      expect(s.getDataRange().getFormulas()).toEqual(before[i].formulas);
    });
    const names = gas.spreadsheet.getSheets().map((s) => s.getName());
    expect(names.filter((n) => n.startsWith('Sample orders'))).toEqual(['Sample orders', 'Sample orders (2)']);
    expect(names.filter((n) => n.startsWith('Formulas'))).toEqual(['Formulas', 'Formulas (2)']);
    const ours = gas.spreadsheet.getSheetByName('Formulas (2)')!;
    expect(ours.getDataRange().getFormulas().flat().filter((f) => f.includes("'Sample orders (2)'!")).length).toBeGreaterThan(5);
    const all = evaluateFormulas(gas, ['Formulas (2)']);
    expect(all.length).toBe(formulasSpec().formulas.length);
  });
});

describe('the sample data in the sidebar', () => {
  it('yields all four value segments and all five lifecycle stages', () => {
    const gas = inserted();
    gas.spreadsheet.setActiveSheet(gas.spreadsheet.getSheetByName('Sample orders')!);
    const reply = analyzeActiveSheet(gas);
    if (!reply.ok) throw new Error(reply.error);
    for (const s of reply.value.segments) expect(s.customers, s.name).toBeGreaterThan(0);
    for (const s of reply.value.stages) expect(s.customers, s.name).toBeGreaterThan(0);
    expect(reply.value.segments.map((s) => s.name)).toEqual(['Champions', 'Rising', 'Past stars', 'Low value']);
    expect(reply.value.stages.map((s) => s.name)).toEqual(['New', 'One-time buyer', 'Regular', 'Lapsing', 'Former']);
  });
});
