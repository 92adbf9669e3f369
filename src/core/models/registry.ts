/** The purchase-count models by the names people pick them with. */
import { bgnbd } from './bgnbd';
import { mbgnbd } from './mbgnbd';
import { paretonbd } from './paretonbd';
import type { PurchaseModel } from './types';

export const PURCHASE_MODEL_NAMES = ['bgnbd', 'mbgnbd', 'paretonbd'] as const;
export type PurchaseModelName = (typeof PURCHASE_MODEL_NAMES)[number];

export const MODEL_LABELS: Record<PurchaseModelName | 'gammagamma' | 'bgbb' | 'sbg', string> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  paretonbd: 'Pareto/NBD',
  gammagamma: 'Gamma-Gamma',
  bgbb: 'BG/BB',
  sbg: 'shifted-beta-geometric',
};

const MODELS: Record<PurchaseModelName, PurchaseModel<object>> = {
  bgnbd: bgnbd as unknown as PurchaseModel<object>,
  mbgnbd: mbgnbd as unknown as PurchaseModel<object>,
  paretonbd: paretonbd as unknown as PurchaseModel<object>,
};

export function purchaseModel(name: PurchaseModelName): PurchaseModel<object> {
  return MODELS[name];
}
