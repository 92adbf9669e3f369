/**
 * Aligned cell functions: one answer per input row, single values broadcast against ranges,
 * a blank input row gives a blank answer.
 */
import { DataError } from '../core/errors';
import { alignedRowCount, cellAt, isBlank, readColumn, type Answer, type Arg, type Column } from './args';

export interface AlignedInput {
  name: string;
  value: Arg;
  /** Optional inputs may be omitted or blank; the row's computation then uses its default. */
  optional?: boolean;
}

/** `compute` returns '' for a row that has no answer (shown as a blank cell). */
export function alignedAnswer(inputs: AlignedInput[], compute: (columns: Column[], row: number) => number | ''): Answer {
  for (const input of inputs) {
    if (!input.optional && input.value === undefined) throw new DataError(`${input.name} is missing`, input.name);
  }
  const columns = inputs.map((input) => readColumn(input.name, input.value));
  const required = columns.filter((_, i) => !inputs[i].optional);
  const rowIsBlank = (row: number): boolean => required.some((c) => isBlank(cellAt(c, row)));
  const computeFinite = (row: number): number | string => {
    if (rowIsBlank(row)) return '';
    const value = compute(columns, row);
    if (value === '') return value;
    if (!Number.isFinite(value)) throw new DataError(`row ${row + 1} gives no finite answer; check its inputs`, undefined, row);
    return value;
  };

  if (!columns.some((c) => c.isRange)) return computeFinite(0);
  const rows = alignedRowCount(columns);
  const answer: (number | string)[][] = [];
  for (let row = 0; row < rows; row++) answer.push([computeFinite(row)]);
  return answer.length > 0 ? answer : '';
}

/** The cell of an optional input, or undefined when it is omitted or blank in this row. */
export function optionalCell(columns: Column[], index: number, row: number): Column | undefined {
  const column = columns[index];
  return column === undefined || isBlank(cellAt(column, row)) ? undefined : column;
}
