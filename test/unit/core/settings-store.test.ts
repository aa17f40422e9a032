import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfBackend } from '../../../main/core/settings/conf-backend';
import { createElectronStoreBackend } from '../../../main/electron/settings-backend';
import { SETTINGS_FILE, SettingsStore } from '../../../main/core/settings/settings-store';

const fresh = () => mkdtempSync(join(tmpdir(), 'ops-settings-'));

describe.each([
  ['conf (browser mode)', createConfBackend],
  ['electron-store (Electron)', createElectronStoreBackend],
])('settings store on %s', (_label, backend) => {
  it('starts empty, persists an update, and reads it back after a reopen', async () => {
    const dir = fresh();
    const store = await SettingsStore.open(dir, backend);
    expect(store.notices).toEqual([]);
    store.updateSettings({ operatorName: 'Ada', refreshIntervalSec: 15 });
    const again = await SettingsStore.open(dir, backend);
    expect(again.settings).toMatchObject({ operatorName: 'Ada', refreshIntervalSec: 15 });
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).schemaVersion).toBe(2);
  });

  it.each([
    ['empty', ''],
    ['truncated', '{"schemaVersion":1,"settings":{"operatorName":"A'],
    [
      'schema-invalid',
      JSON.stringify({
        schemaVersion: 1,
        settings: { refreshIntervalSec: 'soon' },
        connections: 3,
        sites: [],
      }),
    ],
  ])('moves a %s file aside, tells the operator, and never loses it', async (_kind, content) => {
    const dir = fresh();
    writeFileSync(join(dir, SETTINGS_FILE), content);
    const store = await SettingsStore.open(dir, backend);
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]).toMatch(/moved to .*settings\.json\.corrupt-/);
    const moved = readdirSync(dir).find((f) => f.startsWith(`${SETTINGS_FILE}.corrupt-`))!;
    expect(readFileSync(join(dir, moved), 'utf8')).toBe(content);
    expect(store.settings.refreshIntervalSec).toBe(30);
  });

  it('restores the last good copy when settings.json is found damaged', async () => {
    const dir = fresh();
    const store = await SettingsStore.open(dir, backend);
    store.updateSettings({ operatorName: 'Grace' });
    writeFileSync(join(dir, SETTINGS_FILE), '{"schemaVersion":1,"sett');
    const again = await SettingsStore.open(dir, backend);
    expect(again.notices[0]).toMatch(/last good copy .* was restored/);
    expect(again.settings.operatorName).toBe('Grace');
  });

  it('opens a file from a newer version read-only and never overwrites it', async () => {
    const dir = fresh();
    const newer = JSON.stringify({
      schemaVersion: 7,
      settings: { operatorName: 'Future' },
      connections: [],
      sites: [],
      extra: true,
    });
    writeFileSync(join(dir, SETTINGS_FILE), newer);
    const store = await SettingsStore.open(dir, backend);
    expect(store.notices[0]).toMatch(/newer version/);
    expect(() => store.updateSettings({ operatorName: 'Past' })).toThrow(/newer version/);
    expect(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).toBe(newer);
  });

  it('rejects an invalid update without writing it', async () => {
    const dir = fresh();
    const store = await SettingsStore.open(dir, backend);
    expect(() => store.updateSettings({ refreshIntervalSec: 1 })).toThrow();
    expect(store.settings.refreshIntervalSec).toBe(30);
  });
});
