/**
 * Evaluates the formulas of a fake spreadsheet the way Sheets would for the add-in's functions: each formula is one
 * call of a global function of dist/Code.js with literal, DATE(), cell and range arguments; ranges arrive as 2D
 * arrays (a single cell as a scalar), open ranges like A2:A run to the grid's last row (blank rows included, as
 * Sheets passes them), DATE(y,m,d) is midnight of that day in the spreadsheet's zone, and answers spill into the
 * cells below and to the right, where later formulas can read them. A spill must fit inside the grid and may not
 * overwrite a non-empty cell (Sheets would show #REF!).
 */
import { a1Range } from '../../src/core/a1';
import type { Harness } from './gas';
import { columnNumber, type FakeSheet } from './sheets';

type Value = unknown;

export interface Evaluated {
  sheet: string;
  cell: string;
  formula: string;
  result: Value;
}

/** A sheet's values with the spilled answers of the formulas evaluated so far laid over them. */
class Grid {
  private readonly spilled = new Map<string, Value>();
  constructor(readonly sheet: FakeSheet) {}

  private key(row: number, column: number): string {
    return `${row},${column}`;
  }

  get(row: number, column: number): Value {
    const k = this.key(row, column);
    if (this.spilled.has(k)) return this.spilled.get(k);
    if (this.sheet.formulaAt(row, column) !== '') return '';
    return this.sheet.rawValue(row, column);
  }

  spill(row: number, column: number, answer: Value, label: string): void {
    const rows = Array.isArray(answer) ? (answer as Value[][]) : [[answer]];
    const height = rows.length;
    const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
    const [moreRows, moreColumns] = [row + height - 1 - this.sheet.getMaxRows(), column + width - 1 - this.sheet.getMaxColumns()];
    if (moreRows > 0 || moreColumns > 0) {
      const more = moreRows > 0 ? `rows (${moreRows})` : `columns (${moreColumns})`;
      throw new Error(`${label}: #REF! Result was not automatically expanded, please insert more ${more}.`);
    }
    rows.forEach((r, i) =>
      r.forEach((v, j) => {
        const [y, x] = [row + i, column + j];
        if (i + j > 0 && (this.sheet.formulaAt(y, x) !== '' || !isEmpty(this.sheet.rawValue(y, x)) || this.spilled.has(this.key(y, x)))) {
          throw new Error(`${label}: its answer would spill over ${a1Range(y, x)}, which is not empty (#REF! in Sheets)`);
        }
        this.spilled.set(this.key(y, x), v);
      }),
    );
  }

  /** The value of a reference as Sheets passes it: a scalar for one cell, rows of a range as a 2D array. */
  read(ref: Ref): Value {
    const lastRow = ref.open ? Math.max(ref.row, this.sheet.getMaxRows()) : ref.endRow;
    if (ref.row === lastRow && ref.column === ref.endColumn) return this.get(ref.row, ref.column);
    const rows: Value[][] = [];
    for (let y = ref.row; y <= lastRow; y++) {
      const r: Value[] = [];
      for (let x = ref.column; x <= ref.endColumn; x++) r.push(this.get(y, x));
      rows.push(r);
    }
    return rows;
  }
}

function isEmpty(v: Value): boolean {
  return v === '' || v === null || v === undefined;
}

interface Ref {
  sheet: string | null;
  row: number;
  column: number;
  endRow: number;
  endColumn: number;
  open: boolean;
}

/** Evaluates every formula of the spreadsheet, sheet by sheet, in reading order (rows, then columns). */
export function evaluateFormulas(harness: Harness, sheetNames?: string[]): Evaluated[] {
  const spreadsheet = harness.spreadsheet;
  const grids = new Map<string, Grid>();
  const gridOf = (name: string): Grid => {
    let g = grids.get(name);
    if (!g) {
      const sheet = spreadsheet.getSheetByName(name);
      if (!sheet) throw new Error(`no sheet named ${name}`);
      grids.set(name, (g = new Grid(sheet)));
    }
    return g;
  };
  const out: Evaluated[] = [];
  for (const sheet of spreadsheet.getSheets()) {
    if (sheetNames && !sheetNames.includes(sheet.getName())) continue;
    const grid = gridOf(sheet.getName());
    const cells: [number, number, string][] = [];
    for (let y = 1; y <= sheet.getLastRow(); y++) {
      for (let x = 1; x <= sheet.getLastColumn(); x++) {
        const f = sheet.formulaAt(y, x);
        if (f !== '') cells.push([y, x, f]);
      }
    }
    for (const [y, x, formula] of cells) {
      const label = `${sheet.getName()}!${a1Range(y, x)} ${formula}`;
      const call = new Parser(formula).formula();
      const args = call.args.map((a) => evaluateArg(a, sheet.getName(), gridOf));
      let result: Value;
      try {
        result = harness.cell(call.name, ...args);
      } catch (e) {
        throw new Error(`${label} fails: ${(e as Error).message}`);
      }
      grid.spill(y, x, result, label);
      out.push({ sheet: sheet.getName(), cell: a1Range(y, x), formula, result });
    }
  }
  return out;
}

type Arg = { kind: 'number'; value: number } | { kind: 'string'; value: string } | { kind: 'ref'; ref: Ref } | { kind: 'date'; y: number; m: number; d: number } | { kind: 'omitted' };

function evaluateArg(arg: Arg, sheet: string, gridOf: (name: string) => Grid): Value {
  switch (arg.kind) {
    case 'number':
    case 'string':
      return arg.value;
    case 'omitted':
      return '';
    case 'date':
      return gridOf(sheet).sheet.getParent().dateOf(arg.y, arg.m, arg.d);
    case 'ref':
      return gridOf(arg.ref.sheet ?? sheet).read(arg.ref);
  }
}

/** Formulas of the form =NAME(arg, ...), args: numbers (with %), "text", DATE(y,m,d), A1, A1:B9, A2:A, 'Sheet'!A2:A. */
class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  formula(): { name: string; args: Arg[] } {
    this.expect('=');
    const name = this.word();
    this.expect('(');
    const args: Arg[] = [];
    this.space();
    if (this.peek() !== ')') {
      for (;;) {
        args.push(this.arg());
        this.space();
        if (this.peek() === ',') {
          this.i++;
          continue;
        }
        break;
      }
    }
    this.expect(')');
    this.space();
    if (this.i !== this.text.length) throw new Error(`cannot read ${this.text} past position ${this.i}`);
    return { name, args };
  }

  private arg(): Arg {
    this.space();
    const ch = this.peek();
    if (ch === ',' || ch === ')') return { kind: 'omitted' };
    if (ch === '"') {
      const end = this.text.indexOf('"', this.i + 1);
      const value = this.text.slice(this.i + 1, end);
      this.i = end + 1;
      return { kind: 'string', value };
    }
    const number = /^-?\d+(\.\d+)?%?/.exec(this.text.slice(this.i));
    if (number) {
      this.i += number[0].length;
      const value = Number(number[0].replace('%', ''));
      return { kind: 'number', value: number[0].endsWith('%') ? value / 100 : value };
    }
    if (this.text.startsWith('DATE(', this.i)) {
      const m = /^DATE\((\d+),\s*(\d+),\s*(\d+)\)/.exec(this.text.slice(this.i));
      if (!m) throw new Error(`bad DATE in ${this.text}`);
      this.i += m[0].length;
      return { kind: 'date', y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
    }
    return { kind: 'ref', ref: this.ref() };
  }

  private ref(): Ref {
    let sheet: string | null = null;
    if (this.peek() === "'") {
      let j = this.i + 1;
      let name = '';
      for (;;) {
        if (this.text[j] === "'" && this.text[j + 1] === "'") {
          name += "'";
          j += 2;
        } else if (this.text[j] === "'") break;
        else name += this.text[j++];
      }
      sheet = name;
      this.i = j + 1;
      this.expect('!');
    }
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+)?)?/.exec(this.text.slice(this.i));
    if (!m) throw new Error(`cannot read a reference in ${this.text} at ${this.i}`);
    this.i += m[0].length;
    const row = Number(m[2]);
    const column = columnNumber(m[1]);
    if (!m[3]) return { sheet, row, column, endRow: row, endColumn: column, open: false };
    return { sheet, row, column, endRow: m[4] ? Number(m[4]) : row, endColumn: columnNumber(m[3]), open: !m[4] };
  }

  private word(): string {
    const m = /^[A-Z_][A-Z0-9_]*/.exec(this.text.slice(this.i));
    if (!m) throw new Error(`no function name in ${this.text}`);
    this.i += m[0].length;
    return m[0];
  }

  private peek(): string {
    return this.text[this.i];
  }

  private space(): void {
    while (this.text[this.i] === ' ') this.i++;
  }

  private expect(ch: string): void {
    this.space();
    if (this.text[this.i] !== ch) throw new Error(`expected ${ch} in ${this.text} at ${this.i}`);
    this.i++;
  }
}
