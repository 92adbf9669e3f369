// The sidebar in headless Chromium, its google.script.run routed to the built dist/Code.js in the harness
// through the local preview (preview/server.ts).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Frame, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_HEADERS, sampleCustomersSheet, sampleOrdersSheet, type PreviewSheet } from '../../preview/sample';
import { SIDEBAR_CSP, startPreview, type Preview } from '../../preview/server';
import type { SheetsSnapshot } from '../../preview/worker';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(root, 'test-artifacts');
const HOSTILE = '<img src=x onerror=alert(1)>';
const TIMEOUT = 60_000;

let browser: Browser;
const previews: Preview[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(previews.map((p) => p.close()));
});

async function preview(sheets?: PreviewSheet[]): Promise<Preview> {
  const p = await startPreview({ port: 0, sheets });
  previews.push(p);
  return p;
}

interface Opened {
  page: Page;
  sidebar: FrameLocator;
  dialogs: string[];
  /** Uncaught errors of the page and of the sidebar's frame. */
  errors(): Promise<string[]>;
}

async function open(p: Preview): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // Runs in every frame, the sidebar's included.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { uncaught: string[] }).uncaught = seen;
    window.addEventListener('error', (e) => seen.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => seen.push(String(e.reason)));
  });
  await page.goto(p.url);
  const sidebar = page.frameLocator('#sidebar');
  await sidebar.locator('#col-customerId').waitFor({ timeout: TIMEOUT });
  const frameErrors = async (): Promise<string[]> => {
    const frame = page.frames().find((f) => new URL(f.url()).pathname === '/sidebar');
    return frame ? frame.evaluate(() => (window as unknown as { uncaught: string[] }).uncaught) : ['no sidebar frame'];
  };
  return { page, sidebar, dialogs, errors: async () => [...errors, ...(await frameErrors())] };
}

async function sheets(p: Preview): Promise<SheetsSnapshot> {
  const response = await fetch(`${p.url}/api/sheets`);
  return (await response.json()) as SheetsSnapshot;
}

const selectedText = (sidebar: FrameLocator, role: string): Promise<string | null> =>
  sidebar.locator(`#col-${role}`).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? null);

describe('sidebar on the sample order log', () => {
  it(
    'guesses the columns, analyzes and writes the result sheets without touching Orders',
    async () => {
      const p = await preview();
      const before = await sheets(p);
      const { page, sidebar, dialogs, errors } = await open(p);

      await expect.poll(() => sidebar.locator('#sheet-name').textContent()).toBe('Orders');
      expect(await sidebar.locator('#shape-reason').textContent()).toMatch(/one row per order/);
      expect(await sidebar.locator('#shape').inputValue()).toBe('orders');
      const guesses = { customerId: 'Customer', orderDate: 'Order date', amount: 'Amount', cost: 'Cost', margin: '(none)', referredBy: 'Referred by' };
      for (const [role, header] of Object.entries(guesses)) expect(await selectedText(sidebar, role), role).toBe(header);
      expect(await sidebar.locator('#as-of').inputValue()).toBe('2026-06-30');
      expect(await sidebar.locator('#horizon').inputValue()).toBe('12');
      expect(await sidebar.locator('#discount').inputValue()).toBe('10');
      expect(await sidebar.locator('#cut').inputValue()).toBe('top20');
      expect(await sidebar.locator('#segment-column-row').isHidden()).toBe(true);
      // With a cost column the gross-margin option does not apply.
      expect(await sidebar.locator('#margin').isDisabled()).toBe(true);
      await page.locator('#sidebar').screenshot({ path: path.join(ARTIFACTS, 'sidebar-initial.png') });

      await sidebar.locator('#col-cost').selectOption({ label: '(none)' });
      expect(await sidebar.locator('#margin').isEnabled()).toBe(true);
      await sidebar.locator('#col-cost').selectOption({ label: 'Cost' });
      expect(await selectedText(sidebar, 'cost')).toBe('Cost');
      expect(await sidebar.locator('#margin').isDisabled()).toBe(true);

      // Hold the analysis answer back a moment, so the progress bar and its polling can be seen.
      const calls: string[] = [];
      await page.route('**/api/run', async (route) => {
        const fn = (route.request().postDataJSON() as { fn: string }).fn;
        calls.push(fn);
        const response = await route.fetch();
        if (fn === 'analyzeSheet') await new Promise((r) => setTimeout(r, 1200));
        await route.fulfill({ response });
      });
      await sidebar.getByTestId('analyze').click();
      await sidebar.getByTestId('progress').waitFor({ timeout: TIMEOUT });
      expect(await sidebar.getByTestId('analyze').isDisabled()).toBe(true);
      const cards = sidebar.getByTestId('segment-card');
      await expect.poll(() => cards.count(), { timeout: TIMEOUT }).toBe(4);
      expect(await cards.evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.segment))).toEqual(['Champions', 'Rising', 'Past stars', 'Low value']);
      const counts = await cards.evaluateAll((nodes) => nodes.map((n) => Number((n as HTMLElement).dataset.customers)));
      const customers = counts.reduce((s, c) => s + c, 0);
      expect(customers).toBe(1000);
      expect(await sidebar.getByTestId('summary').textContent()).toMatch(/^1,000 customers, 5,049 orders, as of 2026-06-30\./);
      // The headline: the total is past + predicted value; the referral value is attribution, never added in.
      const figure = async (id: string): Promise<number> => Number(await sidebar.getByTestId(id).getAttribute('data-value'));
      expect((await figure('past-value')) + (await figure('predicted-value'))).toBeCloseTo(await figure('total-value'), 6);
      expect(await sidebar.getByTestId('referral-value').textContent()).toMatch(/^Referral value [\d,]+: .* attribution, already inside the total, not added to it\.$/);
      expect(await sidebar.getByTestId('segment-chart').getByTestId('bar').count()).toBe(4);
      expect(await sidebar.getByTestId('stages').locator('tbody tr').count()).toBe(5);
      expect(await sidebar.getByTestId('concentration').textContent()).toMatch(/^The top 20% of the 1,000 customers \(ranked by predicted value\) hold \d+% of the predicted value\.$/);
      // The model chosen by the holdout, why, and the verdict as the server's sentence.
      expect(await sidebar.getByTestId('model').textContent()).toMatch(/^Model: (MBG\/NBD|Pareto\/NBD) \+ Gamma-Gamma$/);
      expect(await sidebar.getByTestId('model-reason').textContent()).toMatch(/^(MBG\/NBD|Pareto\/NBD): /);
      expect(await sidebar.getByTestId('holdout-verdict').textContent()).toMatch(/^Predicted [\d.]+ .*expected range/);
      expect(await sidebar.getByTestId('contact-row').count()).toBeGreaterThan(0);
      expect(await sidebar.getByTestId('written').textContent()).toContain('"Customer value" and "Segments"');
      expect(await sidebar.getByTestId('error').isHidden()).toBe(true);
      expect(await sidebar.getByTestId('progress').isHidden()).toBe(true);
      expect(calls).toContain('getAnalysisProgress');
      await page.unroute('**/api/run');

      const after = await sheets(p);
      const byName = new Map(after.sheets.map((s) => [s.name, s]));
      const value = byName.get('Customer value');
      expect(value, 'Customer value sheet').toBeDefined();
      expect(value!.values[0]).toEqual(expect.arrayContaining(['Customer', 'Total value (past + predicted)', 'Next order due (last + usual gap)', 'Lifecycle stage', 'Value segment']));
      expect(value!.values.length).toBe(customers + 1);
      expect(byName.has('Segments')).toBe(true);
      expect(byName.get('Orders')!.values).toEqual(before.sheets.find((s) => s.name === 'Orders')!.values);

      // The grid follows: the new sheets appear as tabs.
      await page.locator('#tabs button[data-sheet="Customer value"]').waitFor({ timeout: TIMEOUT });
      await page.locator('#tabs button[data-sheet="Customer value"]').click();
      await expect.poll(() => page.locator('#grid tr.header').textContent()).toContain('Value segment');
      await sidebar.getByTestId('results').scrollIntoViewIfNeeded();
      await page.locator('#sidebar').screenshot({ path: path.join(ARTIFACTS, 'sidebar-results.png') });
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview.png') });

      expect(dialogs).toEqual([]);
      expect(await errors()).toEqual([]);
      await page.close();
    },
    TIMEOUT * 2,
  );
});

describe('sidebar on a customer table', () => {
  it(
    'asks for the customer-table columns and adds a Segment column beside the data when asked',
    async () => {
      const p = await preview([sampleCustomersSheet(42)]);
      const before = (await sheets(p)).sheets[0].values;
      const { page, sidebar, dialogs, errors } = await open(p);

      expect(await sidebar.locator('#shape').inputValue()).toBe('customers');
      expect(await sidebar.locator('#shape-reason').textContent()).toMatch(/one row per customer/);
      const guesses = { customerId: 'Customer', orders: 'Orders', revenue: 'Revenue', firstOrder: 'First order', lastOrder: 'Last order', cost: '(none)', referredBy: '(none)' };
      for (const [role, header] of Object.entries(guesses)) expect(await selectedText(sidebar, role), role).toBe(header);
      expect(await sidebar.locator('#col-orderDate').count()).toBe(0);
      expect(await sidebar.locator('#margin').isEnabled()).toBe(true);

      await sidebar.locator('#segment-column').check();
      await sidebar.getByTestId('analyze').click();
      const cards = sidebar.getByTestId('segment-card');
      await expect.poll(() => cards.count(), { timeout: TIMEOUT }).toBe(4);
      const counts = await cards.evaluateAll((nodes) => nodes.map((n) => Number((n as HTMLElement).dataset.customers)));
      expect(counts.reduce((s, c) => s + c, 0)).toBe(before.length - 1);
      expect(await sidebar.getByTestId('written').textContent()).toMatch(/Segment column was written in column F/);

      const after = (await sheets(p)).sheets.find((s) => s.name === 'Customers')!.values;
      expect(after.map((r) => r.slice(0, 5))).toEqual(before);
      expect(after[0][5]).toBe('Segment');
      for (const row of after.slice(1)) expect(['Champions', 'Rising', 'Past stars', 'Low value']).toContain(row[5]);

      expect(dialogs).toEqual([]);
      expect(await errors()).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );
});

describe('sidebar safety and errors', () => {
  it(
    'shows a hostile header as text, in the options and in error messages, and runs none of it',
    async () => {
      const headers = [...ORDER_HEADERS];
      headers[1] = HOSTILE;
      const p = await preview([sampleOrdersSheet(42, headers)]);
      const { page, sidebar, dialogs, errors } = await open(p);

      const options = await sidebar.locator('#col-customerId option').allTextContents();
      expect(options).toContain(HOSTILE);
      expect(await selectedText(sidebar, 'customerId')).toBe(HOSTILE);

      // A server message quoting the header: the ids are not amounts.
      await sidebar.locator('#col-amount').selectOption({ label: HOSTILE });
      await sidebar.getByTestId('analyze').click();
      const error = sidebar.getByTestId('error');
      await error.waitFor({ timeout: TIMEOUT });
      expect(await error.textContent()).toContain(`"${HOSTILE}"`);
      expect(await error.textContent()).toMatch(/not a number/);

      expect(await sidebar.locator('img').count()).toBe(0);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('#grid tr.header').textContent()).toContain(HOSTILE);
      await page.waitForTimeout(300);
      expect(dialogs).toEqual([]);
      expect(await errors()).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'explains in plain words why a sheet cannot be analyzed',
    async () => {
      const day = (d: number): Date => new Date(2025, 0, d);
      const p = await preview([
        {
          name: 'Orders',
          rows: [
            ['Order date', 'Customer', 'Amount'],
            [day(2), 'A-1', 10],
            [day(9), 'A-1', 25],
            [day(20), 'A-1', 12.5],
          ],
        },
        { name: 'Notes', rows: [['Just a note']] },
      ]);
      const { page, sidebar, dialogs, errors } = await open(p);

      await sidebar.getByTestId('analyze').click();
      const error = sidebar.getByTestId('error');
      await error.waitFor({ timeout: TIMEOUT });
      expect(await error.textContent()).toMatch(/Only 1 customer is in the data; a model learns from many customers \(at least 2/);
      expect(await sidebar.getByTestId('results').isHidden()).toBe(true);
      expect(await sidebar.getByTestId('analyze').isEnabled()).toBe(true);

      // A required column left out is caught before the server is asked.
      await sidebar.locator('#col-orderDate').selectOption({ label: '(none)' });
      await sidebar.getByTestId('analyze').click();
      await expect.poll(() => error.textContent()).toBe('Choose the order date column.');

      // Switching to a sheet with no data, then Reload.
      await page.locator('#tabs button[data-sheet="Notes"]').click();
      await sidebar.locator('#reload').click();
      await expect.poll(() => error.textContent(), { timeout: TIMEOUT }).toMatch(/"Notes" has no data/);
      expect(await sidebar.locator('#form').isHidden()).toBe(true);

      expect(dialogs).toEqual([]);
      expect(await errors()).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------- the bridge

/** The sidebar's frame (sandboxed: its origin is opaque, so Playwright reaches it by URL). */
function sidebarFrame(page: Page): Frame {
  const frame = page.frames().find((f) => new URL(f.url()).pathname === '/sidebar');
  if (!frame) throw new Error('no sidebar frame');
  return frame;
}

/** Counts the server calls the page relays, with what arrived at the server. */
async function recordCalls(page: Page): Promise<{ fn: string; args: unknown[] }[]> {
  const calls: { fn: string; args: unknown[] }[] = [];
  await page.route('**/api/run', async (route) => {
    calls.push(route.request().postDataJSON() as { fn: string; args: unknown[] });
    await route.fallback();
  });
  return calls;
}

type Outcome = { success: unknown } | { failure: string; name: string };

/**
 * Calls google.script.run[fn] from inside the sidebar with arguments made there (a Date or a function cannot
 * cross from Node), and waits for its success or failure handler.
 */
function callFromSidebar(frame: Frame, fn: string, kind: 'none' | 'date' | 'function' | 'undefined' | 'circular' | 'map' | 'sparse'): Promise<Outcome> {
  return frame.evaluate(
    ([fn, kind]) =>
      new Promise<Outcome>((resolve) => {
        const circular: Record<string, unknown> = { name: 'loop' };
        circular.self = circular;
        const args: Record<string, unknown[]> = {
          none: [],
          date: [{ sheetName: 'Orders', asOf: new Date() }],
          function: [{ onDone: () => 1 }],
          undefined: [undefined],
          circular: [circular],
          map: [new Map([['a', 1]])],
          sparse: [[1, undefined]],
        };
        type Run = Record<string, (...a: unknown[]) => void> & {
          withSuccessHandler(f: (v: unknown) => void): Run;
          withFailureHandler(f: (e: Error) => void): Run;
        };
        const run = (window as unknown as { google: { script: { run: Run } } }).google.script.run
          .withSuccessHandler((value) => resolve({ success: value }))
          .withFailureHandler((e) => resolve({ failure: e.message, name: e.name }));
        run[fn](...args[kind]);
      }),
    [fn, kind] as const,
  );
}

describe("the sidebar's sandbox and google.script.run, as in Apps Script", () => {
  it(
    'runs the sidebar sandboxed in an opaque origin with no network access; only google.script.run reaches the server',
    async () => {
      const p = await preview();
      const { page, errors } = await open(p);

      expect(await page.locator('#sidebar').getAttribute('sandbox')).toBe('allow-scripts allow-forms allow-popups');
      const response = await fetch(`${p.url}/sidebar`);
      expect(response.headers.get('content-security-policy')).toBe(SIDEBAR_CSP);
      expect(SIDEBAR_CSP).toContain("connect-src 'none'");
      expect(SIDEBAR_CSP).toContain('sandbox allow-scripts allow-forms allow-popups');

      const frame = sidebarFrame(page);
      const calls = await recordCalls(page);
      const inside = await frame.evaluate(async (serverUrl) => {
        const attempt = async (f: () => Promise<unknown>): Promise<string> => {
          try {
            await f();
            return 'reached';
          } catch (e) {
            return `blocked: ${e instanceof Error ? e.name : String(e)}`;
          }
        };
        const body = JSON.stringify({ fn: 'getSheetInfo', args: [] });
        const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
        const xhr = (): Promise<unknown> =>
          new Promise((resolve, reject) => {
            const request = new XMLHttpRequest();
            request.onload = resolve;
            request.onerror = () => reject(new Error('xhr failed'));
            request.open('POST', '/api/run');
            request.send(body);
          });
        return {
          origin: window.origin,
          parentDom: await attempt(async () => window.parent.document.title),
          relative: await attempt(() => fetch('/api/run', post)),
          absolute: await attempt(() => fetch(`${serverUrl}/api/run`, post)),
          xhr: await attempt(xhr),
          sheets: await attempt(() => fetch(`${serverUrl}/api/sheets`)),
        };
      }, p.url);
      expect(inside).toEqual({
        origin: 'null',
        parentDom: 'blocked: SecurityError',
        relative: 'blocked: TypeError',
        absolute: 'blocked: TypeError',
        xhr: 'blocked: Error',
        sheets: 'blocked: TypeError',
      });
      expect(calls).toEqual([]);

      // google.script.run goes through the page's relay and works.
      const info = (await callFromSidebar(frame, 'getSheetInfo', 'none')) as { success: { ok: boolean; value: { sheetName: string } } };
      expect(info.success.ok).toBe(true);
      expect(info.success.value.sheetName).toBe('Orders');
      expect(calls).toEqual([{ fn: 'getSheetInfo', args: [] }]);

      expect(await errors()).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'fails a call with a Date, a function, a top-level undefined, a circular object or a Map before it leaves the sidebar',
    async () => {
      const p = await preview();
      const { page, sidebar, errors } = await open(p);
      const frame = sidebarFrame(page);
      const calls = await recordCalls(page);

      expect(await callFromSidebar(frame, 'analyzeSheet', 'date')).toEqual({
        failure: 'google.script.run: argument 1.asOf is a Date; pass a string or number instead (the real bridge rejects Dates)',
        name: 'Error',
      });
      expect(await callFromSidebar(frame, 'analyzeSheet', 'function')).toMatchObject({ failure: expect.stringMatching(/^google\.script\.run: argument 1\.onDone is a function/) });
      expect(await callFromSidebar(frame, 'getSheetInfo', 'undefined')).toMatchObject({ failure: expect.stringMatching(/^google\.script\.run: argument 1 is undefined/) });
      expect(await callFromSidebar(frame, 'analyzeSheet', 'circular')).toMatchObject({ failure: expect.stringMatching(/argument 1\.self refers back .*circular/) });
      expect(await callFromSidebar(frame, 'analyzeSheet', 'map')).toMatchObject({ failure: expect.stringMatching(/argument 1 is a Map/) });
      await page.waitForTimeout(200);
      expect(calls).toEqual([]);

      // Undefined inside an array arrives as null, as documented.
      expect(await callFromSidebar(frame, 'getAnalysisProgress', 'sparse')).toEqual({ success: null });
      expect(calls).toEqual([{ fn: 'getAnalysisProgress', args: [[1, null]] }]);

      // The sidebar itself passes only plain data: an analysis still works.
      await sidebar.getByTestId('analyze').click();
      await expect.poll(() => sidebar.getByTestId('segment-card').count(), { timeout: TIMEOUT }).toBe(4);
      expect(await errors()).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'offers no private or unknown server function: calling one throws, as in Apps Script, and nothing is sent',
    async () => {
      const p = await preview();
      const { page, errors } = await open(p);
      const frame = sidebarFrame(page);
      const calls = await recordCalls(page);

      const outcome = await frame.evaluate(async () => {
        type Run = Record<string, unknown> & { withFailureHandler(f: (e: Error) => void): Run };
        const run = (window as unknown as { google: { script: { run: Run } } }).google.script.run;
        let handled = '';
        const withHandler = run.withFailureHandler((e) => (handled = e.message));
        const attempt = (call: () => void): string => {
          try {
            call();
            return 'called';
          } catch (e) {
            return `${(e as Error).name}: ${(e as Error).message}`;
          }
        };
        type Call = () => void;
        const thrown = {
          private: attempt(() => (withHandler.foo_ as Call)()),
          unknown: attempt(() => (withHandler.noSuchFunction as Call)()),
          service: attempt(() => (withHandler.SpreadsheetApp as Call)()),
          // dist/Code.js's private closure holding every helper.
          bundle: attempt(() => (withHandler.CustomerValue_ as Call)()),
        };
        await new Promise((r) => setTimeout(r, 200));
        return {
          thrown,
          handled,
          offered: Object.keys(run).filter((k) => typeof run[k] === 'function' && !k.startsWith('with')),
        };
      });
      expect(outcome.thrown.private).toMatch(/^TypeError: .*foo_ is not a function/);
      expect(outcome.thrown.unknown).toMatch(/^TypeError: .*noSuchFunction is not a function/);
      expect(outcome.thrown.service).toMatch(/^TypeError: .*SpreadsheetApp is not a function/);
      expect(outcome.thrown.bundle).toMatch(/^TypeError: .*CustomerValue_ is not a function/);
      expect(outcome.handled).toBe('');
      expect(outcome.offered).toEqual(expect.arrayContaining(['getSheetInfo', 'getAnalysisProgress', 'analyzeSheet', 'showSidebar', 'LTV']));
      expect(outcome.offered.filter((name) => name.endsWith('_'))).toEqual([]);
      expect(calls).toEqual([]);

      // The server refuses them too, for a caller that posts to it directly.
      const ask = async (fn: string): Promise<unknown> =>
        (await fetch(`${p.url}/api/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn, args: [] }) })).json();
      expect(await ask('foo_')).toEqual({ error: 'Script function not found: foo_ (a name ending in "_" is private: google.script.run cannot call it)' });
      expect(await ask('CustomerValue_')).toMatchObject({ error: expect.stringMatching(/^Script function not found: CustomerValue_ /) });
      expect(await ask('noSuchFunction')).toEqual({ error: 'Script function not found: noSuchFunction' });
      expect(await ask('SpreadsheetApp')).toEqual({ error: 'Script function not found: SpreadsheetApp' });
      expect(await ask('getAnalysisProgress')).toEqual({ result: null });

      expect(await errors()).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );
});
