import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SHEETS } from '../../src/core/i18n/sheets';
import { sampleHeaders, templateSheetNames } from '../../src/core/template';
import { writeTemplateXlsx } from '../../tools/template-xlsx';

describe('npm run template (xlsx)', () => {
  it('writes the three sheets with their data and live formulas, readable by exceljs', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'template-')), 'template.xlsx');
    const written = await writeTemplateXlsx(file);
    expect(written.formulas).toBeGreaterThan(15);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Start here', 'Sample orders', 'Formulas']);
    const orders = book.getWorksheet('Sample orders')!;
    expect(orders.getRow(1).values).toEqual([undefined, 'Order date', 'Customer', 'Amount', 'Cost', 'Referred by']);
    expect(orders.getCell('A2').value).toBeInstanceOf(Date);
    expect(orders.rowCount).toBeGreaterThan(4500);
    const formulas = book.getWorksheet('Formulas')!;
    const ltv = formulas.getCell('B5').value as ExcelJS.CellFormulaValue;
    expect(ltv.formula).toBe('LTV(30, 5%)');
    expect(ltv.result).toBeCloseTo(600, 9);
    expect(formulas.getCell('A5').value).toBe('=LTV(30, 5%)');
    expect((book.getWorksheet('Start here')!.getCell('A1').value as string)).toContain('Customer Value');
  });

  it('writes the Persian template right to left, its names and words in Persian, the same formulas and data', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'template-')), 'template-fa.xlsx');
    await writeTemplateXlsx(file, 'fa');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const n = templateSheetNames('fa');
    expect(book.worksheets.map((w) => w.name)).toEqual([n.start, n.orders, n.formulas]);
    for (const sheet of book.worksheets) expect(sheet.views[0]?.rightToLeft, sheet.name).toBe(true);
    const orders = book.getWorksheet(n.orders)!;
    expect(orders.getRow(1).values).toEqual([undefined, ...sampleHeaders('fa')]);
    expect(orders.getCell('A2').value).toBeInstanceOf(Date);
    expect(typeof orders.getCell('C2').value).toBe('number');
    const formulas = book.getWorksheet(n.formulas)!;
    expect((formulas.getCell('B5').value as ExcelJS.CellFormulaValue).result).toBeCloseTo(600, 9);
    expect(formulas.getCell('C5').value).toBe(SHEETS.fa['formulas.ltv']);
  });
});
