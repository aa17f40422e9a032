import { afterEach, expect, it } from 'vitest';
import { foldRollout, RolloutEntry } from '../../../shared/domain/rollout';
import { toAcknowledge } from '../../../shared/domain/workflow/acknowledge';
import { JournalEntry } from '../../../shared/domain/workflow/entries';
import { foldChange } from '../../../shared/domain/workflow/fold';
import { eventually } from '../../fakes/poll';
import { fleetHarness, type FleetHarness } from './harness';
import {
  api,
  change,
  ga4,
  importFleet,
  knownGoodChange,
  puts,
  rollout,
  shortCycles,
} from './rollout-helpers';

let h: FleetHarness;
afterEach(() => h?.stop());

/** A fleet sandbox with its sites imported and a known-good GA4 change on the first demo shop. */
async function fleetWithSourceChange(fleetSites: number) {
  h = await fleetHarness({ fleetSites, eventsPerSecond: 10 });
  await shortCycles(h, 0.05);
  const sites = await importFleet(h);
  const source = await knownGoodChange(h, sites[0]!.siteId);
  // The generated fleet sites (after the two demo shops), in rollout order.
  return { source, sourceKey: sites[0]!.key, targets: sites.slice(2) };
}

const startRollout = async (source: string, keys: string[], waves: number[]) =>
  foldRollout(
    RolloutEntry.array().parse(
      (
        await h.core.handlers['rollouts.start'](
          { changeId: source, keys, waves, monitorMinutes: 0.05 },
          h.ctx,
        )
      ).entries,
    ),
  ).id;

it(
  'rolls a known-good mapping out in waves: one change per site, applied once; clashes and locks are skipped with their reason',
  { timeout: 300_000 },
  async () => {
    const { source, sourceKey, targets } = await fleetWithSourceChange(6);
    // One site already has the mapping, one maps it differently, one is locked by an open change.
    const [same, clash, locked] = targets.slice(3).map((s) => s.siteId);
    for (const [siteId, value] of [
      [same, 'view_item_list'],
      [clash, 'view_promotion'],
    ] as const) {
      const body = await ga4(h, siteId!);
      await api(h, 'PUT', `/sites/${siteId}/integrations/ga4`, {
        ...body,
        eventMapping: { ...body.eventMapping, product_impression: value },
      });
    }
    await h.core.handlers['changes.start'](
      { connectionId: h.connectionId, siteId: locked!, target: 'meta', operation: 'update' },
      h.ctx,
    );

    const plan = await h.core.handlers['rollouts.plan']({ changeId: source }, h.ctx);
    expect(plan.sentences).toEqual(['Mapping: add product_impression → view_item_list']);
    expect(plan.candidates.map((c) => c.key)).not.toContain(sourceKey);
    const id = await startRollout(
      source,
      targets.map((t) => t.key),
      [1, 2, 3],
    );
    const done = await eventually(
      async () => {
        const r = await rollout(h, id);
        return r.status !== 'running' && r;
      },
      { timeoutMs: 120_000, what: 'the rollout to finish' },
    );
    expect(done.status).toBe('completed');
    expect(Object.keys(done.skipped).sort()).toEqual(
      targets
        .slice(3)
        .map((t) => t.key)
        .sort(),
    );
    expect(done.skipped[targets[3]!.key]).toBe('This site already has this change.');
    expect(done.skipped[targets[4]!.key]).toMatch(
      /does not apply cleanly here: eventMapping.product_impression is "view_promotion"/,
    );
    expect(done.skipped[targets[5]!.key]).toMatch(/Another change is open on this site/);
    for (const t of targets.slice(0, 3)) {
      expect((await ga4(h, t.siteId)).eventMapping.product_impression).toBe('view_item_list');
      expect(await puts(h, t.siteId)).toBe(1);
      const c = await change(h, done.changeOf[t.key]!);
      expect(c.rollout?.id).toBe(id);
      expect(c.outcome).toBe('known_good');
      expect(c.lastTest?.ok).toBe(true);
    }
    expect(await puts(h, clash!)).toBe(1); // the test's own edit, nothing from the rollout
    expect((await change(h, done.changeOf[targets[4]!.key]!)).outcome).toBe('abandoned');
  },
);

it(
  'a failed test halts the rollout: nothing more applied; "Roll back this wave" restores the wave to its baseline',
  { timeout: 300_000 },
  async () => {
    const { source, targets } = await fleetWithSourceChange(6);
    const before = await Promise.all(targets.map((t) => ga4(h, t.siteId)));
    // The second site of wave 2 has a provider outage: its mandatory test fails.
    await api(h, 'POST', '/__sandbox/scenarios/provider_outage', { siteId: targets[2]!.siteId });
    const id = await startRollout(
      source,
      targets.map((t) => t.key),
      [1, 2, 3],
    );
    const halted = await eventually(
      async () => {
        const r = await rollout(h, id);
        return r.status === 'halted' && r;
      },
      { timeoutMs: 120_000, what: 'the halt' },
    );
    expect(halted.halt?.reason).toMatch(/The mandatory test failed on .*: deliver/);
    expect(halted.halt?.key).toBe(targets[2]!.key);
    expect(halted.wave).toBe(1);
    for (const t of targets.slice(3)) {
      expect(await ga4(h, t.siteId)).toEqual(before[targets.indexOf(t)]);
      expect(await puts(h, t.siteId)).toBe(0);
      expect(halted.changeOf[t.key]).toBeUndefined();
    }
    await api(h, 'DELETE', '/__sandbox/scenarios');
    // Two windows press "Roll back this wave" (and one "Continue") at once: one rollback runs.
    const answers = await Promise.allSettled([
      h.core.handlers['rollouts.rollbackWave']({ rolloutId: id }, h.ctx),
      h.core.handlers['rollouts.rollbackWave']({ rolloutId: id }, h.ctx),
      h.core.handlers['rollouts.continue']({ rolloutId: id, reason: 'late' }, h.ctx),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    const view = (answers[0] as PromiseFulfilledResult<{ entries: unknown[] }>).value;
    const after = foldRollout(RolloutEntry.array().parse(view.entries));
    expect(after.entries.filter((e) => e.type === 'wave_rolled_back')).toHaveLength(1);
    expect(after.entries.some((e) => e.type === 'continued')).toBe(false);
    // Each restored site: the rollout's PUT, then one restore, not two.
    for (const t of targets.slice(1, 3)) expect(await puts(h, t.siteId)).toBe(2);
    expect(after.status).toBe('rolled_back');
    expect(after.rolledBack?.results.map((x) => [x.key, x.ok, x.testOk])).toEqual([
      [targets[1]!.key, true, true],
      [targets[2]!.key, true, true],
    ]);
    for (const t of targets.slice(1, 3)) {
      const { updatedAt: _now, ...now } = await ga4(h, t.siteId);
      const { updatedAt: _then, ...then } = before[targets.indexOf(t)]!;
      expect(now).toEqual(then);
      expect((await change(h, after.changeOf[t.key]!)).outcome).toBe('rolled_back');
    }
    // Wave 1 passed its monitoring and stays.
    expect((await ga4(h, targets[0]!.siteId)).eventMapping.product_impression).toBe(
      'view_item_list',
    );
  },
);

it(
  'a restart in the middle of wave 2 resumes at the exact site and step and applies nothing twice',
  { timeout: 300_000 },
  async () => {
    // Widens the gap between each PUT and its automatic test (a NODE_ENV=test seam of the changes
    // feature), so the restart lands between an apply and its test.
    process.env.OPS_CHANGES_PAUSE_BEFORE_TEST_MS = '1500';
    try {
      const { source, targets } = await fleetWithSourceChange(5);
      const id = await startRollout(
        source,
        targets.map((t) => t.key),
        [1, 2, 2],
      );
      // Wave 2's first site applied, its test not run yet.
      await eventually(
        async () => {
          const r = await rollout(h, id);
          const c = r.changeOf[targets[1]!.key];
          return r.wave === 1 && c && (await change(h, c)).step === 'test';
        },
        { timeoutMs: 120_000, everyMs: 50, what: 'wave 2 between an apply and its test' },
      );
      await h.restartCore();
      const done = await eventually(
        async () => {
          const r = await rollout(h, id);
          return r.status !== 'running' && r;
        },
        { timeoutMs: 120_000, what: 'the resumed rollout to finish' },
      );
      expect(done.status, done.halt?.reason).toBe('completed');
      for (const t of targets) {
        expect(await puts(h, t.siteId)).toBe(1);
        expect((await change(h, done.changeOf[t.key]!)).outcome).toBe('known_good');
      }
    } finally {
      delete process.env.OPS_CHANGES_PAUSE_BEFORE_TEST_MS;
    }
  },
);

it(
  "an anomaly in a wave's window halts the rollout with its reason; the site's change stays open for the operator, never marked known-good",
  { timeout: 300_000 },
  async () => {
    const { source, targets } = await fleetWithSourceChange(1);
    const target = targets[0]!;
    const id = foldRollout(
      RolloutEntry.array().parse(
        (
          await h.core.handlers['rollouts.start'](
            { changeId: source, keys: [target.key], waves: [1], monitorMinutes: 2 },
            h.ctx,
          )
        ).entries,
      ),
    ).id;
    await eventually(async () => (await rollout(h, id)).monitoring[0] !== undefined, {
      timeoutMs: 120_000,
      what: 'the wave to be monitored',
    });
    // GA4 deliveries of the applied site start failing while its wave is monitored.
    await api(h, 'POST', '/__sandbox/scenarios/provider_outage', { siteId: target.siteId });
    const stopped = await eventually(
      async () => {
        const r = await rollout(h, id);
        return r.status !== 'running' && r;
      },
      { timeoutMs: 150_000, what: 'the rollout to stop' },
    );
    expect(stopped.status).toBe('halted');
    expect(stopped.halt?.key).toBe(target.key);
    expect(stopped.halt?.reason).toMatch(/^Anomaly on .* while the wave was monitored: /);
    const c = await change(h, stopped.changeOf[target.key]!);
    expect(c.open).toBe(true);
    expect(c.outcome).toBeUndefined();
    const items = toAcknowledge(c);
    expect(items.some((i) => i.startsWith('Anomaly: '))).toBe(true);
    // The operator reads it on the site's change: acknowledging is journaled there.
    const acked = foldChange(
      JournalEntry.array().parse(
        (
          await h.core.handlers['changes.acknowledge'](
            { changeId: c.id, items, reason: 'provider outage, not the mapping' },
            h.ctx,
          )
        ).entries,
      ),
    );
    expect(toAcknowledge(acked)).toEqual([]);
  },
);
