import { afterEach, describe, expect, it } from 'vitest';
import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { foldChange, toAcknowledge } from '../../../shared/domain/workflow';
import { Harness, until } from './harness';

let h: Harness;
afterEach(async () => {
  await h.dispose();
});

const TICKET = 'https://tickets.example.com/INC-4711';

/** A change through apply, test and health, monitoring started; the draft comes from `edit`. */
async function monitoring(
  target: SnapshotTarget,
  edit: (body: Record<string, unknown>) => Record<string, unknown>,
  why: { reason?: string; ticket?: string } = {},
): Promise<string> {
  const s = foldChange((await h.call('changes.start', { ...h.site, target, ...why })).entries);
  await h.call('changes.saveDraft', { changeId: s.id, body: edit(s.baseline!.body) });
  await h.call('changes.apply', { changeId: s.id });
  await until(async () => (await h.state(s.id)).step === 'health');
  await h.call('changes.health', { changeId: s.id });
  await h.call('changes.startMonitoring', { changeId: s.id });
  return s.id;
}

const withoutMapping = (event: string) => (b: Record<string, unknown>) => ({
  ...b,
  eventMapping: Object.fromEntries(
    Object.entries(b.eventMapping as Record<string, string>).filter(([e]) => e !== event),
  ),
});
const addMapping = (b: Record<string, unknown>) => ({
  ...b,
  eventMapping: { ...(b.eventMapping as object), product_impression: 'view_item_list' },
});

describe('the emergency path', () => {
  it(
    'an undocumented 24 h cycle ends early with a reason and ticket: the change closes known-good, marked short everywhere',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const id = await monitoring('ga4', addMapping, {
        reason: 'fix product_impression forwarding',
        ticket: TICKET,
      });
      const s = await h.state(id);
      expect(s.reason).toBe('fix product_impression forwarding');
      expect(s.ticket).toBe(TICKET);
      // The runbook was never saved: the default business cycle of 24 hours applies.
      expect(s.monitor!.windowMinutes).toBe(24 * 60);
      await expect(
        h.call('changes.close', { changeId: id, outcome: 'known_good' }),
      ).rejects.toThrow(/Not at this step/);
      await expect(h.call('changes.endMonitoring', { changeId: id, reason: 'ok' })).rejects.toThrow(
        /say why/,
      );

      await h.call('changes.endMonitoring', {
        changeId: id,
        reason: 'second provider is broken, its fix cannot wait a day',
        ticket: TICKET,
      });
      const ended = await h.state(id);
      expect(ended.step).toBe('close');
      expect(ended.endedEarly?.reason).toBe('second provider is broken, its fix cannot wait a day');
      expect(ended.monitor!.summary).toMatchObject({
        fullWindow: false,
        endedEarly: {
          reason: 'second provider is broken, its fix cannot wait a day',
          ticket: TICKET,
        },
      });
      expect(ended.monitor!.summary!.windowMinutes).toBeLessThan(1);

      const open = toAcknowledge(ended);
      if (open.length)
        await h.call('changes.acknowledge', { changeId: id, items: open, reason: 'expected' });
      // No override needed: the reason for the short window is already in the journal.
      const closed = foldChange(
        (await h.call('changes.close', { changeId: id, outcome: 'known_good' })).entries,
      );
      expect(closed).toMatchObject({ open: false, outcome: 'known_good' });

      const row = (await h.call('changes.list', h.site)).find((c) => c.id === id)!;
      expect(row).toMatchObject({
        endedEarly: true,
        status: 'known-good · monitoring ended early',
      });
      const md = (await h.call('changes.export', { format: 'markdown', changeId: id })).text;
      expect(md).toContain('- Status: known-good · monitoring ended early');
      expect(md).toContain(`- Ticket: ${TICKET}`);
      expect(md).toMatch(/Monitor: ended early by the operator — second provider is broken/);
      expect(md).toMatch(/Monitoring ended early after \d+ s/);
      const json = JSON.parse(
        (await h.call('changes.export', { format: 'json', changeId: id })).text,
      ) as { change: { endedEarly: boolean } };
      expect(json.change.endedEarly).toBe(true);

      const monitor = (await h.call('checklist.get', h.site)).targets
        .find((t) => t.target === 'ga4')!
        .items.find((i) => i.id === 'monitor')!;
      expect(monitor.met).toBe(false);
      expect(monitor.reason).toMatch(
        /^Monitored: ended early after .* \(second provider is broken/,
      );

      // The site is free again: the second provider's fix can start.
      expect(await h.call('changes.openFor', h.site)).toBeNull();
      await h.call('changes.start', { ...h.site, target: 'meta' });
    },
  );

  it(
    'abandon after Disable records nothing live; after Disable then Re-enable the applied config is live again and says so',
    { timeout: 90_000 },
    async () => {
      h = await new Harness().open();
      const abandonAfter = async (actions: ('disable' | 'enable')[]) => {
        const s = foldChange((await h.call('changes.start', { ...h.site, target: 'ga4' })).entries);
        // Each change adds its own mapping (the previous one stays live after its abandon).
        const b = s.baseline!.body;
        const event = `ops_check_${actions.length}`;
        const body = {
          ...b,
          eventMapping: { ...(b.eventMapping as object), [event]: 'view_item' },
        };
        await h.call('changes.saveDraft', { changeId: s.id, body });
        await h.call('changes.apply', { changeId: s.id });
        for (const action of actions)
          await h.call('changes.rollback', { ...h.site, target: 'ga4', action, changeId: s.id });
        const closed = foldChange(
          (
            await h.call('changes.close', {
              changeId: s.id,
              outcome: 'abandoned',
              note: `after ${actions.join(', ')}`,
            })
          ).entries,
        );
        return closed.entries.at(-1) as { appliedStaysLive?: boolean };
      };
      expect((await abandonAfter(['disable'])).appliedStaysLive).toBeUndefined();
      expect((await abandonAfter(['disable', 'enable'])).appliedStaysLive).toBe(true);
      const live = await h.call('integrations.get', { ...h.site, provider: 'ga4' });
      expect(live.data).toMatchObject({ enabled: true });
      expect(live.data.eventMapping.ops_check_2).toBe('view_item');
    },
  );

  it(
    'abandon needs a reason and, after an apply, records that the applied config stays live',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const s = foldChange((await h.call('changes.start', { ...h.site, target: 'ga4' })).entries);
      await h.call('changes.saveDraft', { changeId: s.id, body: addMapping(s.baseline!.body) });
      await h.call('changes.apply', { changeId: s.id });
      await expect(
        h.call('changes.close', { changeId: s.id, outcome: 'abandoned' }),
      ).rejects.toThrow(/Say why the change is abandoned/);
      const closed = foldChange(
        (
          await h.call('changes.close', {
            changeId: s.id,
            outcome: 'abandoned',
            note: 'wrong site, fix goes through another change',
          })
        ).entries,
      );
      expect(closed.entries.at(-1)).toMatchObject({
        type: 'closed',
        outcome: 'abandoned',
        appliedStaysLive: true,
        note: 'wrong site, fix goes through another change',
      });
      const md = (await h.call('changes.export', { format: 'markdown', changeId: s.id })).text;
      expect(md).toMatch(
        /Close: abandoned, after snapshot v\d+, the applied configuration stays live — wrong site/,
      );
      const live = await h.call('integrations.get', { ...h.site, provider: 'ga4' });
      expect(live.data.eventMapping.product_impression).toBe('view_item_list');
    },
  );

  it(
    'a failure rise mid-window is raised, and Mark known-good waits for its journaled acknowledgement',
    { timeout: 90_000 },
    async () => {
      h = await new Harness().open();
      await h.call('runbooks.save', {
        ...h.site,
        target: 'meta',
        runbook: { owner: 'Ada', businessCycleMinutes: 0.25 },
      });
      const id = await monitoring('meta', addMapping);
      // Normal traffic first, then Meta's token is revoked in the middle of the window.
      await h.call('drills.start', { ...h.site, scenario: 'credentials_revoked' });
      await until(
        async () => (await h.state(id)).anomalies.some((a) => a.code === 'failure_rate_up'),
        30_000,
      );
      await h.call('drills.clear', h.site);
      await until(async () => (await h.state(id)).step === 'close', 60_000);
      const s = await h.state(id);
      const open = toAcknowledge(s);
      expect(open.some((i) => i.startsWith('Anomaly: Failure rate up'))).toBe(true);
      expect(s.monitor!.summary!.anomalies.some((a) => a.code === 'failure_rate_up')).toBe(true);

      await expect(
        h.call('changes.close', { changeId: id, outcome: 'known_good' }),
      ).rejects.toThrow(/not acknowledged: .*Failure rate up/);
      await expect(
        h.call('changes.acknowledge', {
          changeId: id,
          items: ['Anomaly: something that never happened'],
          reason: 'nothing',
        }),
      ).rejects.toThrow(/Not an open regression or anomaly/);
      await h.call('changes.acknowledge', {
        changeId: id,
        items: open,
        reason: 'the drill revoked the token; it was cleared',
      });
      const closed = foldChange(
        (await h.call('changes.close', { changeId: id, outcome: 'known_good' })).entries,
      );
      expect(closed.outcome).toBe('known_good');
      const ack = closed.entries.find((e) => e.type === 'acknowledged');
      expect(ack).toMatchObject({
        items: open,
        reason: 'the drill revoked the token; it was cleared',
      });
    },
  );

  it(
    'a removed mapping raises a volume drop that must be acknowledged',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      await h.call('runbooks.save', {
        ...h.site,
        target: 'ga4',
        runbook: { owner: 'Ada', businessCycleMinutes: 0.05 },
      });
      const id = await monitoring('ga4', withoutMapping('page_view'));
      await until(async () => (await h.state(id)).step === 'close');
      const s = await h.state(id);
      expect(toAcknowledge(s).some((i) => /Volume down for page_view/.test(i))).toBe(true);
      await expect(
        h.call('changes.close', { changeId: id, outcome: 'known_good' }),
      ).rejects.toThrow(/not acknowledged/);
    },
  );
});
