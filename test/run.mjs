// `npm test`: makes sure a Chromium for the browser tests is there (installing Debian's package when it can),
// then runs every test: core, harness (the built bundle in a vm) and browser tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

function installChromium() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return;
  console.log('Chromium not found: installing Debian\'s chromium package for the browser tests...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}

let chromium = findChromium();
if (!chromium) {
  installChromium();
  chromium = findChromium();
}
if (!chromium) {
  console.error(
    'The browser tests need Chromium or Chrome and none was found.\n' +
      'Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to its executable, then run npm test again.',
  );
  process.exit(1);
}

const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
