// What comes back from a sheet is what the user gave: ids the add-in writes read back identical, however Sheets would
// parse them as typed; error values and checkboxes in the data are refused with the function, argument and row.
import { describe, expect, it } from 'vitest';
import { ymdFromDay } from '../../src/core/dates';
import { sampleOrderLog } from '../../src/core/generate';
import { ERROR_VALUES } from '../../src/server/args';
import { analyzeActiveSheet } from './analyze';
import { createHarness, type Harness } from './gas';
import { CellError } from './sheets';

/**
 * Ids Sheets would turn into something else if written as plain strings: booleans, dates, times, numbers with
 * grouping, currency, percent or exponent, fractions read as dates, formulas and formula-like starts, error literals,
 * leading zeros and apostrophes, and text in other scripts.
 */
const HOSTILE_IDS = [
  'TRUE',
  'false',
  '1/2',
  '12/31/2024',
  '12:30',
  '1:30 PM',
  '$5',
  '€9',
  '1,234',
  '5%',
  '1e3',
  '(12)',
  'Jan 5',
  '5 March 2024',
  '2024-01-05',
  '00042',
  '=1+1',
  '=HYPERLINK("x")',
  '+44 20 7946 0000',
  '-7 days',
  '@home',
  "'quoted",
  "''",
  '#REF',
  '#N/A?',
  'N/A',
  '١٢٣',
  '۱۴۰۲/۰۵/۱۲',
  'مشتری ۱',
  '<img src=x onerror=alert(1)>',
];

const isPlainId = (id: string): boolean => String(Number(id)) !== id; // numeric text is read as a number id, by design

describe('ids written back', () => {
  it('would not survive Sheets\' parsing as plain strings (the fake parses them as Sheets does)', () => {
    const gas = createHarness();
    const sheet = gas.spreadsheet.getActiveSheet();
    const range = sheet.getRange(1, 1, HOSTILE_IDS.length, 1);
    range.setValues(HOSTILE_IDS.map((id) => [id]));
    const back = range.getValues().map((r) => r[0]);
    const changed = HOSTILE_IDS.filter((id, i) => back[i] !== id);
    // All but the ordinary texts (N/A, #REF, #N/A?, scripts other than Latin, an HTML-like string) change type or text.
    expect(changed.length).toBeGreaterThanOrEqual(20);
    range.setValues(HOSTILE_IDS.map((id) => [`'${id}`]));
    expect(range.getValues().map((r) => r[0])).toEqual(HOSTILE_IDS);
  });

  it('read back identical from the Customer value sheet after an analysis', () => {
    const gas = createHarness();
    const sheet = gas.spreadsheet.getActiveSheet().setName('Orders');
    const rows: unknown[][] = [['Order date', 'Customer', 'Amount']];
    HOSTILE_IDS.forEach((id, k) => {
      rows.push([gas.date(2025, 1, 1 + k), id, 20 + k]);
      rows.push([gas.date(2025, 3, 1 + k), id, 30]);
      if (k % 3 === 0) rows.push([gas.date(2025, 6, 1 + k), id, 40]);
    });
    // Among the built-in sample's customers (ids C00001 …), so the purchase models have a shop to learn from.
    const sample = sampleOrderLog();
    sample.customerIds.forEach((id, i) => {
      const { year, month, day } = ymdFromDay(sample.days[i]);
      rows.push([gas.date(year, month, day), id, sample.amounts[i]]);
    });
    gas.fill(sheet, rows);
    const reply = analyzeActiveSheet(gas, { columns: { orderDate: 0, customerId: 1, amount: 2 } });
    if (!reply.ok) throw new Error(reply.error);
    const written = gas.spreadsheet.getSheetByName('Customer value')!.getDataRange().getValues().slice(1).map((r) => r[0]);
    const expected = HOSTILE_IDS.map((id) => (isPlainId(id) ? id : Number(id)));
    expect(written.filter((v) => !/^C\d{5}$/.test(String(v))).sort()).toEqual([...expected].sort());
    expect(written.filter((v) => typeof v !== 'string')).toEqual([]);
  });

  it('read back identical from the template\'s sample orders, ids and referrers alike', () => {
    const gas = createHarness();
    gas.run('insertTemplate');
    const values = gas.spreadsheet.getSheetByName('Sample orders')!.getDataRange().getValues().slice(1);
    for (const r of values) {
      expect(typeof r[1]).toBe('string');
      expect(r[1]).toMatch(/^C\d{5}$/);
      expect(r[4] === '' || /^C\d{5}$/.test(String(r[4]))).toBe(true);
    }
  });
});

describe('error values and checkboxes in the data', () => {
  const ids = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
  let gas: Harness;
  const dates = (): unknown[][] => ids(gas.date(2024, 1, 5), gas.date(2024, 2, 5), gas.date(2024, 3, 5), gas.date(2024, 4, 5));

  it.each(ERROR_VALUES)('refuses %s where a customer id, an order date or an amount belongs, naming the row', (code) => {
    gas = createHarness();
    const error = new CellError(code);
    const sheet = gas.spreadsheet.getActiveSheet();
    gas.fill(sheet, [['a', gas.date(2024, 1, 5), 10], ['b', gas.date(2024, 2, 5), 20], [error, gas.date(2024, 3, 5), 30], ['a', gas.date(2024, 4, 5), 40]]);
    const read = (column: string): unknown[][] => sheet.getRange(`${column}1:${column}4`).getValues();
    expect(read('A')[2][0]).toBe(code); // a script reads an error cell as its text
    expect(() => gas.cell('CLV_SUMMARY', read('A'), read('B'), read('C'))).toThrow(
      `CLV_SUMMARY: customer_ids row 3 holds the error ${code} (a formula there failed), not a customer id; fix that cell or leave its row out`,
    );
    expect(() => gas.cell('P_ALIVE', ids('a', 'b', 'c', 'a'), ids(gas.date(2024, 1, 5), code, gas.date(2024, 3, 5), gas.date(2024, 4, 5)))).toThrow(
      `P_ALIVE: order_dates row 2 holds the error ${code} (a formula there failed), not a date`,
    );
    expect(() => gas.cell('CLV', ids('a', 'b', 'c', 'a'), dates(), ids(10, 20, 30, code))).toThrow(`CLV: amounts row 4 holds the error ${code} (a formula there failed), not a number`);
    expect(() => gas.cell('LTV', ids(30, code), 0.05)).toThrow(`LTV: margin_per_period row 2 holds the error ${code} (a formula there failed), not a number`);
  });

  it('refuses TRUE and FALSE (a checkbox column) as ids, dates and amounts', () => {
    gas = createHarness();
    expect(() => gas.cell('CLV_SUMMARY', ids('a', true, 'c', 'a'), dates())).toThrow('CLV_SUMMARY: customer_ids row 2 is TRUE (a checkbox or a condition), not a customer id');
    expect(() => gas.cell('COHORT_RETENTION', ids('a', 'b', 'c', 'a'), ids(gas.date(2024, 1, 5), false, gas.date(2024, 3, 5), gas.date(2024, 4, 5)))).toThrow(
      'COHORT_RETENTION: order_dates row 2 is FALSE (a checkbox or a condition), not a date',
    );
    expect(() => gas.cell('CLV', ids('a', 'b', 'c', 'a'), dates(), ids(10, 20, true, 5))).toThrow('CLV: amounts row 3 is TRUE (a checkbox or a condition), not a number');
  });

  it('never makes customers named "#N/A" or "true" in the sidebar either, and names the sheet\'s row', () => {
    gas = createHarness();
    const sheet = gas.spreadsheet.getActiveSheet().setName('Orders');
    gas.fill(sheet, [
      ['Order date', 'Customer', 'Amount'],
      [gas.date(2024, 1, 5), 'a', 10],
      [gas.date(2024, 2, 5), 'b', 20],
      [gas.date(2024, 3, 5), new CellError('#N/A'), 30],
      [gas.date(2024, 4, 5), 'a', 40],
    ]);
    const reply = analyzeActiveSheet(gas, { columns: { orderDate: 0, customerId: 1, amount: 2 } });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toBe('"Customer" row 4 holds the error #N/A (a formula there failed), not a customer id; fix that cell or leave its row out');
    gas.fill(sheet, [[true]], 4, 2);
    const again = analyzeActiveSheet(gas, { columns: { orderDate: 0, customerId: 1, amount: 2 } });
    expect(!again.ok && again.error).toBe(
      '"Customer" row 4 is TRUE (a checkbox or a condition), not a customer id. Fix that cell or clear its row, or choose the right column above, then press Analyze again.',
    );
  });
});
