import { OpsFailure } from '../../../../shared/bridge';
import { sitesOfWave, type RolloutState } from '../../../../shared/domain/rollout';
import type { ChangeState } from '../../../../shared/domain/workflow/state';
import type { RolloutChanges } from './ports';
import type { RolloutStore } from './rollout-store';
import { advanceSite } from './site-step';
import { closeWave, startWaveMonitors, watchWave, windowMinutes } from './wave';

export interface RunnerDeps {
  store: RolloutStore;
  changes: RolloutChanges;
  changed(rolloutId: string): void;
  now(): Date;
  /** True once the app is closing: the run stops between steps and resumes at the next start. */
  stopping: () => boolean;
  /** How often a monitored wave is looked at. */
  watchEveryMs?: number;
}

type Site = RolloutState['sites'][number];

/**
 * Drives one rollout from its journal: wave by wave, site by site (one at a time, as the runbook
 * advises), then the wave's monitoring window, then the next wave. It can be started again at any
 * moment (after a restart, after "Continue rollout") and picks up at the exact site and step.
 */
export class RolloutRunner {
  constructor(private readonly d: RunnerDeps) {}

  private state(id: string): RolloutState {
    return this.d.store.get(id)!.state;
  }

  private async append(id: string, entry: Parameters<RolloutStore['append']>[1]) {
    const s = await this.d.store.append(id, entry);
    this.d.changed(id);
    return s;
  }

  private async halt(r: RolloutState, reason: string, key?: string): Promise<void> {
    const changeId = key ? r.changeOf[key] : undefined;
    await this.append(r.id, {
      type: 'halted',
      wave: r.wave,
      ...(key ? { key } : {}),
      ...(changeId ? { changeId } : {}),
      reason,
    });
  }

  async run(id: string): Promise<void> {
    await this.d.changes.ready();
    for (;;) {
      const r = this.state(id);
      if (r.status !== 'running') return;
      if (r.wave >= r.waves.length) {
        await this.append(id, { type: 'finished', outcome: 'completed' });
        return;
      }
      for (const site of sitesOfWave(r, r.wave)) {
        if (this.d.stopping() || !(await this.site(id, site))) return;
      }
      if (this.d.stopping() || !(await this.monitor(id))) return;
      const now = this.state(id);
      const refused = await closeWave(this.d.changes, now);
      if (refused?.kind === 'halt') return this.halt(now, refused.reason, refused.key);
      await this.append(id, { type: 'wave_passed', wave: now.wave });
    }
  }

  /** The site's change (from the rollout's journal, or found by its link after a crash). */
  private changeOf(r: RolloutState, site: Site): ChangeState | undefined {
    const known = r.changeOf[site.key];
    if (known) return this.d.changes.state(known);
    return this.d.changes
      .all()
      .find(
        (c) =>
          c.rollout?.id === r.id &&
          c.siteId === site.siteId &&
          c.connectionId === site.connectionId,
      );
  }

  /** One site of the current wave; false when the rollout halted. */
  private async site(id: string, site: Site): Promise<boolean> {
    let r = this.state(id);
    if (r.skipped[site.key]) return true;
    let change = this.changeOf(r, site);
    if (!change) {
      const open = this.d.changes.openOn(site.connectionId, site.siteId);
      if (open) {
        await this.skip(id, site.key, undefined, lockReason(open));
        return true;
      }
      try {
        change = await this.d.changes.start(
          { connectionId: site.connectionId, siteId: site.siteId, target: r.source.target },
          `${r.title} (wave ${site.wave + 1})`,
          { id: r.id, wave: site.wave },
        );
      } catch (error) {
        if (error instanceof OpsFailure && error.error.kind === 'conflict') {
          await this.skip(id, site.key, undefined, `Locked: ${error.error.message}`);
          return true;
        }
        await this.halt(
          r,
          `The change on ${site.label} could not be started: ${String(error)}`,
          site.key,
        );
        return false;
      }
    }
    if (!r.changeOf[site.key])
      r = await this.append(id, { type: 'site_started', key: site.key, changeId: change.id });
    const outcome = await advanceSite(this.d.changes, r, site, change.id, this.d.stopping);
    this.d.changed(id);
    if (outcome.kind === 'stopped') return false;
    if (outcome.kind === 'skipped') await this.skip(id, site.key, change.id, outcome.reason);
    if (outcome.kind === 'halt') {
      await this.halt(this.state(id), outcome.reason, site.key);
      return false;
    }
    return true;
  }

  private async skip(id: string, key: string, changeId: string | undefined, reason: string) {
    await this.append(id, { type: 'site_skipped', key, ...(changeId ? { changeId } : {}), reason });
  }

  /** The wave's monitoring window; false when it halted the rollout. */
  private async monitor(id: string): Promise<boolean> {
    let r = this.state(id);
    const planned = r.monitoring[r.wave];
    const minutes = planned?.minutes ?? (await windowMinutes(this.d.changes, r));
    await startWaveMonitors(this.d.changes, r, minutes);
    if (!planned) {
      const endsAt = new Date(this.d.now().getTime() + minutes * 60_000).toISOString();
      await this.append(id, { type: 'wave_monitoring', wave: r.wave, minutes, endsAt });
    }
    for (;;) {
      r = this.state(id);
      if (r.status !== 'running' || this.d.stopping()) return false;
      const seen = watchWave(this.d.changes, r);
      if (seen?.kind === 'done') return true;
      if (seen?.kind === 'halt') {
        await this.halt(r, seen.reason, seen.key);
        return false;
      }
      await new Promise((ok) => setTimeout(ok, this.d.watchEveryMs ?? 1_000));
    }
  }
}

function lockReason(open: ChangeState): string {
  return `Another change is open on this site ("${open.title ?? open.target}" by ${open.operator || 'someone'}, ${open.id}, at ${open.step}); locks are respected, so the site was left out.`;
}
