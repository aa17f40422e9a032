import { sitesOfWave, type RolloutState } from '../../../../shared/domain/rollout';
import { toAcknowledge } from '../../../../shared/domain/workflow/acknowledge';
import type { RolloutChanges } from './ports';
import { noEvidence } from './site-step';

export type WaveWatch = { kind: 'done' } | { kind: 'halt'; key: string; reason: string };

/** The applied, not passed-over sites of the current wave, with their change ids. */
export function liveSites(r: RolloutState): { key: string; label: string; changeId: string }[] {
  return sitesOfWave(r, r.wave).flatMap((s) => {
    const changeId = r.changeOf[s.key];
    return changeId && !r.skipped[s.key] ? [{ key: s.key, label: s.label, changeId }] : [];
  });
}

/** The wave's window: the rollout's own, else the longest business cycle of its sites' runbooks. */
export async function windowMinutes(changes: RolloutChanges, r: RolloutState): Promise<number> {
  let minutes = r.monitorMinutes ?? 0;
  if (r.monitorMinutes === undefined)
    for (const s of sitesOfWave(r, r.wave))
      minutes = Math.max(
        minutes,
        await changes.businessCycleMinutes({ ...s, target: r.source.target }),
      );
  return Math.max(minutes, changes.monitorMinimumMinutes());
}

/** Starts monitoring on every live site of the wave that is not monitored yet (also after a restart). */
export async function startWaveMonitors(
  changes: RolloutChanges,
  r: RolloutState,
  minutes: number,
): Promise<void> {
  for (const s of liveSites(r)) {
    const c = changes.state(s.changeId);
    if (c.open && c.step === 'monitor' && !c.monitor)
      await changes.startMonitoring(s.changeId, minutes);
  }
}

/**
 * One look at the wave's monitors: an anomaly (or a change closed by hand) halts the rollout; the
 * wave is done when every monitor has its summary.
 */
export function watchWave(changes: RolloutChanges, r: RolloutState): WaveWatch | undefined {
  let done = true;
  for (const s of liveSites(r)) {
    const c = changes.state(s.changeId);
    if (c.anomalies.length)
      return {
        kind: 'halt',
        key: s.key,
        reason: `Anomaly on ${s.label} while the wave was monitored: ${c.anomalies.map((a) => a.message).join(' ')}`,
      };
    if (!c.open && c.outcome !== 'known_good')
      return {
        kind: 'halt',
        key: s.key,
        reason: `The change on ${s.label} was ${c.outcome ?? 'closed'} by hand while the wave was monitored.`,
      };
    if (c.open && !c.monitor?.summary) done = false;
  }
  return done ? { kind: 'done' } : undefined;
}

/**
 * Closes each change of a monitored wave known-good (its after snapshot becomes the known-good).
 * Known-good needs every regression and anomaly of a change acknowledged. A health "unknown" right
 * after the apply was no evidence and the window that just passed decided, so the rollout
 * acknowledges that with its reason; anything else is for the operator to read, so the rollout
 * halts at that site (whose change stays open at Close) instead of marking it known-good.
 */
export async function closeWave(
  changes: RolloutChanges,
  r: RolloutState,
): Promise<WaveWatch | undefined> {
  for (const s of liveSites(r)) {
    const c = changes.state(s.changeId);
    if (!c.open || c.step !== 'close' || c.rolledBack) continue;
    const items = toAcknowledge(c);
    const unknownOnly =
      noEvidence(c.health?.comparison) && items.every((i) => i.startsWith('Health regression: '));
    if (items.length && !unknownOnly)
      return {
        kind: 'halt',
        key: s.key,
        reason: `${s.label} cannot be marked known-good: acknowledge on its change first. ${items.join(' ')}`,
      };
    try {
      if (items.length)
        await changes.acknowledge(
          s.changeId,
          items,
          `Rollout ${r.id}: health was unknown right after the apply (no deliveries yet); wave ${r.wave + 1} was monitored without an anomaly.`,
        );
      await changes.close(s.changeId, 'known_good', `Rollout ${r.id}, wave ${r.wave + 1} passed.`);
    } catch (error) {
      return {
        kind: 'halt',
        key: s.key,
        reason: `The change on ${s.label} could not be marked known-good: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  return undefined;
}

/**
 * "Roll back this wave": every site of the wave whose config this rollout changed (passed-over
 * ones too) is restored to its baseline and tested; changes not applied yet are abandoned.
 */
export async function rollBackWave(changes: RolloutChanges, r: RolloutState) {
  const results: {
    key: string;
    changeId: string;
    ok: boolean;
    testOk?: boolean;
    error?: string;
  }[] = [];
  for (const s of sitesOfWave(r, r.wave)) {
    const changeId = r.changeOf[s.key];
    if (!changeId) continue;
    const c = changes.state(changeId);
    if (!c.open) continue;
    const note = `Rollout ${r.id}: wave ${r.wave + 1} rolled back.`;
    if (!c.applied && !c.pendingIntent && !c.rolledBack) {
      await changes.close(changeId, 'abandoned', note);
      continue;
    }
    try {
      const after = await changes.restoreBaseline(changeId);
      const last = after.rollbacks.at(-1);
      results.push({
        key: s.key,
        changeId,
        ok: !!last?.ok,
        ...(last?.test ? { testOk: last.test.ok } : {}),
      });
      await changes.close(changeId, 'rolled_back', note);
    } catch (error) {
      results.push({
        key: s.key,
        changeId,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}
