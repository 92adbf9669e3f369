/**
 * Fit tables: what CLV_FIT, CLV_FIT_SUMMARY and RETENTION_FIT spill, a table people can keep in a sheet and apply
 * later (CLV_PREDICT, PROB_PURCHASES). Writing and reading them live together so the two stay one format.
 */
import { modelNamed, type ModelName } from '../core/models/registry';
import type { FitResult, ParamValues } from '../core/models/types';
import type { TimeUnit } from '../core/summary';
import type { Answer } from './args';
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

