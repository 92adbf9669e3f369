// Helpers of the browser tests of the sidebar's client modules: Chromium, the client modules bundled for a bare
// page, and the built dist/Sidebar.html served with a fake google.script.run that answers canned replies.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SIDEBAR_CSP } from '../../preview/server';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(root, 'test-artifacts');
export const HOSTILE = '<img src=x onerror=alert(1)>';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Uncaught errors and dialogs of a page, to assert that none happened (a hostile id must run nothing). */
export interface Watched {
  page: Page;
  dialogs: string[];
  errors: string[];
}

export async function watchedPage(browser: Browser): Promise<Watched> {
  // 300 px: the width of Google's sidebar.
  const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
  const watched: Watched = { page, dialogs: [], errors: [] };
  page.on('dialog', (d) => {
    watched.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => watched.errors.push(e.message));
  return watched;
}

/**
 * The client modules bundled as one script that defines `window.Client` (charts, contact list, headline,
 * what-if, formats, results), for tests that draw one piece on a bare page with the sidebar's styles.
 */
export async function clientPage(browser: Browser): Promise<Watched> {
  const bundled = await build({
    stdin: {
      contents: ["export * from './src/client/charts';", "export * from './src/client/contact';", "export * from './src/client/headline';", "export * from './src/client/whatif';", "export * from './src/client/format';", "export * from './src/client/results';"].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'Client',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  const css = readFileSync(path.join(root, 'src/client/sidebar.css'), 'utf8');
  const watched = await watchedPage(browser);
  await watched.page.setContent(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>${css}</style></head><body><main id="root"></main></body></html>`);
  await watched.page.addScriptTag({ content: bundled.outputFiles[0].text });
  return watched;
}

export interface CannedServer {
  /** The server function's reply (a Reply<T> for the sidebar API), as google.script.run's success handler gets it. */
  replies: Record<string, unknown>;
  /** Milliseconds before a function's reply arrives, to see what the sidebar shows while it waits. */
  delays?: Record<string, number>;
}

/**
 * dist/Sidebar.html, served under the preview's Content-Security-Policy (no network), with a google.script.run
 * that records each call in `window.serverCalls` and answers from `replies` (a function without a reply fails,
 * as a server exception would).
 */
export async function cannedSidebar(browser: Browser, server: CannedServer): Promise<Watched> {
  const html = readFileSync(path.join(root, 'dist/Sidebar.html'), 'utf8');
  const watched = await watchedPage(browser);
  const { page } = watched;
  await page.addInitScript((canned: CannedServer) => {
    const calls: { fn: string; args: unknown[] }[] = [];
    Object.assign(window, { serverCalls: calls });
    type Handlers = { ok?: (value: unknown) => void; fail?: (error: Error) => void };
    const runner = (handlers: Handlers): unknown =>
      new Proxy(
        {},
        {
          get(_target, name: string) {
            if (name === 'withSuccessHandler') return (ok: Handlers['ok']) => runner({ ...handlers, ok });
            if (name === 'withFailureHandler') return (fail: Handlers['fail']) => runner({ ...handlers, fail });
            return (...args: unknown[]) => {
              // What crosses the bridge is plain data: a copy, as the real one makes.
              calls.push({ fn: name, args: JSON.parse(JSON.stringify(args)) as unknown[] });
              setTimeout(() => {
                if (name in canned.replies) handlers.ok?.(JSON.parse(JSON.stringify(canned.replies[name])));
                else handlers.fail?.(new Error(`Script function not found: ${name}`));
              }, canned.delays?.[name] ?? 0);
            };
          },
        },
      );
    Object.assign(window, { google: { script: { run: runner({}) } } });
  }, server);
  await page.route('http://sidebar.test/', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': SIDEBAR_CSP }, body: html }));
  await page.goto('http://sidebar.test/');
  return watched;
}

/** Text that reaches past the panel's edges: every visible text node's boxes must lie within 0…300 px. */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && (r.left < -0.5 || r.right > width + 0.5)) out.push(`${node.textContent.trim()} (${Math.round(r.left)}…${Math.round(r.right)})`);
      }
    }
    if (document.documentElement.scrollWidth > width) out.push(`page ${document.documentElement.scrollWidth} px wide`);
    return out;
  });
}
