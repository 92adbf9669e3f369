// Harness and browser tests run the built bundle: build it once before any test file runs.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['build.mjs'], { stdio: 'inherit' });
}
