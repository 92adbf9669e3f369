// dist/Code.js as Apps Script loads it: a classic script whose public functions are top-level declarations with JSDoc.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { checkServerBundle, splitExports, topLevelNames } from '../../build.mjs';
import { DIST } from './gas';

const code = readFileSync(path.join(DIST, 'Code.js'), 'utf8');
const indexSource = readFileSync(path.join(DIST, '../src/server/index.ts'), 'utf8');
const publicNames = [...indexSource.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((s) => s.trim()).filter(Boolean));
const cellFunctions = publicNames.filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n));

describe('dist/Code.js', () => {
  it('has no import or export statement and compiles as a classic script', () => {
    expect(code).not.toMatch(/^\s*(export|import)\s/m);
    expect(() => new vm.Script(code)).not.toThrow();
  });

  it('declares every public function at top level, with its JSDoc directly above', () => {
    expect(cellFunctions.length).toBeGreaterThanOrEqual(7);
    for (const name of publicNames) {
      const match = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\nfunction ${name}\\(([^)]*)\\)`).exec(code);
      expect(match, `${name} with JSDoc`).not.toBeNull();
      const doc = match![1];
      const params = match![2].split(',').map((p) => p.trim()).filter(Boolean);
      if (cellFunctions.includes(name)) {
        expect(doc, name).toContain('@customfunction');
        expect(doc, name).toMatch(/@return/);
        for (const p of params) expect(doc, `${name} documents ${p}`).toMatch(new RegExp(`@param \\{[^}]+\\} \\[?${p}\\]?`));
      }
      expect(doc).not.toContain('@preserve');
    }
  });

  it('makes every public function a global of the script', () => {
    const context = vm.createContext({});
    vm.runInContext(code, context);
    for (const name of publicNames) expect(typeof (context as Record<string, unknown>)[name], name).toBe('function');
  });

  it('has no two global names that differ only in case', () => {
    const names = topLevelNames(code).map((n) => n.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('build checks', () => {
  const doc = '/**\n * Help.\n * @return x\n * @customfunction\n * @preserve\n */\n';
  it('rejects a public function that esbuild renamed', () => {
    const bundle = `${doc}function LTV2(a) { return a; }\nexport {\n  LTV2 as LTV\n};\n`;
    expect(() => splitExports(bundle)).toThrow(/renamed public function\(s\): LTV2 as LTV/);
  });

  it('rejects global names that clash ignoring case', () => {
    const bundle = `function ltv(a) { return a; }\n${doc}function LTV(a) { return ltv(a); }\nexport {\n  LTV\n};\n`;
    expect(() => checkServerBundle(bundle)).toThrow(/clash ignoring case.*ltv, LTV/);
  });

  it('rejects a cell function without @customfunction and a helper shadowing an Apps Script global', () => {
    expect(() => checkServerBundle('/** Help. */\nfunction CLV(a) { return a; }\nexport {\n  CLV\n};\n')).toThrow(/CLV looks like a cell function but its JSDoc has no @customfunction/);
    expect(() => checkServerBundle(`var Utilities = 1;\n${doc}function CLV(a) { return a; }\nexport {\n  CLV\n};\n`)).toThrow(/shadow the Apps Script global Utilities/);
  });

  it('strips the export list and the @preserve markers', () => {
    const { script, exported } = checkServerBundle(`${doc}function CLV(a) { return a; }\nexport {\n  CLV\n};\n`);
    expect(exported).toEqual(['CLV']);
    expect(script).not.toMatch(/export|@preserve/);
    expect(script).toMatch(/@customfunction\n \*\/\nfunction CLV\(a\)/);
  });
});

describe('clasp', () => {
  it('pushes exactly the files Apps Script needs from dist/', () => {
    const out = execFileSync('npx', ['clasp', 'status', '--json'], { cwd: path.join(DIST, '..'), encoding: 'utf8' });
    const status = JSON.parse(out.slice(out.indexOf('{'))) as { filesToPush: string[] };
    const expected = readdirSync(DIST)
      .filter((f) => ['Code.js', 'appsscript.json', 'Sidebar.html'].includes(f))
      .map((f) => `dist/${f}`);
    expect([...status.filesToPush].sort()).toEqual(expected.sort());
    expect(readdirSync(DIST).sort()).toEqual(expected.map((f) => f.slice(5)).sort());
  });

  it('asks for the narrowest scopes, on the V8 runtime', () => {
    const manifest = JSON.parse(readFileSync(path.join(DIST, 'appsscript.json'), 'utf8')) as { runtimeVersion: string; oauthScopes: string[] };
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes.sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
  });
});
