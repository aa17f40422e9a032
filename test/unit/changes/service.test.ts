import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { foldChange } from '../../../shared/domain/workflow';
import { applyKey } from '../../../shared/domain/workflow/idempotency';
import { OpsFailure } from '../../../shared/bridge/errors';
import { Harness, until } from './harness';

let h: Harness;
afterEach(async () => {
  await h.close().catch(() => undefined);
  h.cleanup();
});

const ga4 = () => ({ ...h.site, target: 'ga4' as const });
const stateOf = async (changeId: string) =>
  foldChange((await h.call('changes.get', { changeId })).entries);
const saveRunbook = (target: 'ga4' | 'meta', cycle = 0.05) =>
  h.call('runbooks.save', {
    ...h.site,
    target,
    runbook: {
      owner: 'Ada',
      escalation: [{ name: 'Bob', role: 'on call', contact: 'bob@example.com', link: '' }],
      businessCycleMinutes: cycle,
      rollbackControls: [{ control: 'disable', when: 'always' }],
      notes: '',
    },
  });

async function startWithDraft(edit: (body: Record<string, unknown>) => Record<string, unknown>) {
  const v = await h.call('changes.start', ga4());
  const s = foldChange(v.entries);
  expect(s.step).toBe('config');
  const draft = await h.call('changes.saveDraft', { changeId: s.id, body: edit(s.baseline!.body) });
  expect(draft.issues).toEqual([]);
  return s.id;
}

describe('change workflow on the sandbox', () => {
  it(
    'runs a full change to known-good; the checklist turns met; the export shows every step',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const before = await h.call('checklist.get', h.site);
      expect(before.targets.find((t) => t.target === 'ga4')!.items.every((i) => !i.met)).toBe(true);
      await saveRunbook('ga4');

      const id = await startWithDraft((b) => ({
        ...b,
        eventMapping: { ...(b.eventMapping as object), product_impression: 'view_item_list' },
      }));
      const preview = await h.call('changes.preview', { changeId: id });
      expect(preview.impact!.rows.find((r) => r.event === 'product_impression')).toMatchObject({
        rulesChanged: true,
        before: { sent: 0 },
      });
      expect(
        preview.impact!.rows.find((r) => r.event === 'product_impression')!.after.sent,
      ).toBeGreaterThan(0);

      await h.call('changes.apply', { changeId: id });
      await until(async () => (await stateOf(id)).step === 'health');
      expect((await stateOf(id)).lastTest?.ok).toBe(true);
      await expect(h.call('changes.startMonitoring', { changeId: id })).rejects.toThrow(
        /Not at this step/,
      );
      await h.call('changes.health', { changeId: id });
      await h.call('changes.startMonitoring', { changeId: id });
      await until(async () => (await stateOf(id)).step === 'close');
      const closed = foldChange(
        (await h.call('changes.close', { changeId: id, outcome: 'known_good' })).entries,
      );
      expect(closed).toMatchObject({ open: false, outcome: 'known_good' });
      expect(closed.afterSnapshotVersion).toBeGreaterThan(closed.baseline!.snapshotVersion!);
      const targets = await h.call('snapshots.targets', h.site);
      expect(targets.find((t) => t.target === 'ga4')!.knownGood?.version).toBe(
        closed.afterSnapshotVersion,
      );

      const after = await h.call('checklist.get', h.site);
      expect(
        after.targets.find((t) => t.target === 'ga4')!.items.map((i) => [i.id, i.met]),
      ).toEqual([
        ['snapshots', true],
        ['test', true],
        ['monitor', true],
        ['rollback', true],
        ['owner', true],
      ]);
      const md = await h.call('changes.export', { format: 'markdown', changeId: id });
      for (const word of [
        'Baseline',
        'Applied',
        'Test (auto): passed',
        'Health',
        'Monitor',
        'known-good',
        'Owner: Ada',
        'product_impression',
      ])
        expect(md.text).toContain(word);
      expect(
        (
          await h.call('changes.export', {
            format: 'json',
            range: { ...h.site, from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' },
          })
        ).count,
      ).toBe(1);
      expect(await h.puts()).toBe(1);
    },
  );

  it(
    'refuses a second change on the same site, naming the open one',
    { timeout: 30_000 },
    async () => {
      h = await new Harness().open();
      const first = foldChange((await h.call('changes.start', ga4())).entries);
      const err = await h
        .call('changes.start', { ...h.site, target: 'meta' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpsFailure);
      expect((err as OpsFailure).error).toMatchObject({
        kind: 'conflict',
        current: { changeId: first.id },
      });
      expect((err as OpsFailure).message).toContain(first.id);
      await h.call('changes.close', {
        changeId: first.id,
        outcome: 'abandoned',
        note: 'superseded by another change',
      });
      expect(
        foldChange((await h.call('changes.start', { ...h.site, target: 'meta' })).entries).step,
      ).toBe('config');
    },
  );

  it(
    'on 412 reports what changed on the server and requires a new baseline',
    { timeout: 30_000 },
    async () => {
      h = await new Harness().open();
      const id = await startWithDraft((b) => ({ ...b, testMode: true }));
      const live = await h.call('integrations.get', { ...h.site, provider: 'ga4' });
      await h.outsidePut('/ga4', { ...live.data, eventMapping: {} }, live.etag);
      const s = foldChange((await h.call('changes.apply', { changeId: id })).entries);
      expect(s.step).toBe('baseline');
      expect(s.lastApplyError?.error.kind).toBe('conflict');
      expect(
        s.lastApplyError?.serverChanges?.kind === 'integration' &&
          s.lastApplyError.serverChanges.mappings.length,
      ).toBeGreaterThan(0);
      await expect(h.call('changes.apply', { changeId: id })).rejects.toThrow(/Not at this step/);
    },
  );

  it(
    'never applies twice: an intent left pending by a crash is settled from the server after restart',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const id = await startWithDraft((b) => ({
        ...b,
        eventMapping: { ...(b.eventMapping as object), custom_event: 'custom' },
      }));
      const s = await stateOf(id);
      const draft = (await h.call('changes.get', { changeId: id })).draft!.body;
      // Simulate the crash: the intent is journaled and the PUT landed, then the process died.
      const key = applyKey(id, 1, draft);
      // A stop between the journal's write and its commit: the line is in the workspace folder.
      appendFileSync(
        h.journalFile(id),
        JSON.stringify({
          seq: s.entries.length + 1,
          at: new Date().toISOString(),
          type: 'apply_intent',
          key,
          body: draft,
          ifMatch: s.baseline!.etag,
        }) + '\n',
      );
      await h.outsidePut('/ga4', draft, s.baseline!.etag);
      await h.close();

      await h.open();
      await until(async () => (await stateOf(id)).step === 'health');
      const after = await stateOf(id);
      expect(after.applied).toMatchObject({ key, recovered: true });
      expect(after.lastTest?.ok).toBe(true);
      expect(await h.puts()).toBe(0); // the new process sent no PUT at all
      expect(readFileSync(h.journalFile(id), 'utf8')).toContain('"recovered":true');
    },
  );

  it('keeps and edits the draft with the API unreachable', { timeout: 30_000 }, async () => {
    h = await new Harness().open();
    const id = await startWithDraft((b) => b);
    await h.core.sandbox!.close(); // the API is gone
    const d = await h.call('changes.saveDraft', {
      changeId: id,
      body: { enabled: true, config: { measurementId: 'nope' } },
    });
    expect(d.issues.some((i) => i.path.includes('measurementId'))).toBe(true);
    expect((await h.call('changes.get', { changeId: id })).draft?.body).toMatchObject({
      config: { measurementId: 'nope' },
    });
  });

  it(
    'a failing test offers rollback: Disable provider is recorded and closes as rolled back',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const v = await h.call('changes.start', { ...h.site, target: 'meta' });
      const id = foldChange(v.entries).id;
      const b = foldChange(v.entries).baseline!.body;
      await h.call('changes.saveDraft', {
        changeId: id,
        body: { ...b, config: { ...(b.config as object), advancedMatching: false } },
      });
      await h.call('drills.start', { ...h.site, scenario: 'credentials_revoked' });
      await h.call('changes.apply', { changeId: id });
      await until(async () => (await stateOf(id)).lastTest !== undefined);
      expect((await stateOf(id)).lastTest?.ok).toBe(false);
      const r = foldChange(
        (
          await h.call('changes.rollback', {
            ...h.site,
            target: 'meta',
            action: 'disable',
            changeId: id,
          })
        ).entries,
      );
      expect(r).toMatchObject({ step: 'close', rolledBack: true });
      expect((await h.call('integrations.get', { ...h.site, provider: 'meta' })).data.enabled).toBe(
        false,
      );
      const closed = foldChange(
        (await h.call('changes.close', { changeId: id, outcome: 'rolled_back' })).entries,
      );
      expect(closed.outcome).toBe('rolled_back');
    },
  );

  it(
    'a removed mapping is flagged by the preview and at Monitor, then restored from the snapshot',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      await saveRunbook('ga4', 0.25);
      const id = await startWithDraft((b) => {
        const m = { ...(b.eventMapping as Record<string, string>) };
        delete m.purchase;
        return { ...b, eventMapping: m };
      });
      const preview = await h.call('changes.preview', { changeId: id });
      expect(
        preview.impact!.flags.some((f) => f.event === 'purchase' && f.code === 'event_dropped'),
      ).toBe(true);
      await h.call('changes.apply', { changeId: id });
      await until(async () => (await stateOf(id)).step === 'health');
      await h.call('changes.health', { changeId: id });
      await h.call('changes.startMonitoring', { changeId: id });
      await until(async () =>
        (await stateOf(id)).anomalies.some(
          (a) => a.code === 'volume_down' && a.event === 'purchase',
        ),
      );
      expect(h.events.some((e) => e.name === 'changes.anomaly')).toBe(true);
      const r = foldChange(
        (await h.call('changes.rollback', { ...ga4(), action: 'restore', changeId: id })).entries,
      );
      expect(r.rollbacks.at(-1)).toMatchObject({ action: 'restore', ok: true, test: { ok: true } });
      expect(r.monitor?.summary?.fullWindow).toBe(false);
      expect(
        (await h.call('integrations.get', { ...h.site, provider: 'ga4' })).data.eventMapping
          .purchase,
      ).toBe('purchase');
    },
  );

  it(
    'a secret typed into a draft never lands in the journal, its export or the applied draft file',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const SECRET = 'ga4-api-secret-NEVER-ON-DISK-4242';
      const id = await startWithDraft((b) => ({
        ...b,
        config: { ...(b.config as object), apiSecret: SECRET },
      }));
      await h.call('changes.apply', { changeId: id });
      await until(async () => (await stateOf(id)).step === 'health');
      const { readdirSync } = await import('node:fs');
      // Nothing in the workspace (shared) nor beside it (the local draft copy is gone once applied).
      for (const root of ['workspace', 'workspace-local', 'workspace.git']) {
        const files = readdirSync(join(h.dir, root), { recursive: true, withFileTypes: true });
        for (const f of files.filter((x) => x.isFile() && !x.parentPath.includes('objects')))
          expect(readFileSync(join(f.parentPath, f.name), 'utf8'), f.name).not.toContain(SECRET);
      }
      // Git objects are compressed: read every blob the history holds instead.
      const { execFileSync } = await import('node:child_process');
      const all = execFileSync(
        'git',
        ['--git-dir', join(h.dir, 'workspace.git'), 'log', '-p', '--all'],
        { encoding: 'utf8' },
      );
      expect(all).not.toContain(SECRET);
      const json = await h.call('changes.export', { changeId: id, format: 'json' });
      expect(JSON.stringify(json)).not.toContain(SECRET);
      expect(JSON.stringify(await h.call('changes.get', { changeId: id }))).not.toContain(SECRET);
    },
  );
});
