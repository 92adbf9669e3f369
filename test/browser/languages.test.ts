// The sidebar in English, Persian, Arabic and Filipino in headless Chromium (the built dist/Sidebar.html, a canned
// server whose getLanguage answers as the user's locale would): direction, translated labels, nothing wider than
// Google's 300 px panel, the switch, and a screenshot per language (test-artifacts/sidebar-{en,fa,ar,tl}.png).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/core/i18n';
import type { SheetInfo } from '../../src/server/contract';
import { ARTIFACTS, cannedSidebar, launch, overflowing, type Watched } from './client';
import { SHEET_INFO, SUMMARY } from './summary';

let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

// A Persian shop's order sheet: its name and headers in Persian, as such a shop's export has them.
const PERSIAN_SHEET: SheetInfo = { ...SHEET_INFO, sheetName: 'سفارش‌ها', headers: ['تاریخ', 'مشتری', 'مبلغ', 'هزینه'] };

async function sidebarIn(language: Language | null, sheet: SheetInfo = SHEET_INFO): Promise<Watched> {
  const replies: Record<string, unknown> = { getSheetInfo: { ok: true, value: sheet }, getAnalysisProgress: null };
  // No getLanguage reply: the call fails, as on a server without it; the sidebar stays English.
  if (language) replies.getLanguage = language;
  const watched = await cannedSidebar(browser, { replies });
  await watched.page.getByTestId('column-customerId').waitFor();
  if (language) await watched.page.waitForFunction((lang) => document.documentElement.lang === lang, language);
  return watched;
}

/** An element's own text: a label's words without the options of the menu inside it. */
const text = (page: Page, selector: string): Promise<string> => page.locator(selector).first().evaluate((n) => (n.firstChild?.textContent ?? '').trim());

interface Expected {
  dir: 'ltr' | 'rtl';
  analyze: string;
  columnsLegend: string;
  amountLabel: string;
  rows: string;
  marginHint: string;
  dataCheck: string;
}

const EXPECTED: Record<Language, Expected> = {
  en: { dir: 'ltr', analyze: 'Analyze', columnsLegend: 'Columns', amountLabel: 'Amount', rows: '5,049 rows', marginHint: 'Not used: margins come from the cost or margin column.', dataCheck: 'Data check: nothing implausible found.' },
  fa: { dir: 'rtl', analyze: 'تحلیل کن', columnsLegend: 'ستون‌ها', amountLabel: 'مبلغ', rows: '\u20685,049\u2069 ردیف', marginHint: 'به کار نمی‌رود: حاشیه سود از ستون هزینه یا حاشیه سود خوانده می‌شود.', dataCheck: 'بررسی داده‌ها: چیز غیرعادی‌ای پیدا نشد.' },
  ar: { dir: 'rtl', analyze: 'تحليل', columnsLegend: 'الأعمدة', amountLabel: 'المبلغ', rows: '\u20685,049\u2069 صف', marginHint: 'غير مستخدم: الهوامش تؤخذ من عمود التكلفة أو الهامش.', dataCheck: 'فحص البيانات: لم يُعثر على شيء غير معقول.' },
  tl: { dir: 'ltr', analyze: 'Suriin', columnsLegend: 'Mga column', amountLabel: 'Halaga', rows: '5,049 na row', marginHint: 'Hindi ginagamit: galing ang margin sa column ng gastos o margin.', dataCheck: 'Data check: walang kakaibang nakita.' },
};

describe('the sidebar in each language', () => {
  for (const language of ['en', 'fa', 'ar', 'tl'] as const) {
    it(`${language}: direction, labels, nothing past 300 px, screenshot`, async () => {
      const sheet = language === 'fa' || language === 'ar' ? PERSIAN_SHEET : SHEET_INFO;
      const { page, errors, dialogs } = await sidebarIn(language, sheet);
      const want = EXPECTED[language];
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(want.dir);
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe(want.dir);
      expect(await text(page, '[data-testid="analyze"]')).toBe(want.analyze);
      expect(await text(page, 'legend')).toBe(want.columnsLegend);
      expect(await text(page, 'label[for="col-amount"]')).toBe(want.amountLabel);
      expect(await text(page, '#sheet-rows')).toBe(want.rows);
      expect(await text(page, '#margin-hint')).toBe(want.marginHint);
      expect(await page.getByTestId('language').inputValue()).toBe(language);
      expect(await page.getByTestId('data-check').innerText()).toBe(want.dataCheck);
      // The samples of a column: its values isolated, so "C-0001 · C-0002" keeps its order in a right-to-left line.
      const isolated = (v: string): string => (want.dir === 'rtl' ? `\u2068${v}\u2069` : v);
      expect(await page.getByTestId('samples-amount').innerText()).toContain(isolated('29.33 · 41.5 · 12'));
      // The column menus list the sheet's own headers as typed, and keep the guess.
      expect(await page.getByTestId('column-amount').evaluate((s: HTMLSelectElement) => s.selectedOptions[0].text)).toBe(sheet.headers[2]);
      if (want.dir === 'rtl') {
        // Mirrored: the labels start at the right edge, the Analyze button sits on the right.
        const box = await page.getByTestId('analyze').boundingBox();
        expect(box && box.x + box.width).toBeGreaterThan(250);
        // The sheet's name keeps its own direction; the numbers typed in the options read left to right.
        expect(await page.locator('#sheet-name').getAttribute('dir')).toBe('auto');
        expect(await page.locator('#horizon').evaluate((n) => getComputedStyle(n).direction)).toBe('ltr');
      }
      expect(await overflowing(page)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `sidebar-${language}.png`), fullPage: true });
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      await page.close();
    });
  }

  it('a message with values: the missing column named in Persian, the number isolated', async () => {
    const { page, errors } = await sidebarIn('fa', PERSIAN_SHEET);
    await page.getByTestId('column-orderDate').selectOption('');
    await page.getByTestId('analyze').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toBe('ستون \u2068تاریخ سفارش\u2069 را انتخاب کنید.');
    await page.getByTestId('column-orderDate').selectOption('0');
    await page.locator('#horizon').fill('500');
    await page.getByTestId('analyze').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toBe('\u2068تعداد ماه‌های پیش‌بینی\u2069 باید عددی صحیح از \u20681\u2069 تا \u2068120\u2069 باشد.');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the switch says an error again in the new language: the options checked again, the sheet read again when reading failed', async () => {
    const { page, errors } = await sidebarIn('fa', PERSIAN_SHEET);
    await page.locator('#horizon').fill('500');
    await page.getByTestId('analyze').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toMatch(/باید عددی صحیح/);
    await page.getByTestId('language').selectOption('tl');
    expect(await page.getByTestId('error').textContent()).toBe('Ang bilang ng buwan ng hula ay dapat buong numero mula 1 hanggang 120.');
    await page.close();

    const refused = await cannedSidebar(browser, { replies: { getLanguage: 'fa', getSheetInfo: { ok: false, error: 'refused' }, getAnalysisProgress: null } });
    await refused.page.waitForFunction(() => document.documentElement.lang === 'fa');
    await refused.page.getByTestId('error').waitFor();
    await refused.page.getByTestId('language').selectOption('ar');
    const asked = async (): Promise<unknown[]> =>
      (await refused.page.evaluate(() => (window as unknown as { serverCalls: { fn: string; args: unknown[] }[] }).serverCalls)).filter((c) => c.fn === 'getSheetInfo').map((c) => c.args[0]);
    // Asked in the language of the moment each time (English until getLanguage answers), last in Arabic.
    await expect.poll(async () => (await asked()).at(-1)).toBe('ar');
    expect(errors).toEqual([]);
    expect(refused.errors).toEqual([]);
    await refused.page.close();
  });

  it('without an answer from getLanguage the sidebar is English, and the switch changes language, keeping the chosen columns', async () => {
    const { page, errors } = await sidebarIn(null);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    expect(await text(page, '[data-testid="analyze"]')).toBe('Analyze');
    await page.getByTestId('column-cost').selectOption('');
    await page.getByTestId('language').selectOption('ar');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await text(page, '[data-testid="analyze"]')).toBe('تحليل');
    expect(await text(page, 'label[for="col-cost"]')).toBe('\u2068التكلفة\u2069 (اختياري)');
    expect(await page.getByTestId('column-cost').inputValue()).toBe('');
    expect(await page.getByTestId('column-amount').inputValue()).toBe('2');
    expect(await text(page, '#margin-hint')).toBe('مستخدم لأنه لم يتم اختيار عمود التكلفة أو الهامش.');
    await page.getByTestId('language').selectOption('en');
    expect(await text(page, 'label[for="col-cost"]')).toBe('Cost (optional)');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the results' headings follow the language, and the switch redraws them", async () => {
    const replies = { getLanguage: 'fa', getSheetInfo: { ok: true, value: PERSIAN_SHEET }, getAnalysisProgress: null, analyzeSheet: { ok: true, value: SUMMARY } };
    const { page, errors } = await cannedSidebar(browser, { replies });
    await page.waitForFunction(() => document.documentElement.lang === 'fa');
    await page.getByTestId('analyze').click();
    await page.getByTestId('headline').waitFor();
    const headings = (): Promise<string[]> => page.locator('#results h2').allTextContents();
    expect(await headings()).toEqual(['نتایج', 'چقدر می‌شود به آن اعتماد کرد؟', 'بخش‌های مشتریان', 'مشتریان شما در چند تصویر', 'مراحل چرخه عمر مشتری', 'اول با این‌ها تماس بگیرید', 'نوشتن یک بخش در برگه', 'اگر…']);
    expect(await page.getByTestId('stages').locator('th').allTextContents()).toEqual(['مرحله', 'مشتریان', 'پیش‌بینی، \u206812\u2069 ماه']);
    expect(await overflowing(page)).toEqual([]);
    await page.getByTestId('language').selectOption('tl');
    expect((await headings()).slice(0, 3)).toEqual(['Resulta', 'Mapagkakatiwalaan ba ito?', 'Mga segment']);
    expect(await page.getByTestId('summary').textContent()).toMatch(/ na customer, .* na order, hanggang 2026-06-30\.$/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
