/**
 * Extensions > Customer Value > Insert template: writes "Start here", "Sample orders" and "Formulas" from the spec in
 * core/template. Each is an own sheet (sheets.ts): a second run refreshes a sheet only while it holds exactly what
 * the add-in wrote; a sheet the user changed (their own orders pasted over the sample, say) or a user sheet of the
 * same name is never touched, and ours then takes the next free name, with the formulas following it.
 *
 * In the user's language (right to left in Persian and Arabic). The sheets are named in the language they were first
 * inserted in; inserting again in another language rewrites their words where they are (sheets.ts), so the
 * Formulas sheet keeps reading the same orders sheet and nothing is duplicated.
 */
import { fill } from '../core/i18n/format';
import { LANGUAGES, type Language } from '../core/i18n/language';
import { menuText } from '../core/i18n/menu';
import { SHEETS } from '../core/i18n/sheets';
import { formulasSpec, sampleOrdersSpec, startHereSpec, templateSheetNames, type SheetSpec, type TemplateCell, type TemplateSheet, type TemplateValue } from '../core/template';
import { a1Range } from '../core/a1';
import { toDate } from './args';
import { userLanguage } from './language';
import { SheetPlan, writeOwnSheet, type CellOut } from './sheets';


const FORMATS = { percent: '0.0%', money: '#,##0.00', number: '0.00', ratio: '0.0"x"', date: 'yyyy-mm-dd' } as const;

/**
 * Inserts (or refreshes) the template sheets: a start page, a sample order log and every formula working on it.
 * @preserve
 */
export function insertTemplate(): void {
  insertTemplateIn(userLanguage());
}

function insertTemplateIn(language: Language): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const names = templateSheetNames(language);
  const others = (sheet: TemplateSheet): string[] => LANGUAGES.filter((l) => l !== language).map((l) => templateSheetNames(l)[sheet]);
  const start = writeOwnSheet(spreadsheet, names.start, specPlan('template:start', startHereSpec(language), language), others('start'));
  const orders = writeOwnSheet(spreadsheet, names.orders, ordersPlan(language), others('orders'));
  // The formulas read the orders sheet by name: a Formulas sheet that reads another orders sheet is not refreshed.
  const ordersName = orders.sheet.getName();
  const formulas = writeOwnSheet(spreadsheet, names.formulas, specPlan(`template:formulas:${ordersName}`, formulasSpec(ordersName, language), language), others('formulas'));
  start.sheet.activate();
  const kept = [start, orders, formulas].flatMap((placed) => placed.keptAside);
  const m = SHEETS[language];
  const ready = fill(language, m['toast.ready'], { start: start.sheet.getName(), orders: ordersName, formulas: formulas.sheet.getName() });
  const note = kept.length > 0 ? ` ${fill(language, m['toast.kept'], { names: kept.map((n) => `"${n}"`).join(', ') })}` : '';
  spreadsheet.toast(`${ready}${note}`, menuText(language, 'menu.title'));
}

function cellOf(value: TemplateValue): CellOut {
  return typeof value === 'object' ? toDate(value.day) : value;
}

function ordersPlan(language: Language): SheetPlan {
  const spec = sampleOrdersSpec(templateSheetNames(language).orders, language);
  const plan = specPlan('template:orders', spec, language);
  const body = spec.rows.map((r) => r.map(cellOf));
  plan.put(2, 1, body).style((sheet) => {
    sheet.getRange(2, 1, body.length, 1).setNumberFormat(FORMATS.date);
    sheet.getRange(2, 3, body.length, 2).setNumberFormat(FORMATS.money);
  });
  return plan;
}

function specPlan(key: string, spec: SheetSpec, language: Language): SheetPlan {
  const plan = new SheetPlan(key, language);
  for (const c of spec.cells) {
    plan.put(c.row, c.column, [[cellOf(c.value)]]);
    if (c.style) plan.style((sheet) => style(sheet.getRange(c.row, c.column), c.style));
  }
  for (const f of spec.formulas) {
    plan.formula(f.row, f.column, f.formula);
    // The answer spills from the formula: the grid must hold it (Sheets shows #REF! otherwise).
    plan.minRows = Math.max(plan.minRows, f.row + f.spill.rows - 1);
    plan.minColumns = Math.max(plan.minColumns, f.column + f.spill.columns - 1);
    const format = f.format;
    if (format) plan.style((sheet) => sheet.getRange(f.row, f.column, f.spill.rows, f.spill.columns).setNumberFormat(FORMATS[format]));
    for (const part of f.formats ?? []) {
      plan.style((sheet) => sheet.getRange(f.row + part.fromRow, f.column + part.fromColumn, part.rows, part.columns).setNumberFormat(FORMATS[part.format]));
    }
    const scale = f.colorScale;
    if (scale) {
      plan.rules.push({
        a1: a1Range(f.row + scale.fromRow, f.column + scale.fromColumn, scale.rows, scale.columns),
        build: (range) => SpreadsheetApp.newConditionalFormatRule().setGradientMinpoint('#ffffff').setGradientMaxpoint('#57bb8a').setRanges([range]).build(),
      });
    }
  }
  plan.style((sheet) => {
    for (const [column, width] of Object.entries(spec.columnWidths)) sheet.setColumnWidth(Number(column), width);
    if (spec.frozenRows > 0) sheet.setFrozenRows(spec.frozenRows);
  });
  return plan;
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
