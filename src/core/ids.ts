/**
 * Numbering the customer ids of an order log: the one step per row that has to look at the ids themselves.
 *
 * A Map lookup per row costs 100–200 ns on a 100,000-customer log (the table does not fit in the cache), which
 * is most of the time of a summary. Most exports name customers in one plain pattern, though: whole numbers
 * ("10234"), or one fixed prefix followed by digits ("C000123", "CUST-42"). Such ids are turned into their
 * number and looked up in a flat table instead, while they keep to the pattern and the table stays small; from
 * the first id that does not, the ids are hashed.
 */

export type CustomerId = string | number;

export interface CustomerIndex {
  /** Distinct ids in order of first appearance. */
  ids: CustomerId[];
  /** For each order row, the index of its customer in `ids`. */
  rowCustomer: Int32Array;
}

export function indexCustomers(ids: ArrayLike<CustomerId> | CustomerIndex): CustomerIndex {
  if (isCustomerIndex(ids)) return ids;
  const numbering = new IdNumbering(ids.length);
  const rowCustomer = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) rowCustomer[i] = numbering.indexOf(ids[i]);
  return { ids: numbering.ids, rowCustomer };
}

export function isCustomerIndex(ids: ArrayLike<CustomerId> | CustomerIndex): ids is CustomerIndex {
  return (ids as Partial<CustomerIndex>).rowCustomer instanceof Int32Array;
}

const enum Pattern {
  Unknown,
  /** Whole numbers from 0 to the limit. */
  Numbers,
  /** One prefix, then 1–9 digits: with one length for all, or no digit run with a leading zero ("C01" ≠ "C1"). */
  Digits,
  /** Anything else: 1 and "1" are different ids, as are "C01" and "C1". */
  None,
}

/** Gives each distinct id an index, in order of first appearance, one id at a time. */
export class IdNumbering {
  /** Distinct ids so far, in order of first appearance. */
  readonly ids: CustomerId[] = [];
  private pattern = Pattern.Unknown;
  /** Keys above this would make the flat table larger than the rows it numbers. */
  private readonly limit: number;
  private indexOfKey: Int32Array | null = new Int32Array(1024).fill(-1);
  private indexOfId: Map<CustomerId, number> | null = null;
  private prefix = '';
  private firstLength = 0;
  private sameLength = true;
  private leadingZero = false;

  constructor(expectedRows: number) {
    this.limit = 2 * expectedRows + 65_536;
  }

  /** Whether the ids so far were numbered through their number (no hashing). */
  get byPattern(): boolean {
    return this.pattern !== Pattern.None;
  }

  indexOf(id: CustomerId): number {
    const key = this.keyOf(id);
    if (key < 0) return this.hashed(id);
    let table = this.indexOfKey as Int32Array;
    if (key >= table.length) table = this.grow(key);
    let k = table[key];
    if (k < 0) {
      k = table[key] = this.ids.length;
      this.ids.push(id);
    }
    return k;
  }

  /** The id's key while the ids keep to the pattern of the first one, else −1 (and hashing from then on). */
  private keyOf(id: CustomerId): number {
    if (this.pattern === Pattern.Numbers) {
      if (typeof id === 'number' && id >= 0 && id <= this.limit && Math.floor(id) === id) return id;
    } else if (this.pattern === Pattern.Digits) {
      if (typeof id === 'string') {
        const key = this.digitsKey(id);
        if (key >= 0) return key;
      }
    } else if (this.pattern === Pattern.None) {
      return -1;
    } else {
      this.choosePattern(id);
      return this.keyOf(id);
    }
    this.stopPattern();
    return -1;
  }

  private choosePattern(first: CustomerId): void {
    if (typeof first === 'number') {
      this.pattern = Pattern.Numbers;
      return;
    }
    let prefixLength = first.length;
    while (prefixLength > 0 && isDigit(first.charCodeAt(prefixLength - 1))) prefixLength--;
    const digits = first.length - prefixLength;
    if (digits < 1 || digits > 9) return this.stopPattern();
    this.pattern = Pattern.Digits;
    this.prefix = first.slice(0, prefixLength);
    this.firstLength = first.length;
  }

  /** The number after the prefix, or −1 when the id does not fit the pattern or would make two ids one. */
  private digitsKey(id: string): number {
    const prefix = this.prefix;
    const start = prefix.length;
    const length = id.length;
    if (length <= start || length > start + 9) return -1;
    for (let j = 0; j < start; j++) if (id.charCodeAt(j) !== prefix.charCodeAt(j)) return -1;
    let value = 0;
    for (let j = start; j < length; j++) {
      const digit = id.charCodeAt(j) - 48;
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    if (value > this.limit) return -1;
    if (length === this.firstLength && this.sameLength) return value; // the common case: all ids alike so far
    // Ids of different lengths: from now on none may have a leading zero, or "C01" and "C1" would be one.
    if (this.sameLength) {
      this.sameLength = false;
      this.leadingZero = this.ids.some((known) => typeof known === 'string' && hasLeadingZero(known, start));
    }
    if (this.leadingZero || hasLeadingZero(id, start)) return -1;
    return value;
  }

  private stopPattern(): void {
    this.pattern = Pattern.None;
    this.indexOfKey = null;
    this.indexOfId = new Map(this.ids.map((id, k) => [id, k]));
  }

  private hashed(id: CustomerId): number {
    const index = this.indexOfId as Map<CustomerId, number>;
    let k = index.get(id);
    if (k === undefined) {
      k = this.ids.length;
      index.set(id, k);
      this.ids.push(id);
    }
    return k;
  }

  private grow(key: number): Int32Array {
    const table = this.indexOfKey as Int32Array;
    const larger = new Int32Array(Math.min(this.limit + 1, Math.max(2 * table.length, key + 1))).fill(-1);
    larger.set(table);
    this.indexOfKey = larger;
    return larger;
  }
}

/** Whether the digits after the prefix start with a 0 and are more than that 0. */
function hasLeadingZero(id: string, prefixLength: number): boolean {
  return id.length > prefixLength + 1 && id.charCodeAt(prefixLength) === 48;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
