/** What every fitted model reports, whatever its parameters. */
import type { Random } from '../random';
import type { Said } from '../i18n/said';

/** Customers with identical (frequency, recency, T) as one weighted row; see compressPatterns in ../rfm. */
export interface RfmPatterns {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  /** Number of distinct patterns (rows). */
  count: number;
  /** Σ w: the number of customers. */
  customers: number;
  /** Pattern of each input row, when known (compressPatterns): messages then name the user's row. */
  patternOf?: Int32Array;
}

export interface FitOptions {
  /** Starting values of the parameters, in the model's parameter order. */
  start?: number[];
  maxIterations?: number;
}

export interface FitResult<P extends object> {
  params: P;
  /** Same keys as params; NaN where the Hessian does not give one (not positive definite). */
  standardErrors: P;
  /**
   * Covariance matrix of the estimates, on the parameters' own scale, rows and columns in paramNames order: the
   * inverse of the observed information (its diagonal's square roots are standardErrors). Plain arrays, so it
   * serializes as JSON. Absent when the Hessian is not positive definite, or when some parameters are not
   * identified (e.g. BG/NBD's a and b when every customer drops out alike).
   */
  covariance?: number[][];
  logLikelihood: number;
  converged: boolean;
  /** Plain words for a person: '' when the fit converged, otherwise what went wrong and what it means (English). */
  message: string;
  /**
   * The same as a message of the errors catalogue, to put in the user's language (i18n/errors.ts): absent when the
   * fit converged, and on a fit made without it (a test's, or an older cache's), whose `message` is then all there is.
   */
  said?: Said;
  iterations: number;
  /**
   * Plain words on a usable fit at the edge of the model, e.g. every customer dropping out with the same
   * probability: some parameters are then not pinned down individually, but the predictions are (English).
   */
  note?: string;
  /** The note as a message of the errors catalogue, as `said` is the message's. */
  noteSaid?: Said;
  /** Customers the fit used (Σ weights). */
  customers: number;
}

/** A model's parameter names in the literature's order, as shown in the CLV_FIT table. */
export type ParamNames<P extends object> = readonly (keyof P & string)[];

/** Predictions of a purchase-count model (BG/NBD, MBG/NBD, Pareto/NBD) for customers described by (x, t_x, T). */
export interface PurchasePredictor {
  /** Probability that a customer with this history is still active at T. */
  pAlive(x: number, tx: number, T: number): number;
  /** Expected repeat purchases in (T, T + t] given the history. */
  expectedPurchases(t: number, x: number, tx: number, T: number): number;
  /** Expected repeat purchases in (0, t] of a customer just acquired. */
  expectedPurchasesNew(t: number): number;
  /**
   * Weighted sums of expected purchases over horizons, for every customer i:
   * sums[s][i] = Σ_j weights[s][j] · E[X(times[j]) | x_i, tx_i, T_i]. Weights [1] give the expected purchases in
   * times[0]; CLV passes each month's discount weight (clv.ts). Work shared by customers or horizons is done once,
   * and nothing of size customers × horizons is held, so a long horizon costs time, not memory. aliveOut, when
   * given, receives each customer's pAlive, which the sums need anyway.
   */
  expectedPurchasesBatch(
    frequency: ArrayLike<number>,
    recency: ArrayLike<number>,
    T: ArrayLike<number>,
    times: ArrayLike<number>,
    weights: readonly ArrayLike<number>[],
    aliveOut?: Float64Array,
  ): Float64Array[];
}

/** A column of customers' histories: repeat purchases x, recency t_x and age T (BG/BB: opportunities). */
export interface Histories {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
}

/**
 * A purchase predictor that also gives the distribution of the coming purchases and their discounted total: what
 * every purchase-count model of the registry offers (BG/NBD, MBG/NBD, Pareto/NBD, and BG/BB in opportunities). The
 * math lives in ./counts and ./dert; each model's predictor delegates to them.
 */
export interface PurchaseCountPredictor extends PurchasePredictor {
  /**
   * P(exactly n purchases in (T, T + t] | x, t_x, T): one row per customer, one value per count, in the order of
   * `counts` (whole numbers up to MAX_COUNT of ./counts; customers × counts at most its MAX_CELLS). BG/BB: t is a
   * whole number of future opportunities.
   */
  countProbabilities(t: number, counts: ArrayLike<number>, customers: Histories): Float64Array[];
  /** P(exactly n purchases in (0, t]) of a customer just acquired, one value per count. */
  countProbabilitiesNew(t: number, counts: ArrayLike<number>): Float64Array;
  /**
   * Discounted expected residual transactions of each customer: every purchase still to come, each discounted to T.
   * `ratePerUnit` is the discount rate per unit of time (per opportunity for BG/BB), compounded once per unit: a
   * purchase k units ahead counts (1 + rate)^−k (continuous-time models: e^(−δτ) with δ = ln(1 + rate), the
   * continuously compounded rate of ./dert). 0 means no discounting, refused where the total would be infinite.
   */
  dert(ratePerUnit: number, customers: Histories): Float64Array;
}

/** Parameter values by name, as a fit table or the cache holds them; every model's own parameter type is one. */
export type ParamValues = Readonly<Record<string, number>>;

/**
 * What a model describes: purchases in continuous time (BG/NBD, MBG/NBD, Pareto/NBD), transactions at discrete
 * opportunities (BG/BB), spend per purchase (Gamma-Gamma), or a subscription cohort's retention (sBG).
 */
export type ModelKind = 'purchases' | 'opportunities' | 'spend' | 'retention';

/** A fit, and its predictions when the fit can be used (null when it did not converge). */
export interface Fitted<Predictor> {
  fit: FitResult<ParamValues>;
  predictor: Predictor | null;
}

/**
 * One model of the registry: its name (as people type it), label, kind, parameter names, log-likelihood, fit and
 * predictor, typed by its own parameters P; and the same fit and predictor for callers that hold the model among
 * others and so cannot know P (the cell functions, the cache, a fit table read back from a sheet).
 */
export interface Model<K extends ModelKind, N extends string, P extends ParamValues, Data, Predictor> {
  name: N;
  label: string;
  kind: K;
  paramNames: ParamNames<P>;
  logLikelihood(params: P, data: Data): number;
  fit(data: Data, options?: FitOptions): FitResult<P>;
  predictor(params: P): Predictor;
  /** fit() with its predictor, P erased. */
  fitted(data: Data, options?: FitOptions): Fitted<Predictor>;
  /** The predictor of plain values, e.g. a fit table: a DataError names a missing or impossible parameter. */
  predictorOf(values: ParamValues): Predictor;
}

/**
 * A purchase model's own buying process for customers alive at T, typed by the model's parameters P: what prediction
 * intervals draw from (../intervals.ts; the processes are in ./simulate.ts).
 */
export interface PurchaseSimulation<P> {
  /**
   * The scale of ages in the posterior given alive: it depends on T through α + T (and β + T), so ages whose
   * scale + T differ by 1% give futures that differ by about as much.
   */
  ageScale(params: P): number;
  /** The expected purchase rate of a customer alive at T with x repeat purchases: what a simulated future costs. */
  meanRate(params: P, x: number, T: number): number;
  /**
   * Fills out[from … from + n) with the repeat purchases in (T, T + t] of n customers alive at T with x repeat
   * purchases, each with rates drawn afresh from their posterior given alive.
   */
  counts(params: P, x: number, T: number, t: number, rng: Random, out: Float64Array, from: number, n: number): void;
  /**
   * One such customer's purchases in each of `periods` periods of `length` after T (period i is (i·length,
   * (i+1)·length]), into out[0 … periods): her rates drawn from the posterior given alive, then the process run
   * forward: for a light buyer her count and then its times, for a heavy one period by period (a Poisson count each).
   * Returns how many leading periods it wrote: those after are all 0 and left as they were (a long horizon costs
   * only the periods a customer lives through).
   */
  periods(params: P, x: number, T: number, length: number, periods: number, rng: Random, out: Float64Array): number;
}

/** A model's simulation bound to parameter values (a fit's, or a draw around it), for callers that hold any model. */
export interface BoundSimulation {
  ageScale: number;
  meanRate(x: number, T: number): number;
  counts(x: number, T: number, t: number, rng: Random, out: Float64Array, from: number, n: number): void;
  periods(x: number, T: number, length: number, periods: number, rng: Random, out: Float64Array): number;
}

/**
 * A purchase-count model in continuous time (BG/NBD, MBG/NBD, Pareto/NBD): a model, and its buying process for the
 * prediction intervals, bound to plain values as predictorOf binds its predictor.
 */
export type PurchaseModel<N extends string, P extends ParamValues> = Model<'purchases', N, P, RfmPatterns, PurchaseCountPredictor> & {
  simulation: PurchaseSimulation<P>;
  /** The simulation at plain values, e.g. a fit's or a draw around it: a DataError names a missing or impossible parameter. */
  simulationOf(values: ParamValues): BoundSimulation;
};

/** BG/BB: frequency, recency and T counted in opportunities, horizons in future opportunities. */
export type OpportunityModel<N extends string, P extends ParamValues> = Model<'opportunities', N, P, RfmPatterns, PurchaseCountPredictor>;

/** The customers a spend model learns from: each one's repeat purchases and their mean amount. */
export interface SpendData {
  frequency: ArrayLike<number>;
  monetaryValue: ArrayLike<number>;
  weights?: ArrayLike<number>;
  /** 'skip' leaves out customers whose mean repeat spend is negative (order logs with returns); default 'refuse'. */
  negativeSpend?: 'refuse' | 'skip';
}

/** Predictions of a spend model. */
export interface SpendPredictor {
  /** E[spend per purchase] of a customer with x repeat purchases of mean amount m (the population mean for x = 0). */
  expectedSpend(x: number, m: number): number;
  /** E[spend per purchase] of a new customer. */
  populationMean(): number;
}

export type SpendModel<N extends string, P extends ParamValues> = Model<'spend', N, P, SpendData, SpendPredictor>;

/** Predictions of a subscription retention model, in periods of the cohort. */
export interface RetentionPredictor {
  /** Share of a new cohort still subscribed after t periods. */
  survival(t: number): number;
  /** Share of those active at period t − 1 who are still active at t. */
  retentionRate(t: number): number;
  /** Expected active customers of a cohort of that size at the start of periods 0 … lastPeriod. */
  expectedSurvivors(cohortSize: number, lastPeriod: number): Float64Array;
  /** Discounted expected residual lifetime, in periods, of a customer active for n periods (d per period). */
  derl(n: number, discountRate: number): number;
}

/** The data of a retention model: the cohort's active customers at the start of periods 0, 1, 2, … */
export type RetentionModel<N extends string, P extends ParamValues> = Model<'retention', N, P, ArrayLike<number>, RetentionPredictor>;
