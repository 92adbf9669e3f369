/** What every fitted model reports, whatever its parameters. */

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
  /** Plain words for a person: '' when the fit converged, otherwise what went wrong and what it means. */
  message: string;
  iterations: number;
  /**
   * Plain words on a usable fit at the edge of the model, e.g. every customer dropping out with the same
   * probability: some parameters are then not pinned down individually, but the predictions are.
   */
  note?: string;
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

/** One purchase-count model: its parameter names, likelihood, fit and predictions. */
export interface PurchaseModel<P extends object> {
  name: string;
  paramNames: ParamNames<P>;
  logLikelihood(params: P, data: RfmPatterns): number;
  fit(data: RfmPatterns, options?: FitOptions): FitResult<P>;
  predictor(params: P): PurchasePredictor;
}
