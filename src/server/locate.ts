/**
 * Finds the sheet cell behind "row N of an argument", so an error can say "(cell E5)".
 * A custom function only receives values; the calling cell's formula tells which range an argument came from.
 * Used only when reporting an error, so its cost does not matter.
 */

/** Splits the arguments of the first call of `functionName` in a formula; null when it is not there. */
export function callArguments(formula: string, functionName: string): string[] | null {
  const start = findCall(formula, functionName);
  if (start < 0) return null;
  const body: string[] = [];
  let depth = 0;
  let inString = false;
  for (let i = start; i < formula.length; i++) {
    const ch = formula[i];
    if (inString) {
      if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') {
      if (depth === 0) return splitTopLevel(body.join(''));
      depth--;
    }
    body.push(ch);
  }
  return null;
}

function findCall(formula: string, functionName: string): number {
  const pattern = new RegExp(`(^|[^A-Za-z0-9_.])${functionName}\\s*\\(`, 'i');
  const m = pattern.exec(formula);
  return m ? m.index + m[0].length : -1;
}

/** Sheets writes ";" between arguments in locales with a decimal comma, "," elsewhere. */
function splitTopLevel(text: string): string[] {
  const separator = hasTopLevel(text, ';') ? ';' : ',';
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let current = '';
  for (const ch of text) {
    if (inString) {
      if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    else if (ch === separator && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current.trim());
  return parts.length === 1 && parts[0] === '' ? [] : parts;
}

function hasTopLevel(text: string, separator: string): boolean {
  let depth = 0;
  let inString = false;
  for (const ch of text) {
    if (inString) {
      if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    else if (ch === separator && depth === 0) return true;
  }
  return false;
}

const RANGE = /^(?:(?:'(?:[^']|'')+'|[A-Za-z0-9_.]+)!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+)?)?$/;

/** "E5" for row index 3 (0-based) of an argument written as E2:E (a single-column range); null otherwise. */
export function cellOfRow(argumentText: string, row: number): string | null {
  const m = RANGE.exec(argumentText.trim());
  if (!m) return null;
  const [, startColumn, startRow, endColumn] = m;
  if (endColumn !== undefined && endColumn.toUpperCase() !== startColumn.toUpperCase()) return null;
  const sheetPrefix = argumentText.includes('!') ? argumentText.slice(0, argumentText.lastIndexOf('!') + 1) : '';
  return `${sheetPrefix}${startColumn.toUpperCase()}${Number(startRow) + row}`;
}
