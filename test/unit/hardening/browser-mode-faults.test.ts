import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../fakes/poll';
import { BrowserMode } from './browser-process';

const FAULT = resolve(import.meta.dirname, 'fixtures/fault-on-signal.mjs');

let app: BrowserMode;
afterEach(() => app?.dispose());

describe('browser mode: an unhandled rejection anywhere in main (case 1)', () => {
  it(
    'is logged with its stack and shown as an app notice; the process keeps serving',
    { timeout: 90_000 },
    async () => {
      app = await new BrowserMode().start(['--no-sandbox'], ['--import', FAULT]);
      app.child.kill('SIGWINCH');
      const notice = await eventually(
        () =>
          app.events.find(
            (e) => e.event === 'app.notice' && /injected fault/.test(e.payload.message),
          ),
        { what: 'the app.notice of the fault' },
      );
      expect(notice.payload.level).toBe('error');
      expect(app.output).toMatch(/unhandled rejection: Error: injected fault for the test\n\s+at /);
      expect(app.alive).toBe(true);
      // Listed for a window that opens later, and the bridge still answers.
      const info = await app.value('app.info', {});
      expect(info.notices).toContainEqual(expect.stringMatching(/injected fault for the test/));
      // A second one is shown too: the handler stays installed.
      app.child.kill('SIGWINCH');
      await eventually(
        () => app.events.filter((e) => e.event === 'app.notice').length >= 2 && true,
        { what: 'the second notice' },
      );
      expect(app.alive).toBe(true);
    },
  );
});

describe('case 7: weakening token storage in browser mode', () => {
  it('a bridge call alone cannot switch allowInsecureSecrets on', { timeout: 90_000 }, async () => {
    app = await new BrowserMode().start(['--no-sandbox']);
    const r = await app.call('settings.update', { allowInsecureSecrets: true });
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'cancelled', message: expect.stringMatching(/--allow-insecure-secrets/) },
    });
    expect(await app.value('settings.get', {})).toMatchObject({ allowInsecureSecrets: false });
    // Other settings are unaffected by the refusal and still save.
    expect(await app.value('settings.update', { operatorName: 'Ada' })).toMatchObject({
      operatorName: 'Ada',
      allowInsecureSecrets: false,
    });
  });

  it(
    'it can be switched on when the operator started browser mode with --allow-insecure-secrets, and off at any time',
    { timeout: 90_000 },
    async () => {
      app = await new BrowserMode().start(['--no-sandbox', '--allow-insecure-secrets']);
      expect(await app.value('settings.update', { allowInsecureSecrets: true })).toMatchObject({
        allowInsecureSecrets: true,
      });
      expect(await app.value('settings.update', { allowInsecureSecrets: false })).toMatchObject({
        allowInsecureSecrets: false,
      });
    },
  );
});
