// The sidebar's results on the built-in sample in English, Persian, Arabic and Filipino, in headless Chromium: the
// server side runs for real (dist/Code.js in the harness: getSheetInfo and analyzeSheet on the sample's 5,000
// orders), its reply goes to the built dist/Sidebar.html as google.script.run would bring it, and the sidebar says
// everything in the language it shows. Screenshots: test-artifacts/sidebar-{en,fa,ar,tl}-results.png. In Persian and
// Arabic no English sentence may remain: no run of three Latin words outside the names that are the same in every
// language (model names, P(alive), the customers' ids, the sheets' names).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOrdersSheet } from '../../preview/sample';
import { SIDEBAR, type Language } from '../../src/core/i18n';
import type { AnalysisRequest, AnalysisSummary, Reply, SheetInfo } from '../../src/server/contract';
import { DEFAULT_OPTIONS } from '../harness/analyze';
import { createHarness } from '../harness/gas';
import { ARTIFACTS, cannedSidebar, launch, overflowing, type Watched } from './client';

let browser: Browser;
let info: SheetInfo;
let summary: AnalysisSummary;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
  const gas = createHarness();
  gas.fill(gas.spreadsheet.getActiveSheet().setName('Orders'), sampleOrdersSheet(42).rows);
  const sheet = gas.fromClient('getSheetInfo') as Reply<SheetInfo>;
  if (!sheet.ok) throw new Error(sheet.error);
  info = sheet.value;
  const request: AnalysisRequest = { sheetName: info.sheetName, shape: info.shape, columns: info.guess, ...DEFAULT_OPTIONS };
  const reply = gas.fromClient('analyzeSheet', request) as Reply<AnalysisSummary>;
  if (!reply.ok) throw new Error(reply.error);
  summary = reply.value;
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

/** The sidebar opened in a language on the sample, Analyze pressed, its results shown. */
async function resultsIn(language: Language): Promise<Watched> {
  const replies = { getLanguage: language, setLanguage: { ok: true, value: language }, getSheetInfo: { ok: true, value: info }, getAnalysisProgress: null, analyzeSheet: { ok: true, value: summary } };
  const watched = await cannedSidebar(browser, { replies });
  await watched.page.waitForFunction((lang) => document.documentElement.lang === lang, language);
  await watched.page.getByTestId('analyze').click();
  await watched.page.getByTestId('headline').waitFor();
  return watched;
}

/** Names that are the same in every language: they may stand in a sentence of any. */
function sameInEveryLanguage(s: AnalysisSummary): string[] {
  const models = ['MBG/NBD', 'Pareto/NBD', 'BG/NBD', 'Gamma-Gamma', s.model.name, ...s.model.candidates.map((c) => c.label)];
  const ids = s.contactFirst.map((c) => String(c.id));
  // Longest first, so a model's full name goes before its parts.
  return [...new Set([...models, ...ids, ...s.sheets, 'P(alive)', 'CLV', 'LTV'])].sort((a, b) => b.length - a.length);
}

/** Runs of three or more Latin words in a text, once the names of every language are taken out. */
function latinRuns(text: string, keep: readonly string[]): string[] {
  let rest = text;
  for (const name of keep) rest = rest.split(name).join(' · ');
  return rest.match(/[A-Za-z][A-Za-z'’-]*(?:[\s,;:"“”()]+[A-Za-z][A-Za-z'’-]*){2,}/g) ?? [];
}

/** Every text node of the results (SVG titles and descriptions too: what a screen reader says). */
const resultTexts = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const out: string[] = [];
    const box = document.getElementById('results');
    if (!box) return out;
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.textContent?.trim()) out.push(node.textContent.trim());
    return out;
  });

describe('the latin-run check', () => {
  it('finds an English sentence and lets names and single terms pass', () => {
    expect(latinRuns('Predicted value, next 12 months', [])).toEqual(['Predicted value, next']);
    expect(latinRuns('مدل: MBG/NBD + Gamma-Gamma', ['MBG/NBD', 'Gamma-Gamma'])).toEqual([]);
    expect(latinRuns('احتمال P(alive) ۵۰٪', ['P(alive)'])).toEqual([]);
    expect(latinRuns('ارزش طول عمر مشتری (LTV)', ['LTV'])).toEqual([]);
  });
});

describe('the results on the sample, in each language', () => {
  for (const language of ['en', 'fa', 'ar', 'tl'] as const) {
    it(`${language}: headline, trust, segments, charts, contact and what-if in ${language}, nothing past 300 px, screenshot`, async () => {
      const { page, errors, dialogs } = await resultsIn(language);
      const words = SIDEBAR[language];
      for (const id of ['headline', 'trust', 'segments', 'customer-charts', 'stages', 'contact-first', 'segment-exports', 'whatif']) {
        expect(await page.getByTestId(id).isVisible(), id).toBe(true);
      }
      expect(await page.getByTestId('past-value').innerText()).toContain(words['headline.past']);
      expect(await page.getByTestId('whatif').innerText()).toContain(words['whatif.now']);
      expect(await page.getByTestId('contact-first').innerText()).toContain(words['contact.atStake']);
      expect(await page.getByTestId('model-reason').innerText()).not.toBe('');
      expect(await page.getByTestId('holdout-verdict').innerText()).not.toBe('');
      // The request carries the sidebar's language (the sheets the server writes follow it) and the calendar.
      const calls = await page.evaluate(() => (window as unknown as { serverCalls: { fn: string; args: unknown[] }[] }).serverCalls);
      const asked = calls.find((c) => c.fn === 'analyzeSheet')?.args[0] as AnalysisRequest;
      expect([asked.language, asked.calendar]).toEqual([language, 'gregorian']);
      if (language === 'fa' || language === 'ar') {
        const keep = sameInEveryLanguage(summary);
        const english = (await resultTexts(page)).flatMap((t) => latinRuns(t, keep).map((run) => `${run}  ←  ${t.slice(0, 120)}`));
        expect(english).toEqual([]);
        // The charts' Persian and Arabic labels read right to left inside the left-to-right drawing.
        const rtlLabels = await page.locator('#results svg text[direction="rtl"]').count();
        expect(rtlLabels).toBeGreaterThan(3);
      }
      expect(await overflowing(page)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `sidebar-${language}-results.png`), fullPage: true });
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      await page.close();
    });
  }

  it('the switch says the server-written sentences again in the new language and remembers the choice', async () => {
    const { page, errors } = await resultsIn('fa');
    const persian = await page.getByTestId('holdout-verdict').innerText();
    await page.getByTestId('language').selectOption('ar');
    const arabic = await page.getByTestId('holdout-verdict').innerText();
    expect(arabic).not.toBe(persian);
    expect(latinRuns(arabic, sameInEveryLanguage(summary))).toEqual([]);
    await page.getByTestId('language').selectOption('en');
    expect(await page.getByTestId('holdout-verdict').innerText()).toBe(summary.holdout?.sentence ?? SIDEBAR.en['trust.noHoldout']);
    expect(await page.getByTestId('model-reason').innerText()).toBe(summary.model.reason);
    const calls = await page.evaluate(() => (window as unknown as { serverCalls: { fn: string; args: unknown[] }[] }).serverCalls);
    expect(calls.filter((c) => c.fn === 'setLanguage').map((c) => c.args)).toEqual([['ar'], ['en']]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
