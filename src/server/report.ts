/**
 * The sheets the analysis writes: one row per customer, and the segment summary with charts. Each is planned in
 * full, then placed by writeOwnSheet, which never overwrites a cell of the user's (sheets.ts).
 */
import type { Analysis } from '../core/analysis';
import { HOLDOUT_GROUPS } from '../core/holdout';
import { gammagamma } from '../core/models/gammagamma';
import { modelNamed } from '../core/models/registry';
import { SEGMENTS, type Segment } from '../core/segment';
import { toDate } from './args';
import type { AnalysisRequest } from './contract';
import { SheetPlan, writeOwnSheet, type CellOut, type Placed } from './sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const CUSTOMER_VALUE_SHEET = 'Customer value';
export const SEGMENTS_SHEET = 'Segments';
/** How the result sheets are keyed among own sheets (sheets.ts): they hold results, not data to analyze. */
const CUSTOMER_VALUE_KEY = 'customer-value';
const SEGMENTS_KEY = 'segments';
export const RESULT_SHEET_KEYS: readonly string[] = [CUSTOMER_VALUE_KEY, SEGMENTS_KEY];

export const SEGMENT_COLORS: Record<Segment, string> = {
  Champions: '#d9ead3',
  Rising: '#cfe2f3',
  'At risk': '#fce5cd',
  'Low value': '#efefef',
};

export const SEGMENT_ADVICE: Record<Segment, string> = {
  Champions: 'High value so far and high expected growth: keep and reward them.',
  Rising: 'Low value so far but high expected growth: develop them.',
  'At risk': 'Valuable so far but little expected growth: win them back before they leave.',
  'Low value': 'Little value so far and little expected: serve them at low cost.',
};

const MONEY = '#,##0.00';
const PERCENT = '0.0%';

/** The Customer value sheet's columns: what each holds and how it is shown. */
function customerValueColumns(withNetworking: boolean): { header: string; format?: string; value: (a: Analysis, i: number) => CellOut }[] {
  return [
    { header: 'Customer', value: (a, i) => a.customers.ids[i] },
    { header: 'Orders', format: '0', value: (a, i) => a.customers.orders[i] },
    { header: 'First order', format: 'yyyy-mm-dd', value: (a, i) => toDate(a.customers.firstDay[i]) },
    { header: 'Last order', format: 'yyyy-mm-dd', value: (a, i) => toDate(a.customers.lastDay[i]) },
    { header: 'Revenue', format: MONEY, value: (a, i) => a.customers.revenue[i] },
    { header: 'Cost', format: MONEY, value: (a, i) => a.values.cost[i] },
    { header: 'Base value', format: MONEY, value: (a, i) => a.values.base[i] },
    { header: 'P(alive)', format: '0%', value: (a, i) => a.values.pAlive[i] },
    { header: 'Expected purchases', format: '0.00', value: (a, i) => a.values.expectedPurchases[i] },
    { header: 'Growth value', format: MONEY, value: (a, i) => a.values.growth[i] },
    ...(withNetworking ? [{ header: 'Networking value', format: MONEY, value: (a: Analysis, i: number) => a.values.networking[i] }] : []),
    { header: 'Total CLV', format: MONEY, value: (a, i) => a.values.clv[i] },
    { header: 'Lifecycle stage', value: (a, i) => a.values.stage[i] },
    { header: 'Value segment', value: (a, i) => a.values.segment[i] },
  ];
}

/** Cells the Customer value sheet takes: a header and one row per customer. */
export function customerValueCells(customers: number, withNetworking: boolean): number {
  return (customers + 1) * customerValueColumns(withNetworking).length;
}

export function writeCustomerValueSheet(spreadsheet: Spreadsheet, analysis: Analysis, withNetworking: boolean): Placed {
  const v = analysis.values;
  const columns = customerValueColumns(withNetworking);
  const n = analysis.customers.ids.length;
  const rows: CellOut[][] = [columns.map((col) => col.header)];
  for (let i = 0; i < n; i++) rows.push(columns.map((col) => col.value(analysis, i)));
  const plan = new SheetPlan(CUSTOMER_VALUE_KEY).put(1, 1, rows).style((sheet) => {
    sheet.getRange(1, 1, 1, columns.length).setFontWeight('bold').setBackground('#f3f3f3');
    sheet.setFrozenRows(1);
    columns.forEach((col, j) => {
      if (col.format && n > 0) sheet.getRange(2, j + 1, n, 1).setNumberFormat(col.format);
    });
    if (n > 0) sheet.getRange(2, 1, n, columns.length).setBackgrounds(v.segment.map((s) => new Array<string>(columns.length).fill(SEGMENT_COLORS[s])));
    sheet.autoResizeColumns(1, columns.length);
  });
  return writeOwnSheet(spreadsheet, CUSTOMER_VALUE_SHEET, plan);
}

export function writeSegmentsSheet(spreadsheet: Spreadsheet, analysis: Analysis, request: AnalysisRequest): Placed {
  const plan = new SheetPlan(SEGMENTS_KEY);
  const predictedHeader = `Predicted value (next ${request.horizonMonths} months)`;
  const groupHeader = (first: string): string[] => [first, 'Customers', 'Share of customers', 'Revenue', 'Share of revenue', 'Average CLV', predictedHeader];
  let row = 1;

  const title = (text: string): void => {
    const at = row;
    plan.put(at, 1, [[text]]).style((sheet) => sheet.getRange(at, 1).setFontWeight('bold'));
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
  const groupFormats = [null, '0', PERCENT, MONEY, PERCENT, MONEY, MONEY];

  title('Value segments');
  const segmentStart = table(
    [
      [...groupHeader('Segment'), 'What to do'],
      ...analysis.segments.map((g) => [g.name, g.customers, g.customerShare, g.revenue, g.revenueShare, g.averageClv, g.predictedValue, SEGMENT_ADVICE[g.name]]),
    ],
    groupFormats,
  );
  plan.style((sheet) => sheet.getRange(segmentStart + 1, 1, SEGMENTS.length, 1).setBackgrounds(SEGMENTS.map((s) => [SEGMENT_COLORS[s]])));

  title('Lifecycle stages');
  table([groupHeader('Stage'), ...analysis.stages.map((g) => [g.name, g.customers, g.customerShare, g.revenue, g.revenueShare, g.averageClv, g.predictedValue])], groupFormats);

  title('Concentration');
  const concentration = row;
  plan.put(concentration, 1, [['Share of total customer value held by the top 20% of customers', analysis.top20Share]]);
  plan.style((sheet) => sheet.getRange(concentration, 2).setNumberFormat(PERCENT));
  row += 2;

  const purchaseLabel = modelNamed(analysis.model).label;
  title(`Model fit: ${purchaseLabel} (purchases, in days) and ${gammagamma.label} (spend per order)`);
  const fitRows = (label: string, fit: { params: object; standardErrors: object; logLikelihood: number; converged: boolean; message: string }): CellOut[][] => [
    ...Object.entries(fit.params as Record<string, number>).map(([name, value]) => {
      const se = (fit.standardErrors as Record<string, number>)[name];
      return [label, name, value, Number.isFinite(se) ? se : ''];
    }),
    [label, 'log_likelihood', fit.logLikelihood, ''],
    [label, 'converged', fit.converged, fit.message],
  ];
  table([['Model', 'Parameter', 'Value', 'Standard error'], ...fitRows(purchaseLabel, analysis.purchaseFit), ...fitRows(gammagamma.label, analysis.spendFit)], [null, null, '0.0000', '0.0000']);

  if (analysis.holdout) {
    const h = analysis.holdout;
    title(`Holdout check: the model fitted without the last ${Math.round(h.holdoutLength)} days, against what customers then bought`);
    table(
      [['Repeat purchases before', 'Customers', 'Predicted (mean)', 'Actual (mean)'], ...[...h.groups, h.total].slice(0, HOLDOUT_GROUPS + 1).map((g) => [g.label, g.customers, g.predicted, g.actual])],
      [null, '0', '0.00', '0.00'],
    );
  } else {
    title('Holdout check: not enough history (needs about 6 months of orders)');
    row++;
  }

  title('Cumulative value curve');
  const curveStart = table(
    [['Share of customers (top first)', 'Share of customer value'], ...analysis.pareto.map((p) => [p.customerShare, p.valueShare])],
    [PERCENT, PERCENT],
  );

  addCharts(plan, segmentStart, curveStart, analysis.pareto.length);
  plan.style((sheet) => sheet.setColumnWidth(1, 220));
  return writeOwnSheet(spreadsheet, SEGMENTS_SHEET, plan);
}

function segmentChart(plan: SheetPlan, segmentStart: number, valueColumn: number, row: number, title: string): void {
  plan.charts.push((sheet) =>
    sheet
      .newChart()
      .setChartType(Charts.ChartType.COLUMN)
      .addRange(sheet.getRange(segmentStart, 1, SEGMENTS.length + 1, 1))
      .addRange(sheet.getRange(segmentStart, valueColumn, SEGMENTS.length + 1, 1))
      .setPosition(row, CHART_COLUMN, 0, 0)
      .setOption('title', title)
      .setOption('legend', { position: 'none' })
      .build(),
  );
}

/** Charts sit to the right of the tables, from column J down. */
const CHART_COLUMN = 10;

function addCharts(plan: SheetPlan, segmentStart: number, curveStart: number, curvePoints: number): void {
  segmentChart(plan, segmentStart, 2, 1, 'Customers per segment');
  segmentChart(plan, segmentStart, 7, 20, 'Predicted value per segment');
  plan.charts.push((sheet) =>
    sheet
      .newChart()
      .setChartType(Charts.ChartType.LINE)
      .addRange(sheet.getRange(curveStart, 1, curvePoints + 1, 2))
      .setPosition(39, CHART_COLUMN, 0, 0)
      .setOption('title', 'Cumulative customer value (Pareto curve)')
      .setOption('hAxis', { title: 'Share of customers, most valuable first', format: 'percent' })
      .setOption('vAxis', { title: 'Share of customer value', format: 'percent' })
      .build(),
  );
  // Each chart's anchor cell must be inside the grid.
  plan.minRows = Math.max(plan.minRows, 39);
  plan.minColumns = Math.max(plan.minColumns, CHART_COLUMN);
}
