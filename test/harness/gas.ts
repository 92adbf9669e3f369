/**
 * Runs the built dist/Code.js the way Apps Script does: every call (a cell's recalculation, a menu item, a
 * google.script.run request) loads the script afresh, as a classic script (no modules) in a realm of its own, with
 * fakes of the services the add-in uses. What a call may do depends on how it runs: a custom function reads and
 * never writes (and has no UI); onOpen in AuthMode.NONE builds menus and nothing else; the rest may do anything.
 * A membrane between the script and the fakes enforces that, and hands the script values of its own realm.
 *
 * The script's realm runs in appsscript.json's time zone; the fake spreadsheet has its own (sheets.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { formatDate } from '../support/zones';
import { AppsScriptError, CellError, FakeSpreadsheet, type FakeRange, type FakeSheet } from './sheets';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(root, 'dist');

/** The script's time zone, as the built manifest (dist/appsscript.json) sets it. */
export function scriptTimeZone(distDir: string = DIST): string {
  return (JSON.parse(readFileSync(path.join(distDir, 'appsscript.json'), 'utf8')) as { timeZone: string }).timeZone;
}

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

/**
 * One of PropertiesService's stores (the user's, the script's, the document's), as Google documents them: keys and
 * values are strings (a value set is kept as its text), a missing key reads null, a value holds at most 9 KB and a
 * store 500 KB in all (https://developers.google.com/apps-script/guides/services/quotas: "Properties value size 9 KB /
 * val", "Properties total storage 500 KB / property store").
 */
export class FakeProperties {
  private readonly store = new Map<string, string>();

  static readonly VALUE_BYTES = 9 * 1024;
  static readonly STORE_BYTES = 500 * 1024;

  getProperty(key: string): string | null {
    return this.store.get(String(key)) ?? null;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store);
  }
  getKeys(): string[] {
    return [...this.store.keys()];
  }
  setProperty(key: string, value: unknown): FakeProperties {
    const k = String(key);
    const v = String(value);
    if (Buffer.byteLength(v) > FakeProperties.VALUE_BYTES) throw new AppsScriptError('Argument too large: value');
    const others = [...this.store].filter(([name]) => name !== k).reduce((sum, [name, text]) => sum + Buffer.byteLength(name) + Buffer.byteLength(text), 0);
    if (others + Buffer.byteLength(k) + Buffer.byteLength(v) > FakeProperties.STORE_BYTES) {
      throw new AppsScriptError('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
    this.store.set(k, v);
    return this;
  }
  setProperties(values: Record<string, unknown>, deleteAllOthers = false): FakeProperties {
    if (deleteAllOthers) this.store.clear();
    for (const [k, v] of Object.entries(values)) this.setProperty(k, v);
    return this;
  }
  deleteProperty(key: string): FakeProperties {
    this.store.delete(String(key));
    return this;
  }
  deleteAllProperties(): FakeProperties {
    this.store.clear();
    return this;
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

/** How an execution runs: as a custom function, as onOpen before the add-on is authorised, or with full access. */
export type Mode = 'cell' | 'none' | 'script';

/** One load of the script: its global object, and conversions of values into and out of its realm. */
export interface Execution {
  /** The script's global object: every top-level function of Code.js is a property. */
  global: Record<string, unknown>;
  /** A value of the test's realm as the script's realm holds it (dates, arrays, plain objects copied). */
  toRealm<T>(value: T): T;
  /** A value of the script's realm as the test's realm holds it. */
  toHost(value: unknown): unknown;
  /** A date of the script's realm: the first instant of that day (month 1-12) in the spreadsheet's time zone. */
  date(year: number, month: number, day: number): Date;
}

export interface HarnessOptions {
  distDir?: string;
  spreadsheet?: FakeSpreadsheet;
  /** Session.getActiveUserLocale() (default "en"). */
  userLocale?: string;
}

export interface Harness {
  spreadsheet: FakeSpreadsheet;
  ui: FakeUi;
  scriptCache: FakeCache;
  documentCache: FakeCache;
  userCache: FakeCache;
  /** PropertiesService.getUserProperties(): kept across calls, as the user's properties are. */
  userProperties: FakeProperties;
  /** Loads of the script so far: one per call, as in Apps Script. */
  readonly executions: number;
  /** A date cell of that day (month 1-12) as Sheets holds it: the first instant of the day in the spreadsheet's zone. */
  date(year: number, month: number, day: number): Date;
  /** Calls a custom function as a cell does: a fresh load, read-only access, no UI. The answer comes back to this realm. */
  cell(name: string, ...args: unknown[]): unknown;
  /** Calls a function as a menu item or trigger does (an event with authMode "NONE" runs it in AuthMode.NONE). */
  run(name: string, ...args: unknown[]): unknown;
  /** Calls a server function as google.script.run does: a public name; arguments and answer must be plain data. */
  fromClient(name: string, ...args: unknown[]): unknown;
  /** A fresh load of the script, for callers that build the script's arguments themselves (the benchmark). */
  load(mode?: Mode): Execution;
  /** Stores values into a sheet as a user pasting values would: no parsing; dates are instants (see date()). */
  fill(sheet: FakeSheet, values: unknown[][], row?: number, column?: number): void;
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const distDir = options.distDir ?? DIST;
  const spreadsheet = options.spreadsheet ?? new FakeSpreadsheet();
  const ui = new FakeUi();
  const scriptCache = new FakeCache();
  const documentCache = new FakeCache();
  const userCache = new FakeCache();
  const userProperties = new FakeProperties();
  const scriptProperties = new FakeProperties();
  const documentProperties = new FakeProperties();
  const userLocale = options.userLocale ?? 'en';
  const scriptZone = scriptTimeZone(distDir);
  // Every realm of a process shares the process's zone: run it in the script's, so script code sees what Apps Script
  // gives it (a Date's local getters in the manifest's zone), whatever the machine's zone is.
  process.env.TZ = scriptZone;
  let executions = 0;

  const load = (mode: Mode): Execution => {
    executions++;
    const context = vm.createContext({});
    const realm = vm.runInContext('({ date: (t) => new Date(t), array: (n) => new Array(n), object: () => ({}) })', context) as Realm;
    const membrane = new Membrane(realm, permission(mode));
    const services: Record<string, object> = {
      SpreadsheetApp: {
        getActiveSpreadsheet: () => spreadsheet,
        getActive: () => spreadsheet,
        getActiveSheet: () => spreadsheet.getActiveSheet(),
        getActiveRange: () => spreadsheet.getActiveRange(),
        getUi: () => ui,
        flush: () => undefined,
        newConditionalFormatRule: () => new ConditionalFormatRuleBuilder(),
        BorderStyle: { SOLID: 'SOLID' },
        DeveloperMetadataVisibility: { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' },
        DeveloperMetadataLocationType: { SPREADSHEET: 'SPREADSHEET', SHEET: 'SHEET', ROW: 'ROW', COLUMN: 'COLUMN' },
      },
      HtmlService: {
        createHtmlOutputFromFile: (name: string) => new FakeHtmlOutput(readFileSync(path.join(distDir, `${name}.html`), 'utf8')),
        createHtmlOutput: (html = '') => new FakeHtmlOutput(html),
        SandboxMode: { IFRAME: 'IFRAME', NATIVE: 'NATIVE' },
        XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
      },
      CacheService: {
        getScriptCache: () => scriptCache,
        getDocumentCache: () => documentCache,
        getUserCache: () => userCache,
      },
      PropertiesService: {
        getUserProperties: () => userProperties,
        getScriptProperties: () => scriptProperties,
        getDocumentProperties: () => documentProperties,
      },
      ScriptApp: { AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' } },
      Charts: { ChartType: { COLUMN: 'COLUMN', BAR: 'BAR', LINE: 'LINE', PIE: 'PIE', AREA: 'AREA', SCATTER: 'SCATTER', COMBO: 'COMBO' } },
      Session: { getScriptTimeZone: () => scriptZone, getActiveUserLocale: () => userLocale },
      Utilities: {
        formatDate: (date: Date, zone: string, pattern: string) => {
          if (Object.prototype.toString.call(date) !== '[object Date]') throw new AppsScriptError('Invalid argument: date');
          return formatDate(date.getTime(), zone, pattern);
        },
        sleep: () => undefined,
      },
      Logger: { log: () => undefined },
      console: { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, time: () => undefined, timeEnd: () => undefined },
    };
    for (const [name, service] of Object.entries(services)) (context as Record<string, unknown>)[name] = membrane.service(name, service);
    const code = codeScript(distDir);
    const functions = code.script.runInContext(context) as Record<string, unknown>;
    for (const name of code.names) (context as Record<string, unknown>)[name] = functions[name];
    return {
      global: context as Record<string, unknown>,
      toRealm: <T>(value: T) => membrane.toRealm(value) as T,
      toHost: (value) => membrane.toHost(value),
      date: (y, m, d) => realm.date(spreadsheet.dateOf(y, m, d).getTime()),
    };
  };

  const call = (execution: Execution, name: string, args: unknown[]): unknown => {
    const fn = execution.global[name];
    if (typeof fn !== 'function') throw new Error(`dist/Code.js has no global function ${name}`);
    return execution.toHost((fn as (...a: unknown[]) => unknown)(...args.map((a) => execution.toRealm(a))));
  };

  return {
    spreadsheet,
    ui,
    scriptCache,
    documentCache,
    userCache,
    userProperties,
    get executions() {
      return executions;
    },
    date: (y, m, d) => spreadsheet.dateOf(y, m, d),
    cell: (name, ...args) => call(load('cell'), name, args),
    run(name, ...args) {
      const event = args[0] as { authMode?: unknown } | undefined;
      return call(load(event?.authMode === 'NONE' ? 'none' : 'script'), name, args);
    },
    fromClient(name, ...args) {
      // Apps Script keeps functions whose name ends with "_" private: google.script.run cannot call them.
      if (name.endsWith('_')) throw new Error(`Script function not found: ${name}`);
      args.forEach((a, i) => assertPlainData(a, `argument ${i + 1} of ${name}`));
      const answer = call(load('script'), name, args);
      assertPlainData(answer, `the answer of ${name}`);
      return JSON.parse(JSON.stringify(answer ?? null));
    },
    load: (mode = 'cell') => load(mode),
    fill(sheet, values, row = 1, column = 1) {
      values.forEach((r, i) => r.forEach((v, j) => sheet.storeValue(row + i, column + j, pastedValue(v))));
    },
  };
}

function pastedValue(value: unknown): string | number | boolean | Date | CellError {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof CellError) return value;
  if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as Date).getTime());
  throw new Error(`cannot store ${String(value)} in a cell`);
}

/** Constructors of the script's realm. */
interface Realm {
  date(t: number): Date;
  array(n: number): unknown[];
  object(): Record<string, unknown>;
}

/** The objects of SpreadsheetApp, whose every method a custom function may call only if it reads. */
const SPREADSHEET_OBJECTS = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'DeveloperMetadata', 'MetadataLocation', 'MetadataFinder', 'Chart', 'ChartBuilder', 'ConditionalFormatRuleBuilder', 'ConditionalFormatRule']);
const READS = /^(get|is|has|can)[A-Z]/;

/**
 * What an execution may call: null, or the message Apps Script gives. A custom function may read the spreadsheet
 * (get..., is..., has...), never change it, show no UI; onOpen in AuthMode.NONE may build menus and nothing else.
 */
function permission(mode: Mode): (owner: string, method: string) => string | null {
  if (mode === 'script') return () => null;
  if (mode === 'cell') {
    return (owner, method) => {
      if (owner === 'SpreadsheetApp' && method === 'getUi') return 'Cannot call SpreadsheetApp.getUi() from this context.';
      if (owner === 'HtmlService') return `You do not have permission to call HtmlService.${method}. Custom functions cannot show anything.`;
      if (SPREADSHEET_OBJECTS.has(owner) && !READS.test(method)) return `You do not have permission to call ${method}`;
      return null;
    };
  }
  return (owner, method) => {
    if ((owner === 'SpreadsheetApp' && method === 'getUi') || owner === 'Ui' || owner === 'Menu' || owner === 'Utilities' || owner === 'Logger' || owner === 'console') return null;
    return `You do not have permission to call ${owner}.${method}. Required permissions: the add-on is not yet authorised in this document (AuthMode.NONE)`;
  };
}

/**
 * Stands between the script and the fakes. Fake objects reach the script as proxies whose methods check the
 * execution's permission and convert arguments to the test's realm and answers to the script's: dates, arrays and
 * plain objects are copied across, as Apps Script hands a script values of its own realm.
 */
class Membrane {
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(
    private readonly realm: Realm,
    private readonly allowed: (owner: string, method: string) => string | null,
  ) {}

  service(name: string, target: object): object {
    return this.proxy(target, name);
  }

  toRealm(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return typeof value === 'function' ? this.wrapFunction(value as (...a: unknown[]) => unknown, 'function', '') : value;
    if (Object.prototype.toString.call(value) === '[object Date]') return this.realm.date((value as Date).getTime());
    if (Array.isArray(value)) {
      const out = this.realm.array(value.length);
      for (let i = 0; i < value.length; i++) out[i] = this.toRealm(value[i]);
      return out;
    }
    if (isPlainObject(value)) {
      const out = this.realm.object();
      for (const [k, v] of Object.entries(value)) out[k] = this.toRealm(v);
      return out;
    }
    return this.proxy(value, value.constructor.name.replace(/^Fake/, ''));
  }

  toHost(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    const target = this.targets.get(value);
    if (target) return target;
    if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as Date).getTime());
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = this.toHost(value[i]);
      return out;
    }
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.toHost(v);
      return out;
    }
    return value;
  }

  private proxy(target: object, owner: string): object {
    let proxy = this.proxies.get(target);
    if (!proxy) {
      proxy = new Proxy(target, {
        get: (t, property) => {
          const value = Reflect.get(t, property, t) as unknown;
          if (typeof property !== 'string') return value;
          if (typeof value === 'function') return this.wrapFunction((value as (...a: unknown[]) => unknown).bind(t), owner, property);
          return this.toRealm(value);
        },
        set: () => false,
      });
      this.proxies.set(target, proxy);
      this.targets.set(proxy, target);
    }
    return proxy;
  }

  private wrapFunction(fn: (...a: unknown[]) => unknown, owner: string, method: string): (...a: unknown[]) => unknown {
    return (...args: unknown[]) => {
      const refused = this.allowed(owner, method);
      if (refused) throw new AppsScriptError(refused);
      return this.toRealm(fn(...args.map((a) => this.toHost(a))));
    };
  }
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
  setRanges(ranges: FakeRange[]): this {
    this.rule.ranges = [...ranges];
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
  build(): ConditionalFormatRule {
    return new ConditionalFormatRule({ ...this.rule });
  }
}

/** A built rule: an object of its own kind (not plain data), as Apps Script's ConditionalFormatRule is. */
export class ConditionalFormatRule {
  constructor(readonly rule: Record<string, unknown>) {}
  getRanges(): FakeRange[] {
    return [...((this.rule.ranges as FakeRange[] | undefined) ?? [])];
  }
}
