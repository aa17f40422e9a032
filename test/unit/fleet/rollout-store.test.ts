import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { NewDamage } from '../../../main/core/damage/register';
import { RolloutStore } from '../../../main/core/fleet/rollout/rollout-store';

const ID = 'rol-20261201-0a1b2c3d';
const SITE = '00000000-0000-4000-8000-000000000001';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rollout-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A real journal of three lines, written by the store itself. */
async function journal(): Promise<string> {
  const store = new RolloutStore(dir);
  await store.append(ID, {
    type: 'created',
    rolloutId: ID,
    operator: 'Ada',
    title: 'Rollout of GA4: Mapping: add a → b',
    source: { changeId: 'chg-1', connectionId: 'sandbox', siteId: SITE, target: 'ga4' },
    patch: [{ kind: 'entry', field: 'eventMapping', key: 'a', from: null, to: 'b' }],
    sites: [{ key: 'site-2', connectionId: 'sandbox', siteId: SITE, label: 'Birch' }],
    waves: [1],
  });
  await store.append(ID, { type: 'site_started', key: 'site-2', changeId: 'chg-2' });
  await store.append(ID, { type: 'wave_passed', wave: 0 });
  return join(dir, `${ID}.jsonl`);
}

function reopen() {
  const reports: NewDamage[] = [];
  const store = new RolloutStore(
    dir,
    () => new Date('2026-12-01T10:00:00Z'),
    (r) => reports.push(r),
  );
  return { store, reports, problems: store.load() };
}

it('a torn last line (a crash mid-append) is reported and skipped; the rollout still resumes', async () => {
  const path = await journal();
  writeFileSync(path, `${readFileSync(path, 'utf8')}{"seq":4,"type":"fin`);
  const { store, reports, problems } = reopen();
  expect(await problems).toEqual([`${ID}.jsonl line 4: not valid JSON (a write was interrupted?)`]);
  expect(reports).toEqual([]);
  expect(store.get(ID)?.state.wave).toBe(1);
  // The next append starts a fresh line after the torn one, and is read back.
  await store.append(ID, { type: 'finished', outcome: 'completed' });
  const again = reopen();
  await again.problems;
  expect(again.store.get(ID)?.state.status).toBe('completed');
});

it.each([
  ['a line lost in the middle', (lines: string[]) => [lines[0], lines[2]], 'is missing entry 2'],
  ['its first line lost', (lines: string[]) => lines.slice(1), 'is missing entry 1'],
  ['no readable line', () => ['{not json'], 'has no readable entry'],
])(
  'a journal with %s is moved aside and reported: that rollout never resumes on a guess',
  async (_what, damage, reason) => {
    const path = await journal();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    writeFileSync(path, `${damage(lines).join('\n')}\n`);
    const { store, reports, problems } = reopen();
    await problems;
    expect(store.get(ID)).toBeUndefined();
    expect(store.all()).toEqual([]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ store: 'rollouts', file: path, reason });
    expect(reports[0]!.lost).toContain(ID);
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(reports[0]!.movedTo!, 'utf8')).toBe(`${damage(lines).join('\n')}\n`);
  },
);
