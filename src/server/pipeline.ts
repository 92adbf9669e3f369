/**
 * The steps the predictive cell functions share: order log from cells → per-customer summary → fitted model
 * (cached) → predictions, with the checks that turn unusable data into plain-words errors.
 */
import { isoFromDay } from '../core/dates';
import { DataError } from '../core/errors';
import { said } from '../core/i18n/said';
import { ContentHash } from '../core/hash';
import { gammagamma } from '../core/models/gammagamma';
import { purchaseModel, type PurchaseModelName } from '../core/models/registry';
import type { Fitted, PurchasePredictor, RfmPatterns, SpendPredictor } from '../core/models/types';
import { compressPatterns } from '../core/rfm';
import { summarizeOrders, type CustomerSummary, type DetailedSummary, type TimeUnit } from '../core/summary';
import { directFitters, type Fitters, type Histories } from '../core/value';
import { forArgument, isOmitted, quoted, singleChoice, singleDay, singleValue, type Arg } from './args';
import { cachedFit } from './cache';
import { readOrders, summarizeOrderCells, type OrderArgs } from './orders';

export const UNITS: readonly TimeUnit[] = ['day', 'week', 'month', 'year'];

export function readUnit(arg: Arg | undefined, name = 'unit'): TimeUnit {
  return singleChoice(name, arg, UNITS, 'day');
}

/** Model names as people write them: "BG/NBD", "bg-nbd" and "bgnbd" are one. */
export function readModelName<T extends string>(arg: Arg | undefined, choices: readonly T[], fallback: T, name = 'model'): T {
  const column = singleValue(name, arg, said('arg.oneOf', { choices: quoted(choices) }));
  if (!column) return fallback;
  const cell = column.cells[0];
  const normalized = typeof cell === 'string' ? cell.toLowerCase().replace(/[^a-z]/g, '') : '';
  const match = choices.find((c) => c === normalized);
  if (match) return match;
  throw new DataError(said('log.modelChoice', { name, value: String(JSON.stringify(cell)), choices: quoted(choices) }), name);
}

export interface OrderLogArgs {
  ids: Arg;
  dates: Arg;
  amounts?: Arg;
  asOf?: Arg;
  unit: TimeUnit;
  /** Whether amounts must be given (CLV, Gamma-Gamma). */
  amountsRequired?: boolean;
}

/** The summary the models need, from the cells. */
export function summaryFromCells(args: OrderLogArgs): CustomerSummary {
  return summaryOfCells(args, false);
}

/** The summary with each customer's dates, orders and revenue besides, from the cells. */
export function detailedSummaryFromCells(args: OrderLogArgs): DetailedSummary {
  return summaryOfCells(args, true);
}

function summaryOfCells(args: OrderLogArgs, details: true): DetailedSummary;
function summaryOfCells(args: OrderLogArgs, details: boolean): CustomerSummary;
function summaryOfCells(args: OrderLogArgs, details: boolean): CustomerSummary {
  if (args.amountsRequired && isOmitted(args.amounts ?? '')) throw new DataError(said('log.amountsNeeded'), 'amounts');
  const orderArgs = { ids: args.ids, dates: args.dates, amounts: isOmitted(args.amounts ?? '') ? undefined : args.amounts };
  const asOfDay = singleDay('as_of', args.asOf);
  const summary = summarizeOrderCells(orderArgs, { asOfDay, unit: args.unit, details }) ?? summarizeOrderRows(orderArgs, asOfDay, args.unit);
  // A report lists the customers with returns only too; the models need a purchase to count from.
  const listed = summary.count + (details ? summary.ignoredReturnsOnly : 0);
  if (listed === 0) {
    if (asOfDay === undefined) throw new DataError(said('log.noPurchase'), 'order_dates');
    throw new DataError(said('log.noPurchaseAsOf', { date: isoFromDay(asOfDay) }), 'as_of');
  }
  return summary;
}

/** The general path: read the log (with row-precise messages for bad cells), then summarise it, sorting if need be. */
function summarizeOrderRows(orderArgs: OrderArgs, asOfDay: number | undefined, unit: TimeUnit): DetailedSummary {
  const orders = readOrders(orderArgs);
  if (orders.days.length === 0) throw new DataError(said('log.emptyGive'), 'customer_ids');
  return forArgument('order_dates', () => summarizeOrders({ ids: orders.customers, days: orders.days, amounts: orders.amounts }, { asOfDay, unit }), orders.sourceRows);
}

/**
 * The fitters of the cell functions and the sidebar: every fit is cached (six hours, keyed by a hash of what it
 * depends on), so the other cells on the same data do not fit again.
 */
export const cachedFitters: Fitters = {
  purchases(name: PurchaseModelName, h: Histories, unit: TimeUnit): Fitted<PurchasePredictor> {
    const model = purchaseModel(name);
    const key = new ContentHash().text(name).text(unit).numbers(h.frequency).numbers(h.recency).numbers(h.T).digest();
    const fit = cachedFit(`${name}:${key}`, () => model.fit(checkedPatterns(name, compressPatterns(h.frequency, h.recency, h.T))));
    return { fit, predictor: fit.converged ? model.predictorOf(fit.params) : null };
  },
  spend(h: Histories): Fitted<SpendPredictor> {
    const key = new ContentHash().text(gammagamma.name).numbers(h.frequency).numbers(h.monetaryValue).digest();
    const fit = cachedFit(`${gammagamma.name}:${key}`, () => directFitters.spend(h).fit);
    return { fit, predictor: fit.converged ? gammagamma.predictorOf(fit.params) : null };
  },
};

/**
 * Distinct (frequency, recency, T) histories a Pareto/NBD fit may take in a cell: its likelihood needs a ₂F₁ per
 * history, about 10 to 25 µs each over a whole fit on the benchmark's machine, so this keeps the fit to about 10 of a
 * cell's 30 seconds. The other models are closed forms, fast on any log.
 */
const PARETO_HISTORIES_LIMIT = 500_000;

/** The patterns, when the model can be fitted to them within a cell's time. */
export function checkedPatterns(model: string, patterns: RfmPatterns): RfmPatterns {
  if (model === 'paretonbd' && patterns.count > PARETO_HISTORIES_LIMIT) {
    throw new DataError(said('log.paretoSlow', { histories: patterns.count, most: PARETO_HISTORIES_LIMIT }), 'model');
  }
  return patterns;
}
