import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../main/core/app-core';
import { DamageRegister } from '../../../main/core/damage/register';
import { FileSecretStore } from '../../../main/core/secrets/file-store';
import { createConfBackend } from '../../../main/core/settings/conf-backend';
import { SettingsStore } from '../../../main/core/settings/settings-store';
import { dispatch } from '../../../main/host/dispatch';
import { EventHub } from '../../../main/host/event-hub';
import { startSandbox } from '../../../main/sandbox';
import type { BridgeResult, CallInput, CallName, CallOutput } from '../../../shared/bridge';
import { foldChange } from '../../../shared/domain/workflow';
import { eventually } from '../../fakes/poll';

/** A core on a data folder, opened as browser mode opens it, called through the real dispatcher. */
export class OpenCore {
  core!: Core;
  readonly events: { name: string; payload: any }[] = [];
  readonly hub = new EventHub();
  /** The embedded sandbox's address and token, for a second connection to the same API. */
  sandboxApi = { url: '', token: '' };

  constructor(readonly dir: string) {
    this.hub.attach((name, payload) => this.events.push({ name, payload }));
  }

  async open(): Promise<this> {
    const damage = await DamageRegister.open(this.dir);
    const settings = await SettingsStore.open(this.dir, createConfBackend);
    this.core = await createCore({
      identity: { version: 'test', mode: 'browser', dataDir: this.dir },
      settings,
      secrets: new FileSecretStore(this.dir, damage.sink),
      emit: this.hub.emit,
      damage,
      startSandbox: async (o) => {
        const sandbox = await startSandbox({ ...o, eventsPerSecond: 40, historyEvents: 300 });
        this.sandboxApi = { url: sandbox.url, token: o.token };
        return sandbox;
      },
    });
    return this;
  }

  /** Through the bridge's dispatcher: input parsed, output checked, errors as data. */
  bridge<K extends CallName>(name: K, input: CallInput<K>): Promise<BridgeResult<CallOutput<K>>> {
    return dispatch(this.core.handlers, name, input, { client: 'test' }) as Promise<
      BridgeResult<CallOutput<K>>
    >;
  }

  async value<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const r = await this.bridge(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  }

  close(): Promise<void> {
    return this.core.close();
  }
}

/** What the template data folder holds, to check afterwards that nothing else was reset. */
export interface World {
  template: string;
  siteA: string;
  siteB: string;
  monitored: string;
  drafted: string;
  snapshotCounts: Record<string, number>;
  siteBName: string;
  /** The team workspace's folder for the embedded sandbox (`sites/sandbox-<laptop id>`). */
  sandboxEnv: string;
}

/** A file of the team workspace (a path inside the repository) in a copy of the world. */
export function wsFile(dir: string, path: string): string {
  return join(dir, 'workspace', ...path.split('/'));
}

const RUNBOOK = {
  owner: 'Ada',
  escalation: [{ name: 'Bob', role: 'on call', contact: 'bob@example.com', link: '' }],
  businessCycleMinutes: 30,
  rollbackControls: [{ control: 'disable' as const, when: 'always' }],
  notes: 'kept',
};

/**
 * One data folder with something in every store: settings (a remote connection), secrets (a
 * file store), the offline cache, snapshots of two targets, a change being monitored (journal,
 * monitor tally) and another at Config (its draft), runbooks of two sites, the sandbox's sites.
 */
export async function buildWorld(): Promise<World> {
  const template = mkdtempSync(join(tmpdir(), 'damage-world-'));
  const c = await new OpenCore(template).open();
  const [siteA, siteB] = c.core.sandbox!.siteIds as [string, string];
  const a = { connectionId: 'sandbox', siteId: siteA };
  const b = { connectionId: 'sandbox', siteId: siteB };
  await c.value('settings.update', { operatorName: 'Ada Ops', monitorMinimumMinutes: 30 });
  // A new site is checked against its API, so Prod points at the sandbox while its site is added.
  await c.value('connections.save', {
    id: 'prod',
    name: 'Prod',
    baseUrl: c.sandboxApi.url,
    token: c.sandboxApi.token,
  });
  await c.value('sites.save', { connectionId: 'prod', label: 'Shop', siteId: siteA });
  await c.value('connections.save', {
    id: 'prod',
    name: 'Prod',
    // Unreachable on purpose (nothing listens on port 1): its reads come from the offline copy.
    baseUrl: 'http://127.0.0.1:1/api/v1',
    token: 'tok_prod_0123456789',
  });
  await c.value('integrations.list', a);
  await c.value('snapshots.take', { ...a, target: 'ga4', source: 'manual' });
  await c.value('snapshots.take', { ...a, target: 'meta', source: 'manual' });
  await c.value('snapshots.markKnownGood', { ...a, target: 'ga4', version: 1, knownGood: true });
  await c.value('runbooks.save', { ...a, target: 'ga4', runbook: RUNBOOK });
  await c.value('runbooks.save', { ...b, target: 'meta', runbook: RUNBOOK });

  // A change on site A taken to Monitor (journal + draft + monitor tally on disk).
  const started = await c.value('changes.start', { ...a, target: 'ga4' });
  const monitored = foldChange(started.entries).id;
  const base = foldChange(started.entries).baseline!.body;
  await c.value('changes.saveDraft', {
    changeId: monitored,
    body: {
      ...base,
      eventMapping: { ...(base.eventMapping as object), product_impression: 'view_item_list' },
    },
  });
  await c.value('changes.apply', { changeId: monitored });
  await eventually(
    async () =>
      foldChange((await c.value('changes.get', { changeId: monitored })).entries).step === 'health',
    { what: 'the automatic test', timeoutMs: 30_000 },
  );
  await c.value('changes.health', { changeId: monitored });
  await c.value('changes.startMonitoring', { changeId: monitored });
  const sandboxEnv = `sandbox-${readFileSync(join(template, 'workspace-laptop-id'), 'utf8').trim()}`;
  await eventually(
    () =>
      existsJson(
        wsFile(template, `sites/${sandboxEnv}/${siteA}/changes/${monitored}.monitor.json`),
      ),
    { what: 'the monitor tally' },
  );
  // A change on site B left at Config with a draft.
  const other = await c.value('changes.start', { ...b, target: 'ga4' });
  const drafted = foldChange(other.entries).id;
  await c.value('changes.saveDraft', {
    changeId: drafted,
    body: { ...foldChange(other.entries).baseline!.body, testMode: true },
  });
  const snapshotCounts: Record<string, number> = {};
  for (const t of ['ga4', 'meta'] as const)
    snapshotCounts[t] = (
      await c.value('snapshots.list', { ...a, target: t, offset: 0, limit: 50 })
    ).total;
  await c.close();

  // Prod's offline copy of site A's integrations (Prod itself is never reachable).
  mkdirSync(join(template, 'cache', 'prod', siteA), { recursive: true });
  cpSync(
    join(template, 'cache', 'sandbox', siteA, 'integrations.json'),
    join(template, 'cache', 'prod', siteA, 'integrations.json'),
  );
  // A sandbox edit on site B, to see it survive the re-seed of site A.
  const siteBFile = join(template, 'sandbox', 'sites', `${siteB}.json`);
  const doc = JSON.parse(readFileSync(siteBFile, 'utf8'));
  doc.site.name = 'Casa Lumen (edited)';
  writeFileSync(siteBFile, JSON.stringify(doc));
  return {
    template,
    siteA,
    siteB,
    monitored,
    drafted,
    snapshotCounts,
    siteBName: doc.site.name,
    sandboxEnv,
  };
}

function existsJson(path: string): boolean {
  try {
    JSON.parse(readFileSync(path, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

/** A fresh copy of the template folder for one row of the table. */
export function copyWorld(world: World): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'damage-row-'));
  cpSync(world.template, dir, { recursive: true });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
