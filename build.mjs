// Builds dist/ for Apps Script: Code.js (a classic script of top-level functions with their JSDoc),
// Sidebar.html (the sidebar with its script and styles inlined) and appsscript.json.
// Fails loudly when a public function would not reach Apps Script under its own name.
import { build } from 'esbuild';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');

/** Globals of the Apps Script runtime that a bundled helper must never shadow. */
const RUNTIME_GLOBALS = [
  'SpreadsheetApp', 'HtmlService', 'CacheService', 'PropertiesService', 'LockService', 'ScriptApp', 'Session',
  'Utilities', 'Logger', 'Browser', 'UrlFetchApp', 'DriveApp', 'console', 'google',
];

class BuildError extends Error {}

async function bundleServer() {
  const result = await build({
    entryPoints: [path.join(root, 'src/server/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    legalComments: 'inline',
    minify: false,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Splits esbuild's ESM output into the body and the names of the final `export { ... };` statement. */
export function splitExports(code) {
  const match = /\nexport\s*\{([^}]*)\};?\s*$/.exec(code);
  if (!match) throw new BuildError('dist/Code.js: esbuild produced no export list; src/server/index.ts must export the public functions');
  const entries = match[1].split(',').map((s) => s.trim()).filter(Boolean);
  const renamed = entries.filter((e) => /\sas\s/.test(e));
  if (renamed.length > 0) {
    throw new BuildError(
      `esbuild renamed public function(s): ${renamed.join('; ')}. Another module declares the same name; rename the helper so the public name stays as it is.`,
    );
  }
  return { body: code.slice(0, match.index) + '\n', exported: entries };
}

export function topLevelNames(body) {
  const names = [];
  const pattern = /^(?:async\s+)?(?:function\*?\s+([A-Za-z_$][\w$]*)|(?:var|let|const|class)\s+([A-Za-z_$][\w$]*))/gm;
  for (const m of body.matchAll(pattern)) names.push(m[1] ?? m[2]);
  return names;
}

/** Checks a Code.js body against the list of exported (public) names; returns the cleaned script. */
export function checkServerBundle(code) {
  const { body, exported } = splitExports(code);
  const names = topLevelNames(body);
  const problems = [];

  for (const name of exported) {
    if (!new RegExp(`^function ${name.replace(/\$/g, '\\$')}\\(`, 'm').test(body)) {
      problems.push(`${name} is exported but is not a top-level function declaration`);
      continue;
    }
    const doc = jsDocAbove(body, name);
    if (!doc) problems.push(`${name} has no JSDoc block directly above it (add /** ... @preserve */ so esbuild keeps it)`);
    else if (/^[A-Z][A-Z0-9_]*$/.test(name) && !/@customfunction/.test(doc)) problems.push(`${name} looks like a cell function but its JSDoc has no @customfunction`);
  }

  const byLowerCase = new Map();
  for (const name of names) {
    const key = name.toLowerCase();
    byLowerCase.set(key, [...(byLowerCase.get(key) ?? []), name]);
  }
  for (const [, group] of byLowerCase) {
    if (group.length > 1) problems.push(`global names clash ignoring case (Sheets ignores case): ${group.join(', ')}`);
  }
  for (const name of names) {
    if (RUNTIME_GLOBALS.includes(name)) problems.push(`a bundled helper named ${name} would shadow the Apps Script global ${name}`);
  }
  if (problems.length > 0) throw new BuildError(`dist/Code.js would be broken:\n- ${problems.join('\n- ')}`);

  const cleaned = body.replace(/^\s*\*\s*@preserve\s*\n/gm, '');
  return { script: cleaned, exported };
}

function jsDocAbove(body, name) {
  const at = body.search(new RegExp(`^function ${name}\\(`, 'm'));
  const before = body.slice(0, at).trimEnd();
  if (!before.endsWith('*/')) return null;
  const start = before.lastIndexOf('/**');
  return start < 0 ? null : before.slice(start);
}

async function buildSidebar() {
  const htmlPath = path.join(root, 'src/client/sidebar.html');
  if (!existsSync(htmlPath)) return false;
  const [html, script, styles] = await Promise.all([
    readFile(htmlPath, 'utf8'),
    build({
      entryPoints: [path.join(root, 'src/client/sidebar.ts')],
      bundle: true,
      format: 'iife',
      target: 'es2020',
      minify: true,
      write: false,
      logLevel: 'silent',
    }).then((r) => r.outputFiles[0].text),
    readFile(path.join(root, 'src/client/sidebar.css'), 'utf8'),
  ]);
  // A literal "</script>" inside the bundle would end the inline script early.
  const safeScript = script.replace(/<\/script/gi, '<\\/script');
  const out = html
    .replace('<!-- inline:styles -->', () => `<style>\n${styles}\n</style>`)
    .replace('<!-- inline:script -->', () => `<script>\n${safeScript}\n</script>`);
  if (out.includes('<!-- inline:')) throw new BuildError('src/client/sidebar.html has an inline marker that was not filled');
  await writeAtomically('Sidebar.html', out);
  return true;
}

/** Test runs may build while another reads dist/: replace each file in one step. */
async function writeAtomically(name, content) {
  const temporary = path.join(dist, `.${name}.${process.pid}.tmp`);
  await writeFile(temporary, content);
  await rename(temporary, path.join(dist, name));
}

async function main() {
  await mkdir(dist, { recursive: true });
  const { script, exported } = checkServerBundle(await bundleServer());
  await writeAtomically('Code.js', script);
  await writeAtomically('appsscript.json', await readFile(path.join(root, 'appsscript.json'), 'utf8'));
  const sidebar = await buildSidebar();
  const wanted = new Set(['Code.js', 'appsscript.json', ...(sidebar ? ['Sidebar.html'] : [])]);
  for (const file of await readdir(dist)) {
    if (!wanted.has(file) && !file.endsWith('.tmp')) await rm(path.join(dist, file), { recursive: true, force: true });
  }
  const kb = (Buffer.byteLength(script) / 1024).toFixed(0);
  console.log(`dist/Code.js (${kb} KiB, ${exported.length} public functions), dist/appsscript.json${sidebar ? ', dist/Sidebar.html' : ''}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof BuildError ? `build failed: ${e.message}` : e);
    process.exit(1);
  });
}
