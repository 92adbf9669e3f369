/** The spreadsheet the preview starts with: the sample order log as a user would have typed it. */
import { ymdFromDay } from '../src/core/dates';
import { sampleOrderLog } from '../src/core/generate';

/** What a cell may hold when the preview fills a sheet; Dates are local calendar days (midnight). */
export type CellInput = string | number | boolean | Date | null;

export interface PreviewSheet {
  name: string;
  rows: CellInput[][];
}

export const ORDER_HEADERS = ['Order date', 'Customer', 'Amount', 'Cost', 'Referred by'];

/** Sheet "Orders": Order date | Customer | Amount | Cost | Referred by, one row per order (about 5,000). */
export function sampleOrdersSheet(seed = 42, headers: string[] = ORDER_HEADERS): PreviewSheet {
  const log = sampleOrderLog(seed);
  const rows: CellInput[][] = [headers];
  for (let i = 0; i < log.customerIds.length; i++) {
    const { year, month, day } = ymdFromDay(log.days[i]);
    rows.push([new Date(year, month - 1, day), log.customerIds[i], log.amounts[i], log.costs[i], log.referredBy[i]]);
  }
  return { name: 'Orders', rows };
}

/** Sheet "Customers": the same sample summed up, one row per customer: Customer | Orders | Revenue | First order | Last order. */
export function sampleCustomersSheet(seed = 42): PreviewSheet {
  const log = sampleOrderLog(seed);
  const byId = new Map<string, { orders: number; revenue: number; first: number; last: number }>();
  for (let i = 0; i < log.customerIds.length; i++) {
    const c = byId.get(log.customerIds[i]) ?? { orders: 0, revenue: 0, first: log.days[i], last: log.days[i] };
    c.orders++;
    c.revenue = Math.round((c.revenue + log.amounts[i]) * 100) / 100;
    c.first = Math.min(c.first, log.days[i]);
    c.last = Math.max(c.last, log.days[i]);
    byId.set(log.customerIds[i], c);
  }
  const date = (day: number): Date => {
    const { year, month, day: d } = ymdFromDay(day);
    return new Date(year, month - 1, d);
  };
  const rows: CellInput[][] = [['Customer', 'Orders', 'Revenue', 'First order', 'Last order']];
  for (const [id, c] of byId) rows.push([id, c.orders, c.revenue, date(c.first), date(c.last)]);
  return { name: 'Customers', rows };
}
