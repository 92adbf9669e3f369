/**
 * Guessing what each column of a user's sheet holds, from its header and a sample of its values,
 * and whether the sheet is an order log (one row per order) or a customer table (one row per customer).
 */

export type SampleKind = 'date' | 'number' | 'text' | 'blank';

export interface ColumnProfile {
  header: string;
  /** Share of non-blank sample values of each kind. */
  dateShare: number;
  numberShare: number;
  textShare: number;
  /** Whether the non-blank sample values are all distinct. */
  distinct: boolean;
}

export type GuessRole =
  | 'customerId'
  | 'orderDate'
  | 'amount'
  | 'cost'
  | 'margin'
  | 'referredBy'
  | 'orders'
  | 'revenue'
  | 'firstOrder'
  | 'lastOrder';

export type Guess = Partial<Record<GuessRole, number | null>>;

const HEADER_PATTERNS: Record<GuessRole, RegExp> = {
  customerId: /(customer|client|buyer|member|account|user|shopper|subscriber|donor)|(^|\b)(e-?mail|id)\b/i,
  orderDate: /(order|purchase|transaction|invoice|sale|created|paid)?.*\b(date|day|time|when|timestamp)\b|^date/i,
  amount: /amount|revenue|total|sales|value|price|spend|paid|net|gross|sum|turnover|€|\$|£/i,
  cost: /cost|cogs|expense|fulfil?ment|shipping cost/i,
  margin: /margin|profit|contribution/i,
  referredBy: /refer|invited|sponsor|introduced|brought by/i,
  orders: /(^|\b)(orders|purchases|transactions|visits|order count|number of orders|# ?orders|frequency)\b/i,
  revenue: /revenue|total|sales|spent|spend|lifetime value|amount|turnover/i,
  firstOrder: /(first|earliest|signup|sign-up|joined|acquired|since|start)/i,
  lastOrder: /(last|latest|most recent|recent)/i,
};

function bestColumn(profiles: ColumnProfile[], role: GuessRole, accepts: (p: ColumnProfile) => boolean, taken: Set<number>): number | null {
  const pattern = HEADER_PATTERNS[role];
  const byHeader = profiles.findIndex((p, i) => !taken.has(i) && pattern.test(p.header) && accepts(p));
  if (byHeader >= 0) return byHeader;
  return null;
}

const isDateColumn = (p: ColumnProfile): boolean => p.dateShare >= 0.8;
const isNumberColumn = (p: ColumnProfile): boolean => p.numberShare >= 0.8;
const isIdColumn = (p: ColumnProfile): boolean => p.dateShare < 0.5;

export interface ShapeGuess {
  shape: 'orders' | 'customers';
  reason: string;
  guess: Guess;
}

export function guessColumns(profiles: ColumnProfile[]): ShapeGuess {
  const taken = new Set<number>();
  const pick = (role: GuessRole, accepts: (p: ColumnProfile) => boolean): number | null => {
    const i = bestColumn(profiles, role, accepts, taken);
    if (i !== null) taken.add(i);
    return i;
  };

  const customerId =
    pick('customerId', (p) => isIdColumn(p) && !HEADER_PATTERNS.referredBy.test(p.header) && !isOtherEntityId(p.header)) ??
    firstWhere(profiles, taken, (p) => p.textShare >= 0.8 && !isOtherEntityId(p.header));
  if (customerId !== null) taken.add(customerId);
  const referredBy = pick('referredBy', (p) => p.dateShare < 0.5);

  const ordersCount = bestColumn(profiles, 'orders', (p) => isNumberColumn(p) && !/date/i.test(p.header), taken);
  const lastOrder = bestColumn(profiles, 'lastOrder', isDateColumn, taken);
  const idsDistinct = customerId !== null && profiles[customerId].distinct;
  if (idsDistinct && ordersCount !== null && lastOrder !== null) {
    taken.add(ordersCount);
    taken.add(lastOrder);
    const firstOrder = pick('firstOrder', isDateColumn);
    const revenue = pick('revenue', isNumberColumn);
    const cost = pick('cost', isNumberColumn);
    const margin = cost === null ? pick('margin', isNumberColumn) : null;
    return {
      shape: 'customers',
      reason: 'one row per customer: the ids do not repeat and there are order-count and last-order columns',
      guess: { customerId, orders: ordersCount, revenue, firstOrder, lastOrder, cost, margin, referredBy },
    };
  }

  const orderDate = pick('orderDate', isDateColumn) ?? firstWhere(profiles, taken, isDateColumn);
  if (orderDate !== null) taken.add(orderDate);
  const cost = pick('cost', isNumberColumn);
  const margin = cost === null ? pick('margin', isNumberColumn) : null;
  const amount = pick('amount', isNumberColumn) ?? firstWhere(profiles, taken, isNumberColumn);
  if (amount !== null) taken.add(amount);
  return {
    shape: 'orders',
    reason: idsDistinct ? 'one row per order (each customer appears once in the sample)' : 'one row per order: customer ids repeat',
    guess: { customerId, orderDate, amount, cost, margin, referredBy },
  };
}

/** "Order ID", "Invoice no", "SKU": ids, but not of the customer. */
function isOtherEntityId(header: string): boolean {
  return /order|invoice|transaction|receipt|sku|product|item/i.test(header) && !/customer|client|buyer/i.test(header);
}

function firstWhere(profiles: ColumnProfile[], taken: Set<number>, accepts: (p: ColumnProfile) => boolean): number | null {
  const i = profiles.findIndex((p, k) => !taken.has(k) && accepts(p));
  return i >= 0 ? i : null;
}

export function profileColumn(header: string, kinds: SampleKind[], values: unknown[]): ColumnProfile {
  const filled = kinds.filter((k) => k !== 'blank').length || 1;
  const share = (kind: SampleKind): number => kinds.filter((k) => k === kind).length / filled;
  const keys = values.filter((v) => v !== '' && v !== null && v !== undefined).map((v) => String(v));
  return {
    header,
    dateShare: share('date'),
    numberShare: share('number'),
    textShare: share('text'),
    distinct: new Set(keys).size === keys.length,
  };
}
