import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChangeStore } from '../../../main/core/changes/store';
import { DamageRegister } from '../../../main/core/damage/register';
import { sweepStrayTempFiles } from '../../../main/core/fs/stray-temp';
import { RunbookStore } from '../../../main/core/runbooks/store';
import { createConfBackend } from '../../../main/core/settings/conf-backend';
import { SettingsStore } from '../../../main/core/settings/settings-store';

// Issue 13: the SIGKILL durability test, extended to the change journal, runbooks and settings.
const ROOT = resolve(import.meta.dirname, '../../..');
const WRITER = resolve(import.meta.dirname, 'fixtures/storm-writer.ts');
const KILLS = 20;
const TEMP = /^(\..+\.[0-9a-f]{12}\.tmp|.+\.tmp-\d{10}[0-9a-f]{6})$/;

/** Runs the writer, kills it with SIGKILL a random moment into the storm, returns its acks. */
function stormAndKill(dir: string, seed: number): Promise<string[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(seed)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let armed = false;
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      // Armed by the first acknowledged write (not by a clock: on a loaded machine the storm
      // may take a while to start), then killed a random moment into the storm.
      if (!armed && /^[JRS] /m.test(out)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 400));
      }
    });
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL'
        ? done(out.split('\n').filter((l) => /^[JRS] /.test(l)))
        : fail(new Error(`writer exited ${code}: ${err}`)),
    );
  });
}

function tempFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((p) => TEMP.test(basename(p)));
}

const dir = mkdtempSync(join(tmpdir(), 'kill-storm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`${KILLS} SIGKILLs during a write storm on the journal, runbooks and settings`, () => {
  it(
    'lose nothing acknowledged, damage nothing, and leave no temp file after the next start',
    { timeout: 300_000 },
    async () => {
      let acked = { journal: 0, runbooks: 0, settings: 0 };
      let strayBeforeStart = 0;
      const writes = { J: 0, R: 0, S: 0 };
      for (let seed = 1; seed <= KILLS; seed++) {
        const acks = await stormAndKill(dir, seed);
        expect(acks.length, `kill ${seed}: the writer wrote before it was killed`).toBeGreaterThan(
          0,
        );
        for (const a of acks) writes[a[0] as keyof typeof writes]++;

        // The next start: leftovers swept before any store opens, then every store opened.
        strayBeforeStart += tempFiles(dir).length;
        await sweepStrayTempFiles(dir);
        expect(tempFiles(dir)).toEqual([]);
        const damage = await DamageRegister.open(dir);
        const settings = await SettingsStore.open(dir, createConfBackend);
        const changes = new ChangeStore(join(dir, 'changes'), () => new Date(), damage.sink);
        await changes.load();
        const runbooks = new RunbookStore(join(dir, 'runbooks'), damage.sink);

        // Journal: every acknowledged entry is there, in order; no journal was found damaged.
        const lastSeq = new Map<string, number>();
        for (const a of acks.filter((l) => l.startsWith('J '))) {
          const [, id, seq] = a.split(' ');
          lastSeq.set(id!, Number(seq));
        }
        for (const [id, seq] of lastSeq) {
          const held = changes.get(id);
          expect(held, `${id} is readable`).toBeDefined();
          expect(held!.entries.length).toBeGreaterThanOrEqual(seq);
          expect(held!.entries.map((e) => e.seq)).toEqual(held!.entries.map((_e, i) => i + 1));
        }
        expect(changes.damaged.list()).toEqual([]);

        // Runbooks: each target holds its last acknowledged save of this storm, or a later one.
        const lastRunbook = new Map<string, number>();
        for (const a of acks.filter((l) => l.startsWith('R '))) {
          const [, siteId, target, , k] = a.split(' ');
          lastRunbook.set(`${siteId} ${target}`, Number(k));
        }
        for (const [key, k] of lastRunbook) {
          const [siteId, target] = key.split(' ') as [string, 'ga4' | 'meta'];
          const rb = await runbooks.get('sandbox', siteId, target);
          expect(rb.owner.startsWith(`owner-${seed}-`), key).toBe(true);
          expect(Number(rb.notes)).toBeGreaterThanOrEqual(k);
        }

        // Settings: the last acknowledged update of this storm, or a later one.
        const lastSettings = acks.filter((l) => l.startsWith('S ')).at(-1);
        if (lastSettings) {
          const k = Number(lastSettings.split(' ')[2]);
          const name = settings.settings.operatorName;
          expect(name.startsWith(`storm-${seed}-`)).toBe(true);
          expect(Number(name.split('-')[2])).toBeGreaterThanOrEqual(k);
        }
        expect(settings.damage).toEqual([]);
        expect(damage.list()).toEqual([]);
        acked = {
          journal: acked.journal + [...lastSeq.values()].reduce((x, y) => x + y, 0),
          runbooks: acked.runbooks + lastRunbook.size,
          settings: acked.settings + (lastSettings ? 1 : 0),
        };
      }
      expect(acked.journal).toBeGreaterThan(KILLS);
      expect(acked.settings).toBeGreaterThan(KILLS / 2);
      console.log(
        `kill storm: ${KILLS} kills; acknowledged writes: ${writes.J} journal appends, ${writes.R} runbook saves, ${writes.S} settings updates; ${strayBeforeStart} stray temp files swept at the next starts`,
      );
    },
  );
});
