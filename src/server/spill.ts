/** Shapes a table answer (header + one row per item) and guarantees no NaN or Infinity reaches a cell. */
import { DataError } from '../core/errors';
import { type Answer, type AnswerCell } from './args';

export type { AnswerCell };

export function spill(header: string[], count: number, row: (i: number) => AnswerCell[]): Answer {
  const out: AnswerCell[][] = [header];
  for (let i = 0; i < count; i++) {
    const values = row(i);
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new DataError(`${header[j]} of row ${i + 1} (${String(values[0])}) could not be computed from these data`);
      }
    }
    out.push(values);
  }
  return out;
}
