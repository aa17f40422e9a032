#!/usr/bin/env node
// Before the e2e tests: use Debian's Chromium where it exists (CI, our build machines); on an
// operator's laptop with internet, fetch Playwright's own Chromium once (no separate set-up step).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const system = process.env.OPS_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(system)) process.exit(0);
console.log(`No ${system}: installing Playwright's Chromium for the end-to-end tests…`);
const r = spawnSync(
  process.platform === 'win32' ? 'npx.cmd' : 'npx',
  ['playwright', 'install', 'chromium'],
  {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  },
);
if (r.status !== 0) {
  console.error(
    'Could not install a browser for the e2e tests. Install Chromium (e.g. apt-get install chromium) or set OPS_CHROMIUM to its path.',
  );
  process.exit(r.status ?? 1);
}
