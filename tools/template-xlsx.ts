/**
 * `npm run template [-- fa|ar|tl]`: writes dist/customer-value-template.xlsx (English) or
 * dist/customer-value-template-<language>.xlsx with the template's three sheets, as Insert template builds them
 * through the built dist/Code.js for a user of that language; Persian and Arabic sheets open right to left. Formulas
 * stay formulas (they come alive when the file is imported into Google Sheets with the add-in installed), each with
 * the answer the add-in gives cached beside it for other readers.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { isLanguage, LANGUAGES, type Language } from '../src/core/i18n/language';
import { templateSheetNames } from '../src/core/template';
import { evaluateFormulas } from '../test/harness/formulas';
import { createHarness } from '../test/harness/gas';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_XLSX = path.join(root, 'dist', 'customer-value-template.xlsx');

/** Where a language's template goes by default: English keeps the name it always had. */
export const xlsxFor = (language: Language): string => (language === 'en' ? DEFAULT_XLSX : path.join(root, 'dist', `customer-value-template-${language}.xlsx`));

/** A Google locale of each language, for the harness's user: Insert template speaks the user's language. */
const LOCALE: Record<Language, string> = { en: 'en_US', fa: 'fa_IR', ar: 'ar_SA', tl: 'fil_PH' };

/** Pixels (as Sheets counts column widths) to Excel's character widths. */
const PIXELS_PER_CHARACTER = 7;

export async function writeTemplateXlsx(file: string = DEFAULT_XLSX, language: Language = 'en'): Promise<{ file: string; sheets: string[]; formulas: number }> {
  const gas = createHarness({ userLocale: LOCALE[language] });
  gas.run('insertTemplate');
  const { start, orders, formulas: formulasName } = templateSheetNames(language);
  const evaluated = evaluateFormulas(gas, [formulasName]);
  const resultAt = new Map(evaluated.map((e) => [`${e.sheet}!${e.cell}`, e.result]));

  const book = new ExcelJS.Workbook();
  book.creator = 'Customer Value for Google Sheets';
  const names = [start, orders, formulasName];
  let formulas = 0;
  for (const name of names) {
    const sheet = gas.spreadsheet.getSheetByName(name);
    if (!sheet) throw new Error(`Insert template did not create "${name}"`);
    const out = book.addWorksheet(name);
    const rows = sheet.getLastRow();
    const columns = sheet.getLastColumn();
    for (let y = 1; y <= rows; y++) {
      for (let x = 1; x <= columns; x++) {
        const formula = sheet.formulaAt(y, x);
        const cell = out.getCell(y, x);
        if (formula !== '') {
          const result = resultAt.get(`${name}!${cell.address}`);
          const first = Array.isArray(result) ? (result as unknown[][])[0]?.[0] : result;
          cell.value = { formula: formula.slice(1), result: cachedResult(first) } as ExcelJS.CellFormulaValue;
          formulas++;
          continue;
        }
        const value = sheet.rawValue(y, x);
        if (value === '' || value === null || value === undefined) continue;
        if (Object.prototype.toString.call(value) === '[object Date]') {
          const d = value as Date;
          cell.value = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
          cell.numFmt = 'yyyy-mm-dd';
        } else cell.value = value as string | number | boolean;
        const format = sheet.formatAt(y, x);
        if (format.fontWeight === 'bold') cell.font = { bold: true };
      }
    }
    for (const [column, width] of sheet.columnWidths) if (width > 0) out.getColumn(column).width = Math.round(width / PIXELS_PER_CHARACTER);
    // The sheet's direction as Insert template set it (right to left in Persian and Arabic), and its frozen header.
    const rightToLeft = sheet.isRightToLeft();
    out.views = [sheet.getFrozenRows() > 0 ? { state: 'frozen', ySplit: sheet.getFrozenRows(), rightToLeft } : { rightToLeft }];
  }
  await book.xlsx.writeFile(file);
  return { file, sheets: names, formulas };
}

function cachedResult(value: unknown): ExcelJS.CellFormulaValue['result'] {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Object.prototype.toString.call(value) === '[object Date]') return value as Date;
  return undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const asked = process.argv[2] ?? 'en';
  if (!isLanguage(asked)) {
    console.error(`npm run template -- <language>: one of ${LANGUAGES.join(', ')}, not "${asked}".`);
    process.exit(2);
  }
  writeTemplateXlsx(xlsxFor(asked), asked).then(
    ({ file, sheets, formulas }) => console.log(`Wrote ${path.relative(process.cwd(), file)}: sheets ${sheets.join(', ')}; ${formulas} formulas with their answers cached.`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
