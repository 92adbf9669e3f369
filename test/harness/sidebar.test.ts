// The sidebar's server side through the built dist/Code.js: a hand-made shop where every customer's value segment
// and lifecycle stage is known by construction; re-running; the promise never to touch the user's cells; and the
// built-in sample's figures, which add up and agree with the CLV() cell.
import { beforeEach, describe, expect, it } from 'vitest';
import { whatIf } from '../../src/core/whatif';
import type { AnalysisRequest, AnalysisSummary } from '../../src/server/contract';
import { sampleCustomersSheet, sampleOrdersSheet } from '../../preview/sample';
import { analyzeActiveSheet } from './analyze';
import { createHarness, type Harness } from './gas';

type Row = [string, Date, number, number, string];

/** As-of day of the hand-made shop: its last order. */
const AS_OF = { y: 2025, m: 12, d: 31 };

/**
 * Six kinds of customer, designed so the model's verdict cannot be in doubt (cut at the median):
 * A ×5  Champions,  Regular   — big orders every 20 days for a year, the last one today
 * B ×5  Past stars, Former    — bigger orders every 20 days, then nothing for 10 months
 * C ×5  Rising,     New       — small orders every 5 days, all in the last 25 days
 * D ×1  Low value,  One-time  — one small order 60 days ago
 * E ×2  Low value,  Former    — one small order 300 days ago
 * F ×2  Low value,  Lapsing   — tiny orders every 45 days, the last one 80 days ago (more than 1.5 gaps)
 */
const EXPECTED: Record<string, { segment: string; stage: string; count: number }> = {
  A: { segment: 'Champions', stage: 'Regular', count: 5 },
  B: { segment: 'Past stars', stage: 'Former', count: 5 },
  C: { segment: 'Rising', stage: 'New', count: 5 },
  D: { segment: 'Low value', stage: 'One-time buyer', count: 1 },
  E: { segment: 'Low value', stage: 'Former', count: 2 },
  F: { segment: 'Low value', stage: 'Lapsing', count: 2 },
};

function shopOrders(gas: Harness): Row[] {
  const day = (daysBefore: number): Date => {
    const d = gas.date(AS_OF.y, AS_OF.m, AS_OF.d);
    d.setDate(d.getDate() - daysBefore);
    return d;
  };
  const rows: Row[] = [];
  const add = (id: string, daysBefore: number[], amount: number, referrer = ''): void => {
    for (const b of daysBefore) rows.push([id, day(b), amount, amount * 0.6, referrer]);
  };
  const every = (from: number, to: number, step: number): number[] => {
    const out: number[] = [];
    for (let b = from; b >= to; b -= step) out.push(b);
    return out;
  };
  for (let k = 0; k < 5; k++) add(`A${k}`, every(360 - k, 0, 20), 120);
  for (let k = 0; k < 5; k++) add(`B${k}`, every(600 - k, 300, 20), 150);
  for (let k = 0; k < 5; k++) add(`C${k}`, every(25, 0, 5), 15, k === 0 ? 'A0' : '');
  add('D0', [60], 12);
  for (let k = 0; k < 2; k++) add(`E${k}`, [300 + k], 10);
  for (let k = 0; k < 2; k++) add(`F${k}`, every(80 + 45 * 5, 80, 45), 4);
  // An order log comes in date order.
  return rows.sort((p, q) => p[1].getTime() - q[1].getTime());
}

const HEADER = ['Order date', 'Customer', 'Amount', 'Cost', 'Referred by'];

function setUp(): { gas: Harness; orders: ReturnType<Harness['spreadsheet']['insertSheet']>; before: unknown[][] } {
  const gas = createHarness();
  const orders = gas.spreadsheet.getActiveSheet();
  orders.setName('Orders');
  gas.fill(orders, [HEADER, ...shopOrders(gas).map((r) => [r[1], r[0], r[2], r[3], r[4]])]);
  const notes = gas.spreadsheet.insertSheet('Notes');
  gas.fill(notes, [['My own notes'], ['Customer value'], ['=do not touch']]);
  gas.spreadsheet.setActiveSheet(orders);
  return { gas, orders, before: orders.getDataRange().getValues() };
}

/** Analyze as the sidebar does; the hand-made shop is cut at the median. */
function analyze(gas: Harness, changes: Partial<AnalysisRequest> = {}): { ok: boolean; value: AnalysisSummary; error?: string } {
  const reply = analyzeActiveSheet(gas, { cut: 'median', ...changes });
  return reply.ok ? { ok: true, value: reply.value } : { ok: false, value: undefined as unknown as AnalysisSummary, error: reply.error };
}

describe('the sidebar on a hand-made shop', () => {
  let gas: Harness;
  let before: unknown[][];
  let orders: ReturnType<typeof setUp>['orders'];
  beforeEach(() => ({ gas, orders, before } = setUp()));

  it('guesses the columns of the order log', () => {
    const info = gas.fromClient('getSheetInfo') as { ok: true; value: { shape: string; guess: Record<string, number | null>; lastDate: string } };
    expect(info.value.shape).toBe('orders');
    expect(info.value.guess).toMatchObject({ orderDate: 0, customerId: 1, amount: 2, cost: 3, referredBy: 4 });
    expect(info.value.lastDate).toBe('2025-12-31');
  });

  it('puts every customer in the value segment and lifecycle stage it was built for', () => {
    const reply = analyze(gas);
    expect(reply.error).toBeUndefined();
    expect(reply.ok).toBe(true);
    const sheet = gas.spreadsheet.getSheetByName('Customer value');
    expect(sheet).not.toBeNull();
    const values = sheet!.getDataRange().getValues();
    const header = values[0] as string[];
    const id = header.indexOf('Customer');
    const segment = header.indexOf('Value segment');
    const stage = header.indexOf('Lifecycle stage');
    expect([id, segment, stage].every((j) => j >= 0)).toBe(true);
    const rows = values.slice(1);
    expect(rows.length).toBe(20);
    const wrong: string[] = [];
    for (const r of rows) {
      const kind = String(r[id])[0];
      const want = EXPECTED[kind];
      if (r[segment] !== want.segment || r[stage] !== want.stage) wrong.push(`${r[id]}: ${r[segment]}/${r[stage]}, want ${want.segment}/${want.stage}`);
    }
    expect(wrong).toEqual([]);
  });

  it('reports the counts per segment and stage, and the referral value of a referral', () => {
    const reply = analyze(gas);
    const summary = reply.value as { customers: number; segments: { name: string; customers: number }[]; stages: { name: string; customers: number }[] };
    expect(summary.customers).toBe(20);
    const count = (list: { name: string; customers: number }[], name: string): number => list.find((g) => g.name === name)?.customers ?? -1;
    expect(count(summary.segments, 'Champions')).toBe(5);
    expect(count(summary.segments, 'Past stars')).toBe(5);
    expect(count(summary.segments, 'Rising')).toBe(5);
    expect(count(summary.segments, 'Low value')).toBe(5);
    expect(count(summary.stages, 'Regular')).toBe(5);
    expect(count(summary.stages, 'New')).toBe(5);
    expect(count(summary.stages, 'Former')).toBe(7);
    expect(count(summary.stages, 'One-time buyer')).toBe(1);
    expect(count(summary.stages, 'Lapsing')).toBe(2);
    const values = gas.spreadsheet.getSheetByName('Customer value')!.getDataRange().getValues();
    const header = values[0] as string[];
    const referral = header.findIndex((h) => /^Referral value/.test(h));
    const total = header.indexOf('Total value (past + predicted)');
    const row = (key: string) => values.find((r) => r[header.indexOf('Customer')] === key)!;
    // A0 referred C0: A0's referral value is C0's total value, and it is not in A0's total.
    expect(row('A0')[referral] as number).toBeCloseTo(row('C0')[total] as number, 6);
    expect(row('A1')[referral]).toBe(0);
    const past = header.indexOf('Past value (revenue − cost)');
    const predicted = header.indexOf('Predicted value (next 12 months)');
    expect(row('A0')[total]).toBe((row('A0')[past] as number) + (row('A0')[predicted] as number));
  });

  it('re-running replaces only its own sheets and never changes a cell of the user', () => {
    const notesBefore = gas.spreadsheet.getSheetByName('Notes')!.getDataRange().getValues();
    analyze(gas);
    const first = gas.spreadsheet.getSheets().map((s) => s.getName());
    gas.spreadsheet.setActiveSheet(orders);
    analyze(gas, { cut: 'top20' });
    const second = gas.spreadsheet.getSheets().map((s) => s.getName());
    expect(second).toEqual(first);
    expect(second.filter((n) => n === 'Customer value')).toHaveLength(1);
    expect(second.filter((n) => n === 'Segments')).toHaveLength(1);
    expect(orders.getDataRange().getValues()).toEqual(before);
    expect(gas.spreadsheet.getSheetByName('Notes')!.getDataRange().getValues()).toEqual(notesBefore);
  });

  it('never overwrites a user sheet that happens to be called "Customer value"', () => {
    const mine = gas.spreadsheet.insertSheet('Customer value');
    gas.fill(mine, [['my numbers'], [42]]);
    gas.spreadsheet.setActiveSheet(orders);
    const reply = analyze(gas);
    expect(reply.ok).toBe(true);
    expect(mine.getDataRange().getValues()).toEqual([['my numbers'], [42]]);
    expect((reply.value.sheets as string[])[0]).not.toBe('Customer value');
  });

  it('refuses to analyze its own result sheets, and says what to open instead', () => {
    analyze(gas);
    gas.spreadsheet.setActiveSheet(gas.spreadsheet.getSheetByName('Customer value')!);
    const info = gas.fromClient('getSheetInfo') as { ok: boolean; error?: string };
    expect(info).toEqual({ ok: false, error: '"Customer value" is a sheet the add-in wrote. Open the sheet with your orders or customers, then press Reload.' });
  });

  it('writes the Segments sheet with native charts', () => {
    analyze(gas);
    const segments = gas.spreadsheet.getSheetByName('Segments')!;
    const text = segments.getDataRange().getValues().flat().join(' ');
    for (const name of ['Champions', 'Rising', 'Past stars', 'Low value', 'Regular', 'One-time buyer', 'Lapsing', 'Former']) expect(text).toContain(name);
    expect(text).not.toContain('At risk');
  });
});

describe('the hand-made shop: what to act on, and the pictures', () => {
  let gas: Harness;
  beforeEach(() => ({ gas } = setUp()));

  const customerRows = (sheetName: string): { header: string[]; rows: unknown[][] } => {
    const values = gas.spreadsheet.getSheetByName(sheetName)!.getDataRange().getValues();
    return { header: values[0] as string[], rows: values.slice(1) };
  };

  it('gives each customer the days since the last order and the next order due (last order + usual gap; blank after one order)', () => {
    analyze(gas);
    const { header, rows } = customerRows('Customer value');
    const at = (id: string, column: string): unknown => rows.find((r) => r[0] === id)![header.indexOf(column)];
    const iso = (d: unknown): string => (d instanceof Object && 'getFullYear' in d ? [(d as Date).getFullYear(), (d as Date).getMonth() + 1, (d as Date).getDate()].map((x) => String(x).padStart(2, '0')).join('-') : String(d));
    // A0: orders every 20 days, the last on the as-of date.
    expect(at('A0', 'Days since last order')).toBe(0);
    expect(iso(at('A0', 'Next order due (last + usual gap)'))).toBe('2026-01-20');
    // F0: every 45 days, the last 80 days ago: due 35 days ago (overdue).
    expect(at('F0', 'Days since last order')).toBe(80);
    expect(iso(at('F0', 'Next order due (last + usual gap)'))).toBe('2025-11-26');
    // D0: one order 60 days ago: no rhythm yet.
    expect(at('D0', 'Days since last order')).toBe(60);
    expect(at('D0', 'Next order due (last + usual gap)')).toBe('');
  });

  it('lists whom to contact first: most predicted value at stake, with the facts to act on', () => {
    const { value } = analyze(gas);
    const list = value.contactFirst!;
    expect(list.length).toBe(20);
    for (let k = 1; k < list.length; k++) expect(list[k - 1].atStake).toBeGreaterThanOrEqual(list[k].atStake);
    for (const c of list) expect(c.atStake).toBeCloseTo(c.predictedValue * (1 - c.pAlive), 9);
    const d0 = list.find((c) => c.id === 'D0')!;
    expect(d0).toMatchObject({ segment: 'Low value', stage: 'One-time buyer', daysSinceLastOrder: 60, nextOrderDue: null });
    expect(list.find((c) => c.id === 'F0')!.nextOrderDue).toBe('2025-11-26');
  });

  it('exports one segment to a sheet of its own, most predicted value first, never over a sheet of the user', () => {
    const mine = gas.spreadsheet.insertSheet('Segment: Champions');
    gas.fill(mine, [['my own list']]);
    gas.spreadsheet.setActiveSheet(gas.spreadsheet.getSheetByName('Orders')!);
    const info = gas.fromClient('getSheetInfo') as { ok: true; value: { sheetName: string; shape: 'orders'; guess: Record<string, number | null> } };
    const request: AnalysisRequest = { sheetName: 'Orders', shape: 'orders', columns: info.value.guess, horizonMonths: 12, annualDiscountRate: 0.1, grossMargin: 1, inactiveDays: 90, cut: 'median' };
    const reply = gas.fromClient('exportSegment', request, 'Champions') as { ok: true; value: { sheet: string; segment: string; customers: number } };
    expect(reply).toEqual({ ok: true, value: { sheet: 'Segment: Champions (2)', segment: 'Champions', customers: 5 } });
    // The progress line the sidebar polls ends, as after Analyze.
    expect(gas.fromClient('getAnalysisProgress')).toMatchObject({ done: true, message: 'Done' });
    expect(mine.getDataRange().getValues()).toEqual([['my own list']]);
    const { header, rows } = customerRows('Segment: Champions (2)');
    expect(rows.map((r) => String(r[0])[0])).toEqual(['A', 'A', 'A', 'A', 'A']);
    const predicted = rows.map((r) => r[header.indexOf('Predicted value (next 12 months)')] as number);
    expect([...predicted].sort((p, q) => q - p)).toEqual(predicted);
    expect(gas.fromClient('exportSegment', request, 'At risk')).toEqual({ ok: false, error: 'There is no segment named "At risk"; the segments are Champions, Rising, Past stars, Low value.' });
  });

  it('ends the progress line it reports on, done on success and on failure, so the next poll finds no stale step', () => {
    const info = gas.fromClient('getSheetInfo') as { ok: true; value: { guess: Record<string, number | null> } };
    const request: AnalysisRequest = { sheetName: 'Orders', shape: 'orders', columns: info.value.guess, horizonMonths: 12, annualDiscountRate: 0.1, grossMargin: 1, inactiveDays: 90, cut: 'median' };
    expect(gas.fromClient('getAnalysisProgress')).toBeNull();
    expect(gas.fromClient('exportSegment', request, 'Rising')).toMatchObject({ ok: true, value: { segment: 'Rising', customers: 5 } });
    expect(gas.fromClient('getAnalysisProgress')).toEqual({ step: 5, steps: 5, message: 'Done', done: true });
    // Failing after the reading and fitting steps were reported (no such sheet any more): stopped, and done.
    expect(gas.fromClient('exportSegment', { ...request, sheetName: 'Gone' }, 'Rising')).toEqual({ ok: false, error: 'There is no sheet named "Gone" any more. Press Reload.' });
    expect(gas.fromClient('getAnalysisProgress')).toEqual({ step: 5, steps: 5, message: 'Stopped', done: true });
    expect(gas.fromClient('exportSegment', request, 'Champions')).toMatchObject({ ok: true });
    expect(gas.fromClient('getAnalysisProgress')).toEqual({ step: 5, steps: 5, message: 'Done', done: true });
    expect(gas.fromClient('exportSegment', { ...request, horizonMonths: 1e6 }, 'Champions')).toMatchObject({ ok: false });
    expect(gas.fromClient('getAnalysisProgress')).toEqual({ step: 5, steps: 5, message: 'Stopped', done: true });
  });

  it('draws value by segment (past + predicted, stacked), customers per segment and the cumulative value curve, and colours the cohort triangle', () => {
    analyze(gas);
    const segments = gas.spreadsheet.getSheetByName('Segments')!;
    const charts = segments.getCharts();
    expect(charts.map((c) => [c.type, c.options.title])).toEqual([
      ['COLUMN', 'Value by segment: past + predicted = total'],
      ['COLUMN', 'Customers per segment'],
      ['LINE', 'Cumulative predicted value (customers ranked by it)'],
    ]);
    const values = segments.getDataRange().getValues();
    const segmentHeader = values.findIndex((r) => r[0] === 'Segment') + 1;
    // The stacked chart reads the segment names and the past and predicted value columns (E and F).
    expect(charts[0].ranges).toEqual([`Segments!A${segmentHeader}:A${segmentHeader + 4}`, `Segments!E${segmentHeader}:F${segmentHeader + 4}`]);
    expect(values[segmentHeader - 1].slice(4, 6)).toEqual(['Past value', 'Predicted value (next 12 months)']);
    expect(charts[0].options.isStacked).toBe(true);
    const cohortHeader = values.findIndex((r) => r[0] === 'Cohort (first purchase)') + 1;
    expect(cohortHeader).toBeGreaterThan(0);
    const rules = segments.getConditionalFormatRules() as { rule: { min: { color: string }; max: { color: string } }; getRanges(): { getA1Notation(): string }[] }[];
    expect(rules).toHaveLength(1);
    expect(rules[0].rule.min.color).toBe('#ffffff');
    expect(rules[0].getRanges()[0].getA1Notation()).toMatch(new RegExp(`^C${cohortHeader + 1}:`));
  });
});

describe('the built-in sample through the bundle', () => {
  const analyzed = (() => {
    let cached: { gas: Harness; summary: AnalysisSummary } | null = null;
    return () => {
      if (cached) return cached;
      const gas = createHarness();
      gas.fill(gas.spreadsheet.getActiveSheet().setName('Orders'), sampleOrdersSheet(42).rows);
      const reply = analyzeActiveSheet(gas);
      if (!reply.ok) throw new Error(reply.error);
      cached = { gas, summary: reply.value };
      return cached;
    };
  })();

  it('has headline figures that say what they sum and add up: past + predicted = total, referral apart', () => {
    const { gas, summary } = analyzed();
    const values = gas.spreadsheet.getSheetByName('Customer value')!.getDataRange().getValues();
    const header = values[0] as string[];
    const sum = (name: string): number => values.slice(1).reduce((s, r) => s + (r[header.indexOf(name)] as number), 0);
    expect(summary.pastValue).toBeCloseTo(sum('Past value (revenue − cost)'), 6);
    expect(summary.pastValue).toBeCloseTo(sum('Revenue') - sum('Cost'), 6);
    expect(summary.predictedValue).toBeCloseTo(sum('Predicted value (next 12 months)'), 6);
    expect(summary.totalValue).toBeCloseTo(summary.pastValue + summary.predictedValue, 6);
    expect(summary.referralValue).toBeCloseTo(sum("Referral value (referred customers' total, not added)"), 6);
    expect(summary.pastValue).toBeCloseTo(95_658.47, 2);
    expect(summary.predictedValue).toBeCloseTo(58_604.57, 0);
    expect(summary.totalValue).toBeCloseTo(154_263.04, 0);
    expect(summary.referralValue!).toBeCloseTo(22_249.95, 0);
    expect(summary.topShare.customerShare).toBe(0.2);
    expect(summary.topShare.predictedValueShare).toBeCloseTo(0.77, 2);
    for (const groups of [summary.segments, summary.stages]) {
      expect(groups.reduce((s, g) => s + g.predictedValue, 0)).toBeCloseTo(summary.predictedValue, 6);
      for (const g of groups) expect(g.totalValue).toBeCloseTo(g.pastValue + g.predictedValue, 6);
    }
    expect(summary.segments.map((g) => g.description)[0]).toBe('In the top 20% by total value (past + predicted) and by predicted value.');
  });

  it('carries the pictures: each customer once in the P(alive) grid and once in the value ranges, as the Customer value sheet has them', () => {
    const { gas, summary } = analyzed();
    const { valueCurve, pAlive, predictedValueBins: bins } = summary.charts;
    const values = gas.spreadsheet.getSheetByName('Customer value')!.getDataRange().getValues();
    const header = values[0] as string[];
    const column = (name: string): number[] => values.slice(1).map((r) => r[header.indexOf(name)] as number);
    expect(summary.customers).toBe(1000);

    const cells = pAlive.cells.flat();
    expect(pAlive.rows).toEqual(['0', '1', '2–3', '4–7', '8+']);
    expect(pAlive.columns).toEqual(['0–30', '31–90', '91–180', '181–365', '366+']);
    expect(cells.reduce((s, c) => s + c.customers, 0)).toBe(summary.customers);
    // The cells' means, weighted by their customers, give back the sheet's Σ P(alive).
    const pAliveSum = column('P(alive)').reduce((s, p) => s + p, 0);
    expect(cells.reduce((s, c) => s + c.customers * (c.value ?? 0), 0)).toBeCloseTo(pAliveSum, 6);
    // Column by column (days since the last order), the counts are the sheet's.
    const days = column('Days since last order');
    const byColumn = pAlive.columns.map((_, c) => pAlive.cells.reduce((s, row) => s + row[c].customers, 0));
    expect(byColumn).toEqual([
      days.filter((d) => d <= 30).length,
      days.filter((d) => d > 30 && d <= 90).length,
      days.filter((d) => d > 90 && d <= 180).length,
      days.filter((d) => d > 180 && d <= 365).length,
      days.filter((d) => d > 365).length,
    ]);

    expect(bins).toHaveLength(8);
    expect(bins.at(-1)!.to).toBeNull();
    expect(bins.reduce((s, b) => s + b.customers, 0)).toBe(summary.customers);
    const predicted = column('Predicted value (next 12 months)');
    for (const b of bins) expect(b.customers).toBe(predicted.filter((v) => v >= b.from && (b.to === null || v < b.to)).length);

    expect(valueCurve).toHaveLength(20);
    expect(valueCurve.find((p) => p.customerShare === 0.2)!.valueShare).toBe(summary.topShare.predictedValueShare);
    expect(valueCurve.at(-1)).toEqual({ customerShare: 1, valueShare: 1 });
  });

  it('chooses its model by the holdout, says why, and states the verdict with its expected range', () => {
    const { summary } = analyzed();
    expect(summary.model.purchaseModel).toBe('paretonbd');
    expect(summary.model.name).toBe('Pareto/NBD + Gamma-Gamma');
    expect(summary.model.reason).toBe('Pareto/NBD: it predicted the purchases of the last 8 months best (mean error 0.21 purchases per customer; MBG/NBD 0.323).');
    expect(summary.model.candidates!.map((c) => c.name)).toEqual(['mbgnbd', 'paretonbd']);
    expect(summary.holdout!.sentence).toBe('Predicted 2.28 purchases per customer over the last 8 months, actual 2.26: within the expected range (2.05 to 2.51).');
    expect(summary.holdout!.groups.map((g) => g.verdict)).toEqual(['within', 'within', 'within', 'within', 'within', null, null, 'within']);
    expect(summary.holdout!.total.low!).toBeLessThan(summary.holdout!.total.actual);
  });

  it('never shows a one-time buyer of a year or two ago as 100% alive', () => {
    const { gas } = analyzed();
    const values = gas.spreadsheet.getSheetByName('Customer value')!.getDataRange().getValues();
    const header = values[0] as string[];
    const old = values.slice(1).filter((r) => r[header.indexOf('Orders')] === 1 && (r[header.indexOf('Days since last order')] as number) >= 365);
    expect(old.length).toBeGreaterThan(100);
    for (const r of old) expect(r[header.indexOf('P(alive)')] as number).toBeLessThan(0.5);
  });

  it("gives as predicted value of each customer the CLV() cell's clv, with the model it chose", () => {
    const gas = createHarness();
    const sheet = gas.spreadsheet.getActiveSheet().setName('Orders');
    const rows = sampleOrdersSheet(42).rows.map((r) => r.slice(0, 3));
    gas.fill(sheet, rows);
    const reply = analyzeActiveSheet(gas, { columns: { orderDate: 0, customerId: 1, amount: 2 }, grossMargin: 1 });
    if (!reply.ok) throw new Error(reply.error);
    const values = gas.spreadsheet.getSheetByName('Customer value')!.getDataRange().getValues();
    const header = values[0] as string[];
    const sidebar = new Map<unknown, number>(values.slice(1).map((r) => [r[header.indexOf('Customer')], r[header.indexOf('Predicted value (next 12 months)')] as number]));
    const column = (j: number): unknown[][] => sheet.getRange(2, j, rows.length - 1, 1).getValues();
    const cell = gas.cell('CLV', column(2), column(1), column(3), 12, 0.1, 1, '', reply.value.model.purchaseModel) as unknown[][];
    const clv = (cell[0] as string[]).indexOf('clv');
    expect(cell.length - 1).toBe(sidebar.size);
    let total = 0;
    for (const r of cell.slice(1)) {
      expect(r[clv] as number).toBeCloseTo(sidebar.get(r[0])!, 9);
      total += r[clv] as number;
    }
    expect(reply.value.predictedValue).toBeCloseTo(total, 6);
  });

  it('gives the browser what it needs to answer "what if" without a server call', () => {
    const { summary } = analyzed();
    const basis = summary.whatIf!;
    expect(basis.predictedValue).toBe(summary.predictedValue);
    expect(whatIf(basis).predictedValue).toBeCloseTo(summary.predictedValue, 6);
    expect(whatIf(basis, { retention: 0.05 }).lifetimeChange).toBeCloseTo(0.138, 3);
  });
});

describe('one row per customer', () => {
  it('uses MBG/NBD and says why: there is no order log to compare models on, nor to hold months back', () => {
    const gas = createHarness();
    gas.fill(gas.spreadsheet.getActiveSheet().setName('Customers'), sampleCustomersSheet(42).rows);
    const reply = analyzeActiveSheet(gas);
    if (!reply.ok) throw new Error(reply.error);
    expect(reply.value.model.purchaseModel).toBe('mbgnbd');
    expect(reply.value.model.reason).toBe('MBG/NBD: with one row per customer there is no order log to compare models on.');
    expect(reply.value.model.candidates).toEqual([]);
    expect(reply.value.holdout).toBeNull();
    expect(reply.value.totalValue).toBeCloseTo(reply.value.pastValue + reply.value.predictedValue, 6);
    // No cohort triangle without an order log.
    const text = gas.spreadsheet.getSheetByName('Segments')!.getDataRange().getValues().flat().join(' ');
    expect(text).toContain('Holdout check: none (it needs an order log of at least 180 days, the last third held out)');
    expect(text).not.toContain('Cohort triangle');
  });
});

describe('the sidebar on bad sheets', () => {
  it('explains in plain words when there is no date column or fewer than 2 customers', () => {
    const gas = createHarness();
    const sheet = gas.spreadsheet.getActiveSheet();
    gas.fill(sheet, [['Customer', 'Amount'], ['a', 10], ['b', 20]]);
    const reply = analyzeActiveSheet(gas, { shape: 'orders' });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(/order date/);

    const one = createHarness();
    one.fill(one.spreadsheet.getActiveSheet(), [['Date', 'Customer', 'Amount'], [one.date(2025, 1, 1), 'a', 10], [one.date(2025, 2, 1), 'a', 20]]);
    const oneReply = analyzeActiveSheet(one);
    expect(oneReply.ok).toBe(false);
    expect(!oneReply.ok && oneReply.error).toMatch(/Only 1 customer/);
  });

  it('builds only the menu on open (AuthMode.NONE)', () => {
    const gas = createHarness();
    gas.run('onOpen', { authMode: 'NONE' });
    expect(gas.ui.menus.at(-1)?.items.map((i) => (typeof i === 'object' && 'caption' in i ? i.caption : i))).toEqual(['Analyze customers', 'Insert template']);
    expect(gas.spreadsheet.getSheets()).toHaveLength(1);
  });
});
