/**
 * Local preview (`npm start`): the sample spreadsheet as a grid with the real dist/Sidebar.html beside it.
 * As in Apps Script, the sidebar runs in a sandboxed iframe (opaque origin, no network access: see SIDEBAR_CSP);
 * its google.script.run is a shim (shim.js) that posts each call to the page, which POSTs it to /api/run; that
 * calls the global function of the built dist/Code.js in the offline harness (test/harness/gas.ts).
 *
 * Routes: GET /            the page (grid + sidebar iframe, and the relay of the sidebar's server calls)
 *         GET /sidebar     dist/Sidebar.html with the google.script.run shim, under SIDEBAR_CSP
 *         POST /api/run    {fn, args} → {result} or {error} (a thrown server exception, a private or unknown
 *                          function, or an answer google.script.run cannot carry)
 *         GET /api/sheets  {active, sheets: [{name, rows, columns, values}]}, dates as yyyy-mm-dd; ?rows=N limits rows
 *         POST /api/activate {name} → makes that sheet the active one, as clicking its tab does
 *         GET /api/menu    the add-in's menu items [{caption, functionName}], as its onOpen builds them
 *         POST /api/menu   {functionName} → runs that menu item (one of the menu's, nothing else) → {sidebar, active}
 *         POST /api/import?name=FILE  the bytes of a CSV or xlsx file (or pasted text) → new sheets {names, description},
 *                          or {error} in words (too large, unreadable); at most MAX_UPLOAD_BYTES
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createHarness, DIST } from '../test/harness/gas';
import type { MenuItem } from '../test/harness/gas';
import { sampleOrdersSheet, type PreviewSheet } from './sample';
import { MAX_UPLOAD_BYTES, readUpload, tooLarge, UploadError } from './upload';
import type { SheetsSnapshot, WorkerMessage, WorkerRequest, WorkerSetup } from './worker';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The sidebar may run its own inline script and styles and show data: images, and nothing else: no fetch, XHR,
 * WebSocket, form submission or other network access (connect-src 'none', form-action 'none'), so that it can
 * only reach the server through google.script.run, as in Apps Script. `sandbox` repeats the iframe's sandbox
 * (the one Apps Script's IFRAME mode uses), so /sidebar opened on its own is sandboxed too.
 */
export const SIDEBAR_SANDBOX = 'allow-scripts allow-forms allow-popups';
export const SIDEBAR_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  `sandbox ${SIDEBAR_SANDBOX}`,
].join('; ');

/**
 * The page around the grid shows uploaded data, so it too allows no script but its own inline one, loads nothing
 * from elsewhere and talks only to this server; it frames only /sidebar.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "frame-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PreviewOptions {
  /** 0 picks a free port. Default 8080. */
  port?: number;
  host?: string;
  /** The spreadsheet's sheets, the first one active. Default: "Orders" from sampleOrderLog(42). */
  sheets?: PreviewSheet[];
  distDir?: string;
  /** Print the formula demo table on start. */
  demo?: boolean;
}

export interface Preview {
  url: string;
  close(): Promise<void>;
}

type Ask = (request: DistributiveOmit<WorkerRequest, 'id'>) => Promise<unknown>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const distDir = options.distDir ?? DIST;
  if (!existsSync(path.join(distDir, 'Code.js')) || !existsSync(path.join(distDir, 'Sidebar.html'))) {
    throw new Error(`${distDir} has no Code.js or Sidebar.html: run node build.mjs first`);
  }
  const setup: WorkerSetup = { sheets: options.sheets ?? [sampleOrdersSheet(42)], distDir, demo: options.demo ?? false };
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: setup });

  // Progress polls run in a second execution sharing the user cache, as concurrent Apps Script executions do:
  // the worker is busy with the analysis the poll asks about.
  const progressExecution = createHarness({ distDir });
  // What google.script.run offers: the top-level functions of dist/Code.js, without the private ones (a name
  // ending in "_"), which Apps Script never sends to the client.
  const scriptGlobal = progressExecution.load('script').global;
  const publicFunctions = new Set(Object.keys(scriptGlobal).filter((name) => typeof scriptGlobal[name] === 'function' && !name.endsWith('_')));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;

  const ready = new Promise<{ demo: string[][] | null; menu: MenuItem[] }>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if ('type' in message) {
        if (message.type === 'ready') resolve({ demo: message.demo, menu: message.menu });
        else if (message.type === 'cache-put') progressExecution.userCache.put(message.key, message.value, message.seconds);
        else if (message.type === 'cache-remove') progressExecution.userCache.remove(message.key);
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if ('error' in message) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
    const fail = (e: Error): void => {
      failure = e;
      reject(e);
      for (const waiter of pending.values()) waiter.reject(e);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the preview's harness worker stopped (exit code ${code})`)));
  });

  const ask: Ask = (request) => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  };

  let started: { demo: string[][] | null; menu: MenuItem[] };
  try {
    started = await ready;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  if (started.demo) printTable(started.demo);
  const context: RouteContext = { ask, progressExecution, publicFunctions, distDir, menu: started.menu };

  const server = http.createServer((req, res) => {
    route(req, res, context).catch((e: unknown) => send(res, 500, 'text/plain', e instanceof Error ? e.message : String(e)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      worker.removeAllListeners('exit');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await worker.terminate();
    },
  };
}

interface RouteContext {
  ask: Ask;
  progressExecution: ReturnType<typeof createHarness>;
  publicFunctions: ReadonlySet<string>;
  distDir: string;
  menu: MenuItem[];
}

async function route(req: http.IncomingMessage, res: http.ServerResponse, context: RouteContext): Promise<void> {
  const { ask, progressExecution, publicFunctions, distDir, menu } = context;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const key = `${req.method} ${url.pathname}`;
  switch (key) {
    case 'GET /': {
      const page = readFileSync(path.join(here, 'index.html'), 'utf8');
      const marker = '/*MAX_UPLOAD_BYTES*/0';
      if (!page.includes(marker)) throw new Error(`index.html lacks ${marker}`);
      return send(res, 200, 'text/html; charset=utf-8', page.replace(marker, String(MAX_UPLOAD_BYTES)), { 'content-security-policy': PAGE_CSP });
    }
    case 'GET /favicon.ico':
      res.writeHead(204).end();
      return;
    case 'GET /sidebar': {
      const html = readFileSync(path.join(distDir, 'Sidebar.html'), 'utf8');
      const shim = `<script>\n${shimSource([...publicFunctions])}\n</script>`;
      const withShim = /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}\n${shim}`) : shim + html;
      return send(res, 200, 'text/html; charset=utf-8', withShim, { 'content-security-policy': SIDEBAR_CSP });
    }
    case 'POST /api/run': {
      const { fn, args } = (await readJson(req)) as { fn: unknown; args: unknown };
      if (typeof fn !== 'string' || !Array.isArray(args)) return sendJson(res, 400, { error: 'expected {fn: string, args: array}' });
      // The shim offers neither; these answers are for a caller that posts here directly.
      if (fn.endsWith('_')) {
        return sendJson(res, 200, { error: `Script function not found: ${fn} (a name ending in "_" is private: google.script.run cannot call it)` });
      }
      if (!publicFunctions.has(fn)) return sendJson(res, 200, { error: `Script function not found: ${fn}` });
      try {
        const result =
          fn === 'getAnalysisProgress' ? progressExecution.fromClient(fn, ...args) : await ask({ type: 'run', fn, args });
        return sendJson(res, 200, { result: result ?? null });
      } catch (e) {
        // google.script.run hands a thrown server exception to the failure handler.
        return sendJson(res, 200, { error: e instanceof Error ? e.message : String(e) });
      }
    }
    case 'GET /api/sheets': {
      const rows = url.searchParams.get('rows');
      const snapshot = (await ask({ type: 'sheets', rows: rows === null ? undefined : Math.max(0, Number(rows) || 0) })) as SheetsSnapshot;
      return sendJson(res, 200, snapshot);
    }
    case 'POST /api/activate': {
      const { name } = (await readJson(req)) as { name: unknown };
      if (typeof name !== 'string') return sendJson(res, 400, { error: 'expected {name: string}' });
      return sendJson(res, 200, { active: await ask({ type: 'activate', name }) });
    }
    case 'GET /api/menu':
      return sendJson(res, 200, menu);
    case 'POST /api/menu': {
      const { functionName } = (await readJson(req)) as { functionName: unknown };
      // Only what the add-in's own menu offers: the page cannot run any other function this way.
      if (typeof functionName !== 'string' || !menu.some((item) => item.functionName === functionName)) {
        return sendJson(res, 400, { error: 'expected {functionName} of an item of the add-in\'s menu' });
      }
      try {
        return sendJson(res, 200, await ask({ type: 'menu', functionName }));
      } catch (e) {
        return sendJson(res, 200, { error: e instanceof Error ? e.message : String(e) });
      }
    }
    case 'POST /api/import': {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_UPLOAD_BYTES) {
        req.resume();
        return sendJson(res, 413, { error: tooLarge(declared).message });
      }
      const bytes = await readBody(req, MAX_UPLOAD_BYTES);
      if (bytes === null) return sendJson(res, 413, { error: tooLarge(null).message });
      try {
        const upload = await readUpload(url.searchParams.get('name') ?? 'Upload', bytes);
        const names = await ask({ type: 'import', sheets: upload.sheets });
        return sendJson(res, 200, { names, description: upload.description });
      } catch (e) {
        // An UploadError says what to do; anything else (the spreadsheet's cell limit, say) is passed on as it reads.
        return sendJson(res, e instanceof UploadError ? 400 : 200, { error: e instanceof Error ? e.message : String(e) });
      }
    }
    default:
      return send(res, 404, 'text/plain', 'not found');
  }
}

/** shim.js with the list of the functions google.script.run offers filled in. */
export function shimSource(functions: string[]): string {
  const source = readFileSync(path.join(here, 'shim.js'), 'utf8');
  const marker = '/*SERVER_FUNCTIONS*/ []';
  if (!source.includes(marker)) throw new Error(`shim.js lacks ${marker}`);
  // Function names are identifiers, so the JSON cannot close the script element.
  return source.replace(marker, () => JSON.stringify(functions));
}

function send(res: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** The request's body, or null when it passes `limit` bytes (the rest is read and dropped, so the answer can be sent). */
async function readBody(req: http.IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  return size > limit ? null : Buffer.concat(chunks);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10 * 1024 * 1024) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function printTable(rows: string[][]): void {
  const width = Math.max(...rows.map((r) => r[0].length));
  const clip = (s: string): string => (s.length > 110 ? `${s.slice(0, 107)}...` : s);
  console.log(`\nFormulas on the sample order log (sheet "Orders"):\n`);
  for (const [formula, result] of rows) console.log(`  ${formula.padEnd(width)}  ${clip(result)}`);
  console.log('');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = process.env.PORT ? Number(process.env.PORT) : 8080;
  startPreview({ port, demo: true }).then(
    (preview) => {
      const shown = preview.url.replace('127.0.0.1', 'localhost');
      console.log(`Customer Value preview: ${shown}  (Ctrl+C stops it)`);
      const stop = (): void => void preview.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (e: unknown) => {
      console.error(`preview failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
