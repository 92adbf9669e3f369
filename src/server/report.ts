/** The sheets the analysis writes: one row per customer, the segment summary with charts, the Segment column. */
import type { Analysis } from '../core/analysis';
import { HOLDOUT_GROUPS } from '../core/holdout';
import { MODEL_LABELS } from '../core/models/registry';
import { SEGMENTS, type Segment } from '../core/segment';
import { toDate } from './args';
import type { AnalysisRequest } from './contract';
import { asText, columnLetters, ensureSize, ownSheet, writeBlock, type CellOut } from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const CUSTOMER_VALUE_SHEET = 'Customer value';
export const SEGMENTS_SHEET = 'Segments';
export const SEGMENT_HEADER = 'Segment';

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

export function writeCustomerValueSheet(spreadsheet: Spreadsheet, analysis: Analysis, withNetworking: boolean): Sheet {
  const sheet = ownSheet(spreadsheet, CUSTOMER_VALUE_SHEET);
  const { customers: c, values: v } = analysis;
  const columns: { header: string; format?: string; value: (i: number) => CellOut }[] = [
    { header: 'Customer', value: (i) => (typeof c.ids[i] === 'string' ? asText(c.ids[i] as string) : c.ids[i]) },
    { header: 'Orders', format: '0', value: (i) => c.orders[i] },
    { header: 'First order', format: 'yyyy-mm-dd', value: (i) => toDate(c.firstDay[i]) },
    { header: 'Last order', format: 'yyyy-mm-dd', value: (i) => toDate(c.lastDay[i]) },
    { header: 'Revenue', format: MONEY, value: (i) => c.revenue[i] },
    { header: 'Cost', format: MONEY, value: (i) => v.cost[i] },
    { header: 'Base value', format: MONEY, value: (i) => v.base[i] },
    { header: 'P(alive)', format: '0%', value: (i) => v.pAlive[i] },
    { header: 'Expected purchases', format: '0.00', value: (i) => v.expectedPurchases[i] },
    { header: 'Growth value', format: MONEY, value: (i) => v.growth[i] },
    ...(withNetworking ? [{ header: 'Networking value', format: MONEY, value: (i: number) => v.networking[i] }] : []),
    { header: 'Total CLV', format: MONEY, value: (i) => v.clv[i] },
    { header: 'Lifecycle stage', value: (i) => v.stage[i] },
    { header: 'Value segment', value: (i) => v.segment[i] },
  ];
  const n = c.ids.length;
  const rows: CellOut[][] = [columns.map((col) => col.header)];
  for (let i = 0; i < n; i++) rows.push(columns.map((col) => col.value(i)));
  writeBlock(sheet, 1, 1, rows);
  sheet.getRange(1, 1, 1, columns.length).setFontWeight('bold').setBackground('#f3f3f3');
  sheet.setFrozenRows(1);
  columns.forEach((col, j) => {
    if (col.format) sheet.getRange(2, j + 1, n, 1).setNumberFormat(col.format);
  });
  sheet.getRange(2, 1, n, columns.length).setBackgrounds(v.segment.map((s) => new Array<string>(columns.length).fill(SEGMENT_COLORS[s])));
  sheet.autoResizeColumns(1, columns.length);
  return sheet;
}

export function writeSegmentsSheet(spreadsheet: Spreadsheet, analysis: Analysis, request: AnalysisRequest): Sheet {
  const sheet = ownSheet(spreadsheet, SEGMENTS_SHEET);
  const predictedHeader = `Predicted value (next ${request.horizonMonths} months)`;
  const groupHeader = (first: string): string[] => [first, 'Customers', 'Share of customers', 'Revenue', 'Share of revenue', 'Average CLV', predictedHeader];
  let row = 1;

  const title = (text: string): void => {
    writeBlock(sheet, row, 1, [[text]]);
    sheet.getRange(row, 1).setFontWeight('bold');
    row++;
  };
  const table = (values: CellOut[][], formats: (string | null)[]): number => {
    const start = row;
    writeBlock(sheet, row, 1, values);
    sheet.getRange(row, 1, 1, values[0].length).setFontWeight('bold').setBackground('#f3f3f3');
    formats.forEach((f, j) => {
      if (f && values.length > 1) sheet.getRange(row + 1, j + 1, values.length - 1, 1).setNumberFormat(f);
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
  sheet.getRange(segmentStart + 1, 1, SEGMENTS.length, 1).setBackgrounds(SEGMENTS.map((s) => [SEGMENT_COLORS[s]]));

  title('Lifecycle stages');
  table([groupHeader('Stage'), ...analysis.stages.map((g) => [g.name, g.customers, g.customerShare, g.revenue, g.revenueShare, g.averageClv, g.predictedValue])], groupFormats);

  title('Concentration');
  writeBlock(sheet, row, 1, [['Share of total customer value held by the top 20% of customers', analysis.top20Share]]);
  sheet.getRange(row, 2).setNumberFormat(PERCENT);
  row += 2;

  title(`Model fit: ${MODEL_LABELS.bgnbd} (purchases, in days) and ${MODEL_LABELS.gammagamma} (spend per order)`);
  const fitRows = (label: string, fit: { params: object; standardErrors: object; logLikelihood: number; converged: boolean; message: string }): CellOut[][] => [
    ...Object.entries(fit.params as Record<string, number>).map(([name, value]) => {
      const se = (fit.standardErrors as Record<string, number>)[name];
      return [label, name, value, Number.isFinite(se) ? se : ''];
    }),
    [label, 'log_likelihood', fit.logLikelihood, ''],
    [label, 'converged', fit.converged, fit.message],
  ];
  table([['Model', 'Parameter', 'Value', 'Standard error'], ...fitRows(MODEL_LABELS.bgnbd, analysis.purchaseFit), ...fitRows(MODEL_LABELS.gammagamma, analysis.spendFit)], [null, null, '0.0000', '0.0000']);

  if (analysis.holdout) {
    const h = analysis.holdout;
    title(`Holdout check: the model fitted without the last ${Math.round(h.holdoutLength)} days, against what customers then bought`);
    table(
      [
        ['Repeat purchases before', 'Customers', 'Predicted (mean)', 'Actual (mean)'],
        ...[...h.groups, h.total].slice(0, HOLDOUT_GROUPS + 1).map((g) => [g.label === 'All' ? 'All' : `'${g.label}`, g.customers, g.predicted, g.actual]),
      ],
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

  addCharts(sheet, segmentStart, curveStart, analysis.pareto.length);
  sheet.setColumnWidth(1, 220);
  return sheet;
}

function segmentChart(sheet: Sheet, labels: GoogleAppsScript.Spreadsheet.Range, values: GoogleAppsScript.Spreadsheet.Range, row: number, title: string): void {
  sheet.insertChart(
    sheet
      .newChart()
      .setChartType(Charts.ChartType.COLUMN)
      .addRange(labels)
      .addRange(values)
      .setPosition(row, 10, 0, 0)
      .setOption('title', title)
      .setOption('legend', { position: 'none' })
      .build(),
  );
}

function addCharts(sheet: Sheet, segmentStart: number, curveStart: number, curvePoints: number): void {
  ensureSize(sheet, 40, 20);
  const segments = sheet.getRange(segmentStart, 1, SEGMENTS.length + 1, 1);
  const customers = sheet.getRange(segmentStart, 2, SEGMENTS.length + 1, 1);
  const predicted = sheet.getRange(segmentStart, 7, SEGMENTS.length + 1, 1);
  segmentChart(sheet, segments, customers, 1, 'Customers per segment');
  segmentChart(sheet, segments, predicted, 20, 'Predicted value per segment');
  sheet.insertChart(
    sheet
      .newChart()
      .setChartType(Charts.ChartType.LINE)
      .addRange(sheet.getRange(curveStart, 1, curvePoints + 1, 2))
      .setPosition(39, 10, 0, 0)
      .setOption('title', 'Cumulative customer value (Pareto curve)')
      .setOption('hAxis', { title: 'Share of customers, most valuable first', format: 'percent' })
      .setOption('vAxis', { title: 'Share of customer value', format: 'percent' })
      .build(),
  );
}

/**
 * Writes the Segment column beside a customer table: in the column the add-in wrote before, else in the first
 * empty column. Returns its A1 column letter.
 */
export function writeSegmentColumn(sheet: Sheet, sheetRows: number[], segments: Segment[]): string {
  const lastColumn = sheet.getLastColumn();
  const headers = sheet.getRange(1, 1, 1, Math.max(1, lastColumn)).getValues()[0];
  let column = headers.findIndex((h, j) => h === SEGMENT_HEADER && sheet.getRange(1, j + 1).getNote() === SEGMENT_NOTE) + 1;
  if (column === 0) column = lastColumn + 1;
  const height = sheet.getMaxRows();
  ensureSize(sheet, height, column);
  const values: CellOut[][] = Array.from({ length: height }, () => ['']);
  values[0] = [SEGMENT_HEADER];
  sheetRows.forEach((r, i) => (values[r - 1] = [segments[i]]));
  sheet.getRange(1, column, height, 1).setValues(values);
  sheet.getRange(1, column).setNote(SEGMENT_NOTE).setFontWeight('bold');
  return columnLetters(column);
}

const SEGMENT_NOTE = 'Written by Customer Value (Analyze customers). Running it again updates this column.';
