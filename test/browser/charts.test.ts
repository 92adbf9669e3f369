// The sidebar's charts (src/client/charts.ts) drawn in headless Chromium at the panel's 300 px: what each draws,
// read back from the SVG (marks, their figures, labels, sizes), that hostile labels stay text, and a screenshot.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Charts from '../../src/client/charts';
import type * as Format from '../../src/client/format';
import type * as Results from '../../src/client/results';
import type { CustomerCharts } from '../../src/server/contract';
import { ARTIFACTS, clientPage, HOSTILE, launch, type Watched } from './client';

type Client = typeof Charts & typeof Format & typeof Results;
declare const Client: Client;

let browser: Browser;
let watched: Watched;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
  watched = await clientPage(browser);
  page = watched.page;
});

afterAll(async () => {
  await browser?.close();
});

/** Draws into #root (emptied first) with the bundled client; the function runs in the page. */
async function draw<T>(render: (client: Client, root: HTMLElement, data: T) => void, data: T): Promise<void> {
  await page.evaluate(
    ([source, input]) => {
      const root = document.getElementById('root')!;
      root.replaceChildren();
      // The render function crosses as text: page.evaluate cannot pass a closure.
      const fn = new Function('client', 'root', 'data', `return (${source})(client, root, data);`) as (c: Client, r: HTMLElement, d: unknown) => void;
      fn(Client, root, input);
    },
    [render.toString(), data] as const,
  );
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const boxOf = (selector: string): Promise<Box[]> =>
  page.locator(selector).evaluateAll((nodes) => nodes.map((n) => {
    const b = (n as SVGGraphicsElement).getBBox();
    return { x: b.x, y: b.y, width: b.width, height: b.height };
  }));

describe('value by segment (bars)', () => {
  const bars = [
    { label: 'Champions', value: 30_000, color: '#38761d' },
    { label: 'Rising', value: 6_000, color: '#1a73e8' },
    { label: 'Past stars', value: 1_798, color: '#b45f06' },
    { label: 'Low value', value: 20_000, color: '#80868b' },
  ];

  it('draws one bar per segment, in order, with lengths in proportion and figures with thousands separators', async () => {
    await draw((c, root, data) => root.appendChild(c.barChart({ title: 'Predicted value by segment, next 12 months', bars: data, format: c.formatMoney, testid: 'segment-chart' })), bars);
    const chart = page.getByTestId('segment-chart');
    expect(await chart.getAttribute('role')).toBe('img');
    const labelledBy = (await chart.getAttribute('aria-labelledby'))!.split(' ');
    expect(await page.locator(`[id="${labelledBy[0]}"]`).textContent()).toBe('Predicted value by segment, next 12 months');
    expect(await page.locator(`[id="${labelledBy[1]}"]`).textContent()).toBe('Champions: 30,000; Rising: 6,000; Past stars: 1,798; Low value: 20,000');

    const rows = page.getByTestId('bar');
    expect(await rows.count()).toBe(4);
    expect(await rows.evaluateAll((g) => g.map((n) => n.getAttribute('data-label')))).toEqual(['Champions', 'Rising', 'Past stars', 'Low value']);
    expect(await rows.evaluateAll((g) => g.map((n) => Array.from(n.querySelectorAll('text')).map((t) => t.textContent)))).toEqual([
      ['Champions', '30,000'],
      ['Rising', '6,000'],
      ['Past stars', '1,798'],
      ['Low value', '20,000'],
    ]);
    const widths = (await boxOf('[data-testid="bar"] rect')).map((b) => b.width);
    expect(widths[0]).toBeCloseTo(136, 0); // the longest bar fills the plot: 276 − 84 label − 56 figure
    expect(widths[1] / widths[0]).toBeCloseTo(6_000 / 30_000, 2);
    expect(widths[3] / widths[0]).toBeCloseTo(20_000 / 30_000, 2);
    expect(await rows.evaluateAll((g) => g.map((n) => n.querySelector('rect')!.getAttribute('fill')))).toEqual(['#38761d', '#1a73e8', '#b45f06', '#80868b']);
    // Fits the panel: nothing drawn beyond the chart's width.
    const all = await boxOf('[data-testid="segment-chart"] > *:not(title):not(desc)');
    for (const b of all) expect(b.x + b.width).toBeLessThanOrEqual(276);
  });

  it('draws a negative value left of a zero line', async () => {
    await draw((c, root) => root.appendChild(c.barChart({ title: 'Past value by segment', bars: [{ label: 'Returns', value: -100 }, { label: 'Sales', value: 300 }], format: c.formatMoney })), null);
    const [negative, positive] = await boxOf('[data-testid="bar"] rect');
    const zero = await page.locator('[data-testid="bar-chart"] > line').getAttribute('x1');
    expect(negative.x + negative.width).toBeCloseTo(Number(zero), 0);
    expect(positive.x).toBeCloseTo(Number(zero), 0);
    expect(positive.width / negative.width).toBeCloseTo(3, 1);
    expect(await page.getByTestId('bar').first().locator('text').last().textContent()).toBe('-100');
  });

  it('draws a bar of parts end to end, negative parts left of zero, with the sum as its figure and a legend', async () => {
    await draw(
      (c, root) =>
        root.appendChild(
          c.barChart({
            title: 'Value by segment',
            format: c.formatMoney,
            legend: [
              { name: 'past', color: '#5f6368' },
              { name: 'predicted', color: '#1a73e8' },
            ],
            bars: [
              { label: 'Champions', value: 70_000, parts: [{ name: 'past', value: 40_000, color: '#5f6368' }, { name: 'predicted', value: 30_000, color: '#1a73e8' }] },
              { label: 'Losses', value: 5_000, parts: [{ name: 'past', value: -10_000, color: '#5f6368' }, { name: 'predicted', value: 15_000, color: '#1a73e8' }] },
            ],
          }),
        ),
      null,
    );
    const parts = await boxOf('[data-testid="bar-part"]');
    const zero = Number(await page.getByTestId('zero-line').getAttribute('x1'));
    // Champions: past from zero, predicted after it; the longest side (70,000) spans the plot right of zero.
    expect(parts[0].x).toBeCloseTo(zero, 0);
    expect(parts[1].x).toBeCloseTo(parts[0].x + parts[0].width, 0);
    expect(parts[1].width / parts[0].width).toBeCloseTo(30_000 / 40_000, 2);
    // Losses: past left of zero, predicted right of it.
    expect(parts[2].x + parts[2].width).toBeCloseTo(zero, 0);
    expect(parts[3].x).toBeCloseTo(zero, 0);
    expect(parts[3].width / parts[0].width).toBeCloseTo(15_000 / 40_000, 2);
    expect(await page.getByTestId('bar-part').evaluateAll((r) => r.map((n) => n.querySelector('title')!.textContent))).toEqual([
      'Champions, past: 40,000',
      'Champions, predicted: 30,000',
      'Losses, past: -10,000',
      'Losses, predicted: 15,000',
    ]);
    expect(await page.getByTestId('bar').evaluateAll((g) => g.map((n) => n.lastElementChild!.textContent))).toEqual(['70,000', '5,000']);
    expect(await page.locator('svg > desc').textContent()).toBe('Champions: past 40,000 + predicted 30,000 = 70,000; Losses: past -10,000 + predicted 15,000 = 5,000');
    expect(await page.locator('svg > text').allTextContents()).toEqual(['past', 'predicted']);
  });

  it('shows a hostile label as text, cut to fit with the whole of it in the tooltip, and runs nothing', async () => {
    await draw((c, root, label) => root.appendChild(c.barChart({ title: label, bars: [{ label, value: 5 }], format: c.formatMoney })), HOSTILE);
    expect(await page.locator('img').count()).toBe(0);
    const row = page.getByTestId('bar');
    expect(await row.getAttribute('data-label')).toBe(HOSTILE);
    expect(await row.locator('title').textContent()).toBe(`${HOSTILE}: 5`);
    expect(await row.locator('text').first().textContent()).toBe('<img src=x on…');
    expect(await page.locator('svg > title').textContent()).toBe(HOSTILE);
    expect(watched.dialogs).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});

describe('the cumulative value curve (concentration)', () => {
  // The most valuable 20% hold 1 − 0.8³ = 48.8%: a curve in 20 steps, as core/segment.ts paretoCurve gives it.
  const points = Array.from({ length: 20 }, (_, i) => ({ customerShare: (i + 1) / 20, valueShare: 1 - (1 - (i + 1) / 20) ** 3 }));

  it('starts at 0, rises above the diagonal, ends at 100% of customers and 100% of the value, and marks the top 20%', async () => {
    await draw((c, root, data) => root.appendChild(c.concentrationChart({ title: 'Cumulative share of predicted value', valueName: 'predicted value', points: data, mark: 0.2 })), points);
    const dots = page.getByTestId('curve-point');
    expect(await dots.count()).toBe(20);
    const last = dots.last();
    expect(Number(await last.getAttribute('data-customer-share'))).toBe(1);
    expect(Number(await last.getAttribute('data-value-share'))).toBe(1);
    expect(await last.locator('title').textContent()).toBe('Top 100% of customers: 100% of the predicted value');

    // The path from the plot's bottom-left corner to its top-right, where the diagonal of equal customers ends too.
    const d = (await page.getByTestId('curve').getAttribute('d'))!;
    const coordinates = [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(coordinates).toHaveLength(21);
    const diagonal = page.getByTestId('equal-line');
    const [x1, y1, x2, y2] = await Promise.all(['x1', 'y1', 'x2', 'y2'].map(async (a) => Number(await diagonal.getAttribute(a))));
    expect(coordinates[0]).toEqual([x1, y1]);
    expect(coordinates[20]).toEqual([x2, y2]);
    // Above the diagonal everywhere in between (SVG's y grows downwards).
    for (const [x, y] of coordinates.slice(1, -1)) expect(y).toBeLessThan(y1 + ((x - x1) / (x2 - x1)) * (y2 - y1));

    expect(await page.getByTestId('concentration-mark').textContent()).toBe('top 20%: 49%');
    expect(await page.locator('svg > desc').textContent()).toMatch(/^The top 20% of customers hold 49% of the predicted value\. Points: 5% → 14%, 10% → 27%/);
  });
});

describe('P(alive) by frequency and recency (heatmap)', () => {
  const grid = {
    rows: ['0', '1', '2–3'],
    columns: ['0–30', '31–90', '91–180', '181+'],
    cells: [
      [{ customers: 120, value: 0.92 }, { customers: 200, value: 0.71 }, { customers: 150, value: 0.42 }, { customers: 300, value: 0.12 }],
      [{ customers: 80, value: 0.95 }, { customers: 60, value: 0.8 }, { customers: 4, value: 0.3 }, { customers: 0, value: null }],
      [{ customers: 50, value: 0.98 }, { customers: 30, value: 0.9 }, { customers: 10, value: 0.5 }, { customers: 6, value: 0.05 }],
    ],
  };

  it('draws a cell per frequency × recency with its P(alive), darker for likelier, small groups marked and empty cells blank', async () => {
    await draw(
      (c, root, g) =>
        root.appendChild(
          c.heatmap({ title: 'Chance each group still buys (P(alive))', rowTitle: 'repeat purchases', columnTitle: 'days since the last order', valueName: 'P(alive)', smallGroup: 10, ...g }),
        ),
      grid,
    );
    const cells = page.getByTestId('heat-cell');
    expect(await cells.count()).toBe(12);
    expect(await cells.locator('text').allTextContents()).toEqual(['92%', '71%', '42%', '12%', '95%', '80%', '(30%)', '–', '98%', '90%', '50%', '(5%)']);
    expect(await cells.evaluateAll((g) => g.filter((n) => n.getAttribute('data-small') === 'true').map((n) => `${n.getAttribute('data-row')}/${n.getAttribute('data-column')}`))).toEqual([
      '1/91–180',
      '2–3/181+',
    ]);
    expect(await cells.nth(6).locator('title').textContent()).toBe('repeat purchases 1, days since the last order 91–180: 4 customers, P(alive) 30% (too few customers to rely on)');
    expect(await cells.nth(7).locator('title').textContent()).toBe('repeat purchases 1, days since the last order 181+: no customers');

    // Darker (lower luminance) for a higher P(alive); white text on the dark cells.
    const fills = await cells.evaluateAll((g) => g.map((n) => n.querySelector('rect')!.getAttribute('fill')!));
    const luminance = (rgb: string): number => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(luminance(fills[0])).toBeLessThan(luminance(fills[1]));
    expect(luminance(fills[1])).toBeLessThan(luminance(fills[2]));
    expect(luminance(fills[2])).toBeLessThan(luminance(fills[3]));
    expect(await cells.evaluateAll((g) => g.map((n) => n.querySelector('text')!.getAttribute('fill')))).toEqual([
      '#fff', '#fff', '#000', '#000', '#fff', '#fff', '#000', '#5f6368', '#fff', '#fff', '#000', '#000',
    ]);
    expect(await page.locator('svg > desc').textContent()).toContain('repeat purchases 0, days since the last order 181+: 300 customers, P(alive) 12%;');
    // Every text keeps at least 4.5:1 against its cell (WCAG AA), across the whole scale.
    const contrast = await page.evaluate(() => {
      const lum = (rgb: string): number => {
        const c = (rgb.match(/\d+/g) ?? ['255', '255', '255']).map(Number).map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
      };
      let worst = Infinity;
      for (let i = 0; i <= 100; i++) {
        const fill = Client.heatColor(i / 100);
        const text = Client.textOn(fill) === '#fff' ? 1 : 0;
        const [a, b] = [lum(fill), text];
        worst = Math.min(worst, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
      }
      return worst;
    });
    expect(contrast).toBeGreaterThanOrEqual(4.5);
    expect(await page.evaluate(() => [0.9996, 0.0004, 1, 0, 0.424].map((v) => Client.cellPercent(v)))).toEqual(['>99%', '<1%', '100%', '0%', '42%']);
  });
});

describe('the distribution of predicted value (histogram)', () => {
  const bins = [
    { from: 0, to: 50, customers: 420 },
    { from: 50, to: 100, customers: 260 },
    { from: 100, to: 200, customers: 180 },
    { from: 200, to: 500, customers: 90 },
    { from: 500, to: 1000, customers: 38 },
    { from: 1000, to: null, customers: 12 },
  ];

  it('draws one column per range with heights in proportion, and names the edges and the open last range', async () => {
    await draw((c, root, data) => root.appendChild(c.histogram({ title: 'Customers by predicted value, next 12 months', valueName: 'predicted value, next 12 months', bins: data })), bins);
    const columns = page.getByTestId('bin');
    expect(await columns.count()).toBe(6);
    const heights = (await boxOf('[data-testid="bin"]')).map((b) => b.height);
    for (let i = 1; i < 6; i++) expect(heights[i] / heights[0]).toBeCloseTo(bins[i].customers / 420, 2);
    expect(await columns.evaluateAll((r) => r.map((n) => n.querySelector('title')!.textContent))).toEqual([
      '0 to 50: 420 customers',
      '50 to 100: 260 customers',
      '100 to 200: 180 customers',
      '200 to 500: 90 customers',
      '500 to 1k: 38 customers',
      '1k or more: 12 customers',
    ]);
    const texts = await page.locator('[data-testid="histogram"] > text').allTextContents();
    expect(texts).toEqual(expect.arrayContaining(['0', '420', '1k+', '200', 'customers', 'predicted value, next 12 months']));
  });
});

describe('all four in the 300 px panel', () => {
  it('draws them one under the other without overflowing (customerCharts, as the results show them), for the screenshot', async () => {
    const charts: CustomerCharts = {
      valueCurve: Array.from({ length: 20 }, (_, i) => ({ customerShare: (i + 1) / 20, valueShare: 1 - (1 - (i + 1) / 20) ** 3 })),
      pAlive: {
        rows: ['0', '1', '2–3', '4+'],
        columns: ['0–30', '31–90', '91–180', '181+'],
        cells: [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((k) => ({ customers: r === 3 && k === 3 ? 4 : 100, value: Math.max(0, Math.min(1, 0.95 - 0.25 * k + 0.05 * r)) }))),
        smallGroup: 10,
      },
      predictedValueBins: [420, 260, 180, 90, 38, 12].map((customers, i) => ({ from: [0, 50, 100, 200, 500, 1000][i], to: i === 5 ? null : [50, 100, 200, 500, 1000][i], customers })),
    };
    await draw(
      (c, root, data) => {
        root.append(
          Object.assign(document.createElement('h3'), { textContent: 'Total value by segment' }),
          c.barChart({
            title: 'Total value by segment: past value (earned) + predicted value (next 12 months)',
            format: c.formatMoney,
            legend: [
              { name: 'past', color: c.VALUE_COLORS.past },
              { name: 'predicted, 12 mo', color: c.VALUE_COLORS.predicted },
            ],
            bars: [
              [40_000, 30_000],
              [2_500, 6_000],
              [14_000, 1_798],
              [39_158, 20_000],
            ].map(([past, predicted], i) => ({
              label: ['Champions', 'Rising', 'Past stars', 'Low value'][i],
              value: past + predicted,
              parts: [
                { name: 'past', value: past, color: c.VALUE_COLORS.past },
                { name: 'predicted', value: predicted, color: c.VALUE_COLORS.predicted },
              ],
            })),
          }),
          c.customerCharts(data, { horizonMonths: 12, topShare: 0.2 }),
        );
      },
      charts,
    );
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(300);
    expect(await page.locator('svg[role="img"]').count()).toBe(4);
    expect(await page.getByTestId('customer-charts').locator('h3').allTextContents()).toEqual(['How concentrated the predicted value is', 'Who is still buying', 'Predicted value per customer']);
    expect(await page.getByTestId('heat-cell').count()).toBe(16);
    expect(await page.getByTestId('bin').count()).toBe(6);
    expect(await page.getByTestId('curve-point').count()).toBe(20);
    await page.locator('#root').screenshot({ path: path.join(ARTIFACTS, 'sidebar-charts.png') });
    expect(watched.errors).toEqual([]);
  });
});
