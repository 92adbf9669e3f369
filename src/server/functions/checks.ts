/**
 * Cell functions that check the purchase models against what customers actually did after a calibration date.
 * Every export of this file is a public cell function (index.ts exports them all).
 */
import { compareModels } from '../../core/compare';
import { render, said } from '../../core/i18n/errors';
import { PURCHASE_MODEL_NAMES } from '../../core/models/registry';
import { trackingCheck } from '../../core/tracking';
import { forArgument, runCustomFunction, toDate, type Answer, type Arg } from '../args';
import { noSplit, readHoldoutSplit } from '../holdoutArgs';
import { readModelName } from '../pipeline';
import { userLanguage } from '../language';
import { checkSpillSize, spill } from '../spill';

/**
 * The cohort's repeat purchases, actual against what the model expects, period by period through the fitting period
 * and the check period after it: the tracking plot of Fader, Hardie & Lee (2005). The model is fitted on orders up to
 * calibration_end; customers who first bought after it are left out. A line chart of the two cumulative columns shows
 * whether the model follows the shop's sales. Example: =CLV_TRACKING(A2:A, B2:B, DATE(2024,6,30), "week")
 *
 * @param {string} customer_ids The customer id of each order (a column).
 * @param {date} order_dates The date of each order.
 * @param {date} calibration_end The last day of the fitting period; the rest of the log is the check period.
 * @param {string} [unit] Optional: the length of a period, "day" (default), "week", "month" or "year".
 * @param {string} [model] Optional: "bgnbd" (default), "mbgnbd" or "paretonbd".
 * @param {number} [amounts] Optional: the amount of each order; then a day of returns only is not a purchase.
 * @return A table: period, period end, actual and expected cumulative repeat purchases, actual and expected in the period, phase.
 * @customfunction
 * @preserve
 */
export function CLV_TRACKING(customer_ids: Arg, order_dates: Arg, calibration_end: Arg, unit?: Arg, model?: Arg, amounts?: Arg): Answer {
  return runCustomFunction('CLV_TRACKING', ['customer_ids', 'order_dates', 'calibration_end', 'unit', 'model', 'amounts'], () => {
    const split = readHoldoutSplit(customer_ids, order_dates, calibration_end, unit, amounts);
    const name = readModelName(model, PURCHASE_MODEL_NAMES, 'bgnbd');
    const header = ['period', 'period_end', 'actual_cumulative', 'expected_cumulative', 'actual', 'expected', 'phase'];
    const checkPeriods = (periods: number): void => checkSpillSize(periods + 1, header.length, { items: 'periods', advice: said('checks.longerUnit') });
    const t = forArgument('order_dates', () => trackingCheck(split.log, split.end, split.unit, name, { ...split.options, checkPeriods }), split.sourceRows);
    if (!t) throw noSplit();
    const { actualCumulative: a, expectedCumulative: e } = t;
    return spill(
      header,
      t.endDay.length,
      (p) => [p + 1, toDate(t.endDay[p]), a[p], e[p], p > 0 ? a[p] - a[p - 1] : a[p], p > 0 ? e[p] - e[p - 1] : e[p], p < t.calibrationPeriods ? 'calibration' : 'holdout'],
      { items: 'periods' },
    );
  });
}

/**
 * Checks every purchase model on your own data: fits each on orders up to calibration_end and compares its fit
 * (log-likelihood, BIC: lower is better) and its predictions of the repeat purchases after calibration_end with what
 * customers actually bought. mae is the mean absolute error of the mean predicted purchases by repeat purchases
 * before the split (0, 1, ..., 7+, as CLV_HOLDOUT), weighted by customers; best marks the lowest. A model that cannot
 * be fitted says why in note. Example: =CLV_COMPARE(A2:A, B2:B, DATE(2024,6,30), "week")
 *
 * @param {string} customer_ids The customer id of each order (a column).
 * @param {date} order_dates The date of each order.
 * @param {date} calibration_end The last day of the fitting period; the rest of the log is the check period.
 * @param {string} [unit] Optional: "day" (default), "week", "month" or "year" (the log-likelihood depends on it).
 * @param {number} [amounts] Optional: the amount of each order; then a day of returns only is not a purchase.
 * @return A table, one row per model: log-likelihood, parameters, BIC, predicted and actual purchases after, MAE, best, note.
 * @customfunction
 * @preserve
 */
export function CLV_COMPARE(customer_ids: Arg, order_dates: Arg, calibration_end: Arg, unit?: Arg, amounts?: Arg): Answer {
  return runCustomFunction('CLV_COMPARE', ['customer_ids', 'order_dates', 'calibration_end', 'unit', 'amounts'], () => {
    const split = readHoldoutSplit(customer_ids, order_dates, calibration_end, unit, amounts);
    const c = forArgument('order_dates', () => compareModels(split.log, split.end, split.unit, split.options), split.sourceRows);
    if (!c) throw noSplit();
    const header = ['model', 'label', 'log_likelihood', 'parameters', 'bic', 'predicted_purchases', 'actual_purchases', 'mae', 'best', 'note'];
    const blank = (v: number | null): number | string => v ?? '';
    const language = userLanguage();
    return spill(header, c.models.length, (i) => {
      const m = c.models[i];
      const note = m.noteSaid ? render(language, m.noteSaid) : m.note;
      return [m.model, m.label, blank(m.logLikelihood), m.parameters, blank(m.bic), blank(m.predicted), c.actual, blank(m.mae), m.best, note];
    });
  });
}
