import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/app-core';
import { MemorySecretStore } from '../../main/core/secrets/memory-store';
import { createConfBackend } from '../../main/core/settings/conf-backend';
import { SettingsStore } from '../../main/core/settings/settings-store';
import { dispatch } from '../../main/host/dispatch';
import { EventHub } from '../../main/host/event-hub';
import { startSandbox } from '../../main/sandbox';
import { CALL_NAMES, type BridgeResult, type CallName } from '../../shared/bridge';
import { foldRollout, RolloutEntry } from '../../shared/domain/rollout';
import { foldChange, toAcknowledge, type JournalEntry } from '../../shared/domain/workflow';
import { startCountingProxy, type SeenCall } from '../fakes/counting-proxy';
import { eventually } from '../fakes/poll';
import { startGitServer, type GitServer } from '../fakes/git-server';

/**
 * The bridge calls that may cause a non-GET request to the Integrations API, each with the reason
 * it is allowed. docs/architecture.md ("Calls that can write to production") lists the same
 * calls; the last test below keeps the two in step. Everything else must send GETs only.
 */
const MAY_WRITE: Partial<Record<CallName, string>> = {
  'changes.apply':
    'the Apply step of a change: the PUT (POST to create, DELETE to delete a webhook) is journaled as an intent first, sent once, then followed by the mandatory test',
  'changes.test': 'runs the mandatory provider or webhook test of a change again (POST …/test)',
  'changes.rollback':
    'Disable provider / Enable test mode / Restore snapshot: one PUT, recorded in the open change or in a rollback record, one click from any provider page by design',
  'integrations.test':
    'POST …/test sends one sample event through the provider path; it changes no configuration',
  'webhooks.test':
    'POST …/webhooks/:id/test sends one sample delivery; it changes no configuration',
  'drills.start':
    'POST to the sandbox drill control path; refused before any request for a connection that is not the embedded sandbox',
  'drills.clear':
    'DELETE on the sandbox drill control path; refused before any request for a connection that is not the embedded sandbox',
  'rollouts.start':
    "starts a rollout whose sites each get a real change: the apply and test of each site's change (intent journaled, If-Match, mandatory test), never a write of its own",
  'rollouts.continue':
    'the operator goes on after a halt (reason journaled): the next sites get their changes, as rollouts.start',
  'rollouts.rollbackWave':
    "Roll back this wave: each applied site's change restores its baseline snapshot and tests it (changes.rollback per site)",
};

interface Walk {
  site: { connectionId: string; siteId: string };
  /** Saved (local) keys of the fleet sites a rollout goes to. */
  fleet: string[];
  rolloutId: string;
  webhookId: string;
  changeId: string;
  ackChangeId: string;
  baseline: Record<string, unknown>;
  restoreChangeId: string;
  tailId: string;
  siteLocalId: string;
  secondSiteId: string;
  connectionLocalId: string;
  bundle: string;
  ack: string[];
  damageId: string;
  alertId: string;
}
type Value = Record<string, unknown> & { entries?: JournalEntry[] };
interface Step {
  name: CallName;
  input(w: Walk): unknown;
  /** Keeps what later steps need and waits for the call's background effects (its own writes). */
  after?(value: Value, w: Walk): Promise<void> | void;
  /** The call answers this error kind (as data), e.g. nothing to resolve on a fresh workspace. */
  fails?: string;
}

const MONITOR_MINUTES = 0.05;
/** The remote ids of the generated fleet sites (the rollout's targets). */
let fleetIds: string[] = [];
const fleetSiteId = (_w: Walk, n: number) => fleetIds[n]!;
let dir: string;
let core: Core;
let gitServer: GitServer;
let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
const ctx = { client: 'test' };
const call = (name: CallName, input: unknown): Promise<BridgeResult> =>
  dispatch(core.handlers, name, input, ctx, () => undefined);
const startedId = (v: Value) => (v.entries![0] as { changeId: string }).changeId;
const journal = async (changeId: string) => {
  const r = await call('changes.get', { changeId });
  return foldChange((r as { value: { entries: JournalEntry[] } }).value.entries);
};

/** Every call of the table, in an order that takes a change from start to known-good and beyond. */
const walk: Step[] = [
  { name: 'app.info', input: () => ({}) },
  { name: 'settings.get', input: () => ({}) },
  {
    name: 'settings.update',
    input: () => ({ operatorName: 'Walker', monitorMinimumMinutes: MONITOR_MINUTES }),
  },
  { name: 'connections.list', input: () => ({}) },
  {
    name: 'connections.save',
    input: () => ({ name: 'Spare', baseUrl: 'https://api.example.invalid/api/v1', token: 't-1' }),
    after: (v, w) => void (w.connectionLocalId = v.id as string),
  },
  { name: 'connections.test', input: (w) => w.site },
  { name: 'connections.remove', input: (w) => ({ id: w.connectionLocalId }) },
  {
    name: 'sites.list',
    input: () => ({}),
    // The second demo site: removed, then added again (a new site is checked against the API).
    after: (v, w) => {
      const sites = v as unknown as { id: string; siteId: string }[];
      const second = sites.find((s) => s.siteId === core.sandbox!.siteIds[1])!;
      w.siteLocalId = second.id;
      w.secondSiteId = second.siteId;
    },
  },
  { name: 'sites.remove', input: (w) => ({ id: w.siteLocalId }) },
  {
    name: 'sites.save',
    input: (w) => ({ connectionId: 'sandbox', label: 'Another', siteId: w.secondSiteId }),
    after: (v, w) => void (w.siteLocalId = v.id as string),
  },
  { name: 'integrations.list', input: (w) => w.site },
  { name: 'integrations.get', input: (w) => ({ ...w.site, provider: 'ga4' }) },
  {
    name: 'integrations.logs',
    input: (w) => ({ ...w.site, provider: 'ga4', limit: 20, freshness: 'live' }),
  },
  { name: 'integrations.mappings', input: (w) => ({ ...w.site, provider: 'meta' }) },
  { name: 'integrations.test', input: (w) => ({ ...w.site, provider: 'ga4' }) },
  { name: 'health.get', input: (w) => w.site },
  { name: 'dataLayer.get', input: (w) => w.site },
  {
    name: 'webhooks.list',
    input: (w) => w.site,
    after: (v, w) => void (w.webhookId = (v.data as { id: string }[])[0]!.id),
  },
  { name: 'webhooks.get', input: (w) => ({ ...w.site, webhookId: w.webhookId }) },
  { name: 'webhooks.logs', input: (w) => ({ ...w.site, webhookId: w.webhookId, limit: 5 }) },
  { name: 'webhooks.test', input: (w) => ({ ...w.site, webhookId: w.webhookId }) },
  { name: 'api.cancel', input: () => ({ requestId: 'nothing-in-flight' }) },
  { name: 'diagnostics.list', input: () => ({}) },
  { name: 'drills.list', input: (w) => w.site },
  { name: 'drills.start', input: (w) => ({ ...w.site, scenario: 'api_slow' }) },
  { name: 'drills.clear', input: (w) => w.site },
  {
    name: 'tail.start',
    input: (w) => ({ ...w.site, stream: { kind: 'provider', provider: 'ga4' }, backfill: 5 }),
    after: (v, w) => void (w.tailId = v.tailId as string),
  },
  { name: 'tail.visibility', input: () => ({ hidden: true }) },
  { name: 'tail.keepalive', input: (w) => ({ tailIds: [w.tailId] }) },
  { name: 'tail.stop', input: (w) => ({ tailId: w.tailId }) },
  {
    name: 'tail.history',
    input: (w) => ({
      ...w.site,
      stream: { kind: 'provider', provider: 'ga4' },
      since: new Date(Date.now() - 60_000).toISOString(),
      maxPages: 2,
    }),
  },
  {
    name: 'trace.run',
    input: (w) => ({
      ...w.site,
      traceId: 'trace_walk',
      query: { kind: 'eventId', eventId: 'evt_not_there' },
      windowMinutes: 1,
      budget: 5,
    }),
  },
  { name: 'trace.cancel', input: () => ({ traceId: 'trace_walk' }) },
  { name: 'snapshots.take', input: (w) => ({ ...w.site, target: 'meta', source: 'manual' }) },
  { name: 'snapshots.targets', input: (w) => w.site },
  { name: 'snapshots.list', input: (w) => ({ ...w.site, target: 'meta' }) },
  { name: 'snapshots.get', input: (w) => ({ ...w.site, target: 'meta', version: 1 }) },
  {
    name: 'snapshots.markKnownGood',
    input: (w) => ({ ...w.site, target: 'meta', version: 1, knownGood: true }),
  },
  { name: 'snapshots.drift', input: (w) => ({ ...w.site, target: 'meta' }) },
  {
    name: 'snapshots.compare',
    input: (w) => ({
      a: { ...w.site, target: 'meta', version: 1 },
      b: { ...w.site, target: 'meta', version: 'live' },
    }),
  },
  {
    name: 'snapshots.export',
    input: (w) => ({ items: [{ ...w.site, target: 'meta' }] }),
    after: (v, w) => void (w.bundle = v.bundle as string),
  },
  { name: 'snapshots.import', input: (w) => ({ bundle: w.bundle }) },
  { name: 'runbooks.get', input: (w) => ({ ...w.site, target: 'ga4' }) },
  {
    name: 'runbooks.save',
    input: (w) => ({
      ...w.site,
      target: 'ga4',
      // Long enough that "End monitoring early" finds the window still running.
      runbook: { owner: 'Walker', businessCycleMinutes: 2 },
    }),
  },
  { name: 'runbooks.list', input: (w) => w.site },
  // A journal left damaged before the start (see beforeAll): reported, listed, abandoned.
  {
    name: 'damage.list',
    input: () => ({}),
    after: (v, w) => void (w.damageId = (v as unknown as { id: string }[])[0]!.id),
  },
  { name: 'changes.damaged', input: () => ({}) },
  { name: 'changes.abandonDamaged', input: () => ({ changeId: 'chg-walk-damaged' }) },
  { name: 'damage.dismiss', input: (w) => ({ id: w.damageId }) },
  {
    name: 'runbooks.resolve',
    input: (w) => ({ ...w.site, target: 'ga4', field: 'notes', choice: 0 }),
    fails: 'not_found',
  },
  // The team workspace talks to a git server only, never to the Integrations API.
  { name: 'workspace.info', input: () => ({}) },
  {
    name: 'workspace.configure',
    input: () => ({
      url: gitServer.url,
      branch: 'main',
      username: gitServer.username,
      token: gitServer.password,
    }),
  },
  { name: 'workspace.test', input: () => ({}) },
  { name: 'workspace.enable', input: () => ({ enabled: true }) },
  { name: 'workspace.sync', input: () => ({}) },
  {
    name: 'changes.start',
    input: (w) => ({ ...w.site, target: 'ga4', title: 'walk' }),
    after: (v, w) => {
      w.changeId = startedId(v);
      w.baseline = (
        v.entries!.find((e) => e.type === 'baseline') as { body: Record<string, unknown> }
      ).body;
    },
  },
  { name: 'changes.openFor', input: (w) => w.site },
  { name: 'changes.baseline', input: (w) => ({ changeId: w.changeId }) },
  {
    name: 'changes.saveDraft',
    // A mapping addition: what a rollout of this change carries to other sites later in the walk.
    input: (w) => ({
      changeId: w.changeId,
      body: {
        ...w.baseline,
        eventMapping: {
          ...(w.baseline.eventMapping as Record<string, string>),
          product_impression: 'view_item_list',
        },
      },
    }),
  },
  { name: 'changes.preview', input: (w) => ({ changeId: w.changeId }) },
  {
    name: 'changes.apply',
    input: (w) => ({ changeId: w.changeId }),
    // The mandatory test follows in the background: it belongs to this call.
    after: async (_v, w) => {
      await eventually(async () => (await journal(w.changeId)).lastTest !== undefined, {
        timeoutMs: 20_000,
        what: 'the automatic test after apply',
      });
    },
  },
  { name: 'changes.test', input: (w) => ({ changeId: w.changeId }) },
  { name: 'changes.health', input: (w) => ({ changeId: w.changeId }) },
  { name: 'changes.startMonitoring', input: (w) => ({ changeId: w.changeId }) },
  {
    name: 'changes.endMonitoring',
    input: (w) => ({ changeId: w.changeId, reason: 'walk: the fix is confirmed' }),
  },
  { name: 'changes.close', input: (w) => ({ changeId: w.changeId, outcome: 'known_good' }) },
  ...acknowledgeWalk(),
  { name: 'changes.note', input: (w) => ({ changeId: w.changeId, text: 'walked' }) },
  { name: 'changes.get', input: (w) => ({ changeId: w.changeId }) },
  { name: 'changes.list', input: (w) => w.site },
  { name: 'changes.export', input: (w) => ({ format: 'markdown', changeId: w.changeId }) },
  { name: 'checklist.get', input: (w) => w.site },
  {
    name: 'changes.rollback',
    input: (w) => ({ ...w.site, target: 'meta', action: 'test_mode' }),
  },
  {
    name: 'changes.startRestore',
    input: (w) => ({ ...w.site, target: 'meta', version: 1 }),
    after: (v, w) => void (w.restoreChangeId = startedId(v)),
  },
  {
    name: 'changes.close',
    input: (w) => ({ changeId: w.restoreChangeId, outcome: 'abandoned', note: 'walk done' }),
  },
  {
    name: 'changes.startWebhookCreate',
    input: (w) => ({
      ...w.site,
      body: { name: 'walk', url: 'http://127.0.0.1:9/walk', authType: 'none', authConfig: {} },
    }),
  },
  // The watch: meta in test mode drifted from its known-good v1 above, so a round raises an alert.
  { name: 'alerts.outbound', input: () => ({ connectionId: 'sandbox' }) },
  {
    name: 'alerts.setOutbound',
    input: () => ({ connectionId: 'sandbox', url: 'http://127.0.0.1:9/alerts' }),
  },
  { name: 'alerts.testOutbound', input: () => ({ connectionId: 'sandbox' }) },
  {
    name: 'alerts.watch',
    input: () => ({ connectionId: 'sandbox' }),
    after: async (_v, w) => {
      w.alertId = await eventually(
        async () => {
          const r = await call('alerts.list', { connectionId: 'sandbox' });
          return (r as { value: { alerts: { id: string }[] } }).value.alerts[0]?.id;
        },
        { timeoutMs: 30_000, what: 'an alert from the first watch round' },
      );
    },
  },
  { name: 'alerts.list', input: () => ({ connectionId: 'sandbox' }) },
  {
    name: 'alerts.acknowledge',
    input: (w) => ({ connectionId: 'sandbox', alertId: w.alertId, note: 'walk' }),
  },
  { name: 'alerts.resolve', input: (w) => ({ connectionId: 'sandbox', alertId: w.alertId }) },
  ...fleetWalk(),
];

/**
 * A second change on the same site and target: page_view loses its mapping, the monitor raises a
 * volume drop, which must be acknowledged before Mark known-good.
 */
function acknowledgeWalk(): Step[] {
  return [
    {
      name: 'changes.start',
      input: (w) => ({ ...w.site, target: 'ga4', title: 'walk: drop page_view' }),
      after: (v, w) => void (w.ackChangeId = startedId(v)),
    },
    {
      name: 'changes.saveDraft',
      input: (w) => {
        const base = w.baseline.eventMapping as Record<string, string>;
        return {
          changeId: w.ackChangeId,
          body: {
            ...w.baseline,
            eventMapping: Object.fromEntries(
              Object.entries({ ...base, product_impression: 'view_item_list' }).filter(
                ([event]) => event !== 'page_view',
              ),
            ),
          },
        };
      },
    },
    {
      name: 'changes.apply',
      input: (w) => ({ changeId: w.ackChangeId }),
      after: async (_v, w) => {
        await eventually(async () => (await journal(w.ackChangeId)).lastTest !== undefined, {
          timeoutMs: 20_000,
          what: 'the automatic test after apply',
        });
      },
    },
    { name: 'changes.health', input: (w) => ({ changeId: w.ackChangeId }) },
    {
      name: 'changes.startMonitoring',
      input: (w) => ({ changeId: w.ackChangeId }),
      after: async (_v, w) => {
        await eventually(async () => (await journal(w.ackChangeId)).anomalies.length > 0, {
          timeoutMs: 30_000,
          what: 'the monitor to raise the volume drop',
        });
      },
    },
    {
      name: 'changes.endMonitoring',
      input: (w) => ({ changeId: w.ackChangeId, reason: 'walk: the drop is intended' }),
      after: async (_v, w) => void (w.ack = toAcknowledge(await journal(w.ackChangeId))),
    },
    {
      name: 'changes.acknowledge',
      input: (w) => ({ changeId: w.ackChangeId, items: w.ack, reason: 'walk: expected drop' }),
    },
    { name: 'changes.close', input: (w) => ({ changeId: w.ackChangeId, outcome: 'known_good' }) },
  ];
}

const rollout = async (rolloutId: string) =>
  foldRollout(
    RolloutEntry.array().parse(
      ((await call('rollouts.get', { rolloutId })) as { value: { entries: unknown[] } }).value
        .entries,
    ),
  );
const rolloutReaches = (w: Walk, status: string) =>
  eventually(async () => (await rollout(w.rolloutId)).status === status, {
    timeoutMs: 60_000,
    what: `the rollout to be ${status}`,
  });

/** The fleet: the picture, bulk sites, the checklist matrix, and a rollout that halts twice. */
function fleetWalk(): Step[] {
  const start: Step = {
    name: 'rollouts.start',
    input: (w) => ({ changeId: w.changeId, keys: w.fleet, waves: [2], monitorMinutes: 0.05 }),
    after: async (v, w) => {
      w.rolloutId = (v.entries as unknown as { rolloutId: string }[])[0]!.rolloutId;
      await rolloutReaches(w, 'halted');
    },
  };
  return [
    { name: 'fleet.rows', input: () => ({}) },
    { name: 'fleet.visible', input: () => ({ keys: [] }) },
    { name: 'fleet.checklist', input: () => ({}) },
    // The second demo site, removed and imported again: the import checks it against the API.
    { name: 'sites.removeMany', input: (w) => ({ ids: [w.siteLocalId] }) },
    {
      name: 'sites.import',
      input: (w) => ({
        connectionId: 'sandbox',
        rows: [
          { line: 1, siteId: w.secondSiteId, label: 'Bulk' },
          { line: 2, siteId: randomUUID(), label: 'Unknown to the API' },
        ],
      }),
      after: (v, w) => {
        const [added, unknown] = v.results as { outcome: string; key?: string }[];
        expect([added?.outcome, unknown?.outcome]).toEqual(['added', 'not_found']);
        w.siteLocalId = added!.key!;
      },
    },
    {
      name: 'sites.relabel',
      input: (w) => ({ labels: [{ id: w.siteLocalId, label: 'Another' }] }),
    },
    {
      name: 'sites.list',
      input: () => ({}),
      // The rollout's sites, in the order of the sandbox's fleet ids (the first one is drilled).
      after: (v, w) => {
        const sites = v as unknown as { id: string; siteId: string }[];
        w.fleet = fleetIds.map((id) => sites.find((x) => x.siteId === id)!.id);
      },
    },
    { name: 'rollouts.plan', input: (w) => ({ changeId: w.changeId }) },
    // The first fleet site's provider is down: its mandatory test fails and halts the rollout.
    {
      name: 'drills.start',
      input: (w) => ({ ...w.site, siteId: fleetSiteId(w, 0), scenario: 'provider_outage' }),
    },
    start,
    { name: 'rollouts.list', input: () => ({}) },
    { name: 'rollouts.get', input: (w) => ({ rolloutId: w.rolloutId }) },
    { name: 'rollouts.rollbackWave', input: (w) => ({ rolloutId: w.rolloutId }) },
    start,
    {
      name: 'rollouts.continue',
      input: (w) => ({ rolloutId: w.rolloutId, reason: 'provider outage is known; go on' }),
      after: async (_v, w) => {
        await rolloutReaches(w, 'completed');
      },
    },
  ];
}

beforeAll(async () => {
  gitServer = await startGitServer();
  dir = mkdtempSync(join(tmpdir(), 'bridge-writes-'));
  mkdirSync(join(dir, 'changes'));
  writeFileSync(join(dir, 'changes', 'chg-walk-damaged.jsonl'), 'not a journal line\n');
  const settings = await SettingsStore.open(dir, createConfBackend);
  core = await createCore({
    identity: { version: 'test', mode: 'browser', dataDir: dir },
    settings,
    secrets: new MemorySecretStore(),
    emit: new EventHub().emit,
    // The real sandbox behind a counting proxy: the app's only way to the API goes through it.
    startSandbox: async (o) => {
      // Two fleet sites besides the demo shops, for the rollout at the end of the walk.
      const sandbox = await startSandbox({
        ...o,
        eventsPerSecond: 20,
        historyEvents: 200,
        fleetSites: 2,
      });
      proxy = await startCountingProxy(sandbox.origin);
      return {
        url: `${proxy.origin}/api/v1`,
        siteIds: sandbox.siteIds,
        close: async () => {
          await proxy.close();
          await sandbox.close();
        },
      };
    },
  });
}, 30_000);

afterAll(async () => {
  await core.close();
  await gitServer.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the whole bridge table through the real dispatcher, against the sandbox', () => {
  it(
    'no call outside the allow-list sends anything but GET to the Integrations API',
    { timeout: 120_000 },
    async () => {
      expect(new Set(walk.map((s) => s.name))).toEqual(new Set(CALL_NAMES));
      const w = { site: { connectionId: 'sandbox', siteId: core.sandbox!.siteIds[0]! } } as Walk;
      fleetIds = core.sandbox!.siteIds.slice(2);
      const writes = new Map<CallName, SeenCall[]>();
      for (const step of walk) {
        const before = proxy.seen.length;
        const result = await call(step.name, step.input(w));
        expect(result, `${step.name}: ${JSON.stringify(result).slice(0, 300)}`).toMatchObject(
          step.fails ? { ok: false, error: { kind: step.fails } } : { ok: true },
        );
        await step.after?.((result as { value: Value }).value, w);
        const sent = proxy.seen.slice(before).filter((c) => c.method !== 'GET');
        writes.set(step.name, [...(writes.get(step.name) ?? []), ...sent]);
      }
      const offenders = [...writes].filter(([name, sent]) => sent.length > 0 && !MAY_WRITE[name]);
      expect(offenders).toEqual([]);
      // The allow-list stays honest: each entry was seen writing in this walk.
      for (const name of Object.keys(MAY_WRITE) as CallName[])
        expect(writes.get(name)?.length ?? 0, `${name} wrote nothing`).toBeGreaterThan(0);
    },
  );

  it('docs/architecture.md lists exactly the calls allowed to write', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../docs/architecture.md'), 'utf8');
    const section = doc.split('## Calls that can write to production')[1]?.split('\n## ')[0] ?? '';
    const listed = [...section.matchAll(/^- `([a-zA-Z.]+)`/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(MAY_WRITE).sort());
  });
});
