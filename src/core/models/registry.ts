/**
 * Every model of the add-in, by the name people type. Cell functions, the JSDoc lists of model names and the tests
 * take their models from here: a new model is its file plus one line below.
 */
import { bgbb } from './bgbb';
import { bgnbd } from './bgnbd';
import { gammagamma } from './gammagamma';
import { mbgnbd } from './mbgnbd';
import { paretonbd } from './paretonbd';
import { sbg } from './sbg';

export const MODELS = [bgnbd, mbgnbd, paretonbd, gammagamma, bgbb, sbg] as const;

export type AnyModel = (typeof MODELS)[number];
export type ModelName = AnyModel['name'];
export type ModelOfKind<K extends AnyModel['kind']> = Extract<AnyModel, { kind: K }>;
export type PurchaseModelName = ModelOfKind<'purchases'>['name'];

function isKind<K extends AnyModel['kind']>(kind: K): (model: AnyModel) => model is ModelOfKind<K> {
  return (model): model is ModelOfKind<K> => model.kind === kind;
}

/** The models of one kind, in the registry's order. */
export function modelsOfKind<K extends AnyModel['kind']>(kind: K): ModelOfKind<K>[] {
  return MODELS.filter(isKind(kind));
}

/** The purchase models (continuous time): the choices of the order-log cell functions' `model`. */
export const PURCHASE_MODEL_NAMES: readonly PurchaseModelName[] = modelsOfKind('purchases').map((m) => m.name);

export const MODEL_NAMES: readonly ModelName[] = MODELS.map((m) => m.name);

export function modelNamed(name: ModelName): AnyModel {
  const model = MODELS.find((m) => m.name === name);
  if (!model) throw new RangeError(`no model named ${name}`);
  return model;
}

export function purchaseModel(name: PurchaseModelName): ModelOfKind<'purchases'> {
  const model = modelsOfKind('purchases').find((m) => m.name === name);
  if (!model) throw new RangeError(`no purchase model named ${name}`);
  return model;
}
