// The data check in headless Chromium, the sidebar's google.script.run routed to the built dist/Code.js through the
// local preview: CDNOW with its raw headers, a yyyymmdd log, a file without a header row. Screenshots go to
// test-artifacts/ (kept by CI).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../preview/server';
import { cdnowSheet, europeanSheet, headerlessSheet, type ExportCell } from '../support/exports';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(root, 'test-artifacts');
const TIMEOUT = 60_000;

let browser: Browser;
const previews: Preview[] = [];
const pages: Page[] = [];

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

/** The sidebar opened on a spreadsheet whose only sheet holds `rows`. */
async function openOn(rows: ExportCell[][]): Promise<{ page: Page; sidebar: FrameLocator; errors: string[] }> {
  const p = await startPreview({ port: 0, sheets: [{ name: 'Orders', rows }] });
  previews.push(p);
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  pages.push(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(p.url);
  const sidebar = page.frameLocator('#sidebar');
  await sidebar.getByTestId('data-check').waitFor({ timeout: TIMEOUT });
  return { page, sidebar, errors };
}

const warnings = (sidebar: FrameLocator): Promise<string[]> => sidebar.getByTestId('data-check').locator('li').allTextContents();
const samples = (sidebar: FrameLocator, role: string): Promise<string | null> => sidebar.getByTestId(`samples-${role}`).textContent();

describe('the data check before Analyze', () => {
  it(
    'CDNOW with its raw headers: samples beside each column, yyyymmdd dates read, and a warning when the id is chosen as the amount',
    async () => {
      const { page, sidebar, errors } = await openOn(cdnowSheet());
      expect(await sidebar.locator('#col-amount').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('dollar_value');
      expect(await samples(sidebar, 'customerId')).toBe('e.g. 4 · 4 · 4');
      expect(await samples(sidebar, 'orderDate')).toBe('e.g. 19970101 · 19970118 · 19970802Dates written yyyymmdd (19970101 is 1 January 1997).');
      expect(await samples(sidebar, 'amount')).toBe('e.g. 29.33 · 29.73 · 14.96');
      expect(await warnings(sidebar)).toEqual(['Data check: nothing implausible found.']);
      expect(await sidebar.locator('#as-of').inputValue()).toBe('1998-06-30');
      await page.locator('#sidebar').screenshot({ path: path.join(ARTIFACTS, 'datacheck-cdnow.png') });

      await sidebar.locator('#col-amount').selectOption({ label: 'customer_id' });
      expect(await samples(sidebar, 'amount')).toBe('e.g. 4 · 4 · 4');
      expect(await warnings(sidebar)).toEqual([
        '"customer_id" is chosen as both the customer and the amount: each column can play one part. Choose another column for one of them.',
        "The amount column \"customer_id\" is named like an id, not amounts of money. Choose the column with each order's amount.",
      ]);
      await page.locator('#sidebar').screenshot({ path: path.join(ARTIFACTS, 'datacheck-cdnow-id-as-amount.png') });
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a yyyymmdd log analyzes: 2,357 customers',
    async () => {
      const { page, sidebar, errors } = await openOn(cdnowSheet());
      await sidebar.getByTestId('analyze').click();
      await expect.poll(() => sidebar.getByTestId('results').isVisible(), { timeout: TIMEOUT }).toBe(true);
      await expect.poll(() => sidebar.getByTestId('results').textContent(), { timeout: TIMEOUT }).toMatch(/2,357 customers/);
      expect(await sidebar.getByTestId('error').isHidden()).toBe(true);
      await page.locator('#sidebar').screenshot({ path: path.join(ARTIFACTS, 'datacheck-yyyymmdd-analyzed.png') });
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'day-first text dates and euro amounts: the reading is shown beside each column',
    async () => {
      const { page, sidebar, errors } = await openOn(europeanSheet());
      expect(await samples(sidebar, 'orderDate')).toBe('e.g. 01.01.1997 · 18.01.1997 · 02.08.1997Dates read day first (dd.mm.yyyy).');
      expect(await samples(sidebar, 'amount')).toBe('e.g. 29,33 € · 29,73 € · 14,96 €Amounts as text, read with a decimal comma (1.234,50), as the values show.');
      expect(await sidebar.locator('#as-of').inputValue()).toBe('1998-06-30');
      expect(await warnings(sidebar)).toEqual(['Data check: nothing implausible found.']);
      await page.locator('#sidebar').screenshot({ path: path.join(ARTIFACTS, 'datacheck-day-first.png') });
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a file without a header row: the columns are named Column A…D, guessed from their values, and the check says row 1 is data',
    async () => {
      const { page, sidebar, errors } = await openOn(headerlessSheet());
      const options = await sidebar.locator('#col-customerId option').allTextContents();
      expect(options).toEqual(['(none)', 'Column A', 'Column B', 'Column C', 'Column D']);
      expect(await sidebar.locator('#sheet-rows').textContent()).toBe('6,919 rows');
      const first = await warnings(sidebar);
      expect(first[0]).toMatch(/^Row 1 holds data, not column names: it is read as data/);
      expect(await sidebar.locator('#col-amount').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Column D');
      expect(await samples(sidebar, 'amount')).toBe('e.g. 29.33 · 29.73 · 14.96');
      expect(await samples(sidebar, 'orderDate')).toBe('e.g. 19970101 · 19970118 · 19970802Dates written yyyymmdd (19970101 is 1 January 1997).');
      await page.locator('#sidebar').screenshot({ path: path.join(ARTIFACTS, 'datacheck-no-header.png') });
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );
});
