import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { nodeVersionProblem } from '../../../scripts/check-node.mjs';

const root = resolve(import.meta.dirname, '../../..');
const check = nodeVersionProblem as (v: string) => string | undefined;

describe('first run: the Node version check', () => {
  it('accepts 22.19 and newer', () => {
    for (const v of ['22.19.0', 'v22.23.1', '23.0.0', '24.11.1']) expect(check(v)).toBeUndefined();
  });
  it('refuses older versions with one line that says what is needed and how', () => {
    for (const v of ['20.20.2', 'v22.18.9', '18.0.0']) {
      const line = check(v)!;
      expect(line).toContain('needs Node 22.19 or newer');
      expect(line).toContain(`this is Node ${v.replace(/^v/, '')}`);
      expect(line).toContain('nvm install');
      expect(line).not.toContain('\n');
    }
  });
});

// The real thing: both npm scripts under the system Node 20 (Debian stable's; also CI's, where
// .ci/run repeats this before it provisions Node 22). Without such a Node there is nothing to run.
const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find(
  (p) =>
    existsSync(p) &&
    check(spawnSync(p, ['--version'], { encoding: 'utf8' }).stdout.trim()) !== undefined,
);
const npmCli = oldNode && resolve(oldNode, '../../lib/node_modules/npm/bin/npm-cli.js');

describe.runIf(oldNode && npmCli && existsSync(npmCli))(
  'npm start / npm test under an old Node',
  () => {
    for (const script of ['start', 'test']) {
      it(`npm ${script} stops with the one-line message and exit code 1`, () => {
        const r = spawnSync(oldNode!, [npmCli!, script], {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, PATH: `${resolve(oldNode!, '..')}:${process.env.PATH ?? ''}` },
          timeout: 60_000,
        });
        expect(r.status).toBe(1);
        // stdout holds only npm's own "> integration-ops start" banner; the message is one line.
        const lines = r.stderr.split('\n').filter((l) => l.trim());
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(
          /^Integration Ops needs Node 22\.19 or newer, but this is Node 20\./,
        );
        expect(r.stderr).not.toMatch(/at .*\(.*:\d+:\d+\)/); // no stack trace
      });
    }
  },
);
