/**
 * Guessing what each column of a user's sheet holds, from its header and a sample of its values, whether the sheet
 * is an order log (one row per order) or a customer table (one row per customer), and checking a choice of columns
 * for what is implausible (the data check the sidebar shows before Analyze).
 */
import { columnLetters } from './a1';
import { isoFromDay } from './dates';
import { said, type Said } from './i18n/said';
import { listTold, told, type Told } from './i18n/told';

export type SampleKind = 'date' | 'number' | 'text' | 'blank';

export interface ColumnProfile {
  header: string;
  /** Share of non-blank sample values of each kind. */
  dateShare: number;
  numberShare: number;
  textShare: number;
  /** Whether the non-blank sample values are all distinct. */
  distinct: boolean;
  /**
   * Whether the values are whole numbers that never repeat and rise row by row (five or more): row numbers or ids
   * as exported, never amounts (amounts that happen to be distinct do not come sorted).
   */
  wholeUnique: boolean;
  /** Whether some number has a fraction (29.33): money, never an id or a count. */
  fractional: boolean;
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
  customerId: /(customer|client|buyer|member|account|user|shopper|subscriber|donor|kustomer|mamimili|مشتری|خریدار|عمیل|زبون)|(^|\b)(e-?mail|id)\b/i,
  orderDate: /(order|purchase|transaction|invoice|sale|created|paid)?.*\b(date|day|time|when|timestamp|petsa)\b|^(date|petsa)|تاریخ/i,
  amount: /amount|revenue|total|sales|value|price|spend|paid|net|gross|sum|turnover|halaga|kabuuan|€|\$|£|مبلغ|قیمت|سعر|مجموع/i,
  cost: /cost|cogs|expense|fulfil?ment|shipping cost|gastos|gastusin|هزینه|تکلف|مصروف/i,
  margin: /margin|profit|contribution/i,
  referredBy: /refer|invited|sponsor|introduced|brought by|معرف|محیل/i,
  orders: /(^|\b)(orders|purchases|transactions|visits|order count|number of orders|# ?orders|frequency)\b/i,
  revenue: /revenue|total|sales|spent|spend|lifetime value|amount|turnover/i,
  firstOrder: /(first|earliest|signup|sign-up|joined|acquired|since|start)/i,
  lastOrder: /(last|latest|most recent|recent)/i,
};

/**
 * A header as the patterns read it: Arabic's short-vowel marks and the stretching tatweel gone (المُحيل is المحيل),
 * and the Arabic ي, ى and ك written as the Persian ی and ک, so one pattern (عمیل, تکلف) matches both languages'
 * spellings; ال ("the") needs nothing, as the patterns match inside words.
 */
export function headerWords(header: string): string {
  return header
    .normalize('NFC')
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[\u064a\u0649]/g, '\u06cc')
    .replace(/\u0643/g, '\u06a9');
}

/** Whether a header names a role, in English, Persian, Arabic or Tagalog. */
function headerNames(role: GuessRole, header: string): boolean {
  return HEADER_PATTERNS[role].test(headerWords(header));
}

/** Words that name the customer, as opposed to a bare "id" (Stripe's "id" is the charge's). */
const CUSTOMER_WORDS = /customer|client|buyer|member|account|user|shopper|subscriber|donor|e-?mail|kustomer|mamimili|مشتری|خریدار|عمیل|زبون/i;

/** "customer_id", "ID", "Order no.", "index", "#": a header naming an identifier, never an amount. */
export function isIdLikeHeader(header: string): boolean {
  return /(^|[^a-z])id(s)?($|[^a-z])|identifier|index|(^|[^a-z])(no|nr|num)\.?$|number$|^#|uuid|key$/i.test(header.trim()) || /[a-z]Id$/.test(header.trim());
}

function bestColumn(profiles: ColumnProfile[], role: GuessRole, accepts: (p: ColumnProfile) => boolean, taken: Set<number>): number | null {
  const byHeader = profiles.findIndex((p, i) => !taken.has(i) && headerNames(role, p.header) && accepts(p));
  if (byHeader >= 0) return byHeader;
  return null;
}

const isDateColumn = (p: ColumnProfile): boolean => p.dateShare >= 0.8;
const isNumberColumn = (p: ColumnProfile): boolean => p.numberShare >= 0.8;
const isIdColumn = (p: ColumnProfile): boolean => p.dateShare < 0.5;
/** Amounts of money: numbers, but not a column of ids (CDNOW's "customer_id", an order number). */
const isAmountColumn = (p: ColumnProfile): boolean => isNumberColumn(p) && !p.wholeUnique && !isIdLikeHeader(p.header);

export interface ShapeGuess {
  shape: 'orders' | 'customers';
  reason: string;
  guess: Guess;
}

/**
 * The customer column: a header naming the customer beats a bare "id" or "email", and among equals, in an order log,
 * a column whose values repeat (customers buy again; charge and order ids do not).
 */
function customerColumn(profiles: ColumnProfile[], taken: Set<number>): number | null {
  let best: number | null = null;
  let bestScore = 0;
  profiles.forEach((p, i) => {
    if (taken.has(i) || !isIdColumn(p) || headerNames('referredBy', p.header) || isOtherEntityId(p.header)) return;
    if (!headerNames('customerId', p.header)) return;
    const named = CUSTOMER_WORDS.test(headerWords(p.header));
    const score = (named ? 4 : 1) + (named && isIdLikeHeader(p.header) ? 2 : 0) + (p.distinct ? 0 : 1);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

export function guessColumns(profiles: ColumnProfile[]): ShapeGuess {
  const taken = new Set<number>();
  const pick = (role: GuessRole, accepts: (p: ColumnProfile) => boolean): number | null => {
    const i = bestColumn(profiles, role, accepts, taken);
    if (i !== null) taken.add(i);
    return i;
  };

  // Without a header naming it: a column of text, else the first whose values repeat and are not dates or money
  // (CDNOW without its header: the customer numbers).
  const customerId =
    customerColumn(profiles, taken) ??
    firstWhere(profiles, taken, (p) => p.textShare >= 0.8 && !isOtherEntityId(p.header)) ??
    firstWhere(profiles, taken, (p) => isIdColumn(p) && !p.distinct && !p.fractional && !isOtherEntityId(p.header));
  if (customerId !== null) taken.add(customerId);
  const referredBy = pick('referredBy', (p) => p.dateShare < 0.5);

  const ordersCount = bestColumn(profiles, 'orders', (p) => isNumberColumn(p) && !/date/i.test(p.header), taken);
  const lastOrder = bestColumn(profiles, 'lastOrder', isDateColumn, taken);
  const idsDistinct = customerId !== null && profiles[customerId].distinct;
  if (idsDistinct && ordersCount !== null && lastOrder !== null) {
    taken.add(ordersCount);
    taken.add(lastOrder);
    const firstOrder = pick('firstOrder', isDateColumn);
    const revenue = pick('revenue', isAmountColumn);
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
  // Without a header naming it, a column with cents before one of whole numbers (a count of items).
  const amount =
    pick('amount', isAmountColumn) ?? firstWhere(profiles, taken, (p) => isAmountColumn(p) && p.fractional) ?? firstWhere(profiles, taken, isAmountColumn);
  if (amount !== null) taken.add(amount);
  return {
    shape: 'orders',
    reason: idsDistinct ? 'one row per order (each customer appears once in the sample)' : 'one row per order: customer ids repeat',
    guess: { customerId, orderDate, amount, cost, margin, referredBy },
  };
}

/** "Order ID", "Invoice no", "SKU", Stripe's "Charge ID": ids, but not of the customer. */
function isOtherEntityId(header: string): boolean {
  return /order|invoice|transaction|receipt|sku|product|item|charge|payment|refund|session/i.test(header) && !/customer|client|buyer/i.test(header);
}

function firstWhere(profiles: ColumnProfile[], taken: Set<number>, accepts: (p: ColumnProfile) => boolean): number | null {
  const i = profiles.findIndex((p, k) => !taken.has(k) && accepts(p));
  return i >= 0 ? i : null;
}

export function profileColumn(header: string, kinds: SampleKind[], values: unknown[]): ColumnProfile {
  const filled = kinds.filter((k) => k !== 'blank').length || 1;
  const share = (kind: SampleKind): number => kinds.filter((k) => k === kind).length / filled;
  const keys = values.filter((v) => v !== '' && v !== null && v !== undefined).map((v) => String(v));
  const distinct = new Set(keys).size === keys.length;
  const whole = values.filter((v, i): v is number => kinds[i] === 'number' && typeof v === 'number' && Number.isInteger(v));
  return {
    header,
    dateShare: share('date'),
    numberShare: share('number'),
    textShare: share('text'),
    distinct,
    wholeUnique: whole.length >= 5 && whole.length === keys.length && isRising(whole),
    fractional: values.some((v, i) => kinds[i] === 'number' && typeof v === 'number' && !Number.isInteger(v)),
  };
}

/** Whether the numbers rise strictly from each to the next (distinct, in order): a sequence of ids. */
export function isRising(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i] > values[i - 1])) return false;
  return true;
}

/**
 * Whether row 1 is data rather than column names: some cell of it is a date or a number in a column of dates or
 * numbers, and none is a word over such a column (a header row is words: "Amount" over numbers).
 */
export function firstRowIsData(firstRow: SampleKind[], profiles: ColumnProfile[]): boolean {
  let data = 0;
  for (let j = 0; j < profiles.length; j++) {
    const p = profiles[j];
    const bodyKind: SampleKind = p.dateShare >= 0.8 ? 'date' : p.numberShare >= 0.8 ? 'number' : 'text';
    if (firstRow[j] === 'blank') continue;
    if (bodyKind !== 'text' && firstRow[j] === 'text') return false;
    if (bodyKind !== 'text' && firstRow[j] === bodyKind) data++;
  }
  return data > 0;
}

/** The name of a column without a header: "Column A", "Column B", … as Sheets labels them. */
export function columnName(index: number): string {
  return `Column ${columnLetters(index + 1)}`;
}

/**
 * A per-customer summary as Python's lifetimes (summary_data_from_transaction_data) and CLV_SUMMARY write it:
 * frequency, recency and T (age) columns. The sidebar needs orders or order dates; the cell functions take it.
 * Returns what to do, in words, or null when the headers are not such a table.
 */
export function summaryTableAdvice(headers: readonly string[]): Said | null {
  const names = headers.map((h) => h.trim().toLowerCase());
  const at = (...words: string[]): number => names.findIndex((n) => words.includes(n));
  const frequency = at('frequency', 'x', 'frequency_cal');
  const recency = at('recency', 't_x', 'recency_cal');
  const age = at('t', 'age', 't_cal');
  if (frequency < 0 || recency < 0 || age < 0) return null;
  const col = (i: number): string => `${columnLetters(i + 1)}2:${columnLetters(i + 1)}`;
  const columns = { frequency: col(frequency), recency: col(recency), age: col(age) };
  const money = at('monetary_value', 'monetary', 'm_x');
  const spend = money < 0 ? '' : said('columns.summarySpend', { header: headers[money], ...columns, money: col(money) });
  return said('columns.summaryTable', { ...columns, spend });
}

// ---------------------------------------------------------------------------------------------- the data check

/** What the data check knows of one column, from the sampled rows. Plain data: it crosses google.script.run. */
export interface ColumnFacts {
  header: string;
  /** Whether the values are whole numbers that never repeat and rise row by row (ids or row numbers: profileColumn). */
  wholeUnique: boolean;
  /** Whether some value appears twice in the rows looked at (`sampled`; customers in an order log do). */
  repeats: boolean;
  /** Non-blank values among the first rows, whose values are read (up to 200). */
  filled: number;
  /** Sampled values read as dates: the first and last day (days since 1970-01-01), null when none is a date. */
  firstDay: number | null;
  lastDay: number | null;
  /** How many sampled values are dates, and how many are numbers (amounts in text included). */
  dates: number;
  numbers: number;
}

export interface SheetFacts {
  columns: ColumnFacts[];
  /**
   * above[i][j]: in how many sampled rows column i's number is above column j's, and out of how many rows both are
   * numbers, as [above, both] (a cost above the amount in most rows is a swap).
   */
  above: [number, number][][];
  /** Rows looked at for repeats (the values are read from the first 200 of them), and whether they are all the sheet's. */
  sampled: number;
  complete: boolean;
  /** Whether row 1 holds column names (false: it is data, and the columns are "Column A", …). */
  hasHeader: boolean;
  /** What to do when the sheet is a per-customer summary (frequency, recency, T), in the words of the language asked; or null. */
  summaryTable: string | null;
  /** Today (days since 1970-01-01, in the spreadsheet's zone): later dates are in the future. */
  today: number;
}

/** A column choice, role by role (the sidebar's selects). */
export type Choice = Partial<Record<GuessRole, number | null>>;

/** The first day the check accepts without a warning (1990-01-01): order logs of the web era start after it. */
export const EARLIEST_PLAUSIBLE_DAY = 7305;

/**
 * Warnings about a choice of columns, in plain words, each with what to do: one column used for two roles, a cost
 * above the amount in most rows, an amount column of ids, every customer appearing once in an order log, dates in
 * the future or before 1990, and a first row that is data.
 */
export function checkChoice(facts: SheetFacts, shape: 'orders' | 'customers', choice: Choice): Told[] {
  const warnings: Told[] = [];
  const name = (i: number): string => `"${facts.columns[i].header}"`;
  const the = (role: GuessRole): Told => told(`check.the.${role}`);
  const chosen = (Object.entries(choice) as [GuessRole, number | null | undefined][]).filter(
    (e): e is [GuessRole, number] => typeof e[1] === 'number' && e[1] >= 0 && e[1] < facts.columns.length,
  );
  const rows = told(facts.complete ? 'check.rowsAll' : 'check.rowsFirst', { n: facts.sampled });

  // The server put it in words already (in the language getSheetInfo was asked in): it is also its refusal.
  if (facts.summaryTable) warnings.push(told('check.asIs', { text: facts.summaryTable }));
  if (!facts.hasHeader) warnings.push(told('check.noHeader'));

  const byColumn = new Map<number, GuessRole[]>();
  for (const [role, i] of chosen) byColumn.set(i, [...(byColumn.get(i) ?? []), role]);
  for (const [i, roles] of byColumn) {
    if (roles.length > 1) warnings.push(told('check.twoRoles', { column: name(i), roles: listTold(roles.map(the)) }));
  }

  const amount = shape === 'orders' ? choice.amount : choice.revenue;
  const amountRole = told(shape === 'orders' ? 'check.name.amount' : 'check.name.revenue');
  if (typeof amount === 'number' && facts.columns[amount]) {
    const a = facts.columns[amount];
    const what = told(shape === 'orders' ? 'check.eachOrder' : 'check.eachCustomer');
    if (a.numbers > 0 && (a.wholeUnique || isIdLikeHeader(a.header))) {
      warnings.push(told(a.wholeUnique ? 'check.idNumbers' : 'check.idName', { role: amountRole, column: name(amount), what }));
    } else if (a.numbers < a.filled / 2) {
      warnings.push(told('check.notNumbers', { role: amountRole, column: name(amount) }));
    }
    const cost = choice.cost;
    if (typeof cost === 'number' && cost !== amount && facts.above[cost]) {
      const [above, both] = facts.above[cost][amount];
      if (both > 0 && above > both / 2) warnings.push(told('check.costAbove', { cost: name(cost), role: amountRole, amount: name(amount), above, both }));
    }
  }

  const id = choice.customerId;
  if (shape === 'orders' && typeof id === 'number' && facts.columns[id] && facts.columns[id].filled >= 5 && !facts.columns[id].repeats) {
    warnings.push(told('check.idOnce', { column: name(id), rows }));
  }

  const dateRoles: GuessRole[] = shape === 'orders' ? ['orderDate'] : ['firstOrder', 'lastOrder'];
  for (const role of dateRoles) {
    const i = choice[role];
    if (typeof i !== 'number' || !facts.columns[i]) continue;
    const c = facts.columns[i];
    if (c.dates < c.filled / 2) {
      warnings.push(told('check.notDates', { role: the(role), column: name(i) }));
      continue;
    }
    if (c.lastDay !== null && c.lastDay > facts.today) warnings.push(told('check.future', { column: name(i), date: isoFromDay(c.lastDay) }));
    if (c.firstDay !== null && c.firstDay < EARLIEST_PLAUSIBLE_DAY) warnings.push(told('check.before1990', { column: name(i), date: isoFromDay(c.firstDay) }));
  }
  return warnings;
}
