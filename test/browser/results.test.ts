// The sidebar's results (the built dist/Sidebar.html) in headless Chromium at 300 px, with google.script.run
// answering a canned analysis (summary.ts): the headline figures and what they sum, the verdict before the model
// tables, the segment chart, the contact-first list in order of value at stake with a hostile id as text, a
// segment export with its progress and the sheet it names, and the what-if panel against core/whatif.ts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatIf } from '../../src/core/whatif';
import { ARTIFACTS, cannedSidebar, HOSTILE, launch, type CannedServer, type Watched } from './client';
import { CHARTS, SHEET_INFO, SUMMARY } from './summary';

let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const EXPORTED = { sheet: 'Champions customers', segment: 'Champions', customers: 180 };

function server(overrides: Partial<CannedServer> = {}): CannedServer {
  return {
    replies: {
      getSheetInfo: { ok: true, value: SHEET_INFO },
      getAnalysisProgress: null,
      analyzeSheet: { ok: true, value: SUMMARY },
      exportSegment: { ok: true, value: EXPORTED },
      ...overrides.replies,
    },
    delays: overrides.delays,
  };
}

/** The sidebar after Analyze, its results shown. */
async function analyzed(canned: CannedServer = server()): Promise<Watched> {
  const watched = await cannedSidebar(browser, canned);
  await watched.page.getByTestId('analyze').click();
  await watched.page.getByTestId('headline').waitFor();
  return watched;
}

const calls = (page: Page): Promise<{ fn: string; args: unknown[] }[]> => page.evaluate(() => (window as unknown as { serverCalls: { fn: string; args: unknown[] }[] }).serverCalls);

describe('headline and trust', () => {
  it('names past, predicted and total value with what each sums, referral value as attribution, and the share of what', async () => {
    const { page, dialogs, errors } = await analyzed();
    const figure = (id: string) => page.getByTestId(id);
    expect(await figure('past-value').innerText()).toBe('95,658\nPast value\nearned up to 2026-06-30: revenue − cost');
    expect(await figure('predicted-value').innerText()).toBe('57,798\nPredicted value\nexpected margin, next 12 months, discounted');
    expect(await figure('total-value').innerText()).toBe('153,456\nTotal\npast + predicted');
    // The total is past + predicted; the referral value is not added in.
    const value = async (id: string): Promise<number> => Number(await figure(id).getAttribute('data-value'));
    expect((await value('past-value')) + (await value('predicted-value'))).toBe(await value('total-value'));
    expect(await figure('referral-value').textContent()).toBe(
      'Referral value 22,204: the total value of customers another customer referred. It is attribution, already inside the total, not added to it.',
    );
    expect(await page.getByTestId('concentration').textContent()).toBe('The top 20% of the 1,000 customers (ranked by predicted value) hold 62% of the predicted value.');
    expect(await page.getByTestId('summary').textContent()).toBe('1,000 customers, 5,049 orders, as of 2026-06-30.');
    expect(await page.getByTestId('segment-card').first().textContent()).toContain('180customers (18% of customers)');

    await page.getByTestId('headline').screenshot({ path: path.join(ARTIFACTS, 'sidebar-headline.png') });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("states the model and why, then the holdout verdict sentence, then its table with small groups marked, then the model tables", async () => {
    const { page, errors } = await analyzed();
    const trust = page.getByTestId('trust');
    expect(await page.getByTestId('model').textContent()).toBe('Model: Pareto/NBD + Gamma-Gamma');
    expect(await page.getByTestId('model-reason').textContent()).toBe(SUMMARY.model.reason);
    expect(await page.getByTestId('holdout-verdict').textContent()).toBe(SUMMARY.holdout!.sentence);
    const order = await trust.evaluate((t) => Array.from(t.children).map((c) => (c as HTMLElement).dataset.testid ?? c.tagName.toLowerCase()));
    expect(order).toEqual(['model', 'model-reason', 'holdout-verdict', 'holdout', 'p', 'model-details']);
    const rows = page.getByTestId('holdout-row');
    expect(await rows.evaluateAll((r) => r.map((n) => Array.from(n.children).map((c) => c.textContent)))).toEqual([
      ['0', '277', '0.73', '0.51', 'in range'],
      ['1', '400', '2.10', '2.40', 'above'],
      ['7+', '12', '6.10', '7.20', 'too few'],
      ['All', '1,000', '2.15', '2.29', 'in range'],
    ]);
    expect(await rows.evaluateAll((r) => r.map((n) => (n as HTMLElement).dataset.small))).toEqual(['false', 'false', 'true', 'false']);
    expect(await rows.first().getAttribute('title')).toBe('Expected range of the actual mean: 0.50 to 0.96');
    expect(await rows.nth(2).getAttribute('title')).toBe('Too few customers to judge: chance alone moves their mean too much.');
    await page.getByTestId('model-details').locator('summary').click();
    expect(await page.getByTestId('candidates').locator('tbody tr').allInnerTexts()).toEqual(['Pareto/NBD\t0.410\tused', 'MBG/NBD\t0.470\t']);
    expect(await page.getByTestId('parameters').locator('tbody td').allTextContents()).toEqual(['r', '0.5533', 'alpha', '10.58', 's', '0.6061', 'beta', '11.67']);
    await page.getByTestId('trust-section').screenshot({ path: path.join(ARTIFACTS, 'sidebar-trust.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says so when there was no holdout check', async () => {
    const { page, errors } = await analyzed(server({ replies: { analyzeSheet: { ok: true, value: { ...SUMMARY, holdout: null, model: { ...SUMMARY.model, candidates: [] } } } } }));
    expect(await page.getByTestId('holdout-verdict').textContent()).toMatch(/^No holdout check: the history is too short/);
    expect(await page.getByTestId('holdout').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('segments', () => {
  it('draws total value by segment as past + predicted bars, above the cards', async () => {
    const { page, errors } = await analyzed();
    const bars = page.getByTestId('segment-chart').getByTestId('bar');
    expect(await bars.evaluateAll((g) => g.map((n) => [n.getAttribute('data-label'), Number(n.getAttribute('data-value'))]))).toEqual([
      ['Champions', 70_000],
      ['Rising', 8_500],
      ['Past stars', 15_798],
      ['Low value', 59_158],
    ]);
    expect(await bars.first().getByTestId('bar-part').evaluateAll((r) => r.map((n) => [n.getAttribute('data-part'), Number(n.getAttribute('data-value'))]))).toEqual([
      ['past', 40_000],
      ['predicted', 30_000],
    ]);
    expect(await page.getByTestId('segment-chart').locator('title').first().textContent()).toBe('Total value by segment: past value (earned) + predicted value (next 12 months)');
    expect(await page.getByTestId('segment-card').evaluateAll((c) => c.map((n) => (n as HTMLElement).dataset.segment))).toEqual(['Champions', 'Rising', 'Past stars', 'Low value']);
    // The advice is the sheets catalogue's for the pair (the Segments sheet gives the same), not the server's English.
    expect(await page.getByTestId('advice').first().innerText()).toBe(
      'Regular (150): Buying regularly and worth the most: keep and reward them.\nLapsing (30): Slipping away while still worth a lot: contact them personally now (see Contact first).',
    );
    expect(await page.getByTestId('stages').locator('tbody tr').count()).toBe(5);
    await page.getByTestId('segments-section').screenshot({ path: path.join(ARTIFACTS, 'sidebar-segments.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the pictures of the customer base', () => {
  it('draws the cumulative value curve, the P(alive) heatmap and the predicted value histogram from the summary, below the segments', async () => {
    const { page, errors } = await analyzed();
    const pictures = page.getByTestId('charts-section');
    const order = await page.getByTestId('results').evaluate((r) => Array.from(r.querySelectorAll('section')).map((n) => (n as HTMLElement).dataset.testid));
    expect(order.indexOf('charts-section')).toBe(order.indexOf('segments-section') + 1);
    expect(await pictures.locator('svg[role="img"]').evaluateAll((s) => s.map((n) => n.getAttribute('data-testid')))).toEqual(['concentration-chart', 'heatmap', 'histogram']);

    // The curve: 20 points, the top 20% marked with the headline's 62%.
    const points = pictures.getByTestId('curve-point');
    expect(await points.count()).toBe(CHARTS.valueCurve.length);
    expect(await points.evaluateAll((p) => [3, 9, 19].map((k) => p[k].querySelector('title')!.textContent))).toEqual([
      'Top 20% of customers: 62% of the predicted value',
      'Top 50% of customers: 90% of the predicted value',
      'Top 100% of customers: 100% of the predicted value',
    ]);
    expect(await pictures.getByTestId('concentration-mark').textContent()).toBe('top 20%: 62%');

    // The heatmap: 25 cells holding the 1,000 customers, the three under 10 marked, the two empty ones blank.
    const cells = pictures.getByTestId('heat-cell');
    const customers = await cells.evaluateAll((g) => g.map((n) => Number(n.getAttribute('data-customers'))));
    expect(customers).toHaveLength(25);
    expect(customers.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(await cells.evaluateAll((g) => g.filter((n) => n.getAttribute('data-small') === 'true').map((n) => `${n.getAttribute('data-row')}/${n.getAttribute('data-column')}`))).toEqual([
      '4–7/181–365',
      '8+/91–180',
      '8+/181–365',
    ]);
    expect(await cells.locator('text').allTextContents()).toEqual([
      '90%', '70%', '50%', '30%', '10%',
      '95%', '80%', '55%', '30%', '8%',
      '97%', '85%', '60%', '25%', '5%',
      '98%', '90%', '50%', '(20%)', '–',
      '99%', '92%', '(40%)', '(10%)', '–',
    ]);

    // The histogram: 8 ranges of 25, the last open, 1,000 customers in all.
    const bins = pictures.getByTestId('bin');
    expect(await bins.evaluateAll((r) => r.map((n) => n.querySelector('title')!.textContent))).toEqual([
      '0 to 25: 380 customers',
      '25 to 50: 220 customers',
      '50 to 75: 140 customers',
      '75 to 100: 90 customers',
      '100 to 125: 60 customers',
      '125 to 150: 40 customers',
      '150 to 175: 30 customers',
      '175 or more: 40 customers',
    ]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    await pictures.screenshot({ path: path.join(ARTIFACTS, 'sidebar-pictures.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('contact first', () => {
  it('lists the customers by value at stake, most first, with days since the last order and the expected next order, a hostile id as text', async () => {
    const { page, dialogs, errors } = await analyzed();
    const rows = page.getByTestId('contact-row');
    expect(await rows.evaluateAll((r) => r.map((n) => (n as HTMLElement).dataset.id))).toEqual([HOSTILE, 'C-0101', 'C-0007', '1042']);
    const stakes = await rows.evaluateAll((r) => r.map((n) => Number((n as HTMLElement).dataset.atStake)));
    expect(stakes).toEqual([1592.8, 479.3, 300, 120]);
    expect(await rows.allInnerTexts()).toEqual([
      `${HOSTILE}\n1,593\nlast order 201 days ago; next order was expected 2026-01-20, 161 days ago\npredicted 2,451, P(alive) 35%; Past stars, Lapsing`,
      'C-0101\n479\nlast order 128 days ago; next order was expected 2026-03-02, 120 days ago\npredicted 812, P(alive) 41%; Champions, Lapsing',
      'C-0007\n300\nlast order 12 days ago; next order expected 2026-07-15\npredicted 1,500, P(alive) 80%; Champions, Regular',
      '1042\n120\nlast order 45 days ago; one order so far: no next order date to expect\npredicted 300, P(alive) 60%; Rising, One-time buyer',
    ]);
    // The hostile id is text: no element was made of it, nothing ran.
    expect(await page.locator('img').count()).toBe(0);
    expect(await rows.first().locator('.contact-id').getAttribute('title')).toBe(HOSTILE);
    await page.getByTestId('contact-section').screenshot({ path: path.join(ARTIFACTS, 'sidebar-contact-list.png') });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('segment export', () => {
  it('calls exportSegment with the analysis request and the segment, shows its progress with every button waiting, then names the sheet written', async () => {
    const progress = { step: 2, steps: 5, message: 'Fitting the models to 1000 customers', done: false };
    const { page, errors } = await analyzed(server({ replies: { getAnalysisProgress: progress }, delays: { exportSegment: 1500 } }));
    const buttons = page.getByTestId('export-segment');
    expect(await buttons.allTextContents()).toEqual(['Champions (180) to a sheet', 'Rising (20) to a sheet', 'Past stars (20) to a sheet', 'Low value (780) to a sheet']);
    await buttons.first().click();
    const status = page.getByTestId('export-status');
    expect(await status.textContent()).toBe('Writing the 180 customers of Champions to a new sheet…');
    expect(await buttons.evaluateAll((b) => b.map((n) => (n as HTMLButtonElement).disabled))).toEqual([true, true, true, true]);
    expect(await page.getByTestId('segment-exports').getAttribute('aria-busy')).toBe('true');
    await expect.poll(() => status.textContent()).toBe('Writing the 180 customers of Champions to a new sheet… Fitting the models to 1000 customers.');
    await expect.poll(() => status.textContent()).toBe('Written: 180 customers of Champions on the sheet "Champions customers", ready for File > Download.');
    expect(await buttons.evaluateAll((b) => b.map((n) => (n as HTMLButtonElement).disabled))).toEqual([false, false, false, false]);
    const analysis = (await calls(page)).find((c) => c.fn === 'analyzeSheet')!;
    expect((analysis.args[0] as { sheetName: string }).sheetName).toBe('Orders');
    expect((await calls(page)).filter((c) => c.fn === 'exportSegment')).toEqual([{ fn: 'exportSegment', args: [analysis.args[0], 'Champions'] }]);
    await page.getByTestId('export-section').screenshot({ path: path.join(ARTIFACTS, 'sidebar-export.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the server's refusal in its own words", async () => {
    const refusal = 'Press Analyze again: the "Customer value" sheet was changed since.';
    const { page, errors } = await analyzed(server({ replies: { exportSegment: { ok: false, error: refusal } } }));
    await page.getByTestId('export-segment').nth(1).click();
    await expect.poll(() => page.getByTestId('export-status').textContent()).toBe(refusal);
    expect(await page.getByTestId('export-status').getAttribute('class')).toBe('error');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('what if', () => {
  it('shows predicted value and lifetime value before and after, as core/whatif.ts computes them', async () => {
    const { page, errors } = await analyzed();
    const basis = SUMMARY.whatIf!;
    const now = whatIf(basis);
    const cells = (testid: string): Promise<string[]> => page.getByTestId(testid).locator('td').allTextContents();
    // No change: after equals before, and the predicted value is the analysis's own.
    expect(await cells('whatif-predicted')).toEqual(['57,798', '57,798', '0%']);

    await page.getByTestId('whatif-retention').fill('5');
    const more = whatIf(basis, { retention: 0.05 });
    const money = (x: number): string => Math.round(x).toLocaleString('en-US');
    const change = (x: number): string => `+${Number((100 * x).toPrecision(3))}%`;
    expect(await cells('whatif-predicted')).toEqual([money(now.predictedValue), money(more.predictedValue), change(more.predictedChange)]);
    expect(await cells('whatif-lifetime')).toEqual([money(now.lifetimeValue), money(more.lifetimeValue), change(more.lifetimeChange)]);
    expect(more.lifetimeChange).toBeGreaterThan(0);
    expect(await page.getByTestId('whatif-claim').textContent()).toBe(`On your data, 5% more retention brings ${change(more.lifetimeChange)} lifetime value (the often-quoted claim: 25% to 95% more profit).`);

    await page.getByTestId('whatif-ordersPerCustomer').fill('10');
    await page.getByTestId('whatif-orderValue').fill('-10');
    const all = whatIf(basis, { retention: 0.05, ordersPerCustomer: 0.1, orderValue: -0.1 });
    expect(await cells('whatif-predicted')).toEqual([money(now.predictedValue), money(all.predictedValue), change(all.predictedChange)]);
    await page.getByTestId('whatif-section').screenshot({ path: path.join(ARTIFACTS, 'sidebar-whatif.png') });

    await page.getByTestId('whatif-orderValue').fill('-150');
    expect(await page.getByTestId('whatif-error').textContent()).toBe('Order value: give a change in percent from -100 to +1000, e.g. 5 or -10.');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the whole results', () => {
  it('fit the 300 px panel', async () => {
    const { page, errors } = await analyzed();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sidebar-results-canned.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
