// A clone anywhere, on a fresh machine, must pass npm test: nothing the project runs may name a file outside it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute paths into places a project does not own, and the reference folder beside the repository. */
const OUTSIDE = /["'`(](\/(?:work|home|root|mnt|srv|opt|data|shared)\/[^"'`)\s]*)|\.\.\/shared\b|\bshared\/data\b/g;

describe('the repository is self-contained', () => {
  it('no source, test, benchmark or tool names a path outside the repository', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'test', 'bench', 'tools', 'build.mjs', 'vitest.config.ts'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => /\.(ts|mjs|js|html|json)$/.test(f) && f !== 'test/self-contained.test.ts');
    expect(files.length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const m of text.matchAll(OUTSIDE)) found.push(`${file}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });

  it('every fixture the tests read is in test/fixtures, with its source in the README', () => {
    const readme = readFileSync(path.join(root, 'test/fixtures/README.md'), 'utf8');
    const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'test/fixtures'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && !f.endsWith('README.md'))
      .map((f) => path.basename(f));
    expect(listed.length).toBeGreaterThanOrEqual(6);
    for (const name of listed) expect(readme, name).toContain(`\`${name}\``);
  });
});
