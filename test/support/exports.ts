/**
 * Order logs as real exports lay them out, built from CDNOW's sample (test/fixtures/CDNOW_sample.txt: customer id,
 * a second id, yyyymmdd date, number of CDs, dollar value): the data check's tests in core, through the bundle and
 * in Chromium read the same sheets.
 */
import { fixture } from '../fixtures';

export type ExportCell = string | number;

interface CdnowOrder {
  id: number;
  yyyymmdd: number;
  cds: number;
  dollars: number;
}

function cdnowOrders(limit = Infinity): CdnowOrder[] {
  const orders: CdnowOrder[] = [];
  for (const line of fixture('CDNOW_sample.txt').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    orders.push({ id: Number(f[0]), yyyymmdd: Number(f[2]), cds: Number(f[3]), dollars: Number(f[4]) });
    if (orders.length >= limit) break;
  }
  return orders;
}

/** CDNOW with the headers a data scientist gives it; the dates stay yyyymmdd numbers, as in the file. */
export const CDNOW_HEADERS = ['customer_id', 'date', 'number_of_cds', 'dollar_value'];

export function cdnowSheet(limit = Infinity): ExportCell[][] {
  return [CDNOW_HEADERS, ...cdnowOrders(limit).map((o) => [o.id, o.yyyymmdd, o.cds, o.dollars])];
}

/** The same log with no header row: row 1 is CDNOW's first order. */
export function headerlessSheet(limit = Infinity): ExportCell[][] {
  return cdnowSheet(limit).slice(1);
}

const iso = (yyyymmdd: number): string => `${Math.floor(yyyymmdd / 10000)}-${String(Math.floor(yyyymmdd / 100) % 100).padStart(2, '0')}-${String(yyyymmdd % 100).padStart(2, '0')}`;

/**
 * A Stripe payments export: the charge id comes first and is called "id", the customer is "Customer ID" (cus_…),
 * dates are "2024-01-15 10:23:45" text in UTC, amounts plain decimals with a currency column.
 */
export const STRIPE_HEADERS = ['id', 'Description', 'Created (UTC)', 'Amount', 'Amount Refunded', 'Currency', 'Status', 'Customer ID', 'Customer Email'];

export function stripeSheet(limit = Infinity): ExportCell[][] {
  const rows: ExportCell[][] = [STRIPE_HEADERS];
  cdnowOrders(limit).forEach((o, i) => {
    const customer = `cus_${String(o.id).padStart(6, '0')}`;
    rows.push([`ch_3N${String(i).padStart(8, '0')}`, `${o.cds} CDs`, `${iso(o.yyyymmdd)} 10:${String(i % 60).padStart(2, '0')}:00`, o.dollars, 0, 'usd', 'Paid', customer, `c${o.id}@example.com`]);
  });
  return rows;
}

/** Day-first text dates ("01.01.1997") and amounts written as European text ("1.234,50 €"). */
export function europeanSheet(limit = Infinity): ExportCell[][] {
  const rows: ExportCell[][] = [['Kunde', 'Datum', 'Betrag']];
  for (const o of cdnowOrders(limit)) {
    const [y, m, d] = iso(o.yyyymmdd).split('-');
    rows.push([`K${o.id}`, `${d}.${m}.${y}`, `${o.dollars.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+,)/, '.')} €`]);
  }
  return rows;
}

/** Month-first text dates ("02/13/1997") and dollar amounts as text ("$1,234.50"). */
export function usSheet(limit = Infinity): ExportCell[][] {
  const rows: ExportCell[][] = [['Customer', 'Order Date', 'Total']];
  for (const o of cdnowOrders(limit)) {
    const [y, m, d] = iso(o.yyyymmdd).split('-');
    rows.push([`C${o.id}`, `${m}/${d}/${y}`, `$${o.dollars.toFixed(2).replace(/\B(?=(\d{3})+\.)/, ',')}`]);
  }
  return rows;
}

/**
 * A per-customer summary with lifetimes' column names (summary_data_from_transaction_data with monetary value): the
 * first rows of CDNOW's published summary (fixtures/cdnow_customers_summary_with_transactions.csv, in weeks).
 */
export function lifetimesSummarySheet(limit = 50): ExportCell[][] {
  const lines = fixture('cdnow_customers_summary_with_transactions.csv').trim().split('\n').slice(1, limit + 1);
  return [['customer_id', 'frequency', 'recency', 'T', 'monetary_value'], ...lines.map((l) => l.split(',').map(Number))];
}
