/**
 * Builds a registry model from its typed parts: the erased fit and predictor (fitted, predictorOf) are derived here
 * once, so a model file declares only what is its own.
 */
import { DataError } from '../errors';
import { said } from '../i18n/said';
import { bindSimulation } from './simulate';
import type { FitOptions, Fitted, Model, ModelKind, ParamValues, PurchaseCountPredictor, PurchaseModel, PurchaseSimulation, RfmPatterns } from './types';

export interface ModelParts<K extends ModelKind, N extends string, P extends ParamValues, Data, Predictor>
  extends Omit<Model<K, N, P, Data, Predictor>, 'fitted' | 'predictorOf'> {
  /** The model's parameters from values already checked to hold every name, each a positive finite number. */
  read(values: ParamValues): P;
}

export function defineModel<K extends ModelKind, N extends string, P extends ParamValues, Data, Predictor>(
  parts: ModelParts<K, N, P, Data, Predictor>,
): Model<K, N, P, Data, Predictor> {
  const { read, ...model } = parts;
  const paramsOf = checkedParams(model.label, model.paramNames, read);
  return {
    ...model,
    fitted(data: Data, options?: FitOptions): Fitted<Predictor> {
      const fit = model.fit(data, options);
      return { fit, predictor: fit.converged ? model.predictor(fit.params) : null };
    },
    predictorOf: (values) => model.predictor(paramsOf(values)),
  };
}

/** A purchase model: defineModel's, with its buying process for the prediction intervals. */
export function definePurchaseModel<N extends string, P extends ParamValues>(
  parts: ModelParts<'purchases', N, P, RfmPatterns, PurchaseCountPredictor> & { simulation: PurchaseSimulation<P> },
): PurchaseModel<N, P> {
  const { simulation, ...rest } = parts;
  const paramsOf = checkedParams(rest.label, rest.paramNames, rest.read);
  return { ...defineModel(rest), simulation, simulationOf: (values) => bindSimulation(simulation, paramsOf(values)) };
}

/** The model's parameters from plain values, each checked to be a positive finite number. */
function checkedParams<P extends ParamValues>(label: string, names: readonly (keyof P & string)[], read: (values: ParamValues) => P): (values: ParamValues) => P {
  return (values) => {
    for (const name of names) {
      const v = values[name];
      if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
        throw new DataError(v === undefined ? said('model.parameterMissing', { model: label, name }) : said('model.parameter', { model: label, name, value: String(v) }));
      }
    }
    return read(values);
  };
}
