/**
 * What crosses google.script.run between the sidebar and the server: plain data only (no Date, no class).
 * The client imports these types; the server implements the functions in sidebar.ts.
 */

import type { PurchaseModelName } from '../core/models/registry';

export type DataShape = 'orders' | 'customers';

/** Roles a column can play; which are needed depends on the shape. */
export type ColumnRole =
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

/** Column index (0-based) per role; null when the sheet has no such column. */
export type ColumnChoice = Partial<Record<ColumnRole, number | null>>;

export interface SheetInfo {
  sheetName: string;
  /** Header texts as typed (untrusted: the client escapes them). */
  headers: string[];
  /** Data rows below the header. */
  rows: number;
  shape: DataShape;
  /** Plain words on why the shape was guessed, e.g. "one row per customer: ids do not repeat". */
  shapeReason: string;
  guess: ColumnChoice;
  /** The last date found in the guessed date column (yyyy-mm-dd), the default as-of date. */
  lastDate: string | null;
  /** The first rows as display text, for the preview table. */
  sample: string[][];
  /** Whether the sheet already has a Segment column written by the add-in. */
  hasSegmentColumn: boolean;
}

/**
 * The bounds of each option of an analysis, which the sidebar's inputs keep to and the server checks again (a
 * request is data from the browser): a horizon of a million months would not finish in Apps Script's 6 minutes.
 */
export const REQUEST_LIMITS = {
  horizonMonths: { min: 1, max: 120 },
  annualDiscountRate: { min: 0, max: 1 },
  grossMargin: { min: 0.01, max: 1 },
  inactiveDays: { min: 1, max: 3650 },
} as const;

export interface AnalysisRequest {
  sheetName: string;
  shape: DataShape;
  columns: ColumnChoice;
  /** yyyy-mm-dd; default the last order date. */
  asOf?: string;
  horizonMonths: number;
  annualDiscountRate: number;
  /** Used when there is no cost or margin column. */
  grossMargin: number;
  inactiveDays: number;
  cut: 'top20' | 'median';
  /** The purchase model; default "bgnbd". */
  model?: PurchaseModelName;
  /** Customers shape only: also write a Segment column beside the data. */
  addSegmentColumn?: boolean;
}

export interface GroupSummary {
  name: string;
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  averageClv: number;
  predictedValue: number;
}

export interface AnalysisSummary {
  customers: number;
  orders: number;
  asOf: string;
  horizonMonths: number;
  segments: GroupSummary[];
  stages: GroupSummary[];
  /** Share of total CLV held by the top 20% of customers. */
  top20Share: number;
  totalClv: number;
  model: { name: string; converged: boolean; parameters: { name: string; value: number }[] };
  /** Names of the sheets written, e.g. ["Customer value", "Segments"]. */
  sheets: string[];
  /** Whether a Segment column was written beside the data (and where). */
  segmentColumn: string | null;
  warnings: string[];
}

export interface Progress {
  step: number;
  steps: number;
  message: string;
  done: boolean;
}

/** Every server call answers with one of these, so errors reach the sidebar as words, not exceptions. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };
