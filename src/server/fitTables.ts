/**
 * Fit tables: what CLV_FIT, CLV_FIT_SUMMARY and RETENTION_FIT spill, a table people can keep in a sheet and apply
 * later (CLV_PREDICT, PROB_PURCHASES). Writing and reading them live together so the two stay one format.
 */
import { DataError } from '../core/errors';
import { MODEL_NAMES, modelNamed, type AnyModel, type ModelName } from '../core/models/registry';
import type { FitResult, ParamValues } from '../core/models/types';
import type { TimeUnit } from '../core/summary';
import { describe, isBlank, numberAt, type Answer, type Arg, type Cell, type Column } from './args';
import { UNITS } from './pipeline';
import { spill, type AnswerCell } from './spill';

/**
 * The fit as a table, its first row the model (so CLV_PREDICT can apply it), with the unit of its rates when it was
 * fitted to an order log; `customersNote` says, beside the number of customers, who was left out.
 */
export function fitTable(name: ModelName, fit: FitResult<ParamValues>, customersNote = '', unit?: TimeUnit): Answer {
  const model = modelNamed(name);
  const rows: AnswerCell[][] = [['model', name, model.label]];
  if (unit) rows.push(['unit', unit, 'frequency, recency, T and horizons are counted in this unit']);
  for (const n of model.paramNames) rows.push([n, fit.params[n], Number.isFinite(fit.standardErrors[n]) ? fit.standardErrors[n] : '']);
  rows.push(['log_likelihood', fit.logLikelihood, '']);
  rows.push(['customers', fit.customers, customersNote]);
  rows.push(['converged', fit.converged, fit.message || fit.note || '']);
  return spill(['parameter', 'value', 'standard_error'], rows.length, (i) => rows[i], { cause: 'the model cannot be fitted to numbers this large or this far apart' });
}


/** A fit table read back: its model, parameter values by name, and the unit of its rates when it has a unit row. */
export interface FitOfTable {
  model: AnyModel;
  values: ParamValues;
  unit?: TimeUnit;
}

/** The first row of fitTable's spill: read tables may start with it or with their model row. */
const HEADER = ['parameter', 'value', 'standard_error'];

/**
 * Reads a table that fitTable wrote (CLV_FIT, CLV_FIT_SUMMARY, RETENTION_FIT), with or without its header row: the
 * model, the parameter values and the unit. Every problem is a DataError naming the argument and, where there is
 * one, its row: a range that is not such a table, no model row, an unknown model, a parameter missing or not a
 * positive number (the model's predictorOf says which), a fit that did not converge.
 */
export function readFitTable(arg: Arg, argument = 'fit'): FitOfTable {
  const rows = Array.isArray(arg) ? arg : [[arg]];
  const width = rows.length === 0 ? 0 : rows[0].length;
  const notATable = (what: string): DataError =>
    new DataError(
      `${argument} is ${what}; give the whole table that CLV_FIT, CLV_FIT_SUMMARY or RETENTION_FIT spilled (its first two columns at least, from the header or the model row down)`,
      argument,
    );
  if (width < 2) throw notATable(rows.length > 1 ? 'one column' : rows.length === 0 || isBlank(rows[0][0]) ? 'blank' : 'one cell');
  const labels: Column = { name: argument, cells: rows.map((r) => r[0]), isRange: true };
  const values: Column = { name: argument, cells: rows.map((r) => r[1]), isRange: true };
  const label = (row: number): string => text(labels.cells[row]);

  let model: AnyModel | undefined;
  let unit: TimeUnit | undefined;
  let converged: { value: boolean; why: string } | undefined;
  const numbers: Record<string, number> = {};
  rows.forEach((_, row) => {
    const name = label(row);
    if (name === '' || (row === 0 && name === HEADER[0] && text(values.cells[row]) === HEADER[1])) return;
    const cell = values.cells[row];
    if (name === 'model') {
      const wanted = text(cell).replace(/[^a-z]/g, '');
      const found = MODEL_NAMES.find((m) => m === wanted);
      if (!found) {
        throw new DataError(
          `${argument} row ${row + 1} names the model ${describe(cell)}, not one the add-in knows (${MODEL_NAMES.map((m) => `"${m}"`).join(', ')})`,
          argument,
          row,
        );
      }
      model = modelNamed(found);
    } else if (name === 'unit') {
      unit = UNITS.find((u) => u === text(cell));
      if (!unit) throw new DataError(`${argument} row ${row + 1} gives the unit ${describe(cell)}; use ${UNITS.map((u) => `"${u}"`).join(', ')}`, argument, row);
    } else if (name === 'converged') {
      const value = cell === true || text(cell) === 'true' ? true : cell === false || text(cell) === 'false' ? false : undefined;
      if (value === undefined) throw new DataError(`${argument} row ${row + 1} is ${describe(cell)}; the converged row holds TRUE or FALSE`, argument, row);
      converged = { value, why: typeof rows[row][2] === 'string' ? String(rows[row][2]).trim() : '' };
    } else if (name !== 'log_likelihood' && name !== 'customers') {
      // A parameter row (which names the model expects is its predictorOf's check); blank values are missing ones.
      if (!isBlank(cell)) numbers[name] = numberAt(values, row);
    }
  });
  if (!model) {
    throw new DataError(
      `${argument} has no "model" row, so it is not a table that CLV_FIT, CLV_FIT_SUMMARY or RETENTION_FIT spilled; give the whole table, from its header or its model row down`,
      argument,
    );
  }
  if (converged && !converged.value) {
    throw new DataError(
      `${argument} is a fit of ${model.label} that did not converge${because(converged.why)}, so its parameters cannot be relied on for predictions; ` +
        'fit again on data that pin the model down (more customers or a longer history), then apply the new table',
      argument,
    );
  }
  const fitted = model;
  // The model checks that every parameter is there and positive; say that the problem is in this argument.
  try {
    fitted.predictorOf(numbers);
  } catch (e) {
    if (e instanceof DataError) throw new DataError(`in ${argument}, ${e.message}`, argument);
    throw e;
  }
  return { model: fitted, values: numbers, unit };
}

/** The fit's own reason, in brackets, when it is short enough for a cell's message; else where to read it. */
function because(why: string): string {
  if (why === '') return '';
  return why.length <= 160 ? ` (${why.replace(/[.\s]+$/, '')})` : ' (its converged row says why)';
}

function text(cell: Cell): string {
  return typeof cell === 'string' ? cell.trim().toLowerCase() : '';
}
