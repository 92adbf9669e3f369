// The sidebar's server side through the built dist/Code.js: a hand-made shop where every customer's value segment
// and lifecycle stage is known by construction; re-running; and the promise never to touch the user's cells.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AnalysisRequest, AnalysisSummary } from '../../src/server/contract';
import { analyzeActiveSheet } from './analyze';
import { createHarness, type Harness } from './gas';

type Row = [string, Date, number, number, string];

/** As-of day of the hand-made shop: its last order. */
const AS_OF = { y: 2025, m: 12, d: 31 };

/**
 * Six kinds of customer, designed so the model's verdict cannot be in doubt (cut at the median):
 * A ×5  Champions, Regular   — big orders every 20 days for a year, the last one today
 * B ×5  At risk,   Former    — bigger orders every 20 days, then nothing for 10 months
 * C ×5  Rising,    New       — small orders every 5 days, all in the last 25 days
 * D ×1  Low value, One-time  — one small order 60 days ago
 * E ×2  Low value, Former    — one small order 300 days ago
 * F ×2  Low value, At risk   — tiny orders every 45 days, the last one 80 days ago
 */
const EXPECTED: Record<string, { segment: string; stage: string; count: number }> = {
  A: { segment: 'Champions', stage: 'Regular', count: 5 },
  B: { segment: 'At risk', stage: 'Former', count: 5 },
  C: { segment: 'Rising', stage: 'New', count: 5 },
  D: { segment: 'Low value', stage: 'One-time buyer', count: 1 },
  E: { segment: 'Low value', stage: 'Former', count: 2 },
  F: { segment: 'Low value', stage: 'At risk', count: 2 },
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

  it('reports the counts per segment and stage, and the networking value of a referral', () => {
    const reply = analyze(gas);
    const summary = reply.value as { customers: number; segments: { name: string; customers: number }[]; stages: { name: string; customers: number }[] };
    expect(summary.customers).toBe(20);
    const count = (list: { name: string; customers: number }[], name: string): number => list.find((g) => g.name === name)?.customers ?? -1;
    expect(count(summary.segments, 'Champions')).toBe(5);
    expect(count(summary.segments, 'At risk')).toBe(5);
    expect(count(summary.segments, 'Rising')).toBe(5);
    expect(count(summary.segments, 'Low value')).toBe(5);
    expect(count(summary.stages, 'Regular')).toBe(5);
    expect(count(summary.stages, 'New')).toBe(5);
    expect(count(summary.stages, 'Former')).toBe(7);
    expect(count(summary.stages, 'One-time buyer')).toBe(1);
    expect(count(summary.stages, 'At risk')).toBe(2);
    const values = gas.spreadsheet.getSheetByName('Customer value')!.getDataRange().getValues();
    const header = values[0] as string[];
    const networking = header.findIndex((h) => /networking/i.test(h));
    const base = header.findIndex((h) => /base value/i.test(h));
    const growth = header.findIndex((h) => /growth value/i.test(h));
    const row = (key: string) => values.find((r) => r[header.indexOf('Customer')] === key)!;
    // A0 referred C0: A0's networking value is C0's base plus growth value.
    expect(row('A0')[networking] as number).toBeCloseTo((row('C0')[base] as number) + (row('C0')[growth] as number), 6);
    expect(row('A1')[networking]).toBe(0);
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
    for (const name of ['Champions', 'Rising', 'At risk', 'Low value', 'Regular', 'One-time buyer']) expect(text).toContain(name);
    expect(segments.getCharts().length).toBeGreaterThanOrEqual(2);
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
