/**
 * Runs the built dist/Code.js the way Apps Script does: as a classic script (no modules) in its own realm,
 * with fakes of the services the add-in uses. Custom functions are called as a cell calls them
 * (read-only, no UI); menu and sidebar functions as the script calls them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { AppsScriptError, FakeSpreadsheet, type FakeSheet } from './sheets';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(root, 'dist');

export class FakeCache {
  private readonly store = new Map<string, { value: string; expires: number }>();
  puts = 0;
  now: () => number = () => Date.now();

  get(key: string): string | null {
    const entry = this.store.get(key);
    if (!entry || entry.expires < this.now()) return null;
    return entry.value;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds = 600): void {
    if (typeof value !== 'string') throw new AppsScriptError('Invalid argument: value');
    if (key.length > 250) throw new AppsScriptError('Argument too large: key');
    if (Buffer.byteLength(value) > 100 * 1024) throw new AppsScriptError('Argument too large: value');
    if (expirationInSeconds > 21_600) expirationInSeconds = 21_600;
    this.puts++;
    this.store.set(key, { value, expires: this.now() + expirationInSeconds * 1000 });
  }
  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this.store.delete(key);
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this.store.delete(k);
  }
  get size(): number {
    return this.store.size;
  }
}

export interface MenuItem {
  caption: string;
  functionName: string;
}

export class FakeMenu {
  readonly items: (MenuItem | 'separator' | FakeMenu)[] = [];
  constructor(
    readonly title: string,
    private readonly ui: FakeUi,
  ) {}
  addItem(caption: string, functionName: string): FakeMenu {
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): FakeMenu {
    this.items.push('separator');
    return this;
  }
  addSubMenu(menu: FakeMenu): FakeMenu {
    this.items.push(menu);
    return this;
  }
  addToUi(): void {
    this.ui.menus.push(this);
  }
}

export class FakeHtmlOutput {
  private title = '';
  width = 300;
  height = 0;
  constructor(private content: string) {}
  setTitle(title: string): FakeHtmlOutput {
    this.title = title;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(w: number): FakeHtmlOutput {
    this.width = w;
    return this;
  }
  setHeight(h: number): FakeHtmlOutput {
    this.height = h;
    return this;
  }
  getContent(): string {
    return this.content;
  }
  append(html: string): FakeHtmlOutput {
    this.content += html;
    return this;
  }
  setSandboxMode(): FakeHtmlOutput {
    return this;
  }
  setXFrameOptionsMode(): FakeHtmlOutput {
    return this;
  }
}

export class FakeUi {
  readonly menus: FakeMenu[] = [];
  readonly sidebars: FakeHtmlOutput[] = [];
  readonly dialogs: { html: FakeHtmlOutput; title: string }[] = [];
  readonly alerts: string[] = [];
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO' };
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
  createMenu(title: string): FakeMenu {
    return new FakeMenu(title, this);
  }
  createAddonMenu(): FakeMenu {
    return new FakeMenu('Customer Value', this);
  }
  showSidebar(html: FakeHtmlOutput): void {
    this.sidebars.push(html);
  }
  showModalDialog(html: FakeHtmlOutput, title: string): void {
    this.dialogs.push({ html, title });
  }
  alert(message: string): string {
    this.alerts.push(message);
    return 'OK';
  }
}

/**
 * Built-ins the bundle reads in its hot loops. In a Node vm context every global lookup goes through the context's
 * interceptor, about 30 times slower than in Apps Script's V8, which would make the harness (and the benchmark)
 * measure Node's vm instead of our code. Handing them in as parameters makes them ordinary locals.
 */
const BUILTINS = [
  'Math', 'Number', 'Array', 'Float64Array', 'Float32Array', 'Int32Array', 'Uint32Array', 'Int16Array', 'Uint16Array',
  'Int8Array', 'Uint8Array', 'ArrayBuffer', 'Map', 'Set', 'WeakMap', 'Object', 'String', 'Boolean', 'Date', 'Error',
  'RangeError', 'TypeError', 'JSON', 'Symbol', 'RegExp', 'Reflect', 'Infinity', 'NaN', 'isFinite', 'isNaN',
  'parseFloat', 'parseInt',
];

let compiled: { source: string; script: vm.Script; names: string[] } | null = null;

/**
 * dist/Code.js as the classic script Apps Script runs, wrapped in a function that takes the built-ins above and
 * returns every top-level function, which the harness then puts on the global object as Apps Script does.
 * The wrapper changes no meaning: the bundle has no top-level `this`, and nothing else reads its globals by name.
 * (test/harness/bundle.test.ts runs the unwrapped file too.)
 */
function codeScript(distDir: string): { script: vm.Script; names: string[] } {
  const file = path.join(distDir, 'Code.js');
  const source = readFileSync(file, 'utf8');
  if (!compiled || compiled.source !== source) {
    const names = [...source.matchAll(/^(?:async )?function\s+([A-Za-z_$][\w$]*)\s*\(/gm)].map((m) => m[1]);
    const wrapped = `(function (${BUILTINS.join(', ')}) {\n${source}\n;return { ${names.join(', ')} };\n})(${BUILTINS.join(', ')})`;
    compiled = { source, script: new vm.Script(wrapped, { filename: 'Code.js', lineOffset: -1 }), names };
  }
  return compiled;
}

export interface HarnessOptions {
  distDir?: string;
  spreadsheet?: FakeSpreadsheet;
}

export interface Harness {
  /** The script's global object: every top-level function of Code.js is a property. */
  global: Record<string, unknown>;
  spreadsheet: FakeSpreadsheet;
  ui: FakeUi;
  scriptCache: FakeCache;
  documentCache: FakeCache;
  userCache: FakeCache;
  /** A date of the script's realm, local midnight of a calendar day (month 1-12). */
  date(year: number, month: number, day: number): Date;
  toRealm<T>(value: T): T;
  /** Calls a custom function as a cell does: read-only access, no UI. The answer is copied back to this realm. */
  cell(name: string, ...args: unknown[]): unknown;
  /** Calls a function as a menu item or trigger does. */
  run(name: string, ...args: unknown[]): unknown;
  /** Calls a server function as google.script.run does: arguments and answer must be plain data. */
  fromClient(name: string, ...args: unknown[]): unknown;
  /** Stores values into a sheet as a user would type them (dates become dates of the script's realm). */
  fill(sheet: FakeSheet, values: unknown[][], row?: number, column?: number): void;
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const distDir = options.distDir ?? DIST;
  const spreadsheet = options.spreadsheet ?? new FakeSpreadsheet();
  const ui = new FakeUi();
  const scriptCache = new FakeCache();
  const documentCache = new FakeCache();
  const userCache = new FakeCache();
  let mode: 'cell' | 'script' = 'script';

  const denyInCell = (what: string): void => {
    if (mode === 'cell') throw new AppsScriptError(`You do not have permission to call ${what}. Custom functions cannot do this.`);
  };

  const SpreadsheetApp = {
    getActiveSpreadsheet: () => spreadsheet,
    getActive: () => spreadsheet,
    getActiveSheet: () => spreadsheet.getActiveSheet(),
    getActiveRange: () => spreadsheet.getActiveRange(),
    getUi: () => {
      if (mode === 'cell') throw new AppsScriptError('Cannot call SpreadsheetApp.getUi() from this context.');
      return ui;
    },
    flush: () => undefined,
    newConditionalFormatRule: () => new ConditionalFormatRuleBuilder(),
    BorderStyle: { SOLID: 'SOLID' },
  };
  const HtmlService = {
    createHtmlOutputFromFile: (name: string) => {
      denyInCell('HtmlService.createHtmlOutputFromFile');
      return new FakeHtmlOutput(readFileSync(path.join(distDir, `${name}.html`), 'utf8'));
    },
    createHtmlOutput: (html = '') => new FakeHtmlOutput(html),
    SandboxMode: { IFRAME: 'IFRAME', NATIVE: 'NATIVE' },
    XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
  };
  const CacheService = {
    getScriptCache: () => scriptCache,
    getDocumentCache: () => documentCache,
    getUserCache: () => userCache,
  };
  const ScriptApp = { AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' } };
  const Charts = {
    ChartType: { COLUMN: 'COLUMN', BAR: 'BAR', LINE: 'LINE', PIE: 'PIE', AREA: 'AREA', SCATTER: 'SCATTER', COMBO: 'COMBO' },
  };
  const Session = { getScriptTimeZone: () => 'Etc/UTC' };
  const Logger = { log: () => undefined };
  const Utilities = { sleep: () => undefined };
  const silentConsole = { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, time: () => undefined, timeEnd: () => undefined };

  const context = vm.createContext({ SpreadsheetApp, HtmlService, CacheService, ScriptApp, Charts, Session, Logger, Utilities, console: silentConsole });
  const code = codeScript(distDir);
  const functions = code.script.runInContext(context) as Record<string, unknown>;
  for (const name of code.names) (context as Record<string, unknown>)[name] = functions[name];
  const realmDate = vm.runInContext('(t) => new Date(t)', context) as (t: number) => Date;
  const realmLocalDate = vm.runInContext('(y, m, d) => new Date(y, m, d)', context) as (y: number, m: number, d: number) => Date;
  spreadsheet.makeDate = realmLocalDate;
  const realmArray = vm.runInContext('(n) => new Array(n)', context) as (n: number) => unknown[];
  const realmObject = vm.runInContext('() => ({})', context) as () => Record<string, unknown>;

  const toRealm = <T>(value: T): T => convert(value, (t) => realmDate(t), realmArray, realmObject) as T;
  const toHost = (value: unknown): unknown =>
    convert(value, (t) => new Date(t), (n) => new Array<unknown>(n), () => ({}));

  const callGlobal = (name: string, args: unknown[]): unknown => {
    const fn = (context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new Error(`dist/Code.js has no global function ${name}`);
    return (fn as (...a: unknown[]) => unknown)(...args.map(toRealm));
  };

  return {
    global: context as Record<string, unknown>,
    spreadsheet,
    ui,
    scriptCache,
    documentCache,
    userCache,
    date: (y, m, d) => realmLocalDate(y, m - 1, d),
    toRealm,
    cell(name, ...args) {
      mode = 'cell';
      spreadsheet.readOnly = true;
      try {
        return toHost(callGlobal(name, args));
      } finally {
        mode = 'script';
        spreadsheet.readOnly = false;
      }
    },
    run: (name, ...args) => toHost(callGlobal(name, args)),
    fromClient(name, ...args) {
      args.forEach((a, i) => assertPlainData(a, `argument ${i + 1} of ${name}`));
      const answer = toHost(callGlobal(name, args));
      assertPlainData(answer, `the answer of ${name}`);
      return JSON.parse(JSON.stringify(answer ?? null));
    },
    fill(sheet, values, row = 1, column = 1) {
      const width = values.reduce((m, r) => Math.max(m, r.length), 0);
      const rows = values.map((r) => Array.from({ length: width }, (_, j) => hostCellToRealm(r[j], realmLocalDate)));
      rows.forEach((r, i) => r.forEach((v, j) => sheet.storeValue(row + i, column + j, v)));
    },
  };
}

function hostCellToRealm(value: unknown, makeDate: (y: number, m: number, d: number) => Date): string | number | boolean | Date {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return makeDate(value.getFullYear(), value.getMonth(), value.getDate());
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Object.prototype.toString.call(value) === '[object Date]') return value as Date;
  throw new Error(`cannot store ${String(value)} in a cell`);
}

function convert(
  value: unknown,
  makeDate: (t: number) => Date,
  makeArray: (n: number) => unknown[],
  makeObject: () => Record<string, unknown>,
): unknown {
  if (Object.prototype.toString.call(value) === '[object Date]') return makeDate((value as Date).getTime());
  if (Array.isArray(value)) {
    const out = makeArray(value.length);
    for (let i = 0; i < value.length; i++) out[i] = convert(value[i], makeDate, makeArray, makeObject);
    return out;
  }
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    const out = makeObject();
    for (const [k, v] of Object.entries(value)) out[k] = convert(v, makeDate, makeArray, makeObject);
    return out;
  }
  return value;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** google.script.run passes primitives, arrays and plain objects only; a Date or a function is lost. */
export function assertPlainData(value: unknown, what: string): void {
  if (value === null || value === undefined) return;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return;
  if (t === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${what} holds ${String(value)}, which google.script.run cannot pass`);
    return;
  }
  if (Array.isArray(value)) return value.forEach((v, i) => assertPlainData(v, `${what}[${i}]`));
  if (t === 'object' && isPlainObject(value as object) && Object.prototype.toString.call(value) === '[object Object]') {
    for (const [k, v] of Object.entries(value as object)) assertPlainData(v, `${what}.${k}`);
    return;
  }
  throw new Error(`${what} is ${Object.prototype.toString.call(value)}, which google.script.run cannot pass`);
}

class ConditionalFormatRuleBuilder {
  private readonly rule: Record<string, unknown> = {};
  setGradientMinpointWithValue(color: string, type: string, value: string): this {
    this.rule.min = { color, type, value };
    return this;
  }
  setGradientMidpointWithValue(color: string, type: string, value: string): this {
    this.rule.mid = { color, type, value };
    return this;
  }
  setGradientMaxpointWithValue(color: string, type: string, value: string): this {
    this.rule.max = { color, type, value };
    return this;
  }
  setGradientMinpoint(color: string): this {
    this.rule.min = { color };
    return this;
  }
  setGradientMaxpoint(color: string): this {
    this.rule.max = { color };
    return this;
  }
  setRanges(ranges: { getA1Notation(): string }[]): this {
    this.rule.ranges = ranges.map((r) => r.getA1Notation());
    return this;
  }
  whenTextEqualTo(text: string): this {
    this.rule.textEqualTo = text;
    return this;
  }
  setBackground(color: string): this {
    this.rule.background = color;
    return this;
  }
  build(): Record<string, unknown> {
    return { ...this.rule };
  }
}
