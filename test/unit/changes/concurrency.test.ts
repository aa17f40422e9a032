import { afterEach, describe, expect, it } from 'vitest';
import { OpsFailure } from '../../../shared/bridge/errors';
import { foldChange } from '../../../shared/domain/workflow';
import { Harness, until } from './harness';

let h: Harness;
afterEach(async () => {
  await h.dispose();
});

const failures = (results: PromiseSettledResult<unknown>[]) =>
  results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => r.reason as OpsFailure);

describe('atomic invariants under concurrency (one serial section per site)', () => {
  it(
    '20 concurrent starts on one site open exactly one change; the other 19 get the lock refusal naming it',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const targets = ['ga4', 'meta', 'gads', 'data-layer'] as const;
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          h.call('changes.start', { ...h.site, target: targets[i % targets.length]! }),
        ),
      );
      const opened = results.filter((r) => r.status === 'fulfilled');
      expect(opened).toHaveLength(1);
      const winner = foldChange(opened[0]!.value.entries);
      const refused = failures(results);
      expect(refused).toHaveLength(19);
      for (const e of refused) {
        expect(e).toBeInstanceOf(OpsFailure);
        expect(e.error.kind).toBe('conflict');
        expect(e.error.message).toContain(winner.id);
        expect(e.error.current).toMatchObject({ changeId: winner.id, target: winner.target });
      }
      const open = (await h.call('changes.list', { ...h.site, status: 'open' })).filter(
        (c) => c.kind === 'change',
      );
      expect(open.map((c) => c.id)).toEqual([winner.id]);
    },
  );

  it(
    'apply stays exactly-once: 10 concurrent applies of one change send one PUT',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const s = foldChange((await h.call('changes.start', { ...h.site, target: 'ga4' })).entries);
      await h.call('changes.saveDraft', {
        changeId: s.id,
        body: { ...s.baseline!.body, testMode: !s.baseline!.body.testMode },
      });
      const putsBefore = await h.puts();
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => h.call('changes.apply', { changeId: s.id })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = failures(results);
      expect(refused).toHaveLength(9);
      for (const e of refused) expect(e.error.message).toMatch(/Not at this step/);
      expect((await h.puts()) - putsBefore).toBe(1);
      const after = await h.state(s.id);
      expect(after.entries.filter((e) => e.type === 'apply_intent')).toHaveLength(1);
      expect(after.entries.filter((e) => e.type === 'apply_done')).toHaveLength(1);
      await until(async () => (await h.state(s.id)).lastTest !== undefined);
    },
  );

  it(
    'concurrent rollbacks from the provider page are taken one at a time: each reads what the previous wrote, none hits a 412',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          h.call('changes.rollback', {
            ...h.site,
            target: 'meta',
            action: i % 2 ? 'disable' : 'test_mode',
          }),
        ),
      );
      const records = results.map((v) => foldChange(v.entries));
      expect(new Set(records.map((r) => r.id)).size).toBe(8);
      for (const r of records) {
        expect(r.kind).toBe('rollback_only');
        expect(r.rollbacks).toMatchObject([{ ok: true }]);
      }
      const live = await h.call('integrations.get', { ...h.site, provider: 'meta' });
      expect(live.data).toMatchObject({ enabled: false, testMode: true });
    },
  );

  it.each(['apply first', 'rollback first'])(
    'a rollback racing an apply (%s): recorded in the change it follows, or the apply refuses to overwrite it',
    { timeout: 60_000 },
    async (order) => {
      h = await new Harness().open();
      const s = foldChange((await h.call('changes.start', { ...h.site, target: 'ga4' })).entries);
      await h.call('changes.saveDraft', {
        changeId: s.id,
        body: { ...s.baseline!.body, testMode: !s.baseline!.body.testMode },
      });
      const apply = () => h.call('changes.apply', { changeId: s.id });
      const roll = () =>
        h.call('changes.rollback', { ...h.site, target: 'ga4', action: 'disable' });
      const [applied, rolled] =
        order === 'apply first'
          ? await Promise.all([apply(), roll()])
          : await Promise.all([roll(), apply()]).then(([r, a]) => [a, r] as const);
      const change = foldChange(applied.entries);
      const record = foldChange(rolled.entries);
      expect(record.rollbacks).toMatchObject([{ action: 'disable', ok: true }]);
      if (record.id === s.id) {
        // The apply ran first; the rollback is part of that change's story.
        expect(change.applied).toBeDefined();
      } else {
        // The rollback ran first: the apply's If-Match no longer matched, nothing was overwritten.
        expect(record.kind).toBe('rollback_only');
        expect(change.applied).toBeUndefined();
        expect(change.lastApplyError?.error.kind).toBe('conflict');
      }
      const live = await h.call('integrations.get', { ...h.site, provider: 'ga4' });
      expect(live.data.enabled).toBe(false);
    },
  );
});
