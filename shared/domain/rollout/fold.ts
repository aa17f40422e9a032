import type { RolloutEntry, RolloutSite } from './entries';
import type { PatchOp } from './patch';
import { waveOf } from './waves';

export type RolloutStatus = 'running' | 'halted' | 'completed' | 'rolled_back';

export interface RolloutHalt {
  at: string;
  wave: number;
  key: string | undefined;
  changeId: string | undefined;
  reason: string;
}

/** A rollout as its journal says it is: pure, shared by main (the runner) and the screens. */
export interface RolloutState {
  id: string;
  operator: string;
  title: string;
  createdAt: string;
  source: Extract<RolloutEntry, { type: 'created' }>['source'];
  patch: PatchOp[];
  sites: (RolloutSite & { wave: number })[];
  waves: number[];
  monitorMinutes: number | undefined;
  status: RolloutStatus;
  /** The first wave not yet passed (= waves.length once all passed). */
  wave: number;
  changeOf: Record<string, string>;
  /** Sites left out, with why (the patch did not apply, a lock, or passed over on "Continue"). */
  skipped: Record<string, string>;
  monitoring: Record<number, { minutes: number; endsAt: string }>;
  passed: number[];
  /** The halt the operator has to decide on (undefined while running or after a decision). */
  halt: RolloutHalt | undefined;
  halts: RolloutHalt[];
  continues: { at: string; operator: string; reason: string }[];
  rolledBack: Extract<RolloutEntry, { type: 'wave_rolled_back' }> | undefined;
  finishedAt: string | undefined;
  entries: RolloutEntry[];
}

export function foldRollout(entries: readonly RolloutEntry[]): RolloutState {
  const first = entries[0];
  if (!first || first.type !== 'created')
    throw new Error('a rollout journal starts with a "created" entry');
  const s: RolloutState = {
    id: first.rolloutId,
    operator: first.operator,
    title: first.title,
    createdAt: first.at,
    source: first.source,
    patch: first.patch,
    sites: first.sites.map((site, i) => ({ ...site, wave: waveOf(first.waves, i) })),
    waves: first.waves,
    monitorMinutes: first.monitorMinutes,
    status: 'running',
    wave: 0,
    changeOf: {},
    skipped: {},
    monitoring: {},
    passed: [],
    halt: undefined,
    halts: [],
    continues: [],
    rolledBack: undefined,
    finishedAt: undefined,
    entries: [...entries],
  };
  for (const e of entries) {
    switch (e.type) {
      case 'created':
        break;
      case 'site_started':
        s.changeOf[e.key] = e.changeId;
        break;
      case 'site_skipped':
        s.skipped[e.key] = e.reason;
        if (e.changeId) s.changeOf[e.key] = e.changeId;
        break;
      case 'wave_monitoring':
        s.monitoring[e.wave] = { minutes: e.minutes, endsAt: e.endsAt };
        break;
      case 'wave_passed':
        s.passed.push(e.wave);
        break;
      case 'halted':
        s.halt = { at: e.at, wave: e.wave, key: e.key, changeId: e.changeId, reason: e.reason };
        s.halts.push(s.halt);
        s.status = 'halted';
        break;
      case 'continued':
        s.continues.push({ at: e.at, operator: e.operator, reason: e.reason });
        // The site the rollout stopped at is passed over; its change stays for the operator.
        if (s.halt?.key) s.skipped[s.halt.key] ??= `Passed over on "Continue rollout": ${e.reason}`;
        s.halt = undefined;
        s.status = 'running';
        break;
      case 'wave_rolled_back':
        s.rolledBack = e;
        s.halt = undefined;
        break;
      case 'finished':
        s.status = e.outcome;
        s.finishedAt = e.at;
        break;
    }
  }
  while (s.passed.includes(s.wave)) s.wave++;
  return s;
}

/** The sites of one wave, in rollout order. */
export function sitesOfWave(s: RolloutState, wave: number): RolloutState['sites'] {
  return s.sites.filter((x) => x.wave === wave);
}
