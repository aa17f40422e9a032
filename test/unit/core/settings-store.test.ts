import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfBackend } from '../../../main/core/settings/conf-backend';
import { createElectronStoreBackend } from '../../../main/electron/settings-backend';
import { SETTINGS_FILE, SettingsStore } from '../../../main/core/settings/settings-store';
import { SettingsPatch } from '../../../shared/bridge';

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
    expect(store.notices).toEqual([]);
    expect(store.damage).toEqual([
      expect.objectContaining({
        store: 'settings',
        file: join(dir, SETTINGS_FILE),
        movedTo: expect.stringMatching(/settings\.json\.corrupt-/),
        lost: expect.stringMatching(/connection profiles/),
      }),
    ]);
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
    expect(again.damage).toHaveLength(1);
    expect(again.damage[0]!.kept).toMatch(/last good copy .* was restored/);
    expect(again.settings.operatorName).toBe('Grace');
  });

  // Issue 13 case 3: deleting settings.json while the backup exists was a silent reset, and the
  // next save overwrote the backup, so the last good copy was lost too.
  it('a deleted settings.json comes back from the backup with a notice, and the backup keeps it', async () => {
    const dir = fresh();
    const store = await SettingsStore.open(dir, backend);
    store.updateSettings({ operatorName: 'Grace', refreshIntervalSec: 45 });
    rmSync(join(dir, SETTINGS_FILE));
    const again = await SettingsStore.open(dir, backend);
    expect(again.settings).toMatchObject({ operatorName: 'Grace', refreshIntervalSec: 45 });
    expect(again.damage).toEqual([
      expect.objectContaining({
        store: 'settings',
        file: join(dir, SETTINGS_FILE),
        reason: 'was missing',
        kept: expect.stringMatching(/settings\.backup\.json.* was restored/),
      }),
    ]);
    // Restored into settings.json, and the next save keeps everything in both files.
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).settings.operatorName).toBe(
      'Grace',
    );
    again.updateSettings({ logBufferSize: 5000 });
    const backup = JSON.parse(readFileSync(join(dir, 'settings.backup.json'), 'utf8'));
    expect(backup.settings).toMatchObject({
      operatorName: 'Grace',
      refreshIntervalSec: 45,
      logBufferSize: 5000,
    });
  });

  it('never overwrites a backup it could not read with settings that did not come from it', async () => {
    const dir = fresh();
    const newerBackup = JSON.stringify({
      schemaVersion: 9,
      settings: {},
      connections: [],
      sites: [],
    });
    writeFileSync(join(dir, 'settings.backup.json'), newerBackup);
    const store = await SettingsStore.open(dir, backend);
    expect(store.damage[0]).toMatchObject({
      store: 'settings',
      reason: 'was missing',
      kept: expect.stringMatching(/left untouched and will not be overwritten/),
    });
    store.updateSettings({ operatorName: 'Fresh' });
    expect(readFileSync(join(dir, 'settings.backup.json'), 'utf8')).toBe(newerBackup);
    expect(store.settings.operatorName).toBe('Fresh');
  });

  it('a first start (no settings, no backup) reports nothing', async () => {
    const store = await SettingsStore.open(fresh(), backend);
    expect(store.damage).toEqual([]);
  });

  it('an update patches only the fields it names (the others are not reset to defaults)', async () => {
    const dir = fresh();
    const store = await SettingsStore.open(dir, backend);
    store.updateSettings({ operatorName: 'Ada', refreshIntervalSec: 15 });
    store.updateSettings(SettingsPatch.parse({ logBufferSize: 2000 }));
    expect(store.settings).toMatchObject({
      operatorName: 'Ada',
      refreshIntervalSec: 15,
      logBufferSize: 2000,
    });
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
