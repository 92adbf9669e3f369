/**
 * The sheets the analysis writes: one row per customer, the Segments sheet (the headline figures, segments, stages,
 * what to do, whom to contact first, the holdout verdict, the model, the cumulative value curve, the cohort
 * triangle as a heatmap, and native charts), and one segment's customers on a sheet of their own for export. Each is
 * planned in full, then placed by writeOwnSheet, which never overwrites a cell of the user's (sheets.ts).
 */
import { a1Range } from '../core/a1';
import type { Analysis } from '../core/analysis';
import type { CohortTable } from '../core/cohort';
import { isoFromDay } from '../core/dates';
import { gammagamma } from '../core/models/gammagamma';
import { modelNamed } from '../core/models/registry';
import { adviceFor, segmentDescription, SEGMENTS, stageDescription, type Segment } from '../core/segment';
import { VERDICT_METHOD, type GroupVerdict } from '../core/verdict';
import { toDate } from './args';
import type { AnalysisRequest } from './contract';
import { SheetPlan, writeOwnSheet, type CellOut, type Placed } from './sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const CUSTOMER_VALUE_SHEET = 'Customer value';
export const SEGMENTS_SHEET = 'Segments';
/** How the result sheets are keyed among own sheets (sheets.ts): they hold results, not data to analyze. */
const CUSTOMER_VALUE_KEY = 'customer-value';
const SEGMENTS_KEY = 'segments';
const segmentKey = (segment: Segment): string => `segment-export:${segment}`;
export const RESULT_SHEET_KEYS: readonly string[] = [CUSTOMER_VALUE_KEY, SEGMENTS_KEY, ...SEGMENTS.map(segmentKey)];

/** The sheet one segment's customers are exported to. */
export const segmentSheetName = (segment: Segment): string => `Segment: ${segment}`;

export const SEGMENT_COLORS: Record<Segment, string> = {
  Champions: '#d9ead3',
  Rising: '#cfe2f3',
  'Past stars': '#fce5cd',
  'Low value': '#efefef',
};

const MONEY = '#,##0.00';
const PERCENT = '0.0%';
const DATE = 'yyyy-mm-dd';

const predictedLabel = (a: Analysis): string => `Predicted value (next ${a.options.horizonMonths} months)`;

interface Column {
  header: string;
  format?: string;
  value: (a: Analysis, i: number) => CellOut;
}

/** The Customer value sheet's columns: what each holds and how it is shown. */
function customerValueColumns(analysis: Pick<Analysis, 'options'> | null, withReferrals: boolean): Column[] {
  const horizon = analysis ? ` (next ${analysis.options.horizonMonths} months)` : '';
  return [
    { header: 'Customer', value: (a, i) => a.customers.ids[i] },
    { header: 'Orders', format: '0', value: (a, i) => a.customers.orders[i] },
    { header: 'First order', format: DATE, value: (a, i) => toDate(a.customers.firstDay[i]) },
    { header: 'Last order', format: DATE, value: (a, i) => toDate(a.customers.lastDay[i]) },
    { header: 'Days since last order', format: '0', value: (a, i) => a.values.daysSinceLast[i] },
    // Blank without a repeat purchase: there is no rhythm to go by (core/contact.ts).
    { header: 'Next order due (last + usual gap)', format: DATE, value: (a, i) => (Number.isNaN(a.values.nextOrderDue[i]) ? '' : toDate(a.values.nextOrderDue[i])) },
    { header: 'Revenue', format: MONEY, value: (a, i) => a.customers.revenue[i] },
    { header: 'Cost', format: MONEY, value: (a, i) => a.values.cost[i] },
    { header: 'Past value (revenue − cost)', format: MONEY, value: (a, i) => a.values.past[i] },
    { header: 'P(alive)', format: '0%', value: (a, i) => a.values.pAlive[i] },
    { header: `Expected purchases${horizon}`, format: '0.00', value: (a, i) => a.values.expectedPurchases[i] },
    { header: `Predicted value${horizon}`, format: MONEY, value: (a, i) => a.values.predicted[i] },
    { header: 'Total value (past + predicted)', format: MONEY, value: (a, i) => a.values.total[i] },
    ...(withReferrals
      ? [{ header: "Referral value (referred customers' total, not added)", format: MONEY, value: (a: Analysis, i: number) => a.values.referral[i] }]
      : []),
    { header: 'Lifecycle stage', value: (a, i) => a.values.stage[i] },
    { header: 'Value segment', value: (a, i) => a.values.segment[i] },
    { header: 'What to do', value: (a, i) => adviceFor(a.values.segment[i], a.values.stage[i]) },
  ];
}

/** Cells the Customer value sheet takes: a header and one row per customer. */
export function customerValueCells(customers: number, withReferrals: boolean): number {
  return (customers + 1) * customerValueColumns(null, withReferrals).length;
}

/** A plan of the customers `rows` (indices) with the Customer value sheet's columns, coloured by segment. */
function customerTable(key: string, analysis: Analysis, rows: readonly number[]): SheetPlan {
  const columns = customerValueColumns(analysis, analysis.customers.referrerOf !== undefined);
  const n = rows.length;
  const cells: CellOut[][] = [columns.map((col) => col.header)];
  for (const i of rows) cells.push(columns.map((col) => col.value(analysis, i)));
  return new SheetPlan(key).put(1, 1, cells).style((sheet) => {
    sheet.getRange(1, 1, 1, columns.length).setFontWeight('bold').setBackground('#f3f3f3');
    sheet.setFrozenRows(1);
    columns.forEach((col, j) => {
      if (col.format && n > 0) sheet.getRange(2, j + 1, n, 1).setNumberFormat(col.format);
    });
    if (n > 0) sheet.getRange(2, 1, n, columns.length).setBackgrounds(rows.map((i) => new Array<string>(columns.length).fill(SEGMENT_COLORS[analysis.values.segment[i]])));
    sheet.autoResizeColumns(1, columns.length);
  });
}

export function writeCustomerValueSheet(spreadsheet: Spreadsheet, analysis: Analysis): Placed {
  const all = Array.from({ length: analysis.customers.ids.length }, (_, i) => i);
  return writeOwnSheet(spreadsheet, CUSTOMER_VALUE_SHEET, customerTable(CUSTOMER_VALUE_KEY, analysis, all));
}

/** One segment's customers, highest predicted value first, on "Segment: <name>" (sidebar.ts exportSegment). */
export function writeSegmentSheet(spreadsheet: Spreadsheet, analysis: Analysis, segment: Segment): Placed {
  const rows: number[] = [];
  analysis.values.segment.forEach((s, i) => {
    if (s === segment) rows.push(i);
  });
  rows.sort((a, b) => analysis.values.predicted[b] - analysis.values.predicted[a] || a - b);
  return writeOwnSheet(spreadsheet, segmentSheetName(segment), customerTable(segmentKey(segment), analysis, rows));
}

/** Charts sit to the right of the tables, from column L down. */
const CHART_COLUMN = 12;
const CHART_ROWS = 19;

/** A cohort triangle and the calendar period of its columns. */
export interface Cohorts {
  table: CohortTable;
  period: 'month' | 'quarter';
}

export function writeSegmentsSheet(spreadsheet: Spreadsheet, analysis: Analysis, request: AnalysisRequest, cohorts: Cohorts | null = null): Placed {
  const plan = new SheetPlan(SEGMENTS_KEY);
  const predicted = predictedLabel(analysis);
  let row = 1;

  const title = (text: string): void => {
    const at = row;
    plan.put(at, 1, [[text]]).style((sheet) => sheet.getRange(at, 1).setFontWeight('bold'));
    row++;
  };
  const note = (text: string): void => {
    plan.put(row, 1, [[text]]);
    row++;
  };
  const table = (values: CellOut[][], formats: (string | null)[]): number => {
    const start = row;
    plan.put(start, 1, values).style((sheet) => {
      sheet.getRange(start, 1, 1, values[0].length).setFontWeight('bold').setBackground('#f3f3f3');
      formats.forEach((f, j) => {
        if (f && values.length > 1) sheet.getRange(start + 1, j + 1, values.length - 1, 1).setNumberFormat(f);
      });
    });
    row += values.length + 1;
    return start;
  };

  // The headline: each figure says what it sums.
  const t = analysis.totals;
  title(`Customer value as of ${isoFromDay(analysis.options.asOfDay)}`);
  const headline: CellOut[][] = [
    ['Figure', 'Value', 'What it sums'],
    ['Past value', t.past, 'Revenue − cost of every customer up to the as-of date: already earned.'],
    [predicted, t.predicted, `Discounted expected margin of every customer over the next ${analysis.options.horizonMonths} months: the CLV() cell's values, summed.`],
    ['Total value', t.total, 'Past value + predicted value.'],
    ...(analysis.customers.referrerOf
      ? [['Referral value (attribution)', t.referral, 'Total value of the customers referred by another customer: already inside the total value, never added to it.'] as CellOut[]]
      : []),
    ['Top 20% share of predicted value', analysis.topShare, 'The 20% of customers with the most predicted value hold this share of it.'],
  ];
  const headlineStart = table(headline, [null, MONEY, null]);
  plan.style((sheet) => sheet.getRange(headlineStart + headline.length - 1, 2).setNumberFormat(PERCENT));
  note(`Purchase model: ${analysis.modelReason}`);
  row++;

  const groupHeader = (first: string): string[] => [first, 'Customers', 'Share of customers', 'Revenue', 'Past value', predicted, 'Share of predicted value', 'Total value', 'What it is'];
  const groupFormats = [null, '0', PERCENT, MONEY, MONEY, MONEY, PERCENT, MONEY, null];
  const groupRow = (g: Analysis['segments'][number] | Analysis['stages'][number], description: string): CellOut[] => [
    g.name,
    g.customers,
    g.customerShare,
    g.revenue,
    g.pastValue,
    g.predictedValue,
    g.predictedShare,
    g.totalValue,
    description,
  ];

  title('Value segments');
  const segmentStart = table([groupHeader('Segment'), ...analysis.segments.map((g) => groupRow(g, segmentDescription(g.name, request.cut)))], groupFormats);
  plan.style((sheet) => sheet.getRange(segmentStart + 1, 1, SEGMENTS.length, 1).setBackgrounds(SEGMENTS.map((s) => [SEGMENT_COLORS[s]])));

  title('Lifecycle stages');
  const rules = { inactiveDays: request.inactiveDays };
  table([groupHeader('Stage'), ...analysis.stages.map((g) => groupRow(g, stageDescription(g.name, rules)))], groupFormats);

  title('What to do, by segment and stage');
  table(
    [['Segment', 'Stage', 'Customers', predicted, 'What to do'], ...analysis.actions.map((g) => [g.segment, g.stage, g.customers, g.predictedValue, g.advice])],
    [null, null, '0', MONEY, null],
  );

  title('Contact first: the most predicted value at stake (predicted value × (1 − P(alive)))');
  const v = analysis.values;
  if (analysis.contactFirst.length === 0) note('No customer has predicted value at stake.');
  else {
    table(
      [
        ['Customer', 'Segment', 'Stage', predicted, 'P(alive)', 'Value at stake', 'Days since last order', 'Next order due'],
        ...analysis.contactFirst.map((i) => [
          analysis.customers.ids[i],
          v.segment[i],
          v.stage[i],
          v.predicted[i],
          v.pAlive[i],
          v.atStake[i],
          v.daysSinceLast[i],
          Number.isNaN(v.nextOrderDue[i]) ? '' : toDate(v.nextOrderDue[i]),
        ]),
      ],
      [null, null, null, MONEY, '0%', MONEY, '0', DATE],
    );
  }

  const h = analysis.holdout;
  if (h) {
    title(`Holdout check: the model fitted without the last ${Math.round(h.holdoutDays)} days, against what customers then bought`);
    note(h.sentence);
    const verdictWords = (g: GroupVerdict): string =>
      g.verdict === null ? 'too few to judge' : g.verdict === 'within' ? 'within' : g.verdict === 'above' ? 'above: under-predicted' : 'below: over-predicted';
    table(
      [
        ['Repeat purchases before', 'Customers', 'Predicted (mean)', 'Actual (mean)', 'Expected range from', 'to', 'Verdict'],
        ...[...h.groups, h.total].map((g) => [g.label, g.customers, g.predicted, g.actual, g.low ?? '', g.high ?? '', verdictWords(g)]),
      ],
      [null, '0', '0.00', '0.00', '0.00', '0.00', null],
    );
    row--;
    note(VERDICT_METHOD);
    row++;
  } else {
    title('Holdout check: none (it needs an order log of at least 180 days, the last third held out)');
    row++;
  }

  const purchaseLabel = modelNamed(analysis.model).label;
  title(`Model fit: ${purchaseLabel} (purchases, in days) and ${gammagamma.label} (spend per order)`);
  const fitRows = (label: string, fit: Analysis['purchaseFit']): CellOut[][] => [
    ...Object.entries(fit.params).map(([name, value]) => {
      const se = fit.standardErrors[name];
      return [label, name, value, Number.isFinite(se) ? se : ''];
    }),
    [label, 'log_likelihood', fit.logLikelihood, ''],
    [label, 'converged', fit.converged, fit.message],
  ];
  table([['Model', 'Parameter', 'Value', 'Standard error'], ...fitRows(purchaseLabel, analysis.purchaseFit), ...fitRows(gammagamma.label, analysis.spendFit)], [null, null, '0.0000', '0.0000']);
  if (analysis.candidates.length > 0) {
    title('Models compared on the holdout (lowest mean error chosen)');
    table(
      [['Model', 'Mean error (purchases per customer)', 'Chosen', 'Note'], ...analysis.candidates.map((c) => [c.label, c.mae ?? '', c.model === analysis.model, c.note])],
      [null, '0.000', null, null],
    );
  }

  title('Cumulative value curve (customers ranked by predicted value)');
  const curveStart = table(
    [['Share of customers (top first)', 'Share of predicted value'], ...analysis.pareto.map((p) => [p.customerShare, p.valueShare])],
    [PERCENT, PERCENT],
  );

  if (cohorts && cohorts.table.rows.length > 0) {
    const { table: cohort, period } = cohorts;
    const Period = period === 'month' ? 'Month' : 'Quarter';
    title(`Cohort triangle: share of each ${period}'s new customers who bought 0, 1, 2, … ${period}s after their first purchase`);
    const header = ['Cohort (first purchase)', 'Customers', ...Array.from({ length: cohort.periods }, (_, k) => `${Period} ${k}`)];
    const cells = cohort.rows.map((r) => [r.label, r.size, ...Array.from({ length: cohort.periods }, (_, k) => (k < r.values.length ? r.values[k] : ''))]);
    const start = table([header, ...cells], [null, '0', ...new Array<string>(cohort.periods).fill(PERCENT)]);
    // The heatmap: a colour scale from white (the lowest share) to green (the highest, period 0's 100%).
    plan.rules.push({
      a1: a1Range(start + 1, 3, cohort.rows.length, cohort.periods),
      build: (range) => SpreadsheetApp.newConditionalFormatRule().setGradientMinpoint('#ffffff').setGradientMaxpoint('#57bb8a').setRanges([range]).build(),
    });
  }

  addCharts(plan, segmentStart, curveStart, analysis.pareto.length);
  plan.style((sheet) => sheet.setColumnWidth(1, 220));
  return writeOwnSheet(spreadsheet, SEGMENTS_SHEET, plan);
}

function addCharts(plan: SheetPlan, segmentStart: number, curveStart: number, curvePoints: number): void {
  const segmentRows = SEGMENTS.length + 1;
  // Past and predicted value side by side (columns E and F of the segment table), stacked: their sum is the total.
  plan.charts.push((sheet) =>
    sheet
      .newChart()
      .setChartType(Charts.ChartType.COLUMN)
      .addRange(sheet.getRange(segmentStart, 1, segmentRows, 1))
      .addRange(sheet.getRange(segmentStart, 5, segmentRows, 2))
      .setNumHeaders(1)
      .setPosition(1, CHART_COLUMN, 0, 0)
      .setOption('title', 'Value by segment: past + predicted = total')
      .setOption('isStacked', true)
      .build(),
  );
  plan.charts.push((sheet) =>
    sheet
      .newChart()
      .setChartType(Charts.ChartType.COLUMN)
      .addRange(sheet.getRange(segmentStart, 1, segmentRows, 2))
      .setNumHeaders(1)
      .setPosition(1 + CHART_ROWS, CHART_COLUMN, 0, 0)
      .setOption('title', 'Customers per segment')
      .setOption('legend', { position: 'none' })
      .build(),
  );
  plan.charts.push((sheet) =>
    sheet
      .newChart()
      .setChartType(Charts.ChartType.LINE)
      .addRange(sheet.getRange(curveStart, 1, curvePoints + 1, 2))
      .setNumHeaders(1)
      .setPosition(1 + 2 * CHART_ROWS, CHART_COLUMN, 0, 0)
      .setOption('title', 'Cumulative predicted value (customers ranked by it)')
      .setOption('hAxis', { title: 'Share of customers, most valuable first', format: 'percent' })
      .setOption('vAxis', { title: 'Share of predicted value', format: 'percent' })
      .build(),
  );
  // Each chart's anchor cell must be inside the grid.
  plan.minRows = Math.max(plan.minRows, 1 + 2 * CHART_ROWS);
  plan.minColumns = Math.max(plan.minColumns, CHART_COLUMN);
}
