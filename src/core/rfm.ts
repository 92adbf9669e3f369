/**
 * Helpers on (frequency, recency, T) rows.
 */
import { checkSummaryRow } from './models/common';

/** Customers with identical (x, t_x, T) collapsed into weighted rows, as CLVTools does before fitting. */
export interface Patterns {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Summed weight of each pattern (the number of customers when no weights were given). */
  w: Float64Array;
  /** Number of distinct patterns (length of x, tx, T, w). */
  count: number;
  /** Σ w. */
  customers: number;
  /** Pattern row of each input row, so per-pattern predictions can be spread back to customers. */
  patternOf: Int32Array;
}

/**
 * Groups identical (frequency, recency, T) rows into one weighted row, in order of first appearance, after checking
 * each row (checkSummaryRow: a DataError names the column and the row, so a bad value is refused before any table is
 * sized by it).
 * A model's log-likelihood is a sum over customers, so fitting on Σ w·LL(pattern) gives the same result
 * at a cost that grows with the distinct patterns, not the customers. Uses an open-addressing hash on the
 * numbers' bits: no string keys, no sort.
 */
export function compressPatterns(
  frequency: ArrayLike<number>,
  recency: ArrayLike<number>,
  T: ArrayLike<number>,
  weights?: ArrayLike<number>,
): Patterns {
  const n = frequency.length;
  checkLengths(n, recency, T, weights);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const age = new Float64Array(n);
  const w = new Float64Array(n);
  const patternOf = new Int32Array(n);
  const table = new HashTable(n);
  let count = 0;
  let customers = 0;
  for (let i = 0; i < n; i++) {
    // `+ 0` turns −0 into 0: equal numbers must have equal bits to land in the same slot.
    const f = frequency[i] + 0;
    const r = recency[i] + 0;
    const t = T[i] + 0;
    const weight = weights === undefined ? 1 : weights[i];
    checkSummaryRow(f, r, t, weight, i);
    let slot = table.firstSlot(f, r, t);
    let pattern = table.patternAt(slot);
    while (pattern >= 0 && !(x[pattern] === f && tx[pattern] === r && age[pattern] === t)) {
      slot = table.nextSlot(slot);
      pattern = table.patternAt(slot);
    }
    if (pattern < 0) {
      pattern = count++;
      table.store(slot, pattern);
      x[pattern] = f;
      tx[pattern] = r;
      age[pattern] = t;
    }
    w[pattern] += weight;
    customers += weight;
    patternOf[i] = pattern;
  }
  return {
    x: trim(x, count),
    tx: trim(tx, count),
    T: trim(age, count),
    w: trim(w, count),
    count,
    customers,
    patternOf,
  };
}

function checkLengths(n: number, recency: ArrayLike<number>, T: ArrayLike<number>, weights?: ArrayLike<number>): void {
  if (recency.length !== n || T.length !== n || (weights !== undefined && weights.length !== n)) {
    const lengths = [n, recency.length, T.length, ...(weights === undefined ? [] : [weights.length])];
    throw new RangeError(`compressPatterns: columns of different lengths (${lengths.join(', ')})`);
  }
}

/** A view, not a copy: the patterns live only as long as a fit, and a copy would add to a cell call's peak memory. */
function trim(values: Float64Array, count: number): Float64Array {
  return count === values.length ? values : values.subarray(0, count);
}

/** Linear-probing table of pattern indices, keyed by a hash of the three numbers' 64-bit patterns. */
class HashTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly float = new Float64Array(1);
  private readonly words = new Uint32Array(this.float.buffer);

  constructor(rows: number) {
    // At most half full, so probe chains stay short.
    let size = 16;
    while (size < 2 * rows) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  firstSlot(a: number, b: number, c: number): number {
    let h = this.mixIn(0x811c9dc5, a);
    h = this.mixIn(h, b);
    h = this.mixIn(h, c);
    return finalMix(h) & this.mask;
  }

  nextSlot(slot: number): number {
    return (slot + 1) & this.mask;
  }

  patternAt(slot: number): number {
    return this.slots[slot];
  }

  store(slot: number, pattern: number): void {
    this.slots[slot] = pattern;
  }

  private mixIn(hash: number, value: number): number {
    this.float[0] = value;
    let h = Math.imul(hash ^ this.words[0], 0x9e3779b1);
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
    h = Math.imul(h ^ this.words[1], 0x9e3779b1);
    return Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
}

/** MurmurHash3's finaliser: spreads the high bits into the low ones the mask keeps. */
function finalMix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
