import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alerts/schema';
import { eventually } from '../../fakes/poll';
import { startWebhookReceiver } from '../../fakes/webhook-receiver';
import { Harness } from '../changes/harness';

let h: Harness;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
afterEach(async () => {
  await h.dispose();
  await receiver?.close();
  receiver = undefined;
});

/** A core watching the sandbox connection every 5 s (the shortest refresh), with a receiver. */
async function watching(): Promise<void> {
  h = await new Harness().open();
  await h.call('settings.update', { refreshIntervalSec: 5 });
  receiver = await startWebhookReceiver();
  await h.call('alerts.setOutbound', { connectionId: 'sandbox', url: receiver.url });
  await h.call('alerts.watch', { connectionId: 'sandbox' });
  await eventually(() => rounds().length > 0, { timeoutMs: 20_000, what: 'the first round' });
}

/** The watch rounds seen so far (each ends with an alerts.changed carrying its time). */
const rounds = () =>
  [
    ...new Set(
      h.events
        .filter((e) => e.name === 'alerts.changed')
        .map((e) => (e.payload as { roundAt?: string }).roundAt)
        .filter(Boolean),
    ),
  ] as string[];
const raised = () =>
  h.events.filter((e) => e.name === 'alerts.raised').map((e) => e.payload as Alert);

/** The incident timeline of the last hour of the test site (Markdown). */
const lastHour = async () =>
  (
    await h.call('changes.export', {
      format: 'markdown',
      range: {
        ...h.site,
        from: new Date(Date.now() - 3600_000).toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
      },
    })
  ).text;

/** Waits for an alert matching `match` and says how many rounds it took after `fromRound`. */
async function raisedWithin(match: (a: Alert) => boolean, fromRound: number) {
  const alert = await eventually(() => raised().find(match), {
    timeoutMs: 30_000,
    what: 'the alert',
  });
  const round = rounds().findIndex((r) => r >= alert.raisedAt);
  return { alert, rounds: (round < 0 ? rounds().length : round + 1) - fromRound };
}

describe('the watch raises alerts outside any change', () => {
  it(
    'credentials_revoked: Meta failing is raised within two rounds, once, counted, and posted once to the receiver',
    { timeout: 90_000 },
    async () => {
      await watching();
      const site = h.siteId;
      const before = rounds().length;
      await h.call('drills.start', { ...h.site, scenario: 'credentials_revoked' });
      const { alert, rounds: took } = await raisedWithin(
        (a) => a.siteId === site && a.target === 'meta' && a.kind === 'health',
        before,
      );
      expect(took).toBeLessThanOrEqual(2);
      expect(alert.title).toMatch(/^Meta[^:]* (failing|degraded) on /);
      expect(alert.detail).toMatch(/credentials/);

      // Two more rounds: still failing, never raised again.
      const now = rounds().length;
      await eventually(() => rounds().length >= now + 2, { timeoutMs: 30_000, what: 'two rounds' });
      const titles = raised()
        .filter((a) => a.siteId === site && a.target === 'meta' && a.kind === 'health')
        .map((a) => a.title);
      expect(titles).toEqual([...new Set(titles)]);

      const view = await h.call('alerts.list', { connectionId: 'sandbox' });
      expect(view.openCount).toBe(view.alerts.filter((a) => a.state === 'open').length);
      expect(view.alerts.map((a) => a.id)).toContain(alert.id);
      expect(view.watch).toMatchObject({ watching: true, sites: 2, everySec: 5 });

      // One POST per alert raised, each a body Slack and Teams both accept.
      await eventually(() => receiver!.received.length >= raised().length, {
        what: 'the posts',
      });
      expect(receiver!.received).toHaveLength(raised().length);
      const bodies = receiver!.received.map(
        (r) =>
          JSON.parse(r.body) as {
            text: string;
            attachments: { fields: { title: string; value: string }[] }[];
            sections: { facts: { name: string; value: string }[] }[];
          },
      );
      const meta = bodies.find((b) => b.text === `Integration Ops: ${alert.title}`)!;
      expect(meta.attachments[0]!.fields).toEqual(
        expect.arrayContaining([expect.objectContaining({ title: 'Target', value: 'meta' })]),
      );
      expect(meta.sections[0]!.facts).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'Kind', value: 'Health' })]),
      );
      expect(receiver!.received[0]!.headers['content-type']).toBe('application/json');
      const held = (await h.call('alerts.list', { connectionId: 'sandbox' })).alerts.find(
        (a) => a.id === alert.id,
      )!;
      expect(held.delivery).toMatchObject({ ok: true, status: 200 });
    },
  );

  it(
    'filter_suppression: purchase mostly filtered is raised per provider within two rounds while health stays green',
    { timeout: 90_000 },
    async () => {
      await watching();
      // Meta's config as it is now is its known-good: the drill's outside change is drift.
      const meta = { ...h.site, target: 'meta' as const };
      await h.call('snapshots.take', { ...meta, source: 'manual', label: 'before the drill' });
      await h.call('snapshots.markKnownGood', { ...meta, version: 1, knownGood: true });
      const site = h.siteId;
      const before = rounds().length;
      await h.call('drills.start', { ...h.site, scenario: 'filter_suppression' });
      for (const target of ['ga4', 'meta', 'gads']) {
        const { alert, rounds: took } = await raisedWithin(
          (a) => a.siteId === site && a.target === target && a.kind === 'filtered',
          before,
        );
        expect(took).toBeLessThanOrEqual(2);
        expect(alert.title).toMatch(/: \d+% of purchase filtered on /);
      }
      // The same drill is an outside change of every provider: the timeline says so.
      const md = await lastHour();
      expect(md).toMatch(/Meta[^:|]*: configuration changed outside this app/);
      expect(md).toMatch(/Alert raised: Meta[^:|]*: \d+% of purchase filtered/);
      expect(md).toMatch(/Meta[^:|]*: drift from known-good v1 first seen \(/);
      // First seen once: later rounds that still see the drift add no line.
      expect(md.match(/drift from known-good v1 first seen/g)).toHaveLength(1);
    },
  );

  it(
    'acknowledge and resolve: the count drops, the alert keeps who and when, the timeline records both',
    { timeout: 90_000 },
    async () => {
      await watching();
      await h.call('drills.start', { ...h.site, scenario: 'credentials_revoked' });
      const alert = await eventually(
        () => raised().find((a) => a.siteId === h.siteId && a.target === 'meta'),
        { timeoutMs: 30_000, what: 'the Meta alert' },
      );
      const open = (await h.call('alerts.list', { connectionId: 'sandbox' })).openCount;
      const acked = await h.call('alerts.acknowledge', {
        connectionId: 'sandbox',
        alertId: alert.id,
        note: 'rotating the token',
      });
      expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Ada Ops' });
      expect((await h.call('alerts.list', { connectionId: 'sandbox' })).openCount).toBe(open - 1);
      const resolved = await h.call('alerts.resolve', {
        connectionId: 'sandbox',
        alertId: alert.id,
      });
      expect(resolved).toMatchObject({ state: 'resolved', resolvedBy: 'Ada Ops' });
      await expect(
        h.call('alerts.resolve', { connectionId: 'sandbox', alertId: 'alr-nope' }),
      ).rejects.toThrow(/No alert alr-nope/);
      const md = await lastHour();
      expect(md).toMatch(/Alert acknowledged by Ada Ops: Meta .* — rotating the token/);
      expect(md).toMatch(/Alert resolved by Ada Ops: Meta/);
      expect(md).toMatch(/Meta[^:|]*: health \w+ -> failing/);
    },
  );
});
