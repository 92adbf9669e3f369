/**
 * Builds a registry model from its typed parts: the erased fit and predictor (fitted, predictorOf) are derived here
 * once, so a model file declares only what is its own.
 */
import { DataError } from '../errors';
import type { FitOptions, Fitted, Model, ModelKind, ParamValues } from './types';

export interface ModelParts<K extends ModelKind, N extends string, P extends ParamValues, Data, Predictor>
  extends Omit<Model<K, N, P, Data, Predictor>, 'fitted' | 'predictorOf'> {
  /** The model's parameters from values already checked to hold every name, each a positive finite number. */
  read(values: ParamValues): P;
}

export function defineModel<K extends ModelKind, N extends string, P extends ParamValues, Data, Predictor>(
  parts: ModelParts<K, N, P, Data, Predictor>,
): Model<K, N, P, Data, Predictor> {
  const { read, ...model } = parts;
  return {
    ...model,
    fitted(data: Data, options?: FitOptions): Fitted<Predictor> {
      const fit = model.fit(data, options);
      return { fit, predictor: fit.converged ? model.predictor(fit.params) : null };
    },
    predictorOf(values: ParamValues): Predictor {
      for (const name of model.paramNames) {
        const v = values[name];
        if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
          throw new DataError(`the ${model.label} parameter ${name} is ${v === undefined ? 'missing' : String(v)}; it must be a positive number`);
        }
      }
      return model.predictor(read(values));
    },
  };
}
