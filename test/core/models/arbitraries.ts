import fc from 'fast-check';
import { expect } from 'vitest';
import type { PurchasePredictor } from '../../../src/core/models/types';

/** BG/NBD and MBG/NBD parameters over the range fits meet in practice. */
export const betaGeoParams = fc.record({
  r: fc.double({ min: 0.05, max: 5, noNaN: true }),
  alpha: fc.double({ min: 0.5, max: 100, noNaN: true }),
  a: fc.double({ min: 0.05, max: 5, noNaN: true }),
  b: fc.double({ min: 0.05, max: 10, noNaN: true }),
});

/** A valid (x, t_x, T): recency 0 without a repeat purchase, else somewhere in (0, T]. */
export function purchaseHistory(maxFrequency: number): fc.Arbitrary<{ x: number; tx: number; T: number }> {
  return fc
    .record({ x: fc.integer({ min: 0, max: maxFrequency }), T: fc.double({ min: 0.5, max: 200, noNaN: true }), share: fc.double({ min: 0.01, max: 1, noNaN: true }) })
    .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : T * share }));
}

/**
 * What every purchase model's predictions keep for a history h and horizon t: P(alive) in [0, 1], expected purchases
 * finite and ≥ 0, and not fewer over 2t than over t (to within `slack`, relative).
 */
export function expectSensiblePredictions(predict: PurchasePredictor, h: { x: number; tx: number; T: number }, t: number, slack: number): void {
  const alive = predict.pAlive(h.x, h.tx, h.T);
  expect(alive).toBeGreaterThanOrEqual(0);
  expect(alive).toBeLessThanOrEqual(1);
  const near = predict.expectedPurchases(t, h.x, h.tx, h.T);
  const far = predict.expectedPurchases(2 * t, h.x, h.tx, h.T);
  expect(Number.isFinite(near) && Number.isFinite(far)).toBe(true);
  expect(near).toBeGreaterThanOrEqual(0);
  expect(far).toBeGreaterThanOrEqual(near * (1 - slack));
}
