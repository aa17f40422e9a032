import { randomBytes } from 'node:crypto';
import { targetName } from '../../../../shared/domain/names';
import { fail, type Site } from '../../../../shared/bridge';
import { targetKind } from '../../../../shared/bridge/calls/snapshots-types';
import {
  describePatch,
  patchBetween,
  wavesProblem,
  type RolloutState,
} from '../../../../shared/domain/rollout';
import type { ChangeState } from '../../../../shared/domain/workflow/state';
import type { RolloutChanges } from './ports';
import type { RolloutStore } from './rollout-store';
import { RolloutRunner } from './runner';
import { rollBackWave } from './wave';

export interface RolloutServiceDeps {
  store: RolloutStore;
  changes: RolloutChanges;
  sites(): readonly Site[];
  changed(rolloutId: string): void;
  now(): Date;
  watchEveryMs?: number;
}

export interface RolloutRequest {
  changeId: string;
  keys: string[];
  waves: number[];
  monitorMinutes?: number | undefined;
}

const newId = (now: Date) =>
  `rol-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;

/** The change a rollout starts from: closed known-good, on a provider, with something to carry. */
export function rolloutSource(c: ChangeState) {
  if (c.kind !== 'change' || c.open || c.outcome !== 'known_good')
    fail('validation', 'Only a change that closed known-good can be rolled out to other sites.');
  if (targetKind(c.target) !== 'provider')
    fail(
      'validation',
      'Only provider changes can be rolled out: webhooks and data layers differ per site.',
    );
  if (!c.baseline || !c.applied) fail('validation', 'This change has no applied configuration.');
  const { ops, ignored } = patchBetween(c.baseline.body, c.applied.body);
  if (!ops.length)
    fail(
      'validation',
      'This change edited nothing a rollout carries (ids and secrets stay per site).',
    );
  return { ops, ignored, sentences: describePatch(ops) };
}

/** Rollouts: created from a known-good change, run in the background, halted, continued, rolled back. */
export class RolloutService {
  private readonly runner: RolloutRunner;
  private readonly running = new Map<string, Promise<void>>();
  private closing = false;

  constructor(private readonly d: RolloutServiceDeps) {
    this.runner = new RolloutRunner({ ...d, stopping: () => this.closing });
  }

  state(id: string): RolloutState {
    const held = this.d.store.get(id);
    if (!held) fail('not_found', `No rollout ${id}.`);
    return held.state;
  }

  /** Starts (or joins) the background run of a rollout; a failure halts it, never crashes main. */
  private kick(id: string): void {
    if (this.running.has(id) || this.closing) return;
    const run = this.runner
      .run(id)
      .catch(async (error: unknown) => {
        const r = this.d.store.get(id)?.state;
        if (r?.status === 'running' && !this.closing)
          await this.d.store
            .append(id, {
              type: 'halted',
              wave: r.wave,
              reason: `The rollout stopped on an error: ${String(error)}`,
            })
            .catch(() => undefined);
        this.d.changed(id);
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, run);
  }

  async create(req: RolloutRequest): Promise<RolloutState> {
    await this.d.changes.ready();
    const source = this.d.changes.state(req.changeId);
    const { ops, sentences } = rolloutSource(source);
    const saved = new Map(this.d.sites().map((s) => [s.id, s]));
    const picked = req.keys.map((k) => saved.get(k) ?? fail('not_found', `No saved site "${k}".`));
    if (new Set(req.keys).size !== req.keys.length) fail('validation', 'A site is picked twice.');
    if (picked.some((s) => s.siteId === source.siteId && s.connectionId === source.connectionId))
      fail('validation', 'The site the change was made on already has it: leave it out.');
    const problem = wavesProblem(req.waves, picked.length);
    if (problem) fail('validation', problem);
    const minimum = this.d.changes.monitorMinimumMinutes();
    if (req.monitorMinutes !== undefined && req.monitorMinutes < minimum)
      fail('validation', `Each wave is monitored for at least ${minimum} min (Settings).`);
    const id = newId(this.d.now());
    const state = await this.d.store.append(id, {
      type: 'created',
      rolloutId: id,
      operator: this.d.changes.operator(),
      title:
        `Rollout of ${targetName(source.target)}: ${sentences[0]}${sentences.length > 1 ? ` (+${sentences.length - 1})` : ''}`.slice(
          0,
          200,
        ),
      source: {
        changeId: source.id,
        connectionId: source.connectionId,
        siteId: source.siteId,
        target: source.target,
      },
      patch: ops,
      sites: picked.map((s) => ({
        key: s.id,
        connectionId: s.connectionId,
        siteId: s.siteId,
        label: s.label,
      })),
      waves: req.waves,
      ...(req.monitorMinutes !== undefined ? { monitorMinutes: req.monitorMinutes } : {}),
    });
    this.d.changed(id);
    this.kick(id);
    return state;
  }

  /** "Continue rollout": journaled with the operator's reason; the site it stopped at is passed over. */
  continue(id: string, reason: string): Promise<RolloutState> {
    return this.d.store.serial(id, async () => {
      if (this.state(id).status !== 'halted') fail('validation', 'The rollout is not halted.');
      const s = await this.d.store.append(id, {
        type: 'continued',
        operator: this.d.changes.operator(),
        reason,
      });
      this.d.changed(id);
      this.kick(id);
      return s;
    });
  }

  /** "Roll back this wave": each applied site of the halted wave back to its baseline, tested. */
  rollbackWave(id: string): Promise<RolloutState> {
    return this.d.store.serial(id, async () => {
      const r = this.state(id);
      if (r.status !== 'halted')
        fail('validation', 'Only a halted rollout can roll its wave back.');
      await this.running.get(id);
      const results = await rollBackWave(this.d.changes, r);
      await this.d.store.append(id, { type: 'wave_rolled_back', wave: r.wave, results });
      const s = await this.d.store.append(id, { type: 'finished', outcome: 'rolled_back' });
      this.d.changed(id);
      return s;
    });
  }

  /** After a restart: every rollout that was running goes on where it stopped. */
  resume(): void {
    for (const r of this.d.store.all()) if (r.status === 'running') this.kick(r.id);
  }

  /** Stops between steps; a running rollout stays "running" in its journal and resumes next start. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.running.values()]);
  }
}
