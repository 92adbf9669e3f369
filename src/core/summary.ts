/**
 * Order log → one row per customer, in the vocabulary of the Python library lifetimes
 * (frequency, recency, T, monetary value) that the models of this project consume.
 *
 * Days are integer day numbers (days since 1970-01-01). Orders of one customer on one day are one
 * purchase, as in the papers (Fader, Hardie & Lee 2005 count repeat purchase *days* in CDNOW).
 *
 * Returns (negative amounts) are netted into their day. The one rule of this file, which every path that counts
 * purchases goes through (the cell functions, the sidebar, the holdout check): a customer-day is a purchase day when
 * at least one of its rows is 0 or more (a $0 order is a purchase, as CDNOW's published summary counts it); a day of
 * returns only is not. A purchase day's spend is its net amount floored at 0: a day whose returns exceed its
 * purchases is returning goods bought on an earlier day, whose purchase was already counted; its negative net
 * would make the mean spend of the customer's repeat purchases (monetary value) smaller than anything they paid,
 * or negative, which the spend model cannot take. The totals (total amount, revenue) keep every row's amount.
 */

import { DataError } from './errors';
import { said } from './i18n/said';
import { indexCustomers, isCustomerIndex, type CustomerId, type CustomerIndex } from './ids';

export type TimeUnit = 'day' | 'week' | 'month' | 'year';

/** A month is 365.25/12 days and a year 365.25 days, never 30 and 360 (see FORMULAS.md). */
export const DAYS_PER_UNIT: Record<TimeUnit, number> = {
  day: 1,
  week: 7,
  month: 365.25 / 12,
  year: 365.25,
};

export interface OrderLog {
  /**
   * Customer of each order row, or the rows already numbered by customer (ids.ts). 1 and "1" are different
   * customers: the server layer normalises ids.
   */
  ids: ArrayLike<CustomerId> | CustomerIndex;
  /** Day number of each order row; the rows need not be sorted. */
  days: ArrayLike<number>;
  /** Net amount of each order row; negative amounts are returns. */
  amounts?: ArrayLike<number>;
}

export interface SummaryOptions {
  /** End of observation; orders after it are ignored. Default: the last order day of the log. */
  asOfDay?: number;
  /** Unit of recency and T. Default 'day'. */
  unit?: TimeUnit;
}

/**
 * What the models need: columnar, one entry per customer, customers in order of first appearance in the log.
 */
export interface CustomerSummary {
  count: number;
  unit: TimeUnit;
  /** The end of observation used; NaN only for an empty log with no asOfDay given. */
  asOfDay: number;
  ids: (string | number)[];
  /** Repeat purchase days: distinct purchase days − 1. */
  frequency: Float64Array;
  /** (last purchase day − first purchase day) / days per unit. */
  recency: Float64Array;
  /** (asOfDay − first purchase day) / days per unit. */
  T: Float64Array;
  /** Mean spend of the repeat purchase days (first purchase excluded; see above); 0 without repeats or amounts. */
  monetaryValue: Float64Array;
  /** Order rows dropped because they are after asOfDay. */
  ignoredAfterAsOf: number;
  /**
   * Customers left out because every order of theirs up to asOfDay is a return: they have no purchase
   * to count from (the purchase predates the log).
   */
  ignoredReturnsOnly: number;
}

/** The summary with what a report shows besides: dates, orders and revenue of each customer. */
export interface DetailedSummary extends CustomerSummary {
  /** First and last purchase day numbers. */
  firstDay: Float64Array;
  lastDay: Float64Array;
  /** Order rows up to asOfDay, returns included, before merging days. */
  orders: Float64Array;
  /** Net amount of all order rows up to asOfDay, returns included. */
  totalAmount: Float64Array;
  /** The customers with returns only (left out of the columns above), for a report that lists every customer. */
  returnsOnly: ReturnsOnlyCustomers;
}

/** Customers whose every row up to asOfDay is a return: no purchase to count from, but orders and a total. */
export interface ReturnsOnlyCustomers {
  ids: CustomerId[];
  orders: number[];
  totalAmount: number[];
  /** How many customers of the columns come before each in order of first appearance (where a report lists it). */
  position: number[];
}

/**
 * The kept rows copied into customer order: rows of customer k are at start[k] … start[k+1] − 1 of
 * `day` and `amount`, sorted by day. Copying once makes every later pass sequential in memory.
 */
interface GroupedRows {
  ids: (string | number)[];
  start: Int32Array;
  day: Float64Array;
  /** null when the log has no amounts. */
  amount: Float64Array | null;
  ignoredAfterAsOf: number;
}

export function summarizeOrders(log: OrderLog, options: SummaryOptions = {}): DetailedSummary {
  const unit = options.unit ?? 'day';
  const daysPerUnit = unitLength(unit);
  checkLengths(log);
  if (options.asOfDay !== undefined && !Number.isFinite(options.asOfDay)) throw new DataError(said('summary.endNotDay'));
  const asOfDay = options.asOfDay ?? lastDayOf(log.days);
  const numbered = indexCustomers(log.ids);
  const streamed = summarizeInOrder(log, numbered, asOfDay, unit);
  if (streamed) return streamed;
  const grouped = groupByCustomer(log, numbered, asOfDay);
  return summarizeCustomers(grouped, asOfDay, unit, daysPerUnit);
}

/**
 * The common case in one pass: every customer's rows come in date order (as in an export sorted by date), so a
 * customer's purchase days can be merged as the rows stream by, keeping a little state per customer instead of
 * grouping the rows first. Returns null as soon as a customer's rows go back in time; the grouped path then sorts.
 */
function summarizeInOrder(log: OrderLog, numbered: CustomerIndex, asOfDay: number, unit: TimeUnit): DetailedSummary | null {
  const { ids, rowCustomer } = numbered;
  const days = log.days;
  for (let i = 0; i < days.length; i++) if (!Number.isFinite(days[i])) throw notADay(i);
  const stream = new StreamingSummary({ asOfDay, hasAmounts: log.amounts !== undefined });
  stream.reserve(ids.length);
  return stream.addRows(rowCustomer, days, log.amounts, rowCustomer.length) ? stream.summary(ids, unit) : null;
}

/**
 * The summary of an order log fed in batches of rows, customers numbered 0, 1, 2, … in order of first appearance
 * (ids.ts), as long as each customer's rows come in date order. summarizeOrders uses it on the whole log at once;
 * the cell functions feed it the cells a batch at a time, so a long log is never copied whole. Same sums in the
 * same order as the grouped path of summarizeOrders, so the same numbers.
 */
export class StreamingSummary {
  // A customer's whole state side by side, so a row touches one or two cache lines rather than one per field. In
  // blocks of 2^BLOCK_BITS customers, so the state grows with the customers without copying or overshooting.
  private readonly blocks: Float64Array[] = [];
  private customers = 0;
  private rowsFed = 0;
  /** Each customer's first row on or before as-of, counted across batches; −1 before it. */
  private firstRow = new Int32Array(0);
  private ignoredAfterAsOf = 0;
  private lastDay = Number.NEGATIVE_INFINITY;
  private readonly asOfDay: number;
  private readonly hasAmounts: boolean;
  /** Scratch of addRows: the rows of a batch, grouped by customer group. */
  private order = new Int32Array(0);

  /** asOfDay: rows after it are left out; without it, the last day fed is the end of observation. */
  constructor(options: { asOfDay?: number; hasAmounts: boolean }) {
    this.asOfDay = options.asOfDay ?? Number.POSITIVE_INFINITY;
    this.hasAmounts = options.hasAmounts;
  }

  /** Makes room for the customers numbered below `customers`. */
  reserve(customers: number): void {
    while (this.blocks.length << BLOCK_BITS < customers) {
      const block = new Float64Array(STATE_FIELDS << BLOCK_BITS);
      for (let at = OPEN_DAY; at < block.length; at += STATE_FIELDS) block[at] = NaN;
      this.blocks.push(block);
    }
    if (customers > this.firstRow.length) {
      const firstRow = new Int32Array(Math.max(customers, 2 * this.firstRow.length)).fill(-1);
      firstRow.set(this.firstRow);
      this.firstRow = firstRow;
    }
    this.customers = Math.max(this.customers, customers);
  }

  /**
   * The first `count` rows of the columns (days finite; amounts ignored without amounts), customers reserved
   * beforehand. false when a customer's rows go back in time: the stream is then unusable.
   */
  addRows(rowCustomer: Int32Array, days: ArrayLike<number>, amounts: ArrayLike<number> | undefined, count: number): boolean {
    // The rows of a date-ordered log jump between all the customers, and on a large log each row's state is then a
    // cache and TLB miss (memory, not arithmetic, is the cost). So the rows are first put in order of customer
    // group (GROUP_BITS customers' state fits the L2 cache), keeping their order within a group, which keeps each
    // customer's rows in their order.
    const groupStart = new Int32Array((this.customers >> GROUP_BITS) + 2);
    if (this.order.length < count) this.order = new Int32Array(count);
    const kept = groupRows(rowCustomer, days, count, this.asOfDay, groupStart, this.order);
    this.lastDay = Math.max(this.lastDay, lastDayUpTo(days, count, this.asOfDay));
    this.ignoredAfterAsOf += count - kept;
    const ok = mergeRows(this.blocks, this.firstRow, this.order, kept, rowCustomer, days, this.hasAmounts ? amounts : undefined, this.rowsFed);
    this.rowsFed += count;
    return ok;
  }

  /**
   * The summary so far; `ids` gives the id of each customer number. Ends the stream. Without details, only the
   * columns the models need: a cell that fits models on a large log keeps four columns fewer in memory.
   */
  summary(ids: readonly CustomerId[], unit: TimeUnit): DetailedSummary;
  summary(ids: readonly CustomerId[], unit: TimeUnit, details: boolean): CustomerSummary;
  summary(ids: readonly CustomerId[], unit: TimeUnit, details = true): CustomerSummary {
    const daysPerUnit = unitLength(unit);
    const seen = this.customersByFirstRow();
    const asOfDay = this.asOfDay < Number.POSITIVE_INFINITY ? this.asOfDay : seen.length > 0 ? this.lastDay : Number.NaN;
    const detailed = details ? emptyDetailedSummary(seen.length, unit, asOfDay, this.ignoredAfterAsOf) : null;
    const summary = detailed ?? emptyModelSummary(seen.length, unit, asOfDay, this.ignoredAfterAsOf);
    for (let s = 0; s < seen.length; s++) {
      const k = seen[s];
      const state = this.blocks[k >> BLOCK_BITS];
      const at = (k & BLOCK_MASK) * STATE_FIELDS;
      closeDay(state, at);
      const purchaseDays = state[at + PURCHASE_DAYS];
      if (purchaseDays === 0) {
        if (detailed) addReturnsOnly(detailed, ids[k], state[at + ORDERS], state[at + TOTAL_AMOUNT]);
        continue;
      }
      const row = summary.count++;
      const frequency = purchaseDays - 1;
      const firstDay = state[at + FIRST_DAY];
      const lastDay = state[at + LAST_DAY];
      summary.ids.push(ids[k]);
      summary.frequency[row] = frequency;
      summary.monetaryValue[row] = frequency > 0 ? state[at + REPEAT_AMOUNT] / frequency : 0;
      if (detailed) {
        detailed.firstDay[row] = firstDay;
        detailed.lastDay[row] = lastDay;
        detailed.orders[row] = state[at + ORDERS];
        detailed.totalAmount[row] = state[at + TOTAL_AMOUNT];
      }
      summary.recency[row] = (lastDay - firstDay) / daysPerUnit;
      summary.T[row] = (asOfDay - firstDay) / daysPerUnit;
    }
    summary.ignoredReturnsOnly = seen.length - summary.count;
    return summary.count === seen.length ? summary : trimmed(summary);
  }

  /**
   * The customers with a row on or before as-of, in order of their first such row. That is the order of their
   * numbers, unless a customer's first rows were after as-of and a later one before it.
   */
  private customersByFirstRow(): Int32Array {
    const firstRow = this.firstRow;
    const seen = new Int32Array(this.customers);
    let count = 0;
    let ordered = true;
    for (let k = 0; k < this.customers; k++) {
      if (firstRow[k] < 0) continue;
      ordered &&= count === 0 || firstRow[k] > firstRow[seen[count - 1]];
      seen[count++] = k;
    }
    const byFirstRow = seen.subarray(0, count);
    return ordered ? byFirstRow : byFirstRow.sort((j, k) => firstRow[j] - firstRow[k]);
  }
}

/**
 * Puts the rows on or before as-of in order of customer group into `order`, keeping their order within a group;
 * returns how many there are. groupStart: zeros, one more than the groups.
 */
function groupRows(rowCustomer: Int32Array, days: ArrayLike<number>, count: number, asOfDay: number, groupStart: Int32Array, order: Int32Array): number {
  let kept = 0;
  for (let i = 0; i < count; i++) {
    if (days[i] > asOfDay) continue;
    groupStart[(rowCustomer[i] >> GROUP_BITS) + 1]++;
    kept++;
  }
  for (let g = 1; g < groupStart.length; g++) groupStart[g] += groupStart[g - 1];
  for (let i = 0; i < count; i++) {
    if (days[i] <= asOfDay) order[groupStart[rowCustomer[i] >> GROUP_BITS]++] = i;
  }
  return kept;
}

/** The last day on or before as-of, or −∞. */
function lastDayUpTo(days: ArrayLike<number>, count: number, asOfDay: number): number {
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const day = days[i];
    if (day <= asOfDay && day > last) last = day;
  }
  return last;
}

/**
 * Merges the rows `order[0 … count − 1]` of the columns, in that order, into the customers' state: a new day closes
 * the customer's open one, and a customer's first row is noted in firstRow (rowBase numbers the rows across
 * batches). false when a customer's rows go back in time.
 */
function mergeRows(
  blocks: Float64Array[],
  firstRow: Int32Array,
  order: Int32Array,
  count: number,
  rowCustomer: Int32Array,
  days: ArrayLike<number>,
  amounts: ArrayLike<number> | undefined,
  rowBase: number,
): boolean {
  const hasAmounts = amounts !== undefined;
  for (let j = 0; j < count; j++) {
    const i = order[j];
    const day = days[i];
    const k = rowCustomer[i];
    const state = blocks[k >> BLOCK_BITS];
    const at = (k & BLOCK_MASK) * STATE_FIELDS;
    const open = state[at + OPEN_DAY];
    if (open !== day) {
      if (open === open) {
        if (day < open) return false;
        closeDay(state, at);
      } else firstRow[k] = rowBase + i;
      state[at + OPEN_DAY] = day;
      state[at + OPEN_AMOUNT] = 0;
      state[at + OPEN_IS_PURCHASE] = hasAmounts ? 0 : 1;
    }
    state[at + ORDERS]++;
    if (hasAmounts) {
      const amount = amounts[i];
      state[at + OPEN_AMOUNT] += amount;
      if (amount >= 0) state[at + OPEN_IS_PURCHASE] = 1;
    }
  }
  return true;
}

// Fields of a customer's state in StreamingSummary: the open (last seen) day, and the purchase days closed so far.
const OPEN_DAY = 0; // NaN until the customer's first row
const OPEN_AMOUNT = 1;
const OPEN_IS_PURCHASE = 2;
const ORDERS = 3;
const PURCHASE_DAYS = 4;
const FIRST_DAY = 5;
const LAST_DAY = 6;
const REPEAT_AMOUNT = 7;
const TOTAL_AMOUNT = 8;
const STATE_FIELDS = 9;
const BLOCK_BITS = 13;
const BLOCK_MASK = (1 << BLOCK_BITS) - 1;
/** Customers per group in addRows: 2^10 customers' state is 72 KiB. */
const GROUP_BITS = 10;

/** Closes the customer's open day: a purchase unless all its rows were returns, spending its net amount floored at 0. */
function closeDay(state: Float64Array, at: number): void {
  const amount = state[at + OPEN_AMOUNT];
  state[at + TOTAL_AMOUNT] += amount;
  if (state[at + OPEN_IS_PURCHASE] === 0) return;
  if (state[at + PURCHASE_DAYS] === 0) state[at + FIRST_DAY] = state[at + OPEN_DAY];
  else state[at + REPEAT_AMOUNT] += amount > 0 ? amount : 0;
  state[at + PURCHASE_DAYS]++;
  state[at + LAST_DAY] = state[at + OPEN_DAY];
}

function unitLength(unit: TimeUnit): number {
  const days = Object.prototype.hasOwnProperty.call(DAYS_PER_UNIT, unit) ? DAYS_PER_UNIT[unit] : undefined;
  if (days === undefined) throw new DataError(said('summary.unit'));
  return days;
}

function checkLengths(log: OrderLog): void {
  const n = isCustomerIndex(log.ids) ? log.ids.rowCustomer.length : log.ids.length;
  if (log.days.length !== n) throw new DataError(said('summary.idsVsDates', { ids: String(n), dates: String(log.days.length) }));
  if (log.amounts !== undefined && log.amounts.length !== n) {
    throw new DataError(said('summary.idsVsAmounts', { ids: String(n), amounts: String(log.amounts.length) }));
  }
}

/** A row whose day is not a number (NaN would never equal itself and stall the merging of days). */
function notADay(row: number): DataError {
  return new DataError(said('summary.notADay'), undefined, row);
}

function lastDayOf(days: ArrayLike<number>): number {
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < days.length; i++) if (days[i] > last) last = days[i];
  return days.length === 0 ? Number.NaN : last;
}

/**
 * Maps ids to integer indices once (one Map lookup per row is the only hashing), then counting-sorts the
 * kept rows by customer, stably, so a chronological log needs no further sorting.
 */
function groupByCustomer(log: OrderLog, numberedIds: CustomerIndex, asOfDay: number): GroupedRows {
  const n = numberedIds.rowCustomer.length;
  const days = log.days;
  const { ids: distinct, rowCustomer: numbered } = numberedIds;
  // Customers are renumbered in order of their first order on or before as-of; rows after it get −1.
  const renumber = new Int32Array(distinct.length).fill(-1);
  const customerOfRow = new Int32Array(n);
  const ids: (string | number)[] = [];
  let ignoredAfterAsOf = 0;
  for (let i = 0; i < n; i++) {
    const day = days[i];
    if (!Number.isFinite(day)) throw notADay(i);
    if (day > asOfDay) {
      customerOfRow[i] = -1;
      ignoredAfterAsOf++;
      continue;
    }
    const c = numbered[i];
    let k = renumber[c];
    if (k < 0) {
      k = renumber[c] = ids.length;
      ids.push(distinct[c]);
    }
    customerOfRow[i] = k;
  }
  const customers = ids.length;
  const start = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) {
    const k = customerOfRow[i];
    if (k >= 0) start[k + 1]++;
  }
  for (let k = 0; k < customers; k++) start[k + 1] += start[k];
  const grouped: GroupedRows = {
    ids,
    start,
    day: new Float64Array(n - ignoredAfterAsOf),
    amount: log.amounts === undefined ? null : new Float64Array(n - ignoredAfterAsOf),
    ignoredAfterAsOf,
  };
  scatterRows(log, customerOfRow, grouped);
  sortEachCustomerByDay(grouped);
  return grouped;
}

function scatterRows(log: OrderLog, customerOfRow: Int32Array, grouped: GroupedRows): void {
  const next = grouped.start.slice(0, grouped.ids.length);
  const { days, amounts } = log;
  for (let i = 0; i < customerOfRow.length; i++) {
    const k = customerOfRow[i];
    if (k < 0) continue;
    const at = next[k]++;
    grouped.day[at] = days[i];
    if (grouped.amount !== null && amounts !== undefined) grouped.amount[at] = amounts[i];
  }
}

/** Exports are usually chronological, so this is mostly a check; only unsorted customers pay for a sort. */
function sortEachCustomerByDay(grouped: GroupedRows): void {
  const { start, day } = grouped;
  for (let k = 0; k < grouped.ids.length; k++) {
    let sorted = true;
    for (let j = start[k] + 1; j < start[k + 1] && sorted; j++) sorted = day[j - 1] <= day[j];
    if (!sorted) sortRows(grouped, start[k], start[k + 1]);
  }
}

/** Sorts rows from … to − 1 by day, moving each amount with its day. */
function sortRows(grouped: GroupedRows, from: number, to: number): void {
  const { day, amount } = grouped;
  const byDay = Array.from({ length: to - from }, (_, j) => from + j).sort((i, j) => day[i] - day[j]);
  const days = byDay.map((i) => day[i]);
  const amounts = amount === null ? null : byDay.map((i) => amount[i]);
  day.set(days, from);
  if (amount !== null && amounts !== null) amount.set(amounts, from);
}

/** The models' columns for up to `size` customers, none filled in yet. */
function emptyModelSummary(size: number, unit: TimeUnit, asOfDay: number, ignoredAfterAsOf: number): CustomerSummary {
  return {
    count: 0,
    unit,
    asOfDay,
    ids: [],
    frequency: new Float64Array(size),
    recency: new Float64Array(size),
    T: new Float64Array(size),
    monetaryValue: new Float64Array(size),
    ignoredAfterAsOf,
    ignoredReturnsOnly: 0,
  };
}

/** All columns for up to `size` customers, none filled in yet. */
function emptyDetailedSummary(size: number, unit: TimeUnit, asOfDay: number, ignoredAfterAsOf: number): DetailedSummary {
  return {
    ...emptyModelSummary(size, unit, asOfDay, ignoredAfterAsOf),
    firstDay: new Float64Array(size),
    lastDay: new Float64Array(size),
    orders: new Float64Array(size),
    totalAmount: new Float64Array(size),
    returnsOnly: { ids: [], orders: [], totalAmount: [], position: [] },
  };
}

/** Notes a customer with returns only, placed after the summary's customers so far. */
function addReturnsOnly(summary: DetailedSummary, id: CustomerId, orders: number, totalAmount: number): void {
  const { returnsOnly } = summary;
  returnsOnly.ids.push(id);
  returnsOnly.orders.push(orders);
  returnsOnly.totalAmount.push(totalAmount);
  returnsOnly.position.push(summary.count);
}

/** One summary row per customer with a purchase; returns-only customers are skipped. */
function summarizeCustomers(grouped: GroupedRows, asOfDay: number, unit: TimeUnit, daysPerUnit: number): DetailedSummary {
  const size = grouped.ids.length;
  const summary = emptyDetailedSummary(size, unit, asOfDay, grouped.ignoredAfterAsOf);
  for (let k = 0; k < size; k++) {
    if (!summarizeCustomer(grouped, k, summary, summary.count)) {
      const { start, amount } = grouped;
      let total = 0;
      if (amount !== null) for (let j = start[k]; j < start[k + 1]; j++) total += amount[j];
      addReturnsOnly(summary, grouped.ids[k], start[k + 1] - start[k], total);
      continue;
    }
    const row = summary.count++;
    summary.ids.push(grouped.ids[k]);
    summary.recency[row] = (summary.lastDay[row] - summary.firstDay[row]) / daysPerUnit;
    summary.T[row] = (asOfDay - summary.firstDay[row]) / daysPerUnit;
  }
  summary.ignoredReturnsOnly = size - summary.count;
  return summary.count === size ? summary : trimmed(summary);
}

/**
 * Merges customer k's day-sorted rows into days and writes the day-based columns at `row`. A day is a
 * purchase unless all its rows are returns; its spend is its net amount floored at 0 (see the top of the file).
 * Returns false, for a customer without any purchase day.
 */
function summarizeCustomer(grouped: GroupedRows, k: number, out: DetailedSummary, row: number): boolean {
  const { start, day: days, amount: amounts } = grouped;
  let purchaseDays = 0;
  let firstDay = Number.NaN;
  let lastDay = Number.NaN;
  let repeatAmount = 0;
  let totalAmount = 0;
  let j = start[k];
  const end = start[k + 1];
  while (j < end) {
    const day = days[j];
    let dayAmount = 0;
    let isPurchase = amounts === null;
    for (; j < end && days[j] === day; j++) {
      if (amounts === null) continue;
      dayAmount += amounts[j];
      if (amounts[j] >= 0) isPurchase = true;
    }
    totalAmount += dayAmount;
    if (!isPurchase) continue;
    if (purchaseDays === 0) firstDay = day;
    else repeatAmount += dayAmount > 0 ? dayAmount : 0;
    purchaseDays++;
    lastDay = day;
  }
  if (purchaseDays === 0) return false;
  const frequency = purchaseDays - 1;
  out.frequency[row] = frequency;
  out.monetaryValue[row] = frequency > 0 ? repeatAmount / frequency : 0;
  out.firstDay[row] = firstDay;
  out.lastDay[row] = lastDay;
  out.orders[row] = end - start[k];
  out.totalAmount[row] = totalAmount;
  return true;
}

/**
 * Cuts the columns to the customers kept (only when some had returns only). Views, not copies: a copy of the
 * columns would add to a cell call's peak memory for the sake of a few customers.
 */
function trimmed<S extends CustomerSummary>(summary: S): S {
  const cut: S = { ...summary };
  for (const name of Object.keys(cut) as (keyof S)[]) {
    const column = cut[name];
    if (column instanceof Float64Array) cut[name] = column.subarray(0, summary.count) as S[keyof S];
  }
  return cut;
}
