/**
 * Fit tables: what CLV_FIT, CLV_FIT_SUMMARY and RETENTION_FIT spill, a table people can keep in a sheet and apply
 * later (CLV_PREDICT, PROB_PURCHASES). Writing and reading them live together so the two stay one format.
 */
import { DataError } from '../core/errors';
import { render, said, type Said } from '../core/i18n/errors';
import { MODEL_NAMES, modelNamed, type AnyModel, type ModelName } from '../core/models/registry';
import type { FitResult, ParamValues } from '../core/models/types';
import type { TimeUnit } from '../core/summary';
import { describe, isBlank, numberAt, quoted, type Answer, type Arg, type Cell, type Column } from './args';
import { userLanguage } from './language';
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
  // Why not, or the note on a fit at its model's edge, in the user's language when the fit says it as a Said.
  const why = fit.said ?? fit.noteSaid;
  rows.push(['converged', fit.converged, why ? render(userLanguage(), why) : fit.message || fit.note || '']);
  return spill(['parameter', 'value', 'standard_error'], rows.length, (i) => rows[i], { cause: said('fitTable.cause') });
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
  const notATable = (what: Said): DataError => new DataError(said('fitTable.notATable', { name: argument, what }), argument);
  if (width < 2) throw notATable(said(rows.length > 1 ? 'fitTable.oneColumn' : rows.length === 0 || isBlank(rows[0][0]) ? 'fitTable.blank' : 'fitTable.oneCell'));
  const labels: Column = { name: argument, cells: rows.map((r) => r[0]), isRange: true };
  const values: Column = { name: argument, cells: rows.map((r) => r[1]), isRange: true };
  const label = (row: number): string => text(labels.cells[row]);
  const at = (row: number): Said => said('where.row', { name: argument, row: row + 1 });

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
        throw new DataError(said('fitTable.unknownModel', { at: at(row), value: describe(cell), choices: quoted(MODEL_NAMES) }), argument, row);
      }
      model = modelNamed(found);
    } else if (name === 'unit') {
      unit = UNITS.find((u) => u === text(cell));
      if (!unit) throw new DataError(said('fitTable.unit', { at: at(row), value: describe(cell), choices: quoted(UNITS) }), argument, row);
    } else if (name === 'converged') {
      const value = cell === true || text(cell) === 'true' ? true : cell === false || text(cell) === 'false' ? false : undefined;
      if (value === undefined) throw new DataError(said('fitTable.converged', { at: at(row), value: describe(cell) }), argument, row);
      converged = { value, why: typeof rows[row][2] === 'string' ? String(rows[row][2]).trim() : '' };
    } else if (name !== 'log_likelihood' && name !== 'customers') {
      // A parameter row (which names the model expects is its predictorOf's check); blank values are missing ones.
      if (!isBlank(cell)) numbers[name] = numberAt(values, row);
    }
  });
  if (!model) {
    throw new DataError(said('fitTable.noModelRow', { name: argument }), argument);
  }
  if (converged && !converged.value) {
    const why = because(converged.why);
    throw new DataError(
      why === null
        ? said('fitTable.notConverged', { name: argument, model: model.label })
        : said('fitTable.notConvergedBecause', { name: argument, model: model.label, why }),
      argument,
    );
  }
  const fitted = model;
  // The model checks that every parameter is there and positive; say that the problem is in this argument.
  try {
    fitted.predictorOf(numbers);
  } catch (e) {
    if (e instanceof DataError) throw new DataError(said('fitTable.in', { name: argument, message: e.said ?? e.message }), argument);
    throw e;
  }
  return { model: fitted, values: numbers, unit };
}

/** The fit's own reason (as the table shows it), when it is short enough for a cell's message; else where to read it. */
function because(why: string): Said | string | null {
  if (why === '') return null;
  return why.length <= 160 ? why.replace(/[.\s]+$/, '') : said('fitTable.seeConvergedRow');
}

function text(cell: Cell): string {
  return typeof cell === 'string' ? cell.trim().toLowerCase() : '';
}
