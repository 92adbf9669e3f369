/**
 * Per-customer summaries made anywhere (frequency, recency, T; optional weights and mean spend), as CLV_FIT_SUMMARY
 * fits them and CLV_PREDICT / PROB_PURCHASES apply a fit to them: one reader, so both say the same about a bad row.
 */
import { DataError } from '../core/errors';
import { said } from '../core/i18n/said';
import { checkBgBbRow } from '../core/models/bgbb';
import type { ModelKind } from '../core/models/types';
import { alignedRowCount, cellAt, checkedNumberAt, isBlank, isOmitted, readColumn, whereSaid, AMOUNT, COUNT, NON_NEGATIVE, type Arg, type Column, type NumberRule } from './args';

export interface SummaryArgs {
  frequency: Arg;
  recency: Arg;
  T: Arg;
  weights?: Arg;
  monetary_value?: Arg;
}

export interface SummaryTable {
  /** The argument row of each table row: rows blank in every column are skipped. */
  rows: number[];
  /** Rows of the arguments, trailing blank rows left out: the height of an answer with one row per argument row. */
  argumentRows: number;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** 1 for a row without a weight. */
  w: Float64Array;
  /** Present when monetary_value was given; 0 for a blank cell. */
  monetary?: Float64Array;
}

/** A weight counts customers: whole, and no more than there are people. */
const WEIGHT: NumberRule = { min: 1, max: 1e10, integer: true, rule: said('rule.weight') };

/**
 * Reads and checks the summary for a model of this kind: recency within the age, no recency without a repeat
 * purchase (a spend model does not use recency), and for BG/BB whole numbers of opportunities.
 */
export function readSummaryTable(args: SummaryArgs, kind: ModelKind): SummaryTable {
  const columns: Column[] = [readColumn('frequency', args.frequency), readColumn('recency', args.recency), readColumn('T', args.T)];
  const [fCol, rCol, tCol] = columns;
  const wCol = isOmitted(args.weights ?? '') ? undefined : readColumn('weights', args.weights);
  const mCol = isOmitted(args.monetary_value ?? '') ? undefined : readColumn('monetary_value', args.monetary_value);
  if (wCol) columns.push(wCol);
  if (mCol) columns.push(mCol);
  const n = alignedRowCount(columns);
  const rows: number[] = [];
  for (let row = 0; row < n; row++) if (!columns.every((c) => isBlank(cellAt(c, row)))) rows.push(row);
  const out: SummaryTable = {
    rows,
    argumentRows: n,
    x: new Float64Array(rows.length),
    tx: new Float64Array(rows.length),
    T: new Float64Array(rows.length),
    w: new Float64Array(rows.length),
    monetary: mCol ? new Float64Array(rows.length) : undefined,
  };
  rows.forEach((row, i) => {
    const x = checkedNumberAt(fCol, row, COUNT);
    const tx = checkedNumberAt(rCol, row, NON_NEGATIVE);
    const age = checkedNumberAt(tCol, row, NON_NEGATIVE);
    if (tx > age) throw new DataError(said('summaryArg.recencyAboveT', { at: whereSaid(rCol, row), value: String(tx), age: String(age) }), rCol.name, row);
    if (x === 0 && tx !== 0 && kind !== 'spend') {
      throw new DataError(said('summaryArg.recencyWithoutRepeat', { at: whereSaid(rCol, row), value: String(tx) }), rCol.name, row);
    }
    if (kind === 'opportunities') checkBgBbRow(x, tx, age, row);
    out.x[i] = x;
    out.tx[i] = tx;
    out.T[i] = age;
    out.w[i] = wCol && !isBlank(cellAt(wCol, row)) ? checkedNumberAt(wCol, row, WEIGHT) : 1;
    if (out.monetary && mCol) out.monetary[i] = isBlank(cellAt(mCol, row)) ? 0 : checkedNumberAt(mCol, row, AMOUNT);
  });
  return out;
}
