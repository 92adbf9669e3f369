// A canned analysis summary for the browser tests of the sidebar's results: figures in the range of the built-in
// sample (1,000 customers), a hostile customer id, and a contact list deliberately out of order.
import { told, type AnalysisSummary, type ContactRow, type CustomerCharts, type GroupSummary, type SheetInfo } from '../../src/server/contract';
import { HOSTILE } from './client';

const group = (name: string, customers: number, revenue: number, pastValue: number, predictedValue: number, description: string): GroupSummary => ({
  name,
  description,
  customers,
  customerShare: customers / 1000,
  revenue,
  revenueShare: revenue / 180_000,
  pastValue,
  predictedValue,
  predictedShare: predictedValue / 57_798,
  totalValue: pastValue + predictedValue,
});

/** Out of order on purpose: the client sorts by value at stake. */
export const CONTACTS: ContactRow[] = [
  { id: 'C-0101', segment: 'Champions', stage: 'Lapsing', predictedValue: 812.4, pAlive: 0.41, atStake: 479.3, daysSinceLastOrder: 128, nextOrderDue: '2026-03-02' },
  { id: HOSTILE, segment: 'Past stars', stage: 'Lapsing', predictedValue: 2450.5, pAlive: 0.35, atStake: 1592.8, daysSinceLastOrder: 201, nextOrderDue: '2026-01-20' },
  { id: 1042, segment: 'Rising', stage: 'One-time buyer', predictedValue: 300, pAlive: 0.6, atStake: 120, daysSinceLastOrder: 45, nextOrderDue: null },
  { id: 'C-0007', segment: 'Champions', stage: 'Regular', predictedValue: 1500, pAlive: 0.8, atStake: 300, daysSinceLastOrder: 12, nextOrderDue: '2026-07-15' },
];

/** Customers per P(alive) cell, rows 0 / 1 / 2–3 / 4–7 / 8+ repeat purchases: 420 + 180 + 170 + 136 + 94 = 1,000. */
const P_ALIVE_CUSTOMERS = [
  [60, 80, 70, 90, 120],
  [40, 50, 40, 30, 20],
  [60, 50, 30, 20, 10],
  [70, 40, 20, 6, 0],
  [60, 25, 5, 4, 0],
];
const P_ALIVE_MEANS = [
  [0.9, 0.7, 0.5, 0.3, 0.1],
  [0.95, 0.8, 0.55, 0.3, 0.08],
  [0.97, 0.85, 0.6, 0.25, 0.05],
  [0.98, 0.9, 0.5, 0.2, null],
  [0.99, 0.92, 0.4, 0.1, null],
];

/** The pictures' figures: the top 20% hold 62% of the predicted value, as the headline says; 1,000 customers each. */
export const CHARTS: CustomerCharts = {
  valueCurve: [0.2, 0.34, 0.46, 0.62, 0.69, 0.75, 0.8, 0.84, 0.87, 0.9, 0.92, 0.94, 0.955, 0.967, 0.977, 0.985, 0.991, 0.995, 0.998, 1].map((valueShare, i) => ({
    customerShare: (i + 1) / 20,
    valueShare,
  })),
  pAlive: {
    rows: ['0', '1', '2–3', '4–7', '8+'],
    columns: ['0–30', '31–90', '91–180', '181–365', '366+'],
    cells: P_ALIVE_CUSTOMERS.map((row, r) => row.map((customers, c) => ({ customers, value: P_ALIVE_MEANS[r][c] }))),
    smallGroup: 10,
  },
  // 380 + 220 + 140 + 90 + 60 + 40 + 30 + 40 = 1,000.
  predictedValueBins: [380, 220, 140, 90, 60, 40, 30, 40].map((customers, k) => ({ from: 25 * k, to: k < 7 ? 25 * (k + 1) : null, customers })),
};

export const SUMMARY: AnalysisSummary = {
  customers: 1000,
  orders: 5049,
  asOf: '2026-06-30',
  horizonMonths: 12,
  cut: 'top20',
  inactiveDays: 90,
  pastValue: 95_658,
  predictedValue: 57_798,
  totalValue: 153_456,
  referralValue: 22_204,
  topShare: { customerShare: 0.2, predictedValueShare: 0.62 },
  segments: [
    group('Champions', 180, 70_000, 40_000, 30_000, 'In the top 20% by total value (past + predicted) and by predicted value.'),
    group('Rising', 20, 5_000, 2_500, 6_000, 'In the top 20% by predicted value, not (yet) by total value.'),
    group('Past stars', 20, 25_000, 14_000, 1_798, 'In the top 20% by total value, not by predicted value: most of their value is behind them.'),
    group('Low value', 780, 80_000, 39_158, 20_000, 'Neither in the top 20% by total value nor by predicted value.'),
  ],
  stages: [
    group('New', 60, 4_000, 2_000, 5_000, 'First purchase in the last 30 days.'),
    group('One-time buyer', 200, 20_000, 9_000, 8_000, 'One purchase day so far, within the inactive window.'),
    group('Regular', 300, 90_000, 50_000, 35_000, 'Repeat purchases, the last within the window and on rhythm.'),
    group('Lapsing', 140, 36_000, 19_658, 8_798, 'Beyond the window, or overdue, or P(alive) below 50%.'),
    group('Former', 300, 30_000, 15_000, 1_000, 'No purchase beyond the window and P(alive) below 50%.'),
  ],
  actions: [
    { segment: 'Champions', stage: 'Regular', customers: 150, predictedValue: 27_000, advice: 'Keep them close: early access, thanks, no discounts needed.' },
    { segment: 'Champions', stage: 'Lapsing', customers: 30, predictedValue: 3_000, advice: 'Call them now: valuable and slipping.' },
  ],
  contactFirst: CONTACTS,
  model: {
    name: 'Pareto/NBD + Gamma-Gamma',
    purchaseModel: 'paretonbd',
    reason: 'Pareto/NBD: it predicted the purchases of the last 8 months best (mean error 0.41 purchases per customer; MBG/NBD 0.47).',
    reasonTold: told('reason.best', { model: 'Pareto/NBD', period: told('count.month', { n: 8 }), mae: 0.41, others: told('reason.other', { model: 'MBG/NBD', mae: 0.47 }) }),
    candidates: [
      { name: 'paretonbd', label: 'Pareto/NBD', mae: 0.41, note: 'chosen' },
      { name: 'mbgnbd', label: 'MBG/NBD', mae: 0.47, note: '' },
    ],
    converged: true,
    parameters: [
      { name: 'r', value: 0.5533 },
      { name: 'alpha', value: 10.578 },
      { name: 's', value: 0.6061 },
      { name: 'beta', value: 11.669 },
    ],
  },
  holdout: {
    sentence: 'Predicted 2.15 purchases per customer over the last 8 months, actual 2.29: within the expected range (1.98 to 2.32).',
    method: 'The range is where the actual mean falls 95 times in 100 if the model is right; groups of fewer than 30 customers are too small to judge.',
    sentenceTold: told('verdict.within', { predicted: '2.15', period: told('count.month', { n: 8 }), actual: '2.29', low: '1.98', high: '2.32' }),
    holdoutDays: 243,
    total: { label: 'All', customers: 1000, predicted: 2.15, actual: 2.29, low: 1.98, high: 2.32, verdict: 'within' },
    groups: [
      { label: '0', customers: 277, predicted: 0.73, actual: 0.51, low: 0.5, high: 0.96, verdict: 'within' },
      { label: '1', customers: 400, predicted: 2.1, actual: 2.4, low: 1.9, high: 2.3, verdict: 'above' },
      { label: '7+', customers: 12, predicted: 6.1, actual: 7.2, low: null, high: null, verdict: null },
    ],
  },
  whatIf: { predictedValue: 57_798, pastValue: 95_658, customers: 1000, horizonMonths: 12, monthlyRetention: 0.95, annualDiscountRate: 0.1 },
  charts: CHARTS,
  sheets: ['Customer value', 'Segments'],
  segmentColumn: null,
  warnings: [],
  warningsTold: [],
};

// Untyped first, then typed: the data check adds fields to SheetInfo (hasHeader, columns, facts, warnings) and this
// literal carries them already, so it fits SheetInfo before and after they land.
const sheetInfo = {
  sheetName: 'Orders',
  headers: ['Order date', 'Customer', 'Amount', 'Cost'],
  rows: 5049,
  shape: 'orders' as const,
  shapeReason: 'one row per order: customer ids repeat',
  shapeReasonTold: told('shape.ordersRepeat'),
  guess: { customerId: 1, orderDate: 0, amount: 2, cost: 3 },
  lastDate: '2026-06-30',
  sample: [],
  hasSegmentColumn: false,
  hasHeader: true,
  columns: [
    { samples: ['2024-01-03', '2024-01-05', '2024-01-09'], format: null },
    { samples: ['C-0001', 'C-0002', 'C-0001'], format: null },
    { samples: ['29.33', '41.5', '12'], format: null },
    { samples: ['18.2', '25', '7.1'], format: null },
  ],
  formats: [null, null, null, null],
  facts: { columns: [], above: [], sampled: 0, complete: true, hasHeader: true, summaryTable: null, today: 20_635 },
  warnings: [],
};
export const SHEET_INFO: SheetInfo = sheetInfo;
