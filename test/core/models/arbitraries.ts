import fc from 'fast-check';

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
