/**
 * What crosses google.script.run between the sidebar and the server: plain data only (no Date, no class).
 * The client imports these types; the server implements the functions in sidebar.ts.
 */

import type { ConcentrationPoint, HeatmapGrid, HistogramBin } from '../core/charts';
import type { CalendarName } from '../core/cohort';
import type { SheetFacts } from '../core/columns';
import type { ParamsOf } from '../core/i18n/format';
import type { Language } from '../core/i18n/language';
import type { SidebarKey, sidebar as englishSidebar } from '../core/i18n/en/sidebar';
import type { GroupVerdict, Verdict } from '../core/verdict';
import type { PurchaseModelName } from '../core/models/registry';
import type { WhatIfBasis } from '../core/whatif';

export type { WhatIfBasis } from '../core/whatif';
export type { ConcentrationPoint, HeatmapCell, HeatmapGrid, HistogramBin } from '../core/charts';

export type DataShape = 'orders' | 'customers';

// A sentence the server says to the sidebar, not yet in words (core/i18n/told.ts): Code.js carries the keys, not the
// sidebar's words. Numbers are grouped as people read them; a value the server already wrote as text is shown as it is.
export { told, type Told, type ToldValue } from '../core/i18n/told';
import type { Told } from '../core/i18n/told';

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

/** What the data check shows beside a column: three sample values, and how its text is read (null: plainly). */
export interface ColumnView {
  samples: string[];
  /** How the column's text is read, in English (logs, tests); null when plainly. */
  format: string | null;
}

export interface SheetInfo {
  sheetName: string;
  /** Header texts as typed (untrusted: the client escapes them). */
  headers: string[];
  /** Data rows below the header. */
  rows: number;
  shape: DataShape;
  /** Plain words on why the shape was guessed, e.g. "one row per customer: ids do not repeat". */
  shapeReason: string;
  /** The same for the sidebar to say in its language. */
  shapeReasonTold: Told;
  guess: ColumnChoice;
  /** The last date found in the guessed date column (yyyy-mm-dd), the default as-of date. */
  lastDate: string | null;
  /** The first rows as display text, for the preview table. */
  sample: string[][];
  /** Whether the sheet already has a Segment column written by the add-in. */
  hasSegmentColumn: boolean;
  /** Whether row 1 holds column names; when it looks like data, it is read as data and `headers` are "Column A", …. */
  hasHeader: boolean;
  /** Per column (as `headers`): three sample values as the sheet shows them, and how its text is read, in words. */
  columns: ColumnView[];
  /** Per column, how its text is read (ColumnView.format) for the sidebar to say in its language; null when plainly. */
  formats: (Told | null)[];
  /**
   * The sampled rows' facts, which the sidebar checks each choice of columns against (core/columns.ts checkChoice,
   * run in the browser only, so the script every cell loads does not carry the check's words).
   */
  facts: SheetFacts;
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
  /**
   * The purchase model, as an override. Left out, the analysis chooses between MBG/NBD and Pareto/NBD by a holdout
   * check (CLV_COMPARE's rule), MBG/NBD when the history is too short for one; AnalysisSummary.model says which and why.
   */
  model?: PurchaseModelName;
  /** Customers shape only: also write a Segment column beside the data. */
  addSegmentColumn?: boolean;
  /** The language the sidebar shows, for what the analysis writes (sheets, sentences); left out, the user's. */
  language?: Language;
  /** Months and cohorts in the Gregorian (default) or the Persian calendar (COHORT_RETENTION's `calendar`). */
  calendar?: CalendarName;
}

/**
 * A group of customers (a value segment or a lifecycle stage). Every value is a sum over the group's customers;
 * every share says what it is a share of.
 */
export interface GroupSummary {
  /**
   * The segment's or stage's id (core/segment.ts SEGMENTS, STAGES), its English name; the sidebar names and
   * describes it in its language from the sheets catalogue (core/i18n/sheets.ts), with the summary's cut and
   * inactiveDays.
   */
  name: string;
  /** What the group is, in one sentence (segments: the rule that puts a customer there), in English (logs, tests). */
  description: string;
  customers: number;
  /** Share of all customers. */
  customerShare: number;
  /** Σ revenue up to the as-of date. */
  revenue: number;
  /** Share of all customers' revenue. */
  revenueShare: number;
  /** Σ past value (revenue − cost). */
  pastValue: number;
  /** Σ predicted value over the horizon (the CLV() cell's value of each customer). */
  predictedValue: number;
  /** Share of all customers' predicted value. */
  predictedShare: number;
  /** Σ total value: pastValue + predictedValue. */
  totalValue: number;
}

/** What to do about the customers of one value segment in one lifecycle stage (only pairs that have customers). */
export interface ActionGroup {
  segment: string;
  stage: string;
  customers: number;
  /** Σ predicted value of these customers over the horizon. */
  predictedValue: number;
  /** Advice that fits both labels (segment.ts adviceFor), in English; the sidebar says it from the sheets catalogue (adviceIn). */
  advice: string;
}

/** The purchase model the figures come from, and why it was chosen. */
export interface ModelSummary {
  /** e.g. "MBG/NBD + Gamma-Gamma" (purchases + spend per order). */
  name: string;
  /** The purchase model's registry name, e.g. "mbgnbd". */
  purchaseModel: PurchaseModelName;
  /** Why this model, in plain words, e.g. "Pareto/NBD predicted the last 8 months better than MBG/NBD (...)". */
  reason: string;
  /** Why this model, for the sidebar to say in its language (the figures as in `reason`). */
  reasonTold: Told;
  /**
   * The models checked on the holdout (empty when none was): mean absolute error per customer, or why it failed
   * (`note`, in the request's language, as the fit's note is put in words on the server).
   */
  candidates: { name: PurchaseModelName; label: string; mae: number | null; note: string }[];
  converged: boolean;
  parameters: { name: string; value: number }[];
}

/**
 * One line of the holdout check as core/verdict.ts judges it: the label ("0", …, "7+" repeat purchases before the
 * holdout, or "All"), customers, mean predicted and actual purchases, the 95% expected range and the verdict.
 */
export type HoldoutLine = GroupVerdict;
export type HoldoutVerdict = Verdict;

/** The holdout check as a verdict that accounts for sampling noise (core/verdict.ts). */
export interface HoldoutSummary {
  /** e.g. "Predicted 2.15 purchases per customer over the last 8 months, actual 2.29: within the expected range (1.98 to 2.32)." */
  sentence: string;
  /** The same sentence for the sidebar to say in its language. */
  sentenceTold: Told;
  /** How the range is worked out and which groups are too small to judge, in plain words. */
  method: string;
  holdoutDays: number;
  total: HoldoutLine;
  groups: HoldoutLine[];
}

/** A customer to contact first: most predicted value at stake (predicted value × (1 − P(alive))). */
export interface ContactRow {
  /** Customer id as read (untrusted text: the client escapes it). */
  id: string | number;
  segment: string;
  stage: string;
  /** Predicted value over the horizon. */
  predictedValue: number;
  pAlive: number;
  /** predictedValue × (1 − pAlive): valuable customers whose staying is in doubt come first. */
  atStake: number;
  daysSinceLastOrder: number;
  /** yyyy-mm-dd: last order + the customer's mean gap between purchase days; null for one order only (no gap yet). */
  nextOrderDue: string | null;
}

/**
 * The figures of the sidebar's pictures of the customer base (core/charts.ts): the cumulative curve of predicted
 * value (customers ranked by it), mean P(alive) by repeat purchases × days since the last order, and customers per
 * range of predicted value (the last range open: to null). Each customer counts once in the grid and once in the bins.
 */
export interface CustomerCharts {
  valueCurve: ConcentrationPoint[];
  pAlive: HeatmapGrid;
  predictedValueBins: HistogramBin[];
}

export interface AnalysisSummary {
  customers: number;
  orders: number;
  asOf: string;
  horizonMonths: number;
  /** The request's rules of the segments and stages, which their descriptions state. */
  cut: 'top20' | 'median';
  inactiveDays: number;
  /** Σ past value of every customer: revenue − cost up to the as-of date (already earned). */
  pastValue: number;
  /**
   * Σ predicted value of every customer: discounted expected margin over the next horizonMonths. The sum of the
   * CLV() cell's clv column on the same data and options.
   */
  predictedValue: number;
  /** pastValue + predictedValue. Referral value is never added: it is the referred customers' own value. */
  totalValue: number;
  /**
   * Attribution, not extra value: Σ total value of the customers who were referred by another customer of the
   * data (already inside totalValue). null when no referral column was chosen.
   */
  referralValue: number | null;
  /** The top customerShare of customers, ranked by predicted value, hold predictedValueShare of predictedValue. */
  topShare: { customerShare: number; predictedValueShare: number };
  segments: GroupSummary[];
  stages: GroupSummary[];
  /** Each (segment, stage) pair that has customers, with advice fitting both. */
  actions: ActionGroup[];
  /** The customers with the most predicted value at stake, most first (at most 20). */
  contactFirst: ContactRow[];
  model: ModelSummary;
  /** null when the history is too short for a holdout (or the data is one row per customer). */
  holdout: HoldoutSummary | null;
  /** What core/whatif.ts whatIf needs to recompute predicted and lifetime value in the browser. */
  whatIf: WhatIfBasis;
  /** The figures of the pictures of the customer base. */
  charts: CustomerCharts;
  /** Names of the sheets written, e.g. ["Customer value", "Segments"]. */
  sheets: string[];
  /** Whether a Segment column was written beside the data (and where). */
  segmentColumn: string | null;
  /** What the user should know about the data read and the sheets written, in English (logs, tests). */
  warnings: string[];
  /** The same for the sidebar to say in its language. */
  warningsTold: Told[];
}

/** What exportSegment wrote: one segment's customers on a new sheet of their own. */
export interface SegmentExport {
  sheet: string;
  segment: string;
  customers: number;
}

export interface Progress {
  step: number;
  steps: number;
  /** What is being done, in English ("Done" or "Stopped" at the end). */
  message: string;
  /** The same for the sidebar to say in its language; left out at the end (the sidebar no longer shows it then). */
  told?: Told;
  done: boolean;
}

/**
 * Every server call answers with one of these, so errors reach the sidebar as words, not exceptions: in the language
 * the call asked for (AnalysisRequest.language, getSheetInfo's argument), else the user's.
 */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };
