/**
 * The sheets the analysis writes: one row per customer, the Segments sheet (the headline figures, segments, stages,
 * what to do, whom to contact first, the holdout verdict, the model, the cumulative value curve, the cohort
 * triangle as a heatmap, and native charts), and one segment's customers on a sheet of their own for export. Each is
 * planned in full, then placed by writeOwnSheet, which never overwrites a cell of the user's (sheets.ts).
 *
 * In the analysis's language (AnalysisRequest.language, else the user's): headers, texts, segment and stage names,
 * advice and chart titles from the sheets catalogue; right to left in Persian and Arabic. Numbers stay numbers and
 * dates date cells (Sheets shows them in the spreadsheet's locale); only numbers inside sentences take the language's
 * digits. The model's reason and the optimizers' notes are English sentences of core and stay so for now.
 */
import { a1Range } from '../core/a1';
import type { Analysis } from '../core/analysis';
import type { CohortTable } from '../core/cohort';
import { isoFromDay } from '../core/dates';
import { gammagamma } from '../core/models/gammagamma';
import { modelNamed } from '../core/models/registry';
import { fill } from '../core/i18n/format';
import { render } from '../core/i18n/errors';
import { isLanguage, LANGUAGES, type Language } from '../core/i18n/language';
import {
  adviceIn,
  localDigits,
  segmentDescriptionIn,
  segmentName,
  SHEETS,
  sheetText,
  stageDescriptionIn,
  stageName,
  type SheetKey,
  type SheetParams,
} from '../core/i18n/sheets';
import { SEGMENTS, type Segment } from '../core/segment';
import type { GroupVerdict } from '../core/verdict';
import { toDate } from './args';
import type { AnalysisRequest } from './contract';
import { userLanguage } from './language';
import { SheetPlan, writeOwnSheet, type CellOut, type Placed } from './sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The sheets' English names; each language names them in its own words (sheetName). */
export const CUSTOMER_VALUE_SHEET = SHEETS.en['name.customerValue'];
export const SEGMENTS_SHEET = SHEETS.en['name.segments'];
/** How the result sheets are keyed among own sheets (sheets.ts): they hold results, not data to analyze. */
const CUSTOMER_VALUE_KEY = 'customer-value';
const SEGMENTS_KEY = 'segments';
const segmentKey = (segment: Segment): string => `segment-export:${segment}`;
export const RESULT_SHEET_KEYS: readonly string[] = [CUSTOMER_VALUE_KEY, SEGMENTS_KEY, ...SEGMENTS.map(segmentKey)];

/**
 * Customer value's and Segments' names in every language: where the add-in's result sheets may be (a sheet keeps the
 * name of the language it was first written in), e.g. to count the cells a refresh in place gives back.
 */
export const RESULT_SHEET_NAMES: readonly string[] = LANGUAGES.flatMap((l) => [SHEETS[l]['name.customerValue'], SHEETS[l]['name.segments']]);

/** The sheet one segment's customers are exported to, "Segment: Champions" in English. */
export const segmentSheetName = (segment: Segment, language: Language = 'en'): string =>
  // Not isolated (FSI…PDI): a sheet's name is typed in formulas, and the segment's name is in the same language.
  fill(language, SHEETS[language]['name.segmentExport'], { segment: segmentName(language, segment) }, new Set(['segment']));

/** A result sheet's name in a language, and its names in the others (where a run in another language finds it). */
function namesOf(language: Language, nameIn: (language: Language) => string): [string, string[]] {
  return [nameIn(language), LANGUAGES.filter((l) => l !== language).map(nameIn)];
}

/** The words of one language, typed as sheetText. */
type Words = <K extends SheetKey>(key: K, ...params: SheetParams<K>) => string;
const wordsOf =
  (language: Language): Words =>
  (key, ...params) =>
    sheetText(language, key, ...params);

export const SEGMENT_COLORS: Record<Segment, string> = {
  Champions: '#d9ead3',
  Rising: '#cfe2f3',
  'Past stars': '#fce5cd',
  'Low value': '#efefef',
};

const MONEY = '#,##0.00';
const PERCENT = '0.0%';
const DATE = 'yyyy-mm-dd';

interface Column {
  header: string;
  format?: string;
  value: (a: Analysis, i: number) => CellOut;
}

/** The Customer value sheet's columns: what each holds and how it is shown. */
function customerValueColumns(months: number, withReferrals: boolean, language: Language): Column[] {
  const w = wordsOf(language);
  const horizon = { months: localDigits(language, String(months)) };
  return [
    { header: w('cv.customer'), value: (a, i) => a.customers.ids[i] },
    { header: w('cv.orders'), format: '0', value: (a, i) => a.customers.orders[i] },
    { header: w('cv.firstOrder'), format: DATE, value: (a, i) => toDate(a.customers.firstDay[i]) },
    { header: w('cv.lastOrder'), format: DATE, value: (a, i) => toDate(a.customers.lastDay[i]) },
    { header: w('cv.daysSinceLast'), format: '0', value: (a, i) => a.values.daysSinceLast[i] },
    // Blank without a repeat purchase: there is no rhythm to go by (core/contact.ts).
    { header: w('cv.nextDue'), format: DATE, value: (a, i) => (Number.isNaN(a.values.nextOrderDue[i]) ? '' : toDate(a.values.nextOrderDue[i])) },
    { header: w('cv.revenue'), format: MONEY, value: (a, i) => a.customers.revenue[i] },
    { header: w('cv.cost'), format: MONEY, value: (a, i) => a.values.cost[i] },
    { header: w('cv.past'), format: MONEY, value: (a, i) => a.values.past[i] },
    { header: w('cv.pAlive'), format: '0%', value: (a, i) => a.values.pAlive[i] },
    { header: w('cv.expected', horizon), format: '0.00', value: (a, i) => a.values.expectedPurchases[i] },
    { header: w('cv.predicted', horizon), format: MONEY, value: (a, i) => a.values.predicted[i] },
    { header: w('cv.total'), format: MONEY, value: (a, i) => a.values.total[i] },
    ...(withReferrals ? [{ header: w('cv.referral'), format: MONEY, value: (a: Analysis, i: number) => a.values.referral[i] }] : []),
    { header: w('cv.stage'), value: (a, i) => stageName(language, a.values.stage[i]) },
    { header: w('cv.segment'), value: (a, i) => segmentName(language, a.values.segment[i]) },
    { header: w('cv.advice'), value: (a, i) => adviceIn(language, a.values.segment[i], a.values.stage[i]) },
  ];
}

/** Cells the Customer value sheet takes: a header and one row per customer. */
export function customerValueCells(customers: number, withReferrals: boolean): number {
  return (customers + 1) * customerValueColumns(0, withReferrals, 'en').length;
}

/** The language to write in: the request's when it names one the add-in speaks (it comes from the browser), else the user's. */
export function sheetLanguage(asked: unknown): Language {
  return isLanguage(asked) ? asked : userLanguage();
}

/** A plan of the customers `rows` (indices) with the Customer value sheet's columns, coloured by segment. */
function customerTable(key: string, analysis: Analysis, rows: readonly number[], language: Language): SheetPlan {
  const columns = customerValueColumns(analysis.options.horizonMonths, analysis.customers.referrerOf !== undefined, language);
  const n = rows.length;
  const cells: CellOut[][] = [columns.map((col) => col.header)];
  for (const i of rows) cells.push(columns.map((col) => col.value(analysis, i)));
  return new SheetPlan(key, language).put(1, 1, cells).style((sheet) => {
    sheet.getRange(1, 1, 1, columns.length).setFontWeight('bold').setBackground('#f3f3f3');
    sheet.setFrozenRows(1);
    columns.forEach((col, j) => {
      if (col.format && n > 0) sheet.getRange(2, j + 1, n, 1).setNumberFormat(col.format);
    });
    if (n > 0) sheet.getRange(2, 1, n, columns.length).setBackgrounds(rows.map((i) => new Array<string>(columns.length).fill(SEGMENT_COLORS[analysis.values.segment[i]])));
    sheet.autoResizeColumns(1, columns.length);
  });
}

/** The Customer value sheet, in `language` (left out: the user's). */
export function writeCustomerValueSheet(spreadsheet: Spreadsheet, analysis: Analysis, language: Language = userLanguage()): Placed {
  const all = Array.from({ length: analysis.customers.ids.length }, (_, i) => i);
  const [name, others] = namesOf(language, (l) => SHEETS[l]['name.customerValue']);
  return writeOwnSheet(spreadsheet, name, customerTable(CUSTOMER_VALUE_KEY, analysis, all, language), others);
}

/** One segment's customers, highest predicted value first, on "Segment: <name>" (sidebar.ts exportSegment). */
export function writeSegmentSheet(spreadsheet: Spreadsheet, analysis: Analysis, segment: Segment, language: Language = userLanguage()): Placed {
  const rows: number[] = [];
  analysis.values.segment.forEach((s, i) => {
    if (s === segment) rows.push(i);
  });
  rows.sort((a, b) => analysis.values.predicted[b] - analysis.values.predicted[a] || a - b);
  const [name, others] = namesOf(language, (l) => segmentSheetName(segment, l));
  return writeOwnSheet(spreadsheet, name, customerTable(segmentKey(segment), analysis, rows, language), others);
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
  const language = sheetLanguage(request.language);
  const w = wordsOf(language);
  const digits = (n: number): string => localDigits(language, String(n));
  const plan = new SheetPlan(SEGMENTS_KEY, language);
  const months = { months: digits(analysis.options.horizonMonths) };
  const predicted = w('cv.predicted', months);
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
  title(w('seg.title', { date: localDigits(language, isoFromDay(analysis.options.asOfDay)) }));
  const headline: CellOut[][] = [
    [w('seg.figure'), w('seg.value'), w('seg.sums')],
    [w('seg.past'), t.past, w('seg.pastSums')],
    [predicted, t.predicted, w('seg.predictedSums', months)],
    [w('seg.total'), t.total, w('seg.totalSums')],
    ...(analysis.customers.referrerOf ? [[w('seg.referral'), t.referral, w('seg.referralSums')] as CellOut[]] : []),
    [w('seg.topShare'), analysis.topShare, w('seg.topShareSums')],
  ];
  const headlineStart = table(headline, [null, MONEY, null]);
  plan.style((sheet) => sheet.getRange(headlineStart + headline.length - 1, 2).setNumberFormat(PERCENT));
  // The reason is an English sentence of core (analysis.ts chooseModel): another language names the model only.
  note(w('seg.model', { reason: language === 'en' ? analysis.modelReason : modelNamed(analysis.model).label }));
  row++;

  const groupHeader = (first: string): string[] => [
    first,
    w('seg.customers'),
    w('seg.customerShare'),
    w('seg.revenue'),
    w('seg.pastValue'),
    predicted,
    w('seg.predictedShare'),
    w('seg.totalValue'),
    w('seg.whatItIs'),
  ];
  const groupFormats = [null, '0', PERCENT, MONEY, MONEY, MONEY, PERCENT, MONEY, null];
  const groupRow = (g: Analysis['segments'][number] | Analysis['stages'][number], name: string, description: string): CellOut[] => [
    name,
    g.customers,
    g.customerShare,
    g.revenue,
    g.pastValue,
    g.predictedValue,
    g.predictedShare,
    g.totalValue,
    description,
  ];

  title(w('seg.segments'));
  const segmentStart = table(
    [groupHeader(w('seg.segment')), ...analysis.segments.map((g) => groupRow(g, segmentName(language, g.name), segmentDescriptionIn(language, g.name, request.cut)))],
    groupFormats,
  );
  plan.style((sheet) => sheet.getRange(segmentStart + 1, 1, SEGMENTS.length, 1).setBackgrounds(SEGMENTS.map((s) => [SEGMENT_COLORS[s]])));

  title(w('seg.stages'));
  const rules = { inactiveDays: request.inactiveDays };
  table([groupHeader(w('seg.stage')), ...analysis.stages.map((g) => groupRow(g, stageName(language, g.name), stageDescriptionIn(language, g.name, rules)))], groupFormats);

  title(w('seg.actions'));
  table(
    [
      [w('seg.segment'), w('seg.stage'), w('seg.customers'), predicted, w('seg.advice')],
      ...analysis.actions.map((g) => [segmentName(language, g.segment), stageName(language, g.stage), g.customers, g.predictedValue, adviceIn(language, g.segment, g.stage)]),
    ],
    [null, null, '0', MONEY, null],
  );

  title(w('seg.contact'));
  const v = analysis.values;
  if (analysis.contactFirst.length === 0) note(w('seg.noneAtStake'));
  else {
    table(
      [
        [w('cv.customer'), w('seg.segment'), w('seg.stage'), predicted, w('cv.pAlive'), w('seg.atStake'), w('seg.daysSinceLast'), w('seg.nextDue')],
        ...analysis.contactFirst.map((i) => [
          analysis.customers.ids[i],
          segmentName(language, v.segment[i]),
          stageName(language, v.stage[i]),
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
    const days = digits(Math.round(h.holdoutDays));
    title(w('seg.holdout', { days }));
    note(language === 'en' ? h.sentence : holdoutSentence(w, digits, h.total, days));
    const verdictWords = (g: GroupVerdict): string =>
      w(g.verdict === null ? 'verdict.none' : g.verdict === 'within' ? 'verdict.within' : g.verdict === 'above' ? 'verdict.above' : 'verdict.below');
    // The groups' labels are counts of repeat purchases ("0", "7+") and the whole's "All".
    const label = (g: GroupVerdict): string => (g === h.total ? w('seg.all') : localDigits(language, g.label));
    table(
      [
        [w('seg.repeatBefore'), w('seg.customers'), w('seg.predictedMean'), w('seg.actualMean'), w('seg.rangeFrom'), w('seg.rangeTo'), w('seg.verdict')],
        ...[...h.groups, h.total].map((g) => [label(g), g.customers, g.predicted, g.actual, g.low ?? '', g.high ?? '', verdictWords(g)]),
      ],
      [null, '0', '0.00', '0.00', '0.00', '0.00', null],
    );
    row--;
    note(w('seg.method'));
    row++;
  } else {
    title(w('seg.holdoutNone'));
    row++;
  }

  const purchaseLabel = modelNamed(analysis.model).label;
  title(w('seg.fit', { purchase: purchaseLabel, spend: gammagamma.label }));
  const fitRows = (label: string, fit: Analysis['purchaseFit']): CellOut[][] => [
    ...Object.entries(fit.params).map(([name, value]) => {
      const se = fit.standardErrors[name];
      return [label, name, value, Number.isFinite(se) ? se : ''];
    }),
    [label, 'log_likelihood', fit.logLikelihood, ''],
    [label, 'converged', fit.converged, fit.said ? render(language, fit.said) : fit.message],
  ];
  table(
    [[w('seg.model.column'), w('seg.parameter'), w('seg.value'), w('seg.standardError')], ...fitRows(purchaseLabel, analysis.purchaseFit), ...fitRows(gammagamma.label, analysis.spendFit)],
    [null, null, '0.0000', '0.0000'],
  );
  if (analysis.candidates.length > 0) {
    title(w('seg.compared'));
    table(
      [[w('seg.model.column'), w('seg.meanError'), w('seg.chosen'), w('seg.note')], ...analysis.candidates.map((c) => [c.label, c.mae ?? '', c.model === analysis.model, c.noteSaid ? render(language, c.noteSaid) : c.note])],
      [null, '0.000', null, null],
    );
  }

  title(w('seg.curve'));
  const curveStart = table([[w('seg.curveCustomers'), w('seg.curveValue')], ...analysis.pareto.map((p) => [p.customerShare, p.valueShare])], [PERCENT, PERCENT]);

  if (cohorts && cohorts.table.rows.length > 0) {
    const { table: cohort, period } = cohorts;
    title(w(period === 'month' ? 'seg.cohortsMonth' : 'seg.cohortsQuarter'));
    // The rows' labels come with the table (server/cohorts.ts: Persian-calendar labels in the language's words).
    const header = [w('seg.cohort'), w('seg.customers'), ...Array.from({ length: cohort.periods }, (_, k) => w(period === 'month' ? 'seg.month' : 'seg.quarter', { k: digits(k) }))];
    const cells = cohort.rows.map((r) => [r.label, r.size, ...Array.from({ length: cohort.periods }, (_, k) => (k < r.values.length ? r.values[k] : ''))]);
    const start = table([header, ...cells], [null, '0', ...new Array<string>(cohort.periods).fill(PERCENT)]);
    // The heatmap: a colour scale from white (the lowest share) to green (the highest, period 0's 100%).
    plan.rules.push({
      a1: a1Range(start + 1, 3, cohort.rows.length, cohort.periods),
      build: (range) => SpreadsheetApp.newConditionalFormatRule().setGradientMinpoint('#ffffff').setGradientMaxpoint('#57bb8a').setRanges([range]).build(),
    });
  }

  addCharts(plan, w, segmentStart, curveStart, analysis.pareto.length);
  plan.style((sheet) => sheet.setColumnWidth(1, 220));
  const [name, others] = namesOf(language, (l) => SHEETS[l]['name.segments']);
  return writeOwnSheet(spreadsheet, name, plan, others);
}

/** The holdout's verdict of the whole in a language other than English (core/verdict.ts verdictSentence says it in English). */
function holdoutSentence(w: Words, digits: (n: number) => string, total: GroupVerdict, days: string): string {
  const two = (x: number): string => digits(Math.round(x * 100) / 100);
  const figures = { predicted: two(total.predicted), actual: two(total.actual), days };
  if (total.verdict === null || total.low === null || total.high === null) return w('seg.holdoutUnjudged', figures);
  const verdict = w(total.verdict === 'within' ? 'verdict.within' : total.verdict === 'above' ? 'verdict.above' : 'verdict.below');
  return w('seg.holdoutJudged', { ...figures, verdict, low: two(total.low), high: two(total.high) });
}

function addCharts(plan: SheetPlan, w: Words, segmentStart: number, curveStart: number, curvePoints: number): void {
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
      .setOption('title', w('chart.value'))
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
      .setOption('title', w('chart.customers'))
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
      .setOption('title', w('chart.curve'))
      .setOption('hAxis', { title: w('chart.curveX'), format: 'percent' })
      .setOption('vAxis', { title: w('chart.curveY'), format: 'percent' })
      .build(),
  );
  // Each chart's anchor cell must be inside the grid.
  plan.minRows = Math.max(plan.minRows, 1 + 2 * CHART_ROWS);
  plan.minColumns = Math.max(plan.minColumns, CHART_COLUMN);
}
