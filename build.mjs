// Builds dist/ for Apps Script: Code.js (a classic script: the public functions as documented top-level wrappers,
// every helper inside one closure), Sidebar.html (the sidebar with its script and styles inlined) and appsscript.json.
// Fails loudly when a public function would not reach Apps Script under its own name, when a top-level name clashes
// with a Sheets built-in, or when Code.js grows past its budget (Apps Script loads the whole file on every call).
import { build, transformSync } from 'esbuild';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import vm from 'node:vm';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');

/** Globals of the Apps Script runtime that a top-level name of Code.js must never shadow. */
const RUNTIME_GLOBALS = [
  'SpreadsheetApp', 'HtmlService', 'CacheService', 'PropertiesService', 'LockService', 'ScriptApp', 'Session',
  'Utilities', 'Logger', 'Browser', 'UrlFetchApp', 'DriveApp', 'console', 'google',
];

/** The one top-level variable besides the public functions: the closure that holds every helper. Apps Script treats a
 * name ending in `_` as private (not runnable from the editor, google.script.run or a cell). */
export const CLOSURE_NAME = 'CustomerValue_';

/**
 * Most that dist/Code.js may weigh: Apps Script loads and runs the whole file on every call, each cell included.
 * 258 KiB before the probability of n purchases, DERT, fit tables read back, tracking, model comparison and
 * prediction intervals (six cell functions and their numerics); about 300 KiB with them. Issue 16's sidebar (the model
 * chosen by a holdout, the verdict from each customer's count distribution, the contact list, segment export, the
 * Segments sheet's tables and charts: 15 KiB; the data check and date and amount formats under way: about 11 KiB)
 * brings it to about 336 KiB. Issue 17 puts what the server says in four languages: the errors of every cell function
 * and of the sidebar (about 170 KB over the four languages), the sheets it writes (about 71 KB), each message three more
 * times, most in two-byte scripts; issue 18's CLV_SQL carries the BigQuery UDF's 27 KB. Measured 606 KiB.
 */
export const BUDGET_BYTES = 624 * 1024;

/** Google Sheets built-in function names (tools/sheets-functions.txt): no top-level name may equal one ignoring case. */
export const SHEETS_FUNCTIONS_FILE = path.join(root, 'tools/sheets-functions.txt');

/** The harness (test/harness/gas.ts) finds the functions of Code.js with this pattern: it must find exactly the public ones. */
const HARNESS_FUNCTION_PATTERN = /^(?:async )?function\s+([A-Za-z_$][\w$]*)\s*\(/gm;

class BuildError extends Error {}

/**
 * The BigQuery scoring UDF (src/udf/score.ts): the core's prediction code alone, inlined by CLV_SQL in
 * `CREATE TEMP FUNCTION … LANGUAGE js AS r"""…"""`. BigQuery refuses a definition body above 32,768 bytes.
 */
export const UDF_MAX_BYTES = 32_768;

/**
 * Modules the prediction code imports only for fitting, messages or simulation: in the UDF each export becomes a stub
 * that throws when used (a prediction that reached one would fail loudly, and the scoring test would see it).
 */
const UDF_STUBBED = [
  /src\/core\/optimize\.ts$/,
  /src\/core\/words\.ts$/,
  /src\/core\/models\/(?:simulate|counts|dert)\.ts$/,
  /node_modules\/@stdlib\//,
];

/** The UDF build: stubs for UDF_STUBBED, a plain DataError (no catalogue of four languages), and model objects that
 * nothing uses dropped (their definitions are pure calls). */
const udfPlugin = {
  name: 'udf-prediction-only',
  setup(b) {
    b.onLoad({ filter: /\.(?:ts|js)$/ }, async (args) => {
      const file = args.path.replace(/\\/g, '/');
      if (file.endsWith('/src/core/errors.ts')) {
        return { contents: 'export class DataError extends Error { constructor(m) { super(typeof m === "string" ? m : m.key); } }', loader: 'js' };
      }
      if (/\/src\/core\/i18n\/(?:errors|said|english)\.ts$/.test(file)) {
        // A message stays its key and parameters: the catalogue of four languages is not part of the UDF.
        const source = await readFile(args.path, 'utf8');
        const names = [...source.matchAll(/^export\s+(?:function|const)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]).filter((n) => n !== 'said');
        return {
          contents: `export const said = (key, params) => ({ key, params: params || {} });\n${names.map((n) => `export const ${n} = (...a) => a.map((v) => (v && v.key) || '').join(' ');`).join('\n')}`,
          loader: 'js',
        };
      }
      if (UDF_STUBBED.some((r) => r.test(file))) {
        const source = await readFile(args.path, 'utf8');
        const names = [...source.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
        const stub = 'const fail = () => { throw new Error("clv_score: fitting code is not part of the UDF"); };\n' +
          'const stub = new Proxy(function () {}, { get: fail, apply: fail, construct: fail });\n' +
          names.map((n) => `export const ${n} = () => stub;`).join('\n') +
          (/module\.exports\s*=|^export default/m.test(source) ? '\nexport default () => stub;' : '');
        return { contents: stub, loader: 'js' };
      }
      if (/\/src\/core\/models\/[^/]+\.ts$/.test(file)) {
        const source = await readFile(args.path, 'utf8');
        return { contents: source.replace(/^(export const \w+(?:: [^=]+)? = )(define(?:Purchase)?Model|makeModel)\(/gm, '$1/* @__PURE__ */ $2('), loader: 'ts' };
      }
      return undefined;
    });
  },
};

/**
 * Builds the UDF body: the bundle set up once per JavaScript instance (BigQuery runs the body for every row), then
 * the call. Returns the body and the argument names, which the bundle itself exports (core/sql/udf.ts).
 */
export async function bundleUdf() {
  const result = await build({
    entryPoints: [path.join(root, 'src/udf/score.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'clvUdf',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    plugins: [udfPlugin],
  });
  const bundle = result.outputFiles[0].text.trim();
  const context = vm.createContext({});
  vm.runInContext(bundle, context);
  const args = vm.runInContext('clvUdf.UDF_ARGUMENTS', context);
  const body = `var g = typeof globalThis === "object" ? globalThis : this;\nif (!g.__clvScore) {\n${bundle}\ng.__clvScore = clvUdf.score;\n}\nreturn g.__clvScore(${args.join(', ')});`;
  return { body, args: [...args] };
}

/**
 * Fails unless the body fits BigQuery's limit, can sit in a raw triple-quoted string, and scores a customer in a
 * context holding nothing but JavaScript's built-ins (no Apps Script, DOM or Node globals).
 */
export function checkUdf(body, args) {
  const bytes = Buffer.byteLength(body);
  const problems = [];
  if (bytes > UDF_MAX_BYTES) problems.push(`it is ${bytes} bytes, over BigQuery's ${UDF_MAX_BYTES}-byte limit for a function body: keep fitting code and messages out of src/udf's imports`);
  if (body.includes('"""')) problems.push('it contains """, which would end the r"""…""" string it is inlined in');
  try {
    const context = vm.createContext({});
    const scoreOne = vm.runInContext(`(function (${args.join(', ')}) {\n${body}\n})`, context);
    const scored = scoreOne(0, 0.24, 4.41, 0.79, 2.43, 6.25, 3.74, 15.44, 2, 30.43, 38.86, 35, 12, 0.1, 1, 1);
    if (!(scored.p_alive > 0 && scored.p_alive <= 1 && scored.clv > 0)) problems.push(`it scored a sample customer as ${JSON.stringify(scored)}`);
  } catch (e) {
    problems.push(`it does not run on its own: ${e.message}`);
  }
  if (problems.length > 0) throw new BuildError(`dist/udf.js would be broken:\n- ${problems.join('\n- ')}`);
  return bytes;
}

async function bundleServer(udfBody = '') {
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
    // The catalogues' Persian and Arabic as they are: escaped (esbuild's default) each letter weighs 6 bytes instead of 2,
    // and Apps Script reads its files as UTF-8.
    charset: 'utf8',
    // CLV_SQL writes the scoring UDF into its query (src/server/functions/sql.ts).
    define: { __CLV_UDF_BODY__: JSON.stringify(udfBody) },
  });
  return result.outputFiles[0].text;
}

/** Reads the Sheets built-in function names: one a line, `#` starts a comment line. */
export function readSheetsFunctions(file = SHEETS_FUNCTIONS_FILE) {
  if (!existsSync(file)) throw new BuildError(`${path.relative(root, file)} is missing: it lists the Google Sheets built-in functions that no global name may equal`);
  const names = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  if (names.length < 400) throw new BuildError(`${path.relative(root, file)} lists only ${names.length} Sheets functions; the full list has about 500`);
  return names;
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

/** Names declared at the start of a line (top-level declarations of a script whose nested code is indented or minified). */
export function topLevelNames(body) {
  const names = [];
  const pattern = /^(?:async\s+)?(?:function\*?\s+([A-Za-z_$][\w$]*)|(?:var|let|const|class)\s+([A-Za-z_$][\w$]*))/gm;
  for (const m of body.matchAll(pattern)) names.push(m[1] ?? m[2]);
  return names;
}

/**
 * Turns esbuild's ESM bundle into dist/Code.js and checks it. Every helper goes into one closure (`var CustomerValue_`),
 * minified (whitespace, syntax, and the names of parameters and local variables: function names stay); each public
 * function becomes a readable top-level wrapper with the source's JSDoc and parameter names that forwards its
 * arguments as given; the licence notices of the bundled code go once to the top. Throws a BuildError naming every
 * problem.
 * @param {string} code esbuild's output (format esm, legalComments inline).
 * @param {{ sheetsFunctions?: string[], budget?: number }} [options] Defaults: tools/sheets-functions.txt, BUDGET_BYTES.
 */
export function checkServerBundle(code, options = {}) {
  const sheetsFunctions = options.sheetsFunctions ?? readSheetsFunctions();
  const budget = options.budget ?? BUDGET_BYTES;
  const { body, exported } = splitExports(code);
  const problems = [];

  const publics = [];
  for (const name of exported) {
    const found = publicFunction(body, name);
    if (typeof found === 'string') {
      problems.push(found);
      continue;
    }
    if (!found.doc) problems.push(`${name} has no JSDoc block directly above it (add /** ... @preserve */ so esbuild keeps it)`);
    else {
      if (/^[A-Z][A-Z0-9_]*$/.test(name) && !/@customfunction/.test(found.doc.text)) problems.push(`${name} looks like a cell function but its JSDoc has no @customfunction`);
      for (const param of found.params) {
        const bare = param.replace(/^\.\.\./, '');
        if (!new RegExp(`@param\\s+(?:\\{[^}]*\\}\\s+)?\\[?${bare.replace(/\$/g, '\\$')}\\b`).test(found.doc.text)) problems.push(`${name}'s JSDoc does not document its parameter ${bare} (@param)`);
      }
    }
    publics.push(found);
  }
  problems.push(...topLevelNameProblems([...exported, CLOSURE_NAME], sheetsFunctions));
  if (problems.length > 0) throw new BuildError(`dist/Code.js would be broken:\n- ${problems.join('\n- ')}`);

  // Cut the public JSDoc blocks (they go above the wrappers) and the licence comments (they go once to the top).
  const licenses = licenseComments(body);
  const cuts = [...publics.map((p) => p.doc), ...licenses].sort((a, b) => a.start - b.start);
  let inner = '';
  let at = 0;
  for (const cut of cuts) {
    inner += body.slice(at, cut.start);
    at = cut.end;
  }
  inner += body.slice(at);
  const leftover = /^[ \t]*(\/\*(?:(?!\*\/)[\s\S])*(?:@preserve|@license)(?:(?!\*\/)[\s\S])*\*\/|\/\*!|\/\/[!]|\/\/.*@(?:license|preserve))/m.exec(inner);
  if (leftover) {
    throw new BuildError(`dist/Code.js would be broken:\n- a @preserve/@license comment is neither a public function's JSDoc nor a licence notice: ${leftover[0].split('\n').slice(0, 3).join(' ').slice(0, 160)}`);
  }

  // Minified before it is wrapped: without a module format esbuild keeps the names of top-level declarations, so every
  // function of the bundle keeps its name in stack traces; only parameters and local variables get short names.
  const minified = transformSync(inner, {
    loader: 'js',
    target: 'es2020',
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: true,
    legalComments: 'inline',
    charset: 'utf8', // as bundleServer: non-ASCII text kept as it is, not escaped to three times its size
    logLevel: 'silent',
  }).code.trim();
  if (/@license|@preserve|\/\*!/.test(minified)) throw new BuildError('dist/Code.js would be broken:\n- a legal comment (@license, @preserve or /*!) survived inside the closure; build.mjs did not move it to the notices');
  const closure = `var ${CLOSURE_NAME} = (function () {${minified}\nreturn { ${exported.map((n) => `${n}: ${n}`).join(', ')} };\n})();\n`;

  const ordered = [...publics].sort((a, b) => a.start - b.start);
  const wrappers = ordered.map((p) => `${p.doc.text.replace(/^[ \t]*\*[ \t]*@preserve[ \t]*\r?\n/gm, '').replace(/[ \t]*@preserve\b/g, '')}\nfunction ${p.name}(${p.params.join(', ')}) {\n  return ${CLOSURE_NAME}.${p.name}.apply(null, arguments);\n}\n`);
  const header = licenseHeader(licenses);
  const script = `${header}${wrappers.join('\n')}\n${closure}`;

  // The finished file: exactly the wanted top-level names (the harness and Apps Script see no other function), valid
  // as a classic script, and within its budget.
  const finalProblems = [];
  const declared = topLevelNames(script);
  const wanted = [...exported, CLOSURE_NAME];
  if ([...declared].sort().join() !== [...wanted].sort().join()) {
    finalProblems.push(`its top-level declarations are ${declared.join(', ')}; expected exactly the public functions and ${CLOSURE_NAME} (a line of the minified closure must not start with a declaration)`);
  }
  const harnessNames = [...script.matchAll(HARNESS_FUNCTION_PATTERN)].map((m) => m[1]);
  if ([...harnessNames].sort().join() !== [...exported].sort().join()) finalProblems.push(`the lines starting with "function NAME(" declare ${harnessNames.join(', ')}, not exactly the public functions`);
  try {
    new vm.Script(script, { filename: 'Code.js' });
  } catch (e) {
    finalProblems.push(`it does not compile as a classic script: ${e.message}`);
  }
  if (finalProblems.length > 0) throw new BuildError(`dist/Code.js would be broken:\n- ${finalProblems.join('\n- ')}`);
  const bytes = Buffer.byteLength(script);
  checkBudget(bytes, budget);
  return { script, exported: ordered.map((p) => p.name), bytes, budget, notices: licenses.length };
}

/** Fails when Code.js weighs more than its budget. */
export function checkBudget(bytes, budget = BUDGET_BYTES) {
  if (bytes > budget) {
    throw new BuildError(
      `dist/Code.js is ${kib(bytes)} KiB (${bytes} bytes), over its budget of ${kib(budget)} KiB (${budget} bytes, BUDGET_BYTES in build.mjs). Apps Script loads the whole file on every call: find what grew (a new dependency?) before raising the budget.`,
    );
  }
}

function kib(bytes) {
  return (bytes / 1024).toFixed(0);
}

/** Problems of the names Code.js declares at top level: case clashes, Apps Script globals, Sheets built-ins, `_` endings. */
export function topLevelNameProblems(names, sheetsFunctions) {
  const problems = [];
  const byLowerCase = new Map();
  for (const name of names) {
    const key = name.toLowerCase();
    byLowerCase.set(key, [...(byLowerCase.get(key) ?? []), name]);
  }
  for (const [, group] of byLowerCase) {
    if (group.length > 1) problems.push(`global names clash ignoring case (Sheets ignores case): ${group.join(', ')}`);
  }
  const builtins = new Set(sheetsFunctions.map((n) => n.toUpperCase()));
  for (const name of names) {
    if (RUNTIME_GLOBALS.includes(name)) problems.push(`the global ${name} would shadow the Apps Script global ${name}`);
    if (builtins.has(name.toUpperCase())) problems.push(`the global ${name} clashes with the Google Sheets built-in function ${name.toUpperCase()} (Sheets ignores case; see tools/sheets-functions.txt): rename it`);
    if (name !== CLOSURE_NAME && name.endsWith('_')) problems.push(`the public function ${name} ends with "_", so Apps Script would hide it as private`);
  }
  return problems;
}

/** The declaration of an exported function in esbuild's output: its JSDoc block and parameter names, or a problem. */
function publicFunction(body, name) {
  const declaration = new RegExp(`^(?:async\\s+)?function\\s+${name.replace(/\$/g, '\\$')}\\s*\\(`, 'm').exec(body);
  if (!declaration) return `${name} is exported but is not a top-level function declaration`;
  const start = declaration.index;
  const open = start + declaration[0].length - 1;
  const close = matchingParen(body, open);
  if (close < 0) return `${name}: cannot read its parameter list`;
  const params = [];
  for (const raw of splitTopLevel(body.slice(open + 1, close))) {
    const param = raw.trim();
    if (!param) continue;
    const m = /^(\.\.\.)?([A-Za-z_$][\w$]*)\s*(?:=[\s\S]*)?$/.exec(param);
    if (!m) return `${name}: parameter "${param}" is not a plain name; a public function's parameters are its documented arguments`;
    params.push(`${m[1] ?? ''}${m[2]}`);
  }
  return { name, start, params, doc: jsDocAbove(body, start) };
}

/** The JSDoc block directly above `at` (only whitespace between), with the range to cut (through its line break). */
function jsDocAbove(body, at) {
  const before = body.slice(0, at).trimEnd();
  if (!before.endsWith('*/')) return null;
  const start = before.lastIndexOf('/**');
  if (start < 0 || before.slice(start + 3, -2).includes('*/')) return null;
  const lineStart = body.lastIndexOf('\n', start) + 1;
  if (body.slice(lineStart, start).trim() !== '') return null;
  return { text: before.slice(start), start: lineStart, end: at };
}

function matchingParen(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return c === ')' ? i : -1;
    }
  }
  return -1;
}

function splitTopLevel(text) {
  const parts = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/**
 * The licence comments of the bundle (esbuild keeps them in place with legalComments 'inline'): block comments on their
 * own lines that hold @license or start with /*!, and //! or // @license lines; each with the package it comes from.
 */
function licenseComments(body) {
  const packages = [...body.matchAll(/^\/\/ (?:.*\/)?node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\//gm)].map((m) => ({ at: m.index, name: m[1] }));
  const found = [];
  const pattern = /^[ \t]*(?:\/\*(?:(?!\*\/)[\s\S])*\*\/|\/\/.*)[ \t]*(?:\r?\n|$)/gm;
  for (const m of body.matchAll(pattern)) {
    const comment = m[0].trim();
    const legal = comment.startsWith('/*!') || comment.startsWith('//!') || /@license\b/.test(comment);
    if (!legal) continue;
    let pkg = null;
    for (const p of packages) if (p.at < m.index) pkg = p.name;
    found.push({ start: m.index, end: m.index + m[0].length, text: comment, pkg });
  }
  return found;
}

/**
 * One comment with every distinct notice once: comments that differ only in their copyright lines merge (one line per
 * holder, years joined), and each third-party notice they quote ("## Notice" sections) is kept once with its sources.
 */
export function licenseHeader(comments) {
  if (comments.length === 0) return '';
  const groups = new Map();
  const notices = new Map();
  for (const comment of comments) {
    const text = comment.text
      .replace(/^\/\*+!?|\*+\/$/g, '')
      .replace(/^\/\/!?/, '')
      .split('\n')
      .map((line) => line.replace(/^\s*\*? ?/, '').trimEnd())
      .join('\n')
      .trim();
    const [main, ...sections] = text.split(/^#+ *Notice\s*$/m);
    const copyrights = [];
    const key = main
      .trim()
      .replace(/@license\s*/g, '')
      .split('\n')
      .map((line) => {
        const m = /^(\(C\)\s*)?Copyright\s+(?:\(c\)\s*)?((?:\d{4}\s*[-,–]?\s*)+)\s+(.+?)\.?$/i.exec(line.trim());
        if (!m) return line;
        copyrights.push({ years: m[2].split(/\s*,\s*/).map((y) => y.trim()).filter(Boolean), holder: m[3] });
        return '\u0000';
      })
      .join('\n');
    const group = groups.get(key) ?? { holders: new Map(), packages: new Set() };
    for (const c of copyrights) group.holders.set(c.holder, new Set([...(group.holders.get(c.holder) ?? []), ...c.years]));
    if (comment.pkg) group.packages.add(comment.pkg);
    groups.set(key, group);
    for (const section of sections) {
      const sources = [...section.matchAll(/\{@link\s+([^}\s]+)\s*\}/g)].map((m) => m[1]);
      let quoted = [...section.matchAll(/```[a-z]*\n([\s\S]*?)\n```/g)].map((m) => m[1].trim());
      if (quoted.length === 0) {
        const own = section.split(/\n\s*\n/).filter((p) => p.trim() && !p.includes('{@link')).join('\n\n').trim();
        quoted = [own || section.replace(/\{@link\s+([^}\s]+)\s*\}/g, ' ($1)').trim()];
      }
      for (const q of quoted) notices.set(q, new Set([...(notices.get(q) ?? []), ...sources]));
    }
  }

  const out = [
    '@license',
    'Third-party code bundled in this file, with its licence notices, each given once (build.mjs collects them from the',
    'bundled sources and removes the per-file copies).',
  ];
  for (const [key, group] of groups) {
    out.push('');
    if (group.packages.size > 0) out.push(...wrap(`==== ${[...group.packages].sort().join(', ')}:`, 116));
    const merged = [...group.holders].map(([holder, years]) => `Copyright (c) ${[...years].sort().join(', ')} ${holder}.`);
    let placed = false;
    for (const line of key.split('\n')) {
      if (line !== '\u0000') out.push(line);
      else if (!placed) {
        out.push(...merged);
        placed = true;
      }
    }
  }
  if (notices.size > 0) {
    out.push('', '==== Notices of the original code that the packages above adapt (modified for JavaScript), each once:');
    for (const [notice, sources] of notices) {
      out.push('', ...(sources.size > 0 ? ['For code adapted from:', ...[...sources].map((s) => `  ${s}`)] : []), ...notice.split('\n'));
    }
  }
  const body = out.map((line) => (line ? ` * ${line}` : ' *').replace(/\*\//g, '* /')).join('\n');
  return `/**\n${body}\n */\n\n`;
}

function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
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
      charset: 'utf8', // as Code.js: the page is served as UTF-8
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
  const udf = await bundleUdf();
  const udfBytes = checkUdf(udf.body, udf.args);
  const { script, exported, bytes, budget, notices } = checkServerBundle(await bundleServer(udf.body));
  await writeAtomically('Code.js', script);
  // Not pushed to Apps Script (.claspignore): the body CLV_SQL inlines, for reading and for the tests.
  await writeAtomically('udf.js', udf.body);
  await writeAtomically('appsscript.json', await readFile(path.join(root, 'appsscript.json'), 'utf8'));
  const sidebar = await buildSidebar();
  const wanted = new Set(['Code.js', 'appsscript.json', 'udf.js', ...(sidebar ? ['Sidebar.html'] : [])]);
  for (const file of await readdir(dist)) {
    if (!wanted.has(file) && !file.endsWith('.tmp')) await rm(path.join(dist, file), { recursive: true, force: true });
  }
  console.log(
    `dist/Code.js ${kib(bytes)} KiB (budget ${kib(budget)} KiB), ${exported.length} public functions, ${notices} licence comments merged into one notice; ` +
      `dist/appsscript.json${sidebar ? ', dist/Sidebar.html' : ''}, dist/udf.js ${udfBytes} bytes (BigQuery's limit ${UDF_MAX_BYTES})`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof BuildError ? `build failed: ${e.message}` : e);
    process.exit(1);
  });
}
