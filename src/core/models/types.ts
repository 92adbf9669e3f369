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
  logLikelihood: number;
  converged: boolean;
  /** Plain words for a person: '' when the fit converged, otherwise what went wrong and what it means. */
  message: string;
  iterations: number;
  /** Customers the fit used (Σ weights). */
  customers: number;
}

/** A model's parameter names in the literature's order, as shown in the CLV_FIT table. */
export type ParamNames<P extends object> = readonly (keyof P & string)[];
