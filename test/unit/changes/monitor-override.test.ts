import { afterEach, describe, expect, it } from 'vitest';
import { OpsFailure } from '../../../shared/bridge/errors';
import { foldChange, monitorVerdict } from '../../../shared/domain/workflow';
import { Harness, until } from './harness';

let h: Harness;
afterEach(async () => {
  await h.dispose();
});

describe('an outage during Monitor', () => {
  it(
    'ends "Monitoring incomplete"; known-good then needs an explicit override whose reason is journaled',
    { timeout: 90_000 },
    async () => {
      h = await new Harness().open({ monitorMinimumMinutes: 0.1 });
      await h.call('runbooks.save', {
        ...h.site,
        target: 'ga4',
        runbook: { owner: 'Ada', businessCycleMinutes: 0.1 },
      });
      const s = foldChange((await h.call('changes.start', { ...h.site, target: 'ga4' })).entries);
      await h.call('changes.saveDraft', {
        changeId: s.id,
        body: { ...s.baseline!.body, testMode: !s.baseline!.body.testMode },
      });
      await h.call('changes.apply', { changeId: s.id });
      await until(async () => (await h.state(s.id)).step === 'health');
      await h.call('changes.health', { changeId: s.id });
      await h.call('changes.startMonitoring', { changeId: s.id });
      await h.stopApi();

      await until(async () => (await h.state(s.id)).monitor?.summary !== undefined, 40_000);
      const done = await h.state(s.id);
      const summary = done.monitor!.summary!;
      expect(summary.fullWindow).toBe(false);
      expect(monitorVerdict(summary)).toBe('incomplete');
      expect(summary.gapShare).toBeGreaterThan(0.1);
      expect(done.entries.some((e) => e.type === 'monitor_gap')).toBe(true);
      expect(done.step).toBe('close');

      await h.restartApi();
      const refused = await h
        .call('changes.close', { changeId: s.id, outcome: 'known_good' })
        .catch((e: unknown) => e as OpsFailure);
      expect(refused).toBeInstanceOf(OpsFailure);
      expect((refused as OpsFailure).error.message).toMatch(
        /Monitoring incomplete.*explicit confirmation with a reason/,
      );
      expect((await h.state(s.id)).open).toBe(true);

      const closed = foldChange(
        (
          await h.call('changes.close', {
            changeId: s.id,
            outcome: 'known_good',
            overrideReason: 'the outage was on our side; deliveries checked by hand',
          })
        ).entries,
      );
      expect(closed.outcome).toBe('known_good');
      expect(closed.entries.at(-1)).toMatchObject({
        type: 'closed',
        override:
          'closed without a full business cycle: the outage was on our side; deliveries checked by hand',
      });
      const md = await h.call('changes.export', { format: 'markdown', changeId: s.id });
      expect(md.text).toContain('Monitoring incomplete');
      expect(md.text).toContain('closed without a full business cycle');
    },
  );
});
