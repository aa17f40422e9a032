import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppHandlers } from '../../../main/core/app/app-handlers';
import { MemorySecretStore } from '../../../main/core/secrets/memory-store';
import { createConfBackend } from '../../../main/core/settings/conf-backend';
import { SettingsStore } from '../../../main/core/settings/settings-store';
import { dispatch } from '../../../main/host/dispatch';
import { Settings, type Handlers } from '../../../shared/bridge';

/** Two valid values per field, both different from the default, and one the schema refuses. */
const VALUES: {
  [K in keyof Settings]: { a: Settings[K]; b: Settings[K]; bad: unknown; name: RegExp };
} = {
  operatorName: { a: 'Ada Ops', b: 'Grace Ops', bad: 'x'.repeat(121), name: /Operator name/ },
  operatorEmail: {
    a: 'ada@example.com',
    b: 'grace@example.com',
    bad: 'x'.repeat(201),
    name: /Operator email/,
  },
  workspaceSyncSec: { a: 30, b: 120, bad: 5, name: /Team workspace sync interval/ },
  refreshIntervalSec: { a: 15, b: 45, bad: 2, name: /Auto-refresh interval/ },
  monitorMinimumMinutes: { a: 5, b: 0.5, bad: 0, name: /Shortest monitoring window/ },
  logBufferSize: { a: 5000, b: 20_000, bad: 10.5, name: /Log lines kept per view/ },
  timeZone: { a: 'utc', b: 'local', bad: 'gmt', name: /Time zone/ },
  updatesEnabled: { a: true, b: false, bad: 'yes', name: /Check for app updates/ },
  allowInsecureSecrets: { a: true, b: false, bad: 1, name: /without an OS keyring/ },
};
const FIELDS = Object.keys(Settings.shape) as (keyof Settings)[];

describe('settings.update over the bridge changes only the fields it names', () => {
  let dir: string;
  let handlers: Handlers;
  const ctx = { client: 'test' };
  const update = (patch: unknown) => dispatch(handlers, 'settings.update', patch, ctx);
  const read = async () => {
    const r = await dispatch(handlers, 'settings.get', {}, ctx);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as Settings;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'settings-patch-'));
    const store = await SettingsStore.open(dir, createConfBackend);
    handlers = createAppHandlers(
      { version: 'test', mode: 'browser', dataDir: dir },
      store,
      new MemorySecretStore(),
      () => [],
      () => undefined,
      // The operator confirms weakening token storage (a native dialog under Electron).
      () => Promise.resolve(true),
    ) as unknown as Handlers;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('every field is covered by this test', () => {
    expect(Object.keys(VALUES).sort()).toEqual([...FIELDS].sort());
  });

  it.each(FIELDS)('a patch of %s leaves every other field as it was', async (field) => {
    // Every field away from its default first, one patch per field (as the Settings screen saves).
    for (const f of FIELDS) expect((await update({ [f]: VALUES[f].a })).ok).toBe(true);
    const before = await read();
    const r = await update({ [field]: VALUES[field].b });
    expect(r.ok).toBe(true);
    const after = await read();
    expect(after[field]).toEqual(VALUES[field].b);
    for (const other of FIELDS.filter((f) => f !== field))
      expect(after[other]).toEqual(before[other]);
  });

  it('the reported case: the operator name survives a later monitoring-minimum patch', async () => {
    await update({ operatorName: 'Ada Ops' });
    await update({ monitorMinimumMinutes: 5 });
    expect(await read()).toMatchObject({ operatorName: 'Ada Ops', monitorMinimumMinutes: 5 });
  });

  it.each(FIELDS)('a bad value of %s is refused and the error names the field', async (field) => {
    await update({ operatorName: 'Ada Ops' });
    const before = await read();
    const r = await update({ [field]: VALUES[field].bad });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('validation');
    expect(r.error.message).toMatch(VALUES[field].name);
    expect(r.error.issues?.[0]?.path).toBe(field);
    expect(r.error.issues?.[0]?.message).toMatch(VALUES[field].name);
    expect(await read()).toEqual(before);
  });

  it('a misspelt field is refused by name instead of being dropped', async () => {
    const r = await update({ operatorNmae: 'Ada' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/operatorNmae/);
  });

  it('a field sent as undefined (a JSON round trip drops it, a script may not) is left alone', async () => {
    await update({ operatorName: 'Ada Ops' });
    const store = await SettingsStore.open(dir, createConfBackend);
    expect(store.updateSettings({ operatorName: undefined, logBufferSize: 5000 })).toMatchObject({
      operatorName: 'Ada Ops',
      logBufferSize: 5000,
    });
  });
});
