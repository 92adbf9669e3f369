import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdNumbering, indexCustomers } from '../../src/core/ids';

/** The plain meaning of numbering: each distinct id once (as first written), in order of first appearance. */
function expectNaiveNumbering(ids: (string | number)[]): void {
  const index = indexCustomers(ids);
  const expected = ids.filter((id, i) => ids.indexOf(id) === i);
  expect(index.ids).toEqual(expected);
  expect([...index.rowCustomer]).toEqual(ids.map((id) => expected.indexOf(id)));
  expect(Array.from(index.rowCustomer, (k) => index.ids[k])).toEqual(ids.map((id) => expected[expected.indexOf(id)]));
}

/** Whether every id was numbered through its number (no hashing). */
function byPattern(ids: (string | number)[]): boolean {
  const numbering = new IdNumbering(ids.length);
  for (const id of ids) numbering.indexOf(id);
  return numbering.byPattern;
}

describe('indexCustomers', () => {
  it('numbers prefix-and-digit ids through their number, as the hash would', () => {
    const ids = ['C000003', 'C000001', 'C000003', 'C065000', 'C000001'];
    expect(byPattern(ids)).toBe(true);
    expectNaiveNumbering(ids);
  });

  it('numbers whole-number ids through their value, 0 and −0 being one id as in a Map', () => {
    const ids = [17, 0, 17, 3, -0];
    expect(byPattern(ids)).toBe(true);
    expectNaiveNumbering(ids);
  });

  it('keeps "C01" and "C1" apart: ids of unequal length with a leading zero are hashed', () => {
    const ids = ['C1', 'C01', 'C001', 'C1'];
    expect(byPattern(ids)).toBe(false);
    expectNaiveNumbering(ids);
  });

  it('takes ids of unequal length when no digit run has a leading zero', () => {
    const ids = ['CUST-7', 'CUST-42', 'CUST-0', 'CUST-7'];
    expect(byPattern(ids)).toBe(true);
    expectNaiveNumbering(ids);
  });

  it('switches to hashing at the first id off the pattern, keeping the numbers given so far', () => {
    const ids = ['C1', 'C2', 'C1', 'x', 'C2', 'C01', 'C1', 'x'];
    expect(byPattern(ids)).toBe(false);
    expectNaiveNumbering(ids);
  });

  it('hashes whatever does not fit one pattern', () => {
    const cases: (string | number)[][] = [
      ['C1', 'D1'], // two prefixes
      ['C1', 1], // text and numbers: two customers
      [1, '1'],
      ['C1', 'C1x'],
      ['C1', 'C1234567890'], // more digits than a key holds
      ['abc', 'abd'], // no digits
      [1.5, 2],
      [-1, 2],
      [1, 1e12], // a table this large would dwarf the log
      ['', 'C1'],
    ];
    for (const ids of cases) {
      expect(byPattern(ids), JSON.stringify(ids)).toBe(false);
      expectNaiveNumbering(ids);
    }
  });

  it('agrees with plain first-appearance numbering for any mix of pattern-like ids', () => {
    const id = fc.oneof(
      fc.constantFrom('C', 'C0', 'C00', 'D', '', 'C-', '0').chain((prefix) => fc.nat(120).map((n) => `${prefix}${n}`)),
      fc.nat(300),
      fc.constantFrom(-0, 0.5, -3, 1e15),
      fc.string({ maxLength: 4 }),
    );
    const pool = fc.array(id, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(pool.chain((p) => fc.array(fc.constantFrom(...p), { maxLength: 40 })), (ids) => expectNaiveNumbering(ids)),
      { numRuns: 2000 },
    );
  });
});
