// The sidebar in headless Chromium, its google.script.run routed to the built dist/Code.js in the harness
// through the local preview (test/preview/server.ts).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_HEADERS, sampleCustomersSheet, sampleOrdersSheet, type PreviewSheet } from '../preview/sample';
import { startPreview, type Preview } from '../preview/server';
import type { SheetsSnapshot } from '../preview/worker';

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
      expect(await cards.evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.segment))).toEqual(['Champions', 'Rising', 'At risk', 'Low value']);
      const counts = await cards.evaluateAll((nodes) => nodes.map((n) => Number((n as HTMLElement).dataset.customers)));
      const customers = counts.reduce((s, c) => s + c, 0);
      expect(customers).toBe(1000);
      expect(await sidebar.getByTestId('summary').textContent()).toMatch(/^1,000 customers, 5,049 orders, as of 2026-06-30\./);
      expect(await cards.first().textContent()).toMatch(/Keep and reward/);
      expect(await sidebar.getByTestId('stages').locator('tbody tr').count()).toBe(5);
      expect(await sidebar.getByTestId('concentration').textContent()).toMatch(/top 20% of customers hold \d+%/);
      expect(await sidebar.getByTestId('model').textContent()).toMatch(/BG\/NBD/);
      expect(await sidebar.getByTestId('written').textContent()).toContain('"Customer value" and "Segments"');
      expect(await sidebar.getByTestId('error').isHidden()).toBe(true);
      expect(await sidebar.getByTestId('progress').isHidden()).toBe(true);
      expect(calls).toContain('getAnalysisProgress');
      await page.unroute('**/api/run');

      const after = await sheets(p);
      const byName = new Map(after.sheets.map((s) => [s.name, s]));
      const value = byName.get('Customer value');
      expect(value, 'Customer value sheet').toBeDefined();
      expect(value!.values[0]).toEqual(expect.arrayContaining(['Customer', 'Total CLV', 'Lifecycle stage', 'Value segment']));
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
      for (const row of after.slice(1)) expect(['Champions', 'Rising', 'At risk', 'Low value']).toContain(row[5]);

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
      expect(await error.textContent()).toMatch(/Only 1 customer found.*at least 2/);
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
