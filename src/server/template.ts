/**
 * Extensions > Customer Value > Insert template: writes "Start here", "Sample orders" and "Formulas" from the spec in
 * core/template. Each is an own sheet (sheets.ts): a second run refreshes them, and a user sheet of the same name
 * is never touched; ours then takes the next free name and the formulas follow it.
 */
import { formulasSpec, sampleOrdersSpec, startHereSpec, TEMPLATE_SHEET_NAMES, type SheetSpec, type TemplateCell, type TemplateValue } from '../core/template';
import { toDate } from './args';
import { ensureSize, ownSheet, TEMPLATE_NOTE, writeBlock, type CellOut } from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const FORMATS = { percent: '0.0%', money: '#,##0.00', number: '0.00', ratio: '0.0"x"', date: 'yyyy-mm-dd' } as const;

/**
 * Inserts (or refreshes) the template sheets: a start page, a sample order log and every formula working on it.
 * @preserve
 */
export function insertTemplate(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const start = ownSheet(spreadsheet, TEMPLATE_SHEET_NAMES.start, undefined, TEMPLATE_NOTE);
  const orders = ownSheet(spreadsheet, TEMPLATE_SHEET_NAMES.orders, undefined, TEMPLATE_NOTE);
  const formulas = ownSheet(spreadsheet, TEMPLATE_SHEET_NAMES.formulas, undefined, TEMPLATE_NOTE);
  writeSpec(start, startHereSpec());
  writeOrders(orders);
  writeSpec(formulas, formulasSpec(orders.getName()));
  start.activate();
  spreadsheet.toast(`"${start.getName()}", "${orders.getName()}" and "${formulas.getName()}" are ready.`, 'Customer Value');
}

function cellValue(value: TemplateValue): CellOut {
  if (typeof value === 'object') return toDate(value.day);
  // Text that Sheets would read as a formula is shown as text: the formula column of "Formulas" shows what to type.
  if (typeof value === 'string' && value.startsWith('=')) return `'${value}`;
  return value;
}

function writeOrders(sheet: Sheet): void {
  const spec = sampleOrdersSpec(sheet.getName());
  writeSpec(sheet, spec);
  const body = spec.rows.map((r) => r.map(cellValue));
  writeBlock(sheet, 2, 1, body);
  sheet.getRange(2, 1, body.length, 1).setNumberFormat(FORMATS.date);
  sheet.getRange(2, 3, body.length, 2).setNumberFormat(FORMATS.money);
}

function writeSpec(sheet: Sheet, spec: SheetSpec): void {
  let rows = 1;
  let columns = 1;
  for (const c of spec.cells) {
    rows = Math.max(rows, c.row);
    columns = Math.max(columns, c.column);
  }
  for (const f of spec.formulas) {
    rows = Math.max(rows, f.row + f.spill.rows - 1);
    columns = Math.max(columns, f.column + f.spill.columns - 1);
  }
  ensureSize(sheet, rows, columns);
  for (const c of spec.cells) {
    const range = sheet.getRange(c.row, c.column);
    range.setValue(cellValue(c.value));
    style(range, c.style);
  }
  const rules = sheet.getConditionalFormatRules();
  for (const f of spec.formulas) {
    sheet.getRange(f.row, f.column).setFormula(f.formula);
    if (f.format) sheet.getRange(f.row, f.column, f.spill.rows, f.spill.columns).setNumberFormat(FORMATS[f.format]);
    if (f.colorScale) {
      const s = f.colorScale;
      const range = sheet.getRange(f.row + s.fromRow, f.column + s.fromColumn, s.rows, s.columns);
      rules.push(SpreadsheetApp.newConditionalFormatRule().setGradientMinpoint('#ffffff').setGradientMaxpoint('#57bb8a').setRanges([range]).build());
    }
  }
  sheet.setConditionalFormatRules(rules);
  for (const [column, width] of Object.entries(spec.columnWidths)) sheet.setColumnWidth(Number(column), width);
  if (spec.frozenRows > 0) sheet.setFrozenRows(spec.frozenRows);
}

function style(range: GoogleAppsScript.Spreadsheet.Range, kind: TemplateCell['style']): void {
  switch (kind) {
    case 'title':
      range.setFontWeight('bold').setFontSize(16);
      break;
    case 'heading':
      range.setFontWeight('bold');
      break;
    case 'note':
      range.setFontColor('#666666');
      break;
    case 'input':
      range.setFontColor('#1155cc');
      break;
    case 'date':
      range.setNumberFormat(FORMATS.date);
      break;
    default:
      break;
  }
}
