/**
 * The menu, the sidebar and its server API. Reads the user's sheet, runs the analysis and writes the add-in's own
 * sheets ("Customer value", "Segments", optionally a Segment column beside a customer table).
 */
import { analyze, historiesFromOrders, type Analysis, type CustomerHistories } from '../core/analysis';
import { pAliveGrid, valueBins } from '../core/charts';
import { guessColumns, summaryTableAdvice, EARLIEST_PLAUSIBLE_DAY } from '../core/columns';
import { dayFromIso, isoFromDay } from '../core/dates';
import { DataError } from '../core/errors';
import type { Language } from '../core/i18n/language';
import { menuText } from '../core/i18n/menu';
import type { CustomerId } from '../core/ids';
import { gammagamma } from '../core/models/gammagamma';
import { modelNamed, PURCHASE_MODEL_NAMES } from '../core/models/registry';
import { SEGMENTS, segmentDescription, stageDescription, type GroupTotals } from '../core/segment';
import { VERDICT_METHOD, type GroupVerdict } from '../core/verdict';
import { count, formatNumber } from '../core/words';
import { cellAt, checkedNumberAt, dayAt, idAt, isBlank, isDate, where, AMOUNT, POSITIVE_COUNT, type Cell, type Column } from './args';
import { dayOfDate } from './calendar';
import { displayText, sheetFacts, sheetLayout, REPEAT_ROWS, SAMPLE_ROWS } from './datacheck';
import {
  REQUEST_LIMITS,
  type AnalysisRequest,
  type AnalysisSummary,
  type ColumnChoice,
  type ColumnRole,
  type GroupSummary,
  type HoldoutLine,
  type Progress,
  type Reply,
  type SegmentExport,
  type SheetInfo,
} from './contract';
import { cachedFitters } from './pipeline';
import {
  customerValueCells,
  writeCustomerValueSheet,
  writeSegmentSheet,
  writeSegmentsSheet,
  CUSTOMER_VALUE_SHEET,
  RESULT_SHEET_KEYS,
  SEGMENTS_SHEET,
  segmentSheetName,
} from './report';
import { cohortsUpTo } from './cohorts';
import { userLanguage } from './language';
import { findSegmentColumn, writeSegmentColumn } from './segmentColumn';
import { cellsInUse, NEW_SHEET_CELLS, ownSheetKey, SPREADSHEET_CELL_LIMIT, type Placed } from './sheets';

const PROGRESS_KEY = 'customer-value:progress';
const STEPS = 5;

/**
 * Adds the add-in's menu. Runs in AuthMode.NONE when the add-on is not yet used in this document,
 * so it only builds the menu.
 * @param {Object} e The open event.
 * @preserve
 */
export function onOpen(e?: { authMode?: unknown }): void {
  // In AuthMode.NONE (the add-on not yet used in this document) neither the user's nor the spreadsheet's locale may be
  // read: the menu is in English until the first use, when onOpen runs again with access.
  const language = e?.authMode === ScriptApp.AuthMode.NONE ? 'en' : userLanguage();
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(menuText(language, 'menu.analyze'), 'showSidebar')
    .addItem(menuText(language, 'menu.template'), 'insertTemplate')
    .addToUi();
}

/**
 * Builds the menu right after the add-on is installed.
 * @param {Object} e The install event.
 * @preserve
 */
export function onInstall(e?: { authMode?: unknown }): void {
  onOpen(e);
}

/**
 * Opens the Analyze customers sidebar.
 * @preserve
 */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(menuText(userLanguage(), 'menu.title'));
  SpreadsheetApp.getUi().showSidebar(html);
}

/**
 * The language the sidebar opens in (its switch can change it for the session).
 * @return {string} en, fa, ar or tl.
 * @preserve
 */
export function getLanguage(): Language {
  return userLanguage();
}

function reply<T>(work: () => T): Reply<T> {
  try {
    return { ok: true, value: work() };
  } catch (e) {
    if (e instanceof DataError) return { ok: false, error: e.message };
    // As in the cells (args.ts runCustomFunction): a fault of the add-in is said as such, never in JavaScript's words.
    if (typeof console !== 'undefined') console.error('Customer Value failed', e);
    return { ok: false, error: 'The add-in failed on this sheet (a fault of the add-in, not of your data). Please report it, with the data if you can.' };
  }
}

/**
 * Sidebar API: the active sheet's headers, its shape and the guessed columns.
 * @return {Object} SheetInfo or an error in plain words.
 * @preserve
 */
export function getSheetInfo(): Reply<SheetInfo> {
  return reply(() => {
    const sheet = SpreadsheetApp.getActiveSheet();
    if (RESULT_SHEET_KEYS.includes(ownSheetKey(sheet) ?? '')) {
      throw new DataError(`"${sheet.getName()}" is a sheet the add-in wrote. Open the sheet with your orders or customers, then press Reload.`);
    }
    const lastRow = sheet.getLastRow();
    const lastColumn = sheet.getLastColumn();
    if (lastRow < 1 || lastColumn < 1) {
      throw new DataError(`"${sheet.getName()}" has no data. Paste your orders on it (one row per order: customer, date, amount; a header row is optional), or open the sheet that holds them and press Reload.`);
    }
    const values = sheet.getRange(1, 1, Math.min(lastRow, REPEAT_ROWS + 1), lastColumn).getValues() as Cell[][];
    const layout = sheetLayout(values);
    if (lastRow <= layout.firstRow) {
      throw new DataError(`"${sheet.getName()}" has no data below its header row. Add one row per order (or per customer) under the header, then press Reload.`);
    }
    const { shape, reason, guess } = guessColumns(layout.profiles);
    const body = values.slice(layout.firstRow);
    const { facts, views } = sheetFacts(layout, body, body.length === lastRow - layout.firstRow, dayOfDate(new Date()));
    const dateColumn = shape === 'orders' ? guess.orderDate : guess.lastOrder;
    // The as-of date and the date checks see the whole date column, not only the sampled rows.
    const range = dateColumn === null || dateColumn === undefined ? null : dateRangeIn(sheet, dateColumn + 1, layout.firstRow + 1, lastRow);
    if (range && typeof dateColumn === 'number') Object.assign(facts.columns[dateColumn], { firstDay: range.first, lastDay: range.last });
    return {
      sheetName: sheet.getName(),
      headers: layout.headers,
      rows: lastRow - layout.firstRow,
      shape,
      shapeReason: reason,
      guess,
      lastDate: range ? isoFromDay(range.last) : null,
      sample: values.slice(0, 6).map((r) => r.map(displayText)),
      hasSegmentColumn: findSegmentColumn(sheet) !== null,
      hasHeader: layout.hasHeader,
      columns: views,
      facts,
    };
  });
}

/**
 * Sidebar API: how far the running analysis is.
 * @return {Object} Progress, or null when no analysis runs.
 * @preserve
 */
export function getAnalysisProgress(): Progress | null {
  try {
    const text = CacheService.getUserCache()?.get(PROGRESS_KEY);
    return text ? (JSON.parse(text) as Progress) : null;
  } catch {
    return null;
  }
}

function reportProgress(step: number, message: string, done = false): void {
  try {
    CacheService.getUserCache()?.put(PROGRESS_KEY, JSON.stringify({ step, steps: STEPS, message, done } satisfies Progress), 600);
  } catch {
    // Progress is a courtesy; the analysis goes on without it.
  }
}

/**
 * Sidebar API: analyzes the chosen sheet and writes the Customer value and Segments sheets.
 * @param {Object} request The columns and options chosen in the sidebar.
 * @return {Object} The summary shown as cards, or an error in plain words.
 * @preserve
 */
export function analyzeSheet(request: AnalysisRequest): Reply<AnalysisSummary> {
  const result = reply(() => runAnalysis(request));
  reportProgress(STEPS, result.ok ? 'Done' : 'Stopped', true);
  return result;
}

function runAnalysis(request: AnalysisRequest): AnalysisSummary {
  const { spreadsheet, sheet, input, analysis } = analyzeRequest(request, (customers, hasReferrals) => checkRoom(activeSpreadsheet(), customers, hasReferrals));
  const { asOfDay, orders, warnings } = input;

  reportProgress(3, `Writing "${CUSTOMER_VALUE_SHEET}"`);
  const valueSheet = writeCustomerValueSheet(spreadsheet, analysis);
  reportProgress(4, `Writing "${SEGMENTS_SHEET}" and its charts`);
  const segmentsSheet = writeSegmentsSheet(spreadsheet, analysis, request, input.holdoutLog && cohortsUpTo(input.holdoutLog, asOfDay, request.calendar ?? 'gregorian', request.language ?? userLanguage()));
  const kept = [valueSheet, segmentsSheet].flatMap(keptAsideWarning);
  let segmentColumn: string | null = null;
  if (request.shape === 'customers' && request.addSegmentColumn) {
    const written = writeSegmentColumn(sheet, input.rowOfCustomer, analysis.values.segment);
    segmentColumn = written.column;
    if (written.keptCells > 0) {
      kept.push(`${count(written.keptCells, 'cell')} of the Segment column (${written.column}) with entries of your own left as they are.`);
    }
  }
  const sheets = [valueSheet.sheet.getName(), segmentsSheet.sheet.getName()];
  return summarize(analysis, request, asOfDay, orders, sheets, segmentColumn, [...warnings, ...kept]);
}

function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/**
 * Reads the request's sheet and analyzes it (core/analysis.ts analyze: the model chosen by the holdout unless the
 * request names one). `beforeFitting` may refuse, in words, before the slow part.
 */
function analyzeRequest(
  request: AnalysisRequest,
  beforeFitting: (customers: number, hasReferrals: boolean) => void = () => undefined,
): { spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet; sheet: GoogleAppsScript.Spreadsheet.Sheet; input: SheetInput; analysis: Analysis } {
  checkRequest(request);
  const book = activeSpreadsheet();
  const sheet = book.getSheetByName(request.sheetName);
  if (!sheet) throw new DataError(`There is no sheet named "${request.sheetName}" any more. Press Reload.`);
  reportProgress(1, `Reading ${sheet.getLastRow() - 1} rows of "${sheet.getName()}"`);
  const values = sheet.getDataRange().getValues() as Cell[][];
  const headers = values[0].map((h) => String(h));
  const input = request.shape === 'orders' ? readOrderSheet(values, headers, request) : readCustomerSheet(values, headers, request);
  const { customers, asOfDay, holdoutLog } = input;
  beforeFitting(customers.ids.length, request.columns.referredBy !== null && request.columns.referredBy !== undefined);
  reportProgress(2, `Fitting the models to ${customers.ids.length} customers`);
  const analysis = analyze(customers, { ...request, asOfDay }, holdoutLog, cachedFitters);
  return { spreadsheet: book, sheet, input, analysis };
}

/**
 * Sidebar API: writes one value segment's customers (the Customer value sheet's columns) to a sheet of their own,
 * "Segment: Champions", ready to export; the analysis is the one analyzeSheet makes of the same request (fits are
 * cached), and nothing of the user's is overwritten (sheets.ts).
 * @param {Object} request The columns and options chosen in the sidebar.
 * @param {string} segment The segment's name, e.g. "Champions".
 * @return {Object} The sheet written and its customers, or an error in plain words.
 * @preserve
 */
export function exportSegment(request: AnalysisRequest, segment: string): Reply<SegmentExport> {
  const result = reply(() => {
    const wanted = SEGMENTS.find((s) => s === segment);
    if (wanted === undefined) throw new DataError(`There is no segment named "${String(segment)}"; the segments are ${SEGMENTS.join(', ')}.`);
    const { spreadsheet: book, analysis } = analyzeRequest(request);
    reportProgress(3, `Writing "${segmentSheetName(wanted)}"`);
    const placed = writeSegmentSheet(book, analysis, wanted);
    return { sheet: placed.sheet.getName(), segment: wanted, customers: analysis.values.segment.filter((s) => s === wanted).length };
  });
  // As after Analyze: the sidebar's progress line stops here.
  reportProgress(STEPS, result.ok ? 'Done' : 'Stopped', true);
  return result;
}

/** The options as the sidebar's inputs bound them (REQUEST_LIMITS): a request is data from the browser. */
function checkRequest(request: AnalysisRequest): void {
  for (const option of ['horizonMonths', 'annualDiscountRate', 'grossMargin', 'inactiveDays'] as const) {
    const { min, max } = REQUEST_LIMITS[option];
    const value: unknown = request[option];
    if (typeof value !== 'number' || !(value >= min && value <= max)) {
      throw new DataError(`The option ${option} must be a number from ${min} to ${max}. Reload the sidebar and try again.`);
    }
  }
  if (!Number.isInteger(request.horizonMonths) || !Number.isInteger(request.inactiveDays)) {
    throw new DataError('The horizon and the inactive days must be whole numbers. Reload the sidebar and try again.');
  }
  if (request.cut !== 'top20' && request.cut !== 'median') throw new DataError('The cut between high and low must be "top20" or "median". Reload the sidebar and try again.');
  if (request.model !== undefined && !PURCHASE_MODEL_NAMES.includes(request.model)) {
    throw new DataError(`The model must be one of ${PURCHASE_MODEL_NAMES.join(', ')}. Reload the sidebar and try again.`);
  }
}

function keptAsideWarning(placed: Placed): string[] {
  if (placed.keptAside.length === 0) return [];
  const names = placed.keptAside.map((n) => `"${n}"`).join(' and ');
  return [`${names}: your changes (or your own sheet) kept as they are; the new results are in "${placed.sheet.getName()}".`];
}

/**
 * A spreadsheet holds at most 10 million cells over all its sheets: say so before fitting when the results would
 * not fit, instead of failing halfway through writing them. Our own result sheets, refreshed in place, give their
 * cells back.
 */
function checkRoom(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, customers: number, withReferrals: boolean): void {
  const needed = Math.max(NEW_SHEET_CELLS, customerValueCells(customers, withReferrals)) + NEW_SHEET_CELLS;
  let reusable = 0;
  for (const name of [CUSTOMER_VALUE_SHEET, SEGMENTS_SHEET]) {
    const existing = spreadsheet.getSheetByName(name);
    if (existing && RESULT_SHEET_KEYS.includes(ownSheetKey(existing) ?? '')) reusable += existing.getMaxRows() * existing.getMaxColumns();
  }
  const room = SPREADSHEET_CELL_LIMIT - cellsInUse(spreadsheet) + reusable;
  if (needed > room) {
    const n = (x: number): string => formatNumber(Math.max(0, Math.round(x)));
    throw new DataError(
      `The results need about ${n(needed)} cells (${count(customers, 'customer')}, one row each) but this spreadsheet has room for ${n(room)} more: a spreadsheet holds at most ${n(SPREADSHEET_CELL_LIMIT)} cells across all its sheets. Delete sheets, rows or columns you do not need, or copy the orders into a new spreadsheet and analyze them there.`,
    );
  }
}

interface SheetInput {
  customers: CustomerHistories;
  asOfDay: number;
  orders: number;
  /** The order log for the holdout check (orders shape only). */
  holdoutLog: { ids: CustomerId[]; days: number[]; amounts: number[] } | null;
  /** Sheet row of each customer (customers shape), for the Segment column. */
  rowOfCustomer: number[];
  warnings: string[];
}

function columnFor(values: Cell[][], headers: string[], choice: ColumnChoice, role: ColumnRole, label: string, required: boolean): Column | null {
  const index = choice[role];
  if (index === null || index === undefined) {
    if (required) throw new DataError(`Choose the ${label} column.`);
    return null;
  }
  if (index < 0 || index >= headers.length) throw new DataError(`The ${label} column no longer exists. Press Reload.`);
  // Index i is sheet row i + 1 (index 0 the header), so messages name the sheet's own row numbers.
  return { name: `"${headers[index]}"`, cells: values.map((r) => r[index]), isRange: true };
}

/**
 * The sheet's layout as getSheetInfo saw it (the same first rows give the same answer): its column names, and the
 * row data starts on (0 when row 1 is data). A per-customer summary (frequency, recency, T) is refused with what to
 * do instead. The readers name columns by the layout, not by `rowOne` (row 1 as the caller read it), which covers a
 * sheet without a header row and blank header cells.
 */
function dataLayout(values: Cell[][]): { headers: string[]; firstRow: number } {
  const layout = sheetLayout(values.slice(0, SAMPLE_ROWS + 1));
  const advice = summaryTableAdvice(layout.headers);
  if (advice) throw new DataError(advice);
  return layout;
}

function readOrderSheet(values: Cell[][], rowOne: string[], request: AnalysisRequest): SheetInput {
  const { headers, firstRow } = dataLayout(values);
  const c = request.columns;
  const idColumn = columnFor(values, headers, c, 'customerId', 'customer id', true)!;
  const dateColumn = columnFor(values, headers, c, 'orderDate', 'order date', true)!;
  const amountColumn = columnFor(values, headers, c, 'amount', 'amount', true)!;
  const costColumn = columnFor(values, headers, c, 'cost', 'cost', false);
  const marginColumn = costColumn ? null : columnFor(values, headers, c, 'margin', 'margin', false);
  const referrerColumn = columnFor(values, headers, c, 'referredBy', 'referred by', false);

  const ids: CustomerId[] = [];
  const days: number[] = [];
  const amounts: number[] = [];
  const costs: number[] = [];
  const referredBy: (CustomerId | '')[] = [];
  // A cell Analyze cannot read is named as the cell functions name it; withAdvice adds what to do.
  withAdvice(() => {
    for (let row = firstRow; row < values.length; row++) {
      if (isBlank(cellAt(idColumn, row)) && isBlank(cellAt(dateColumn, row)) && isBlank(cellAt(amountColumn, row))) continue;
      ids.push(idAt(idColumn, row));
      days.push(dayAt(dateColumn, row));
      const amount = checkedNumberAt(amountColumn, row, AMOUNT);
      amounts.push(amount);
      if (costColumn) costs.push(isBlank(cellAt(costColumn, row)) ? 0 : checkedNumberAt(costColumn, row, AMOUNT));
      else if (marginColumn) costs.push(amount - marginOf(marginColumn, row, amount));
      referredBy.push(referrerColumn && !isBlank(cellAt(referrerColumn, row)) ? idAt(referrerColumn, row) : '');
    }
  });
  if (ids.length === 0) throw new DataError('The sheet has a header but no orders below it. Add one row per order under the header, then press Analyze again.');
  const asOfDay = request.asOf ? parseIsoDay(request.asOf) : largest(days);
  const later = days.filter((d) => d > asOfDay).length;
  const warnings = later > 0 ? [`${later} orders after the as-of date (${isoFromDay(asOfDay)}) were left out.`] : [];
  warnings.push(...implausibleDates(days, dateColumn.name));
  const customers = historiesFromOrders(
    { ids, days, amounts, costs: costColumn || marginColumn ? costs : undefined, referredBy: referrerColumn ? referredBy : undefined },
    asOfDay,
  );
  if (customers.ids.length === 0) {
    const returns = customers.returnsOnly ? ' that is not a return' : '';
    throw new DataError(`No order${returns} on or before the as-of date (${isoFromDay(asOfDay)}). Choose a later as-of date, or clear it to use the last order's date.`);
  }
  if (customers.returnsOnly) {
    warnings.push(`${count(customers.returnsOnly, 'customer')} with only returns (negative amounts) up to the as-of date left out: no purchase to predict from.`);
  }
  // With nobody buying twice the models have nothing to learn from (the fit would fail in numbers): say why instead.
  if (!customers.frequency.some((x) => x > 0)) {
    throw new DataError(
      `No customer in ${idColumn.name} bought on two different days up to ${isoFromDay(asOfDay)}, so there is nothing to learn how often customers come back from. If ${idColumn.name} is an order, charge or invoice id, choose the column of customer ids or e-mails; if the sheet has one row per customer, choose "One row per customer" under Data.`,
    );
  }
  return { customers, asOfDay, orders: ids.length - later, holdoutLog: { ids, days, amounts }, rowOfCustomer: [], warnings };
}

/** A margin column holds either a share of the amount (0.3 or 30%) or the margin itself in money. */
function marginOf(column: Column, row: number, amount: number): number {
  if (isBlank(cellAt(column, row))) return amount;
  const margin = checkedNumberAt(column, row, { ...AMOUNT, percent: true });
  return Math.abs(margin) <= 1 && Math.abs(amount) > 1 ? margin * amount : margin;
}

function readCustomerSheet(values: Cell[][], rowOne: string[], request: AnalysisRequest): SheetInput {
  const { headers, firstRow } = dataLayout(values);
  const c = request.columns;
  const idColumn = columnFor(values, headers, c, 'customerId', 'customer id', true)!;
  const ordersColumn = columnFor(values, headers, c, 'orders', 'number of orders', true)!;
  const revenueColumn = columnFor(values, headers, c, 'revenue', 'revenue', true)!;
  const firstColumn = columnFor(values, headers, c, 'firstOrder', 'first order date', false);
  const lastColumn = columnFor(values, headers, c, 'lastOrder', 'last order date', true)!;
  const costColumn = columnFor(values, headers, c, 'cost', 'cost', false);
  const referrerColumn = columnFor(values, headers, c, 'referredBy', 'referred by', false);
  if (!firstColumn) {
    throw new DataError(
      'Choose the first-order date column. With one row per customer, the add-in needs when each customer started to learn how often they buy; add a first-order date (or use the order log instead).',
    );
  }

  const rows: number[] = [];
  for (let row = firstRow; row < values.length; row++) if (!isBlank(cellAt(idColumn, row))) rows.push(row);
  if (rows.length === 0) throw new DataError('The sheet has a header but no customers below it. Add one row per customer under the header, then press Analyze again.');
  const n = rows.length;
  const customers: CustomerHistories = {
    ids: [],
    orders: new Float64Array(n),
    frequency: new Float64Array(n),
    firstDay: new Float64Array(n),
    lastDay: new Float64Array(n),
    revenue: new Float64Array(n),
    cost: costColumn ? new Float64Array(n) : undefined,
    monetaryValue: new Float64Array(n),
    referrerOf: referrerColumn ? new Int32Array(n).fill(-1) : undefined,
  };
  const indexOf = new Map<CustomerId, number>();
  const referrers: (CustomerId | '')[] = [];
  withAdvice(() =>
    rows.forEach((row, i) => {
      const id = idAt(idColumn, row);
      if (indexOf.has(id)) throw new DataError(`${where(idColumn, row)} repeats customer ${String(id)}: with one row per customer every id appears once. If the sheet has one row per order, choose "One row per order" under Data.`, idColumn.name, row);
      indexOf.set(id, i);
      customers.ids.push(id);
      const orders = checkedNumberAt(ordersColumn, row, { ...POSITIVE_COUNT, subject: 'the number of orders' });
      const first = dayAt(firstColumn, row);
      const last = dayAt(lastColumn, row);
      if (last < first) throw new DataError(`${where(lastColumn, row)} is before the first order date. Fix that row, or check that the first-order and last-order columns are not swapped.`, lastColumn.name, row);
      const revenue = checkedNumberAt(revenueColumn, row, AMOUNT);
      customers.orders[i] = orders;
      customers.frequency[i] = last > first ? orders - 1 : 0;
      customers.firstDay[i] = first;
      customers.lastDay[i] = last;
      customers.revenue[i] = revenue;
      customers.monetaryValue[i] = customers.frequency[i] > 0 ? revenue / orders : 0;
      if (customers.cost && costColumn) customers.cost[i] = isBlank(cellAt(costColumn, row)) ? 0 : checkedNumberAt(costColumn, row, AMOUNT);
      referrers.push(referrerColumn && !isBlank(cellAt(referrerColumn, row)) ? idAt(referrerColumn, row) : '');
    }),
  );
  if (customers.referrerOf) referrers.forEach((r, i) => (customers.referrerOf![i] = r === '' ? -1 : indexOf.get(r) ?? -1));
  const lastDays = Array.from(customers.lastDay);
  const asOfDay = request.asOf ? parseIsoDay(request.asOf) : largest(lastDays);
  const tooLate = lastDays.filter((d) => d > asOfDay).length;
  if (tooLate > 0) throw new DataError(`${count(tooLate, 'customer')} with a last order after the as-of date (${isoFromDay(asOfDay)}); with one row per customer the as-of date must be on or after every last order. Choose a later as-of date, or clear it to use the last order's date.`);
  return {
    customers,
    asOfDay,
    orders: customers.orders.reduce((s, o) => s + o, 0),
    holdoutLog: null,
    rowOfCustomer: rows.map((index) => index + 1),
    warnings: ['One row per customer: repeat purchases are counted from the number of orders and spend per order from revenue ÷ orders.'],
  };
}

/** Math.max(...values) overflows the call stack on long columns. */
function largest(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
  return m;
}

function parseIsoDay(text: string): number {
  const day = dayFromIso(text);
  if (day === null) throw new DataError(`The as-of date "${text}" is not a date. Pick a day in the As of box, or clear it to use the last order's date.`);
  return day;
}

function summarize(
  analysis: Analysis,
  request: AnalysisRequest,
  asOfDay: number,
  orders: number,
  sheets: string[],
  segmentColumn: string | null,
  warnings: string[],
): AnalysisSummary {
  const params = analysis.purchaseFit.params;
  const v = analysis.values;
  const rules = { inactiveDays: request.inactiveDays };
  const group =
    <K extends string>(describe: (name: K) => string) =>
    (g: GroupTotals<K>): GroupSummary => ({ ...g, description: describe(g.name) });
  const line = (g: GroupVerdict): HoldoutLine => ({ ...g });
  return {
    customers: analysis.customers.ids.length,
    orders,
    asOf: isoFromDay(asOfDay),
    horizonMonths: request.horizonMonths,
    pastValue: analysis.totals.past,
    predictedValue: analysis.totals.predicted,
    totalValue: analysis.totals.total,
    referralValue: analysis.customers.referrerOf ? analysis.totals.referral : null,
    topShare: { customerShare: 0.2, predictedValueShare: analysis.topShare },
    segments: analysis.segments.map(group((name) => segmentDescription(name, request.cut))),
    stages: analysis.stages.map(group((name) => stageDescription(name, rules))),
    actions: analysis.actions,
    contactFirst: analysis.contactFirst.map((i) => ({
      id: analysis.customers.ids[i],
      segment: v.segment[i],
      stage: v.stage[i],
      predictedValue: v.predicted[i],
      pAlive: v.pAlive[i],
      atStake: v.atStake[i],
      daysSinceLastOrder: v.daysSinceLast[i],
      nextOrderDue: Number.isNaN(v.nextOrderDue[i]) ? null : isoFromDay(v.nextOrderDue[i]),
    })),
    model: {
      name: `${modelNamed(analysis.model).label} + ${gammagamma.label}`,
      purchaseModel: analysis.model,
      reason: analysis.modelReason,
      candidates: analysis.candidates.map((c) => ({ name: c.model, label: c.label, mae: c.mae, note: c.note })),
      converged: analysis.purchaseFit.converged && analysis.spendFit.converged,
      parameters: Object.entries(params).map(([name, value]) => ({ name, value })),
    },
    holdout: analysis.holdout && {
      sentence: analysis.holdout.sentence,
      method: VERDICT_METHOD,
      holdoutDays: analysis.holdout.holdoutDays,
      total: line(analysis.holdout.total),
      groups: analysis.holdout.groups.map(line),
    },
    whatIf: analysis.whatIf,
    charts: {
      valueCurve: analysis.pareto,
      pAlive: pAliveGrid(analysis.customers.frequency, v.daysSinceLast, v.pAlive),
      predictedValueBins: valueBins(v.predicted),
    },
    sheets,
    segmentColumn,
    warnings: [...warnings, ...[analysis.purchaseFit.note, analysis.spendFit.note].filter((n): n is string => !!n).map((n) => `Model note: ${n}.`)],
  };
}

/**
 * Runs the reading of the rows; a cell that cannot be read is named by args.ts as in the cell functions, and the
 * sidebar adds what to do, unless the message says it already ("fix that cell…", "Write the dates as…").
 */
function withAdvice(read: () => void): void {
  try {
    read();
  } catch (e) {
    if (e instanceof DataError && e.row !== undefined && !/\b(fix|write|give|use|choose)\b/i.test(e.message)) {
      throw new DataError(`${e.message}. Fix that cell or clear its row, or choose the right column above, then press Analyze again.`, e.argument, e.row);
    }
    throw e;
  }
}

/** Orders dated after today or before 1990: typos (a wrong year) or a column of something else, said before they mislead. */
function implausibleDates(days: readonly number[], column: string): string[] {
  const today = dayOfDate(new Date());
  const future = days.filter((d) => d > today);
  const early = days.filter((d) => d < EARLIEST_PLAUSIBLE_DAY);
  const out: string[] = [];
  if (future.length > 0) out.push(`${count(future.length, 'order')} in ${column} dated after today (up to ${isoFromDay(largest(future))}): check those dates; a wrong year moves the as-of date and every age.`);
  if (early.length > 0) out.push(`${count(early.length, 'order')} in ${column} dated before 1990 (from ${isoFromDay(-largest(early.map((d) => -d)))}): check those dates; a date typed without its year lands there.`);
  return out;
}

/** The first and last date of a column's rows firstRow…lastRow (1-based), or null when none is a date. */
function dateRangeIn(sheet: GoogleAppsScript.Spreadsheet.Sheet, column: number, firstRow: number, lastRow: number): { first: number; last: number } | null {
  const cells = sheet.getRange(firstRow, column, lastRow - firstRow + 1, 1).getValues() as Cell[][];
  const col: Column = { name: 'date', cells: cells.map((r) => r[0]), isRange: true };
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < col.cells.length; i++) {
    if (isBlank(col.cells[i])) continue;
    try {
      const day = dayAt(col, i);
      first = Math.min(first, day);
      last = Math.max(last, day);
    } catch {
      // Not a date: the data check counts it, and Analyze names its row.
    }
  }
  return Number.isFinite(last) ? { first, last } : null;
}
