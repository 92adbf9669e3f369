/**
 * Aligned cell functions: one answer per input row, single values broadcast against ranges,
 * a blank input row gives a blank answer.
 */
import { DataError } from '../core/errors';
import { said, type Said } from '../core/i18n/said';
import { alignedRowCount, cellAt, describe, isBlank, readColumn, type Answer, type Arg, type Column } from './args';

export interface AlignedInput {
  name: string;
  value: Arg;
  /** Optional inputs may be omitted or blank; the row's computation then uses its default. */
  optional?: boolean;
}

/** `compute` returns '' for a row that has no answer (shown as a blank cell). */
export function alignedAnswer(inputs: AlignedInput[], compute: (columns: Column[], row: number) => number | ''): Answer {
  return alignedAnswers(inputs, (columns, rows) => rows.map((row) => compute(columns, row)));
}

/**
 * alignedAnswer for work done on all rows at once (CHURN's series: one pass over the customers for every period):
 * `computeAll` gets the rows that are not blank and returns their answers in that order.
 */
export function alignedAnswers(inputs: AlignedInput[], computeAll: (columns: Column[], rows: number[]) => (number | '')[]): Answer {
  for (const input of inputs) {
    if (!input.optional && input.value === undefined) throw new DataError(said('aligned.missing', { name: input.name }), input.name);
  }
  const columns = inputs.map((input) => readColumn(input.name, input.value));
  const required = columns.filter((_, i) => !inputs[i].optional);
  const isRange = columns.some((c) => c.isRange);
  const count = isRange ? alignedRowCount(columns) : 1;
  const rows: number[] = [];
  for (let row = 0; row < count; row++) if (!required.some((c) => isBlank(cellAt(c, row)))) rows.push(row);
  const values = computeAll(columns, rows);
  const answer: (number | string)[] = new Array<number | string>(count).fill('');
  rows.forEach((row, i) => {
    const value = values[i];
    if (value !== '' && !Number.isFinite(value)) throw notFinite(columns, row, value);
    answer[row] = value;
  });
  if (!isRange) return answer[0];
  return answer.length > 0 ? answer.map((v) => [v]) : '';
}

/** The cell of an optional input, or undefined when it is omitted or blank in this row. */
export function optionalCell(columns: Column[], index: number, row: number): Column | undefined {
  const column = columns[index];
  return column === undefined || isBlank(cellAt(column, row)) ? undefined : column;
}

/** Says which inputs of the row give an answer no cell can hold (an overflow, or no number at all). */
function notFinite(columns: Column[], row: number, value: number): DataError {
  const given = columns
    .filter((c) => !isBlank(cellAt(c, row)))
    .map((c): Said => said('aligned.given', { name: c.name, value: describe(cellAt(c, row)) }))
    .reduceRight((rest: Said | null, first): Said => (rest ? said('list.comma', { first, rest }) : first), null);
  const problem = said(Number.isNaN(value) ? 'aligned.noNumber' : 'aligned.overflow', { given: given ?? '' });
  return new DataError(columns.some((c) => c.isRange) ? said('aligned.atRow', { row: row + 1, message: problem }) : problem, undefined, row);
}
