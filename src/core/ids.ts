/**
 * Numbering the customer ids of an order log: the one step per row that has to look at the ids themselves.
 *
 * A Map lookup per row costs 100–200 ns on a 100,000-customer log (the table does not fit in the cache), which
 * is most of the time of a summary. Most exports name customers in one plain pattern, though: whole numbers
 * ("10234"), or one fixed prefix followed by digits ("C000123", "CUST-42"). Such ids are turned into their
 * number and looked up in a flat table instead, when that table stays small; any other log is hashed.
 */

export interface NumberedIds {
  /** Each id once, in order of first appearance. */
  distinct: (string | number)[];
  /** Index into `distinct` of each row's id. */
  customerOfRow: Int32Array;
}

export function numberIds(ids: ArrayLike<string | number>): NumberedIds {
  return numberByPattern(ids) ?? numberByHash(ids);
}

/**
 * Numbering through each id's number, when all ids follow one pattern that maps them one-to-one onto small whole
 * numbers; null otherwise. Ids are whole numbers from 0 to a limit that keeps the table smaller than the rows, or
 * strings of one prefix and 1–9 digits where either every id has the same length or no digit run has a leading
 * zero ("C01" and "C1" are two customers). Numbers and strings never mix: 1 and "1" are different ids here.
 */
export function numberByPattern(ids: ArrayLike<string | number>): NumberedIds | null {
  if (ids.length === 0) return null;
  const first = ids[0];
  return typeof first === 'number' ? numberByValue(ids) : numberByDigits(ids, first);
}

function numberByValue(ids: ArrayLike<string | number>): NumberedIds | null {
  const table = new KeyTable(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (typeof id !== 'number' || !(id >= 0 && id <= table.limit) || Math.floor(id) !== id) return null;
    table.add(i, id, id);
  }
  return table.numbered();
}

function numberByDigits(ids: ArrayLike<string | number>, first: string): NumberedIds | null {
  let prefixLength = first.length;
  while (prefixLength > 0 && isDigit(first.charCodeAt(prefixLength - 1))) prefixLength--;
  const prefix = first.slice(0, prefixLength);
  const table = new KeyTable(ids.length);
  let sameLength = true;
  let leadingZero = false;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (typeof id !== 'string') return null;
    const length = id.length;
    if (length <= prefixLength || length > prefixLength + 9) return null;
    for (let j = 0; j < prefixLength; j++) if (id.charCodeAt(j) !== prefix.charCodeAt(j)) return null;
    let value = 0;
    for (let j = prefixLength; j < length; j++) {
      const digit = id.charCodeAt(j) - 48;
      if (digit < 0 || digit > 9) return null;
      value = value * 10 + digit;
    }
    if (value > table.limit) return null;
    if (length !== first.length) sameLength = false;
    if (length > prefixLength + 1 && id.charCodeAt(prefixLength) === 48) leadingZero = true;
    table.add(i, value, id);
  }
  return sameLength || !leadingZero ? table.numbered() : null;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Customer index by key in a flat array that grows as larger keys come, up to `limit`. */
class KeyTable {
  /** Keys above this would make the table larger than the rows it numbers. */
  readonly limit: number;
  private indexOfKey = new Int32Array(1024).fill(-1);
  private readonly distinct: (string | number)[] = [];
  private readonly customerOfRow: Int32Array;

  constructor(rows: number) {
    this.limit = 2 * rows + 65_536;
    this.customerOfRow = new Int32Array(rows);
  }

  /** Row `row` has an id whose key is `key` (at most `limit`). */
  add(row: number, key: number, id: string | number): void {
    if (key >= this.indexOfKey.length) this.grow(key);
    let k = this.indexOfKey[key];
    if (k < 0) {
      k = this.indexOfKey[key] = this.distinct.length;
      this.distinct.push(id);
    }
    this.customerOfRow[row] = k;
  }

  numbered(): NumberedIds {
    return { distinct: this.distinct, customerOfRow: this.customerOfRow };
  }

  private grow(key: number): void {
    const larger = new Int32Array(Math.min(this.limit + 1, Math.max(2 * this.indexOfKey.length, key + 1))).fill(-1);
    larger.set(this.indexOfKey);
    this.indexOfKey = larger;
  }
}

export function numberByHash(ids: ArrayLike<string | number>): NumberedIds {
  const n = ids.length;
  const customerOfRow = new Int32Array(n);
  const indexOf = new Map<string | number, number>();
  const distinct: (string | number)[] = [];
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    let k = indexOf.get(id);
    if (k === undefined) {
      k = distinct.length;
      indexOf.set(id, k);
      distinct.push(id);
    }
    customerOfRow[i] = k;
  }
  return { distinct, customerOfRow };
}
