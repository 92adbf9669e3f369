/**
 * Writing the add-in's own sheets without ever touching the user's cells. An own sheet carries a marker note in
 * A1; a user sheet that happens to have the same name is left alone and ours gets another name.
 */

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type CellOut = string | number | boolean | Date;

export const OWNER_NOTE = 'Written by Customer Value. Running it again replaces this sheet; edit a copy if you want to keep changes.';

/** The template's sheets: refreshed by Insert template, and (unlike the result sheets) open to analysis. */
export const TEMPLATE_NOTE = 'Written by Customer Value (Insert template). Inserting the template again replaces this sheet; edit a copy to keep changes.';

export function isOwnSheet(sheet: Sheet, note: string = OWNER_NOTE): boolean {
  return sheet.getRange(1, 1).getNote() === note;
}

/** Our sheet of that name, emptied; or a new one (named "<name> (2)" etc. if a user sheet has the name). */
export function ownSheet(spreadsheet: Spreadsheet, name: string, position?: number, note: string = OWNER_NOTE): Sheet {
  for (let attempt = 1; attempt < 50; attempt++) {
    const candidate = attempt === 1 ? name : `${name} (${attempt})`;
    const existing = spreadsheet.getSheetByName(candidate);
    if (existing && isOwnSheet(existing, note)) return emptied(existing, note);
    if (!existing) {
      const sheet = position === undefined ? spreadsheet.insertSheet(candidate) : spreadsheet.insertSheet(candidate, position);
      sheet.getRange(1, 1).setNote(note);
      return sheet;
    }
  }
  throw new Error(`Could not find a free sheet name for "${name}"`);
}

function emptied(sheet: Sheet, note: string): Sheet {
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.setConditionalFormatRules([]);
  sheet.clear();
  sheet.setFrozenRows(0);
  sheet.getRange(1, 1).setNote(note);
  return sheet;
}

/** Sheets only accept ranges inside the grid: grow it first. */
export function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/**
 * Text from the user's data as a cell value that stays text: Sheets would turn "=..." into a formula and
 * "00042" into 42, so such strings get the apostrophe that forces text.
 */
export function asText(value: string): string {
  return /^[=+\-@']/.test(value) || /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*%?\s*$/i.test(value) || /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(value)
    ? `'${value}`
    : value;
}

/** Writes a block of values at (row, column), growing the sheet as needed; returns the range. */
export function writeBlock(sheet: Sheet, row: number, column: number, values: CellOut[][]): GoogleAppsScript.Spreadsheet.Range {
  const width = values.reduce((m, r) => Math.max(m, r.length), 0);
  const rectangular = values.map((r) => (r.length === width ? r : [...r, ...new Array<CellOut>(width - r.length).fill('')]));
  ensureSize(sheet, row + values.length - 1, column + width - 1);
  const range = sheet.getRange(row, column, values.length, width);
  range.setValues(rectangular);
  return range;
}

export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
