// The preview's google.script.run (preview/shim.js) on its own, in a vm realm with a stand-in parent window:
// which values it passes and how (Google's documented rules), which it refuses before anything is sent, and how
// answers reach the handlers. The sidebar test runs the same shim in Chromium, sandboxed, against the server.
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { shimSource } from '../../preview/server';

const SOURCE = 'customer-value-preview';

interface Posted {
  data: { source: string; type: string; id: number; fn: string; args: unknown[] };
  target: string;
}

type Handler = (value: unknown, user?: unknown) => void;
interface Runner {
  withSuccessHandler(f: Handler | null): Runner;
  withFailureHandler(f: ((e: Error, user?: unknown) => void) | null): Runner;
  withUserObject(o: unknown): Runner;
  getSheetInfo(...args: unknown[]): void;
  getAnalysisProgress(...args: unknown[]): void;
  analyzeSheet(...args: unknown[]): void;
  [name: string]: unknown;
}

function loadShim(functions = ['getSheetInfo', 'getAnalysisProgress', 'analyzeSheet']) {
  const posted: Posted[] = [];
  const logged: unknown[] = [];
  const listeners: ((event: { source: unknown; data: unknown }) => void)[] = [];
  const parent = { postMessage: (data: Posted['data'], target: string) => posted.push({ data, target }) };
  const window = {
    parent,
    addEventListener: (type: string, listener: (typeof listeners)[number]) => {
      if (type === 'message') listeners.push(listener);
    },
  } as { parent: typeof parent; google?: { script: { run: Runner } } };
  const context = vm.createContext({ window, setTimeout, console: { error: (e: unknown) => logged.push(e) } });
  vm.runInContext(shimSource(functions), context);
  return {
    run: window.google!.script.run,
    posted,
    logged,
    /** A value made in the shim's realm, as the sidebar would make it. */
    make: (code: string): unknown => vm.runInContext(`(${code})`, context),
    /** A message to the sidebar's window, from the parent unless `from` is given. */
    deliver(data: unknown, from: unknown = parent): void {
      for (const listener of listeners) listener({ source: from, data });
    },
  };
}

/** Calls `fn` with `args` and waits for the failure handler (or gives up after a few ticks). */
async function failureOf(shim: ReturnType<typeof loadShim>, fn: string, ...args: unknown[]): Promise<string | null> {
  let message: string | null = null;
  const runner = shim.run.withSuccessHandler(() => (message = 'success')).withFailureHandler((e) => (message = e.message));
  (runner[fn] as (...a: unknown[]) => void)(...args);
  await new Promise((r) => setTimeout(r, 5));
  return message;
}

describe('the preview google.script.run: arguments', () => {
  it('refuses a Date anywhere in the arguments, naming where it is, and sends nothing', async () => {
    const shim = loadShim();
    expect(await failureOf(shim, 'analyzeSheet', shim.make('{ asOf: new Date() }'))).toBe(
      'google.script.run: argument 1.asOf is a Date; pass a string or number instead (the real bridge rejects Dates)',
    );
    expect(await failureOf(shim, 'analyzeSheet', shim.make('{ columns: [1, { day: new Date(0) }] }'))).toMatch(/^google\.script\.run: argument 1\.columns\[1\]\.day is a Date/);
    expect(await failureOf(shim, 'analyzeSheet', 'ok', shim.make('new Date()'))).toMatch(/argument 2 is a Date/);
    // A Date of another realm is a Date too.
    expect(await failureOf(shim, 'analyzeSheet', { asOf: new Date() })).toMatch(/argument 1\.asOf is a Date/);
    expect(shim.posted).toEqual([]);
  });

  it('refuses functions, symbols, bigints, non-plain objects, circular structures and a top-level undefined', async () => {
    const shim = loadShim();
    const cases: [string, RegExp][] = [
      ['{ onDone: function () {} }', /argument 1\.onDone is a function/],
      ['[() => 1]', /argument 1\[0\] is a function/],
      ['Symbol("s")', /argument 1 is a symbol/],
      ['{ n: 10n }', /argument 1\.n is a bigint/],
      ['new Map([[1, 2]])', /argument 1 is a Map/],
      ['new Set([1])', /argument 1 is a Set/],
      ['new Uint8Array(2)', /argument 1 is a Uint8Array/],
      ['/x/', /argument 1 is a RegExp/],
      ['new Error("e")', /argument 1 is an Error/],
      ['new String("boxed")', /argument 1 is a String/],
      ['new (class Request {})()', /argument 1 is an instance of Request/],
      ['{ rows: new (class Rows extends Array {})() }', /argument 1\.rows is an instance of Rows \(an Array subclass, not a plain array\)/],
      ['(() => { const a = { name: "a" }; a.self = a; return a; })()', /argument 1\.self refers back to an object that contains it \(a circular structure\)/],
      ['(() => { const a = [1]; a.push([a]); return a; })()', /argument 1\[1\]\[0\] refers back/],
      ['NaN', /argument 1 is NaN/],
      ['{ x: Infinity }', /argument 1\.x is Infinity/],
    ];
    for (const [code, message] of cases) expect(await failureOf(shim, 'analyzeSheet', shim.make(code)), code).toMatch(message);
    expect(await failureOf(shim, 'analyzeSheet', undefined)).toMatch(/^google\.script\.run: argument 1 is undefined; pass null instead/);
    expect(await failureOf(shim, 'analyzeSheet', 1, undefined)).toMatch(/argument 2 is undefined/);
    expect(shim.posted).toEqual([]);
  });

  it('passes plain data as the documentation says: undefined in an array becomes null, an undefined property is dropped', async () => {
    const shim = loadShim();
    const shared = { k: 1 };
    shim.run.analyzeSheet({ a: [1, undefined, , 'x'], b: undefined, c: null, d: { e: true, f: -0.5 }, g: [shared, shared] }, [1, undefined], null, 'text');
    shim.run.getSheetInfo();
    shim.run.getAnalysisProgress(shim.make('Object.assign(Object.create(null), { plain: [] })'));
    expect(shim.posted.map((p) => p.target)).toEqual(['*', '*', '*']);
    expect(shim.posted.map((p) => ({ ...p.data }))).toEqual([
      {
        source: SOURCE,
        type: 'run',
        id: 1,
        fn: 'analyzeSheet',
        args: [{ a: [1, null, null, 'x'], c: null, d: { e: true, f: -0.5 }, g: [{ k: 1 }, { k: 1 }] }, [1, null], null, 'text'],
      },
      { source: SOURCE, type: 'run', id: 2, fn: 'getSheetInfo', args: [] },
      { source: SOURCE, type: 'run', id: 3, fn: 'getAnalysisProgress', args: [{ plain: [] }] },
    ]);
    // A copy, as the server gets one: the caller's objects are not what is posted.
    const request = { list: [1] };
    shim.run.analyzeSheet(request);
    expect(shim.posted[3].data.args[0]).not.toBe(request);
  });

  it('offers only the public server functions: a private or unknown name is not a function, as in Apps Script', async () => {
    const shim = loadShim(['getSheetInfo', 'helper_', 'withSuccessHandler']);
    let failed = false;
    const runner = shim.run.withFailureHandler(() => (failed = true));
    expect(typeof runner.getSheetInfo).toBe('function');
    expect(runner.helper_).toBeUndefined();
    expect(runner.foo_).toBeUndefined();
    expect(() => (runner.foo_ as () => void)()).toThrow(TypeError);
    expect(() => (runner.nothingLikeThis as () => void)()).toThrow(TypeError);
    // A server function cannot take the place of the handler setters.
    expect(typeof runner.withSuccessHandler(null).getSheetInfo).toBe('function');
    await new Promise((r) => setTimeout(r, 5));
    expect(failed).toBe(false);
    expect(shim.posted).toEqual([]);
  });

  it('without a failure handler logs the failure to the console, and withFailureHandler(null) silences it', async () => {
    const shim = loadShim();
    shim.run.analyzeSheet(shim.make('new Date()'));
    shim.run.withFailureHandler(null).analyzeSheet(shim.make('new Date()'));
    await new Promise((r) => setTimeout(r, 5));
    expect(shim.logged.map((e) => (e as Error).message)).toEqual([expect.stringMatching(/argument 1 is a Date/)]);
  });
});

describe('the preview google.script.run: answers', () => {
  function call(shim: ReturnType<typeof loadShim>, fn: string, user?: unknown) {
    const outcome: { success?: unknown; failure?: string; user?: unknown } = {};
    let runner = shim.run
      .withSuccessHandler((value, u) => Object.assign(outcome, { success: value, user: u }))
      .withFailureHandler((e, u) => Object.assign(outcome, { failure: e.message, user: u }));
    if (user !== undefined) runner = runner.withUserObject(user);
    (runner[fn] as () => void)();
    return { outcome, id: shim.posted[shim.posted.length - 1].data.id };
  }

  it('hands the answer to the success handler, with the user object, and a server error to the failure handler', () => {
    const shim = loadShim();
    const ok = call(shim, 'getSheetInfo', 'mine');
    const bad = call(shim, 'analyzeSheet');
    shim.deliver({ source: SOURCE, type: 'answer', id: ok.id, result: { ok: true, value: { name: 'Orders' } } });
    shim.deliver({ source: SOURCE, type: 'answer', id: bad.id, error: 'Script function not found: analyzeSheet' });
    expect(ok.outcome).toEqual({ success: { ok: true, value: { name: 'Orders' } }, user: 'mine' });
    expect(bad.outcome).toEqual({ failure: 'Script function not found: analyzeSheet', user: undefined });
  });

  it('passes only plain data to the success handler: an answer holding a Date fails', () => {
    const shim = loadShim();
    const date = call(shim, 'getSheetInfo');
    const nothing = call(shim, 'getAnalysisProgress');
    shim.deliver({ source: SOURCE, type: 'answer', id: date.id, result: { asOf: new Date() } });
    shim.deliver({ source: SOURCE, type: 'answer', id: nothing.id });
    expect(date.outcome.failure).toMatch(/^google\.script\.run: the answer of getSheetInfo\.asOf is a Date/);
    expect(date.outcome.success).toBeUndefined();
    expect(nothing.outcome).toEqual({ success: null, user: undefined });
  });

  it('ignores messages that are not the parent window answering a call it made', () => {
    const shim = loadShim();
    const pending = call(shim, 'getSheetInfo');
    shim.deliver({ source: SOURCE, type: 'answer', id: pending.id, result: 'forged' }, {});
    shim.deliver({ source: 'elsewhere', type: 'answer', id: pending.id, result: 'forged' });
    shim.deliver({ source: SOURCE, type: 'answer', id: pending.id + 1, result: 'forged' });
    shim.deliver('just a string');
    expect(pending.outcome).toEqual({});
    shim.deliver({ source: SOURCE, type: 'answer', id: pending.id, result: 'real' });
    shim.deliver({ source: SOURCE, type: 'answer', id: pending.id, result: 'again' });
    expect(pending.outcome).toEqual({ success: 'real', user: undefined });
  });
});
