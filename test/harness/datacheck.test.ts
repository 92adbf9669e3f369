// The data check through the built dist/Code.js: getSheetInfo and Analyze on real exports laid out as
// test/support/exports.ts builds them (CDNOW with yyyymmdd dates, a Stripe export, no header row, day-first and
// month-first text, a lifetimes summary), and the cell functions reading the same text as the sidebar.
import { describe, expect, it } from 'vitest';
import { checkChoice } from '../../src/core/columns';
import type { SheetInfo } from '../../src/server/contract';
import { cdnowSheet, europeanSheet, headerlessSheet, lifetimesSummarySheet, stripeSheet, usSheet, type ExportCell } from '../support/exports';
import { analyzeActiveSheet, sheetInfo } from './analyze';
import { createHarness, type Harness } from './gas';
import { SIDEBAR } from '../../src/core/i18n';
import { renderWith } from '../../src/core/i18n/said';

function sheetOf(rows: ExportCell[][]): Harness {
  const gas = createHarness();
  const sheet = gas.spreadsheet.getActiveSheet();
  sheet.setName('Orders');
  gas.fill(sheet, rows);
  return gas;
}

/** The warnings the sidebar shows for the guessed columns (it runs core's checkChoice on the facts the bundle read). */
function warningsOf(info: SheetInfo): string[] {
  return checkChoice(info.facts, info.shape, info.guess).map((warning) => renderWith(SIDEBAR.en, 'en', warning));
}

function infoOf(gas: Harness): SheetInfo {
  const reply = sheetInfo(gas);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

describe('the data check through the bundle', () => {
  it('CDNOW with realistic headers: amount "dollar_value", dates yyyymmdd, and the analysis of all 2,357 customers', () => {
    const gas = sheetOf(cdnowSheet());
    const info = infoOf(gas);
    expect(info.guess).toEqual({ customerId: 0, orderDate: 1, amount: 3, cost: null, margin: null, referredBy: null });
    expect(info.columns[1]).toEqual({ samples: ['19970101', '19970118', '19970802'], format: 'Dates written yyyymmdd (19970101 is 1 January 1997).' });
    expect(info.columns[3]).toEqual({ samples: ['29.33', '29.73', '14.96'], format: null });
    expect(info.lastDate).toBe('1998-06-30');
    expect(info.rows).toBe(6919);
    expect(info.hasHeader).toBe(true);
    expect(warningsOf(info)).toEqual([]);
    const reply = analyzeActiveSheet(gas);
    expect(reply.ok && reply.value.customers).toBe(2357);
  });

  it('a Stripe export: the customer column is guessed; choosing the charge id says what to do instead of failing in numbers', () => {
    const gas = sheetOf(stripeSheet());
    const info = infoOf(gas);
    expect(info.guess).toMatchObject({ customerId: 7, orderDate: 2, amount: 3 });
    expect(info.lastDate).toBe('1998-06-30');
    const reply = analyzeActiveSheet(gas);
    expect(reply.ok && reply.value.customers).toBe(2357);
    gas.spreadsheet.setActiveSheet(gas.spreadsheet.getSheetByName('Orders')!);
    const wrong = analyzeActiveSheet(gas, { columns: { ...info.guess, customerId: 0 } });
    expect(wrong).toEqual({
      ok: false,
      error:
        'No customer in "id" bought on two different days up to 1998-06-30, so there is nothing to learn how often customers come back from. If "id" is an order, charge or invoice id, choose the column of customer ids or e-mails; if the sheet has one row per customer, choose "One row per customer" under Data.',
    });
  });

  it('a log without a header row: row 1 is read as the first order', () => {
    const gas = sheetOf(headerlessSheet());
    const info = infoOf(gas);
    expect(info.hasHeader).toBe(false);
    expect(info.headers).toEqual(['Column A', 'Column B', 'Column C', 'Column D']);
    expect(info.rows).toBe(6919);
    // Without names: the repeating whole numbers are the customers, the yyyymmdd numbers the dates, the cents the amount.
    expect(info.guess).toMatchObject({ customerId: 0, orderDate: 1, amount: 3 });
    expect(warningsOf(info)).toEqual([
      'Row 1 holds data, not column names: it is read as data, and the columns are called Column A, Column B, …. If row 1 should be names, type a name above each column and press Reload.',
    ]);
    const reply = analyzeActiveSheet(gas);
    expect(reply.ok && reply.value.customers).toBe(2357);
    expect(reply.ok && reply.value.orders).toBe(6919);
  });

  it('day-first dates with euro amounts and month-first dates with dollar amounts give CDNOW’s answer', () => {
    for (const rows of [europeanSheet(), usSheet()]) {
      const gas = sheetOf(rows);
      const info = infoOf(gas);
      expect(info.lastDate).toBe('1998-06-30');
      expect(warningsOf(info)).toEqual([]);
      const reply = analyzeActiveSheet(gas);
      expect(reply.ok && reply.value.customers).toBe(2357);
      expect(reply.ok && reply.value.orders).toBe(6919);
    }
  });

  it('the cell functions read day-first text dates and euro amounts as the sidebar does', () => {
    const gas = createHarness();
    const eu = europeanSheet(400).slice(1);
    const plain = cdnowSheet(400).slice(1);
    const col = (rows: ExportCell[][], j: number): ExportCell[][] => rows.map((r) => [r[j]]);
    const fromText = gas.cell('CLV_SUMMARY', col(eu, 0), col(eu, 1), col(eu, 2), '30.06.1998', 'week') as unknown[][];
    const fromNumbers = gas.cell('CLV_SUMMARY', col(eu, 0), col(plain, 1), col(plain, 3), 19980630, 'week') as unknown[][];
    expect(fromText.length).toBe(fromNumbers.length);
    expect(fromText).toEqual(fromNumbers);
    expect(fromText[1].slice(0, 4)).toEqual(['K4', 3, 49.285714285714285, 77.85714285714286]);
  });

  it('a lifetimes summary: the data check and Analyze say to use CLV_FIT_SUMMARY and CLV_PREDICT in cells', () => {
    const gas = sheetOf(lifetimesSummarySheet());
    const info = infoOf(gas);
    expect(info.facts.summaryTable).toMatch(/per-customer summary .*=CLV_FIT_SUMMARY\(B2:B, C2:C, D2:D\).*=CLV_PREDICT\(/);
    expect(warningsOf(info)[0]).toBe(info.facts.summaryTable);
    const reply = analyzeActiveSheet(gas);
    expect(reply).toEqual({ ok: false, error: info.facts.summaryTable });
  });

  it('a cell Analyze cannot read is named by its row, with what to do', () => {
    const rows = cdnowSheet(30);
    rows[5][3] = 'n/a';
    const reply = analyzeActiveSheet(sheetOf(rows));
    expect(reply).toEqual({
      ok: false,
      error: '"dollar_value" row 6 is "n/a", not a number. Fix that cell or clear its row, or choose the right column above, then press Analyze again.',
    });
  });

  it('an ambiguous slashed date in a cell function says how to write it', () => {
    const gas = createHarness();
    expect(() => gas.cell('CLV_SUMMARY', [['a'], ['a']], [['01/02/2024'], ['03/04/2024']])).toThrow(
      'CLV_SUMMARY: order_dates row 1 is "01/02/2024", a date that could be day-first or month-first: every date fits both day-first and month-first (no day above 12). Write the dates as 2024-03-31 (year-month-day), or format the column as dates (Format > Number > Date)',
    );
  });
});
