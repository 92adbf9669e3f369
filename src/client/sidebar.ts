/**
 * The Analyze customers sidebar. Everything that comes from the sheet (sheet name, headers, messages that quote
 * them) is untrusted: it reaches the page only through textContent and option labels, never as HTML.
 */
import type {
  AnalysisRequest,
  AnalysisSummary,
  ColumnChoice,
  ColumnRole,
  DataShape,
  Progress,
  Reply,
  SegmentExport,
  SheetInfo,
} from '../server/contract';
import { REQUEST_LIMITS, told } from '../server/contract';
import { el } from './dom';
import { formatCount } from './format';
import { showDataCheck } from './datacheck';
import { renderResults } from './results';
import { isLanguage, type Language } from '../core/i18n';
import { language, languageSwitch, onLanguageChange, say, setLanguage, tell } from './language';

// google.script.run, as far as the sidebar uses it.
interface Runner {
  withSuccessHandler(handler: (value: unknown) => void): Runner;
  withFailureHandler(handler: (error: Error) => void): Runner;
  getLanguage(): void;
  setLanguage(language: Language): void;
  getSheetInfo(language: Language): void;
  getAnalysisProgress(): void;
  analyzeSheet(request: AnalysisRequest): void;
  exportSegment(request: AnalysisRequest, segment: string): void;
}
declare const google: { script: { run: Runner } };

/** Calls a server function; a thrown exception becomes a Reply too. */
function call<T>(invoke: (run: Runner) => void): Promise<Reply<T>> {
  return new Promise((resolve) => {
    invoke(
      google.script.run
        .withSuccessHandler((value) => resolve((value as Reply<T> | null) ?? { ok: false, error: say('error.noAnswer') }))
        .withFailureHandler((e: Error) => resolve({ ok: false, error: say('error.couldNotFinish', { message: e?.message ?? String(e) }) })),
    );
  });
}

function callRaw<T>(invoke: (run: Runner) => void): Promise<T | null> {
  return new Promise((resolve) => {
    invoke(
      google.script.run
        .withSuccessHandler((value) => resolve((value as T | null) ?? null))
        .withFailureHandler(() => resolve(null)),
    );
  });
}

// ---------------------------------------------------------------------------------------------- DOM helpers

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const show = (node: HTMLElement, visible: boolean): void => {
  node.hidden = !visible;
};

// ---------------------------------------------------------------------------------------------- columns

interface RoleSpec {
  role: ColumnRole;
  required: boolean;
}

/** A column's name in the sidebar's language: each role has its `role.…` message (a new role without one fails the typecheck). */
const roleLabel = (role: ColumnRole): string => say(`role.${role}`);

/** The names the range checks of the options use. */
type OptionName = 'error.horizonName' | 'error.discountName' | 'error.marginName' | 'error.inactiveName';

const ROLES: Record<DataShape, RoleSpec[]> = {
  orders: [
    { role: 'customerId', required: true },
    { role: 'orderDate', required: true },
    { role: 'amount', required: true },
    { role: 'cost', required: false },
    { role: 'margin', required: false },
    { role: 'referredBy', required: false },
  ],
  customers: [
    { role: 'customerId', required: true },
    { role: 'orders', required: true },
    { role: 'revenue', required: true },
    { role: 'firstOrder', required: true },
    { role: 'lastOrder', required: true },
    { role: 'cost', required: false },
    { role: 'referredBy', required: false },
  ],
};

let info: SheetInfo | null = null;

function renderColumns(shape: DataShape, keep: ColumnChoice | null = null): void {
  const box = $('columns');
  box.replaceChildren();
  const guess: ColumnChoice = keep ?? (info && info.shape === shape ? info.guess : {});
  for (const spec of ROLES[shape]) {
    const select = el('select', { testid: `column-${spec.role}` });
    select.id = `col-${spec.role}`;
    select.dataset.role = spec.role;
    select.appendChild(new Option(say('columns.none'), ''));
    info?.headers.forEach((header, i) => select.appendChild(new Option(header, String(i))));
    const guessed = guess[spec.role];
    select.value = guessed === null || guessed === undefined ? '' : String(guessed);
    select.addEventListener('change', updateMarginHint);
    const label = el('label', { className: 'row', text: spec.required ? roleLabel(spec.role) : say('columns.optional', { label: roleLabel(spec.role) }) }, select);
    label.htmlFor = select.id;
    box.appendChild(label);
  }
  if (info) showDataCheck(info, shape, box);
  show($('segment-column-row'), shape === 'customers');
  updateMarginHint();
}

function chosenColumns(shape: DataShape): ColumnChoice {
  const columns: ColumnChoice = {};
  for (const spec of ROLES[shape]) {
    const value = ($(`col-${spec.role}`) as HTMLSelectElement).value;
    columns[spec.role] = value === '' ? null : Number(value);
  }
  return columns;
}

/** The gross-margin option only matters when there is no cost or margin column. */
function updateMarginHint(): void {
  const shape = ($('shape') as HTMLSelectElement).value as DataShape;
  const columns = chosenColumns(shape);
  const hasCost = (columns.cost ?? null) !== null || (columns.margin ?? null) !== null;
  ($('margin') as HTMLInputElement).disabled = hasCost;
  $('margin-hint').textContent = say(hasCost ? 'options.marginNotUsed' : 'options.marginUsed');
}

// ---------------------------------------------------------------------------------------------- loading

/**
 * How to say the error shown again in another language: the options' checks are run again; a refusal of the server
 * stays in the language it was asked in (the sheet is read again only when reading it failed: see the switch below).
 */
let sayErrorAgain: (() => string | null) | null = null;

function showError(message: string | null, again: (() => string | null) | null = null): void {
  sayErrorAgain = again;
  const box = $('error');
  box.textContent = message ?? '';
  show(box, message !== null);
}

async function load(): Promise<void> {
  show($('loading'), true);
  show($('form'), false);
  show($('results'), false);
  showError(null);
  const reply = await call<SheetInfo>((run) => run.getSheetInfo(language()));
  show($('loading'), false);
  if (!reply.ok) {
    info = null;
    $('sheet-name').textContent = '';
    $('sheet-rows').textContent = '';
    $('shape-reason').textContent = '';
    showError(reply.error);
    return;
  }
  info = reply.value;
  $('sheet-name').textContent = info.sheetName;
  sheetTexts(info);
  ($('shape') as HTMLSelectElement).value = info.shape;
  ($('as-of') as HTMLInputElement).value = info.lastDate ?? '';
  ($('segment-column') as HTMLInputElement).checked = info.hasSegmentColumn;
  renderColumns(info.shape);
  show($('form'), true);
}

/** The sheet's line in the sidebar's language. */
function sheetTexts(sheet: SheetInfo): void {
  $('sheet-rows').textContent = say('sheet.rows', { count: formatCount(sheet.rows) });
  // The reason is a sentence of the sidebar's language: not isolated as a foreign value.
  $('shape-reason').textContent = tell(told('sheet.looksLike', { reason: sheet.shapeReasonTold }));
}

// ---------------------------------------------------------------------------------------------- analysis

function numberInput(id: string, name: OptionName, min: number, max: number, integer = false): number {
  const input = $(id) as HTMLInputElement;
  const value = Number(input.value);
  if (input.value.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new Error(say(integer ? 'error.wholeNumber' : 'error.number', { name: say(name), min, max }));
  }
  return value;
}

function readRequest(): AnalysisRequest {
  if (!info) throw new Error(say('error.reloadFirst'));
  const shape = ($('shape') as HTMLSelectElement).value as DataShape;
  const columns = chosenColumns(shape);
  // Lower case reads right inside an English sentence; the other languages' labels are unchanged by it.
  const missing = ROLES[shape].filter((s) => s.required && columns[s.role] === null).map((s) => roleLabel(s.role).toLowerCase());
  if (missing.length > 0) throw new Error(say(missing.length > 1 ? 'error.chooseColumns' : 'error.chooseColumn', { columns: missing.join(', ') }));
  const asOf = ($('as-of') as HTMLInputElement).value;
  return {
    sheetName: info.sheetName,
    shape,
    columns,
    asOf: asOf || undefined,
    horizonMonths: numberInput('horizon', 'error.horizonName', REQUEST_LIMITS.horizonMonths.min, REQUEST_LIMITS.horizonMonths.max, true),
    // Rates are typed in percent.
    annualDiscountRate: numberInput('discount', 'error.discountName', 100 * REQUEST_LIMITS.annualDiscountRate.min, 100 * REQUEST_LIMITS.annualDiscountRate.max) / 100,
    grossMargin: numberInput('margin', 'error.marginName', 100 * REQUEST_LIMITS.grossMargin.min, 100 * REQUEST_LIMITS.grossMargin.max) / 100,
    inactiveDays: numberInput('inactive', 'error.inactiveName', REQUEST_LIMITS.inactiveDays.min, REQUEST_LIMITS.inactiveDays.max, true),
    cut: ($('cut') as HTMLSelectElement).value === 'median' ? 'median' : 'top20',
    addSegmentColumn: shape === 'customers' && ($('segment-column') as HTMLInputElement).checked,
    // The sheets the analysis writes, and its errors, in the language the sidebar shows.
    language: language(),
    calendar: ($('calendar') as HTMLSelectElement).value === 'persian' ? 'persian' : 'gregorian',
  };
}

/** The last progress shown, so the language switch can say it again. */
let progress: Progress | null = null;

function setProgress(p: Progress): void {
  progress = p;
  const share = p.steps > 0 ? Math.min(1, p.step / p.steps) : 0;
  $('progress-fill').style.width = `${Math.round(share * 100)}%`;
  $('progress').querySelector('.bar')?.setAttribute('aria-valuenow', String(Math.round(share * 100)));
  // An older server sends English words only.
  $('progress-message').textContent = p.told ? tell(p.told) : p.message;
}

/** A server call that reports its progress (getAnalysisProgress), polled every half second until it answers. */
async function withProgress<T>(invoke: (run: Runner) => void, onProgress: (p: Progress) => void): Promise<Reply<T>> {
  let running = true;
  const poll = async (): Promise<void> => {
    while (running) {
      await new Promise((r) => setTimeout(r, 500));
      const p = await callRaw<Progress>((run) => run.getAnalysisProgress());
      if (running && p && !p.done) onProgress(p);
    }
  };
  void poll();
  const reply = await call<T>(invoke);
  running = false;
  return reply;
}

/** Draws the last analysis's results again (in another language); null before the first. */
let drawResults: (() => void) | null = null;

async function analyze(): Promise<void> {
  let request: AnalysisRequest;
  try {
    request = readRequest();
  } catch (e) {
    showError((e as Error).message, () => {
      try {
        readRequest();
        return null;
      } catch (again) {
        return (again as Error).message;
      }
    });
    return;
  }
  showError(null);
  show($('results'), false);
  const button = $('analyze') as HTMLButtonElement;
  button.disabled = true;
  setProgress({ step: 0, steps: 1, message: 'Starting…', told: told('analyze.starting'), done: false });
  show($('progress'), true);

  const reply = await withProgress<AnalysisSummary>((run) => run.analyzeSheet(request), setProgress);
  button.disabled = false;
  show($('progress'), false);
  if (!reply.ok) {
    showError(reply.error);
    return;
  }
  try {
    const box = $('results');
    const summary = reply.value;
    // The export analyzes again with the same request: the server keeps no state between calls.
    drawResults = () => renderResults(box, summary, { exportSegment: (segment, onProgress) => withProgress<SegmentExport>((run) => run.exportSegment(request, segment), onProgress) });
    drawResults();
    show(box, true);
    box.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  } catch (e) {
    showError(say('error.summaryFailed', { message: (e as Error).message }));
  }
}

// ---------------------------------------------------------------------------------------------- wiring

// The switch is remembered on the server (for the user), so the sidebar opens in the chosen language next time.
languageSwitch($('language') as HTMLSelectElement, (chosen) => void callRaw<unknown>((run) => run.setLanguage(chosen)));
// The switch redraws the sidebar's own texts and keeps the columns the user chose. Before the sheet is read there are
// no columns yet: load() draws them in the language of the moment.
onLanguageChange(() => {
  if (drawResults && !$('results').hidden) drawResults();
  if (progress && !$('progress').hidden) setProgress(progress);
  if (sayErrorAgain && !$('error').hidden) showError(sayErrorAgain(), sayErrorAgain);
  // The sheet could not be read: ask again, so the server says why in the new language.
  if (!info && !$('error').hidden && $('loading').hidden) {
    void load();
    return;
  }
  if (!info) return;
  const shape = ($('shape') as HTMLSelectElement).value as DataShape;
  sheetTexts(info);
  renderColumns(shape, chosenColumns(shape));
});
$('reload').addEventListener('click', () => void load());
$('shape').addEventListener('change', () => renderColumns(($('shape') as HTMLSelectElement).value as DataShape));
$('form').addEventListener('submit', (event) => {
  event.preventDefault();
  void analyze();
});
// The language the server chose from the user's locale; English until it answers (or when it cannot).
void callRaw<unknown>((run) => run.getLanguage()).then((chosen) => {
  if (isLanguage(chosen)) setLanguage(chosen);
});
void load();
