// Nothing of the user's is lost, ever: edit or paste into every sheet the add-in writes, run each menu action
// again, and every cell of the user's is as it was. The add-in refreshes a sheet of its own only while that sheet
// holds exactly what it wrote; the Segment column it adds to a customer table rewrites only its own cells.
import { describe, expect, it } from 'vitest';
import { TEMPLATE_SHEET_NAMES } from '../../src/core/template';
import { sampleCustomersSheet, sampleOrdersSheet } from '../../preview/sample';
import { analyzeActiveSheet } from './analyze';
import { createHarness, type Harness } from './gas';
import type { FakeSheet } from './sheets';

/** Everything a person sees of a sheet: values and formulas of the whole grid in use. */
function contents(sheet: FakeSheet): { values: unknown[][]; formulas: string[][] } {
  const range = sheet.getDataRange();
  return { values: range.getValues(), formulas: range.getFormulas() };
}

function names(gas: Harness): string[] {
  return gas.spreadsheet.getSheets().map((s) => s.getName());
}

function sheet(gas: Harness, name: string): FakeSheet {
  const found = gas.spreadsheet.getSheetByName(name);
  if (!found) throw new Error(`no sheet "${name}" among ${names(gas).join(', ')}`);
  return found;
}

/** A shop with an order sheet; the sidebar analysis run once. */
function analyzedShop(): Harness {
  const gas = createHarness();
  const orders = gas.spreadsheet.getActiveSheet().setName('Orders');
  gas.fill(orders, sampleOrdersSheet(42).rows);
  const reply = analyzeActiveSheet(gas);
  if (!reply.ok) throw new Error(reply.error);
  return gas;
}

function analyzeOrders(gas: Harness, changes = {}): ReturnType<typeof analyzeActiveSheet> {
  gas.spreadsheet.setActiveSheet(sheet(gas, 'Orders'));
  return analyzeActiveSheet(gas, changes);
}

describe('Insert template, run again', () => {
  it('refreshes its sheets in place when they hold what it wrote, keeping what the user added beside', () => {
    const gas = createHarness();
    gas.run('insertTemplate');
    const start = sheet(gas, TEMPLATE_SHEET_NAMES.start);
    const orders = sheet(gas, TEMPLATE_SHEET_NAMES.orders);
    gas.fill(start, [['my reminder: ask Sara about the churn series']], 30, 2);
    gas.fill(orders, [['checked']], 1, 7);
    const before = names(gas);
    gas.run('insertTemplate');
    expect(names(gas)).toEqual(before);
    expect(start.getRange(30, 2).getValue()).toBe('my reminder: ask Sara about the churn series');
    expect(orders.getRange(1, 7).getValue()).toBe('checked');
  });

  it('never changes a template sheet the user edited, and writes a fresh copy beside it', () => {
    for (const name of Object.values(TEMPLATE_SHEET_NAMES)) {
      const gas = createHarness();
      gas.run('insertTemplate');
      const edited = sheet(gas, name);
      gas.fill(edited, [['my own words']], 1, 1); // over a cell the add-in wrote
      const before = contents(edited);
      gas.run('insertTemplate');
      expect(contents(edited), name).toEqual(before);
      expect(names(gas), name).toContain(`${name} (2)`);
    }
  });

  it('keeps orders pasted over the sample, and the Formulas sheet that reads them; the fresh copies read the fresh sample', () => {
    const gas = createHarness();
    gas.run('insertTemplate');
    const orders = sheet(gas, TEMPLATE_SHEET_NAMES.orders);
    const mine = sampleOrdersSheet(7).rows.slice(1, 301).map((r) => [r[0], `mine-${String(r[1])}`, r[2], r[3], '']);
    gas.fill(orders, mine, 2, 1);
    const ordersBefore = contents(orders);
    const formulasBefore = contents(sheet(gas, TEMPLATE_SHEET_NAMES.formulas));
    gas.run('insertTemplate');
    expect(contents(orders)).toEqual(ordersBefore);
    expect(contents(sheet(gas, TEMPLATE_SHEET_NAMES.formulas))).toEqual(formulasBefore);
    const fresh = sheet(gas, 'Formulas (2)').getDataRange().getFormulas().flat().filter((f) => f !== '');
    expect(fresh.length).toBeGreaterThan(5);
    expect(fresh.filter((f) => f.includes("'Sample orders (2)'!")).length).toBe(fresh.filter((f) => f.includes('!')).length);
  });
});

describe('Analyze customers, run again', () => {
  it('refreshes Customer value and Segments in place, keeping what the user added outside the add-in\'s cells', () => {
    const gas = analyzedShop();
    const value = sheet(gas, 'Customer value');
    const segments = sheet(gas, 'Segments');
    gas.fill(value, [['my note beside the table']], 3, value.getMaxColumns() + 2);
    gas.fill(segments, [['to discuss on Monday']], 2, 9);
    const chartsBefore = segments.getCharts().length;
    const reply = analyzeOrders(gas, { cut: 'median' });
    if (!reply.ok) throw new Error(reply.error);
    expect(names(gas).filter((n) => n.startsWith('Customer value') || n.startsWith('Segments'))).toEqual(['Customer value', 'Segments']);
    expect(value.getRange(3, value.getMaxColumns()).getValue()).toBe('my note beside the table');
    expect(segments.getRange(2, 9).getValue()).toBe('to discuss on Monday');
    expect(segments.getCharts()).toHaveLength(chartsBefore);
  });

  it('never changes a result sheet the user edited; the new results go to a fresh sheet and the reply says so', () => {
    for (const name of ['Customer value', 'Segments']) {
      const gas = analyzedShop();
      const edited = sheet(gas, name);
      gas.fill(edited, [[12345]], 2, 2);
      const before = contents(edited);
      const reply = analyzeOrders(gas);
      if (!reply.ok) throw new Error(reply.error);
      expect(contents(edited), name).toEqual(before);
      expect(reply.value.sheets, name).toContain(`${name} (2)`);
      expect(reply.value.warnings.join(' '), name).toContain(`"${name}": your changes`);
    }
  });

  it('writes to a fresh sheet rather than over a note the user put where the larger new results would go', () => {
    const gas = createHarness();
    const orders = gas.spreadsheet.getActiveSheet().setName('Orders');
    const all = sampleOrdersSheet(42).rows;
    gas.fill(orders, all.slice(0, 1500));
    if (!analyzeOrders(gas).ok) throw new Error('first analysis failed');
    const value = sheet(gas, 'Customer value');
    const below = value.getLastRow() + 1;
    gas.fill(value, [['total of my own']], below, 1);
    gas.fill(orders, all.slice(1500), 1501, 1);
    const reply = analyzeOrders(gas);
    if (!reply.ok) throw new Error(reply.error);
    expect(value.getRange(below, 1).getValue()).toBe('total of my own');
    expect(reply.value.sheets[0]).toBe('Customer value (2)');
  });

  it('gives its new sheets only the columns they need', () => {
    const gas = analyzedShop();
    expect(sheet(gas, 'Customer value').getMaxColumns()).toBe(17); // with the referral value (referrals)
    // The widest table: the cohort triangle's label, size and 24 months of the sample.
    expect(sheet(gas, 'Segments').getMaxColumns()).toBe(26);
  });

  it('says before fitting when the results would not fit in the 10 million cells of a spreadsheet', () => {
    const gas = createHarness();
    const orders = gas.spreadsheet.getActiveSheet().setName('Orders');
    gas.fill(orders, sampleOrdersSheet(42).rows);
    const big = gas.spreadsheet.insertSheet('My archive');
    // Leave room for 30,000 cells: the results of 1,000 customers need a new sheet's 26,000 twice over.
    big.insertRowsAfter(1000, Math.floor((10_000_000 - 30_000 - gas.spreadsheet.totalCells()) / 26));
    gas.spreadsheet.setActiveSheet(orders);
    const sheetsBefore = names(gas);
    const reply = analyzeActiveSheet(gas);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(/^The results need about [\d,]+ cells \(1,000 customers, one row each\) but this spreadsheet has room for [\d,]+ more: a spreadsheet holds at most 10,000,000 cells/);
    expect(names(gas)).toEqual(sheetsBefore);
    expect(gas.documentCache.puts).toBe(0); // nothing was fitted
  });
});

describe('the Segment column beside a customer table', () => {
  function customerTable(): { gas: Harness; table: FakeSheet; analyze: () => { column: string; warnings: string[] } } {
    const gas = createHarness();
    const table = gas.spreadsheet.getActiveSheet().setName('Customers');
    gas.fill(table, sampleCustomersSheet(42).rows);
    const analyze = (): { column: string; warnings: string[] } => {
      gas.spreadsheet.setActiveSheet(table);
      const reply = analyzeActiveSheet(gas, { addSegmentColumn: true });
      if (!reply.ok) throw new Error(reply.error);
      return { column: reply.value.segmentColumn!, warnings: reply.value.warnings };
    };
    return { gas, table, analyze };
  }

  it('rewrites only its own cells: a total, a note and a segment set by hand stay as the user typed them', () => {
    const { gas, table, analyze } = customerTable();
    const first = analyze();
    expect(first.column).toBe('F');
    const segment = 6;
    const last = table.getLastRow();
    expect(table.getRange(1, segment).getValue()).toBe('Segment');
    const labels = table.getRange(2, segment, last - 1, 1).getValues().map((r) => r[0]);
    expect(new Set(labels)).toEqual(new Set(['Champions', 'Rising', 'Past stars', 'Low value']));
    const other = (label: unknown): string => (label === 'Champions' ? 'Low value' : 'Champions');
    gas.fill(table, [['Total: 1,000 customers']], last + 2, segment);
    gas.fill(table, [['call back in May']], 5, segment);
    gas.fill(table, [[other(labels[8])]], 10, segment);
    const mine = { total: table.getRange(last + 2, segment).getValue(), note: table.getRange(5, segment).getValue(), byHand: table.getRange(10, segment).getValue() };

    const second = analyze();
    expect(second.column).toBe('F');
    expect({ total: table.getRange(last + 2, segment).getValue(), note: table.getRange(5, segment).getValue(), byHand: table.getRange(10, segment).getValue() }).toEqual(mine);
    expect(second.warnings.join(' ')).toContain('2 cells of the Segment column (F) with entries of your own left as they are');
    // Every other customer row holds its segment again.
    const now = table.getRange(2, segment, last - 1, 1).getValues().map((r) => r[0]);
    now.forEach((v, i) => {
      if (i + 2 !== 5 && i + 2 !== 10) expect(v).toBe(labels[i]);
    });
  });

  it('follows its column when the user inserts a column before it, and never adds a second one', () => {
    const { table, analyze } = customerTable();
    analyze();
    table.insertColumnsAfter(1, 1);
    const again = analyze();
    expect(again.column).toBe('G');
    const headers = table.getRange(1, 1, 1, table.getLastColumn()).getValues()[0];
    expect(headers.filter((h) => h === 'Segment')).toHaveLength(1);
  });

  it('leaves every cell of the user\'s table as it was', () => {
    const { table, analyze } = customerTable();
    const before = table.getRange(1, 1, table.getLastRow(), 5).getValues();
    analyze();
    analyze();
    expect(table.getRange(1, 1, table.getLastRow(), 5).getValues()).toEqual(before);
  });
});

describe('every sheet the add-in writes, edited, and every menu action run again', () => {
  it('leaves every cell the user typed exactly as it was', () => {
    const gas = createHarness();
    const orders = gas.spreadsheet.getActiveSheet().setName('Orders');
    gas.fill(orders, sampleOrdersSheet(42).rows);
    gas.run('insertTemplate');
    if (!analyzeOrders(gas).ok) throw new Error('analysis failed');
    const customers = gas.spreadsheet.insertSheet('Customers');
    gas.fill(customers, sampleCustomersSheet(42).rows);
    gas.spreadsheet.setActiveSheet(customers);
    if (!analyzeActiveSheet(gas, { addSegmentColumn: true }).ok) throw new Error('customer analysis failed');

    // In every sheet the add-in wrote: one cell of the add-in's changed, an empty cell beside filled, cells pasted
    // below. In the user's own data sheets: a cell beside the data.
    const typed: { sheet: string; row: number; column: number; value: unknown }[] = [];
    for (const s of gas.spreadsheet.getSheets()) {
      const r = Math.max(2, Math.floor(s.getLastRow() / 2));
      const beside = { row: r, column: s.getLastColumn() + 1, value: 'beside' };
      const own = [
        { row: 2, column: 1, value: `edited ${s.getName()}` },
        { row: s.getLastRow() + 3, column: 2, value: 42 },
        { row: s.getLastRow() + 4, column: 2, value: gas.date(2024, 2, 29) },
      ];
      for (const e of ['Orders', 'Customers'].includes(s.getName()) ? [beside] : [beside, ...own]) {
        gas.fill(s, [[e.value]], e.row, e.column);
        typed.push({ sheet: s.getName(), ...e });
      }
    }
    const snapshot = new Map(gas.spreadsheet.getSheets().map((s) => [s.getName(), contents(s)]));

    gas.run('insertTemplate');
    gas.spreadsheet.setActiveSheet(sheet(gas, 'Orders'));
    expect(analyzeActiveSheet(gas).ok).toBe(true);
    gas.spreadsheet.setActiveSheet(sheet(gas, 'Customers'));
    expect(analyzeActiveSheet(gas, { addSegmentColumn: true }).ok).toBe(true);
    gas.run('onOpen', { authMode: 'FULL' });

    for (const t of typed) expect(sheet(gas, t.sheet).getRange(t.row, t.column).getValue(), `${t.sheet} ${t.row},${t.column}`).toEqual(t.value);
    // Every sheet that holds an edit of the user's is exactly as it was (the Customers table: all but its Segment column).
    for (const [name, before] of snapshot) {
      if (name === 'Customers') continue;
      expect(contents(sheet(gas, name)), name).toEqual(before);
    }
  });
});
