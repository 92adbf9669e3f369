import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupByPair } from '../../../src/core/models/common';

/** Groups numbered in order of first appearance, the plain way. */
function reference(first: number[], second: number[]): { groupOf: number[]; leaders: number[] } {
  const seen = new Map<string, number>();
  const leaders: number[] = [];
  const groupOf = first.map((a, i) => {
    const key = `${a}|${second[i]}`;
    let g = seen.get(key);
    if (g === undefined) {
      seen.set(key, (g = leaders.length));
      leaders.push(i);
    }
    return g;
  });
  return { groupOf, leaders };
}

describe('groupByPair', () => {
  // Small whole numbers take the flat table, large ones the packed Map, fractions the Map of Maps: all must agree.
  const small = fc.integer({ min: 0, max: 40 });
  const large = fc.integer({ min: 0, max: 60_000_000 });
  const fraction = fc.double({ min: 0, max: 1000, noNaN: true });
  for (const [name, value] of [['small whole numbers', small], ['large whole numbers', large], ['fractions', fc.oneof(fraction, small)]] as const) {
    it(`numbers each distinct pair in order of first appearance (${name})`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(value, value), { maxLength: 300 }), (pairs) => {
          const first = pairs.map((p) => p[0]);
          const second = pairs.map((p) => p[1]);
          const { groupOf, leaders } = groupByPair(Float64Array.from(first), Float64Array.from(second));
          const expected = reference(first, second);
          expect([...groupOf]).toEqual(expected.groupOf);
          expect(leaders).toEqual(expected.leaders);
        }),
      );
    });
  }
});
