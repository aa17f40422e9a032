import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfBackend } from '../../../main/core/settings/conf-backend';
import { SETTINGS_FILE, SettingsStore } from '../../../main/core/settings/settings-store';

/** A settings.json exactly as version 1 wrote it: connections without environment or colour. */
const V1 = {
  schemaVersion: 1,
  settings: { operatorName: 'Ada', refreshIntervalSec: 15 },
  connections: [
    {
      id: 'sandbox',
      name: 'Sandbox',
      kind: 'sandbox',
      baseUrl: 'http://127.0.0.1:4010/api/v1',
      authScheme: 'bearer',
      secretRef: 'token-sandbox',
    },
    {
      id: 'conn-prod',
      name: 'Selwise EU',
      kind: 'remote',
      baseUrl: 'https://api.selwise.example/api/v1',
      authScheme: 'bearer',
      secretRef: 'token-conn-prod',
    },
  ],
  sites: [
    {
      id: 'site-1',
      connectionId: 'conn-prod',
      label: 'Nordwind',
      siteId: 'a1b2c3d4-0000-4000-8000-000000000001',
    },
  ],
};

describe('settings migration 1 -> 2 (environment and colour per connection)', () => {
  it('gives the sandbox "sandbox" and every remote connection "production", keeping everything else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-settings-mig-'));
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify(V1));
    const store = await SettingsStore.open(dir, createConfBackend);

    expect(store.snapshot.connections.map((c) => [c.id, c.environment, c.color])).toEqual([
      ['sandbox', 'sandbox', 'blue'],
      ['conn-prod', 'production', 'red'],
    ]);
    expect(store.settings.operatorName).toBe('Ada');
    expect(store.snapshot.sites).toEqual(V1.sites);
    // Written back in the new format, so the next start needs no migration.
    const onDisk = JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'));
    expect(onDisk.schemaVersion).toBe(2);
    expect(onDisk.connections[1].environment).toBe('production');
    const again = await SettingsStore.open(dir, createConfBackend);
    expect(again.snapshot.connections[1]!.secretRef).toBe('token-conn-prod');
  });

  it('a damaged file falls back to a version-1 backup, migrated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-settings-mig-'));
    writeFileSync(join(dir, 'settings.backup.json'), JSON.stringify(V1));
    writeFileSync(join(dir, SETTINGS_FILE), '{"schemaVersion":2,"sett');
    const store = await SettingsStore.open(dir, createConfBackend);
    expect(store.snapshot.connections.find((c) => c.id === 'conn-prod')?.environment).toBe(
      'production',
    );
  });
});
