// The preview (npm start) in headless Chromium as a person uses it with their own data: upload a CSV, see it as a
// sheet, open Extensions > Customer Value > Analyze customers, analyze, and read the result sheets as Sheets shows
// them (number formats, colours) with the add-in's charts drawn. Screenshots go to test-artifacts/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CSP, startPreview, type Preview } from '../../preview/server';
import { MAX_UPLOAD_BYTES } from '../../preview/upload';
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

/**
 * A shop's export: semicolons, a quoted name holding the separator, amounts as text with two decimals, a note column
 * whose header is markup. 40 customers over 18 months, customer k ordering 1 + k mod 5 times (120 orders), 45 days apart.
 * "Smith, Ann" ordered 1000.00 and 234.50: her revenue is 1,234.50.
 */
function shopCsv(): string {
  const lines = [`Customer;Order date;Amount;${HOSTILE}`];
  const day = (offset: number): string => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  for (let k = 1; k <= 40; k++) {
    for (let n = 0; n <= k % 5; n++) {
      const amount = (20 + ((k * 7 + n * 13) % 60) + (k % 4) * 0.25).toFixed(2);
      lines.push(`C${String(k).padStart(3, '0')};${day(k * 3 + n * 45)};${amount};`);
    }
  }
  lines.push(`"Smith, Ann";${day(100)};1000.00;"first order; paid ""cash"""`, `"Smith, Ann";${day(300)};234.50;`);
  return `${lines.join('\n')}\n`;
}

async function sheets(p: Preview): Promise<SheetsSnapshot> {
  return (await (await fetch(`${p.url}/api/sheets`)).json()) as SheetsSnapshot;
}

async function openPreview(): Promise<{ p: Preview; page: Page; dialogs: string[]; errors: string[] }> {
  const p = await startPreview({ port: 0 });
  previews.push(p);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // A blocked script, style or request shows as a console error (a Content-Security-Policy violation among them).
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const response = await page.goto(p.url);
  expect(response?.headers()['content-security-policy']).toBe(PAGE_CSP);
  await page.frameLocator('#sidebar').locator('#col-customerId').waitFor({ timeout: TIMEOUT });
  return { p, page, dialogs, errors };
}

/** The grid's text, row by row (without the row numbers). */
const gridText = (page: Page): Promise<string[][]> =>
  page.locator('#grid tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));

describe('the preview with your own data', () => {
  it(
    'uploads a CSV as a sheet, analyzes it from the menu, and shows the result sheets formatted, coloured and with their charts',
    async () => {
      const { p, page, dialogs, errors } = await openPreview();

      // Upload: the file becomes the sheet "shop orders", typed as Sheets types a CSV it imports.
      await page.getByTestId('upload').setInputFiles({ name: 'shop orders.csv', mimeType: 'text/csv', buffer: Buffer.from(shopCsv()) });
      await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: TIMEOUT }).toMatch(/^Added "shop orders" \(CSV separated by semicolons, 123 rows\)/);
      await expect.poll(() => page.locator('#tabs button.active').textContent()).toBe('shop orders');
      const uploaded = (await sheets(p)).sheets.find((s) => s.name === 'shop orders')!;
      expect(uploaded.values[0]).toEqual(['Customer', 'Order date', 'Amount', HOSTILE]);
      expect(uploaded.values[1]).toEqual(['C001', '2025-01-04', 27.25, '']);
      expect(uploaded.values.at(-2)).toEqual(['Smith, Ann', '2025-04-11', 1000, 'first order; paid "cash"']);
      const grid = await gridText(page);
      // The markup in the header is shown as text; dates show as Sheets shows a date typed without a format.
      expect(grid[0].slice(0, 4)).toEqual(['Customer', 'Order date', 'Amount', HOSTILE]);
      expect(grid[1].slice(0, 3)).toEqual(['C001', '1/4/2025', '27.25']);
      expect(await page.locator('#grid img').count()).toBe(0);
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-uploaded.png') });

      // Extensions > Customer Value > Analyze customers: the sidebar opens afresh on the sheet now active.
      await page.getByTestId('extensions').click();
      expect(await page.getByTestId('menu').locator('button').allTextContents()).toEqual(['Analyze customers', 'Insert template']);
      await page.getByTestId('menu').getByRole('menuitem', { name: 'Analyze customers' }).click();
      const sidebar = page.frameLocator('#sidebar');
      await expect.poll(() => sidebar.locator('#sheet-name').textContent(), { timeout: TIMEOUT }).toBe('shop orders');
      const selected = (role: string): Promise<string | null> => sidebar.locator(`#col-${role}`).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? null);
      expect(await selected('customerId')).toBe('Customer');
      expect(await selected('orderDate')).toBe('Order date');
      expect(await selected('amount')).toBe('Amount');
      await sidebar.getByTestId('analyze').click();

      await page.locator('#tabs button[data-sheet="Segments"]').waitFor({ timeout: TIMEOUT });
      const after = await sheets(p);
      const value = after.sheets.find((s) => s.name === 'Customer value')!;
      expect(value.values.length).toBe(42); // a header and 41 customers

      // Money as Sheets shows #,##0.00: Smith, Ann's revenue of 1000.00 + 234.50.
      const header = value.values[0];
      const revenue = header.indexOf('Revenue');
      const ann = value.values.findIndex((r) => r[0] === 'Smith, Ann');
      expect(value.values[ann][revenue]).toBe(1234.5);
      expect(value.shown[ann][revenue]).toEqual(expect.objectContaining({ text: '1,234.50', align: 'right' }));
      // Every row is coloured by its segment, as the add-in sets it.
      expect(value.shown[ann][0].background).toMatch(/^#[0-9a-f]{6}$/);

      // Segments: percentages as 0.0% of the value the cell holds, and the charts the add-in inserted.
      const segments = after.sheets.find((s) => s.name === 'Segments')!;
      const percents: [number, string][] = [];
      segments.shown.forEach((row, i) =>
        row.forEach((c, j) => {
          if (/%$/.test(c.text)) percents.push([segments.values[i][j] as number, c.text]);
        }),
      );
      expect(percents.length).toBeGreaterThan(5);
      // Each as many decimals as its format shows (0% or 0.0%), from the value the cell holds.
      for (const [raw, text] of percents) expect(text).toBe(`${(raw * 100).toFixed(/\.(\d+)%$/.exec(text)?.[1].length ?? 0)}%`);
      expect(percents.some(([, text]) => /^\d+\.\d%$/.test(text))).toBe(true);
      // The charts the add-in inserted (which ones is the report's business: test/harness checks them), each drawn
      // over its anchor cell as the shapes the preview laid out; "Customers per segment" among them, and a line chart.
      const titles = segments.charts.map((c) => c.title);
      expect(titles).toContain('Customers per segment');
      expect(segments.charts.some((c) => c.shapes.some((shape) => shape.kind === 'polyline'))).toBe(true);

      await page.locator('#tabs button[data-sheet="Segments"]').click();
      const charts = page.getByTestId('chart');
      await expect.poll(() => charts.count()).toBe(segments.charts.length);
      expect(await charts.locator('svg').evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label')))).toEqual(titles);
      for (const [i, chart] of segments.charts.entries()) {
        for (const kind of ['rect', 'polyline', 'text'] as const) {
          expect(await charts.nth(i).locator(kind).count(), `${chart.title}: ${kind}`).toBe(chart.shapes.filter((shape) => shape.kind === kind).length);
        }
      }
      const perSegment = segments.charts.find((c) => c.title === 'Customers per segment')!;
      // A background and a column per segment at least.
      expect(perSegment.shapes.filter((shape) => shape.kind === 'rect').length).toBeGreaterThanOrEqual(5);
      const shownPercent = await page.locator('#grid td').evaluateAll((tds) => tds.map((td) => td.textContent ?? '').filter((t) => /%$/.test(t)));
      expect(shownPercent).toEqual(expect.arrayContaining(percents.map(([, t]) => t)));
      // Scroll the grid to the charts (right of the tables), as a person would; the scroll position outlives a redraw of the grid.
      await page.evaluate(() => {
        const wrap = document.getElementById('grid-wrap')!;
        wrap.scrollLeft = (document.querySelector<HTMLElement>('#grid-wrap .chart')?.offsetLeft ?? 0) - 40;
      });
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-segments.png') });

      await page.locator('#tabs button[data-sheet="Customer value"]').click();
      await expect.poll(async () => (await gridText(page)).some((r) => r[0] === 'Smith, Ann' && r.includes('1,234.50')), { timeout: TIMEOUT }).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-customer-value.png') });

      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    },
    TIMEOUT * 3,
  );

  it(
    'takes pasted rows and an xlsx, inserts the template from the menu, and refuses a file over the limit in words',
    async () => {
      const { p, page, dialogs, errors } = await openPreview();

      await page.getByTestId('paste-toggle').click();
      await page.getByTestId('paste-text').fill('Customer\tAmount\tShare\n007\t$1,234.50\t12.5%\n');
      await page.getByTestId('paste-add').click();
      await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: TIMEOUT }).toMatch(/^Added "Pasted" \(CSV separated by tabs, 2 rows\)/);
      const pasted = (await sheets(p)).sheets.find((s) => s.name === 'Pasted')!;
      // Typed as Sheets types them: "007" a number, "$1,234.50" money, "12.5%" a share.
      expect(pasted.values[1]).toEqual([7, 1234.5, 0.125]);

      // An xlsx keeps its text cells as text ("007" stays "007") and its dates as the days they show.
      const book = new ExcelJS.Workbook();
      const orders = book.addWorksheet('Orders');
      orders.addRow(['Customer', 'Order date', 'Amount']);
      orders.addRow(['007', new Date(Date.UTC(2025, 2, 31)), 12.5]);
      orders.getCell('B2').numFmt = 'yyyy-mm-dd';
      const xlsx = await fetch(`${p.url}/api/import?name=book.xlsx`, { method: 'POST', body: new Uint8Array(await book.xlsx.writeBuffer()) });
      expect(await xlsx.json()).toEqual({ names: ['Orders (2)'], description: 'xlsx, 1 sheet, 2 rows' });
      const fromXlsx = (await sheets(p)).sheets.find((s) => s.name === 'Orders (2)')!;
      expect(fromXlsx.values[1]).toEqual(['007', '2025-03-31', 12.5]);
      expect(fromXlsx.shown[1].map((c) => c.text)).toEqual(['007', '2025-03-31', '12.5']);

      const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 'a');
      await page.getByTestId('upload').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: big });
      await expect.poll(() => page.getByTestId('import-status').textContent()).toBe(
        'The file is 5.0 MB; the preview takes files up to 5.0 MB. Upload the first rows of your order log, or install the add-in in a real spreadsheet for the whole file.',
      );
      expect(await page.getByTestId('import-status').getAttribute('class')).toBe('error');
      // The server refuses it too, for a caller that skips the page's check.
      const refused = await fetch(`${p.url}/api/import?name=huge.csv`, { method: 'POST', body: big });
      expect(refused.status).toBe(413);
      expect(((await refused.json()) as { error: string }).error).toMatch(/^The file is 5\.0 MB; the preview takes files up to 5\.0 MB\./);
      // And runs nothing but the add-in's menu items.
      const notInMenu = await fetch(`${p.url}/api/menu`, { method: 'POST', body: JSON.stringify({ functionName: 'analyzeSheet' }) });
      expect(notInMenu.status).toBe(400);

      await page.getByTestId('extensions').click();
      await page.getByTestId('menu').getByRole('menuitem', { name: 'Insert template' }).click();
      await expect.poll(() => page.locator('#tabs button.active').textContent(), { timeout: TIMEOUT }).toBe('Start here');
      await page.locator('#tabs button[data-sheet="Formulas"]').click();
      // The template's formulas show their answers, in the template's money format: =LTV(30, 5%) is 600.
      await expect.poll(async () => (await gridText(page)).find((r) => r[0] === '=LTV(30, 5%)')?.[1], { timeout: TIMEOUT }).toBe('600.00');
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-template.png') });

      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    },
    TIMEOUT * 3,
  );
});
