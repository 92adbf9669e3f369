/**
 * The menu, the sidebar and its server API. Reads the user's sheet, runs the analysis and writes the add-in's own
 * sheets ("Customer value", "Segments", optionally a Segment column beside a customer table).
 */
import { analyze, historiesFromOrders, FALLBACK_MODEL, type Analysis, type CustomerHistories } from '../core/analysis';
import { pAliveGrid, valueBins } from '../core/charts';
import { guessColumns, summaryTableAdvice, EARLIEST_PLAUSIBLE_DAY } from '../core/columns';
import { dayFromIso, isoFromDay } from '../core/dates';
import { DataError } from '../core/errors';
import { errorText, render, said, type Said } from '../core/i18n/errors';
import { isLanguage, LANGUAGES, type Language } from '../core/i18n/language';
import { menuText } from '../core/i18n/menu';
import type { CustomerId } from '../core/ids';
import { gammagamma } from '../core/models/gammagamma';
import { modelNamed, PURCHASE_MODEL_NAMES, type PurchaseModelName } from '../core/models/registry';
import { SEGMENTS, segmentDescription, stageDescription, type GroupTotals } from '../core/segment';
import { VERDICT_METHOD, VERDICT_RULES, type GroupVerdict } from '../core/verdict';
import { count, formatNumber, formatPercent } from '../core/words';
import { cellAt, checkedNumberAt, dayAt, idAt, isBlank, isDate, AMOUNT, POSITIVE_COUNT, type Cell, type Column } from './args';
import { dayOfDate } from './calendar';
import { displayText, sheetFacts, sheetLayout, REPEAT_ROWS, SAMPLE_ROWS } from './datacheck';
import {
  REQUEST_LIMITS,
  type AnalysisRequest,
  type AnalysisSummary,
  type ColumnChoice,
  type ColumnRole,
  type DataShape,
  type GroupSummary,
  type HoldoutLine,
  type Progress,
  type Reply,
  type SegmentExport,
  type SheetInfo,
  type Told,
  told,
} from './contract';
import { cachedFitters } from './pipeline';
import {
  customerValueCells,
  writeCustomerValueSheet,
  writeSegmentSheet,
  writeSegmentsSheet,
  RESULT_SHEET_KEYS,
  RESULT_SHEET_NAMES,
  segmentSheetName,
  sheetLanguage,
} from './report';
import { SHEETS } from '../core/i18n/sheets';
import { listTold } from '../core/i18n/told';
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
  // Titled in the language the sidebar opens in: the user's last choice with its switch, else the locale's.
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(menuText(getLanguage(), 'menu.title'));
  SpreadsheetApp.getUi().showSidebar(html);
}

// The language the user chose with the sidebar's switch, kept per user (not per document: it is the person's language).
const LANGUAGE_KEY = 'customer-value:language';

/**
 * The language the sidebar opens in: the one last chosen with its switch, else the user's locale's.
 * @return {string} en, fa, ar or tl.
 * @preserve
 */
export function getLanguage(): Language {
  return chosenLanguage() ?? userLanguage();
}

function chosenLanguage(): Language | null {
  try {
    const stored = PropertiesService.getUserProperties().getProperty(LANGUAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null; // properties cannot be read here: the locale's language
  }
}

/**
 * Remembers the language chosen with the sidebar's switch, so the sidebar opens in it next time.
 * @param {string} language en, fa, ar or tl.
 * @return {Object} The language kept, or why not.
 * @preserve
 */
export function setLanguage(language: unknown): Reply<Language> {
  return reply(isLanguage(language) ? language : 'en', () => {
    if (!isLanguage(language)) throw new DataError(said('sidebar.language', { languages: LANGUAGES.join(', ') }));
    PropertiesService.getUserProperties().setProperty(LANGUAGE_KEY, language);
    return language;
  });
}

/** The language a request's answer is said in: the sidebar's, else the user's (a request is data from the browser). */
function languageOf(asked: unknown): Language {
  return isLanguage(asked) ? asked : getLanguage();
}

function reply<T>(language: Language, work: () => T): Reply<T> {
  try {
    return { ok: true, value: work() };
  } catch (e) {
    if (e instanceof DataError) return { ok: false, error: errorText(e, language) };
    // As in the cells (args.ts runCustomFunction): a fault of the add-in is said as such, never in JavaScript's words.
    if (typeof console !== 'undefined') console.error('Customer Value failed', e);
    return { ok: false, error: render(language, said('sidebar.fault')) };
  }
}

/**
 * Sidebar API: the active sheet's headers, its shape and the guessed columns.
 * @param {string} language The sidebar's language, for the errors (optional).
 * @return {Object} SheetInfo or an error in plain words.
 * @preserve
 */
export function getSheetInfo(language?: unknown): Reply<SheetInfo> {
  const asked = languageOf(language);
  return reply(asked, () => {
    const sheet = SpreadsheetApp.getActiveSheet();
    if (RESULT_SHEET_KEYS.includes(ownSheetKey(sheet) ?? '')) {
      throw new DataError(said('sidebar.ownSheet', { sheet: sheet.getName() }));
    }
    const lastRow = sheet.getLastRow();
    const lastColumn = sheet.getLastColumn();
    if (lastRow < 1 || lastColumn < 1) {
      throw new DataError(said('sidebar.empty', { sheet: sheet.getName() }));
    }
    const values = sheet.getRange(1, 1, Math.min(lastRow, REPEAT_ROWS + 1), lastColumn).getValues() as Cell[][];
    const layout = sheetLayout(values);
    if (lastRow <= layout.firstRow) {
      throw new DataError(said('sidebar.headerOnly', { sheet: sheet.getName() }));
    }
    const { shape, reason, guess } = guessColumns(layout.profiles);
    const body = values.slice(layout.firstRow);
    const { facts, views, formats } = sheetFacts(layout, body, body.length === lastRow - layout.firstRow, dayOfDate(new Date()), asked);
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
      shapeReasonTold: shapeReasonTold(shape, typeof guess.customerId === 'number' ? facts.columns[guess.customerId] : undefined),
      guess,
      lastDate: range ? isoFromDay(range.last) : null,
      sample: values.slice(0, 6).map((r) => r.map(displayText)),
      hasSegmentColumn: findSegmentColumn(sheet) !== null,
      hasHeader: layout.hasHeader,
      columns: views,
      formats,
      facts,
    };
  });
}

/**
 * Why the sheet looks like orders or customers, as core/columns.ts guessColumns says it: a customer table (ids that do
 * not repeat, order-count and last-order columns), or orders whose customer ids repeat, or not yet in the sample.
 */
function shapeReasonTold(shape: DataShape, customerColumn: { repeats: boolean } | undefined): Told {
  if (shape === 'customers') return told('shape.customers');
  return told(customerColumn && !customerColumn.repeats ? 'shape.ordersOnce' : 'shape.ordersRepeat');
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

/** A step of the work, in English and as a Told for the sidebar; the last ("Done", "Stopped") only in English (not shown). */
function reportProgress(step: number, message: string, words?: Told, done = false): void {
  try {
    const progress: Progress = words ? { step, steps: STEPS, message, told: words, done } : { step, steps: STEPS, message, done };
    CacheService.getUserCache()?.put(PROGRESS_KEY, JSON.stringify(progress), 600);
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
  const result = reply(languageOf(request?.language), () => runAnalysis(request));
  reportProgress(STEPS, result.ok ? 'Done' : 'Stopped', undefined, true);
  return result;
}

function runAnalysis(request: AnalysisRequest): AnalysisSummary {
  const { spreadsheet, sheet, input, analysis } = analyzeRequest(request, (customers, hasReferrals) => checkRoom(activeSpreadsheet(), customers, hasReferrals));
  const { asOfDay, orders, warnings } = input;

  // Every sheet written in the sidebar's language (its switch), else the user's.
  const language = sheetLanguage(request.language);
  const valueName = SHEETS[language]['name.customerValue'];
  const segmentsName = SHEETS[language]['name.segments'];
  reportProgress(3, `Writing "${valueName}"`, told('progress.writing', { sheet: valueName }));
  const valueSheet = writeCustomerValueSheet(spreadsheet, analysis, language);
  reportProgress(4, `Writing "${segmentsName}" and its charts`, told('progress.writingCharts', { sheet: segmentsName }));
  const segmentsSheet = writeSegmentsSheet(spreadsheet, analysis, request, input.holdoutLog && cohortsUpTo(input.holdoutLog, asOfDay, request.calendar ?? 'gregorian', language));
  const kept = [valueSheet, segmentsSheet].flatMap(keptAsideWarning);
  let segmentColumn: string | null = null;
  if (request.shape === 'customers' && request.addSegmentColumn) {
    const written = writeSegmentColumn(sheet, input.rowOfCustomer, analysis.values.segment, language);
    segmentColumn = written.column;
    if (written.keptCells > 0) {
      kept.push({
        text: `${count(written.keptCells, 'cell')} of the Segment column (${written.column}) with entries of your own left as they are.`,
        told: told('warning.keptCells', { cells: told('count.cell', { n: written.keptCells }), column: written.column }),
      });
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
  if (!sheet) throw new DataError(said('sidebar.noSheet', { sheet: request.sheetName }));
  reportProgress(1, `Reading ${sheet.getLastRow() - 1} rows of "${sheet.getName()}"`, told('progress.reading', { rows: sheet.getLastRow() - 1, sheet: sheet.getName() }));
  const values = sheet.getDataRange().getValues() as Cell[][];
  const headers = values[0].map((h) => String(h));
  const input = request.shape === 'orders' ? readOrderSheet(values, headers, request) : readCustomerSheet(values, headers, request);
  const { customers, asOfDay, holdoutLog } = input;
  beforeFitting(customers.ids.length, request.columns.referredBy !== null && request.columns.referredBy !== undefined);
  reportProgress(2, `Fitting the models to ${customers.ids.length} customers`, told('progress.fitting', { customers: customers.ids.length }));
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
  const result = reply(languageOf(request?.language), () => {
    const wanted = SEGMENTS.find((s) => s === segment);
    if (wanted === undefined) throw new DataError(said('sidebar.noSegment', { segment: String(segment), segments: SEGMENTS.join(', ') }));
    const { spreadsheet: book, analysis } = analyzeRequest(request);
    const language = sheetLanguage(request.language);
    const name = segmentSheetName(wanted, language);
    reportProgress(3, `Writing "${name}"`, told('progress.writing', { sheet: name }));
    const placed = writeSegmentSheet(book, analysis, wanted, language);
    return { sheet: placed.sheet.getName(), segment: wanted, customers: analysis.values.segment.filter((s) => s === wanted).length };
  });
  // As after Analyze: the sidebar's progress line stops here.
  reportProgress(STEPS, result.ok ? 'Done' : 'Stopped', undefined, true);
  return result;
}

/** The options as the sidebar's inputs bound them (REQUEST_LIMITS): a request is data from the browser. */
function checkRequest(request: AnalysisRequest): void {
  for (const option of ['horizonMonths', 'annualDiscountRate', 'grossMargin', 'inactiveDays'] as const) {
    const { min, max } = REQUEST_LIMITS[option];
    const value: unknown = request[option];
    if (typeof value !== 'number' || !(value >= min && value <= max)) {
      throw new DataError(said('sidebar.option', { option, min, max }));
    }
  }
  if (!Number.isInteger(request.horizonMonths) || !Number.isInteger(request.inactiveDays)) {
    throw new DataError(said('sidebar.wholeNumbers'));
  }
  if (request.cut !== 'top20' && request.cut !== 'median') throw new DataError(said('sidebar.cut'));
  if (request.model !== undefined && !PURCHASE_MODEL_NAMES.includes(request.model)) {
    throw new DataError(said('sidebar.model', { models: PURCHASE_MODEL_NAMES.join(', ') }));
  }
}

function keptAsideWarning(placed: Placed): Warning[] {
  if (placed.keptAside.length === 0) return [];
  const names = placed.keptAside.map((n) => `"${n}"`).join(' and ');
  return [
    {
      text: `${names}: your changes (or your own sheet) kept as they are; the new results are in "${placed.sheet.getName()}".`,
      told: told('warning.keptAside', { names: listTold(placed.keptAside.map((n) => told('results.sheet', { sheet: n }))), sheet: placed.sheet.getName() }),
    },
  ];
}

/** A warning in English (AnalysisSummary.warnings) and for the sidebar (warningsTold). */
interface Warning {
  text: string;
  told: Told;
}

/**
 * A spreadsheet holds at most 10 million cells over all its sheets: say so before fitting when the results would
 * not fit, instead of failing halfway through writing them. Our own result sheets, refreshed in place, give their
 * cells back.
 */
function checkRoom(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, customers: number, withReferrals: boolean): void {
  const needed = Math.max(NEW_SHEET_CELLS, customerValueCells(customers, withReferrals)) + NEW_SHEET_CELLS;
  let reusable = 0;
  // Our result sheets under any language's name (a sheet keeps the name of the language it was first written in).
  for (const name of RESULT_SHEET_NAMES) {
    const existing = spreadsheet.getSheetByName(name);
    if (existing && RESULT_SHEET_KEYS.includes(ownSheetKey(existing) ?? '')) reusable += existing.getMaxRows() * existing.getMaxColumns();
  }
  const room = SPREADSHEET_CELL_LIMIT - cellsInUse(spreadsheet) + reusable;
  if (needed > room) {
    const n = (x: number): number => Math.max(0, Math.round(x));
    throw new DataError(said('sidebar.noRoom', { needed: n(needed), customers: said('sidebar.customers', { n: customers }), room: n(room), limit: SPREADSHEET_CELL_LIMIT }));
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
  warnings: Warning[];
}

function columnFor(values: Cell[][], headers: string[], choice: ColumnChoice, role: ColumnRole, required: boolean): Column | null {
  const index = choice[role];
  const label = said(`sidebar.role.${role}`);
  if (index === null || index === undefined) {
    if (required) throw new DataError(said('sidebar.chooseColumn', { column: label }));
    return null;
  }
  if (index < 0 || index >= headers.length) throw new DataError(said('sidebar.columnGone', { column: label }));
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
  const idColumn = columnFor(values, headers, c, 'customerId', true)!;
  const dateColumn = columnFor(values, headers, c, 'orderDate', true)!;
  const amountColumn = columnFor(values, headers, c, 'amount', true)!;
  const costColumn = columnFor(values, headers, c, 'cost', false);
  const marginColumn = costColumn ? null : columnFor(values, headers, c, 'margin', false);
  const referrerColumn = columnFor(values, headers, c, 'referredBy', false);

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
  if (ids.length === 0) throw new DataError(said('sidebar.noOrders'));
  const asOfDay = request.asOf ? parseIsoDay(request.asOf) : largest(days);
  const later = days.filter((d) => d > asOfDay).length;
  const warnings: Warning[] = [];
  if (later > 0) {
    warnings.push({
      text: `${later} orders after the as-of date (${isoFromDay(asOfDay)}) were left out.`,
      told: told('warning.afterAsOf', { orders: told('count.order', { n: later }), asOf: isoFromDay(asOfDay) }),
    });
  }
  warnings.push(...implausibleDates(days, dateColumn.name));
  const customers = historiesFromOrders(
    { ids, days, amounts, costs: costColumn || marginColumn ? costs : undefined, referredBy: referrerColumn ? referredBy : undefined },
    asOfDay,
  );
  if (customers.ids.length === 0) {
    throw new DataError(said(customers.returnsOnly ? 'sidebar.noneBeforeReturns' : 'sidebar.noneBefore', { asOf: isoFromDay(asOfDay) }));
  }
  if (customers.returnsOnly) {
    warnings.push({
      text: `${count(customers.returnsOnly, 'customer')} with only returns (negative amounts) up to the as-of date left out: no purchase to predict from.`,
      told: told('warning.returnsOnly', { customers: told('count.customer', { n: customers.returnsOnly }) }),
    });
  }
  // With nobody buying twice the models have nothing to learn from (the fit would fail in numbers): say why instead.
  if (!customers.frequency.some((x) => x > 0)) {
    throw new DataError(said('sidebar.noRepeat', { column: idColumn.name, asOf: isoFromDay(asOfDay) }));
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
  const idColumn = columnFor(values, headers, c, 'customerId', true)!;
  const ordersColumn = columnFor(values, headers, c, 'orders', true)!;
  const revenueColumn = columnFor(values, headers, c, 'revenue', true)!;
  const firstColumn = columnFor(values, headers, c, 'firstOrder', false);
  const lastColumn = columnFor(values, headers, c, 'lastOrder', true)!;
  const costColumn = columnFor(values, headers, c, 'cost', false);
  const referrerColumn = columnFor(values, headers, c, 'referredBy', false);
  if (!firstColumn) {
    throw new DataError(said('sidebar.firstOrderNeeded'));
  }

  const rows: number[] = [];
  for (let row = firstRow; row < values.length; row++) if (!isBlank(cellAt(idColumn, row))) rows.push(row);
  if (rows.length === 0) throw new DataError(said('sidebar.noCustomers'));
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
      if (indexOf.has(id)) throw new DataError(said('sidebar.repeatsCustomer', { at: rowOf(idColumn, row), id: String(id) }), idColumn.name, row);
      indexOf.set(id, i);
      customers.ids.push(id);
      const orders = checkedNumberAt(ordersColumn, row, { ...POSITIVE_COUNT, subject: 'the number of orders' });
      const first = dayAt(firstColumn, row);
      const last = dayAt(lastColumn, row);
      if (last < first) throw new DataError(said('sidebar.lastBeforeFirst', { at: rowOf(lastColumn, row), }), lastColumn.name, row);
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
  if (tooLate > 0) throw new DataError(said('sidebar.lastAfterAsOf', { customers: said('sidebar.customers', { n: tooLate }), asOf: isoFromDay(asOfDay) }));
  return {
    customers,
    asOfDay,
    orders: customers.orders.reduce((s, o) => s + o, 0),
    holdoutLog: null,
    rowOfCustomer: rows.map((index) => index + 1),
    warnings: [
      {
        text: 'One row per customer: repeat purchases are counted from the number of orders and spend per order from revenue ÷ orders.',
        told: told('warning.oneRowPerCustomer'),
      },
    ],
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
  if (day === null) throw new DataError(said('sidebar.asOf', { text }));
  return day;
}

function summarize(
  analysis: Analysis,
  request: AnalysisRequest,
  asOfDay: number,
  orders: number,
  sheets: string[],
  segmentColumn: string | null,
  warnings: Warning[],
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
    cut: request.cut,
    inactiveDays: request.inactiveDays,
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
      reasonTold: modelReasonTold(analysis, request),
      // The fit's note in the request's language: the sidebar shows it as it comes (a tooltip of the models' table).
      candidates: analysis.candidates.map((c) => ({ name: c.model, label: c.label, mae: c.mae, note: c.noteSaid ? render(languageOf(request.language), c.noteSaid) : c.note })),
      converged: analysis.purchaseFit.converged && analysis.spendFit.converged,
      parameters: Object.entries(params).map(([name, value]) => ({ name, value })),
    },
    holdout: analysis.holdout && {
      sentence: analysis.holdout.sentence,
      sentenceTold: verdictTold(analysis.holdout.total, analysis.holdout.holdoutDays),
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
    ...splitWarnings([...warnings, ...[analysis.purchaseFit, analysis.spendFit].flatMap((fit) => modelNote(fit, languageOf(request.language)))]),
  };
}

/**
 * A fit's note (a model at its edge) as a warning. The note is the errors section's (models/common.ts), which the
 * sidebar does not carry: it is put in words here, in the request's language.
 */
function modelNote(fit: { note?: string; noteSaid?: Said }, language: Language): Warning[] {
  if (!fit.note) return [];
  return [{ text: `Model note: ${fit.note}.`, told: told('warning.modelNote', { note: fit.noteSaid ? render(language, fit.noteSaid) : fit.note }) }];
}

function splitWarnings(all: Warning[]): Pick<AnalysisSummary, 'warnings' | 'warningsTold'> {
  return { warnings: all.map((w) => w.text), warningsTold: all.map((w) => w.told) };
}

/** "8 months" for 60 days or more, else "45 days" (verdict.ts periodWords). */
function periodTold(days: number): Told {
  return days >= 60 ? told('count.month', { n: Math.round(days / (365.25 / 12)) }) : told('count.day', { n: Math.round(days) });
}

const two = (x: number): string => formatNumber(Math.round(x * 100) / 100);

/** The verdict of the whole, as verdict.ts verdictSentence words it (the Segments sheet's English sentence). */
function verdictTold(total: GroupVerdict, holdoutDays: number): Told {
  const head = { predicted: two(total.predicted), period: periodTold(holdoutDays), actual: two(total.actual) };
  if (total.verdict === null || total.low === null || total.high === null) {
    return told('verdict.tooFew', { ...head, customers: VERDICT_RULES.minCustomers, purchases: VERDICT_RULES.minPredictedPurchases });
  }
  const range = { low: two(total.low), high: two(total.high) };
  if (total.verdict === 'within') return told('verdict.within', { ...head, ...range });
  // How far off, so that a large base's narrow range does not make a 1% miss sound like a broken model. A judged
  // group has at least 5 purchases predicted, so its mean predicted is above 0.
  const off = formatPercent(Math.abs(total.actual / total.predicted - 1));
  return told(total.verdict === 'above' ? 'verdict.above' : 'verdict.below', { ...head, ...range, off });
}

/**
 * Why the model, as analysis.ts chooseModel and analyze say it (modelReason), told from what the analysis kept: the
 * user's override; no holdout (too short, or no order log); no candidate fitted; the best one; or another model
 * used because the expected one could not be fitted to the whole history.
 */
function modelReasonTold(analysis: Analysis, request: AnalysisRequest): Told {
  const label = (name: PurchaseModelName): string => modelNamed(name).label;
  const model = label(analysis.model);
  if (request.model !== undefined) return told(request.model === 'bgnbd' ? 'reason.chosenBgnbd' : 'reason.chosen', { model });
  const best = analysis.candidates.find((c) => c.best);
  const expected = best && best.mae !== null ? best.model : FALLBACK_MODEL;
  if (analysis.model !== expected) {
    return told(analysis.candidates.length > 0 ? 'reason.fallback' : 'reason.fallbackDefault', { model, failed: label(expected) });
  }
  if (analysis.candidates.length === 0) return told(request.shape === 'orders' ? 'reason.shortHistory' : 'reason.noLog', { model });
  if (!best || best.mae === null) return told('reason.noFit', { model });
  const mae = (x: number): number => Math.round(x * 1000) / 1000;
  const others = analysis.candidates
    .filter((c) => c !== best)
    .map((o) => (o.mae === null ? told('reason.otherFailed', { model: o.label }) : told('reason.other', { model: o.label, mae: mae(o.mae) })));
  return told('reason.best', {
    model,
    period: analysis.holdout ? periodTold(analysis.holdout.holdoutDays) : told('period.heldBack'),
    mae: mae(best.mae),
    others: listTold(others),
  });
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
      throw new DataError(said('sidebar.withAdvice', { message: e.said ?? e.message }), e.argument, e.row);
    }
    throw e;
  }
}

/** Orders dated after today or before 1990: typos (a wrong year) or a column of something else, said before they mislead. */
function implausibleDates(days: readonly number[], column: string): Warning[] {
  const today = dayOfDate(new Date());
  const future = days.filter((d) => d > today);
  const early = days.filter((d) => d < EARLIEST_PLAUSIBLE_DAY);
  const out: Warning[] = [];
  if (future.length > 0) {
    const last = isoFromDay(largest(future));
    out.push({
      text: `${count(future.length, 'order')} in ${column} dated after today (up to ${last}): check those dates; a wrong year moves the as-of date and every age.`,
      told: told('warning.future', { orders: told('count.order', { n: future.length }), column, last }),
    });
  }
  if (early.length > 0) {
    const first = isoFromDay(-largest(early.map((d) => -d)));
    out.push({
      text: `${count(early.length, 'order')} in ${column} dated before 1990 (from ${first}): check those dates; a date typed without its year lands there.`,
      told: told('warning.early', { orders: told('count.order', { n: early.length }), column, first }),
    });
  }
  return out;
}

/** A row of a column as the errors name it ("amounts row 4"), in the user's language. */
function rowOf(column: Column, row: number): Said {
  return said('where.row', { name: column.name, row: row + 1 });
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
