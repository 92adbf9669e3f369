/**
 * The shareable template as data: what goes on "Start here", "Sample orders" and "Formulas". Pure and
 * deterministic, so the Apps Script writer (server/template.ts), the tests and the xlsx export all build the same
 * sheets from it.
 */
import { dayFromYmd, ymdFromDay } from './dates';
import { sampleOrderLog } from './generate';

export const TEMPLATE_SHEET_NAMES = { start: 'Start here', orders: 'Sample orders', formulas: 'Formulas' } as const;

/** A calendar day, written to the sheet as a date. */
export interface DayCell {
  day: number;
}

export type TemplateValue = string | number | DayCell;

export interface TemplateCell {
  /** 1-based. */
  row: number;
  column: number;
  value: TemplateValue;
  style?: 'title' | 'heading' | 'note' | 'input' | 'percent' | 'date' | 'money';
}

export type TemplateFormat = 'percent' | 'money' | 'number' | 'ratio';

/** A live formula with the line of plain words that explains it, and the room its answer may spill into. */
export interface TemplateFormula {
  row: number;
  column: number;
  formula: string;
  explanation: string;
  /** Rows and columns of the answer, the anchor included (1 × 1 for a single value). */
  spill: { rows: number; columns: number };
  /** Format of every answer cell (a single value, or a column of one kind). */
  format?: TemplateFormat;
  /** Formats of parts of the answer (relative to the anchor, 0-based), for tables whose columns differ. */
  formats?: { format: TemplateFormat; fromRow: number; fromColumn: number; rows: number; columns: number }[];
  /** Cells of the answer (relative to the anchor, 0-based) that get a white-to-green colour scale. */
  colorScale?: { fromRow: number; fromColumn: number; rows: number; columns: number };
}

export interface SheetSpec {
  name: string;
  cells: TemplateCell[];
  formulas: TemplateFormula[];
  columnWidths: Record<number, number>;
  frozenRows: number;
}

export const SAMPLE_SEED = 42;
export const SAMPLE_HEADERS = ['Order date', 'Customer', 'Amount', 'Cost', 'Referred by'] as const;

/** "Sample orders": the seeded order log, one row per order, in date order. */
export function sampleOrdersSpec(name: string = TEMPLATE_SHEET_NAMES.orders): SheetSpec & { rows: TemplateValue[][] } {
  const log = sampleOrderLog(SAMPLE_SEED);
  const rows: TemplateValue[][] = [];
  for (let i = 0; i < log.customerIds.length; i++) {
    rows.push([{ day: log.days[i] }, log.customerIds[i], log.amounts[i], log.costs[i], log.referredBy[i]]);
  }
  return {
    name,
    cells: SAMPLE_HEADERS.map((h, j) => ({ row: 1, column: j + 1, value: h, style: 'heading' as const })),
    formulas: [],
    columnWidths: { 1: 110, 2: 110, 3: 90, 4: 90, 5: 110 },
    frozenRows: 1,
    rows,
  };
}

const START_TEXT: [string, TemplateCell['style']?][] = [
  ['Customer Value for Google Sheets', 'title'],
  ['What each customer is worth, and which ones you are losing: from the order list you already have.', 'note'],
  [''],
  ['What is in this file', 'heading'],
  ['• Sample orders: two years of orders of a made-up shop (about 1,000 customers, 5,000 orders) with amount, cost and who referred whom. Replace them with your own orders, or point the formulas at your own sheet.'],
  ['• Formulas: every formula of the add-in working on the sample, each with a line that says what it tells you. Copy any of them into your own sheets.'],
  [''],
  ['Three ways to use it', 'heading'],
  ['1. Formulas in cells. Type =LTV(30, 5%) for the lifetime value of a customer who brings 30 a month and leaves with a 5% chance each month; =CHURN(...) for the share of customers you lost; =CLV(ids, dates, amounts) for the value of every customer over the next 12 months.'],
  ['2. The sidebar. Open your order sheet and choose Extensions > Customer Value > Analyze customers. Check the columns it guessed, press Analyze, and it writes a "Customer value" sheet (one row per customer) and a "Segments" sheet with charts.'],
  ['3. This template. Extensions > Customer Value > Insert template puts these three sheets in any spreadsheet; running it again refreshes the ones you have not changed, and never touches a cell of yours: a sheet you changed stays as it is and a fresh copy is added beside it.'],
  [''],
  ['The four value segments', 'heading'],
  ['• Champions: among the most valuable in total (past + predicted) and expected to bring a lot.'],
  ['• Rising: expected to bring a lot, not (yet) among the most valuable in total.'],
  ['• Past stars: among the most valuable in total, but little more is expected: their value is behind them.'],
  ['• Low value: neither. What to do depends on the lifecycle stage too (New, One-time buyer, Regular, Lapsing, Former): the sidebar says it for each customer.'],
  [''],
  ['Words you will meet', 'heading'],
  ['• Past value: what a customer brought so far (revenue minus cost). Predicted value: the margin they are expected to bring over the coming months, discounted (the CLV formula\'s value). Total value: the two together. Referral value: the total value of the customers they referred, shown as credit, never added to a total.'],
  ['• P(alive): the chance a customer has not quietly stopped buying. A regular who has not ordered for a long time gets a low value.'],
  ['• Churn: the share of active customers lost in a period. LTV:CAC: lifetime value divided by what it cost to win the customer; above 3 is healthy.'],
  [''],
  ['The predictions come from the statistical models of the customer-value literature (BG/NBD and Gamma-Gamma for shops, shifted-beta-geometric for subscriptions), fitted to your own orders. You do not need to know them to use the results.', 'note'],
];

export function startHereSpec(): SheetSpec {
  return {
    name: TEMPLATE_SHEET_NAMES.start,
    cells: START_TEXT.map(([text, style], i) => ({ row: i + 1, column: 1, value: text, ...(style ? { style } : {}) })),
    formulas: [],
    columnWidths: { 1: 820 },
    frozenRows: 0,
  };
}

/** The subscription cohort of Fader & Hardie (2007), "regular" customers: active at the start of periods 0–7. */
export const SUBSCRIPTION_COHORT = [1000, 631, 468, 382, 326, 289, 262, 241];

/** Columns of the per-customer tables, far enough right that the small tables never run into them. */
const RIGHT = { clv: 28, pAlive: 34, predict: 37, summary: 40, fitSummary: 50 } as const;
/** Months of the sample log; the customer tables spill one row per customer plus a header. */
const CUSTOMER_ROWS = 1_200;

/** "Formulas": every cell function on the sample, each with its explanation beside it. */
export function formulasSpec(ordersSheet: string = TEMPLATE_SHEET_NAMES.orders): SheetSpec {
  const q = `'${ordersSheet.replace(/'/g, "''")}'`;
  const ids = `${q}!B2:B`;
  const dates = `${q}!A2:A`;
  const amounts = `${q}!C2:C`;
  const log = sampleOrderLog(SAMPLE_SEED);
  const cells: TemplateCell[] = [];
  const formulas: TemplateFormula[] = [];
  const text = (row: number, column: number, value: TemplateValue, style?: TemplateCell['style']): void => {
    cells.push({ row, column, value, ...(style ? { style } : {}) });
  };
  /** One row: the formula as text, its live answer, and what it means. */
  const line = (row: number, formula: string, explanation: string, format?: TemplateFormula['format']): void => {
    text(row, 1, formula);
    formulas.push({ row, column: 2, formula, explanation, spill: { rows: 1, columns: 1 }, ...(format ? { format } : {}) });
    text(row, 3, explanation);
  };
  /** A table-shaped answer under a heading and an explanation line that shows the formula. */
  const block = (row: number, column: number, heading: string, formula: string, explanation: string, spill: TemplateFormula['spill'], extra: Partial<TemplateFormula> = {}): void => {
    text(row, column, heading, 'heading');
    text(row + 1, column, `${formula}   ${explanation}`, 'note');
    formulas.push({ row: row + 2, column, formula, explanation, spill, ...extra });
  };

  text(1, 1, 'Every formula of Customer Value, working on the "Sample orders" sheet', 'title');
  text(2, 1, 'Column A shows what is typed, column B the live answer, column C what it tells you. Tables below and to the right spill from one formula.', 'note');

  text(4, 1, 'Everyday formulas', 'heading');
  line(5, '=LTV(30, 5%)', 'Lifetime value of a customer who brings 30 of margin a month and leaves with a 5% chance each month: 30 / 0.05 = 600.', 'money');
  line(6, '=LTV(30, 5%, 1%, "end")', 'The same, with money a month from now worth 1% less than today and payment at the end of each month.', 'money');
  line(7, '=CHURN(5, 100)', 'Lost 5 of the 100 customers you had at the start of the month: churn is 5%.', 'percent');
  line(
    8,
    `=CHURN(${ids}, ${dates}, DATE(2025,7,1), DATE(2025,10,1), 90)`,
    'Of the customers active on 1 July 2025 (an order in the 90 days before), the share no longer active on 1 October 2025.',
    'percent',
  );
  line(9, '=CLV_SIMPLE(200000, 2.5, 2)', 'Average order 200,000 × 2.5 orders a year × 2 years as a customer = 1,000,000.', 'money');
  line(10, '=CAC(5000, 120)', 'Spent 5,000 on advertising and won 120 new customers: each cost about 41.67.', 'money');
  line(11, '=LTV_CAC(B5, B10)', 'Lifetime value ÷ acquisition cost. Above 3 is healthy; below 1 you lose money on every new customer.', 'ratio');
  line(12, '=CAC_PAYBACK(B10, 30)', 'Months of 30 margin a month it takes to earn back what the customer cost to win.', 'number');

  // Monthly churn: one rate per row, for the second year of the sample.
  text(14, 1, 'Monthly churn', 'heading');
  text(15, 1, `=CHURN(${ids}, ${dates}, A17:A28, B17:B28, 90)   One churn rate per month: start and end dates in columns A and B, the answer spills down column C.`, 'note');
  text(16, 1, 'Month start', 'heading');
  text(16, 2, 'Month end', 'heading');
  text(16, 3, 'Churn', 'heading');
  const firstMonth = ymdFromDay(log.endDay - 364);
  for (let k = 0; k < 12; k++) {
    const month = firstMonth.month - 1 + k;
    text(17 + k, 1, { day: dayFromYmd(firstMonth.year + Math.floor(month / 12), (month % 12) + 1, 1) }, 'date');
    text(17 + k, 2, { day: dayFromYmd(firstMonth.year + Math.floor((month + 1) / 12), ((month + 1) % 12) + 1, 1) }, 'date');
  }
  formulas.push({
    row: 17,
    column: 3,
    formula: `=CHURN(${ids}, ${dates}, A17:A28, B17:B28, 90)`,
    explanation: 'One churn rate per month.',
    spill: { rows: 12, columns: 1 },
    format: 'percent',
  });

  block(
    31,
    1,
    'Cohort retention',
    `=COHORT_RETENTION(${ids}, ${dates})`,
    'One row per month of first order: how many customers started then, and the share who ordered again 0, 1, 2, ... months later.',
    { rows: 26, columns: 27 },
    // Only the shares are percentages: the cohort's month and its number of customers come first.
    { formats: [{ format: 'percent', fromRow: 1, fromColumn: 2, rows: 25, columns: 25 }], colorScale: { fromRow: 1, fromColumn: 2, rows: 25, columns: 25 } },
  );

  // Subscriptions: a cohort typed in, with the shifted-beta-geometric fit and forecast beside it.
  text(61, 1, 'Subscription retention', 'heading');
  text(62, 1, 'A subscription cohort: customers still subscribed at the start of each period (column B, typed in). The model learns how churn falls as the loyal ones stay.', 'note');
  text(63, 1, 'Period', 'heading');
  text(63, 2, 'Active', 'heading');
  SUBSCRIPTION_COHORT.forEach((v, t) => {
    text(64 + t, 1, t);
    text(64 + t, 2, v, 'input');
  });
  formulas.push({ row: 64, column: 4, formula: '=RETENTION_FIT(B64:B71)', explanation: 'The model fitted to the cohort: alpha and beta describe how churn risk varies between subscribers.', spill: { rows: 6, columns: 3 } });
  text(63, 4, '=RETENTION_FIT(B64:B71)', 'heading');
  formulas.push({
    row: 64,
    column: 8,
    formula: '=RETENTION_FORECAST(B64:B71, 5)',
    explanation: 'Observed and expected subscribers per period, 5 periods beyond the data, and the expected retention rate.',
    spill: { rows: 14, columns: 4 },
  });
  text(63, 8, '=RETENTION_FORECAST(B64:B71, 5)   observed and expected subscribers, 5 periods ahead', 'heading');

  block(80, 1, 'How well the model fits', `=CLV_FIT(${ids}, ${dates})`, 'The BG/NBD purchase model fitted to the orders: its parameters, standard errors and whether the fit converged.', { rows: 8, columns: 3 });
  block(
    80,
    5,
    'Checking the predictions',
    `=CLV_HOLDOUT(${ids}, ${dates}, DATE(2025,12,31))`,
    'Fits on orders up to 31 Dec 2025 and compares predicted with actual repeat purchases after it: close columns mean trustworthy predictions.',
    { rows: 10, columns: 4 },
  );
  block(92, 1, 'Spend per order', `=CLV_FIT(${ids}, ${dates}, ${amounts}, "gammagamma")`, 'The Gamma-Gamma spend model: how much customers spend per order and how that varies between them.', { rows: 7, columns: 3 });

  block(
    1,
    RIGHT.clv,
    'CLV per customer',
    `=CLV(${ids}, ${dates}, ${amounts}, 12, 10%, 40%)`,
    'Value of each customer over the next 12 months at a 40% margin, discounted 10% a year, with expected purchases, spend per order and P(alive).',
    { rows: CUSTOMER_ROWS, columns: 5 },
    // clv, expected_purchases, expected_spend_per_order, p_alive after the id.
    {
      formats: [
        { format: 'money', fromRow: 1, fromColumn: 1, rows: CUSTOMER_ROWS - 1, columns: 1 },
        { format: 'number', fromRow: 1, fromColumn: 2, rows: CUSTOMER_ROWS - 1, columns: 1 },
        { format: 'money', fromRow: 1, fromColumn: 3, rows: CUSTOMER_ROWS - 1, columns: 1 },
        { format: 'percent', fromRow: 1, fromColumn: 4, rows: CUSTOMER_ROWS - 1, columns: 1 },
      ],
    },
  );
  block(1, RIGHT.pAlive, 'Still active?', `=P_ALIVE(${ids}, ${dates})`, 'The chance each customer has not quietly stopped buying.', { rows: CUSTOMER_ROWS, columns: 2 }, { formats: [{ format: 'percent', fromRow: 1, fromColumn: 1, rows: CUSTOMER_ROWS - 1, columns: 1 }] });
  block(1, RIGHT.predict, 'Next 90 days', `=PREDICT_PURCHASES(${ids}, ${dates}, 90)`, 'Expected purchases of each customer in the next 90 days.', { rows: CUSTOMER_ROWS, columns: 2 }, { formats: [{ format: 'number', fromRow: 1, fromColumn: 1, rows: CUSTOMER_ROWS - 1, columns: 1 }] });
  block(1, RIGHT.summary, 'Customer summary', `=CLV_SUMMARY(${ids}, ${dates}, ${amounts})`, 'Repeat purchases, ages in days, mean repeat spend, first and last order, orders and total per customer.', { rows: CUSTOMER_ROWS, columns: 9 });
  block(
    1,
    RIGHT.fitSummary,
    'Fit from a summary',
    '=CLV_FIT_SUMMARY(AO4:AO, AP4:AP, AQ4:AQ)',
    'The same model fitted from the per-customer summary (frequency, recency, T) instead of the orders.',
    { rows: 8, columns: 3 },
  );

  return { name: TEMPLATE_SHEET_NAMES.formulas, cells, formulas, columnWidths: { 1: 330, 2: 120, 3: 640 }, frozenRows: 0 };
}
