/**
 * The shareable template as data: what goes on "Start here", "Sample orders" and "Formulas". Pure and
 * deterministic, so the Apps Script writer (server/template.ts), the tests and the xlsx export all build the same
 * sheets from it.
 *
 * In a language (the user's, from server/template.ts): names, labels and explanations come from the sheets catalogue;
 * the formulas are the same in every language (Sheets' function names and argument separators are English), and
 * the sample's numbers and dates are the same cells.
 */
import { dayFromYmd, ymdFromDay } from './dates';
import { sampleOrderLog } from './generate';
import { fill } from './i18n/format';
import type { Language } from './i18n/language';
import { SHEETS, type SheetKey } from './i18n/sheets';

/** The template's sheets' English names (templateSheetNames gives them in a language). */
export const TEMPLATE_SHEET_NAMES = { start: 'Start here', orders: 'Sample orders', formulas: 'Formulas' } as const;

export type TemplateSheet = keyof typeof TEMPLATE_SHEET_NAMES;

/** The template's sheets' names in a language. */
export function templateSheetNames(language: Language): Record<TemplateSheet, string> {
  const m = SHEETS[language];
  return { start: m['name.start'], orders: m['name.orders'], formulas: m['name.formulas'] };
}

/**
 * A catalogue text of the template. Not isolated (FSI…PDI): the values are sheet names, which a user may copy into
 * a formula, and a right-to-left sheet's own cells are laid out right to left already.
 */
function words(language: Language, key: SheetKey, values: Record<string, string> = {}): string {
  return fill(language, SHEETS[language][key], values, new Set(Object.keys(values)));
}

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

/** The sample's headers in a language: words the sidebar's header guessing knows (core/columns.ts). */
export function sampleHeaders(language: Language): string[] {
  return (['orders.date', 'orders.customer', 'orders.amount', 'orders.cost', 'orders.referredBy'] as const).map((k) => SHEETS[language][k]);
}

/** "Sample orders": the seeded order log, one row per order, in date order. */
export function sampleOrdersSpec(name: string = TEMPLATE_SHEET_NAMES.orders, language: Language = 'en'): SheetSpec & { rows: TemplateValue[][] } {
  const log = sampleOrderLog(SAMPLE_SEED);
  const rows: TemplateValue[][] = [];
  for (let i = 0; i < log.customerIds.length; i++) {
    rows.push([{ day: log.days[i] }, log.customerIds[i], log.amounts[i], log.costs[i], log.referredBy[i]]);
  }
  return {
    name,
    cells: sampleHeaders(language).map((h, j) => ({ row: 1, column: j + 1, value: h, style: 'heading' as const })),
    formulas: [],
    columnWidths: { 1: 110, 2: 110, 3: 90, 4: 90, 5: 110 },
    frozenRows: 1,
    rows,
  };
}

/** Start here's lines: a catalogue key (or a blank line) and its style. */
const START_LINES: [SheetKey | '', TemplateCell['style']?][] = [
  ['start.title', 'title'],
  ['start.tagline', 'note'],
  [''],
  ['start.inFile', 'heading'],
  ['start.orders'],
  ['start.formulas'],
  [''],
  ['start.ways', 'heading'],
  ['start.way1'],
  ['start.way2'],
  ['start.way3'],
  [''],
  ['start.segments', 'heading'],
  ['start.champions'],
  ['start.rising'],
  ['start.pastStars'],
  ['start.lowValue'],
  [''],
  ['start.words', 'heading'],
  ['start.value'],
  ['start.pAlive'],
  ['start.churn'],
  [''],
  ['start.models', 'note'],
];

export function startHereSpec(language: Language = 'en'): SheetSpec {
  const m = SHEETS[language];
  // The sheets it names, by their names in this language (what the user sees in the tabs).
  const names = { orders: m['name.orders'], formulas: m['name.formulas'], customerValue: m['name.customerValue'], segments: m['name.segments'] };
  return {
    name: m['name.start'],
    cells: START_LINES.map(([key, style], i) => ({ row: i + 1, column: 1, value: key === '' ? '' : words(language, key, names), ...(style ? { style } : {}) })),
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
export function formulasSpec(ordersSheet: string = TEMPLATE_SHEET_NAMES.orders, language: Language = 'en'): SheetSpec {
  const say = (key: SheetKey): string => words(language, key);
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

  text(1, 1, words(language, 'formulas.title', { orders: SHEETS[language]['name.orders'] }), 'title');
  text(2, 1, say('formulas.how'), 'note');

  text(4, 1, say('formulas.everyday'), 'heading');
  line(5, '=LTV(30, 5%)', say('formulas.ltv'), 'money');
  line(6, '=LTV(30, 5%, 1%, "end")', say('formulas.ltvDiscounted'), 'money');
  line(7, '=CHURN(5, 100)', say('formulas.churn'), 'percent');
  line(
    8,
    `=CHURN(${ids}, ${dates}, DATE(2025,7,1), DATE(2025,10,1), 90)`,
    say('formulas.churnLog'),
    'percent',
  );
  line(9, '=CLV_SIMPLE(200000, 2.5, 2)', say('formulas.clvSimple'), 'money');
  line(10, '=CAC(5000, 120)', say('formulas.cac'), 'money');
  line(11, '=LTV_CAC(B5, B10)', say('formulas.ltvCac'), 'ratio');
  line(12, '=CAC_PAYBACK(B10, 30)', say('formulas.payback'), 'number');

  // Monthly churn: one rate per row, for the second year of the sample.
  text(14, 1, say('formulas.monthly'), 'heading');
  text(15, 1, `=CHURN(${ids}, ${dates}, A17:A28, B17:B28, 90)   ${say('formulas.monthlyHow')}`, 'note');
  text(16, 1, say('formulas.monthStart'), 'heading');
  text(16, 2, say('formulas.monthEnd'), 'heading');
  text(16, 3, say('formulas.churnColumn'), 'heading');
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
    explanation: say('formulas.monthlyOne'),
    spill: { rows: 12, columns: 1 },
    format: 'percent',
  });

  block(
    31,
    1,
    say('formulas.cohorts'),
    `=COHORT_RETENTION(${ids}, ${dates})`,
    say('formulas.cohortsHow'),
    { rows: 26, columns: 27 },
    // Only the shares are percentages: the cohort's month and its number of customers come first.
    { formats: [{ format: 'percent', fromRow: 1, fromColumn: 2, rows: 25, columns: 25 }], colorScale: { fromRow: 1, fromColumn: 2, rows: 25, columns: 25 } },
  );

  // Subscriptions: a cohort typed in, with the shifted-beta-geometric fit and forecast beside it.
  text(61, 1, say('formulas.subscriptions'), 'heading');
  text(62, 1, say('formulas.subscriptionsHow'), 'note');
  text(63, 1, say('formulas.period'), 'heading');
  text(63, 2, say('formulas.active'), 'heading');
  SUBSCRIPTION_COHORT.forEach((v, t) => {
    text(64 + t, 1, t);
    text(64 + t, 2, v, 'input');
  });
  formulas.push({ row: 64, column: 4, formula: '=RETENTION_FIT(B64:B71)', explanation: say('formulas.retentionFit'), spill: { rows: 6, columns: 3 } });
  text(63, 4, '=RETENTION_FIT(B64:B71)', 'heading');
  formulas.push({
    row: 64,
    column: 8,
    formula: '=RETENTION_FORECAST(B64:B71, 5)',
    explanation: say('formulas.retentionForecast'),
    spill: { rows: 14, columns: 4 },
  });
  text(63, 8, `=RETENTION_FORECAST(B64:B71, 5)   ${say('formulas.retentionForecastHeading')}`, 'heading');

  block(80, 1, say('formulas.fit'), `=CLV_FIT(${ids}, ${dates})`, say('formulas.fitHow'), { rows: 8, columns: 3 });
  block(
    80,
    5,
    say('formulas.holdout'),
    `=CLV_HOLDOUT(${ids}, ${dates}, DATE(2025,12,31))`,
    say('formulas.holdoutHow'),
    { rows: 10, columns: 4 },
  );
  block(92, 1, say('formulas.spend'), `=CLV_FIT(${ids}, ${dates}, ${amounts}, "gammagamma")`, say('formulas.spendHow'), { rows: 7, columns: 3 });

  block(
    1,
    RIGHT.clv,
    say('formulas.clv'),
    `=CLV(${ids}, ${dates}, ${amounts}, 12, 10%, 40%)`,
    say('formulas.clvHow'),
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
  block(1, RIGHT.pAlive, say('formulas.pAlive'), `=P_ALIVE(${ids}, ${dates})`, say('formulas.pAliveHow'), { rows: CUSTOMER_ROWS, columns: 2 }, { formats: [{ format: 'percent', fromRow: 1, fromColumn: 1, rows: CUSTOMER_ROWS - 1, columns: 1 }] });
  block(1, RIGHT.predict, say('formulas.predict'), `=PREDICT_PURCHASES(${ids}, ${dates}, 90)`, say('formulas.predictHow'), { rows: CUSTOMER_ROWS, columns: 2 }, { formats: [{ format: 'number', fromRow: 1, fromColumn: 1, rows: CUSTOMER_ROWS - 1, columns: 1 }] });
  block(1, RIGHT.summary, say('formulas.summary'), `=CLV_SUMMARY(${ids}, ${dates}, ${amounts})`, say('formulas.summaryHow'), { rows: CUSTOMER_ROWS, columns: 9 });
  block(
    1,
    RIGHT.fitSummary,
    say('formulas.fitSummary'),
    '=CLV_FIT_SUMMARY(AO4:AO, AP4:AP, AQ4:AQ)',
    say('formulas.fitSummaryHow'),
    { rows: 8, columns: 3 },
  );

  return { name: SHEETS[language]['name.formulas'], cells, formulas, columnWidths: { 1: 330, 2: 120, 3: 640 }, frozenRows: 0 };
}
