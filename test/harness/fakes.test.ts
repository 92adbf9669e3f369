// The harness holds the add-in to Google's documented rules, not looser ones: a custom function may not change
// anything, onOpen before authorisation may only build menus, every call is a fresh load of the script, a spreadsheet
// holds 10 million cells, a spill must fit in the grid, open ranges run to the grid's end, metadata follows its column.
import { describe, expect, it } from 'vitest';
import { evaluateFormulas } from './formulas';
import { createHarness } from './gas';
import { CELL_LIMIT, FakeRange, FakeSheet, FakeSpreadsheet, METADATA_LIMIT } from './sheets';

type Fn = (...args: unknown[]) => unknown;
const call = (object: unknown, method: string, ...args: unknown[]): unknown => ((object as Record<string, Fn>)[method] as Fn)(...args);

/** Every method of a fake's class that changes something (not get..., is..., has...). */
function mutators(prototype: object): string[] {
  return Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor' && !/^(get|is|has|can)[A-Z]/.test(name));
}

describe('a custom function', () => {
  it('may call no method that changes the spreadsheet, its sheets or ranges: every one is refused', () => {
    const gas = createHarness();
    const run = gas.load('cell');
    const app = run.global.SpreadsheetApp as Record<string, Fn>;
    const spreadsheet = app.getActiveSpreadsheet();
    const sheet = call(spreadsheet, 'getActiveSheet');
    const range = call(sheet, 'getRange', 1, 1);
    const refused: string[] = [];
    const allowed: string[] = [];
    for (const [object, prototype] of [
      [spreadsheet, FakeSpreadsheet.prototype],
      [sheet, FakeSheet.prototype],
      [range, FakeRange.prototype],
    ] as const) {
      for (const method of mutators(prototype)) {
        try {
          call(object, method);
          allowed.push(method);
        } catch (e) {
          if (/You do not have permission to call/.test((e as Error).message)) refused.push(method);
          else allowed.push(`${method} (${(e as Error).message})`);
        }
      }
    }
    expect(allowed).toEqual([]);
    expect(refused).toEqual(expect.arrayContaining(['setValues', 'setValue', 'insertSheet', 'deleteSheet', 'setName', 'clear', 'insertRowsAfter', 'addDeveloperMetadata', 'setNote', 'setNumberFormat', 'toast', 'activate']));
    expect(gas.spreadsheet.getSheets()[0].writes).toBe(0);
    // Reading is allowed, and UI is not.
    expect(call(range, 'getValues')).toEqual([['']]);
    expect(() => app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
  });

  it('runs in a fresh load of the script every time, as Apps Script does', () => {
    const gas = createHarness();
    const before = gas.executions;
    gas.cell('LTV', 30, 0.05);
    gas.cell('LTV', 30, 0.05);
    gas.cell('CLV_SIMPLE', 100, 2, 3);
    expect(gas.executions - before).toBe(3);
    const first = gas.load();
    first.global.leftover = 1;
    expect(gas.load().global.leftover).toBeUndefined();
  });
});

describe('onOpen in AuthMode.NONE', () => {
  it('builds the menu and may do nothing else', () => {
    const gas = createHarness();
    gas.run('onOpen', { authMode: 'NONE' });
    expect(gas.ui.menus).toHaveLength(1);
    const run = gas.load('none');
    const app = run.global.SpreadsheetApp as Record<string, Fn>;
    expect(() => app.getActiveSpreadsheet()).toThrow(/You do not have permission to call SpreadsheetApp.getActiveSpreadsheet/);
    expect(() => (run.global.CacheService as Record<string, Fn>).getDocumentCache()).toThrow(/You do not have permission/);
    expect(() => app.getUi()).not.toThrow();
  });
});

describe('the spreadsheet', () => {
  it('holds at most 10 million cells over all its sheets', () => {
    const spreadsheet = new FakeSpreadsheet();
    const sheet = spreadsheet.getSheets()[0];
    const rows = Math.floor((CELL_LIMIT - spreadsheet.totalCells()) / 26);
    sheet.insertRowsAfter(1000, rows);
    expect(() => spreadsheet.insertSheet('One more')).toThrow('This action would increase the number of cells in the workbook above the limit of 10000000 cells.');
    expect(() => sheet.insertColumnsAfter(26, 1)).toThrow(/above the limit of 10000000 cells/);
  });

  it('shows dates in its own time zone, and parses written strings as if typed', () => {
    const spreadsheet = new FakeSpreadsheet();
    spreadsheet.setSpreadsheetTimeZone('Asia/Tehran');
    const sheet = spreadsheet.getSheets()[0];
    sheet.getRange(1, 1, 1, 4).setValues([[spreadsheet.dateOf(2024, 3, 20), '3/21/2024', 'TRUE', '1,234.5']]);
    sheet.getRange(1, 1, 1, 2).setNumberFormat('yyyy-mm-dd');
    expect(sheet.getRange(1, 1, 1, 4).getDisplayValues()).toEqual([['2024-03-20', '2024-03-21', 'TRUE', '1234.5']]);
    expect(sheet.getRange(1, 1).getValue()).toEqual(new Date(Date.UTC(2024, 2, 19, 20, 30)));
    expect(sheet.getRange(1, 3, 1, 2).getValues()).toEqual([[true, 1234.5]]);
  });

  it('keeps a column\'s developer metadata with the column as columns move, within 30,000 characters a sheet', () => {
    const spreadsheet = new FakeSpreadsheet();
    const sheet = spreadsheet.getSheets()[0];
    sheet.getRange('C:C').addDeveloperMetadata('k', 'v');
    expect(() => sheet.getRange('A1:B2').addDeveloperMetadata('k', 'v')).toThrow(/arbitrary ranges is not currently supported/);
    sheet.insertColumnsAfter(1, 2);
    const [found] = sheet.createDeveloperMetadataFinder().withKey('k').find();
    expect(found.getLocation().getColumn()!.getColumn()).toBe(5);
    sheet.deleteColumns(5, 1);
    expect(sheet.createDeveloperMetadataFinder().withKey('k').find()).toEqual([]);
    sheet.addDeveloperMetadata('big', 'x'.repeat(METADATA_LIMIT - 10));
    expect(() => sheet.addDeveloperMetadata('more', 'x'.repeat(20))).toThrow(/exceed the limit of 30000 characters/);
  });
});

describe('formulas in the harness', () => {
  it('pass open ranges to the grid\'s last row, blank rows included, and refuse a spill beyond the grid', () => {
    const gas = createHarness();
    const sheet = gas.spreadsheet.getActiveSheet();
    gas.fill(sheet, [[30], [40]], 2, 1);
    sheet.storeFormula(1, 2, '=LTV(A2:A, 0.05)');
    const [ltv] = evaluateFormulas(gas);
    expect(ltv.result).toEqual([[expect.closeTo(600, 9)], [expect.closeTo(800, 9)]]); // 999 rows passed, the trailing blank ones dropped by the add-in

    const small = createHarness();
    const grid = small.spreadsheet.getActiveSheet();
    grid.deleteRows(4, grid.getMaxRows() - 3);
    small.fill(grid, [[30], [40]], 2, 1);
    grid.storeFormula(3, 2, '=LTV(A2:A3, 0.05)'); // two answers from row 3 of a 3-row grid
    expect(() => evaluateFormulas(small)).toThrow(/#REF! Result was not automatically expanded, please insert more rows \(1\)/);
  });
});
