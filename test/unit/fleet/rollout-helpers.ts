import { request } from 'undici';
import { foldRollout, RolloutEntry, type RolloutState } from '../../../shared/domain/rollout';
import { toAcknowledge } from '../../../shared/domain/workflow/acknowledge';
import { JournalEntry } from '../../../shared/domain/workflow/entries';
import { foldChange } from '../../../shared/domain/workflow/fold';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { IntegrationResource, RequestLedger } from '../../../shared/contract';
import { eventually } from '../../fakes/poll';
import { TOKEN, type FleetHarness } from './harness';

/** The sandbox API and its control endpoints over plain HTTP (what "asserted through the API" means). */
export async function api(h: FleetHarness, method: string, path: string, body?: unknown) {
  const url = path.startsWith('/__') ? `${h.sb.origin}${path}` : `${h.sb.url}${path}`;
  const res = await request(url, {
    method: method as 'GET',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export async function ga4(h: FleetHarness, siteId: string): Promise<IntegrationResource> {
  return IntegrationResource.parse((await api(h, 'GET', `/sites/${siteId}/integrations/ga4`)).body);
}

export async function puts(h: FleetHarness, siteId: string): Promise<number> {
  const ledger = RequestLedger.parse((await api(h, 'GET', '/__sandbox/requests')).body);
  return ledger.writes[siteId]?.['PUT ga4'] ?? 0;
}

/** Imports the fleet sites (checked against the API) and answers their keys in sandbox order. */
export async function importFleet(h: FleetHarness): Promise<{ key: string; siteId: string }[]> {
  const rows = h.sb.sites.map((s, i) => ({ line: i + 1, siteId: s.id, label: s.name }));
  const { results } = await h.core.handlers['sites.import'](
    { connectionId: h.connectionId, rows },
    h.ctx,
  );
  return results.map((r) => ({ key: r.key!, siteId: r.siteId }));
}

/** Short windows: the settings minimum and every GA4 runbook's business cycle. */
export async function shortCycles(h: FleetHarness, minutes: number): Promise<void> {
  await h.core.handlers['settings.update'](
    { monitorMinimumMinutes: 0.05, operatorName: 'Ada Ops' },
    h.ctx,
  );
  for (const s of h.sb.sites)
    await h.core.handlers['runbooks.save'](
      {
        connectionId: h.connectionId,
        siteId: s.id,
        target: 'ga4',
        runbook: {
          owner: 'Ada Ops',
          escalation: [{ name: 'Bob', role: 'SRE', contact: '', link: '' }],
          businessCycleMinutes: minutes,
          rollbackControls: [{ control: 'restore', when: 'a bad mapping' }],
          notes: '',
        },
      },
      h.ctx,
    );
}

export async function change(h: FleetHarness, changeId: string): Promise<ChangeState> {
  return foldChange(
    JournalEntry.array().parse((await h.core.handlers['changes.get']({ changeId }, h.ctx)).entries),
  );
}

/** A GA4 change on `siteId` that adds one mapping and closes known-good: a rollout's source. */
export async function knownGoodChange(h: FleetHarness, siteId: string): Promise<string> {
  const c = h.core.handlers;
  const site = { connectionId: h.connectionId, siteId };
  const started = foldChange(
    JournalEntry.array().parse(
      (await c['changes.start']({ ...site, target: 'ga4', operation: 'update' }, h.ctx)).entries,
    ),
  );
  const body = started.baseline!.body as { eventMapping: Record<string, string> };
  await c['changes.saveDraft'](
    {
      changeId: started.id,
      body: {
        ...body,
        eventMapping: { ...body.eventMapping, product_impression: 'view_item_list' },
      },
    },
    h.ctx,
  );
  await c['changes.apply']({ changeId: started.id }, h.ctx);
  await eventually(async () => (await change(h, started.id)).step === 'health', {
    timeoutMs: 60_000,
    what: 'the automatic test',
  }).catch(async (e: unknown) => {
    const c = await change(h, started.id);
    throw new Error(`${String(e)}: at ${c.step}, ${JSON.stringify(c.entries.slice(-3))}`);
  });
  await c['changes.health']({ changeId: started.id }, h.ctx);
  await c['changes.startMonitoring']({ changeId: started.id }, h.ctx);
  await eventually(async () => (await change(h, started.id)).step === 'close', {
    timeoutMs: 90_000,
    what: 'the monitoring window',
  });
  // A busy machine's sandbox can dip in volume: the operator acknowledges what was raised.
  const raised = toAcknowledge(await change(h, started.id));
  if (raised.length)
    await c['changes.acknowledge'](
      { changeId: started.id, items: raised, reason: 'source change of the rollout test' },
      h.ctx,
    );
  await c['changes.close']({ changeId: started.id, outcome: 'known_good' }, h.ctx);
  return started.id;
}

export async function rollout(h: FleetHarness, rolloutId: string): Promise<RolloutState> {
  return foldRollout(
    RolloutEntry.array().parse(
      (await h.core.handlers['rollouts.get']({ rolloutId }, h.ctx)).entries,
    ),
  );
}
