// Every model of the registry has the one surface: name, label, kind, parameter names, log-likelihood, fit, predictor,
// and the erased fitted()/predictorOf() that the cell functions use. The checks loop over the registry, so a new
// model is checked as soon as its registry line is added.
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/errors';
import { MODEL_NAMES, MODELS, modelNamed, modelsOfKind, PURCHASE_MODEL_NAMES } from '../../../src/core/models/registry';
import type { RfmPatterns } from '../../../src/core/models/types';
import { compressPatterns } from '../../../src/core/rfm';
import { fixture } from '../../fixtures';
import { cdnowPatterns, cdnowSummary } from './cdnow';

/** The data each kind of model learns from, from the published data sets. */
function donations(): RfmPatterns {
  const rows = fixture('donations.csv').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  return compressPatterns(rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]));
}
const REGULAR_COHORT = [1000, 631, 468, 382, 326, 289, 262, 241];

describe('the model registry', () => {
  it('lists the six models once each, with names people type and labels people read', () => {
    expect(MODEL_NAMES).toEqual(['bgnbd', 'mbgnbd', 'paretonbd', 'gammagamma', 'bgbb', 'sbg']);
    expect(PURCHASE_MODEL_NAMES).toEqual(['bgnbd', 'mbgnbd', 'paretonbd']);
    expect(MODELS.map((m) => m.label)).toEqual(['BG/NBD', 'MBG/NBD', 'Pareto/NBD', 'Gamma-Gamma', 'BG/BB', 'shifted-beta-geometric']);
    for (const m of MODELS) {
      expect(modelNamed(m.name)).toBe(m);
      expect(m.paramNames.length).toBeGreaterThanOrEqual(2);
      expect(new Set(m.paramNames).size).toBe(m.paramNames.length);
    }
    expect(modelsOfKind('spend').map((m) => m.name)).toEqual(['gammagamma']);
    expect(modelsOfKind('opportunities').map((m) => m.name)).toEqual(['bgbb']);
    expect(modelsOfKind('retention').map((m) => m.name)).toEqual(['sbg']);
  });

  it('fits every purchase model to CDNOW; the erased fit and predictor give the typed ones', () => {
    const data = cdnowPatterns();
    for (const model of modelsOfKind('purchases')) {
      const fitted = model.fitted(data);
      expect(fitted.fit.converged, model.name).toBe(true);
      expect(Object.keys(fitted.fit.params)).toEqual([...model.paramNames]);
      expect(fitted.fit.logLikelihood).toBe(model.fit(data).logLikelihood);
      const fromValues = model.predictorOf({ ...fitted.fit.params });
      for (const [x, tx, T] of [
        [0, 0, 38.86],
        [2, 30.43, 38.86],
        [10, 35, 38.86],
      ]) {
        expect(fromValues.pAlive(x, tx, T)).toBe(fitted.predictor!.pAlive(x, tx, T));
        expect(fromValues.expectedPurchases(39, x, tx, T)).toBe(fitted.predictor!.expectedPurchases(39, x, tx, T));
      }
    }
  });

  it('fits the spend, opportunity and retention models to their published data the same way', () => {
    const s = cdnowSummary();
    const spend = modelNamed('gammagamma');
    const bb = modelNamed('bgbb');
    const retention = modelNamed('sbg');
    if (spend.kind !== 'spend' || bb.kind !== 'opportunities' || retention.kind !== 'retention') throw new Error('kinds');
    const spendFit = spend.fitted({ frequency: s.x, monetaryValue: s.zbar });
    expect(spendFit.fit.converged).toBe(true);
    expect(spend.predictorOf({ ...spendFit.fit.params }).expectedSpend(2, 30)).toBe(spendFit.predictor!.expectedSpend(2, 30));
    const bbFit = bb.fitted(donations());
    expect(bbFit.fit.converged).toBe(true);
    expect(bb.predictorOf({ ...bbFit.fit.params }).pAlive(3, 4, 6)).toBe(bbFit.predictor!.pAlive(3, 4, 6));
    const sbgFit = retention.fitted(REGULAR_COHORT);
    expect(sbgFit.fit.converged).toBe(true);
    expect(retention.predictorOf({ ...sbgFit.fit.params }).survival(5)).toBe(sbgFit.predictor!.survival(5));
  });

  it('refuses plain values that miss a parameter or hold an impossible one, naming it', () => {
    for (const model of MODELS) {
      const values = Object.fromEntries(model.paramNames.map((n) => [n, 1]));
      expect(() => model.predictorOf(values), model.name).not.toThrow();
      const [first] = model.paramNames;
      expect(() => model.predictorOf({ ...values, [first]: -1 })).toThrow(DataError);
      expect(() => model.predictorOf({ ...values, [first]: -1 })).toThrow(`the ${model.label} parameter ${first} is -1; it must be a positive number`);
      const missing = { ...values };
      delete missing[first];
      expect(() => model.predictorOf(missing)).toThrow(`the ${model.label} parameter ${first} is missing`);
    }
  });

  it('gives no predictor for a fit that did not converge', () => {
    // One customer who bought twice: nothing to learn how customers differ from.
    const model = modelNamed('bgnbd');
    if (model.kind !== 'purchases') throw new Error('kind');
    const fitted = model.fitted(compressPatterns([1, 0, 0], [5, 0, 0], [10, 10, 10]), { maxIterations: 1 });
    expect(fitted.fit.converged).toBe(false);
    expect(fitted.predictor).toBeNull();
  });
});
